"""The typed assessment contract (issue 11 §5, ``reviewer/rules/result.py``).

- The public format survives the records unchanged: ``AssessmentResult.from_dict(d).to_dict()`` serialises to the
  same bytes as ``d`` for every demo (goldens of ``tests/test_assess_golden.py`` and a fresh run of the engine).
- An archived assessment written before a field was added still loads (optional fields take their default).
- A required field missing, or a section of the wrong shape, raises AssessmentFormatError naming the field
  (Chinese first, with English), and building an opinion from it fails instead of printing a blank paragraph.
- The view-model reads the records by attribute: the figures it prints are the section's fields.
"""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from reviewer.errors import UserError
from reviewer.opinion.viewmodel import build_view_model
from reviewer.rules.engine import assess
from reviewer.rules.result import AssessmentFormatError, AssessmentResult, CarbonSection, EnergySection
from reviewer.services import canonical_data
from reviewer.submission.parse import dumps, load_json

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden" / "assess"
DEMOS = ("boiler", "datacentre", "electronics", "hospital")


@pytest.mark.parametrize("name", DEMOS)
def test_golden_survives_the_records_byte_for_byte(name):
    text = (GOLDEN / f"{name}.json").read_text(encoding="utf-8")
    data = json.loads(text)
    assert dumps(AssessmentResult.from_dict(data).to_dict()) + "\n" == text


@pytest.mark.parametrize("name", DEMOS)
def test_fresh_engine_output_survives_the_records(name):
    sub = load_json(ROOT / "resources" / "demo" / f"{name}.json")
    out = assess(sub).to_dict()
    assert dumps(AssessmentResult.from_dict(out).to_dict()) == dumps(out)


def _hospital() -> dict:
    return json.loads((GOLDEN / "hospital.json").read_text(encoding="utf-8"))


def test_sections_are_read_by_attribute():
    d = _hospital()
    r = AssessmentResult.from_dict(d)
    assert isinstance(r.energy, EnergySection) and isinstance(r.carbon, CarbonSection)
    assert r.energy.equivalent_tce == d["energy"]["equivalent_tce"]
    assert r.energy.items[0].carrier == d["energy"]["items"][0]["carrier"]
    assert r.carbon.choices.electricity_factor == d["carbon"]["choices"]["electricity_factor"]
    assert r.regional.energy_share_percent == d["regional"]["energy_share_percent"]
    assert r.review.regime == d["review"]["regime"]
    assert [f.id for f in r.findings] == [f["id"] for f in d["findings"]]
    assert r.trace[0].key == d["trace"][0]["key"]
    # keys the records do not name are kept, not dropped
    assert r.carbon.extra["green_power_notes"] == d["carbon"]["green_power_notes"]
    with pytest.raises(AttributeError):
        r.energy.equivalent_tce_renamed  # noqa: B018 — a renamed field is an error, not a blank


def test_records_are_frozen():
    r = AssessmentResult.from_dict(_hospital())
    with pytest.raises(AttributeError):
        r.energy.equivalent_tce = 0  # type: ignore[misc]


def test_an_older_stored_assessment_without_additive_fields_loads():
    """Fields added to the format later (the regional section, the energy structure, the carbon choices, a
    formula's English text) are absent from assessments archived before them: they load with their defaults and the
    round trip keeps what was stored."""
    d = _hospital()
    del d["regional"], d["receipt"]
    del d["energy"]["structure"], d["energy"]["equal_value_informative"], d["energy"]["basis_label"]
    del d["carbon"]["choices"], d["carbon"]["per_product"]
    for st in d["trace"]:
        (st.get("formula") or {}).pop("text_en", None)
    r = AssessmentResult.from_dict(d)
    assert r.regional is None and r.receipt is None
    assert r.energy.structure == () and r.energy.equal_value_informative is False and r.energy.basis_label == ""
    assert r.carbon.choices is None and r.carbon.per_product == ()
    assert r.to_dict() == d
    data = canonical_data(load_json(ROOT / "resources" / "demo" / "hospital.json"))
    vm = build_view_model(kind="approval", submission=data, assessment=d, doc_number="X", issued_on=date(2026, 6, 5),
                          commission="C")
    assert vm.energy.equivalent_tce == d["energy"]["equivalent_tce"]
    assert vm.carbon.electricity_factor is None  # no recorded choice: the cap names no factor


@pytest.mark.parametrize("path,where", [
    (("energy", "equivalent_tce"), "assessment.energy.equivalent_tce"),
    (("energy", "items", 2, "carrier"), "assessment.energy.items[2].carrier"),
    (("carbon", "total_tco2"), "assessment.carbon.total_tco2"),
    (("efficiency", "indicators", 0, "value"), "assessment.efficiency.indicators[0].value"),
    (("findings", 3, "status"), "assessment.findings[3].status"),
    (("trace", 5, "parameters", 0, "id"), "assessment.trace[5].parameters[0].id"),
])
def test_a_missing_required_field_is_named(path, where):
    d = _hospital()
    node = d
    for k in path[:-1]:
        node = node[k]
    del node[path[-1]]
    with pytest.raises(AssessmentFormatError) as exc:
        AssessmentResult.from_dict(d)
    assert exc.value.path == where
    assert isinstance(exc.value, UserError)
    zh, en = exc.value.message_zh, exc.value.message_en
    assert where in zh and "缺失" in zh and where in en and "missing" in en


def test_a_section_of_the_wrong_shape_is_named():
    d = _hospital()
    d["energy"]["items"] = {"carrier": "电力"}
    with pytest.raises(AssessmentFormatError) as exc:
        AssessmentResult.from_dict(d)
    assert exc.value.path == "assessment.energy.items"
    d = _hospital()
    d["carbon"] = "none"
    with pytest.raises(AssessmentFormatError, match="assessment.carbon"):
        AssessmentResult.from_dict(d)


def test_the_opinion_refuses_an_assessment_missing_a_required_field():
    """Before the typed contract a missing ``energy.equivalent_tce`` left the energy paragraph out of a signed
    opinion silently; now building the document names the field."""
    d = _hospital()
    del d["energy"]["equivalent_tce"]
    data = canonical_data(load_json(ROOT / "resources" / "demo" / "hospital.json"))
    with pytest.raises(AssessmentFormatError, match=r"energy\.equivalent_tce"):
        build_view_model(kind="approval", submission=data, assessment=d, doc_number="X", issued_on=date(2026, 6, 5),
                         commission="C")


def test_typed_and_dict_inputs_give_the_same_view_model():
    d = _hospital()
    data = canonical_data(load_json(ROOT / "resources" / "demo" / "hospital.json"))
    kw = dict(kind="approval", submission=data, doc_number="X", issued_on=date(2026, 6, 5), commission="C")
    from_dict = build_view_model(assessment=copy.deepcopy(d), **kw).to_dict()
    from_typed = build_view_model(assessment=AssessmentResult.from_dict(d), **kw).to_dict()
    assert from_dict == from_typed


def test_the_engine_produces_the_typed_result():
    sub = load_json(ROOT / "resources" / "demo" / "electronics.json")
    a = assess(sub)
    r = a.result()
    assert isinstance(r, AssessmentResult)
    assert r.energy.equivalent_tce == json.loads(dumps(a.to_dict()))["energy"]["equivalent_tce"]
    assert dumps(r.to_dict()) == dumps(a.to_dict())
