"""Archive browser model: a windowed, lazily fetched view over the ``projects`` table.

100k projects must scroll and sort smoothly, so the model never loads them all: it counts the matching rows, then
fetches :data:`BATCH` rows at a time through ``canFetchMore``/``fetchMore`` as the view scrolls, with filters and
ORDER BY pushed into SQL (Core selects of the few displayed columns — no ORM objects).

SQLAlchemy is imported only when the first query runs, so the main window can appear before the archive layer
has loaded (start-up budget); :meth:`ProjectTableModel.query` is a pure function a worker thread can run, and
:meth:`ProjectTableModel.apply` installs its result on the UI thread.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from reviewer.archive import search
from reviewer.submission.spec import lists
from reviewer.ui.appstate import current_language

if TYPE_CHECKING:
    from reviewer.archive.db import Archive

BATCH = 200

# status code → label (translated through the model's context)
STATUSES = ("received", "in_review", "correction", "approved", "rejected", "lapsed")
OUTCOMES = ("approval", "rejection", "correction")


@dataclass(frozen=True)
class ProjectFilter:
    search: str = ""  # 项目代码 / 名称 / 建设单位 / 文号
    status: str = ""
    town: str = ""  # matches town or park
    industry: str = ""  # GB/T 4754 code prefix
    year: int | None = None  # application year
    review_level: str = ""
    outcome: str = ""  # kind of an issued opinion
    overdue_on: date | None = None  # only projects whose case's next deadline passed before this day

    def with_(self, **kw: Any) -> "ProjectFilter":
        return replace(self, **kw)


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # English source string, translated in headerData
    numeric: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("code", QT_TRANSLATE_NOOP("ProjectTableModel", "Project code")),
    Column("name", QT_TRANSLATE_NOOP("ProjectTableModel", "Name")),
    Column("builder", QT_TRANSLATE_NOOP("ProjectTableModel", "Builder")),
    Column("town", QT_TRANSLATE_NOOP("ProjectTableModel", "Town / park")),
    Column("industry_code", QT_TRANSLATE_NOOP("ProjectTableModel", "Industry")),
    Column("equivalent_tce", QT_TRANSLATE_NOOP("ProjectTableModel", "Calorific (tce)"), True),
    Column("equal_value_tce", QT_TRANSLATE_NOOP("ProjectTableModel", "Primary equiv. (tce)"), True),
    Column("carbon_tco2", QT_TRANSLATE_NOOP("ProjectTableModel", "CO₂ (t)"), True),
    Column("review_level", QT_TRANSLATE_NOOP("ProjectTableModel", "Review level")),
    Column("status", QT_TRANSLATE_NOOP("ProjectTableModel", "Status")),
    Column("application_date", QT_TRANSLATE_NOOP("ProjectTableModel", "Applied")),
)
# Deadline columns from the case file (issue 14), after the archive's columns: not sortable (the page query of
# reviewer.archive.search orders projects; the case list (reviewer case list --due/--overdue) orders by deadline).
DUE_COLUMNS: tuple[Column, ...] = (
    Column("next_due", QT_TRANSLATE_NOOP("ProjectTableModel", "Next deadline")),
    Column("due_flag", QT_TRANSLATE_NOOP("ProjectTableModel", "Deadline")),
)
ALL_COLUMNS = COLUMNS + DUE_COLUMNS
FLAG_ROLE = int(Qt.ItemDataRole.UserRole) + 1  # "overdue" | "soon" | "" of a row
FLAG_COLORS = {"overdue": "#c62828", "soon": "#b26a00"}
OFFICE_TZ = "Asia/Shanghai"



class Source(ABC):
    """Where the browser's rows come from: ``rows(sql, params)`` with ``:name`` parameters (no Qt; any thread)."""

    @abstractmethod
    def rows(self, sql: str, params: dict[str, Any]) -> list[tuple]:
        """Run ``sql`` with ``params`` and return the rows."""


class ArchiveSource(Source):
    """Any archive SQLAlchemy can open (PostgreSQL for a shared office archive)."""

    def __init__(self, archive: "Archive"):
        self.archive = archive

    def rows(self, sql: str, params: dict[str, Any]) -> list[tuple]:
        from sqlalchemy import text

        with self.archive.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(text(sql), params)]


class SqliteSource(Source):
    """A local SQLite archive read through the standard ``sqlite3`` module: no SQLAlchemy import, so the list can
    be shown before the archive layer has loaded. Read-only connections (``PRAGMA query_only``), one per call."""

    def __init__(self, path: str):
        self.path = path

    def rows(self, sql: str, params: dict[str, Any]) -> list[tuple]:
        import os
        import sqlite3
        from urllib.parse import quote

        # A folder that cannot be written (read-only mount, backup copy): immutable, so no -shm/-wal is needed.
        folder = os.path.dirname(os.path.abspath(self.path))
        ro = "&immutable=1" if not os.access(folder, os.W_OK) else ""
        conn = sqlite3.connect(f"file:{quote(os.path.abspath(self.path))}?mode=ro{ro}", uri=True, timeout=5)
        try:
            conn.execute("PRAGMA query_only=1")
            return [tuple(r) for r in conn.execute(sql, params)]
        finally:
            conn.close()

    @staticmethod
    def path_of(url: str | None) -> str | None:
        """File path of a ``sqlite:///…`` URL (None for other databases and in-memory SQLite)."""
        if not url or not url.startswith("sqlite") or ":///" not in url:
            return None
        path = url.split(":///", 1)[1].split("?", 1)[0]
        return path if path and path != ":memory:" else None


def source_for(archive: "Archive") -> Source:
    path = SqliteSource.path_of(archive.url) if archive.is_sqlite else None
    return SqliteSource(path) if path else ArchiveSource(archive)


def _criteria(f: ProjectFilter, *, sqlite: bool) -> search.Criteria:
    extra, extra_params = "", ()
    if f.overdue_on is not None:
        from reviewer.case import listing  # lazy like the other deadline queries (start-up budget)

        # the same SQL as ``reviewer case list --overdue`` (reviewer.case.listing.OVERDUE)
        extra = f"p.id IN (SELECT c.project_id FROM cases c WHERE {listing.OVERDUE})"
        extra_params = (("today", f.overdue_on.isoformat() if sqlite else f.overdue_on),)
    return search.Criteria(search=f.search, status=f.status, town=f.town, industry=f.industry, year=f.year,
                           review_level=f.review_level, outcome=f.outcome, extra_sql=extra, extra_params=extra_params)


def build_where(f: ProjectFilter, *, sqlite: bool) -> tuple[str, dict[str, Any]]:
    """WHERE clause (SQL text with ``:name`` parameters) for a filter — ``reviewer.archive.search``, the same
    indexed path as the CLI and the benchmarks."""
    q = search.where(_criteria(f, sqlite=sqlite), dialect="sqlite" if sqlite else "postgresql")
    return q.sql, q.params


# projects without an open deadline sort after every date (the keyset needs a key that is never NULL)
NO_DUE = date(9999, 12, 31)


def page_sql(f: ProjectFilter, sort_col: int, order: Qt.SortOrder, offset: int, limit: int, *,
             sqlite: bool, after: tuple[Any, int] | None = None,
             today: date | None = None) -> tuple[str, dict[str, Any]]:
    """One page; ``sort_col`` a :data:`COLUMNS` index or :data:`_DUE_COL` / the flag column after it (the case's next
    deadline on ``today``: the SQL of reviewer.case.listing, keyset over (deadline, id))."""
    extra: dict[str, Any] = {}
    if sort_col >= len(COLUMNS):
        from reviewer.case import listing  # lazy like the other deadline queries (start-up budget)

        day = today or office_today()
        iso = (lambda d: d.isoformat()) if sqlite else (lambda d: d)  # noqa: E731
        extra = dict(sort="next_due", sort_expr=f"COALESCE({listing.NEXT_DUE}, :no_due)",
                     join=" LEFT JOIN cases c ON c.project_id = p.id",
                     sort_params=(("today", iso(day)), ("no_due", iso(NO_DUE))))
    else:
        extra = dict(sort=COLUMNS[sort_col].key)
    q = search.page_query(_criteria(f, sqlite=sqlite), dialect="sqlite" if sqlite else "postgresql",
                          descending=order == Qt.SortOrder.DescendingOrder, limit=limit, offset=offset, after=after,
                          **extra)
    return q.sql, q.params


def _as_date(v: Any) -> Any:
    if isinstance(v, str) and len(v) == 10:
        try:
            return date.fromisoformat(v)
        except ValueError:
            return v
    return v


_DATE_COL = [c.key for c in COLUMNS].index("application_date")
_DUE_COL = len(COLUMNS)


def office_today() -> date:
    """Today in the office's time zone (deadlines are calendar days in Shanghai)."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(OFFICE_TZ)).date()


@cache
def due_soon_until(today: date) -> date:
    """Last day of the due-soon window: ``today`` + the working days of the rule parameter
    ``review.deadlines.due_soon_working_days`` (product policy, rules/parameters/review/deadlines.toml)."""
    # lazy: the rule packs are not needed to show the window, only the first page's deadlines
    from reviewer.rules.deadlines import DUE_SOON, period
    from reviewer.rules.engine import baseline
    from reviewer.rules.workdays import add_working_days

    return add_working_days(today, period(baseline(), DUE_SOON, today)).due


def case_deadlines(source: "Source", ids: list[int], today: date) -> dict[int, tuple[str, Any, str]]:
    """project id → (next deadline kind, date, flag) for the cases of ``ids`` — one indexed query per page, the SQL
    of :mod:`reviewer.case.listing` (the same rule as ``reviewer case list``)."""
    from reviewer.case import listing

    if not ids:
        return {}
    until = due_soon_until(today)
    iso = isinstance(source, SqliteSource)  # sqlite3 compares the stored ISO text; SQLAlchemy binds dates
    params: dict[str, Any] = {"today": today.isoformat() if iso else today, "until": until.isoformat() if iso else until}
    names = []
    for i, pid in enumerate(ids):
        params[f"p{i}"] = pid
        names.append(f":p{i}")
    sql = (f"SELECT c.project_id, {listing.NEXT_KIND}, {listing.NEXT_DUE}, CASE WHEN {listing.OVERDUE} THEN 'overdue' "
           f"WHEN {listing.DUE_SOON} THEN 'soon' ELSE '' END FROM cases c WHERE c.project_id IN ({', '.join(names)})")
    return {int(r[0]): (r[1] or "", _as_date(r[2]), r[3] or "") for r in source.rows(sql, params)}


@dataclass
class Page:
    """Result of :meth:`ProjectTableModel.query`: what a filter/sort shows first."""

    filter: ProjectFilter
    sort_col: int
    order: Qt.SortOrder
    total: int
    rows: list[tuple]


def deadline_counts(source: "Source | Archive", today: date | None = None) -> tuple[int, int]:
    """(overdue, due soon) open cases on ``today`` — two indexed counts over ``cases`` (any thread)."""
    from reviewer.case import listing

    src = source if isinstance(source, Source) else source_for(source)
    day = today or office_today()
    until = due_soon_until(day)
    iso = isinstance(src, SqliteSource)
    params = {"today": day.isoformat() if iso else day, "until": until.isoformat() if iso else until}
    overdue = src.rows(f"SELECT count(*) FROM cases c WHERE {listing.OVERDUE}", params)[0][0]
    soon = src.rows(f"SELECT count(*) FROM cases c WHERE {listing.DUE_SOON}", params)[0][0]
    return int(overdue), int(soon)


class ProjectTableModel(QAbstractTableModel):
    """Rows are tuples in :data:`COLUMNS` order plus the project id at the end."""

    def __init__(self, archive: "Archive | Source | None" = None, parent=None, *,  # noqa: ANN001
                 today: date | None = None):
        super().__init__(parent)
        self.today = today  # None: the office's today at each query
        self.source: Source | None = None if archive is None else (
            archive if isinstance(archive, Source) else source_for(archive))
        self._filter = ProjectFilter()
        self._sort_col = 0
        self._order = Qt.SortOrder.AscendingOrder
        self._rows: list[tuple] = []
        self._total = 0
        if self.source is not None:
            self.reload()

    # -- queries (pure: safe on a worker thread) ------------------------------------------------------------
    @staticmethod
    def fetch_page(source: Source, f: ProjectFilter, sort_col: int, order: Qt.SortOrder, offset: int,
                   limit: int, after: tuple[Any, int] | None = None, today: date | None = None) -> list[tuple]:
        """Rows: the :data:`COLUMNS` values, the case's (next deadline kind, date, flag), the project id."""
        day = today or office_today()
        sql, params = page_sql(f, sort_col, order, offset, limit, sqlite=isinstance(source, SqliteSource),
                               after=after, today=day)
        rows = source.rows(sql, params)
        dues = case_deadlines(source, [int(r[-1]) for r in rows], day)
        return [r[:_DATE_COL] + (_as_date(r[_DATE_COL]),) + r[_DATE_COL + 1:-1]
                + ((dues.get(int(r[-1])) or ("", None, "")),) + (r[-1],) for r in rows]

    @staticmethod
    def count(source: Source, f: ProjectFilter) -> int:
        where, params = build_where(f, sqlite=isinstance(source, SqliteSource))
        return int(source.rows(f"SELECT count(*) FROM projects p{where}", params)[0][0])

    @classmethod
    def query(cls, source: "Source | Archive", f: ProjectFilter, sort_col: int = 0,
              order: Qt.SortOrder = Qt.SortOrder.AscendingOrder, today: date | None = None) -> Page:
        """Count and first page for ``f`` (run it on a worker thread for the 100k-row archive)."""
        src = source if isinstance(source, Source) else source_for(source)
        return Page(f, sort_col, order, cls.count(src, f), cls.fetch_page(src, f, sort_col, order, 0, BATCH,
                                                                           today=today))

    def apply(self, page: Page, source: "Source | Archive | None" = None) -> None:
        """Install a :meth:`query` result (UI thread)."""
        self.beginResetModel()
        if source is not None:
            self.source = source if isinstance(source, Source) else source_for(source)
        self._filter, self._sort_col, self._order = page.filter, page.sort_col, page.order
        self._total, self._rows = page.total, list(page.rows)
        self.endResetModel()

    def _page(self, offset: int, limit: int) -> list[tuple]:
        if self.source is None:
            return []
        # Keyset continuation from the last loaded row (sort value, id): no OFFSET walk over earlier pages.
        after = None
        if offset and offset == len(self._rows):
            last = self._rows[-1]
            key = last[self._sort_col] if self._sort_col < _DUE_COL else (last[_DUE_COL][1] or NO_DUE)
            after = (key, last[-1])
        return self.fetch_page(self.source, self._filter, self._sort_col, self._order, offset, limit, after,
                               today=self.today)

    def reload(self) -> None:
        if self.source is None:
            return
        self.apply(self.query(self.source, self._filter, self._sort_col, self._order, today=self.today))

    # -- public ---------------------------------------------------------------------------------------------
    @property
    def total(self) -> int:
        return self._total

    @property
    def filter(self) -> ProjectFilter:
        return self._filter

    def set_filter(self, f: ProjectFilter) -> None:
        if f != self._filter:
            self._filter = f
            self.reload()

    def code_at(self, row: int) -> str | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def row_of(self, code: str) -> int:
        for i, r in enumerate(self._rows):
            if r[0] == code:
                return i
        return -1

    # -- Qt model API ---------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(ALL_COLUMNS)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:
        if parent.isValid():
            return
        more = self._page(len(self._rows), BATCH)
        if not more:
            self._total = len(self._rows)
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column <= _DUE_COL + 1:  # the two deadline columns sort by the next deadline (server-side)
            return
        self._sort_col, self._order = column, order
        self.layoutAboutToBeChanged.emit()
        self.beginResetModel()
        self._rows = self._page(0, BATCH)
        self.endResetModel()
        self.layoutChanged.emit()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(ALL_COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("ProjectTableModel", ALL_COLUMNS[section].title)
            if role == Qt.ItemDataRole.TextAlignmentRole and ALL_COLUMNS[section].numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(ALL_COLUMNS):
            return None
        if index.column() >= _DUE_COL:
            return self._due_data(self._rows[index.row()][_DUE_COL], index.column() - _DUE_COL, role)
        col = COLUMNS[index.column()]
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if value is None:
                return ""
            if col.numeric:
                return f"{value:,.2f}"
            if col.key == "status":
                return status_label(str(value))
            if col.key == "review_level":
                return level_label(str(value))
            if col.key == "application_date":
                return value.isoformat() if hasattr(value, "isoformat") else str(value)
            if col.key == "industry_code":
                return industry_text(str(value))
            return str(value)
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col.key in ("name", "builder"):
            return str(value or "")
        return None


    @staticmethod
    def _due_data(due: tuple[str, Any, str], which: int, role: int) -> Any:
        kind, day, flag = due
        if role == FLAG_ROLE:
            return flag
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if which == 0:
                return f"{day.isoformat()} {deadline_label(kind)}" if day is not None else ""
            return flag_label(flag)
        if role == Qt.ItemDataRole.UserRole:
            return day if which == 0 else flag
        if role == Qt.ItemDataRole.ForegroundRole and flag:
            from PySide6.QtGui import QColor

            return QColor(FLAG_COLORS[flag])
        if role == Qt.ItemDataRole.FontRole and flag == "overdue":
            from PySide6.QtGui import QFont

            f = QFont()
            f.setBold(True)
            return f
        return None


def deadline_label(kind: str) -> str:
    labels = {"correction_notice": QT_TRANSLATE_NOOP("Status", "correction notice"),
              "acceptance": QT_TRANSLATE_NOOP("Status", "acceptance"),
              "decision": QT_TRANSLATE_NOOP("Status", "decision")}
    return QCoreApplication.translate("Status", labels[kind]) if kind in labels else kind


def flag_label(flag: str) -> str:
    labels = {"overdue": QT_TRANSLATE_NOOP("Status", "OVERDUE"), "soon": QT_TRANSLATE_NOOP("Status", "due soon")}
    return QCoreApplication.translate("Status", labels[flag]) if flag in labels else ""


@cache
def _industries() -> dict[str, tuple[str, str]]:
    return {i["code"]: (i["label"], i.get("label_en") or i["label"]) for i in lists().get("industry_codes", [])}


def industry_text(code: str) -> str:
    """GB/T 4754 code with its name from forms/lists.toml ("84 卫生"), the code alone when not listed."""
    names = _industries().get(code)
    if not names:
        return code
    return f"{code} {names[1] if current_language() == 'en' else names[0]}"


def status_label(code: str) -> str:
    labels = {
        "received": QT_TRANSLATE_NOOP("Status", "Received"), "in_review": QT_TRANSLATE_NOOP("Status", "In review"), "correction": QT_TRANSLATE_NOOP("Status", "Correction requested"),
        "approved": QT_TRANSLATE_NOOP("Status", "Approved"), "rejected": QT_TRANSLATE_NOOP("Status", "Rejected"), "lapsed": QT_TRANSLATE_NOOP("Status", "Lapsed"),
    }
    return QCoreApplication.translate("Status", labels.get(code, code)) if code in labels else code


def level_label(code: str) -> str:
    labels = {"none": QT_TRANSLATE_NOOP("Status", "No separate review"),
              "district": QT_TRANSLATE_NOOP("Status", "District"),
              "municipal": QT_TRANSLATE_NOOP("Status", "Municipal"),
              "ndrc": QT_TRANSLATE_NOOP("Status", "National (NDRC)")}
    return QCoreApplication.translate("Status", labels[code]) if code in labels else code


def outcome_label(code: str) -> str:
    labels = {"approval": QT_TRANSLATE_NOOP("Status", "Approval"), "rejection": QT_TRANSLATE_NOOP("Status", "Rejection"), "correction": QT_TRANSLATE_NOOP("Status", "Correction notice"),
              "acceptance": QT_TRANSLATE_NOOP("Status", "Acceptance"), "change": QT_TRANSLATE_NOOP("Status", "Change")}
    return QCoreApplication.translate("Status", labels[code]) if code in labels else code
