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

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from reviewer.domain.model import EnergySource, Purpose, Submission
from reviewer.errors import UserError
from reviewer.rules.energy import HUNDRED, THOUSAND, ZERO, EnergyLine, calorific_value, quantize
from reviewer.rules.params import ParameterStore, ResolvedParameter, _jsonable
from reviewer.rules.reference import carbon_meta, carrier, convert
from reviewer.rules.trace import Input, Step, Trace

G = "carbon.general."


def electricity_factor(params: ParameterStore, day: date, basis: str | None = None) -> tuple[str, ResolvedParameter]:
    """(basis code, factor parameter) for ``basis`` or the default basis in force on ``day``."""
    bases = carbon_meta()["electricity_bases"]
    code = basis or str(params.get("carbon.electricity.basis", day).value)
    if code not in bases:
        raise UserError(f"未知电力排放因子口径“{code}”。可选：{'、'.join(bases)}",
                        f"Unknown electricity-factor basis {code!r}. Choose one of: {', '.join(bases)}")
    return code, params.get(bases[code]["parameter"], day)


@dataclass
class _Factors:
    """The dated parameters and recorded choices one carbon balance reads (each recorded on the trace)."""

    meta: dict
    step: ResolvedParameter  # emission rounding step
    mode: str  # GB/T 8170 进舍规则 (energy.coefficients.rounding_mode)
    m_co2: ResolvedParameter
    m_c: ResolvedParameter
    set_p: ResolvedParameter  # fuel factor set
    fuel_set: dict
    feed_p: ResolvedParameter
    green_p: ResolvedParameter
    e_basis: str
    e_factor: ResolvedParameter
    green: dict
    h_basis_p: ResolvedParameter
    h_factor: ResolvedParameter
    ncv_basis_p: ResolvedParameter  # one calorific value per carrier (corrections.md B2)

    @property
    def r(self) -> Decimal:
        return self.step.number

    @property
    def ratio(self) -> Decimal:
        return self.m_co2.number / self.m_c.number

    @property
    def set_id(self) -> str:
        return str(self.set_p.value)

    @property
    def h_basis(self) -> str:
        return str(self.h_basis_p.value)


def _factors(sub: Submission, params: ParameterStore, day: date, lines: list[EnergyLine]) -> _Factors:
    """Read the factor set, the electricity and heat bases and the boundary choices in force on ``day``."""
    meta = carbon_meta()
    set_p = params.get(G + "fuel_factor_set", day)
    set_id = str(set_p.value)
    if set_id not in meta["fuel_sets"]:
        raise UserError(f"未知化石燃料排放因子集“{set_id}”。可选：{'、'.join(meta['fuel_sets'])}",
                        f"Unknown fuel factor set {set_id!r}.")
    e_basis, e_factor = electricity_factor(params, day)
    green = _green_power_policy(sub, params, day, lines, meta, e_basis)
    if green["excl_basis"]:  # zero-rated green power with an MEE basis: the factor without market-traded non-fossil
        e_basis, e_factor = electricity_factor(params, day, green["excl_basis"])
    h_bases = meta["heat_bases"]
    h_basis_p = params.get("carbon.heat.basis", day)
    if str(h_basis_p.value) not in h_bases:
        raise UserError(f"未知热力排放因子口径“{h_basis_p.value}”。可选：{'、'.join(h_bases)}",
                        f"Unknown heat basis {h_basis_p.value!r}.")
    return _Factors(
        meta=meta, step=params.get(G + "rounding_tco2", day),
        mode=str(params.get("energy.coefficients.rounding_mode", day).value),
        m_co2=params.get(G + "molar_mass_co2", day), m_c=params.get(G + "molar_mass_c", day),
        set_p=set_p, fuel_set=meta["fuel_sets"][set_id], feed_p=params.get(G + "feedstock_excluded", day),
        green_p=params.get(G + "green_power_at_zero", day), e_basis=e_basis, e_factor=e_factor, green=green,
        h_basis_p=h_basis_p, h_factor=params.get(h_bases[str(h_basis_p.value)]["parameter"], day),
        ncv_basis_p=_ncv_basis(params, day))


NCV_BASES = {"energy_coefficient": "与能耗核算同一低位发热量（实测值，或 GB/T 2589-2020 附录A 平均低位发热量）",
             "fuel_factor_set": "排放因子集缺省低位发热量（与能耗折标不一致时须说明）"}


def _ncv_basis(params: ParameterStore, day: date) -> ResolvedParameter:
    p = params.get(G + "ncv_basis", day)
    if str(p.value) not in NCV_BASES:
        raise UserError(f"未知低位发热量口径“{p.value}”。可选：{'、'.join(NCV_BASES)}",
                        f"Unknown calorific-value basis {p.value!r}. Choose one of: {', '.join(NCV_BASES)}")
    return p


@dataclass
class _Balance:
    """Emission lines and their totals by kind, as they are added (each line is also a trace step)."""

    trace: Trace
    energy_lines: list[EnergyLine]
    lines: list[dict] = field(default_factory=list)
    totals: dict[str, Decimal] = field(default_factory=lambda: {k: ZERO for k in ("fuel", "process", "electricity",
                                                                                  "heat")})
    grid_rows: list[tuple[EnergyLine, int, Decimal]] = field(default_factory=list)  # at the grid factor (sensitivity)
    notes: list[str] = field(default_factory=list)
    separate: list[dict] = field(default_factory=list)  # 固碳产品 / 回收利用: reported, never netted
    post_total: Decimal = ZERO  # emissions of the plant after the project (existing lines not subtracted)

    def add(self, kind: str, key: str, label: str, value: Decimal, inputs, used, formula: str, activity,  # noqa: ANN001
            a_unit: str, factor, f_unit: str, note: str = "") -> None:  # noqa: ANN001
        self.trace.add(Step(key=key, label=label, value=value, unit="tCO2", formula=formula, inputs=inputs,
                            parameters=used, note=note))
        self.totals[kind] += value
        existing = key.startswith("carbon.line[") and self.energy_lines[int(key[len("carbon.line["):-1])].existing
        if not existing:
            self.post_total += value
        self.lines.append({"kind": kind, "source": label, "activity": _jsonable(activity), "activity_unit": a_unit,
                           "factor": None if factor is None else _jsonable(factor), "factor_unit": f_unit,
                           "tco2": _jsonable(value), "trace_key": key, "existing": existing})

    def of_kind(self, kind: str) -> list[tuple[str, Decimal, str]]:
        return [(ln["source"], Decimal(str(ln["tco2"])), ln["trace_key"]) for ln in self.lines if ln["kind"] == kind]


def carbon_module(sub: Submission, params: ParameterStore, day: date, assessment) -> None:  # noqa: ANN001
    """The carbon balance on the energy lines and declared process emissions, its totals, sensitivity, intensities
    and the evaluation requirement (令第31号 第十条) — each part a named unit reading its own dated parameters."""
    e = assessment.energy
    f = _factors(sub, params, day, e.lines)
    bal = _Balance(assessment.trace, e.lines)
    _energy_emissions(sub, params, day, e, f, bal)
    _process_emissions(sub, params, day, f, bal)
    sums = _totals(params, day, f, bal)
    pv_kwh = assessment.values.get("pv_kwh", ZERO)
    pv_avoided = _pv_avoided(f, bal.trace, pv_kwh)
    post_total = _post_total(e, bal, sums["total"])
    intensities = _intensities(sub, params, day, bal.trace, post_total)
    pct = params.get("energy.coefficients.rounding_percent", day)
    comparisons = _district_comparison(bal.trace, params, day, intensities["per_added"], f.r, f.mode, pct)
    required, suggested, eval_basis, reason = _evaluation(bal.trace, params, day, assessment, sums["scope1"])
    assessment.sections["carbon"] = _section(
        f, bal, sums, post_total, assessment.values.get("green_kwh", ZERO), pv_kwh, pv_avoided, intensities,
        comparisons, _structure(sums, bal, pct), _sensitivity(params, day, f, bal, sums["total"]),
        (required, suggested, eval_basis, reason))
    assessment.values.update(total_tco2=sums["total"], scope1_tco2=sums["scope1"], scope2_tco2=sums["scope2"])


def _energy_emissions(sub: Submission, params: ParameterStore, day: date, e, f: _Factors,  # noqa: ANN001
                      bal: _Balance) -> None:
    """One emission line per counted energy line: fuel combustion, purchased electricity, purchased heat."""
    for ln in e.lines:
        s = e.sign(ln)
        if ln.source == str(EnergySource.SELF_GENERATED) and ln.category in ("electricity", "heat"):
            bal.notes.append(f"energy[{ln.index}] 自产{ln.carrier}：其燃料排放已计入化石燃料燃烧，不重复计入")
            continue
        if not s:
            continue
        if ln.fossil:
            _fuel_line(sub, params, day, ln, s, f, bal)
        elif ln.category == "electricity":
            _electricity_line(sub, ln, s, f, bal)
        elif ln.category == "heat":
            _heat_line(params, day, ln, s, f, bal)


def _sign_note(s: int) -> str:
    return "（现有装置，增量口径扣减）" if s < 0 else ""


def _fuel_line(sub: Submission, params: ParameterStore, day: date, ln: EnergyLine, s: int, f: _Factors,
               bal: _Balance) -> None:
    """化石燃料燃烧: E = AD × NCV × CC ÷ 1000 × OF × 44/12 with the factor set's row (feedstock excluded when the
    boundary says so)."""
    if ln.purpose == str(Purpose.FEEDSTOCK) and f.feed_p.value:
        bal.notes.append(f"energy[{ln.index}] {ln.carrier} 为原料用能，不计入燃料燃烧排放（其排放按工业过程申报）")
        return
    item = sub.energy[ln.index]
    origin = f"submission: energy[{ln.index}]"
    mapping = f.fuel_set["carriers"].get(ln.carrier)
    if mapping is None:
        raise UserError(f"排放因子集“{f.fuel_set['label']}”没有“{ln.carrier}”的缺省值（字段 energy[{ln.index}].carrier）。",
                        f"Fuel factor set {f.set_id} has no row for {ln.carrier} (field energy[{ln.index}].carrier).")
    prefix = f"carbon.fuels.{f.set_id}.{mapping['row']}_"
    ncv_p, cc_p, of_p = (params.get(prefix + k, day) for k in ("ncv", "cc", "of"))
    ad_unit = mapping["ad_unit"]
    ad = convert(ln.base_quantity, ln.base_unit, ad_unit, f"energy[{ln.index}].unit")
    ncv, ncv_used, extra, ncv_origin = _fuel_ncv(item, ln, ad_unit, ncv_p, params, day, f)
    used = [*ncv_used, cc_p, of_p, f.m_co2, f.m_c, f.set_p, f.step, f.ncv_basis_p]
    factor = ncv * cc_p.number / THOUSAND * of_p.number * f.ratio
    value = s * quantize(ad * factor, f.r, f.mode)
    bal.add("fuel", f"carbon.line[{ln.index}]", f"{ln.carrier}燃烧{_sign_note(s)}", value,
            [Input("活动水平（消耗量）", ad, ad_unit, origin), *extra,
             Input("低位发热量", ncv, f"GJ/{ad_unit}", ncv_origin)],
            used, "C-FUEL", ad, ad_unit, factor, f"tCO2/{ad_unit}",
            note="；".join(n for n in (mapping.get("note", ""), NCV_BASES[str(f.ncv_basis_p.value)]) if n))


def _fuel_ncv(item, ln: EnergyLine, ad_unit: str, ncv_p: ResolvedParameter, params: ParameterStore,  # noqa: ANN001
              day: date, f: _Factors) -> tuple[Decimal, list[ResolvedParameter], list[Input], str]:
    """NCV in GJ per ``ad_unit`` (corrections.md B2): the same value the energy balance uses — measured, or the fuel's
    GB/T 2589 附录A 平均低位发热量 (``energy.coefficients.<fuel>_ncv``) — unless ``carbon.general.ncv_basis`` keeps the factor set's default. A measured NCV
    always feeds both. Returns (NCV, parameters read, submission inputs, origin of the value)."""
    if item.ncv is None and str(f.ncv_basis_p.value) == "fuel_factor_set":
        return ncv_p.number, [ncv_p], [], ncv_p.id
    c = carrier(ln.carrier, f"energy[{ln.index}].carrier")
    kj, used, inputs, measured = calorific_value(item, c, params, day, ln.index)
    per_ad = convert(Decimal(1), ad_unit, c.coef_unit, f"energy[{ln.index}].unit")
    gj = convert(kj, "kJ", "GJ") * per_ad
    return gj, used, inputs, "实测值" if measured else " × ".join(p.id for p in used)


def _electricity_line(sub: Submission, ln: EnergyLine, s: int, f: _Factors, bal: _Balance) -> None:
    """净购入电力 at the factor of the selected basis; 外购绿电 at zero only where :func:`_green_power_policy` allows."""
    item = sub.energy[ln.index]
    origin = f"submission: energy[{ln.index}]"
    mwh = ln.base_quantity / THOUSAND
    if ln.index in f.green["zero_lines"]:
        bal.add("electricity", f"carbon.line[{ln.index}]", f"外购绿电{_sign_note(s)}", ZERO,
                [Input("外购绿电电量", mwh, "MWh", origin),
                 Input("交易类型", item.green_trade_kind, "", f"{origin}.green_trade_kind"),
                 Input("交易凭证", item.green_evidence, "", f"{origin}.green_evidence")],
                [f.green_p], "C-GREEN", mwh, "MWh", ZERO, "tCO2/MWh",
                note="审查人员选择按零排放核算（沪环气候〔2023〕89号：省间绿电交易、已执行结算、留存凭证）")
        return
    value = s * quantize(mwh * f.e_factor.number, f.r, f.mode)
    bal.grid_rows.append((ln, s, mwh))
    is_green = ln.source == str(EnergySource.GREEN_POWER)
    bal.add("electricity", f"carbon.line[{ln.index}]",
            f"{'外购绿电（按电网因子）' if is_green else '净购入电力'}{_sign_note(s)}",
            value, [Input("净购入电量", mwh, "MWh", origin)], [f.e_factor, f.step, *([f.green_p] if is_green else [])],
            "C-ELECTRICITY", mwh, "MWh", f.e_factor.number, "tCO2/MWh",
            note=f"电力排放因子口径：{f.meta['electricity_bases'][f.e_basis]['label']}"
            + (f"；{f.green['why'].get(ln.index, '')}" if is_green else ""))


def _heat_line(params: ParameterStore, day: date, ln: EnergyLine, s: int, f: _Factors, bal: _Balance) -> None:
    """净购入热力 (GJ; steam via its enthalpy) × the factor of ``carbon.heat.basis``."""
    used = [f.h_factor, f.step]
    if ln.base_unit == "kg":  # steam: mass × enthalpy
        enthalpy = params.get("energy.coefficients.steam_low_pressure_enthalpy", day)
        gj = ln.base_quantity * enthalpy.number / THOUSAND
        used.insert(0, enthalpy)
    else:
        gj = convert(ln.base_quantity, ln.base_unit, "GJ", f"energy[{ln.index}].unit")
    value = s * quantize(gj * f.h_factor.number, f.r, f.mode)
    bal.add("heat", f"carbon.line[{ln.index}]", f"净购入热力（{ln.carrier}）{_sign_note(s)}", value,
            [Input("净购入热量", gj, "GJ", f"submission: energy[{ln.index}]")], used, "C-HEAT", gj, "GJ",
            f.h_factor.number, "tCO2/GJ")


GWP_PARAMETERS = {"CO2": "gwp_co2", "CH4": "gwp_ch4", "N2O": "gwp_n2o"}


def _process_emissions(sub: Submission, params: ParameterStore, day: date, f: _Factors, bal: _Balance) -> None:
    """工业生产过程: declared tonnes × GWP (declared or the dated default); 固碳产品/回收利用 reported apart."""
    for i, pe in enumerate(sub.process_emissions):
        if pe.gwp is not None:
            g, used, g_origin = pe.gwp, [f.step], f"submission: process_emissions[{i}].gwp"
        elif pe.gas in GWP_PARAMETERS:
            gp = params.get(G + GWP_PARAMETERS[pe.gas], day)
            g, used, g_origin = gp.number, [gp, f.step], gp.id
        else:
            raise UserError(f"工业过程排放第{i + 1}行：{pe.gas} 没有缺省全球变暖潜势，请填写 GWP（字段 process_emissions[{i}].gwp）。",
                            f"Process emission row {i + 1}: no default GWP for {pe.gas}; give gwp "
                            f"(field process_emissions[{i}].gwp).")
        value = quantize(pe.quantity_t * g, f.r, f.mode)
        inputs = [Input("排放量" if pe.kind == "emission" else "数量", pe.quantity_t, f"t {pe.gas}",
                        f"submission: process_emissions[{i}].quantity_t"), Input("GWP", g, "tCO2e/t", g_origin)]
        if pe.kind != "emission":
            label = "固碳产品" if pe.kind == "sequestration" else "回收利用"
            bal.trace.add(Step(key=f"carbon.separate[{i}]", label=f"{label}：{pe.source}（{pe.gas}，单列，不冲减）",
                               value=value, unit="tCO2e", formula="C-SEPARATE", inputs=inputs, parameters=used,
                               note=f"核算方法（申报）：{pe.method or '未填写'}"))
            bal.separate.append({"kind": pe.kind, "label": label, "source": pe.source, "gas": pe.gas,
                                 "tco2": _jsonable(value), "method": pe.method, "trace_key": f"carbon.separate[{i}]"})
            continue
        bal.add("process", f"carbon.process[{i}]", f"工业生产过程：{pe.source}（{pe.gas}）", value, inputs, used,
                "C-PROCESS", pe.quantity_t, f"t {pe.gas}", g, "tCO2e/t", note=f"核算方法（申报）：{pe.method or '未填写'}")


def _total_step(trace: Trace, key: str, label: str, value: Decimal, formula: str,
                parts: list[tuple[str, Decimal, str]], used: list[ResolvedParameter] | None = None) -> None:
    trace.add(Step(key=key, label=label, value=value, unit="tCO2", formula=formula,
                   inputs=[Input(n, v, "tCO2", f"step: {o}") for n, v, o in parts], parameters=used or []))


KIND_TOTALS = {"fuel": ("化石燃料燃烧排放", "carbon.fuel_tco2"), "process": ("工业生产过程排放", "carbon.process_tco2"),
               "electricity": ("净购入电力排放", "carbon.electricity_tco2"), "heat": ("净购入热力排放", "carbon.heat_tco2")}


def _totals(params: ParameterStore, day: date, f: _Factors, bal: _Balance) -> dict[str, Decimal]:
    """Totals by kind, scope 1 / scope 2, energy activity and the 碳排放总量 (which records the boundary choices)."""
    t, trace = bal.totals, bal.trace
    for kind, (label, key) in KIND_TOTALS.items():
        _total_step(trace, key, label, t[kind], "C-SUM", bal.of_kind(kind))
    scope1 = t["fuel"] + t["process"]
    scope2 = t["electricity"] + t["heat"]
    energy_activity = t["fuel"] + t["electricity"] + t["heat"]
    total = scope1 + scope2
    _total_step(trace, "carbon.scope1_tco2", "直接排放（范围一）", scope1, "C-SCOPE1",
                [("化石燃料燃烧", t["fuel"], "carbon.fuel_tco2"), ("工业生产过程", t["process"], "carbon.process_tco2")])
    _total_step(trace, "carbon.scope2_tco2", "间接排放（范围二）", scope2, "C-SCOPE2",
                [("净购入电力", t["electricity"], "carbon.electricity_tco2"), ("净购入热力", t["heat"], "carbon.heat_tco2")])
    _total_step(trace, "carbon.energy_activity_tco2", "能源活动排放", energy_activity, "C-ENERGY-ACTIVITY",
                [("化石燃料燃烧", t["fuel"], "carbon.fuel_tco2"), ("净购入电力", t["electricity"], "carbon.electricity_tco2"),
                 ("净购入热力", t["heat"], "carbon.heat_tco2")])
    # The boundary and factor choices in force are recorded on the total (so the archived snapshot holds them).
    _total_step(trace, "carbon.total_tco2", "碳排放总量", total, "C-TOTAL",
                [("直接排放", scope1, "carbon.scope1_tco2"), ("间接排放", scope2, "carbon.scope2_tco2")],
                [params.get("carbon.electricity.basis", day), f.h_basis_p, f.set_p, f.green_p, f.feed_p])
    return {"scope1": scope1, "scope2": scope2, "energy_activity": energy_activity, "total": total}


def _structure(sums: dict[str, Decimal], bal: _Balance, pct: ResolvedParameter) -> list[dict]:
    """碳排放结构: energy activity against industrial processes (令第31号 第十二条第（五）项)."""
    out = []
    for cat, label, val in (("energy_activity", "能源活动", sums["energy_activity"]),
                            ("process", "工业生产过程", bal.totals["process"])):
        share = quantize(val / sums["total"] * HUNDRED, pct.number) if sums["total"] else None
        out.append({"category": cat, "label": label, "tco2": _jsonable(val),
                    "share_percent": None if share is None else _jsonable(share)})
    return out


def _sensitivity(params: ParameterStore, day: date, f: _Factors, bal: _Balance, total: Decimal) -> list[dict]:
    """The electricity emissions and the total under every electricity basis published on ``day``."""
    out = []
    for code, b in f.meta["electricity_bases"].items():
        p = params.find(b["parameter"], day)
        if p is None:
            continue
        alt = sum((s * quantize(mwh * p.number, f.r, f.mode) for _, s, mwh in bal.grid_rows), ZERO)
        out.append({"basis": code, "label": b["label"], "factor": _jsonable(p.number),
                    "verified": p.verified, "electricity_tco2": _jsonable(alt),
                    "total_tco2": _jsonable(total - bal.totals["electricity"] + alt), "selected": code == f.e_basis})
    return out


def _pv_avoided(f: _Factors, trace: Trace, pv_kwh: Decimal) -> Decimal:
    """Emissions avoided by on-site PV self-use: shown, never subtracted again (it is not purchased)."""
    pv_avoided = quantize(pv_kwh / THOUSAND * f.e_factor.number, f.r, f.mode)
    trace.add(Step(key="carbon.pv_avoided_tco2", label="光伏自发自用电量避免排放（仅列示，不重复扣减）", value=pv_avoided,
                   unit="tCO2", formula="C-PV-AVOIDED", inputs=[Input("光伏自发自用电量", pv_kwh, "kWh", "step: energy.renewable_tce")],
                   parameters=[f.e_factor, f.step]))
    return pv_avoided


def _post_total(e, bal: _Balance, total: Decimal) -> Decimal:  # noqa: ANN001
    """Intensities describe the plant after the project: post-project emissions (= total on the full basis)."""
    two_stage = e.basis == "increment" or bool(e.existing_equivalent_tce)
    if not two_stage:
        return total
    bal.trace.add(Step(key="carbon.post_tco2", label="项目建成后碳排放量（不扣减现有装置）", value=bal.post_total,
                       unit="tCO2", formula="C-SUM",
                       inputs=[Input(ln["source"], Decimal(str(ln["tco2"])), "tCO2", f"step: {ln['trace_key']}")
                               for ln in bal.lines if not ln["existing"]]))
    return bal.post_total


def _intensities(sub: Submission, params: ParameterStore, day: date, trace: Trace, post_total: Decimal) -> dict:
    """单位产值 / 单位增加值 / 单位产品碳排放 of the plant after the project."""
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
    return {"per_output": per_output, "per_added": per_added, "per_product": per_product}


def _section(f: _Factors, bal: _Balance, sums: dict[str, Decimal], post_total: Decimal, green_kwh: Decimal,
             pv_kwh: Decimal, pv_avoided: Decimal, intensities: dict, comparisons: list[dict], structure: list[dict],
             sensitivity: list[dict], evaluation: tuple[bool, bool, str, str]) -> dict:
    """The public ``carbon`` section of the result (docs/assess-format.md)."""
    required, suggested, eval_basis, reason = evaluation
    total, scope1, scope2 = sums["total"], sums["scope1"], sums["scope2"]
    e_label = f.meta["electricity_bases"][f.e_basis]["label"]
    flag = "" if f.e_factor.verified else "，未核实"
    summary = (f"碳排放总量 {total} tCO2（直接 {scope1}，间接 {scope2}）；电力排放因子：{e_label} "
               f"{f.e_factor.number} tCO2/MWh{flag}；{'须' if required else '无须'}开展碳排放评价")
    per_output, per_added = intensities["per_output"], intensities["per_added"]

    def separate_sum(kind: str) -> object:
        return _jsonable(sum((Decimal(str(x["tco2"])) for x in bal.separate if x["kind"] == kind), ZERO))

    return {
        "total_tco2": _jsonable(total),
        "post_project_tco2": _jsonable(post_total),
        "scope1_tco2": _jsonable(scope1),
        "scope2_tco2": _jsonable(scope2),
        "fuel_combustion_tco2": _jsonable(bal.totals["fuel"]),
        "process_tco2": _jsonable(bal.totals["process"]),
        "electricity_tco2": _jsonable(bal.totals["electricity"]),
        "heat_tco2": _jsonable(bal.totals["heat"]),
        "energy_activity_tco2": _jsonable(sums["energy_activity"]),
        "structure": structure,
        "green_power_kwh": _jsonable(green_kwh),
        "green_power_deducted": bool(f.green["zero_lines"]),
        "green_power_zero_kwh": _jsonable(f.green["zero_kwh"]),
        "green_power_grid_kwh": _jsonable(f.green["grid_kwh"]),
        "green_power_clause": f.meta["green_power"]["clause"],
        "green_power_notes": sorted(set(f.green["why"].values())),
        "pv_self_use_kwh": _jsonable(pv_kwh),
        "pv_avoided_tco2": _jsonable(pv_avoided),
        "sequestration_tco2": separate_sum("sequestration"),
        "recovery_tco2": separate_sum("recovery"),
        "separately_reported": bal.separate,
        "sequestration_note": "固碳产品、回收利用单列，不冲减碳排放总量（令第31号第十二条；参照四川碳评通知）",
        "choices": {
            "electricity_basis": f.e_basis,
            "electricity_basis_label": e_label,
            "electricity_factor": _jsonable(f.e_factor.number),
            "electricity_factor_parameter": f.e_factor.id,
            "electricity_factor_verified": f.e_factor.verified,
            "heat_basis": f.h_basis,
            "heat_basis_label": f.meta["heat_bases"][f.h_basis]["label"],
            "heat_factor": _jsonable(f.h_factor.number),
            "fuel_factor_set": f.set_id,
            "fuel_factor_set_label": f.fuel_set["label"],
            "green_power_at_zero": bool(f.green["zero_lines"]),
            "green_power_at_zero_chosen": bool(f.green_p.value),
            "feedstock_excluded": bool(f.feed_p.value),
        },
        "ncv_basis": str(f.ncv_basis_p.value),
        "ncv_basis_label": NCV_BASES[str(f.ncv_basis_p.value)],
        "notes": bal.notes,
        "electricity_sensitivity": sensitivity,
        "lines": bal.lines,
        "per_product": intensities["per_product"],
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
