"""年综合能源消费量 (annual comprehensive energy consumption), 当量值 and 等价值, per GB/T 2589.

Convention (domain-rules.md §3.4): each counted item is converted and rounded to the rounding step (0.01 tce) before
summing; energy-carrying working media (water, compressed air …), on-site PV self-use and self-generated electricity
or heat (its fuel is already counted — GB/T 2589 avoids double counting) are shown but excluded.

Increment rule, one dated rule per regime (parameter ``review.regime.increment_rule`` → rules/regimes.toml
``[increment_rules]``, corrections.md A1): 令第44号 第五条 改扩建项目; 令第2号 only 改建 with site, main process and
equipment unchanged; 令第31号 第八条 only 改建 and 技术改造 with site, main process and equipment unchanged (扩建 is never
on the increment under 31号). On the increment basis the review figure = post-project consumption (items not marked
``existing``) minus the existing plant (items marked ``existing``); otherwise it is the full post-commissioning
consumption (items not marked ``existing``).

Rounding (corrections.md A3): items are rounded with the mode of ``energy.coefficients.rounding_mode`` (GB/T 8170
进舍规则) for the reported figures; the unrounded totals (``*_exact``) are kept for threshold tests (全数值比较法).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from reviewer.domain.model import EnergyItem, EnergySource, ProjectType, Purpose, Submission
from reviewer.rules.params import ParameterStore, ResolvedParameter, _jsonable
from reviewer.rules.reference import Carrier, carrier, convert, regimes, units
from reviewer.rules.trace import Input, Step, Trace

THOUSAND = Decimal(1000)  # kg → t: a unit definition, not a coefficient
HUNDRED = Decimal(100)  # fraction → percent
ZERO = Decimal(0)

CATEGORY_LABELS = {
    "coal": "煤炭", "oil": "石油制品", "gas": "天然气", "electricity": "电力", "heat": "热力", "other": "其他",
}

BASIS_FULL = "full"
BASIS_INCREMENT = "increment"
BASIS_LABELS = {BASIS_FULL: "全口径（项目建成投产后年综合能源消费量）", BASIS_INCREMENT: "增量口径（年综合能源消费增量）"}


def quantize(value: Decimal, step: Decimal, mode: str = ROUND_HALF_UP) -> Decimal:
    """Round ``value`` to a multiple of ``step``; ``mode`` is a :mod:`decimal` rounding constant (the energy and
    carbon balances pass ``energy.coefficients.rounding_mode``)."""
    return (value / step).quantize(Decimal(1), rounding=mode) * step


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
    existing: bool = False
    base_quantity: Decimal = ZERO  # in the carrier's coefficient unit (kWh, kg, m³, MJ)
    base_unit: str = ""
    coal_consumption: bool = False
    fossil: bool = False
    equivalent_exact: Decimal = ZERO  # unrounded, for threshold tests (GB/T 8170 §4.3)
    equal_value_exact: Decimal = ZERO


@dataclass
class EnergyResult:
    equivalent_tce: Decimal  # the review figure (increment or full, see ``basis``)
    equal_value_tce: Decimal
    lines: list[EnergyLine] = field(default_factory=list)
    basis: str = BASIS_FULL
    post_equivalent_tce: Decimal = ZERO
    post_equal_value_tce: Decimal = ZERO
    existing_equivalent_tce: Decimal = ZERO
    existing_equal_value_tce: Decimal = ZERO
    basis_rule: ResolvedParameter | None = None
    equivalent_exact: Decimal = ZERO  # unrounded review figures: thresholds compare these (corrections.md A3)
    equal_value_exact: Decimal = ZERO

    @property
    def excluded(self) -> list[EnergyLine]:
        return [ln for ln in self.lines if not ln.counted]

    def sign(self, ln: EnergyLine) -> int:
        """+1 for post-project lines, −1 for existing lines on the increment basis, 0 when a line does not count."""
        if not ln.counted:
            return 0
        if ln.existing:
            return -1 if self.basis == BASIS_INCREMENT else 0
        return 1


def calorific_value(item: EnergyItem, c: Carrier, params: ParameterStore, day: date, i: int
                    ) -> tuple[Decimal, list[ResolvedParameter], list[Input], bool]:
    """The one calorific value of a fuel line, in kJ per ``c.coef_unit``, that energy and carbon both use
    (corrections.md B2): the measured NCV of the submission when given, else the carrier's 平均低位发热量 (``ncv`` in
    rules/carriers.toml, GB/T 2589-2020 附录A), else the NCV behind its 当量值 coefficient (coefficient × 标准煤低位发热量).
    Returns (value, parameters read, submission inputs, measured)."""
    std = params.get("energy.coefficients.standard_coal_calorific_value", day)
    if item.ncv is not None:
        ncv_unit = item.ncv_unit or ("kJ/kg" if c.dimension == "mass" else "kJ/m³")
        heat_unit, _, per = ncv_unit.partition("/")
        ncv_kj = convert(item.ncv, heat_unit, "kJ", f"energy[{i}].ncv_unit") if heat_unit != "kJ" else item.ncv
        per_factor = convert(Decimal(1), per, c.coef_unit, f"energy[{i}].ncv_unit")
        return ncv_kj / per_factor, [std], [Input("实测低位发热量", item.ncv, ncv_unit, f"submission: energy[{i}].ncv")], True
    if c.ncv:
        ncv = params.get(c.ncv, day)
        return ncv.number, [ncv], [], False
    coef = params.get(c.equivalent, day)
    return coef.number * std.number, [coef, std], [], False


def _coefficient(
    item: EnergyItem, c: Carrier, pid: str, params: ParameterStore, day: date, i: int
) -> tuple[Decimal, list[ResolvedParameter], list[Input], str | None]:
    """Coefficient in kgce per ``c.coef_unit``; a measured NCV replaces the default for fuels."""
    if item.ncv is not None and c.category not in ("electricity", "heat") and pid == c.equivalent:
        ncv_kj, used, inputs, _ = calorific_value(item, c, params, day, i)
        return ncv_kj / used[0].number, used, inputs, "E-NCV"
    p = params.get(pid, day)
    return p.number, [p], [], None


def energy_basis(sub: Submission, params: ParameterStore, day: date) -> tuple[str, ResolvedParameter]:
    """Increment or full basis by the dated rule of the regime in force (``review.regime.increment_rule``)."""
    rule = params.get("review.regime.increment_rule", day)
    spec = regimes()["increment_rules"][str(rule.value)]
    p = sub.project
    if str(p.project_type) in spec["types"] and (p.site_process_equipment_unchanged or not spec["requires_unchanged"]):
        return BASIS_INCREMENT, rule
    return BASIS_FULL, rule


def compute_energy(sub: Submission, params: ParameterStore, day: date, trace: Trace) -> EnergyResult:
    """Energy balance: one :class:`EnergyLine` per item, then the review figure on the basis of the regime."""
    step = params.get("energy.coefficients.rounding_tce", day)
    mode = params.get("energy.coefficients.rounding_mode", day)
    lines = [_energy_line(i, item, params, day, trace, step, mode) for i, item in enumerate(sub.energy)]
    basis, basis_rule = energy_basis(sub, params, day)
    result = EnergyResult(ZERO, ZERO, lines, basis, basis_rule=basis_rule)
    _review_totals(result, trace)
    _excluded_step(lines, trace)
    return result


def _exclusion_reason(item: EnergyItem, c: Carrier) -> str:
    if not c.counted:
        return "耗能工质，不计入年综合能源消费量"
    if item.source == EnergySource.ONSITE_PV:
        return "场内光伏自发自用电量，不计入年综合能源消费量"
    if item.source == EnergySource.SELF_GENERATED and c.category in ("electricity", "heat"):
        return "自产电力、热力（所耗燃料已计入），不重复计入年综合能源消费量"
    return ""


def _energy_line(i: int, item: EnergyItem, params: ParameterStore, day: date, trace: Trace,
                 step: ResolvedParameter, mode: ResolvedParameter) -> EnergyLine:
    """One item converted to tce (当量值 and 等价值), each a trace step; rounded per GB/T 8170, exact kept."""
    c = carrier(item.carrier, f"energy[{i}].carrier")
    qty = convert(item.quantity, item.unit, c.coef_unit, f"energy[{i}].unit")
    unit_factor = units()[item.unit].factor / units()[c.coef_unit].factor
    rounded: dict[str, Decimal] = {}
    exact: dict[str, Decimal] = {}
    for kind, pid, formula in (
        ("eq", c.equivalent, "E-ITEM-EQ"),
        ("ev", c.equal_value or c.equivalent, "E-ITEM-EV"),
    ):
        coef, used, extra_inputs, _ = _coefficient(item, c, pid, params, day, i)
        exact[kind] = qty * coef / THOUSAND
        rounded[kind] = quantize(exact[kind], step.number, str(mode.value))
        key = f"energy.item[{i}].{'equivalent' if kind == 'eq' else 'equal_value'}_tce"
        trace.add(Step(
            key=key, label=f"{c.code}折标量（{'当量值' if kind == 'eq' else '等价值'}）", value=rounded[kind],
            unit="tce", formula=formula,
            inputs=[Input("实物量", item.quantity, item.unit, f"submission: energy[{i}].quantity"),
                    Input("单位换算系数", unit_factor, f"{c.coef_unit}/{item.unit}", "rules/units.toml"),
                    *extra_inputs],
            parameters=[*used, step, mode],
            note=f"实测发热量折算系数 {coef:.6f} kgce/{c.coef_unit}" if extra_inputs else ""))
    reason = _exclusion_reason(item, c)
    return EnergyLine(index=i, carrier=c.code, quantity=item.quantity, unit=item.unit, counted=not reason,
                      excluded_reason=reason, equivalent_tce=rounded["eq"], equal_value_tce=rounded["ev"],
                      category=c.category, purpose=str(item.purpose), source=str(item.source), existing=item.existing,
                      base_quantity=qty, base_unit=c.coef_unit, coal_consumption=c.coal_consumption, fossil=c.fossil,
                      equivalent_exact=exact["eq"], equal_value_exact=exact["ev"])


def _review_totals(result: EnergyResult, trace: Trace) -> None:
    """Post-project and existing totals, then the review figure (increment or full), 当量值 and 等价值."""
    post = [ln for ln in result.lines if ln.counted and not ln.existing]
    existing = [ln for ln in result.lines if ln.counted and ln.existing]
    basis = result.basis
    result.post_equivalent_tce = sum((ln.equivalent_tce for ln in post), ZERO)
    result.post_equal_value_tce = sum((ln.equal_value_tce for ln in post), ZERO)
    result.existing_equivalent_tce = sum((ln.equivalent_tce for ln in existing), ZERO)
    result.existing_equal_value_tce = sum((ln.equal_value_tce for ln in existing), ZERO)
    for kind in ("equivalent", "equal_value"):
        post_x = sum((getattr(ln, f"{kind}_exact") for ln in post), ZERO)
        ex_x = sum((getattr(ln, f"{kind}_exact") for ln in existing), ZERO)
        setattr(result, f"{kind}_exact", post_x - ex_x if basis == BASIS_INCREMENT else post_x)

    two_stage = basis == BASIS_INCREMENT or bool(existing)
    for kind, label, attr in (("equivalent", "当量值", "equivalent_tce"), ("equal_value", "等价值", "equal_value_tce")):
        suffix = "EQ" if kind == "equivalent" else "EV"
        post_key = f"energy.post.{kind}_tce" if two_stage else f"energy.{kind}_tce"
        post_total = getattr(result, f"post_{attr}")
        trace.add(Step(key=post_key, label=f"{'项目建成后' if two_stage else ''}年综合能源消费量（{label}）",
                       value=post_total, unit="tce", formula=f"E-TOTAL-{suffix}",
                       inputs=[Input(ln.carrier, getattr(ln, attr), "tce", f"step: energy.item[{ln.index}].{attr}")
                               for ln in post]))
        if not two_stage:
            setattr(result, attr, post_total)
            continue
        existing_total = getattr(result, f"existing_{attr}")
        trace.add(Step(key=f"energy.existing.{kind}_tce", label=f"现有装置年综合能源消费量（{label}）",
                       value=existing_total, unit="tce", formula=f"E-EXISTING-{suffix}",
                       inputs=[Input(ln.carrier, getattr(ln, attr), "tce", f"step: energy.item[{ln.index}].{attr}")
                               for ln in existing]))
        if basis == BASIS_INCREMENT:
            value = post_total - existing_total
            formula, note = f"E-INCREMENT-{suffix}", "建设地点、主要生产工艺和设备未改变：按增量计算"
            inputs = [Input("项目建成后", post_total, "tce", f"step: {post_key}"),
                      Input("现有装置", existing_total, "tce", f"step: energy.existing.{kind}_tce")]
        else:
            value = post_total
            formula = f"E-FULL-{suffix}"
            note = "不适用增量口径（建设性质或建设地点、主要生产工艺、设备改变）：按项目建成投产后全部能耗计算，现有装置不扣减"
            inputs = [Input("项目建成后", post_total, "tce", f"step: {post_key}")]
        setattr(result, attr, value)
        trace.add(Step(key=f"energy.{kind}_tce",
                       label=f"年综合能源消费量（{label}，{'增量' if basis == BASIS_INCREMENT else '全口径'}）",
                       value=value, unit="tce", formula=formula, inputs=inputs, note=note))


def _excluded_step(lines: list[EnergyLine], trace: Trace) -> None:
    excluded = [ln for ln in lines if not ln.counted]
    if excluded:
        trace.add(Step(key="energy.excluded", label="不计入项目", value=len(excluded), unit="项", formula="E-EXCLUDED",
                       inputs=[Input(f"{ln.carrier}（{ln.excluded_reason}）", ln.quantity, ln.unit,
                                     f"submission: energy[{ln.index}]") for ln in excluded]))


# -- further energy figures (令第31号 第十二条第（四）项) -------------------------------------------------------------


class _Rows:
    """Signed energy lines on the review basis (+1 post-project, −1 existing on the increment) and their traced sums."""

    def __init__(self, e: EnergyResult, trace: Trace) -> None:
        self.e, self.trace = e, trace

    def signed(self, pred) -> list[tuple[EnergyLine, int]]:  # noqa: ANN001
        return [(ln, self.e.sign(ln)) for ln in self.e.lines if self.e.sign(ln) and pred(ln)]

    @staticmethod
    def total(rows, attr: str, scale: Decimal = Decimal(1)) -> Decimal:  # noqa: ANN001
        return sum((getattr(ln, attr) * s / scale for ln, s in rows), ZERO)

    def add(self, key: str, label: str, value, unit: str, formula: str, rows, attr: str, in_unit: str,  # noqa: ANN001
            note: str = "", params_used=()) -> None:  # noqa: ANN001
        self.trace.add(Step(key=key, label=label, value=value, unit=unit, formula=formula,
                            inputs=[Input(f"{ln.carrier}{'（现有装置，扣减）' if s < 0 else ''}", getattr(ln, attr), in_unit,
                                          f"submission: energy[{ln.index}]") for ln, s in rows],
                            parameters=list(params_used), note=note))


def energy_details(sub: Submission, params: ParameterStore, day: date, assessment) -> None:  # noqa: ANN001
    """煤炭消费量, 电力消费量, 化石/可再生/原料用能, 能源消费结构 — all on the review basis, each with a trace step."""
    e: EnergyResult = assessment.energy
    rows = _Rows(e, assessment.trace)
    _basis_step(sub, e, assessment.trace)
    figures = _quantities(rows)
    figures.update(_renewables(sub, params, day, e, rows))
    structure = _structure(params, day, e, rows)
    ev_informative, ev_coef = _equal_value_informative(params, day, e, assessment.trace)
    assessment.sections["energy"] = _section(e, figures, structure, ev_informative, ev_coef)
    # Raw Decimals for later modules (not serialised).
    assessment.values.update(coal_t=figures["coal_t"], electricity_kwh=figures["electricity_kwh"],
                             fossil_tce=figures["fossil_tce"], green_kwh=figures["green_kwh"],
                             pv_kwh=figures["pv_kwh"], renewable_tce=figures["renewable_tce"],
                             green_tce=figures["green_tce"])


def _basis_step(sub: Submission, e: EnergyResult, trace: Trace) -> None:
    p = sub.project
    trace.add(Step(key="energy.basis", label="年综合能源消费量计算口径", value=BASIS_LABELS[e.basis], unit="",
                   formula="E-BASIS",
                   inputs=[Input("建设性质", str(p.project_type), "", "submission: project.project_type"),
                           Input("建设地点、主要生产工艺和设备未改变", p.site_process_equipment_unchanged, "",
                                 "submission: project.site_process_equipment_unchanged")],
                   parameters=[e.basis_rule] if e.basis_rule else [],
                   note=_basis_clause(e)))


def _quantities(rows: _Rows) -> dict[str, Decimal]:
    """年煤炭消费量 (t), 年电力消费量 (kWh), 化石能源 and 原料用能 (tce, 当量值) on the review basis."""
    coal_rows = rows.signed(lambda ln: ln.coal_consumption)
    coal_t = rows.total(coal_rows, "base_quantity", THOUSAND)
    rows.add("energy.coal_t", "年煤炭消费量", coal_t, "t", "E-COAL", coal_rows, "base_quantity", "kg")

    elec_rows = rows.signed(lambda ln: ln.category == "electricity")
    elec_kwh = rows.total(elec_rows, "base_quantity")
    rows.add("energy.electricity_kwh", "年电力消费量（不含光伏自发自用）", elec_kwh, "kWh", "E-ELECTRICITY", elec_rows,
             "base_quantity", "kWh")

    fossil_rows = rows.signed(lambda ln: ln.fossil)
    fossil = rows.total(fossil_rows, "equivalent_tce")
    rows.add("energy.fossil_tce", "化石能源消费量（当量值）", fossil, "tce", "E-FOSSIL", fossil_rows, "equivalent_tce",
             "tce")

    feed_rows = rows.signed(lambda ln: ln.purpose == str(Purpose.FEEDSTOCK))
    feedstock = rows.total(feed_rows, "equivalent_tce")
    rows.add("energy.feedstock_tce", "原料用能消费量（当量值）", feedstock, "tce", "E-FEEDSTOCK", feed_rows,
             "equivalent_tce", "tce")
    return {"coal_t": coal_t, "electricity_kwh": elec_kwh, "fossil_tce": fossil, "feedstock_tce": feedstock}


def _renewables(sub: Submission, params: ParameterStore, day: date, e: EnergyResult, rows: _Rows
                ) -> dict[str, Decimal]:
    """Renewables: purchased green power (counted) + on-site PV self-use (excluded from the total, shown here)."""
    elec_eq = params.get("energy.coefficients.electricity_equivalent", day)
    green_rows = rows.signed(lambda ln: ln.source == str(EnergySource.GREEN_POWER))
    pv_lines = [ln for ln in e.lines if ln.source == str(EnergySource.ONSITE_PV) and not ln.existing]
    pv_kwh = sum((ln.base_quantity for ln in pv_lines), ZERO)
    pv_origin = "submission: energy[] 光伏自发自用"
    if not pv_lines and sub.pv.self_use_kwh:
        pv_kwh, pv_origin = sub.pv.self_use_kwh, "submission: pv.self_use_kwh"
    step = params.get("energy.coefficients.rounding_tce", day)
    pv_tce = quantize(pv_kwh * elec_eq.number / THOUSAND, step.number)
    green_kwh = rows.total(green_rows, "base_quantity")
    green_tce = rows.total(green_rows, "equivalent_tce")
    renewable_tce = green_tce + pv_tce
    rows.trace.add(Step(key="energy.renewable_tce", label="可再生能源消费量（当量值）", value=renewable_tce, unit="tce",
                        formula="E-RENEWABLE",
                        inputs=[Input("外购绿电", green_tce, "tce", "step: energy.item[].equivalent_tce"),
                                Input("光伏自发自用电量", pv_kwh, "kWh", pv_origin)],
                        parameters=[elec_eq, step]))
    return {"green_kwh": green_kwh, "green_tce": green_tce, "pv_kwh": pv_kwh, "renewable_tce": renewable_tce}


def _structure(params: ParameterStore, day: date, e: EnergyResult, rows: _Rows) -> list[dict]:
    """能源消费结构 (当量值) by category, each share a trace step."""
    pct_step = params.get("energy.coefficients.rounding_percent", day)
    structure = []
    for cat, label in CATEGORY_LABELS.items():
        cat_rows = rows.signed(lambda ln, cat=cat: ln.category == cat)
        if not cat_rows:
            continue
        tce = rows.total(cat_rows, "equivalent_tce")
        share = quantize(tce / e.equivalent_tce * HUNDRED, pct_step.number) if e.equivalent_tce else None
        rows.trace.add(Step(key=f"energy.structure.{cat}", label=f"能源消费结构：{label}占比", value=share, unit="%",
                            formula="E-STRUCTURE",
                            inputs=[Input(f"{label}折标量", tce, "tce", "step: energy.item[]"),
                                    Input("年综合能源消费量（当量值）", e.equivalent_tce, "tce", "step: energy.equivalent_tce")],
                            parameters=[pct_step]))
        structure.append({"category": cat, "label": label, "equivalent_tce": _jsonable(tce),
                          "share_percent": None if share is None else _jsonable(share)})
    return structure


def _equal_value_informative(params: ParameterStore, day: date, e: EnergyResult, trace: Trace
                             ) -> tuple[bool, ResolvedParameter]:
    """等价值 of electricity is the year's 火电供电煤耗: unverified for the year → the 等价值 total is informative only,
    never a binding cap in a signed opinion unless the reviewer enters the sourced value (corrections.md B1)."""
    ev_coef = params.get("energy.coefficients.electricity_equal_value", day)
    uses_ev = any(ln.counted and ln.category == "electricity" for ln in e.lines)
    ev_informative = uses_ev and not ev_coef.verified
    trace.add(Step(key="energy.equal_value_informative", label="等价值仅供参考（当年电力等价值系数未核实）",
                   value=ev_informative, unit="", formula="E-EV-INFORMATIVE", parameters=[ev_coef],
                   note="电力等价值为上年度火电供电煤耗，逐年变化；未核实时等价值合计不作为审查意见的约束值"))
    return ev_informative, ev_coef


def _section(e: EnergyResult, f: dict[str, Decimal], structure: list[dict], ev_informative: bool,
             ev_coef: ResolvedParameter) -> dict:
    """The public ``energy`` section of the result (docs/assess-format.md)."""
    basis_note = "增量" if e.basis == BASIS_INCREMENT else "全口径"
    summary = (f"年综合能源消费量 当量值 {e.equivalent_tce} tce，等价值 {e.equal_value_tce} tce（{basis_note}）；"
               f"煤炭 {f['coal_t'].normalize():f} t，化石能源 {f['fossil_tce']} tce，可再生能源 {f['renewable_tce']} tce")
    return {
        "basis": e.basis,
        "basis_label": BASIS_LABELS[e.basis],
        "basis_rule": str(e.basis_rule.value) if e.basis_rule else "",
        "basis_clause": _basis_clause(e),
        "post_project": {
            "equivalent_tce": _jsonable(e.post_equivalent_tce),
            "equal_value_tce": _jsonable(e.post_equal_value_tce),
        },
        "existing": {
            "equivalent_tce": _jsonable(e.existing_equivalent_tce),
            "equal_value_tce": _jsonable(e.existing_equal_value_tce),
        },
        "coal_t": _jsonable(f["coal_t"]),
        "electricity_kwh": _jsonable(f["electricity_kwh"]),
        "fossil_tce": _jsonable(f["fossil_tce"]),
        "renewable_tce": _jsonable(f["renewable_tce"]),
        "renewable_kwh": _jsonable(f["green_kwh"] + f["pv_kwh"]),
        "green_power_kwh": _jsonable(f["green_kwh"]),
        "pv_self_use_kwh": _jsonable(f["pv_kwh"]),
        "feedstock_tce": _jsonable(f["feedstock_tce"]),
        "equal_value_informative": ev_informative,
        "equal_value_coefficient_parameter": ev_coef.id,
        "structure": structure,
        "summary": summary,
    }


def _basis_clause(e: EnergyResult) -> str:
    return regimes()["increment_rules"][str(e.basis_rule.value)]["clause"] if e.basis_rule else ""
