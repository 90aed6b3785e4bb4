"""Issuing a document: one all-or-nothing write that allocates the 文号, renders, (signs), archives and audits.

:func:`issue_document` is the single entry point for every kind — 审查意见 (approval), 不予通过 (rejection), 补正通知
(correction), and the ledger's 验收意见 (acceptance) and 同意变更 (change). Everything happens inside one write
transaction, so a failure anywhere (template, font, wrong passphrase, timestamp server) leaves no number used and no
row written.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from reviewer.archive import audit
from reviewer.archive.db import Archive
from reviewer.archive.docnumber import next_doc_number
from reviewer.archive.models import AssessmentRow, DocNumberSequence, Opinion, Project, Submission as SubmissionRow
from reviewer.errors import UserError
from reviewer.services import find_submission
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from reviewer.opinion.guard import row_fingerprint
from reviewer.opinion.legal import (REFERRAL_CLAUSE_NO_PERMIT, REFERRAL_CLAUSE_OTHER_BODY, Clearance, Confirmations,
                                    Office, clearance, competence, refusal_message)
from reviewer.opinion.viewmodel import KINDS, KIND_LABELS, OpinionVM, SectionVM, build_view_model, relied_unverified

STATUS_AFTER = {"approval": "approved", "rejection": "rejected", "correction": "correction"}  # a referral leaves the status


def office_zone(office: Office) -> ZoneInfo:
    try:
        return ZoneInfo(office.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(f"设置中的时区“{office.time_zone}”无效（例：Asia/Shanghai）。",
                        f"Invalid office time zone {office.time_zone!r}.") from None


def office_today(office: Office, now: datetime | None = None) -> date:
    """Today in the office's time zone: the 成文日期, the validity dates and the stamp share one clock."""
    return (now or datetime.now(timezone.utc)).astimezone(office_zone(office)).date()


def check_clearance(kind: str, assessment: dict[str, Any], vm: OpinionVM, office: Office,
                    confirmations: Confirmations | None, *, signing: bool) -> Clearance:
    """The legal preconditions of issuing (reviewer/opinion/legal.py); raises UserError (exit 2) when blocked."""
    c = clearance(kind, assessment, office, confirmations or Confirmations(), signing=signing,
                  relied_unverified=relied_unverified(vm))
    if not c.ok:
        zh, en = refusal_message(c)
        raise UserError(zh, en)
    return c


def _referral_fields(assessment: dict[str, Any], office: Office) -> dict[str, str]:
    comp = competence(assessment, office)
    return {"competent_body": comp.authority_label,
            "referral_clause": REFERRAL_CLAUSE_NO_PERMIT if comp.exempt else REFERRAL_CLAUSE_OTHER_BODY}


@dataclass
class IssuedDocument:
    """What :func:`issue_document` returns (the row is committed when you get it)."""

    opinion_id: int
    kind: str
    doc_number: str
    project_code: str
    pdf: bytes
    sha256: str
    pages: int
    signed: bool
    signer: str
    signed_at: datetime | None
    version: int
    supersedes: str = ""
    missing_glyphs: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _latest(session: Session, code: str, version: int | None) -> tuple[Project, SubmissionRow, AssessmentRow | None]:
    project, sub = find_submission(session, code, version)
    a = session.scalars(select(AssessmentRow).where(AssessmentRow.submission_id == sub.id)
                        .order_by(AssessmentRow.id.desc()).limit(1)).first()
    return project, sub, a


def _assessment_dict(sub: SubmissionRow, row: AssessmentRow | None) -> dict[str, Any]:
    if row is not None:
        return row.full_result()
    from reviewer.rules.engine import assess
    from reviewer.submission.parse import submission_from_data

    return json.loads(json.dumps(assess(submission_from_data(sub.data)).to_dict(), default=str))


def _working_days_after(day: date, n: int) -> date:
    """``day`` + ``n`` working days (Mon–Fri; public holidays are not modelled — see the report)."""
    d = day
    while n > 0:
        d += timedelta(days=1)
        if d.weekday() < 5:
            n -= 1
    return d


def _dumps(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True, default=str).encode()


def issue_document(
    archive: Archive,
    project_code: str,
    kind: str,
    *,
    signer: Any | None = None,
    settings: Any | None = None,
    issued_on: date | None = None,
    actor: str = "",
    reasons: Sequence[str] = (),
    missing_items: Sequence[str] = (),
    sections: Sequence[SectionVM] = (),
    title: str | None = None,
    supersedes: str | None = None,
    review_body: str = "",
    cc: Sequence[str] = (),
    extra: dict[str, Any] | None = None,
    submission_version: int | None = None,
    doc_prefix: str | None = None,
    audit_reason: str = "",
    appendix: bool = True,
    confirmations: Confirmations | None = None,
) -> IssuedDocument:
    """Issue one document for ``project_code`` and store it; returns the archived result.

    ``kind``: approval | rejection (needs ``reasons``) | correction (needs ``missing_items``) | acceptance | change
    (both take ``sections``: the body as headed paragraphs). ``signer``: a
    :class:`~reviewer.signing.signer.DocumentSigner` or ``None`` for an unsigned document. ``supersedes``: the 文号
    of the document this one corrects (same project; the old row stays untouched). ``extra`` is passed to the
    templates as ``vm.extra``. ``appendix=False`` leaves out the 计算依据 attachment (and its charts).
    ``confirmations``: the reviewer's confirmations with reasons (legal.py); recorded in the audit chain only.

    Before a 文号 is taken, the legal preconditions are checked (:mod:`reviewer.opinion.legal`): competence (an
    approval or rejection outside the office's competence is refused; ``referral`` issues the 不予受理告知书 instead)
    and, when signing, the confirmations of unverified parameters.
    """
    from reviewer.settings import Settings

    if kind not in KINDS:
        raise UserError(f"未知的文书类型 {kind}（可选：{'、'.join(KINDS)}）。", f"Unknown document kind {kind}.")
    if kind == "rejection" and not reasons:
        raise UserError("不予通过的意见必须写明理由（--reason）。", "A rejection needs at least one reason.")
    if kind == "correction" and not missing_items:
        raise UserError("补正通知必须一次性列明全部需补正的内容（--missing）。",
                        "A correction notice must list every missing item.")
    if kind in ("acceptance", "change") and not sections:
        raise UserError("验收意见、变更意见必须提供正文内容。", "Acceptance and change documents need body sections.")
    cfg = settings or Settings.load()
    office = Office.from_settings(cfg)
    now = datetime.now(timezone.utc)
    day = issued_on or office_today(office, now)
    prefix = doc_prefix or cfg.doc_number_prefix
    actor = actor or cfg.reviewer_name or "reviewer"

    def work(s: Session) -> IssuedDocument:
        project, sub, a_row = _latest(s, project_code, submission_version)
        assessment = _assessment_dict(sub, a_row)
        previous = None
        if supersedes:
            previous = s.scalars(select(Opinion).where(Opinion.doc_number == supersedes)).first()
            if previous is None or previous.project_id != project.id:
                raise UserError(f"项目 {project_code} 没有文号为 {supersedes} 的文书，无法替代。",
                                f"Project {project_code} has no document {supersedes} to supersede.")
            later = s.scalar(select(Opinion.doc_number).where(Opinion.supersedes_id == previous.id))
            if later:
                raise UserError(f"{supersedes} 已被 {later} 替代，请替代最新版本。",
                                f"{supersedes} was already superseded by {later}.")
        if kind in ("approval", "rejection") and signer is not None and previous is None:
            later = aliased(Opinion)
            in_force = s.scalar(
                select(Opinion.doc_number).where(
                    Opinion.project_id == project.id, Opinion.kind == "approval", Opinion.signed.is_(True),
                    ~select(later.id).where(later.supersedes_id == Opinion.id).exists(),
                ).order_by(Opinion.id.desc()).limit(1))
            if in_force:
                raise UserError(
                    f"项目 {project.code} 已有生效的审查意见 {in_force}；签发的意见不可更改，更正须出具新版本并注明替代"
                    f"（--supersedes {in_force}）。",
                    f"Project {project.code} already has the signed opinion {in_force} in force; issue a new version "
                    f"that supersedes it (--supersedes {in_force}).")
        more = dict(extra or {})
        vm = build_view_model(kind=kind, submission=sub.data, assessment=assessment, doc_number="",
                              issued_on=day, commission=cfg.commission_name, reviewer=actor,
                              reasons=list(reasons), missing_items=list(missing_items), sections=list(sections),
                              review_body=review_body, supersedes=supersedes or "", title=title, cc=list(cc),
                              extra=more, final=signer is not None,
                              confirmed_unverified=bool(confirmations and confirmations.unverified.strip()),
                              time_zone=office.time_zone, **_referral_fields(assessment, office))
        cleared = check_clearance(kind, assessment, vm, office, confirmations, signing=signer is not None)
        if (signer is not None and kind in ("acceptance", "change") and relied_unverified(vm)
                and not (confirmations and confirmations.unverified.strip())):
            # corrections.md F: unverified material is confirmed before signing, or left out of the document.
            appendix_off = True
        else:
            appendix_off = False
        doc_number = next_doc_number(s, cfg.doc_number_pattern, prefix, day.year)
        vm.doc_number = doc_number
        seq = s.scalar(select(DocNumberSequence.last_value).where(DocNumberSequence.prefix == prefix,
                                                                  DocNumberSequence.year == day.year))
        warnings: list[str] = []
        if kind == "correction":
            received = sub.received_at.astimezone(office_zone(office)).date()
            deadline = _working_days_after(received, _period_days(assessment))
            more.setdefault("correction_deadline", deadline.isoformat())
            more.setdefault("correction_late", day > deadline)
            if day > deadline:
                warnings.append(f"补正通知晚于法定告知期限（应于 {deadline.isoformat()} 前告知）。")
            vm.extra = more
        if not appendix or appendix_off:
            vm.appendix, vm.formulas, vm.parameters, vm.charts = [], [], [], []
        pdf, pages, missing, signed_at, signer_name = render_and_sign(
            vm, cfg, signer, submission_json=_dumps(sub.data), assessment_json=_dumps(assessment), signing_time=now)
        if missing:
            warnings.append("以下字符在内置字体中没有字形，已以“〓”标出：" +
                            "、".join(f"{m['char']}（{m['codepoint']}）" for m in missing))
        digest = hashlib.sha256(pdf).hexdigest()
        vm_dict = json.loads(json.dumps(vm.to_dict(), ensure_ascii=False, default=str))
        if missing:
            vm_dict["font_warnings"] = missing
        row = Opinion(project_id=project.id, submission_id=sub.id, assessment_id=a_row.id if a_row else None,
                      kind=kind, doc_number=doc_number, version=(previous.version + 1) if previous else 1,
                      supersedes_id=previous.id if previous else None, issued_on=day, signed=signer is not None,
                      signer=signer_name, signed_at=signed_at, pdf=pdf, sha256=digest, view_model=vm_dict)
        s.add(row)
        s.flush()
        if kind in STATUS_AFTER:
            project.status = STATUS_AFTER[kind]
        audit.record(s, actor=actor, action="opinion.issued", entity="opinion", entity_id=row.id,
                     reason=audit_reason or KIND_LABELS[kind],
                     payload={"project_code": project.code, "kind": kind, "doc_number": doc_number,
                              "sha256": digest, "signed": row.signed, "signer": signer_name,
                              "supersedes": supersedes or "", "fingerprint": row_fingerprint(row),
                              "sequence": {"prefix": prefix, "year": day.year, "n": seq},
                              "font_warnings": missing, "confirmations": cleared.confirmed})
        if kind == "approval" and row.signed:
            # The district ledger follows the approval in force: drawn in the same all-or-nothing unit of work.
            from reviewer.ledger.entries import sync_project

            sync_project(s, project.id, actor=actor, today=day)
        return IssuedDocument(opinion_id=row.id, kind=kind, doc_number=doc_number, project_code=project.code, pdf=pdf,
                              sha256=digest, pages=pages, signed=row.signed, signer=signer_name, signed_at=signed_at,
                              version=row.version, supersedes=supersedes or "", missing_glyphs=missing,
                              warnings=warnings)

    return archive.run_write(work)


def _period_days(assessment: dict[str, Any]) -> int:
    """Working days for the one-time correction notice, from the regime table (令第31号 第十四条: 5个工作日)."""
    import re

    from reviewer.opinion.viewmodel import regime_for

    m = re.search(r"\d+", regime_for(assessment).correction_period)
    return int(m.group()) if m else 0


def render_and_sign(vm: OpinionVM, settings: Any, signer: Any | None, *, submission_json: bytes,
                    assessment_json: bytes, signing_time: datetime | None = None) -> tuple[bytes, int, list[dict[str, str]], datetime | None, str]:
    """Render ``vm`` to PDF, attach the JSON files and sign when a signer is given (no archive access)."""
    from reviewer.opinion.render import render_pdf
    from reviewer.opinion.templating import render_markup
    from reviewer.signing.pdfsign import Attachment, finalize_unsigned, sign_pdf

    markup = render_markup(vm.kind, {"vm": vm}, settings.user_template_dir or None)
    result = render_pdf(markup, title=vm.title, subject=f"{vm.kind_label} {vm.doc_number}",
                        keywords=[vm.project.code, vm.doc_number], author=vm.commission,
                        charts={c.id: c for c in vm.charts})
    missing = [m.to_dict() for m in result.missing]
    info = {"ReviewerProjectCode": vm.project.code, "ReviewerDocNumber": vm.doc_number, "ReviewerKind": vm.kind}
    if missing:
        info["ReviewerMissingGlyphs"] = " ".join(f"{m['codepoint']}" for m in missing)
    attachments = [Attachment("submission.json", submission_json, description="申报数据 submission"),
                   Attachment("assessment.json", assessment_json, description="评估结果 assessment")]
    if signer is None:
        return finalize_unsigned(result.pdf, attachments, info), result.pages, missing, None, ""
    signed_at = signing_time or datetime.now(timezone.utc)
    pdf = sign_pdf(result.pdf, signer, slot=result.slot, doc_number=vm.doc_number, commission=vm.commission,
                   reason=f"{vm.commission}出具{vm.kind_label}", location="上海市松江区",
                   timestamp_url=settings.timestamp_url, attachments=attachments, info=info,
                   signing_time=signed_at)
    return pdf, result.pages, missing, signed_at, signer.signer_name


def preview_document(archive: Archive, project_code: str, kind: str, *, actor: str = "",
                     reasons: Sequence[str] = (), extra: dict[str, Any] | None = None,
                     settings: Any | None = None, issued_on: date | None = None) -> bytes:
    """The unsigned draft PDF ``issue_document`` would produce now — rendered, not archived, no 文号 used.

    The document number reads “（待编号）” so a draft can never be mistaken for an issued opinion.
    """
    from reviewer.opinion.viewmodel import build_view_model
    from reviewer.settings import Settings

    cfg = settings or Settings.load()
    office = Office.from_settings(cfg)
    day = issued_on or office_today(office)
    with archive.read() as s:
        _project, sub, a_row = _latest(s, project_code, None)
        data, assessment = sub.data, _assessment_dict(sub, a_row)
    vm = build_view_model(kind=kind, submission=data, assessment=assessment,
                          doc_number=f"{cfg.doc_number_prefix}〔{day.year}〕（待编号）", issued_on=day,
                          commission=cfg.commission_name, reviewer=actor, reasons=list(reasons), extra=extra,
                          time_zone=office.time_zone, **_referral_fields(assessment, office))
    pdf, _pages, _missing, _at, _name = render_and_sign(vm, cfg, None, submission_json=_dumps(data),
                                                        assessment_json=_dumps(assessment))
    return pdf
