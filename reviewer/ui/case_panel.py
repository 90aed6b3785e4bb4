"""案件卷宗面板 / Case panel — the "Case file" tab of the project view (issue 14): the statutory deadlines, the
materials checklist (drop a file onto an item to attach it), the attachments (open, save as, PDF preview through
QtPdf), the expert review (commission / return: body from the office's list, dates, the 评审意见 file, conclusions
and recommended figures) and the timeline. Calls only the use cases of ``reviewer.usecases.cases``.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDateEdit, QDoubleSpinBox, QFileDialog,
                               QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from reviewer.errors import UserError
from reviewer.fileio import write_atomically
from reviewer.ui.appstate import current_language
from reviewer.ui.pdf_viewer import PdfDialog, PdfPreview
from reviewer.ui.project_model import office_today
from reviewer.usecases.base import Context
from reviewer.usecases.cases import (AttachRequest, ReceiveRequest, ReviewRequest, attach_file, attachment_bytes,
                                     expert_review, receive_case, review_bodies, show_case)

# case statuses (derived from the events, reviewer.case.timeline.STATUS_LABELS) for the panel's heading
CASE_STATUS = {
    "received": QT_TRANSLATE_NOOP("CasePanel", "Awaiting acceptance"),
    "correction": QT_TRANSLATE_NOOP("CasePanel", "Correction requested"),
    "in_review": QT_TRANSLATE_NOOP("CasePanel", "In review"),
    "expert_review": QT_TRANSLATE_NOOP("CasePanel", "Expert review"),
    "approved": QT_TRANSLATE_NOOP("CasePanel", "Approved"),
    "rejected": QT_TRANSLATE_NOOP("CasePanel", "Rejected"),
    "completed": QT_TRANSLATE_NOOP("CasePanel", "Completion accepted"),
    "lapsed": QT_TRANSLATE_NOOP("CasePanel", "Lapsed"),
}
OVERDUE = "#c62828"
SOON = "#b26a00"
ITEM_ID = Qt.ItemDataRole.UserRole
PDF = "application/pdf"


def case_view(ctx: Context, code: str, today: date | None = None) -> dict[str, Any] | None:
    """The case file of ``code``, or None when no receipt was registered yet (safe on a worker thread)."""
    try:
        return show_case(ctx, code, today=today)
    except UserError:
        return None


def _qdate(d: date) -> QDate:
    return QDate(d.year, d.month, d.day)


def _pydate(q: QDate) -> date:
    return date(q.year(), q.month(), q.day())


class ChecklistWidget(QListWidget):
    """The materials checklist; a file dropped onto an item is attached to it (kind = the item's kind)."""

    fileDropped = Signal(str, str, str)  # path, item id, kind

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("caseChecklist")
        # long statutory labels wrap instead of running off to the right
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt)
        super().resizeEvent(event)
        self.doItemsLayout()  # re-wrap the labels at the new width at once (Adjust mode defers it)

    def _target(self, event: Any) -> QListWidgetItem | None:
        item = self.itemAt(event.position().toPoint())
        return item if item is not None and item.data(ITEM_ID) else None

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


def fill_checklist(widget: ChecklistWidget, view: dict[str, Any], en: bool) -> None:
    """One row per checklist item: ✓/✗, label, the attached file(s); unverified items say so."""

    names = {a["id"]: a["original_name"] for a in view["attachments"]}
    widget.clear()
    for m in view["materials"]:
        mark = "✓" if m["present"] else "✗"
        label = m["label_en"] if en and m.get("label_en") else m["label"]
        files = "、".join(names[i] for i in m["attachments"] if i in names)
        text = f"{mark} {label}" + ("" if m["verified"] else QCoreApplication.translate("CasePanel", " (unverified)"))
        text += ("  — " + files) if files else (
            "  — " + QCoreApplication.translate("CasePanel", "missing"))
        it = QListWidgetItem(text)
        it.setData(ITEM_ID, (m["id"], m["kind"]))
        it.setToolTip(f"{text}\n{m['source']}")
        it.setForeground(QColor("#1a7f37" if m["present"] else OVERDUE))
        widget.addItem(it)


class CasePanel(QWidget):
    """Deadlines, checklist, attachments (open / save / preview), expert review and timeline of one case."""

    changed = Signal()

    def __init__(self, ctx: Context | None = None, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.setObjectName("casePanel")
        self.ctx = ctx
        self.today = today
        self.code = ""
        self.view: dict[str, Any] | None = None
        self.open_external: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self._dialogs: list[QWidget] = []
        self._build()
        self.retranslateUi()
        self._show_view()

    # -- construction ---------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.deadlines = QLabel()
        self.deadlines.setObjectName("caseDeadlines")
        self.deadlines.setTextFormat(Qt.TextFormat.RichText)
        self.deadlines.setWordWrap(True)
        self.receive_date = QDateEdit()
        self.receive_date.setObjectName("caseReceiveDate")
        self.receive_date.setCalendarPopup(True)
        self.receive_date.setDisplayFormat("yyyy-MM-dd")
        self.receive_btn = QPushButton()
        self.receive_btn.setObjectName("caseReceiveButton")
        self.receive_btn.clicked.connect(lambda: self.receive(_pydate(self.receive_date.date())))
        self.receive_row = QWidget()
        rr = QHBoxLayout(self.receive_row)
        rr.setContentsMargins(0, 0, 0, 0)
        self.receive_label = QLabel()
        rr.addWidget(self.receive_label)
        rr.addWidget(self.receive_date)
        rr.addWidget(self.receive_btn)
        rr.addStretch(1)
        self.message = QLabel()
        self.message.setObjectName("caseMessage")
        self.message.setWordWrap(True)
        self._build_lists()
        self._build_review()
        self._build_layout()

    def _build_lists(self) -> None:
        self.checklist = ChecklistWidget()
        self.checklist.fileDropped.connect(self.attach)
        self.attach_btn = QPushButton()
        self.attach_btn.setObjectName("caseAttachButton")
        self.attach_btn.clicked.connect(self._attach_chosen)
        self.attachments = QListWidget()
        self.attachments.setObjectName("caseAttachments")
        self.attachments.currentRowChanged.connect(self._attachment_selected)
        self.attachments.itemActivated.connect(lambda _it: self.open_attachment(self.current_attachment()))
        self.open_btn = QPushButton()
        self.open_btn.setObjectName("caseOpenButton")
        self.open_btn.clicked.connect(lambda: self.open_attachment(self.current_attachment()))
        self.save_btn = QPushButton()
        self.save_btn.setObjectName("caseSaveButton")
        self.save_btn.clicked.connect(lambda: self.save_attachment(self.current_attachment()))
        self.structure = QLabel()
        self.structure.setObjectName("caseReportStructure")
        self.structure.setWordWrap(True)
        self.timeline = QListWidget()
        self.timeline.setObjectName("caseTimeline")
        self.preview = PdfPreview()
        self.preview.setObjectName("casePdfPreview")
        self.preview.setMinimumHeight(260)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("casePreviewLabel")
        self.preview_label.setWordWrap(True)

    def _build_review(self) -> None:
        """The expert-review step (令第31号 第十五条; 《行政许可法》第四十五条)."""
        self.body = QComboBox()
        self.body.setObjectName("reviewBody")
        self.body.setMinimumWidth(220)
        self.commissioned = QDateEdit()
        self.commissioned.setObjectName("reviewCommissioned")
        self.returned_on = QDateEdit()
        self.returned_on.setObjectName("reviewReturned")
        for d in (self.commissioned, self.returned_on):
            d.setCalendarPopup(True)
            d.setDisplayFormat("yyyy-MM-dd")
        self.review_file = QLineEdit()
        self.review_file.setObjectName("reviewFile")
        self.review_file_btn = QPushButton()
        self.review_file_btn.clicked.connect(self._choose_review_file)
        self.conclusions = QLineEdit()
        self.conclusions.setObjectName("reviewConclusions")
        self.fig_eq = QDoubleSpinBox()
        self.fig_eq.setObjectName("reviewEquivalentTce")
        self.fig_ev = QDoubleSpinBox()
        self.fig_ev.setObjectName("reviewEqualValueTce")
        for sp in (self.fig_eq, self.fig_ev):
            sp.setRange(0, 1e9)
            sp.setDecimals(2)
            sp.setSuffix(" tce")
            sp.setSpecialValueText("—")
        self.commission_btn = QPushButton()
        self.commission_btn.setObjectName("reviewCommissionButton")
        self.commission_btn.clicked.connect(self.commission_review)
        self.return_btn = QPushButton()
        self.return_btn.setObjectName("reviewReturnButton")
        self.return_btn.clicked.connect(self.record_review_return)
        self.review_state = QLabel()
        self.review_state.setObjectName("reviewState")
        self.review_state.setWordWrap(True)
        self.review_box = QGroupBox()
        rf = QFormLayout(self.review_box)
        self.l_body, self.l_comm, self.l_ret, self.l_file, self.l_concl, self.l_eq, self.l_ev = (
            QLabel() for _ in range(7))
        rf.addRow(self.review_state)
        rf.addRow(self.l_body, self.body)
        crow = QHBoxLayout()
        crow.addWidget(self.commissioned)
        crow.addWidget(self.commission_btn)
        crow.addStretch(1)
        rf.addRow(self.l_comm, crow)
        rf.addRow(self.l_ret, self.returned_on)
        frow = QHBoxLayout()
        frow.addWidget(self.review_file, 1)
        frow.addWidget(self.review_file_btn)
        rf.addRow(self.l_file, frow)
        rf.addRow(self.l_concl, self.conclusions)
        rf.addRow(self.l_eq, self.fig_eq)
        rf.addRow(self.l_ev, self.fig_ev)
        rf.addRow(self.return_btn)

    def _build_layout(self) -> None:
        self.materials_box, self.attachments_box, self.timeline_box, self.preview_box = (
            QGroupBox() for _ in range(4))
        ml = QVBoxLayout(self.materials_box)
        ml.addWidget(self.checklist)
        ml.addWidget(self.attach_btn, 0, Qt.AlignmentFlag.AlignLeft)
        al = QVBoxLayout(self.attachments_box)
        al.addWidget(self.attachments)
        ab = QHBoxLayout()
        ab.addWidget(self.open_btn)
        ab.addWidget(self.save_btn)
        ab.addStretch(1)
        al.addLayout(ab)
        al.addWidget(self.structure)
        QVBoxLayout(self.timeline_box).addWidget(self.timeline)
        pl = QVBoxLayout(self.preview_box)
        pl.addWidget(self.preview_label)
        pl.addWidget(self.preview, 1)
        for w in (self.checklist, self.attachments, self.timeline):
            w.setMinimumHeight(96)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.materials_box)
        ll.addWidget(self.attachments_box)
        ll.addWidget(self.timeline_box)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.review_box)
        rl.addWidget(self.preview_box, 1)
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("caseSplitter")
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.addWidget(self.deadlines)
        lay.addWidget(self.receive_row)
        lay.addWidget(self.split, 1)
        lay.addWidget(self.message)

    # -- data -----------------------------------------------------------------------------------------------
    def set_context(self, ctx: Context) -> None:
        self.ctx = ctx

    def _today(self) -> date:
        return self.today or office_today()

    def show_project(self, code: str) -> None:
        """Read the case of ``code`` (one small query) and show it."""
        self.set_view(code, case_view(self.ctx, code, self.today) if self.ctx is not None else None)

    def set_view(self, code: str, view: dict[str, Any] | None) -> None:
        """Show a case view read elsewhere (the main window reads it on a worker with the project detail)."""
        self.code = code
        self.view = view
        self._show_view()

    def clear(self) -> None:
        self.set_view("", None)

    def _show_view(self) -> None:
        v = self.view
        has = v is not None
        self.receive_row.setVisible(bool(self.code) and not has)
        for w in (self.split,):
            w.setEnabled(has)
        self.checklist.clear()
        self.attachments.clear()
        self.timeline.clear()
        self.structure.clear()
        self.preview.set_pdf(None)
        if v is None:
            self.deadlines.setText(self.tr("No receipt registered for this project yet: register the day the "
                                           "application was received to start the statutory clock.")
                                   if self.code else self.tr("Select a project to see its case file."))
            self.deadlines.setProperty("overdue", False)
            self.receive_date.setDate(_qdate(self._today()))
            self._fill_review()
            return
        self._show_deadlines(v)
        fill_checklist(self.checklist, v, _is_en())
        for a in v["attachments"]:
            kind = a.get("kind_label_en", a["kind_label"]) if _is_en() else a["kind_label"]
            it = QListWidgetItem(f"#{a['id']}  {kind}  {a['original_name']}  "
                                 f"{_size(a['size'])}  SHA-256 {a['sha256'][:12]}…")
            it.setData(ITEM_ID, a["id"])
            it.setToolTip(f"{a['media_type']}\nSHA-256 {a['sha256']}\n{a['added_by']} {a['added_at'][:16]}")
            self.attachments.addItem(it)
        rs = v["report_structure"]
        if rs.get("missing") is None:
            self.structure.setText(self.tr("No energy report attached: the structure check (令第31号 第十二条) runs "
                                           "when it is."))
        elif rs["missing"]:
            self.structure.setText("<span style='color:%s'>" % OVERDUE + self.tr("Energy report lacks (veto item): ")
                                   + "；".join(rs["missing"]) + "</span>")
        else:
            self.structure.setText(self.tr("Energy report: all seven parts of 令第31号 第十二条 found."))
        for e in v["timeline"]:
            label = e["label_en"] if _is_en() else e["label"]
            extra = e["data"].get("body") or e["data"].get("doc_number") or ""
            self.timeline.addItem(f"{e['on']}  {label}  {extra}  {e['reason']}  ({e['actor']})".rstrip())
        self.timeline.scrollToBottom()
        self._fill_review()
        pdfs = [i for i, a in enumerate(v["attachments"]) if a["media_type"] == PDF]
        if pdfs:
            self.attachments.setCurrentRow(pdfs[0])

    def _show_deadlines(self, v: dict[str, Any]) -> None:
        d = v["deadlines"]
        nxt = d["next"]
        color = OVERDUE if nxt and nxt["overdue"] else SOON if nxt and nxt["due_soon"] else "#000000"
        flag = self.tr(" — OVERDUE") if nxt and nxt["overdue"] else self.tr(" — due soon") if nxt and nxt[
            "due_soon"] else ""
        kinds = {"correction_notice": self.tr("Correction notice due"), "acceptance": self.tr("Acceptance due"),
                 "decision": self.tr("Decision due")}
        status = (QCoreApplication.translate("CasePanel", CASE_STATUS[v["status"]]) if v["status"] in CASE_STATUS
                  else v["status_label"])
        parts = [f"<b>{status}</b>", self.tr("Received") + f" {v['received_on']}",
                 kinds["correction_notice"] + f" {d['correction_notice']}"]
        if d.get("acceptance"):
            parts.append(kinds["acceptance"] + f" {d['acceptance']}")
        if d["decision"]:
            parts.append(kinds["decision"] + f" {d['decision']}")
        elif d["review_running"]:
            parts.append(self.tr("Decision clock stopped: expert review running (行政许可法 第四十五条)"))
        else:
            parts.append(kinds["decision"] + " —")
        text = "　".join(parts)
        notes = []
        if d["accepted_deemed"]:
            notes.append(self.tr("Counts as accepted from %1 (not told in time; 令第31号 第十四条).")
                         .replace("%1", d["accepted_on"]))
        if d["paused_working_days"]:
            notes.append(self.tr("%1 working days of expert review not counted.")
                         .replace("%1", str(d["paused_working_days"])))
        if d["extended"]:
            notes.append(self.tr("Time limit extended by 10 working days."))
        if nxt:
            text += (f"<br><span style='color:{color}'><b>" + self.tr("Next") + f": {kinds.get(nxt['kind'], nxt['kind'])}"
                     f" {nxt['due']}{flag}</b></span>")
        if notes:
            text += "<br>" + " ".join(notes)
        for w in d["warnings"]:
            text += f"<br><span style='color:{SOON}'>⚠ {w}</span>"
        self.deadlines.setText(text)
        self.deadlines.setProperty("overdue", bool(nxt and nxt["overdue"]))
        self.deadlines.setProperty("dueSoon", bool(nxt and nxt["due_soon"]))

    def _fill_review(self) -> None:
        v = self.view
        bodies: list[str] = []
        if self.ctx is not None and v is not None:
            try:
                bodies = review_bodies(self.ctx)
            except Exception:  # noqa: BLE001 — an unreadable list shows as empty, the use case refuses anyway
                bodies = []
        cur = self.body.currentText()
        self.body.clear()
        self.body.addItems(bodies)
        if cur in bodies:
            self.body.setCurrentText(cur)
        today = _qdate(self._today())
        self.commissioned.setDate(today)
        self.returned_on.setDate(today)
        evs = v["timeline"] if v else []
        last = next((e for e in reversed(evs) if e["kind"] in ("review_commissioned", "review_returned")), None)
        accepted = bool(v) and (any(e["kind"] == "accepted" for e in evs) or v["deadlines"]["accepted_deemed"])
        running = last is not None and last["kind"] == "review_commissioned"
        if not bodies:
            self.review_state.setText(self.tr("The office's list of reviewing bodies is empty: add one with "
                                              "`reviewer case bodies add NAME`."))
        elif running:
            self.review_state.setText(self.tr("Expert review by %1 since %2; the decision clock is stopped.")
                                      .replace("%1", last["data"].get("body", "")).replace("%2", last["on"]))
            self.body.setCurrentText(last["data"].get("body", ""))
            self.commissioned.setDate(_qdate(date.fromisoformat(last["on"])))
        elif last is not None:
            self.review_state.setText(self.tr("Review opinion of %1 returned on %2: %3")
                                      .replace("%1", last["data"].get("body", "")).replace("%2", last["on"])
                                      .replace("%3", last["data"].get("conclusions", "") or "—"))
        elif not accepted:
            self.review_state.setText(self.tr("The expert review is commissioned after acceptance (令第31号 第十五条)."))
        else:
            self.review_state.setText(self.tr("Not commissioned yet."))
        self.commission_btn.setEnabled(bool(bodies) and accepted and not running)
        self.commissioned.setEnabled(not running)
        self.return_btn.setEnabled(bool(bodies) and accepted)

    def current_attachment(self) -> int | None:
        it = self.attachments.currentItem()
        return int(it.data(ITEM_ID)) if it is not None and it.data(ITEM_ID) is not None else None

    def _attachment(self, aid: int) -> dict[str, Any] | None:
        return next((a for a in (self.view or {}).get("attachments", []) if a["id"] == aid), None)

    def _attachment_selected(self, _row: int) -> None:
        aid = self.current_attachment()
        a = self._attachment(aid) if aid is not None else None
        if a is None:
            self.preview.set_pdf(None)
            self.preview_label.setText(self.tr("Select a PDF attachment to preview it."))
            return
        if a["media_type"] != PDF:
            self.preview.set_pdf(None)
            self.preview_label.setText(self.tr("%1 is not a PDF: open it with its application or save it.")
                                       .replace("%1", a["original_name"]))
            return
        try:
            _name, data = attachment_bytes(self.ctx, aid)
        except UserError as exc:
            self.message.setText(exc.message_zh)
            return
        ok = self.preview.set_pdf(data)
        self.preview_label.setText((self.tr("%1 — %2 page(s)").replace("%1", a["original_name"])
                                    .replace("%2", str(self.preview.page_count()))) if ok else
                                   self.tr("The PDF could not be displayed."))

    # -- actions --------------------------------------------------------------------------------------------
    def _run(self, what: Callable[[], Any], done: str) -> bool:
        try:
            what()
        except UserError as exc:
            self.message.setText(exc.message_zh if not _is_en() else exc.text("en"))
            self.message.setStyleSheet(f"color:{OVERDUE}")
            return False
        except OSError as exc:
            self.message.setText(self.tr("Cannot read or write the file: ") + str(exc))
            self.message.setStyleSheet(f"color:{OVERDUE}")
            return False
        self.message.setStyleSheet("")
        self.message.setText(done)
        self.show_project(self.code)
        self.changed.emit()
        return True

    def receive(self, on: date) -> bool:
        return self._run(lambda: receive_case(self.ctx, request=ReceiveRequest(self.code, on)),
                         self.tr("Receipt registered on %1.").replace("%1", on.isoformat()))

    def attach(self, path: str, item_id: str, kind: str) -> bool:
        p = Path(path)
        return self._run(lambda: attach_file(self.ctx, request=AttachRequest(self.code, p.name, p.read_bytes(), kind,
                                                                             item_id)),
                         self.tr("Attached: ") + p.name)

    def _attach_chosen(self) -> None:
        it = self.checklist.currentItem() or (self.checklist.item(0) if self.checklist.count() else None)
        if it is None or not it.data(ITEM_ID):
            return
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Attach a file"), "",
                                              self.tr("Documents (*.pdf *.docx *.xlsx *.ofd *.png *.jpg *.jpeg)"))
        if path:
            item_id, kind = it.data(ITEM_ID)
            self.attach(path, item_id, kind)

    def open_attachment(self, aid: int | None) -> QWidget | bool | None:
        """A PDF opens in the built-in preview window (QtPdf); anything else is written to a private temporary
        folder and handed to the system's application (QDesktopServices)."""
        if aid is None:
            return None
        try:
            name, data = attachment_bytes(self.ctx, aid)
        except UserError as exc:
            self.message.setText(exc.message_zh)
            return None
        a = self._attachment(aid) or {}
        if a.get("media_type") == PDF:
            dlg = PdfDialog(data, self, title=name)
            self._dialogs.append(dlg)
            dlg.open()
            return dlg
        folder = Path(tempfile.mkdtemp(prefix="reviewer-attachment-"))
        target = folder / Path(name).name
        write_atomically(target, data)
        return self.open_external(QUrl.fromLocalFile(str(target)))

    def save_attachment(self, aid: int | None, path: str | None = None) -> bool:
        """Save an attachment's bytes under a name the user picks (save-as dialog), written atomically."""
        if aid is None:
            return False
        try:
            name, data = attachment_bytes(self.ctx, aid)
        except UserError as exc:
            self.message.setText(exc.message_zh)
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save attachment as"), name)
            if not path:
                return False
        write_atomically(Path(path), data, archived=True)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("Saved %1 (%2).").replace("%1", name).replace("%2", path))
        return True

    def _choose_review_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Review opinion file"), "",
                                              self.tr("Documents (*.pdf *.docx *.xlsx *.ofd *.png *.jpg *.jpeg)"))
        if path:
            self.review_file.setText(path)

    def commission_review(self) -> bool:
        body, on = self.body.currentText(), _pydate(self.commissioned.date())
        return self._run(lambda: expert_review(self.ctx, request=ReviewRequest(self.code, body, on)),
                         self.tr("Expert review commissioned from %1 on %2.").replace("%1", body)
                         .replace("%2", on.isoformat()))

    def record_review_return(self) -> bool:
        body = self.body.currentText()
        comm, ret = _pydate(self.commissioned.date()), _pydate(self.returned_on.date())
        path = self.review_file.text().strip()
        figures = {k: sp.value() for k, sp in (("equivalent_tce", self.fig_eq), ("equal_value_tce", self.fig_ev))
                   if sp.value() > 0}

        def work() -> None:
            data = Path(path).read_bytes() if path else b""
            expert_review(self.ctx, request=ReviewRequest(self.code, body, comm, ret, Path(path).name if path else "",
                                                          data, self.conclusions.text().strip(), figures))

        ok = self._run(work, self.tr("Review opinion of %1 recorded (returned %2).").replace("%1", body)
                       .replace("%2", ret.isoformat()))
        if ok:
            self.review_file.clear()
            self.conclusions.clear()
            self.fig_eq.setValue(0)
            self.fig_ev.setValue(0)
        return ok

    # -- texts ----------------------------------------------------------------------------------------------
    def retranslateUi(self) -> None:
        self.materials_box.setTitle(self.tr("Materials (令第31号 第十二条; drop a file onto an item)"))
        self.attachments_box.setTitle(self.tr("Attachments"))
        self.timeline_box.setTitle(self.tr("Timeline"))
        self.preview_box.setTitle(self.tr("Preview"))
        self.review_box.setTitle(self.tr("Expert review (令第31号 第十五条)"))
        self.receive_label.setText(self.tr("Received on:"))
        self.receive_btn.setText(self.tr("Register &receipt"))
        self.attach_btn.setText(self.tr("Attach a file to the selected item…"))
        self.open_btn.setText(self.tr("&Open"))
        self.save_btn.setText(self.tr("Save &as…"))
        self.review_file_btn.setText(self.tr("Choose…"))
        self.commission_btn.setText(self.tr("Commission"))
        self.return_btn.setText(self.tr("Record the returned review"))
        self.l_body.setText(self.tr("Reviewing body"))
        self.l_comm.setText(self.tr("Commissioned on"))
        self.l_ret.setText(self.tr("Returned on"))
        self.l_file.setText(self.tr("Review opinion (评审意见)"))
        self.l_concl.setText(self.tr("Conclusions"))
        self.l_eq.setText(self.tr("Recommended energy, calorific value"))
        self.l_ev.setText(self.tr("Recommended energy, equivalent value"))
        if self.preview_label.text() == "":
            self.preview_label.setText(self.tr("Select a PDF attachment to preview it."))
        self._show_view()

    def changeEvent(self, ev: QEvent) -> None:
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(ev)


def _size(n: int) -> str:
    return f"{n / 1024:.1f} KB" if n >= 1024 else f"{n} B"


def _is_en() -> bool:
    return current_language() == "en"
