"""Write the applicant workbook (``reviewer template``) and filled copies of it (``reviewer export``).

Everything is generated from ``forms/submission.toml`` via :mod:`reviewer.intake.layout`: sheets, labels, units,
dropdowns (long lists on a hidden list sheet behind named ranges), input prompts, number formats, column widths,
frozen panes, header protection (no password: applicants fill the unlocked cells, reviewers may unprotect) and a
very-hidden version stamp that the reader checks.

openpyxl does not enforce the data validation it writes; the reader re-checks every rule in code.
"""

from __future__ import annotations

import io
import re
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from reviewer import __version__
from reviewer.domain import model as m
from reviewer.intake.layout import (
    BOOL_FALSE, BOOL_TRUE, INSTRUCTIONS_SHEET, LISTS_SHEET, META_SHEET, NOTE_ROW, OBJ_HELP_COL, OBJ_LABEL_COL,
    OBJ_UNIT_COL, OBJ_VALUE_COL, OBJECT_HEADERS, TITLE_ROW, ObjectBlock, SheetLayout, TableBlock, display_map,
    display_value, field_label, layout, list_range_name, table_header,
)
from reviewer.submission.spec import FieldSpec, bound_text, spec

FONT = "等线"
C_TITLE = "1F3864"
C_HEADER_FILL = "DDEBF7"
C_BLOCK_FILL = "1F4E78"
C_INPUT_FILL = "FFFFFF"
C_LOCKED_FILL = "F2F2F2"
C_REQUIRED = "C00000"

_thin = Side(style="thin", color="A6A6A6")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
F_TITLE = Font(name=FONT, size=15, bold=True, color=C_TITLE)
F_NOTE = Font(name=FONT, size=9, italic=True, color="595959")
F_HEADER = Font(name=FONT, size=10, bold=True, color="1F1F1F")
F_BLOCK = Font(name=FONT, size=11, bold=True, color="FFFFFF")
F_BODY = Font(name=FONT, size=10)
F_LABEL_REQ = Font(name=FONT, size=10, bold=True, color=C_REQUIRED)
F_HELP = Font(name=FONT, size=9, color="595959")
FILL_HEADER = PatternFill("solid", fgColor=C_HEADER_FILL)
FILL_BLOCK = PatternFill("solid", fgColor=C_BLOCK_FILL)
FILL_LOCKED = PatternFill("solid", fgColor=C_LOCKED_FILL)
FILL_INPUT = PatternFill("solid", fgColor="FFFDE7")
LOCKED = Protection(locked=True)
UNLOCKED = Protection(locked=False)
WRAP = Alignment(wrap_text=True, vertical="center")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)

SHEET_NOTES = {
    "项目基本信息": "请在黄色单元格中填写；带 * 为必填项。数据中心项目另填下方“数据中心”部分，其他项目留空。",
    "能源消费": "每行一种能源品种。原料用能请在“用途”中选择“原料用能”；改扩建项目的现有装置用能请标注。",
    "产品与产值": "每行一种主要产品。各产品产值之和不应大于“项目基本信息”中的达产年工业总产值。",
    "建筑与光伏": "上方填写光伏（无光伏可留空），下方每行一栋建筑。自发自用电量不应大于年发电量。",
    "工业过程排放": "仅填写工业生产过程排放（非燃料燃烧）；无则留空。",
    "主要用能设备": "每行一类设备。能效等级按对应国家能效标准填写（1 级最优）。",
}


def number_format(f: FieldSpec) -> str:
    unit = f'" {f.unit}"' if f.unit else ""
    if f.type == "decimal":
        return f"#,##0.00##{unit}"
    if f.type == "integer":
        return f"0{unit}" if f.key in ("commissioning_year",) else f"#,##0{unit}"
    if f.type == "date":
        return "yyyy-mm-dd"
    return "@"


def _prompt(f: FieldSpec) -> tuple[str, str]:
    title = f.label[:32]
    parts = []
    if f.required:
        parts.append("必填。")
    kind = {"string": "文本", "decimal": "数值", "integer": "整数", "date": "日期，格式 YYYY-MM-DD",
            "boolean": "从下拉列表选择“是”或“否”", "enum": "从下拉列表选择"}[f.type]
    parts.append(kind + (f"，单位：{f.unit}" if f.unit else "") + "。")
    if f.min is not None and f.max is not None:
        parts.append(f"范围 {bound_text(f.min)}～{bound_text(f.max)}。")
    if f.max_length:
        parts.append(f"不超过 {f.max_length} 字。")
    if f.help:
        parts.append(f.help)
    parts.append(f"({f.label_en})")
    return title, "".join(parts)[:255]


def _validation(f: FieldSpec) -> DataValidation | None:
    title, prompt = _prompt(f)
    common = dict(showInputMessage=True, promptTitle=title, prompt=prompt, showErrorMessage=True,
                  errorTitle="输入无效", allow_blank=True)
    if f.type == "enum":
        dv = DataValidation(type="list", formula1=f"={list_range_name(f.list)}", errorStyle="stop",
                            error=f"请从下拉列表中选择“{f.label}”。", **common)
    elif f.type == "boolean":
        dv = DataValidation(type="list", formula1=f'"{BOOL_TRUE},{BOOL_FALSE}"', error="请选择“是”或“否”。", **common)
    elif f.type in ("decimal", "integer"):
        lo = "-1E+307" if f.min is None else f"{f.min:g}"
        hi = "1E+307" if f.max is None else f"{f.max:g}"
        dv = DataValidation(type="decimal" if f.type == "decimal" else "whole", operator="between", formula1=lo,
                            formula2=hi, error=f"请输入{bound_text(f.min)}～{bound_text(f.max)}之间的数值。" if f.min is not None and f.max is not None
                            else "请输入数值。", **common)
    elif f.type == "date":
        dv = DataValidation(type="date", operator="between", formula1="DATE(1990,1,1)", formula2="DATE(2100,12,31)",
                            error="请输入日期，格式 YYYY-MM-DD。", **common)
    elif f.type == "string" and f.max_length:
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(f.max_length),
                            error=f"不超过 {f.max_length} 字。", **common)
    else:
        dv = DataValidation(type=None, **common) if prompt else None
    return dv


_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")


def _put(cell, value: Any) -> None:  # noqa: ANN001
    """Write a value so that it reads back as itself: text starting with "=" stays text (not a formula), and a
    literal ``_xHHHH_`` is escaped the way Excel does (``_x005F_``), since the reader decodes such escapes."""
    if isinstance(value, str):
        value = _EXCEL_ESCAPE.sub(r"_x005F_\1", value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def _cell_value(f: FieldSpec, value: Any) -> Any:
    v = display_value(f, value)
    if isinstance(v, Decimal):
        # Excel holds IEEE doubles; write the shortest decimal text that reads back to the same number.
        return int(v) if v == v.to_integral_value() and abs(v) < 10**15 else float(v)
    if isinstance(v, datetime):
        return v.date()
    if isinstance(v, str) and v == "":
        return None
    return v


class TemplateWriter:
    """Builds one workbook; ``submission`` fills the data cells (export) or ``None`` leaves them blank (template)."""

    def __init__(self, submission: m.Submission | None = None, *, generated: datetime | None = None):
        self.sub = submission
        self.lay = layout()
        self.wb = Workbook()
        self.generated = generated or datetime.now(timezone.utc).replace(microsecond=0)

    def build(self) -> Workbook:
        wb = self.wb
        ws0 = wb.active
        ws0.title = INSTRUCTIONS_SHEET
        self._lists_sheet()
        for sl in self.lay.sheets:
            self._data_sheet(wb.create_sheet(sl.name), sl)
        self._instructions(ws0)
        self._meta_sheet()
        # _lists and _meta sit at the end, out of the applicant's way.
        wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames))
        wb.move_sheet(META_SHEET, offset=len(wb.sheetnames))
        wb.active = 1
        wb.properties.title = "节能审查与碳排放评价申报表"
        wb.properties.creator = f"reviewer {__version__}"
        wb.properties.subject = f"{self.lay.template_id} v{self.lay.form_version}"
        wb.properties.keywords = f"form_version={self.lay.form_version}"
        return wb

    # -- sheets ------------------------------------------------------------------------------------------------
    def _instructions(self, ws) -> None:  # noqa: ANN001
        ws.sheet_view.showGridLines = False
        ws.column_dimensions["A"].width = 4
        ws.column_dimensions["B"].width = 22
        ws.column_dimensions["C"].width = 80
        ws["B1"] = "节能审查与碳排放评价 申报数据表"
        ws["B1"].font = Font(name=FONT, size=18, bold=True, color=C_TITLE)
        ws["B2"] = "Energy-conservation review and carbon-emission evaluation — applicant workbook"
        ws["B2"].font = F_NOTE
        ws["B3"] = f"表单版本 {self.lay.form_version}　模板标识 {self.lay.template_id}　生成于 {self.generated:%Y-%m-%d}"
        ws["B3"].font = F_HELP
        rows = [
            ("填写须知", None),
            ("1", "请使用本模板填写，不要增删、重命名、隐藏工作表，不要修改表头或插入列。"),
            ("2", "黄色单元格为填写区；带 * 的项目为必填项；灰色单元格已锁定（工作表保护无密码，仅为防止误改表头）。"),
            ("3", "下拉项请从列表中选择；数值请直接填数字，不要带单位（单位见表头或“单位”列）；日期格式为 YYYY-MM-DD。"),
            ("4", "请勿使用公式、合并单元格或链接其他文件；如从其他表格粘贴，请使用“选择性粘贴—数值”。"),
            ("5", "统一社会信用代码为 18 位（系统会核对校验位）；项目代码以上海市投资项目在线审批监管平台赋码为准。"),
            ("6", "提交后系统逐格校验，如有问题将退回标注版工作簿，“错误清单”工作表列明每个单元格的问题。"),
            ("工作表", None),
        ]
        for sl in self.lay.sheets:
            secs = [b.section for b in sl.objects] + ([sl.table.section] if sl.table else [])
            desc = "；".join(f"{s.label}（{'逐项填写' if s.kind == 'object' else '每行一条'}）" for s in secs)
            rows.append((sl.name, desc))
        r = 5
        for a, b in rows:
            if b is None:
                c = ws.cell(r, 2, a)
                c.font = F_BLOCK
                c.fill = FILL_BLOCK
                ws.cell(r, 3).fill = FILL_BLOCK
                ws.row_dimensions[r].height = 20
            else:
                ws.cell(r, 2, a).font = F_HEADER
                ws.cell(r, 2).alignment = Alignment(horizontal="center" if a.isdigit() else "left", vertical="top")
                c = ws.cell(r, 3, b)
                c.font = F_BODY
                c.alignment = WRAP_TOP
                ws.row_dimensions[r].height = 30 if len(b) > 48 else 18
            r += 1
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        self._page(ws, landscape=False)

    def _lists_sheet(self) -> None:
        ws = self.wb.create_sheet(LISTS_SHEET)
        used = sorted({f.list for s in spec().sections for f in s.fields if f.type == "enum"})
        for col, name in enumerate(used, start=1):
            ws.cell(1, col, name)
            values = list(display_map(name).values())
            for i, v in enumerate(values, start=2):
                ws.cell(i, col, v)
            letter = get_column_letter(col)
            last = max(len(values) + 1, 2)
            ref = f"{quote_sheetname(LISTS_SHEET)}!${letter}$2:${letter}${last}"
            self.wb.defined_names[list_range_name(name)] = DefinedName(list_range_name(name), attr_text=ref)
        ws.sheet_state = "hidden"
        ws.protection.sheet = True

    def _meta_sheet(self) -> None:
        ws = self.wb.create_sheet(META_SHEET)
        rows = [("template_id", self.lay.template_id), ("form_version", self.lay.form_version),
                ("fingerprint", self.lay.fingerprint), ("generator", f"reviewer {__version__}"),
                ("generated", self.generated.isoformat())]
        for r, (k, v) in enumerate(rows, start=1):
            ws.cell(r, 1, k)
            ws.cell(r, 2, v)
        ws.sheet_state = "veryHidden"
        ws.protection.sheet = True
        self.wb.defined_names["reviewer_form_version"] = DefinedName(
            "reviewer_form_version", attr_text=f'"{self.lay.form_version}"', hidden=True)

    def _page(self, ws, landscape: bool) -> None:  # noqa: ANN001
        ws.page_setup.orientation = "landscape" if landscape else "portrait"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.oddFooter.center.text = "第 &P 页，共 &N 页"
        ws.oddFooter.center.size = 8

    def _data_sheet(self, ws, sl: SheetLayout) -> None:  # noqa: ANN001
        width = sl.width
        ws.sheet_view.zoomScale = 100
        title = ws.cell(TITLE_ROW, 1, sl.name)
        title.font = F_TITLE
        title.alignment = Alignment(vertical="center")
        ws.row_dimensions[TITLE_ROW].height = 28
        ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=width)
        note = ws.cell(NOTE_ROW, 1, SHEET_NOTES.get(sl.name, "请在黄色单元格中填写；带 * 为必填项。"))
        note.font = F_NOTE
        ws.merge_cells(start_row=NOTE_ROW, start_column=1, end_row=NOTE_ROW, end_column=width)
        for b in sl.objects:
            self._object_block(ws, b, width)
        if sl.table:
            self._table_block(ws, sl.table, width, has_objects=bool(sl.objects))
        if sl.table:
            widths = [max(12.0, min(34.0, _text_width(table_header(f)) + 4)) for f in sl.table.section.fields]
        else:
            widths = []
        obj_widths = [34.0, 30.0, 9.0, 58.0] if sl.objects else []
        for i in range(max(len(widths), len(obj_widths))):
            w = max(widths[i] if i < len(widths) else 0, obj_widths[i] if i < len(obj_widths) else 0)
            ws.column_dimensions[get_column_letter(i + 1)].width = w
        ws.freeze_panes = ws.cell(sl.freeze_row, 1)
        ws.protection.sheet = True
        ws.protection.formatColumns = False
        ws.protection.formatRows = False
        ws.protection.insertRows = False
        ws.protection.deleteRows = False
        ws.protection.sort = False
        ws.protection.autoFilter = False
        self._page(ws, landscape=sl.table is not None and sl.table.width > 5)
        ws.print_title_rows = f"{sl.freeze_row - 1}:{sl.freeze_row - 1}" if sl.table else None

    def _block_title(self, ws, row: int, text: str, width: int) -> None:  # noqa: ANN001
        for col in range(1, width + 1):
            c = ws.cell(row, col)
            c.fill = FILL_BLOCK
        c = ws.cell(row, 1, text)
        c.font = F_BLOCK
        c.alignment = Alignment(vertical="center")
        ws.row_dimensions[row].height = 20

    def _object_block(self, ws, b: ObjectBlock, width: int) -> None:  # noqa: ANN001
        sec = b.section
        self._block_title(ws, b.title_row, f"{sec.label}　{sec.label_en}", width)
        for col, (zh, en) in enumerate(OBJECT_HEADERS, start=1):
            c = ws.cell(b.header_row, col, zh)
            c.font, c.fill, c.border, c.alignment, c.protection = F_HEADER, FILL_HEADER, BORDER, CENTER, LOCKED
        record = getattr(self.sub, sec.key, None) if self.sub is not None else None
        for f in sec.fields:
            r = b.row_of(f.key)
            lab = ws.cell(r, OBJ_LABEL_COL, field_label(f))
            lab.font = F_LABEL_REQ if f.required else F_BODY
            lab.border, lab.alignment, lab.fill, lab.protection = BORDER, WRAP, FILL_LOCKED, LOCKED
            val = ws.cell(r, OBJ_VALUE_COL)
            if record is not None:
                _put(val, _cell_value(f, getattr(record, f.key)))
            val.font, val.border, val.fill, val.protection = F_BODY, BORDER, FILL_INPUT, UNLOCKED
            val.number_format = number_format(f)
            val.alignment = Alignment(horizontal="left" if f.type in ("string", "enum", "boolean") else "right",
                                      vertical="center", wrap_text=f.type == "string")
            unit = ws.cell(r, OBJ_UNIT_COL, f.unit or None)
            unit.font, unit.border, unit.fill, unit.protection = F_BODY, BORDER, FILL_LOCKED, LOCKED
            unit.alignment = CENTER
            help_text = f.help or f.label_en
            h = ws.cell(r, OBJ_HELP_COL, help_text)
            h.font, h.border, h.fill, h.alignment, h.protection = F_HELP, BORDER, FILL_LOCKED, WRAP, LOCKED
            for col in range(OBJ_HELP_COL + 1, width + 1):
                ws.cell(r, col).fill = FILL_LOCKED
            long_text = f.type == "string" and (f.max_length or 0) >= 200
            ws.row_dimensions[r].height = (48 if (f.max_length or 0) > 500 else 30) if (
                long_text or len(help_text) > 40 or len(f.label) > 16) else 18
            dv = _validation(f)
            if dv is not None:
                ws.add_data_validation(dv)
                dv.add(val.coordinate)

    def _table_block(self, ws, t: TableBlock, width: int, has_objects: bool) -> None:  # noqa: ANN001
        sec = t.section
        if t.title_row is not None:
            self._block_title(ws, t.title_row, f"{sec.label}　{sec.label_en}（最多 {sec.max_rows} 行）", width)
        for col, f in enumerate(sec.fields, start=1):
            c = ws.cell(t.header_row, col, f"{table_header(f)}\n{f.label_en}")
            c.font = Font(name=FONT, size=10, bold=True, color=C_REQUIRED if f.required else "1F1F1F")
            c.fill, c.border, c.alignment, c.protection = FILL_HEADER, BORDER, CENTER, LOCKED
            letter = get_column_letter(col)
            rng = f"{letter}{t.first_data_row}:{letter}{t.last_data_row}"
            # Column-wide style (written once as <col style=…>): unlocked, formatted input cells.
            cd = ws.column_dimensions[letter]
            cd.number_format = number_format(f)
            cd.protection = UNLOCKED
            cd.font = F_BODY
            dv = _validation(f)
            if dv is not None:
                ws.add_data_validation(dv)
                dv.add(rng)
        ws.row_dimensions[t.header_row].height = 42
        rows = getattr(self.sub, sec.key, None) if self.sub is not None else None
        for i, rec in enumerate(rows or []):
            r = t.first_data_row + i
            for col, f in enumerate(sec.fields, start=1):
                c = ws.cell(r, col)
                _put(c, _cell_value(f, getattr(rec, f.key)))
                c.number_format = number_format(f)
                c.protection = UNLOCKED
                c.font = F_BODY
                c.border = BORDER
        ws.auto_filter.ref = None


def _text_width(text: str) -> float:
    """Approximate Excel column width of ``text`` (CJK characters count double)."""
    first = text.split("\n", 1)[0]
    return sum(2.0 if ord(ch) > 0x2E80 else 1.1 for ch in first)


def build_workbook(submission: m.Submission | None = None, *, generated: datetime | None = None) -> Workbook:
    return TemplateWriter(submission, generated=generated).build()


def write_workbook(path: Path | io.BytesIO, submission: m.Submission | None = None, *,
                   generated: datetime | None = None) -> None:
    """Write the blank template (``submission=None``) or a filled workbook to ``path``."""
    wb = build_workbook(submission, generated=generated)
    wb.save(path)


def workbook_bytes(submission: m.Submission | None = None, *, generated: datetime | None = None) -> bytes:
    buf = io.BytesIO()
    write_workbook(buf, submission, generated=generated)
    return buf.getvalue()
