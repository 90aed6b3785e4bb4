"""Read and validate one applicant workbook, reporting every problem at once with its cell.

Layers, in the order problems are listed: structure (container, sheets, version stamp, headers, merged cells,
formulas, row limits) → types → ranges → logic inside a row → logic across sheets → reference lists and codes.
A structural problem that makes cell positions meaningless (wrong template version, a moved header) stops the
reading of the affected part only; everything else is still checked so the applicant gets one complete list.

Reads values with python-calamine (.xlsx, .xls, .ods: a Rust parser, ~20× openpyxl ``read_only``). What values do
not show is read from the package parts that hold it, and only those: hidden sheets from the workbook's sheet list,
merged ranges and formulas without a cached value from the one sheet part being read (a regex scan of that XML; no
DOM), VBA parts and size limits from the zip directory before any parsing (``container.py``). For .xls only what
calamine exposes is checked (visibility, merges); formulas there are taken by their cached value. openpyxl is used
only to write the template and annotated copies.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import python_calamine
from reviewer.intake.a1 import get_column_letter, range_boundaries

from reviewer.domain import model as m
from reviewer.errors import Problem
from reviewer.intake.container import Container, formula_cells, merged_ranges, open_container, sheet_parts
from reviewer.intake.layout import (
    INSTRUCTIONS_SHEET, LISTS_SHEET, META_SHEET, OBJ_LABEL_COL, OBJ_VALUE_COL, Layout, ObjectBlock,
    SheetLayout, TableBlock, field_label, header_key, intake_config, layout, limit, table_header,
)
from reviewer.intake.normalise import normalise
from reviewer.submission.parse import build_record, convert_value, logic_problems
from reviewer.submission.spec import FieldSpec, spec

_VISIBILITY = {"SheetVisibleEnum.Hidden": "hidden", "SheetVisibleEnum.VeryHidden": "veryHidden"}


@cache
def _hygiene() -> tuple[str, str, frozenset[str], re.Pattern[str]]:
    cfg = intake_config()["text_hygiene"]
    zw, bidi = "".join(cfg["zero_width"]), "".join(cfg["bidi_controls"])
    # One scan of the cell text for any of them (the common case: none), compiled once per process.
    return zw, bidi, frozenset(cfg["refuse_bidi_in"]), re.compile(f"[{re.escape(zw + bidi)}]" if zw + bidi else "(?!)")


@lru_cache(maxsize=4096)
def _expected_key(text: str) -> str:
    """``header_key`` of a template label or header (the same few hundred texts in every workbook)."""
    return header_key(text)


def _refuse_bidi_in() -> frozenset[str]:
    return _hygiene()[2]


def _text_hygiene(s: str) -> tuple[str, set[str]]:
    """``s`` without zero-width and bidi control characters (the same object when it had none), and the bidi
    controls it held."""
    zw, bidi, _, any_of = _hygiene()
    if any_of.search(s) is None:
        return s, set()
    found = {ch for ch in s if ch in bidi}
    return "".join(ch for ch in s if ch not in zw and ch not in bidi), found


def load_values(data: bytes) -> python_calamine.CalamineWorkbook:
    """Open a workbook's values with python-calamine (xlsx, xls, ods). Called only after the container checks."""
    return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))


class _UnreadableCell(ValueError):
    """A stored cell value no spreadsheet program writes (e.g. a numeric cell holding NaN)."""

    def __init__(self, cell: str):
        super().__init__(cell)
        self.cell = cell

_LAYERS = {
    "X": 0,  # structure
    "F-TYPE": 1, "F-REQUIRED": 1, "F-CTRL": 1, "F-BIDI": 1, "F-LENGTH": 1, "N": 1,
    "F-RANGE": 2,
    "L": 3, "R": 3,
    "L-OUTPUT-SUM": 4, "B": 4,  # across sheets / across the batch
    "F-ENUM": 5, "F-CREDIT-CODE": 5, "F-PROJECT-CODE": 5, "A": 5,  # reference lists, codes, archive
}
LAYER_NAMES = ("结构", "类型", "范围", "行内逻辑", "跨表逻辑", "参照表与编码")


def layer_of(rule: str) -> int:
    if rule in _LAYERS:
        return _LAYERS[rule]
    return _LAYERS.get(rule.split("-", 1)[0], 1)


@dataclass
class ReadResult:
    """Outcome of reading one workbook: the submission when there is no error, and every problem found."""

    file: str
    sha256: str
    submission: m.Submission | None
    problems: list[Problem] = field(default_factory=list)
    readable: bool = True  # False when the file could not be opened as a workbook at all (no annotation possible)
    prepared: Any = None  # services.Prepared, filled by a batch reader process (assessment done off the writer)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ok(self) -> bool:
        return self.submission is not None and not self.errors


def _cell_sort_key(cell: str | None) -> tuple[int, int]:
    if not cell:
        return (0, 0)
    mm = re.match(r"^([A-Z]{1,3})(\d+)$", cell)
    if not mm:
        return (0, 0)
    col = 0
    for ch in mm.group(1):
        col = col * 26 + ord(ch) - 64
    return (int(mm.group(2)), col)


def sort_problems(problems: list[Problem], lay: Layout | None = None) -> list[Problem]:
    lay = lay or layout()
    order = {s.name: i + 1 for i, s in enumerate(lay.sheets)}
    return sorted(problems, key=lambda p: (layer_of(p.rule), order.get(p.sheet or "", 0), _cell_sort_key(p.cell)))


class _SheetReader:
    """Reads the cells of one data sheet into records, collecting problems."""

    def __init__(self, wr: "WorkbookReader", sl: SheetLayout, rows: list[tuple], formulas: dict[str, bool],
                 merges: list[str]):
        self.wr, self.sl, self.rows = wr, sl, rows
        self.formulas = formulas
        self.merges = [range_boundaries(r) for r in merges]

    def value(self, row: int, col: int) -> Any:
        if row - 1 < len(self.rows):
            r = self.rows[row - 1]
            if col - 1 < len(r):
                return r[col - 1]
        return None

    def problem(self, rule: str, zh: str, en: str, row: int | None, col: int | None, **kw) -> Problem:
        cell = f"{get_column_letter(col)}{row}" if row and col else None
        p = Problem(rule=rule, message_zh=zh, message_en=en, file=self.wr.file, sheet=self.sl.name, cell=cell, **kw)
        self.wr.problems.append(p)
        return p

    def merged_at(self, row: int, col: int) -> str | None:
        for (c1, r1, c2, r2) in self.merges:
            if r1 <= row <= r2 and c1 <= col <= c2:
                return f"{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"
        return None

    def field_value(self, f: FieldSpec, row: int, col: int, section: str = "") -> tuple[Any, bool]:
        """(converted value, ok) for one cell; problems recorded with their cell."""
        addr = f"{get_column_letter(col)}{row}"
        raw = self.value(row, col)
        if isinstance(raw, str):
            original = raw
            raw, bidi = _text_hygiene(raw)
            if bidi and f"{section}.{f.key}" in _refuse_bidi_in():
                names = "、".join(f"U+{ord(ch):04X}" for ch in sorted(bidi))
                self.problem("F-BIDI", f"{f.label}：单元格 {addr} 含有双向文字控制字符（{names}），可使名称显示得与实际内容不同。"
                             "请删除该单元格内容后重新输入（不要从网页或聊天软件粘贴）。",
                             f"{f.label_en}: cell {addr} holds bidirectional control characters ({names}) that can make "
                             "the name display differently from what is stored; retype it.", row, col, field=f.key,
                             found=names)
                return None, False
            if bidi or raw is not original:
                self.problem("N-INVISIBLE", f"{f.label}：已删除不可见字符（零宽字符或双向文字控制字符）。",
                             f"{f.label_en}: invisible characters (zero-width or bidi controls) removed.", row, col,
                             field=f.key, severity="warning")
        rng = self.merged_at(row, col) if self.merges else None
        if rng is not None:
            self.problem("X-MERGED", f"{f.label}：单元格 {addr} 位于合并单元格 {rng} 中。填写区不能合并单元格，请取消合并后分别填写。",
                         f"{f.label_en}: cell {addr} is inside merged range {rng}; unmerge it.", row, col, field=f.key,
                         found=rng)
            return None, False
        if self.formulas and addr in self.formulas:
            if not self.formulas[addr]:
                self.problem("X-FORMULA", f"{f.label}：单元格含公式但没有计算结果（可能未在 Excel 中重新计算）。请改为直接填写数值。",
                             f"{f.label_en}: the cell holds a formula with no cached value; enter the value itself.",
                             row, col, field=f.key)
                return None, False
            self.problem("N-FORMULA", f"{f.label}：单元格含公式，已采用其计算结果 {raw}。建议改为直接填写数值。",
                         f"{f.label_en}: formula cell; its cached result {raw} was used.", row, col, field=f.key,
                         severity="warning", found=str(raw))
        value, notes = normalise(f, raw)
        if not notes and value is None and not f.required:  # a blank optional cell: nothing to convert or report
            return f.default, True
        where = {"file": self.wr.file, "sheet": self.sl.name, "cell": addr}
        for rule, zh, en in notes:
            self.wr.problems.append(Problem(rule=rule, message_zh=f"{f.label}：{zh}", message_en=f"{f.label_en}: {en}",
                                            severity="warning", field=f.key, found=str(raw)[:80], **where))
        converted, probs = convert_value(f, value, where)
        if not probs:
            return converted, True
        self.wr.problems.extend(probs)
        return converted, not any(p.severity == "error" for p in probs)

    # -- blocks ------------------------------------------------------------------------------------------------
    def read_object(self, b: ObjectBlock) -> tuple[dict[str, Any] | None, bool]:
        sec = b.section
        for f in sec.fields:
            r = b.row_of(f.key)
            found = header_key(self.value(r, OBJ_LABEL_COL))
            if found != _expected_key(field_label(f)):
                self.problem("X-LABEL", f"“{self.sl.name}”第 {r} 行应为“{field_label(f)}”，实为“{found or '（空）'}”。"
                             "请勿插入、删除或移动模板的行。",
                             f"Row {r} of {self.sl.name} should be {f.label_en!r}; rows were inserted, deleted or moved.",
                             r, OBJ_LABEL_COL, field=f.key, expected=field_label(f), found=found or None)
                return None, False
        if sec.optional and all(self._blank(self.value(b.row_of(f.key), OBJ_VALUE_COL)) for f in sec.fields):
            return None, True
        values: dict[str, Any] = {}
        ok = True
        for f in sec.fields:
            v, good = self.field_value(f, b.row_of(f.key), OBJ_VALUE_COL, sec.key)
            values[f.key] = v
            ok = ok and good
        return values, ok

    def read_table(self, t: TableBlock) -> tuple[list[dict[str, Any]], list[int], bool]:
        sec = t.section
        for col, f in enumerate(sec.fields, start=1):
            found = header_key(self.value(t.header_row, col))
            if found != _expected_key(table_header(f)):
                self.problem("X-HEADER", f"“{self.sl.name}”表头第 {col} 列应为“{table_header(f)}”，实为“{found or '（空）'}”。"
                             "请勿修改表头、插入或删除列。",
                             f"Header column {col} of {self.sl.name} should be {f.label_en!r}; do not edit headers or columns.",
                             t.header_row, col, field=f.key, expected=table_header(f), found=found or None)
                return [], [], False
        records: list[dict[str, Any]] = []
        rows_used: list[int] = []
        ok = True
        last = t.last_data_row
        width = t.width
        for r in range(t.first_data_row, len(self.rows) + 1):
            row = self.rows[r - 1]
            if all(self._blank(v) for v in row[:width]):
                if any(not self._blank(v) for v in row[width:]):
                    self._extra_data(r, row, width)
                continue
            if r > last:
                self.problem("X-ROWS", f"“{sec.label}”最多 {sec.max_rows} 行，第 {r} 行起超出上限。请精简或合并后提交。",
                             f"{sec.label_en} allows at most {sec.max_rows} rows; row {r} is beyond the limit.", r, 1,
                             expected=f"≤{sec.max_rows}", found=str(r - t.first_data_row + 1))
                ok = False
                break
            values: dict[str, Any] = {}
            row_ok = True
            for col, f in enumerate(sec.fields, start=1):
                v, good = self.field_value(f, r, col, sec.key)
                values[f.key] = v
                row_ok = row_ok and good
            if any(not self._blank(v) for v in row[width:]):
                self._extra_data(r, row, width)
            if row_ok:
                records.append(values)
                rows_used.append(r)
            ok = ok and row_ok
        if self.wr.rows_truncated.get(self.sl.name):
            self.problem("X-ROWS", f"“{self.sl.name}”在第 {self.wr.rows_truncated[self.sl.name]} 行以下仍有内容，超出可读取范围。",
                         f"{self.sl.name} has content below row {self.wr.rows_truncated[self.sl.name]}.",
                         self.wr.rows_truncated[self.sl.name], 1)
            ok = False
        return records, rows_used, ok

    def _extra_data(self, r: int, row: tuple, width: int) -> None:
        for c in range(width, len(row)):
            if not self._blank(row[c]):
                self.problem("X-EXTRA-DATA", f"第 {r} 行在模板列之外（{get_column_letter(c + 1)} 列）有内容，该内容不会被导入。",
                             f"Row {r} has content outside the template's columns ({get_column_letter(c + 1)}); it is ignored.",
                             r, c + 1, severity="warning", found=str(row[c])[:80])
                return

    @staticmethod
    def _blank(v: Any) -> bool:
        return v is None or (isinstance(v, str) and not v.strip())


class WorkbookReader:
    """One workbook → :class:`ReadResult`. Not thread-safe; create one per file."""

    def __init__(self, data: bytes, file: str):
        self.data, self.file = data, file
        self.lay = layout()
        self.problems: list[Problem] = []
        self.rows_truncated: dict[str, int] = {}
        self.stamp_fingerprint: str | None = None

    def p(self, rule: str, zh: str, en: str, **kw) -> Problem:
        pr = Problem(rule=rule, message_zh=zh, message_en=en, file=self.file, **kw)
        self.problems.append(pr)
        return pr

    def read(self) -> ReadResult:
        digest = hashlib.sha256(self.data).hexdigest()
        container, problems = open_container(self.data, self.file)
        if container is None:
            return ReadResult(self.file, digest, None, problems, readable=False)
        try:
            wb = load_values(self.data)
        except Exception as exc:  # noqa: BLE001 — calamine raises its own and Rust-side errors on damaged files
            container.close()
            if container.kind == "xls":
                return ReadResult(self.file, digest, None, [Problem(
                    "X-XLS", "这是旧版 Excel 97-2003 格式（.xls），但内容无法读取（可能已损坏或不是本系统模板另存的文件）。"
                    "请在 Excel/WPS 中“另存为 .xlsx”后重新提交。",
                    f"This legacy .xls workbook cannot be read ({exc.__class__.__name__}); save it as .xlsx.",
                    file=self.file, expected="xlsx", found="xls")], readable=False)
            return ReadResult(self.file, digest, None, [Problem(
                "X-CORRUPT", "工作簿内容已损坏或不是标准的 Excel 格式，无法读取。请用 Excel/WPS 打开后重新保存为 .xlsx。",
                f"The workbook content is damaged or non-standard and cannot be read ({exc.__class__.__name__}).",
                file=self.file)], readable=False)
        try:
            sub = self._read_open(wb, container)
        finally:
            wb.close()
            container.close()
        if self.stamp_fingerprint and self.stamp_fingerprint != self.lay.fingerprint and any(
                p.rule in ("X-LABEL", "X-HEADER") for p in self.problems):
            self.p("X-TEMPLATE-OUTDATED", "该工作簿由旧版模板生成，表格结构已更新（行列位置不同）。请下载最新模板，把数据转填后重新提交。",
                   "The workbook was made from an older template whose layout has since changed; use the current template.",
                   sheet=META_SHEET, expected=self.lay.fingerprint, found=self.stamp_fingerprint)
        cap = limit("max_problems_per_file")
        problems = sort_problems(self.problems, self.lay)
        if len(problems) > cap:
            problems = problems[:cap] + [Problem("X-TOO-MANY", f"问题超过 {cap} 处，其余未列出。请核对是否使用了正确的模板。",
                                                 f"More than {cap} problems; the rest are not listed.", file=self.file)]
        has_error = any(p.severity == "error" for p in problems)
        return ReadResult(self.file, digest, None if has_error else sub, problems)

    # -- structure -------------------------------------------------------------------------------------------

    def _sheet_damaged(self, sl: Any, good: dict[str, bool]) -> None:
        """A sheet whose compressed data is damaged (bad CRC, broken deflate stream): the whole file is reported
        damaged, in the same words as a workbook that cannot be opened at all (what openpyxl's eager load said)."""
        if not any(p.rule == "X-CORRUPT" for p in self.problems):
            self.p("X-CORRUPT", "工作簿内容已损坏或不是标准的 Excel 格式，无法读取。请用 Excel/WPS 打开后重新保存为 .xlsx。",
                   f"The workbook content is damaged (sheet {sl.name!r} fails its checksum) and cannot be read.")
        self._unusable(sl, good)

    @staticmethod
    def _unusable(sl: Any, good: dict[str, bool]) -> None:
        for b in sl.objects:
            good[b.section.key] = False
        if sl.table:
            good[sl.table.section.key] = False

    def _read_open(self, wb: python_calamine.CalamineWorkbook, container: Container) -> m.Submission | None:
        names = list(wb.sheet_names)
        expected = [s.name for s in self.lay.sheets]
        parts = sheet_parts(container.zf) if container.kind == "xlsx" else {}
        try:
            stamp_ok = self._stamp(wb, names)
        except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, SyntaxError, python_calamine.CalamineError):
            self.p("X-CORRUPT", "工作簿的模板标识部分已损坏，无法读取。请用 Excel/WPS 重新保存后提交。",
                   "The workbook's template stamp is damaged and cannot be read.", sheet=META_SHEET)
            return None
        if stamp_ok is False:
            return None
        for name in expected:
            if name not in names:
                self.p("X-SHEET-MISSING", f"缺少工作表“{name}”。请使用本系统模板，不要删除或重命名工作表。",
                       f"Sheet {name!r} is missing; do not delete or rename sheets.", sheet=name, expected=name)
        allowed = set(expected) | {INSTRUCTIONS_SHEET, LISTS_SHEET, META_SHEET}
        for meta in wb.sheets_metadata:
            if meta.name not in allowed:
                self.p("X-SHEET-EXTRA", f"多出工作表“{meta.name}”，其内容不会被导入。请删除该工作表，把数据填入模板对应的工作表。",
                       f"Extra sheet {meta.name!r}: its content would not be imported; remove it.", sheet=meta.name,
                       found=meta.name)
            elif meta.name in expected and meta.visible != python_calamine.SheetVisibleEnum.Visible:
                state = _VISIBILITY.get(str(meta.visible), "hidden")
                self.p("X-SHEET-HIDDEN", f"工作表“{meta.name}”被隐藏。请取消隐藏并核对其内容后再提交。",
                       f"Sheet {meta.name!r} is hidden; unhide it and check its content.", sheet=meta.name,
                       found=state)
        if container.kind == "ods":
            self._ods_hidden(container.zf, names, expected)
        if container.zf is not None and _has_dtd(container.zf, self.data):
            # Excel, WPS and LibreOffice never write a DTD: entity tricks (billion laughs, XXE) are refused before
            # any parser could expand or resolve them; nothing of the file is read further.
            self.p("X-CORRUPT", "工作簿内容已损坏或不是标准的 Excel 格式（含有文档类型定义 DTD），无法读取。请用 Excel/WPS "
                   "打开后重新保存为 .xlsx。", "The workbook contains an XML document type definition (DTD) and is refused.")
            return None
        parsed: dict[str, Any] = {}
        good: dict[str, bool] = {}
        rows_of: dict[str, list[int]] = {}
        max_scan = limit("max_scan_rows")
        for sl in self.lay.sheets:
            if sl.name not in names:
                self._unusable(sl, good)
                continue
            width = sl.width + 4
            xml = b""
            if container.kind == "xlsx":
                try:
                    # Only this sheet's part, for what values alone do not show: formulas without a cached value.
                    xml = container.zf.read(parts[sl.name]) if sl.name in parts else b""
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError):  # bad CRC, damaged deflate
                    self._sheet_damaged(sl, good)
                    continue
            try:
                ws = wb.get_sheet_by_name(sl.name)
                rows = self._sheet_rows(ws, sl.name, width, max_scan)
                merges = self._merges(ws, xml, container.kind)
            except (zipfile.BadZipFile, zlib.error, EOFError, python_calamine.ZipError):
                self._sheet_damaged(sl, good)
                continue
            except (_UnreadableCell, ValueError, TypeError, KeyError, IndexError, OverflowError,
                    python_calamine.CalamineError) as exc:
                cell = bad_number_cell(xml) if xml else getattr(exc, "cell", None)
                self.p("X-CELL-UNREADABLE", f"工作表“{sl.name}”中{f'单元格 {cell} ' if cell else ''}的内容不是有效的 Excel 数据，"
                       "无法读取（文件可能由非标准软件生成）。请在 Excel/WPS 中重新填写该单元格并保存。",
                       f"Sheet {sl.name!r}{f' cell {cell}' if cell else ''} holds invalid data ({exc.__class__.__name__}).",
                       sheet=sl.name, cell=cell)
                self._unusable(sl, good)
                continue
            formulas = formula_cells(xml) if xml else {}
            sr = _SheetReader(self, sl, rows, formulas, self._own_merges_removed(sl, merges))
            for b in sl.objects:
                values, ok = sr.read_object(b)
                parsed[b.section.key], good[b.section.key] = values, ok
            if sl.table:
                recs, used, ok = sr.read_table(sl.table)
                parsed[sl.table.section.key], good[sl.table.section.key] = recs, ok
                rows_of[sl.table.section.key] = used
        return self._assemble(parsed, good, rows_of)

    @staticmethod
    def _merges(ws: python_calamine.CalamineSheet, xml: bytes, kind: str) -> list[str]:
        if kind == "xlsx":
            return merged_ranges(xml)
        out = []
        for (r1, c1), (r2, c2) in ws.merged_cell_ranges or ():
            out.append(f"{get_column_letter(c1 + 1)}{r1 + 1}:{get_column_letter(c2 + 1)}{r2 + 1}")
        return out

    def _ods_hidden(self, zf: zipfile.ZipFile, names: list[str], expected: list[str]) -> None:
        """ODS keeps a hidden sheet as a table style with ``table:display="false"`` (ODF 1.2 §19.1.1.5 / 17.15)."""
        try:
            content = zf.read("content.xml")
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, KeyError):
            return
        hidden_styles = set(re.findall(rb'<style:style style:name="([^"]+)" style:family="table"[^>]*>'
                                       rb'<style:table-properties[^>]*table:display="false"', content))
        if not hidden_styles:
            return
        for mm in re.finditer(rb'<table:table table:name="([^"]+)" table:style-name="([^"]+)"', content):
            name = mm.group(1).decode("utf-8", "replace")
            if name in expected and mm.group(2) in hidden_styles and not any(
                    p.rule == "X-SHEET-HIDDEN" and p.sheet == name for p in self.problems):
                self.p("X-SHEET-HIDDEN", f"工作表“{name}”被隐藏。请取消隐藏并核对其内容后再提交。",
                       f"Sheet {name!r} is hidden; unhide it and check its content.", sheet=name, found="hidden")

    def _sheet_rows(self, ws: python_calamine.CalamineSheet, name: str, width: int, max_scan: int) -> list[tuple]:
        raw = ws.to_python(skip_empty_area=False, nrows=max_scan)
        end = ws.end
        if end is not None and end[0] + 1 > max_scan:
            self.rows_truncated[name] = max_scan
        rows: list[tuple] = []
        for i, row in enumerate(raw, start=1):
            out = []
            for j, v in enumerate(row[:width]):
                if v == "":
                    v = None
                elif isinstance(v, float):
                    if v != v:  # NaN: no Excel value; the file was made by non-standard software
                        raise _UnreadableCell(f"{get_column_letter(j + 1)}{i}")
                    if v.is_integer() and abs(v) < 2 ** 53:
                        v = int(v)  # calamine returns every number as float; Excel stores 10 as "10"
                out.append(v)
            rows.append(tuple(out))
        return rows

    def _own_merges_removed(self, sl: SheetLayout, merges: list[str]) -> list[str]:
        """The template itself merges the title and note rows; only other merges concern the reader."""
        out = []
        for rng in merges:
            c1, r1, c2, r2 = range_boundaries(rng)
            if r2 <= 2 and r1 >= 1:
                continue
            out.append(rng)
        return out

    def _stamp(self, wb: python_calamine.CalamineWorkbook, names: list[str]) -> bool | None:
        """True: stamp matches; None: no stamp (continue, headers decide); False: wrong version (stop)."""
        if META_SHEET not in names:
            self.p("X-STAMP", "工作簿缺少模板标识，不是用本系统“reviewer template”生成的申报模板（或已被另存为新工作簿）。请使用最新模板填写。",
                   "The workbook has no template stamp; it was not made from the reviewer template.", sheet=META_SHEET)
            return None
        meta: dict[str, str] = {}
        for row in wb.get_sheet_by_name(META_SHEET).to_python(skip_empty_area=False, nrows=20):
            if len(row) >= 1 and row[0] not in (None, ""):
                v = row[1] if len(row) > 1 else ""
                if isinstance(v, float) and v.is_integer():
                    v = int(v)
                meta[str(row[0])] = "" if v in (None, "") else str(v)
        self.stamp_fingerprint = meta.get("fingerprint")
        if meta.get("template_id") != self.lay.template_id:
            self.p("X-STAMP", "模板标识不符，不是本系统的申报模板。请使用“reviewer template”生成的模板填写。",
                   "Template id does not match; not a reviewer template.", sheet=META_SHEET, cell="B1",
                   expected=self.lay.template_id, found=meta.get("template_id"))
            return False
        old = meta.get("form_version")
        if old != self.lay.form_version and old in spec().accepted_versions:
            # A workbook of an older accepted form version: read it with that version's layout (issue 12).
            self.lay = layout(old)
            return True
        if meta.get("form_version") != self.lay.form_version:
            self.p("X-VERSION", f"模板版本为 {meta.get('form_version') or '（无）'}，当前要求版本 {self.lay.form_version}。"
                   "请下载最新模板，把数据转填后重新提交。",
                   f"Template version {meta.get('form_version')!r}; version {self.lay.form_version} is required.",
                   sheet=META_SHEET, cell="B2", expected=self.lay.form_version, found=meta.get("form_version"))
            return False
        return True

    # -- records, logic ----------------------------------------------------------------------------------------
    def _assemble(self, parsed: dict[str, Any], good: dict[str, bool], rows_of: dict[str, list[int]]) -> m.Submission | None:

        built: dict[str, Any] = {}
        for sec in spec().sections:
            raw = parsed.get(sec.key)
            if sec.kind == "table":
                built[sec.key] = [build_record(sec, r) for r in (raw or [])]
            elif raw is not None and good.get(sec.key):
                built[sec.key] = build_record(sec, raw)
            else:
                built[sec.key] = None
        if built["project"] is None:
            return None
        sub = m.Submission(
            project=built["project"], energy=built["energy"], products=built["products"],
            buildings=built["buildings"], process_emissions=built["process_emissions"],
            equipment=built["equipment"], pv=built["pv"] or m.Photovoltaic(), data_centre=built["data_centre"],
            schema_version=self.lay.form_version,
        )
        for p in logic_problems(sub, self.file):
            self._place(p, rows_of)
            self.problems.append(p)
        return sub

    def _place(self, p: Problem, rows_of: dict[str, list[int]]) -> None:
        """Turn a logic problem's ``section[index]`` location into sheet + A1 cell."""
        mm = re.match(r"^(\w+)(?:\[(\d+)\])?$", p.cell or "")
        if not mm or mm.group(1) not in self.lay.blocks:
            return
        section, idx = mm.group(1), mm.group(2)
        sheet, cell = self.lay.locate(section, int(idx) if idx is not None else None, p.field, rows_of.get(section))
        p.sheet, p.cell = sheet, cell


_LAST_ROW = re.compile(rb'<row\s[^>]*?\br="(\d+)"')


def last_row_number(xml: bytes) -> int | None:
    """Number of the last ``<row>`` in the sheet XML, or ``None`` when it cannot be told cheaply."""
    end = xml.rfind(b"</sheetData>")
    if end < 0:
        return 0 if b"<sheetData/>" in xml else None
    start = xml.rfind(b"<row ", 0, end)
    if start < 0:
        return 0
    mm = _LAST_ROW.match(xml, start)
    return int(mm.group(1)) if mm else None


_NUMERIC_CELL = re.compile(rb'<c\s(?:(?!t="(?:s|str|inlineStr|b|e|d)")[^>])*?r="([A-Z]{1,3}\d+)"(?:(?!t="(?:s|str|inlineStr|b|e|d)")[^>])*>\s*<v>([^<]*)</v>')
_VALID_NUMBER = re.compile(rb"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$")


def bad_number_cell(xml: bytes) -> str | None:
    """The first numeric cell whose stored text is not a number (e.g. ``<v>NaN</v>``), to name it in the message."""
    for mm in _NUMERIC_CELL.finditer(xml):
        if not _VALID_NUMBER.match(mm.group(2)):
            return mm.group(1).decode()
    return None


_HEAD = 2048  # a DTD declaration can only stand in an XML part's prolog: its first bytes suffice


def _part_head(data: bytes, info: zipfile.ZipInfo) -> bytes | None:
    """The first bytes of a stored or deflated member read straight from the archive bytes (APPNOTE 4.3.7 local
    file header), ≈20× cheaper than ``ZipFile.open``; ``None`` for anything unusual (the caller uses zipfile)."""
    off = info.header_offset
    if data[off:off + 4] != b"PK\x03\x04" or info.flag_bits & 0x1:
        return None
    name_len, extra_len = struct.unpack_from("<HH", data, off + 26)
    start = off + 30 + name_len + extra_len
    raw = data[start:start + min(info.compress_size, 4 * _HEAD + 1024)]
    if info.compress_type == zipfile.ZIP_STORED:
        return raw[:_HEAD]
    if info.compress_type == zipfile.ZIP_DEFLATED:
        try:
            return zlib.decompressobj(-15).decompress(raw, _HEAD)
        except zlib.error:
            return None
    return None


def _has_dtd(zf: zipfile.ZipFile, data: bytes | None = None) -> bool:
    """Whether any XML part declares a DTD (its prolog: the first bytes)."""
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels", ".vml")):
            head = _part_head(data, info) if data is not None else None
            if head is None or len(head) < min(_HEAD, info.file_size):
                try:
                    with zf.open(info) as f:
                        head = f.read(_HEAD)
                except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
                    continue  # reported by the part's own check
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                return True
    return False


def read_workbook(source: Path | bytes, name: str | None = None) -> ReadResult:
    """Read and validate one workbook from a path or from bytes."""
    if isinstance(source, Path):
        data = source.read_bytes()
        name = name or source.name
    else:
        data = source
    return WorkbookReader(data, name or "workbook.xlsx").read()


def read_file(path: Path, data: bytes) -> ReadResult:
    """Read one file by its content: JSON submissions by suffix, everything else as a workbook (sniffed)."""
    if path.suffix.lower() == ".json":
        from reviewer.errors import UserError
        from reviewer.submission.parse import ValidationFailed, load_json

        digest = hashlib.sha256(data).hexdigest()
        try:
            sub = load_json(path)
        except ValidationFailed as exc:
            return ReadResult(path.name, digest, None, exc.problems, readable=False)
        except UserError as exc:
            return ReadResult(path.name, digest, None, [Problem("X-JSON", exc.message_zh, exc.message_en,
                                                                file=path.name)], readable=False)
        return ReadResult(path.name, digest, sub, [])
    return read_workbook(data, path.name)


def read_path(path_text: str) -> tuple[str, ReadResult | None, str | None]:
    """(path, result, error) — the unit of work a reader process runs; never raises (errors come back as text)."""
    path = Path(path_text)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return path_text, None, f"oserror:{exc.strerror}"
    try:
        return path_text, read_file(path, data), None
    except Exception:  # noqa: BLE001 — a bug on one file must reach the batch as a per-file failure
        import traceback

        return path_text, None, "internal:" + traceback.format_exc()
