"""Explanation trace: how every computed figure was reached.

Each :class:`Step` records the value, its unit, the formula (id + text from ``rules/formulas.toml``), the legal
clause, the inputs with their units and where they came from, and the parameters read (with source and verified
flag). The trace is what the workbench's explanation panel and the opinion's 计算依据 appendix print, so they
always agree.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from reviewer.paths import data_dir
from reviewer.rules.params import ResolvedParameter, _jsonable


@dataclass(frozen=True)
class Formula:
    id: str
    text_zh: str
    text_en: str
    clause: str


@cache
def formulas() -> dict[str, Formula]:
    with (data_dir("rules") / "formulas.toml").open("rb") as fh:
        doc = tomllib.load(fh)
    return {
        fid: Formula(fid, body["text"], body.get("text_en", ""), body["clause"]) for fid, body in doc.items()
    }


@dataclass(frozen=True)
class Input:
    name: str
    value: Any
    unit: str = ""
    origin: str = ""  # e.g. "submission: energy[2].quantity" or "step: energy.item[2].equivalent_tce"

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": _jsonable(self.value) if isinstance(self.value, Decimal) else self.value,
                "unit": self.unit, "origin": self.origin}


@dataclass
class Step:
    key: str
    label: str
    value: Any
    unit: str
    formula: str  # formula id
    inputs: list[Input] = field(default_factory=list)
    parameters: list[ResolvedParameter] = field(default_factory=list)
    note: str = ""

    def formula_def(self) -> Formula:
        return formulas()[self.formula]

    def to_dict(self, parameters: list[Any] | None = None) -> dict[str, Any]:
        """The step's record; ``parameters`` (given by :meth:`Assessment.to_dict` with ``parameter_refs``) replaces
        the full records of the parameters read."""
        f = self.formula_def()
        return {
            "key": self.key,
            "label": self.label,
            "value": _jsonable(self.value) if isinstance(self.value, Decimal) else self.value,
            "unit": self.unit,
            "formula": {"id": f.id, "text": f.text_zh, "text_en": f.text_en, "clause": f.clause},
            "inputs": [i.to_dict() for i in self.inputs],
            "parameters": [p.to_dict() for p in self.parameters] if parameters is None else parameters,
            "note": self.note,
        }

    def to_text(self) -> str:
        f = self.formula_def()
        lines = [f"{self.label} = {self.value} {self.unit}", f"  公式 {f.id}: {f.text_zh}", f"  依据: {f.clause}"]
        for i in self.inputs:
            lines.append(f"  输入 {i.name} = {i.value} {i.unit}  ({i.origin})")
        for p in self.parameters:
            flag = "" if p.verified else "  [未核实 unverified]"
            over = f"  [覆盖 override, 原值 {p.overridden_from}]" if p.overridden_from is not None else ""
            lines.append(f"  参数 {p.id} = {p.value} {p.unit} — {p.source.cite()}{flag}{over}")
        if self.note:
            lines.append(f"  说明: {self.note}")
        return "\n".join(lines)


class Trace:
    """Ordered map of steps by key."""

    def __init__(self) -> None:
        self.steps: dict[str, Step] = {}

    def add(self, step: Step) -> Step:
        if step.formula not in formulas():
            raise KeyError(f"formula {step.formula!r} is not defined in rules/formulas.toml")
        self.steps[step.key] = step
        return step

    def __getitem__(self, key: str) -> Step:
        return self.steps[key]

    def __contains__(self, key: str) -> bool:
        return key in self.steps

    def to_list(self) -> list[dict[str, Any]]:
        return [s.to_dict() for s in self.steps.values()]

    def to_text(self) -> str:
        return "\n\n".join(s.to_text() for s in self.steps.values())

    def to_json(self) -> str:
        return json.dumps(self.to_list(), ensure_ascii=False, indent=2)
