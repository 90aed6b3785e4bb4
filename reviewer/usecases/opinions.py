"""Use cases: preview and issue a document — and sign what was seen (issue 11 §2).

:func:`preview` renders the unsigned draft and returns, with it, the id of the assessment it was rendered from and
the SHA-256 of its content (:func:`reviewer.opinion.service.content_hash`: the view-model — every word and figure a
reader sees — with the 文号 left out). :func:`issue` carries both back: inside its one transaction it refuses when
the project's latest assessment is no longer the previewed one (an import or re-assessment landed in between) or when
the document it would render differs from the preview, naming both versions. The signed PDF's text therefore equals
the preview's except for the 文号, the signature and the stamp (tests/test_usecase_opinions.py, with pdftotext).

Legal preconditions plug in at ONE place: :func:`check_preconditions`, called inside the issuing transaction after
the rows are loaded and before the 文号 is taken. Pure checks (competence, confirmations — ``reviewer.opinion.legal``)
are called from there with the loaded rows; raise :class:`~reviewer.errors.UserError` to refuse.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from reviewer.archive.models import AssessmentRow, Opinion, Project, Submission as SubmissionRow
from reviewer.errors import UserError
from reviewer.ledger.entries import sync_project
from reviewer.opinion.legal import Clearance, Confirmations, Office
from reviewer.opinion.service import (DocumentSpec, IssuedDocument, assessment_dict, check_clearance, content_hash,
                                      draft_view_model, dumps, latest, number_render_and_store, placeholder_number,
                                      render_and_sign, validate)
from reviewer.opinion.viewmodel import OpinionVM
from reviewer.opinion.viewmodel import SectionVM
from reviewer.settings import Settings
from reviewer.usecases.base import Change, Context, Result

__all__ = ["IssueRequest", "IssuedDocument", "Preview", "PreviewRequest", "check_preconditions", "issue",
           "issue_document", "issue_in", "preview"]


@dataclass(frozen=True)
class PreviewRequest:
    """What to draft: the document kind and its reviewer-supplied parts."""

    project_code: str
    kind: str = "approval"
    reasons: Sequence[str] = ()
    missing_items: Sequence[str] = ()
    sections: Sequence[SectionVM] = ()
    title: str | None = None
    supersedes: str | None = None
    review_body: str = ""
    cc: Sequence[str] = ()
    extra: dict[str, Any] | None = None
    issued_on: date | None = None
    submission_version: int | None = None
    appendix: bool = True
    actor: str = ""


@dataclass(frozen=True)
class Preview:
    """The draft and the two values that identify what was seen."""

    project_code: str
    submission_id: int
    submission_version: int
    assessment_id: int | None
    content_hash: str
    pdf: bytes = field(repr=False)
    pages: int = 0


@dataclass(frozen=True)
class IssueRequest(PreviewRequest):
    """A :class:`PreviewRequest` plus the signer and what the reviewer previewed.

    ``assessment_id``/``preview_hash`` come from :class:`Preview`; when given, issuing refuses unless the document
    it would sign is exactly that one. ``None`` means "the latest, unseen" (kept for the CLI without --assessment
    and for documents that are not previewed: 补正通知, 验收意见, 同意变更 built from ledger records).
    """

    assessment_id: int | None = None
    preview_hash: str | None = None
    signer: Any | None = None
    doc_prefix: str | None = None
    audit_reason: str = ""
    confirmations: Confirmations | None = None  # reviewer/opinion/legal.py: audited, printed nowhere


def _spec(ctx: Context, req: PreviewRequest) -> DocumentSpec:
    spec = DocumentSpec(kind=req.kind, actor=ctx.who(req.actor), issued_on=req.issued_on or ctx.today(),
                        reasons=tuple(req.reasons), missing_items=tuple(req.missing_items),
                        sections=tuple(req.sections), title=req.title, supersedes=req.supersedes or "",
                        review_body=req.review_body, cc=tuple(req.cc), extra=req.extra, appendix=req.appendix)
    validate(spec)
    return spec


def preview(ctx: Context, req: PreviewRequest) -> Result[Preview]:
    """The unsigned draft :func:`issue` would produce now — rendered, not archived, no 文号 used (a read)."""
    spec = _spec(ctx, req)
    cfg = ctx.settings
    with ctx.archive.read() as s:
        _project, sub, a_row = latest(s, req.project_code, req.submission_version)
        assessment = assessment_dict(sub, a_row)
        vm, _warnings = draft_view_model(spec, sub, assessment, commission=cfg.commission_name,
                                         doc_number=placeholder_number(cfg.doc_number_prefix, spec.issued_on.year),
                                         office=Office.from_settings(cfg))
        sub_id, sub_version, data = sub.id, sub.version, sub.data
    pdf, pages, _missing, _at, _name = render_and_sign(vm, cfg, None, submission_json=dumps(data),
                                                       assessment_json=dumps(assessment))
    return Result(Preview(project_code=req.project_code, submission_id=sub_id, submission_version=sub_version,
                          assessment_id=a_row.id if a_row else None, content_hash=content_hash(vm), pdf=pdf,
                          pages=pages))


def _version_label(s: Session, assessment_id: int | None) -> str:
    if assessment_id is None:
        return "（无评估记录 none）"
    row = s.get(AssessmentRow, assessment_id)
    if row is None:
        return f"评估 #{assessment_id}（不存在 missing）"
    sub = s.get(SubmissionRow, row.submission_id)
    return f"第 {sub.version} 版申报的评估 #{assessment_id}"


def _check_seen(s: Session, req: IssueRequest, a_row: AssessmentRow | None, seen_hash: str) -> None:
    """Refuse unless the document about to be signed is the one previewed (same assessment, same content)."""
    current = a_row.id if a_row else None
    if req.assessment_id is not None and req.assessment_id != current:
        was, now = _version_label(s, req.assessment_id), _version_label(s, current)
        raise UserError(
            f"预览后申报或评估已变化：预览的是{was}，现在最新的是{now}。未签发，请重新预览、核对后再签发。",
            f"The submission or assessment changed since the preview: previewed {was.replace('第 ', 'v')}, "
            f"now {now.replace('第 ', 'v')}. Nothing was issued; preview again, check it, then sign.")
    if req.preview_hash and req.preview_hash != seen_hash:
        raise UserError(
            f"待签发文书的内容与预览不一致（预览 {req.preview_hash[:12]}，现在 {seen_hash[:12]}）。未签发，请重新预览。",
            f"The document differs from the preview (previewed {req.preview_hash[:12]}, now {seen_hash[:12]}). "
            "Nothing was issued; preview again.")


def check_preconditions(s: Session, *, spec: DocumentSpec, project: Project, sub: SubmissionRow,
                        a_row: AssessmentRow | None, assessment: dict[str, Any], signer: Any | None,
                        ctx: Context, vm: OpinionVM | None = None,
                        confirmations: Confirmations | None = None) -> tuple[Opinion | None, Clearance | None]:
    """THE place where the legal preconditions of issuing are checked — inside the transaction, before the 文号.

    Returns the opinion being superseded (or ``None``) and the legal clearance: competence (令第31号 第八条; outside
    it only a 不予受理告知书, 《行政许可法》第三十二条第一款第（二）项) and, when signing, the reviewer's confirmations
    of an authority or of figures resting on unverified parameters (``reviewer.opinion.legal``; corrections.md A4,
    F). Raises :class:`UserError` to refuse. Nothing has been written when this runs.
    """
    cleared = None
    if vm is not None:
        cleared = check_clearance(spec.kind, assessment, vm, Office.from_settings(ctx.settings), confirmations,
                                  signing=signer is not None)
    previous = None
    if spec.supersedes:
        previous = s.scalars(select(Opinion).where(Opinion.doc_number == spec.supersedes)).first()
        if previous is None or previous.project_id != project.id:
            raise UserError(f"项目 {project.code} 没有文号为 {spec.supersedes} 的文书，无法替代。",
                            f"Project {project.code} has no document {spec.supersedes} to supersede.")
        later = s.scalar(select(Opinion.doc_number).where(Opinion.supersedes_id == previous.id))
        if later:
            raise UserError(f"{spec.supersedes} 已被 {later} 替代，请替代最新版本。",
                            f"{spec.supersedes} was already superseded by {later}.")
    if spec.kind in ("approval", "rejection") and signer is not None and previous is None:
        newer = aliased(Opinion)
        in_force = s.scalar(
            select(Opinion.doc_number).where(
                Opinion.project_id == project.id, Opinion.kind == "approval", Opinion.signed.is_(True),
                ~select(newer.id).where(newer.supersedes_id == Opinion.id).exists(),
            ).order_by(Opinion.id.desc()).limit(1))
        if in_force:
            raise UserError(
                f"项目 {project.code} 已有生效的审查意见 {in_force}；签发的意见不可更改，更正须出具新版本并注明替代"
                f"（--supersedes {in_force}）。",
                f"Project {project.code} already has the signed opinion {in_force} in force; issue a new version "
                f"that supersedes it (--supersedes {in_force}).")
    return previous, cleared


def issue_in(s: Session, ctx: Context, req: IssueRequest) -> IssuedDocument:
    """Issue inside the caller's transaction (for use cases whose unit of work holds more than the document)."""
    spec = _spec(ctx, req)
    cfg = ctx.settings
    project, sub, a_row = latest(s, req.project_code, req.submission_version)
    assessment = assessment_dict(sub, a_row)
    vm, warnings = draft_view_model(spec, sub, assessment, commission=cfg.commission_name,
                                    doc_number=placeholder_number(cfg.doc_number_prefix, spec.issued_on.year),
                                    office=Office.from_settings(cfg))
    seen_hash = content_hash(vm)
    _check_seen(s, req, a_row, seen_hash)
    previous, cleared = check_preconditions(s, spec=spec, project=project, sub=sub, a_row=a_row,
                                            assessment=assessment, signer=req.signer, ctx=ctx, vm=vm,
                                            confirmations=req.confirmations)
    doc = number_render_and_store(s, spec=spec, vm=vm, warnings=warnings, project=project, sub=sub, a_row=a_row,
                                  assessment=assessment, previous=previous, settings=cfg, signer=req.signer,
                                  prefix=req.doc_prefix or cfg.doc_number_prefix, audit_reason=req.audit_reason,
                                  cleared=cleared, now=ctx.now(), seen_hash=seen_hash)
    if spec.kind == "approval" and doc.signed:
        # The district ledger follows the approval in force: drawn in the same all-or-nothing unit of work.
        sync_project(s, project.id, actor=spec.actor, today=spec.issued_on)
    return doc


def issue(ctx: Context, req: IssueRequest) -> Result[IssuedDocument]:
    """Issue one document: one all-or-nothing transaction that checks, numbers, renders, (signs), archives, audits.

    A failure anywhere (changed since preview, precondition, template, font, passphrase, timestamp server) leaves no
    文号 used and no row written. A signed approval draws the district ledger in the same transaction.
    """
    doc = ctx.archive.run_write(lambda s: issue_in(s, ctx, req))
    changes = {Change.OPINIONS, Change.PROJECTS}
    if req.kind == "approval" and doc.signed:
        changes.add(Change.LEDGER)
    return Result(doc, frozenset(changes))


def issue_document(archive: Any, project_code: str, kind: str, *, settings: Settings | None = None,
                   actor: str = "", **fields: Any) -> IssuedDocument:
    """Convenience for scripts, benchmarks and tests: :func:`issue` with a context built here.

    ``settings=None`` reads the user's settings (this function is an edge); ``fields`` are :class:`IssueRequest`'s.
    """
    ctx = Context(archive=archive, settings=settings or Settings.load(), actor=actor)
    return issue(ctx, IssueRequest(project_code=project_code, kind=kind, **fields)).value
