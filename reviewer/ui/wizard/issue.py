"""出具意见 — render the opinion, preview it inside the app (QtPdf), sign with the passphrase, archive.

Rendering and signing are use cases (:mod:`reviewer.usecases.opinions`); this page calls them through
:mod:`reviewer.ui.opinion_adapter` off the UI thread and shows the result. Signing passes what the preview returned
(assessment id + content hash), so an import that lands between preview and signing is refused, not signed unseen.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from reviewer.settings import Settings
from reviewer.ui import opinion_adapter, tasks
from reviewer.ui.dialogs import show_error
from reviewer.ui.first_run import FirstRunDialog
from reviewer.usecases.base import Context
from reviewer.usecases.keys import certificate_ready
from reviewer.ui.pdf_viewer import PdfPreview
from reviewer.ui.wizard import ops
from reviewer.ui.wizard.page import ReviewContext, ReviewPage
from reviewer.ui.wizard.state import ReviewState


class IssuePage(ReviewPage):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("issuePage")
        self.preview = PdfPreview()
        self.preview_btn = QPushButton()
        self.preview_btn.setObjectName("previewButton")
        self.preview_btn.clicked.connect(self.render_preview)
        self.cert = QLineEdit()
        self.cert.setObjectName("certificatePath")
        self.cert.textChanged.connect(lambda _t: self._update())
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.returnPressed.connect(self.sign_and_archive)
        self.sign_btn = QPushButton()
        self.sign_btn.setObjectName("signButton")
        self.sign_btn.clicked.connect(self.sign_and_archive)
        self.status = QLabel()
        self.status.setObjectName("issueStatus")
        self.status.setWordWrap(True)
        # No certificate yet: create the office CA and one's own certificate, or import one, without the CLI.
        self.setup_btn = QPushButton(objectName="setupCertificate")
        self.setup_btn.clicked.connect(self.setup_certificate)
        # The reviewer's confirmations (reviewer/opinion/legal.py): the authority resting on an unverified parameter
        # and the unverified parameters the document relies on — recorded in the audit chain, printed nowhere.
        self.confirm_authority = QLineEdit()
        self.confirm_authority.setObjectName("confirm_authority")
        self.confirm_unverified = QLineEdit()
        self.confirm_unverified.setObjectName("confirm_unverified")
        self.l_conf_auth, self.l_conf_unv = QLabel(), QLabel()
        self.l_conf_auth.setBuddy(self.confirm_authority)
        self.l_conf_unv.setBuddy(self.confirm_unverified)
        self.l_cert, self.l_pass = QLabel(), QLabel()
        self.l_cert.setBuddy(self.cert)
        self.l_pass.setBuddy(self.passphrase)
        cert_row = QHBoxLayout()
        cert_row.addWidget(self.cert, 1)
        cert_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.l_cert, cert_row)
        form.addRow("", self.setup_btn)
        form.addRow(self.l_pass, self.passphrase)
        form.addRow(self.l_conf_auth, self.confirm_authority)
        form.addRow(self.l_conf_unv, self.confirm_unverified)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_btn)
        buttons.addWidget(self.sign_btn)
        buttons.addStretch(1)
        side = QVBoxLayout()
        side.addLayout(form)
        side.addLayout(buttons)
        side.addWidget(self.status)
        side.addStretch(1)
        lay = QHBoxLayout(self)
        lay.addLayout(side, 2)
        lay.addWidget(self.preview, 3)
        self.pdf: bytes | None = None
        self.seen: opinion_adapter.Preview | None = None  # what the reviewer previewed (signing carries it)
        self.busy = False
        self.issued: dict[str, Any] | None = None
        self.retranslateUi()

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("IssuePage", "Issue the opinion")

    def load(self, state: ReviewState) -> None:
        super().load(state)
        if not self.cert.text():
            self.cert.setText(self.ctx.settings.certificate_path)
        self._update()

    def setup_certificate(self) -> FirstRunDialog:
        """Open the certificate part of the first-run dialog; on success its certificate fills the field."""
        dlg = FirstRunDialog(self.ctx.usecase(), self,
                             keys_only=True)
        dlg.accepted.connect(lambda: self._certificate_set(dlg.settings.certificate_path))
        dlg.open()
        self._setup_dialog = dlg
        return dlg

    def _certificate_set(self, path: str) -> None:
        self.cert.setText(path)
        self.status.setText(self.tr("The certificate is ready; enter its passphrase to sign."))
        self._update()
        self.passphrase.setFocus()

    def _update(self) -> None:
        st = self.state
        done = st is not None and st.opinion_id is not None
        self.preview_btn.setEnabled(not self.busy and not done)
        self.sign_btn.setEnabled(not self.busy and not done and self.pdf is not None)
        has_cert = certificate_ready(Settings(certificate_path=self.cert.text()))
        self.setup_btn.setVisible(not done and not has_cert)
        if done:
            self.status.setText(self.tr("Issued and archived as %1.").replace("%1", st.doc_number))

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Signing certificate"), self.cert.text(),
                                              self.tr("PKCS#12 (*.p12 *.pfx)"))
        if path:
            self.cert.setText(path)

    def _prepare(self) -> None:
        st = self.state
        assert st is not None
        ops.prepare_issue(self.ctx.archive, st, self.ctx.actor, self.ctx.settings)

    def render_preview(self) -> None:
        st = self.state
        if st is None or self.busy:
            return
        try:
            self._prepare()
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        self.busy = True
        self.status.setText(self.tr("Rendering the opinion…"))
        self._update()
        snap = opinion_adapter.Request.from_state(st, self.ctx, self.cert.text(), "")
        uc = self.ctx.usecase()
        tasks.runner().submit(lambda _p, _c: opinion_adapter.preview(uc, snap),
                              on_done=self._previewed, on_error=self._failed)

    def _previewed(self, seen: opinion_adapter.Preview) -> None:
        self.busy = False
        self.seen = seen
        self.pdf = pdf = seen.pdf
        ok = self.preview.set_pdf(pdf)
        self.status.setText(self.tr("Preview of the unsigned draft (%n page(s)). Check it, then sign.", "",
                                    self.preview.page_count()) if ok else self.tr("The preview could not be shown."))
        self._update()

    def sign_and_archive(self) -> None:
        st = self.state
        if st is None or self.busy or self.pdf is None:
            return
        if not certificate_ready(Settings(certificate_path=self.cert.text())):
            self.status.setText(self.tr("No signing certificate yet: create or import one."))
            self.setup_certificate()
            return
        if not self.passphrase.text():
            self.status.setText(self.tr("Enter the certificate's passphrase to sign."))
            self.passphrase.setFocus()
            return
        self.busy = True
        self.status.setText(self.tr("Signing and archiving…"))
        self._update()
        snap = opinion_adapter.Request.from_state(st, self.ctx, self.cert.text(), self.passphrase.text(), self.seen,
                                                  confirm_authority=self.confirm_authority.text(),
                                                  confirm_unverified=self.confirm_unverified.text())
        self.passphrase.clear()
        uc = self.ctx.usecase()
        tasks.runner().submit(lambda _p, _c: opinion_adapter.issue(uc, snap),
                              on_done=self._issued, on_error=self._failed)

    def _issued(self, res: dict[str, Any]) -> None:
        self.busy = False
        st = self.state
        assert st is not None
        self.issued = res
        st.opinion_id = res.get("opinion_id")
        st.doc_number = res.get("doc_number", "")
        if res.get("pdf"):
            self.pdf = res["pdf"]
            self.preview.set_pdf(self.pdf)
        self.changed.emit()
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.status.setText("")
        self._update()
        show_error(self, exc)

    def retranslateUi(self) -> None:
        self.preview_btn.setText(self.tr("&Preview"))
        self.sign_btn.setText(self.tr("&Sign and archive"))
        self.browse.setText(self.tr("&Browse…"))
        self.l_cert.setText(self.tr("Certificate (PKCS#12):"))
        self.l_pass.setText(self.tr("Pass&phrase:"))
        self.l_conf_auth.setText(self.tr("Confirm authority (reason):"))
        self.l_conf_unv.setText(self.tr("Confirm unverified parameters (reason):"))
        self.confirm_authority.setPlaceholderText(self.tr("Needed when the competent body rests on an unverified threshold"))
        self.confirm_unverified.setPlaceholderText(self.tr("Needed when the preview lists unverified parameters"))
        self.setup_btn.setText(self.tr("No certificate yet: create or import…"))
        self._update()
