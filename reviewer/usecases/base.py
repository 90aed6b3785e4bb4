"""Shared vocabulary of the use cases: the context passed down from the edge, the result, the unit of work."""

from __future__ import annotations

import enum
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Callable, Generic, Iterator, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from reviewer.archive.db import Archive
from reviewer.errors import UserError
from reviewer.settings import Settings

T = TypeVar("T")


class Change(str, enum.Enum):
    """What a use case changed; screens subscribe to the kinds they show."""

    PROJECTS = "projects"
    SUBMISSIONS = "submissions"
    ASSESSMENTS = "assessments"
    OPINIONS = "opinions"
    LEDGER = "ledger"
    CASES = "cases"
    RULES = "rules"
    KEYS = "keys"
    SETTINGS = "settings"


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Context:
    """What the edge (CLI command, main window) decides once and passes to every use case."""

    archive: Archive
    settings: Settings = field(default_factory=Settings)
    actor: str = ""
    clock: Callable[[], datetime] = _utc_now

    def who(self, override: str = "") -> str:
        """The acting person for the audit log: an explicit name, else the context's, else the settings' reviewer."""
        return override or self.actor or self.settings.reviewer_name or "reviewer"

    def today(self) -> date:
        """Today in the office's time zone (setting ``time_zone``, default Asia/Shanghai): the date documents carry
        by default — the same clock as the signature stamp, whatever the machine's zone (issue 13 item 7)."""
        try:
            zone = ZoneInfo(getattr(self.settings, "time_zone", "") or "Asia/Shanghai")
        except (ZoneInfoNotFoundError, ValueError):
            raise UserError(f"设置中的时区“{self.settings.time_zone}”无效（例：Asia/Shanghai）。",
                            f"Invalid office time zone {self.settings.time_zone!r}.") from None
        return self.clock().astimezone(zone).date()

    def now(self) -> datetime:
        """The current instant, timezone-aware (UTC); documents convert it to the office's time zone."""
        return self.clock()


@dataclass(frozen=True)
class Result(Generic[T]):
    """A use case's value and the kinds of data it changed (empty for a read or a refused action)."""

    value: T
    changes: frozenset[Change] = frozenset()


@contextmanager
def unit_of_work(ctx: Context) -> Iterator[Session]:
    """The one write transaction of a use case: commits on success, rolls back on any exception."""
    with ctx.archive.write() as session:
        yield session


def run_unit(ctx: Context, fn: Callable[[Session], T]) -> T:
    """Run ``fn`` as the use case's unit of work, retrying while the archive is busy (never half-applied)."""
    return ctx.archive.run_write(fn)
