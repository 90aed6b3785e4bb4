"""The engine's memos (issue 15, import speed) never change a figure: one resolved value per dated value whatever
the day it is read on, its record built once but handed out as a new dict, the receipt's snapshot digest remembered
per set of resolved values and recomputed for anything else."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from datetime import date

from reviewer.rules.engine import assess, baseline
from reviewer.submission.parse import load_json


def _sha(snap):
    return hashlib.sha256(json.dumps(snap, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def test_one_resolved_value_per_dated_value():
    store = baseline()
    pid = "energy.coefficients.electricity_equivalent"
    a, b = store.get(pid, date(2026, 3, 1)), store.get(pid, date(2026, 9, 30))
    assert a is b  # the same dated value covers both days
    assert a.to_dict() == b.to_dict() and a.to_dict() is not b.to_dict()
    rec = a.to_dict()
    rec["value"] = -1
    rec["source"]["clause"] = "edited"
    assert a.to_dict()["value"] != -1 and a.to_dict()["source"]["clause"] != "edited"


def test_receipt_digest_is_the_snapshots_hash_even_after_a_caller_edits_an_output(demo_dir):
    sub = load_json(demo_dir / "hospital.json")
    other = dataclasses.replace(sub, project=dataclasses.replace(sub.project, application_date=date(2026, 4, 2)))
    first = assess(sub).to_dict()
    assert first["receipt"]["parameters"]["sha256"] == _sha(first["parameters"])
    # a caller edits what it was given: the next assessment is not affected
    next(iter(first["parameters"].values()))["value"] = 123456789
    second = assess(other).to_dict()
    assert second["receipt"]["parameters"]["sha256"] == _sha(second["parameters"])
    third = assess(sub).to_dict()
    assert third["receipt"]["parameters"]["sha256"] == _sha(third["parameters"])
    assert third["parameters"] != first["parameters"]  # the edit stayed in the caller's copy


def test_what_if_overrides_get_their_own_digest(demo_dir):
    sub = load_json(demo_dir / "hospital.json")
    plain = assess(sub).to_dict()
    store = baseline().with_overrides({"energy.coefficients.electricity_equivalent": "0.3"})
    what_if = assess(sub, params=store).to_dict()
    assert what_if["receipt"]["parameters"]["sha256"] == _sha(what_if["parameters"])
    assert what_if["receipt"]["parameters"]["sha256"] != plain["receipt"]["parameters"]["sha256"]
