"""碳排放 — boundary and factor choices, emissions by source (table and chart), electricity-factor sensitivity."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QTableView,
                               QVBoxLayout, QWidget)

from reviewer.ui.project_view import table
from reviewer.ui.widgets import Bar, BarChart, FigureButton, RecordTableModel, fmt
from reviewer.ui.wizard import ops
from reviewer.ui.wizard.page import ReviewContext, ReviewPage
from reviewer.ui.wizard.sections import SectionsPanel, sections_on
from reviewer.ui.wizard.state import ReviewState

SOURCE_COLORS = {"fuel": "#d9822b", "process": "#8e6cc3", "electricity": "#3b78c3", "heat": "#c94f4f"}


class CarbonPage(ReviewPage):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("carbonPage")
        self.choices_box = QGroupBox()
        cf = QFormLayout(self.choices_box)
        self.elec = QComboBox()
        self.elec.setObjectName("electricityBasis")
        self.heat = QComboBox()
        self.heat.setObjectName("heatBasis")
        self.fuel = QComboBox()
        self.fuel.setObjectName("fuelFactorSet")
        self.green_zero = QCheckBox()
        self.green_zero.setObjectName("greenPowerAtZero")
        self.feedstock_excl = QCheckBox()
        self.feedstock_excl.setObjectName("feedstockExcluded")
        self.l_elec, self.l_heat, self.l_fuel = QLabel(), QLabel(), QLabel()
        for lbl, w in ((self.l_elec, self.elec), (self.l_heat, self.heat), (self.l_fuel, self.fuel)):
            lbl.setBuddy(w)
            cf.addRow(lbl, w)
        cf.addRow(self.green_zero)
        cf.addRow(self.feedstock_excl)
        self.engine_note = QLabel()
        self.engine_note.setWordWrap(True)
        self.engine_note.setStyleSheet("color:#b26a00")
        cf.addRow(self.engine_note)
        for w in (self.elec, self.heat, self.fuel):
            w.currentIndexChanged.connect(self._choice_changed)
        for w in (self.green_zero, self.feedstock_excl):
            w.toggled.connect(self._choice_changed)
        self.total = FigureButton("carbon.total_tco2")
        self.total.setObjectName("carbonTotal")
        self.scope1 = FigureButton("carbon.scope1_tco2")
        self.scope2 = FigureButton("carbon.scope2_tco2")
        self.l_total, self.l_s1, self.l_s2 = QLabel(), QLabel(), QLabel()
        figs = QFormLayout()
        for lbl, b in ((self.l_total, self.total), (self.l_s1, self.scope1), (self.l_s2, self.scope2)):
            b.explain.connect(self.explain_key)
            figs.addRow(lbl, b)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.chart = BarChart()
        self.chart.setObjectName("carbonChart")
        self.lines = RecordTableModel([], self, formatters={"activity": fmt, "factor": lambda v: fmt(v, 4), "tco2": fmt,
                                                             "kind": self._kind})
        self.lines_view = table(self.lines, "carbonLinesTable")
        self.lines_view.clicked.connect(lambda ix: self.explain_key(f"carbon.line[{ix.row()}]"))
        self.sens = RecordTableModel([], self, formatters={"factor": lambda v: fmt(v, 4), "electricity_tco2": fmt,
                                                            "total_tco2": fmt})
        self.sens_view = table(self.sens, "sensitivityTable")
        top = QHBoxLayout()
        top.addWidget(self.choices_box, 1)
        right = QVBoxLayout()
        right.addLayout(figs)
        right.addWidget(self.summary)
        right.addWidget(self.chart, 1)
        top.addLayout(right, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top, 1)
        lay.addWidget(self.lines_view, 1)
        self.sens_label = QLabel()
        lay.addWidget(self.sens_label)
        lay.addWidget(self.sens_view, 1)
        self.panel = SectionsPanel(sections_on("carbon"))  # the form's process-emission rows, editable
        self.panel.edited.connect(self._data_edited)
        lay.addWidget(self.panel, 1)
        self._loading = False
        self.retranslateUi()

    default_trace = "carbon.total_tco2"

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("CarbonPage", "Carbon emissions")

    def models(self) -> list:
        return [self.lines, self.sens, *self.panel.models()]

    def load(self, state: ReviewState) -> None:
        super().load(state)
        self.panel.load(state.data)
        self._loading = True
        bases = ops.carbon_bases()
        c = self.ctx.section("carbon")
        chosen = dict(c.get("choices") or {})
        chosen.update(state.carbon_choices)
        for box, group, key in ((self.elec, "electricity_bases", "electricity_basis"),
                                (self.heat, "heat_bases", "heat_basis"), (self.fuel, "fuel_sets", "fuel_factor_set")):
            box.clear()
            for code, body in bases.get(group, {}).items():
                box.addItem(body.get("label", code), code)
            i = box.findData(chosen.get(key))
            box.setCurrentIndex(max(0, i))
        self.green_zero.setChecked(bool(chosen.get("green_power_at_zero", True)))
        self.feedstock_excl.setChecked(bool(chosen.get("feedstock_excluded", True)))
        supported = ops.choices_supported()
        for w in (self.elec, self.heat, self.fuel, self.green_zero, self.feedstock_excl):
            w.setEnabled(supported and bool(c))
        self.engine_note.setVisible(not supported or not c)
        self._loading = False
        self._show(c)

    def _show(self, c: dict[str, Any]) -> None:
        if not c:
            for b in (self.total, self.scope1, self.scope2):
                b.set_value(self.tr("not assessed"), "")
            self.summary.setText(self.tr("The rule engine has not produced a carbon section for this submission."))
            self.chart.set_data([])
            self.lines.set_records([])
            self.sens.set_records([])
            return
        self.total.set_value(f"{fmt(c.get('total_tco2'))} tCO₂", "carbon.total_tco2")
        self.scope1.set_value(f"{fmt(c.get('scope1_tco2'))} tCO₂", "carbon.scope1_tco2")
        self.scope2.set_value(f"{fmt(c.get('scope2_tco2'))} tCO₂", "carbon.scope2_tco2")
        self.summary.setText(str(c.get("summary", "")))
        bars = []
        for key, label in (("fuel_combustion_tco2", self.tr("Fuel combustion")), ("process_tco2", self.tr("Process")),
                           ("electricity_tco2", self.tr("Purchased electricity")), ("heat_tco2", self.tr("Purchased heat"))):
            v = c.get(key)
            if v:
                bars.append(Bar(label, float(v), SOURCE_COLORS[key.split("_")[0]]))
        self.chart.set_data(bars, "tCO₂", self.tr("Emissions by source"))
        self.lines.set_records(c.get("lines", []) or [])
        self.sens.set_records(c.get("electricity_sensitivity", []) or [])

    def _choice_changed(self, *_a: Any) -> None:
        if self._loading or self.state is None:
            return
        self.state.carbon_choices = {
            "electricity_basis": self.elec.currentData(), "heat_basis": self.heat.currentData(),
            "fuel_factor_set": self.fuel.currentData(), "green_power_at_zero": self.green_zero.isChecked(),
            "feedstock_excluded": self.feedstock_excl.isChecked(),
        }
        self.changed.emit()
        self.reassess.emit()

    def _kind(self, v: object) -> str:
        return {"fuel": self.tr("Fuel combustion"), "process": self.tr("Process"),
                "electricity": self.tr("Purchased electricity"), "heat": self.tr("Purchased heat")}.get(str(v), str(v))


    def refresh(self) -> None:
        """Called by the wizard after a re-assessment."""
        self._show(self.ctx.section("carbon"))

    def retranslateUi(self) -> None:
        self.panel.retranslateUi()
        self.choices_box.setTitle(self.tr("Boundary and emission factors"))
        self.l_elec.setText(self.tr("&Electricity factor:"))
        self.l_heat.setText(self.tr("&Heat factor:"))
        self.l_fuel.setText(self.tr("F&uel factor set:"))
        self.green_zero.setText(self.tr("Purchased green power counted at zero (沪环气候〔2023〕89号)"))
        self.feedstock_excl.setText(self.tr("Feedstock use excluded from combustion emissions"))
        self.engine_note.setText(self.tr("This rule-engine version does not accept reviewer choices; its defaults "
                                         "apply and are recorded in the result."))
        self.l_total.setText(self.tr("Total emissions"))
        self.l_s1.setText(self.tr("Direct (scope 1)"))
        self.l_s2.setText(self.tr("Indirect (scope 2)"))
        self.sens_label.setText(self.tr("Sensitivity to the electricity factor"))
        self.lines.set_titles([("kind", self.tr("Kind")), ("source", self.tr("Source")),
                               ("activity", self.tr("Activity")), ("activity_unit", self.tr("Unit")),
                               ("factor", self.tr("Factor")), ("factor_unit", self.tr("Factor unit")),
                               ("tco2", self.tr("tCO₂"))])
        self.sens.set_titles([("factor", self.tr("tCO₂/MWh")), ("electricity_tco2", self.tr("Electricity tCO₂")),
                              ("total_tco2", self.tr("Total tCO₂")), ("label", self.tr("Electricity factor basis"))])
