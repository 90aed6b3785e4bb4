"""Small shared widgets: clickable figures, a QPainter bar chart, and a read-only record table model."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QPushButton, QSizePolicy, QWidget


def fmt(value: Any, digits: int = 2) -> str:
    if value is None or value == "":
        return "—"
    try:
        return f"{float(value):,.{digits}f}"
    except (TypeError, ValueError):
        return str(value)


class FigureButton(QPushButton):
    """A figure the reviewer can click (or focus and press Space) to see its trace step."""

    explain = Signal(str)

    def __init__(self, step_key: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.step_key = step_key
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setStyleSheet("QPushButton{color:#0b57d0;text-align:left;padding:2px 4px;font-weight:bold}"
                           "QPushButton:focus{border:1px dotted #0b57d0}")
        self.clicked.connect(lambda: self.step_key and self.explain.emit(self.step_key))

    def set_value(self, text: str, step_key: str | None = None) -> None:
        self.setText(text)
        if step_key is not None:
            self.step_key = step_key
        self.setEnabled(bool(self.step_key))


@dataclass
class Bar:
    label: str
    value: float
    color: str = "#3b78c3"


class BarChart(QWidget):
    """Horizontal bar chart drawn with QPainter (labels in the application's CJK font, values at bar ends)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.bars: list[Bar] = []
        self.unit = ""
        self.title = ""
        self.setMinimumHeight(120)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, bars: Sequence[Bar], unit: str = "", title: str = "") -> None:
        self.bars, self.unit, self.title = list(bars), unit, title
        self.setMinimumHeight(40 + 28 * max(1, len(self.bars)))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 40 + 28 * max(1, len(self.bars)))

    def paintEvent(self, _ev) -> None:  # noqa: ANN001
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), QColor("#ffffff"))
        fm = QFontMetrics(self.font())
        top = 6
        if self.title:
            p.setPen(QColor("#202124"))
            p.drawText(8, top + fm.ascent(), self.title)
            top += fm.height() + 6
        if not self.bars:
            p.setPen(QColor("#777777"))
            p.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No data"))
            return
        label_w = min(max(fm.horizontalAdvance(b.label) for b in self.bars) + 12, self.width() // 2)
        values = [fmt(b.value) + (f" {self.unit}" if self.unit else "") for b in self.bars]
        value_w = max(fm.horizontalAdvance(v) for v in values) + 10
        avail = max(10, self.width() - label_w - value_w - 16)
        vmax = max((abs(b.value) for b in self.bars), default=1) or 1
        row_h = max(fm.height() + 8, min(28, (self.height() - top - 4) // len(self.bars)))
        for i, (b, vtext) in enumerate(zip(self.bars, values)):
            y = top + i * row_h
            p.setPen(QColor("#202124"))
            p.drawText(QRectF(4, y, label_w - 8, row_h), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                       fm.elidedText(b.label, Qt.TextElideMode.ElideMiddle, label_w - 8))
            w = avail * abs(b.value) / vmax
            p.setPen(QPen(Qt.PenStyle.NoPen))
            p.setBrush(QColor(b.color))
            p.drawRect(QRectF(label_w, y + 4, max(1.0, w), row_h - 8))
            p.setPen(QColor("#202124"))
            p.drawText(QRectF(label_w + w + 6, y, value_w, row_h), Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       vtext)


class RecordTableModel(QAbstractTableModel):
    """Read-only table over a list of dicts; columns are (key, translated title, formatter)."""

    def __init__(self, columns: Sequence[tuple[str, str]], parent=None,  # noqa: ANN001
                 formatters: dict[str, Callable[[Any], str]] | None = None,
                 colors: Callable[[dict[str, Any]], str | None] | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.records: list[dict[str, Any]] = []
        self.formatters = formatters or {}
        self.colors = colors

    def set_records(self, records: Sequence[dict[str, Any]]) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def set_titles(self, columns: Sequence[tuple[str, str]]) -> None:
        self.columns = list(columns)
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, max(0, len(self.columns) - 1))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal \
                and 0 <= section < len(self.columns):
            return self.columns[section][1]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.records) or index.column() >= len(self.columns):
            return None
        rec = self.records[index.row()]
        key = self.columns[index.column()][0]
        value = rec.get(key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            f = self.formatters.get(key)
            return f(value) if f else ("" if value is None else str(value))
        if role == Qt.ItemDataRole.UserRole:
            return rec
        if role == Qt.ItemDataRole.ForegroundRole and self.colors:
            c = self.colors(rec)
            return QColor(c) if c else None
        if role == Qt.ItemDataRole.TextAlignmentRole and isinstance(value, (int, float)) and not isinstance(value, bool):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
