"""Shared helpers for the ledger tests: real demo submissions stored through the service layer, and signed approval
opinions written with the ORM (the opinion engineer's signing path is not needed to test the ledger)."""

from __future__ import annotations

import copy
import hashlib
import json
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import select

from reviewer.archive.models import AssessmentRow, Opinion, Project, Submission
from reviewer.services import store_submission
from reviewer.submission.parse import submission_from_data

DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo"


def demo_data(name: str) -> dict:
    return json.loads((DEMO / f"{name}.json").read_text(encoding="utf-8"))


def store(archive, data: dict):
    sub = submission_from_data(copy.deepcopy(data))
    return archive.run_write(lambda s: store_submission(s, sub, source_name="t.json", source_format="json"))


def approve(archive, code: str, issued_on: date, doc_number: str, *, supersedes: int | None = None,
            kind: str = "approval", signed: bool = True) -> int:
    """Write a signed approval opinion for the latest submission/assessment of ``code``; returns its id."""
    return archive.run_write(lambda s: _approve(s, code, issued_on, doc_number, supersedes, kind, signed))


def _approve(s, code, issued_on, doc_number, supersedes, kind, signed) -> int:
    p = s.scalars(select(Project).where(Project.code == code)).one()
    sub = s.scalars(select(Submission).where(Submission.project_id == p.id).order_by(Submission.version.desc())).first()
    a = s.scalars(select(AssessmentRow).where(AssessmentRow.submission_id == sub.id)
                  .order_by(AssessmentRow.id.desc())).first()
    pdf = b"%PDF-1.7 test " + doc_number.encode()
    o = Opinion(project_id=p.id, submission_id=sub.id, assessment_id=a.id, kind=kind, doc_number=doc_number,
                version=1, supersedes_id=supersedes, issued_on=issued_on, signed=signed, signer="审查员",
                signed_at=datetime(issued_on.year, issued_on.month, issued_on.day, 8, tzinfo=timezone.utc),
                pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), view_model={})
    s.add(o)
    p.status = "approved" if kind == "approval" else p.status
    s.flush()
    return o.id


def set_assessment(archive, code: str, *, eq: float, ev: float, co2: float | None) -> None:
    """Pin the latest assessment's totals (for exact hand-calculated ledger arithmetic)."""
    archive.run_write(lambda s: _pin(s, code, eq, ev, co2))


def _pin(s, code, eq, ev, co2) -> None:
    p = s.scalars(select(Project).where(Project.code == code)).one()
    sub = s.scalars(select(Submission).where(Submission.project_id == p.id).order_by(Submission.version.desc())).first()
    a = s.scalars(select(AssessmentRow).where(AssessmentRow.submission_id == sub.id)
                  .order_by(AssessmentRow.id.desc())).first()
    a.equivalent_tce, a.equal_value_tce, a.carbon_tco2 = eq, ev, co2
    p.equivalent_tce, p.equal_value_tce, p.carbon_tco2 = eq, ev, co2


def project_data(base: str, code: str, *, town: str | None = None, industry: str | None = None,
                 year: int | None = None, name: str | None = None) -> dict:
    d = demo_data(base)
    d["project"]["code"] = code
    if town:
        d["project"]["town"] = town
    if industry:
        d["project"]["industry_code"] = industry
    if year:
        d["project"]["commissioning_year"] = year
    if name:
        d["project"]["name"] = name
    return d


DEMO_TODAY = date(2027, 3, 1)

# (base demo, code, town, industry, year, eq, ev, co2, approved_on or None for pending)
DEMO_PROJECTS = [
    ("electronics", "2026-310117-39-03-000202", "松江经济技术开发区", "39", 2028, 5161.80, 11792.76, 17640.0, date(2026, 6, 20)),
    ("hospital", "2026-310117-84-01-000101", "方松街道", "84", 2028, 5822.70, 10392.30, 14280.5, date(2026, 4, 10)),
    ("boiler", "2025-310117-44-02-000303", "车墩镇", "17", 2027, 1465.24, 1700.51, 3620.8, date(2025, 11, 28)),
    ("datacentre", "2026-310117-65-01-000404", "小昆山镇", "65", 2028, 31640.01, 72308.22, 66313.15, date(2026, 9, 30)),
    ("electronics", "2026-310117-39-03-000515", "九亭镇", "39", 2028, 2150.00, 4830.00, 7350.0, date(2026, 8, 12)),
    ("electronics", "2026-310117-39-03-000516", "松江经济技术开发区", "39", 2028, 3900.00, 8700.00, 13100.0, None),
    ("hospital", "2024-310117-84-01-000117", "泗泾镇", "84", 2026, 1800.00, 3400.00, 4300.0, date(2024, 12, 20)),
    ("boiler", "2026-310117-44-02-000318", "车墩镇", "17", 2029, 980.00, 1250.00, 2450.0, date(2026, 11, 5)),
]

DEMO_BUDGETS = [
    # year, town, industry, eq, ev, co2
    (2027, "", "", 30000, 60000, 60000),
    (2028, "", "", 60000, 140000, 140000),
    (2029, "", "", 50000, 110000, 100000),
    (2028, "松江经济技术开发区", "", 12000, 26000, 32000),
    (2028, "方松街道", "", 6000, 12000, 16000),
    (2028, "小昆山镇", "", 30000, 70000, 60000),
    (2028, "九亭镇", "", 3000, 6000, 9000),
    (2028, "", "39", 10000, 22000, 30000),
    (2028, "", "65", 33000, 75000, 70000),
    (2027, "车墩镇", "", 2000, 2500, 5000),
]


def build_demo(archive) -> None:
    """A small district ledger: budgets with one revision, seven approvals, one pending project, one approved
    change, one lapse (approved 2024-12-20, never started: valid until 2026-12-20). Few transactions, for speed."""
    from reviewer.ledger import sync_all
    from reviewer.ledger.budget import set_budget
    from reviewer.ledger.changes import decide_change_request, file_change_request
    from reviewer.ledger.entries import record_construction_start

    def budgets(s):
        for y, town, ind, eq, ev, co2 in DEMO_BUDGETS:
            set_budget(s, year=y, town=town, industry_code=ind, actor="区发改委", reason="区政府下达年度新增能耗和碳排放预算",
                       energy_equivalent_tce=eq, energy_equal_value_tce=ev, carbon_tco2=co2)
        set_budget(s, year=2028, actor="区发改委", reason="市里追加数据中心能耗空间", energy_equivalent_tce=62000)

    archive.run_write(budgets)

    def projects(s):
        for n, (base, code, town, ind, year, eq, ev, co2, approved_on) in enumerate(DEMO_PROJECTS, start=1):
            sub = submission_from_data(project_data(base, code, town=town, industry=ind, year=year))
            store_submission(s, sub, source_name="t.json", source_format="json")
            _pin(s, code, eq, ev, co2)
            if approved_on:
                _approve(s, code, approved_on, f"松发改能审〔{approved_on.year}〕{n}号", None, "approval", True)

    archive.run_write(projects)

    def after(s):
        sync_all(s, today=date(2026, 11, 30))
        for code, day in (("2026-310117-39-03-000202", date(2026, 9, 1)), ("2026-310117-84-01-000101", date(2026, 7, 1)),
                          ("2026-310117-65-01-000404", date(2026, 12, 1))):
            record_construction_start(s, code, day, actor="区发改委")
        cr = file_change_request(
            s, "2025-310117-44-02-000303", change_types=["equipment_process"], requested_on=date(2026, 5, 6),
            actor="区发改委", description="燃煤锅炉改为天然气锅炉",
            proposed={"equivalent_tce": 1210.40, "equal_value_tce": 1420.66, "carbon_tco2": 2650.2})
        decide_change_request(s, cr.id, outcome="approved_change", decided_on=date(2026, 6, 1), actor="区发改委",
                              reason="工艺路线变化，能耗与排放下降")
        sync_all(s, today=DEMO_TODAY)

    archive.run_write(after)
