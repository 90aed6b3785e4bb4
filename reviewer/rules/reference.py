"""Non-numeric rule data: carriers (``rules/carriers.toml``) and units (``rules/units.toml``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from reviewer.errors import UserError
from reviewer.paths import data_dir


@dataclass(frozen=True)
class Unit:
    name: str
    dimension: str
    factor: Decimal  # to the dimension's canonical unit


@dataclass(frozen=True)
class Carrier:
    code: str
    label_en: str
    dimension: str
    coef_unit: str
    kind: str  # energy | working_medium
    category: str
    equivalent: str  # parameter id
    equal_value: str | None
    fossil: bool = False
    coal_consumption: bool = False  # counted in 年煤炭消费量 (physical t)
    extra: tuple = ()
    ncv: str = ""  # parameter id of the fuel's 平均低位发热量 (kJ per coef_unit), used by energy and carbon alike

    @property
    def counted(self) -> bool:
        return self.kind == "energy"


@cache
def units() -> dict[str, Unit]:
    with (data_dir("rules") / "units.toml").open("rb") as fh:
        doc = tomllib.load(fh)
    out: dict[str, Unit] = {}
    for name, body in doc["units"].items():
        u = Unit(name, body["dimension"], Decimal(str(body["factor"])))
        out[name] = u
        for alias in body.get("aliases", []):
            out[alias] = u
    return out


@cache
def carriers() -> dict[str, Carrier]:
    with (data_dir("rules") / "carriers.toml").open("rb") as fh:
        doc = tomllib.load(fh)
    known = {"label_en", "dimension", "coef_unit", "kind", "category", "equivalent", "equal_value", "fossil",
             "coal_consumption", "ncv"}
    return {
        code: Carrier(
            code=code,
            label_en=b["label_en"],
            dimension=b["dimension"],
            coef_unit=b["coef_unit"],
            kind=b["kind"],
            category=b["category"],
            equivalent=b["equivalent"],
            equal_value=b.get("equal_value"),
            fossil=bool(b.get("fossil", False)),
            coal_consumption=bool(b.get("coal_consumption", False)),
            ncv=b.get("ncv", ""),
            extra=tuple(sorted((k, v) for k, v in b.items() if k not in known and not isinstance(v, (dict, list)))),
        )
        for code, b in doc.items()
    }


def carrier(code: str, field: str = "carrier") -> Carrier:
    try:
        return carriers()[code]
    except KeyError:
        raise UserError(
            f"未知能源品种“{code}”（字段 {field}）。可选：{'、'.join(carriers())}",
            f"Unknown energy carrier {code!r} (field {field}).",
        ) from None


def convert(quantity: Decimal, unit: str, to_unit: str, field: str = "unit") -> Decimal:
    """Convert ``quantity`` from ``unit`` to ``to_unit``; both must be known and of the same dimension."""
    table = units()
    src = table.get(unit)
    if src is None:
        raise UserError(
            f"未知计量单位“{unit}”（字段 {field}）。", f"Unknown unit {unit!r} (field {field})."
        )
    dst = table[to_unit]
    if src.dimension != dst.dimension:
        raise UserError(
            f"计量单位“{unit}”与该能源品种不符（应为{dst.dimension}类单位，如 {to_unit}；字段 {field}）。",
            f"Unit {unit!r} is of the wrong kind for this carrier (expected {dst.dimension}, e.g. {to_unit}; field {field}).",
        )
    return quantity * src.factor / dst.factor


def _load(name: str) -> dict:
    with (data_dir("rules") / name).open("rb") as fh:
        return tomllib.load(fh)


@cache
def regimes() -> dict:
    """Regime metadata (``rules/regimes.toml``): names, clauses, authority labels."""
    return _load("regimes.toml")


@cache
def carbon_meta() -> dict:
    """Selectable electricity/heat bases and fuel factor sets (``rules/carbon.toml``)."""
    return _load("carbon.toml")


@cache
def benchmark_rows() -> dict[str, dict]:
    """Benchmark rows by id (``rules/benchmarks.toml``)."""
    return _load("benchmarks.toml")["rows"]


@cache
def policy_data() -> dict:
    """Lists and groupings of the policy checks (``rules/policy.toml``)."""
    return _load("policy.toml")


def benchmark_choices() -> list[dict[str, str]]:
    """Product benchmark rows as a reference list (code, label) for the submission's ``products.benchmark`` field."""
    return [dict(code=k, label=v["label"], label_en=k) for k, v in benchmark_rows().items() if v["kind"] == "product"]


def two_high_sector(industry_code: str) -> str | None:
    """Label of the Shanghai “两高” sector (沪发改环资〔2021〕74号, rules/policy.toml [two_high]) the GB/T 4754 code
    falls in, longest prefix first; ``None`` when it is none of the ten sectors. The 2000 tce floor is a parameter."""
    best: tuple[int, str] | None = None
    for sector in policy_data()["two_high"]["sectors"]:
        if any(industry_code.startswith(x) for x in sector.get("exclude", [])):
            continue
        for prefix in sector["prefixes"]:
            if industry_code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), sector["label"])
    return None if best is None else best[1]


def is_industrial(industry_code: str) -> bool:
    """Industry (门类 B/C/D of GB/T 4754-2017, rules/policy.toml [industrial]) — KU-002, CB-002, the 市经信委 rule."""
    try:
        major = int(industry_code[:2])
    except ValueError:
        return False
    return any(lo <= major <= hi for lo, hi in policy_data()["industrial"]["code_ranges"])


def simple_energy_sector(industry_code: str) -> bool:
    """On the NDRC list of 用能工艺简单、节能潜力小的行业 (令第31号 第八条; rules/policy.toml [simple_energy_sectors])."""
    return any(industry_code.startswith(p) for p in policy_data()["simple_energy_sectors"]["prefixes"])


def simple_energy_candidate(industry_code: str) -> str | None:
    """The sector of the older, unverified list (``candidates``) the industry code falls in — shown, never applied."""
    for c in policy_data()["simple_energy_sectors"].get("candidates", []):
        if any(industry_code.startswith(p) for p in c["prefixes"]):
            return str(c["label"])
    return None
