"""PDF summary of the ledger (``reviewer ledger export FILE.pdf``): ReportLab, A4 landscape, bundled CJK fonts
(embedded subsets), tables and charts drawn with ReportLab graphics — district use by commissioning year, use by
街镇/园区 and by industry for the selected year (approved net of green power, pending, remaining against each
allocation), warnings, and the active entries.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from reviewer.errors import UserError
from reviewer.ledger.budget import METRIC_LABELS, METRICS
from reviewer.rules.ledger import LEVEL_LABELS
from reviewer.ledger.summary import LedgerView, Usage, ledger_view

C_ASSESSED = "#2F5597"
C_GREEN = "#70AD47"
C_PENDING = "#ED7D31"
C_REMAIN = "#D9D9D9"
C_OVER = "#C00000"
LEVEL_COLOURS = {1: "#F4B6B6", 2: "#F8CBAD", 3: "#FFE699"}


def _n(v: Any) -> str:
    return "—" if v is None else f"{v:,.2f}"


def _pct(v: Any) -> str:
    return "—" if v is None else f"{v * 100:.1f}%"


def usage_chart(usages: list[Usage], metric: str, width: float, height: float, title: str):  # noqa: ANN201
    """Stacked bars per scope: assessed (net of green), green deduction, pending; a red tick marks the budget."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.graphics.shapes import Drawing, Line, String
    from reportlab.lib import colors

    from reviewer.pdf.fonts import SONG, plain_fallback

    d = Drawing(width, height, initialFontName=SONG)
    d.add(String(width / 2, height - 12, plain_fallback(title), fontName=SONG, fontSize=10, textAnchor="middle"))
    if not usages:
        d.add(String(width / 2, height / 2, "无数据", fontName=SONG, fontSize=9, textAnchor="middle"))
        return d
    ch = VerticalBarChart()
    ch.x, ch.y, ch.width, ch.height = 56, 46, width - 150, height - 80
    assessed = [float(u.assessed(metric)) for u in usages]
    green = [float(u.green[metric]) for u in usages]
    pending = [float(u.pending[metric]) for u in usages]
    ch.data = [assessed, green, pending]
    ch.categoryAxis.style = "stacked"
    ch.categoryAxis.categoryNames = [plain_fallback(u.label if u.scope != "district" else str(u.year))[:8] for u in usages]
    ch.categoryAxis.labels.fontName = SONG
    ch.categoryAxis.labels.fontSize = 7
    ch.categoryAxis.labels.angle = 30 if len(usages) > 4 else 0
    ch.categoryAxis.labels.boxAnchor = "ne" if len(usages) > 4 else "n"
    ch.valueAxis.labels.fontName = SONG
    ch.valueAxis.labels.fontSize = 7
    ch.valueAxis.labelTextFormat = lambda v: f"{v:,.0f}"
    budgets = [float(u.budget[metric]) for u in usages if u.budget.get(metric) is not None]
    top = max([a + g + p for a, g, p in zip(assessed, green, pending)] + budgets + [1.0])
    ch.valueAxis.valueMin, ch.valueAxis.valueMax = 0, top * 1.12
    for i, c in enumerate((C_ASSESSED, C_GREEN, C_PENDING)):
        ch.bars[i].fillColor = colors.HexColor(c)
        ch.bars[i].strokeColor = None
    ch.barSpacing = 2
    d.add(ch)
    # budget marks
    n = len(usages)
    step = ch.width / n
    for i, u in enumerate(usages):
        b = u.budget.get(metric)
        if b is None:
            continue
        y = ch.y + ch.height * float(b) / ch.valueAxis.valueMax
        x0, x1 = ch.x + step * i + step * 0.1, ch.x + step * (i + 1) - step * 0.1
        over = u.assessed(metric) + u.pending[metric] > b
        d.add(Line(x0, y, x1, y, strokeColor=colors.HexColor(C_OVER if over else "#000000"), strokeWidth=1.6,
                   strokeDashArray=None if over else [3, 2]))
    # legend
    lx = width - 88
    for k, (c, label) in enumerate(((C_ASSESSED, "已批计入考核"), (C_GREEN, "绿电绿证扣除"), (C_PENDING, "拟批"),
                                    ("#000000", "预算（虚线）"))):
        from reportlab.graphics.shapes import Rect

        yy = height - 40 - k * 14
        d.add(Rect(lx, yy, 8, 8, fillColor=colors.HexColor(c), strokeColor=None))
        d.add(String(lx + 12, yy + 1, label, fontName=SONG, fontSize=7))
    return d


class _Page:
    """Paragraph styles, the cell paragraph and the bordered table of the 台账 report."""

    def __init__(self) -> None:
        from reportlab.lib import colors
        from reportlab.lib.enums import TA_CENTER
        from reportlab.lib.styles import ParagraphStyle

        from reviewer.pdf.fonts import HEI, SONG

        self.colors = colors
        self.title = ParagraphStyle("t", fontName=HEI, fontSize=16, leading=22, alignment=TA_CENTER, spaceAfter=4)
        self.sub = ParagraphStyle("s", fontName=SONG, fontSize=9, leading=13, alignment=TA_CENTER,
                                  textColor=colors.grey)
        self.h = ParagraphStyle("h", fontName=HEI, fontSize=11.5, leading=16, spaceBefore=8, spaceAfter=4)
        self.body = ParagraphStyle("b", fontName=SONG, fontSize=9, leading=13)
        self.cell = ParagraphStyle("c", fontName=SONG, fontSize=7.5, leading=9.5)
        self.cell_r = ParagraphStyle("cr", parent=self.cell, alignment=2)  # numbers right-aligned
        self.warning = ParagraphStyle("w", parent=self.body, textColor=colors.HexColor("#C00000"))

    def P(self, t: Any, st: Any = None) -> Any:  # noqa: N802
        from reportlab.platypus import Paragraph

        from reviewer.pdf.fonts import SONG, fallback_markup

        return Paragraph(fallback_markup(str(t), SONG), st or self.body)

    def table(self, head: list[str], rows: list[list[Any]], widths: list[float], levels: list[int] | None = None) -> Any:
        from reportlab.platypus import Table, TableStyle

        from reviewer.pdf.fonts import SONG

        colors = self.colors
        numeric = lambda x: isinstance(x, str) and (x == "—" or x.lstrip("-").replace(",", "").replace(".", "").replace("%", "").isdigit())  # noqa: E731
        data = [[self.P(x, self.cell) for x in head]] + [[self.P(x, self.cell_r if numeric(x) else self.cell) for x in r]
                                                         for r in rows]
        t = Table(data, colWidths=widths, repeatRows=1)
        style = [("FONT", (0, 0), (-1, -1), SONG, 7.5), ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#A6A6A6")),
                 ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#D9E1F2")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                 ("ALIGN", (1, 1), (-1, -1), "RIGHT")]
        for i, lv in enumerate(levels or [], start=1):
            if lv:
                style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor(LEVEL_COLOURS[lv])))
        t.setStyle(TableStyle(style))
        return t


USAGE_HEAD = ["范围", "指标", "预算", "已批（总量）", "绿电绿证扣除", "计入考核", "拟批", "剩余", "占用率（含拟批）", "预警"]


def _usage_rows(view: LedgerView, us: list[Usage], first) -> tuple[list[list[Any]], list[int]]:  # noqa: ANN001
    rows, levels = [], []
    for u in us:
        lv = u.level(view.today)
        for k, m in enumerate(METRICS):
            rows.append([first(u) if k == 0 else "", METRIC_LABELS[m][0], _n(u.budget.get(m)), _n(u.used[m]),
                         _n(u.green[m]), _n(u.assessed(m)), _n(u.pending[m]), _n(u.remaining(m)), _pct(u.ratio(m)),
                         LEVEL_LABELS[lv][0] if k == 0 else ""])
            levels.append(lv)
    return rows, levels


def _usage_table(pg: _Page, view: LedgerView, us: list[Usage], first) -> Any:  # noqa: ANN001
    from reportlab.lib.units import mm

    widths = [38 * mm, 32 * mm, 24 * mm, 24 * mm, 24 * mm, 24 * mm, 22 * mm, 24 * mm, 20 * mm, 30 * mm]
    rows, levels = _usage_rows(view, us, first)
    return pg.table(USAGE_HEAD, rows, widths, levels)


def _grid(cells: list[list[Any]], widths: list[float]) -> Any:
    """A layout grid for charts side by side."""
    from reportlab.platypus import Table

    from reviewer.pdf.fonts import SONG

    return Table(cells, colWidths=widths, style=[("FONT", (0, 0), (-1, -1), SONG, 8)])


CHART_W_MM = 125


def _district_part(pg: _Page, view: LedgerView) -> list[Any]:
    """Title, the note on how the ledger counts, and 一、全区 by commissioning year with its two charts."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    story: list[Any] = [
        pg.P("松江区固定资产投资项目新增能耗与碳排放台账", pg.title),
        pg.P(f"截至 {view.today.isoformat()}　·　按项目投产年度计入　·　由 reviewer 自档案库生成", pg.sub),
        Spacer(1, 4 * mm),
        pg.P("说明：已批项目按现行有效的审查意见（含同意变更）计入其投产年度预算；失效或被替代的版本不再占用。"
             "能耗按当量值和等价值分列，外购绿电和绿证电量按电力折标系数单列扣除后计入考核（区级双碳工作要点第51项）；"
             "占用率 =（计入考核 + 拟批）/ 预算，预警等级取自 rules/parameters/ledger/rules.toml（晴雨表，未核实）。"),
    ]
    if any(u.budget_is_default for u in view.by_year):
        story.append(pg.P("注意：部分年度尚未录入区级预算，表中为缺省占位值（未核实），请以 reviewer ledger budget set "
                          "录入下达数值。", pg.warning))
    story.append(pg.P("一、全区（按投产年度）", pg.h))
    story.append(_usage_table(pg, view, view.by_year,
                              lambda u: f"{u.year} 年" + ("（缺省）" if u.budget_is_default else "")))
    story.append(Spacer(1, 3 * mm))
    chart_w = CHART_W_MM * mm
    charts = [usage_chart(view.by_year, m, chart_w, 62 * mm, f"全区{METRIC_LABELS[m][0]}（{METRIC_LABELS[m][2]}）")
              for m in METRICS[:2]]
    story.append(KeepTogether([_grid([charts], [chart_w + 6 * mm] * 2)]))
    return story


def _year_part(pg: _Page, view: LedgerView) -> list[Any]:
    """二、三、the selected year by town / park and by industry."""
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Spacer

    sel = view.year
    if sel is None:
        return []
    chart_w = CHART_W_MM * mm
    return [PageBreak(), pg.P(f"二、{sel} 年 按街镇/园区", pg.h),
            _usage_table(pg, view, view.by_town, lambda u: u.label), Spacer(1, 3 * mm),
            KeepTogether([_grid([[usage_chart(view.by_town, METRICS[0], chart_w, 66 * mm,
                                              f"{sel} 年各街镇/园区新增能耗（当量值，tce）"),
                                  usage_chart(view.by_industry, METRICS[0], chart_w, 66 * mm,
                                              f"{sel} 年各行业新增能耗（当量值，tce）")]],
                                [chart_w + 6 * mm] * 2)]),
            CondPageBreak(70 * mm), pg.P(f"三、{sel} 年 按行业", pg.h),
            _usage_table(pg, view, view.by_industry, lambda u: u.label)]


def _entries_part(pg: _Page, view: LedgerView) -> list[Any]:
    """四、warnings, 五、the active entries, 六、the projects in review."""
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, PageBreak

    story: list[Any] = []
    if view.warnings:
        story += [CondPageBreak(30 * mm), pg.P("四、预警", pg.h)]
        story += [pg.P(f"● {w.message_zh()}") for w in view.warnings]
    story += [PageBreak(), pg.P("五、有效台账记录", pg.h)]
    ehead = ["项目代码", "项目名称", "街镇/园区", "行业", "年度", "审查意见文号", "有效期至", "开工", "当量值 tce",
             "等价值 tce", "tCO2", "绿电绿证扣除 tce（当量）"]
    erows = [[e.project_code, e.project_name, e.town, e.industry_code, str(e.year), e.doc_number,
              e.valid_until.isoformat() if e.valid_until else "—",
              e.construction_started_on.isoformat() if e.construction_started_on else "未开工",
              _n(e.equivalent_tce), _n(e.equal_value_tce), _n(e.carbon_tco2), _n(e.green_deduction_equivalent_tce)]
             for e in view.entries]
    story.append(pg.table(ehead, erows, [36 * mm, 44 * mm, 26 * mm, 10 * mm, 11 * mm, 30 * mm, 18 * mm, 18 * mm,
                                         20 * mm, 20 * mm, 20 * mm, 20 * mm]))
    if view.pending:
        story.append(pg.P("六、拟批项目（审查中）", pg.h))
        story.append(pg.table(["项目代码", "项目名称", "街镇/园区", "年度", "当量值 tce（扣除绿电后）"],
                              [[p.code, p.name, p.town, str(p.year), _n(p.figures[METRICS[0]])] for p in view.pending],
                              [40 * mm, 80 * mm, 40 * mm, 20 * mm, 40 * mm]))
    return story


def _folio(canvas, doc) -> None:  # noqa: ANN001
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm

    from reviewer.pdf.fonts import SONG

    canvas.saveState()
    canvas.setFont(SONG, 8)
    canvas.drawCentredString(landscape(A4)[0] / 2, 8 * mm, f"— {doc.page} —")
    canvas.restoreState()


def export_pdf(session: Session, path: Path, *, year: int | None = None, today: date | None = None) -> Path:
    """The 台账 report (landscape A4): district by year, the selected year by town and industry, warnings, entries and
    the projects in review."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    from reviewer.pdf.fonts import SONG, register_fonts

    register_fonts()
    view: LedgerView = ledger_view(session, year=year, today=today)
    pg = _Page()
    story = _district_part(pg, view) + _year_part(pg, view) + _entries_part(pg, view)
    try:
        doc = SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                                topMargin=12 * mm, bottomMargin=14 * mm, title="松江区新增能耗与碳排放台账",
                                author="reviewer", subject=f"台账 截至 {view.today.isoformat()}",
                                initialFontName=SONG, initialFontSize=9)
        doc.build(story, onFirstPage=_folio, onLaterPages=_folio)
    except OSError as exc:
        raise UserError(f"无法写入 {path}：{exc.strerror}", f"Cannot write {path}: {exc.strerror}") from None
    return path
