"""首次使用 — the first-run dialog: the office identity and the reviewer's signing certificate.

Shown by the main window when :func:`reviewer.usecases.keys.needs_first_run` says no reviewer name or no signing
certificate is configured, and (keys part only) by the 出具意见 step when signing finds no certificate. Everything it
changes goes through :mod:`reviewer.usecases.keys`; passphrases stay in the line edits until used and are cleared
afterwards, never stored. Text is bilingual through :func:`reviewer.ui.bilingual.t` (own zh/en pairs, like the
ledger dashboard), so this module adds nothing to the ``.ts`` files.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QGroupBox, QHBoxLayout, QLabel, QLineEdit, QProgressBar, QPushButton, QRadioButton,
                               QVBoxLayout, QWidget)

from reviewer.settings import Settings
from reviewer.signing import identities
from reviewer.ui.bilingual import t
from reviewer.ui.dialogs import show_error
from reviewer.usecases import keys as uc
from reviewer.usecases.base import Context


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
        form.addRow(t("口令：", "Passphrase:"), self.first)
        form.addRow(t("再次输入：", "Repeat:"), self.second)
        row = QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.word)
        form.addRow(t("强度：", "Strength:"), row)
        self._update()

    def _update(self) -> None:
        score, zh, en = uc.passphrase_strength(self.first.text())
        self.bar.setValue(score)
        text = t(zh, en)
        if self.second.text() and self.second.text() != self.first.text():
            text += t("；两次输入不一致", "; the two entries differ")
        self.word.setText(text)

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()


class KeysSection(QGroupBox):
    """Create the office CA and the reviewer's certificate, or import an existing PKCS#12."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(t("签名证书", "Signing certificate"), parent)
        self.create = QRadioButton(t("新建本机证书颁发机构和我的签名证书", "Create the office CA and my certificate"),
                                   objectName="createIdentity")
        self.import_ = QRadioButton(t("导入已有的 PKCS#12 证书文件", "Import an existing PKCS#12 file"),
                                    objectName="importIdentity")
        group = QButtonGroup(self)
        group.addButton(self.create)
        group.addButton(self.import_)
        self.create.setChecked(True)
        self.has_ca = (identities.keys_dir() / identities.AUTHORITY_P12).exists()
        self.ca_pass = QLineEdit(objectName="caPassphrase")
        self.ca_pass.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_label = QLabel(t("本机CA口令：", "Office CA passphrase:"))
        self.passphrase = PassphraseFields()
        self.file = QLineEdit(objectName="importFile")
        browse = QPushButton(t("浏览…", "Browse…"))
        browse.clicked.connect(self._browse)
        self.import_pass = QLineEdit(objectName="importPassphrase")
        self.import_pass.setEchoMode(QLineEdit.EchoMode.Password)
        note = QLabel(t("口令不会保存；签名时需再次输入。遗失口令无法找回，只能重新签发证书。" +
                        ("（本机已有CA：请输入其口令以签发新证书。）" if self.has_ca else
                         "（新建的CA与证书使用同一口令。）"),
                        "The passphrase is never stored; you enter it when signing. A lost passphrase cannot be "
                        "recovered, only a new certificate issued." +
                        (" (An office CA exists: enter its passphrase.)" if self.has_ca else
                         " (The new CA and certificate share this passphrase.)")))
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
        imf.addRow(t("证书文件：", "File:"), row)
        imf.addRow(t("证书口令：", "Passphrase:"), self.import_pass)
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
        path, _ = QFileDialog.getOpenFileName(self, t("选择证书", "Choose a certificate"), self.file.text(),
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
        self.setWindowTitle(t("签名证书", "Signing certificate") if keys_only else t("首次使用设置", "First run"))
        s = ctx.settings
        self.commission = QLineEdit(s.commission_name, objectName="commissionName")
        self.level = QComboBox(objectName="officeLevel")
        for code, (zh, en) in uc.OFFICE_LEVELS.items():
            self.level.addItem(t(zh, en), code)
        self.level.setCurrentIndex(max(0, self.level.findData(s.office_level)))
        self.prefix = QLineEdit(s.doc_number_prefix, objectName="docNumberPrefix")
        self.pattern = QLineEdit(s.doc_number_pattern, objectName="docNumberPattern")
        self.pattern.setToolTip(t("可用 {prefix} {year} {n}；例：松发改能审〔2026〕12号", "Use {prefix} {year} {n}"))
        self.tz = QComboBox(objectName="timeZone")
        self.tz.setEditable(True)
        self.tz.addItems(["Asia/Shanghai", "Asia/Hong_Kong", "Asia/Urumqi", "UTC"])
        self.tz.setCurrentText(s.time_zone)
        self.name = QLineEdit(s.reviewer_name, objectName="reviewerName")
        office = QGroupBox(t("审查机关", "Office"))
        form = QFormLayout(office)
        form.addRow(t("发文机关全称：", "Issuing authority:"), self.commission)
        form.addRow(t("机关层级：", "Office level:"), self.level)
        form.addRow(t("文号机关代字：", "Number prefix:"), self.prefix)
        form.addRow(t("文号格式：", "Number pattern:"), self.pattern)
        form.addRow(t("时区：", "Time zone:"), self.tz)
        form.addRow(t("审查人员姓名：", "Reviewer name:"), self.name)
        self.keys = KeysSection()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(t("完成", "Done"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(t("稍后", "Later"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        intro = QLabel(t("欢迎使用节能审查工作台。请填写审查机关信息并准备签名证书，之后即可在工作台内出具并签署审查意见。",
                         "Welcome. Set the office and a signing certificate; then opinions can be signed in the app."))
        intro.setWordWrap(True)
        if not keys_only:
            lay.addWidget(intro)
            lay.addWidget(office)
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
