"""Review requirement and reviewing authority by regime (令第44号 / 令第2号 / 令第31号) with the Shanghai overlay.

Edges follow the texts: "不满 X" exempts only strictly below X; "X 及以上" triggers at exactly X. Every threshold is a
dated parameter (rules/parameters/review/), the regime in force is the parameter ``review.regime.current``.
Authorities: ``none`` (不单独进行节能审查) / ``district`` (区发展改革委) / ``municipal`` (市发展改革委, the provincial
level in Shanghai) / ``ndrc``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from reviewer.domain.model import Submission
from reviewer.errors import UserError
from reviewer.rules.params import ParameterStore, ResolvedParameter, _jsonable
from reviewer.rules.reference import policy_data, regimes
from reviewer.rules.trace import Input, Step

NS = "review.regime."
SH = "review.shanghai."


@dataclass
class Test:
    id: str
    label: str
    value: Decimal
    unit: str
    op: str  # "<" (exempts when met) or ">=" (triggers when met)
    param: ResolvedParameter

    @property
    def met(self) -> bool:
        t = self.param.number
        return self.value < t if self.op == "<" else self.value >= t

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "value": _jsonable(self.value), "unit": self.unit, "op": self.op,
                "threshold": _jsonable(self.param.number), "met": self.met, "parameter": self.param.id,
                "verified": self.param.verified}

    def text(self) -> str:
        return f"{self.label}：{self.value} {self.unit} {self.op} {self.param.number} → {'是' if self.met else '否'}"


def regime_id(params: ParameterStore, day: date) -> str:
    return str(params.get(NS + "current", day).value)


def review_module(sub: Submission, params: ParameterStore, day: date, assessment) -> None:  # noqa: ANN001
    e = assessment.energy
    v = assessment.values
    trace = assessment.trace
    current = params.get(NS + "current", day)
    if current.overridden_from is not None:
        # Thresholds are dated, not keyed by regime: switching the regime alone would mix two regimes' rules.
        raise UserError("不能用 --set 改变适用规章，请用 --date 指定适用日期（规章及其界限随日期一并切换）。",
                        "The regime cannot be overridden with --set; use --date to evaluate under another regime.")
    rid = str(current.value)
    meta = regimes()[rid]
    labels = regimes()["authorities"]
    eq, ev, coal, elec = e.equivalent_tce, e.equal_value_tce, v["coal_t"], v["electricity_kwh"]

    def flag(pid: str) -> bool:
        return bool(params.get(pid, day).value)

    used: list[ResolvedParameter] = [current]
    # -- exemption: every "不满" test must hold ---------------------------------------------------------------
    exempt_tests = [Test("exempt_energy", "年综合能源消费量（当量值）不满", eq, "tce", "<",
                         params.get(NS + "exemption_energy_tce", day))]
    gates = [params.get(NS + "exemption_electricity_test", day), params.get(NS + "exemption_coal_test", day)]
    used += gates
    if gates[0].value:
        exempt_tests.append(Test("exempt_electricity", "年电力消费量不满", elec, "kWh", "<",
                                 params.get(NS + "exemption_electricity_kwh", day)))
    if gates[1].value:
        exempt_tests.append(Test("exempt_coal", "年煤炭消费量不满", coal, "t", "<", params.get(NS + "exemption_coal_t", day)))
    exempt = all(t.met for t in exempt_tests)
    report_required = not exempt
    exemption_reason = "；".join(t.text() for t in exempt_tests) if exempt else ""
    trace.add(Step(key="review.report_required", label="是否应编制节能报告并单独进行节能审查", value=report_required,
                   unit="", formula="R-EXEMPT",
                   inputs=[Input(t.label, t.value, t.unit, f"step: {_step_of(t.id)}") for t in exempt_tests],
                   parameters=used + [t.param for t in exempt_tests],
                   note=f"{meta['exemption_clause']}；各项均“不满”方可不单独审查"))

    # -- level ----------------------------------------------------------------------------------------------
    level_tests: list[Test] = []
    basis: list[str] = []
    authority = "none"
    level_params: list[ResolvedParameter] = []
    if report_required:
        authority = "district"
        ndrc_gate = params.get(NS + "ndrc_applies", day)
        level_params.append(ndrc_gate)
        ndrc_hit = False
        if ndrc_gate.value:
            higher = max(eq, ev)
            ndrc_tests = [Test("ndrc_energy", "年综合能源消费量（等价值、当量值孰高）", higher, "tce", ">=",
                               params.get(NS + "ndrc_energy_tce", day)),
                          Test("ndrc_coal", "年煤炭消费量", coal, "t", ">=", params.get(NS + "ndrc_coal_t", day))]
            level_tests += ndrc_tests
            ndrc_hit = any(t.met for t in ndrc_tests)
            if ndrc_hit:
                authority = "ndrc"
                basis.append(f"{meta.get('ndrc_clause', '')}（限重点领域项目，请核对行业）")
        prov_tests = [Test("provincial_energy", "年综合能源消费量（当量值）", eq, "tce", ">=",
                           params.get(NS + "provincial_energy_tce", day))]
        coal_gate = params.get(NS + "provincial_coal_test", day)
        level_params.append(coal_gate)
        if coal_gate.value:
            prov_tests.append(Test("provincial_coal", "年煤炭消费量", coal, "t", ">=", params.get(NS + "provincial_coal_t", day)))
        split = Test("municipal_split", "上海市、区分级界限：年综合能源消费量（当量值）", eq, "tce", ">=",
                     params.get(SH + "municipal_energy_tce", day))
        level_tests += prov_tests + [split]
        if not ndrc_hit:
            if any(t.met for t in prov_tests):
                authority = "municipal"
                basis.append(meta["provincial_clause"])
            if split.met:
                authority = "municipal"
                basis.append("上海市固定资产投资项目节能审查实施办法（沪府规〔2022〕13号）市级审查界限（待核实）")
            two_high = params.get(NS + "two_high_not_county", day)
            level_params.append(two_high)
            th = policy_data()["two_high"]
            if two_high.value and sub.project.industry_code[:2] in th["industry_codes"]:
                authority = "municipal"
                basis.append(f"“两高”项目（{th['labels'][sub.project.industry_code[:2]]}）审查权限不得下放至区（县）级"
                             f"（令第31号第八条）")
            dc = params.get(SH + "data_centre_municipal", day)
            level_params.append(dc)
            if sub.data_centre is not None and dc.value:
                authority = "municipal"
                basis.append("数据中心项目由市发展改革委审查（沪发改环资建〔2024〕32号）")
            if authority == "district":
                basis.append("未达省（市）级审查界限，由区发展改革委审查（分级界限待核实）")
    trace.add(Step(key="review.authority", label="节能审查机关", value=labels[authority], unit="",
                   formula="R-AUTHORITY",
                   inputs=[Input(t.label, t.value, t.unit, f"step: {_step_of(t.id)}") for t in level_tests],
                   parameters=level_params + [t.param for t in level_tests], note="；".join(basis)))

    carbon_chapter = params.get(NS + "carbon_chapter_required", day)
    all_tests = exempt_tests + level_tests
    unverified = sorted({p.id for p in used + level_params + [t.param for t in all_tests] + [carbon_chapter]
                         if not p.verified})
    if report_required:
        summary = f"应编制节能报告（{meta['short']}），由{labels[authority]}审查"
    else:
        summary = f"不单独进行节能审查（{meta['short']}：{exemption_reason}），按相关节能标准、规范建设"
    if any(t.id == "municipal_split" for t in level_tests) and not params.get(SH + "municipal_energy_tce", day).verified:
        summary += "；市、区分级界限待核实"
    assessment.sections["review"] = {
        "regime": rid,
        "regime_name": meta["name"],
        "regime_short": meta["short"],
        "report_required": report_required,
        "exemption_reason": exemption_reason,
        "authority": authority,
        "authority_label": labels[authority],
        "authority_basis": basis,
        "tests": [t.to_dict() for t in all_tests],
        "unverified": unverified,
        "carbon_chapter_required": bool(carbon_chapter.value) and report_required,
        "carbon_clause": meta["carbon_clause"],
        "summary": summary,
    }
    assessment.values.update(authority=authority, regime=rid, report_required=report_required)


def _step_of(test_id: str) -> str:
    if "coal" in test_id:
        return "energy.coal_t"
    if "electricity" in test_id:
        return "energy.electricity_kwh"
    return "energy.equivalent_tce"
