"""Ledger core on SQLite and PostgreSQL: budgets with history, approvals drawing on the budget, superseding
opinions and approved changes moving the ledger, lapses freeing it, green power deducted separately, warnings."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from test_ledger_helpers import approve, project_data, set_assessment, store
from reviewer.archive import audit
from reviewer.archive.models import LedgerBudgetChange, LedgerEntry, Project
from reviewer.errors import UserError
from reviewer.ledger import apply_lapses, sync_all
from reviewer.ledger.budget import district_budget, history, set_budget
from reviewer.ledger.changes import decide_change_request, file_change_request
from reviewer.ledger.entries import record_construction_start
from reviewer.rules.ledger import add_years
from reviewer.ledger.summary import check_pending_project, ledger_view

ETDZ = "松江经济技术开发区"
CODE_A = "2026-310117-39-03-000901"
CODE_B = "2026-310117-39-03-000902"


def _entries(archive, code):
    with archive.read() as s:
        return list(s.scalars(select(LedgerEntry).where(LedgerEntry.project_code == code).order_by(LedgerEntry.id)))


def _district(archive, year, today=date(2026, 11, 1)):
    with archive.read() as s:
        v = ledger_view(s, year=year, today=today)
        return next(u for u in v.by_year if u.year == year), v


def test_budget_set_change_history_and_audit(any_archive):
    a = any_archive
    a.run_write(lambda s: set_budget(s, year=2028, actor="张三", reason="区政府下达2028年新增能耗预算",
                                     energy_equivalent_tce=50000, energy_equal_value_tce=100000, carbon_tco2=90000))
    a.run_write(lambda s: set_budget(s, year=2028, actor="李四", reason="年中调整：新增数据中心空间",
                                     energy_equivalent_tce=60000))
    a.run_write(lambda s: set_budget(s, year=2028, town=ETDZ, actor="张三", reason="分解到开发区",
                                     energy_equivalent_tce=20000, carbon_tco2=30000))
    with a.read() as s:
        b = district_budget(s, 2028)
        assert (b.energy_equivalent_tce, b.energy_equal_value_tce, b.carbon_tco2) == (60000, 100000, 90000)
        assert not b.is_default
        h = history(s, 2028)
        assert [(c.changed_by, c.reason) for c, _ in h] == [("张三", "区政府下达2028年新增能耗预算"),
                                                            ("李四", "年中调整：新增数据中心空间"), ("张三", "分解到开发区")]
        assert h[1][0].before["energy_equivalent_tce"] == 50000 and h[1][0].after["energy_equivalent_tce"] == 60000
        assert h[1][0].after["energy_equal_value_tce"] == 100000  # unchanged metric kept
        events = [e.action for e in s.scalars(select(audit.AuditEvent).order_by(audit.AuditEvent.id))]
        assert events.count("ledger.budget.set") == 3
        assert audit.verify_chain(s) == []
        # a year without a stored budget shows the unverified placeholder parameter
        assert district_budget(s, 2031).is_default


def test_budget_bad_input_writes_nothing(any_archive):
    with pytest.raises(UserError) as ei:
        any_archive.run_write(lambda s: set_budget(s, year=2028, town="浦东新区", actor="x", reason="",
                                                   energy_equivalent_tce=-5))
    rules = sorted(p.rule for p in ei.value.problems)
    assert rules == ["LEDGER-BUDGET-REASON", "LEDGER-BUDGET-TOWN", "LEDGER-BUDGET-VALUE"]
    with any_archive.read() as s:
        assert s.scalars(select(LedgerBudgetChange)).first() is None


def test_approval_draws_supersession_moves_and_change_moves_again(any_archive):
    a = any_archive
    a.run_write(lambda s: set_budget(s, year=2028, actor="t", reason="r", energy_equivalent_tce=10000,
                                     energy_equal_value_tce=30000, carbon_tco2=20000))
    store(a, project_data("electronics", CODE_A, year=2028))
    set_assessment(a, CODE_A, eq=4000.0, ev=9000.0, co2=7000.0)
    # not approved yet: pending, nothing drawn
    u, v = _district(a, 2028)
    assert u.used["energy_equivalent_tce"] == 0 and u.pending["energy_equivalent_tce"] > 0
    op1 = approve(a, CODE_A, date(2026, 6, 1), "松发改能审〔2026〕1号")
    res = a.run_write(lambda s: sync_all(s, today=date(2026, 6, 2)))
    assert [r.action for r in res] == ["drawn"]
    u, _ = _district(a, 2028)
    assert u.used["energy_equivalent_tce"] == Decimal("4000") and u.pending["energy_equivalent_tce"] == 0
    assert u.remaining("energy_equivalent_tce") == Decimal("6000")
    # idempotent
    assert [r.action for r in a.run_write(lambda s: sync_all(s, today=date(2026, 6, 3)))] == ["unchanged"]

    # a corrected opinion (new version superseding the first) moves the ledger to its figures
    d = project_data("electronics", CODE_A, year=2028)
    d["energy"][0]["quantity"] = 4300
    store(a, d)
    set_assessment(a, CODE_A, eq=4500.0, ev=9900.0, co2=7600.0)
    approve(a, CODE_A, date(2026, 7, 1), "松发改能审〔2026〕2号", supersedes=op1)
    assert [r.action for r in a.run_write(lambda s: sync_all(s, today=date(2026, 7, 1)))] == ["moved"]
    es = _entries(a, CODE_A)
    assert [(e.status, e.doc_number, e.equivalent_tce) for e in es] == [
        ("superseded", "松发改能审〔2026〕1号", 4000.0), ("active", "松发改能审〔2026〕2号", 4500.0)]
    u, _ = _district(a, 2028)
    assert u.used["energy_equivalent_tce"] == Decimal("4500")

    # 变更申请 (scale + commissioning year) → 同意变更 moves the draw to 2029 with the changed figures
    cr = a.run_write(lambda s: file_change_request(
        s, CODE_A, change_types=["scale"], requested_on=date(2026, 9, 1), actor="t", description="扩大产能",
        proposed={"equivalent_tce": 5200, "equal_value_tce": 11000, "carbon_tco2": 8800, "commissioning_year": 2029}).id)
    assert len(_entries(a, CODE_A)) == 2  # pending request does not move the ledger
    out = a.run_write(lambda s: decide_change_request(s, cr, outcome="approved_change", decided_on=date(2026, 9, 20),
                                                      actor="审查员", reason="规模变化经评审可行").ledger_action)
    assert out == "moved"
    es = _entries(a, CODE_A)
    assert [(e.status, e.origin, e.year, e.equivalent_tce) for e in es][-1] == ("active", "change", 2029, 5200.0)
    assert es[-1].valid_until == date(2028, 9, 20)  # validity runs from the 同意变更 decision (令第31号 第十九条)
    u28, _ = _district(a, 2028)
    u29, _ = _district(a, 2029)
    assert u28.used["energy_equivalent_tce"] == 0 and u29.used["energy_equivalent_tce"] == Decimal("5200")
    with a.read() as s:
        assert audit.verify_chain(s) == []


def test_re_review_keeps_ledger_until_new_approval(any_archive):
    a = any_archive
    store(a, project_data("electronics", CODE_B, year=2028))
    set_assessment(a, CODE_B, eq=3000.0, ev=7000.0, co2=5000.0)
    approve(a, CODE_B, date(2026, 6, 1), "松发改能审〔2026〕11号")
    a.run_write(lambda s: sync_all(s, today=date(2026, 6, 1)))
    cr = a.run_write(lambda s: file_change_request(s, CODE_B, change_types=["site", "equipment_process"],
                                                   requested_on=date(2026, 8, 1), actor="t").id)
    act = a.run_write(lambda s: decide_change_request(s, cr, outcome="re_review", decided_on=date(2026, 8, 10),
                                                      actor="t", reason="地点及工艺路线变化，重新审查").ledger_action)
    assert act == "unchanged"
    with pytest.raises(UserError):  # decided once only
        a.run_write(lambda s: decide_change_request(s, cr, outcome="approved_change", decided_on=date(2026, 8, 11),
                                                    actor="t", reason="x"))
    d = project_data("electronics", CODE_B, year=2029, town="车墩镇")
    d["energy"][0]["quantity"] = 3000
    store(a, d)
    set_assessment(a, CODE_B, eq=3600.0, ev=8000.0, co2=6000.0)
    approve(a, CODE_B, date(2026, 12, 1), "松发改能审〔2026〕19号")  # the new review's approval
    a.run_write(lambda s: sync_all(s, today=date(2026, 12, 1)))
    es = _entries(a, CODE_B)
    assert [(e.status, e.town, e.year) for e in es] == [("superseded", ETDZ, 2028), ("active", "车墩镇", 2029)]


def test_validity_edge_and_lapse_frees_budget(any_archive):
    a = any_archive
    store(a, project_data("electronics", CODE_A, year=2028))
    set_assessment(a, CODE_A, eq=4000.0, ev=9000.0, co2=7000.0)
    store(a, project_data("electronics", CODE_B, year=2028))
    set_assessment(a, CODE_B, eq=1000.0, ev=2000.0, co2=1500.0)
    approve(a, CODE_A, date(2026, 3, 15), "松发改能审〔2026〕3号")
    approve(a, CODE_B, date(2026, 3, 15), "松发改能审〔2026〕4号")
    a.run_write(lambda s: sync_all(s, today=date(2026, 3, 15)))
    assert _entries(a, CODE_A)[0].valid_until == date(2028, 3, 15)
    a.run_write(lambda s: record_construction_start(s, CODE_B, date(2028, 3, 15), actor="t"))  # last valid day
    # the last day of validity: nothing lapses (民法典 第二百零一条: 2026-03-15 + 2 years ends 2028-03-15)
    assert a.run_write(lambda s: [e.id for e in apply_lapses(s, today=date(2028, 3, 15))]) == []
    u, _ = _district(a, 2028, today=date(2028, 3, 15))
    assert u.used["energy_equivalent_tce"] == Decimal("5000")
    # the day after: A (never started) lapses and frees 4000 tce; B (started on the last day) stays
    lapsed = a.run_write(lambda s: [e.project_code for e in apply_lapses(s, today=date(2028, 3, 16))])
    assert lapsed == [CODE_A]
    u, _ = _district(a, 2028, today=date(2028, 3, 16))
    assert u.used["energy_equivalent_tce"] == Decimal("1000")
    with a.read() as s:
        assert s.scalars(select(Project.status).where(Project.code == CODE_A)).one() == "lapsed"
        e = _entries(a, CODE_A)[0]
        assert (e.status, e.closed_on) == ("lapsed", date(2028, 3, 16))
    # sync does not resurrect a lapsed opinion
    assert [r.action for r in a.run_write(lambda s: sync_all(s, today=date(2028, 4, 1)))] == ["lapsed_kept", "unchanged"]
    with pytest.raises(UserError):  # a start after lapse cannot revive it
        a.run_write(lambda s: record_construction_start(s, CODE_A, date(2028, 3, 20), actor="t"))


def test_add_years_month_end():
    # 《民法典》第二百零二条: no corresponding day → last day of that month
    assert add_years(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert add_years(date(2026, 1, 31), 2) == date(2028, 1, 31)


def test_green_power_deducted_separately(any_archive):
    """Data-centre demo: 10500 万kWh 外购绿电. 当量: 105 000 000 kWh × 0.1229 kgce/kWh (GB/T 2589-2020 附录A) ÷ 1000
    = 12 904.50 tce; 等价 (2026 value 0.28078 kgce/kWh, DB31/T 783-2026): 29 481.90 tce."""
    a = any_archive
    r = store(a, project_data("datacentre", "2026-310117-65-01-000404"))
    approve(a, r.project_code, date(2026, 10, 1), "松发改能审〔2026〕40号")
    a.run_write(lambda s: sync_all(s, today=date(2026, 10, 1)))
    e = _entries(a, r.project_code)[0]
    assert e.green_power_kwh == 105_000_000
    assert (e.green_deduction_equivalent_tce, e.green_deduction_equal_value_tce) == (12904.50, 29481.90)
    u, _ = _district(a, e.year, today=date(2026, 10, 1))
    m = "energy_equivalent_tce"
    assert u.used[m] == Decimal(str(e.equivalent_tce))
    assert u.green[m] == Decimal("12904.5")
    assert u.assessed(m) == u.used[m] - Decimal("12904.5")


def test_pending_project_would_exceed_town_allocation(any_archive):
    a = any_archive
    a.run_write(lambda s: set_budget(s, year=2028, town=ETDZ, actor="t", reason="分解",
                                     energy_equivalent_tce=5000, energy_equal_value_tce=50000, carbon_tco2=50000))
    store(a, project_data("electronics", CODE_A, year=2028))
    set_assessment(a, CODE_A, eq=3000.0, ev=6000.0, co2=5000.0)
    approve(a, CODE_A, date(2026, 6, 1), "松发改能审〔2026〕5号")
    a.run_write(lambda s: sync_all(s, today=date(2026, 6, 1)))
    store(a, project_data("electronics", CODE_B, year=2028))
    set_assessment(a, CODE_B, eq=2500.0, ev=5000.0, co2=4000.0)
    with a.read() as s:
        ws = check_pending_project(s, CODE_B, today=date(2026, 7, 1))
    town = [w for w in ws if w.scope == "town"]
    # (3000 + 2500) / 5000 = 1.10 → level 1 (≥ 1.0) on 当量; 等价 (6000+5000)/50000 = 0.22 → no warning
    assert [(w.metric, w.level, w.ratio) for w in town] == [("energy_equivalent_tce", 1, Decimal("1.1"))]
    assert "一级预警" in town[0].message_zh()
    with a.read() as s:
        v = ledger_view(s, year=2028, today=date(2026, 7, 1))
    t = next(u for u in v.by_town if u.key == ETDZ)
    assert t.level(date(2026, 7, 1)) == 1 and t.pending["energy_equivalent_tce"] == Decimal("2500")


def test_concurrent_syncs_draw_once(any_archive):
    """Four writers sync the same new approval at once (real threads, real database): one active entry, one draw
    event. On PostgreSQL this relies on the ledger's advisory lock (READ COMMITTED would let both insert)."""
    import threading

    a = any_archive
    store(a, project_data("electronics", CODE_A, year=2028))
    approve(a, CODE_A, date(2026, 6, 1), "松发改能审〔2026〕31号")
    barrier = threading.Barrier(4)
    errors: list[BaseException] = []

    def worker():
        try:
            barrier.wait()
            a.run_write(lambda s: sync_all(s, today=date(2026, 6, 2)))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert [e.status for e in _entries(a, CODE_A)] == ["active"]
    with a.read() as s:
        assert [e.action for e in s.scalars(select(audit.AuditEvent))].count("ledger.draw") == 1
        assert audit.verify_chain(s) == []


def test_energy_source_recorded_and_carried_to_next_version(any_archive):
    from reviewer.ledger.entries import set_energy_source

    a = any_archive
    store(a, project_data("electronics", CODE_A, year=2028))
    op = approve(a, CODE_A, date(2026, 6, 1), "松发改能审〔2026〕41号")
    a.run_write(lambda s: sync_all(s, today=date(2026, 6, 1)))
    a.run_write(lambda s: set_energy_source(s, CODE_A, "能耗替代：某公司燃煤锅炉改造腾出 1200 tce", actor="t"))
    d = project_data("electronics", CODE_A, year=2028)
    d["energy"][0]["quantity"] = 4100
    store(a, d)
    approve(a, CODE_A, date(2026, 7, 1), "松发改能审〔2026〕42号", supersedes=op)
    a.run_write(lambda s: sync_all(s, today=date(2026, 7, 1)))
    assert [e.energy_source for e in _entries(a, CODE_A)] == ["能耗替代：某公司燃煤锅炉改造腾出 1200 tce"] * 2
    with pytest.raises(UserError):
        a.run_write(lambda s: set_energy_source(s, CODE_A, "  ", actor="t"))


def test_industry_allocation_inside_a_town(any_archive):
    """An allocation to one industry inside one town is tracked and warned on like the others."""
    a = any_archive
    a.run_write(lambda s: set_budget(s, year=2028, town=ETDZ, industry_code="39", actor="t", reason="开发区电子行业",
                                     energy_equivalent_tce=4000))
    store(a, project_data("electronics", CODE_A, year=2028))
    set_assessment(a, CODE_A, eq=3000.0, ev=6000.0, co2=5000.0)
    approve(a, CODE_A, date(2026, 6, 1), "松发改能审〔2026〕51号")
    a.run_write(lambda s: sync_all(s, today=date(2026, 6, 1)))
    store(a, project_data("electronics", CODE_B, year=2028))
    set_assessment(a, CODE_B, eq=1200.0, ev=2400.0, co2=2000.0)
    with a.read() as s:
        v = ledger_view(s, year=2028, today=date(2026, 7, 1))
        ws = check_pending_project(s, CODE_B, today=date(2026, 7, 1))
    u = next(x for x in v.by_industry if x.key == f"{ETDZ}|39")
    assert u.label.startswith(ETDZ) and u.used["energy_equivalent_tce"] == Decimal("3000")
    # (3000 + 1200) / 4000 = 1.05 → level 1
    assert [(w.label, w.level) for w in ws if w.label == u.label] == [(u.label, 1)]
