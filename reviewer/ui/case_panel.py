"""案件卷宗面板 / Case panel: the case's deadlines, the materials checklist (drop a file onto an item to attach it),
the attachments and the timeline. Calls only the use cases of ``reviewer.usecases.cases``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (QAbstractItemView, QGroupBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout,
                               QWidget)

from reviewer.errors import UserError
from reviewer.usecases.base import Context
from reviewer.usecases.cases import AttachRequest, attach_file, show_case

OVERDUE = "#c62828"
SOON = "#b26a00"
ITEM_ID = Qt.ItemDataRole.UserRole


class ChecklistWidget(QListWidget):
    """The materials checklist; a file dropped onto an item is attached to it (kind = the item's kind)."""

    fileDropped = Signal(str, str, str)  # path, item id, kind

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseChecklist")
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def _target(self, event: Any) -> QListWidgetItem | None:
        return self.itemAt(event.position().toPoint())

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt)
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt)
        if event.mimeData().hasUrls() and self._target(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt)
        item = self._target(event)
        urls = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if item is None or not urls:
            event.ignore()
            return
        item_id, kind = item.data(ITEM_ID)
        for path in urls:
            self.fileDropped.emit(path, item_id, kind)
        event.acceptProposedAction()


class CasePanel(QWidget):
    """Deadlines, checklist, attachments and timeline of one case."""

    changed = Signal()

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("casePanel")
        self.ctx = ctx
        self.today = today
        self.code = ""
        self.view: dict[str, Any] | None = None
        self.deadlines = QLabel()
        self.deadlines.setObjectName("caseDeadlines")
        self.deadlines.setTextFormat(Qt.TextFormat.RichText)
        self.deadlines.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("caseMessage")
        self.message.setWordWrap(True)
        self.checklist = ChecklistWidget()
        self.checklist.fileDropped.connect(self.attach)
        self.attachments = QListWidget()
        self.attachments.setObjectName("caseAttachments")
        self.timeline = QListWidget()
        self.timeline.setObjectName("caseTimeline")
        lay = QVBoxLayout(self)
        lay.addWidget(self.deadlines)
        for title, w in ((self.tr("Materials (drop a file onto an item)"), self.checklist),
                         (self.tr("Attachments"), self.attachments), (self.tr("Timeline"), self.timeline)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(w)
            lay.addWidget(box)
        lay.addWidget(self.message)

    def show_project(self, code: str) -> None:
        self.code = code
        self.view = show_case(self.ctx, code, today=self.today)
        v = self.view
        d = v["deadlines"]
        nxt = d["next"]
        color = OVERDUE if nxt and nxt["overdue"] else SOON if nxt and nxt["due_soon"] else "#000000"
        flag = self.tr(" — OVERDUE") if nxt and nxt["overdue"] else self.tr(" — due soon") if nxt and nxt[
            "due_soon"] else ""
        self.deadlines.setText(
            f"<b>{v['status_label']}</b>　"
            + self.tr("Correction notice due") + f" {d['correction_notice']}　"
            + self.tr("Decision due") + f" {d['decision'] or '—'}"
            + (f"<br><span style='color:{color}'>" + self.tr("Next") + f": {nxt['kind']} {nxt['due']}{flag}</span>"
               if nxt else ""))
        self.deadlines.setProperty("overdue", bool(nxt and nxt["overdue"]))
        self.checklist.clear()
        for m in v["materials"]:
            mark = "✓" if m["present"] else "✗"
            text = f"{mark} {m['label']}" + ("" if m["verified"] else self.tr(" (unverified)"))
            it = QListWidgetItem(text)
            it.setData(ITEM_ID, (m["id"], m["kind"]))
            it.setForeground(QColor("#1a7f37" if m["present"] else OVERDUE))
            self.checklist.addItem(it)
        self.attachments.clear()
        for a in v["attachments"]:
            self.attachments.addItem(f"#{a['id']} {a['kind_label']}  {a['original_name']}  {a['size']} B  "
                                     f"SHA-256 {a['sha256'][:16]}…")
        rs = v["report_structure"]
        if rs.get("missing"):
            self.attachments.addItem(self.tr("Energy report lacks: ") + "；".join(rs["missing"]))
        self.timeline.clear()
        for e in v["timeline"]:
            self.timeline.addItem(f"{e['on']}  {e['label']}  {e['reason']}")

    def attach(self, path: str, item_id: str, kind: str) -> None:
        p = Path(path)
        try:
            data = p.read_bytes()
            attach_file(self.ctx, request=AttachRequest(self.code, p.name, data, kind, item_id))
        except UserError as exc:
            self.message.setText(exc.message_zh)
            return
        except OSError as exc:
            self.message.setText(self.tr("Cannot read the file: ") + str(exc))
            return
        self.message.setText(self.tr("Attached: ") + p.name)
        self.show_project(self.code)
        self.changed.emit()
