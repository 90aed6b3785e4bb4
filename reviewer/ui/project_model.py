"""Archive browser model: a windowed, lazily fetched view over the ``projects`` table.

100k projects must scroll and sort smoothly, so the model never loads them all: it counts the matching rows, then
fetches :data:`BATCH` rows at a time through ``canFetchMore``/``fetchMore`` as the view scrolls, with filters and
ORDER BY pushed into SQL (Core selects of the few displayed columns — no ORM objects).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from sqlalchemy import and_, exists, func, or_, select

from reviewer.archive.db import Archive
from reviewer.archive.models import Opinion, Project

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
_SQL_COLS = [getattr(Project, c.key) for c in COLUMNS]


def build_query(f: ProjectFilter):
    """WHERE clause for a filter (shared by the count and the page queries)."""
    conds = []
    if f.search:
        like = f"%{f.search.strip()}%"
        conds.append(or_(Project.code.like(like), Project.name.like(like), Project.builder.like(like),
                         exists().where(and_(Opinion.project_id == Project.id, Opinion.doc_number.like(like)))))
    if f.status:
        conds.append(Project.status == f.status)
    if f.town:
        conds.append(Project.town == f.town)
    if f.industry:
        conds.append(Project.industry_code.like(f"{f.industry}%"))
    if f.year:
        conds.append(and_(Project.application_date >= date(f.year, 1, 1), Project.application_date <= date(f.year, 12, 31)))
    if f.review_level:
        conds.append(Project.review_level == f.review_level)
    if f.outcome:
        conds.append(exists().where(and_(Opinion.project_id == Project.id, Opinion.kind == f.outcome)))
    return and_(*conds) if conds else None


class ProjectTableModel(QAbstractTableModel):
    """Rows are tuples in :data:`COLUMNS` order plus the project id at the end."""

    def __init__(self, archive: Archive, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.archive = archive
        self._filter = ProjectFilter()
        self._sort_col = 0
        self._order = Qt.SortOrder.AscendingOrder
        self._rows: list[tuple] = []
        self._total = 0
        self.reload()

    # -- queries --------------------------------------------------------------------------------------------
    def _where(self):
        return build_query(self._filter)

    def _page(self, offset: int, limit: int) -> list[tuple]:
        col = _SQL_COLS[self._sort_col]
        order = col.desc() if self._order == Qt.SortOrder.DescendingOrder else col.asc()
        q = select(*_SQL_COLS, Project.id)
        w = self._where()
        if w is not None:
            q = q.where(w)
        q = q.order_by(order, Project.id).offset(offset).limit(limit)
        with self.archive.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(q)]

    def _count(self) -> int:
        q = select(func.count()).select_from(Project)
        w = self._where()
        if w is not None:
            q = q.where(w)
        with self.archive.engine.connect() as conn:
            return int(conn.execute(q).scalar_one())

    def reload(self) -> None:
        self.beginResetModel()
        self._total = self._count()
        self._rows = self._page(0, BATCH)
        self.endResetModel()

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
        return 0 if parent.isValid() else len(COLUMNS)

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
        if not 0 <= column < len(COLUMNS):
            return
        self._sort_col, self._order = column, order
        self.layoutAboutToBeChanged.emit()
        self.beginResetModel()
        self._rows = self._page(0, BATCH)
        self.endResetModel()
        self.layoutChanged.emit()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("ProjectTableModel", COLUMNS[section].title)
            if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[section].numeric:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(COLUMNS):
            return None
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
            return str(value)
        if role == Qt.ItemDataRole.UserRole:
            return value
        if role == Qt.ItemDataRole.TextAlignmentRole and col.numeric:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and col.key in ("name", "builder"):
            return str(value or "")
        return None


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
