"""Policy checks: one class per check, each with a stable id, registered in :data:`CHECKS` (order = report order).

Every check returns one :class:`~reviewer.domain.model.Finding` — pass / warn / fail / not_applicable — with the
evidence it compared (figures, thresholds with their parameter ids) and the legal clause. Thresholds come from
rules/parameters/policy/ and the other packs; lists and groupings from rules/policy.toml.

Status semantics: ``fail`` = the submission contradicts a binding rule (the opinion cannot approve as is);
``warn`` = a condition, a duty that follows from the figures, or an input the reviewer must obtain/confirm;
``pass`` = checked and satisfied; ``not_applicable`` = the rule does not apply to this project (or not yet in force).
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, ClassVar

from reviewer.domain.model import Finding, FindingStatus, ProjectType, Submission
from reviewer.rules.energy import HUNDRED, quantize
from reviewer.rules.params import ParameterStore, ResolvedParameter, _jsonable
from reviewer.rules.reference import is_industrial, policy_data, two_high_sector
from reviewer.rules.trace import Step

PASS, WARN, FAIL, NA = FindingStatus.PASS, FindingStatus.WARN, FindingStatus.FAIL, FindingStatus.NOT_APPLICABLE
P = "policy.checks."


@dataclass
class Context:
    sub: Submission
    params: ParameterStore
    day: date
    assessment: Any
    used: list[ResolvedParameter] = field(default_factory=list)

    def p(self, pid: str) -> ResolvedParameter | None:
        """Parameter in force on the day (``None`` when the rule is not in force yet); recorded as evidence."""
        found = self.params.find(pid, self.day)
        if found is not None:
            self.used.append(found)
        return found

    def group(self, name: str) -> list[str]:
        return policy_data()["building_groups"][name]


class Check(ABC):
    id: ClassVar[str]
    title: ClassVar[str]

    @abstractmethod
    def run(self, ctx: Context) -> Finding:
        """Evaluate the check on the context and return its finding."""

    def finding(self, ctx: Context, status: FindingStatus, zh: str, en: str, clause: str, **evidence: Any) -> Finding:
        ev = {k: _jsonable(v) if isinstance(v, Decimal) else v for k, v in evidence.items()}
        if ctx.used:
            ev["parameters"] = {p.id: dict(p.evidence) for p in ctx.used}
        return Finding(id=self.id, status=status, message_zh=zh, message_en=en, clause=clause, evidence=ev)


def _pct(a: Decimal, b: Decimal, ctx: Context) -> Decimal:
    step = ctx.params.get("energy.coefficients.rounding_percent", ctx.day)
    return quantize(a / b * HUNDRED, step.number)


class RooftopPV(Check):
    """PV-001 屋顶光伏安装面积比例. Applies to new buildings of the listed public/industrial types.
    Required area = Σ roof area × ratio (≥50 % 政府机关、学校、工业厂房; ≥30 % 其他公共建筑), summed over the site as
    沪建建材联〔2022〕679号 defines it. Pass: installed PV area ≥ required; fail: below; not applicable: no such
    building, or before 2022-07-28."""

    id, title = "PV-001", "新建建筑屋顶光伏安装面积比例"
    clause = "上海市碳达峰实施方案（沪府发〔2022〕7号）；沪建建材联〔2022〕679号（光伏安装面积 = 屋顶总面积 × 安装比例）"

    def run(self, ctx: Context) -> Finding:
        prim, pub = ctx.p(P + "pv_ratio_primary"), ctx.p(P + "pv_ratio_public")
        rows, required, installed = [], Decimal(0), Decimal(0)
        for i, b in enumerate(ctx.sub.buildings):
            ratio = prim if b.use_type in ctx.group("pv_primary") else pub if b.use_type in ctx.group("pv_public_other") else None
            if ratio is None or not b.new_build or not b.roof_area_m2:
                continue
            need = b.roof_area_m2 * ratio.number / HUNDRED
            required += need
            installed += b.pv_area_m2
            rows.append({"building": b.name, "use_type": b.use_type, "roof_area_m2": _jsonable(b.roof_area_m2),
                         "ratio_percent": _jsonable(ratio.number), "required_m2": _jsonable(need),
                         "pv_area_m2": _jsonable(b.pv_area_m2)})
        if prim is None or not rows:
            return self.finding(ctx, NA, "无适用屋顶光伏比例要求的新建建筑。", "No new building subject to the rooftop-PV ratio.",
                                self.clause)
        ok = installed >= required
        zh = (f"屋顶光伏安装面积 {installed} m²，{'不低于' if ok else '低于'}要求面积 {required} m²"
              f"（{'满足' if ok else '不满足'}比例要求）。")
        return self.finding(ctx, PASS if ok else FAIL, zh,
                            f"Rooftop PV {installed} m² {'meets' if ok else 'is below'} the required {required} m².",
                            self.clause, installed_m2=installed, required_m2=required, buildings=rows)


def _large_public(ctx: Context, b) -> bool:  # noqa: ANN001
    large = ctx.p(P + "large_public_area_m2")
    # "以上" includes the stated number: one convention for every area threshold (corrections.md E2).
    return b.use_type in ctx.group("public") and large is not None and b.floor_area_m2 >= large.number and b.central_ac


class GreenBuildingStar(Check):
    """GB-001 绿色建筑星级. New civil buildings ≥ 一星级; new government offices, government-invested public buildings
    and large public buildings (single building 2万 m² 以上 — at or above — with central air-conditioning) 三星级. Pass: every such building reaches its level; fail: any
    below; not applicable: no new civil building, or before 2025-01-01 (《上海市绿色建筑条例》 in force)."""

    id, title = "GB-001", "新建民用建筑绿色建筑星级"
    clause = "《上海市绿色建筑条例》第十三条"

    def run(self, ctx: Context) -> Finding:
        base, high = ctx.p(P + "green_star_new_civil"), ctx.p(P + "green_star_gov_large_public")
        civil = [b for b in ctx.sub.buildings if b.new_build and b.use_type in ctx.group("civil")]
        if base is None or high is None or not civil:
            return self.finding(ctx, NA, "无适用绿色建筑星级要求的新建民用建筑。", "No new civil building in scope.", self.clause)
        rows, bad = [], []
        for b in civil:
            # 第十三条: 国家机关办公建筑、政府投资或以政府投资为主的公共建筑、大型公共建筑 → 三星 (corrections.md E2).
            gov_public = ctx.sub.project.government_invested and b.use_type in ctx.group("public")
            need = high.number if (b.use_type in ctx.group("government_office") or gov_public or _large_public(ctx, b)) \
                else base.number
            rows.append({"building": b.name, "required_star": _jsonable(need), "star": b.green_star})
            if b.green_star < need:
                bad.append(f"{b.name}（{b.green_star}星，应≥{need}星）")
        if bad:
            return self.finding(ctx, FAIL, "绿色建筑星级不满足要求：" + "；".join(bad) + "。",
                                "Green-building star below the required level.", self.clause, buildings=rows)
        return self.finding(ctx, PASS, "新建民用建筑绿色建筑星级满足要求。", "Green-building stars meet the requirement.",
                            self.clause, buildings=rows)


class UltraLowEnergyNewCity(Check):
    """GB-002 松江新城超低能耗. New civil buildings in 松江新城 (one of the 五个新城) must be ultra-low-energy buildings.
    Pass: all are; fail: any is not; not applicable: none in 松江新城, or before 2025-01-01."""

    id, title = "GB-002", "松江新城新建民用建筑超低能耗"
    clause = "《上海市绿色建筑条例》第十四条"

    def run(self, ctx: Context) -> Finding:
        gate = ctx.p(P + "ultra_low_energy_new_city")
        scope = [b for b in ctx.sub.buildings if b.new_build and b.in_songjiang_new_city and b.use_type in ctx.group("civil")]
        if gate is None or not gate.value or not scope:
            return self.finding(ctx, NA, "无位于松江新城的新建民用建筑。", "No new civil building in Songjiang New City.",
                                self.clause)
        bad = [b.name for b in scope if not b.ultra_low_energy]
        if bad:
            return self.finding(ctx, FAIL, f"位于松江新城的新建民用建筑未按超低能耗标准建设：{'、'.join(bad)}。",
                                "Buildings in Songjiang New City are not ultra-low-energy.", self.clause, buildings=bad)
        return self.finding(ctx, PASS, "松江新城新建民用建筑均按超低能耗建筑标准建设。",
                            "All new civil buildings in Songjiang New City are ultra-low-energy.", self.clause,
                            buildings=[b.name for b in scope])


def _public_sector(ctx: Context) -> bool:
    prefixes = policy_data()["public_sector"]["credit_code_prefixes"]
    return ctx.sub.project.government_invested or ctx.sub.project.builder_credit_code[:2] in prefixes


class PublicVehicles(Check):
    """VE-001 公共机构新增车辆新能源化. Applies to public-sector builders (统一社会信用代码 11/12/13 or government
    investment). Pass: new-energy share of new vehicles ≥ 100 % (or no new vehicles); fail: below; warn: the
    submission does not state the vehicles; not applicable: not public sector."""

    id, title = "VE-001", "公共机构新增车辆使用新能源汽车"
    clause = "上海市碳达峰实施方案（沪府发〔2022〕7号）公共领域车辆电动化"

    def run(self, ctx: Context) -> Finding:
        share_p = ctx.p(P + "public_nev_share")
        if share_p is None or not _public_sector(ctx):
            return self.finding(ctx, NA, "非公共机构项目，不适用。", "Not a public-sector project.", self.clause)
        prj = ctx.sub.project
        total, nev = getattr(prj, "new_vehicles", None), getattr(prj, "new_energy_vehicles", None)
        if total is None:
            return self.finding(ctx, WARN, "公共机构项目未申报新增车辆及新能源汽车数量，请补充。",
                                "Public-sector project: new vehicles not declared.", self.clause)
        if total == 0:
            return self.finding(ctx, PASS, "项目不新增车辆。", "No new vehicles.", self.clause, new_vehicles=0)
        share = _pct(Decimal(nev or 0), Decimal(total), ctx)
        ok = share >= share_p.number
        return self.finding(ctx, PASS if ok else FAIL,
                            f"新增车辆 {total} 辆，其中新能源汽车 {nev or 0} 辆（{share}%），"
                            f"{'满足' if ok else '不满足'}不低于 {share_p.number}% 的要求。",
                            f"New-energy share {share}% vs required {share_p.number}%.", self.clause,
                            new_vehicles=total, new_energy_vehicles=nev or 0, share_percent=share)


class EnergyMonitoring(Check):
    """EM-001 能耗监测平台. New government office buildings ≥ 1万 m² and large public buildings ≥ 2万 m² must install
    energy-monitoring linked to the municipal platform. Pass: all such buildings have it; fail: any lacks it; not
    applicable: no such building."""

    id, title = "EM-001", "新建公共建筑接入能耗监测平台"
    clause = "《上海市绿色建筑条例》第十八条；上海市国家机关办公建筑和大型公共建筑能耗监测要求"

    def run(self, ctx: Context) -> Finding:
        gov, large = ctx.p(P + "monitoring_gov_office_m2"), ctx.p(P + "monitoring_large_public_m2")
        scope = []
        for b in ctx.sub.buildings:
            if not b.new_build or gov is None or large is None:
                continue
            if (b.use_type in ctx.group("government_office") and b.floor_area_m2 >= gov.number) or (
                    b.use_type in ctx.group("public") and b.floor_area_m2 >= large.number):
                scope.append(b)
        if not scope:
            return self.finding(ctx, NA, "无须接入能耗监测平台的新建公共建筑。", "No building in scope.", self.clause)
        bad = [b.name for b in scope if not b.energy_monitoring]
        if bad:
            return self.finding(ctx, FAIL, f"以下建筑未设置能耗监测并接入平台：{'、'.join(bad)}。",
                                "Buildings without energy monitoring.", self.clause, buildings=bad)
        return self.finding(ctx, PASS, "须监测的新建公共建筑均设置能耗监测并接入平台。",
                            "All buildings in scope have energy monitoring.", self.clause,
                            buildings=[b.name for b in scope])


class KeyEnergyUnit(Check):
    """KU-001 重点用能单位. Post-project annual consumption (当量值) ≥ 5000 tce → warn: the builder becomes a Shanghai
    重点用能单位 (energy manager, annual energy report, on-line monitoring). Below → pass."""

    id, title = "KU-001", "上海市重点用能单位"
    clause = "《上海市节约能源条例》（重点用能单位：年综合能源消费总量五千吨标准煤以上）"
    param = P + "key_unit_shanghai_tce"
    zh_hit = "项目投产后年综合能源消费量 {v} tce ≥ {t} tce，建设单位将纳入上海市重点用能单位管理（设能源管理岗位、报送能源利用状况报告、接入能耗在线监测）。"

    def run(self, ctx: Context) -> Finding:
        t = ctx.p(self.param)
        v = ctx.assessment.energy.post_equivalent_tce
        if t is None:
            return self.finding(ctx, NA, "界限未生效。", "Threshold not in force.", self.clause)
        if v >= t.number:
            return self.finding(ctx, WARN, self.zh_hit.format(v=v, t=t.number),
                                f"Post-project consumption {v} tce ≥ {t.number} tce: key energy-using unit.",
                                self.clause, post_equivalent_tce=v, threshold_tce=t.number)
        return self.finding(ctx, PASS, f"项目投产后年综合能源消费量 {v} tce < {t.number} tce。",
                            f"{v} tce below {t.number} tce.", self.clause, post_equivalent_tce=v, threshold_tce=t.number)


class DistrictTrackedUnit(KeyEnergyUnit):
    """KU-002 区重点跟踪用能单位 — industrial enterprises only (GB/T 4754 门类 B/C/D, seed tasks #8/#11; corrections.md
    E3): not applicable to hospitals, offices and other non-industrial projects. Post-project annual consumption
    (当量值) ≥ 2000 tce → warn: tracked by the district (threshold unverified); below → pass."""

    def run(self, ctx: Context) -> Finding:
        if not is_industrial(ctx.sub.project.industry_code):
            return self.finding(ctx, NA, f"行业代码 {ctx.sub.project.industry_code} 非工业，区重点跟踪用能单位针对工业企业。",
                                "Not an industrial enterprise.", self.clause)
        return super().run(ctx)

    id, title = "KU-002", "松江区重点跟踪用能单位"
    clause = "松江区重点用能单位跟踪管理（界限待核实）"
    param = P + "key_unit_district_tce"
    zh_hit = "项目投产后年综合能源消费量 {v} tce ≥ {t} tce，纳入区重点跟踪用能单位（界限待核实）。"


class TwoHigh(Check):
    """TH-001 “两高”项目识别. One of Shanghai's ten “两高” sectors (沪发改环资〔2021〕74号) at ≥ 2000 tce
    (``review.regime.two_high_min_tce``; unrounded value) → warn: strict review, energy/coal substitution and
    benchmark level required; a listed sector below the floor, or another sector → pass."""

    id, title = "TH-001", "“两高”项目识别"

    def run(self, ctx: Context) -> Finding:
        d = policy_data()["two_high"]
        code = ctx.sub.project.industry_code
        sector = two_high_sector(code)
        floor = ctx.p("review.regime.two_high_min_tce")
        tce = ctx.assessment.energy.equivalent_exact
        if sector is not None and floor is not None and tce >= floor.number:
            return self.finding(ctx, WARN, f"项目属“两高”项目（{sector}，年综合能源消费量 {ctx.assessment.energy.equivalent_tce} tce "
                                f"≥ {floor.number} tce），应从严审查，落实能效标杆水平和能耗（煤炭）替代。",
                                "High-energy, high-emission project: strict review.", d["clause"], industry_code=code,
                                sector=sector)
        if sector is None and code in d["ambiguous_majors"] and floor is not None and tce >= floor.number:
            return self.finding(ctx, WARN, f"行业大类 {code} 仅部分细分行业属上海“两高”十个行业，年综合能源消费量 "
                                f"{ctx.assessment.energy.equivalent_tce} tce ≥ {floor.number} tce：请核对细分行业（中类、小类）。",
                                "Confirm the sub-sector: only part of this major class is 两高.", d["clause"],
                                industry_code=code)
        why = (f"属{sector}行业但年综合能源消费量未达 {floor.number} tce" if sector is not None and floor is not None
               else "不属于上海“两高”十个行业")
        return self.finding(ctx, PASS, f"行业代码 {code} {why}，不属“两高”项目。", f"Industry {code} is not 两高.", d["clause"],
                            industry_code=code, sector=sector)


class VirtualCurrencyMining(Check):
    """VC-001 虚拟货币“挖矿”. Project name, description, products or equipment mention mining keywords → fail
    (new mining projects are prohibited); otherwise pass."""

    id, title = "VC-001", "虚拟货币“挖矿”项目"

    def run(self, ctx: Context) -> Finding:
        d = policy_data()["virtual_currency"]
        s = ctx.sub
        texts = [s.project.name, s.project.description, *(p.name for p in s.products), *(q.name for q in s.equipment),
                 *(q.model for q in s.equipment)]
        hits = sorted({k for k in d["keywords"] for t in texts if t and k in t})
        if hits:
            return self.finding(ctx, FAIL, f"项目涉及虚拟货币“挖矿”（关键词：{'、'.join(hits)}），严禁新增，不予通过。",
                                "Virtual-currency mining is prohibited.", d["clause"], keywords=hits)
        return self.finding(ctx, PASS, "未发现虚拟货币“挖矿”内容。", "No virtual-currency mining found.", d["clause"])


class DataCentrePUE(Check):
    """DC-001 数据中心 PUE. New data centre design PUE ≤ 1.3 (Shanghai); large data centres (≥ 3000 racks) ≤ 1.25.
    Pass: within the applicable limit; fail: above; not applicable: no data centre."""

    id, title = "DC-001", "数据中心电能利用效率（PUE）"
    clause = "上海市“十四五”节能减排综合工作实施方案；沪经信基〔2022〕306号"

    def run(self, ctx: Context) -> Finding:
        dc = ctx.sub.data_centre
        if dc is None:
            return self.finding(ctx, NA, "非数据中心项目。", "Not a data centre.", self.clause)
        lim, large_lim, large = (ctx.p("benchmarks.data_centre." + k) for k in ("pue_new_max", "pue_new_large_max",
                                                                                "large_racks"))
        if lim is None:
            return self.finding(ctx, NA, f"申请日期 {ctx.day.isoformat()} 尚无适用的新建数据中心PUE限值。",
                                "No PUE limit for new data centres was in force on the application date.",
                                self.clause, design_pue=dc.design_pue)
        is_large = large is not None and dc.racks >= large.number
        limit = large_lim.number if is_large and large_lim is not None else lim.number
        ok = dc.design_pue <= limit
        kind = "大型数据中心" if is_large else "数据中心"
        # At the cap the design is 达标 (compliant), not 先进 (corrections.md D4).
        return self.finding(ctx, PASS if ok else FAIL,
                            f"设计PUE {dc.design_pue}，{'不高于' if ok else '高于'}新建{kind}上限 {limit}"
                            f"{'（达标）' if ok else ''}。",
                            f"Design PUE {dc.design_pue} {'≤' if ok else '>'} {limit}.", self.clause,
                            design_pue=dc.design_pue, limit=limit, racks=dc.racks, large=is_large)


class DataCentreGreenPower(Check):
    """DC-003 数据中心绿电消费比例. The declared ``data_centre.green_power_share`` against the minimum in force
    (``benchmarks.data_centre.green_power_share_min``, corrections.md D4): at or above → pass; below or not declared →
    warn (a condition of the opinion); no data centre or no requirement in force → not applicable."""

    id, title = "DC-003", "数据中心绿电消费比例"
    clause = "沪发改环资〔2026〕83号（公开审查意见所引，待核实）"

    def run(self, ctx: Context) -> Finding:
        dc = ctx.sub.data_centre
        share_p = ctx.p("benchmarks.data_centre.green_power_share_min")
        if dc is None or share_p is None:
            return self.finding(ctx, NA, "非数据中心项目或无适用的绿电比例要求。", "Not applicable.", self.clause)
        need = share_p.number
        if dc.green_power_share is None:
            return self.finding(ctx, WARN, f"未申报绿电消费比例；要求不低于 {need * 100:.0f}%（{share_p.source.cite()}）。",
                                "Green-power share not declared.", share_p.source.cite(), required=need)
        ok = dc.green_power_share >= need
        return self.finding(ctx, PASS if ok else WARN,
                            f"绿电消费比例 {dc.green_power_share * 100:.0f}%，{'不低于' if ok else '低于'}要求 {need * 100:.0f}%"
                            f"（{share_p.source.cite()}）{'' if ok else '，应落实绿电采购或能耗替代来源'}。",
                            f"Green-power share {dc.green_power_share} {'≥' if ok else '<'} {need}.", share_p.source.cite(),
                            share=dc.green_power_share, required=need)


class DataCentreConsistency(Check):
    """DC-002 数据中心用电量与设计PUE一致性. Implied PUE = annual electricity ÷ (IT load × 8760 h) is a lower bound of
    the operating PUE. Implied ≤ design PUE → pass; implied > design PUE → warn (declared consumption and design
    disagree: the energy balance or the design PUE must be corrected); no data centre → not applicable."""

    id, title = "DC-002", "数据中心申报用电量与设计PUE一致性"
    clause = "令第31号 第十六条第（四）项（能源消费数据核算客观精准）"

    def run(self, ctx: Context) -> Finding:
        dc = ctx.sub.data_centre
        implied = _indicators(ctx, "pue_implied")
        if dc is None or not implied:
            return self.finding(ctx, NA, "非数据中心项目或缺少用电量、IT负荷。", "Not applicable.", self.clause)
        value = Decimal(str(implied[0]["value"]))
        ok = value <= dc.design_pue
        return self.finding(ctx, PASS if ok else WARN,
                            f"申报年用电量折算的PUE下限 {value}，{'不高于' if ok else '高于'}设计PUE {dc.design_pue}"
                            f"{'' if ok else '，申报用电量与设计能效不一致，请核对'}。",
                            f"Implied PUE {value} vs design {dc.design_pue}.", self.clause,
                            implied_pue=value, design_pue=dc.design_pue)


class CoalReduction(Check):
    """CO-001 煤炭消费减量替代 and the ban on high-polluting fuels (corrections.md E1). A new or expanded project with a
    facility burning coal, heavy/residual oil or petroleum coke (declared ``project.high_polluting_fuel`` or a counted
    post-project fuel line of ``[high_polluting_fuels]``) → fail while ``policy.checks.coal_ban`` is in force (coal
    power excepted); a renovation with such a facility → warn (the fuel must be replaced); otherwise coal > 0 → warn
    (减量替代, coal cap); coal ≤ 0 → pass; no coal → not applicable."""

    id, title = "CO-001", "煤炭消费减量替代及高污染燃料禁燃"
    clause = "《重点地区煤炭消费减量替代管理暂行办法》（发改环资〔2014〕2984号）；令第31号 第十二条第（六）项（煤炭消费控制和压减）"

    def run(self, ctx: Context) -> Finding:
        coal = ctx.assessment.values.get("coal_t", Decimal(0))
        hp = policy_data()["high_polluting_fuels"]
        burning = [ln.carrier for ln in ctx.assessment.energy.lines
                   if ln.carrier in hp["carriers"] and ln.counted and not ln.existing and ln.purpose == "fuel"]
        burns = bool(burning) or ctx.sub.project.high_polluting_fuel
        coal_power = any(ctx.sub.project.industry_code.startswith(c) for c in hp["coal_power_prefixes"])
        ban = ctx.p(P + "coal_ban")
        if burns and ban is not None and ban.value and not coal_power:
            fuels = "、".join(dict.fromkeys(burning)) or "高污染燃料（申报）"
            cite = ban.source.cite()
            if ctx.sub.project.project_type in (ProjectType.NEW, ProjectType.EXPAND):
                return self.finding(ctx, FAIL, f"{ctx.sub.project.project_type}项目设有燃用{fuels}的设施，违反{cite}，不予通过。",
                                    f"New/expanded facility burning {fuels}: prohibited.", cite, coal_t=coal, fuels=fuels)
            return self.finding(ctx, WARN, f"{ctx.sub.project.project_type}项目现设燃用{fuels}的设施，应按{cite}改用清洁能源替代，"
                                f"并落实煤炭消费减量替代。", f"Renovation burning {fuels}: substitution required.", cite,
                                coal_t=coal, fuels=fuels)
        lines = [ln for ln in ctx.assessment.energy.lines if ln.coal_consumption and ln.counted]
        if not lines:
            return self.finding(ctx, NA, "项目不消费煤炭。", "No coal.", self.clause)
        if coal > 0:
            return self.finding(ctx, WARN, f"项目新增煤炭消费 {coal} t，应落实煤炭消费减量替代来源，并在审查意见中明确煤炭消费上限。",
                                f"New coal consumption {coal} t: reduction/substitution required.", self.clause, coal_t=coal)
        return self.finding(ctx, PASS, f"项目煤炭消费量（增量口径）为 {coal} t，不新增煤炭消费。", "No coal increase.",
                            self.clause, coal_t=coal)


class EquipmentEfficiency(Check):
    """EQ-001 主要用能设备能效等级. Every declared efficiency grade ≤ 2 (1 best) → pass; any grade worse → warn (new
    projects are expected to use energy-saving-level equipment; grade 3 is the mandatory limit); no grades declared →
    not applicable."""

    id, title = "EQ-001", "主要用能设备能效等级"
    clause = "令第31号 第十六条第（二）项（主要设备符合强制性能效标准）"

    def run(self, ctx: Context) -> Finding:
        graded = [q for q in ctx.sub.equipment if q.efficiency_grade is not None]
        limit = ctx.p(P + "equipment_grade_max")
        if not graded or limit is None:
            return self.finding(ctx, NA, "未申报设备能效等级。", "No efficiency grades declared.", self.clause)
        bad = [f"{q.name}（{q.efficiency_grade}级）" for q in graded if q.efficiency_grade > limit.number]
        if bad:
            return self.finding(ctx, WARN, f"以下设备能效等级低于{limit.number}级：{'、'.join(bad)}，建议选用节能水平及以上设备。",
                                "Equipment below the expected efficiency grade.", self.clause, equipment=bad)
        return self.finding(ctx, PASS, f"申报的{len(graded)}类设备能效等级均达到{limit.number}级及以上。",
                            "Equipment efficiency grades meet the expectation.", self.clause)


class RenewableUse(Check):
    """RE-001 新建建筑至少使用一种可再生能源 (corrections.md E4). New public, residential and industrial buildings —
    data-centre buildings included — use at least one kind of renewable energy: rooftop PV (``pv_area_m2``) or another
    kind declared in ``buildings[].renewable_other``. Every such building does → pass; one does not → fail; no new
    building of these types, or before the rule → not applicable. Independent of the PV area ratio (PV-001)."""

    id, title = "RE-001", "新建建筑可再生能源应用（至少一种）"
    clause = "关于推进本市新建建筑可再生能源应用的实施意见（沪建建材联〔2022〕679号）：新建建筑应至少使用一种可再生能源"

    def run(self, ctx: Context) -> Finding:
        rule = ctx.p(P + "renewable_required")
        scope = [b for b in ctx.sub.buildings if b.new_build and b.use_type in ctx.group("renewable_required")]
        if rule is None or not rule.value or not scope:
            return self.finding(ctx, NA, "无适用可再生能源应用要求的新建建筑。", "No new building subject to the rule.",
                                self.clause)
        rows = [{"building": b.name, "use_type": b.use_type, "pv_area_m2": _jsonable(b.pv_area_m2),
                 "renewable_other": b.renewable_other, "uses_renewable": b.pv_area_m2 > 0 or bool(b.renewable_other.strip())}
                for b in scope]
        missing = [r["building"] for r in rows if not r["uses_renewable"]]
        cite = rule.source.cite()
        if missing:
            return self.finding(ctx, FAIL, f"新建建筑{'、'.join(missing)}未采用任何可再生能源（{cite}：至少使用一种）。",
                                f"New building(s) {', '.join(missing)} use no renewable energy.", cite, buildings=rows)
        return self.finding(ctx, PASS, f"{len(rows)}栋新建建筑均采用了可再生能源（光伏或其他）。",
                            "Every new building uses at least one renewable energy.", cite, buildings=rows)


class DataCentreRackUtilisation(Check):
    """DC-004 数据中心上架率 (seed task #17, corrections.md E5). The declared design 上架率 against
    ``benchmarks.data_centre.rack_utilisation_min`` (a national overall target, not a project limit): at or above →
    pass; below → warn; an 智算中心 that declares none → warn (the “两高”及符合性评估 needs it); another data centre
    without a declared value, no data centre, or no target in force → not applicable."""

    id, title = "DC-004", "数据中心（智算中心）上架率"
    clause = "松江区2026年碳达峰碳中和及节能减排重点工作第17项（拟新建智算中心“两高”及符合性评估）"

    def run(self, ctx: Context) -> Finding:
        dc = ctx.sub.data_centre
        need = ctx.p("benchmarks.data_centre.rack_utilisation_min")
        if dc is None or need is None or (dc.rack_utilisation is None and not dc.intelligent_computing):
            return self.finding(ctx, NA, "非数据中心项目或未申报上架率。", "Not applicable.", self.clause)
        cite = need.source.cite()
        if dc.rack_utilisation is None:
            return self.finding(ctx, WARN, f"智算中心未申报设计上架率；符合性评估须说明（参照{cite}：不低于"
                                f"{need.number * HUNDRED:.0f}%）。", "Rack utilisation not declared.", cite,
                                required=need.number)
        ok = dc.rack_utilisation >= need.number
        return self.finding(ctx, PASS if ok else WARN,
                            f"设计上架率 {dc.rack_utilisation * HUNDRED:.0f}%，{'不低于' if ok else '低于'}{cite}"
                            f"目标 {need.number * HUNDRED:.0f}%{'' if ok else '，应说明算力需求和分期建设安排'}。",
                            f"Rack utilisation {dc.rack_utilisation} {'≥' if ok else '<'} {need.number}.", cite,
                            rack_utilisation=dc.rack_utilisation, required=need.number)


class ComputeEfficiency(Check):
    """DC-005 智算中心单位算力能效及“两高”符合性评估 (seed tasks #16/#17, corrections.md E5). For an 智算中心:
    单位算力能效 = 算力规模 (PFLOPS, FP16) ÷ IT设备负荷 (MW) in GFLOPS/W is computed and shown; no quantitative
    requirement for it was read, so the finding is a warn that the “两高”及符合性评估 must be done (and the capacity
    declared when missing); not an 智算中心 → not applicable. The green-power share is DC-003's."""

    id, title = "DC-005", "智算中心单位算力能效及“两高”符合性评估"
    clause = "松江区2026年碳达峰碳中和及节能减排重点工作第16、17项（持续提高单位算力能效；拟新建智算中心“两高”及符合性评估）"

    def run(self, ctx: Context) -> Finding:
        dc = ctx.sub.data_centre
        if dc is None or not dc.intelligent_computing:
            return self.finding(ctx, NA, "非智算中心项目。", "Not an intelligent-computing centre.", self.clause)
        if dc.compute_pflops is None or not dc.it_load_kw:
            return self.finding(ctx, WARN, "智算中心未申报算力规模（FP16）或IT设备负荷，无法计算单位算力能效；"
                                "应补充并开展“两高”及符合性评估。", "Computing capacity not declared.", self.clause)
        step = ctx.p("benchmarks.data_centre.compute_efficiency_rounding")
        # PFLOPS ÷ MW = 10^15 FLOPS ÷ 10^6 W = GFLOPS/W (unit identity); kW → MW is the unit definition.
        mw = dc.it_load_kw / Decimal(1000)
        value = quantize(dc.compute_pflops / mw, step.number)
        return self.finding(ctx, WARN, f"智算中心算力规模 {dc.compute_pflops} PFLOPS（FP16），IT设备负荷 {dc.it_load_kw} kW，"
                            f"单位算力能效 {value} GFLOPS/W（无本市量化要求可比，列示）；应开展“两高”及符合性评估，"
                            "绿电消费比例见 DC-003。", f"Computing efficiency {value} GFLOPS/W; assessment required.",
                            self.clause, compute_pflops=dc.compute_pflops, it_load_kw=dc.it_load_kw,
                            compute_efficiency_gflops_per_w=value)


class ObsoleteEquipment(Check):
    """EQ-002 高耗能落后机电设备（产品）淘汰目录 (seed task #15, corrections.md E5). Each declared model is matched
    against the dated catalogue entries of rules/policy.toml ``[obsolete_equipment]`` announced on or before the day:
    a match → warn (the catalogue data are unverified and partial: the reviewer confirms and the equipment is
    replaced); models declared and none matches → pass; no model declared → not applicable."""

    id, title = "EQ-002", "高耗能落后机电设备（产品）淘汰"
    clause = "《中华人民共和国节约能源法》第十七条；工业和信息化部《高耗能落后机电设备（产品）淘汰目录》"

    def run(self, ctx: Context) -> Finding:
        data = policy_data()["obsolete_equipment"]
        batches = {b["id"]: b for b in data["batches"] if b["date"] <= ctx.day}
        entries = [e for e in data["entries"] if e["batch"] in batches]
        models = [(q.name, q.model.strip()) for q in ctx.sub.equipment if q.model.strip()]
        if not models or not entries:
            return self.finding(ctx, NA, "未申报设备型号或尚无适用的淘汰目录。", "No equipment models declared.", data["clause"])
        hits = [{"equipment": name, "model": model, "entry": e["label"], "batch": batches[e["batch"]]["label"],
                 "notice": batches[e["batch"]]["notice"]}
                for name, model in models for e in entries if re.search(e["pattern"], model)]
        used = sorted({batches[e["batch"]]["notice"] for e in entries})
        if hits:
            listed = "、".join(f"{h['equipment']}（{h['model']}，{h['entry']}，{h['batch']}）" for h in hits)
            return self.finding(ctx, WARN, f"以下设备型号与淘汰目录条目相符：{listed}；请核对目录原文，属淘汰产品的应更换。",
                                "Declared models match catalogue entries of obsolete equipment.", data["clause"],
                                matches=hits, catalogue=used, catalogue_verified=bool(data["verified"]))
        return self.finding(ctx, PASS, f"申报的{len(models)}项设备型号未见列入已收录的淘汰目录条目（{'、'.join(used)}）。",
                            "No declared model matches the catalogue entries held.", data["clause"], catalogue=used,
                            catalogue_verified=bool(data["verified"]))


def _indicators(ctx: Context, prefix: str) -> list[dict]:
    return [d for d in ctx.assessment.sections.get("efficiency", {}).get("indicators", []) if d["id"].startswith(prefix)]


class ProductBenchmark(Check):
    """EF-001 单位产品能耗对标. Every graded product indicator at 先进 or 达到基准 → pass; any 未达基准 → fail (mandatory
    limit standards / 723号 benchmark levels); a new project that only meets the 723号 基准水平 → warn (拟建项目应对照
    标杆水平建设); no graded product → not applicable."""

    id, title = "EF-001", "单位产品综合能耗对标"
    clause = "令第31号 第十六条第（二）项；发改产业〔2023〕723号；单位产品能源消耗限额国家标准"

    def run(self, ctx: Context) -> Finding:
        graded = [d for d in _indicators(ctx, "unit_product") if d["grade"]]
        if not graded:
            return self.finding(ctx, NA, "无对标的单位产品能耗指标。", "No product benchmark applies.", self.clause)
        rows = [{"indicator": d["label"], "value": d["value"], "unit": d["unit"], "grade": d["grade"],
                 "row": d["benchmark"]["row"], "table": d["benchmark"]["table"], "advanced": d["benchmark"]["advanced"],
                 "baseline": d["benchmark"]["baseline"], "verified": d["benchmark"]["verified"]} for d in graded]
        text = "；".join(f"{r['indicator']} {r['value']} {r['unit']}，{r['grade']}（{r['table']}）" for r in rows)
        # Three-tier GB rows (corrections.md D1): below 3级 (限定值) fails; between 2级 and 3级 fails only where 2级 is
        # required for the project, otherwise it is a condition (warn).
        bad = any(d.get("fails_requirement") for d in graded)
        short = [d for d in graded if d["grade"] == "达到基准" and d["benchmark"].get("new_projects_target") == "advanced"
                 and ctx.sub.project.project_type == ProjectType.NEW]
        grade3 = [d for d in graded if d["grade"] == "3级" and not d.get("fails_requirement")]
        if bad:
            return self.finding(ctx, FAIL, text + "。", "Product energy below the mandatory level.", self.clause, rows=rows)
        if grade3:
            return self.finding(ctx, WARN, text + "；达到限定值（3级）但未达2级，建议按节能评价值（2级）建设。",
                                "Between grade 2 and the mandatory grade 3.", self.clause, rows=rows)
        if short:
            return self.finding(ctx, WARN, text + "；新建项目应对照能效标杆水平建设实施（发改产业〔2023〕723号）。",
                                "New project meets the baseline but not the benchmark level.", self.clause, rows=rows)
        return self.finding(ctx, PASS, text + "。", "Product energy meets the benchmark.", self.clause, rows=rows)


class BuildingQuota(Check):
    """EF-002 单位面积能耗对标. Floor-area intensity graded against the building quota row of the use type: 先进 or
    达到基准 → pass; 未达基准 → warn (quotas are guidance values, some from other provinces); no row → not applicable."""

    id, title = "EF-002", "单位建筑面积能耗对标"
    clause = "上海市 DB31 合理用能指南系列；外省公共机构能耗定额（参照）"

    def run(self, ctx: Context) -> Finding:
        graded = [d for d in _indicators(ctx, "per_floor_area") if d["grade"]]
        if not graded:
            return self.finding(ctx, NA, "无适用的建筑能耗定额。", "No building quota applies.", self.clause)
        d = graded[0]
        b = d["benchmark"]
        text = (f"{d['label']} {d['value']} {d['unit']}，{d['grade']}（{b['table']}：{b['advanced_label']} {b['advanced']}，"
                f"{b['baseline_label']} {b['baseline']}{'' if b['verified'] else '，对标值未核实'}）。")
        return self.finding(ctx, WARN if d["grade"] == "未达基准" else PASS, text, f"Floor-area intensity {d['grade']}.",
                            self.clause, value=d["value"], unit=d["unit"], benchmark=b, grade=d["grade"])


class DeclaredUnitEnergy(Check):
    """EF-003 申报单位产品能耗复核. Single-product project with a declared 单位产品综合能耗: deviation from the value
    recomputed from the energy balance within the tolerance (5 %) → pass; beyond → warn; otherwise not applicable."""

    id, title = "EF-003", "申报单位产品综合能耗复核"
    clause = "令第31号 第十六条第（四）项（能源消费数据核算客观精准）"

    def run(self, ctx: Context) -> Finding:
        prods = ctx.sub.products
        computed = _indicators(ctx, "unit_product.0")
        if len(prods) != 1 or prods[0].unit_energy_kgce is None or not computed:
            return self.finding(ctx, NA, "无可复核的申报单位产品能耗。", "Nothing to cross-check.", self.clause)
        tol = ctx.p(P + "declared_tolerance_percent")
        declared, calc = prods[0].unit_energy_kgce, Decimal(str(computed[0]["value"]))
        if not calc:
            return self.finding(ctx, NA, "复算值为零，无法复核。", "Computed value is zero.", self.clause)
        dev = _pct(abs(declared - calc), calc, ctx)
        ok = dev <= tol.number
        return self.finding(ctx, PASS if ok else WARN,
                            f"申报单位产品综合能耗 {declared}，复算 {calc} {computed[0]['unit']}，偏差 {dev}%"
                            f"（{'在' if ok else '超出'}允许偏差 {tol.number}% {'内' if ok else '，请核对'}）。",
                            f"Declared {declared} vs computed {calc}: deviation {dev}%.", self.clause,
                            declared=declared, computed=calc, deviation_percent=dev)


class GreenPowerConditions(Check):
    """CB-001 绿电零排放核算条件. Purchased green power accounted at zero → warn: the 沪环气候〔2023〕89号 conditions
    (省间绿色电力交易、已执行结算、凭证留存) become opinion conditions checked at acceptance; green power present but
    not deducted → pass; no green power → not applicable."""

    id, title = "CB-001", "外购绿电零排放核算条件"
    clause = "沪环气候〔2023〕89号"

    def run(self, ctx: Context) -> Finding:
        c = ctx.assessment.sections.get("carbon", {})
        kwh = Decimal(str(c.get("green_power_kwh", 0)))
        if not kwh:
            return self.finding(ctx, NA, "未申报外购绿电。", "No purchased green power.", self.clause)
        if c.get("green_power_deducted"):
            return self.finding(ctx, WARN,
                                f"外购绿电 {kwh} kWh 按零排放核算：须经北京电力交易中心省间绿色电力交易购入、已执行并结算，"
                                "留存交易合同、结算依据、绿色电力消费凭证，验收时核验。",
                                "Green power at zero: inter-provincial green-power trade, settled, with evidence.",
                                self.clause, green_power_kwh=kwh)
        return self.finding(ctx, PASS, f"外购绿电 {kwh} kWh 按电网排放因子核算（未作扣减）。",
                            "Green power accounted at the grid factor.", self.clause, green_power_kwh=kwh)


class CarbonMarket(Check):
    """CB-002 纳入上海碳市场. Data centre ≥ 2万 tCO2; building projects ≥ 5000 tce or ≥ 1万 tCO2; industrial projects
    ≥ 1万 tce or ≥ 2万 tCO2 → warn (the unit will likely be covered by the Shanghai ETS); below → pass."""

    id, title = "CB-002", "纳入上海碳排放交易管理的可能"
    clause = "上海市纳入碳排放配额管理单位名单及标准（2023年度）"

    def run(self, ctx: Context) -> Finding:
        tce = ctx.assessment.energy.post_equivalent_tce
        tco2 = Decimal(str(ctx.assessment.sections.get("carbon", {}).get("total_tco2", 0)))
        # Kind by industry (GB/T 4754 门类 B/C/D = 工业), not by the shape of the submission (corrections.md E3).
        if ctx.sub.data_centre is not None:
            kind, t_tce, t_co2 = "数据中心", None, ctx.p(P + "market_data_centre_tco2")
        elif is_industrial(ctx.sub.project.industry_code):
            kind, t_tce, t_co2 = "工业", ctx.p(P + "market_industry_tce"), ctx.p(P + "market_industry_tco2")
        else:
            kind, t_tce, t_co2 = "建筑", ctx.p(P + "market_building_tce"), ctx.p(P + "market_building_tco2")
        if t_co2 is None:
            return self.finding(ctx, NA, "纳入标准未生效。", "Not in force.", self.clause)
        hit = tco2 >= t_co2.number or (t_tce is not None and tce >= t_tce.number)
        limits = (f"{t_tce.number} tce 或 " if t_tce is not None else "") + f"{t_co2.number} tCO2"
        return self.finding(ctx, WARN if hit else PASS,
                            f"{kind}类：年综合能源消费量 {tce} tce、碳排放 {tco2} tCO2，"
                            f"{'达到' if hit else '未达到'}上海碳市场纳入标准（{limits}）"
                            f"{'，投产后可能纳入配额管理' if hit else ''}。",
                            f"Shanghai ETS coverage {'likely' if hit else 'not expected'}.", self.clause,
                            kind=kind, tce=tce, tco2=tco2)


class ReviewAuthority(Check):
    """RV-001 审查权限. Authority = district → pass (within 区发展改革委's remit); municipal or NDRC → warn (the
    application must be referred upward); no separate review → not applicable."""

    id, title = "RV-001", "节能审查权限"

    def run(self, ctx: Context) -> Finding:
        r = ctx.assessment.sections.get("review", {})
        basis = "；".join(r.get("authority_basis", []))
        clause = r.get("regime_name", "")
        if r.get("authority") == "none":
            return self.finding(ctx, NA, "项目不单独进行节能审查。", "No separate review.", clause)
        if r.get("authority") == "district":
            return self.finding(ctx, PASS, f"属区发展改革委审查权限（{basis}）。", "Within the district's remit.", clause,
                                unverified=r.get("unverified", []))
        return self.finding(ctx, WARN, f"应由{r.get('authority_label')}审查（{basis}），区级不予出具审查意见，请告知申请人或转报。",
                            "Above the district's remit: refer upward.", clause, authority=r.get("authority"))


class RegionalBudget(Check):
    """RG-001 区域能耗/碳预算占用. Share of the district's annual energy-increment or carbon budget ≥ the warning share
    (10 %) → warn (the source of energy space must be stated); below → pass; no budget for the year → not applicable."""

    id, title = "RG-001", "占用区年度能耗增量与碳排放预算"
    clause = "令第31号 第十二条第（七）项、第十六条第（五）项；国办发〔2024〕39号"

    def run(self, ctx: Context) -> Finding:
        g = ctx.assessment.sections.get("regional", {})
        if g.get("energy_share_percent") is None and g.get("carbon_share_percent") is None:
            return self.finding(ctx, NA, "无当年区预算，未计算占用比例。", "No budget for the year.", self.clause)
        flags = g.get("flags", [])
        return self.finding(ctx, WARN if flags else PASS, g.get("summary", "") + ("；" + "；".join(flags) if flags else "") + "。",
                            "Large share of the district budget." if flags else "Share within the warning level.",
                            self.clause, energy_share_percent=g.get("energy_share_percent"),
                            carbon_share_percent=g.get("carbon_share_percent"), year=g.get("year"))


CHECKS: list[Check] = [
    ReviewAuthority(), RooftopPV(), RenewableUse(), GreenBuildingStar(), UltraLowEnergyNewCity(), PublicVehicles(), EnergyMonitoring(),
    KeyEnergyUnit(), DistrictTrackedUnit(), TwoHigh(), VirtualCurrencyMining(), DataCentrePUE(), DataCentreConsistency(), DataCentreGreenPower(),
    DataCentreRackUtilisation(), ComputeEfficiency(),
    ProductBenchmark(),
    BuildingQuota(), DeclaredUnitEnergy(), CoalReduction(), EquipmentEfficiency(), ObsoleteEquipment(),
    GreenPowerConditions(), CarbonMarket(), RegionalBudget(),
]
"""Every check, in the order findings are listed. Ids are stable: never reuse or renumber."""


def checks_module(sub: Submission, params: ParameterStore, day: date, assessment) -> None:  # noqa: ANN001
    for check in CHECKS:
        ctx = Context(sub, params, day, assessment)
        f = check.run(ctx)
        assessment.findings.append(f)
        # One trace step per check, so the parameter snapshot archived with the assessment covers the checks too.
        assessment.trace.add(Step(key=f"finding.{f.id}", label=f"{f.id} {check.title}", value=str(f.status), unit="",
                                  formula="P-CHECK", parameters=list(dict.fromkeys(ctx.used)), note=f.message_zh))
