"""受理 — completeness check of the data and of the statutory materials (the case file's checklist, 令第31号
第十二条; drop a file onto an item to attach it); everything missing goes into the one-time 补正通知 (第十四条)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtGui import QColor
from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtWidgets import (QDateEdit, QFileDialog, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QSplitter, QVBoxLayout, QWidget)
from PySide6.QtCore import Qt

from reviewer.errors import UserError
from reviewer.fileio import write_atomically
from reviewer.settings import Settings
from reviewer.signing.signer import Pkcs12Signer
from reviewer.submission.parse import logic_problems
from reviewer.ui.case_panel import ChecklistWidget, case_view, fill_checklist
from reviewer.ui import tasks
from reviewer.ui.dialogs import confirm, show_error
from reviewer.ui.first_run import FirstRunDialog
from reviewer.ui.project_model import FLAG_COLORS, deadline_label, flag_label, office_today
from reviewer.usecases.cases import (AttachRequest, CorrectionRequest, EventRequest, ReceiveRequest, attach_file,
                                     correction_items, receive_case, record_event, request_correction)
from reviewer.usecases.keys import certificate_ready
from reviewer.ui.wizard import ops
from reviewer.ui.wizard.page import ReviewContext, ReviewPage, is_en
from reviewer.ui.wizard.state import ReviewState


class AcceptancePage(ReviewPage):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("acceptancePage")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.checklist = QListWidget()
        self.checklist.setObjectName("completenessList")
        self.checklist.setWordWrap(True)  # long labels wrap (the pane shares the width with the materials)
        self.checklist.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.checklist.setResizeMode(QListWidget.ResizeMode.Adjust)
        # the statutory materials of the case file (issue 14)
        self.materials = ChecklistWidget()
        self.materials.setObjectName("acceptanceMaterials")
        self.materials.fileDropped.connect(self.attach)
        self.case_label = QLabel()
        self.case_label.setObjectName("acceptanceCase")
        self.case_label.setWordWrap(True)
        self.case_label.setTextFormat(Qt.TextFormat.RichText)
        self.day = QDateEdit()
        self.day.setObjectName("acceptanceDate")
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        t = office_today()  # the office's calendar day (Asia/Shanghai)
        self.day.setDate(QDate(t.year, t.month, t.day))
        self.receive_btn = QPushButton()
        self.receive_btn.setObjectName("acceptanceReceiveButton")
        self.receive_btn.clicked.connect(self.receive)
        self.accept_btn = QPushButton()
        self.accept_btn.setObjectName("acceptanceAcceptButton")
        self.accept_btn.clicked.connect(self.accept_case)
        self.case_message = QLabel()
        self.case_message.setObjectName("acceptanceMessage")
        self.case_message.setWordWrap(True)
        self.case: dict | None = None
        self.material_gaps: list[str] = []
        self.result = QLabel()
        self.result.setObjectName("completenessResult")
        self.result.setWordWrap(True)
        self.notice = QPlainTextEdit()
        self.notice.setObjectName("correctionNotice")
        self.notice.setReadOnly(True)
        self.notice_btn = QPushButton()
        self.notice_btn.setObjectName("issueCorrectionButton")
        self.notice_btn.clicked.connect(lambda: self.issue_correction())
        self.data_box, self.materials_box = QGroupBox(), QGroupBox()
        QVBoxLayout(self.data_box).addWidget(self.checklist)
        ml = QVBoxLayout(self.materials_box)
        ml.addWidget(self.case_label)
        ml.addWidget(self.materials, 1)
        row = QHBoxLayout()
        self.day_label = QLabel()
        row.addWidget(self.day_label)
        row.addWidget(self.day)
        row.addWidget(self.receive_btn)
        row.addWidget(self.accept_btn)
        row.addStretch(1)
        ml.addLayout(row)
        ml.addWidget(self.case_message)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("acceptanceSplitter")
        split.addWidget(self.data_box)
        split.addWidget(self.materials_box)
        split.setChildrenCollapsible(False)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(split, 2)
        lay.addWidget(self.result)
        lay.addWidget(self.notice, 1)
        lay.addLayout(self._build_signing())
        self.missing: list[ops.MissingItem] = []
        self.retranslateUi()

    def _build_signing(self) -> QVBoxLayout:
        """The notice's signing row (passphrase, certificate set-up, the explicit unsigned choice) and its result."""
        # Signing the notice: the reviewer's certificate from the settings (first-run dialog / 证书管理) and its
        # passphrase, exactly as the 出具意见 step signs (issue.py); unsigned only as an explicit, labelled choice.
        self.cert_path = ""
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("correctionPassphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(lambda: self.issue_correction())
        self.l_pass = QLabel()
        self.l_pass.setBuddy(self.passphrase)
        self.setup_btn = QPushButton(objectName="correctionSetupCertificate")
        self.setup_btn.clicked.connect(self.setup_certificate)
        self.unsigned_btn = QPushButton(objectName="issueUnsignedCorrectionButton")
        self.unsigned_btn.clicked.connect(lambda: self.issue_correction(unsigned=True))
        self.save_btn = QPushButton(objectName="saveCorrectionPdf")
        self.save_btn.clicked.connect(lambda: self.save_pdf())
        self.doc_label = QLabel()
        self.doc_label.setObjectName("correctionDocument")
        self.doc_label.setWordWrap(True)
        self.sign_message = QLabel()
        self.sign_message.setObjectName("correctionSignMessage")
        self.sign_message.setWordWrap(True)
        self.issued: dict | None = None
        self.busy = False
        self.recorded: dict | None = None
        box = QVBoxLayout()
        sign_row = QHBoxLayout()
        sign_row.addWidget(self.l_pass)
        sign_row.addWidget(self.passphrase, 1)
        sign_row.addWidget(self.notice_btn)
        sign_row.addWidget(self.setup_btn)
        sign_row.addWidget(self.unsigned_btn)
        box.addLayout(sign_row)
        box.addWidget(self.sign_message)
        doc_row = QHBoxLayout()
        doc_row.addWidget(self.doc_label, 1)
        doc_row.addWidget(self.save_btn)
        box.addLayout(doc_row)
        return box

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("AcceptancePage", "Acceptance")

    def load(self, state: ReviewState) -> None:
        super().load(state)
        if not self.cert_path:
            self.cert_path = self.ctx.settings.certificate_path
        en = is_en()
        self.missing = ops.completeness(state.data)
        missing_labels = {m.label for m in self.missing}
        self.checklist.clear()
        for it in ops._completeness_items(state.data):
            ok = it["label"] not in missing_labels
            item = QListWidgetItem(("✔ " if ok else "✘ ") + (it["label_en"] if en else it["label"]))
            item.setForeground(QColor("#1a7f37" if ok else "#c62828"))
            self.checklist.addItem(item)
        try:
            problems = logic_problems(state.submission())
        except Exception as exc:  # noqa: BLE001 — a stored submission that no longer validates
            problems = list(getattr(exc, "problems", []))
        for p in problems:
            item = QListWidgetItem("⚠ " + p.text("en" if en else "zh"))
            item.setForeground(QColor("#b26a00"))
            self.checklist.addItem(item)
        self._load_case()
        state.completeness_ok = not self.missing and not self.material_gaps
        self._refresh()

    # -- the case file's materials ---------------------------------------------------------------------------
    def _load_case(self) -> None:
        st = self.state
        uc = self.ctx.usecase()
        self.case = case_view(uc, st.project_code) if st else None
        self.material_gaps = []
        if self.case is None:
            self.materials.clear()
            self.case_label.setText(self.tr("No receipt registered yet. Register the day the application was "
                                            "received: the 5-working-day clock of the correction notice starts "
                                            "then (令第31号 第十四条), and the materials checklist is kept."))
        else:
            fill_checklist(self.materials, self.case, is_en())
            d = self.case["deadlines"]
            nxt = d["next"]
            line = self.tr("Received %1; correction notice due %2.").replace("%1", self.case["received_on"]) \
                .replace("%2", d["correction_notice"])
            if nxt:
                flag = "overdue" if nxt["overdue"] else "soon" if nxt["due_soon"] else ""
                color = FLAG_COLORS.get(flag, "#000000")
                line += f"<br><span style='color:{color}'><b>" + self.tr("Next deadline: %1").replace(
                    "%1", f"{deadline_label(nxt['kind'])} {nxt['due']} {flag_label(flag)}".strip()) + "</b></span>"
            self.case_label.setText(line + "<br>" + self.tr("Drop a file onto an item to attach it."))
            labels = {m.label for m in self.missing}
            try:
                self.material_gaps = [i for i in correction_items(uc, st.project_code) if i not in labels]
            except UserError:
                self.material_gaps = []
        accepted = bool(self.case) and any(e["kind"] == "accepted" for e in self.case["timeline"])
        # a notice issued in an earlier session: its 文号 and whether it was signed, from the case's timeline
        self.recorded = next((e for e in (self.case or {}).get("timeline", [])
                              if e["kind"] == "correction_requested"), None)
        self.receive_btn.setVisible(self.case is None)
        self.accept_btn.setVisible(self.case is not None)
        self.accept_btn.setEnabled(self.case is not None and not accepted)

    def _after_case_change(self, message: str) -> None:
        self.case_message.setStyleSheet("")
        self.case_message.setText(message)
        if self.state is not None:
            self._load_case()
            self.state.completeness_ok = not self.missing and not self.material_gaps
        self._refresh()
        self.changed.emit()

    def _case_error(self, exc: Exception) -> None:
        text = exc.text("en" if is_en() else "zh") if isinstance(exc, UserError) else str(exc)
        self.case_message.setStyleSheet("color:#c62828")
        self.case_message.setText(text)

    def _day(self) -> date:
        q = self.day.date()
        return date(q.year(), q.month(), q.day())

    def receive(self) -> bool:
        st = self.state
        try:
            receive_case(self.ctx.usecase(), request=ReceiveRequest(st.project_code, self._day()))
        except UserError as exc:
            self._case_error(exc)
            return False
        self._after_case_change(self.tr("Receipt registered on %1.").replace("%1", self._day().isoformat()))
        return True

    def accept_case(self) -> bool:
        """Record 受理 on the chosen day (the decision clock of 《行政许可法》第四十二条 starts)."""
        st = self.state
        n = len(self.all_missing())
        if n and not confirm(self, self.tr("Incomplete submission"), self.tr(
                "%n item(s) are still missing. 令第31号 第十四条 accepts complete materials; record the acceptance "
                "anyway?", "", n)):
            return False
        try:
            record_event(self.ctx.usecase(), request=EventRequest(st.project_code, "accepted", self._day()))
        except UserError as exc:
            self._case_error(exc)
            return False
        self._after_case_change(self.tr("Accepted on %1.").replace("%1", self._day().isoformat()))
        return True

    def attach(self, path: str, item_id: str, kind: str) -> bool:
        p = Path(path)
        try:
            attach_file(self.ctx.usecase(), request=AttachRequest(self.state.project_code, p.name, p.read_bytes(),
                                                                   kind, item_id))
        except (UserError, OSError) as exc:
            self._case_error(exc)
            return False
        self._after_case_change(self.tr("Attached: ") + p.name)
        return True

    def all_missing(self) -> list[str]:
        """Everything the one-time notice lists: the data items, then the materials and report parts."""
        en = is_en()
        return [m.label_en if en else m.label for m in self.missing] + list(self.material_gaps)

    def notice_text(self) -> str:
        st = self.state
        lines = [self.tr("Correction notice for project %1").replace("%1", st.project_code if st else ""), "",
                 self.tr("The following is missing from the submission and must be supplied in one go:")]
        lines += [f"{i}. {m}" for i, m in enumerate(self.all_missing(), 1)]
        return "\n".join(lines)

    def _refresh(self) -> None:
        st = self.state
        if st is None:
            return
        n = len(self.all_missing())
        if not n:
            self.result.setText(self.tr("The submission is complete; the review can proceed."))
            self.notice.setPlainText("")
        else:
            self.result.setText(self.tr("%n item(s) missing.", "", n))
            self.notice.setPlainText(self.notice_text())
        self.notice_btn.setEnabled(bool(n) and not st.correction_issued and not self.busy)
        self.unsigned_btn.setEnabled(not self.busy)
        if st.correction_issued:
            self.notice_btn.setText(self.tr("Correction notice already issued (one-time)"))
        else:
            self.notice_btn.setText(self.tr("Sign and issue the one-time &correction notice"))
        open_notice = bool(n) and not st.correction_issued
        has_cert = self.has_certificate()
        self.passphrase.setVisible(open_notice)
        self.l_pass.setVisible(open_notice)
        self.setup_btn.setVisible(open_notice and not has_cert)
        self.unsigned_btn.setVisible(open_notice and not has_cert)
        doc = self.issued
        self.save_btn.setVisible(doc is not None)
        if doc is not None:
            line = self.tr("Correction notice %1 (signed by %2).").replace("%1", doc["doc_number"]) \
                .replace("%2", doc.get("signer") or "") if doc.get("signed") else \
                self.tr("Correction notice %1 — NOT signed.").replace("%1", doc["doc_number"])
            self.doc_label.setText(line)
        elif self.recorded is not None:
            data = self.recorded.get("data") or {}
            line = self.tr("Correction notice %1 issued on %2 (signed).") if data.get("signed") else \
                self.tr("Correction notice %1 issued on %2 — NOT signed.")
            self.doc_label.setText(line.replace("%1", str(data.get("doc_number", ""))).replace(
                "%2", self.recorded["on"]))
        else:
            self.doc_label.setText("")

    # -- signing the notice (the same certificate and passphrase as the 出具意见 step) --------------------------
    def has_certificate(self) -> bool:
        return certificate_ready(Settings(certificate_path=self.cert_path))

    def setup_certificate(self) -> FirstRunDialog:
        """Open the certificate part of the first-run dialog (as issue.py does); on success it signs from then on."""
        dlg = FirstRunDialog(self.ctx.usecase(), self, keys_only=True)
        dlg.accepted.connect(lambda: self._certificate_set(dlg.settings.certificate_path))
        dlg.open()
        self._setup_dialog = dlg
        return dlg

    def _certificate_set(self, path: str) -> None:
        self.cert_path = path
        self.sign_message.setStyleSheet("")
        self.sign_message.setText(self.tr("The certificate is ready; enter its passphrase to sign."))
        self._refresh()
        self.passphrase.setFocus()

    def _sign_error(self, text: str) -> None:
        self.sign_message.setStyleSheet("color:#c62828")
        self.sign_message.setText(text)

    def save_pdf(self, path: str | None = None) -> bool:
        """Save the archived notice's PDF (signed as archived) under a name the reviewer picks."""
        doc = self.issued
        if doc is None or not doc.get("pdf"):
            return False
        if path is None:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the correction notice"),
                                                  f"{doc['doc_number']}.pdf", self.tr("PDF (*.pdf)"))
            if not path:
                return False
        try:
            write_atomically(Path(path), doc["pdf"], archived=True)
        except OSError as exc:
            show_error(self, exc)
            return False
        self.sign_message.setStyleSheet("")
        self.sign_message.setText(self.tr("Saved %1.").replace("%1", path))
        return True

    def issue_correction(self, unsigned: bool = False) -> bool:
        """Sign the one-time notice with the reviewer's certificate and archive it with its 文号 and case event.

        Without a certificate nothing is issued unless the reviewer explicitly chooses the unsigned notice
        (``unsigned=True``, its own button and confirmation)."""
        st = self.state
        items = self.all_missing()
        if st is None or not items or st.correction_issued or self.busy:
            return False
        if not unsigned:
            if not self.has_certificate():
                self._sign_error(self.tr("No signing certificate is set up, so the notice cannot be signed. Create "
                                         "or import one, or issue the notice explicitly unsigned."))
                self._refresh()
                self.setup_certificate()
                return False
            if not self.passphrase.text():
                self._sign_error(self.tr("Enter the certificate's passphrase to sign."))
                self.passphrase.setFocus()
                return False
            question = self.tr("The correction notice can be issued only once. Sign and issue it now listing %n "
                               "item(s)?", "", len(items))
        else:
            question = self.tr("The notice will be archived NOT signed (no certificate). It can be issued only "
                               "once. Issue it unsigned now listing %n item(s)?", "", len(items))
        if not confirm(self, self.tr("Correction notice"), question):
            return False
        passphrase = self.passphrase.text()
        self.passphrase.clear()  # never kept in the widget
        uc, code, day, cert = self.ctx.usecase(), st.project_code, self._day(), self.cert_path
        data_items, actor, in_case = [m.label for m in self.missing], self.ctx.actor or "reviewer", self.case is not None

        def work(_p, _c) -> dict:  # noqa: ANN001 — off the UI thread, like the 出具意见 step's signing
            signer = None if unsigned else Pkcs12Signer(cert, passphrase.encode("utf-8"))
            if in_case:
                # the case's notice: checklist + report parts + data items, recorded on the timeline (one unit)
                issued = request_correction(uc, request=CorrectionRequest(code, day, signer=signer)).value
                return {"opinion_id": issued.opinion_id, "doc_number": issued.doc_number, "pdf": issued.pdf,
                        "signed": issued.signed, "signer": issued.signer}
            return ops.request_correction(uc, st, data_items, actor, signer=signer)

        self.busy = True
        self.sign_message.setStyleSheet("")
        self.sign_message.setText(self.tr("Signing and archiving…") if not unsigned else "")
        self._refresh()
        tasks.runner().submit(work, on_done=lambda doc: self._correction_issued(doc, items),
                              on_error=self._correction_failed)
        return True

    def _correction_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.sign_message.setText("")
        self._refresh()
        show_error(self, exc)

    def _correction_issued(self, doc: dict, items: list[str]) -> None:
        self.busy = False
        st = self.state
        st.correction_issued = True
        st.correction_missing = list(items)
        if self.case is not None:
            self._load_case()
        self.issued = doc
        self.sign_message.setStyleSheet("")
        self.sign_message.setText("")
        self._refresh()
        self.result.setText(self.tr("Correction notice %1 issued and archived.").replace("%1", doc["doc_number"]))
        self.changed.emit()
        if self.isVisible() and not getattr(self, "quiet", False):
            from reviewer.ui.pdf_viewer import PdfDialog

            self._doc_dialog = PdfDialog(doc["pdf"], self)
            self._doc_dialog.open()

    def save(self, state: ReviewState) -> bool:
        n = len(self.all_missing())
        if n and not state.correction_issued and not confirm(
                self, self.tr("Incomplete submission"),
                self.tr("%n item(s) are missing and no correction notice was issued. Review it anyway?", "", n)):
            return False
        try:
            ops.mark_in_review(self.ctx.archive, state, self.ctx.actor or "reviewer")
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        return True

    def retranslateUi(self) -> None:
        self.intro.setText(self.tr("Check that the submission is complete. Everything missing is listed in one "
                                   "correction notice (令第31号: one-time notification)."))
        self.data_box.setTitle(self.tr("Data items of the submission"))
        self.materials_box.setTitle(self.tr("Statutory materials (令第31号 第十二条)"))
        self.day_label.setText(self.tr("Date:"))
        self.receive_btn.setText(self.tr("Register &receipt"))
        self.accept_btn.setText(self.tr("Record &acceptance (受理)"))
        self.l_pass.setText(self.tr("Certificate passphrase:"))
        self.setup_btn.setText(self.tr("No certificate yet: create or import…"))
        self.unsigned_btn.setText(self.tr("Issue UNSIGNED (not signed)…"))
        self.save_btn.setText(self.tr("Save &PDF…"))
        self._refresh()
