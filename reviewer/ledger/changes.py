"""变更申请 for 重大变动 (令第31号 第十八条): a request against the opinion in force, decided as 同意变更 (the ledger
moves to the changed figures and the validity runs from the decision, 第十九条) or 重新审查 (a new review; the
ledger moves when the new approval is signed and becomes the version in force).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.archive import audit
from reviewer.archive.models import LedgerChangeRequest, Opinion, Project
from reviewer.errors import Problem, UserError
from reviewer.ledger.budget import industries, towns
from reviewer.ledger.common import D
from reviewer.ledger.entries import in_force_opinion, sync_project

# 重大变动 categories of 令第31号 第十八条 (the text is the legal list; codes are stable identifiers)
CHANGE_TYPES = {
    "builder": ("建设单位", "builder"),
    "site": ("建设地点", "site"),
    "scale": ("建设规模", "scale"),
    "equipment_process": ("主要生产装置、用能设备、工艺技术路线", "main equipment / process route"),
    "product": ("主要产品品种", "main products"),
    "other": ("其他重大变化", "other major change"),
}
OUTCOMES = {"approved_change": ("同意变更", "change approved"), "re_review": ("重新进行节能审查", "new review")}
PROPOSED_KEYS = ("equivalent_tce", "equal_value_tce", "carbon_tco2", "green_power_kwh", "commissioning_year", "town",
                 "industry_code", "name", "builder", "products")


@dataclass
class ChangeOutcome:
    request: LedgerChangeRequest
    ledger_action: str


def _project(session: Session, code: str) -> Project:
    p = session.scalars(select(Project).where(Project.code == code)).first()
    if p is None:
        raise UserError(f"档案库中没有项目代码为 {code} 的项目。", f"No project with code {code}.")
    return p


def validate_proposed(proposed: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for k, v in proposed.items():
        if k not in PROPOSED_KEYS:
            problems.append(Problem("LEDGER-CHANGE-KEY", f"未知的变更字段“{k}”。", f"Unknown change field {k!r}.", field=k))
        elif k in ("equivalent_tce", "equal_value_tce", "carbon_tco2", "green_power_kwh") and v is not None:
            try:
                d = D(v)
                ok = d.is_finite() and d >= 0
            except Exception:  # noqa: BLE001
                ok = False
            if not ok:
                problems.append(Problem("LEDGER-CHANGE-VALUE", f"变更后的 {k} 应为非负数。", f"{k} must be >= 0.",
                                        field=k, found=str(v)))
    if proposed.get("town") and proposed["town"] not in towns():
        problems.append(Problem("LEDGER-CHANGE-TOWN", f"“{proposed['town']}”不是松江区的街镇或园区。",
                                f"{proposed['town']!r} is not a Songjiang town or park.", field="town"))
    if proposed.get("industry_code") and proposed["industry_code"] not in industries():
        problems.append(Problem("LEDGER-CHANGE-INDUSTRY", f"行业代码“{proposed['industry_code']}”不在清单中。",
                                f"Unknown industry code {proposed['industry_code']!r}.", field="industry_code"))
    return problems


def file_change_request(session: Session, code: str, *, change_types: list[str], requested_on: date, actor: str,
                        description: str = "", proposed: dict[str, Any] | None = None) -> LedgerChangeRequest:
    """Register a 变更申请 against the project's opinion in force."""
    project = _project(session, code)
    opinion = in_force_opinion(session, project.id)
    if opinion is None:
        raise UserError(f"项目 {code} 没有有效的审查意见，不能提出变更申请。",
                        f"Project {code} has no opinion in force to change.")
    proposed = {k: v for k, v in (proposed or {}).items() if v not in (None, "")}
    problems = validate_proposed(proposed)
    unknown = [t for t in change_types if t not in CHANGE_TYPES]
    if unknown or not change_types:
        problems.append(Problem("LEDGER-CHANGE-TYPE", f"变动类型应为 {'、'.join(CHANGE_TYPES)} 之一（收到：{unknown or '无'}）。",
                                f"Change type must be one of {', '.join(CHANGE_TYPES)}.", field="change_types"))
    if problems:
        raise UserError("变更申请未登记：输入有误。", "Change request not filed: invalid input.", problems=problems)
    cr = LedgerChangeRequest(project_id=project.id, original_opinion_id=opinion.id, change_types=list(change_types),
                             description=description, requested_on=requested_on,
                             proposed=_jsonable(proposed), status="pending", created_by=actor, decided_by="",
                             decision_reason="")
    session.add(cr)
    session.flush()
    audit.record(session, actor=actor, action="ledger.change.filed", entity="change_request", entity_id=cr.id,
                 reason=description, payload={"project_code": code, "opinion": opinion.doc_number,
                                              "change_types": change_types, "proposed": cr.proposed})
    return cr


def _jsonable(d: dict[str, Any]) -> dict[str, Any]:
    return {k: (float(v) if hasattr(v, "is_finite") else v) for k, v in d.items()}


def decide_change_request(session: Session, request_id: int, *, outcome: str, decided_on: date, actor: str,
                          reason: str, decision_opinion_id: int | None = None,
                          today: date | None = None) -> ChangeOutcome:
    """Decide a pending request: ``approved_change`` moves the ledger now; ``re_review`` leaves it until the new
    approval is signed."""
    cr = session.get(LedgerChangeRequest, request_id)
    if cr is None:
        raise UserError(f"没有编号为 {request_id} 的变更申请。", f"No change request #{request_id}.")
    if cr.status != "pending":
        raise UserError(f"变更申请 {request_id} 已于 {cr.decided_on} 作出决定（{OUTCOMES[cr.status][0]}），不能再次决定。",
                        f"Change request {request_id} was already decided.")
    if outcome not in OUTCOMES:
        raise UserError(f"决定应为 {' / '.join(OUTCOMES)}。", f"Outcome must be one of {', '.join(OUTCOMES)}.")
    if not reason.strip():
        raise UserError("请说明决定理由（--reason）。", "A reason is required (--reason).")
    if decided_on < cr.requested_on:
        raise UserError("决定日期早于申请日期。", "Decision date precedes the request date.")
    project = session.get(Project, cr.project_id)
    if in_force_opinion(session, project.id) is None or in_force_opinion(session, project.id).id != cr.original_opinion_id:
        raise UserError("原审查意见已不是现行有效版本，请针对现行版本重新提出变更申请。",
                        "The original opinion is no longer the version in force; file against the current one.")
    if decision_opinion_id is not None and session.get(Opinion, decision_opinion_id) is None:
        raise UserError(f"没有编号为 {decision_opinion_id} 的文书。", f"No document #{decision_opinion_id}.")
    cr.status, cr.decided_on, cr.decided_by, cr.decision_reason = outcome, decided_on, actor, reason
    cr.decision_opinion_id = decision_opinion_id
    audit.record(session, actor=actor, action=f"ledger.change.{outcome}", entity="change_request", entity_id=cr.id,
                 reason=reason, payload={"project_code": project.code, "decided_on": decided_on.isoformat()})
    session.flush()
    result = sync_project(session, project.id, actor=actor, today=today or decided_on)
    return ChangeOutcome(cr, result.action)


def change_requests(session: Session, code: str | None = None) -> list[LedgerChangeRequest]:
    q = select(LedgerChangeRequest).order_by(LedgerChangeRequest.id)
    if code:
        q = q.where(LedgerChangeRequest.project_id == _project(session, code).id)
    return list(session.scalars(q))


def proposed_from_submission(sub: Any, *, on: date | None = None) -> dict[str, Any]:
    """Changed figures from a revised submission (same format as applications), assessed with the rule engine."""
    from reviewer.ledger.entries import green_power_kwh
    from reviewer.rules.engine import assess
    from reviewer.services import canonical_data

    res = assess(sub, on=on)
    d = res.to_dict()
    carbon = (d.get("carbon") or {}).get("total_tco2") if isinstance(d.get("carbon"), dict) else None
    p = sub.project
    return {"equivalent_tce": float(res.energy.equivalent_tce), "equal_value_tce": float(res.energy.equal_value_tce),
            "carbon_tco2": carbon, "green_power_kwh": float(green_power_kwh(canonical_data(sub))),
            "commissioning_year": p.commissioning_year, "town": p.town, "industry_code": p.industry_code,
            "name": p.name, "builder": p.builder,
            "products": [{"name": x.name, "capacity": float(x.capacity), "unit": x.unit} for x in sub.products]}


def change_sections(session: Session, cr: LedgerChangeRequest) -> list[Any]:
    """Body of the 同意变更 decision document (issued through the opinions service, kind ``change``)."""
    from reviewer.opinion.viewmodel import SectionVM

    op = session.get(Opinion, cr.original_opinion_id)
    kinds = "、".join(CHANGE_TYPES[t][0] for t in cr.change_types)
    labels = {"equivalent_tce": ("年综合能源消费量（当量值）", "吨标准煤"),
              "equal_value_tce": ("年综合能源消费量（等价值）", "吨标准煤"), "carbon_tco2": ("年碳排放总量", "吨二氧化碳"),
              "commissioning_year": ("投产年度", "年"), "town": ("建设地点（街镇/园区）", ""),
              "builder": ("建设单位", ""), "name": ("项目名称", "")}
    changed = [f"{labels[k][0]}调整为{v:,.2f}{labels[k][1]}" if isinstance(v, float) and k.endswith(("tce", "tco2"))
               else f"{labels[k][0]}调整为{v}{labels[k][1] if k == 'commissioning_year' else ''}"
               for k, v in (cr.proposed or {}).items() if k in labels and v not in (None, "")]
    return [
        SectionVM("原审查意见", [f"该项目于{_cn_date(op.issued_on)}取得节能审查意见（{op.doc_number}）。"]),
        SectionVM("变更内容", [f"你单位于{_cn_date(cr.requested_on)}提出变更申请，变动类型：{kinds}。" + _sentence(cr.description)]
                  + ([("；".join(changed)) + "。"] if changed else [])),
        SectionVM("决定", [f"经审查，同意变更。变更后的数值作为项目节能审查验收和运行监管的依据，原审查意见其他内容不变。"
                          f"本决定自印发之日起两年内未开工建设的自动失效（国家发展改革委令第31号第十九条）。",
                          f"理由：{cr.decision_reason}"]),
    ]


def _cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _sentence(text: str) -> str:
    text = (text or "").strip()
    if not text:
        return ""
    return f"变更说明：{text}" + ("" if text.endswith(("。", "！", "？", "；")) else "。")
