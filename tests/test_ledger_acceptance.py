"""Completion acceptance: the 10 % rule on both sides of each regime's edge, and a full acceptance from a JSON file.

Legal wording (domain-rules.md §1.2, §1.3; rules/parameters/ledger/rules.toml):
* 令第2号 (2023-06-01 → 2025-08-31): "年实际综合能源消费量超过节能审查批复水平10%及以上的，建设单位应向原节能审查机关
  提交变更申请" — +10.00 % triggers (at or above), energy only.
* 令第31号 第二十六条 (2025-09-01 →): "单位产品综合能耗和碳排放、年实际综合能源消费量或碳排放总量高于批复水平10%" →
  责令限期整改 — +10.00 % does not trigger, +10.01 % does; energy, carbon and unit-product figures.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from test_ledger_helpers import approve, project_data, set_assessment, store
from reviewer.archive import audit
from reviewer.archive.models import LedgerAcceptance
from reviewer.errors import UserError
from reviewer.ledger import sync_all
from reviewer.ledger.acceptance import CapFigures, compare, load_actual, run_acceptance
from reviewer.rules.ledger import overrun_rule

ORDER2_DAY = date(2025, 6, 1)
ORDER31_DAY = date(2026, 6, 1)
D = Decimal


def _caps(eq, co2=None, products=None):
    return CapFigures(D(eq), D(eq) * 2, None if co2 is None else D(co2), products or [])


def _row(comp, metric):
    return next(r for r in comp.rows if r.metric == metric)


@pytest.mark.parametrize("day, actual, triggered, consequence", [
    (ORDER2_DAY, "1100.00", True, "change_request"),   # exactly +10.0 %: 令第2号 "10%及以上" → 变更申请
    (ORDER2_DAY, "1100.10", True, "change_request"),   # +10.01 %
    (ORDER2_DAY, "1099.99", False, ""),                # +9.999 %
    (ORDER31_DAY, "1100.00", False, ""),               # exactly +10.0 %: 令第31号 "高于…10%" → not above
    (ORDER31_DAY, "1100.10", True, "rectification"),   # +10.01 % → 整改
])
def test_energy_edge_per_regime(day, actual, triggered, consequence):
    comp = compare(_caps("1000.00"), _caps(actual), overrun_rule(day))
    r = _row(comp, "energy_equivalent")
    assert r.covered and r.triggered is triggered
    assert (comp.outcome == "overrun") is triggered and comp.consequence == consequence


def test_overrun_pct_exact():
    comp = compare(_caps("1000.00"), _caps("1100.10"), overrun_rule(ORDER31_DAY))
    assert _row(comp, "energy_equivalent").overrun_pct == D("10.01")
    assert _row(comp, "energy_equivalent").to_dict()["overrun_pct"] == "10.0100"


@pytest.mark.parametrize("day, actual_co2, triggered", [
    (ORDER2_DAY, "5500", False),    # carbon not in 令第2号's change rule, even at +10 %
    (ORDER2_DAY, "6000", False),    # … or +20 %
    (ORDER31_DAY, "5500", False),   # +10.0 %
    (ORDER31_DAY, "5500.5", True),  # +10.01 %
])
def test_carbon_edge_per_regime(day, actual_co2, triggered):
    comp = compare(_caps("1000", 5000), _caps("1000", actual_co2), overrun_rule(day))
    r = _row(comp, "carbon")
    assert r.covered is (day == ORDER31_DAY) and r.triggered is triggered


def test_unit_product_intensity_order31():
    """Energy total within +10 % but output lower: 单位产品综合能耗 1000 tce/1000 万米 = 1000 kgce/万米 approved;
    actual 1050 tce / 950 万米 = 1105.26 kgce/万米 → +10.53 % > 10 % → 整改 (令第31号 第二十六条)."""
    prod = lambda cap: [{"name": "印染布", "capacity": cap, "unit": "万米"}]  # noqa: E731
    comp = compare(_caps("1000", products=prod(1000)), _caps("1050", products=prod(950)), overrun_rule(ORDER31_DAY))
    assert not _row(comp, "energy_equivalent").triggered
    ue = _row(comp, "unit_energy")
    assert ue.triggered and ue.approved == D(1000) and round(ue.actual, 2) == D("1105.26")
    assert comp.consequence == "rectification"
    # under 令第2号 the unit-product figure is not part of the rule
    assert compare(_caps("1000", products=prod(1000)), _caps("1050", products=prod(950)),
                   overrun_rule(ORDER2_DAY)).outcome == "pass"


def _acceptance_file(tmp_path, code, wan_kwh, app_date):
    d = project_data("electronics", code, year=2027)
    d["project"]["application_date"] = app_date
    d["energy"] = [{"carrier": "电力", "quantity": wan_kwh, "unit": "万kWh"}]
    p = tmp_path / "actual.json"
    p.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return p


@pytest.mark.parametrize("approved_on, accepted_on, wan_kwh, outcome, consequence", [
    # 895.0366 万kWh × 0.1229 kgce/kWh = 1099.99998 → 1100.00 tce (GB/T 2589 附录A, 0.01 t per item): +10.00 %
    (date(2024, 1, 10), ORDER2_DAY, "895.0366", "overrun", "change_request"),
    (date(2025, 10, 10), ORDER31_DAY, "895.0366", "pass", ""),
    # 895.118 万kWh × 0.1229 = 1100.100022 → 1100.10 tce: +10.01 %
    (date(2025, 10, 10), ORDER31_DAY, "895.118", "overrun", "rectification"),
])
def test_acceptance_from_json_file(any_archive, tmp_path, approved_on, accepted_on, wan_kwh, outcome, consequence):
    code = "2024-310117-39-03-000777"
    d = project_data("electronics", code, year=2027)
    d["project"]["application_date"] = approved_on.replace(day=2).isoformat()
    store(any_archive, d)
    set_assessment(any_archive, code, eq=1000.0, ev=2300.0, co2=None)
    approve(any_archive, code, approved_on, f"松发改能审〔{approved_on.year}〕7号")
    any_archive.run_write(lambda s: sync_all(s, today=approved_on))
    actual = load_actual(_acceptance_file(tmp_path, code, wan_kwh, approved_on.replace(day=2).isoformat()))
    res = any_archive.run_write(lambda s: (lambda r: (r.comparison.outcome, r.comparison.consequence, r.acceptance.id))(
        run_acceptance(s, code, actual, accepted_on=accepted_on, actor="验收组", source_name="actual.json")))
    assert res[:2] == (outcome, consequence)
    with any_archive.read() as s:
        row = s.get(LedgerAcceptance, res[2])
        energy = next(r for r in row.comparison["rows"] if r["metric"] == "energy_equivalent")
        assert energy["approved"] == 1000.0 and energy["actual"] in (1100.0, 1100.1)
        assert row.outcome == outcome and row.consequence == consequence
        assert audit.verify_chain(s) == []


def test_acceptance_refuses_wrong_project_and_unapproved(any_archive, tmp_path):
    code = "2026-310117-39-03-000778"
    store(any_archive, project_data("electronics", code, year=2027))
    actual = load_actual(_acceptance_file(tmp_path, code, "100", "2026-05-18"))
    with pytest.raises(UserError, match="没有有效的审查意见"):
        any_archive.run_write(lambda s: run_acceptance(s, code, actual, accepted_on=ORDER31_DAY, actor="t"))
    other = load_actual(_acceptance_file(tmp_path, "2026-310117-39-03-000779", "100", "2026-05-18"))
    with pytest.raises(UserError, match="不一致"):
        any_archive.run_write(lambda s: run_acceptance(s, code, other, accepted_on=ORDER31_DAY, actor="t"))
    with any_archive.read() as s:
        assert s.scalars(select(LedgerAcceptance)).first() is None
    with pytest.raises(UserError, match="不支持"):
        load_actual(tmp_path / "x.txt") if (tmp_path / "x.txt").write_text("x") else None


def test_unit_intensity_exact_edge_with_repeating_quotient():
    """1000 tce / 1200 万只 = 833.33… kgce/万只 and 1100/1200 = 916.66…: exactly +10 %. A truncated decimal quotient
    would read 10.0000…01 % and wrongly trigger 令第31号; exact fractions keep it at the edge (not above)."""
    prod = [{"name": "传感器模组", "capacity": 1200, "unit": "万只"}]
    comp = compare(_caps("1000", products=prod), _caps("1100", products=prod), overrun_rule(ORDER31_DAY))
    assert _row(comp, "unit_energy").overrun_pct == D(10) and comp.outcome == "pass"
    comp2 = compare(_caps("1000", products=prod), _caps("1100", products=prod), overrun_rule(ORDER2_DAY))
    assert comp2.consequence == "change_request"  # 令第2号: the energy total at +10 % triggers


def test_acceptance_from_applicant_workbook(any_archive, tmp_path):
    """Actual data in the applicant workbook format (written by the intake template, read by the intake reader)
    give the same comparison as the JSON file: 895.118 万kWh → 1100.10 tce, +10.01 % → 整改 under 令第31号."""
    from reviewer.intake.template import write_workbook

    code = "2025-310117-39-03-000880"
    d = project_data("electronics", code, year=2027)
    d["project"]["application_date"] = "2025-10-02"
    store(any_archive, d)
    set_assessment(any_archive, code, eq=1000.0, ev=2300.0, co2=None)
    approve(any_archive, code, date(2025, 10, 10), "松发改能审〔2025〕88号")
    any_archive.run_write(lambda s: sync_all(s, today=date(2025, 10, 10)))
    actual_json = load_actual(_acceptance_file(tmp_path, code, "895.118", "2025-10-02"))
    xlsx = tmp_path / "actual.xlsx"
    write_workbook(xlsx, actual_json)
    actual = load_actual(xlsx)
    out = any_archive.run_write(lambda s: run_acceptance(s, code, actual, accepted_on=ORDER31_DAY, actor="t")
                                .comparison.to_dict())
    energy = next(r for r in out["rows"] if r["metric"] == "energy_equivalent")
    assert (energy["actual"], energy["overrun_pct"], out["consequence"]) == (1100.1, "10.0100", "rectification")


def test_bad_acceptance_workbook_is_refused(tmp_path):
    from reviewer.errors import ValidationFailed

    bad = tmp_path / "bad.xlsx"
    from openpyxl import Workbook

    Workbook().save(bad)
    with pytest.raises((ValidationFailed, UserError)) as ei:
        load_actual(bad)
    assert "bad.xlsx" in ei.value.message_zh or ei.value.problems
