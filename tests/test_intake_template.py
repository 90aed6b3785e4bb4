"""The blank template as an applicant meets it: sheets, dropdowns, prompts, formats, protection, stamp — all derived
from forms/submission.toml — and (when LibreOffice is present) what it looks like printed."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys

import pytest
from openpyxl import load_workbook


@pytest.fixture(scope="module")
def wb():
    from reviewer.intake.template import workbook_bytes

    return load_workbook(io.BytesIO(workbook_bytes()))


def test_sheet_order_and_visibility(wb):
    from reviewer.intake.layout import layout

    names = [s.name for s in layout().sheets]
    assert wb.sheetnames == ["填表说明", *names, "_lists", "_meta"]
    assert names == ["项目基本信息", "能源消费", "产品与产值", "建筑与光伏", "工业过程排放", "主要用能设备"]
    assert wb["_lists"].sheet_state == "hidden" and wb["_meta"].sheet_state == "veryHidden"
    assert all(wb[n].sheet_state == "visible" for n in ["填表说明", *names])
    assert wb.active.title == "项目基本信息"


def test_version_stamp(wb):
    from reviewer.intake.layout import layout

    meta = {r[0]: r[1] for r in wb["_meta"].iter_rows(values_only=True)}
    assert meta["template_id"] == layout().template_id
    assert meta["form_version"] == layout().form_version
    assert meta["fingerprint"] == layout().fingerprint
    assert wb.defined_names["reviewer_form_version"].attr_text == f'"{layout().form_version}"'


def test_every_field_has_a_validation_with_prompt_and_enums_use_named_lists(wb):
    from reviewer.intake.layout import layout, list_range_name
    from reviewer.submission.spec import list_codes

    lay = layout()
    for sl in lay.sheets:
        ws = wb[sl.name]
        dvs = ws.data_validations.dataValidation
        covered = {}
        for dv in dvs:
            for rng in dv.sqref.ranges:
                covered[rng.coord.split(":")[0]] = dv
        for b in sl.objects:
            for f in b.section.fields:
                dv = covered[f"B{b.row_of(f.key)}"]
                assert dv.showInputMessage and dv.prompt and f.label[:10] in (dv.promptTitle or "")
                if f.type == "enum":
                    assert dv.type == "list" and dv.formula1 == f"={list_range_name(f.list)}"
        if sl.table:
            t = sl.table
            for col, f in enumerate(t.section.fields, start=1):
                letter = chr(64 + col)
                dv = covered[f"{letter}{t.first_data_row}"]
                assert str(dv.sqref) == f"{letter}{t.first_data_row}:{letter}{t.last_data_row}"
                if f.type in ("decimal", "integer"):
                    assert dv.type == ("decimal" if f.type == "decimal" else "whole") and dv.operator == "between"
    # Long lists live on the hidden sheet behind named ranges, one entry per code.
    towns = wb.defined_names[list_range_name("towns")]
    dest = list(towns.destinations)[0]
    cells = [c[0].value for c in wb[dest[0]][dest[1].replace("$", "")]]
    assert len(cells) == len(list_codes("towns"))
    ind = wb.defined_names[list_range_name("industry_codes")]
    dest = list(ind.destinations)[0]
    first = wb[dest[0]][dest[1].replace("$", "").split(":")[0]].value
    assert first.split(" ", 1)[0] in list_codes("industry_codes") and " " in first


def test_protection_formats_panes_and_widths(wb):
    from reviewer.intake.layout import layout

    lay = layout()
    p = wb["项目基本信息"]
    assert p.protection.sheet and not p.protection.password
    assert p["A6"].protection.locked and not p["B6"].protection.locked
    assert p["B6"].number_format == "@"  # 项目代码 as text: Excel must not turn it into a date
    row = lay.blocks["project"][1].row_of("total_investment_wan")
    assert p[f"B{row}"].number_format == '#,##0.00##" 万元"'
    assert p[f"C{row}"].value == "万元"
    assert p.freeze_panes == "A4"
    e = wb["能源消费"]
    assert e.freeze_panes == "A4" and e.protection.sheet
    assert e["A3"].protection.locked and e["A3"].value.startswith("能源品种*")
    assert not e.column_dimensions["A"].protection.locked  # input columns are unlocked below the header
    assert e.column_dimensions["A"].width >= 12
    assert e.protection.insertRows is False and e.protection.deleteRows is False  # applicants may add rows
    bp = wb["建筑与光伏"]
    assert bp.freeze_panes == f"A{lay.sheet('建筑与光伏').table.first_data_row}"
    assert bp.print_title_rows == "$11:$11"


def test_template_command_writes_the_workbook(tmp_path):
    out = tmp_path / "模板.xlsx"
    proc = subprocess.run([sys.executable, "-m", "reviewer", "template", str(out)], capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0 and out.stat().st_size > 10_000
    proc = subprocess.run([sys.executable, "-m", "reviewer", "template", str(tmp_path / "x.xls")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and ".xlsx" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_renders_in_libreoffice(tmp_path):
    """Convert the filled workbook to PDF with LibreOffice (as Excel/WPS would print it) and check the pages."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        pytest.skip("LibreOffice not installed")
    from reviewer.intake.template import write_workbook
    from test_intake_support import sample_submission

    src = tmp_path / "filled.xlsx"
    write_workbook(src, sample_submission())
    subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(src)], check=True,
                   capture_output=True, timeout=180)
    pdf = tmp_path / "filled.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    # Every visible sheet prints (hidden list/stamp sheets do not), one wide table per page width.
    for needle in ("填写须知", "项目基本信息", "2026-310117-39-03-000777", "能源消费", "产品与产值", "光伏装机容量",
                   "主要用能设备", "螺杆空压机"):
        assert needle in text, needle
    assert "template_id" not in text and "list_towns" not in text
    pages = int(subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout.split("Pages:")[1].split()[0])
    assert 7 <= pages <= 10
