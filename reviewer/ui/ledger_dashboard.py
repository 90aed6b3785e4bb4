"""District ledger dashboard (区级能耗与碳排放台账): used / remaining by year, 街镇/园区 and industry, with charts,
warnings (晴雨表 levels) and the ledger entries.

The widget only displays: all figures come from :mod:`reviewer.ledger` (headless), loaded on the application's
task runner — first bringing the ledger in line with the archive (:func:`reviewer.ledger.sync_all`), then reading a
:class:`~reviewer.ledger.summary.LedgerView` turned into plain data, so no ORM object crosses into the GUI thread.
Charts are QtCharts stacked bars (approved net of green power, green deduction, pending) with the budget as a marker.
Texts go through Qt's translator like every widget (English sources, ``reviewer/ui/i18n/*.ts``, context
``LedgerDashboard``); the language follows :func:`reviewer.ui.appstate.set_language` live.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCharts import (QBarCategoryAxis, QBarSet, QChart, QChartView, QScatterSeries, QStackedBarSeries,
                              QValueAxis)
from PySide6.QtCore import (QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QEvent, QMargins, QModelIndex,
                            QPersistentModelIndex, QSortFilterProxyModel, Qt)
from PySide6.QtGui import QBrush, QColor, QFont, QPainter
from PySide6.QtGui import QDoubleValidator
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QFrame, QGridLayout,
                               QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPushButton,
                               QSpinBox, QSplitter, QTabWidget, QTableView, QVBoxLayout, QWidget)

from reviewer.archive.db import Archive
from reviewer.ui.appstate import current_language
from reviewer.ui.project_model import industry_text
from reviewer.usecases.base import Context
from reviewer.usecases.ledger import BudgetRequest, SyncRequest, reading, set_budget, sync_ledger

METRICS = ("energy_equivalent_tce", "energy_equal_value_tce", "carbon_tco2")
LEVEL_COLOURS = {1: "#F4B6B6", 2: "#F8CBAD", 3: "#FFE699"}
C_ASSESSED, C_GREEN, C_PENDING = "#2F5597", "#70AD47", "#ED7D31"

T = {  # key: English source; the Chinese is in reviewer/ui/i18n/reviewer_zh_CN.ts (context LedgerDashboard)
    "title": QT_TRANSLATE_NOOP("LedgerDashboard", "District energy and carbon ledger"),
    "year": QT_TRANSLATE_NOOP("LedgerDashboard", "Commissioning year"),
    "metric": QT_TRANSLATE_NOOP("LedgerDashboard", "Metric"),
    "refresh": QT_TRANSLATE_NOOP("LedgerDashboard", "Refresh"),
    "as_of": QT_TRANSLATE_NOOP("LedgerDashboard", "As of %s"),
    "energy_equivalent_tce": QT_TRANSLATE_NOOP("LedgerDashboard", "Energy increment, calorific (tce)"),
    "energy_equal_value_tce": QT_TRANSLATE_NOOP("LedgerDashboard", "Energy increment, primary (tce)"),
    "carbon_tco2": QT_TRANSLATE_NOOP("LedgerDashboard", "Carbon increment (tCO2)"),
    "by_year": QT_TRANSLATE_NOOP("LedgerDashboard", "District by commissioning year"),
    "by_town": QT_TRANSLATE_NOOP("LedgerDashboard", "%s by town / park"),
    "by_industry": QT_TRANSLATE_NOOP("LedgerDashboard", "%s by industry"),
    "assessed": QT_TRANSLATE_NOOP("LedgerDashboard", "Approved, assessed"),
    "green": QT_TRANSLATE_NOOP("LedgerDashboard", "Green power deducted"),
    "pending": QT_TRANSLATE_NOOP("LedgerDashboard", "Pending"),
    "budget": QT_TRANSLATE_NOOP("LedgerDashboard", "Budget"),
    "used": QT_TRANSLATE_NOOP("LedgerDashboard", "Approved (gross)"),
    "remaining": QT_TRANSLATE_NOOP("LedgerDashboard", "Remaining"),
    "ratio": QT_TRANSLATE_NOOP("LedgerDashboard", "Use incl. pending"),
    "warnings": QT_TRANSLATE_NOOP("LedgerDashboard", "Warnings"),
    "no_warnings": QT_TRANSLATE_NOOP("LedgerDashboard", "No budget has reached a warning level."),
    "default_budget": QT_TRANSLATE_NOOP("LedgerDashboard", "No district budget entered for this year: placeholder values (unverified)."),
    "entries": QT_TRANSLATE_NOOP("LedgerDashboard", "Ledger entries"),
    "loading": QT_TRANSLATE_NOOP("LedgerDashboard", "Loading the ledger…"),
    "empty": QT_TRANSLATE_NOOP("LedgerDashboard", "The ledger is empty."),
    "failed": QT_TRANSLATE_NOOP("LedgerDashboard", "Could not load the ledger: %s"),
    "pending_check": QT_TRANSLATE_NOOP("LedgerDashboard", "If pending projects are approved"),
    "edit_budget": QT_TRANSLATE_NOOP("LedgerDashboard", "Edit budget…"),
    "history": QT_TRANSLATE_NOOP("LedgerDashboard", "Budget history"),
    "district": QT_TRANSLATE_NOOP("LedgerDashboard", "Whole district"),
    "no_industry": QT_TRANSLATE_NOOP("LedgerDashboard", "All industries"),
    "town": QT_TRANSLATE_NOOP("LedgerDashboard", "Town / park"),
    "industry": QT_TRANSLATE_NOOP("LedgerDashboard", "Industry"),
    "note": QT_TRANSLATE_NOOP("LedgerDashboard", "Note"),
    "reason": QT_TRANSLATE_NOOP("LedgerDashboard", "Reason (required)"),
    "reason_missing": QT_TRANSLATE_NOOP("LedgerDashboard", "Please give a reason."),
    "saved": QT_TRANSLATE_NOOP("LedgerDashboard", "Budget saved."),
}

ENTRY_COLUMNS = (  # key, English source (translated in context LedgerDashboard), numeric
    ("project_code", QT_TRANSLATE_NOOP("LedgerDashboard", "Project code"), False),
    ("project_name", QT_TRANSLATE_NOOP("LedgerDashboard", "Project"), False),
    ("town", QT_TRANSLATE_NOOP("LedgerDashboard", "Town / park"), False),
    ("industry_code", QT_TRANSLATE_NOOP("LedgerDashboard", "Industry"), False),
    ("year", QT_TRANSLATE_NOOP("LedgerDashboard", "Year"), False),
    ("doc_number", QT_TRANSLATE_NOOP("LedgerDashboard", "Opinion no."), False),
    ("valid_until", QT_TRANSLATE_NOOP("LedgerDashboard", "Valid until"), False),
    ("construction_started_on", QT_TRANSLATE_NOOP("LedgerDashboard", "Started"), False),
    ("equivalent_tce", QT_TRANSLATE_NOOP("LedgerDashboard", "Calorific tce"), True),
    ("equal_value_tce", QT_TRANSLATE_NOOP("LedgerDashboard", "Primary tce"), True),
    ("carbon_tco2", QT_TRANSLATE_NOOP("LedgerDashboard", "tCO2"), True),
    ("green_deduction_equivalent_tce", QT_TRANSLATE_NOOP("LedgerDashboard", "Green deducted tce"), True),
    ("status_label", QT_TRANSLATE_NOOP("LedgerDashboard", "Status"), False),
)


def _lang() -> str:
    try:
        return "en" if current_language().startswith("en") else "zh"
    except Exception:  # noqa: BLE001
        return "zh"


def _actor() -> str:
    try:
        from reviewer.settings import Settings

        return Settings.load().reviewer_name or "reviewer"
    except Exception:  # noqa: BLE001 — a missing or malformed settings file must not block the ledger
        return "reviewer"


def _text(key: str) -> str:
    """The dashboard text ``key`` through Qt's translator (the installed .qm of the workbench language)."""
    return QCoreApplication.translate("LedgerDashboard", T[key])


def _num(v: Any) -> str:
    return "—" if v is None else f"{float(v):,.2f}"


# -- plain data passed from the task to the widget ------------------------------------------------------------------
@dataclass
class UsageRow:
    year: int
    scope: str
    key: str
    label: str
    budget: dict[str, float | None]
    used: dict[str, float]
    green: dict[str, float]
    assessed: dict[str, float]
    pending: dict[str, float]
    remaining: dict[str, float | None]
    ratio: dict[str, float | None]
    level: int
    budget_is_default: bool
    projects: int


@dataclass
class Snapshot:
    today: date
    year: int | None
    years: list[int]
    by_year: list[UsageRow]
    by_town: list[UsageRow]
    by_industry: list[UsageRow]
    entries: list[dict[str, Any]]
    warnings: list[tuple[int, str, str]]  # level, zh, en
    pending_checks: list[tuple[str, str, list[tuple[int, str, str]]]] = field(default_factory=list)
    history: list[str] = field(default_factory=list)
    budgets: dict[tuple[int, str, str], dict[str, float | None]] = field(default_factory=dict)


def _usage_row(u: Any, day: date) -> UsageRow:
    f = lambda v: None if v is None else float(v)  # noqa: E731
    return UsageRow(u.year, u.scope, u.key, u.label, {m: f(u.budget.get(m)) for m in METRICS},
                    {m: float(u.used[m]) for m in METRICS}, {m: float(u.green[m]) for m in METRICS},
                    {m: float(u.assessed(m)) for m in METRICS}, {m: float(u.pending[m]) for m in METRICS},
                    {m: f(u.remaining(m)) for m in METRICS}, {m: f(u.ratio(m)) for m in METRICS}, u.level(day),
                    u.budget_is_default, u.projects)


def load_snapshot(archive: Archive, *, year: int | None, today: date, actor: str = "reviewer") -> Snapshot:
    """Sync the ledger with the archive (use case :func:`~reviewer.usecases.ledger.sync_ledger`), then read everything
    the dashboard shows in the use-case layer's read-only session (runs off the GUI thread)."""
    from reviewer.ledger.entries import STATUS_LABELS
    from reviewer.ledger.summary import check_pending_project, entry_dict, ledger_view

    ctx = Context(archive=archive, actor=actor)
    sync_ledger(ctx, SyncRequest(day=today))
    with reading(ctx) as s:
        v = ledger_view(s, year=year, today=today)
        entries = []
        for e in v.entries:
            if v.year is not None and e.year != v.year:
                continue
            d = entry_dict(e)
            d["status_label"] = STATUS_LABELS.get(e.status, e.status)
            entries.append(d)
        from reviewer.ledger.budget import budgets, history, scope_label

        hist = [f"{c.changed_at.astimezone().strftime('%Y-%m-%d %H:%M')}  {c.changed_by}  {b.year} "
                f"{scope_label(b.town, b.industry_code)}：{c.reason}（{_change_text(c.before)} → {_change_text(c.after)}）"
                for c, b in reversed(history(s))]
        rows = {(b.year, b.town, b.industry_code): {m: getattr(b, m) for m in METRICS} for b in budgets(s)}
        checks = []
        for p in v.pending:
            ws = check_pending_project(s, p.code, today=today)
            checks.append((p.code, p.name, [(w.level, w.message_zh(), w.message_en()) for w in ws]))
        return Snapshot(v.today, v.year, v.years, [_usage_row(u, today) for u in v.by_year],
                        [_usage_row(u, today) for u in v.by_town], [_usage_row(u, today) for u in v.by_industry],
                        entries, [(w.level, w.message_zh(), w.message_en()) for w in v.warnings], checks, hist, rows)


def _change_text(d: dict[str, Any]) -> str:
    if not d:
        return "新建"
    return "/".join(_num(d.get(m)) for m in METRICS)


def save_budget(archive: Archive, values: dict[str, Any], actor: str) -> None:
    """Write one budget change through the use case :func:`reviewer.usecases.ledger.set_budget` (history and audit
    included, one transaction)."""
    set_budget(Context(archive=archive, actor=actor), BudgetRequest(**values))


class BudgetDialog(QDialog):
    """Set or change one budget row: year, scope (district / town / industry), the three figures, and why."""

    def __init__(self, snapshot: Snapshot | None, parent: QWidget | None = None, *, year: int | None = None):
        super().__init__(parent)
        from reviewer.ledger.budget import industries, towns

        lang = _lang()
        self._lang = lang
        self.setWindowTitle(_text("edit_budget").rstrip("…"))
        self._budgets = snapshot.budgets if snapshot else {}
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(year or date.today().year)
        self.town = QComboBox()
        self.town.addItem(_text("district"), "")
        for t in towns():
            self.town.addItem(t, t)
        self.industry = QComboBox()
        self.industry.addItem(_text("no_industry"), "")
        for code, label in industries().items():
            self.industry.addItem(f"{code} {label}", code)
        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout(self)
        form.addRow(_text("year"), self.year)
        form.addRow(_text("town"), self.town)
        form.addRow(_text("industry"), self.industry)
        for m in METRICS:
            e = QLineEdit()
            v = QDoubleValidator(0.0, 1e12, 2, e)
            v.setNotation(QDoubleValidator.Notation.StandardNotation)
            e.setValidator(v)
            self.fields[m] = e
            form.addRow(_text(m), e)
        self.note = QLineEdit()
        self.reason = QLineEdit()
        form.addRow(_text("note"), self.note)
        form.addRow(_text("reason"), self.reason)
        self.error = QLabel()
        self.error.setStyleSheet("color: #C00000;")
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        for w in (self.year, self.town, self.industry):
            (w.valueChanged if isinstance(w, QSpinBox) else w.currentIndexChanged).connect(lambda *_: self._prefill())
        self._prefill()

    def _prefill(self) -> None:
        cur = self._budgets.get((self.year.value(), self.town.currentData(), self.industry.currentData()), {})
        for m, e in self.fields.items():
            v = cur.get(m)
            e.setText("" if v is None else f"{v:.2f}")

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {"year": self.year.value(), "town": self.town.currentData(),
                               "industry_code": self.industry.currentData(), "reason": self.reason.text().strip(),
                               "note": self.note.text().strip() or None}
        for m, e in self.fields.items():
            out[m] = Decimal(e.text()) if e.text().strip() else None
        return out

    def _accept(self) -> None:
        if not self.reason.text().strip():
            self.error.setText(_text("reason_missing"))
            return
        self.accept()


# -- item model -----------------------------------------------------------------------------------------------------
class LedgerEntryModel(QAbstractTableModel):
    """Ledger entries as a read-only table; ``Qt.UserRole`` gives the raw value (numbers sort as numbers)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._rows: list[dict[str, Any]] = []
        self._lang = "zh"

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def set_language(self, lang: str) -> None:
        self._lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(ENTRY_COLUMNS) - 1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(ENTRY_COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)) or not (0 <= index.column() < len(ENTRY_COLUMNS)):
            return None
        key, _, numeric = ENTRY_COLUMNS[index.column()]
        row = self._rows[index.row()]
        value = row.get(key)
        if role == Qt.ItemDataRole.DisplayRole:
            if numeric:
                return _num(value)
            if key == "industry_code" and value:
                return industry_text(str(value))  # "72 商务服务业", never the bare code
            return "—" if value in (None, "") else str(value)
        if role == Qt.ItemDataRole.UserRole:
            return value if value is not None else (float("-inf") if numeric else "")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int((Qt.AlignmentFlag.AlignRight if numeric else Qt.AlignmentFlag.AlignLeft)
                       | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and row.get("status") != "active":
            return QBrush(QColor("#808080"))
        if role == Qt.ItemDataRole.ToolTipRole and key == "status_label" and row.get("closed_reason"):
            return row["closed_reason"]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(ENTRY_COLUMNS):
            return QCoreApplication.translate("LedgerDashboard", ENTRY_COLUMNS[section][1])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# -- charts ---------------------------------------------------------------------------------------------------------
def _short(label: str) -> str:
    """A category label short enough for an axis: "14 食品制造业" → "14 食品制造", "松江经济技术开发区" → "松江经开区"."""
    label = label.replace("经济技术开发区", "经开区").replace("街道", "").removesuffix("业")
    return label if len(label) <= 7 else label[:6] + "…"


class UsageChart(QChartView):
    """Stacked bars per scope (assessed, green deduction, pending) with the budget as a dash marker."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(300, 240)
        self.bar_sets: list[QBarSet] = []
        self.budget_series: QScatterSeries | None = None

    def show_usages(self, rows: list[UsageRow], metric: str, title: str, lang: str) -> None:
        chart = QChart()
        chart.setTitle(title)
        f = QFont(self.font())
        f.setPointSize(10)
        f.setBold(True)
        chart.setTitleFont(f)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        # Legends never cut (issue 16): a smaller font, markers from the series, and the chart keeps room for them.
        legend = chart.legend()
        legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
        lf = QFont(self.font())
        lf.setPointSize(8)
        legend.setFont(lf)
        legend.setShowToolTips(True)
        chart.setMargins(QMargins(4, 4, 4, 4))
        series = QStackedBarSeries()
        self.bar_sets = []
        for key, colour, values in (("assessed", C_ASSESSED, [r.assessed[metric] for r in rows]),
                                    ("green", C_GREEN, [r.green[metric] for r in rows]),
                                    ("pending", C_PENDING, [r.pending[metric] for r in rows])):
            s = QBarSet(_text(key))
            s.setColor(QColor(colour))
            s.setBorderColor(QColor(colour))
            s.append(values)
            series.append(s)
            self.bar_sets.append(s)
        chart.addSeries(series)
        cats = [str(r.year) if r.scope == "district" else _short(r.label) for r in rows]
        ax = QBarCategoryAxis()
        ax.append(cats)
        ax.setLabelsAngle(-45 if len(cats) > 3 else 0)
        af = QFont(self.font())
        af.setPointSize(8)
        ax.setLabelsFont(af)
        ay = QValueAxis()
        ay.setLabelFormat("%.0f")
        top = max([r.assessed[metric] + r.green[metric] + r.pending[metric] for r in rows]
                  + [r.budget[metric] or 0 for r in rows] + [1.0])
        ay.setRange(0, top * 1.12)
        ay.applyNiceNumbers()
        chart.addAxis(ax, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(ay, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(ax)
        series.attachAxis(ay)
        budget = QScatterSeries()
        budget.setName(_text("budget"))
        budget.setMarkerShape(QScatterSeries.MarkerShape.MarkerShapeRectangle)
        budget.setMarkerSize(11)
        budget.setColor(QColor("#000000"))
        budget.setBorderColor(QColor("#FFFFFF"))
        for i, r in enumerate(rows):
            if r.budget[metric] is not None:
                budget.append(i, r.budget[metric])
        chart.addSeries(budget)
        budget.attachAxis(ax)
        budget.attachAxis(ay)
        self.budget_series = budget
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()


# -- the dashboard --------------------------------------------------------------------------------------------------
class LedgerDashboard(QWidget):
    """The ledger page of the main window: ``LedgerDashboard(archive)``."""

    def __init__(self, archive: Archive | None = None, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.archive = archive or Archive()
        self._today = today
        self.snapshot: Snapshot | None = None
        self._lang = _lang()
        top = self._build_top()
        cards_frame = self._build_cards()
        main = self._build_lower()
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(cards_frame)
        lay.addWidget(self.default_note)
        lay.addWidget(self.status)
        lay.addWidget(main, 1)

        for m in METRICS:
            self.metric_box.addItem("", m)
        self.metric_box.currentIndexChanged.connect(lambda _i: self._render())
        self.year_box.activated.connect(lambda _i: self.refresh(self.year_box.currentData()))
        self.refresh_button.clicked.connect(lambda: self.refresh(self.selected_year()))
        self.budget_button.clicked.connect(self.edit_budget)
        self.retranslate()
        self.refresh()

    def _build_top(self) -> QHBoxLayout:
        """Title, year and metric choice, refresh and budget buttons, the as-of date."""
        self.title = QLabel()
        tf = QFont(self.font())
        tf.setPointSize(14)
        tf.setBold(True)
        self.title.setFont(tf)
        self.year_label, self.metric_label = QLabel(), QLabel()
        self.year_box = QComboBox()
        self.metric_box = QComboBox()
        self.refresh_button = QPushButton()
        self.budget_button = QPushButton()
        self.as_of = QLabel()
        self.status = QLabel()
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        for w in (self.title, self.year_label, self.year_box, self.metric_label, self.metric_box,
                  self.refresh_button, self.budget_button, self.as_of):
            top.addWidget(w)
        top.insertStretch(1, 1)
        return top

    def _build_cards(self) -> QFrame:
        """The figure cards (budget, used, green, assessed, pending, remaining, ratio) and the placeholder note."""
        self.cards = QGridLayout()
        self.card_values: dict[str, QLabel] = {}
        self.card_titles: dict[str, QLabel] = {}
        for i, key in enumerate(("budget", "used", "green", "assessed", "pending", "remaining", "ratio")):
            t, v = QLabel(), QLabel("—")
            vf = QFont(self.font())
            vf.setPointSize(13)
            vf.setBold(True)
            v.setFont(vf)
            t.setAlignment(Qt.AlignmentFlag.AlignCenter)
            v.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.cards.addWidget(t, 0, i)
            self.cards.addWidget(v, 1, i)
            self.card_titles[key], self.card_values[key] = t, v
        cards_frame = QFrame()
        cards_frame.setFrameShape(QFrame.Shape.StyledPanel)
        cards_frame.setLayout(self.cards)
        self.default_note = QLabel()
        self.default_note.setStyleSheet("color: #C00000;")
        self.default_note.setWordWrap(True)
        return cards_frame

    def _build_lower(self) -> QSplitter:
        """The three charts above; the entries table and the warnings / budget-history tabs below."""
        self.year_chart, self.town_chart, self.industry_chart = UsageChart(), UsageChart(), UsageChart()
        charts = QSplitter(Qt.Orientation.Horizontal)
        for c in (self.year_chart, self.town_chart, self.industry_chart):
            charts.addWidget(c)

        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.history = QListWidget()
        self.history.setWordWrap(True)
        self.side_tabs = QTabWidget()
        self.side_tabs.addTab(self.warnings, "")
        self.side_tabs.addTab(self.history, "")
        self.entries_title = QLabel()
        self.model = LedgerEntryModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)

        lower = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.entries_title)
        ll.addWidget(self.table)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.side_tabs)
        lower.addWidget(left)
        lower.addWidget(right)
        lower.setStretchFactor(0, 3)
        lower.setStretchFactor(1, 2)

        main = QSplitter(Qt.Orientation.Vertical)
        main.addWidget(charts)
        main.addWidget(lower)
        main.setStretchFactor(0, 3)
        main.setStretchFactor(1, 2)
        main.setSizes([560, 400])
        lower.setSizes([900, 600])
        return main

    # -- life-cycle ---------------------------------------------------------------------------------------------
    def selected_year(self) -> int | None:
        return self.year_box.currentData()

    def current_metric(self) -> str:
        return self.metric_box.currentData() or METRICS[0]

    def refresh(self, year: int | None = None) -> None:
        """Reload from the archive on the task runner; the view updates when the task is done."""
        from reviewer.ui.tasks import runner

        today = self._today or date.today()
        self.status.setText(_text("loading"))
        runner().submit(lambda _progress, _cancel: load_snapshot(self.archive, year=year, today=today),
                        on_done=self._loaded, on_error=self._failed)

    def _loaded(self, snap: Snapshot) -> None:
        self.snapshot = snap
        self.status.setText("" if snap.years else _text("empty"))
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for y in snap.years:
            self.year_box.addItem(str(y), y)
        if snap.year is not None:
            self.year_box.setCurrentIndex(snap.years.index(snap.year))
        self.year_box.blockSignals(False)
        self._render()

    def edit_budget(self) -> None:
        dlg = BudgetDialog(self.snapshot, self, year=self.selected_year())
        if dlg.exec() == QDialog.DialogCode.Accepted:
            self.apply_budget(dlg.values())

    def apply_budget(self, values: dict[str, Any]) -> None:
        """Save a budget change on the task runner, then reload; errors are shown in plain Chinese."""
        from reviewer.ui.tasks import runner

        actor = _actor()
        year = values.get("year")
        runner().submit(lambda _p, _c: save_budget(self.archive, values, actor),
                        on_done=lambda _r: self.refresh(year), on_error=self._error_dialog)

    def _error_dialog(self, exc: BaseException) -> None:
        from reviewer.ui.dialogs import show_error

        show_error(self, exc)

    def _failed(self, exc: BaseException) -> None:
        text = exc.text(self._lang) if hasattr(exc, "text") else str(exc)
        self.status.setText(_text("failed") % text.splitlines()[0])

    def _render(self) -> None:
        snap = self.snapshot
        if snap is None:
            return
        lang, m = self._lang, self.current_metric()
        self.as_of.setText(_text("as_of") % snap.today.isoformat())
        district = next((u for u in snap.by_year if u.year == snap.year), None)
        vals = {"budget": None, "used": None, "green": None, "assessed": None, "pending": None, "remaining": None}
        ratio = None
        if district is not None:
            vals = {"budget": district.budget[m], "used": district.used[m], "green": district.green[m],
                    "assessed": district.assessed[m], "pending": district.pending[m],
                    "remaining": district.remaining[m]}
            ratio = district.ratio[m]
        for k, v in vals.items():
            self.card_values[k].setText(_num(v))
        self.card_values["ratio"].setText("—" if ratio is None else f"{ratio * 100:.1f}%")
        colour = LEVEL_COLOURS.get(district.level if district else 0)
        self.card_values["ratio"].setStyleSheet(f"background: {colour};" if colour else "")
        self.default_note.setText(_text("default_budget") if district and district.budget_is_default else "")
        self.default_note.setVisible(bool(district and district.budget_is_default))
        y = str(snap.year) if snap.year is not None else ""
        self.year_chart.show_usages(snap.by_year, m, f"{_text('by_year')} — {_text(m)}", lang)
        self.town_chart.show_usages(snap.by_town, m, _text("by_town") % y, lang)
        self.industry_chart.show_usages(snap.by_industry, m, _text("by_industry") % y, lang)
        self.warnings.clear()
        for level, zh, en in snap.warnings:
            it = QListWidgetItem(en if lang == "en" else zh)
            it.setBackground(QColor(LEVEL_COLOURS[level]))
            self.warnings.addItem(it)
        # Only real warnings (issue 16): a pending project appears only when counting it reaches a warning level.
        for code, name, ws in snap.pending_checks:
            if not ws:
                continue
            head = QListWidgetItem(f"{_text('pending_check')}{': ' if lang == 'en' else '：'}{code} {name}")
            f = QFont(self.font())
            f.setBold(True)
            head.setFont(f)
            self.warnings.addItem(head)
            for level, zh, en in ws:
                it = QListWidgetItem("    " + (en if lang == "en" else zh))
                it.setBackground(QColor(LEVEL_COLOURS[level]))
                self.warnings.addItem(it)
        if not snap.warnings and not any(ws for _c, _n, ws in snap.pending_checks):
            self.warnings.addItem(QListWidgetItem(_text("no_warnings")))
        self.model.set_rows(snap.entries)
        self.history.clear()
        for line in snap.history:
            self.history.addItem(QListWidgetItem(line))

    def retranslate(self) -> None:
        lang = self._lang = _lang()
        self.title.setText(_text("title"))
        self.year_label.setText(_text("year"))
        self.metric_label.setText(_text("metric"))
        self.refresh_button.setText(_text("refresh"))
        for i, m in enumerate(METRICS):
            self.metric_box.setItemText(i, _text(m))
        for k, lab in self.card_titles.items():
            lab.setText(_text(k))
        self.side_tabs.setTabText(0, _text("warnings"))
        self.side_tabs.setTabText(1, _text("history"))
        self.budget_button.setText(_text("edit_budget"))
        self.entries_title.setText(_text("entries"))
        self.model.set_language(lang)
        self._render()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
