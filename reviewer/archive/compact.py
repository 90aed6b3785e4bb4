"""The stored form of an assessment: a compact trace over one shared parameter snapshot.

``Assessment.to_dict()`` (the public format, docs/assess-format.md) carries the rule pack's parameter snapshot once
under ``parameters`` and, in every trace step, the full records of the parameters that step used. Stored as is,
that is ≈100 KB per assessment, almost all of it the same records again and again. The archive keeps instead:

* the snapshot once per distinct content (SHA-256 of its canonical JSON) in ``rule_snapshots`` — every assessment
  under the same rule pack points at the same row;
* in each trace step, the ids of its parameters where the record equals the snapshot's (a record that differs —
  e.g. a measured value overriding a default — stays inline);
* the compacted result as JSON (written by orjson: the same JSON as the standard library's, ≈5× faster),
  Zstandard-compressed (RFC 8878) with a raw-content dictionary of rule-pack texts that the snapshot row carries.
  Results written before 2026-12 are zlib streams (RFC 1950, preset dictionary); :func:`unpack` reads both.

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
from functools import lru_cache
from typing import Any

import orjson
import zstandard

_LEVEL = 6  # zlib level of the parameter snapshot rows (one per distinct rule-pack content: size, not speed)
# Zstandard level of the results: 3 (the library's default) compresses an 80 KB result in ≈0.2 ms to ≈12.5 KB with
# the dictionary; zlib level 6 took ≈1.2 ms for ≈14.8 KB (bench/results/speed.md, 2026-12-02).
_ZSTD_LEVEL = 3
ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"  # RFC 8878 §3.1.1; a zlib stream starts with 0x78


def canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


ZDICT_KEY = "@zdict"  # in a pool snapshot: the preset dictionary its assessments are compressed with

# orjson writes dates, datetimes and dataclasses itself (ISO 8601 with a "T"); passed through to ``str`` they come
# out exactly as ``json.dumps(default=str)`` writes them.
_ORJSON_OPTS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS | orjson.OPT_NON_STR_KEYS


def dumps(obj: Any) -> bytes:
    """Compact UTF-8 JSON of ``obj``, the same value as ``json.dumps(obj, ensure_ascii=False, separators=(",", ":"),
    default=str)`` (tests/test_archive_compact_format.py) except that a NaN or an infinity is written ``null`` (the
    standard library writes ``NaN``, which is not JSON); what orjson cannot write (an integer beyond 64 bits, a key
    it does not know) goes through the standard library."""
    try:
        return orjson.dumps(obj, default=str, option=_ORJSON_OPTS)
    except (orjson.JSONEncodeError, TypeError):
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def loads(data: bytes) -> Any:
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:  # NaN/Infinity or a 65-bit integer written by the standard library
        return json.loads(data)


@lru_cache(maxsize=8)
def _zstd_dict(zdict: bytes | None) -> zstandard.ZstdCompressionDict | None:
    if not zdict:
        return None
    d = zstandard.ZstdCompressionDict(zdict, dict_type=zstandard.DICT_TYPE_RAWCONTENT)
    d.precompute_compress(level=_ZSTD_LEVEL)
    return d


def pack(obj: Any, zdict: bytes | None = None) -> bytes:
    """Zstandard of the JSON; with ``zdict`` (text the results share, such as the rule pack's formula and check
    texts, as a raw-content dictionary) a result compresses ≈ 15 % smaller. The frame carries its content size and
    a checksum, so a result unpacked with the wrong dictionary fails instead of giving wrong text."""
    d = _zstd_dict(zdict)
    # a compressor per call: they are cheap with a precomputed dictionary, and not safe to share between threads
    kw = {"dict_data": d} if d is not None else {}
    return zstandard.ZstdCompressor(level=_ZSTD_LEVEL, write_checksum=True, write_content_size=True,
                                    **kw).compress(dumps(obj))


def unpack(blob: bytes, zdict: bytes | None = None) -> Any:
    if blob[:4] == ZSTD_MAGIC:
        d = _zstd_dict(zdict)
        kw = {"dict_data": d} if d is not None else {}
        try:
            return loads(zstandard.ZstdDecompressor(**kw).decompress(blob))
        except zstandard.ZstdError as exc:
            raise ValueError(f"stored result cannot be decompressed ({exc}); wrong or missing dictionary?") from exc
    if len(blob) > 1 and blob[1] & 0x20:  # zlib with FDICT: compressed with a preset dictionary (before 2026-12)
        if not zdict:
            raise ValueError("compressed with a preset dictionary that was not given")
        z = zlib.decompressobj(zdict=zdict)
        return loads(z.decompress(blob) + z.flush())
    return loads(zlib.decompress(blob))


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
