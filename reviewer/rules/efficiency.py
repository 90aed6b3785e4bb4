"""Efficiency indicators (令第31号 第十二条第（四）项) graded against benchmark tables (rules/benchmarks.toml).

Indicators: 单位产品综合能耗 (kgce per product unit), 单位产值 / 单位增加值能耗 (tce/万元), 单位建筑面积能耗 (kgce/m²),
人均能耗 (kgce/人), data-centre PUE. Grading (lower is better): ≤ advanced → 先进; ≤ baseline → 达到基准; otherwise
未达基准. The row (table, label, values, sources, verified flags) is cited with every grade.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from reviewer.domain.model import Submission
from reviewer.rules.energy import THOUSAND, quantize
from reviewer.rules.params import ParameterStore, ResolvedParameter, _jsonable
from reviewer.rules.reference import benchmark_rows, convert, is_industrial, policy_data, units
from reviewer.rules.trace import Input, Step

ADVANCED, BASELINE_MET, BELOW = "先进", "达到基准", "未达基准"
GRADE1, GRADE2, GRADE3, BELOW_LIMIT = "1级", "2级", "3级", "未达限定值"  # GB limit standards (three tiers)
CAP_MET, CAP_EXCEEDED = "达标", "超过上限"
FAILING = (BELOW, BELOW_LIMIT, CAP_EXCEEDED)
"""Grades that fail a mandatory requirement (EF-001 / DC-001)."""


def grade(value: Decimal, advanced: Decimal | None, baseline: Decimal, grading: str = "default",
          limit: Decimal | None = None, cap: Decimal | None = None) -> str | None:
    """Grade ``value`` (lower is better) by the row's grading mode (rules/benchmarks.toml; corrections.md D1–D4)."""
    if grading == "context":
        return None
    if grading == "cap":
        return CAP_MET if value <= (cap if cap is not None else baseline) else CAP_EXCEEDED
    if grading == "three_tier":
        if advanced is not None and value <= advanced:
            return GRADE1
        if value <= baseline:
            return GRADE2
        return GRADE3 if limit is not None and value <= limit else BELOW_LIMIT
    if advanced is not None and value <= advanced:
        return ADVANCED
    return BASELINE_MET if value <= baseline else BELOW


def benchmark_info(row_id: str, params: ParameterStore, day: date) -> tuple[dict[str, Any], list[ResolvedParameter]] | None:
    """The row with its values on ``day``; ``None`` when the row's table is not in force on that day."""
    row = benchmark_rows()[row_id]
    base = params.find(row["baseline"], day)
    if base is None:
        return None
    adv = params.find(row["advanced"], day) if row.get("advanced") else None
    lim = params.find(row["limit"], day) if row.get("limit") else None
    used = [p for p in (adv, base, lim) if p is not None]
    info = {
        "row": row_id, "label": row["label"], "table": row["table"], "unit": row["unit"], "basis": row["basis"],
        "advanced": None if adv is None else _jsonable(adv.number), "advanced_label": row.get("advanced_label", ""),
        "baseline": _jsonable(base.number), "baseline_label": row.get("baseline_label", ""),
        "limit": None if lim is None else _jsonable(lim.number),
        "limit_label": row.get("limit_label", ""),
        "source": base.source.cite(), "verified": all(p.verified for p in used),
        "new_projects_target": row.get("new_projects_target", ""),
        "grading": row.get("grading", "default"), "context_only": row.get("grading") == "context",
        "grade2_required": bool(row.get("grade2_required", False)), "correction": row.get("correction", ""),
    }
    return info, used


class _Indicators:
    """Collects the indicators of one assessment; each is rounded, graded against its row and traced."""

    def __init__(self, params: ParameterStore, day: date, trace, default_step: ResolvedParameter) -> None:  # noqa: ANN001
        self.params, self.day, self.trace, self.default_step = params, day, trace, default_step
        self.out: list[dict[str, Any]] = []

    def add(self, ind_id: str, label: str, value: Decimal, unit: str, basis: str, inputs: list[Input],
            row_id: str | None = None, note: str = "", step: ResolvedParameter | None = None,
            cap: Decimal | None = None, correction: "_Correction | None" = None) -> dict[str, Any]:
        step = step or self.default_step
        value = quantize(value, step.number)
        bench, used, g, graded_value = None, [step], None, value
        if row_id:
            found = benchmark_info(row_id, self.params, self.day)
            if found is None:
                note = _join(note, f"对标表 {row_id} 在 {self.day} 不适用")
            else:
                bench, bused = found
                used += bused
                if bench["correction"] and correction is not None and correction.applies:
                    graded_value = quantize(correction.corrected(value), step.number)
                    used += correction.params
                    inputs = [*inputs, *correction.inputs]
                    note = _join(note, correction.note(value, graded_value))
                elif bench["correction"]:
                    note = _join(note, bench["correction"])
                g = grade(graded_value, _dec(bench["advanced"]), Decimal(str(bench["baseline"])), bench["grading"],
                          _dec(bench["limit"]), cap)
                if bench["context_only"]:
                    note = _join(note, "外省数值仅作参考，不作为对标标准（corrections.md D2）")
        self.trace.add(Step(key=f"efficiency.{ind_id}", label=label, value=value, unit=unit, formula="F-INDICATOR"
                            if not bench else "F-GRADE", inputs=inputs, parameters=used,
                            note=(f"{'参考' if bench['context_only'] else '对标'}：{bench['label']}，{bench['advanced_label']} "
                                  f"{bench['advanced']}、{bench['baseline_label']} {bench['baseline']} {bench['unit']}"
                                  f"{' → ' + g if g else ''}" if bench else note)))
        d = {"id": ind_id, "label": label, "value": _jsonable(value), "unit": unit, "basis": basis,
             "benchmark": bench, "grade": g, "note": note}
        if graded_value != value:
            d["graded_value"] = _jsonable(graded_value)
        self.out.append(d)
        return d


def _join(note: str, more: str) -> str:
    return (note + "；" if note else "") + more


def _dec(v: Any) -> Decimal | None:
    return None if v is None else Decimal(str(v))


class _Correction:
    """GB 16780-2021 熟料配比修正 of the cement row (corrections.md D1): the cement's 单位产品综合能耗 is brought to the
    reference clinker ratio before grading — e_corrected = e − (K − K_ref) × e_clinker, K the declared clinker ratio
    of the cement, e_clinker the plant's clinker 综合能耗, K_ref ``benchmarks.gb_limits.cement_reference_clinker_ratio``.
    The formula and K_ref are from secondary accounts of the standard (unverified parameters)."""

    def __init__(self, prod, i: int, params: ParameterStore, day: date) -> None:  # noqa: ANN001
        self.ref = params.find("benchmarks.gb_limits.cement_reference_clinker_ratio", day)
        self.k, self.e_cl = prod.clinker_ratio, prod.clinker_energy_kgce
        self.i = i

    @property
    def applies(self) -> bool:
        return self.ref is not None and self.k is not None and self.e_cl is not None

    @property
    def params(self) -> list[ResolvedParameter]:
        return [self.ref] if self.ref is not None else []

    @property
    def inputs(self) -> list[Input]:
        return [Input("水泥中熟料配比", self.k, "", f"submission: products[{self.i}].clinker_ratio"),
                Input("熟料综合能耗", self.e_cl, "kgce/t", f"submission: products[{self.i}].clinker_energy_kgce")]

    def corrected(self, value: Decimal) -> Decimal:
        assert self.ref is not None and self.k is not None and self.e_cl is not None
        return value - (self.k - self.ref.number) * self.e_cl

    def note(self, value: Decimal, graded: Decimal) -> str:
        assert self.ref is not None
        return (f"按熟料配比修正后分级（GB 16780-2021）：{value} −（{self.k} − {self.ref.number}）× {self.e_cl} = {graded} kgce/t")


def efficiency_module(sub: Submission, params: ParameterStore, day: date, assessment) -> None:  # noqa: ANN001
    """Efficiency indicators of the plant after the project, each graded against its row, then the summary."""
    e = assessment.energy
    ind = _Indicators(params, day, assessment.trace, params.get("energy.coefficients.rounding_tce", day))
    ri = params.get("carbon.general.rounding_intensity", day)
    # Indicators describe the plant after the project: post-project totals (equal to the review totals on the full
    # basis; on the increment basis the increment would understate the unit consumption of the whole plant).
    post = e.basis == "increment" or e.existing_equivalent_tce
    tot = {"equivalent": e.post_equivalent_tce, "equal_value": e.post_equal_value_tce}
    key = "energy.post" if post else "energy"
    tot_in = {"equivalent": Input("项目建成后年综合能源消费量（当量值）", tot["equivalent"], "tce", f"step: {key}.equivalent_tce"),
              "equal_value": Input("项目建成后年综合能源消费量（等价值）", tot["equal_value"], "tce",
                                   f"step: {key}.equal_value_tce")}
    _product_indicators(sub, params, day, ind, tot, tot_in, ri)
    _value_indicators(sub, ind, tot, tot_in, ri)
    _building_indicators(sub, ind, tot, tot_in)
    if sub.data_centre is not None:
        _data_centre_indicators(sub, params, day, e, ind, ri)
    assessment.sections["efficiency"] = {"indicators": ind.out, "summary": _summary(ind.out)}


def _product_indicators(sub: Submission, params: ParameterStore, day: date, ind: _Indicators, tot: dict,
                        tot_in: dict, ri: ResolvedParameter) -> None:
    """单位产品综合能耗: computed for a single-product project, the declared value for several products."""
    for i, prod in enumerate(sub.products):
        row = benchmark_rows().get(prod.benchmark) if prod.benchmark else None
        basis = row["basis"] if row else "equivalent"
        correction = _Correction(prod, i, params, day)
        if len(sub.products) == 1 and prod.capacity:
            cap, cap_unit, note = prod.capacity, prod.unit, ""
            if row and prod.unit != row["product_unit"]:
                if prod.unit in units() and row["product_unit"] in units():
                    cap = convert(prod.capacity, prod.unit, row["product_unit"], f"products[{i}].unit")
                    cap_unit = row["product_unit"]
                else:
                    note = f"产品单位“{prod.unit}”与对标表单位“{row['product_unit']}”不一致，未分级"
                    row = None
            value = tot[basis] * THOUSAND / cap
            ind.add(f"unit_product.{i}", f"单位产品综合能耗（{prod.name}）", value, f"kgce/{cap_unit}", basis,
                    [tot_in[basis], Input("年产能", prod.capacity, prod.unit, f"submission: products[{i}].capacity")],
                    row_id=prod.benchmark if row else None, note=note, step=ri, correction=correction)
        elif prod.unit_energy_kgce is not None:
            ind.add(f"unit_product.{i}", f"单位产品综合能耗（{prod.name}，申报值）", prod.unit_energy_kgce,
                    f"kgce/{prod.unit}", basis,
                    [Input("申报单位产品综合能耗", prod.unit_energy_kgce, f"kgce/{prod.unit}",
                           f"submission: products[{i}].unit_energy_kgce")],
                    row_id=prod.benchmark or None, note="多产品项目采用申报值", step=ri, correction=correction)


def _value_indicators(sub: Submission, ind: _Indicators, tot: dict, tot_in: dict, ri: ResolvedParameter) -> None:
    """单位产值 / 单位增加值能耗 (当量值)."""
    p = sub.project
    for ind_id, label, den, origin in (("per_output_value", "单位产值能耗", p.output_value_wan, "project.output_value_wan"),
                                       ("per_added_value", "单位增加值能耗", p.added_value_wan, "project.added_value_wan")):
        if den:
            ind.add(ind_id, f"{label}（当量值）", tot["equivalent"] / den, "tce/万元", "equivalent",
                    [tot_in["equivalent"], Input(label.replace("单位", "").replace("能耗", ""), den, "万元",
                                                 f"submission: {origin}")], step=ri)


def _building_indicators(sub: Submission, ind: _Indicators, tot: dict, tot_in: dict) -> None:
    """单位建筑面积能耗 and 人均综合能耗 — not computed where they mean nothing for the project type (corrections.md D3;
    rules/policy.toml [indicator_applicability]): per-m² energy of a data centre, per-person energy of a factory."""
    skip = _not_meaningful(sub)
    area = sum((b.floor_area_m2 for b in sub.buildings), Decimal(0))
    if area and "per_floor_area" not in skip:
        use_types = {b.use_type for b in sub.buildings}
        row_id = None
        if len(use_types) == 1:
            (ut,) = use_types
            row_id = next((k for k, r in benchmark_rows().items() if r["kind"] == "building" and ut in r.get("use_types", [])),
                          None)
        basis = benchmark_rows()[row_id]["basis"] if row_id else "equivalent"
        ind.add("per_floor_area", f"单位建筑面积能耗（{'当量值' if basis == 'equivalent' else '等价值'}）",
                tot[basis] * THOUSAND / area, "kgce/m²", basis,
                [tot_in[basis], Input("总建筑面积", area, "m²", "submission: buildings[].floor_area_m2")],
                row_id=row_id, note="" if row_id or len(use_types) == 1 else "多种建筑类型，未按单一定额分级")
    p = sub.project
    if p.employees and "per_person" not in skip:
        ind.add("per_person", "人均综合能耗（当量值）", tot["equivalent"] * THOUSAND / p.employees, "kgce/人", "equivalent",
                [tot_in["equivalent"], Input("定员人数", p.employees, "人", "submission: project.employees")])


def _data_centre_indicators(sub: Submission, params: ParameterStore, day: date, e, ind: _Indicators,  # noqa: ANN001
                            ri: ResolvedParameter) -> None:
    """Design PUE against the applicable cap (达标 at the cap, corrections.md D4) and the PUE the declared electricity
    implies at full IT load."""
    dc = sub.data_centre
    assert dc is not None
    large = params.find("benchmarks.data_centre.large_racks", day)
    cap_p = params.find("benchmarks.data_centre.pue_new_large_max" if large is not None and dc.racks >= large.number
                        else "benchmarks.data_centre.pue_new_max", day)
    d = ind.add("pue", "数据中心电能利用效率 PUE（设计值）", dc.design_pue, "—", "design",
                [Input("设计PUE", dc.design_pue, "", "submission: data_centre.design_pue"),
                 Input("标准机架数", dc.racks, "架", "submission: data_centre.racks")],
                row_id="data_centre_pue_shanghai", step=ri, cap=None if cap_p is None else cap_p.number)
    if cap_p is not None:
        d["cap"] = _jsonable(cap_p.number)
        d["note"] = f"按新建{'大型' if cap_p.id.endswith('large_max') else ''}数据中心PUE上限 {cap_p.number} 判定：上限为准入要求，达到上限为“达标”而非“先进”"
    hours = params.get("energy.coefficients.hours_per_year", day)
    kwh = sum((ln.base_quantity for ln in e.lines
               if ln.counted and not ln.existing and ln.category == "electricity"), Decimal(0))
    if dc.it_load_kw and kwh:
        # Total electricity ÷ IT energy at full load: a lower bound of the operating PUE (IT rarely runs at
        # 100 %), so a value above the design PUE means the declared consumption and design do not agree.
        d = ind.add("pue_implied", "申报用电量折算PUE（IT满负荷下限）", kwh / (dc.it_load_kw * hours.number), "—",
                    "design", [Input("年用电量（含绿电）", kwh, "kWh", "submission: energy[] 电力"),
                               Input("IT设备负荷", dc.it_load_kw, "kW", "submission: data_centre.it_load_kw")],
                    step=ri)
        ind.trace.steps["efficiency.pue_implied"].parameters.append(hours)
        d["note"] = "年用电量 ÷（IT负荷 × 全年小时数）；IT 负荷率低于100%时实际PUE更高"


def _summary(out: list[dict[str, Any]]) -> str:
    """Marks each indicator that fails a mandatory level and returns the section summary."""
    graded = [d for d in out if d["grade"]]
    for d in out:
        d["fails_requirement"] = d["grade"] in FAILING or (d["grade"] == GRADE3 and bool((d["benchmark"] or {}).get("grade2_required")))
    if graded:
        return "能效水平：" + "；".join(f"{d['label']} {d['value']} {d['unit']}（{d['grade']}）" for d in graded)
    if out:
        return "能效指标：" + "；".join(f"{d['label']} {d['value']} {d['unit']}" for d in out) + "（无适用对标表）"
    return "无可计算的能效指标（缺少产能、产值、建筑面积或定员）"


def _not_meaningful(sub: Submission) -> set[str]:
    """Indicator ids not computed for this project type (rules/policy.toml [indicator_applicability])."""
    rules = policy_data()["indicator_applicability"]
    skip: set[str] = set()
    if sub.data_centre is not None:
        skip |= set(rules["data_centre"])
    if is_industrial(sub.project.industry_code):
        skip |= set(rules["industrial"])
    return skip
