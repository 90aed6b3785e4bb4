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
from reviewer.rules.reference import (is_industrial, policy_data, regimes, simple_energy_candidate, simple_energy_sector,
                                      two_high_sector)
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
    exact: Decimal | None = None  # unrounded value compared with the limit (GB/T 8170-2008 §4.3 全数值比较法)

    @property
    def met(self) -> bool:
        t = self.param.number
        v = self.value if self.exact is None else self.exact
        return v < t if self.op == "<" else v >= t

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "label": self.label, "value": _jsonable(self.value),
                "value_exact": _jsonable(self.value if self.exact is None else self.exact), "unit": self.unit, "op": self.op,
                "threshold": _jsonable(self.param.number), "met": self.met, "parameter": self.param.id,
                "verified": self.param.verified}

    def text(self) -> str:
        return f"{self.label}：{self.value} {self.unit} {self.op} {self.param.number} → {'是' if self.met else '否'}"


def regime_id(params: ParameterStore, day: date) -> str:
    return str(params.get(NS + "current", day).value)


def review_module(sub: Submission, params: ParameterStore, day: date, assessment) -> None:  # noqa: ANN001
    """Report requirement and authority. ``day`` is the substantive day (transition rule); the legal basis and the
    procedure follow the decision date (corrections.md A2)."""
    current = params.get(NS + "current", day)
    if current.overridden_from is not None:
        # Thresholds are dated, not keyed by regime: switching the regime alone would mix two regimes' rules.
        raise UserError("不能用 --set 改变适用规章，请用 --date 指定适用日期（规章及其界限随日期一并切换）。",
                        "The regime cannot be overridden with --set; use --date to evaluate under another regime.")
    decided = assessment.decision_date or day
    procedure = params.get(NS + "current", decided)
    rid, pid = str(current.value), str(procedure.value)
    meta, pmeta = regimes()[rid], regimes()[pid]
    labels = regimes()["authorities"]

    exempt_tests, used, exemption_reason = _exemption(sub, params, day, assessment, meta)
    report_required = not exemption_reason
    level_tests, level_params, authority, basis, depends = _authority(sub, params, day, assessment, meta,
                                                                     report_required)
    body = _competent_body(sub, params, day, authority, level_params)

    carbon_chapter = params.get(NS + "carbon_chapter_required", decided)
    all_tests = exempt_tests + level_tests
    unverified = sorted({p.id for p in used + level_params + [t.param for t in all_tests] + [carbon_chapter]
                         if not p.verified})
    authority_unverified = sorted({p.id for p in depends if not p.verified})
    if report_required:
        summary = f"应编制节能报告（{pmeta['short']}），由{body}审查"
    else:
        summary = f"不单独进行节能审查（{pmeta['short']}：{exemption_reason}），按相关节能标准、规范建设"
    if authority_unverified:
        summary += "；审查机关取决于未核实参数，须确认"
    assessment.sections["review"] = {
        "regime": pid,
        "regime_name": pmeta["name"],
        "regime_short": pmeta["short"],
        "procedure_regime": pid,
        "substantive_regime": rid,
        "substantive_regime_short": meta["short"],
        "transition_rule": assessment.transition_rule,
        "decision_date": decided.isoformat(),
        "substantive_date": day.isoformat(),
        "report_required": report_required,
        "exemption_reason": exemption_reason,
        "authority": authority,
        "authority_label": labels[authority],
        "competent_body": body,
        "authority_basis": basis,
        "authority_unverified": authority_unverified,
        "tests": [t.to_dict() for t in all_tests],
        "unverified": unverified,
        "carbon_chapter_required": bool(carbon_chapter.value) and report_required,
        "carbon_clause": pmeta["carbon_clause"],
        "two_high": assessment.values.get("two_high_sector"),
        "simple_sector_list": _simple_sector_list(sub),
        "summary": summary,
    }
    assessment.values.update(authority=authority, regime=rid, report_required=report_required)


def _exemption(sub: Submission, params: ParameterStore, day: date, assessment, meta: dict  # noqa: ANN001
               ) -> tuple[list[Test], list[ResolvedParameter], str]:
    """令第31号 第八条 第二款: every "不满" test holds, or the project is 涉密, or its sector is on the NDRC list.
    Returns (tests, parameters read, exemption reason — empty when a report is required)."""
    e, v, trace = assessment.energy, assessment.values, assessment.trace
    exempt_tests = [Test("exempt_energy", "年综合能源消费量（当量值）不满", e.equivalent_tce, "tce", "<",
                         params.get(NS + "exemption_energy_tce", day), exact=e.equivalent_exact)]
    gates = [params.get(NS + "exemption_electricity_test", day), params.get(NS + "exemption_coal_test", day)]
    if gates[0].value:
        exempt_tests.append(Test("exempt_electricity", "年电力消费量不满", v["electricity_kwh"], "kWh", "<",
                                 params.get(NS + "exemption_electricity_kwh", day)))
    if gates[1].value:
        exempt_tests.append(Test("exempt_coal", "年煤炭消费量不满", v["coal_t"], "t", "<",
                                 params.get(NS + "exemption_coal_t", day)))
    classified_p = params.get(NS + "exemption_classified", day)
    simple_p = params.get(NS + "exemption_simple_sector", day)
    confirmed_p = params.get(NS + "simple_sector_confirmed", day)
    used = [params.get(NS + "current", day), *gates, classified_p, simple_p, confirmed_p]
    reason = ""
    if all(t.met for t in exempt_tests):
        reason = "；".join(t.text() for t in exempt_tests)
    elif classified_p.value and sub.project.classified:
        reason = "涉及国家秘密的项目（令第31号第八条）"
    elif simple_p.value and simple_energy_sector(sub.project.industry_code):
        reason = "属用能工艺简单、节能潜力小的行业（令第31号第八条，国家发展改革委行业目录）"
    elif simple_p.value and confirmed_p.value:
        why = str(assessment.choices.get("simple_sector_reason") or "").strip()
        reason = f"审查机关认定属用能工艺简单、节能潜力小的行业（令第31号第八条）：{why}"
    trace.add(Step(key="review.report_required", label="是否应编制节能报告并单独进行节能审查", value=not reason,
                   unit="", formula="R-EXEMPT",
                   inputs=[Input(t.label, t.value, t.unit, f"step: {_step_of(t.id)}") for t in exempt_tests]
                   + [Input("涉及国家秘密", sub.project.classified, "", "submission: project.classified")],
                   parameters=used + [t.param for t in exempt_tests],
                   note=f"{meta['exemption_clause']}；各项均“不满”方可不单独审查；界限比较未修约值（GB/T 8170-2008 4.3）"))
    return exempt_tests, used, reason


def _simple_sector_list(sub: Submission) -> dict[str, Any]:
    """The state of the NDRC simple-energy sector list (corrections.md A6): reported, because its emptiness matters —
    no project is exempt on this ground by itself; a candidate of the older, unverified list is shown only."""
    d = policy_data()["simple_energy_sectors"]
    return {"entries": len(d["prefixes"]), "empty": not d["prefixes"], "verified": bool(d["verified"]),
            "as_of": d["as_of"].isoformat(), "status": d["list_status"], "clause": d["clause"],
            "candidate": simple_energy_candidate(sub.project.industry_code), "candidate_source": d["candidate_source"]}


def _authority(sub: Submission, params: ParameterStore, day: date, assessment, meta: dict,  # noqa: ANN001
               report_required: bool) -> tuple[list[Test], list[ResolvedParameter], str, list[str],
                                                list[ResolvedParameter]]:
    """Authority level: NDRC (第九条), provincial/municipal (第八条, the Shanghai split, “两高”, data centres) or district.
    Also returns the parameters the result depends on (for ``review.authority_unverified``)."""
    e, v, trace = assessment.energy, assessment.values, assessment.trace
    eq, ev, coal = e.equivalent_tce, e.equal_value_tce, v["coal_t"]
    tests: list[Test] = []
    basis: list[str] = []
    level_params: list[ResolvedParameter] = []
    depends: list[ResolvedParameter] = []
    authority = "none"
    sector = two_high_sector(sub.project.industry_code)
    floor = params.find(NS + "two_high_min_tce", day)  # None before Shanghai's list (2021)
    is_two_high = sector is not None and floor is not None and e.equivalent_exact >= floor.number
    v["two_high_sector"] = sector if is_two_high else None
    if report_required:
        authority = "district"
        ndrc_gate = params.get(NS + "ndrc_applies", day)
        level_params.append(ndrc_gate)
        ndrc_hit = False
        if ndrc_gate.value:
            higher, higher_x = max((eq, e.equivalent_exact), (ev, e.equal_value_exact))
            ndrc_tests = [Test("ndrc_energy", "年综合能源消费量（等价值、当量值孰高）", higher, "tce", ">=",
                               params.get(NS + "ndrc_energy_tce", day), exact=higher_x),
                          Test("ndrc_coal", "年煤炭消费量", coal, "t", ">=", params.get(NS + "ndrc_coal_t", day))]
            tests += ndrc_tests
            ndrc_hit = any(t.met for t in ndrc_tests)
            if ndrc_hit:
                authority = "ndrc"
                basis.append(f"{meta.get('ndrc_clause', '')}（限重点领域项目，请核对行业）")
        prov_tests = [Test("provincial_energy", "年综合能源消费量（当量值）", eq, "tce", ">=",
                           params.get(NS + "provincial_energy_tce", day), exact=e.equivalent_exact)]
        coal_gate = params.get(NS + "provincial_coal_test", day)
        level_params.append(coal_gate)
        if coal_gate.value:
            prov_tests.append(Test("provincial_coal", "年煤炭消费量", coal, "t", ">=", params.get(NS + "provincial_coal_t", day)))
        split_p = params.get(SH + "municipal_energy_tce", day)
        split = Test("municipal_split", "上海市、区分级界限：年综合能源消费量（当量值）", eq, "tce", ">=", split_p,
                     exact=e.equivalent_exact)
        tests += prov_tests + [split]
        if ndrc_hit:
            depends += [t.param for t in ndrc_tests if t.met]
        else:
            authority = _municipal_grounds(sub, params, day, meta, prov_tests, split, sector, floor, is_two_high,
                                           basis, level_params, depends)
    trace.add(Step(key="review.authority", label="节能审查机关", value=regimes()["authorities"][authority], unit="",
                   formula="R-AUTHORITY",
                   inputs=[Input(t.label, t.value, t.unit, f"step: {_step_of(t.id)}") for t in tests],
                   parameters=level_params + [t.param for t in tests], note="；".join(basis)))
    return tests, level_params, authority, basis, depends


def _municipal_grounds(sub: Submission, params: ParameterStore, day: date, meta: dict, prov_tests: list[Test], split: Test,
                       sector: str | None, floor: ResolvedParameter | None, is_two_high: bool, basis: list[str],
                       level_params: list[ResolvedParameter], depends: list[ResolvedParameter]) -> str:
    """Municipal or district below the NDRC line: the provincial tests (第八条), the Shanghai split (unverified),
    “两高” (not delegated to county level, 第八条) and data centres. Appends to ``basis``, ``level_params`` and
    ``depends`` (the parameters the authority rests on)."""
    authority = "district"
    grounds: list[list[ResolvedParameter]] = []  # parameters of each ground that makes it municipal
    if any(t.met for t in prov_tests):
        authority = "municipal"
        grounds.append([t.param for t in prov_tests if t.met])
        basis.append(meta["provincial_clause"])
    if split.met:
        authority = "municipal"
        grounds.append([split.param])
        basis.append("上海市固定资产投资项目节能审查实施办法（沪府规〔2022〕13号）市级审查界限（待核实）")
    two_high = params.get(NS + "two_high_not_county", day)
    level_params += [two_high, *([floor] if floor else [])]
    if two_high.value and is_two_high:
        authority = "municipal"
        grounds.append([two_high, floor])  # type: ignore[list-item]  # floor set when is_two_high
        basis.append(f"“两高”项目（{sector}，年综合能源消费量 ≥ {floor.number} tce，沪发改环资〔2021〕74号）"  # type: ignore[union-attr]
                     f"审查权限不得下放至区（县）级（令第31号第八条）")
    dc = params.get(SH + "data_centre_municipal", day)
    level_params.append(dc)
    if sub.data_centre is not None and dc.value:
        authority = "municipal"
        grounds.append([dc])
        basis.append("数据中心项目由市发展改革委审查（沪发改环资建〔2024〕32号）")
    if authority == "district":
        # Below every line: the district's competence rests on each of them, the unverified split included.
        depends += [t.param for t in prov_tests] + [split.param, two_high, *([floor] if floor else [])]
        basis.append("未达省（市）级审查界限，由区发展改革委审查（分级界限待核实）")
    else:
        firm = [g for g in grounds if all(p.verified for p in g)]
        depends += firm[0] if firm else [p for g in grounds for p in g]
    return authority


def _competent_body(sub: Submission, params: ParameterStore, day: date, authority: str,
                    level_params: list[ResolvedParameter]) -> str:
    """The reviewing body's name: at municipal level 市经信委 for industrial projects when
    ``review.shanghai.industrial_body`` says so (沪发改规范〔2023〕7号, corrections.md A4), else the authority label."""
    if authority != "municipal":
        return regimes()["authorities"][authority]
    body = params.get(SH + "industrial_body", day)
    level_params.append(body)
    bodies = regimes()["bodies"]
    if body.value == "sheitc" and is_industrial(sub.project.industry_code) and sub.data_centre is None:
        return bodies["sheitc_municipal"]
    return bodies["fgw_municipal"]


def _step_of(test_id: str) -> str:
    if "coal" in test_id:
        return "energy.coal_t"
    if "electricity" in test_id:
        return "energy.electricity_kwh"
    return "energy.equivalent_tce"
