"""The working-day calendar: the one function every deadline of the product is counted with.

《中华人民共和国行政许可法》第八十二条: the time limits of an administrative licence are counted in working days,
statutory holidays excluded. A working day is a Monday–Friday that is not a statutory holiday (法定节假日及调休放假日),
or a weekend day the State Council declared a working day (调休上班日). The days come from
``rules/calendar/holidays.toml`` (one table per year, from the 国务院办公厅 notice, with its 文号 and URL).

The day the period starts from (receipt, 受理) is not counted: ``add_working_days(Fri 2025-09-26, 5)`` counts
Sun 09-28 (调休上班), Mon 09-29, Tue 09-30, Thu 10-09, Fri 10-10 → 2025-10-10 (10-01…10-08 国庆节、中秋节).

A day in a year the calendar does not cover is counted Monday–Friday *and reported* in ``warnings`` (and
``complete`` is False): a deadline computed that way is never shown as if it were certain.
"""

from __future__ import annotations

import calendar
import hashlib
import tomllib
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from reviewer.paths import data_dir

WEEKEND = frozenset({calendar.SATURDAY, calendar.SUNDAY})
ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class YearCalendar:
    year: int
    notice: str
    doc_number: str
    url: str
    verified: bool
    doc_number_verified: bool
    holidays: frozenset[date]
    working_weekends: frozenset[date]

    def source(self) -> str:
        return f"{self.notice}（{self.doc_number}）"


@dataclass(frozen=True)
class Calendar:
    years: dict[int, YearCalendar]
    sha256: str = ""  # of the file's bytes: part of a stored deadline's fingerprint (reviewer.rules.deadlines)

    def covers(self, day: date) -> bool:
        return day.year in self.years

    def is_working_day(self, day: date) -> bool:
        y = self.years.get(day.year)
        if y is not None:
            if day in y.holidays:
                return False
            if day in y.working_weekends:
                return True
        return day.weekday() not in WEEKEND


@dataclass(frozen=True)
class WorkdayResult:
    """A date reached by counting working days, the calendar years it relied on, and what it could not rely on."""

    start: date
    days: int
    due: date
    sources: tuple[str, ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def complete(self) -> bool:
        return not self.warnings

    def to_dict(self) -> dict:
        return {"start": self.start.isoformat(), "working_days": self.days, "due": self.due.isoformat(),
                "calendar": list(self.sources), "complete": self.complete, "warnings": list(self.warnings)}


def _parse(path: Path) -> Calendar:
    raw = path.read_bytes()
    doc = tomllib.loads(raw.decode("utf-8"))
    years: dict[int, YearCalendar] = {}
    for key, body in (doc.get("years") or {}).items():
        year = int(key)
        hol = frozenset(body.get("holidays", []))
        work = frozenset(body.get("working_weekends", []))
        wrong = [d for d in hol | work if d.year != year] + [d for d in work if d.weekday() not in WEEKEND]
        if wrong or hol & work:
            raise ValueError(f"{path}: year {year}: inconsistent days {sorted(wrong or hol & work)}")
        years[year] = YearCalendar(year=year, notice=body["notice"], doc_number=body["doc_number"],
                                   url=body.get("url", ""), verified=bool(body["verified"]),
                                   doc_number_verified=bool(body.get("doc_number_verified", False)),
                                   holidays=hol, working_weekends=work)
    return Calendar(years, hashlib.sha256(raw).hexdigest())


def calendar_path() -> Path:
    """The holiday calendar this installation counts with (replaced by an upgrade with a new year's notice)."""
    return data_dir("rules") / "calendar" / "holidays.toml"


@cache
def _load(path: Path) -> Calendar:
    return _parse(path)


def load_calendar(path: Path | None = None) -> Calendar:
    return _load(path or calendar_path())


def _missing_warning(year: int) -> str:
    return (f"{year}年的法定节假日安排未收录（rules/calendar/holidays.toml），该年按周一至周五计算，期限可能不准确，"
            f"请核对国务院办公厅当年节假日安排通知。 / No holiday calendar for {year}: counted Monday–Friday, the date "
            f"may be wrong.")


def add_working_days(start: date, days: int, *, cal: Calendar | None = None) -> WorkdayResult:
    """``start`` + ``days`` working days (the start day itself not counted); ``days`` = 0 returns ``start``."""
    if days < 0:
        raise ValueError("days must be ≥ 0")
    cal = cal or load_calendar()
    d, left = start, days
    used: set[int] = set()
    missing: set[int] = set()
    while left > 0:
        d += ONE_DAY
        (used if cal.covers(d) else missing).add(d.year)
        if cal.is_working_day(d):
            left -= 1
    sources = tuple(cal.years[y].source() for y in sorted(used))
    return WorkdayResult(start=start, days=days, due=d, sources=sources,
                         warnings=tuple(_missing_warning(y) for y in sorted(missing)))


def working_days_between(start: date, end: date, *, cal: Calendar | None = None) -> int:
    """Working days in (start, end] — the days a period running from ``start`` has used by the end of ``end``."""
    cal = cal or load_calendar()
    n, d = 0, start
    while d < end:
        d += ONE_DAY
        if cal.is_working_day(d):
            n += 1
    return n
