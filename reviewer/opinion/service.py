"""The machinery behind issuing a document: build its view-model, render, (sign) and archive it in a given session.

The user actions themselves — preview, issue — are use cases (:mod:`reviewer.usecases.opinions`), which own the one
transaction and check that what is signed is what the reviewer saw. This module never opens a transaction and never
reads settings: it works in the caller's session with the settings the caller passes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.archive import audit
from reviewer.archive.docnumber import next_doc_number
from reviewer.archive.guard import row_fingerprint
from reviewer.archive.models import AssessmentRow, DocNumberSequence, Opinion, Project, Submission as SubmissionRow
from reviewer.errors import UserError
from reviewer.opinion.legal import (REFERRAL_CLAUSE_NO_PERMIT, REFERRAL_CLAUSE_OTHER_BODY, Clearance, Confirmations,
                                    Office, clearance, competence, draft_marks, draft_refusal, refusal_message)
from reviewer.opinion.render import render_pdf
from reviewer.opinion.templating import render_markup, signed_text_forbidden
from reviewer.opinion.viewmodel import (KINDS, KIND_LABELS, OpinionVM, SectionVM, build_view_model, finalise,
                                       json_text, relied_unverified)
from reviewer.rules.deadlines import correction_notice_due
from reviewer.rules.engine import assess, baseline
from reviewer.services import find_submission
from reviewer.signing.pdfsign import Attachment, finalize_unsigned, sign_pdf
from reviewer.submission.parse import submission_from_data

STATUS_AFTER = {"approval": "approved", "rejection": "rejected", "correction": "correction"}  # a referral: unchanged


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
    """What issuing returns (the row is committed when the use case hands it back)."""

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
    assessment_id: int | None = None
    content_hash: str = ""


@dataclass(frozen=True)
class DocumentSpec:
    """Everything about one document except the data it is rendered from and its 文号."""

    kind: str
    actor: str
    issued_on: date
    reasons: Sequence[str] = ()
    missing_items: Sequence[str] = ()
    sections: Sequence[SectionVM] = ()
    title: str | None = None
    supersedes: str = ""
    review_body: str = ""
    cc: Sequence[str] = ()
    extra: dict[str, Any] | None = None
    appendix: bool = True


def validate(spec: DocumentSpec) -> None:
    """What each kind must carry (令第31号 第十四条: a correction lists everything at once; a rejection says why)."""
    kind = spec.kind
    if kind not in KINDS:
        raise UserError(f"未知的文书类型 {kind}（可选：{'、'.join(KINDS)}）。", f"Unknown document kind {kind}.")
    if kind == "rejection" and not spec.reasons:
        raise UserError("不予通过的意见必须写明理由（--reason）。", "A rejection needs at least one reason.")
    if kind == "correction" and not spec.missing_items:
        raise UserError("补正通知必须一次性列明全部需补正的内容（--missing）。",
                        "A correction notice must list every missing item.")
    if kind in ("acceptance", "change") and not spec.sections:
        raise UserError("验收意见、变更意见必须提供正文内容。", "Acceptance and change documents need body sections.")


def latest(session: Session, code: str, version: int | None = None
           ) -> tuple[Project, SubmissionRow, AssessmentRow | None]:
    """The project, its submission ``version`` (default latest) and that submission's latest assessment row."""
    project, sub = find_submission(session, code, version)
    a = session.scalars(select(AssessmentRow).where(AssessmentRow.submission_id == sub.id)
                        .order_by(AssessmentRow.id.desc()).limit(1)).first()
    return project, sub, a


def assessment_dict(sub: SubmissionRow, row: AssessmentRow | None) -> dict[str, Any]:
    if row is not None:
        return row.full_result()
    return json.loads(json.dumps(assess(submission_from_data(sub.data)).to_dict(), default=str))


def dumps(obj: Any) -> bytes:
    """The JSON attached to a document (``json.loads`` reads it back). Compact: ``indent`` would force the standard
    library onto its pure-Python encoder, which measured ≈ 5× slower on a full assessment with its trace."""
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def placeholder_number(prefix: str, year: int) -> str:
    """The 文号 a draft carries: “（待编号）”, so a draft can never be mistaken for an issued document."""
    return f"{prefix}〔{year}〕（待编号）"


def draft_view_model(spec: DocumentSpec, sub: SubmissionRow, assessment: dict[str, Any], *, commission: str,
                     doc_number: str, office: Office | None = None) -> tuple[OpinionVM, list[str]]:
    """The view-model of the document ``spec`` describes, rendered from ``sub``/``assessment``; plus warnings.

    Always the draft (what the preview shows and ``content_hash`` covers); :func:`number_render_and_store` turns it
    into the signed form with :func:`~reviewer.opinion.viewmodel.finalise`.
    """
    office = office or Office()
    more = dict(spec.extra or {})
    warnings: list[str] = []
    if spec.kind == "correction":
        # The case file passes the day the materials were received (extra["received_on"]); otherwise the day the
        # submission reached the archive, on the office's calendar. One calendar for every deadline.
        received = (date.fromisoformat(more["received_on"]) if more.get("received_on")
                    else sub.received_at.astimezone(office_zone(office)).date())
        due = correction_notice_due(baseline(), received)
        deadline = due.due
        warnings.extend(due.warnings)
        more.setdefault("correction_deadline", deadline.isoformat())
        more.setdefault("correction_late", spec.issued_on > deadline)
        if spec.issued_on > deadline:
            warnings.append(f"补正通知晚于法定告知期限（应于 {deadline.isoformat()} 前告知）。")
    vm = build_view_model(kind=spec.kind, submission=sub.data, assessment=assessment, doc_number=doc_number,
                          issued_on=spec.issued_on, commission=commission, reviewer=spec.actor,
                          reasons=list(spec.reasons), missing_items=list(spec.missing_items),
                          sections=list(spec.sections), review_body=spec.review_body, supersedes=spec.supersedes,
                          title=spec.title, cc=list(spec.cc), extra=more, time_zone=office.time_zone,
                          **_referral_fields(assessment, office))
    if not spec.appendix:
        vm.appendix, vm.formulas, vm.parameters, vm.charts = [], [], [], []
    return vm, warnings


def content_hash(vm: OpinionVM) -> str:
    """SHA-256 of everything a reader sees in the document except its 文号 (what “sign what was seen” compares)."""
    body = replace(vm, doc_number="").to_json_dict()
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                          .encode()).hexdigest()


def applicant_strings(data: Any) -> list[str]:
    """Every string of the submission's data: the applicant's own words, printed as written."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [x for v in data.values() for x in applicant_strings(v)]
    if isinstance(data, (list, tuple)):
        return [x for v in data for x in applicant_strings(v)]
    return []


def render_and_sign(vm: OpinionVM, settings: Any, signer: Any | None, *, submission_json: bytes,
                    assessment_json: bytes, signing_time: datetime | None = None,
                    view_model_json: bytes | None = None, applicant_text: Sequence[str] = (),
                    ) -> tuple[bytes, int, list[dict[str, str]], datetime | None, str]:
    """Render ``vm`` to PDF, attach the JSON files and sign when a signer is given (no archive access).

    ``view_model_json``: ``dumps(vm.to_dict())`` when the caller has it already. When signing, the printed words are
    scanned for draft material first (``report_templates/signed_text.toml``, corrections.md F) outside the
    applicant's own ``applicant_text``; a hit refuses (UserError) before anything is signed."""
    markup = render_markup(vm.kind, {"vm": vm}, settings.user_template_dir or None)
    if signer is not None:
        marks = draft_marks(markup, signed_text_forbidden(), applicant_text)
        if marks:
            raise UserError(*draft_refusal(marks, vm.kind_label))
    result = render_pdf(markup, title=vm.title, subject=f"{vm.kind_label} {vm.doc_number}",
                        keywords=[vm.project.code, vm.doc_number], author=vm.commission,
                        charts={c.id: c for c in vm.charts})
    missing = [m.to_dict() for m in result.missing]
    info = {"ReviewerProjectCode": vm.project.code, "ReviewerDocNumber": vm.doc_number, "ReviewerKind": vm.kind}
    if missing:
        info["ReviewerMissingGlyphs"] = " ".join(f"{m['codepoint']}" for m in missing)
    # The view-model is embedded too: ``reviewer verify --recompute`` re-derives every printed figure from the
    # submission and the assessment's receipt and compares it with what this document prints (issue 17).
    attachments = [Attachment("submission.json", submission_json, description="申报数据 submission"),
                   Attachment("assessment.json", assessment_json, description="评估结果及执行收据 assessment and receipt"),
                   Attachment("viewmodel.json", view_model_json if view_model_json is not None else
                              json_text(vm, sort_keys=True, separators=(",", ":")).encode(),
                              description="文书所印数字 printed figures")]
    if signer is None:
        return finalize_unsigned(result.pdf, attachments, info), result.pages, missing, None, ""
    signed_at = signing_time or datetime.now(timezone.utc)
    pdf = sign_pdf(result.pdf, signer, slot=result.slot, doc_number=vm.doc_number, commission=vm.commission,
                   reason=f"{vm.commission}出具{vm.kind_label}", location="上海市松江区",
                   timestamp_url=settings.timestamp_url, attachments=attachments, info=info,
                   signing_time=signed_at, time_zone=office_zone(Office.from_settings(settings)).key)
    return pdf, result.pages, missing, signed_at, signer.signer_name


def number_render_and_store(s: Session, *, spec: DocumentSpec, vm: OpinionVM, warnings: list[str],
                            project: Project, sub: SubmissionRow, a_row: AssessmentRow | None,
                            assessment: dict[str, Any], previous: Opinion | None, settings: Any,
                            signer: Any | None, prefix: str, audit_reason: str = "",
                            cleared: Clearance | None = None, now: datetime | None = None,
                            seen_hash: str | None = None) -> IssuedDocument:
    """In the caller's transaction: take the next 文号, render (and sign) ``vm`` with it, store the row, audit.

    Nothing here commits; if anything after the number is taken fails, the caller's rollback returns the number.
    ``cleared``: the legal checks passed (legal.py) — their confirmations go to the audit chain, never into the PDF.
    ``now``: the signing instant (the stamp), the same clock as the 成文日期.
    ``seen_hash``: ``content_hash(vm)`` when the caller computed it already (it is not computed twice).
    """
    day = spec.issued_on
    digest_seen = seen_hash or content_hash(vm)
    confirmed = dict(cleared.confirmed) if cleared else {}
    if signer is not None:  # the signed form: no draft marks; confirmed parameters say so (corrections.md F)
        vm = finalise(vm, confirmed_unverified="unverified" in confirmed)
    doc_number = next_doc_number(s, settings.doc_number_pattern, prefix, day.year)
    seq = s.scalar(select(DocNumberSequence.last_value).where(DocNumberSequence.prefix == prefix,
                                                              DocNumberSequence.year == day.year))
    vm = replace(vm, doc_number=doc_number)
    # The view-model as stored and as attached: serialised once (``to_dict`` walks the whole appendix).
    vm_dict = vm.to_json_dict()
    pdf, pages, missing, signed_at, signer_name = render_and_sign(
        vm, settings, signer, submission_json=dumps(sub.data), assessment_json=dumps(assessment), signing_time=now,
        view_model_json=dumps(vm_dict), applicant_text=applicant_strings(sub.data))
    if missing:
        warnings = warnings + ["以下字符在内置字体中没有字形，已以“〓”标出：" +
                               "、".join(f"{m['char']}（{m['codepoint']}）" for m in missing)]
    digest = hashlib.sha256(pdf).hexdigest()
    if missing:
        vm_dict["font_warnings"] = missing
    row = Opinion(project_id=project.id, submission_id=sub.id, assessment_id=a_row.id if a_row else None,
                  kind=spec.kind, doc_number=doc_number, version=(previous.version + 1) if previous else 1,
                  supersedes_id=previous.id if previous else None, issued_on=day, signed=signer is not None,
                  signer=signer_name, signed_at=signed_at, pdf=pdf, sha256=digest, view_model=vm_dict)
    s.add(row)
    s.flush()
    if spec.kind in STATUS_AFTER:
        project.status = STATUS_AFTER[spec.kind]
    audit.record(s, actor=spec.actor, action="opinion.issued", entity="opinion", entity_id=row.id,
                 reason=audit_reason or KIND_LABELS[spec.kind],
                 payload={"project_code": project.code, "kind": spec.kind, "doc_number": doc_number,
                          "sha256": digest, "signed": row.signed, "signer": signer_name,
                          "supersedes": spec.supersedes, "fingerprint": row_fingerprint(row),
                          "assessment_id": a_row.id if a_row else None, "content_hash": digest_seen,
                          "sequence": {"prefix": prefix, "year": day.year, "n": seq},
                          "font_warnings": missing, "confirmations": confirmed})
    return IssuedDocument(opinion_id=row.id, kind=spec.kind, doc_number=doc_number, project_code=project.code,
                          pdf=pdf, sha256=digest, pages=pages, signed=row.signed, signer=signer_name,
                          signed_at=signed_at, version=row.version, supersedes=spec.supersedes,
                          missing_glyphs=missing, warnings=warnings, assessment_id=a_row.id if a_row else None,
                          content_hash=digest_seen)
