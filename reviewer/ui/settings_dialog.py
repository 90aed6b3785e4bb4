"""Settings dialog generated from :meth:`reviewer.settings.Settings.declared` (typed fields with zh/en labels).

``load()`` fills the widgets from the settings file, ``save()`` validates and writes it, ``restore_defaults()``
puts the declared defaults back. Choosing another language applies it live (every window retranslates).
District budgets are edited in the ledger's dashboard, not here.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
                               QLineEdit, QPushButton, QWidget)

from reviewer.errors import UserError
from reviewer.settings import Settings
from reviewer.ui.dialogs import show_error
from reviewer.ui.first_run import KeysDialog
from reviewer.usecases.base import Context
from reviewer.usecases.keys import OFFICE_LEVELS
from reviewer.ui.appstate import current_language, set_language

PATH_FIELDS = {"certificate_path": "file", "user_template_dir": "dir"}
LANG_NAMES = {"zh_CN": "中文（简体）", "en": "English"}


class SettingsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.meta = dict(Settings.declared())
        form = QFormLayout()
        for name, meta in Settings.declared():
            if name == "language":
                w: QWidget = QComboBox()
                for code in meta.get("choices", ("zh_CN", "en")):
                    w.addItem(LANG_NAMES.get(code, code), code)
            elif name == "office_level":
                w = QComboBox()
                for code, (zh, en) in OFFICE_LEVELS.items():
                    w.addItem(f"{zh} / {en}", code)
            elif name == "default_factor_basis":
                w = QComboBox()
                w.setEditable(False)
            else:
                w = QLineEdit()
            w.setObjectName(f"setting_{name}")
            self.editors[name] = w
            lbl = QLabel()
            lbl.setBuddy(w)
            self.labels[name] = lbl
            if name in PATH_FIELDS:
                row = QHBoxLayout()
                row.addWidget(w, 1)
                b = QPushButton("…")
                b.setObjectName(f"browse_{name}")
                b.clicked.connect(lambda _c=False, n=name: self._browse(n))
                row.addWidget(b)
                form.addRow(lbl, row)
            else:
                form.addRow(lbl, w)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.keys_btn = QPushButton(objectName="manageKeys")
        self.keys_btn.clicked.connect(self.open_keys)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
                                        | QDialogButtonBox.StandardButton.RestoreDefaults)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults).clicked.connect(self.restore_defaults)
        from PySide6.QtWidgets import QVBoxLayout

        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.keys_btn)
        lay.addWidget(self.note)
        lay.addWidget(self.buttons)
        self._fill_bases()
        self.retranslateUi()
        self.settings = Settings()
        try:
            self.load()
        except UserError as exc:
            show_error(self, exc)
        self.resize(720, self.sizeHint().height())

    def _fill_bases(self) -> None:
        from reviewer.ui.wizard.ops import carbon_bases

        box = self.editors["default_factor_basis"]
        assert isinstance(box, QComboBox)
        box.addItem("", "")
        for code, body in carbon_bases().get("electricity_bases", {}).items():
            box.addItem(body.get("label", code), code)

    # -- life-cycle -----------------------------------------------------------------------------------------
    def load(self) -> None:
        self.settings = Settings.load()
        self._show(self.settings)

    def _show(self, s: Settings) -> None:
        for name, w in self.editors.items():
            v = getattr(s, name)
            if isinstance(w, QComboBox):
                i = w.findData(v)
                w.setCurrentIndex(max(0, i))
            else:
                w.setText(str(v))

    def values(self) -> dict[str, Any]:
        out = {}
        for name, w in self.editors.items():
            out[name] = (w.currentData() or "") if isinstance(w, QComboBox) else w.text().strip()
        return out

    def validate(self, v: dict[str, Any]) -> None:
        pattern = v.get("doc_number_pattern", "")
        if "{n}" not in pattern:
            raise UserError("文号格式必须包含序号 {n}。", "The document-number pattern must contain {n}.")
        try:
            pattern.format(prefix="X", year=2026, n=1)
        except (KeyError, IndexError, ValueError):
            raise UserError("文号格式只能使用 {prefix} {year} {n}。",
                            "The document-number pattern may only use {prefix} {year} {n}.") from None
        if v.get("regime_date"):
            from datetime import date

            try:
                date.fromisoformat(v["regime_date"])
            except ValueError:
                raise UserError("规则适用日期应为 YYYY-MM-DD 格式或留空。", "Regime date must be YYYY-MM-DD or blank.") from None
        if v.get("database_url"):
            from sqlalchemy.engine import make_url
            from sqlalchemy.exc import ArgumentError

            try:
                make_url(v["database_url"])
            except ArgumentError:
                raise UserError("档案库地址不是有效的数据库地址。", "The archive URL is not a valid database URL.") from None

    def save(self) -> bool:
        v = self.values()
        try:
            self.validate(v)
        except UserError as exc:
            show_error(self, exc)
            return False
        old_lang = self.settings.language
        for k, val in v.items():
            setattr(self.settings, k, val)
        try:
            self.settings.save()
        except OSError as exc:
            show_error(self, UserError(f"无法保存设置：{exc.strerror}", f"Cannot save settings: {exc.strerror}"))
            return False
        if self.settings.language != old_lang:
            set_language(self.settings.language)
        return True

    def restore_defaults(self) -> None:
        defaults = Settings()
        self._show(defaults)

    def open_keys(self) -> None:
        """Keys management (list, issue, import, revoke); the certificate chosen there fills the field."""
        dlg = KeysDialog(Context(archive=getattr(self.parent(), "archive", None), settings=self.settings), self)
        dlg.finished.connect(lambda _r: self._key_chosen(dlg.settings.certificate_path))
        dlg.open()
        self._keys_dialog = dlg

    def _key_chosen(self, path: str) -> None:
        w = self.editors["certificate_path"]
        assert isinstance(w, QLineEdit)
        w.setText(path)

    def _accept(self) -> None:
        if self.save():
            self.accept()

    def _browse(self, name: str) -> None:
        w = self.editors[name]
        assert isinstance(w, QLineEdit)
        if PATH_FIELDS[name] == "dir":
            path = QFileDialog.getExistingDirectory(self, self.labels[name].text(), w.text())
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.labels[name].text(), w.text(),
                                                  self.tr("PKCS#12 (*.p12 *.pfx)"))
        if path:
            w.setText(path)

    def retranslateUi(self) -> None:
        en = current_language() == "en"
        self.setWindowTitle(self.tr("Settings"))
        self.keys_btn.setText(self.tr("Manage signing certificates…"))
        for name, lbl in self.labels.items():
            m = self.meta[name]
            lbl.setText((m["label_en"] if en else m["label"]) + ("" if en else "："))
            w = self.editors[name]
            if m.get("help"):
                w.setToolTip(m["help"])
                if isinstance(w, QLineEdit):
                    w.setPlaceholderText(m["help"])
        self.note.setText(self.tr("District energy and carbon budgets are edited on the District ledger page. "
                                  "A changed archive location applies the next time the workbench starts."))

    def changeEvent(self, ev: QEvent) -> None:
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(ev)
