"""Where every field of the submission sits in the applicant workbook — computed once from ``forms/submission.toml``.

The template writer, the reader, the annotator and the exporter all use this one layout, so a cell address in a
problem report always points at the cell the template put the field in.

Sheet shape (all data sheets):

* row 1: sheet title, row 2: a one-line note;
* object sections (``kind = "object"``) first, each as a label/value form: a block title row, a header row
  (项目 / 填写内容 / 单位 / 说明), then one row per field with the value in column B;
* then at most one table section: a block title row (only when objects precede it), a header row, data rows.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from reviewer.intake.a1 import get_column_letter

from reviewer.paths import data_dir
from reviewer.submission.spec import FieldSpec, SectionSpec, lists, spec

INSTRUCTIONS_SHEET = "填表说明"
LISTS_SHEET = "_lists"
META_SHEET = "_meta"
ERRORS_SHEET = "错误清单"

TITLE_ROW = 1
NOTE_ROW = 2
FIRST_BLOCK_ROW = 4

OBJ_LABEL_COL = 1
OBJ_VALUE_COL = 2
OBJ_UNIT_COL = 3
OBJ_HELP_COL = 4
OBJECT_HEADERS = (("项目", "Item"), ("填写内容", "Value"), ("单位", "Unit"), ("填写说明", "Notes"))

BOOL_TRUE = "是"
BOOL_FALSE = "否"


@dataclass(frozen=True)
class ObjectBlock:
    section: SectionSpec
    title_row: int
    header_row: int
    first_row: int  # row of the first field

    def row_of(self, key: str) -> int:
        return self._rows[key]

    @cached_property
    def _rows(self) -> dict[str, int]:
        """Row of each field (the first field of a key), worked out once per block."""
        rows: dict[str, int] = {}
        for i, f in enumerate(self.section.fields):
            rows.setdefault(f.key, self.first_row + i)
        return rows

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.section.fields) - 1


@dataclass(frozen=True)
class TableBlock:
    section: SectionSpec
    title_row: int | None
    header_row: int

    @property
    def first_data_row(self) -> int:
        return self.header_row + 1

    @property
    def last_data_row(self) -> int:
        return self.header_row + (self.section.max_rows or 0)

    def col_of(self, key: str) -> int:
        for i, f in enumerate(self.section.fields):
            if f.key == key:
                return i + 1
        raise KeyError(key)

    @property
    def width(self) -> int:
        return len(self.section.fields)


@dataclass(frozen=True)
class SheetLayout:
    name: str
    objects: tuple[ObjectBlock, ...]
    table: TableBlock | None

    @property
    def width(self) -> int:
        return max(self.table.width if self.table else 0, OBJ_HELP_COL)

    @property
    def freeze_row(self) -> int:
        """First row below the frozen panes."""
        return self.table.first_data_row if self.table else FIRST_BLOCK_ROW


@dataclass(frozen=True)
class Layout:
    sheets: tuple[SheetLayout, ...]
    form_version: str
    fingerprint: str
    template_id: str
    blocks: dict[str, tuple[SheetLayout, Any]] = field(default_factory=dict, compare=False, hash=False)

    def sheet(self, name: str) -> SheetLayout:
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)

    def locate(self, section: str, index: int | None, key: str | None, rows: list[int] | None = None) -> tuple[str, str | None]:
        """(sheet, A1 cell) of a field; ``rows`` maps record index → sheet row for tables."""
        sheet, block = self.blocks[section]
        if isinstance(block, ObjectBlock):
            if key is None:
                return sheet.name, f"A{block.title_row}"
            return sheet.name, f"{get_column_letter(OBJ_VALUE_COL)}{block.row_of(key)}"
        col = block.col_of(key) if key else 1
        if index is None or rows is None or index >= len(rows):
            return sheet.name, f"{get_column_letter(col)}{block.header_row}"
        return sheet.name, f"{get_column_letter(col)}{rows[index]}"


def intake_config() -> dict[str, Any]:
    return _intake_config()


@cache
def _intake_config() -> dict[str, Any]:
    with (data_dir("forms") / "intake.toml").open("rb") as fh:
        return tomllib.load(fh)


def limit(name: str) -> int:
    """A configured intake limit (``forms/intake.toml``, product policy)."""
    return int(_intake_config()["limits"][name]["value"])


@cache
def layout(version: str | None = None) -> Layout:
    """Workbook layout of the current form, or of an older accepted form ``version`` (to read its workbooks)."""
    sp = spec(version)
    order: list[str] = []
    by_sheet: dict[str, list[SectionSpec]] = {}
    for sec in sp.sections:
        if sec.sheet not in by_sheet:
            order.append(sec.sheet)
            by_sheet[sec.sheet] = []
        by_sheet[sec.sheet].append(sec)
    sheets = []
    blocks: dict[str, tuple[SheetLayout, Any]] = {}
    for name in order:
        secs = by_sheet[name]
        objs = [s for s in secs if s.kind == "object"]
        tables = [s for s in secs if s.kind == "table"]
        if len(tables) > 1:  # pragma: no cover - spec error caught by tests
            raise AssertionError(f"sheet {name} holds more than one table")
        row = FIRST_BLOCK_ROW
        obj_blocks = []
        for s in objs:
            b = ObjectBlock(s, title_row=row, header_row=row + 1, first_row=row + 2)
            obj_blocks.append(b)
            row = b.last_row + 2
        table = None
        if tables:
            if obj_blocks:
                table = TableBlock(tables[0], title_row=row, header_row=row + 1)
            else:
                table = TableBlock(tables[0], title_row=None, header_row=FIRST_BLOCK_ROW - 1)
        sl = SheetLayout(name, tuple(obj_blocks), table)
        sheets.append(sl)
        for b in obj_blocks:
            blocks[b.section.key] = (sl, b)
        if table:
            blocks[table.section.key] = (sl, table)
    shape = repr([(s.key, s.kind, s.sheet, [(f.key, f.type, f.unit, f.list) for f in s.fields]) for s in sp.sections])
    fp = hashlib.sha256(shape.encode()).hexdigest()[:16]
    return Layout(tuple(sheets), sp.version, fp, str(_intake_config()["template_id"]), blocks)


# -- headers and display values --------------------------------------------------------------------------------

def field_label(f: FieldSpec) -> str:
    """Label as shown in the workbook: required fields carry a red-ish asterisk marker ``*``."""
    return f"{f.label}*" if f.required else f.label


def table_header(f: FieldSpec) -> str:
    unit = f"（{f.unit}）" if f.unit else ""
    return f"{field_label(f)}{unit}"


def header_key(text: Any) -> str:
    """What a header cell is compared by: its first line, without spaces."""
    if text is None:
        return ""
    return str(text).split("\n", 1)[0].replace(" ", "").replace("\u3000", "")


@cache
def display_map(list_name: str) -> dict[str, str]:
    """code → text shown in the dropdown."""
    out = {}
    for item in lists()[list_name]:
        code, label = item["code"], item["label"]
        if list_name == "industry_codes":
            out[code] = f"{code} {label}"
        else:
            out[code] = label if label and label != code else code
    return out


@cache
def reverse_map(list_name: str) -> dict[str, str]:
    """Any accepted spelling (shown text, code, label; case-insensitive) → code."""
    out: dict[str, str] = {}
    for item in lists()[list_name]:
        code = item["code"]
        for spelling in (code, item["label"], display_map(list_name)[code]):
            if spelling:
                out.setdefault(spelling.casefold(), code)
    return out


def display_value(f: FieldSpec, value: Any) -> Any:
    """A model value as written into the workbook."""
    if value is None:
        return None
    if f.type == "enum":
        code = getattr(value, "value", value)
        return display_map(f.list).get(str(code), str(code))
    if f.type == "boolean":
        return BOOL_TRUE if value else BOOL_FALSE
    return value


def list_range_name(list_name: str) -> str:
    return f"list_{list_name}"
