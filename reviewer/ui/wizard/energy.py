"""能源消费 — the energy table the reviewer may correct; 当量值 and 等价值 are recomputed on every keystroke.

Edits go through the submission's one field converter (``convert_value``) so the table accepts exactly what the
JSON and Excel readers accept; a bad cell is shown in red with the reason and leaves the totals at the last valid
figures. The recomputation is the engine's own ``compute_energy`` on the edited items (a few milliseconds).
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPushButton, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget)

from reviewer.errors import UserError
from reviewer.rules.energy import EnergyResult
from reviewer.submission.parse import convert_value, submission_from_data
from reviewer.submission.spec import lists, spec
from reviewer.ui.widgets import FigureButton, fmt
from reviewer.ui.wizard import ops
from reviewer.ui.wizard.page import ReviewContext, ReviewPage, is_en
from reviewer.ui.wizard.state import ReviewState

# Every field of the form's energy section is a column (forms/submission.toml: a field added there appears here).
EDIT_KEYS = tuple(f.key for f in spec().section("energy").fields)
RESULT_KEYS = ("equivalent_tce", "equal_value_tce")


def _jsonable(v: Any) -> Any:
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() and abs(v) < 10 ** 15 else str(v)
    return v


class EnergyItemsModel(QAbstractTableModel):
    """Editable energy items + computed 当量值/等价值 columns; emits ``recomputed`` after every accepted edit."""

    recomputed = Signal()

    def __init__(self, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.fields = {f.key: f for f in spec().section("energy").fields}
        self.items: list[dict[str, Any]] = []
        self.base: dict[str, Any] = {}
        self.errors: dict[tuple[int, str], str] = {}
        self.raw: dict[tuple[int, str], str] = {}
        self.result: EnergyResult | None = None
        self.trace_steps: dict[str, Any] = {}
        self.problem = ""
        self.day = None
        self.params = None  # the wizard's active ParameterStore (None: built-in pack)

    def set_data(self, data: dict[str, Any], day=None) -> None:  # noqa: ANN001
        self.beginResetModel()
        self.base = data
        self.items = copy.deepcopy(data.get("energy", []))
        self.errors.clear()
        self.raw.clear()
        self.day = day
        self.endResetModel()
        self.recompute()

    def submission_data(self) -> dict[str, Any]:
        d = dict(self.base)
        d["energy"] = self.items
        return d

    def recompute(self) -> bool:
        """Re-run the energy balance on the current items; False when the items do not validate."""
        try:
            sub = submission_from_data(self.submission_data())
            result, trace = ops.energy_with_trace(sub, self.day, self.params)
        except UserError as exc:
            self.problem = exc.text("en" if is_en() else "zh").splitlines()[0]
            if exc.problems:
                self.problem += "：" + exc.problems[0].text("en" if is_en() else "zh")
            self.recomputed.emit()
            return False
        self.problem = ""
        self.result = result
        self.trace_steps = {k: s.to_dict() for k, s in trace.steps.items()}
        if self.items:
            self.dataChanged.emit(self.index(0, len(EDIT_KEYS)), self.index(len(self.items) - 1, self.columnCount() - 1))
        self.recomputed.emit()
        return True

    # -- rows -----------------------------------------------------------------------------------------------
    def insertRows(self, row: int, count: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        if parent.isValid() or count < 1:
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        for _ in range(count):
            self.items.insert(row, {"carrier": "电力", "quantity": 0, "unit": "万kWh", "purpose": "fuel",
                                    "source": "purchased", "existing": False, "note": ""})
        self.endInsertRows()
        self._shift_errors()
        self.recompute()
        return True

    def removeRows(self, row: int, count: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        if parent.isValid() or row < 0 or row + count > len(self.items):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self.items[row:row + count]
        self.endRemoveRows()
        self._shift_errors()
        self.recompute()
        return True

    def _shift_errors(self) -> None:
        self.errors.clear()
        self.raw.clear()

    # -- Qt model -------------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(EDIT_KEYS) + len(RESULT_KEYS)

    def key(self, col: int) -> str:
        return (EDIT_KEYS + RESULT_KEYS)[col]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        f = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() < len(EDIT_KEYS):
            f |= Qt.ItemFlag.ItemIsEditable
        return f

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        if not 0 <= section < self.columnCount():
            return None
        k = self.key(section)
        if k == "equivalent_tce":
            return self.tr("Calorific value (tce)")
        if k == "equal_value_tce":
            return self.tr("Equivalent value (tce)")
        f = self.fields[k]
        text = f.label_en if is_en() else f.label
        return f"{text}（{f.unit}）" if f.unit else text

    def _line(self, row: int):  # noqa: ANN202
        if self.result is None or self.problem or row >= len(self.result.lines):
            return None
        return self.result.lines[row]

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items) or index.column() >= self.columnCount():
            return None
        r, k = index.row(), self.key(index.column())
        if k in RESULT_KEYS:
            ln = self._line(r)
            if role == Qt.ItemDataRole.DisplayRole:
                if ln is None:
                    return "…"
                text = fmt(getattr(ln, k))
                return text if ln.counted else f"({text})"
            if role == Qt.ItemDataRole.ToolTipRole and ln is not None and not ln.counted:
                return ln.excluded_reason
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#0b57d0") if ln is not None and ln.counted else QColor("#777777")
            return None
        v = self.items[r].get(k)
        err = self.errors.get((r, k))
        if role == Qt.ItemDataRole.DisplayRole:
            if err is not None:
                return self.raw.get((r, k), "")
            f = self.fields[k]
            if f.type == "boolean":
                return self.tr("yes") if v else ""
            if f.type == "enum" and f.list not in ("carriers", "units"):
                return _label(f.list, v)
            return "" if v is None else str(v)
        if role == Qt.ItemDataRole.EditRole:
            return self.raw.get((r, k)) if err is not None else ("" if v is None else str(v))
        if role == Qt.ItemDataRole.BackgroundRole and err is not None:
            return QColor("#fde0e0")
        if role == Qt.ItemDataRole.ToolTipRole:
            f = self.fields[k]
            return err if err is not None else "\n".join(t for t in (f.help, f.key) if t)
        if role == Qt.ItemDataRole.TextAlignmentRole and k == "quantity":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() >= len(EDIT_KEYS):
            return False
        r, k = index.row(), self.key(index.column())
        f = self.fields[k]
        converted, problems = convert_value(f, value, {"cell": f"energy[{r}]"})
        if problems:
            self.errors[(r, k)] = problems[0].text("en" if is_en() else "zh")
            self.raw[(r, k)] = "" if value is None else str(value)
        else:
            self.errors.pop((r, k), None)
            self.raw.pop((r, k), None)
            if self.items[r].get(k) == _jsonable(converted):
                self.dataChanged.emit(index, index)
                return True
            self.items[r][k] = _jsonable(converted)
        self.dataChanged.emit(index, index)
        if not problems:
            self.recompute()
        else:
            self.recomputed.emit()
        return True


def _label(list_name: str, code: Any) -> str:
    en = is_en()
    for x in lists().get(list_name, []):
        if x["code"] == code:
            return x["label_en"] if en else x["label"]
    return "" if code is None else str(code)


class EnergyDelegate(QStyledItemDelegate):
    """Combo boxes for reference lists; line edits that commit on every keystroke (totals update as you type)."""

    def createEditor(self, parent: QWidget, option, index):  # noqa: ANN001, ANN201
        model: EnergyItemsModel = index.model()
        k = model.key(index.column())
        f = model.fields[k]
        if f.type == "enum" or f.type == "boolean":
            box = QComboBox(parent)
            if f.type == "boolean":
                box.addItem("", "false")
                box.addItem(self.tr("yes"), "true")
            else:
                if not f.required and f.default is None:  # an optional list field can be emptied again
                    box.addItem(self.tr("(blank)"), None)
                for x in lists().get(f.list, []):
                    box.addItem(x["label_en"] if is_en() and f.list not in ("carriers", "units") else x["label"],
                                x["code"])
            box.currentIndexChanged.connect(lambda _i, b=box: self.commitData.emit(b))
            return box
        edit = QLineEdit(parent)
        edit.textEdited.connect(lambda _t, e=edit: self.commitData.emit(e))
        return edit

    def setEditorData(self, editor: QWidget, index) -> None:  # noqa: ANN001
        if isinstance(editor, QComboBox):
            v = index.model().items[index.row()].get(index.model().key(index.column()))
            if isinstance(v, bool):
                v = "true" if v else "false"
            editor.blockSignals(True)
            editor.setCurrentIndex(max(0, editor.findData(v)))
            editor.blockSignals(False)
        else:
            if editor.hasFocus() and editor.isModified():
                return  # do not fight the reviewer's cursor while typing
            editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor: QWidget, model, index) -> None:  # noqa: ANN001
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)


class EnergyPage(ReviewPage):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("energyPage")
        self.model = EnergyItemsModel(self)
        self.model.params = ctx.params
        self.model.recomputed.connect(self._totals)
        self.model.dataChanged.connect(self._edited)
        self.model.rowsInserted.connect(self._edited)
        self.model.rowsRemoved.connect(self._edited)
        self.table = QTableView()
        self.table.setObjectName("energyTable")
        self.table.setModel(self.model)
        self.table.setItemDelegate(EnergyDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers & ~QAbstractItemView.EditTrigger.CurrentChanged)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # the computed 当量值/等价值 right after the quantity's own columns, before the optional fields of the form
        hdr, after = self.table.horizontalHeader(), EDIT_KEYS.index("source") + 1
        for i in range(len(RESULT_KEYS)):
            hdr.moveSection(hdr.visualIndex(len(EDIT_KEYS) + i), after + i)
        self.table.setTabKeyNavigation(True)
        self.table.clicked.connect(self._cell_clicked)
        self.add_btn = QPushButton()
        self.add_btn.setObjectName("addEnergyRow")
        self.del_btn = QPushButton()
        self.del_btn.setObjectName("removeEnergyRow")
        self.reset_btn = QPushButton()
        self.add_btn.clicked.connect(self.add_row)
        self.del_btn.clicked.connect(self.remove_row)
        self.reset_btn.clicked.connect(self.reset)
        QShortcut(QKeySequence("Ctrl+Shift+="), self.table, activated=self.add_row)
        QShortcut(QKeySequence("Ctrl+-"), self.table, activated=self.remove_row)
        self.eq = FigureButton("energy.equivalent_tce")
        self.eq.setObjectName("totalEquivalent")
        self.ev = FigureButton("energy.equal_value_tce")
        self.ev.setObjectName("totalEqualValue")
        for b in (self.eq, self.ev):
            b.explain.connect(self._explain_local)
        self.status = QLabel()
        self.status.setObjectName("energyStatus")
        self.status.setWordWrap(True)
        self.lbl_eq, self.lbl_ev = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self.lbl_eq, self.eq)
        form.addRow(self.lbl_ev, self.ev)
        buttons = QHBoxLayout()
        for b in (self.add_btn, self.del_btn, self.reset_btn):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addWidget(self.hint)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        lay.addLayout(form)
        lay.addWidget(self.status)
        self._loading = False
        self.retranslateUi()

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("EnergyPage", "Energy consumption")

    def load(self, state: ReviewState) -> None:
        super().load(state)
        self._loading = True
        self.model.set_data(state.data, state.regime_day())
        self._loading = False
        self._totals()

    def _edited(self, *_a: Any) -> None:
        if self._loading or self.state is None:
            return
        if self.model.items != self.state.data.get("energy"):
            self.state.data = self.model.submission_data()
            self.state.energy_edited = True
            self.changed.emit()

    def _totals(self) -> None:
        r = self.model.result
        if r is not None:
            self.eq.set_value(f"{fmt(r.equivalent_tce)} tce")
            self.ev.set_value(f"{fmt(r.equal_value_tce)} tce")
        self.status.setText(("⚠ " + self.model.problem) if self.model.problem else
                            (self.tr("Corrected by the reviewer; stored as a new submission version when the review is "
                                     "saved.") if self.state is not None and self.state.energy_edited else ""))
        self.status.setStyleSheet("color:#c62828" if self.model.problem else "color:#b26a00")

    def show_default(self) -> None:
        self._explain_local("energy.equivalent_tce")

    def totals(self) -> tuple[str, str]:
        return self.eq.text(), self.ev.text()

    def _explain_local(self, key: str) -> None:
        step = self.model.trace_steps.get(key)
        if step:
            self.explain.emit(step)

    def _cell_clicked(self, ix) -> None:  # noqa: ANN001
        k = self.model.key(ix.column())
        if k in RESULT_KEYS:
            kind = "equivalent" if k == "equivalent_tce" else "equal_value"
            self._explain_local(f"energy.item[{ix.row()}].{kind}_tce")

    def add_row(self) -> None:
        row = self.model.rowCount()
        self.model.insertRows(row, 1)
        self.table.setCurrentIndex(self.model.index(row, 0))

    def remove_row(self) -> None:
        ix = self.table.currentIndex()
        if ix.isValid():
            self.model.removeRows(ix.row(), 1)

    def reset(self) -> None:
        """Back to the applicant's figures (the latest stored version)."""
        if self.state is None:
            return
        from reviewer.ui.queries import submission_version

        self.state.data = submission_version(self.ctx.archive, self.state.submission_id)
        self.state.energy_edited = False
        self.load(self.state)
        self.changed.emit()

    def save(self, state: ReviewState) -> bool:
        if self.model.errors or self.model.problem:
            from reviewer.ui.dialogs import show_error

            msg = self.model.problem or next(iter(self.model.errors.values()))
            show_error(self, UserError("能源消费表中有无效数据，请先修正：" + msg, "Fix the energy table first: " + msg))
            return False
        if state.energy_edited:
            self.reassess.emit()
        return True

    def retranslateUi(self) -> None:
        self.hint.setText(self.tr("Correct the applicant's figures where the review finds them wrong. Totals update as "
                                  "you type; click a figure to see how it was computed. Items in brackets are shown "
                                  "but not counted."))
        self.add_btn.setText(self.tr("&Add row"))
        self.del_btn.setText(self.tr("Re&move row"))
        self.reset_btn.setText(self.tr("Reset to the applicant's figures"))
        self.lbl_eq.setText(self.tr("Annual energy, calorific value (当量值)"))
        self.lbl_ev.setText(self.tr("Annual energy, equivalent value (等价值)"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
