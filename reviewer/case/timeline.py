"""The case's timeline: event kinds, the status they imply, and the statutory clock (pure functions over events).

Status is derived from the events in date order, never edited by hand. Deadlines:

- ``correction_notice``: receipt + 5 working days (令第31号 第十四条); after it passes with no 补正通知 and no 受理,
  the application *counts as accepted from the day it was received* (同条: 逾期不告知的，自收到报告之日起即为受理).
- ``decision``: 受理 + 20 working days, +10 after an extension (《行政许可法》第四十二条), plus the working days of every
  expert review (第四十五条: 专家评审所需时间不计算在期限内); unknown (None) while a review runs.
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

    def to_dict(self) -> dict[str, Any]:
        iso = lambda d: d.isoformat() if d else None  # noqa: E731
        return {"received_on": iso(self.received_on), "correction_notice": iso(self.correction_notice),
                "correction_notice_done": self.correction_notice_done, "accepted_on": iso(self.accepted_on),
                "accepted_deemed": self.accepted_deemed, "decision": iso(self.decision),
                "decision_done": self.decision_done, "extended": self.extended,
                "paused_working_days": self.paused_working_days, "review_running": self.review_running,
                "warnings": self.warnings}

    def next_due(self) -> tuple[str, date] | None:
        """The deadline still to be met: the 补正 notice, then the decision."""
        if not self.correction_notice_done and self.accepted_on is None:
            return "correction_notice", self.correction_notice
        if not self.decision_done and self.decision is not None:
            return "decision", self.decision
        return None


def clock(params: ParameterStore, received_on: date, events: Iterable[Event], today: date) -> Clock:
    evs = ordered(events)
    warnings: list[str] = []
    corr = correction_notice_due(params, received_on)
    warnings.extend(corr.warnings)
    kinds = {e.kind for e in evs}
    notice = next((e for e in evs if e.kind == "correction_requested"), None)
    accepted = next((e for e in reversed(evs) if e.kind == "accepted"), None)
    accepted_on, deemed = (accepted.on, False) if accepted else (None, False)
    if accepted is None and notice is None and today > corr.due:
        accepted_on, deemed = received_on, True  # 令第31号 第十四条: 逾期不告知的，自收到报告之日起即为受理
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
    due = None
    if accepted_on is not None:
        r = decision_due(params, accepted_on, extended=extended, pauses=tuple(pauses))
        if r is not None:
            due = r.due
            warnings.extend(w for w in r.warnings if w not in warnings)
    paused = sum(_working_days_in(p) for p in pauses if p.end is not None)
    return Clock(received_on=received_on, correction_notice=corr.due,
                 correction_notice_done=notice is not None or accepted is not None, accepted_on=accepted_on,
                 accepted_deemed=deemed, decision=due, decision_done="decided" in kinds, extended=extended,
                 paused_working_days=paused, review_running=start is not None, warnings=warnings)


def _working_days_in(p: Pause) -> int:
    return working_days_between(p.start - timedelta(days=1), p.end)
