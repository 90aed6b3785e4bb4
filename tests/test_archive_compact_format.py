"""Issue 15 §3: the bytes of a stored result — orjson-written JSON, Zstandard frame with the pool's dictionary.

The JSON must be the *same value* the standard library writes (the public format is ``json``-defined,
docs/assess-format.md), every result stored before the change (zlib, with or without a preset dictionary) must stay
readable, and a frame unpacked with the wrong dictionary must fail rather than give other text.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from reviewer.archive import compact, stored
from reviewer.rules.engine import assess
from reviewer.submission.parse import load_json

DEMOS = ("hospital.json", "electronics.json", "boiler.json", "datacentre.json")


def _std(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str).encode()


@dataclasses.dataclass
class _Thing:
    a: int


def test_dumps_is_the_standard_librarys_json_for_every_demo_result(demo_dir: Path):
    store = stored.budget_layer(())
    pool, _digest, _blob = stored.record_pool(store)
    for name in DEMOS:
        res = assess(load_json(demo_dir / name), params=store)
        for d in (res.to_dict(), compact.compact(res.to_dict(parameter_refs=True), pool)):
            assert json.loads(compact.dumps(d)) == json.loads(_std(d)), name


@pytest.mark.parametrize("obj", [
    {"d": date(2026, 12, 2), "t": datetime(2026, 12, 2, 9, 5, 1), "x": Decimal("1.10"), "dc": _Thing(3)},
    {1: "int key", "nested": [{"k": None, "b": True, "f": 0.1 + 0.2, "big": 2 ** 63 - 1}]},
    {"huge": 2 ** 70, "中文": "年综合能源消费量（等价值）\u200b"},  # beyond 64 bits: the standard library writes it
])
def test_dumps_edge_values_match_the_standard_library(obj):
    assert json.loads(compact.dumps(obj)) == json.loads(_std(obj))


def test_nan_is_written_null_not_the_non_json_NaN():
    assert compact.loads(compact.dumps({"v": float("nan")})) == {"v": None}


def test_pack_round_trip_and_the_frame_names_its_format():
    obj = {"trace": [{"formula": {"text": "年综合能源消费量（等价值）= Σ"}, "value": 75400.66}] * 20}
    zd = "年综合能源消费量（等价值）".encode() * 10
    blob = compact.pack(obj, zd)
    assert blob[:4] == compact.ZSTD_MAGIC
    assert compact.unpack(blob, zd) == obj
    assert compact.unpack(compact.pack(obj), None) == obj  # no dictionary
    with pytest.raises(ValueError):
        compact.unpack(blob, b"another dictionary entirely" * 10)  # checksum: fails, never misreads


def test_results_stored_before_the_change_stay_readable():
    """zlib streams (RFC 1950) as written until 2026-12-02: with a preset dictionary (FDICT) and without."""
    obj = {"trace": [{"note": "令第31号 第十二条", "value": 1.5}], "engine_version": "0.1.0"}
    data = _std(obj)
    zd = "令第31号 第十二条 年综合能源消费量".encode()
    co = zlib.compressobj(6, zdict=zd)
    old_dict = co.compress(data) + co.flush()
    assert old_dict[1] & 0x20
    assert compact.unpack(old_dict, zd) == obj
    with pytest.raises(ValueError):
        compact.unpack(old_dict, None)
    assert compact.unpack(zlib.compress(data, 6)) == obj


def test_canonical_data_is_the_standard_librarys_round_trip(demo_dir: Path):
    from reviewer.submission.parse import dumps_compact, submission_to_data

    for name in DEMOS:
        sub = load_json(demo_dir / name)
        assert stored.canonical_data(sub) == json.loads(dumps_compact(submission_to_data(sub))), name
        assert stored.content_hash(stored.canonical_data(sub)) == stored.content_hash(
            json.loads(dumps_compact(submission_to_data(sub))))


def test_json_columns_are_written_as_the_standard_library_would_and_refuse_the_same():
    from reviewer.archive.db import _json_dumps

    for obj in ({"a": [1, 2.5, "年综合能源消费量"], "b": {"c": None, "d": True}}, {1: "x"}, [], {}):
        assert json.loads(_json_dumps(obj)) == json.loads(json.dumps(obj, ensure_ascii=False))
    for bad in ({"d": date(2026, 1, 1)}, {"x": Decimal("1")}):
        with pytest.raises(TypeError):
            _json_dumps(bad)
