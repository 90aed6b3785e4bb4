"""Use cases of the district ledger whose legal acts belong together — each one transaction (issue 11 §3).

* :func:`record_acceptance`: the acceptance record and (when asked) its 验收意见 — both or neither;
* :func:`issue_acceptance_document`: the 验收意见 of an acceptance recorded earlier without one;
* :func:`decide_change`: the decision on a change request, the ledger move and (when asked) the 同意变更 document;
* :func:`issue_change_document`: the 同意变更 document of a change approved earlier without one.

The document-id guard ("this acceptance / change already has its document") is taken INSIDE the transaction: the
row is read ``FOR UPDATE`` (PostgreSQL: a row lock, so a second issuer waits and then sees the first one's
document; SQLite: write transactions are ``BEGIN IMMEDIATE`` and serialised), so two concurrent issuers cannot both
issue — the second gets a clear message and no 文号 is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.archive import audit
from reviewer.archive.models import LedgerAcceptance, LedgerChangeRequest, Opinion, Project
from reviewer.domain.model import Submission
from reviewer.errors import UserError
from reviewer.ledger.acceptance import run_acceptance
from reviewer.ledger.acceptance_doc import acceptance_sections
from reviewer.ledger.changes import change_sections, decide_change_request
from reviewer.opinion.service import IssuedDocument
from reviewer.usecases.base import Change, Context, Result
from reviewer.usecases.opinions import IssueRequest, issue_in

LEDGER_CHANGES = frozenset({Change.LEDGER, Change.PROJECTS})


@dataclass(frozen=True)
class AcceptanceRequest:
    """Record the 节能审查验收 of ``project_code`` from the actual data; ``issue`` also issues its 验收意见."""

    project_code: str
    actual: Submission
    accepted_on: date | None = None
    source_name: str = ""
    issue: bool = False
    signer: Any | None = None
    actor: str = ""


@dataclass(frozen=True)
class AcceptanceOutcome:
    acceptance_id: int
    comparison: dict[str, Any]
    document: IssuedDocument | None = None


@dataclass(frozen=True)
class AcceptanceDocumentRequest:
    acceptance_id: int
    signer: Any | None = None
    issued_on: date | None = None
    actor: str = ""


@dataclass(frozen=True)
class ChangeDecisionRequest:
    """Decide change request ``request_id``; ``issue`` (approved_change only) also issues the 同意变更 document."""

    request_id: int
    outcome: str
    reason: str
    decided_on: date | None = None
    issue: bool = False
    signer: Any | None = None
    actor: str = ""


@dataclass(frozen=True)
class ChangeDecision:
    request_id: int
    outcome: str
    ledger_action: str
    document: IssuedDocument | None = None


@dataclass(frozen=True)
class ChangeDocumentRequest:
    request_id: int
    signer: Any | None = None
    issued_on: date | None = None
    actor: str = ""


def _locked(s: Session, cls: type, row_id: int) -> Any:
    """``row_id`` of ``cls`` read FOR UPDATE (the guard row of a document that must be issued once)."""
    return s.scalars(select(cls).where(cls.id == row_id).with_for_update()).first()


def _issue_acceptance_in(s: Session, ctx: Context, acceptance_id: int, *, signer: Any | None, day: date,
                         actor: str) -> IssuedDocument:
    acc = _locked(s, LedgerAcceptance, acceptance_id)
    if acc is None:
        raise UserError(f"没有编号为 {acceptance_id} 的验收记录。", f"No acceptance #{acceptance_id}.")
    if acc.document_id is not None:
        number = s.scalar(select(Opinion.doc_number).where(Opinion.id == acc.document_id))
        raise UserError(f"验收记录 {acceptance_id} 已出具验收意见 {number}，未重复出具。",
                        f"Acceptance {acceptance_id} already has its document {number}; nothing issued.")
    code = s.get(Project, acc.project_id).code
    comparison = acc.comparison
    doc = issue_in(s, ctx, IssueRequest(
        project_code=code, kind="acceptance", signer=signer, issued_on=day, actor=actor,
        sections=tuple(acceptance_sections(acc, s.get(Opinion, acc.opinion_id))),
        extra={"acceptance": comparison},
        audit_reason=f"节能审查验收（{'超出批复水平' if comparison['outcome'] == 'overrun' else '合格'}）"))
    acc.document_id, acc.sha256 = doc.opinion_id, doc.sha256
    audit.record(s, actor=actor, action="ledger.acceptance.document", entity="acceptance", entity_id=acceptance_id,
                 payload={"doc_number": doc.doc_number, "sha256": doc.sha256})
    return doc


def record_acceptance(ctx: Context, req: AcceptanceRequest) -> Result[AcceptanceOutcome]:
    """Compare the actual figures with the approval, record the acceptance and, with ``issue``, its 验收意见 —
    one transaction (令第31号 第二十条 验收; a failure while signing leaves neither the record nor the document)."""
    day = req.accepted_on or ctx.today()
    actor = ctx.who(req.actor)

    def work(s: Session) -> AcceptanceOutcome:
        res = run_acceptance(s, req.project_code, req.actual, accepted_on=day, actor=actor,
                             source_name=req.source_name)
        s.flush()
        doc = _issue_acceptance_in(s, ctx, res.acceptance.id, signer=req.signer, day=day, actor=actor) \
            if req.issue else None
        return AcceptanceOutcome(res.acceptance.id, res.comparison.to_dict(), doc)

    out = ctx.archive.run_write(work)
    return Result(out, LEDGER_CHANGES | ({Change.OPINIONS} if out.document else set()))


def issue_acceptance_document(ctx: Context, req: AcceptanceDocumentRequest) -> Result[IssuedDocument]:
    """The 验收意见 of an acceptance recorded without one (e.g. signing failed then); refused if it has one."""
    day, actor = req.issued_on or ctx.today(), ctx.who(req.actor)
    doc = ctx.archive.run_write(lambda s: _issue_acceptance_in(s, ctx, req.acceptance_id, signer=req.signer,
                                                               day=day, actor=actor))
    return Result(doc, LEDGER_CHANGES | {Change.OPINIONS})


def _issue_change_in(s: Session, ctx: Context, request_id: int, *, signer: Any | None, day: date,
                     actor: str) -> IssuedDocument:
    cr = _locked(s, LedgerChangeRequest, request_id)
    if cr is None or cr.status != "approved_change":
        raise UserError(f"变更申请 {request_id} 未获同意变更，不能出具同意变更文书。",
                        f"Change request {request_id} is not an approved change.")
    if cr.decision_opinion_id:
        number = s.scalar(select(Opinion.doc_number).where(Opinion.id == cr.decision_opinion_id))
        raise UserError(f"变更申请 {request_id} 已出具文书 {number}，未重复出具。",
                        f"Change request {request_id} already has its document {number}; nothing issued.")
    code = s.get(Project, cr.project_id).code
    doc = issue_in(s, ctx, IssueRequest(project_code=code, kind="change", signer=signer, issued_on=day, actor=actor,
                                        sections=tuple(change_sections(s, cr)), audit_reason="同意变更决定"))
    cr.decision_opinion_id = doc.opinion_id
    audit.record(s, actor=actor, action="ledger.change.document", entity="change_request", entity_id=request_id,
                 payload={"doc_number": doc.doc_number, "sha256": doc.sha256})
    return doc


def decide_change(ctx: Context, req: ChangeDecisionRequest) -> Result[ChangeDecision]:
    """Decide a change request (令第31号 第十九条), move the ledger and, with ``issue``, issue the 同意变更 document
    — one transaction: the decision never stands without its document when one was asked for."""
    if req.issue and req.outcome != "approved_change":
        raise UserError("只有同意变更才出具同意变更文书；重新审查按新申请办理。",
                        "Only an approved change gets a decision document.")
    day, actor = req.decided_on or ctx.today(), ctx.who(req.actor)

    def work(s: Session) -> ChangeDecision:
        _locked(s, LedgerChangeRequest, req.request_id)
        out = decide_change_request(s, req.request_id, outcome=req.outcome, decided_on=day, actor=actor,
                                    reason=req.reason, today=day)
        doc = _issue_change_in(s, ctx, req.request_id, signer=req.signer, day=day, actor=actor) \
            if req.issue else None
        return ChangeDecision(req.request_id, req.outcome, out.ledger_action, doc)

    out = ctx.archive.run_write(work)
    return Result(out, LEDGER_CHANGES | ({Change.OPINIONS} if out.document else set()))


def issue_change_document(ctx: Context, req: ChangeDocumentRequest) -> Result[IssuedDocument]:
    """The 同意变更 document of a change approved without one; refused if it has one."""
    day, actor = req.issued_on or ctx.today(), ctx.who(req.actor)
    doc = ctx.archive.run_write(lambda s: _issue_change_in(s, ctx, req.request_id, signer=req.signer, day=day,
                                                           actor=actor))
    return Result(doc, LEDGER_CHANGES | {Change.OPINIONS})
