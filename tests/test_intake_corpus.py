"""A corpus of bad workbooks, each built here from the real template, each with its exact expected error list.

Cell addresses are literal (project block: fields from row 6 in column B; table sheets: header row 3, data from
row 4; 建筑与光伏: PV fields B6–B8, buildings header row 11): the test pins the template's layout as applicants see it.
The whole corpus is then imported through the real CLI in a subprocess: exit code 2, no traceback, archive unchanged.
"""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest

from test_intake_support import CREDIT, edit, patch_member, sheet_part, valid_bytes

P = "项目基本信息"
E = "能源消费"
PR = "产品与产值"
BP = "建筑与光伏"


def _zip(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED, level: int | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method, compresslevel=level) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


def _pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, "not a workbook")
    c.showPage()
    c.save()
    return buf.getvalue()


def _ole(extra: bytes) -> bytes:
    """Bytes of an OLE2 compound file header (what .xls files and password-encrypted .xlsx files are)."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + extra + b"\x00" * 1024


def _xml(sheet: str, pattern: bytes, repl: bytes):  # noqa: ANN202
    def build(base: bytes) -> bytes:
        return patch_member(base, sheet_part(base, sheet), lambda x: re.sub(pattern, repl, x, count=1))
    return build


def _fill_rows(n: int):  # noqa: ANN202
    def fn(wb):  # noqa: ANN001, ANN202
        ws = wb[E]
        for r in range(4, 4 + n):
            ws.cell(r, 1, "电力")
            ws.cell(r, 2, 10)
            ws.cell(r, 3, "kWh")
    return fn


def _insert_row(wb):  # noqa: ANN001, ANN202
    wb[P].insert_rows(8)


def _hide(wb):  # noqa: ANN001, ANN202
    wb[PR].sheet_state = "hidden"


def _merge(wb):  # noqa: ANN001, ANN202
    wb[E].merge_cells("B4:C4")


def _big_zeros(n: int) -> bytes:
    return b" " * n


def at(section: str, key: str | None = None, row: int | None = 0) -> tuple[str, str]:
    """(sheet, A1) of a field as the template lays it out: object fields, or row ``row`` of a table."""
    from reviewer.intake.layout import layout

    lay = layout()
    _sheet, block = lay.blocks[section]
    if hasattr(block, "first_data_row"):
        rows = None if row is None else [block.first_data_row + i for i in range(row + 1)]
        return lay.locate(section, row, key, rows)
    return lay.locate(section, None, key)


def hdr(section: str, key: str) -> tuple[str, str]:
    return at(section, key, None)


def _put(loc: tuple[str, str], value):  # noqa: ANN001, ANN202
    def fn(wb):  # noqa: ANN001, ANN202
        wb[loc[0]][loc[1]] = value
    return fn


def _label_cell(section: str, key: str) -> tuple[str, str]:
    sheet, cell = at(section, key)
    return sheet, "A" + cell[1:]


# id → (builder(base bytes) or builder(wb), expected errors as {(rule, sheet, cell)})
CORPUS: dict[str, tuple] = {
    "missing_required": (_put(at("project", "name"), None), {("F-REQUIRED", *at("project", "name"))}),
    "text_in_number": (_put(at("project", "total_investment_wan"), "约六万"),
                       {("F-TYPE", *at("project", "total_investment_wan"))}),
    "negative_number": (_put(at("energy", "quantity"), -5), {("F-RANGE", *at("energy", "quantity"))}),
    "infinite_text": (_put(at("energy", "quantity", 1), "inf"), {("F-TYPE", *at("energy", "quantity", 1))}),
    "infinite_cell": (_xml(E, rb'(<c r="B4"[^>]*><v>)[^<]*', rb"\g<1>1e999"), {("F-TYPE", E, "B4")}),
    "nan_cell": (_xml(E, rb'(<c r="B4"[^>]*><v>)[^<]*', rb"\g<1>NaN"), {("X-CELL-UNREADABLE", E, "B4")}),
    "unknown_unit": (_put(at("energy", "unit"), "桶"), {("F-ENUM", *at("energy", "unit"))}),
    "unknown_carrier": (_put(at("energy", "carrier"), "核能"), {("F-ENUM", *at("energy", "carrier"))}),
    "unit_of_wrong_kind": (_put(at("energy", "unit"), "t"), {("L-UNIT-KIND", *at("energy", "unit"))}),
    "credit_code_check_digit": (_put(at("project", "builder_credit_code"),
                                     CREDIT[:-1] + ("0" if CREDIT[-1] != "0" else "1")),
                                {("F-CREDIT-CODE", *at("project", "builder_credit_code"))}),
    "project_code_format": (_put(at("project", "code"), "2026-3101-39"), {("F-PROJECT-CODE", *at("project", "code"))}),
    "unknown_town": (_put(at("project", "town"), "浦东新区张江镇"), {("F-ENUM", *at("project", "town"))}),
    "unknown_industry_code": (_put(at("project", "industry_code"), "99 未知行业"),
                              {("F-ENUM", *at("project", "industry_code"))}),
    "date_as_unparseable_text": (_put(at("project", "application_date"), "明年三月"),
                                 {("F-TYPE", *at("project", "application_date"))}),
    "date_in_number_field": (_put(at("project", "total_investment_wan"), datetime(2026, 1, 1)),
                             {("F-TYPE", *at("project", "total_investment_wan"))}),
    # Excel stores a character XML cannot hold as _xHHHH_ (ECMA-376 Part 1 §22.4.2.4); openpyxl would escape the
    # underscore of a literal "_x0007_", so the escape is written into the shared strings directly.
    "control_character": (lambda b: patch_member(edit(b, _put(at("project", "name"), "某项目_x0007_名称")),
                                                 "xl/sharedStrings.xml",
                                                 lambda x: x.replace(b"_x005F_x0007_", b"_x0007_")),
                          {("F-CTRL", *at("project", "name"))}),
    # Bidi overrides can make a name display differently from what is stored (Unicode TR #36 §2.2): refused.
    "bidi_override_in_name": (_put(at("project", "name"), "某电子\u202e目项产扩\u202c项目"),
                              {("F-BIDI", *at("project", "name"))}),
    "bidi_isolate_in_builder": (_put(at("project", "builder"), "上海某\u2067精密\u2069电子有限公司"),
                                {("F-BIDI", *at("project", "builder"))}),
    "very_long_string": (_put(at("project", "name"), "长" * 300), {("F-LENGTH", *at("project", "name"))}),
    "integer_with_fraction": (_put(at("project", "employees"), 12.5), {("F-TYPE", *at("project", "employees"))}),
    "year_out_of_range": (_put(at("project", "commissioning_year"), 1800),
                          {("F-RANGE", *at("project", "commissioning_year"))}),
    "boolean_garbage": (_put(at("project", "government_invested"), "可能"),
                        {("F-TYPE", *at("project", "government_invested"))}),
    "bad_purpose": (_put(at("energy", "purpose"), "燃烧"), {("F-ENUM", *at("energy", "purpose"))}),
    "data_centre_partly_filled": (_put(at("data_centre", "design_pue"), None),
                                  {("F-REQUIRED", *at("data_centre", "design_pue"))}),
    "pv_self_use_exceeds_generation": (_put(at("pv", "self_use_kwh"), 700000), {("L-PV-SELF-USE", *at("pv", "self_use_kwh"))}),
    "ncv_without_unit": (_put(at("energy", "ncv_unit", 1), None), {("L-NCV-UNIT", *at("energy", "ncv_unit", 1))}),
    "added_value_exceeds_output": (_put(at("project", "added_value_wan"), 50000),
                                   {("L-ADDED-VALUE", *at("project", "added_value_wan"))}),
    "completion_before_start": (_put(at("project", "construction_end"), date(2026, 1, 1)),
                                {("L-DATES", *at("project", "construction_end"))}),
    "products_exceed_total_output": (_put(at("products", "output_value_wan"), 40000),
                                     {("L-OUTPUT-SUM", *hdr("products", "output_value_wan"))}),
    "formula_without_cached_value": (_put(at("energy", "quantity"), "=1+1"), {("X-FORMULA", *at("energy", "quantity"))}),
    "merged_value_cells": (_merge, {("X-MERGED", E, "B4"), ("X-MERGED", E, "C4")}),
    "hidden_sheet": (_hide, {("X-SHEET-HIDDEN", PR, None)}),
    "extra_sheet": (lambda wb: wb.create_sheet("我的计算"), {("X-SHEET-EXTRA", "我的计算", None)}),
    "missing_sheet": (lambda wb: wb.remove(wb["主要用能设备"]), {("X-SHEET-MISSING", "主要用能设备", None)}),
    "wrong_template_version": (_put(("_meta", "B2"), "0"), {("X-VERSION", "_meta", "B2")}),
    "no_template_stamp": (lambda wb: wb.remove(wb["_meta"]), {("X-STAMP", "_meta", None)}),
    "header_edited": (_put((E, "A3"), "品种"), {("X-HEADER", E, "A3")}),
    # Inserting a row under 项目名称 shifts everything below: reported at the first moved label of each block.
    "row_inserted": (_insert_row, {("X-LABEL", P, "A8"), ("X-LABEL", *_label_cell("data_centre", "racks"))}),
    "outdated_template_layout": (lambda wb: (_insert_row(wb), wb["_meta"].__setitem__("B3", "0123456789abcdef")),
                                 {("X-TEMPLATE-OUTDATED", "_meta", None), ("X-LABEL", P, "A8"),
                                  ("X-LABEL", *_label_cell("data_centre", "racks"))}),
    "too_many_rows": (_fill_rows(501), {("X-ROWS", E, "A504")}),
    "encrypted_workbook": (lambda _b: _ole("EncryptionInfo".encode("utf-16-le")), {("X-ENCRYPTED", None, None)}),
    "legacy_xls": (lambda _b: _ole(b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k\x00"), {("X-XLS", None, None)}),
    "csv_renamed": (lambda _b: "项目代码,项目名称\n2026-310117-39-03-000001,某项目\n".encode("gb18030"),
                    {("X-CSV", None, None)}),
    "pdf_renamed": (lambda _b: _pdf(), {("X-PDF", None, None)}),
    "json_renamed": (lambda _b: b'{"schema_version": "1"}', {("X-NOT-XLSX", None, None)}),
    "zip_bomb_ratio": (lambda _b: _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                                       "xl/worksheets/sheet1.xml": _big_zeros(30 * 2**20)}, level=9),
                       {("X-ZIP-RATIO", None, None)}),
    "zip_uncompressed_too_big": (lambda _b: _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                                                 "xl/a.xml": _big_zeros(60 * 2**20), "xl/b.xml": _big_zeros(60 * 2**20)},
                                                level=1),
                                 {("X-ZIP-SIZE", None, None), ("X-ZIP-RATIO", None, None)}),
    "file_too_large": (lambda _b: _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                                       "xl/media/image1.png": os.urandom(11 * 2**20)}, method=zipfile.ZIP_STORED),
                       {("X-FILE-SIZE", None, None)}),
    "word_document": (lambda _b: _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}),
                      {("X-NOT-XLSX", None, None)}),
    "macro_workbook": (lambda b: _add_member(b, "xl/vbaProject.bin", b"\x00" * 64), {("X-MACRO", None, None)}),
    "bit_flip_in_sheet_data": (lambda b: _flip(b, E), {("X-CORRUPT", None, None)}),
    "truncated_file": (lambda b: b[: len(b) // 2], {("X-CORRUPT", None, None)}),
    "empty_file": (lambda _b: b"", {("X-EMPTY", None, None)}),
}


def _flip(data: bytes, sheet: str) -> bytes:
    """Invert one byte in the middle of a sheet's compressed data (a damaged download or disk)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(sheet_part(data, sheet))
    local = data[info.header_offset: info.header_offset + 30]
    name_len, extra_len = int.from_bytes(local[26:28], "little"), int.from_bytes(local[28:30], "little")
    pos = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
    return data[:pos] + bytes([data[pos] ^ 0xFF]) + data[pos + 1:]


def _add_member(data: bytes, name: str, body: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
        dst.writestr(name, body)
    return out.getvalue()


@pytest.fixture(scope="module")
def base() -> bytes:
    return valid_bytes()


def _is_workbook_fn(fn) -> bool:  # noqa: ANN001
    import inspect

    params = list(inspect.signature(fn).parameters)
    return params[:1] == ["wb"]


_BUILT: dict[str, bytes] = {}


def make(name: str, base: bytes) -> bytes:
    """Build (once per session) the bad workbook ``name`` from the valid base workbook."""
    if name not in _BUILT:
        builder, _ = CORPUS[name]
        _BUILT[name] = edit(base, builder) if _is_workbook_fn(builder) else builder(base)
    return _BUILT[name]


def test_corpus_has_at_least_thirty_kinds():
    assert len(CORPUS) >= 30


def test_template_layout_pins_the_addresses_applicants_see():
    """The stable top of the layout, as literal addresses (what a 退回 letter quotes)."""
    assert at("project", "code") == (P, "B6")
    assert at("project", "name") == (P, "B7")
    assert at("energy", "carrier") == (E, "A4") and hdr("energy", "carrier") == (E, "A3")
    assert at("pv", "capacity_kw") == (BP, "B6") and at("pv", "self_use_kwh") == (BP, "B8")
    assert hdr("buildings", "name") == (BP, "A11")


def test_the_base_workbook_is_clean(base):
    from reviewer.intake.reader import read_workbook

    r = read_workbook(base, "base.xlsx")
    assert r.ok, [p.text() for p in r.problems]
    assert r.problems == []


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_bad_workbook_yields_its_expected_problems(name, base):
    from reviewer.intake.reader import read_workbook

    data = make(name, base)
    r = read_workbook(data, f"{name}.xlsx")
    got = {(p.rule, p.sheet, p.cell) for p in r.errors}
    assert got == CORPUS[name][1], [p.text() for p in r.problems]
    assert r.submission is None
    for p in r.problems:
        assert p.file == f"{name}.xlsx"
        assert p.message_zh and p.message_en
        assert re.search(r"[\u4e00-\u9fff]", p.message_zh), p.message_zh  # Chinese first
        assert "Traceback" not in p.message_zh + p.message_en


@pytest.mark.slow
def test_real_xls_from_libreoffice_is_read_with_the_same_checks(tmp_path, base):
    import shutil

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice not installed: the synthetic OLE case above covers the detector")
    from reviewer.intake.reader import read_workbook

    src = tmp_path / "in.xlsx"
    src.write_bytes(base)
    subprocess.run([soffice, "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=120, env={**os.environ, "HOME": str(tmp_path)})
    r = read_workbook((tmp_path / "in.xls").read_bytes(), "in.xls")
    assert r.ok, [p.text() for p in r.problems]


def test_zero_width_characters_are_removed_with_a_warning_naming_the_cell(base):
    from reviewer.intake.reader import read_workbook

    name_cell = at("project", "name")
    data = edit(base, _put(name_cell, "某精密\u200b电子\u200d有限公司传感器扩产项目"))
    r = read_workbook(data, "zw.xlsx")
    assert r.ok, [p.text() for p in r.problems]
    assert r.submission.project.name == "某精密电子有限公司传感器扩产项目"
    warn = [p for p in r.problems if p.rule == "N-INVISIBLE"]
    assert [(p.sheet, p.cell, p.severity) for p in warn] == [(*name_cell, "warning")]


def test_bidi_control_outside_names_is_removed_with_a_warning(base):
    from reviewer.intake.reader import read_workbook

    cell = at("project", "address")
    r = read_workbook(edit(base, _put(cell, "松江区\u202e车墩镇某路 88 号")), "bidi.xlsx")
    assert r.ok, [p.text() for p in r.problems]
    assert "\u202e" not in r.submission.project.address
    assert [(p.rule, p.cell) for p in r.problems] == [("N-INVISIBLE", cell[1])]


def _ods_from(xlsx: bytes, hide: str | None = None) -> bytes:
    """The template saved as OpenDocument (what LibreOffice's "Save as .ods" writes, reduced to ODF 1.2 §9.1)."""
    from xml.sax.saxutils import escape, quoteattr

    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(xlsx))
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    out = [f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
           '<office:automatic-styles><style:style style:name="ta1" style:family="table">'
           '<style:table-properties table:display="true"/></style:style>'
           '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/>'
           '</style:style></office:automatic-styles><office:body><office:spreadsheet>']
    for name in wb.sheet_names:
        style = "ta2" if name in (hide, "_lists", "_meta") else "ta1"
        out.append(f'<table:table table:name={quoteattr(name)} table:style-name="{style}">')
        for row in wb.get_sheet_by_name(name).to_python(skip_empty_area=False):
            out.append("<table:table-row>")
            for v in row:
                if v == "":
                    out.append("<table:table-cell/>")
                elif isinstance(v, (int, float)) and not isinstance(v, bool):
                    out.append(f'<table:table-cell office:value-type="float" office:value="{v!r}"><text:p>{v}</text:p>'
                               "</table:table-cell>")
                elif isinstance(v, (date, datetime)):
                    out.append(f'<table:table-cell office:value-type="date" office:date-value="{v.isoformat()}">'
                               f"<text:p>{v}</text:p></table:table-cell>")
                else:
                    out.append(f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p>'
                               "</table:table-cell>")
            out.append("</table:table-row>")
        out.append("</table:table>")
    out.append("</office:spreadsheet></office:body></office:document-content>")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        z.writestr("content.xml", "".join(out).encode(), zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                   'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                   '<manifest:file-entry manifest:full-path="/" manifest:media-type='
                   '"application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
    return buf.getvalue()


def test_template_saved_as_ods_is_read_with_the_same_checks(base):
    """LibreOffice users save the template as .ods: the same submission comes out (was refused as 压缩包)."""
    from reviewer.intake.reader import read_workbook

    want = read_workbook(base, "base.xlsx").submission
    r = read_workbook(_ods_from(base), "申报.ods")
    assert r.ok, [p.text() for p in r.problems]
    assert r.submission == want
    bad = read_workbook(_ods_from(edit(base, _put(at("energy", "quantity"), -5))), "bad.ods")
    assert {(p.rule, p.sheet, p.cell) for p in bad.errors} == {("F-RANGE", *at("energy", "quantity"))}
    hidden = read_workbook(_ods_from(base, hide=PR), "hidden.ods")
    assert {(p.rule, p.sheet) for p in hidden.errors} == {("X-SHEET-HIDDEN", PR)}


def test_ods_with_basic_macros_is_refused(base):
    from reviewer.intake.reader import read_workbook

    r = read_workbook(_add_member(_ods_from(base), "Basic/Standard/Module1.xml", b"<script/>"), "m.ods")
    assert [p.rule for p in r.errors] == ["X-MACRO"]


def test_zip_checks_happen_before_the_parser_loads(monkeypatch, base):
    """A zip bomb must be refused from the zip directory alone: python-calamine is never asked to load it."""
    import reviewer.intake.reader as reader

    calls = []
    monkeypatch.setattr(reader, "load_values", lambda *a, **k: calls.append(1))
    r = reader.read_workbook(make("zip_bomb_ratio", base), "bomb.xlsx")
    assert [p.rule for p in r.errors] == ["X-ZIP-RATIO"] and calls == []


def _archive_snapshot(url: str) -> dict:
    from sqlalchemy import create_engine, text

    eng = create_engine(url)
    out = {}
    with eng.connect() as c:
        for t in ("projects", "submissions", "assessments", "audit_events"):
            out[t] = c.execute(text(f"SELECT COUNT(*) FROM {t}")).scalar()
        out["last_hash"] = c.execute(text("SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1")).scalar()
    eng.dispose()
    return out


@pytest.mark.slow
def test_whole_corpus_through_the_cli(tmp_path, base, reviewer_home):
    """Every bad file rejected with its problems, exit 2, no traceback, and the archive exactly as before."""
    from reviewer.archive.db import Archive
    from reviewer.intake.batch import import_paths

    good = tmp_path / "good.xlsx"
    good.write_bytes(base)
    archive = Archive()
    assert [r.status for r in import_paths(archive, [good])] == ["imported"]
    url = archive.url
    archive.dispose()
    before = _archive_snapshot(url)

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in CORPUS:
        (corpus / f"{name}.xlsx").write_bytes(make(name, base))
    ann = tmp_path / "annotated"
    proc = subprocess.run([sys.executable, "-m", "reviewer", "import", str(corpus), "--json", "--annotate", str(ann)],
                          capture_output=True, text=True, timeout=300, env={**os.environ})
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    out = json.loads(proc.stdout)
    assert out["ok"] is False
    by_name = {Path(r["file"]).stem: r for r in out["results"]}
    assert set(by_name) == set(CORPUS)
    for name, r in by_name.items():
        assert r["status"] == "rejected", (name, r)
        got = {(p["rule"], p.get("sheet"), p.get("cell")) for p in r["problems"] if p["severity"] == "error"}
        assert got == CORPUS[name][1], name
    assert _archive_snapshot(url) == before
    # Workbooks that open get an annotated copy; containers that are not workbooks cannot be annotated.
    annotated = {p.name for p in ann.iterdir()}
    assert "unknown_unit-退回标注.xlsx" in annotated
    assert "pdf_renamed-退回标注.xlsx" not in annotated


def test_cli_text_output_in_english(tmp_path, base):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(make("unknown_unit", base))
    proc = subprocess.run([sys.executable, "-m", "reviewer", "--lang", "en", "import", str(bad)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert "rejected" in proc.stdout and "F-ENUM" in proc.stdout and "能源消费 / C4" in proc.stdout
    assert "Unit: '桶' is not in the list." in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "reviewer", "import", str(bad)], capture_output=True, text=True,
                          timeout=120)
    assert "已拒绝" in proc.stdout and "计量单位：“桶”不在可选列表中" in proc.stdout
