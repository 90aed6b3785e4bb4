"""Carbon accounting and evaluation (令第31号 第十条、第十二条第（五）项; domain-rules.md §4, shanghai.md §4).

Boundary (recorded in ``carbon.choices``):

* 化石燃料燃烧 — E = AD × NCV × CC × OF × 44/12 with the factor set named by ``carbon.general.fuel_factor_set``
  (sets keyed by guideline and version, rules/carbon.toml); a measured NCV on the energy line replaces the default;
  feedstock (原料用能) lines are excluded when ``carbon.general.feedstock_excluded`` (their carbon is declared as
  process emissions).
* 工业生产过程 — applicant-declared tonnes of gas × GWP (declared GWP or the parameter for CO2/CH4/N2O).
* 净购入电力 — purchased electricity × the factor of the selected basis (``carbon.electricity.basis``); purchased
  green power at zero when ``carbon.general.green_power_at_zero`` (沪环气候〔2023〕89号); on-site PV self-use is not
  purchased, so it carries no emission — the emissions it avoids are shown separately.
* 净购入热力 — purchased heat (GJ; steam via its enthalpy) × the factor of ``carbon.heat.basis``.
* 固碳产品/回收利用 — process-emission rows of kind ``sequestration`` / ``recovery``: reported separately, never
  netted.

Every line is rounded to the emission rounding step before summing, like the energy balance.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from reviewer.domain.model import EnergySource, Purpose, Submission
from reviewer.errors import UserError
from reviewer.rules.energy import HUNDRED, THOUSAND, ZERO, EnergyLine, quantize
from reviewer.rules.params import ParameterStore, ResolvedParameter, _jsonable
from reviewer.rules.reference import carbon_meta, convert
from reviewer.rules.trace import Input, Step

G = "carbon.general."


def electricity_factor(params: ParameterStore, day: date, basis: str | None = None) -> tuple[str, ResolvedParameter]:
    """(basis code, factor parameter) for ``basis`` or the default basis in force on ``day``."""
    bases = carbon_meta()["electricity_bases"]
    code = basis or str(params.get("carbon.electricity.basis", day).value)
    if code not in bases:
        raise UserError(f"未知电力排放因子口径“{code}”。可选：{'、'.join(bases)}",
                        f"Unknown electricity-factor basis {code!r}. Choose one of: {', '.join(bases)}")
    return code, params.get(bases[code]["parameter"], day)


def carbon_module(sub: Submission, params: ParameterStore, day: date, assessment) -> None:  # noqa: ANN001
    e = assessment.energy
    trace = assessment.trace
    meta = carbon_meta()
    step = params.get(G + "rounding_tco2", day)
    r = step.number
    mode = str(params.get("energy.coefficients.rounding_mode", day).value)  # GB/T 8170 进舍规则
    m_co2, m_c = params.get(G + "molar_mass_co2", day), params.get(G + "molar_mass_c", day)
    ratio = m_co2.number / m_c.number

    set_p = params.get(G + "fuel_factor_set", day)
    set_id = str(set_p.value)
    if set_id not in meta["fuel_sets"]:
        raise UserError(f"未知化石燃料排放因子集“{set_id}”。可选：{'、'.join(meta['fuel_sets'])}",
                        f"Unknown fuel factor set {set_id!r}.")
    fuel_set = meta["fuel_sets"][set_id]
    feed_p = params.get(G + "feedstock_excluded", day)
    green_p = params.get(G + "green_power_at_zero", day)
    e_basis, e_factor = electricity_factor(params, day)
    green = _green_power_policy(sub, params, day, e.lines, meta, e_basis)
    if green["excl_basis"]:  # zero-rated green power with an MEE basis: the factor without market-traded non-fossil
        e_basis, e_factor = electricity_factor(params, day, green["excl_basis"])
    h_bases = meta["heat_bases"]
    h_basis_p = params.get("carbon.heat.basis", day)
    h_basis = str(h_basis_p.value)
    if h_basis not in h_bases:
        raise UserError(f"未知热力排放因子口径“{h_basis}”。可选：{'、'.join(h_bases)}", f"Unknown heat basis {h_basis!r}.")
    h_factor = params.get(h_bases[h_basis]["parameter"], day)

    lines: list[dict] = []
    totals = {"fuel": ZERO, "process": ZERO, "electricity": ZERO, "heat": ZERO}
    elec_mwh_rows: list[tuple[EnergyLine, int, Decimal]] = []  # lines charged at the grid factor (for sensitivity)
    notes: list[str] = []
    post = {"total": ZERO}  # emissions of the plant after the project (existing lines not subtracted)

    def add_line(kind: str, key: str, label: str, value: Decimal, inputs, used, formula: str, activity, a_unit: str,
                 factor, f_unit: str, note: str = "") -> None:  # noqa: ANN001
        trace.add(Step(key=key, label=label, value=value, unit="tCO2", formula=formula, inputs=inputs,
                       parameters=used, note=note))
        totals[kind] += value
        existing = key.startswith("carbon.line[") and e.lines[int(key[len("carbon.line["):-1])].existing
        if not existing:
            post["total"] += value
        lines.append({"kind": kind, "source": label, "activity": _jsonable(activity), "activity_unit": a_unit,
                      "factor": None if factor is None else _jsonable(factor), "factor_unit": f_unit,
                      "tco2": _jsonable(value), "trace_key": key, "existing": existing})

    for ln in e.lines:
        s = e.sign(ln)
        if ln.source == str(EnergySource.SELF_GENERATED) and ln.category in ("electricity", "heat"):
            notes.append(f"energy[{ln.index}] 自产{ln.carrier}：其燃料排放已计入化石燃料燃烧，不重复计入")
            continue
        if not s:
            continue
        item = sub.energy[ln.index]
        sign_note = "（现有装置，增量口径扣减）" if s < 0 else ""
        origin = f"submission: energy[{ln.index}]"
        if ln.fossil:
            if ln.purpose == str(Purpose.FEEDSTOCK) and feed_p.value:
                notes.append(f"energy[{ln.index}] {ln.carrier} 为原料用能，不计入燃料燃烧排放（其排放按工业过程申报）")
                continue
            mapping = fuel_set["carriers"].get(ln.carrier)
            if mapping is None:
                raise UserError(f"排放因子集“{fuel_set['label']}”没有“{ln.carrier}”的缺省值（字段 energy[{ln.index}].carrier）。",
                                f"Fuel factor set {set_id} has no row for {ln.carrier} (field energy[{ln.index}].carrier).")
            prefix = f"carbon.fuels.{set_id}.{mapping['row']}_"
            ncv_p, cc_p, of_p = (params.get(prefix + k, day) for k in ("ncv", "cc", "of"))
            ad_unit = mapping["ad_unit"]
            ad = convert(ln.base_quantity, ln.base_unit, ad_unit, f"energy[{ln.index}].unit")
            ncv = ncv_p.number
            used = [ncv_p, cc_p, of_p, m_co2, m_c, set_p, step]
            extra = []
            if item.ncv is not None:
                heat_unit, _, per = (item.ncv_unit or ("kJ/kg" if ln.base_unit == "kg" else "kJ/m³")).partition("/")
                ncv = convert(item.ncv, heat_unit, "GJ", f"energy[{ln.index}].ncv_unit") / convert(
                    Decimal(1), per, ad_unit, f"energy[{ln.index}].ncv_unit")
                used = [cc_p, of_p, m_co2, m_c, set_p, step]
                extra = [Input("实测低位发热量", item.ncv, item.ncv_unit, f"{origin}.ncv")]
            value = s * quantize(ad * ncv * cc_p.number / THOUSAND * of_p.number * ratio, r, mode)
            add_line("fuel", f"carbon.line[{ln.index}]", f"{ln.carrier}燃烧{sign_note}", value,
                     [Input("活动水平（消耗量）", ad, ad_unit, origin), *extra,
                      Input("低位发热量", ncv, f"GJ/{ad_unit}", "实测值" if extra else ncv_p.id)],
                     used, "C-FUEL", ad, ad_unit, ncv * cc_p.number / THOUSAND * of_p.number * ratio, f"tCO2/{ad_unit}",
                     note=mapping.get("note", ""))
        elif ln.category == "electricity":
            mwh = ln.base_quantity / THOUSAND
            if ln.index in green["zero_lines"]:
                add_line("electricity", f"carbon.line[{ln.index}]", f"外购绿电{sign_note}", ZERO,
                         [Input("外购绿电电量", mwh, "MWh", origin),
                          Input("交易类型", item.green_trade_kind, "", f"{origin}.green_trade_kind"),
                          Input("交易凭证", item.green_evidence, "", f"{origin}.green_evidence")],
                         [green_p], "C-GREEN", mwh, "MWh", ZERO, "tCO2/MWh",
                         note="审查人员选择按零排放核算（沪环气候〔2023〕89号：省间绿电交易、已执行结算、留存凭证）")
                continue
            value = s * quantize(mwh * e_factor.number, r, mode)
            elec_mwh_rows.append((ln, s, mwh))
            is_green = ln.source == str(EnergySource.GREEN_POWER)
            add_line("electricity", f"carbon.line[{ln.index}]", f"{'外购绿电（按电网因子）' if is_green else '净购入电力'}{sign_note}",
                     value, [Input("净购入电量", mwh, "MWh", origin)], [e_factor, step, *([green_p] if is_green else [])],
                     "C-ELECTRICITY", mwh, "MWh", e_factor.number, "tCO2/MWh",
                     note=f"电力排放因子口径：{meta['electricity_bases'][e_basis]['label']}"
                     + (f"；{green['why'].get(ln.index, '')}" if is_green else ""))
        elif ln.category == "heat":
            used = [h_factor, step]
            if ln.base_unit == "kg":  # steam: mass × enthalpy
                enthalpy = params.get("energy.coefficients.steam_low_pressure_enthalpy", day)
                gj = ln.base_quantity * enthalpy.number / THOUSAND
                used.insert(0, enthalpy)
            else:
                gj = convert(ln.base_quantity, ln.base_unit, "GJ", f"energy[{ln.index}].unit")
            value = s * quantize(gj * h_factor.number, r, mode)
            add_line("heat", f"carbon.line[{ln.index}]", f"净购入热力（{ln.carrier}）{sign_note}", value,
                     [Input("净购入热量", gj, "GJ", origin)], used, "C-HEAT", gj, "GJ", h_factor.number, "tCO2/GJ")

    gwp = {"CO2": "gwp_co2", "CH4": "gwp_ch4", "N2O": "gwp_n2o"}
    separate: list[dict] = []  # 固碳产品 / 回收利用: reported, never netted
    for i, pe in enumerate(sub.process_emissions):
        if pe.gwp is not None:
            g, used, g_origin = pe.gwp, [step], f"submission: process_emissions[{i}].gwp"
        elif pe.gas in gwp:
            gp = params.get(G + gwp[pe.gas], day)
            g, used, g_origin = gp.number, [gp, step], gp.id
        else:
            raise UserError(f"工业过程排放第{i + 1}行：{pe.gas} 没有缺省全球变暖潜势，请填写 GWP（字段 process_emissions[{i}].gwp）。",
                            f"Process emission row {i + 1}: no default GWP for {pe.gas}; give gwp "
                            f"(field process_emissions[{i}].gwp).")
        value = quantize(pe.quantity_t * g, r, mode)
        if pe.kind != "emission":
            label = "固碳产品" if pe.kind == "sequestration" else "回收利用"
            trace.add(Step(key=f"carbon.separate[{i}]", label=f"{label}：{pe.source}（{pe.gas}，单列，不冲减）", value=value,
                           unit="tCO2e", formula="C-SEPARATE",
                           inputs=[Input("数量", pe.quantity_t, f"t {pe.gas}", f"submission: process_emissions[{i}].quantity_t"),
                                   Input("GWP", g, "tCO2e/t", g_origin)], parameters=used,
                           note=f"核算方法（申报）：{pe.method or '未填写'}"))
            separate.append({"kind": pe.kind, "label": label, "source": pe.source, "gas": pe.gas,
                             "tco2": _jsonable(value), "method": pe.method, "trace_key": f"carbon.separate[{i}]"})
            continue
        add_line("process", f"carbon.process[{i}]", f"工业生产过程：{pe.source}（{pe.gas}）", value,
                 [Input("排放量", pe.quantity_t, f"t {pe.gas}", f"submission: process_emissions[{i}].quantity_t"),
                  Input("GWP", g, "tCO2e/t", g_origin)], used, "C-PROCESS", pe.quantity_t, f"t {pe.gas}", g,
                 "tCO2e/t", note=f"核算方法（申报）：{pe.method or '未填写'}")

    def total_step(key: str, label: str, value: Decimal, formula: str, parts: list[tuple[str, Decimal, str]],
                   used: list[ResolvedParameter] | None = None) -> None:
        trace.add(Step(key=key, label=label, value=value, unit="tCO2", formula=formula,
                       inputs=[Input(n, v, "tCO2", f"step: {o}") for n, v, o in parts], parameters=used or []))

    kinds = {"fuel": ("化石燃料燃烧排放", "carbon.fuel_tco2"), "process": ("工业生产过程排放", "carbon.process_tco2"),
             "electricity": ("净购入电力排放", "carbon.electricity_tco2"), "heat": ("净购入热力排放", "carbon.heat_tco2")}
    for kind, (label, key) in kinds.items():
        total_step(key, label, totals[kind], "C-SUM",
                   [(ln["source"], Decimal(str(ln["tco2"])), ln["trace_key"]) for ln in lines if ln["kind"] == kind])
    scope1 = totals["fuel"] + totals["process"]
    scope2 = totals["electricity"] + totals["heat"]
    energy_activity = totals["fuel"] + totals["electricity"] + totals["heat"]
    total = scope1 + scope2
    total_step("carbon.scope1_tco2", "直接排放（范围一）", scope1, "C-SCOPE1",
               [("化石燃料燃烧", totals["fuel"], "carbon.fuel_tco2"), ("工业生产过程", totals["process"], "carbon.process_tco2")])
    total_step("carbon.scope2_tco2", "间接排放（范围二）", scope2, "C-SCOPE2",
               [("净购入电力", totals["electricity"], "carbon.electricity_tco2"), ("净购入热力", totals["heat"], "carbon.heat_tco2")])
    total_step("carbon.energy_activity_tco2", "能源活动排放", energy_activity, "C-ENERGY-ACTIVITY",
               [("化石燃料燃烧", totals["fuel"], "carbon.fuel_tco2"), ("净购入电力", totals["electricity"], "carbon.electricity_tco2"),
                ("净购入热力", totals["heat"], "carbon.heat_tco2")])
    # The boundary and factor choices in force are recorded on the total (so the archived snapshot holds them).
    total_step("carbon.total_tco2", "碳排放总量", total, "C-TOTAL",
               [("直接排放", scope1, "carbon.scope1_tco2"), ("间接排放", scope2, "carbon.scope2_tco2")],
               [params.get("carbon.electricity.basis", day), h_basis_p, set_p, green_p, feed_p])

    pct = params.get("energy.coefficients.rounding_percent", day)
    structure = []
    for cat, label, val in (("energy_activity", "能源活动", energy_activity), ("process", "工业生产过程", totals["process"])):
        share = quantize(val / total * HUNDRED, pct.number) if total else None
        structure.append({"category": cat, "label": label, "tco2": _jsonable(val),
                          "share_percent": None if share is None else _jsonable(share)})

    # Sensitivity under every electricity basis published on this day.
    sensitivity = []
    for code, b in meta["electricity_bases"].items():
        p = params.find(b["parameter"], day)
        if p is None:
            continue
        alt = sum((s * quantize(mwh * p.number, r, mode) for _, s, mwh in elec_mwh_rows), ZERO)
        sensitivity.append({"basis": code, "label": b["label"], "factor": _jsonable(p.number),
                            "verified": p.verified, "electricity_tco2": _jsonable(alt),
                            "total_tco2": _jsonable(total - totals["electricity"] + alt), "selected": code == e_basis})

    pv_kwh = assessment.values.get("pv_kwh", ZERO)
    pv_avoided = quantize(pv_kwh / THOUSAND * e_factor.number, r, mode)
    trace.add(Step(key="carbon.pv_avoided_tco2", label="光伏自发自用电量避免排放（仅列示，不重复扣减）", value=pv_avoided,
                   unit="tCO2", formula="C-PV-AVOIDED", inputs=[Input("光伏自发自用电量", pv_kwh, "kWh", "step: energy.renewable_tce")],
                   parameters=[e_factor, step]))

    # Intensities describe the plant after the project: post-project emissions (= total on the full basis).
    two_stage = e.basis == "increment" or bool(e.existing_equivalent_tce)
    post_total = post["total"] if two_stage else total
    if two_stage:
        trace.add(Step(key="carbon.post_tco2", label="项目建成后碳排放量（不扣减现有装置）", value=post_total, unit="tCO2",
                       formula="C-SUM", inputs=[Input(ln["source"], Decimal(str(ln["tco2"])), "tCO2", f"step: {ln['trace_key']}")
                                                for ln in lines if not ln["existing"]]))
    p = sub.project
    ri = params.get(G + "rounding_intensity", day)
    per_output = _ratio(trace, "carbon.per_output_value", "单位产值碳排放", post_total, p.output_value_wan, "tCO2/万元",
                        "达产年工业总产值（营业收入）", "submission: project.output_value_wan", ri)
    per_added = _ratio(trace, "carbon.per_added_value", "单位增加值碳排放", post_total, p.added_value_wan, "tCO2/万元",
                       "达产年工业增加值", "submission: project.added_value_wan", ri)
    per_product = []
    if len(sub.products) == 1 and sub.products[0].capacity:
        prod = sub.products[0]
        v = _ratio(trace, "carbon.per_product[0]", f"单位产品碳排放（{prod.name}）", post_total, prod.capacity,
                   f"tCO2/{prod.unit}", "年产能", "submission: products[0].capacity", ri)
        per_product.append({"product": prod.name, "unit": f"tCO2/{prod.unit}", "tco2_per_unit": _jsonable(v)})

    comparisons = _district_comparison(trace, params, day, per_added, r, mode, pct)
    required, suggested, eval_basis, reason = _evaluation(trace, params, day, assessment, scope1)

    e_label = meta["electricity_bases"][e_basis]["label"]
    flag = "" if e_factor.verified else "，未核实"
    summary = (f"碳排放总量 {total} tCO2（直接 {scope1}，间接 {scope2}）；电力排放因子：{e_label} "
               f"{e_factor.number} tCO2/MWh{flag}；{'须' if required else '无须'}开展碳排放评价")
    assessment.sections["carbon"] = {
        "total_tco2": _jsonable(total),
        "post_project_tco2": _jsonable(post_total),
        "scope1_tco2": _jsonable(scope1),
        "scope2_tco2": _jsonable(scope2),
        "fuel_combustion_tco2": _jsonable(totals["fuel"]),
        "process_tco2": _jsonable(totals["process"]),
        "electricity_tco2": _jsonable(totals["electricity"]),
        "heat_tco2": _jsonable(totals["heat"]),
        "energy_activity_tco2": _jsonable(energy_activity),
        "structure": structure,
        "green_power_kwh": _jsonable(assessment.values.get("green_kwh", ZERO)),
        "green_power_deducted": bool(green["zero_lines"]),
        "green_power_zero_kwh": _jsonable(green["zero_kwh"]),
        "green_power_grid_kwh": _jsonable(green["grid_kwh"]),
        "green_power_clause": meta["green_power"]["clause"],
        "green_power_notes": sorted(set(green["why"].values())),
        "pv_self_use_kwh": _jsonable(pv_kwh),
        "pv_avoided_tco2": _jsonable(pv_avoided),
        "sequestration_tco2": _jsonable(sum((Decimal(str(x["tco2"])) for x in separate if x["kind"] == "sequestration"),
                                            ZERO)),
        "recovery_tco2": _jsonable(sum((Decimal(str(x["tco2"])) for x in separate if x["kind"] == "recovery"), ZERO)),
        "separately_reported": separate,
        "sequestration_note": "固碳产品、回收利用单列，不冲减碳排放总量（令第31号第十二条；参照四川碳评通知）",
        "choices": {
            "electricity_basis": e_basis,
            "electricity_basis_label": e_label,
            "electricity_factor": _jsonable(e_factor.number),
            "electricity_factor_parameter": e_factor.id,
            "electricity_factor_verified": e_factor.verified,
            "heat_basis": h_basis,
            "heat_basis_label": h_bases[h_basis]["label"],
            "heat_factor": _jsonable(h_factor.number),
            "fuel_factor_set": set_id,
            "fuel_factor_set_label": fuel_set["label"],
            "green_power_at_zero": bool(green["zero_lines"]),
            "green_power_at_zero_chosen": bool(green_p.value),
            "feedstock_excluded": bool(feed_p.value),
        },
        "notes": notes,
        "electricity_sensitivity": sensitivity,
        "lines": lines,
        "per_product": per_product,
        "per_output_value": None if per_output is None else _jsonable(per_output),
        "per_added_value": None if per_added is None else _jsonable(per_added),
        "baseline_comparison": comparisons,
        "evaluation_required": required,
        "evaluation_basis": eval_basis,
        "evaluation_suggested": suggested,
        "evaluation_reason": reason,
        "chapter_title": "碳排放评价" if required else "碳排放情况",
        "summary": summary,
    }
    assessment.values.update(total_tco2=total, scope1_tco2=scope1, scope2_tco2=scope2)


def _ratio(trace, key: str, label: str, num: Decimal, den: Decimal | None, unit: str, den_label: str, origin: str,
           step: ResolvedParameter) -> Decimal | None:  # noqa: ANN001
    """num / den recorded as a trace step; ``None`` when the denominator is missing or zero."""
    if not den:
        return None
    value = quantize(num / den, step.number)
    trace.add(Step(key=key, label=label, value=value, unit=unit, formula="C-INTENSITY",
                   inputs=[Input("碳排放量（项目建成后）", num, "tCO2", "step: carbon.total_tco2 / carbon.post_tco2"),
                           Input(den_label, den, "", origin)],
                   parameters=[step]))
    return value


def _green_power_policy(sub: Submission, params: ParameterStore, day: date, lines: list[EnergyLine], meta: dict,
                        e_basis: str) -> dict:
    """Which 外购绿电 lines are zero-rated (corrections.md C1): only with a trade kind of ``[green_power] zero_kinds``,
    an evidence reference and the reviewer's recorded choice ``carbon.general.green_power_at_zero``; the rest stay at
    the grid factor, each with the reason. With an MEE basis that names an ``excl_market`` factor, zero-rating
    switches to it (C1: the average factor contains the green power)."""
    gp = meta["green_power"]
    chosen = bool(params.get(G + "green_power_at_zero", day).value)
    zero: set[int] = set()
    why: dict[int, str] = {}
    zero_kwh = grid_kwh = ZERO
    for ln in lines:
        if ln.source != str(EnergySource.GREEN_POWER) or not ln.counted:
            continue
        item = sub.energy[ln.index]
        kind = gp["kind_labels"].get(item.green_trade_kind, "")
        if not item.green_trade_kind or not item.green_evidence.strip():
            why[ln.index] = "外购绿电未申报交易类型和凭证，按电网排放因子核算（沪环气候〔2023〕89号）"
        elif item.green_trade_kind not in gp["zero_kinds"]:
            why[ln.index] = f"{kind}不属可按零排放核算的省间绿电交易，按电网排放因子核算（沪环气候〔2023〕89号）"
        elif not chosen:
            why[ln.index] = f"{kind}（凭证 {item.green_evidence}）：审查人员未选择按零排放核算，按电网排放因子核算"
        else:
            zero.add(ln.index)
            zero_kwh += ln.base_quantity
            continue
        grid_kwh += ln.base_quantity
    excl = meta["electricity_bases"][e_basis].get("excl_market") if zero else None
    if zero and e_basis.startswith("mee_") and not excl and "excl_market" not in e_basis:
        why[-1] = "所选生态环境部平均因子含市场化交易的非化石能源电量，绿电按零核算将重复扣减：请改选“不包括市场化交易的非化石能源电量”因子"
    if excl and params.find(meta["electricity_bases"][excl]["parameter"], day) is None:
        excl = None
    return {"zero_lines": zero, "why": why, "zero_kwh": zero_kwh, "grid_kwh": grid_kwh, "excl_basis": excl}


def _district_comparison(trace, params: ParameterStore, day: date, per_added: Decimal | None, r: Decimal, mode: str,
                         pct: ResolvedParameter) -> list[dict]:  # noqa: ANN001
    """Project intensity against the district's CO2 per GDP, labelled with each figure's year and scope (C4: the
    district CO2 is energy activity only, of another year than the GDP — not like with like)."""
    co2_d = params.find("region.songjiang.co2_t", day)
    gdp_d = params.find("region.songjiang.gdp_wan", day)
    if per_added is None or not co2_d or not gdp_d:
        return []
    base = co2_d.number / gdp_d.number
    ratio_pct = quantize(per_added / base * HUNDRED, pct.number)
    scope = f"{co2_d.label}（仅能源活动）÷ {gdp_d.label}"
    trace.add(Step(key="carbon.compare.district_intensity", label="项目单位增加值碳排放与松江区单位GDP碳排放之比",
                   value=ratio_pct, unit="%", formula="C-COMPARE",
                   inputs=[Input("项目单位增加值碳排放", per_added, "tCO2/万元", "step: carbon.per_added_value")],
                   parameters=[co2_d, gdp_d, pct], note=f"基准口径：{scope}；年份、范围不一致，仅供参考"))
    return [{"id": "district_intensity", "label": "松江区单位地区生产总值碳排放",
             "project": _jsonable(per_added), "baseline": _jsonable(quantize(base, r, mode)), "unit": "tCO2/万元",
             "ratio_percent": _jsonable(ratio_pct), "verified": co2_d.verified and gdp_d.verified,
             "baseline_scope": scope, "baseline_co2_year_label": co2_d.label, "baseline_gdp_year_label": gdp_d.label,
             "like_with_like": False,
             "note": "区级二氧化碳为能源活动排放、与地区生产总值年份不同，比较仅供参考（corrections.md C4）"}]


def _evaluation(trace, params: ParameterStore, day: date, assessment, scope1: Decimal  # noqa: ANN001
                ) -> tuple[bool, bool, str, str]:
    """令第31号 第十条: an evaluation is required for NDRC-reviewed projects, and where the local reviewer selects the
    project (碳排放量较大且可能产生不利影响 — the recorded choice ``carbon_evaluation``). The emissions threshold
    (another province's line, unverified) only suggests it. Returns (required, suggested, basis, reason)."""
    applies = params.get(G + "evaluation_applies", day)
    used = [applies]
    review = assessment.sections.get("review", {})
    suggested = False
    if not applies.value:
        required, basis = False, "not_in_regime"
        reason = f"{review.get('regime_short', '')}未设碳排放评价程序；{review.get('carbon_clause', '')}"
    else:
        selected = params.get(G + "evaluation_selected", day)
        thr = params.find(G + "evaluation_threshold_tco2", day)
        used += [selected, *([thr] if thr else [])]
        suggested = thr is not None and scope1 >= thr.number
        hint = ""
        if thr is not None:
            flag = "" if thr.verified else "（外省参照界限，未核实）"
            hint = f"；直接排放 {scope1} tCO2 {'≥' if suggested else '<'} {thr.number} tCO2{flag}{'，建议审查机关研究是否开展' if suggested else ''}"
        if assessment.values.get("authority") == "ndrc":
            required, basis = True, "ndrc"
            reason = "国家发展改革委负责实施节能审查的项目应同步开展碳排放评价（令第31号第十条第一款）"
        elif selected.value:
            required, basis = True, "reviewer_selected"
            reason = "审查机关认定碳排放量较大且可能对本地区碳达峰形势、碳排放强度降低目标完成等产生不利影响，同步开展碳排放评价（令第31号第十条第一款）"
        else:
            required, basis = False, "not_selected"
            reason = "非国家发展改革委审查项目，审查机关未选择同步开展碳排放评价；节能报告包含碳排放情况（令第31号第十条、第十二条第（五）项）"
        reason += hint
    trace.add(Step(key="carbon.evaluation_required", label="是否须开展碳排放评价", value=required, unit="",
                   formula="C-EVALUATION", inputs=[Input("直接排放", scope1, "tCO2", "step: carbon.scope1_tco2")],
                   parameters=used, note=reason))
    return required, suggested, basis, reason
