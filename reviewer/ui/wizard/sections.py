"""The submission's sections as the wizard shows and edits them — built from the one form description.

Every widget here is derived from ``reviewer.submission.spec.spec()`` (``forms/submission.toml``): a table section
becomes an editable table, an object section a form; labels (zh / en), units and the field's ``help`` (tooltip) come
from the spec, so a field or section added to the form appears in the wizard without UI code. A value is accepted
through the submission's one field converter (``convert_value``) and then the whole submission is re-read
(``submission_from_data``) before the page takes it: the wizard holds only what the JSON and Excel readers accept.
Accepted edits are handed to the page (signal ``edited``), which stores them in the review state; the archive is
written only when the review is prepared for the opinion (``ops.prepare_issue``: a new submission version).
"""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget)

from reviewer.errors import UserError
from reviewer.submission.parse import convert_value, submission_from_data
from reviewer.submission.spec import FieldSpec, SectionSpec, lists, spec
from reviewer.ui.wizard.energy import EnergyDelegate
from reviewer.ui.wizard.page import is_en

READ_ONLY = {("project", "code")}  # the archive's key of the project: a different code is a different project


def jsonable(v: Any) -> Any:
    """A converted value as the submission's JSON holds it."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() and abs(v) < 10 ** 15 else str(v)
    if isinstance(v, date):
        return v.isoformat()
    return v


def field_label(f: FieldSpec) -> str:
    text = f.label_en if is_en() else f.label
    return f"{text}（{f.unit}）" if f.unit else text


def field_tip(f: FieldSpec) -> str:
    return "\n".join(t for t in (f.label if is_en() else f.label_en, f.help, f.key) if t)


def list_label(list_name: str, code: Any) -> str:
    for x in lists().get(list_name, []):
        if x["code"] == code:
            return x["label_en"] if is_en() and x.get("label_en") and list_name not in ("carriers", "units") \
                else x["label"]
    return "" if code is None else str(code)


def display(f: FieldSpec, v: Any, yes: str, no: str) -> str:
    if v is None or v == "":
        return ""
    if f.type == "boolean":
        return yes if v else no
    if f.type == "enum":
        return list_label(f.list, v)
    return str(v)


def section_placement() -> dict[str, str]:
    """Which wizard page shows each section: project → overview, energy → energy, process emissions → carbon; every
    other section (products, buildings, PV, equipment, data centre and any added later) → efficiency and policy."""
    fixed = {"project": "overview", "energy": "energy", "process_emissions": "carbon"}
    return {s.key: fixed.get(s.key, "policy") for s in spec().sections}


def sections_on(page: str) -> list[str]:
    return [k for k, p in section_placement().items() if p == page]


def problem_text(exc: UserError) -> str:
    lang = "en" if is_en() else "zh"
    text = exc.text(lang).splitlines()[0]
    if exc.problems:
        text += "：" + exc.problems[0].text(lang)
    return text


class SectionTableModel(QAbstractTableModel):
    """One table section's rows, every field of the spec a column; ``accepted`` after a value the converter takes."""

    accepted = Signal()

    def __init__(self, section: SectionSpec, parent=None):  # noqa: ANN001
        super().__init__(parent)
        self.section = section
        self.fields = {f.key: f for f in section.fields}
        self.keys = [f.key for f in section.fields]
        self.items: list[dict[str, Any]] = []
        self.errors: dict[tuple[int, str], str] = {}
        self.raw: dict[tuple[int, str], str] = {}

    def set_items(self, items: list[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.items = copy.deepcopy(items or [])
        self.errors.clear()
        self.raw.clear()
        self.endResetModel()

    def key(self, col: int) -> str:
        return self.keys[col]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.keys)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            return section + 1 if role == Qt.ItemDataRole.DisplayRole else None
        if not 0 <= section < len(self.keys):
            return None
        f = self.fields[self.keys[section]]
        if role == Qt.ItemDataRole.DisplayRole:
            return field_label(f)
        if role == Qt.ItemDataRole.ToolTipRole:
            return field_tip(f)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items) or index.column() >= len(self.keys):
            return None
        r, k = index.row(), self.keys[index.column()]
        f, v, err = self.fields[k], self.items[r].get(k), self.errors.get((r, k))
        if role == Qt.ItemDataRole.DisplayRole:
            return self.raw.get((r, k), "") if err is not None else display(f, v, self.tr("yes"), self.tr("no"))
        if role == Qt.ItemDataRole.EditRole:
            return self.raw.get((r, k)) if err is not None else ("" if v is None else str(v))
        if role == Qt.ItemDataRole.BackgroundRole and err is not None:
            return QColor("#fde0e0")
        if role == Qt.ItemDataRole.ToolTipRole:
            return err if err is not None else field_tip(f)
        if role == Qt.ItemDataRole.TextAlignmentRole and f.type in ("decimal", "integer"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        r, k = index.row(), self.keys[index.column()]
        converted, problems = convert_value(self.fields[k], value, {"cell": f"{self.section.key}[{r}].{k}"})
        if problems:
            self.errors[(r, k)] = problems[0].text("en" if is_en() else "zh")
            self.raw[(r, k)] = "" if value is None else str(value)
            self.dataChanged.emit(index, index)
            return True
        self.errors.pop((r, k), None)
        self.raw.pop((r, k), None)
        new = jsonable(converted)
        if self.items[r].get(k) != new:
            self.items[r][k] = new
            self.dataChanged.emit(index, index)
            self.accepted.emit()
        return True

    def insertRows(self, row: int, count: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        if parent.isValid() or count < 1:
            return False
        self.beginInsertRows(QModelIndex(), row, row + count - 1)
        for _ in range(count):
            self.items.insert(row, {f.key: f.default for f in self.section.fields if f.default is not None})
        self.endInsertRows()
        self.errors.clear()
        self.raw.clear()
        return True

    def removeRows(self, row: int, count: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:
        if parent.isValid() or row < 0 or count < 1 or row + count > len(self.items):
            return False
        self.beginRemoveRows(QModelIndex(), row, row + count - 1)
        del self.items[row:row + count]
        self.endRemoveRows()
        self.errors.clear()
        self.raw.clear()
        self.accepted.emit()
        return True


class SectionForm(QWidget):
    """One object section as a form: a line edit per field, a combo box for lists and yes/no."""

    accepted = Signal()

    def __init__(self, section: SectionSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.section = section
        self.values: dict[str, Any] = {}
        self.errors: dict[str, str] = {}
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self._loading = False
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for f in section.fields:
            ed = self._editor(f)
            ed.setObjectName(f"field_{section.key}_{f.key}")
            ed.setEnabled((section.key, f.key) not in READ_ONLY)
            lbl = QLabel()
            lbl.setBuddy(ed)
            self.editors[f.key], self.labels[f.key] = ed, lbl
            form.addRow(lbl, ed)
        self.retranslateUi()

    def _editor(self, f: FieldSpec) -> QWidget:
        if f.type in ("enum", "boolean"):
            box = QComboBox()
            box.currentIndexChanged.connect(lambda _i, k=f.key: self._edited(k))
            return box
        edit = QLineEdit()
        edit.textEdited.connect(lambda _t, k=f.key: self._edited(k))
        return edit

    def set_values(self, values: dict[str, Any] | None) -> None:
        self._loading = True
        self.values = dict(values or {})
        self.errors.clear()
        for f in self.section.fields:
            ed, v = self.editors[f.key], self.values.get(f.key)
            if isinstance(ed, QComboBox):
                ed.setCurrentIndex(max(0, ed.findData(v)))
            elif not (ed.hasFocus() and ed.isModified()):
                ed.setText("" if v is None else str(v))
            ed.setStyleSheet("")
        self._loading = False

    def _edited(self, key: str) -> None:
        if self._loading:
            return
        f, ed = self.section.field(key), self.editors[key]
        raw = ed.currentData() if isinstance(ed, QComboBox) else ed.text()
        converted, problems = convert_value(f, raw, {"cell": f"{self.section.key}.{key}"})
        if problems:
            self.errors[key] = problems[0].text("en" if is_en() else "zh")
            ed.setStyleSheet("background:#fde0e0")
            ed.setToolTip(self.errors[key])
            return
        self.errors.pop(key, None)
        ed.setStyleSheet("")
        ed.setToolTip(field_tip(f))
        new = jsonable(converted)
        if new is None:
            self.values.pop(key, None)
        else:
            self.values[key] = new
        self.accepted.emit()

    def retranslateUi(self) -> None:
        self._loading = True
        for f in self.section.fields:
            ed = self.editors[f.key]
            self.labels[f.key].setText(field_label(f) + (":" if is_en() else "："))
            self.labels[f.key].setToolTip(field_tip(f))
            ed.setToolTip(field_tip(f))
            if isinstance(ed, QComboBox):
                cur = self.values.get(f.key)
                ed.clear()
                ed.addItem("—", None)
                if f.type == "boolean":
                    ed.addItem(self.tr("yes"), True)
                    ed.addItem(self.tr("no"), False)
                else:
                    for x in lists().get(f.list, []):
                        ed.addItem(list_label(f.list, x["code"]), x["code"])
                ed.setCurrentIndex(max(0, ed.findData(cur)))
        self._loading = False


class SectionsPanel(QWidget):
    """The sections ``keys`` of the submission, one group box each; ``edited`` carries the whole submission data
    after an edit that the submission reader accepts (a rejected one is shown in ``status`` and not handed on)."""

    edited = Signal(dict)

    def __init__(self, keys: list[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.data: dict[str, Any] = {}
        self.boxes: dict[str, QGroupBox] = {}
        self.tables: dict[str, tuple[SectionTableModel, QTableView]] = {}
        self.forms: dict[str, SectionForm] = {}
        self.buttons: list[tuple[QPushButton, QPushButton]] = []
        self.status = QLabel()
        self.status.setObjectName("sectionsStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color:#c62828")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        for key in keys:
            sec = spec().section(key)
            box = QGroupBox()
            box.setObjectName(f"section_{key}")
            bl = QVBoxLayout(box)
            if sec.kind == "table":
                model = SectionTableModel(sec, self)
                view = QTableView()
                view.setObjectName(f"table_{key}")
                view.setModel(model)
                view.setItemDelegate(EnergyDelegate(view))
                view.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers
                                     & ~QAbstractItemView.EditTrigger.CurrentChanged)
                view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
                view.setTabKeyNavigation(True)
                view.setMinimumHeight(110)
                model.accepted.connect(lambda k=key: self._table_edited(k))
                bl.addWidget(view)
                add, rem = QPushButton(), QPushButton()
                add.setObjectName(f"add_{key}")
                rem.setObjectName(f"remove_{key}")
                add.clicked.connect(lambda _c=False, k=key: self._add_row(k))
                rem.clicked.connect(lambda _c=False, k=key: self._remove_row(k))
                row = QHBoxLayout()
                row.addWidget(add)
                row.addWidget(rem)
                row.addStretch(1)
                bl.addLayout(row)
                self.buttons.append((add, rem))
                self.tables[key] = (model, view)
            else:
                form = SectionForm(sec, box)
                form.accepted.connect(lambda k=key: self._form_edited(k))
                bl.addWidget(form)
                self.forms[key] = form
            self.boxes[key] = box
            lay.addWidget(box)
        lay.addWidget(self.status)
        self.retranslateUi()

    def load(self, data: dict[str, Any]) -> None:
        """Show ``data``; an optional object section (the data centre) only when the submission has it. The same data
        again (a page reloaded after the re-assessment its own edit caused) leaves the editors as they are."""
        if self.boxes and data == self.data:
            return
        self.data = copy.deepcopy(data)
        self.status.setText("")
        for key, (model, _v) in self.tables.items():
            model.set_items(self.data.get(key) or [])
        for key, form in self.forms.items():
            form.set_values(self.data.get(key))
            self.boxes[key].setVisible(not spec().section(key).optional or bool(self.data.get(key)))

    def _offer(self, key: str, value: Any) -> None:
        candidate = dict(self.data)
        candidate[key] = value
        try:
            submission_from_data(candidate)
        except UserError as exc:
            self.status.setText("⚠ " + problem_text(exc))
            return
        self.status.setText("")
        self.data = candidate
        self.edited.emit(copy.deepcopy(candidate))

    def _table_edited(self, key: str) -> None:
        self._offer(key, copy.deepcopy(self.tables[key][0].items))

    def _form_edited(self, key: str) -> None:
        self._offer(key, dict(self.forms[key].values))

    def _add_row(self, key: str) -> None:
        model, view = self.tables[key]
        row = model.rowCount()
        model.insertRows(row, 1)
        view.setCurrentIndex(model.index(row, 0))

    def _remove_row(self, key: str) -> None:
        model, view = self.tables[key]
        ix = view.currentIndex()
        if ix.isValid():
            model.removeRows(ix.row(), 1)

    def models(self) -> list[SectionTableModel]:
        return [m for m, _v in self.tables.values()]

    def retranslateUi(self) -> None:
        for key, box in self.boxes.items():
            sec = spec().section(key)
            box.setTitle(sec.label_en if is_en() else sec.label)
        for add, rem in self.buttons:
            add.setText(self.tr("Add row"))
            rem.setText(self.tr("Remove row"))
        for form in self.forms.values():
            form.retranslateUi()
        for model, _v in self.tables.values():
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, model.columnCount() - 1))
