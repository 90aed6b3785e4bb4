"""Property-based tests (hypothesis) of the calculations, run through the real reader and the real engine.

Properties and their tolerances:

* Unit conversions round-trip exactly (万kWh↔kWh↔MWh, t↔kg↔万t, m³↔万m³, GJ↔MJ): the factors are powers of ten
  (rules/units.toml), Decimal arithmetic is exact at these magnitudes.
* Linearity: every counted item is rounded to the 0.01 tce step before summing (domain-rules.md §3.4, GB/T 2589
  practice), so a total is linear only up to rounding: ``|T(k·q) − k·T(q)| ≤ n · 0.005 · (1 + k)`` for n counted
  items (each item's rounding error is ≤ half a step, scaled by k for the second term).
* Splitting one item into two rows changes the total by at most 1.5 steps (0.015 tce): two roundings vs one.
* The same quantity in different units (1 万kWh vs 10 000 kWh vs 10 MWh) gives the same tce exactly.
* Parts sum to totals exactly: 当量值/等价值 totals equal the sum of the counted lines (Decimals, no tolerance);
  excluded lines (耗能工质, on-site PV self-use) never contribute.
* Thresholds are monotonic: scaling all consumption up never lowers the review requirement (none < district <
  municipal < ndrc) and never turns "report required" off.
* No NaN or infinity escapes: the assessment dict serialises with ``allow_nan=False`` and every number is finite.
"""

from __future__ import annotations

import json
import math
from copy import deepcopy
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from reviewer.rules.engine import assess
from reviewer.rules.reference import carriers, convert, units
from reviewer.submission.parse import submission_from_data

ROOT = Path(__file__).resolve().parents[1]
BASE = json.loads((ROOT / "resources/demo/electronics.json").read_text(encoding="utf-8"), parse_float=Decimal)
STEP = Decimal("0.01")
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ROUND_TRIPS = [("万kWh", "kWh"), ("kWh", "MWh"), ("万kWh", "MWh"), ("t", "kg"), ("kg", "万t"), ("t", "万t"),
               ("m³", "万m³"), ("GJ", "MJ")]

quantities = st.decimals(min_value=0, max_value=Decimal("1e9"), places=3, allow_nan=False, allow_infinity=False)


def _energy_units(carrier: str) -> list[str]:
    dim = carriers()[carrier].dimension
    return sorted({u.name for name, u in units().items() if u.dimension == dim and name == u.name})


@st.composite
def energy_rows(draw, min_size: int = 1, max_size: int = 6):  # noqa: ANN001, ANN201
    codes = sorted(carriers())
    rows = []
    for _ in range(draw(st.integers(min_size, max_size))):
        c = draw(st.sampled_from(codes))
        unit = draw(st.sampled_from(_energy_units(c)))
        row = {"carrier": c, "quantity": draw(quantities), "unit": unit}
        if carriers()[c].category == "electricity" and draw(st.booleans()):
            row["source"] = draw(st.sampled_from(["purchased", "onsite_pv_self_use", "green_power"]))
        rows.append(row)
    return rows


def _submission(rows: list[dict]):
    data = deepcopy(BASE)
    data["energy"] = rows
    data.pop("pv", None)
    pv_self = sum((r["quantity"] * units()[r["unit"]].factor for r in rows
                   if r.get("source") == "onsite_pv_self_use"), Decimal(0))
    assume(pv_self <= Decimal("1e11"))  # the form's range for PV generation (forms/submission.toml)
    if pv_self:
        data["pv"] = {"annual_generation_kwh": pv_self, "self_use_kwh": pv_self}
    return submission_from_data(data)


def _scaled(rows: list[dict], k: Decimal) -> list[dict]:
    return [{**r, "quantity": r["quantity"] * k} for r in rows]


def _finite_everywhere(obj) -> None:  # noqa: ANN001
    if isinstance(obj, float):
        assert math.isfinite(obj)
    elif isinstance(obj, Decimal):
        assert obj.is_finite()
    elif isinstance(obj, dict):
        for v in obj.values():
            _finite_everywhere(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            _finite_everywhere(v)


# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("a", "b"), ROUND_TRIPS)
@given(q=quantities)
@settings(max_examples=40, deadline=None)
def test_unit_conversion_round_trips_exactly(a, b, q):  # noqa: ANN001
    there = convert(q, a, b)
    assert convert(there, b, a) == q
    # and via the canonical unit of the dimension
    canon = {"electricity": "kWh", "mass": "kg", "volume": "m³", "heat": "MJ"}[units()[a].dimension]
    assert convert(convert(q, a, canon), canon, b) == there


def test_unit_definitions_match_hand_values():
    # 1 万kWh = 10 000 kWh; 1 MWh = 1 000 kWh; 1 万t = 10⁷ kg; 1 万m³ = 10⁴ m³; 1 GJ = 1 000 MJ (SI / 万 = 10⁴).
    assert convert(Decimal(1), "万kWh", "kWh") == 10000
    assert convert(Decimal(1), "MWh", "kWh") == 1000
    assert convert(Decimal(1), "万t", "kg") == 10_000_000
    assert convert(Decimal(1), "万m³", "m³") == 10000
    assert convert(Decimal(1), "GJ", "MJ") == 1000


@given(rows=energy_rows(), k=st.integers(min_value=1, max_value=50))
@PROPS
def test_totals_linear_in_quantities_up_to_item_rounding(rows, k):  # noqa: ANN001
    k = Decimal(k)
    assume(all(r["quantity"] * k <= Decimal("1e12") for r in rows))  # the form's range
    a1 = assess(_submission(rows))
    ak = assess(_submission(_scaled(rows, k)))
    n = sum(1 for ln in a1.energy.lines if ln.counted)
    bound = n * Decimal("0.005") * (1 + k)
    assert abs(ak.energy.equivalent_tce - k * a1.energy.equivalent_tce) <= bound
    assert abs(ak.energy.equal_value_tce - k * a1.energy.equal_value_tce) <= bound


@given(q=st.decimals(min_value=Decimal("0.002"), max_value=Decimal("1e8"), places=3), frac=st.integers(1, 99),
       carrier=st.sampled_from(["电力", "天然气", "柴油", "原煤", "蒸汽", "热力"]))
@PROPS
def test_splitting_an_item_changes_total_by_at_most_one_and_a_half_steps(q, frac, carrier):  # noqa: ANN001
    unit = carriers()[carrier].coef_unit
    a = (q * frac / 100).quantize(Decimal("0.001"))
    whole = assess(_submission([{"carrier": carrier, "quantity": q, "unit": unit}]))
    split = assess(_submission([{"carrier": carrier, "quantity": a, "unit": unit},
                                {"carrier": carrier, "quantity": q - a, "unit": unit}]))
    assert abs(whole.energy.equivalent_tce - split.energy.equivalent_tce) <= Decimal("0.015")


@given(wan=st.decimals(min_value=0, max_value=Decimal("1e6"), places=2))
@PROPS
def test_same_quantity_in_other_units_gives_identical_tce(wan):  # noqa: ANN001
    a = assess(_submission([{"carrier": "电力", "quantity": wan, "unit": "万kWh"}]))
    b = assess(_submission([{"carrier": "电力", "quantity": wan * 10000, "unit": "kWh"}]))
    c = assess(_submission([{"carrier": "电力", "quantity": wan * 10, "unit": "MWh"}]))
    assert a.energy.equivalent_tce == b.energy.equivalent_tce == c.energy.equivalent_tce
    assert a.energy.equal_value_tce == b.energy.equal_value_tce == c.energy.equal_value_tce


@given(rows=energy_rows(max_size=8))
@PROPS
def test_parts_sum_exactly_to_totals_and_excluded_items_never_count(rows):  # noqa: ANN001
    a = assess(_submission(rows))
    counted = [ln for ln in a.energy.lines if ln.counted]
    assert a.energy.equivalent_tce == sum((ln.equivalent_tce for ln in counted), Decimal(0))
    assert a.energy.equal_value_tce == sum((ln.equal_value_tce for ln in counted), Decimal(0))
    for ln in a.energy.lines:
        assert ln.equivalent_tce == ln.equivalent_tce.quantize(STEP)  # every item rounded to 0.01 tce
        if ln.source == "onsite_pv_self_use" or not carriers()[ln.carrier].counted:
            assert not ln.counted
    # Removing every excluded row leaves the totals unchanged.
    kept = [r for r, ln in zip(rows, a.energy.lines) if ln.counted]
    if kept:
        b = assess(_submission(kept))
        assert b.energy.equivalent_tce == a.energy.equivalent_tce


@given(rows=energy_rows(max_size=8))
@PROPS
def test_no_nan_or_infinity_escapes(rows):  # noqa: ANN001
    d = assess(_submission(rows)).to_dict()
    json.dumps(d, allow_nan=False, default=str)
    _finite_everywhere(d)


RANK = {None: 0, "none": 0, "district": 1, "municipal": 2, "ndrc": 3}


def _requirement(a) -> tuple[int, bool]:  # noqa: ANN001
    review = a.to_dict().get("review")
    if not isinstance(review, dict):
        pytest.skip("the review-level module is not registered in this build")
    return RANK[review.get("authority")], bool(review.get("report_required", review.get("authority") not in (None, "none")))


@given(rows=energy_rows(max_size=5), k=st.integers(min_value=2, max_value=2000))
@PROPS
def test_review_requirement_never_decreases_as_consumption_rises(rows, k):  # noqa: ANN001
    k = Decimal(k)
    assume(all(r["quantity"] * k <= Decimal("1e12") for r in rows))
    low = _requirement(assess(_submission(rows)))
    high = _requirement(assess(_submission(_scaled(rows, k))))
    assert high[0] >= low[0]
    assert high[1] or not low[1]


@given(seed=st.integers(min_value=0, max_value=2**32 - 1),
       day=st.dates(min_value=__import__("datetime").date(2017, 1, 1), max_value=__import__("datetime").date(2026, 12, 31)))
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_engine_never_raises_on_valid_realistic_submissions(seed, day):  # noqa: ANN001
    """Realistic generated submissions (bench/datagen.py: factories, data centres, public buildings, PV, coal …) over
    every regime since 2017 assess without an exception and with finite results."""
    import random
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    import datagen

    data = json.loads(datagen.to_json(datagen.make_submission(random.Random(seed), 1, application_date=day)),
                      parse_float=Decimal)
    d = assess(submission_from_data(data)).to_dict()
    json.dumps(d, allow_nan=False, default=str)
    _finite_everywhere(d)


# ---------------------------------------------------------------------------------------------------------------
# Carbon (reviewer/rules/carbon.py): every line is rounded to the emission step (0.01 t CO2) before summing.
# ---------------------------------------------------------------------------------------------------------------

def _carbon(a) -> dict:  # noqa: ANN001
    c = a.to_dict().get("carbon")
    if not isinstance(c, dict) or "total_tco2" not in c:
        pytest.skip("the carbon module is not registered in this build")
    return c


def _D(x) -> Decimal:  # noqa: ANN001, N802
    return Decimal(str(x))


@given(rows=energy_rows(max_size=8))
@PROPS
def test_carbon_parts_sum_exactly_to_totals(rows):  # noqa: ANN001
    c = _carbon(assess(_submission(rows)))
    fuel, proc, elec, heat = (_D(c[k]) for k in ("fuel_combustion_tco2", "process_tco2", "electricity_tco2",
                                                  "heat_tco2"))
    assert _D(c["scope1_tco2"]) == fuel + proc
    assert _D(c["scope2_tco2"]) == elec + heat
    assert _D(c["total_tco2"]) == _D(c["scope1_tco2"]) + _D(c["scope2_tco2"])
    assert _D(c["energy_activity_tco2"]) == fuel + elec + heat
    assert all(_D(c[k]) >= 0 for k in ("fuel_combustion_tco2", "electricity_tco2", "heat_tco2", "total_tco2"))
    assert sum((_D(s["tco2"]) for s in c["structure"]), Decimal(0)) == _D(c["total_tco2"])


@given(rows=energy_rows(), k=st.integers(min_value=1, max_value=50))
@PROPS
def test_carbon_linear_in_quantities_up_to_line_rounding(rows, k):  # noqa: ANN001
    k = Decimal(k)
    assume(all(r["quantity"] * k <= Decimal("1e12") for r in rows))
    c1 = _carbon(assess(_submission(rows)))
    ck = _carbon(assess(_submission(_scaled(rows, k))))
    n = len(rows)  # at most one rounded emission line per energy row (heat/steam/electricity/fuel)
    bound = n * Decimal("0.005") * (1 + k)
    assert abs(_D(ck["total_tco2"]) - k * _D(c1["total_tco2"])) <= bound


@given(rows=energy_rows(max_size=5), k=st.integers(min_value=2, max_value=1000))
@PROPS
def test_carbon_never_decreases_as_consumption_rises(rows, k):  # noqa: ANN001
    k = Decimal(k)
    assume(all(r["quantity"] * k <= Decimal("1e12") for r in rows))
    low = _D(_carbon(assess(_submission(rows)))["total_tco2"])
    high = _D(_carbon(assess(_submission(_scaled(rows, k))))["total_tco2"])
    assert high >= low
