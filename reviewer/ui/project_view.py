"""Project view: tabs for the submission (all versions), assessment, findings, opinions, the case file (deadlines,
materials, attachments, expert review, timeline; :class:`reviewer.ui.case_panel.CasePanel`) and audit history.

Figures in the assessment tab are :class:`FigureButton` s; clicking one emits ``explain(step)`` with the trace step
the main window shows in the explanation panel.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel,
                               QPushButton, QScrollArea, QSplitter, QTableView, QTabWidget, QVBoxLayout, QWidget)

from reviewer.submission.spec import spec
from reviewer.ui.case_panel import CasePanel
from reviewer.ui.labels import field_text, list_label, value_text, yes_no
from reviewer.ui.project_model import level_label, outcome_label, status_label
from reviewer.ui.widgets import FigureButton, RecordTableModel, fmt
from reviewer.ui.appstate import current_language


def _date(v: Any) -> str:
    if v is None:
        return ""
    return v.strftime("%Y-%m-%d %H:%M") if hasattr(v, "hour") else v.isoformat() if hasattr(v, "isoformat") else str(v)


def table(model: RecordTableModel, name: str) -> QTableView:
    v = QTableView()
    v.setObjectName(name)
    v.setModel(model)
    v.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    v.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    v.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    v.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    v.horizontalHeader().setStretchLastSection(True)
    v.verticalHeader().setVisible(False)
    v.setAlternatingRowColors(True)
    v.setTabKeyNavigation(False)
    v.horizontalHeader().setMaximumSectionSize(380)
    v.setWordWrap(False)
    model.modelReset.connect(v.resizeColumnsToContents)  # columns fit their content after every reload
    return v


STATUS_COLORS = {"pass": "#1a7f37", "warn": "#b26a00", "fail": "#c62828", "not_applicable": "#777777"}


def finding_status_label(code: str) -> str:
    from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

    labels = {"pass": QT_TRANSLATE_NOOP("Status", "Pass"), "warn": QT_TRANSLATE_NOOP("Status", "Warning"),
              "fail": QT_TRANSLATE_NOOP("Status", "Fail"),
              "not_applicable": QT_TRANSLATE_NOOP("Status", "Not applicable")}
    return QCoreApplication.translate("Status", labels[code]) if code in labels else str(code or "")


class ProjectView(QWidget):
    explain = Signal(dict)
    reviewRequested = Signal(str)
    opinionRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("projectView")
        self.detail: dict[str, Any] | None = None
        self._steps: dict[str, dict] = {}
        self.header = QLabel()
        self.header.setObjectName("projectHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.review_btn = QPushButton()
        self.review_btn.setObjectName("reviewButton")
        self.review_btn.clicked.connect(lambda: self.detail and self.reviewRequested.emit(self.detail["project"]["code"]))
        self.review_btn.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.review_btn)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("projectTabs")
        # submission
        self.versions = RecordTableModel([], self, formatters={"received_at": _date, "sha256": lambda v: (v or "")[:12]})
        self.versions_view = table(self.versions, "versionsTable")
        self.submission_form = QFormLayout()
        sub_box = QGroupBox()
        sub_box.setLayout(self.submission_form)
        self.sub_box = sub_box
        self.energy_items = RecordTableModel([], self, formatters={
            "quantity": lambda v: fmt(v, 2), "source": lambda v: list_label("energy_sources", v),
            "purpose": lambda v: list_label("purposes", v), "existing": lambda v: yes_no(v) if v is not None else ""})
        self.energy_items_view = table(self.energy_items, "submissionEnergyTable")
        sub_page = QWidget()
        sl = QVBoxLayout(sub_page)
        sl.addWidget(self.versions_view, 1)
        sl.addWidget(sub_box)
        sl.addWidget(self.energy_items_view, 2)
        # assessment
        ass_page = QWidget()
        al = QVBoxLayout(ass_page)
        self.figures = QFormLayout()
        self.fig_eq = FigureButton()
        self.fig_ev = FigureButton()
        self.fig_co2 = FigureButton()
        self.fig_level = QLabel()
        self.fig_regime = QLabel()
        self.lbl_eq, self.lbl_ev, self.lbl_co2, self.lbl_level, self.lbl_regime = (QLabel() for _ in range(5))
        for lbl, w in ((self.lbl_eq, self.fig_eq), (self.lbl_ev, self.fig_ev), (self.lbl_co2, self.fig_co2),
                       (self.lbl_level, self.fig_level), (self.lbl_regime, self.fig_regime)):
            self.figures.addRow(lbl, w)
        for b in (self.fig_eq, self.fig_ev, self.fig_co2):
            b.explain.connect(self._explain_key)
        al.addLayout(self.figures)
        self.lines = RecordTableModel([], self, formatters={
            **{k: fmt for k in ("quantity", "equivalent_tce", "equal_value_tce")},
            "source": lambda v: list_label("energy_sources", v), "purpose": lambda v: list_label("purposes", v)})
        self.lines_view = table(self.lines, "assessmentLinesTable")
        self.lines_view.clicked.connect(self._line_clicked)
        al.addWidget(self.lines_view, 1)
        # findings
        self.findings = RecordTableModel([], self, formatters={"status": finding_status_label, "reason": value_text,
                                                               "remark": value_text},
                                         colors=lambda r: STATUS_COLORS.get(str(r.get("status"))))
        self.findings_view = table(self.findings, "findingsTable")
        # opinions
        self.opinions = RecordTableModel([], self, formatters={"kind": outcome_label, "issued_on": _date,
                                                               "signed_at": _date, "signed": self._signed_text,
                                                               "verification": lambda v: self._verify_text(v),
                                                               "sha256": lambda v: (v or "")[:16]})
        self.opinions_view = table(self.opinions, "opinionsTable")
        self.opinions_view.doubleClicked.connect(
            lambda ix: self.opinionRequested.emit(int(self.opinions.records[ix.row()]["id"])))
        # audit
        self.audit = RecordTableModel([], self, formatters={"at": _date, "payload": _payload})
        self.audit_view = table(self.audit, "auditTable")
        # the case file (issue 14); its use-case context is set by the main window once the archive is open
        self.case_panel = CasePanel()
        self.tabs.addTab(_scrolling(sub_page), "")
        self.tabs.addTab(_scrolling(ass_page), "")
        self.tabs.addTab(self.findings_view, "")
        self.tabs.addTab(self.opinions_view, "")
        self.tabs.addTab(_scrolling(self.case_panel), "")
        self.tabs.addTab(self.audit_view, "")
        self.case_tab = 4
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top)
        lay.addWidget(self.tabs, 1)
        self.retranslateUi()

    # -- data -----------------------------------------------------------------------------------------------
    def models(self) -> list[RecordTableModel]:
        return [self.versions, self.energy_items, self.lines, self.findings, self.opinions, self.audit]

    def clear(self) -> None:
        self.detail = None
        for m in self.models():
            m.set_records([])
        self.case_panel.clear()
        self.review_btn.setEnabled(False)
        self.retranslateUi()

    def set_case(self, code: str, view: dict[str, Any] | None) -> None:
        """Show the case file of ``code`` (read on a worker with the detail; None: no receipt registered yet)."""
        self.case_panel.set_view(code, view)
        flag = ((view or {}).get("deadlines") or {}).get("next") or {}
        mark = " ⚠" if flag.get("overdue") or flag.get("due_soon") else ""
        self.tabs.setTabText(self.case_tab, self.tr("Case file") + mark)

    def set_detail(self, d: dict[str, Any]) -> None:
        self.detail = d
        self.review_btn.setEnabled(True)
        self.versions.set_records(list(reversed(d["versions"])))
        sub = d.get("submission") or {}
        self.energy_items.set_records(sub.get("energy", []))
        a = (d.get("assessment") or {}).get("result") or {}
        self._steps = {s["key"]: s for s in a.get("trace", [])}
        self.lines.set_records(a.get("energy", {}).get("items", []))
        decisions = {x["finding_id"]: x for x in d.get("decisions", [])}
        recs = []
        for f in a.get("findings", []):
            r = dict(f)
            dec = decisions.get(f["id"])
            if dec:
                r["status"] = dec.get("override_status") or r["status"]
                r["reason"] = dec.get("reason", "")
                r["remark"] = dec.get("remark", "")
            recs.append(r)
        self.findings.set_records(recs)
        self.opinions.set_records([dict(o, verification="pending" if o.get("signed") else None)
                                   for o in d.get("opinions", [])])
        self.audit.set_records(list(reversed(d.get("audit", []))))
        self.retranslateUi()

    def _explain_key(self, key: str) -> None:
        if key in self._steps:
            self.explain.emit(self._steps[key])

    def _line_clicked(self, ix) -> None:  # noqa: ANN001
        rec = self.lines.records[ix.row()]
        col = self.lines.columns[ix.column()][0]
        kind = "equal_value" if col == "equal_value_tce" else "equivalent"
        self._explain_key(f"energy.item[{ix.row()}].{kind}_tce")

    def _signed_text(self, v: Any) -> str:
        return self.tr("signed") if v else self.tr("not signed")

    def _verify_text(self, v: Any) -> str:
        if not isinstance(v, dict):
            return "…" if v == "pending" else ""
        if not v.get("signed"):
            return self.tr("no signature")
        if not v.get("valid") and v.get("intact") and v.get("trusted") is False and len(v.get("problems", [])) <= 1:
            # Unchanged and correctly signed, but by a certificate outside this office's CA (e.g. the DEMO keys)
            return self.tr("intact, but not signed by this office's CA (e.g. DEMO)")
        return self.tr("valid") if v.get("valid") else self.tr("INVALID: %1").replace(
            "%1", "；".join(v.get("problems", [])[:2]))

    def set_signature_status(self, statuses: dict[int, dict[str, Any]]) -> None:
        recs = [dict(r, verification=statuses.get(r["id"], r.get("verification"))) for r in self.opinions.records]
        self.opinions.set_records(recs)

    # -- texts ----------------------------------------------------------------------------------------------
    def retranslateUi(self) -> None:
        d = self.detail
        if d is None:
            self.header.setText(self.tr("Select a project in the list to see its submission, figures and history."))
        else:
            p = d["project"]
            line = (self.tr("Builder: %1　Town: %2　Status: %3").replace("%1", escape(p["builder"]))
                    .replace("%2", escape(p["town"])).replace("%3", status_label(p["status"])))
            self.header.setText(f"<b>{escape(p['code'])}</b>　{escape(p['name'])}<br>{line}")
        self.review_btn.setText(self.tr("&Review…"))
        for i, t in enumerate((self.tr("Submission"), self.tr("Assessment"), self.tr("Findings"), self.tr("Opinions"),
                               self.tr("Case file"), self.tr("Audit history"))):
            self.tabs.setTabText(i, t)
        self.sub_box.setTitle(self.tr("Project information (latest version)"))
        self.versions.set_titles([("version", self.tr("Version")), ("received_at", self.tr("Received")),
                                  ("source_name", self.tr("Source file")), ("source_format", self.tr("Format")),
                                  ("received_by", self.tr("Received by")), ("sha256", self.tr("SHA-256"))])
        self.energy_items.set_titles([("carrier", self.tr("Carrier")), ("quantity", self.tr("Quantity")),
                                      ("unit", self.tr("Unit")), ("source", self.tr("Source")),
                                      ("note", self.tr("Note"))])
        self.lines.set_titles([("carrier", self.tr("Carrier")), ("quantity", self.tr("Quantity")),
                               ("unit", self.tr("Unit")), ("equivalent_tce", self.tr("Calorific value (tce)")),
                               ("equal_value_tce", self.tr("Equivalent value (tce)")),
                               ("excluded_reason", self.tr("Excluded because"))])
        self.findings.set_titles([("id", self.tr("Check")), ("status", self.tr("Result")),
                                  ("remark", self.tr("Reviewer remark")), ("reason", self.tr("Override reason")),
                                  ("clause", self.tr("Clause")), ("message", self.tr("Explanation"))])
        self.opinions.set_titles([("doc_number", self.tr("Document number")), ("kind", self.tr("Kind")),
                                  ("version", self.tr("Version")), ("issued_on", self.tr("Issued")),
                                  ("signed", self.tr("Signature")), ("verification", self.tr("Verification")),
                                  ("signer", self.tr("Signer")),
                                  ("signed_at", self.tr("Signed at")), ("sha256", self.tr("SHA-256"))])
        self.audit.set_titles([("at", self.tr("Time (UTC)")), ("actor", self.tr("Who")), ("action", self.tr("Action")),
                               ("entity", self.tr("Object")), ("entity_id", self.tr("Id")),
                               ("reason", self.tr("Reason")), ("payload", self.tr("Details"))])
        self.lbl_eq.setText(self.tr("Annual energy, calorific value (当量值)"))
        self.lbl_ev.setText(self.tr("Annual energy, equivalent value (等价值)"))
        self.lbl_co2.setText(self.tr("Carbon emissions"))
        self.lbl_level.setText(self.tr("Review level"))
        self.lbl_regime.setText(self.tr("Rules applied as of"))
        a = ((d or {}).get("assessment") or {}).get("result") or {}
        e = a.get("energy", {})
        self.fig_eq.set_value(f"{fmt(e.get('equivalent_tce'))} tce" if e else "—", "energy.equivalent_tce")
        self.fig_ev.set_value(f"{fmt(e.get('equal_value_tce'))} tce" if e else "—", "energy.equal_value_tce")
        carbon = a.get("carbon") if isinstance(a.get("carbon"), dict) else {}
        co2 = carbon.get("total_tco2")
        self.fig_co2.set_value(f"{fmt(co2)} tCO₂" if co2 is not None else self.tr("not assessed"),
                               _first_key(self._steps, ("carbon.total_tco2", "carbon.total")) or "")
        review = a.get("review") if isinstance(a.get("review"), dict) else {}
        self.fig_level.setText(level_label(str(review.get("authority"))) if review.get("authority") else "—")
        self.fig_regime.setText(str(a.get("regime_date", "—")))
        # submission form (project fields of the latest version)
        while self.submission_form.rowCount():
            self.submission_form.removeRow(0)
        sub = (d or {}).get("submission") or {}
        proj = sub.get("project", {})
        en = _is_en()
        for f in spec().section("project").fields:
            if f.key in proj and f.key not in ("description",):
                val = QLabel(field_text(f, proj[f.key]))
                val.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.submission_form.addRow(f.label_en if en else f.label, val)

    def changeEvent(self, ev: QEvent) -> None:
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(ev)


def _scrolling(page: QWidget) -> QScrollArea:
    """A tab page that scrolls when the project view is short (the archive list above keeps its height)."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(page)
    for view in page.findChildren(QTableView):
        view.setMinimumHeight(110)  # tables keep a few rows; the page scrolls as a whole
    return area


def _first_key(steps: dict, keys: tuple[str, ...]) -> str | None:
    for k in keys:
        if k in steps:
            return k
    return None


def _payload(v: Any) -> str:
    if not v:
        return ""
    return "；".join(f"{k}={value_text(val)}" for k, val in v.items()) if isinstance(v, dict) else value_text(v)


def _is_en() -> bool:
    return current_language() == "en"
