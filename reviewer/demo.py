"""The demo world: a realistic district year for a first run, the manual's screenshots and trying things out.

``seed_demo`` stores the four shipped submissions (``resources/demo/*.json``); :func:`build_world` (``reviewer demo``,
``reviewer gui --demo``, so ``make run``) builds around them: ≥ 12 projects across 街镇, industries and project types, signed approvals,
a rejection, two 不予受理告知书 (outside the district's competence), a pending 补正通知, a completion acceptance with an overrun, a change request, a lapsed opinion and
district budgets for two years with a warning actually reached.

Every document is signed with **demo keys** kept apart from the office's own (``$REVIEWER_HOME/demo-keys/``): the
certificate's holder and CA are named 演示 / DEMO, so the stamp on every demo document reads 演示 DEMO. Their
passphrase :data:`DEMO_PASSPHRASE` is public (README) and is for the demo only. Seeding is idempotent: a second
run stores nothing new (the world is built once, recognised by its first signed approval).
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from reviewer.archive.db import Archive
from reviewer.archive.models import Opinion, Project
from reviewer.paths import data_dir, home
from reviewer.services import StoreResult, store_submission
from reviewer.submission.checks import credit_code_with_check
from reviewer.submission.parse import load_json, submission_from_data
from reviewer.usecases.base import Context
from reviewer.usecases.cases import (EventRequest, ReceiveRequest, ReviewBodyRequest, ReviewRequest, add_review_body,
                                     expert_review, receive_case, record_event)

DEMO_PASSPHRASE = "demo-演示-only"  # public: for the demo keys only, never for a real certificate
DEMO_SIGNER = "演示审查员（DEMO）"
DEMO_ACTOR = "demo"


def demo_files() -> list[Path]:
    return sorted((data_dir("resources") / "demo").glob("*.json"))


def _base(name: str) -> dict[str, Any]:
    return json.loads((data_dir("resources") / "demo" / f"{name}.json").read_text(encoding="utf-8"))


def _variant(base: str, *, code: str, name: str, builder: str, credit: str, town: str, industry: str, ptype: str,
             applied: str, commissioning: int, scale: float = 1.0, **project: Any) -> dict[str, Any]:
    """A submission derived from a shipped one: new identity, place, type and dates; energy scaled by ``scale``."""
    d = copy.deepcopy(_base(base))
    p = d["project"]
    p.update(code=code, name=name, builder=builder, builder_credit_code=credit_code_with_check(credit[:17]), town=town, industry_code=industry,
             project_type=ptype, application_date=applied, commissioning_year=commissioning)
    p.pop("park", None)
    p.update(project)
    for e in d.get("energy", []):
        e["quantity"] = round(e["quantity"] * scale, 2)
    return d


def generated() -> list[dict[str, Any]]:
    """Submissions of the demo world beyond the four shipped files (realistic names, fictitious builders)."""
    out = [
        _variant("electronics", code="2026-310117-38-03-000505", name="某新能源汽车电机控制器生产线技术改造项目",
                 builder="上海某电驱动科技有限公司", credit="91310117MA1N4P6Q8R", town="九亭镇", industry="38",
                 ptype="新建", applied="2026-03-16", commissioning=2028, scale=0.55,
                 description="新建电机控制器装配线2条，年产控制器60万台。"),
        _variant("electronics", code="2026-310117-14-03-000606", name="某食品有限公司烘焙食品生产基地项目",
                 builder="上海某食品有限公司", credit="91310117MA1Q2W3E4T", town="叶榭镇", industry="14",
                 ptype="新建", applied="2026-04-07", commissioning=2027, scale=0.32,
                 description="新建烘焙食品生产线6条，年产烘焙食品3万吨。"),
        _variant("hospital", code="2026-310117-72-01-000707", name="某科创总部办公楼新建工程",
                 builder="上海某置业有限公司", credit="91310117MA1R5T7Y9U", town="广富林街道", industry="72",
                 ptype="新建", applied="2026-01-12", commissioning=2027, scale=0.42,
                 government_invested=False, description="新建甲级办公楼，地上18层。"),
        _variant("electronics", code="2026-310117-29-03-000808", name="某塑料制品企业注塑车间扩建项目",
                 builder="上海某塑胶制品有限公司", credit="91310117MA1T6Y8U0K", town="车墩镇", industry="29",
                 ptype="扩建", applied="2026-06-22", commissioning=2028, scale=0.28,
                 description="扩建注塑车间，新增注塑机40台。"),
        _variant("electronics", code="2026-310117-59-03-000909", name="某物流企业冷链仓储中心项目",
                 builder="上海某供应链管理有限公司", credit="91310117MA1U7K9K1P", town="新桥镇", industry="59",
                 ptype="新建", applied="2026-09-03", commissioning=2027, scale=0.11,
                 description="新建冷链仓库2.4万平方米。年用电约460万千瓦时，综合能耗不足1000吨标准煤。"),
        _variant("hospital", code="2026-310117-83-01-001010", name="某区属九年一贯制学校新建工程",
                 builder="上海市松江区教育局", credit="11310117002487653X", town="泗泾镇", industry="83",
                 ptype="新建", applied="2026-10-15", commissioning=2028, scale=0.18,
                 description="新建九年一贯制学校，54个班。"),
        _variant("hospital", code="2026-310117-70-01-001111", name="某商业综合体新建项目",
                 builder="上海某文旅发展有限公司", credit="91310117MA1W9P1A3K", town="佘山镇", industry="70",
                 ptype="新建", applied="2026-11-02", commissioning=2028, scale=0.6,
                 government_invested=False, description="新建商业综合体，含购物中心与酒店，地上6层。"),
        _variant("electronics", code="2023-310117-34-03-001212", name="某精密机械企业数控机床装配项目",
                 builder="上海某精密机械有限公司", credit="91310117MA1X1K3D5F", town="石湖荡镇", industry="34",
                 ptype="新建", applied="2023-11-20", commissioning=2025, scale=0.45,
                 description="新建数控机床装配车间，年产数控机床1500台。"),
        _variant("electronics", code="2026-310117-26-03-001313", name="某化工企业涂料树脂扩产项目",
                 builder="上海某化工新材料有限公司", credit="91310117MA1Y2D4F6G", town="松江经济技术开发区",
                 industry="26", ptype="扩建", applied="2026-07-08", commissioning=2028, scale=0.7,
                 description="扩建涂料树脂生产装置，年增产能5万吨。"),
    ]
    # a renovation on the increment basis (令第31号 第八条): existing lines count negatively
    reno = _variant("boiler", code="2026-310117-17-02-001414", name="某纺织企业定型机余热回收及电气化改造项目",
                    builder="上海某纺织科技有限公司", credit="91310117MA1K3F5G7H", town="洞泾镇", industry="17",
                    ptype="技术改造", applied="2026-02-09", commissioning=2027,
                    description="燃气定型机改为电加热并配套余热回收，建设地点、主要工艺和设备不变。")
    reno["energy"] = [
        {"carrier": "天然气", "quantity": 180, "unit": "万m³", "existing": True, "note": "改造前定型机用气"},
        {"carrier": "电力", "quantity": 520, "unit": "万kWh", "existing": True, "note": "改造前用电"},
        {"carrier": "天然气", "quantity": 40, "unit": "万m³", "note": "改造后"},
        {"carrier": "电力", "quantity": 1180, "unit": "万kWh", "note": "改造后"},
    ]
    out.append(reno)
    return out


@dataclass
class DemoReport:
    stored: list[StoreResult] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # "kind 文号 project"
    notes: list[str] = field(default_factory=list)
    built: bool = False


# Which project gets which fate (codes of the shipped files and of generated()).
HOSPITAL = "2026-310117-84-01-000101"
ELECTRONICS = "2026-310117-39-03-000202"
BOILER = "2025-310117-44-02-000303"
DATACENTRE = "2026-310117-65-01-000404"
APPROVALS = [  # (code, issued on, construction started on)
    ("2026-310117-72-01-000707", date(2026, 3, 20), date(2026, 5, 10)),   # later: acceptance with an overrun
    ("2026-310117-17-02-001414", date(2026, 4, 8), date(2026, 6, 1)),     # renovation, increment basis
    (ELECTRONICS, date(2026, 7, 2), date(2026, 9, 15)),                   # later: a change request
    (HOSPITAL, date(2026, 4, 21), date(2026, 8, 3)),
    ("2026-310117-14-03-000606", date(2026, 6, 5), None),
    ("2026-310117-38-03-000505", date(2026, 5, 12), date(2026, 10, 8)),
]
LAPSED = ("2023-310117-34-03-001212", date(2024, 1, 22))
# A rejection is the competent body's act (令第31号 第八条): the district rejects a district project; the chemical
# 两高 project is the city's, so the district issues a 不予受理告知书 (《行政许可法》第三十二条第一款第（二）项).
REJECTED = ("2026-310117-70-01-001111", date(2026, 9, 18),
            ["建筑能耗水平未达到本市同类公共建筑能耗标准要求，且未提出可行的节能措施。",
             "项目新增能耗超出所在区域年度能耗增量预算剩余空间，且未落实能耗替代来源。"])
REFERRED = ("2026-310117-26-03-001313", date(2026, 9, 18))
CORRECTION = ("2026-310117-29-03-000808", date(2026, 7, 1),
              ["主要用能设备清单（型号、数量、能效等级）", "产品产量与能耗计算依据", "项目节能报告（编制单位盖章）"])
IN_REVIEW = ("2026-310117-59-03-000909", date(2026, 11, 9), date(2026, 11, 12), date(2026, 11, 16))
DEMO_REVIEW_BODY = "上海某节能技术评审中心（演示 DEMO）"
ACCEPTANCE = ("2026-310117-72-01-000707", date(2026, 11, 20), 1.15)  # actual 15 % above the approved cap
BUDGETS = {  # district incremental budgets (tce 当量值, tce 等价值, tCO2) and a town allocation
    2027: (9000, 20000, 30000),      # ≈ 58 % used + pending: no warning
    2028: (36000, 120000, 125000),   # ≈ 93 % of the 当量值 budget with pending projects: level-2 (orange) warning
}


def _demo_signer():
    """The demo signing identity in ``$REVIEWER_HOME/demo-keys`` (created once, marked 演示 / DEMO)."""
    from reviewer.settings import Settings
    from reviewer.signing import identities
    from reviewer.signing.signer import Pkcs12Signer

    folder = home() / "demo-keys"
    p12 = folder / "demo-reviewer.p12"
    if not p12.exists():
        commission = Settings().commission_name
        identities.init_authority(commission + "（演示 DEMO）", DEMO_PASSPHRASE.encode(), folder=folder, force=True,
                                  common_name="演示签名CA（DEMO，仅供演示）")
        identities.issue(DEMO_SIGNER, DEMO_PASSPHRASE.encode(), DEMO_PASSPHRASE.encode(), out=p12, folder=folder,
                         organisation=commission + "（演示 DEMO）")
    return Pkcs12Signer(p12, DEMO_PASSPHRASE.encode())


def _store(archive: Archive, data: dict[str, Any], source: str) -> StoreResult:
    sub = submission_from_data(data)
    return archive.run_write(lambda s: store_submission(s, sub, source_name=source, source_format="json",
                                                        actor=DEMO_ACTOR))


def seed_demo(archive: Archive | None = None, *, world: bool = False, today: date | None = None) -> list[StoreResult]:
    """Store the four shipped demo submissions (idempotent); with ``world`` the whole demo world (see module doc)."""
    return build_world(archive, world=world, today=today).stored


def build_world(archive: Archive | None = None, *, world: bool = True, today: date | None = None) -> DemoReport:
    archive = archive or Archive()
    rep = DemoReport()
    for path in demo_files():
        sub = load_json(path)
        rep.stored.append(archive.run_write(lambda s, sub=sub, path=path: store_submission(
            s, sub, source_name=path.name, source_format="json", actor=DEMO_ACTOR)))
    if not world:
        return rep
    for data in generated():
        rep.stored.append(_store(archive, data, f"demo-{data['project']['code']}.json"))
    with archive.read() as s:
        done = s.scalar(select(Opinion.id).join(Project).where(Project.code == APPROVALS[0][0]).limit(1))
    if done is not None:
        rep.notes.append("演示文书与台账已存在，未重复写入。Demo documents already present.")
        return rep
    _documents(archive, rep, today or date.today())
    _expert_review(archive, rep)
    rep.built = True
    return rep


def _expert_review(archive: Archive, rep: DemoReport) -> None:
    """One case in expert review: received, 受理 after the materials check, a 评审机构 commissioned (令第31号
    第十五条); the statutory clock stands still while it runs (《行政许可法》第四十五条)."""
    ctx = Context(archive=archive, actor=DEMO_SIGNER)
    code, received, accepted, commissioned = IN_REVIEW
    add_review_body(ctx, request=ReviewBodyRequest(name=DEMO_REVIEW_BODY, note="演示 demo"))
    receive_case(ctx, request=ReceiveRequest(project_code=code, received_on=received, reason="演示 demo"))
    record_event(ctx, request=EventRequest(project_code=code, kind="accepted", on=accepted, reason="演示：材料齐全"))
    expert_review(ctx, request=ReviewRequest(project_code=code, body=DEMO_REVIEW_BODY, commissioned_on=commissioned))
    rep.documents.append(f"case {code}: 专家评审中 / expert review under way ({DEMO_REVIEW_BODY})")


def _documents(archive: Archive, rep: DemoReport, today: date) -> None:
    from reviewer.ledger.acceptance import run_acceptance
    from reviewer.ledger.budget import set_budget
    from reviewer.ledger.changes import file_change_request
    from reviewer.ledger.entries import record_construction_start, sync_all
    from reviewer.opinion.legal import Confirmations, Office, competence
    from reviewer.opinion.service import assessment_dict, latest
    from reviewer.settings import Settings
    from reviewer.usecases.opinions import IssueRequest, issue as issue_opinion

    signer = _demo_signer()
    # The demo signer confirms what rests on unverified parameters (reviewer/opinion/legal.py), as a reviewer must.
    confirm = Confirmations(authority="演示数据 demo：分级界限按演示设定", unverified="演示数据 demo：参数按演示设定")
    cfg = Settings()  # the default office, not the user's settings: the demo never uses the office's numbering
    cfg.reviewer_name = DEMO_SIGNER

    ctx = Context(archive=archive, settings=cfg, actor=DEMO_SIGNER)
    referred: set[str] = set()

    def within(code: str) -> bool:
        """Is the approval this office's to give (令第31号 第八条)? If not, the demo issues the 不予受理告知书."""
        with archive.read() as s:
            _p, sub, a_row = latest(s, code)
            return competence(assessment_dict(sub, a_row), Office.from_settings(cfg)).within

    def issue(code: str, kind: str, day: date, **kw: Any) -> None:
        if kind in ("approval", "rejection") and not within(code):
            kind = "referral"
            referred.add(code)
        doc = issue_opinion(ctx, IssueRequest(project_code=code, kind=kind, signer=signer, issued_on=day,
                                              actor=DEMO_SIGNER, audit_reason="演示数据 demo", appendix=False,
                                              confirmations=confirm, **kw)).value
        rep.documents.append(f"{kind} {doc.doc_number} {code}")

    # budgets first: approvals draw on them
    def budgets(s):  # noqa: ANN001, ANN202
        for year, (eq, ev, co2) in BUDGETS.items():
            set_budget(s, year=year, actor=DEMO_SIGNER, reason="演示：区年度能耗增量与碳排放预算",
                       energy_equivalent_tce=eq, energy_equal_value_tce=ev, carbon_tco2=co2)
            set_budget(s, year=year, town="松江经济技术开发区", actor=DEMO_SIGNER, reason="演示：开发区分配",
                       energy_equivalent_tce=round(eq * 0.4), energy_equal_value_tce=round(ev * 0.4),
                       carbon_tco2=round(co2 * 0.4))
    archive.run_write(budgets)
    events: list[tuple[date, str, str, dict[str, Any]]] = [(LAPSED[1], LAPSED[0], "approval", {})]
    events += [(day, code, "approval", {}) for code, day, _started in APPROVALS]
    events.append((REJECTED[1], REJECTED[0], "rejection", {"reasons": REJECTED[2]}))
    events.append((REFERRED[1], REFERRED[0], "referral", {}))
    events.append((CORRECTION[1], CORRECTION[0], "correction", {"missing_items": CORRECTION[2]}))
    for day, code, kind, kw in sorted(events, key=lambda e: e[0]):  # 文号 follow the issuing dates
        issue(code, kind, day, **kw)

    def ledger(s):  # noqa: ANN001, ANN202
        for code, _day, started in APPROVALS:
            if started and code not in referred:
                record_construction_start(s, code, started, actor=DEMO_SIGNER, reason="演示：建设单位报送开工")
        sync_all(s, actor=DEMO_SIGNER, today=today)  # the 2024 approval never started: lapsed, budget freed
        code, day, factor = ACCEPTANCE
        actual = copy.deepcopy(next(d for d in generated() if d["project"]["code"] == code))
        for e in actual["energy"]:
            e["quantity"] = round(e["quantity"] * factor, 2)
        run_acceptance(s, code, submission_from_data(actual), accepted_on=day, actor=DEMO_SIGNER,
                       source_name="演示-竣工验收实际数据.json")
        # 重大变动 (令第31号 第二十一条): one more line, about +25 % electricity → 5161.80 × 1.25 ≈ 6452.25 tce
        file_change_request(s, ELECTRONICS, change_types=["scale"], requested_on=date(2026, 11, 5),
                            actor=DEMO_SIGNER, description="演示：新增传感器生产线1条，年产能增加300万只。",
                            proposed={"equivalent_tce": 6452.25})
    archive.run_write(ledger)
