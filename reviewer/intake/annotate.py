"""Annotated copy of a rejected workbook: each bad cell filled and commented, plus an 错误清单 (error list) sheet.

The reviewer sends this copy back to the applicant. The original file is never modified. The copy is loaded in
normal (not read-only) mode, which is slower, but only rejected files are annotated.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reviewer.errors import Problem
from reviewer.intake.layout import ERRORS_SHEET, INSTRUCTIONS_SHEET
from reviewer.intake.reader import LAYER_NAMES, layer_of

FILL_ERROR = PatternFill("solid", fgColor="FFC7CE")
FILL_WARNING = PatternFill("solid", fgColor="FFEB9C")
SEVERITY_ZH = {"error": "错误", "warning": "警告"}


def annotated_name(original: str) -> str:
    stem = Path(original).stem
    return f"{stem}-退回标注.xlsx"


def annotate(data: bytes, problems: list[Problem], out_path: Path, lang: str = "zh") -> Path | None:
    """Write the annotated copy to ``out_path``; returns it, or ``None`` when the file is not an openable workbook."""
    try:
        wb = load_workbook(io.BytesIO(data), keep_links=False)
    except Exception:  # noqa: BLE001 — the reader already reported why the file is unreadable
        return None
    by_cell: dict[tuple[str, str], list[Problem]] = {}
    for p in problems:
        if p.sheet and p.cell and p.sheet in wb.sheetnames and ":" not in p.cell:
            by_cell.setdefault((p.sheet, p.cell), []).append(p)
    for (sheet, cell), plist in by_cell.items():
        ws = wb[sheet]
        try:
            c = ws[cell]
        except (ValueError, IndexError):
            continue
        if type(c).__name__ == "MergedCell":
            continue
        worst = "error" if any(p.severity == "error" for p in plist) else "warning"
        c.fill = FILL_ERROR if worst == "error" else FILL_WARNING
        text = "\n".join(f"[{SEVERITY_ZH[p.severity]} {p.rule}] {p.message_zh if lang == 'zh' else p.message_en}"
                         for p in plist)
        comment = Comment(text[:2000], "审查系统")
        comment.width, comment.height = 320, min(60 + 40 * len(plist), 400)
        c.comment = comment
    if ERRORS_SHEET in wb.sheetnames:
        del wb[ERRORS_SHEET]
    ws = wb.create_sheet(ERRORS_SHEET, index=1 if INSTRUCTIONS_SHEET in wb.sheetnames else 0)
    headers = ["序号", "严重程度", "层级", "工作表", "单元格", "字段", "规则", "问题说明", "应为", "实为"]
    ws.append(headers)
    for i, p in enumerate(problems, start=1):
        ws.append([i, SEVERITY_ZH[p.severity], LAYER_NAMES[layer_of(p.rule)], p.sheet or "", p.cell or "",
                   p.field or "", p.rule, p.message_zh if lang == "zh" else p.message_en, p.expected or "",
                   p.found or ""])
        if p.sheet in wb.sheetnames and p.cell and ":" not in p.cell and p.sheet != ERRORS_SHEET:
            link = ws.cell(i + 1, 5)
            link.hyperlink = f"#'{p.sheet}'!{p.cell}"
            link.font = Font(color="0563C1", underline="single")
        ws.cell(i + 1, 2).fill = FILL_ERROR if p.severity == "error" else FILL_WARNING
    for col, w in enumerate((6, 9, 10, 14, 9, 22, 18, 70, 18, 24), start=1):
        ws.column_dimensions[get_column_letter(col)].width = w
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    for row in ws.iter_rows(min_row=2, min_col=8, max_col=8):
        for c in row:
            c.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    wb.active = wb.sheetnames.index(ERRORS_SHEET)
    for other in wb.worksheets:
        other.sheet_view.tabSelected = other.title == ERRORS_SHEET
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".part")
    wb.save(tmp)
    tmp.replace(out_path)
    return out_path
