"""项目概况 — the project's particulars (every field of the form's project section, editable but for the project
code; reviewer/ui/wizard/sections.py) and the review requirement."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QDate, Qt
from PySide6.QtWidgets import QCheckBox, QDateEdit, QGroupBox, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from reviewer.ui.wizard.page import ReviewContext, ReviewPage
from reviewer.ui.wizard.sections import SectionsPanel, sections_on
from reviewer.ui.wizard.state import ReviewState


class OverviewPage(ReviewPage):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("overviewPage")
        self.panel = SectionsPanel(sections_on("overview"))
        self.panel.edited.connect(self._data_edited)
        self.review_box = QGroupBox()
        rl = QVBoxLayout(self.review_box)
        self.review_text = QLabel()
        self.review_text.setWordWrap(True)
        self.review_text.setTextFormat(Qt.TextFormat.RichText)
        rl.addWidget(self.review_text)
        regime = QHBoxLayout()
        self.use_app_date = QCheckBox()
        self.use_app_date.setObjectName("useApplicationDate")
        self.regime_edit = QDateEdit()
        self.regime_edit.setObjectName("regimeDate")
        self.regime_edit.setCalendarPopup(True)
        self.regime_edit.setDisplayFormat("yyyy-MM-dd")
        self.use_app_date.toggled.connect(self._regime_toggled)
        self.regime_edit.dateChanged.connect(self._regime_changed)
        self.regime_label = QLabel()
        self.regime_label.setBuddy(self.regime_edit)
        regime.addWidget(self.regime_label)
        regime.addWidget(self.use_app_date)
        regime.addWidget(self.regime_edit)
        regime.addStretch(1)
        rl.addLayout(regime)
        inner = QWidget()
        il = QVBoxLayout(inner)
        il.addWidget(self.review_box)  # the review requirement first: it decides what the rest of the review is
        il.addWidget(self.panel)
        il.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(scroll)
        self._loading = False
        self.retranslateUi()

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("OverviewPage", "Project overview")

    def load(self, state: ReviewState) -> None:
        super().load(state)
        self._loading = True
        proj = state.data.get("project", {})
        self.panel.load(state.data)
        self._review_text()
        self.use_app_date.setChecked(not state.regime_date)
        d = QDate.fromString(state.regime_date or str(proj.get("application_date", "")), "yyyy-MM-dd")
        if d.isValid():
            self.regime_edit.setDate(d)
        self.regime_edit.setEnabled(bool(state.regime_date))
        self._loading = False

    def refresh(self) -> None:
        """After a re-assessment: the review requirement may have changed (the editors keep the reviewer's input)."""
        self._review_text()


    def _review_text(self) -> None:
        rv = self.ctx.section("review")
        t_regime, t_auth, t_unv = self.tr("Regime"), self.tr("Reviewing authority"), self.tr("Unverified parameters (未核实)")
        parts = []
        if rv:
            parts.append(f"<b>{rv.get('summary', '')}</b>")
            if rv.get("regime_name"):
                parts.append(f"{t_regime}：{rv['regime_name']}")
            if rv.get("authority_label"):
                parts.append(f"{t_auth}：{rv['authority_label']}")
            for b in rv.get("authority_basis", []) or []:
                parts.append("· " + str(b))
            unverified = rv.get("unverified") or []
            if unverified:
                parts.append(f"<span style='color:#c62828'>{t_unv}："
                             f"{'、'.join(unverified)}</span>")
        else:
            parts.append(self.tr("The rule engine has not produced a review-requirement section for this project."))
        self.review_text.setText("<br>".join(parts))

    def _regime_toggled(self, checked: bool) -> None:
        self.regime_edit.setEnabled(not checked)
        if self._loading or self.state is None:
            return
        self.state.regime_date = "" if checked else self.regime_edit.date().toString("yyyy-MM-dd")
        self.changed.emit()
        self.reassess.emit()

    def _regime_changed(self, d: QDate) -> None:
        if self._loading or self.state is None or self.use_app_date.isChecked():
            return
        self.state.regime_date = d.toString("yyyy-MM-dd")
        self.changed.emit()
        self.reassess.emit()

    def retranslateUi(self) -> None:
        self.panel.retranslateUi()
        self.review_box.setTitle(self.tr("Review requirement"))
        self.regime_label.setText(self.tr("Rules in force on:"))
        self.use_app_date.setText(self.tr("the application date"))
