"""The headless command line, driven as a user drives it (real subprocesses, real archive files)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from reviewer import __version__


def run(*args: str, env_home: Path, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "REVIEWER_HOME": str(env_home)}
    env.pop("REVIEWER_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "reviewer", *args], capture_output=True, text=True, env=env,
                          input=stdin, timeout=120)


def test_version(reviewer_home):
    r = run("--version", env_home=reviewer_home)
    assert r.returncode == 0 and r.stdout.strip() == f"reviewer {__version__}"


def test_console_entry_point_exists():
    exe = Path(sys.executable).with_name("reviewer")
    assert exe.exists(), "pip install must create the `reviewer` console script"


def test_schema_is_json_schema(reviewer_home):
    r = run("schema", env_home=reviewer_home)
    assert r.returncode == 0
    schema = json.loads(r.stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    energy = schema["properties"]["energy"]["items"]["properties"]
    assert "电力" in energy["carrier"]["enum"] and "万kWh" in energy["unit"]["enum"]
    assert "code" in schema["properties"]["project"]["required"]


def test_assess_json_matches_hand_calculation(reviewer_home, demo_dir):
    """Hospital demo. Hand calculation per GB/T 2589-2020 Annex A (domain-rules.md §3.1, §3.4):
    electricity 2860万kWh × 0.1229 kgce/kWh = 3514.94 tce (当量); × 0.28078 (DB31/T 783-2026, 等价) = 8030.308 → 8030.31;
    natural gas 186万m³ × 1.2143 kgce/m³ = 2258.598 → 2258.60 (same in both); PV self-use 95万kWh and water 42万t are
    excluded. 当量值 = 3514.94 + 2258.60 = 5773.54 tce; 等价值 = 8030.31 + 2258.60 = 10288.91 tce."""
    r = run("assess", str(demo_dir / "hospital.json"), "--json", env_home=reviewer_home)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout, parse_float=Decimal)
    assert out["energy"]["equivalent_tce"] == Decimal("5773.54")
    assert out["energy"]["equal_value_tce"] == Decimal("10288.91")
    excluded = [i for i in out["energy"]["items"] if not i["counted"]]
    assert {i["carrier"] for i in excluded} == {"电力", "新水"}


def test_assess_reports_every_problem_without_traceback(reviewer_home, tmp_path):
    bad = {"schema_version": "1", "project": {"code": "X", "name": "", "builder": "某公司",
                                              "builder_credit_code": "91310117MA1H2J3K4X", "town": "火星",
                                              "industry_code": "39", "project_type": "新建",
                                              "application_date": "2026-13-01", "total_investment_wan": -5},
           "energy": [{"carrier": "电力", "quantity": "abc", "unit": "万kWh"},
                      {"carrier": "天然气", "quantity": 10, "unit": "kWh"}]}
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    r = run("assess", str(f), "--json", env_home=reviewer_home)
    assert r.returncode == 2
    assert "Traceback" not in r.stdout + r.stderr
    rules = sorted({(p["rule"], p.get("field")) for p in json.loads(r.stdout)["problems"]})
    for expected in [("F-PROJECT-CODE", "code"), ("F-REQUIRED", "name"), ("F-CREDIT-CODE", "builder_credit_code"),
                     ("F-ENUM", "town"), ("F-TYPE", "application_date"), ("F-RANGE", "total_investment_wan"),
                     ("F-TYPE", "quantity")]:
        assert expected in rules, (expected, rules)


@pytest.mark.parametrize("content,needle", [
    (None, "找不到文件"),
    ("{not json", "不是有效的 JSON"),
    ('{"schema_version": "1", "project": {"total_investment_wan": NaN}}', "非有限数值"),
    (b"\xff\xfe\x00garbage", "不是 UTF-8"),
])
def test_unreadable_input_is_one_clear_message(reviewer_home, tmp_path, content, needle):
    f = tmp_path / "in.json"
    if isinstance(content, bytes):
        f.write_bytes(content)
    elif content is not None:
        f.write_text(content, encoding="utf-8")
    r = run("assess", str(f), env_home=reviewer_home)
    assert r.returncode == 2
    assert needle in r.stderr and "Traceback" not in r.stderr


def test_demo_then_archive_list(reviewer_home):
    assert run("demo", env_home=reviewer_home).returncode == 0
    r = run("archive", "list", "--json", env_home=reviewer_home)
    assert r.returncode == 0
    rows = json.loads(r.stdout)
    assert len(rows) == 14  # the demo world (reviewer/demo.py): 4 shipped submissions + 10 generated
    hospital = next(x for x in rows if x["code"] == "2026-310117-84-01-000101")
    assert hospital["equivalent_tce"] == pytest.approx(5773.54)
    assert (reviewer_home / "archive.sqlite3").exists()
    # seeding twice is idempotent: same content → duplicates, nothing new
    again = run("demo", env_home=reviewer_home)
    assert again.stdout.count("duplicate") == 14 and "已存在" in again.stdout


def test_what_if_override_is_recorded_and_unknown_parameter_refused(reviewer_home, demo_dir):
    r = run("assess", str(demo_dir / "electronics.json"), "--json",
            "--set", "energy.coefficients.electricity_equal_value=0.3", env_home=reviewer_home)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout, parse_float=Decimal)
    # 4200万kWh × 0.1229 = 5161.80 (当量, unchanged); × 0.3 = 12600.00 (等价, overridden)
    assert out["energy"]["equivalent_tce"] == Decimal("5161.80")
    assert out["energy"]["equal_value_tce"] == Decimal("12600")
    assert "energy.coefficients.electricity_equal_value" in out["overrides"]
    bad = run("assess", str(demo_dir / "electronics.json"), "--set", "no.such.param=1", env_home=reviewer_home)
    assert bad.returncode == 2 and "未知参数" in bad.stderr


def test_huge_integer_is_a_range_problem_on_its_field(reviewer_home, tmp_path):
    """A 5001-digit number used to trip Python's int-string limit and read as “non-finite”; it is now an ordinary
    F-RANGE problem naming the field, with the bound written as people write it."""
    f = tmp_path / "big.json"
    f.write_text('{"schema_version": "1", "project": {"employees": 1' + "0" * 5000 + "}}", encoding="utf-8")
    r = run("assess", str(f), "--json", env_home=reviewer_home)
    assert r.returncode == 2 and "Traceback" not in r.stderr
    problems = json.loads(r.stdout)["problems"]
    emp = [p for p in problems if p.get("field") == "employees"]
    assert emp and emp[0]["rule"] == "F-RANGE" and emp[0]["expected"] == "≤1000000"
