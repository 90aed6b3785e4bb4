"""Data-driven rule cases: every file in tests/rule_cases/*.toml (format: tests/rule_cases/README.md).

Each case goes through the real submission validator and the real engine with the baseline packs; expected values
carry their source (clause or hand calculation) in the case file.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest

from reviewer.cli.core import parse_date
from reviewer.errors import UserError
from reviewer.rules.engine import assess
from reviewer.submission.parse import submission_from_data

CASES_DIR = Path(__file__).resolve().parent / "rule_cases"
DEFAULT_TOLERANCE = 0.005

BASE: dict[str, Any] = {
    "schema_version": "1",
    "project": {
        "code": "2025-310117-44-02-000303",
        "name": "规则测试项目",
        "builder": "上海某测试有限公司",
        "builder_credit_code": "91310117MA1K8L9P09",
        "town": "车墩镇",
        "industry_code": "17",
        "project_type": "新建",
        "application_date": "2026-03-01",
        "total_investment_wan": 1000,
    },
    "energy": [],
}


def _cases():
    for path in sorted(CASES_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
        for case in doc.get("cases", []):
            yield pytest.param(case, id=f"{path.stem}::{case['name']}")


def _kind_cases(kind: str):
    for path in sorted(CASES_DIR.glob("*.toml")):
        with path.open("rb") as fh:
            doc = tomllib.load(fh)
        for case in doc.get(kind, []):
            yield pytest.param(case, id=f"{path.stem}::{case['name']}")


def _merge(base: dict, patch: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in patch.items():
        if isinstance(v, dict) and isinstance(out.get(k), dict):
            out[k] = _merge(out[k], v)
        else:
            out[k] = copy.deepcopy(v)
    return out


def resolve(result: dict, path: str) -> Any:
    """Dotted path into the result; keys may themselves contain dots (parameter ids), longest match wins."""
    if path.startswith("finding."):
        fid = path.removeprefix("finding.")
        found = [f for f in result["findings"] if f["id"] == fid]
        assert found, f"no finding {fid}"
        return found[0]["status"]
    if path.startswith("finding_evidence."):  # finding_evidence.<ID>.<key>: one figure of a finding's evidence
        fid, _, key = path.removeprefix("finding_evidence.").partition(".")
        found = [f for f in result["findings"] if f["id"] == fid]
        assert found, f"no finding {fid}"
        return resolve(found[0]["evidence"], key)
    if path.startswith("indicator."):
        rest = path.removeprefix("indicator.")
        for ind in result["efficiency"]["indicators"]:
            if rest.startswith(ind["id"] + "."):
                return resolve(ind, rest.removeprefix(ind["id"] + "."))
        raise AssertionError(f"no indicator for {path}")
    node: Any = result
    parts = path.split(".")
    while parts:
        if isinstance(node, list):
            node, parts = node[int(parts[0])], parts[1:]
            continue
        for n in range(len(parts), 0, -1):
            key = ".".join(parts[:n])
            if key in node:
                node, parts = node[key], parts[n:]
                break
        else:
            raise AssertionError(f"{path}: no key {parts[0]!r} in {sorted(node)}")
    return node


@pytest.mark.parametrize("case", list(_cases()))
def test_rule_case(case):
    data = _merge(BASE, case.get("submission", {}))
    if "error" in case:  # bad input must be a UserError naming the field, never a traceback
        with pytest.raises(UserError) as exc:
            assess(submission_from_data(data), on=parse_date(case.get("date")), overrides=case.get("set") or None,
                   choices=case.get("choices") or None, decision_date=parse_date(case.get("decision_date")))
        text = " ".join([str(exc.value), *(f"{p.message_zh} {p.field} {p.cell}" for p in exc.value.problems or [])])
        for needle in case["error"]:
            assert needle in text, f"{case['name']}: {needle!r} not in error {text!r}"
        return
    sub = submission_from_data(data)
    result = assess(sub, on=parse_date(case.get("date")), decision_date=parse_date(case.get("decision_date")),
                    overrides=case.get("set") or None,
                    choices=case.get("choices") or None).to_dict()
    tol = case.get("tolerance", DEFAULT_TOLERANCE)
    for path, expected in case.get("expect", {}).items():
        got = resolve(result, path)
        where = f"{case['name']}: {path} (source: {case.get('source', '—')})"
        if isinstance(expected, (bool, str, list)) or expected is None:
            assert got == expected, f"{where}: expected {expected!r}, got {got!r}"
        else:
            assert got is not None, f"{where}: expected {expected}, got None"
            assert abs(float(got) - float(expected)) <= tol, f"{where}: expected {expected} ± {tol}, got {got}"


def test_rule_case_files_exist_and_cover_each_check():
    from reviewer.rules.checks import CHECKS

    text = "".join(p.read_text(encoding="utf-8") for p in CASES_DIR.glob("*.toml"))
    for c in CHECKS:
        assert f'"finding.{c.id}"' in text, f"no rule case exercises {c.id}"


@pytest.mark.parametrize("case", list(_kind_cases("deadline_cases")))
def test_deadline_case(case):
    """Working-day deadlines (corrections.md A7): ``kind`` correction_notice | decision, ``start``, ``expect_due``,
    ``expect_complete`` (False: a year without calendar data is reported, never counted as plain weekdays)."""
    from reviewer.rules.deadlines import correction_notice_due, decision_due
    from reviewer.rules.engine import baseline

    if case["kind"] == "correction_notice":
        r = correction_notice_due(baseline(), case["start"])
    else:
        r = decision_due(baseline(), case["start"], extended=case.get("extended", False))
    assert r is not None
    if "expect_due" in case:
        assert r.due == case["expect_due"], f"{case['name']} ({case['source']}): due {r.due}"
    if "expect_complete" in case:
        assert r.complete is case["expect_complete"], f"{case['name']}: warnings {r.warnings}"


@pytest.mark.parametrize("case", list(_kind_cases("overrun_cases")))
def test_overrun_case(case):
    """The 10 % rule of the regime in force on ``day`` (corrections.md A8): overrun of ``actual`` over ``approved``."""
    from decimal import Decimal

    from reviewer.rules.ledger import overrun_pct, overrun_rule

    rule = overrun_rule(case["day"])
    pct = overrun_pct(Decimal(str(case["approved"])), Decimal(str(case["actual"])))
    assert rule.comparison == case["expect_comparison"], case["name"]
    assert rule.triggered(pct) is case["expect_triggered"], f"{case['name']} ({case['source']}): {float(pct)} %"


def test_every_correction_has_cases_on_both_sides_and_the_coverage_doc_is_current():
    """corrections.md A1–E5: at least two rule cases each (both sides of the edge); docs/corrections-coverage.md
    is generated from the cases (``make docs``)."""
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "gen_corrections_coverage.py"
    spec = importlib.util.spec_from_file_location("gen_corrections_coverage", path)
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    thin = {cid: len(cases) for cid, cases in mod.coverage().items() if len(cases) < 2}
    assert not thin, f"corrections with fewer than two rule cases: {thin}"
    out = Path(__file__).resolve().parents[1] / "docs" / "corrections-coverage.md"
    assert out.read_text(encoding="utf-8") == mod.render(), "docs/corrections-coverage.md 已过期，请运行 make docs"
