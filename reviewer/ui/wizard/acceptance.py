"""受理 — completeness check; anything missing goes into the one-time 补正通知."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QLabel, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from reviewer.submission.parse import logic_problems
from reviewer.ui.dialogs import confirm, show_error
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
        self.result = QLabel()
        self.result.setObjectName("completenessResult")
        self.result.setWordWrap(True)
        self.notice = QPlainTextEdit()
        self.notice.setObjectName("correctionNotice")
        self.notice.setReadOnly(True)
        self.notice_btn = QPushButton()
        self.notice_btn.setObjectName("issueCorrectionButton")
        self.notice_btn.clicked.connect(self.issue_correction)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addWidget(self.checklist, 2)
        lay.addWidget(self.result)
        lay.addWidget(self.notice, 1)
        lay.addWidget(self.notice_btn)
        self.missing: list[ops.MissingItem] = []
        self.retranslateUi()

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("AcceptancePage", "Acceptance")

    def load(self, state: ReviewState) -> None:
        super().load(state)
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
        state.completeness_ok = not self.missing
        self._refresh()

    def notice_text(self) -> str:
        st = self.state
        lines = [self.tr("Correction notice for project %1").replace("%1", st.project_code if st else ""), "",
                 self.tr("The following is missing from the submission and must be supplied in one go:")]
        en = is_en()
        lines += [f"{i}. {m.label_en if en else m.label}" for i, m in enumerate(self.missing, 1)]
        return "\n".join(lines)

    def _refresh(self) -> None:
        st = self.state
        if st is None:
            return
        if not self.missing:
            self.result.setText(self.tr("The submission is complete; the review can proceed."))
            self.notice.setPlainText("")
        else:
            self.result.setText(self.tr("%n item(s) missing.", "", len(self.missing)))
            self.notice.setPlainText(self.notice_text())
        self.notice_btn.setEnabled(bool(self.missing) and not st.correction_issued)
        if st.correction_issued:
            self.notice_btn.setText(self.tr("Correction notice already issued (one-time)"))
        else:
            self.notice_btn.setText(self.tr("Issue the one-time &correction notice"))

    def issue_correction(self) -> None:
        st = self.state
        if st is None or not self.missing:
            return
        if not confirm(self, self.tr("Correction notice"),
                       self.tr("The correction notice can be issued only once. Issue it now listing %n item(s)?", "",
                               len(self.missing))):
            return
        try:
            doc = ops.request_correction(self.ctx.usecase(), st, [m.label for m in self.missing],
                                         self.ctx.actor or "reviewer")
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            self._refresh()
            return
        self.issued = doc
        self._refresh()
        self.result.setText(self.tr("Correction notice %1 issued and archived.").replace("%1", doc["doc_number"]))
        self.changed.emit()
        if self.isVisible() and not getattr(self, "quiet", False):
            from reviewer.ui.pdf_viewer import PdfDialog

            self._doc_dialog = PdfDialog(doc["pdf"], self)
            self._doc_dialog.open()

    def save(self, state: ReviewState) -> bool:
        if self.missing and not state.correction_issued and not confirm(
                self, self.tr("Incomplete submission"),
                self.tr("%n item(s) are missing and no correction notice was issued. Review it anyway?", "",
                        len(self.missing))):
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
        self._refresh()
