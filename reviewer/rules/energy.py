"""年综合能源消费量 (annual comprehensive energy consumption), 当量值 and 等价值, per GB/T 2589.

Convention (domain-rules.md §3.4): each counted item is converted and rounded to the rounding step (0.01 tce) before
summing; energy-carrying working media (water, compressed air …) and on-site PV self-use are shown but excluded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from reviewer.domain.model import EnergyItem, EnergySource, Submission
from reviewer.rules.params import ParameterStore, ResolvedParameter
from reviewer.rules.reference import Carrier, carrier, convert, units
from reviewer.rules.trace import Input, Step, Trace

THOUSAND = Decimal(1000)  # kg → t: a unit definition, not a coefficient


def quantize(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step


@dataclass
class EnergyLine:
    index: int
    carrier: str
    quantity: Decimal
    unit: str
    counted: bool
    excluded_reason: str
    equivalent_tce: Decimal
    equal_value_tce: Decimal
    category: str
    purpose: str
    source: str


@dataclass
class EnergyResult:
    equivalent_tce: Decimal
    equal_value_tce: Decimal
    lines: list[EnergyLine] = field(default_factory=list)

    @property
    def excluded(self) -> list[EnergyLine]:
        return [ln for ln in self.lines if not ln.counted]


def _coefficient(
    item: EnergyItem, c: Carrier, pid: str, params: ParameterStore, day: date, i: int
) -> tuple[Decimal, list[ResolvedParameter], list[Input], str | None]:
    """Coefficient in kgce per ``c.coef_unit``; a measured NCV replaces the default for fuels."""
    if item.ncv is not None and c.category not in ("electricity", "heat") and pid == c.equivalent:
        std = params.get("energy.coefficients.standard_coal_calorific_value", day)
        ncv_unit = item.ncv_unit or ("kJ/kg" if c.dimension == "mass" else "kJ/m³")
        heat_unit, _, per = ncv_unit.partition("/")
        ncv_kj = convert(item.ncv, heat_unit, "kJ", f"energy[{i}].ncv_unit") if heat_unit != "kJ" else item.ncv
        per_factor = convert(Decimal(1), per, c.coef_unit, f"energy[{i}].ncv_unit")
        coef = ncv_kj / per_factor / std.number
        return coef, [std], [Input("实测低位发热量", item.ncv, ncv_unit, f"submission: energy[{i}].ncv")], "E-NCV"
    p = params.get(pid, day)
    return p.number, [p], [], None


def compute_energy(sub: Submission, params: ParameterStore, day: date, trace: Trace) -> EnergyResult:
    step = params.get("energy.coefficients.rounding_tce", day)
    total_eq = Decimal(0)
    total_ev = Decimal(0)
    lines: list[EnergyLine] = []
    eq_keys: list[str] = []
    for i, item in enumerate(sub.energy):
        c = carrier(item.carrier, f"energy[{i}].carrier")
        qty = convert(item.quantity, item.unit, c.coef_unit, f"energy[{i}].unit")
        unit_factor = units()[item.unit].factor / units()[c.coef_unit].factor
        results: dict[str, Decimal] = {}
        for kind, pid, formula in (
            ("eq", c.equivalent, "E-ITEM-EQ"),
            ("ev", c.equal_value or c.equivalent, "E-ITEM-EV"),
        ):
            coef, used, extra_inputs, _ = _coefficient(item, c, pid, params, day, i)
            value = quantize(qty * coef / THOUSAND, step.number)
            results[kind] = value
            key = f"energy.item[{i}].{'equivalent' if kind == 'eq' else 'equal_value'}_tce"
            trace.add(
                Step(
                    key=key,
                    label=f"{c.code}折标量（{'当量值' if kind == 'eq' else '等价值'}）",
                    value=value,
                    unit="tce",
                    formula=formula,
                    inputs=[
                        Input("实物量", item.quantity, item.unit, f"submission: energy[{i}].quantity"),
                        Input("单位换算系数", unit_factor, f"{c.coef_unit}/{item.unit}", "rules/units.toml"),
                        *extra_inputs,
                    ],
                    parameters=[*used, step],
                    note=f"实测发热量折算系数 {coef:.6f} kgce/{c.coef_unit}" if extra_inputs else "",
                )
            )
            if kind == "eq":
                eq_keys.append(key)
        reason = ""
        if not c.counted:
            reason = "耗能工质，不计入年综合能源消费量"
        elif item.source == EnergySource.ONSITE_PV:
            reason = "场内光伏自发自用电量，不计入年综合能源消费量"
        counted = not reason
        if counted:
            total_eq += results["eq"]
            total_ev += results["ev"]
        lines.append(
            EnergyLine(
                index=i,
                carrier=c.code,
                quantity=item.quantity,
                unit=item.unit,
                counted=counted,
                excluded_reason=reason,
                equivalent_tce=results["eq"],
                equal_value_tce=results["ev"],
                category=c.category,
                purpose=str(item.purpose),
                source=str(item.source),
            )
        )
    counted_inputs = [ln for ln in lines if ln.counted]
    trace.add(
        Step(
            key="energy.equivalent_tce",
            label="年综合能源消费量（当量值）",
            value=total_eq,
            unit="tce",
            formula="E-TOTAL-EQ",
            inputs=[
                Input(f"{ln.carrier}", ln.equivalent_tce, "tce", f"step: energy.item[{ln.index}].equivalent_tce")
                for ln in counted_inputs
            ],
        )
    )
    trace.add(
        Step(
            key="energy.equal_value_tce",
            label="年综合能源消费量（等价值）",
            value=total_ev,
            unit="tce",
            formula="E-TOTAL-EV",
            inputs=[
                Input(f"{ln.carrier}", ln.equal_value_tce, "tce", f"step: energy.item[{ln.index}].equal_value_tce")
                for ln in counted_inputs
            ],
        )
    )
    excluded = [ln for ln in lines if not ln.counted]
    if excluded:
        trace.add(
            Step(
                key="energy.excluded",
                label="不计入项目",
                value=len(excluded),
                unit="项",
                formula="E-EXCLUDED",
                inputs=[
                    Input(f"{ln.carrier}（{ln.excluded_reason}）", ln.quantity, ln.unit, f"submission: energy[{ln.index}]")
                    for ln in excluded
                ],
            )
        )
    return EnergyResult(total_eq, total_ev, lines)
