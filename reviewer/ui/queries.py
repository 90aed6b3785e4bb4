"""Read-side queries the workbench runs off the UI thread (plain SQLAlchemy; no Qt).

They return plain dicts so the widgets never hold ORM objects or sessions across threads.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_, select

from reviewer.archive.db import Archive
from reviewer.archive.models import AssessmentRow, AuditEvent, Opinion, Project, ReviewDecision
from reviewer.archive.models import Submission as SubmissionRow
from reviewer.errors import UserError
from reviewer.services import project_summary


def project_detail(archive: Archive, code: str) -> dict[str, Any]:
    """Everything the project view shows: summary, all submission versions, latest assessment, findings,
    opinions with signature state, decisions and the project's audit history."""
    with archive.read() as s:
        p = s.scalars(select(Project).where(Project.code == code)).first()
        if p is None:
            raise UserError(f"档案库中没有项目代码为 {code} 的项目。", f"No project with code {code} in the archive.")
        subs = list(s.scalars(select(SubmissionRow).where(SubmissionRow.project_id == p.id)
                              .order_by(SubmissionRow.version)))
        versions = [{"id": r.id, "version": r.version, "received_at": r.received_at, "source_name": r.source_name,
                     "source_format": r.source_format, "sha256": r.content_sha256, "received_by": r.received_by}
                    for r in subs]
        latest = subs[-1] if subs else None
        assessment = None
        if latest is not None:
            a = s.scalars(select(AssessmentRow).where(AssessmentRow.submission_id == latest.id)
                          .order_by(AssessmentRow.id.desc()).limit(1)).first()
            if a is not None:
                assessment = {"id": a.id, "created_at": a.created_at, "result": a.full_result(),
                              "regime_date": a.regime_date}
        ops = list(s.scalars(select(Opinion).where(Opinion.project_id == p.id).order_by(Opinion.id)))
        opinions = [{"id": o.id, "doc_number": o.doc_number, "kind": o.kind, "version": o.version,
                     "issued_on": o.issued_on, "signed": o.signed, "signer": o.signer, "signed_at": o.signed_at,
                     "sha256": o.sha256, "supersedes_id": o.supersedes_id} for o in ops]
        sub_ids = [str(r.id) for r in subs]
        assess_ids = [str(x) for x in s.scalars(select(AssessmentRow.id).where(
            AssessmentRow.submission_id.in_([r.id for r in subs])))] if subs else []
        op_ids = [str(o.id) for o in ops]
        decisions = []
        if assess_ids:
            decisions = [{"finding_id": d.finding_id, "override_status": d.override_status, "reason": d.reason,
                          "remark": d.remark, "reviewer": d.reviewer, "created_at": d.created_at,
                          "assessment_id": d.assessment_id}
                         for d in s.scalars(select(ReviewDecision).where(
                             ReviewDecision.assessment_id.in_([int(x) for x in assess_ids])).order_by(ReviewDecision.id))]
        conds = [and_(AuditEvent.entity == "project", AuditEvent.entity_id.in_([code, str(p.id)]))]
        for entity, ids in (("submission", sub_ids), ("assessment", assess_ids), ("opinion", op_ids)):
            if ids:
                conds.append(and_(AuditEvent.entity == entity, AuditEvent.entity_id.in_(ids)))
        audit = [{"id": e.id, "at": e.at, "actor": e.actor, "action": e.action, "entity": e.entity,
                  "entity_id": e.entity_id, "reason": e.reason, "payload": e.payload}
                 for e in s.scalars(select(AuditEvent).where(or_(*conds)).order_by(AuditEvent.id))]
        return {"project": project_summary(p), "versions": versions,
                "submission": latest.data if latest is not None else None,
                "submission_id": latest.id if latest is not None else None,
                "assessment": assessment, "opinions": opinions, "decisions": decisions, "audit": audit}


def submission_version(archive: Archive, submission_id: int) -> dict[str, Any]:
    with archive.read() as s:
        row = s.get(SubmissionRow, submission_id)
        if row is None:
            raise UserError("申报版本不存在。", "Submission version not found.")
        return row.data


def opinion_pdf(archive: Archive, opinion_id: int) -> bytes:
    with archive.read() as s:
        o = s.get(Opinion, opinion_id)
        if o is None:
            raise UserError("意见书不存在。", "Opinion not found.")
        return bytes(o.pdf)


def filter_choices(archive: Archive) -> dict[str, list[str]]:
    """Distinct values for the browser's filter boxes (towns, industries, years, review levels)."""
    from sqlalchemy import func

    with archive.engine.connect() as c:
        towns = [r[0] for r in c.execute(select(Project.town).distinct().order_by(Project.town)) if r[0]]
        levels = [r[0] for r in c.execute(select(Project.review_level).distinct()) if r[0]]
        years_q = select(func.min(Project.application_date), func.max(Project.application_date))
        lo, hi = c.execute(years_q).one()
    years = list(range(hi.year, lo.year - 1, -1)) if lo and hi else []
    return {"towns": towns, "levels": sorted(levels), "years": [str(y) for y in years]}


def verify_opinions(archive: Archive, opinion_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Validate each archived opinion's signature (pyHanko via the signing area) and compare with the archive."""
    from reviewer.ui.opinion_adapter import verify

    out: dict[int, dict[str, Any]] = {}
    for oid in opinion_ids:
        try:
            out[oid] = verify(opinion_pdf(archive, oid), archive)
        except Exception as exc:  # noqa: BLE001 — one unreadable PDF must not hide the others' status
            out[oid] = {"signed": False, "valid": False, "problems": [str(exc)]}
    return out
