"""The stored (compact) trace is made directly (``Assessment.to_dict(parameter_refs=True)``), without a full
parameter record per step: the stored bytes must be exactly those of compacting the public form
(``reviewer.archive.compact.compact`` over ``to_dict()``), and expanding them must give the public form back."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest

from reviewer.archive import compact
from reviewer.rules.engine import assess, baseline
from reviewer.services import prepare, record_pool
from reviewer.submission.parse import load_json

DEMO = Path(__file__).resolve().parent.parent / "resources" / "demo"
DEMOS = ("boiler", "datacentre", "electronics", "hospital")


def _plain(d):  # noqa: ANN001, ANN202 - what the archive gives back (JSON types)
    return json.loads(json.dumps(d, ensure_ascii=False, default=str))


def _packed_both(result, pool):  # noqa: ANN001, ANN202
    zdict = compact.zdict_of(pool) if pool is not None else None
    old = compact.pack(compact.compact(result.to_dict(), pool), zdict)
    new = compact.pack(compact.compact(result.to_dict(parameter_refs=True), pool), zdict)
    return old, new, zdict


@pytest.mark.parametrize("name", DEMOS)
def test_direct_compact_trace_stores_identical_bytes(name: str) -> None:
    sub = load_json(DEMO / f"{name}.json")
    store = baseline()
    pool, _, _ = record_pool(store)
    result = assess(sub, params=store)
    for p in (pool, None):  # import path (pool) and save_assessment path (the assessment's own snapshot)
        old, new, zdict = _packed_both(result, p)
        assert new == old
        full = result.to_dict()
        params = pool if p is not None else full["parameters"]
        assert compact.expand(compact.unpack(new, zdict), params) == _plain(full)
    # what a reader process stores (services.prepare) is the same bytes
    assert prepare(sub).result_z == _packed_both(assess(sub, params=store), pool)[0]


def test_direct_compact_trace_with_override_and_a_step_record_that_differs() -> None:
    sub = load_json(DEMO / "boiler.json")
    store = baseline()
    pool, _, _ = record_pool(store)
    result = assess(sub, params=store)
    snap = result.to_dict()["parameters"]
    pid = next(k for k, v in snap.items() if isinstance(v["value"], (int, float)) and not isinstance(v["value"], bool))
    over = assess(sub, params=store, overrides={pid: Decimal(str(snap[pid]["value"])) * 2})
    old, new, _ = _packed_both(over, pool)
    assert new == old
    assert isinstance(compact.unpack(new, compact.zdict_of(pool))["parameter_keys"][pid], dict)  # not in the pool
    # A step that read a record other than the snapshot's keeps it inline in both forms.
    step = next(s for s in result.trace.steps.values() if s.parameters)
    first = step.parameters[0]
    step.parameters.insert(0, dataclasses.replace(first, label=first.label + " (earlier)"))
    old, new, zdict = _packed_both(result, pool)
    assert new == old
    stored = compact.unpack(new, zdict)
    row = next(s for s in stored["trace"] if s["key"] == step.key)
    assert isinstance(row["parameters"][0], dict) and row["parameters"][0]["label"].endswith("(earlier)")
    assert compact.expand(stored, pool) == _plain(result.to_dict())
