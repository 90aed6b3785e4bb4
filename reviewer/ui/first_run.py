"""首次使用 — the first-run dialog: the office identity and the reviewer's signing certificate.

Shown by the main window when :func:`reviewer.usecases.keys.needs_first_run` says no reviewer name or no signing
certificate is configured, and (keys part only) by the 出具意见 step when signing finds no certificate. Everything it
changes goes through :mod:`reviewer.usecases.keys`; passphrases stay in the line edits until used and are cleared
afterwards, never stored. Text goes through Qt's translator and the ``.ts`` files (``self.tr``), like every widget.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from reviewer.settings import Settings
from reviewer.signing import identities
from reviewer.ui.dialogs import show_error
from reviewer.usecases import keys as uc
from reviewer.usecases.base import Context


# Words of uc.passphrase_strength's score 0–4 and of uc.OFFICE_LEVELS, translated through the .ts files.
STRENGTH_WORDS = (QT_TRANSLATE_NOOP("PassphraseFields", "too short (8+ characters)"),
                  QT_TRANSLATE_NOOP("PassphraseFields", "weak"), QT_TRANSLATE_NOOP("PassphraseFields", "fair"),
                  QT_TRANSLATE_NOOP("PassphraseFields", "good"), QT_TRANSLATE_NOOP("PassphraseFields", "strong"))
OFFICE_LEVEL_WORDS = {"district": QT_TRANSLATE_NOOP("FirstRunDialog", "district"),
                      "municipal": QT_TRANSLATE_NOOP("FirstRunDialog", "municipal"),
                      "provincial": QT_TRANSLATE_NOOP("FirstRunDialog", "provincial"),
                      "national": QT_TRANSLATE_NOOP("FirstRunDialog", "national")}

class PassphraseFields(QWidget):
    """Passphrase entered twice with its strength shown as a bar and a word."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.first = QLineEdit(objectName="newPassphrase")
        self.second = QLineEdit(objectName="repeatPassphrase")
        for e in (self.first, self.second):
            e.setEchoMode(QLineEdit.EchoMode.Password)
            e.textChanged.connect(self._update)
        self.bar = QProgressBar(objectName="passphraseStrength")
        self.bar.setRange(0, 4)
        self.bar.setTextVisible(False)
        self.bar.setMaximumHeight(8)
        self.word = QLabel(objectName="passphraseStrengthLabel")
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("Passphrase:"), self.first)
        form.addRow(self.tr("Repeat:"), self.second)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.word)
        form.addRow(self.tr("Strength:"), row)
        self._update()

    def _update(self) -> None:
        score, _zh, _en = uc.passphrase_strength(self.first.text())
        self.bar.setValue(score)
        text = QCoreApplication.translate("PassphraseFields", STRENGTH_WORDS[score])
        if self.second.text() and self.second.text() != self.first.text():
            text += self.tr("; the two entries differ")
        self.word.setText(text)

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()


class KeysSection(QGroupBox):
    """Create the office CA and the reviewer's certificate, or import an existing PKCS#12."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Signing certificate"), parent)
        self.create = QRadioButton(self.tr("Create the office CA and my certificate"),
                                   objectName="createIdentity")
        self.import_ = QRadioButton(self.tr("Import an existing PKCS#12 file"),
                                    objectName="importIdentity")
        group = QButtonGroup(self)
        group.addButton(self.create)
        group.addButton(self.import_)
        self.create.setChecked(True)
        self.has_ca = (identities.keys_dir() / identities.AUTHORITY_P12).exists()
        self.ca_pass = QLineEdit(objectName="caPassphrase")
        self.ca_pass.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_label = QLabel(self.tr("Office CA passphrase:"))
        self.passphrase = PassphraseFields()
        self.file = QLineEdit(objectName="importFile")
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        self.import_pass = QLineEdit(objectName="importPassphrase")
        self.import_pass.setEchoMode(QLineEdit.EchoMode.Password)
        note = QLabel(self.tr("The passphrase is never stored; you enter it when signing. A lost passphrase cannot be "
                              "recovered, only a new certificate issued.") +
                      (self.tr(" (An office CA exists: enter its passphrase.)") if self.has_ca else
                       self.tr(" (The new CA and certificate share this passphrase.)")))
        note.setWordWrap(True)
        self.create_box = QWidget()
        cf = QFormLayout(self.create_box)
        cf.setContentsMargins(18, 0, 0, 0)
        if self.has_ca:
            cf.addRow(self.ca_label, self.ca_pass)
        cf.addRow(self.passphrase)
        self.import_box = QWidget()
        imf = QFormLayout(self.import_box)
        imf.setContentsMargins(18, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(browse)
        imf.addRow(self.tr("File:"), row)
        imf.addRow(self.tr("Passphrase:"), self.import_pass)
        lay = QVBoxLayout(self)
        lay.addWidget(self.create)
        lay.addWidget(self.create_box)
        lay.addWidget(self.import_)
        lay.addWidget(self.import_box)
        lay.addWidget(note)
        self.create.toggled.connect(self._mode)
        self._mode()

    def _mode(self) -> None:
        self.create_box.setEnabled(self.create.isChecked())
        self.import_box.setEnabled(not self.create.isChecked())

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a certificate"), self.file.text(),
                                              "PKCS#12 (*.p12 *.pfx)")
        if path:
            self.file.setText(path)

    def apply(self, ctx: Context, reviewer_name: str) -> Settings:
        try:
            if self.create.isChecked():
                res = uc.create_identity(ctx, request=uc.CreateIdentityRequest(
                    reviewer_name=reviewer_name, passphrase=self.passphrase.first.text(),
                    repeat=self.passphrase.second.text(), ca_passphrase=self.ca_pass.text()))
            else:
                res = uc.import_identity(ctx, request=uc.ImportIdentityRequest(
                    file=Path(self.file.text()), passphrase=self.import_pass.text()))
        finally:
            self.passphrase.clear()
            self.ca_pass.clear()
            self.import_pass.clear()
        return res.value


class FirstRunDialog(QDialog):
    """Office identity and signing certificate; ``keys_only`` shows just the certificate part (出具意见 step)."""

    def __init__(self, ctx: Context, parent: QWidget | None = None, *, keys_only: bool = False):
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.ctx = ctx
        self.settings: Settings = ctx.settings
        self.keys_only = keys_only
        self.setWindowTitle(self.tr("Signing certificate") if keys_only else self.tr("First run"))
        s = ctx.settings
        self.commission = QLineEdit(s.commission_name, objectName="commissionName")
        self.level = QComboBox(objectName="officeLevel")
        for code in uc.OFFICE_LEVELS:
            self.level.addItem(QCoreApplication.translate("FirstRunDialog", OFFICE_LEVEL_WORDS[code]), code)
        self.level.setCurrentIndex(max(0, self.level.findData(s.office_level)))
        self.prefix = QLineEdit(s.doc_number_prefix, objectName="docNumberPrefix")
        self.pattern = QLineEdit(s.doc_number_pattern, objectName="docNumberPattern")
        self.pattern.setToolTip(self.tr("Use {prefix} {year} {n}"))
        self.tz = QComboBox(objectName="timeZone")
        self.tz.setEditable(True)
        self.tz.addItems(["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Urumqi", "UTC"])
        self.tz.setCurrentText(s.time_zone)
        self.name = QLineEdit(s.reviewer_name, objectName="reviewerName")
        self.office = office = QGroupBox(self.tr("Office"))
        form = QFormLayout(office)
        form.addRow(self.tr("Issuing authority:"), self.commission)
        form.addRow(self.tr("Office level:"), self.level)
        form.addRow(self.tr("Number prefix:"), self.prefix)
        form.addRow(self.tr("Number pattern:"), self.pattern)
        form.addRow(self.tr("Time zone:"), self.tz)
        form.addRow(self.tr("Reviewer name:"), self.name)
        self.keys = KeysSection()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Done"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Later"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Welcome. Set the office and a signing certificate; then opinions can be signed in the app."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        lay.addWidget(office)
        intro.setVisible(not keys_only)
        office.setVisible(not keys_only)
        lay.addWidget(self.keys)
        lay.addWidget(buttons)
        self.resize(560, 0)

    def apply(self) -> Settings:
        """Save the office (unless keys only) and create or import the certificate; raises UserError on bad input."""
        ctx = self.ctx
        name = self.name.text()
        if not self.keys_only:
            res = uc.set_office(ctx, request=uc.OfficeRequest(
                commission_name=self.commission.text(), office_level=self.level.currentData(),
                doc_number_prefix=self.prefix.text(), doc_number_pattern=self.pattern.text(),
                time_zone=self.tz.currentText().strip(), reviewer_name=name))
            ctx = Context(archive=ctx.archive, settings=res.value, actor=ctx.actor, clock=ctx.clock)
            self.ctx = ctx
        self.settings = self.keys.apply(ctx, name or ctx.settings.reviewer_name or ctx.actor)
        return self.settings

    def accept(self) -> None:
        try:
            self.apply()
        except Exception as exc:  # noqa: BLE001 — shown as a message; the dialog stays open to correct it
            show_error(self, exc)
            return
        super().accept()


class KeysDialog(QDialog):
    """签名证书管理 — list, issue, import, revoke (settings dialog and 文件 menu)."""

    COLUMNS = (QT_TRANSLATE_NOOP("KeysDialog", "File"), QT_TRANSLATE_NOOP("KeysDialog", "Subject"),
               QT_TRANSLATE_NOOP("KeysDialog", "Valid until"), QT_TRANSLATE_NOOP("KeysDialog", "Issuer"),
               QT_TRANSLATE_NOOP("KeysDialog", "In use"))

    def __init__(self, ctx: Context, parent: QWidget | None = None):
        from PySide6.QtWidgets import QAbstractItemView, QTableWidget

        super().__init__(parent)
        self.setObjectName("keysDialog")
        self.ctx = ctx
        self.settings = ctx.settings
        self.setWindowTitle(self.tr("Signing certificates"))
        self.table = QTableWidget(0, len(self.COLUMNS), objectName="keysTable")
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate("KeysDialog", en) for en in self.COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        row = QHBoxLayout()
        for text, slot, name in ((self.tr("Issue…"), self._ask_issue, "issueKey"),
                                 (self.tr("Import…"), self._ask_import, "importKey"),
                                 (self.tr("Use for signing"), self._use_selected, "useKey"),
                                 (self.tr("Revoke…"), self._ask_revoke, "revokeKey")):
            b = QPushButton(text, objectName=name)
            b.clicked.connect(slot)
            row.addWidget(b)
        row.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.table)
        lay.addLayout(row)
        lay.addWidget(close)
        self.resize(820, 360)
        self.refresh()

    def _ctx(self) -> Context:
        return Context(archive=self.ctx.archive, settings=self.settings, actor=self.ctx.actor, clock=self.ctx.clock)

    def refresh(self) -> None:
        from PySide6.QtWidgets import QTableWidgetItem

        rows = uc.list_keys(self._ctx()).value
        self.rows = rows
        self.table.setRowCount(len(rows))
        current = Path(self.settings.certificate_path).name if self.settings.certificate_path else ""
        for i, k in enumerate(rows):
            cells = (k.file, k.subject, k.not_after, self.tr("office CA") if k.local_ca else self.tr("external"),
                     self.tr("yes") if k.file == current else "")
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if j == 1:
                    item.setToolTip(self.tr("SHA-256 fingerprint: ") + k.fingerprint)
                self.table.setItem(i, j, item)
        self.table.resizeColumnsToContents()

    def _selected(self) -> str | None:
        r = self.table.currentRow()
        return self.rows[r].file if 0 <= r < len(self.rows) else None

    # -- actions (callable from tests without the prompts) ---------------------------------------------------------
    def issue(self, name: str, ca_passphrase: str, passphrase: str, repeat: str) -> Path:
        path = uc.issue_certificate(self._ctx(), request=uc.IssueRequest(
            name=name, ca_passphrase=ca_passphrase, passphrase=passphrase, repeat=repeat)).value
        self.refresh()
        return path

    def import_file(self, file: str, passphrase: str) -> None:
        self.settings = uc.import_identity(self._ctx(), request=uc.ImportIdentityRequest(
            file=Path(file), passphrase=passphrase)).value
        self.refresh()

    def use(self, file: str) -> None:
        import dataclasses

        s = dataclasses.replace(self.settings, certificate_path=str(identities.keys_dir() / file))
        s.extra = dict(self.settings.extra)
        s.save()
        self.settings = s
        self.refresh()

    def revoke(self, file: str, reason: str) -> None:
        self.settings = uc.revoke_certificate(self._ctx(), request=uc.RevokeRequest(file=file, reason=reason)).value
        self.refresh()

    # -- prompts -------------------------------------------------------------------------------------------------------
    def _ask_issue(self) -> None:
        dlg = QDialog(self)
        dlg.setWindowTitle(self.tr("Issue a certificate"))
        name = QLineEdit()
        ca = QLineEdit()
        ca.setEchoMode(QLineEdit.EchoMode.Password)
        pw = PassphraseFields()
        form = QFormLayout(dlg)
        form.addRow(self.tr("Reviewer name:"), name)
        form.addRow(self.tr("Office CA passphrase:"), ca)
        form.addRow(pw)
        bb = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        bb.accepted.connect(dlg.accept)
        bb.rejected.connect(dlg.reject)
        form.addRow(bb)
        if dlg.exec() == QDialog.DialogCode.Accepted:
            try:
                self.issue(name.text(), ca.text(), pw.first.text(), pw.second.text())
            except Exception as exc:  # noqa: BLE001
                show_error(self, exc)
        pw.clear()
        ca.clear()

    def _ask_import(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a certificate"), "", "PKCS#12 (*.p12 *.pfx)")
        if not path:
            return
        pw, ok = QInputDialog.getText(self, self.tr("Passphrase"), self.tr("Passphrase:"),
                                      QLineEdit.EchoMode.Password)
        if ok:
            try:
                self.import_file(path, pw)
            except Exception as exc:  # noqa: BLE001
                show_error(self, exc)

    def _use_selected(self) -> None:
        f = self._selected()
        if f:
            self.use(f)

    def _ask_revoke(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        f = self._selected()
        if not f:
            return
        reason, ok = QInputDialog.getText(self, self.tr("Revoke"),
                                          self.tr("Reason to revoke %1 (signed documents still verify):").replace("%1", f))
        if ok:
            try:
                self.revoke(f, reason)
            except Exception as exc:  # noqa: BLE001
                show_error(self, exc)
