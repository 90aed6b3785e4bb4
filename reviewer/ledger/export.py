"""台账 export: a formatted workbook (openpyxl), CSV (entries, UTF-8 with BOM for Excel) and JSON.

The workbook has the entries (all statuses, totals row over the active ones), the budgets with their change
history, usage per year / town / industry (budget, approved gross, green deduction, assessed, pending, remaining,
ratio, warning level), change requests and acceptances. Header styles, number formats, frozen panes and filters are
set so the file can go to the commission as is. Totals are written as values (the workbook is a dated snapshot of
the archive), not formulas whose cached values other readers would not see.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from reviewer.archive.models import Opinion, Project
from reviewer.errors import UserError
from reviewer.ledger.acceptance import acceptances
from reviewer.ledger.budget import METRIC_LABELS, METRICS, budgets, history, scope_label
from reviewer.ledger.columns import (BUDGET_COLUMNS, BUDGET_SHEET, DATE, ENTRY_COLUMNS, ENTRY_SHEET, PCT, TCE,
                                     TOTAL_LABEL)
from reviewer.ledger.changes import CHANGE_TYPES, OUTCOMES, change_requests
from reviewer.ledger.entries import ACTIVE, ORIGIN_LABELS, STATUS_LABELS
from reviewer.rules.ledger import CONSEQUENCE_LABELS, LEVEL_LABELS
from reviewer.ledger.summary import (LedgerView, Usage, active_entries, all_entries, entry_dict, ledger_view,
                                     pending_projects, scopes_of_year)

LEVEL_FILL = {1: "F4B6B6", 2: "F8CBAD", 3: "FFE699"}


def _cell_value(col, e) -> Any:  # noqa: ANN001
    v = getattr(e, col.key)
    if col.kind == "status":
        return STATUS_LABELS.get(v, v)
    if col.kind == "origin":
        return ORIGIN_LABELS.get(v, v)
    if isinstance(v, datetime):
        return v.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
    return v


class _Look:
    """The workbook's shared styles (宋体, header fill, thin borders) and its header-row writer."""

    def __init__(self) -> None:
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self.head_font = Font(name="宋体", bold=True, color="FFFFFF")
        self.head_fill = PatternFill("solid", fgColor="305496")
        self.total_font = Font(name="宋体", bold=True)
        self.total_fill = PatternFill("solid", fgColor="E2EFDA")
        thin = Side(style="thin", color="A6A6A6")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.center = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.wrap_top = Alignment(wrap_text=True, vertical="top")

    def header(self, ws, row: int, titles: list[str], widths: list[int]) -> None:  # noqa: ANN001
        from openpyxl.utils import get_column_letter

        for i, (t, w) in enumerate(zip(titles, widths), start=1):
            c = ws.cell(row=row, column=i, value=t)
            c.font, c.fill, c.alignment, c.border = self.head_font, self.head_fill, self.center, self.border
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.row_dimensions[row].height = 32

    def rows(self, ws, rows, *, start: int = 2, number_format=None, alignment=None) -> None:  # noqa: ANN001
        """Write ``rows`` (lists of values) bordered; ``number_format(column, value)`` picks a cell's format."""
        for r, vals in enumerate(rows, start=start):
            for i, v in enumerate(vals, start=1):
                c = ws.cell(row=r, column=i, value=v)
                c.border = self.border
                if alignment is not None:
                    c.alignment = alignment
                fmt = number_format(i, v) if number_format else None
                if fmt:
                    c.number_format = fmt


def _entry_styles(wb, look: _Look) -> list[tuple[int, Any, str, str]]:  # noqa: ANN001
    """Named styles of the entry columns, active and inactive (one registration, then a name per cell: ≈10× faster
    than per-cell style objects): (column number, column, active style, inactive style)."""
    from openpyxl.styles import Font, NamedStyle

    styles: dict[tuple[str, bool], str] = {}
    for fmt in {c.fmt or "General" for c in ENTRY_COLUMNS}:
        for inactive in (False, True):
            name = f"ledger {fmt} {'inactive' if inactive else 'active'}"
            ns = NamedStyle(name=name, number_format=fmt, border=look.border,
                            font=Font(name="宋体", color="808080" if inactive else "000000"))
            if name not in wb.named_styles:
                wb.add_named_style(ns)
            styles[(fmt, inactive)] = name
    return [(i, col, styles[(col.fmt or "General", False)], styles[(col.fmt or "General", True)])
            for i, col in enumerate(ENTRY_COLUMNS, start=1)]


def _entries_sheet(wb, look: _Look, session: Session, year: int | None) -> None:  # noqa: ANN001
    """台账 entries, greyed when no longer active, with a totals row over the active ones."""
    from openpyxl.utils import get_column_letter

    ws = wb.active
    ws.title = ENTRY_SHEET
    entries = all_entries(session, year)
    look.header(ws, 1, [c.header for c in ENTRY_COLUMNS], [c.width for c in ENTRY_COLUMNS])
    col_styles = _entry_styles(wb, look)
    for r, e in enumerate(entries, start=2):
        inactive = e.status != ACTIVE
        for i, col, st_active, st_inactive in col_styles:
            c = ws.cell(row=r, column=i, value=_cell_value(col, e))
            c.style = st_inactive if inactive else st_active
    tr = len(entries) + 2
    ws.cell(row=tr, column=1, value=TOTAL_LABEL)
    active = [e for e in entries if e.status == ACTIVE]
    for i, col in enumerate(ENTRY_COLUMNS, start=1):
        c = ws.cell(row=tr, column=i)
        if col.kind == "number":
            c.value = float(round(sum((Decimal(str(getattr(e, col.key) or 0)) for e in active), Decimal(0)), 2))
            c.number_format = col.fmt
        c.font, c.fill, c.border = look.total_font, look.total_fill, look.border
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(ENTRY_COLUMNS))}{max(tr - 1, 1)}"


def _budget_sheets(wb, look: _Look, session: Session, year: int | None) -> None:  # noqa: ANN001
    """The budgets, and every change of them with who, when and why."""
    wsb = wb.create_sheet(BUDGET_SHEET)
    look.header(wsb, 1, [c.header for c in BUDGET_COLUMNS], [c.width for c in BUDGET_COLUMNS])
    look.rows(wsb, ([_cell_value(col, b) for col in BUDGET_COLUMNS] for b in budgets(session, year)),
              number_format=lambda i, v: BUDGET_COLUMNS[i - 1].fmt)
    wsb.freeze_panes = "B2"

    wsh = wb.create_sheet("预算变更记录")
    look.header(wsh, 1, ["修改时间(UTC)", "年度", "范围", "修改人", "理由", "修改前", "修改后"], [20, 8, 24, 12, 36, 48, 48])
    look.rows(wsh, ([ch.changed_at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S"), b.year,
                     scope_label(b.town, b.industry_code), ch.changed_by, ch.reason, _metrics_text(ch.before),
                     _metrics_text(ch.after)] for ch, b in history(session, year)), alignment=look.wrap_top)
    wsh.freeze_panes = "A2"


def _usage_sheets(wb, session: Session, view: LedgerView, year: int | None) -> None:  # noqa: ANN001
    """Usage per year, per town / park and per industry (every year, or the one asked for)."""
    _usage_sheet(wb, "年度汇总", view.by_year, view, first=("年度",), key=lambda u: (u.year,))
    all_town: list[Usage] = []
    all_ind: list[Usage] = []
    entries_all, pending = active_entries(session), pending_projects(session)
    for y in ([year] if year is not None else view.years):
        t, i = scopes_of_year(session, y, entries_all, pending)
        all_town += t
        all_ind += i
    _usage_sheet(wb, "街镇园区", all_town, view, first=("年度", "街镇/园区"), key=lambda u: (u.year, u.label))
    _usage_sheet(wb, "行业", all_ind, view, first=("年度", "行业"), key=lambda u: (u.year, u.label))


def _changes_sheet(wb, look: _Look, session: Session) -> None:  # noqa: ANN001
    """变更申请 (令第31号 第十八条) with their decisions."""
    wsc = wb.create_sheet("变更申请")
    look.header(wsc, 1, ["编号", "项目代码", "原审查意见文号", "变动类型", "申请日期", "状态", "决定日期", "决定人", "理由"],
                [6, 26, 22, 30, 12, 14, 12, 10, 36])
    look.rows(wsc, ([cr.id, session.get(Project, cr.project_id).code,
                     session.get(Opinion, cr.original_opinion_id).doc_number,
                     "、".join(CHANGE_TYPES.get(t, (t,))[0] for t in cr.change_types), cr.requested_on,
                     OUTCOMES.get(cr.status, ("待决定",))[0], cr.decided_on, cr.decided_by, cr.decision_reason]
                    for cr in change_requests(session)),
              number_format=lambda i, v: DATE if isinstance(v, date) else None)
    wsc.freeze_panes = "B2"


def _acceptance_row(session: Session, acc: Any) -> list[Any]:
    en = next((x for x in acc.comparison.get("rows", []) if x["metric"] == "energy_equivalent"), {})
    return [acc.id, session.get(Project, acc.project_id).code, acc.accepted_on, acc.regime, en.get("approved"),
            en.get("actual"), float(en["overrun_pct"]) if en.get("overrun_pct") else None,
            "超出" if acc.outcome == "overrun" else "符合", CONSEQUENCE_LABELS.get(acc.consequence, ("",))[0]]


def _acceptances_sheet(wb, look: _Look, session: Session) -> None:  # noqa: ANN001
    """验收记录 (令第31号 第二十一条): approved and actual 当量值, overrun and its consequence."""
    wsa = wb.create_sheet("验收记录")
    look.header(wsa, 1, ["编号", "项目代码", "验收日期", "适用办法", "批复当量值(tce)", "实际当量值(tce)", "超出比例(%)",
                         "结论", "后果"], [6, 26, 12, 24, 14, 14, 12, 10, 34])
    look.rows(wsa, (_acceptance_row(session, acc) for acc in acceptances(session)),
              number_format=lambda i, v: DATE if isinstance(v, date) else (
                  TCE if i in (5, 6) else ("0.00" if i == 7 else "General")))
    wsa.freeze_panes = "B2"


def export_xlsx(session: Session, path: Path, *, year: int | None = None, today: date | None = None) -> Path:
    """The 台账 workbook: entries, budgets and their history, usage by year / town / industry, change requests and
    acceptances (one sheet each)."""
    from openpyxl import Workbook

    today = today or date.today()
    view = ledger_view(session, year=year, today=today)
    wb = Workbook()
    look = _Look()
    _entries_sheet(wb, look, session, year)
    _budget_sheets(wb, look, session, year)
    _usage_sheets(wb, session, view, year)
    _changes_sheet(wb, look, session)
    _acceptances_sheet(wb, look, session)
    wb.properties.title = "松江区固定资产投资项目能耗与碳排放台账"
    wb.properties.creator = "reviewer"
    try:
        wb.save(path)
    except OSError as exc:
        raise UserError(f"无法写入 {path}：{exc.strerror}", f"Cannot write {path}: {exc.strerror}") from None
    return path


def _metrics_text(d: dict[str, Any]) -> str:
    if not d:
        return "（新建）"
    return "；".join(f"{METRIC_LABELS[m][0]} {d.get(m)}" for m in METRICS if d.get(m) is not None) or "—"


USAGE_PARTS = (("budget", "预算"), ("used", "已批（总量）"), ("green", "绿电绿证扣除"), ("assessed", "计入考核"),
               ("pending", "拟批"), ("remaining", "剩余"), ("ratio", "占用率(含拟批)"))


def usage_cells(u: Usage, m: str) -> list[Any]:
    f = lambda v: None if v is None else float(v)  # noqa: E731
    return [f(u.budget.get(m)), f(u.used[m]), f(u.green[m]), f(u.assessed(m)), f(u.pending[m]), f(u.remaining(m)),
            f(u.ratio(m))]


def _usage_sheet(wb, title: str, usages: list[Usage], view: LedgerView, *, first: tuple[str, ...], key) -> None:  # noqa: ANN001
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    thin = Side(style="thin", color="A6A6A6")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    head_font = Font(name="宋体", bold=True, color="FFFFFF")
    fills = [PatternFill("solid", fgColor=c) for c in ("305496", "548235", "BF8F00")]
    n0 = len(first)
    for i, t in enumerate(first + ("项目数", "预警等级"), start=1):
        ws.merge_cells(start_row=1, start_column=i, end_row=2, end_column=i)
        c = ws.cell(row=1, column=i, value=t)
        c.font, c.fill, c.alignment = head_font, fills[0], center
        ws.column_dimensions[get_column_letter(i)].width = 18 if i <= n0 else 12
    col = n0 + 3
    for k, m in enumerate(METRICS):
        ws.merge_cells(start_row=1, start_column=col, end_row=1, end_column=col + len(USAGE_PARTS) - 1)
        c = ws.cell(row=1, column=col, value=f"{METRIC_LABELS[m][0]}（{METRIC_LABELS[m][2]}）")
        c.font, c.fill, c.alignment = head_font, fills[k], center
        for j, (_, label) in enumerate(USAGE_PARTS):
            cc = ws.cell(row=2, column=col + j, value=label)
            cc.font, cc.alignment = Font(name="宋体", bold=True), center
            cc.fill = PatternFill("solid", fgColor="D9E1F2")
            ws.column_dimensions[get_column_letter(col + j)].width = 13
        col += len(USAGE_PARTS)
    ws.row_dimensions[2].height = 30
    r = 3
    for u in sorted(usages, key=key):
        lvl = u.level(view.today)
        vals: list[Any] = list(key(u)) + [u.projects, LEVEL_LABELS[lvl][0] + ("（缺省预算，未核实）" if u.budget_is_default else "")]
        for m in METRICS:
            vals += usage_cells(u, m)
        for i, v in enumerate(vals, start=1):
            c = ws.cell(row=r, column=i, value=v)
            c.border = border
            if i > n0 + 2:
                part = (i - n0 - 3) % len(USAGE_PARTS)
                c.number_format = PCT if USAGE_PARTS[part][0] == "ratio" else TCE
        if lvl:
            ws.cell(row=r, column=n0 + 2).fill = PatternFill("solid", fgColor=LEVEL_FILL[lvl])
        r += 1
    ws.freeze_panes = ws.cell(row=3, column=n0 + 1).coordinate


def export_csv(session: Session, path: Path, *, year: int | None = None) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow([c.header for c in ENTRY_COLUMNS])
    for e in all_entries(session, year):
        row = []
        for c in ENTRY_COLUMNS:
            v = _cell_value(c, e)
            row.append(v.isoformat() if isinstance(v, date) else ("" if v is None else v))
        w.writerow(row)
    path.write_text(buf.getvalue(), encoding="utf-8-sig")
    return path


def ledger_json(session: Session, *, year: int | None = None, today: date | None = None) -> dict[str, Any]:
    view = ledger_view(session, year=year, today=today)
    out = view.to_dict()
    out["entries"] = [entry_dict(e) for e in all_entries(session, year)]
    out["budgets"] = [{c.key: _cell_value(c, b) for c in BUDGET_COLUMNS} for b in budgets(session, year)]
    out["budget_changes"] = [{"changed_at": ch.changed_at.isoformat(), "year": b.year, "town": b.town,
                              "industry_code": b.industry_code, "changed_by": ch.changed_by, "reason": ch.reason,
                              "before": ch.before, "after": ch.after} for ch, b in history(session, year)]
    return out


def export_json(session: Session, path: Path, *, year: int | None = None, today: date | None = None) -> Path:
    path.write_text(json.dumps(ledger_json(session, year=year, today=today), ensure_ascii=False, indent=2,
                               default=str), encoding="utf-8")
    return path


def export(session: Session, path: Path, *, year: int | None = None, today: date | None = None) -> Path:
    """Export by file suffix: .xlsx, .csv, .json or .pdf."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return export_xlsx(session, path, year=year, today=today)
    if suffix == ".csv":
        return export_csv(session, path, year=year)
    if suffix == ".json":
        return export_json(session, path, year=year, today=today)
    if suffix == ".pdf":
        from reviewer.ledger.report_pdf import export_pdf

        return export_pdf(session, path, year=year, today=today)
    raise UserError(f"不支持的导出格式 {suffix}：请使用 .xlsx、.csv、.json 或 .pdf。",
                    f"Unsupported export format {suffix}: use .xlsx, .csv, .json or .pdf.")
