"""The ledger's command line, in process against the default archive of the test's REVIEWER_HOME."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date

import pytest

from test_ledger_helpers import DEMO, build_demo
from reviewer.archive.db import Archive
from reviewer.cli import main

BOILER = "2025-310117-44-02-000303"
NINE = "2026-310117-39-03-000515"
PENDING = "2026-310117-39-03-000516"


@pytest.fixture
def demo_archive():
    a = Archive()
    build_demo(a)
    yield a
    a.dispose()


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_json_and_text(demo_archive, capsys):
    code, out, _ = run(capsys, "ledger", "--date", "2027-03-01", "show", "--year", "2028", "--json")
    assert code == 0
    data = json.loads(out)
    d2028 = next(u for u in data["district"] if u["year"] == 2028)
    assert d2028["energy_equivalent_tce"]["budget"] == 62000
    # 小昆山镇 carbon: 66313.15 used of 60000 → level 1
    assert any(w["label"] == "小昆山镇" and w["level"] == 1 and w["metric"] == "carbon_tco2" for w in data["warnings"])
    code, out, _ = run(capsys, "ledger", "--date", "2027-03-01", "show")
    assert code == 0 and "全区" in out and "一级预警" in out and "拟批项目" in out


def test_budget_set_list_and_missing_reason(demo_archive, capsys):
    code, out, _ = run(capsys, "ledger", "--actor", "张三", "budget", "set", "--year", "2030", "--eq", "45,000",
                       "--reason", "十五五年度预算")
    assert code == 0 and "预算已保存" in out
    code, out, _ = run(capsys, "ledger", "budget", "list", "--year", "2030", "--json")
    hist = json.loads(out)["history"]
    assert [(h["by"], h["reason"], h["after"]["energy_equivalent_tce"]) for h in hist] == [("张三", "十五五年度预算", 45000.0)]
    with pytest.raises(SystemExit):  # --reason is required by the parser
        main(["ledger", "budget", "set", "--year", "2030", "--eq", "1"])
    code, _, err = run(capsys, "ledger", "budget", "set", "--year", "2030", "--town", "浦东新区", "--eq", "1",
                       "--reason", "x")
    assert code == 2 and "不是松江区的街镇或园区" in err


def test_validity_lists(demo_archive, capsys):
    code, out, _ = run(capsys, "validity", "--soon", "120", "--date", "2028-06-01", "--json")
    data = json.loads(out)
    # boiler: 同意变更 2026-06-01 → valid until 2028-06-01 (0 days left); 九亭 approved 2026-08-12 → 72 days left
    assert [(e["project_code"], e["days_left"]) for e in data["expiring"]] == [(BOILER, 0), (NINE, 72)]
    assert [e["project_code"] for e in data["lapsed"]] == ["2024-310117-84-01-000117"]
    code, out, _ = run(capsys, "validity", "--date", "2028-06-01")
    assert "已失效" in out and "2024-310117-84-01-000117" in out


def test_change_file_and_decide_move_ledger(demo_archive, capsys):
    code, out, _ = run(capsys, "change", "--actor", "t", "file", NINE, "--type", "scale", "--eq", "2600", "--year",
                       "2029", "--date", "2027-01-10", "--json")
    cr = json.loads(out)["change_request_id"]
    code, out, _ = run(capsys, "change", "--actor", "t", "decide", str(cr), "--outcome", "approved_change",
                       "--reason", "产能调整", "--date", "2027-02-01")
    assert code == 0 and "已按变更后数值调整" in out
    code, out, _ = run(capsys, "ledger", "--date", "2027-03-01", "show", "--year", "2029", "--json")
    data = json.loads(out)
    e = next(x for x in data["entries"] if x["project_code"] == NINE)
    assert (e["year"], e["equivalent_tce"], e["origin"]) == (2029, 2600.0, "change")
    code, out, _ = run(capsys, "change", "list", NINE, "--json")
    assert json.loads(out)[0]["status"] == "approved_change"


def test_check_pending_exit_code(demo_archive, capsys):
    # industry 39 in 2028: (5161.80 + 2150.00 + 3900.00) / 10000 = 112.1 % → level 1 → exit 1
    code, out, _ = run(capsys, "ledger", "--date", "2027-03-01", "check", PENDING)
    assert code == 1 and "一级预警" in out
    # the rule engine's regional-impact section with the ledger's 2028 budget: 3900 / 62000 = 6.29 %
    code, out, _ = run(capsys, "ledger", "--date", "2027-03-01", "check", PENDING, "--json")
    reg = json.loads(out)["regional"]
    assert reg["budget_source"] == "ledger" and reg["energy_budget_tce"] == 62000
    assert abs(reg["energy_share_percent"] - 6.29) < 0.006


def test_acceptance_cli_json(demo_archive, capsys, tmp_path):
    """Boiler demo as built: 1455.25 tce 当量 (engine) against the 同意变更 cap of 1210.40 tce: +20.23 % → 整改."""
    code, out, _ = run(capsys, "acceptance", BOILER, str(DEMO / "boiler.json"), "--date", "2027-09-01", "--json")
    assert code == 0
    data = json.loads(out)
    row = next(r for r in data["rows"] if r["metric"] == "energy_equivalent")
    assert (row["approved"], row["actual"]) == (1210.40, 1455.25)
    assert data["outcome"] == "overrun" and data["consequence"] == "rectification"
    code, _, err = run(capsys, "acceptance", "2099-310117-00-00-000000", str(DEMO / "boiler.json"))
    assert code == 2 and "没有项目代码为 2099-310117-00-00-000000 的项目" in err


def test_export_all_formats(demo_archive, capsys, tmp_path):
    for name in ("l.xlsx", "l.csv", "l.json", "l.pdf"):
        code, out, _ = run(capsys, "ledger", "--date", "2027-03-01", "export", str(tmp_path / name))
        assert code == 0 and (tmp_path / name).stat().st_size > 0
    code, _, err = run(capsys, "ledger", "export", str(tmp_path / "l.docx"))
    assert code == 2 and "不支持的导出格式" in err
    if shutil.which("pdffonts"):
        fonts = subprocess.run(["pdffonts", str(tmp_path / "l.pdf")], capture_output=True, text=True).stdout
        rows = fonts.splitlines()[2:]
        assert rows and all(" yes " in r for r in rows)  # every font embedded
    text = subprocess.run(["pdftotext", str(tmp_path / "l.pdf"), "-"], capture_output=True, text=True).stdout
    assert "松江区固定资产投资项目新增能耗与碳排放台账" in text and "小昆山镇" in text


def test_start_source_green_and_import(demo_archive, capsys, tmp_path):
    code, out, _ = run(capsys, "ledger", "--date", "2027-03-01", "start", NINE, "2027-02-15")
    assert code == 0 and "2027-02-15" in out
    code, out, _ = run(capsys, "ledger", "--date", "2027-03-01", "source", NINE, "能耗替代：某公司空压站节能改造")
    assert code == 0
    code, out, _ = run(capsys, "ledger", "--date", "2027-03-01", "green", NINE, "--certificates-kwh", "1000000",
                       "--reason", "承诺购买绿证")
    # 1 000 000 kWh × 0.1229 kgce/kWh ÷ 1000 = 122.90 tce (GB/T 2589-2020 附录A)
    assert code == 0 and "122.90 tce" in out
    code, out, _ = run(capsys, "ledger", "--date", "2027-03-01", "show", "--year", "2028", "--json")
    e = next(x for x in json.loads(out)["entries"] if x["project_code"] == NINE)
    assert (e["construction_started_on"], e["energy_source"], e["green_deduction_equivalent_tce"]) == (
        "2027-02-15", "能耗替代：某公司空压站节能改造", 122.9)
    # export, then import the workbook back: everything is already there
    run(capsys, "ledger", "--date", "2027-03-01", "export", str(tmp_path / "l.xlsx"))
    code, out, _ = run(capsys, "ledger", "import", str(tmp_path / "l.xlsx"), "--json")
    assert code == 0 and json.loads(out)["entries_added"] == 0
    code, _, err = run(capsys, "ledger", "import", str(tmp_path / "missing.xlsx"))
    assert code == 2 and "找不到文件" in err


def test_acceptance_issue_later(demo_archive, capsys, tmp_path):
    code, out, _ = run(capsys, "acceptance", BOILER, str(DEMO / "boiler.json"), "--date", "2027-09-01", "--json")
    acc = json.loads(out)["acceptance_id"]
    out_pdf = tmp_path / "验收意见.pdf"
    code, out, _ = run(capsys, "acceptance-issue", str(acc), "--date", "2027-09-02", "--out", str(out_pdf))
    assert code == 0 and "已出具验收意见" in out and out_pdf.read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "acceptance-issue", str(acc))
    assert code == 2 and "已出具验收意见" in err  # never twice
