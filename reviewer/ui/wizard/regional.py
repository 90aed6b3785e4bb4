"""区域影响 — the project's share of the district's annual energy and carbon budgets, and intensity effect."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from reviewer.ui.widgets import Bar, BarChart, FigureButton, fmt
from reviewer.ui.wizard.page import ReviewContext, ReviewPage
from reviewer.ui.wizard.state import ReviewState


class RegionalPage(ReviewPage):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("regionalPage")
        self.energy_share = FigureButton("regional.energy_share_percent")
        self.energy_share.setObjectName("energyShare")
        self.carbon_share = FigureButton("regional.carbon_share_percent")
        self.energy_budget, self.carbon_budget, self.intensity, self.source = QLabel(), QLabel(), QLabel(), QLabel()
        self.intensity.setWordWrap(True)
        self.l = [QLabel() for _ in range(6)]
        form = QFormLayout()
        for lbl, w in zip(self.l, (self.energy_budget, self.energy_share, self.carbon_budget, self.carbon_share,
                                   self.intensity, self.source)):
            form.addRow(lbl, w)
        for b in (self.energy_share, self.carbon_share):
            b.explain.connect(self.explain_key)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.chart = BarChart()
        self.chart.setObjectName("regionalChart")
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addLayout(form)
        lay.addWidget(self.chart, 1)
        self.retranslateUi()

    default_trace = "regional.energy_share_percent"

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("RegionalPage", "Regional impact")

    def load(self, state: ReviewState) -> None:
        super().load(state)
        r = self.ctx.section("regional")
        if not r:
            self.summary.setText(self.tr("The rule engine has not produced a regional section (district budgets) for "
                                         "this submission."))
            self.chart.set_data([])
            for w in (self.energy_budget, self.carbon_budget, self.intensity, self.source):
                w.setText("—")
            for b in (self.energy_share, self.carbon_share):
                b.set_value("—", "")
            return
        self.summary.setText(str(r.get("summary", "")))
        year = r.get("year", "")
        self.energy_budget.setText(f"{fmt(r.get('energy_budget_tce'))} tce（{year}）")
        self.carbon_budget.setText(f"{fmt(r.get('carbon_budget_tco2'))} tCO₂（{year}）")
        self.energy_share.set_value(f"{fmt(r.get('energy_share_percent'), 3)} %", "regional.energy_share_percent")
        self.carbon_share.set_value(f"{fmt(r.get('carbon_share_percent'), 3)} %", "regional.carbon_share_percent")
        it = r.get("intensity") or {}
        self.intensity.setText(
            self.tr("district %1 → %2 tce/万元 (%3 %)").replace("%1", fmt(it.get("district_tce_per_wan"), 4))
            .replace("%2", fmt(it.get("district_after_tce_per_wan"), 4)).replace("%3", fmt(it.get("change_percent"), 3))
            if it and it.get("district_tce_per_wan") is not None else "—")
        self.source.setText(self.tr("district ledger") if r.get("budget_source") == "ledger"
                            else self.tr("rule parameters"))
        bars = []
        for label, v, color in ((self.tr("Energy budget used by this project"), r.get("energy_share_percent"), "#3b78c3"),
                                (self.tr("Carbon budget used by this project"), r.get("carbon_share_percent"), "#c94f4f")):
            if v is not None:
                bars.append(Bar(label, float(v), color))
        self.chart.set_data(bars, "%", self.tr("Share of the district's annual budget"))

    def retranslateUi(self) -> None:
        for lbl, t in zip(self.l, (self.tr("District energy budget"), self.tr("Share of energy budget"),
                                   self.tr("District carbon budget"), self.tr("Share of carbon budget"),
                                   self.tr("Energy intensity"), self.tr("Budget figures from"))):
            lbl.setText(t)
