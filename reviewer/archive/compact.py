"""The stored form of an assessment: a compact trace over one shared parameter snapshot.

``Assessment.to_dict()`` (the public format, docs/assess-format.md) carries the rule pack's parameter snapshot once
under ``parameters`` and, in every trace step, the full records of the parameters that step used. Stored as is,
that is ≈100 KB per assessment, almost all of it the same records again and again. The archive keeps instead:

* the snapshot once per distinct content (SHA-256 of its canonical JSON) in ``rule_snapshots`` — every assessment
  under the same rule pack points at the same row;
* in each trace step, the ids of its parameters where the record equals the snapshot's (a record that differs —
  e.g. a measured value overriding a default — stays inline);
* the compacted result zlib-compressed (JSON of a trace compresses ≈6×).

:func:`expand` gives back exactly the dict ``to_dict()`` produced, so the explanation panel, the 计算依据 appendix and
``assess --json`` see full records.

The archive's writers pass ``to_dict(parameter_refs=True)`` (the trace steps already name the snapshot's records by
id, made without a full record per step); :func:`compact` leaves those ids as they are, so the stored form is the
same as compacting ``to_dict()`` (tests/test_archive_compact_direct.py).
"""

from __future__ import annotations

import hashlib
import json
import zlib
from typing import Any

_LEVEL = 6


def canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


ZDICT_KEY = "@zdict"  # in a pool snapshot: the preset dictionary its assessments are compressed with


def pack(obj: Any, zdict: bytes | None = None) -> bytes:
    """zlib of the JSON; with ``zdict`` (a preset dictionary, RFC 1950 FDICT: text the results share, such as the
    rule pack's formula and check texts) a result compresses ≈ 15 % smaller."""
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str).encode()
    if not zdict:
        return zlib.compress(data, _LEVEL)
    co = zlib.compressobj(_LEVEL, zdict=zdict)
    return co.compress(data) + co.flush()


def unpack(blob: bytes, zdict: bytes | None = None) -> Any:
    if len(blob) > 1 and blob[1] & 0x20:  # FDICT: compressed with a preset dictionary
        if not zdict:
            raise ValueError("compressed with a preset dictionary that was not given")
        d = zlib.decompressobj(zdict=zdict)
        return json.loads(d.decompress(blob) + d.flush())
    return json.loads(zlib.decompress(blob))


def zdict_of(snapshot: dict[str, Any]) -> bytes | None:
    """The preset dictionary a pool snapshot carries (``ZDICT_KEY``), if any."""
    text = snapshot.get(ZDICT_KEY) if isinstance(snapshot, dict) else None
    return text.encode("utf-8") if isinstance(text, str) and text else None


def snapshot_digest(parameters: dict[str, Any]) -> tuple[str, bytes]:
    """(content hash, compressed canonical JSON) of a parameter snapshot."""
    c = canonical(parameters)
    return hashlib.sha256(c).hexdigest(), zlib.compress(c, _LEVEL)


def record_key(record: dict[str, Any]) -> str:
    """Key of a parameter record in a pool snapshot: ``id@valid_from`` (one record per dated value)."""
    return f"{record.get('id')}@{record.get('valid_from')}"


def compact(result: dict[str, Any], pool: dict[str, Any] | None = None) -> dict[str, Any]:
    """``result`` without ``parameters``; trace steps reference snapshot records by id where they are equal.

    With ``pool`` (every record of the parameter store the assessment ran under, keyed by :func:`record_key`; the
    snapshot row is then that pool, the same for every assessment under the same parameters), ``parameter_keys``
    gives the ``valid_from`` of each parameter's pool record (its key is ``id@valid_from``); a record the pool does not hold as is (a what-if override, a recorded
    choice) stays inline."""
    params = result.get("parameters") or {}
    out = {k: v for k, v in result.items() if k != "parameters"}
    if pool is not None:
        keys: dict[str, Any] = {}
        for pid, rec in params.items():  # the pool's key is id@valid_from: the id is the dict key already
            ok = isinstance(rec, dict) and rec.get("id") == pid and pool.get(record_key(rec)) == rec
            keys[pid] = rec["valid_from"] if ok else rec
        out["parameter_keys"] = keys
    steps = []
    for step in result.get("trace") or []:
        recs = step.get("parameters")
        if recs:
            refs = []
            for rec in recs:
                pid = rec.get("id") if isinstance(rec, dict) else None
                refs.append(pid if pid is not None and params.get(pid) == rec else rec)
            step = {**step, "parameters": refs}
        steps.append(step)
    if "trace" in result:
        out["trace"] = steps
    return out


def expand(stored: dict[str, Any], parameters: dict[str, Any]) -> dict[str, Any]:
    """The full result: trace references replaced by the snapshot's records, ``parameters`` put back.
    ``parameters`` is the snapshot row's content: the assessment's own records, or a pool (``parameter_keys``)."""
    out = dict(stored)
    keys = out.pop("parameter_keys", None)
    if keys is not None:
        parameters = {pid: parameters[f"{pid}@{k}"] if isinstance(k, str) else k for pid, k in keys.items()}
    if "trace" in stored:
        steps = []
        for step in stored["trace"]:
            recs = step.get("parameters")
            if recs and any(isinstance(r, str) for r in recs):
                step = {**step, "parameters": [parameters[r] if isinstance(r, str) else r for r in recs]}
            steps.append(step)
        out["trace"] = steps
    out["parameters"] = parameters
    return out
