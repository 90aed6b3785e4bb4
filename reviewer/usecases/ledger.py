"""Use cases of the district ledger whose legal acts belong together — each one transaction (issue 11 §3).

* :func:`record_acceptance`: the acceptance record and (when asked) its 验收意见 — both or neither;
* :func:`issue_acceptance_document`: the 验收意见 of an acceptance recorded earlier without one;
* :func:`decide_change`: the decision on a change request, the ledger move and (when asked) the 同意变更 document;
* :func:`issue_change_document`: the 同意变更 document of a change approved earlier without one;
* :func:`sync_ledger`, :func:`set_budget`, :func:`import_ledger`, :func:`record_start`,
  :func:`record_green_certificates`, :func:`record_energy_source`, :func:`file_change`: the ledger's own records,
  each synchronising the ledger and recording its fact in one transaction; :func:`reading` is the read-only
  session of the ledger's queries.

The document-id guard ("this acceptance / change already has its document") is taken INSIDE the transaction: the
row is read ``FOR UPDATE`` (PostgreSQL: a row lock, so a second issuer waits and then sees the first one's
document; SQLite: write transactions are ``BEGIN IMMEDIATE`` and serialised), so two concurrent issuers cannot both
issue — the second gets a clear message and no 文号 is used.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.archive import audit
from reviewer.archive.models import LedgerAcceptance, LedgerChangeRequest, Opinion, Project
from reviewer.domain.model import Submission
from reviewer.errors import Problem, UserError
from reviewer.ledger.acceptance import run_acceptance
from reviewer.ledger.acceptance_doc import acceptance_sections, unverified_parameters
from reviewer.ledger.budget import set_budget as ledger_set_budget
from reviewer.ledger.changes import change_sections, decide_change_request, file_change_request
from reviewer.ledger.entries import (record_construction_start, set_energy_source, set_green_certificates,
                                     sync_all)
from reviewer.ledger.importer import ImportResult, import_ledger_workbook
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
    confirm_unverified: str = ""  # the reviewer's reason, audited, printed nowhere (corrections.md F)


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
    confirm_unverified: str = ""


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


def _acceptance_confirmation(acc: LedgerAcceptance, signer: Any | None, reason: str) -> dict[str, Any] | None:
    """A signed 验收意见 that cites unverified parameters needs the reviewer's confirmation (corrections.md F):
    refused without it (nothing written), audited with it; unsigned drafts keep the “（未核实）” mark."""
    pending = unverified_parameters(acc)
    if signer is None or not pending:
        return None
    if not reason.strip():
        items = "\n".join(f"  · {pid} {label}" for pid, label in pending)
        raise UserError(f"验收意见引用了{len(pending)}项未核实的参数，签发前须由审查人员确认并写明理由"
                        f"（--confirm-unverified 理由），确认记入审计链、不印入文书；未签发，验收记录未保存：\n{items}",
                        f"The acceptance opinion cites {len(pending)} unverified parameters; confirm them with "
                        "--confirm-unverified REASON. Nothing was signed or recorded.")
    return {"reason": reason.strip(), "parameters": [pid for pid, _ in pending]}


def _issue_acceptance_in(s: Session, ctx: Context, acceptance_id: int, *, signer: Any | None, day: date,
                         actor: str, confirm_unverified: str = "") -> IssuedDocument:
    acc = _locked(s, LedgerAcceptance, acceptance_id)
    if acc is None:
        raise UserError(f"没有编号为 {acceptance_id} 的验收记录。", f"No acceptance #{acceptance_id}.")
    if acc.document_id is not None:
        number = s.scalar(select(Opinion.doc_number).where(Opinion.id == acc.document_id))
        raise UserError(f"验收记录 {acceptance_id} 已出具验收意见 {number}，未重复出具。",
                        f"Acceptance {acceptance_id} already has its document {number}; nothing issued.")
    code = s.get(Project, acc.project_id).code
    comparison = acc.comparison
    confirmed = _acceptance_confirmation(acc, signer, confirm_unverified)
    doc = issue_in(s, ctx, IssueRequest(
        project_code=code, kind="acceptance", signer=signer, issued_on=day, actor=actor,
        sections=tuple(acceptance_sections(acc, s.get(Opinion, acc.opinion_id), confirmed=confirmed is not None)),
        extra={"acceptance": comparison},
        audit_reason=f"节能审查验收（{'超出批复水平' if comparison['outcome'] == 'overrun' else '合格'}）"))
    acc.document_id, acc.sha256 = doc.opinion_id, doc.sha256
    audit.record(s, actor=actor, action="ledger.acceptance.document", entity="acceptance", entity_id=acceptance_id,
                 payload={"doc_number": doc.doc_number, "sha256": doc.sha256,
                          **({"confirmations": {"unverified": confirmed}} if confirmed else {})})
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
        doc = _issue_acceptance_in(s, ctx, res.acceptance.id, signer=req.signer, day=day, actor=actor,
                                   confirm_unverified=req.confirm_unverified) \
            if req.issue else None
        return AcceptanceOutcome(res.acceptance.id, res.comparison.to_dict(), doc)

    out = ctx.archive.run_write(work)
    return Result(out, LEDGER_CHANGES | ({Change.OPINIONS} if out.document else set()))


def issue_acceptance_document(ctx: Context, req: AcceptanceDocumentRequest) -> Result[IssuedDocument]:
    """The 验收意见 of an acceptance recorded without one (e.g. signing failed then); refused if it has one."""
    day, actor = req.issued_on or ctx.today(), ctx.who(req.actor)
    doc = ctx.archive.run_write(lambda s: _issue_acceptance_in(s, ctx, req.acceptance_id, signer=req.signer,
                                                               day=day, actor=actor,
                                                               confirm_unverified=req.confirm_unverified))
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


# -- the ledger's own records (budgets, construction start, green certificates, energy source, change requests) -------
# Each brings the ledger in line with the archive first (opinions in force, approved changes, lapses as of ``day``)
# and then records its fact, in ONE transaction: what is recorded is never against a stale entry, and a failure
# leaves neither half.


@dataclass(frozen=True)
class SyncRequest:
    day: date | None = None  # lapses as of this day (default: the office's today)
    actor: str = ""


def _sync_in(s: Session, ctx: Context, day: date | None, actor: str) -> list[Any]:
    return sync_all(s, actor=ctx.who(actor), today=day or ctx.today())


def sync_ledger(ctx: Context, req: SyncRequest | None = None) -> Result[list[Any]]:
    """Bring the ledger in line with the archive (令第31号 第十九条 lapses included)."""
    req = req or SyncRequest()
    out = ctx.archive.run_write(lambda s: _sync_in(s, ctx, req.day, req.actor))
    return Result(out, LEDGER_CHANGES)


@dataclass(frozen=True)
class BudgetRequest:
    year: int
    reason: str
    town: str = ""
    industry_code: str = ""
    energy_equivalent_tce: Any = None
    energy_equal_value_tce: Any = None
    carbon_tco2: Any = None
    note: str | None = None
    actor: str = ""


@dataclass(frozen=True)
class BudgetSaved:
    year: int
    town: str
    industry_code: str
    warnings: list[Problem]


def set_budget(ctx: Context, req: BudgetRequest) -> Result[BudgetSaved]:
    """Set or change one district budget row, audited with its reason (the engine's regional section then reads it
    as a dated override layer instead of the placeholder parameter)."""

    def work(s: Session) -> BudgetSaved:
        _row, warnings = ledger_set_budget(
            s, year=req.year, town=req.town, industry_code=req.industry_code, actor=ctx.who(req.actor),
            reason=req.reason, energy_equivalent_tce=req.energy_equivalent_tce,
            energy_equal_value_tce=req.energy_equal_value_tce, carbon_tco2=req.carbon_tco2, note=req.note)
        return BudgetSaved(req.year, req.town, req.industry_code, list(warnings))

    return Result(ctx.archive.run_write(work), frozenset({Change.LEDGER, Change.ASSESSMENTS}))


@dataclass(frozen=True)
class LedgerImportRequest:
    path: Path
    day: date | None = None
    actor: str = ""


def import_ledger(ctx: Context, req: LedgerImportRequest) -> Result[ImportResult]:
    """Import a ledger workbook (every problem reported, nothing written on an error) and sync the ledger."""

    def work(s: Session) -> ImportResult:
        res = import_ledger_workbook(s, req.path, actor=ctx.who(req.actor))
        s.flush()
        _sync_in(s, ctx, req.day, req.actor)
        return res

    return Result(ctx.archive.run_write(work), frozenset({Change.LEDGER, Change.ASSESSMENTS}))


@dataclass(frozen=True)
class StartRequest:
    project_code: str
    started_on: date
    day: date | None = None
    actor: str = ""


def record_start(ctx: Context, req: StartRequest) -> Result[date]:
    """Record the reported start of construction (令第31号 第十九条: a start after the validity period is refused)."""

    def work(s: Session) -> date:
        _sync_in(s, ctx, req.day, req.actor)
        record_construction_start(s, req.project_code, req.started_on, actor=ctx.who(req.actor))
        return req.started_on

    return Result(ctx.archive.run_write(work), LEDGER_CHANGES)


@dataclass(frozen=True)
class GreenRequest:
    project_code: str
    certificates_kwh: Any
    reason: str
    day: date | None = None
    actor: str = ""


@dataclass(frozen=True)
class GreenRecorded:
    green_certificate_kwh: Any
    green_deduction_equivalent_tce: Any


def record_green_certificates(ctx: Context, req: GreenRequest) -> Result[GreenRecorded]:
    """Record the 绿证 a project committed (kWh); deducted separately from its 当量值 in the ledger."""

    def work(s: Session) -> GreenRecorded:
        _sync_in(s, ctx, req.day, req.actor)
        e = set_green_certificates(s, req.project_code, req.certificates_kwh, actor=ctx.who(req.actor),
                                   reason=req.reason)
        return GreenRecorded(e.green_certificate_kwh, e.green_deduction_equivalent_tce)

    return Result(ctx.archive.run_write(work), LEDGER_CHANGES)


@dataclass(frozen=True)
class SourceRequest:
    project_code: str
    text: str
    reason: str = ""
    day: date | None = None
    actor: str = ""


def record_energy_source(ctx: Context, req: SourceRequest) -> Result[str]:
    """Record where a project's energy space comes from (新增空间 / 能耗替代, shanghai.md §5)."""

    def work(s: Session) -> str:
        _sync_in(s, ctx, req.day, req.actor)
        set_energy_source(s, req.project_code, req.text, actor=ctx.who(req.actor), reason=req.reason)
        return req.text

    return Result(ctx.archive.run_write(work), LEDGER_CHANGES)


@dataclass(frozen=True)
class ChangeFilingRequest:
    project_code: str
    change_types: list[str]
    requested_on: date | None = None
    description: str = ""
    proposed: dict[str, Any] | None = None
    day: date | None = None
    actor: str = ""


def file_change(ctx: Context, req: ChangeFilingRequest) -> Result[int]:
    """Register a 变更申请 (令第31号 第十八条) against the project's opinion in force; returns its id."""

    def work(s: Session) -> int:
        _sync_in(s, ctx, req.day, req.actor)
        cr = file_change_request(s, req.project_code, change_types=list(req.change_types),
                                 requested_on=req.requested_on or ctx.today(), actor=ctx.who(req.actor),
                                 description=req.description, proposed=dict(req.proposed or {}))
        s.flush()
        return cr.id

    return Result(ctx.archive.run_write(work), LEDGER_CHANGES)


# -- read-only queries --------------------------------------------------------------------------------------------
@contextmanager
def reading(ctx: Context) -> Iterator[Session]:
    """A read-only session for the ledger area's queries (``reviewer.ledger.summary``, ``.budget``, ``.changes``):
    nothing written through it is committed. Commands and screens read with it; every write is a use case above."""
    with ctx.archive.read() as s:
        yield s
