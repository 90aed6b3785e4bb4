"""The typed contract of an assessment (issue 11 §5): its sections as frozen dataclasses.

The rule engine's public output is the ``assess --json`` format of ``docs/assess-format.md``
(:meth:`reviewer.rules.engine.Assessment.to_dict`); archived assessments are stored in it. :meth:`AssessmentResult.
from_dict` reads that format into these records and :meth:`~Record.to_dict` writes it back unchanged: the same keys
in the same order, keys this module does not name kept as they were (``extra``), so the public format stays
byte-for-byte stable (``tests/test_assess_golden.py``, ``tests/test_result_contract.py``).

Consumers (the opinion's view-model, the screens) read the records by attribute, so a renamed field fails a test
instead of blanking a paragraph of a signed opinion. A *required* field missing from the input raises
:class:`AssessmentFormatError` naming it; an *optional* field (added to the format later, or only produced by some
projects) is its default when an older stored assessment lacks it.
"""

from __future__ import annotations

from collections import abc
from dataclasses import dataclass, field, fields
from functools import cache
from types import MappingProxyType
from typing import Any, ClassVar, Mapping

from reviewer.errors import UserError


class AssessmentFormatError(UserError):
    """A stored or produced assessment lacks a required field, or a field has the wrong shape."""

    def __init__(self, path: str, problem_zh: str, problem_en: str) -> None:
        super().__init__(f"评估结果格式错误：字段 {path} {problem_zh}（docs/assess-format.md）。",
                         f"Assessment format error: field {path} {problem_en} (docs/assess-format.md).")
        self.path = path


_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})  # shared by every record whose input has no unnamed key


class _Bad(Exception):
    """A format problem on its way up to :meth:`Record.from_dict`, collecting the path (no cost when none)."""

    def __init__(self, parts: list[str], zh: str, en: str) -> None:
        super().__init__(zh)
        self.parts, self.zh, self.en = parts, zh, en


def required(nested: type[Record] | None = None, *, many: bool = False) -> Any:
    """A field every assessment has had since the format's first version; missing → :class:`AssessmentFormatError`."""
    return field(metadata={"required": True, "nested": nested, "many": many})


def optional(default: Any = None, nested: type[Record] | None = None, *, many: bool = False) -> Any:
    """A field an older stored assessment may lack (additive change of the format): ``default`` when absent."""
    return field(default=default, metadata={"required": False, "nested": nested, "many": many})


@cache
def _spec(cls: type[Record]) -> dict[str, tuple[bool, type[Record] | None, bool]]:
    return {f.name: (f.metadata["required"], f.metadata["nested"], f.metadata["many"])
            for f in fields(cls) if f.name not in ("extra", "keys")}


@cache
def _defaults(cls: type[Record]) -> dict[str, Any]:
    """The optional fields' defaults (``extra``/``keys`` are set per record)."""
    return {f.name: f.default for f in fields(cls) if f.name not in ("extra", "keys") and not f.metadata["required"]}


@dataclass(frozen=True, kw_only=True)
class Record:
    """Base of the typed sections. ``extra``: keys of the input this record does not name (kept for ``to_dict``);
    ``keys``: the input's key order (empty for a record built in code: declared order, then ``extra``)."""

    extra: Mapping[str, Any] = field(default_factory=dict, repr=False)
    keys: tuple[str, ...] = field(default=(), repr=False, compare=False)

    label_of: ClassVar[str] = ""

    @classmethod
    def from_dict(cls, data: Any, path: str = "") -> Any:
        """The record of ``data`` (public-format dict); :class:`AssessmentFormatError` names a missing required
        field or a wrong shape by its path, e.g. ``assessment.energy.items[2].carrier``."""
        try:
            return cls._read(data)
        except _Bad as bad:
            raise AssessmentFormatError((path or cls.label_of or cls.__name__) + "".join(bad.parts), bad.zh,
                                        bad.en) from None

    @classmethod
    def _plan(cls) -> tuple[frozenset[str], tuple[tuple[str, bool, Any, bool], ...], dict[str, Any]]:
        """(field names, (name, required, nested, many) per field, optional defaults) — computed once per class."""
        plan = cls.__dict__.get("_plan_")
        if plan is None:
            spec = _spec(cls)
            plan = (frozenset(spec), tuple((k, *v) for k, v in spec.items()), _defaults(cls))
            type.__setattr__(cls, "_plan_", plan)
        return plan

    @classmethod
    def _read(cls, data: Any) -> Any:
        if type(data) is not dict and not isinstance(data, abc.Mapping):
            raise _Bad([], f"应为对象，实为 {type(data).__name__}", f"should be an object, is {type(data).__name__}")
        names, plan, defaults = cls._plan()
        kw = defaults.copy()
        present = 0
        for name, is_required, nested, many in plan:
            if name in data:
                value = data[name]
                present += 1
            elif is_required:
                raise _Bad([f".{name}"], "缺失（必需字段）", "is missing (required)")
            else:
                continue
            if nested is not None and value is not None:
                if many:
                    if type(value) not in (list, tuple):
                        raise _Bad([f".{name}"], "应为列表", "should be a list")
                    out = []
                    for i, x in enumerate(value):
                        try:
                            out.append(nested._read(x))
                        except _Bad as bad:
                            bad.parts.insert(0, f".{name}[{i}]")
                            raise
                    value = tuple(out)
                else:
                    try:
                        value = nested._read(value)
                    except _Bad as bad:
                        bad.parts.insert(0, f".{name}")
                        raise
            kw[name] = value
        kw["extra"] = _NO_EXTRA if present == len(data) else {k: v for k, v in data.items() if k not in names}
        kw["keys"] = tuple(data)
        # The records are frozen: filled without the generated __init__ (one dict update instead of a frozen
        # __setattr__ per field; an assessment has some 300 records). Same fields, same values.
        obj = object.__new__(cls)
        obj.__dict__.update(kw)
        return obj

    def to_dict(self) -> dict[str, Any]:
        spec = _spec(type(self))
        order = self.keys or (*spec, *self.extra)
        out: dict[str, Any] = {}
        for k in order:
            if k not in spec:
                out[k] = self.extra[k]
                continue
            value = getattr(self, k)
            nested, many = spec[k][1], spec[k][2]
            if nested is not None and value is not None:
                value = [x.to_dict() for x in value] if many else value.to_dict()
            out[k] = value
        return out



# -- energy ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class EnergyItem(Record):
    carrier: str = required()
    quantity: Any = required()
    unit: str = required()
    counted: bool = optional(True)
    excluded_reason: str | None = optional(None)
    equivalent_tce: Any = optional(None)
    equal_value_tce: Any = optional(None)
    category: str | None = optional(None)
    purpose: str | None = optional(None)
    source: str | None = optional(None)
    existing: bool = optional(False)


@dataclass(frozen=True, kw_only=True)
class EnergyShare(Record):
    """One slice of the energy structure (当量值)."""

    category: str = optional("")
    label: str = optional("")
    equivalent_tce: Any = optional(None)
    share_percent: Any = optional(None)


@dataclass(frozen=True, kw_only=True)
class EnergySection(Record):
    label_of: ClassVar[str] = "energy"
    equivalent_tce: Any = required()
    equal_value_tce: Any = required()
    items: tuple[EnergyItem, ...] = required(EnergyItem, many=True)
    basis: str | None = optional(None)
    basis_label: str = optional("")
    basis_rule: str | None = optional(None)
    basis_clause: str | None = optional(None)
    post_project: Any = optional(None)
    existing: Any = optional(None)
    coal_t: Any = optional(None)
    electricity_kwh: Any = optional(None)
    fossil_tce: Any = optional(None)
    renewable_tce: Any = optional(None)
    renewable_kwh: Any = optional(None)
    green_power_kwh: Any = optional(None)
    pv_self_use_kwh: Any = optional(None)
    feedstock_tce: Any = optional(None)
    equal_value_informative: bool = optional(False)
    equal_value_coefficient_parameter: str | None = optional(None)
    structure: tuple[EnergyShare, ...] | None = optional((), EnergyShare, many=True)
    summary: str = optional("")


# -- efficiency ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class Benchmark(Record):
    label: str = optional("")
    advanced: Any = optional(None)
    baseline: Any = optional(None)
    verified: bool = optional(True)
    # further keys (row, table, limit, grading …) stay in ``extra``


@dataclass(frozen=True, kw_only=True)
class Indicator(Record):
    id: str = optional("")
    label: str = required()
    value: Any = required()
    unit: str = required()
    basis: Any = optional(None)
    benchmark: Benchmark | None = optional(None, Benchmark)
    grade: str | None = optional(None)
    note: str | None = optional(None)
    fails_requirement: Any = optional(None)
    cap: Any = optional(None)


@dataclass(frozen=True, kw_only=True)
class EfficiencySection(Record):
    label_of: ClassVar[str] = "efficiency"
    indicators: tuple[Indicator, ...] = required(Indicator, many=True)
    summary: str = optional("")


# -- carbon ----------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class CarbonLine(Record):
    kind: str = optional("")
    source: str = optional("")
    tco2: Any = required()


@dataclass(frozen=True, kw_only=True)
class CarbonShare(Record):
    category: str = optional("")
    label: str = optional("")
    tco2: Any = optional(None)
    share_percent: Any = optional(None)


@dataclass(frozen=True, kw_only=True)
class CarbonComparison(Record):
    id: str = optional("")
    label: str = optional("")
    project: Any = optional(None)
    baseline: Any = optional(None)
    unit: str = optional("")
    verified: bool = optional(True)


@dataclass(frozen=True, kw_only=True)
class PerProduct(Record):
    product: str = optional("")
    unit: str = optional("")
    tco2_per_unit: Any = optional(None)


@dataclass(frozen=True, kw_only=True)
class CarbonChoices(Record):
    electricity_basis: str | None = optional(None)
    electricity_basis_label: str = optional("")
    electricity_factor: Any = optional(None)
    # heat / fuel-factor / green-power choices stay in ``extra``


@dataclass(frozen=True, kw_only=True)
class CarbonSection(Record):
    label_of: ClassVar[str] = "carbon"
    total_tco2: Any = required()
    post_project_tco2: Any = optional(None)
    scope1_tco2: Any = optional(None)
    scope2_tco2: Any = optional(None)
    structure: tuple[CarbonShare, ...] | None = optional((), CarbonShare, many=True)
    choices: CarbonChoices | None = optional(None, CarbonChoices)
    lines: tuple[CarbonLine, ...] | None = optional((), CarbonLine, many=True)
    per_product: tuple[PerProduct, ...] | None = optional((), PerProduct, many=True)
    per_output_value: Any = optional(None)
    per_added_value: Any = optional(None)
    baseline_comparison: tuple[CarbonComparison, ...] | None = optional((), CarbonComparison, many=True)
    evaluation_required: bool = optional(False)
    summary: str = optional("")
    # the detailed accounting (scope split, green power, sequestration, sensitivity …) stays in ``extra``


# -- review, regional ------------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class ReviewSection(Record):
    label_of: ClassVar[str] = "review"
    regime: str | None = optional(None)
    regime_name: str = optional("")
    regime_short: str = optional("")
    procedure_regime: str | None = optional(None)
    substantive_regime: str | None = optional(None)
    transition_rule: str | None = optional(None)
    decision_date: str | None = optional(None)
    substantive_date: str | None = optional(None)
    report_required: Any = optional(None)
    exemption_reason: str | None = optional(None)
    authority: str | None = optional(None)
    authority_label: str = optional("")
    competent_body: str | None = optional(None)
    authority_basis: Any = optional(None)
    authority_unverified: Any = optional(None)
    carbon_chapter_required: Any = optional(None)
    carbon_clause: str | None = optional(None)
    two_high: Any = optional(None)
    summary: str = optional("")


@dataclass(frozen=True, kw_only=True)
class RegionalSection(Record):
    label_of: ClassVar[str] = "regional"
    year: Any = optional(None)
    budget_source: str | None = optional(None)
    energy_budget_tce: Any = optional(None)
    carbon_budget_tco2: Any = optional(None)
    energy_share_percent: Any = optional(None)
    carbon_share_percent: Any = optional(None)
    warning_percent: Any = optional(None)
    flags: Any = optional(None)
    summary: str = optional("")


# -- findings, trace -------------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class FindingRecord(Record):
    id: str = required()
    status: str = required()
    message: str = optional("")
    message_en: str = optional("")
    clause: str = optional("")
    evidence: Mapping[str, Any] = optional(None)


@dataclass(frozen=True, kw_only=True)
class ParameterUse(Record):
    """A parameter a trace step read (value, unit, source, verified)."""

    id: str = required()
    label: str = optional("")
    value: Any = required()
    unit: str = optional("")
    verified: bool = optional(False)
    source: Mapping[str, Any] | None = optional(None)
    valid_from: str | None = optional(None)
    valid_to: str | None = optional(None)


@dataclass(frozen=True, kw_only=True)
class Formula(Record):
    id: str = optional("")
    text: str = optional("")
    text_en: str = optional("")
    clause: str = optional("")


@dataclass(frozen=True, kw_only=True)
class TraceInput(Record):
    name: str = optional("")
    value: Any = optional(None)
    unit: str = optional("")
    origin: Any = optional(None)


@dataclass(frozen=True, kw_only=True)
class TraceStep(Record):
    key: str = required()
    label: str = optional("")
    value: Any = optional(None)
    unit: str = optional("")
    formula: Formula | None = optional(None, Formula)
    inputs: tuple[TraceInput, ...] | None = optional((), TraceInput, many=True)
    parameters: tuple[ParameterUse, ...] | None = optional((), ParameterUse, many=True)
    note: str | None = optional("")


# -- the whole assessment --------------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True)
class AssessmentResult(Record):
    """An assessment in the public format, typed. Sections the rule engine did not produce are ``None``."""

    label_of: ClassVar[str] = "assessment"
    engine_version: str | None = optional(None)
    regime_date: str | None = optional(None)
    regime_date_source: str | None = optional(None)
    decision_date: str | None = optional(None)
    transition_rule: str | None = optional(None)
    energy: EnergySection | None = optional(None, EnergySection)
    findings: tuple[FindingRecord, ...] | None = optional((), FindingRecord, many=True)
    overrides: Mapping[str, Any] | None = optional(None)
    choices: Mapping[str, Any] | None = optional(None)
    parameters: Mapping[str, Any] | None = optional(None)
    trace: tuple[TraceStep, ...] | None = optional((), TraceStep, many=True)
    receipt: Mapping[str, Any] | None = optional(None)
    review: ReviewSection | None = optional(None, ReviewSection)
    carbon: CarbonSection | None = optional(None, CarbonSection)
    efficiency: EfficiencySection | None = optional(None, EfficiencySection)
    regional: RegionalSection | None = optional(None, RegionalSection)

    @classmethod
    def of(cls, assessment: AssessmentResult | Mapping[str, Any]) -> AssessmentResult:
        """``assessment`` typed (a public-format dict is read with :meth:`from_dict`)."""
        return assessment if isinstance(assessment, AssessmentResult) else cls.from_dict(assessment)
