"""The case's timeline: event kinds, the status they imply, and the statutory clock (pure functions over events).

Status is derived from the events in date order, never edited by hand. Deadlines:

- ``correction_notice``: receipt + 5 working days (令第31号 第十四条); after it passes with no 补正通知 and no 受理,
  the application *counts as accepted from the day it was received* (同条: 逾期不告知的，自收到报告之日起即为受理).
- ``decision``: 受理 + 20 working days, +10 after an extension (《行政许可法》第四十二条), plus the working days of every
  expert review (第四十五条: 专家评审所需时间不计算在期限内); unknown (None) while a review runs.
- ``acceptance``: after the one-time notice the clock waits for the applicant; corrected materials received restart
  the 受理 period from that day (《行政许可法》第三十二条), see :func:`clock`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, Iterable

from reviewer.rules.deadlines import Pause, correction_notice_due, decision_due
from reviewer.rules.params import ParameterStore
from reviewer.rules.workdays import working_days_between

# kind → (label zh, label en, status after it; None = status unchanged)
EVENTS: dict[str, tuple[str, str, str | None]] = {
    "received": ("收到申报材料", "Application received", "received"),
    "correction_requested": ("一次性告知补正", "Correction requested", "correction"),
    "corrected": ("收到补正材料", "Corrections received", "received"),
    "accepted": ("受理", "Accepted (受理)", "in_review"),
    "review_commissioned": ("委托评审", "Expert review commissioned", "expert_review"),
    "review_returned": ("评审意见返回", "Expert review returned", "in_review"),
    "extended": ("延长审查期限", "Time limit extended", None),
    "decided": ("作出审查决定", "Decision", None),  # status from data.outcome
    "issued": ("出具文书", "Document issued", None),
    "completion_accepted": ("节能验收", "Completion acceptance", "completed"),
    "changed": ("变更", "Change", None),
    "lapsed": ("审查意见失效", "Opinion lapsed", "lapsed"),
}
STATUS_LABELS = {
    "received": "待受理", "correction": "补正中", "in_review": "审查中", "expert_review": "专家评审中",
    "approved": "已通过", "rejected": "不予通过", "completed": "已验收", "lapsed": "已失效",
}
OUTCOME_STATUS = {"approval": "approved", "rejection": "rejected"}
OPEN = frozenset({"received", "correction", "in_review", "expert_review"})


@dataclass(frozen=True)
class Event:
    id: int
    kind: str
    on: date
    actor: str = ""
    reason: str = ""
    data: dict[str, Any] = field(default_factory=dict)


def ordered(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (e.on, e.id))


def status(events: Iterable[Event]) -> str:
    st = "received"
    for e in ordered(events):
        if e.kind == "decided":
            st = OUTCOME_STATUS.get(e.data.get("outcome", ""), st)
        elif EVENTS.get(e.kind, ("", "", None))[2] is not None:
            st = EVENTS[e.kind][2]
    return st


@dataclass
class Clock:
    received_on: date
    correction_notice: date
    correction_notice_done: bool
    accepted_on: date | None
    accepted_deemed: bool
    decision: date | None
    decision_done: bool
    extended: bool
    paused_working_days: int
    review_running: bool
    warnings: list[str]
    # The 受理 step's open deadline, independent of today: the 补正 notice (第十四条) before one is issued, the
    # acceptance of the corrected materials after they arrive (《行政许可法》第三十二条); None otherwise.
    accept_due: date | None = None
    accept_due_kind: str = ""
    # The decision deadline assuming acceptance on the day the law deems it (receipt / corrections received) when
    # the office does nothing: what ``cases.decision_due`` stores for SQL (None: closed, review running, or waiting
    # for the applicant's corrections).
    decision_basis_due: date | None = None
    corrected_on: date | None = None

    def to_dict(self) -> dict[str, Any]:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"received_on": iso(self.received_on), "correction_notice": iso(self.correction_notice),
                "correction_notice_done": self.correction_notice_done, "accepted_on": iso(self.accepted_on),
                "accepted_deemed": self.accepted_deemed, "decision": iso(self.decision),
                "decision_done": self.decision_done, "extended": self.extended,
                "paused_working_days": self.paused_working_days, "review_running": self.review_running,
                "acceptance": iso(self.accept_due) if self.accept_due_kind == "acceptance" else None,
                "corrected_on": iso(self.corrected_on), "warnings": self.warnings}

    def next_due(self, today: date) -> tuple[str, date] | None:
        """The deadline still to be met on ``today``: the 受理 step's (补正 notice, or acceptance of the corrected
        materials) while it has not passed; once it has, the application counts as accepted and the decision's.
        The same rule as the SQL of :func:`next_due_sql` over the stored columns."""
        if self.accept_due is not None and today <= self.accept_due:
            return self.accept_due_kind, self.accept_due
        if not self.decision_done and self.decision_basis_due is not None:
            return "decision", self.decision_basis_due
        return None


def clock(params: ParameterStore, received_on: date, events: Iterable[Event], today: date) -> Clock:
    """The statutory clock of one case on ``today``.

    - 补正 notice: received + 5 working days (令第31号 第十四条); not told in time and not accepted → accepted from the
      day of receipt (同条: 逾期不告知的，自收到报告之日起即为受理).
    - After the one-time notice the clock waits for the applicant. When the corrected materials arrive (event
      ``corrected``) the 受理 period restarts from that day: the office examines them and shall accept when they are
      complete (《行政许可法》第三十二条第一款第（五）项), within the same 5 working days (第（四）项 “五日内”, 第八十二条
      工作日); not decided in time → accepted from the day the corrections were received (the same rule of 第十四条
      applied to the corrected application — an interpretation, stated as such in the manual).
    - Decision: accepted + 20 (+10) working days, the expert review's working days not counted (第四十二条、第四十五条).
    """
    evs = ordered(events)
    warnings: list[str] = []
    corr = correction_notice_due(params, received_on)
    warnings.extend(corr.warnings)
    kinds = {e.kind for e in evs}
    notice = next((e for e in evs if e.kind == "correction_requested"), None)
    accepted = next((e for e in reversed(evs) if e.kind == "accepted"), None)
    corrected = next((e for e in reversed(evs) if e.kind == "corrected"
                      and (notice is None or (e.on, e.id) >= (notice.on, notice.id))), None) if notice else None
    accept_due: date | None = None
    accept_kind = ""
    deemed_from: date | None = None
    if accepted is None:
        if notice is None:
            accept_due, accept_kind, deemed_from = corr.due, "correction_notice", received_on
        elif corrected is not None:
            r = correction_notice_due(params, corrected.on)
            warnings.extend(w for w in r.warnings if w not in warnings)
            accept_due, accept_kind, deemed_from = r.due, "acceptance", corrected.on
    deemed = accept_due is not None and today > accept_due
    accepted_on = accepted.on if accepted else (deemed_from if deemed else None)
    basis = accepted.on if accepted else deemed_from
    pauses: list[Pause] = []
    start: date | None = None
    for e in evs:
        if e.kind == "review_commissioned":
            start = e.on
        elif e.kind == "review_returned" and start is not None:
            pauses.append(Pause(start, e.on))
            start = None
    if start is not None:
        pauses.append(Pause(start, None))
    extended = "extended" in kinds
    basis_due = None
    if basis is not None:
        r = decision_due(params, basis, extended=extended, pauses=tuple(pauses))
        if r is not None:
            basis_due = r.due
            warnings.extend(w for w in r.warnings if w not in warnings)
    decided = "decided" in kinds
    paused = sum(_working_days_in(p) for p in pauses if p.end is not None)
    return Clock(received_on=received_on, correction_notice=corr.due,
                 correction_notice_done=notice is not None or accepted is not None, accepted_on=accepted_on,
                 accepted_deemed=deemed and accepted is None,
                 decision=basis_due if accepted_on is not None else None, decision_done=decided,
                 extended=extended, paused_working_days=paused, review_running=start is not None,
                 warnings=warnings, accept_due=accept_due, accept_due_kind=accept_kind,
                 decision_basis_due=None if decided else basis_due,
                 corrected_on=corrected.on if corrected else None)


def _working_days_in(p: Pause) -> int:
    return working_days_between(p.start - timedelta(days=1), p.end)
