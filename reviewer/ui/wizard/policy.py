"""能效与政策 — efficiency indicators and every finding (pass/warn/fail) with explanation and clause.

The reviewer may add a remark and may override a finding's result only with a written reason: the override is
refused without one, and each recorded decision is a ReviewDecision row plus a hash-chained audit event.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton,
                               QScrollArea, QSplitter, QTabWidget, QVBoxLayout, QWidget)

from reviewer.errors import UserError
from reviewer.ui.dialogs import show_error
from reviewer.ui.labels import evidence_text
from reviewer.ui.project_view import STATUS_COLORS, finding_status_label, table
from reviewer.ui.widgets import RecordTableModel, fmt
from reviewer.ui.wizard import ops
from reviewer.ui.wizard.page import ReviewContext, ReviewPage, is_en
from reviewer.ui.wizard.sections import SectionsPanel, sections_on
from reviewer.ui.wizard.state import Decision, ReviewState


class PolicyPage(ReviewPage):
    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setObjectName("policyPage")
        self.indicators = RecordTableModel([], self, formatters={"value": lambda v: fmt(v, 3), "benchmark": _bench})
        self.ind_view = table(self.indicators, "indicatorsTable")
        self.ind_view.clicked.connect(lambda ix: self._explain_indicator(ix.row()))
        self.findings = RecordTableModel([], self, formatters={"status": finding_status_label,
                                                               "effective": finding_status_label},
                                         colors=lambda r: STATUS_COLORS.get(str(r.get("effective"))))
        self.find_view = table(self.findings, "policyFindingsTable")
        self.find_view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._select(cur.row()))
        self.detail_box = QGroupBox()
        form = QFormLayout(self.detail_box)
        self.f_text = QLabel()
        self.f_text.setWordWrap(True)
        self.f_text.setTextFormat(Qt.TextFormat.RichText)
        self.f_text.setObjectName("findingText")
        self.remark = QLineEdit()
        self.remark.setObjectName("remarkEdit")
        self.override = QComboBox()
        self.override.setObjectName("overrideStatus")
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("overrideReason")
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(80)
        self.record_btn = QPushButton()
        self.record_btn.setObjectName("recordDecision")
        self.record_btn.clicked.connect(self.record)
        QShortcut(QKeySequence("Ctrl+Return"), self.detail_box, activated=self.record)
        self.feedback = QLabel()
        self.feedback.setObjectName("decisionFeedback")
        self.feedback.setWordWrap(True)
        self.l_remark, self.l_override, self.l_reason = QLabel(), QLabel(), QLabel()
        self.l_remark.setBuddy(self.remark)
        self.l_override.setBuddy(self.override)
        self.l_reason.setBuddy(self.reason)
        form.addRow(self.f_text)
        form.addRow(self.l_remark, self.remark)
        form.addRow(self.l_override, self.override)
        form.addRow(self.l_reason, self.reason)
        form.addRow(self.record_btn)
        form.addRow(self.feedback)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.ind_view)
        split.addWidget(self.find_view)
        split.addWidget(self.detail_box)
        split.setStretchFactor(1, 2)
        self.ind_label = QLabel()
        checks = QWidget()
        cl = QVBoxLayout(checks)
        cl.addWidget(self.ind_label)
        cl.addWidget(split, 1)
        # 产品、建筑与设备: every other section of the form (products, buildings, PV, equipment, data centre), editable
        self.panel = SectionsPanel(sections_on("policy"))
        self.panel.edited.connect(self._data_edited)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.panel)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("policyTabs")
        self.tabs.addTab(checks, "")
        self.tabs.addTab(scroll, "")
        lay = QVBoxLayout(self)
        lay.addWidget(self.tabs, 1)
        self._row = -1
        self.retranslateUi()

    @staticmethod
    def title() -> str:
        return QCoreApplication.translate("PolicyPage", "Efficiency and policy")

    def models(self) -> list:
        return [self.indicators, self.findings, *self.panel.models()]

    def load(self, state: ReviewState) -> None:
        super().load(state)
        self.panel.load(state.data)
        self.refresh()


    def refresh(self) -> None:
        """Indicators and findings of the current assessment (the wizard calls it after a re-assessment)."""
        state = self.state
        if state is None:
            return
        eff = self.ctx.section("efficiency")
        self.indicators.set_records(eff.get("indicators", []) or [])
        recs = []
        en = is_en()
        for f in self.ctx.result.get("findings", []):
            d = state.decisions.get(f["id"])
            r = dict(f)
            r["text"] = f.get("message_en") if en and f.get("message_en") else f.get("message", "")
            r["effective"] = (d.override_status if d and d.override_status else f.get("status"))
            r["remark"] = d.remark if d else ""
            recs.append(r)
        self.findings.set_records(recs)
        if recs:
            self.find_view.selectRow(max(0, min(self._row, len(recs) - 1)))
            self._select(max(0, min(self._row, len(recs) - 1)))
        else:
            self._select(-1)

    def _select(self, row: int) -> None:
        self._row = row
        has = 0 <= row < len(self.findings.records)
        for w in (self.remark, self.override, self.reason, self.record_btn):
            w.setEnabled(has)
        if not has:
            self.f_text.setText(self.tr("No findings for this submission.") if not self.findings.records else "")
            return
        f = self.findings.records[row]
        evidence, evidence_ids = evidence_text(f.get("evidence") or {})
        self.f_text.setToolTip(evidence_ids)
        color = STATUS_COLORS.get(str(f.get("effective")), "#000")
        t_engine = self.tr("engine: %1").replace("%1", finding_status_label(str(f.get("status"))))
        t_clause, t_evidence = self.tr("Clause"), self.tr("Evidence")
        self.f_text.setText(
            f"<b>{f['id']}</b> <span style='color:{color}'>{finding_status_label(str(f.get('effective')))}</span>"
            f"{' (' + t_engine + ')' if f.get('effective') != f.get('status') else ''}"
            f"<br>{f.get('text', '')}<br><i>{t_clause}：{f.get('clause', '')}</i>"
            + (f"<br><small>{t_evidence}：{evidence}</small>" if evidence else ""))
        d = self.state.decisions.get(f["id"]) if self.state else None
        self.remark.setText(d.remark if d else "")
        self.override.setCurrentIndex(max(0, self.override.findData(d.override_status if d else None)))
        self.reason.setPlainText(d.reason if d else "")
        self.feedback.setText("")

    def record(self) -> bool:
        """Record the remark/override for the selected finding; refused without a reason for an override."""
        if self.state is None or not 0 <= self._row < len(self.findings.records):
            return False
        f = self.findings.records[self._row]
        status = self.override.currentData()
        d = Decision(finding_id=f["id"], override_status=status or None, reason=self.reason.toPlainText(),
                     remark=self.remark.text())
        if d.override_status == f.get("status"):
            d.override_status = None
        if d.override_status and not d.reason.strip():
            self.feedback.setStyleSheet("color:#c62828")
            self.feedback.setText(self.tr("Refused: overriding a finding needs a written reason."))
            self.reason.setFocus()
            return False
        if d.override_status is None and not d.remark.strip():
            self.feedback.setText(self.tr("Nothing to record."))
            return False
        try:
            ops.record_decision(self.ctx.archive, self.state, d, self.ctx.actor)
        except UserError as exc:
            self.feedback.setStyleSheet("color:#c62828")
            self.feedback.setText(exc.text("en" if is_en() else "zh"))
            return False
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return False
        self.feedback.setStyleSheet("color:#1a7f37")
        self.feedback.setText(self.tr("Recorded in the archive and the audit log."))
        row = self._row
        self.changed.emit()
        self.refresh()
        self.find_view.selectRow(row)
        return True

    def _explain_indicator(self, row: int) -> None:
        ind = self.indicators.records[row]
        self.explain_key(f"efficiency.{ind.get('id')}") or self.explain_key(str(ind.get("id")))

    def retranslateUi(self) -> None:
        self.panel.retranslateUi()
        self.tabs.setTabText(0, self.tr("Indicators and checks"))
        self.tabs.setTabText(1, self.tr("Products, buildings and equipment (申报数据)"))
        self.ind_label.setText(self.tr("Efficiency indicators against benchmarks, then each policy check:"))
        self.detail_box.setTitle(self.tr("Selected finding"))
        self.l_remark.setText(self.tr("Re&mark:"))
        self.l_override.setText(self.tr("&Override result:"))
        self.l_reason.setText(self.tr("Written &reason:"))
        self.record_btn.setText(self.tr("Record decision (Ctrl+Enter)"))
        cur = self.override.currentData()
        self.override.clear()
        self.override.addItem(self.tr("— keep the engine's result —"), None)
        for s in ops.FINDING_STATUSES:
            self.override.addItem(finding_status_label(s), s)
        self.override.setCurrentIndex(max(0, self.override.findData(cur)))
        self.indicators.set_titles([("label", self.tr("Indicator")), ("value", self.tr("Value")),
                                    ("unit", self.tr("Unit")), ("grade", self.tr("Grade")),
                                    ("benchmark", self.tr("Benchmark"))])
        self.findings.set_titles([("id", self.tr("Check")), ("effective", self.tr("Result")),
                                  ("remark", self.tr("Remark")), ("text", self.tr("Explanation")),
                                  ("clause", self.tr("Clause"))])


def _bench(b: Any) -> str:
    if not isinstance(b, dict):
        return "—"
    flag = "" if b.get("verified", True) else " 未核实"
    return f"{b.get('label', '')}：先进 {fmt(b.get('advanced'), 3)} / 基准 {fmt(b.get('baseline'), 3)} {b.get('unit', '')}{flag}"
