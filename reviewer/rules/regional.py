"""Regional impact (令第31号 第十二条第（七）项): the project's share of the district's annual energy-increment and
carbon budgets, and its effect on the district's energy and carbon intensity.

Budgets are dated parameters per year (region.songjiang.*, placeholders until the district confirms them); the ledger
holds editable budgets and calls :func:`regional_impact` with its own numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reviewer.domain.model import Submission
from reviewer.rules.energy import HUNDRED, quantize
from reviewer.rules.params import ParameterStore, ResolvedParameter, Source, _jsonable
from reviewer.rules.trace import Input, Step, Trace

R = "region.songjiang."
BUDGET_KEYS = {"energy": R + "energy_increment_budget_tce", "carbon": R + "carbon_budget_tco2"}
# The ledger's district budgets reach the engine as a dated layer (ParameterStore.with_dated) with this source
# document; a budget resolved from it is the district's own figure, not a placeholder.
LEDGER_DOCUMENT = "松江区年度能耗增量和碳排放预算台账"


def ledger_source(year: int, note: str = "") -> Source:
    """Where a ledger-held budget comes from (令第31号 第十二条第（七）项: the district's annual budget)."""
    return Source(issuer="松江区发展和改革委员会", document=LEDGER_DOCUMENT,
                  clause=f"{year}年度（台账录入{'：' + note if note else ''}）")


@dataclass
class Budget:
    energy_tce: Decimal | None
    carbon_tco2: Decimal | None
    source: str  # "parameters" | "ledger"
    parameters: tuple[ResolvedParameter, ...] = ()


def regional_impact(
    energy_tce: Decimal,
    carbon_tco2: Decimal,
    added_value_wan: Decimal | None,
    *,
    energy_budget_tce: Decimal | None,
    carbon_budget_tco2: Decimal | None,
    year: int,
    day: date,
    params: ParameterStore,
    budget_source: str = "ledger",
    trace: Trace | None = None,
) -> dict[str, Any]:
    """Section ``regional`` of the assessment from explicit budget numbers (the ledger passes its own)."""
    pct = params.get("energy.coefficients.rounding_percent", day)
    warn_at = params.get(R + "share_warning_percent", day)
    e_share = _share(trace, pct, year, budget_source, "regional.energy_share_percent", "占区年度能耗增量预算比例",
                     energy_tce, energy_budget_tce, "tce")
    c_share = _share(trace, pct, year, budget_source, "regional.carbon_share_percent", "占区年度碳排放预算比例",
                     carbon_tco2, carbon_budget_tco2, "tCO2")
    intensity = _intensity(params, day, trace, energy_tce, carbon_tco2, added_value_wan)
    target = params.find(R + "energy_intensity_target_percent", day)
    flags = []
    if e_share is not None and e_share >= warn_at.number:
        flags.append(f"能耗增量占区年度预算 {e_share}%（≥{warn_at.number}%），须落实能耗空间来源")
    if c_share is not None and c_share >= warn_at.number:
        flags.append(f"碳排放占区年度预算 {c_share}%（≥{warn_at.number}%）")
    return {
        "year": year,
        "budget_source": budget_source,
        "energy_budget_tce": None if energy_budget_tce is None else _jsonable(energy_budget_tce),
        "carbon_budget_tco2": None if carbon_budget_tco2 is None else _jsonable(carbon_budget_tco2),
        "energy_share_percent": None if e_share is None else _jsonable(e_share),
        "carbon_share_percent": None if c_share is None else _jsonable(c_share),
        "warning_percent": _jsonable(warn_at.number),
        "flags": flags,
        "intensity": intensity,
        "intensity_target": None if target is None else {"label": target.label, "value": _jsonable(target.number),
                                                          "unit": target.unit, "verified": target.verified},
        "summary": _summary(year, budget_source, e_share, c_share, intensity),
    }


def _share(trace: Trace | None, pct: ResolvedParameter, year: int, budget_source: str, key: str, label: str,
           value: Decimal, budget: Decimal | None, unit: str) -> Decimal | None:
    """The project's share of the district's annual budget, in percent (``None`` without a budget)."""
    if not budget:
        return None
    s = quantize(value / budget * HUNDRED, pct.number)
    if trace is not None:
        trace.add(Step(key=key, label=label, value=s, unit="%", formula="G-SHARE",
                       inputs=[Input("项目", value, unit, "step"), Input(f"{year}年度预算", budget, unit, budget_source)],
                       parameters=[pct]))
    return s


def _intensity(params: ParameterStore, day: date, trace: Trace | None, energy_tce: Decimal, carbon_tco2: Decimal,
               added_value_wan: Decimal | None) -> dict[str, Any]:
    """The district's energy and carbon intensity per GDP before and after the project (令第31号 第十二条第（七）项)."""
    ri = params.get("carbon.general.rounding_intensity", day)
    intensity: dict[str, Any] = {}
    e_d, c_d, gdp = (params.find(R + k, day) for k in ("energy_consumption_tce", "co2_t", "gdp_wan"))
    if gdp is None or not added_value_wan:
        return intensity
    g = gdp.number
    for kind, total_p, proj, unit in (("energy", e_d, energy_tce, "tce/万元"), ("carbon", c_d, carbon_tco2, "tCO2/万元")):
        if total_p is None:
            continue
        before = total_p.number / g
        after = (total_p.number + proj) / (g + added_value_wan)
        project = proj / added_value_wan
        change = quantize((after - before) / before * HUNDRED, ri.number)
        intensity[kind] = {
            "district": _jsonable(quantize(before, ri.number)),
            "project": _jsonable(quantize(project, ri.number)),
            "district_after": _jsonable(quantize(after, ri.number)),
            "change_percent": _jsonable(change),
            "unit": unit,
            "verified": total_p.verified and gdp.verified,
        }
        if trace is not None:
            trace.add(Step(key=f"regional.intensity.{kind}.change_percent",
                           label=f"项目投产对区单位GDP{'能耗' if kind == 'energy' else '碳排放'}的影响", value=change,
                           unit="%", formula="G-INTENSITY",
                           inputs=[Input("项目", proj, unit.split("/")[0], "step"),
                                   Input("项目增加值", added_value_wan, "万元", "submission: project.added_value_wan")],
                           parameters=[total_p, gdp, ri]))
    return intensity


def _summary(year: int, budget_source: str, e_share: Decimal | None, c_share: Decimal | None,
             intensity: dict[str, Any]) -> str:
    parts = []
    if e_share is not None:
        parts.append(f"占松江区{year}年能耗增量预算 {e_share}%")
    if c_share is not None:
        parts.append(f"碳排放预算 {c_share}%")
    if "energy" in intensity:
        parts.append(f"区单位GDP能耗变化 {intensity['energy']['change_percent']}%")
    summary = "区域影响：" + ("，".join(parts) if parts else "缺少预算或增加值，未计算")
    if budget_source == "parameters":
        summary += "（预算为占位参数，待台账核定）"
    elif budget_source == "ledger+parameters":
        summary += "（部分预算为占位参数，待台账核定）"
    return summary


def budget_year(sub: Submission, day: date) -> int:
    return sub.project.commissioning_year or day.year


def parameter_budget(params: ParameterStore, year: int) -> Budget:
    """The placeholder budgets of ``year`` from the parameter packs (None when the year has no value)."""
    on = date(year, 1, 1)
    e = params.find(BUDGET_KEYS["energy"], on)
    c = params.find(BUDGET_KEYS["carbon"], on)
    found = tuple(p for p in (e, c) if p is not None)
    from_ledger = [p.source.document == LEDGER_DOCUMENT for p in found]
    source = "ledger" if found and all(from_ledger) else "ledger+parameters" if any(from_ledger) else "parameters"
    return Budget(None if e is None else e.number, None if c is None else c.number, source, found)


def regional_module(sub: Submission, params: ParameterStore, day: date, assessment) -> None:  # noqa: ANN001
    year = budget_year(sub, day)
    b = parameter_budget(params, year)
    if b.parameters:
        where = "台账" if b.source == "ledger" else "参数"
        assessment.trace.add(Step(key="regional.budget", label=f"松江区{year}年度预算（{where}）", value=year, unit="年",
                                  formula="G-BUDGET", parameters=list(b.parameters)))
    # Non-fossil energy is not counted in total-energy control (发改环资〔2024〕113号 [S], corrections.md B3): the
    # purchased green power counted in the total is deducted, the same deduction as the ledger's (entries.py).
    green_tce = assessment.values.get("green_tce", Decimal(0))
    controlled = assessment.energy.equivalent_tce - green_tce
    assessment.trace.add(Step(key="regional.controlled_energy_tce", label="纳入能耗总量调控的年综合能源消费量（扣除非化石能源）",
                              value=controlled, unit="tce", formula="G-NONFOSSIL",
                              inputs=[Input("年综合能源消费量（当量值）", assessment.energy.equivalent_tce, "tce",
                                            "step: energy.equivalent_tce"),
                                      Input("外购绿电（非化石能源）", green_tce, "tce", "step: energy.renewable_tce")],
                              note="发改环资〔2024〕113号：非化石能源不纳入能源消耗总量和强度调控（待核实）"))
    section = regional_impact(
        controlled, assessment.values.get("total_tco2", Decimal(0)), sub.project.added_value_wan,
        energy_budget_tce=b.energy_tce, carbon_budget_tco2=b.carbon_tco2, year=year, day=day, params=params,
        budget_source=b.source, trace=assessment.trace,
    )
    section["non_fossil_deducted_tce"] = _jsonable(green_tce)
    section["controlled_energy_tce"] = _jsonable(controlled)
    assessment.sections["regional"] = section
