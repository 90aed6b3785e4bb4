"""Dated, sourced rule parameters.

Parameters live as TOML under ``rules/parameters/``. The file path is the namespace and each top-level table in a
file is one parameter, so ``rules/parameters/energy/coefficients.toml`` → ``[electricity_equivalent]`` is the
parameter ``energy.coefficients.electricity_equivalent``. Every parameter carries a unit, a label, a last review
date and one or more dated values, each with its own source (issuer, document/文号/standard, clause, link) and a
verified flag. A change in law is a new dated value, never an ``if year >`` in code.

What-if analysis layers overrides on top of the baseline (:meth:`ParameterStore.with_overrides`); the baseline
files are never edited and every override is recorded on the value it replaced.
"""

from __future__ import annotations

import json

import tomllib
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Mapping

from reviewer.errors import UserError
from reviewer.rules.pack import PackInfo, builtin_files, builtin_info, parameter_files

REQUIRED_PARAMETER_KEYS = ("label", "unit", "last_review", "values")
REQUIRED_VALUE_KEYS = ("value", "from", "verified", "source")
REQUIRED_SOURCE_KEYS = ("issuer", "document", "clause")

Scalar = Decimal | str | bool


@dataclass(frozen=True)
class Source:
    issuer: str
    document: str
    clause: str
    url: str = ""

    def cite(self) -> str:
        return f"{self.issuer}《{self.document}》{self.clause}" if not self.document.startswith(("GB", "DB")) else (
            f"{self.document} {self.clause}（{self.issuer}）"
        )


@dataclass(frozen=True)
class DatedValue:
    value: Scalar
    valid_from: date
    valid_to: date | None
    verified: bool
    source: Source
    note: str = ""

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Parameter:
    id: str
    label: str
    label_en: str
    unit: str
    last_review: date
    values: tuple[DatedValue, ...]
    description: str = ""

    def at(self, day: date) -> DatedValue:
        matches = [v for v in self.values if v.applies_on(day)]
        if not matches:
            raise UserError(
                f"参数 {self.id}（{self.label}）在 {day.isoformat()} 没有适用的取值。",
                f"Parameter {self.id} has no value applicable on {day.isoformat()}.",
            )
        return max(matches, key=lambda v: v.valid_from)


@dataclass(frozen=True)
class ResolvedParameter:
    """A parameter value as read by a rule on a given date: what the trace and the opinion appendix print."""

    id: str
    label: str
    value: Scalar
    unit: str
    verified: bool
    source: Source
    valid_from: date
    valid_to: date | None
    overridden_from: Scalar | None = None  # baseline value when a what-if override replaced it
    office_verification: dict[str, Any] | None = None  # the district's audited confirmation (rules verify)

    @property
    def number(self) -> Decimal:
        if not isinstance(self.value, Decimal):
            raise TypeError(f"parameter {self.id} is not numeric")
        return self.value

    @cached_property
    def evidence(self) -> dict[str, Any]:
        """What a finding's evidence records of this parameter (computed once per resolved value; read-only use)."""
        return {"value": _jsonable(self.value), "unit": self.unit, "verified": self.verified,
                "source": self.source.cite()}

    def to_dict(self) -> dict[str, Any]:
        """The record of this value (public format, docs/assess-format.md): a new dict each call, built once per
        resolved value (the store shares one resolved value between all the days it covers)."""
        d = dict(self.record)
        d["source"] = dict(d["source"])
        if "override" in d:
            d["override"] = dict(d["override"])
        if "office_verification" in d:
            d["office_verification"] = dict(d["office_verification"])
        return d

    @cached_property
    def record_json(self) -> str:
        """``json.dumps(record, ensure_ascii=False, sort_keys=True, default=str)``, written once (the receipt's
        snapshot digest is put together from these)."""
        return json.dumps(self.record, ensure_ascii=False, sort_keys=True, default=str)

    @cached_property
    def record(self) -> dict[str, Any]:
        """The record :meth:`to_dict` copies (shared: read it, never change it)."""
        d = {
            "id": self.id,
            "label": self.label,
            "value": _jsonable(self.value),
            "unit": self.unit,
            "verified": self.verified,
            "source": {
                "issuer": self.source.issuer,
                "document": self.source.document,
                "clause": self.source.clause,
                "url": self.source.url,
            },
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
        }
        if self.overridden_from is not None:
            d["override"] = {"baseline": _jsonable(self.overridden_from)}
        if self.office_verification is not None:
            d["office_verification"] = dict(self.office_verification)
        return d


def _jsonable(v: Scalar) -> Any:
    if isinstance(v, Decimal):
        return float(v) if v != v.to_integral_value() else int(v) if abs(v) < 10**15 else float(v)
    return v


def _to_scalar(raw: Any) -> Scalar:
    if isinstance(raw, bool) or isinstance(raw, str):
        return raw
    if isinstance(raw, (int, float)):
        return Decimal(str(raw))
    raise TypeError(f"unsupported parameter value {raw!r}")


OVERRIDE_SOURCE = Source(issuer="审查人员（假设分析）/ reviewer what-if", document="参数覆盖 override", clause="—")
CHOICE_SOURCE = Source(issuer="审查人员选择 / reviewer's recorded choice", document="核算口径选择 choice", clause="—")


@dataclass(frozen=True)
class OfficeVerification:
    """The office's audited confirmation of one parameter value (``reviewer rules verify``, issue 17 §4).

    It applies only while the active pack still holds the confirmed ``value``: a changed value needs a new check.
    """

    parameter_id: str
    value: Scalar
    source: str
    reason: str
    actor: str
    at: str  # ISO instant
    document_sha256: str = ""
    document_name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "reason": self.reason, "actor": self.actor, "at": self.at,
                "document_sha256": self.document_sha256, "document_name": self.document_name,
                "value": _jsonable(self.value)}


class ParameterStore:
    """All parameters, by id. Immutable; :meth:`with_overrides` returns a layered copy.

    ``pack`` names the rule pack the parameters came from (recorded in every assessment's receipt);
    ``verifications`` are the office's confirmations layered on top (:meth:`with_verifications`).
    """

    def __init__(self, parameters: Mapping[str, Parameter], overrides: Mapping[str, Scalar] | None = None,
                 override_sources: Mapping[str, Source] | None = None,
                 layers: Mapping[str, tuple[DatedValue, ...]] | None = None, *, pack: PackInfo | None = None,
                 verifications: Mapping[str, OfficeVerification] | None = None):
        self._params = dict(parameters)
        self._overrides = dict(overrides or {})
        self._override_sources = dict(override_sources or {})  # pid → source when not a plain what-if
        self._layers = dict(layers or {})  # pid → dated values that win over the packs' where they apply
        self._resolved: dict[tuple[str, date], ResolvedParameter] = {}  # get() memo: assess() reads ~100 rows
        # (id, id() of the dated value) → its resolved value; the dated values are held by this store, so their
        # ids are never reused while it lives
        self._by_value: dict[tuple[str, int], ResolvedParameter] = {}
        self.pack = pack
        self._verifications = dict(verifications or {})

    # -- loading -------------------------------------------------------------------------------------------
    @classmethod
    def load(cls, root: Path | None = None) -> "ParameterStore":
        if root is None:
            from_pack = parameter_files(builtin_files())
            return cls.from_files(from_pack, pack=builtin_info())
        files = {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*.toml"))}
        return cls.from_files(files)

    @classmethod
    def from_files(cls, files: Mapping[str, bytes], *, pack: PackInfo | None = None) -> "ParameterStore":
        """Parameters from ``{relative path below parameters/: TOML bytes}`` (a directory or a rule pack)."""
        params: dict[str, Parameter] = {}
        for rel in sorted(files):
            namespace = ".".join(Path(rel).with_suffix("").parts)
            doc = tomllib.loads(files[rel].decode("utf-8"))
            for name, body in doc.items():
                pid = f"{namespace}.{name}"
                params[pid] = _parse_parameter(pid, body, Path(rel))
        return cls(params, pack=pack)

    @classmethod
    def from_snapshot(cls, snapshot: Mapping[str, Mapping[str, Any]], under: "ParameterStore") -> "ParameterStore":
        """``under`` with every parameter of an assessment's snapshot replaced by exactly the recorded value.

        Used to re-derive a signed result (``reviewer verify --recompute``): each recorded parameter becomes a
        single dated value with its recorded validity, value, source and verified flag.
        """
        params = dict(under._params)
        for pid, snap in snapshot.items():
            src = snap.get("source") or {}
            base = under._params.get(pid)
            raw = snap.get("value")
            value = _to_scalar(raw) if not isinstance(raw, (bool, str)) else raw
            dv = DatedValue(value=value, valid_from=date.fromisoformat(snap["valid_from"]),
                            valid_to=date.fromisoformat(snap["valid_to"]) if snap.get("valid_to") else None,
                            verified=bool(snap.get("verified")),
                            source=Source(src.get("issuer", ""), src.get("document", ""), src.get("clause", ""),
                                          src.get("url", "")))
            params[pid] = Parameter(id=pid, label=snap.get("label", pid), label_en=base.label_en if base else "",
                                    unit=snap.get("unit", ""), last_review=base.last_review if base else dv.valid_from,
                                    values=(dv,))
        return cls(params, pack=under.pack)

    def with_verifications(self, marks: Mapping[str, OfficeVerification]) -> "ParameterStore":
        """A copy where each confirmed parameter reads ``verified`` (while its value is the confirmed one)."""
        merged = {**self._verifications, **marks}
        return ParameterStore(self._params, self._overrides, self._override_sources, self._layers, pack=self.pack,
                              verifications=merged)

    @property
    def verifications(self) -> dict[str, OfficeVerification]:
        return dict(self._verifications)

    # -- access --------------------------------------------------------------------------------------------
    def __contains__(self, pid: str) -> bool:
        return pid in self._params

    def ids(self) -> list[str]:
        return sorted(self._params)

    def parameter(self, pid: str) -> Parameter:
        try:
            return self._params[pid]
        except KeyError:
            raise UserError(f"未知参数：{pid}", f"Unknown parameter: {pid}") from None

    def get(self, pid: str, day: date) -> ResolvedParameter:
        hit = self._resolved.get((pid, day))
        if hit is not None:
            return hit
        p = self.parameter(pid)
        dv = self._layered(pid, day) or p.at(day)
        # One resolved value per dated value, whatever the day it is read on (submissions of a batch have many
        # application dates): its record, evidence and snapshot are built once (issue 15, import speed).
        resolved = self._by_value.get((pid, id(dv)))
        if resolved is None:
            resolved = self._by_value[(pid, id(dv))] = self._resolve(pid, p, dv)
        self._resolved[(pid, day)] = resolved
        return resolved

    def _resolve(self, pid: str, p: Parameter, dv: DatedValue) -> ResolvedParameter:
        resolved = ResolvedParameter(
            id=pid,
            label=p.label,
            value=dv.value,
            unit=p.unit,
            verified=dv.verified,
            source=dv.source,
            valid_from=dv.valid_from,
            valid_to=dv.valid_to,
        )
        mark = self._verifications.get(pid)
        if mark is not None and mark.value == dv.value:
            resolved = replace(resolved, verified=True, office_verification=mark.to_dict())
        if pid in self._overrides:
            resolved = replace(
                resolved,
                value=self._overrides[pid],
                verified=False,
                source=self._override_sources.get(pid, OVERRIDE_SOURCE),
                overridden_from=dv.value,
                office_verification=None,
            )
        return resolved

    def find(self, pid: str, day: date) -> ResolvedParameter | None:
        """Like :meth:`get`, but ``None`` when the parameter has no value on ``day`` (a rule not yet in force)."""
        p = self.parameter(pid)
        if not any(v.applies_on(day) for v in p.values) and self._layered(pid, day) is None:
            return None
        return self.get(pid, day)

    def _layered(self, pid: str, day: date) -> DatedValue | None:
        return next((v for v in self._layers.get(pid, ()) if v.applies_on(day)), None)

    def with_dated(self, values: Mapping[str, Iterable[DatedValue]]) -> "ParameterStore":
        """Layer dated values over the packs' (e.g. the district budgets the ledger holds, per year).

        Where a layered value applies on a day it wins over the pack's value, with its own source and ``verified``
        flag; on other days the pack's value (a placeholder, say) still applies. Not a what-if override.
        """
        layers = dict(self._layers)
        for pid, vals in values.items():
            p = self.parameter(pid)  # unknown ids are an error, not silently ignored
            sample = p.values[0].value
            coerced = tuple(replace(v, value=_coerce_like(sample, v.value, pid)) for v in vals)
            layers[pid] = coerced + layers.get(pid, ())
        return ParameterStore(self._params, self._overrides, self._override_sources, layers, pack=self.pack,
                              verifications=self._verifications)

    def all_records(self) -> list[dict[str, Any]]:
        """The record (``ResolvedParameter.to_dict()``) of every dated value of every parameter, as :meth:`get`
        gives it on the day the value starts: what an assessment under this store can print for a parameter
        (before what-if overrides). The archive stores them once as a pool (``reviewer.archive.compact``)."""
        out = []
        for pid in sorted(self._params):
            days = {v.valid_from for v in self._params[pid].values} | {v.valid_from for v in self._layers.get(pid, ())}
            for day in sorted(days):
                try:
                    out.append(self.get(pid, day).to_dict())
                except UserError:
                    continue
        return out

    def layered_ids(self) -> list[str]:
        return sorted(self._layers)

    def number(self, pid: str, day: date) -> Decimal:
        return self.get(pid, day).number

    @property
    def overrides(self) -> dict[str, Scalar]:
        return dict(self._overrides)

    def with_overrides(self, overrides: Mapping[str, Any], source: Source | None = None) -> "ParameterStore":
        """Layer ``overrides`` (what-if by default; ``source`` labels e.g. a reviewer's recorded choice)."""
        merged = dict(self._overrides)
        sources = dict(self._override_sources)
        for pid, raw in overrides.items():
            p = self.parameter(pid)  # unknown ids are an error, not silently ignored
            sample = p.values[0].value
            merged[pid] = _coerce_like(sample, raw, pid)
            if source is not None:
                sources[pid] = source
            else:
                sources.pop(pid, None)
        return ParameterStore(self._params, merged, sources, self._layers, pack=self.pack,
                              verifications=self._verifications)

    def override_source(self, pid: str) -> Source | None:
        """Source recorded for an overridden parameter (``None`` for plain what-ifs and non-overridden ids)."""
        return self._override_sources.get(pid)

    def all(self) -> Iterable[Parameter]:
        return (self._params[k] for k in sorted(self._params))


def _coerce_like(sample: Scalar, raw: Any, pid: str) -> Scalar:
    try:
        if isinstance(sample, bool):
            if isinstance(raw, bool):
                return raw
            return {"true": True, "false": False, "1": True, "0": False}[str(raw).strip().lower()]
        if isinstance(sample, Decimal):
            value = Decimal(str(raw).strip())
            if not value.is_finite():
                raise ValueError
            return value
        return str(raw)
    except Exception:
        raise UserError(
            f"参数 {pid} 的覆盖值 {raw!r} 类型不符（应与 {sample!r} 同类）。",
            f"Override {raw!r} for parameter {pid} has the wrong type (expected like {sample!r}).",
        ) from None


def _date(raw: Any, pid: str, key: str) -> date:
    if isinstance(raw, date):
        return raw
    raise ValueError(f"{pid}: {key} must be a TOML date, got {raw!r}")


def _parse_parameter(pid: str, body: dict, path: Path) -> Parameter:
    missing = [k for k in REQUIRED_PARAMETER_KEYS if k not in body]
    if missing:
        raise ValueError(f"{path}: parameter {pid} lacks {missing}")
    values = []
    for i, raw in enumerate(body["values"]):
        miss = [k for k in REQUIRED_VALUE_KEYS if k not in raw]
        if miss:
            raise ValueError(f"{path}: parameter {pid} value #{i} lacks {miss}")
        src = raw["source"]
        miss = [k for k in REQUIRED_SOURCE_KEYS if not src.get(k)]
        if miss:
            raise ValueError(f"{path}: parameter {pid} value #{i} source lacks {miss}")
        values.append(
            DatedValue(
                value=_to_scalar(raw["value"]),
                valid_from=_date(raw["from"], pid, "from"),
                valid_to=_date(raw["to"], pid, "to") if "to" in raw else None,
                verified=bool(raw["verified"]),
                source=Source(src["issuer"], src["document"], src["clause"], src.get("url", "")),
                note=raw.get("note", ""),
            )
        )
    return Parameter(
        id=pid,
        label=body["label"],
        label_en=body.get("label_en", ""),
        unit=body["unit"],
        last_review=_date(body["last_review"], pid, "last_review"),
        values=tuple(values),
        description=body.get("description", ""),
    )
