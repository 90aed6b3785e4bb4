"""结论 — 通过 / 不予通过, the conditions attached, and the binding caps written into the opinion."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (QButtonGroup, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QRadioButton, QVBoxLayout, QWidget)

from reviewer.errors import UserError
from reviewer.ui.dialogs import show_error
from reviewer.ui.wizard import ops
from reviewer.ui.wizard.page import ReviewContext, ReviewPage
from reviewer.ui.wizard.state import ReviewState

CAP_KEYS = ("equivalent_tce", "equal_value_tce", "carbon_tco2", "coal_t")


def default_caps(result: dict[str, Any]) -> dict[str, float | None]:
    e = result.get("energy", {}) or {}
    c = result.get("carbon", {}) if isinstance(result.get("carbon"), dict) else {}
    return {"equivalent_tce": e.get("equivalent_tce"), "equal_value_tce": e.get("equal_value_tce"),
            "carbon_tco2": c.get("total_tco2"), "coal_t": e.get("coal_t")}


class ConclusionPage(ReviewPage):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("conclusionPage")
        self.outcome_box = QGroupBox()
        self.approve = QRadioButton()
        self.approve.setObjectName("outcomeApproved")
        self.reject = QRadioButton()
        self.reject.setObjectName("outcomeRejected")
        self.group = QButtonGroup(self)
        self.group.addButton(self.approve)
        self.group.addButton(self.reject)
        ol = QHBoxLayout(self.outcome_box)
        ol.addWidget(self.approve)
        ol.addWidget(self.reject)
        ol.addStretch(1)
        self.cond_label = QLabel()
        self.conditions = QPlainTextEdit()
        self.conditions.setObjectName("conditionsEdit")
        self.conditions.setTabChangesFocus(True)
        self.cond_label.setBuddy(self.conditions)
        self.caps_box = QGroupBox()
        cf = QFormLayout(self.caps_box)
        self.caps: dict[str, QLineEdit] = {}
        self.cap_labels: dict[str, QLabel] = {}
        for k in CAP_KEYS:
            e = QLineEdit()
            e.setObjectName(f"cap_{k}")
            e.setReadOnly(True)  # the opinion prints the assessed figures; corrections go through the energy step
            self.caps[k] = e
            self.cap_labels[k] = QLabel()
            cf.addRow(self.cap_labels[k], e)
        self.approve.toggled.connect(lambda _c: self._sync())
        self.reject.toggled.connect(lambda _c: self._sync())
        self.conditions.textChanged.connect(self._sync)
        lay = QVBoxLayout(self)
        lay.addWidget(self.outcome_box)
        lay.addWidget(self.cond_label)
        lay.addWidget(self.conditions, 1)
        self.caps_note = QLabel()
        self.caps_note.setWordWrap(True)
        cf.addRow(self.caps_note)
        lay.addWidget(self.caps_box)
        self._loading = False
        self.retranslateUi()

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("ConclusionPage", "Conclusion")

    def load(self, state: ReviewState) -> None:
        super().load(state)
        self._loading = True
        self.approve.setChecked(state.outcome == "approved")
        self.reject.setChecked(state.outcome == "rejected")
        if not state.outcome:
            self.group.setExclusive(False)
            self.approve.setChecked(False)
            self.reject.setChecked(False)
            self.group.setExclusive(True)
        self.conditions.setPlainText("\n".join(state.conditions))
        caps = default_caps(self.ctx.result)
        state.caps = dict(caps)
        for k, e in self.caps.items():
            v = caps.get(k)
            e.setText("" if v is None else f"{float(v):.2f}")
        self._loading = False

    def _sync(self) -> None:
        if self._loading or self.state is None:
            return
        st = self.state
        st.outcome = "approved" if self.approve.isChecked() else "rejected" if self.reject.isChecked() else ""
        st.conditions = [ln.strip() for ln in self.conditions.toPlainText().splitlines() if ln.strip()]
        st.caps = default_caps(self.ctx.result)
        self.changed.emit()

    def save(self, state: ReviewState) -> bool:
        self._sync()
        if not state.outcome:
            show_error(self, UserError("请选择审查结论：通过或不予通过。", "Choose the outcome: approve or reject."))
            return False
        if state.outcome == "rejected" and not state.conditions:
            show_error(self, UserError("不予通过须写明理由（每行一条）。", "A rejection needs its reasons (one per line)."))
            return False
        if state.outcome == "approved" and state.caps.get("equivalent_tce") is None:
            show_error(self, UserError("通过的审查意见须核定年综合能源消费量（当量值）上限。",
                                       "An approval needs the binding cap on annual energy (calorific value)."))
            return False
        try:
            ops.audit_conditions(self.ctx.usecase(), state)  # who, when and the text: an audit event per change
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.changed.emit()
        return True

    def retranslateUi(self) -> None:
        self.outcome_box.setTitle(self.tr("Outcome"))
        self.approve.setText(self.tr("&Approve (通过)"))
        self.reject.setText(self.tr("Re&ject (不予通过)"))
        self.cond_label.setText(self.tr("&Conditions (approval) or reasons (rejection), one per line:"))
        self.caps_box.setTitle(self.tr("Binding caps written into the opinion"))
        self.caps_note.setText(self.tr("The caps are the assessed figures. To change them, correct the energy "
                                       "consumption step; the corrected submission is archived as a new version."))
        for k, t in zip(CAP_KEYS, (self.tr("Annual energy, calorific value (tce)"),
                                   self.tr("Annual energy, equivalent value (tce)"),
                                   self.tr("Carbon emissions (tCO₂)"), self.tr("Coal consumption (t)"))):
            self.cap_labels[k].setText(t)
