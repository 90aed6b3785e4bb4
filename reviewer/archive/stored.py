"""The stored form of a submission and its assessment, worked out without a database (pure).

What the archive keeps of one submission — its canonical data and content hash, and its assessment as a compact
trace over a shared parameter pool, compressed (:mod:`reviewer.archive.compact`) — depends only on the submission
and on the parameters it is assessed under. This module computes it with no session and no SQLAlchemy import, so
the reader processes of a batch import (:mod:`reviewer.intake.worker`) start light and the one writer only inserts
rows (:func:`reviewer.services.store_new_projects`). The archive state an assessment depends on (the ledger's
district budgets, the active rule pack) comes in as arguments; :mod:`reviewer.services` reads it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import orjson

from reviewer.archive import compact
from reviewer.domain.model import Submission
from reviewer.rules.engine import assess, baseline
from reviewer.rules.pack import builtin_files
from reviewer.rules.params import DatedValue, ParameterStore
from reviewer.rules.regional import BUDGET_KEYS, ledger_source
from reviewer.submission.parse import _default as json_default, dumps_compact, submission_to_data


def canonical_data(sub: Submission) -> dict[str, Any]:
    """JSON-safe canonical form of a submission (what is stored and hashed): ``submission_to_data`` through JSON
    and back (Decimals exactly as :func:`reviewer.submission.parse.dumps_compact` writes them), by orjson — the same
    value as the standard library's round trip (tests/test_archive_compact_format.py), ≈4× faster."""
    data = submission_to_data(sub)
    try:
        return orjson.loads(orjson.dumps(data, default=json_default, option=orjson.OPT_PASSTHROUGH_DATETIME))
    except (orjson.JSONEncodeError, TypeError):
        return json.loads(dumps_compact(data))


def content_hash(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


BUILTIN_PARAMETERS: tuple = (None, None, ())  # key of the built-in rules/ with no office verifications


@dataclass
class Prepared:
    """Everything about one submission that needs no archive: its canonical data and content hash, and its
    assessment in the stored (compact, compressed) form. Worked out in the reader processes of a batch import so
    the single writer only inserts rows; picklable."""

    data: dict[str, Any]
    digest: str
    regime_date: Any
    engine_version: str
    overrides: dict[str, Any]
    equivalent_tce: float
    equal_value_tce: float
    carbon_tco2: float | None
    authority: str | None
    result_z: bytes
    snapshot_digest: str
    snapshot_blob: bytes
    inputs: tuple = ()  # (parameters key, budget rows, choices, regime date) the assessment was made with


def _inputs_key(params_key: tuple, rows: tuple, choices: dict[str, Any] | None, regime_date: date | None) -> tuple:
    return (params_key, rows, tuple(sorted((choices or {}).items(), key=lambda kv: kv[0])), regime_date)


def prepare(sub: Submission, *, budget_rows: tuple = (), choices: dict[str, Any] | None = None,
            regime_date: date | None = None, params_key: tuple = BUILTIN_PARAMETERS,
            base: ParameterStore | None = None) -> Prepared:
    """Canonical data + assessment of ``sub`` ready to insert (pure: no archive access). The archive state the
    assessment depends on comes in as arguments: the ledger's ``budget_rows`` (:func:`district_budget_rows`) and
    the active parameters (``base``, default the built-in packs, identified by ``params_key``,
    :func:`active_parameters_key`)."""
    data = canonical_data(sub)
    store = budget_layer(budget_rows, base)
    result = assess(sub, on=regime_date, choices=choices, params=store)
    d = result.to_dict(parameter_refs=True)  # the stored form: trace steps name snapshot records by id
    carbon = d.get("carbon", {}).get("total_tco2") if isinstance(d.get("carbon"), dict) else None
    review = d.get("review", {}) if isinstance(d.get("review"), dict) else {}
    pool, snap_digest, snap_blob = record_pool(store)
    return Prepared(data, content_hash(data), result.regime_date, d["engine_version"], d["overrides"],
                    float(result.energy.equivalent_tce), float(result.energy.equal_value_tce), carbon,
                    review.get("authority"), compact.pack(compact.compact(d, pool), compact.zdict_of(pool)),
                    snap_digest, snap_blob,
                    _inputs_key(params_key, budget_rows, choices, regime_date))


_POOLS: dict[int, tuple[ParameterStore, dict[str, Any], str, bytes]] = {}
ZDICT_FILES = ("policy.toml", "formulas.toml")  # texts every stored result repeats (check and formula wording)


def _result_zdict() -> str:
    """The dictionary the results under a pool are compressed with: the built-in rule pack's check and formula
    texts (at most the last 32 KiB: what zlib, used until 2026-12, could use; Zstandard now uses it as a raw-content
    dictionary, and keeping the same text keeps the pool rows of earlier imports), kept in the pool row so an
    archived result never depends on the files of a later version."""
    raw = b"".join(builtin_files().get(n, b"") for n in ZDICT_FILES)[-32 * 1024:]
    return raw.decode("utf-8", errors="ignore")  # a character cut at the start is dropped


def record_pool(store: ParameterStore) -> tuple[dict[str, Any], str, bytes]:
    """(records by key, content hash, compressed JSON) of every parameter record of ``store``: the one snapshot
    row every assessment under ``store`` shares (``compact.compact(…, pool)``); worked out once per store."""
    hit = _POOLS.get(id(store))
    if hit is not None and hit[0] is store:  # the store is held with its pool, so id() is never reused
        return hit[1], hit[2], hit[3]
    pool: dict[str, Any] = {compact.record_key(r): r for r in store.all_records()}
    zdict = _result_zdict()
    if zdict:
        pool[compact.ZDICT_KEY] = zdict
    digest, blob = compact.snapshot_digest(pool)
    if len(_POOLS) > 16:
        _POOLS.clear()
    _POOLS[id(store)] = (store, pool, digest, blob)
    return pool, digest, blob


_LAYERED: dict[tuple, tuple[ParameterStore, ParameterStore]] = {}  # (base, budget rows) → (base, layered store)


def budget_layer(rows: tuple[tuple, ...], params: ParameterStore | None = None) -> ParameterStore:
    """The parameter store for ``rows`` of :func:`district_budget_rows` over ``params`` (default: the built-in
    packs); pure, cached per distinct base and rows."""
    base = params or baseline()
    if not rows:
        return base
    key = (id(base), rows)
    hit = _LAYERED.get(key)
    if hit is not None and hit[0] is base:  # the base is held with its layered copy, so id() is never reused
        return hit[1]
    layer: dict[str, list[DatedValue]] = {BUDGET_KEYS["energy"]: [], BUDGET_KEYS["carbon"]: []}
    for year, energy, carbon, note in rows:
        for kind, value in (("energy", energy), ("carbon", carbon)):
            if value is not None:
                layer[BUDGET_KEYS[kind]].append(DatedValue(
                    value=value, valid_from=date(year, 1, 1), valid_to=date(year, 12, 31), verified=True,
                    source=ledger_source(year, (note or "")[:60]), note="ledger"))
    store = base.with_dated({k: v for k, v in layer.items() if v})
    if len(_LAYERED) > 32:
        _LAYERED.clear()
    _LAYERED[key] = (base, store)
    return store
