"""Appendix charts drawn with ReportLab graphics (vector, fonts embedded like the text).

Three kinds: ``pie`` (energy structure), ``bar`` (emissions by source), ``benchmark`` (an indicator against its
先进值/基准值). Labels use the Hei face (widest coverage); characters no bundled face has become 〓 and are recorded.
"""

from __future__ import annotations

from typing import Any

from reviewer.opinion.sankey import draw_sankey
from reviewer.pdf.fonts import HEI, MissingGlyph, plain_fallback, register_fonts

_PALETTE = ("#3b6ea5", "#d9822b", "#6a9f58", "#b8474d", "#8c6bb1", "#c9a227", "#4f9fa6", "#7f7f7f")


def _no_shape_checking() -> None:
    """ReportLab graphics validate every attribute assignment of every shape and widget against its attribute map
    (``rl_config.shapeChecking``, read at each assignment) — a development aid, ≈ 4 % of an appendix render in the
    profile. The charts are fixed code covered by tests, so the check is switched off (for this process; nothing
    else here draws ReportLab graphics). What is drawn does not change."""
    from reportlab import rl_config

    rl_config.shapeChecking = 0


def draw_chart(chart: Any, width: float, missing: list[MissingGlyph]):
    """A ReportLab ``Drawing`` for one :class:`~reviewer.opinion.viewmodel.ChartVM`."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart
    from reportlab.graphics.charts.piecharts import Pie
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors

    _no_shape_checking()
    if chart.kind == "sankey":
        return draw_sankey(chart, width, missing)
    register_fonts()
    labels = [plain_fallback(str(x), missing) for x in chart.labels]
    values = [max(float(v or 0), 0.0) for v in chart.values]
    height = 150 if chart.kind == "pie" else 40 + 22 * max(len(values), 1)
    d = Drawing(width, height, initialFontName=HEI)
    d.add(String(width / 2, height - 14, plain_fallback(chart.title, missing), fontName=HEI, fontSize=11,
                 textAnchor="middle"))
    total = sum(values) or 1.0
    if chart.kind == "pie":
        pie = Pie()
        pie.x, pie.y, pie.width, pie.height = 40, 10, 110, 110
        pie.data = values if sum(values) > 0 else [1]
        pie.labels = None
        pie.slices.strokeColor = colors.white
        pie.slices.strokeWidth = 0.8
        for i in range(len(pie.data)):
            pie.slices[i].fillColor = colors.HexColor(_PALETTE[i % len(_PALETTE)])
        d.add(pie)
        for i, (lab, v) in enumerate(zip(labels, values)):
            y = 110 - i * 16
            d.add(Rect(190, y, 10, 10, fillColor=colors.HexColor(_PALETTE[i % len(_PALETTE)]), strokeColor=None))
            d.add(String(206, y + 1, f"{lab}  {v:.2f} {chart.unit}（{v / total * 100:.1f}%）", fontName=HEI,
                         fontSize=9.5))
        return d
    bar = HorizontalBarChart()
    bar.x, bar.y = 120, 18
    bar.width, bar.height = width - 190, height - 48
    bar.data = [values]
    bar.categoryAxis.categoryNames = labels
    bar.categoryAxis.labels.fontName = HEI
    bar.categoryAxis.labels.fontSize = 9
    bar.categoryAxis.reverseDirection = True
    bar.valueAxis.valueMin = 0
    bar.valueAxis.labels.fontName = HEI
    bar.valueAxis.labels.fontSize = 8
    bar.barLabelFormat = "%.2f"
    bar.barLabels.fontName = HEI
    bar.barLabels.fontSize = 8
    bar.barLabels.boxAnchor = "w"
    bar.barLabels.dx = 3
    bar.bars.strokeColor = None
    for i in range(len(values)):
        colour = _PALETTE[0] if chart.kind == "bar" or i == 0 else ("#6a9f58" if labels[i] == "先进值" else "#b8474d")
        bar.bars[(0, i)].fillColor = colors.HexColor(colour)
    d.add(bar)
    d.add(String(width - 4, 4, f"单位：{chart.unit}", fontName=HEI, fontSize=8, textAnchor="end"))
    return d
