"""Explanation panel: how a figure was computed — the same trace step the PDF appendix prints.

A step (``Step.to_dict()`` form) shows its value and unit, the formula (id, text) and legal clause, every input
with its unit and origin, and every parameter with value, unit, source (issuer, document, clause) and verified
flag; unverified parameters are flagged 未核实 in red.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QLabel, QTextBrowser, QToolTip, QVBoxLayout, QWidget

from reviewer.ui.appstate import current_language
from reviewer.ui.labels import origin_parts


def _num(v: Any) -> str:
    """Up to 6 decimals as stored, never fewer than 2 for a fractional figure (2,258.60, 0.1229)."""
    if isinstance(v, float):
        if not v % 1:
            return f"{v:,.0f}"
        text = f"{v:,.6f}".rstrip("0")
        return text + "0" * max(0, 2 - len(text.split(".")[1]))
    if isinstance(v, int):
        return f"{v:,}"
    return escape(str(v))


class TracePanel(QWidget):
    """Shows one trace step; :meth:`show_step` is connected to every clickable figure."""

    linkActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("tracePanel")
        self._step: dict[str, Any] | None = None
        self._steps: dict[str, dict[str, Any]] = {}
        self.title = QLabel()
        self.title.setObjectName("traceTitle")
        self.body = QTextBrowser()
        self.body.setOpenLinks(False)
        self.body.anchorClicked.connect(self._anchor)
        self.body.highlighted.connect(self._hover)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.title)
        lay.addWidget(self.body)
        self.retranslateUi()

    def _anchor(self, url) -> None:  # noqa: ANN001
        text = url.toString()
        if text.startswith("step:"):
            self.show_key(text.removeprefix("step:"))

    def _hover(self, url) -> None:  # noqa: ANN001
        """A parameter's id (and a step's key) shows as a tooltip over its label."""
        text = url.toString()
        if text.startswith(("param:", "step:")):
            QToolTip.showText(QCursor.pos(), text.split(":", 1)[1], self.body)
        else:
            QToolTip.hideText()

    def set_trace(self, steps: list[dict[str, Any]]) -> None:
        """Steps available for following ``step:`` links between figures."""
        self._steps = {s["key"]: s for s in steps}

    def show_key(self, key: str) -> bool:
        step = self._steps.get(key)
        if step is None:
            return False
        self.show_step(step)
        return True

    def show_step(self, step: dict[str, Any] | None) -> None:
        self._step = step
        self.body.setHtml(self.html(step) if step else "<p>%s</p>" % escape(self.tr(
            "Click a figure to see how it was computed: inputs, parameters with their source, formula and clause.")))

    def current(self) -> dict[str, Any] | None:
        return self._step

    def html(self, s: dict[str, Any]) -> str:
        f = s.get("formula", {})
        t = {k: escape(v) for k, v in {
            "formula": self.tr("Formula"), "clause": self.tr("Clause"), "inputs": self.tr("Inputs"),
            "name": self.tr("Name"), "value": self.tr("Value"), "unit": self.tr("Unit"), "from": self.tr("From"),
            "parameters": self.tr("Parameters"), "parameter": self.tr("Parameter"), "source": self.tr("Source"),
            "verified_h": self.tr("Verified"), "verified": self.tr("verified"), "unverified": self.tr("unverified (未核实)"),
            "overridden": self.tr("overridden, was"), "note": self.tr("Note")}.items()}
        out = [f"<h3>{escape(s.get('label', s['key']))} = {_num(s.get('value'))} {escape(s.get('unit', ''))}</h3>"]

        ftext = f.get("text_en") if current_language() == "en" and f.get("text_en") else f.get("text", "")
        out.append(f"<p><b>{t['formula']} {escape(f.get('id', ''))}</b>: {escape(ftext)}<br>"
                   f"<b>{t['clause']}</b>: {escape(f.get('clause', ''))}</p>")
        if s.get("inputs"):
            out.append(f"<p><b>{t['inputs']}</b></p><table cellspacing=0 cellpadding=3 border=1>")
            out.append(f"<tr><th>{t['name']}</th><th>{t['value']}</th>"
                       f"<th>{t['unit']}</th><th>{t['from']}</th></tr>")
            for i in s["inputs"]:
                origin_html = "<br>".join(
                    f"<a href='step:{escape(key)}'>{escape(text)}</a>" if key else escape(text)
                    for text, key in origin_parts(str(i.get("origin", "")), self._steps))
                out.append(f"<tr><td>{escape(str(i.get('name', '')))}</td><td align=right>{_num(i.get('value'))}</td>"
                           f"<td>{escape(str(i.get('unit', '')))}</td><td>{origin_html}</td></tr>")
            out.append("</table>")
        if s.get("parameters"):
            out.append(f"<p><b>{t['parameters']}</b></p><table cellspacing=0 cellpadding=3 border=1>")
            out.append(f"<tr><th>{t['parameter']}</th><th>{t['value']}</th>"
                       f"<th>{t['source']}</th><th>{t['verified_h']}</th></tr>")
            for p in s["parameters"]:
                src = p.get("source", {}) or {}
                cite = "，".join(x for x in (src.get("issuer"), src.get("document"), src.get("clause")) if x)
                verified = (f"<span style='color:#1a7f37'>{t['verified']}</span>" if p.get("verified")
                            else f"<span style='color:#c62828;font-weight:bold'>{t['unverified']}</span>")
                over = ""
                if p.get("overridden_from") is not None:
                    over = f"<br><i>{t['overridden']} {_num(p['overridden_from'])}</i>"
                out.append(f"<tr><td><a style='color:#000;text-decoration:none' href='param:{escape(str(p.get('id')))}'>"
                           f"{escape(str(p.get('label') or p.get('id')))}</a></td><td align=right>{_num(p.get('value'))} {escape(str(p.get('unit', '')))}{over}"
                           f"</td><td>{escape(cite)}</td><td>{verified}</td></tr>")
            out.append("</table>")
        if s.get("note"):
            out.append(f"<p><b>{t['note']}</b>: {escape(str(s['note']))}</p>")
        return "\n".join(out)

    def retranslateUi(self) -> None:
        self.title.setText(self.tr("How this figure was computed"))
        self.show_step(self._step)

    def changeEvent(self, ev: QEvent) -> None:
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(ev)
