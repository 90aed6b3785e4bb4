"""The typed view-model of an issued document: plain dataclasses built from the submission dict and the typed
assessment (:class:`reviewer.rules.result.AssessmentResult`, read by attribute: a renamed field of the assessment
format fails loudly instead of blanking a paragraph).

Templates see only these objects (never ORM rows); the whole view-model is stored as JSON with the archived PDF so a
document can always be explained from what it was rendered from. Sections the rule engine has not produced (carbon,
efficiency, review …) are ``None`` / empty and the templates leave their paragraphs out.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import asdict, dataclass, field, fields, is_dataclass, replace
from datetime import date
from functools import cache
from typing import Any

from reviewer.errors import UserError
from reviewer.paths import data_dir
from reviewer.rules.balance import energy_balance
from reviewer.rules.engine import baseline
from reviewer.rules.ledger import valid_until
from reviewer.rules.reference import regimes
from reviewer.rules.result import (AssessmentResult, CarbonSection, EfficiencySection, EnergySection, ParameterUse,
                                   TraceStep)

KINDS = ("approval", "rejection", "correction", "acceptance", "change", "referral")
KIND_LABELS = {
    "approval": "审查意见", "rejection": "不予通过意见", "correction": "补正通知",
    "acceptance": "验收意见", "change": "同意变更意见", "referral": "不予受理告知书",
}
# Where each energy line comes from / what it is for, as published opinions label them (corrections.md B).
SOURCE_LABELS = {"purchased": "外购", "green_power": "外购绿电", "self_produced": "自产", "onsite": "自产",
                 "onsite_pv_self_use": "光伏自发自用", "pv_self_use": "光伏自发自用"}
PURPOSE_LABELS = {"fuel": "", "feedstock": "原料", "raw_material": "原料"}
# Units as published opinions write the caps (GB 3100 names; 万kWh → 万千瓦时, 万m³ → 万立方米).
UNIT_WORDS = {"万kWh": "万千瓦时", "万m³": "万立方米", "万m3": "万立方米", "t": "吨", "万t": "万吨"}


@dataclass
class RegimeVM:
    id: str
    label: str  # 国家发展改革委令第31号
    name: str  # 《…办法》
    order: str
    local_basis: str
    carbon_in_opinion: bool
    correction_clause: str
    correction_period: str
    validity_clause: str
    validity_text: str
    change_clause: str
    acceptance_clause: str
    outcome_clause: str
    review_clause: str


@dataclass
class ProjectVM:
    code: str
    name: str
    builder: str
    credit_code: str = ""
    town: str = ""
    park: str = ""
    industry_code: str = ""
    project_type: str = ""
    application_date: str = ""
    total_investment_wan: float | None = None
    commissioning_year: int | None = None
    output_value_wan: float | None = None
    added_value_wan: float | None = None
    description: str = ""
    products: list[dict[str, Any]] = field(default_factory=list)  # {name, capacity, unit}
    floor_area_m2: float | None = None


@dataclass
class EnergyRowVM:
    carrier: str
    quantity: float | None
    unit: str
    equivalent_coef: float | None
    equal_value_coef: float | None
    coef_unit: str
    equivalent_tce: float | None
    equal_value_tce: float | None
    counted: bool = True
    excluded_reason: str = ""
    source: str = ""
    source_label: str = ""  # 外购 / 外购绿电 / 自产 / 光伏自发自用
    purpose_label: str = ""  # 原料 where the line is feedstock
    category: str = ""


@dataclass
class EnergyVM:
    rows: list[EnergyRowVM]
    excluded: list[EnergyRowVM]
    equivalent_tce: float
    equal_value_tce: float
    basis_label: str = ""
    coal_t: float | None = None
    fossil_tce: float | None = None
    renewable_tce: float | None = None
    structure: list[dict[str, Any]] = field(default_factory=list)  # {label, equivalent_tce, share_percent}
    summary: str = ""
    equal_value_shown: bool = True  # 等价值 printed only with a sourced coefficient (corrections.md F)


@dataclass
class IndicatorVM:
    label: str
    value: float | None
    unit: str
    benchmark_label: str = ""
    advanced: float | None = None
    baseline: float | None = None
    grade: str = ""
    verified: bool = True
    id: str = ""


@dataclass
class CarbonVM:
    total_tco2: float | None
    scope1_tco2: float | None = None
    scope2_tco2: float | None = None
    structure: list[dict[str, Any]] = field(default_factory=list)  # {label, tco2, share_percent}
    lines: list[dict[str, Any]] = field(default_factory=list)  # {source, tco2}
    per_output_value: float | None = None
    per_added_value: float | None = None
    electricity_basis: str = ""
    electricity_factor: float | None = None
    comparison: list[dict[str, Any]] = field(default_factory=list)
    regional_summary: str = ""
    evaluation_required: bool = False
    summary: str = ""


@dataclass
class CapVM:
    """A binding cap the opinion sets (不高于 …)."""

    label: str
    value: float
    unit: str
    decimals: int = 2
    kind: str = "max"  # max 不高于 | min 不低于 | text (basis is the sentence)
    basis: str = ""  # the accounting basis named with the cap (e.g. the electricity factor)


@dataclass
class ParamVM:
    ref: str  # P1, P2 … (numbered in order of first use)
    id: str
    label: str
    value: Any
    unit: str
    source: str
    verified: bool
    confirmed: bool = False  # unverified, confirmed by the reviewer before signing (audited)


@dataclass
class FormulaVM:
    id: str
    text: str
    clause: str


@dataclass
class TraceStepVM:
    key: str
    label: str
    value: Any
    unit: str
    formula_id: str
    inputs: list[dict[str, Any]]
    parameter_refs: list[str]
    note: str = ""


@dataclass
class ChartVM:
    id: str
    kind: str  # pie | bar | benchmark
    title: str
    unit: str
    labels: list[str]
    values: list[float]
    references: list[dict[str, Any]] = field(default_factory=list)  # benchmark: {label, value}


@dataclass
class SectionVM:
    """A free section for the generic kinds (验收意见, 同意变更): heading and paragraphs."""

    heading: str
    paragraphs: list[str]


@dataclass
class OpinionVM:
    kind: str
    title: str
    doc_number: str
    commission: str
    addressee: str
    issued_on: str  # ISO date
    project: ProjectVM
    regime: RegimeVM
    energy: EnergyVM | None
    indicators: list[IndicatorVM]
    carbon: CarbonVM | None
    caps: list[CapVM]
    reasons: list[str]  # rejection
    missing_items: list[str]  # correction
    sections: list[SectionVM]  # acceptance / change / free text
    findings: list[dict[str, Any]]
    appendix: list[TraceStepVM]
    formulas: list[FormulaVM]
    parameters: list[ParamVM]
    charts: list[ChartVM]
    reviewer: str = ""
    review_body: str = ""  # 评审机构 and its 评审意见 文号 (optional)
    supersedes: str = ""  # 文号 of the document this one replaces
    cc: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    unverified_count: int = 0
    final: bool = False  # a signed document: no draft marks, unverified figures left out or confirmed
    time_zone: str = "Asia/Shanghai"
    lapse_date: str = ""  # last day construction may start (令第31号 第十九条; ledger.validity_years, 《民法典》第二百零二条)
    competent_body: str = ""  # referral: the body the applicant must apply to
    referral_clause: str = ""
    omitted: list[str] = field(default_factory=list)  # what a signed document left out because it is unverified
    conditions: list[dict[str, Any]] = field(default_factory=list)  # {label, value, unit, decimals, basis}
    balance: dict[str, Any] | None = None  # 能源平衡表 (reviewer/rules/balance.py), printed in 计算依据

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_json_dict(self) -> dict[str, Any]:
        """``json.loads(json.dumps(self.to_dict(), ensure_ascii=False, default=str))`` — the view-model as stored,
        attached and hashed — without ``asdict``'s deep copy of every leaf: the encoder walks the dataclasses itself."""
        return json.loads(json_text(self))


def _json_default(o: Any) -> Any:
    """JSON of a view-model object as ``asdict`` + ``default=str`` gives it: a dataclass as its fields, else str."""
    if is_dataclass(o) and not isinstance(o, type):
        return {f.name: getattr(o, f.name) for f in fields(o)}
    return str(o)


def json_text(vm: Any, *, sort_keys: bool = False, separators: tuple[str, str] | None = None) -> str:
    """``json.dumps(asdict(vm), ensure_ascii=False, default=str, …)``, encoded straight from the dataclasses."""
    return json.dumps(vm, ensure_ascii=False, default=_json_default, sort_keys=sort_keys, separators=separators)


# -- regimes --------------------------------------------------------------------------------------------------------
def _regime_documents() -> dict[str, dict[str, Any]]:
    """How documents name each regime: ``[<regime>.document]`` of ``rules/regimes.toml`` (the one description of the
    regimes, read through :func:`reviewer.rules.reference.regimes`)."""
    return {k: v["document"] for k, v in regimes().items() if isinstance(v, dict) and "document" in v}


def _regime_in_force(day: date) -> str | None:
    """The dated parameter ``review.regime.current`` on ``day`` (the rule engine's own choice of regime)."""
    try:
        return str(baseline().get("review.regime.current", day).value)
    except UserError:  # before the first regime of the pack
        return None


def regime_for(assessment: AssessmentResult | dict[str, Any], today: date | None = None) -> RegimeVM:
    """The regime named by ``review.regime`` or, before the rule engine says, the one in force on ``regime_date``
    (else on ``today``: the office's date, one clock for the document)."""
    a = AssessmentResult.of(assessment)
    table = _regime_documents()
    rid = a.review.regime if a.review else None
    if rid not in table:
        day = date.fromisoformat(str(a.regime_date or (today or date.today()).isoformat()))
        rid = _regime_in_force(day)
        rid = rid if rid in table else "order31"
    r = table[rid]
    return RegimeVM(id=rid, **{k: r[k] for k in RegimeVM.__dataclass_fields__ if k != "id" and k in r})


# -- building -------------------------------------------------------------------------------------------------------
def _num(v: Any) -> float | None:
    if v is None or isinstance(v, bool):
        return None
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def _strip_label(text: str) -> str:
    """Drop a leading "区域影响：" style label the rule engine puts in one-line summaries; the template has its own."""
    head, sep, tail = (text or "").partition("：")
    return tail.strip() if sep and len(head) <= 6 else (text or "").strip()


def _source_text(src: dict[str, Any] | None) -> str:
    if not src:
        return ""
    parts = [src.get("issuer", ""), src.get("document", ""), src.get("clause", "")]
    return "，".join(p for p in parts if p)


def _steps(a: AssessmentResult) -> tuple[TraceStep, ...]:
    return a.trace or ()


def _params(step: TraceStep) -> tuple[ParameterUse, ...]:
    return step.parameters or ()


def _trace_index(a: AssessmentResult) -> dict[str, TraceStep]:
    return {s.key: s for s in _steps(a)}


def _coef(step: TraceStep | None) -> tuple[float | None, str]:
    if not step:
        return None, ""
    for p in _params(step):
        if "rounding" not in p.id:
            return _num(p.value), p.unit
    return None, ""


def build_energy(assessment: AssessmentResult | dict[str, Any]) -> EnergyVM | None:
    a = AssessmentResult.of(assessment)
    e: EnergySection | None = a.energy
    if e is None or e.equivalent_tce is None:
        return None
    idx = _trace_index(a)
    rows, excluded = [], []
    for i, it in enumerate(e.items):
        eq, unit = _coef(idx.get(f"energy.item[{i}].equivalent_tce"))
        ev, unit2 = _coef(idx.get(f"energy.item[{i}].equal_value_tce"))
        row = EnergyRowVM(carrier=it.carrier or "", quantity=_num(it.quantity), unit=it.unit or "",
                          equivalent_coef=eq, equal_value_coef=ev, coef_unit=unit or unit2,
                          equivalent_tce=_num(it.equivalent_tce), equal_value_tce=_num(it.equal_value_tce),
                          counted=bool(it.counted), excluded_reason=it.excluded_reason or "",
                          source=it.source or "",
                          source_label=SOURCE_LABELS.get(str(it.source or ""), str(it.source or "")),
                          purpose_label=PURPOSE_LABELS.get(str(it.purpose or ""), ""),
                          category=str(it.category or ""))
        (rows if row.counted else excluded).append(row)
    structure = [{"label": s.label if "label" in s.keys or not s.keys else s.category,
                  "equivalent_tce": _num(s.equivalent_tce) or 0.0,
                  "share_percent": _num(s.share_percent)} for s in e.structure or ()]
    if not structure:  # until the rule engine groups by category: one slice per counted carrier
        acc: dict[str, float] = {}
        for r in rows:
            acc[r.carrier] = acc.get(r.carrier, 0.0) + (r.equivalent_tce or 0.0)
        total = sum(acc.values()) or 1.0
        structure = [{"label": k, "equivalent_tce": v, "share_percent": v / total * 100} for k, v in acc.items()]
    return EnergyVM(rows=rows, excluded=excluded, equivalent_tce=float(e.equivalent_tce),
                    equal_value_tce=float(e.equal_value_tce or 0), basis_label=e.basis_label or "",
                    coal_t=_num(e.coal_t), fossil_tce=_num(e.fossil_tce),
                    renewable_tce=_num(e.renewable_tce), structure=structure, summary=e.summary or "")


def build_indicators(assessment: AssessmentResult | dict[str, Any]) -> list[IndicatorVM]:
    eff: EfficiencySection | None = AssessmentResult.of(assessment).efficiency
    if eff is None:
        return []
    out = []
    for ind in eff.indicators or ():
        b = ind.benchmark
        out.append(IndicatorVM(label=ind.label or "", value=_num(ind.value), unit=ind.unit or "",
                               benchmark_label=(b.label or "") if b else "", advanced=_num(b.advanced) if b else None,
                               baseline=_num(b.baseline) if b else None, grade=ind.grade or "",
                               verified=bool(b.verified) if b else True, id=str(ind.id or "")))
    return out


def build_carbon(assessment: AssessmentResult | dict[str, Any]) -> CarbonVM | None:
    a = AssessmentResult.of(assessment)
    c: CarbonSection | None = a.carbon
    if c is None or c.total_tco2 is None:
        return None
    choices = c.choices
    lines = [{"source": ln.source if "source" in ln.keys or not ln.keys else ln.kind, "tco2": _num(ln.tco2) or 0.0}
             for ln in c.lines or ()]
    return CarbonVM(
        total_tco2=_num(c.total_tco2), scope1_tco2=_num(c.scope1_tco2), scope2_tco2=_num(c.scope2_tco2),
        structure=[{"label": s.label or "", "tco2": _num(s.tco2) or 0.0,
                    "share_percent": _num(s.share_percent)} for s in c.structure or ()],
        lines=lines, per_output_value=_num(c.per_output_value), per_added_value=_num(c.per_added_value),
        electricity_basis=(choices.electricity_basis_label or "") if choices else "",
        electricity_factor=_num(choices.electricity_factor) if choices else None,
        comparison=[{"label": b.label or "", "project": _num(b.project), "baseline": _num(b.baseline),
                     "unit": b.unit or "", "verified": bool(b.verified)}
                    for b in c.baseline_comparison or ()],
        regional_summary=_strip_label((a.regional.summary or "") if a.regional else ""),
        evaluation_required=bool(c.evaluation_required), summary=c.summary or "")


@cache
def _unit_factors() -> dict[str, float]:
    """unit → factor to its dimension's canonical unit (rules/units.toml), aliases included."""
    with open(data_dir("rules") / "units.toml", "rb") as fh:
        table = tomllib.load(fh)["units"]
    out: dict[str, float] = {}
    for name, u in table.items():
        for alias in [name, *u.get("aliases", [])]:
            out[alias] = float(u["factor"])
    return out


def _convert(quantity: float | None, unit: str, target: str) -> float | None:
    f = _unit_factors()
    if quantity is None or unit not in f or target not in f:
        return None
    return quantity * f[unit] / f[target]


def _total_of(rows: list[EnergyRowVM], category: str, target: str) -> float | None:
    vals = [_convert(r.quantity, r.unit, target) for r in rows if r.category == category]
    vals = [v for v in vals if v is not None]
    return round(sum(vals), 2) if vals else None


def equal_value_sourced(assessment: AssessmentResult | dict[str, Any]) -> bool:
    """等价值 is binding only with a sourced (verified) coefficient for the year (corrections.md F); room law's
    ``energy.equal_value_informative`` marks it informative only."""
    a = AssessmentResult.of(assessment)
    if a.energy is not None and a.energy.equal_value_informative:
        return False
    for st in _steps(a):
        if st.key.startswith("energy.item[") and st.key.endswith("equal_value_tce"):
            for p in _params(st):
                if "equal_value" in p.id and not p.verified:
                    return False
    return True


def build_caps(energy: EnergyVM | None, indicators: list[IndicatorVM], carbon: CarbonVM | None, *,
               submission: dict[str, Any] | None = None,
               assessment: AssessmentResult | dict[str, Any] | None = None, energy_source: str = "") -> list[CapVM]:
    """Binding caps as published opinions write them (corrections.md F): the approved figures become the 不高于 /
    不低于 values checked at 验收 (令第31号 第二十一条) and in operation (第二十六条: 高于批复水平10%)."""
    submission = submission or {}
    a = AssessmentResult.of(assessment or {})
    caps: list[CapVM] = []
    if energy:
        caps.append(CapVM("年综合能源消费量（当量值）", energy.equivalent_tce, "吨标准煤"))
        if energy.equal_value_shown:
            caps.append(CapVM("年综合能源消费量（等价值）", energy.equal_value_tce, "吨标准煤"))
        if energy.fossil_tce:
            caps.append(CapVM("年化石能源消费量", energy.fossil_tce, "吨标准煤"))
        elec = _total_of(energy.rows, "electricity", "万kWh")
        if elec:
            caps.append(CapVM("年电力消费量", elec, "万千瓦时"))
        gas = _total_of(energy.rows, "gas", "万m³")
        if gas:
            caps.append(CapVM("年天然气消费量", gas, "万立方米"))
        if energy.coal_t:
            caps.append(CapVM("年煤炭消费量", energy.coal_t, "吨"))
    for ind in indicators:
        if ind.value is not None and ind.label.startswith("单位产品"):
            caps.append(CapVM(ind.label, ind.value, ind.unit, 3))
        if ind.value is not None and ind.id == "pue":  # 数据中心: 设计PUE is the binding figure
            caps.append(CapVM("数据中心电能利用效率（PUE）", ind.value, "", 2))
    dc = submission.get("data_centre") or {}
    share = _num(dc.get("green_power_share")) if isinstance(dc, dict) else None
    if share:
        caps.append(CapVM("可再生能源电力（绿色电力）使用比例", share * 100, "%", 0, kind="min"))
    for pp in (a.carbon.per_product or ()) if a.carbon else ():
        v = _num(pp.tco2_per_unit)
        if v is not None:
            caps.append(CapVM(f"单位产品碳排放（{pp.product or ''}）", v,
                              str(pp.unit or "").replace("tCO2", "吨二氧化碳"), 3))
    if carbon and carbon.total_tco2 is not None:
        basis = ""
        if carbon.electricity_factor is not None:
            basis = (f"按电力排放因子{carbon.electricity_basis}{carbon.electricity_factor:g}吨二氧化碳/兆瓦时核算，"
                     f"验收时按同一口径核算")
        caps.append(CapVM("年碳排放总量", carbon.total_tco2, "吨二氧化碳", basis=basis))
    if energy_source:
        caps.append(CapVM("项目用能来源", 0.0, "", kind="text", basis=energy_source))
    return caps


def _regional_verified(a: AssessmentResult) -> bool:
    """The regional shares rest on the district budget: placeholders (unverified) are left out of the document."""
    for st in _steps(a):
        if st.key.startswith("regional."):
            for p in _params(st):
                if "rounding" not in p.id and not p.verified:
                    return False
    return True


# Draft markers that never appear in a signed document (corrections.md F); confirmed material drops its marker.
DRAFT_MARKERS = re.compile(r"[（(]?(?:上海界限)?(?:待核实|未核实|占位参数|待台账核定)[）)]?")
# Decision steps whose basis is stated by the document's structure, not a figure (令第31号 第十条: whether a
# 碳排放评价 is required decides the chapter; its threshold is a local parameter confirmed before signing).
DECISION_STEPS = ("carbon.evaluation_required",
                  # whether 等价值 binds is stated by the caps themselves (corrections.md B1, F)
                  "energy.equal_value_informative")


def clean_draft(text: str) -> str:
    return DRAFT_MARKERS.sub("", text or "").strip("，；、 ")


# Trace steps a review opinion prints figures of; check (finding.*) and authority (review.*) steps are confirmed
# separately (legal.py) and not part of the 计算依据.
APPENDIX_PREFIXES = ("energy.", "carbon.", "efficiency.", "regional.")


def build_appendix(assessment: AssessmentResult | dict[str, Any], *, drop_keys: set[str] | None = None,
                   drop_params: set[str] | None = None, confirmed: bool = False,
                   drop_notes: set[str] | None = None) -> tuple[list[TraceStepVM], list[FormulaVM], list[ParamVM], int]:
    """The 计算依据: the trace steps of the printed figures, with each formula and each parameter (value, source,
    verified) listed once. ``drop_keys`` / ``drop_params``: steps and parameters of figures the document leaves out.
    ``confirmed``: the reviewer confirmed the unverified parameters before signing.

    Returns (steps, formulas, parameters, number of unverified parameters used).
    """
    drop_keys, drop_params, drop_notes = drop_keys or set(), drop_params or set(), drop_notes or set()
    steps: list[TraceStepVM] = []
    formulas: dict[str, FormulaVM] = {}
    params: dict[tuple[str, str], ParamVM] = {}
    for s in _steps(AssessmentResult.of(assessment)):
        skey = s.key
        if skey in drop_keys or skey in DECISION_STEPS or not skey.startswith(APPENDIX_PREFIXES):
            continue
        refs = []
        for p in _params(s):
            key = (str(p.id), str(p.value))
            if key[0] in drop_params:
                continue
            if key not in params:
                verified = bool(p.verified)
                source = _source_text(p.source)
                if confirmed and not verified:
                    source = confirmed_source(source)
                params[key] = ParamVM(ref=f"P{len(params) + 1}", id=key[0],
                                      label=p.label if "label" in p.keys or not p.keys else key[0],
                                      value=p.value, unit=p.unit, source=source, verified=verified,
                                      confirmed=confirmed and not verified)
            refs.append(params[key].ref)
        f = s.formula
        fid = str(f.id or "") if f else ""
        if f and fid and fid not in formulas:
            formulas[fid] = FormulaVM(id=fid, text=f.text, clause=f.clause)
        steps.append(TraceStepVM(key=skey, label=s.label, value=s.value, unit=s.unit, formula_id=fid,
                                 inputs=[{"name": i.name, "value": i.value, "unit": i.unit} for i in s.inputs or ()],
                                 parameter_refs=refs,
                                 note="" if skey in drop_notes else (s.note or "")))
    plist = list(params.values())
    return steps, list(formulas.values()), plist, sum(1 for p in plist if not p.verified)


def build_charts(energy: EnergyVM | None, carbon: CarbonVM | None, indicators: list[IndicatorVM]) -> list[ChartVM]:
    charts: list[ChartVM] = []
    if energy and energy.structure:
        charts.append(ChartVM("energy_structure", "pie", "能源消费结构（当量值）", "tce",
                              [s["label"] for s in energy.structure], [s["equivalent_tce"] for s in energy.structure]))
    if carbon:
        src = carbon.lines or [{"source": s["label"], "tco2": s["tco2"]} for s in carbon.structure]
        if src:
            charts.append(ChartVM("emissions_by_source", "bar", "碳排放来源构成", "tCO2",
                                  [ln["source"] for ln in src], [ln["tco2"] for ln in src]))
    for ind in indicators:
        if ind.value is not None and (ind.advanced is not None or ind.baseline is not None):
            refs = [r for r in ({"label": "先进值", "value": ind.advanced}, {"label": "基准值", "value": ind.baseline})
                    if r["value"] is not None]
            charts.append(ChartVM(f"benchmark_{len(charts)}", "benchmark", f"{ind.label}与标准对比", ind.unit,
                                  ["本项目"] + [r["label"] for r in refs],
                                  [ind.value] + [float(r["value"]) for r in refs], refs))
    return charts


def balance_chart(balance: dict[str, Any]) -> ChartVM:
    """The 能流图 of a balance: a ``sankey`` chart whose references are the balance edges."""
    nodes = [n for col in balance.get("stages", []) for n in col]
    return ChartVM("energy_flow", "sankey", "能流图（能源品种 → 供应/转换 → 终端用能）", "tce", nodes, [],
                   [dict(e) for e in balance.get("edges", [])])


def title_for(kind: str, project_name: str) -> str:
    return {
        "approval": f"关于{project_name}节能报告的审查意见",
        "rejection": f"关于{project_name}节能报告审查不予通过的意见",
        "correction": f"关于{project_name}节能审查申请材料补正的通知",
        "acceptance": f"关于{project_name}节能审查验收的意见",
        "change": f"关于{project_name}节能审查变更的意见",
        "referral": f"关于{project_name}节能审查申请不予受理的告知书",
    }[kind]


# Indicators that mean nothing for a project type (corrections.md D3: per-m² energy of a data centre, per-person
# energy of a factory) are not printed.
MEANINGLESS = {"data_centre": ("per_floor_area", "per_person"), "industrial": ("per_person",)}


def project_vm(submission: dict[str, Any]) -> ProjectVM:
    """The project as the document names it (the canonical submission's ``project``, products and floor area)."""
    p = submission.get("project", {})
    floor = sum(_num(b.get("floor_area_m2")) or 0.0 for b in submission.get("buildings", []) or []) or None
    return ProjectVM(
        code=str(p.get("code", "")), name=str(p.get("name", "")), builder=str(p.get("builder", "")),
        credit_code=str(p.get("builder_credit_code", "") or ""), town=str(p.get("town", "") or ""),
        park=str(p.get("park", "") or ""), industry_code=str(p.get("industry_code", "") or ""),
        project_type=str(p.get("project_type", "") or ""), application_date=str(p.get("application_date", "") or ""),
        total_investment_wan=_num(p.get("total_investment_wan")), commissioning_year=p.get("commissioning_year"),
        output_value_wan=_num(p.get("output_value_wan")), added_value_wan=_num(p.get("added_value_wan")),
        description=str(p.get("description", "") or ""),
        products=[{"name": str(x.get("name", "")), "capacity": _num(x.get("capacity")), "unit": str(x.get("unit", ""))}
                  for x in submission.get("products", []) or []],
        floor_area_m2=floor)


def build_view_model(*, kind: str, submission: dict[str, Any], assessment: AssessmentResult | dict[str, Any],
                     doc_number: str,
                     issued_on: date, commission: str, reviewer: str = "", reasons: list[str] | None = None,
                     missing_items: list[str] | None = None, sections: list[SectionVM] | None = None,
                     review_body: str = "", supersedes: str = "", title: str | None = None,
                     cc: list[str] | None = None, extra: dict[str, Any] | None = None, final: bool = False,
                     confirmed_unverified: bool = False, energy_source: str = "", time_zone: str = "Asia/Shanghai",
                     competent_body: str = "", referral_clause: str = "") -> OpinionVM:
    """Assemble the view-model of one document from the canonical submission dict and the assessment (typed, or a
    public-format dict read with :meth:`AssessmentResult.from_dict`, which names a missing required field).

    Figures resting on unverified material that a signed document must not state as fact (another province's
    benchmark, a placeholder budget, an unsourced 等价值 coefficient) are left out in preview and signed document
    alike, listed in ``omitted`` (the preview shows the list). ``final``: a signed document (no draft marks).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown document kind {kind!r}")
    raw = assessment if not isinstance(assessment, AssessmentResult) else None
    a = AssessmentResult.of(assessment)
    p = submission.get("project", {})
    project = project_vm(submission)
    omitted: list[str] = []
    drop_keys: set[str] = set()
    drop_params: set[str] = set()
    energy = build_energy(a)
    if energy:
        energy.equal_value_shown = equal_value_sourced(a)
        if not energy.equal_value_shown:
            omitted.append("年综合能源消费量（等价值）：等价值折标系数未核实，不作为控制值")
            drop_keys |= {st.key for st in _steps(a) if st.key.endswith("equal_value_tce")}
    indicators = build_indicators(a)
    ptype = "data_centre" if submission.get("data_centre") else str(p.get("project_type", "") or "")
    hidden = MEANINGLESS.get(ptype, ())
    indicators = [i for i in indicators if i.id not in hidden]
    drop_keys |= {f"efficiency.{h}" for h in hidden}
    for ind in indicators:
        if not ind.verified and (ind.advanced is not None or ind.baseline is not None):
            omitted.append(f"{ind.label}的对标值（标准值未核实，不作为审查标准）")
            ind.advanced = ind.baseline = None
            ind.grade, ind.benchmark_label = "", ""
    drop_notes: set[str] = set()
    for st in _steps(a):
        if st.key.startswith("efficiency."):
            gone = {q.id for q in _params(st) if q.id.startswith("benchmarks.") and not q.verified}
            if gone:  # the note compares with the dropped benchmark (another province's value, corrections.md D2)
                drop_params |= gone
                drop_notes.add(st.key)
    carbon = build_carbon(a)
    if carbon:
        kept = [b for b in carbon.comparison if b["verified"]]
        if len(kept) < len(carbon.comparison):
            omitted.append("碳排放对比值（未核实）")
        carbon.comparison = kept
    if not _regional_verified(a):
        omitted.append("占区域能耗和碳排放增量预算的比例（预算未经台账核定）")
        drop_keys |= {st.key for st in _steps(a) if st.key.startswith("regional.")}
        if carbon:
            carbon.regional_summary = ""
    appendix, formulas, parameters, unverified = build_appendix(
        a, drop_keys=drop_keys, drop_params=drop_params, confirmed=confirmed_unverified,
        drop_notes=drop_notes)
    regime = regime_for(a, issued_on)
    balance = energy_balance(raw if raw is not None else a.to_dict())
    charts = build_charts(energy, carbon, indicators)
    if balance is not None:
        charts.append(balance_chart(balance.to_dict()))
    return OpinionVM(
        kind=kind, title=title or title_for(kind, project.name), doc_number=doc_number, commission=commission,
        addressee=project.builder, issued_on=issued_on.isoformat(), project=project, regime=regime,
        energy=energy, indicators=indicators, carbon=carbon,
        caps=build_caps(energy, indicators, carbon, submission=submission, assessment=a,
                        energy_source=energy_source),
        reasons=list(reasons or []), missing_items=list(missing_items or []), sections=list(sections or []),
        findings=[f.to_dict() for f in a.findings or ()],
        appendix=appendix, formulas=formulas, parameters=parameters,
        charts=charts, reviewer=reviewer, balance=balance.to_dict() if balance else None,
        review_body=review_body, supersedes=supersedes, cc=list(cc or []), extra=dict(extra or {}),
        unverified_count=unverified, final=final, time_zone=time_zone,
        lapse_date=valid_until(issued_on).isoformat(), competent_body=competent_body,
        referral_clause=referral_clause, omitted=omitted)


def confirmed_source(source: str) -> str:
    """How a parameter the reviewer confirmed before signing names its source (issue 13 item 5)."""
    return "经审查人员确认" + (f"（出处：{clean_draft(source)}）" if clean_draft(source) else "")


def finalise(vm: OpinionVM, *, confirmed_unverified: bool) -> OpinionVM:
    """The signed form of a draft view-model: no draft marks (``final``); unverified parameters the reviewer
    confirmed say “经审查人员确认”. Unconfirmed unverified parameters (a 验收意见 / 同意变更 signed without the
    confirmation) take the 计算依据 appendix out: the figure is left out, not stated as fact (corrections.md F)."""
    if confirmed_unverified:
        params = [p if p.verified or p.confirmed else replace(p, confirmed=True, source=confirmed_source(p.source))
                  for p in vm.parameters]
        return replace(vm, final=True, parameters=params)
    if any(not p.verified for p in vm.parameters):
        return replace(vm, final=True, appendix=[], formulas=[], parameters=[], charts=[], balance=None)
    return replace(vm, final=True)


def relied_unverified(vm: OpinionVM) -> list[str]:
    """The unverified parameter ids the document prints figures from (they need the reviewer's confirmation)."""
    return sorted({p.id for p in vm.parameters if not p.verified})
