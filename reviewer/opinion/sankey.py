"""能流图: a three-column Sankey diagram (carrier → supply/conversion → end use) as a ReportLab ``Drawing``.

Drawn from a :class:`~reviewer.opinion.viewmodel.ChartVM` of kind ``sankey`` whose ``references`` are the balance
edges (reviewer/rules/balance.py): ``{source, target, stage, equivalent_tce, equal_value_tce, counted}``. Band widths
are 当量值 tce; excluded flows are grey. Vector, fonts embedded like the text.
"""

from __future__ import annotations

from typing import Any

from reviewer.pdf.fonts import HEI, MissingGlyph, plain_fallback, register_fonts

_PALETTE = ("#3b6ea5", "#d9822b", "#6a9f58", "#b8474d", "#8c6bb1", "#c9a227", "#4f9fa6")
_GREY = "#a6a6a6"
BAR_W = 9.0
GAP = 7.0
SLOT = 11.0


def draw_sankey(chart: Any, width: float, missing: list[MissingGlyph]):
    from reportlab.graphics.shapes import Drawing, Path, Rect, String
    from reportlab.lib import colors

    register_fonts()
    edges = [e for e in chart.references if float(e.get("equivalent_tce") or 0) > 0]
    columns: list[list[str]] = [[], [], []]
    for e in edges:
        st = int(e["stage"])
        for col, name in ((st, e["source"]), (st + 1, e["target"])):
            if name not in columns[col]:
                columns[col].append(name)
    ins: dict[tuple[int, str], float] = {}
    outs: dict[tuple[int, str], float] = {}
    for e in edges:
        st, v = int(e["stage"]), float(e["equivalent_tce"])
        outs[(st, e["source"])] = outs.get((st, e["source"]), 0.0) + v
        ins[(st + 1, e["target"])] = ins.get((st + 1, e["target"]), 0.0) + v
    through = {k: max(ins.get(k, 0.0), outs.get(k, 0.0)) for k in set(ins) | set(outs)}
    n_max = max((len(c) for c in columns), default=1)
    plot_h = 150.0 + 14 * max(n_max - 3, 0)
    height = plot_h + 40
    d = Drawing(width, height, initialFontName=HEI)
    d.add(String(width / 2, height - 13, plain_fallback(chart.title, missing), fontName=HEI, fontSize=11,
                 textAnchor="middle"))
    col_tot = [sum(through.get((i, n), 0.0) for n in col) for i, col in enumerate(columns)]
    scale = (plot_h - (GAP + SLOT) * (n_max - 1)) / (max(col_tot) or 1.0)
    left, right = 92.0, 150.0
    xs = [left, left + (width - left - right) / 2 - BAR_W / 2, width - right - BAR_W]
    top0 = height - 26
    pos: dict[tuple[int, str], tuple[float, float]] = {}  # (col, name) → (y_top, h)
    for i, col in enumerate(columns):
        # a small node still gets a slot tall enough for its label (SLOT), its bar stays to scale
        span = sum(max(through.get((i, n), 0.0) * scale, SLOT) for n in col) + GAP * (len(col) - 1)
        y = top0 - max(plot_h - span, 0) / 2
        for n in col:
            h = max(through.get((i, n), 0.0) * scale, 1.5)
            pos[(i, n)] = (y, h)
            y -= max(h, SLOT) + GAP
    colour_of = {n: _PALETTE[k % len(_PALETTE)] for k, n in enumerate(columns[0])}
    out_off: dict[tuple[int, str], float] = {}
    in_off: dict[tuple[int, str], float] = {}
    for e in edges:
        st, v = int(e["stage"]), float(e["equivalent_tce"])
        s_key, t_key = (st, e["source"]), (st + 1, e["target"])
        t = max(v * scale, 0.8)
        sy = pos[s_key][0] - out_off.get(s_key, 0.0)
        ty = pos[t_key][0] - in_off.get(t_key, 0.0)
        out_off[s_key] = out_off.get(s_key, 0.0) + t
        in_off[t_key] = in_off.get(t_key, 0.0) + t
        x0, x1 = xs[st] + BAR_W, xs[st + 1]
        mx = (x0 + x1) / 2
        p = Path(fillColor=colors.HexColor(colour_of.get(e["source"], _PALETTE[0]) if e.get("counted") and st == 0
                                           else (_PALETTE[0] if e.get("counted") else _GREY)),
                 strokeColor=None, fillOpacity=0.45)
        p.moveTo(x0, sy)
        p.curveTo(mx, sy, mx, ty, x1, ty)
        p.lineTo(x1, ty - t)
        p.curveTo(mx, ty - t, mx, sy - t, x0, sy - t)
        p.closePath()
        d.add(p)
    for (i, n), (y, h) in pos.items():
        excluded = n.startswith("不计入") or n == "耗能工质"
        fill = colour_of.get(n, _GREY if excluded else "#555555") if i == 0 else (_GREY if excluded else "#2f4f6f")
        d.add(Rect(xs[i], y - h, BAR_W, h, fillColor=colors.HexColor(fill), strokeColor=None))
        label = f"{plain_fallback(n, missing)} {through.get((i, n), 0.0):.2f}"
        cy = y - h / 2 - 3
        if i == 0:
            d.add(String(xs[i] - 4, cy, label, fontName=HEI, fontSize=8, textAnchor="end"))
        elif i == 2:
            d.add(String(xs[i] + BAR_W + 4, cy, label, fontName=HEI, fontSize=8))
        else:
            d.add(String(xs[i] + BAR_W + 3, cy, label, fontName=HEI, fontSize=7.5))
    d.add(String(width - 4, 3, f"单位：{chart.unit}（带宽按当量值；灰色为不计入综合能耗的能流）", fontName=HEI,
                 fontSize=7.5, textAnchor="end"))
    return d
