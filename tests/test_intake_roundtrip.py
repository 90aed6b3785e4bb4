"""JSON ⇄ workbook round trips, and the acceptance path: blank template → filled like an applicant would → imported
into a real archive → exported back (xlsx and json) → identical data."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from test_intake_support import CREDIT, sample_submission, valid_bytes


def _canon(sub):  # noqa: ANN001, ANN202
    from reviewer.services import canonical_data

    return canonical_data(sub)


def _data_cells(data: bytes) -> dict[str, list[tuple]]:
    from reviewer.intake.layout import layout

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out = {s.name: [tuple(r) for r in wb[s.name].iter_rows(values_only=True)] for s in layout().sheets}
    wb.close()
    return out


def test_json_to_xlsx_to_json_is_lossless_for_the_sample_and_demos(demo_dir):
    from reviewer.intake.reader import read_workbook
    from reviewer.intake.template import workbook_bytes
    from reviewer.submission.parse import load_json

    subs = [sample_submission()] + [load_json(p) for p in sorted(demo_dir.glob("*.json"))]
    for sub in subs:
        r = read_workbook(workbook_bytes(sub), "x.xlsx")
        assert r.ok, [p.text() for p in r.problems]
        assert r.problems == []
        assert _canon(r.submission) == _canon(sub)
        assert r.submission == sub


def test_xlsx_to_data_to_xlsx_keeps_every_cell():
    from reviewer.intake.reader import read_workbook
    from reviewer.intake.template import workbook_bytes

    first = valid_bytes()
    r = read_workbook(first, "a.xlsx")
    second = workbook_bytes(r.submission)
    assert _data_cells(second) == _data_cells(first)


def test_export_of_a_workbook_reads_back_without_any_problem():
    """The exporter's output is a valid template: stamp, headers, dropdown texts, formats."""
    from reviewer.intake.reader import read_workbook

    sub = sample_submission()
    sub.project.description = "=SUM(A1) 不是公式 _x0041_ 也不是转义"
    r = read_workbook(valid_bytes(sub), "x.xlsx")
    assert r.ok and r.problems == []
    assert r.submission.project.description == sub.project.description


_text = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "Zs"), exclude_characters="\u3000\xa0"),
                min_size=1, max_size=30).map(str.strip).filter(bool)
_money = st.decimals(min_value=0, max_value=10**8, places=2, allow_nan=False, allow_infinity=False)
_qty = st.decimals(min_value=0, max_value=10**9, places=4, allow_nan=False, allow_infinity=False)


@st.composite
def submissions(draw):  # noqa: ANN001, ANN201
    from reviewer.domain import model as m
    from reviewer.submission.spec import list_codes

    sub = sample_submission()
    p = sub.project
    p.name = draw(_text)
    p.description = draw(st.one_of(st.just(""), _text))
    p.town = draw(st.sampled_from(list_codes("towns")))
    p.industry_code = draw(st.sampled_from(list_codes("industry_codes")))
    p.project_type = m.ProjectType(draw(st.sampled_from(list_codes("project_types"))))
    p.application_date = draw(st.dates(date(1995, 1, 1), date(2099, 12, 31)))
    p.total_investment_wan = draw(_money)
    p.output_value_wan = draw(st.one_of(st.none(), _money))
    p.added_value_wan = None
    p.government_invested = draw(st.booleans())
    p.employees = draw(st.one_of(st.none(), st.integers(0, 10**6)))
    sub.products = []
    sub.energy = [m.EnergyItem("电力", draw(_qty), "kWh", purpose=m.Purpose(draw(st.sampled_from(["fuel", "feedstock"]))),
                               note=draw(st.one_of(st.just(""), _text)))
                  for _ in range(draw(st.integers(0, 4)))]
    sub.equipment = [m.Equipment(draw(_text), draw(st.integers(0, 10**6))) for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        sub.data_centre = None
    return sub


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(submissions())
def test_round_trip_property(sub):
    from reviewer.intake.reader import read_workbook
    from reviewer.intake.template import workbook_bytes

    r = read_workbook(workbook_bytes(sub), "h.xlsx")
    assert r.ok, [p.text() for p in r.problems]
    assert _canon(r.submission) == _canon(sub)


# -- the acceptance path -----------------------------------------------------------------------------------------

def _fill_like_an_applicant(template: Path, out: Path) -> None:
    """Open the blank template and type values where the labels say, as a person would (text and numbers typed in
    the usual ways, dropdown texts as shown)."""
    wb = load_workbook(template)
    ws = wb["项目基本信息"]
    labels = {str(ws.cell(r, 1).value): r for r in range(1, ws.max_row + 1) if ws.cell(r, 1).value}
    values = {
        "项目代码*": "2026-310117-26-02-004321", "项目名称*": "某新材料公司改性树脂技术改造项目",
        "建设单位*": "上海某新材料有限公司", "统一社会信用代码*": CREDIT, "所在街镇/园区*": "新桥镇",
        "国民经济行业代码（GB/T 4754-2017）*": "26 化学原料和化学制品制造业", "建设性质*": "技术改造",
        "申请日期*": date(2026, 4, 20), "总投资*": 8600, "预计投产年份": 2027, "达产年工业总产值（营业收入）": 36000.5,
        "是否政府投资项目": "否", "定员人数": 140,
    }
    for label, v in values.items():
        ws.cell(labels[label], 2, v)
    e = wb["能源消费"]
    rows = [("电力", 2150, "万kWh", "燃料动力", "外购"), ("天然气", 180, "万m³", "燃料动力", "外购"),
            ("天然气", 35, "万m³", "原料用能", "外购")]
    for i, row in enumerate(rows):
        for j, v in enumerate(row):
            e.cell(4 + i, 1 + j, v)
    p = wb["产品与产值"]
    for j, v in enumerate(("改性树脂", 5, "万t", 36000.5)):
        p.cell(4, 1 + j, v)
    q = wb["主要用能设备"]
    for j, v in enumerate(("反应釜", 6, "R-20", 75, 2)):
        q.cell(4, 1 + j, v)
    wb.save(out)


def test_template_filled_imported_exported_identical(tmp_path):
    from reviewer.intake.reader import read_workbook
    from reviewer.submission.parse import load_json

    run = lambda *a: subprocess.run([sys.executable, "-m", "reviewer", *a], capture_output=True, text=True,  # noqa: E731
                                    timeout=120)
    blank = tmp_path / "模板.xlsx"
    assert run("template", str(blank)).returncode == 0
    filled = tmp_path / "申报.xlsx"
    _fill_like_an_applicant(blank, filled)
    original = read_workbook(filled)
    assert original.ok, [p.text() for p in original.problems]
    assert original.problems == []
    sub = original.submission
    assert sub.project.industry_code == "26" and sub.energy[2].purpose.value == "feedstock"
    assert sub.products[0].output_value_wan == Decimal("36000.5")

    proc = run("import", str(filled))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "已导入" in proc.stdout

    out_x, out_j = tmp_path / "导出.xlsx", tmp_path / "导出.json"
    assert run("export", sub.project.code, str(out_x)).returncode == 0
    assert run("export", sub.project.code, str(out_j)).returncode == 0
    back_x = read_workbook(out_x)
    assert back_x.ok and back_x.problems == []
    assert _canon(back_x.submission) == _canon(sub)
    assert _canon(load_json(out_j)) == _canon(sub)
    assert _data_cells(out_x.read_bytes())["能源消费"] == _data_cells(valid_bytes(sub))["能源消费"]

    # Re-importing the export is an unchanged duplicate; the archive keeps one version.
    proc = run("import", str(out_x), "--json")
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["results"][0]["status"] == "duplicate"


def test_export_errors_are_plain_messages(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "reviewer", "export", "2026-310117-00-00-000000", str(tmp_path / "x.xlsx")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "没有项目代码" in proc.stderr and "Traceback" not in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "reviewer", "export", "X", str(tmp_path / "x.csv")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and ".xlsx" in proc.stderr


@pytest.mark.parametrize("kind", ["xlsx", "json"])
def test_export_api_writes_either_format(tmp_path, archive, kind):
    from reviewer.intake.batch import import_paths
    from reviewer.intake.reader import read_workbook
    from reviewer.services import load_submission
    from reviewer.submission.parse import dumps, load_json, submission_to_data
    from reviewer.intake.template import write_workbook

    src = tmp_path / "in.xlsx"
    src.write_bytes(valid_bytes())
    assert import_paths(archive, [src])[0].status == "imported"
    with archive.read() as s:
        _p, _row, sub = load_submission(s, sample_submission().project.code)
    out = tmp_path / f"out.{kind}"
    if kind == "json":
        out.write_text(dumps(submission_to_data(sub)), encoding="utf-8")
        assert _canon(load_json(out)) == _canon(sample_submission())
    else:
        write_workbook(out, sub)
        assert _canon(read_workbook(out).submission) == _canon(sample_submission())
