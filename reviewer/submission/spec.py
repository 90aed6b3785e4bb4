"""Load ``forms/submission.toml`` and ``forms/lists.toml``: the one description of the submission."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from reviewer.paths import data_dir


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    label_en: str
    type: str  # string | decimal | integer | date | boolean | enum
    required: bool = False
    unit: str = ""
    list: str = ""
    min: float | None = None
    max: float | None = None
    max_length: int | None = None
    check: str = ""
    default: Any = None
    help: str = ""


@dataclass(frozen=True)
class SectionSpec:
    key: str
    kind: str  # object | table
    sheet: str
    label: str
    label_en: str
    fields: tuple[FieldSpec, ...]
    max_rows: int | None = None
    optional: bool = False

    def field(self, key: str) -> FieldSpec:
        for f in self.fields:
            if f.key == key:
                return f
        raise KeyError(key)


@dataclass(frozen=True)
class Spec:
    version: str
    sections: tuple[SectionSpec, ...]
    accepted_versions: tuple[str, ...] = ()  # older form versions still read (forms/submission.v<N>.toml)

    def section(self, key: str) -> SectionSpec:
        for s in self.sections:
            if s.key == key:
                return s
        raise KeyError(key)


def bound_text(x: float) -> str:
    """A range bound as people write it: 1000000, not 1e+06."""
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@cache
def spec(version: str | None = None) -> Spec:
    """The current form, or an older accepted ``version`` (its own file, so that its workbooks still read)."""
    name = "submission.toml"
    if version is not None:
        current = spec()
        if version != current.version:
            if version not in current.accepted_versions:
                raise KeyError(version)
            name = f"submission.v{version}.toml"
    with (data_dir("forms") / name).open("rb") as fh:
        doc = tomllib.load(fh)
    sections = []
    for s in doc["sections"]:
        fields = tuple(FieldSpec(**f) for f in s["fields"])
        sections.append(
            SectionSpec(
                key=s["key"], kind=s["kind"], sheet=s["sheet"], label=s["label"], label_en=s["label_en"],
                fields=fields, max_rows=s.get("max_rows"), optional=s.get("optional", False),
            )
        )
    return Spec(version=str(doc["version"]), sections=tuple(sections),
                accepted_versions=tuple(str(v) for v in doc.get("accepted_versions", [doc["version"]])))


@cache
def lists() -> dict[str, list[dict[str, str]]]:
    """Reference lists by name; ``carriers`` and ``units`` come from ``rules/``, the rest from ``forms/lists.toml``."""
    with (data_dir("forms") / "lists.toml").open("rb") as fh:
        doc = tomllib.load(fh)
    out = {name: [dict(code=i["code"], label=i.get("label", i["code"]), label_en=i.get("label_en", ""))
                  for i in body["items"]] for name, body in doc.items()}
    from reviewer.rules.reference import carriers, units

    out["carriers"] = [dict(code=c.code, label=c.code, label_en=c.label_en) for c in carriers().values()]
    seen: set[str] = set()
    out["units"] = []
    for name, u in units().items():
        if u.name == name and name not in seen:
            seen.add(name)
            out["units"].append(dict(code=name, label=name, label_en=name))
    out.setdefault("benchmarks", [])
    return out


def list_codes(name: str) -> list[str]:
    return [i["code"] for i in lists()[name]]
