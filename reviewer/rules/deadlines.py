"""Statutory deadlines of a case, in working days (one calendar: :func:`reviewer.rules.workdays.add_working_days`).

- 补正告知: 令第31号 第十四条 — within 5 working days of receipt tell the applicant once everything to correct;
  otherwise the application counts as accepted (受理) from the day it was received.
- Decision: 令第31号 第十七条 → 《行政许可法》第四十二条 — 20 working days from 受理, +10 with the head's approval and the
  reason told to the applicant; 第四十五条 — the expert review's time (专家评审) is not counted.

The periods are dated parameters (``review.deadlines.*``); the function reads them on the date the period starts.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, timedelta

from reviewer.rules.params import ParameterStore, _jsonable
from reviewer.rules.workdays import WorkdayResult, add_working_days, load_calendar, working_days_between

CORRECTION = "review.deadlines.correction_notice_working_days"
DECISION = "review.deadlines.decision_working_days"
EXTENSION = "review.deadlines.decision_extension_working_days"
DUE_SOON = "review.deadlines.due_soon_working_days"


PERIODS = (CORRECTION, DECISION, EXTENSION)


def fingerprint(params: ParameterStore) -> str:
    """What a case's stored deadlines were computed with: the holiday calendar's bytes and every dated value of the
    period parameters (value, validity) — a stored deadline whose fingerprint differs from this is stale
    (a new calendar after an upgrade, a pack with other periods) and is recomputed, never shown."""
    periods = {pid: [{"value": _jsonable(v.value), "from": str(v.valid_from), "to": str(v.valid_to)}
                     for v in params.parameter(pid).values]
               for pid in PERIODS if pid in params}
    blob = json.dumps({"calendar": load_calendar().sha256, "periods": periods}, sort_keys=True, default=str)
    # 128 bits (the width of cases.rules_fp): a change detector, not a security check
    return hashlib.md5(blob.encode(), usedforsecurity=False).hexdigest()


def period(params: ParameterStore, pid: str, day: date) -> int:
    return int(params.get(pid, day).number)


def correction_notice_due(params: ParameterStore, received: date) -> WorkdayResult:
    """Last day to issue the one-time 补正通知 (令第31号 第十四条)."""
    return add_working_days(received, period(params, CORRECTION, received))


@dataclass(frozen=True)
class Pause:
    """A span the statutory clock does not run (expert review, 《行政许可法》第四十五条): from ``start`` to ``end``
    inclusive; ``end`` None while it runs."""

    start: date
    end: date | None


def decision_due(params: ParameterStore, accepted: date, *, extended: bool = False,
                 pauses: tuple[Pause, ...] = ()) -> WorkdayResult | None:
    """Decision deadline: accepted + 20 (+10) working days, the working days of each finished pause added.

    Returns None while a pause is still running (the clock is stopped; the due date is not known yet).
    """
    n = period(params, DECISION, accepted)
    if extended:
        n += period(params, EXTENSION, accepted)
    if any(p.end is None for p in pauses):
        return None
    paused = sum(working_days_between(p.start - timedelta(days=1), p.end) for p in pauses if p.end >= p.start)
    return add_working_days(accepted, n + paused)

