"""Use cases of the case file (issue 14): receive, attach, record a step, commission / return the expert review,
extend, request the one-time correction; read-only ``show_case`` and ``list_cases``.

Every write is one unit of work and each timeline event is also an audit event (hash chain). Legal basis: 令第31号
第十二条 (节能报告 + 书面承诺), 第十四条 (5个工作日 一次告知补正), 第十五条 (委托评审), 第十七条 (法定时限);
《行政许可法》第四十二条 (20 + 10 工作日), 第四十五条 (专家评审时间不计入), 第八十二条 (工作日, 不含法定节假日).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Sequence
from zoneinfo import ZoneInfo

from sqlalchemy import Date, bindparam, or_, select, text
from sqlalchemy.orm import Session, undefer

from reviewer.archive import audit
from reviewer.archive.case_models import Case, CaseAttachment, CaseBlob, CaseEvent, ReviewBody
from reviewer.archive.models import AssessmentRow, Project, Submission
from reviewer.case import listing
from reviewer.case.materials import KINDS, data_gaps, kind_label, material_items
from reviewer.case.media import check_attachment
from reviewer.case.structure import check_report
from reviewer.case.timeline import EVENTS, OPEN, STATUS_LABELS, Event, clock, ordered, status
from reviewer.errors import UserError
from reviewer.opinion.service import IssuedDocument
from reviewer.rules.deadlines import DUE_SOON, fingerprint, period
from reviewer.rules.params import ParameterStore
from reviewer.services import active_parameters
from reviewer.rules.workdays import add_working_days, working_days_between
from reviewer.usecases.base import Change, Context, Result
from reviewer.usecases.opinions import IssueRequest, issue_in

OFFICE_TZ = ZoneInfo("Asia/Shanghai")
CASES = frozenset({Change.CASES})


def _today(ctx: Context) -> date:
    return ctx.now().astimezone(OFFICE_TZ).date()


def _project(s: Session, code: str) -> Project:
    p = s.scalars(select(Project).where(Project.code == code)).first()
    if p is None:
        raise UserError(f"档案库中没有项目 {code}；请先导入其申报数据（reviewer import）。",
                        f"No project {code} in the archive; import its submission first.")
    return p


def _case(s: Session, code: str) -> tuple[Project, Case]:
    p = _project(s, code)
    c = s.scalars(select(Case).where(Case.project_id == p.id)).first()
    if c is None:
        raise UserError(f"项目 {code} 尚未登记收件（reviewer case receive {code} --date …）。",
                        f"Project {code} has no case yet; run `reviewer case receive {code} --date …`.")
    return p, c


def _add_event(s: Session, ctx: Context, case: Case, kind: str, on: date, *, reason: str = "",
               data: dict[str, Any] | None = None) -> CaseEvent:
    if kind not in EVENTS:
        raise UserError(f"未知的案件事件 {kind}（可选：{'、'.join(EVENTS)}）。", f"Unknown case event {kind}.")
    if on < case.received_on:
        raise UserError(f"事件日期 {on.isoformat()} 早于收件日期 {case.received_on.isoformat()}。",
                        f"Event date {on} is before the receipt date {case.received_on}.")
    ev = CaseEvent(case_id=case.id, kind=kind, occurred_on=on, actor=ctx.actor, reason=reason, data=dict(data or {}))
    s.add(ev)
    s.flush()
    audit.record(s, actor=ctx.actor, action=f"case.{kind}", entity="case", entity_id=case.id,
                 reason=reason or EVENTS[kind][0],
                 payload={"event_id": ev.id, "kind": kind, "on": on.isoformat(), "data": ev.data})
    _sync(s, case)
    return ev


def _derive(params: ParameterStore, case: Case, evs: list[Event]) -> tuple[str, date | None, str, date | None]:
    """(status, 受理 deadline, its kind, decision deadline) as the stored columns hold them (independent of today)."""
    st = status(evs)
    clk = clock(params, case.received_on, evs, case.received_on)
    live = st in OPEN
    return (st, clk.accept_due if live else None, clk.accept_due_kind if live and clk.accept_due else "",
            clk.decision_basis_due if live and not clk.review_running else None)


def _sync(s: Session, case: Case, events: list[Event] | None = None, *, params: ParameterStore | None = None,
          fp: str | None = None) -> None:
    """Rewrite the case row's derived columns (status, 受理 deadline, decision deadline) from its events — in the
    transaction that changed them, so SQL filters over them always agree with :func:`show_case` — and the
    fingerprint of the calendar + periods they were computed with (``rules_fp``)."""
    evs = _events(s, case) if events is None else events
    params = active_parameters(s) if params is None else params
    case.status, case.accept_due, case.accept_due_kind, case.decision_due = _derive(params, case, evs)
    case.rules_fp = fingerprint(params) if fp is None else fp
    s.flush()


def resync_stale_in(s: Session) -> int:
    """Recompute, in the caller's transaction, every case whose stored deadlines were computed with another calendar
    or other periods than the running rules' (``rules_fp`` differs: a rule pack imported, an upgrade with a new
    holiday calendar, a row from before migration 0006). Returns how many cases were rewritten."""
    params = active_parameters(s)
    fp = fingerprint(params)
    rows = list(s.scalars(select(Case).where(_stale_cond(fp)).order_by(Case.id)))
    by_case = _events_of(s, [c.id for c in rows]) if rows else {}
    for c in rows:  # one query for the events, one flush: not one of each per case
        c.status, c.accept_due, c.accept_due_kind, c.decision_due = _derive(params, c, by_case.get(c.id, []))
        c.rules_fp = fp
    s.flush()
    return len(rows)


def _events_of(s: Session, case_ids: list[int] | None = None) -> dict[int, list[Event]]:
    """case id → its events (all cases when ``case_ids`` is None), in one query (chunks of 500 ids)."""
    out: dict[int, list[Event]] = {}
    q = select(CaseEvent).order_by(CaseEvent.case_id, CaseEvent.id)
    chunks = [None] if case_ids is None else [case_ids[i:i + 500] for i in range(0, len(case_ids), 500)]
    for chunk in chunks:
        for r in s.scalars(q if chunk is None else q.where(CaseEvent.case_id.in_(chunk))):
            out.setdefault(r.case_id, []).append(Event(r.id, r.kind, r.occurred_on, r.actor, r.reason, r.data or {}))
    return out


def _stale(s: Session) -> bool:
    fp = fingerprint(active_parameters(s))
    return s.scalars(select(Case.id).where(_stale_cond(fp)).limit(1)).first() is not None


def _stale_cond(fp: str) -> Any:
    return or_(Case.rules_fp != fp, Case.status.is_(None))  # NULL status: a row from before 0005


def _events(s: Session, case: Case) -> list[Event]:
    rows = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id).order_by(CaseEvent.id))
    return [Event(r.id, r.kind, r.occurred_on, r.actor, r.reason, r.data or {}) for r in rows]


# -- receive -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReceiveRequest:
    project_code: str
    received_on: date
    reason: str = ""


def receive_case(ctx: Context, *, request: ReceiveRequest) -> Result[int]:
    """Open the case of an application on the day its materials were received (the 补正 clock starts)."""
    def work(s: Session) -> int:
        p = _project(s, request.project_code)
        if s.scalars(select(Case.id).where(Case.project_id == p.id)).first() is not None:
            raise UserError(f"项目 {p.code} 已登记收件；补正材料请用 case event {p.code} corrected。",
                            f"Project {p.code} already has a case.")
        c = Case(project_id=p.id, received_on=request.received_on, created_by=ctx.actor)
        s.add(c)
        s.flush()
        _add_event(s, ctx, c, "received", request.received_on, reason=request.reason)
        return c.id

    return Result(ctx.archive.run_write(work), CASES)


# -- a step of the timeline ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class EventRequest:
    project_code: str
    kind: str
    on: date
    reason: str = ""
    data: dict[str, Any] = field(default_factory=dict)


NEEDS_REASON = frozenset({"extended", "lapsed", "changed"})


def record_event(ctx: Context, *, request: EventRequest) -> Result[int]:
    """Record one dated step (accepted, corrected, extended (reason required: 第四十二条), decided, lapsed …)."""
    if request.kind in NEEDS_REASON and not request.reason.strip():
        raise UserError(f"“{EVENTS.get(request.kind, (request.kind,))[0]}”必须写明理由（--reason）"
                        f"（延长期限的理由应告知申请人，《行政许可法》第四十二条）。",
                        f"Event {request.kind} needs a reason.")

    def work(s: Session) -> int:
        _p, c = _case(s, request.project_code)
        evs = _events(s, c)
        kinds = [e.kind for e in evs]
        if request.kind == "extended" and "extended" in kinds:
            raise UserError("审查期限只能延长一次（《行政许可法》第四十二条：可以延长十日）。",
                            "The time limit can be extended once.")
        if request.kind == "extended" and "accepted" not in kinds:
            raise UserError("尚未受理，无审查期限可延长。", "Not accepted yet: nothing to extend.")
        if request.kind == "decided" and request.data.get("outcome") not in ("approval", "rejection"):
            raise UserError("审查决定须为 approval（通过）或 rejection（不予通过）。", "Outcome must be approval|rejection.")
        return _add_event(s, ctx, c, request.kind, request.on, reason=request.reason, data=request.data).id

    return Result(ctx.archive.run_write(work), CASES)


# -- attachments ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class AttachRequest:
    project_code: str
    file_name: str
    data: bytes
    kind: str
    item: str = ""


@dataclass(frozen=True)
class Attached:
    attachment_id: int
    sha256: str
    size: int
    media_type: str
    duplicate_content: bool
    report_structure: dict[str, Any] | None


def _submission_tce(s: Session, project: Project) -> dict[str, float]:
    row = s.scalars(select(AssessmentRow).join(Submission).where(Submission.project_id == project.id)
                    .order_by(AssessmentRow.id.desc()).limit(1)).first()
    if row is None:
        return {}
    return {"当量值": row.equivalent_tce, "等价值": row.equal_value_tce}


def _store(s: Session, ctx: Context, case: Case, project: Project, *, name: str, data: bytes, kind: str,
           item: str = "") -> Attached:
    if kind not in KINDS:
        raise UserError(f"未知的附件类别 {kind}（可选：{_kind_list()}）。",
                        f"Unknown attachment kind {kind} (one of {', '.join(KINDS)}).")
    sniffed = check_attachment(name, data)
    digest = hashlib.sha256(data).hexdigest()
    blob = s.scalars(select(CaseBlob).where(CaseBlob.sha256 == digest)).first()
    dup = blob is not None
    if blob is None:
        blob = CaseBlob(sha256=digest, size=len(data), data=data)
        s.add(blob)
        s.flush()
    analysis: dict[str, Any] = {}
    if kind == "energy_report" and sniffed.media_type in ("application/pdf", KIND_DOCX):
        analysis["report_structure"] = check_report(data, sniffed.media_type,
                                                    submission_tce=_submission_tce(s, project)).to_dict()
    row = CaseAttachment(case_id=case.id, blob_id=blob.id, kind=kind, item=item, sha256=digest, size=len(data),
                         media_type=sniffed.media_type, original_name=name, analysis=analysis, added_by=ctx.actor,
                         added_at=ctx.now())
    s.add(row)
    s.flush()
    audit.record(s, actor=ctx.actor, action="case.attached", entity="case_attachment", entity_id=row.id,
                 reason=kind_label(kind),
                 payload={"case_id": case.id, "project_code": project.code, "kind": kind, "item": item,
                          "sha256": digest, "size": len(data), "media_type": sniffed.media_type,
                          "original_name": name})
    return Attached(row.id, digest, len(data), sniffed.media_type, dup, analysis.get("report_structure"))


def _kind_list() -> str:
    return "、".join(f"{k}（{v['label']}）" for k, v in KINDS.items())


KIND_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attach_file(ctx: Context, *, request: AttachRequest) -> Result[Attached]:
    """Store a file of the case by content (SHA-256) after checking its bytes are what its name says."""
    check_attachment(request.file_name, request.data)  # refuse before opening a transaction

    def work(s: Session) -> Attached:
        p, c = _case(s, request.project_code)
        return _store(s, ctx, c, p, name=request.file_name, data=request.data, kind=request.kind,
                      item=request.item)

    return Result(ctx.archive.run_write(work), CASES)


def attachment_bytes(ctx: Context, attachment_id: int) -> tuple[str, bytes]:
    """(original name, bytes) of one attachment — for open / save in the GUI and the CLI."""
    with ctx.archive.read() as s:
        a = s.get(CaseAttachment, attachment_id)
        if a is None:
            raise UserError(f"没有编号为 {attachment_id} 的附件。", f"No attachment #{attachment_id}.")
        blob = s.scalars(select(CaseBlob).options(undefer(CaseBlob.data)).where(CaseBlob.id == a.blob_id)).one()
        return a.original_name, blob.data


# -- the expert review ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ReviewBodyRequest:
    name: str
    note: str = ""


def add_review_body(ctx: Context, *, request: ReviewBodyRequest) -> Result[int]:
    """Put a technically capable 评审机构 on the office's list (令第31号 第十五条)."""
    name = request.name.strip()
    if not name:
        raise UserError("评审机构名称不能为空。", "The reviewing body needs a name.")

    def work(s: Session) -> int:
        if s.scalars(select(ReviewBody.id).where(ReviewBody.name == name)).first() is not None:
            raise UserError(f"评审机构“{name}”已在名录中。", f"{name} is already on the list.")
        b = ReviewBody(name=name, note=request.note, added_by=ctx.actor, added_at=ctx.now())
        s.add(b)
        s.flush()
        audit.record(s, actor=ctx.actor, action="case.review_body_added", entity="review_body", entity_id=b.id,
                     reason=request.note, payload={"name": name})
        return b.id

    return Result(ctx.archive.run_write(work), CASES)


def review_bodies(ctx: Context) -> list[str]:
    with ctx.archive.read() as s:
        return list(s.scalars(select(ReviewBody.name).where(ReviewBody.active.is_(True)).order_by(ReviewBody.name)))


@dataclass(frozen=True)
class ReviewRequest:
    project_code: str
    body: str
    commissioned_on: date
    returned_on: date | None = None
    file_name: str = ""
    file_data: bytes = b""
    conclusions: str = ""
    figures: dict[str, float] = field(default_factory=dict)  # recommended figures, e.g. {"equivalent_tce": 1234.5}


def expert_review(ctx: Context, *, request: ReviewRequest) -> Result[dict[str, Any]]:
    """Commission the expert review (第十五条) and/or record its return with the 评审意见 attached (one unit)."""
    if request.file_name:
        check_attachment(request.file_name, request.file_data)
    if request.returned_on is not None and request.returned_on < request.commissioned_on:
        raise UserError("评审意见返回日期早于委托日期。", "Returned before commissioned.")

    def work(s: Session) -> dict[str, Any]:
        p, c = _case(s, request.project_code)
        if s.scalars(select(ReviewBody.id).where(ReviewBody.name == request.body,
                                                 ReviewBody.active.is_(True))).first() is None:
            known = "、".join(s.scalars(select(ReviewBody.name).order_by(ReviewBody.name))) or "（名录为空）"
            raise UserError(f"评审机构“{request.body}”不在本机关的评审机构名录中（现有：{known}）；"
                            f"请先用 reviewer case bodies add 登记。",
                            f"{request.body} is not on the office's list of reviewing bodies.")
        evs = _events(s, c)
        kinds = [e.kind for e in evs]
        if "accepted" not in kinds:
            raise UserError("尚未受理：应在受理后委托评审（令第31号 第十五条）。",
                            "Commission the review after acceptance (令第31号 第十五条).")
        open_review = next((e for e in reversed(evs) if e.kind in ("review_commissioned", "review_returned")), None)
        out: dict[str, Any] = {}
        if open_review is None or open_review.kind == "review_returned":
            out["commissioned_event"] = _add_event(s, ctx, c, "review_commissioned", request.commissioned_on,
                                                   data={"body": request.body}).id
        if request.returned_on is not None:
            data: dict[str, Any] = {"body": request.body, "conclusions": request.conclusions,
                                    "figures": dict(request.figures)}
            if request.file_name:
                att = _store(s, ctx, c, p, name=request.file_name, data=request.file_data, kind="review_opinion")
                data["attachment_id"] = att.attachment_id
                data["sha256"] = att.sha256
            out["returned_event"] = _add_event(s, ctx, c, "review_returned", request.returned_on, data=data).id
        return out

    return Result(ctx.archive.run_write(work), CASES)


# -- the one-time correction notice --------------------------------------------------------------------------------
@dataclass(frozen=True)
class CorrectionRequest:
    project_code: str
    on: date
    extra_items: Sequence[str] = ()
    signer: Any | None = None


def missing_for_correction(s: Session, project: Project, case: Case) -> list[str]:
    """Every missing material (checklist) and data item, and every part the 节能报告 lacks — the one-time list."""
    items: list[str] = []
    view = _materials(s, project, case)
    for m in view:
        if not m["attachments"]:
            items.append(f"{m['label']}（{m['source']}）" if m["verified"] else m["label"])
    report = _latest_report(s, case)
    if report is not None:
        for name in report.get("missing", []):
            items.append(f"节能报告缺少“{name}”部分（令第31号 第十二条）")
    sub = s.scalars(select(Submission).where(Submission.project_id == project.id)
                    .order_by(Submission.version.desc()).limit(1)).first()
    if sub is not None:
        items.extend(g.label for g in data_gaps(sub.data))
    return items


def correction_items(ctx: Context, project_code: str) -> list[str]:
    """What the one-time 补正通知 would list now (materials, report parts, data items) — for the 受理 step's preview."""
    with ctx.archive.read() as s:
        p, c = _case(s, project_code)
        return missing_for_correction(s, p, c)


def has_case(ctx: Context, project_code: str) -> bool:
    with ctx.archive.read() as s:
        p = _project(s, project_code)
        return s.scalars(select(Case.id).where(Case.project_id == p.id)).first() is not None


def request_correction(ctx: Context, *, request: CorrectionRequest) -> Result[IssuedDocument]:
    """Issue the one-time 补正通知 (令第31号 第十四条) listing everything missing — materials of the checklist, parts
    the 节能报告 lacks, data items — and record it on the timeline: document and event are one unit of work."""

    def work(s: Session) -> IssuedDocument:
        p, c = _case(s, request.project_code)
        if any(e.kind == "correction_requested" for e in _events(s, c)):
            raise UserError("补正通知只能一次性出具（令第31号 第十四条：一次告知需要补正的全部内容）。",
                            "The correction notice is issued once.")
        items = missing_for_correction(s, p, c) + [i for i in request.extra_items if i]
        if not items:
            raise UserError("材料与数据均齐全，无需补正，可予受理（reviewer case event … accepted）。",
                            "Nothing is missing: accept the application instead.")
        doc = issue_in(s, ctx, IssueRequest(project_code=request.project_code, kind="correction",
                                            missing_items=tuple(items), issued_on=request.on,
                                            extra={"received_on": c.received_on.isoformat()},
                                            signer=request.signer))
        _add_event(s, ctx, c, "correction_requested", request.on,
                   data={"doc_number": doc.doc_number, "opinion_id": doc.opinion_id, "signed": doc.signed,
                         "items": items})
        return doc

    return Result(ctx.archive.run_write(work), CASES | {Change.OPINIONS, Change.PROJECTS})


# -- reading -------------------------------------------------------------------------------------------------------
def _materials(s: Session, project: Project, case: Case) -> list[dict[str, Any]]:
    atts = list(s.scalars(select(CaseAttachment).where(CaseAttachment.case_id == case.id)
                          .order_by(CaseAttachment.id)))
    out = []
    for m in material_items(project.application_date):
        mine = [a for a in atts if a.item == m.id or (not a.item and a.kind == m.kind)]
        out.append({"id": m.id, "kind": m.kind, "label": m.label, "label_en": m.label_en, "source": m.source,
                    "verified": m.verified, "shanghai": m.shanghai,
                    "attachments": [a.id for a in mine], "present": bool(mine)})
    return out


def _latest_report(s: Session, case: Case) -> dict[str, Any] | None:
    a = s.scalars(select(CaseAttachment).where(CaseAttachment.case_id == case.id,
                                               CaseAttachment.kind == "energy_report")
                  .order_by(CaseAttachment.id.desc()).limit(1)).first()
    return (a.analysis or {}).get("report_structure") if a is not None else None


def _view(s: Session, p: Project, c: Case, today: date) -> dict[str, Any]:
    evs = _events(s, c)
    params = active_parameters(s)
    clk = clock(params, c.received_on, evs, today)
    st = status(evs)
    nxt = clk.next_due(today) if st in OPEN else None
    soon = period(params, DUE_SOON, today)
    atts = s.scalars(select(CaseAttachment).where(CaseAttachment.case_id == c.id).order_by(CaseAttachment.id))
    report = _latest_report(s, c)
    return {
        "project_code": p.code, "project_name": p.name, "status": st, "status_label": STATUS_LABELS.get(st, st),
        "received_on": c.received_on.isoformat(),
        "timeline": [{"id": e.id, "kind": e.kind, "label": EVENTS[e.kind][0], "label_en": EVENTS[e.kind][1],
                      "on": e.on.isoformat(), "actor": e.actor, "reason": e.reason, "data": e.data}
                     for e in ordered(evs)],
        "attachments": [{"id": a.id, "kind": a.kind, "kind_label": kind_label(a.kind),
                         "kind_label_en": KINDS.get(a.kind, {}).get("label_en", a.kind), "item": a.item,
                         "original_name": a.original_name, "sha256": a.sha256, "size": a.size,
                         "media_type": a.media_type, "added_by": a.added_by, "added_at": a.added_at.isoformat()}
                        for a in atts],
        "materials": _materials(s, p, c),
        "deadlines": {"correction_notice": clk.correction_notice.isoformat(),
                      "acceptance": clk.accept_due.isoformat() if clk.accept_due_kind == "acceptance" else None,
                      "decision": clk.decision.isoformat() if clk.decision else None,
                      "next": ({"kind": nxt[0], "due": nxt[1].isoformat(),
                                "overdue": today > nxt[1],
                                "due_soon": today <= nxt[1] and working_days_between(today, nxt[1]) <= soon}
                               if nxt else None),
                      **{k: v for k, v in clk.to_dict().items()
                         if k not in ("correction_notice", "decision", "acceptance")}},
        "report_structure": report if report is not None else {"missing": None, "note": "未附节能报告"},
    }


def show_case(ctx: Context, project_code: str, *, today: date | None = None) -> dict[str, Any]:
    """The case file of one project: timeline, attachments, materials, deadlines, the report's structure."""
    with ctx.archive.read() as s:
        p, c = _case(s, project_code)
        return _view(s, p, c, today or _today(ctx))


@dataclass(frozen=True)
class CaseListRequest:
    """``due_within``: next deadline within N working days of ``today`` (overdue included); ``overdue``: only cases
    whose next deadline has passed. ``after``: the last row of the previous page (keyset: (sort date, case id))."""

    today: date | None = None
    due_within: int | None = None
    overdue: bool = False
    limit: int = 200
    after: tuple[str | None, int] | None = None


@dataclass(frozen=True)
class CasePage:
    rows: list[dict[str, Any]]
    next_after: tuple[str | None, int] | None  # pass as ``after`` for the next page; None: last page


def sync_pending(ctx: Context) -> int:
    """Recompute the stored columns of every stale case (:func:`resync_stale_in`) in one transaction; 0 on a
    read-only archive (the list then computes them in memory, see :func:`case_page`)."""
    if ctx.archive.read_only:
        return 0
    with ctx.archive.read() as s:
        if not _stale(s):
            return 0
    return ctx.archive.run_write(resync_stale_in)


def resync_cases(ctx: Context) -> Result[int]:
    """Re-derive every case's stored deadlines in one transaction (``reviewer case resync``) — normally not needed:
    a stale case (other calendar or periods, see :func:`resync_stale_in`) is recomputed automatically."""
    def work(s: Session) -> int:
        params = active_parameters(s)
        fp = fingerprint(params)
        rows = list(s.scalars(select(Case).order_by(Case.id)))
        for c in rows:
            _sync(s, c, params=params, fp=fp)
        return len(rows)

    return Result(ctx.archive.run_write(work), CASES)


def case_list_sql(request: CaseListRequest, day: date) -> tuple[str, dict[str, Any]]:
    """SQL text and parameters of one page of the case list (both dialects; :func:`case_page` runs it)."""
    nxt = listing.NEXT_DUE
    params: dict[str, Any] = {"today": day, "limit": max(1, request.limit)}
    conds: list[str] = []
    filtered = request.overdue or request.due_within is not None
    if request.overdue:
        conds.append(listing.OVERDUE)
    if request.due_within is not None:
        params["until"] = add_working_days(day, max(0, request.due_within)).due
        conds.append(listing.DUE_BY)
    if request.overdue:
        # an overdue case's next deadline is its decision_due: ordered by the index itself (LIMIT stops early)
        order, key = "c.decision_due, c.id", "c.decision_due"
    elif filtered:
        order, key = f"{nxt}, c.id", nxt
    else:
        order, key = "c.id", None
    if request.after is not None:
        a_due, a_id = request.after
        params["a_id"] = a_id
        if key is None:
            conds.append("c.id > :a_id")
        else:
            params["a_due"] = date.fromisoformat(a_due) if a_due else None
            conds.append(f"({key} > :a_due OR ({key} = :a_due AND c.id > :a_id))")
    where_sql = (" WHERE " + " AND ".join(conds)) if conds else ""
    sql = (f"SELECT c.id, p.code, p.name, c.status, c.received_on, c.accept_due, c.accept_due_kind, c.decision_due, "
           f"{nxt} AS next_due FROM cases c JOIN projects p ON p.id = c.project_id{where_sql} "
           f"ORDER BY {order} LIMIT :limit")
    return sql, params


def case_page(ctx: Context, request: CaseListRequest = CaseListRequest()) -> CasePage:
    """One page of the case list, filtered and ordered in SQL over the stored deadline columns (indexed), keyset
    paginated: never loads more than ``limit`` cases. Without a filter: by case id; with ``--due``/``--overdue``:
    by next deadline, then id."""
    day = request.today or _today(ctx)
    sync_pending(ctx)
    with ctx.archive.read() as s:
        params = active_parameters(s)
        if _stale(s):  # only on a read-only archive (else sync_pending rewrote them): computed here, not written
            rows = _rows_in_memory(s, params, request, day)
        else:
            sql, params_sql = case_list_sql(request, day)
            rows = s.execute(_bind(sql, params_sql), params_sql).all()
    soon = period(params, DUE_SOON, day)
    soon_until = add_working_days(day, soon).due
    limit = max(1, request.limit)
    out = []
    for r in rows:
        due = _as_date(r.next_due)
        kind = (r.accept_due_kind if r.accept_due is not None and _as_date(r.accept_due) >= day else "decision") \
            if due is not None else ""
        st = r.status or "received"
        out.append({"project_code": r.code, "project_name": r.name, "status": st,
                    "status_label": STATUS_LABELS.get(st, st), "received_on": _as_date(r.received_on).isoformat(),
                    "next": ({"kind": kind, "due": due.isoformat(), "overdue": day > due,
                              "due_soon": day <= due <= soon_until} if due is not None else None),
                    "_key": (due.isoformat() if due else None, r.id)})
    last = out[-1]["_key"] if len(out) == limit else None
    for o in out:
        del o["_key"]
    return CasePage(out, last)


@dataclass(frozen=True)
class _Row:
    id: int
    code: str
    name: str
    status: str
    received_on: date
    accept_due: date | None
    accept_due_kind: str
    decision_due: date | None
    next_due: date | None


def _rows_in_memory(s: Session, params: ParameterStore, request: CaseListRequest, day: date) -> list[_Row]:
    """The page :func:`case_list_sql` would select, computed from the events with the running rules — for a
    read-only archive whose stored columns are stale or missing. Same filters, order and keyset as the SQL
    (reviewer.case.listing)."""
    rows: list[_Row] = []
    by_case = _events_of(s)  # one query, not one per case
    for c, p in s.execute(select(Case, Project).join(Project, Project.id == Case.project_id)).all():
        st, acc, acc_kind, dec = _derive(params, c, by_case.get(c.id, []))
        pending = acc is not None and acc >= day
        rows.append(_Row(c.id, p.code, p.name, st, c.received_on, acc, acc_kind, dec, acc if pending else dec))
    until = add_working_days(day, max(0, request.due_within)).due if request.due_within is not None else None

    def keep(r: _Row) -> bool:
        pending = r.accept_due is not None and r.accept_due >= day
        if request.overdue and not (r.decision_due is not None and r.decision_due < day and not pending):
            return False
        if until is not None and not ((pending and r.accept_due <= until) or
                                      (r.decision_due is not None and r.decision_due <= until and not pending)):
            return False
        return True

    rows = [r for r in rows if keep(r)]
    if request.overdue:
        key = lambda r: r.decision_due  # noqa: E731
    elif request.due_within is not None:
        key = lambda r: r.next_due  # noqa: E731
    else:
        key = None
    if key is None:
        rows.sort(key=lambda r: r.id)
        if request.after is not None:
            rows = [r for r in rows if r.id > request.after[1]]
    else:
        rows.sort(key=lambda r: (key(r), r.id))
        if request.after is not None:
            a_due = date.fromisoformat(request.after[0]) if request.after[0] else None
            a_id = request.after[1]
            rows = [r for r in rows if a_due is not None and (key(r) > a_due or (key(r) == a_due and r.id > a_id))]
    return rows[:max(1, request.limit)]


def _as_date(v: Any) -> Any:
    return date.fromisoformat(v[:10]) if isinstance(v, str) else v


def _bind(sql: str, params: dict[str, Any]) -> Any:
    stmt = text(sql)
    return stmt.bindparams(*(bindparam(k, type_=Date) for k in ("today", "until", "a_due") if k in params))


def list_cases(ctx: Context, *, today: date | None = None, due_within: int | None = None,
               overdue: bool = False) -> list[dict[str, Any]]:
    """Every matching case, page by page (:func:`case_page`); for the CLI's ``case list``."""
    out: list[dict[str, Any]] = []
    after = None
    while True:
        page = case_page(ctx, CaseListRequest(today=today, due_within=due_within, overdue=overdue, after=after))
        out.extend(page.rows)
        if page.next_after is None:
            return out
        after = page.next_after
