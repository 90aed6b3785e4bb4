"""Property tests: the engine agrees with an independent oracle written from the regulation texts.

Oracle (domain-rules.md §1.3, thresholds written out here on purpose — they are the texts, not the packs):
令第31号 第八条 — exempt iff 当量 < 1000 tce and coal < 1000 t; municipal (provincial) iff 当量 ≥ 10000 tce or
coal ≥ 10000 t; 第九条 — NDRC iff max(当量, 等价) ≥ 500000 tce or coal ≥ 500000 t.
令第2号 第七、八条 — exempt iff 当量 < 1000 tce and electricity < 5 000 000 kWh; municipal iff 当量 ≥ 10000 tce.
Coefficients GB/T 2589-2020 附录A: 电力 0.1229, 原煤 0.7143; 等价 0.28078 (2026) / 0.28232 (2024); each item rounded to
0.01 tce. Shanghai district/municipal split: the unverified default 10000 tce does not change the national split.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer.domain.model import EnergyItem, Project, ProjectType, Submission
from reviewer.rules.engine import assess

CENT = Decimal("0.01")
RANK = {"none": 0, "district": 1, "municipal": 2, "ndrc": 3}


def r2(x: Decimal) -> Decimal:
    # GB/T 8170-2008 进舍规则 (a 5 followed by nothing rounds to even): energy.coefficients.rounding_mode.
    return x.quantize(CENT, rounding=ROUND_HALF_EVEN)


def submission(kwh: int, coal_t: int, day: date) -> Submission:
    p = Project(code="2025-310117-44-02-000303", name="性质测试", builder="某公司", builder_credit_code="91310117MA1K8L9P09",
                town="车墩镇", industry_code="17", project_type=ProjectType.NEW, application_date=day,
                total_investment_wan=Decimal(1000))
    energy = []
    if kwh:
        energy.append(EnergyItem(carrier="电力", quantity=Decimal(kwh), unit="kWh"))
    if coal_t:
        energy.append(EnergyItem(carrier="原煤", quantity=Decimal(coal_t), unit="t"))
    return Submission(project=p, energy=energy)


def oracle(kwh: int, coal_t: int, regime: str) -> tuple[Decimal, bool, str]:
    eq = r2(Decimal(kwh) * Decimal("0.1229") / 1000) + r2(Decimal(coal_t) * Decimal("0.7143"))
    ev_coef = Decimal("0.28078") if regime == "order31" else Decimal("0.28232")
    ev = r2(Decimal(kwh) * ev_coef / 1000) + r2(Decimal(coal_t) * Decimal("0.7143"))
    # Thresholds compare the unrounded values (GB/T 8170-2008 4.3 全数值比较法, corrections.md A3).
    eq_x = Decimal(kwh) * Decimal("0.1229") / 1000 + Decimal(coal_t) * Decimal("0.7143")
    ev_x = Decimal(kwh) * ev_coef / 1000 + Decimal(coal_t) * Decimal("0.7143")
    if regime == "order31":
        required = eq_x >= 1000 or coal_t >= 1000
        if not required:
            return eq, False, "none"
        if max(eq_x, ev_x) >= 500000 or coal_t >= 500000:
            return eq, True, "ndrc"
        return eq, True, "municipal" if (eq_x >= 10000 or coal_t >= 10000) else "district"
    required = eq_x >= 1000 or kwh >= 5_000_000
    if not required:
        return eq, False, "none"
    return eq, True, "municipal" if eq_x >= 10000 else "district"


kwh_st = st.one_of(st.integers(0, 20_000_000), st.integers(0, 2_000_000_000),
                   st.sampled_from([4_999_999, 5_000_000, 8_136_615, 8_136_697, 81_366_883, 81_366_965]))
coal_st = st.one_of(st.integers(0, 20_000), st.sampled_from([0, 999, 1000, 9999, 10000, 499_999, 500_000]))


@settings(max_examples=150, deadline=None)
@given(kwh=kwh_st, coal=coal_st, regime=st.sampled_from(["order31", "order2"]))
def test_review_level_matches_the_texts(kwh, coal, regime):
    day = date(2026, 3, 1) if regime == "order31" else date(2024, 3, 1)
    d = assess(submission(kwh, coal, day)).to_dict()
    eq, required, authority = oracle(kwh, coal, regime)
    assert Decimal(str(d["energy"]["equivalent_tce"])) == eq
    assert d["review"]["regime"] == regime
    assert d["review"]["report_required"] is required
    assert d["review"]["authority"] == authority


@settings(max_examples=60, deadline=None)
@given(kwh=st.integers(0, 200_000_000), extra=st.integers(0, 100_000_000), coal=st.integers(0, 20_000))
def test_more_energy_never_lowers_the_level(kwh, extra, coal):
    day = date(2026, 3, 1)
    low = assess(submission(kwh, coal, day)).to_dict()
    high = assess(submission(kwh + extra, coal, day)).to_dict()
    assert RANK[high["review"]["authority"]] >= RANK[low["review"]["authority"]]
    assert high["carbon"]["total_tco2"] >= low["carbon"]["total_tco2"]


@settings(max_examples=60, deadline=None)
@given(kwh=st.integers(1, 2_000_000_000))
def test_electricity_emissions_are_mwh_times_factor(kwh):
    d = assess(submission(kwh, 0, date(2026, 3, 1))).to_dict()
    assert Decimal(str(d["carbon"]["total_tco2"])) == r2(Decimal(kwh) / 1000 * Decimal("0.42"))


@settings(max_examples=60, deadline=None)
@given(q=st.decimals(min_value=0, max_value=100000, places=4, allow_nan=False, allow_infinity=False),
       pair=st.sampled_from([("万kWh", "kWh", 10000), ("MWh", "kWh", 1000), ("万m³", "m³", 10000), ("万t", "t", 10000),
                             ("GJ", "MJ", 1000)]))
def test_unit_choice_does_not_change_results(q, pair):
    """The same quantity written in different units gives identical totals (units.toml factors are exact)."""
    big, small, factor = pair
    carrier = {"万kWh": "电力", "MWh": "电力", "万m³": "天然气", "万t": "原煤", "GJ": "热力"}[big]
    day = date(2026, 3, 1)
    a = submission(0, 0, day)
    b = submission(0, 0, day)
    a.energy = [EnergyItem(carrier=carrier, quantity=q, unit=big)]
    b.energy = [EnergyItem(carrier=carrier, quantity=q * factor, unit=small)]
    da, db = assess(a).to_dict(), assess(b).to_dict()
    for section, key in (("energy", "equivalent_tce"), ("energy", "equal_value_tce"), ("energy", "coal_t"),
                         ("carbon", "total_tco2")):
        assert da[section][key] == db[section][key], (section, key)


_CARRIER_UNITS = {"电力": ["kWh", "万kWh", "MWh"], "天然气": ["m³", "万m³"], "热力": ["GJ", "MJ"], "蒸汽": ["t", "kg"],
                  "原煤": ["t", "万t"], "洗精煤": ["t"], "焦炭": ["t"], "柴油": ["t"], "汽油": ["t"], "燃料油": ["t"],
                  "液化石油气": ["t"], "液化天然气": ["t"], "新水": ["t", "万t"], "压缩空气": ["m³"]}


@st.composite
def energy_items(draw):
    carrier = draw(st.sampled_from(sorted(_CARRIER_UNITS)))
    source = "purchased"
    if carrier == "电力":
        source = draw(st.sampled_from(["purchased", "green_power", "onsite_pv_self_use", "self_generated"]))
    elif carrier in ("热力", "蒸汽"):
        source = draw(st.sampled_from(["purchased", "self_generated"]))
    return EnergyItem(carrier=carrier, unit=draw(st.sampled_from(_CARRIER_UNITS[carrier])),
                      quantity=draw(st.decimals(min_value=0, max_value=10**7, places=2, allow_nan=False,
                                                allow_infinity=False)),
                      purpose=draw(st.sampled_from(["fuel", "feedstock"])), source=source,
                      existing=draw(st.booleans()))


@settings(max_examples=120, deadline=None)
@given(items=st.lists(energy_items(), max_size=6), day=st.dates(min_value=date(2017, 1, 1), max_value=date(2031, 12, 31)),
       ptype=st.sampled_from(list(ProjectType)), unchanged=st.booleans(),
       output=st.one_of(st.none(), st.decimals(min_value=0, max_value=10**6, places=2)))
def test_engine_never_crashes_and_result_is_json(items, day, ptype, unchanged, output):
    """Any valid submission on any date in force yields a JSON-serialisable result with every section."""
    import json

    from reviewer.domain.model import Purpose, EnergySource

    sub = submission(0, 0, day)
    sub.project.project_type = ptype
    sub.project.site_process_equipment_unchanged = unchanged
    sub.project.output_value_wan = output
    sub.project.added_value_wan = output
    for it in items:
        it.purpose, it.source = Purpose(it.purpose), EnergySource(it.source)
    sub.energy = items
    d = assess(sub).to_dict()
    json.dumps(d, ensure_ascii=False)
    for section in ("energy", "review", "carbon", "efficiency", "regional"):
        assert d[section]["summary"], section
    assert len({f["id"] for f in d["findings"]}) == len(d["findings"])
    assert d["review"]["authority"] in RANK
