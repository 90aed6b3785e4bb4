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

    def fn(s):
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

    return archive.run_write(fn)


def set_assessment(archive, code: str, *, eq: float, ev: float, co2: float | None) -> None:
    """Pin the latest assessment's totals (for exact hand-calculated ledger arithmetic)."""

    def fn(s):
        p = s.scalars(select(Project).where(Project.code == code)).one()
        sub = s.scalars(select(Submission).where(Submission.project_id == p.id).order_by(Submission.version.desc())).first()
        a = s.scalars(select(AssessmentRow).where(AssessmentRow.submission_id == sub.id)
                      .order_by(AssessmentRow.id.desc())).first()
        a.equivalent_tce, a.equal_value_tce, a.carbon_tco2 = eq, ev, co2
        p.equivalent_tce, p.equal_value_tce, p.carbon_tco2 = eq, ev, co2

    archive.run_write(fn)


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
