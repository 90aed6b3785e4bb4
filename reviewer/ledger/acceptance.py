"""节能验收 / 碳排放核验: actual figures of a built project against the approved caps.

The actual data come in the submission format (JSON via :func:`reviewer.submission.parse.load_json`, or the
applicant workbook via :func:`reviewer.intake.reader.read_workbook`) and are assessed with the coefficients of the
approval's regime date, so approved and actual figures are computed alike. The regime's 10 % rule in force on the
acceptance date (:func:`reviewer.rules.ledger.overrun_rule`) decides the outcome: 令第2号 — 变更申请 when the
actual annual consumption is 10 % or more above the approved level; 令第31号 第二十六条 — 整改 when energy, carbon
or unit-product figures are more than 10 % above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.archive import audit
from reviewer.archive.models import AssessmentRow, LedgerAcceptance, Opinion, Project
from reviewer.domain.model import Submission
from reviewer.errors import UserError, ValidationFailed
from reviewer.ledger.common import D
from reviewer.ledger.entries import KG_PER_T, active_entry, sync_project, version_in_force
from reviewer.rules.ledger import CONSEQUENCE_LABELS, METRIC_LABELS, OverrunRule, overrun_pct, overrun_rule


@dataclass
class CapFigures:
    """Figures compared at acceptance (approved caps or actual values)."""

    energy_equivalent: Decimal | None
    energy_equal_value: Decimal | None
    carbon: Decimal | None
    products: list[dict[str, Any]] = field(default_factory=list)

    def unit_values(self) -> tuple[Decimal | None, Decimal | None, str]:
        """(kgce, kgCO2) per unit of the single main product, and its unit; ``None`` for several products."""
        if len(self.products) != 1 or not self.products[0].get("capacity"):
            return None, None, ""
        cap = D(self.products[0]["capacity"])
        if cap <= 0:
            return None, None, ""
        unit = str(self.products[0].get("unit", ""))
        ue = self.energy_equivalent * KG_PER_T / cap if self.energy_equivalent is not None else None
        uc = self.carbon * KG_PER_T / cap if self.carbon is not None else None
        return ue, uc, unit

    def exact(self) -> dict[str, Fraction | None]:
        """Every metric as an exact fraction (unit-product values are total/capacity without rounding), so the
        10 % edge is decided on exact numbers and never on a truncated quotient."""
        cap = None
        if len(self.products) == 1 and self.products[0].get("capacity") and D(self.products[0]["capacity"]) > 0:
            cap = Fraction(D(self.products[0]["capacity"]))
        f = lambda v: None if v is None else Fraction(v)  # noqa: E731
        return {"energy_equivalent": f(self.energy_equivalent), "energy_equal_value": f(self.energy_equal_value),
                "carbon": f(self.carbon),
                "unit_energy": None if cap is None or self.energy_equivalent is None
                else Fraction(self.energy_equivalent) * int(KG_PER_T) / cap,
                "unit_carbon": None if cap is None or self.carbon is None else Fraction(self.carbon) * int(KG_PER_T) / cap}

    def values(self) -> dict[str, Decimal | None]:
        ue, uc, _ = self.unit_values()
        return {"energy_equivalent": self.energy_equivalent, "energy_equal_value": self.energy_equal_value,
                "carbon": self.carbon, "unit_energy": ue, "unit_carbon": uc}

    def to_dict(self) -> dict[str, Any]:
        return {k: (None if v is None else float(v)) for k, v in self.values().items()} | {"products": self.products}


@dataclass
class MetricComparison:
    metric: str
    label: str
    label_en: str
    unit: str
    approved: Decimal | None
    actual: Decimal | None
    overrun_pct: Decimal | None
    covered: bool  # the regime's rule applies to this metric
    triggered: bool
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        f = lambda v: None if v is None else float(v)  # noqa: E731
        return {"metric": self.metric, "label": self.label, "label_en": self.label_en, "unit": self.unit,
                "approved": f(self.approved), "actual": f(self.actual),
                "overrun_pct": None if self.overrun_pct is None else str(self.overrun_pct.quantize(Decimal("0.0001"))),
                "covered": self.covered, "triggered": self.triggered, "note": self.note}


@dataclass
class Comparison:
    rule: OverrunRule
    rows: list[MetricComparison]

    @property
    def outcome(self) -> str:
        return "overrun" if any(r.triggered for r in self.rows) else "pass"

    @property
    def consequence(self) -> str:
        return self.rule.consequence if self.outcome == "overrun" else ""

    def to_dict(self) -> dict[str, Any]:
        return {"regime": self.rule.regime, "threshold_pct": str(self.rule.threshold_pct),
                "comparison": self.rule.comparison, "metrics": list(self.rule.metrics), "rule": self.rule.describe(),
                "outcome": self.outcome, "consequence": self.consequence,
                "consequence_label": CONSEQUENCE_LABELS[self.consequence][0],
                "rows": [r.to_dict() for r in self.rows],
                "parameters": [p.to_dict() for p in self.rule.parameters]}


def compare(approved: CapFigures, actual: CapFigures, rule: OverrunRule) -> Comparison:
    """Compare every metric; the rule decides which ones count and where the 10 % edge lies. Exact decimals."""
    a_vals, x_vals = approved.values(), actual.values()
    a_ex, x_ex = approved.exact(), actual.exact()
    _, _, a_unit = approved.unit_values()
    _, _, x_unit = actual.unit_values()
    rows: list[MetricComparison] = []
    for metric, (zh, en, unit) in METRIC_LABELS.items():
        ap, ac = a_vals[metric], x_vals[metric]
        note = ""
        if metric.startswith("unit_"):
            unit = unit.replace("单位产品", a_unit or "单位产品")
            if a_unit and x_unit and a_unit != x_unit:
                ap = ac = None
                note = f"产品计量单位不一致（批复 {a_unit}，实际 {x_unit}），未比较"
        pct = exact_pct = None
        if ap is None or ac is None:
            note = note or "缺少批复值或实际值，未比较"
        elif ap <= 0:
            note = "批复值为零，无法计算超出比例"
        else:
            exact_pct = overrun_pct(a_ex[metric], x_ex[metric])
            pct = Decimal(exact_pct.numerator) / Decimal(exact_pct.denominator)
        covered = metric in rule.metrics
        rows.append(MetricComparison(metric, zh, en, unit, ap, ac, pct, covered,
                                     bool(covered and exact_pct is not None and rule.triggered(exact_pct)), note))
    return Comparison(rule, rows)


def load_actual(path: Path) -> Submission:
    """Read actual data in the submission format: ``.json`` or the applicant workbook ``.xlsx``."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise UserError(f"找不到文件 {path}。", f"File not found: {path}.")
    if suffix == ".json":
        from reviewer.submission.parse import load_json

        return load_json(path)
    if suffix in (".xlsx", ".xlsm"):
        from reviewer.intake.reader import read_workbook

        res = read_workbook(path)
        if not res.ok:
            raise ValidationFailed(f"验收数据工作簿 {path.name} 有 {len(res.errors)} 处错误，未导入。",
                                   f"Acceptance workbook {path.name} has {len(res.errors)} errors; nothing imported.",
                                   problems=res.problems)
        return res.submission
    raise UserError(f"不支持的文件类型 {suffix}：请提供 .json 或 .xlsx（与申报数据格式相同）。",
                    f"Unsupported file type {suffix}: give .json or .xlsx (the submission format).")


@dataclass
class AcceptanceResult:
    acceptance: LedgerAcceptance
    comparison: Comparison
    project: Project
    opinion: Opinion


def approved_caps(session: Session, project: Project, today: date) -> tuple[Opinion, CapFigures, Any]:
    sync_project(session, project.id, today=today)
    opinion, change, fig = version_in_force(session, project)
    if opinion is None or active_entry(session, project.id) is None:
        raise UserError(f"项目 {project.code} 没有有效的审查意见（未批复或已失效），不能验收。",
                        f"Project {project.code} has no opinion in force; acceptance is not possible.")
    return opinion, CapFigures(fig.equivalent_tce, fig.equal_value_tce, fig.carbon_tco2, fig.products), change


def actual_caps(actual: Submission, regime_day: date) -> tuple[CapFigures, dict[str, Any]]:
    from reviewer.rules.engine import assess

    res = assess(actual, on=regime_day)
    d = res.to_dict()
    carbon = (d.get("carbon") or {}).get("total_tco2") if isinstance(d.get("carbon"), dict) else None
    products = [{"name": p.name, "capacity": float(p.capacity), "unit": p.unit} for p in actual.products]
    return CapFigures(res.energy.equivalent_tce, res.energy.equal_value_tce, D(carbon), products), d


def run_acceptance(session: Session, code: str, actual: Submission, *, accepted_on: date, actor: str,
                   source_name: str = "") -> AcceptanceResult:
    """Compare, record the acceptance and an audit event (inside the caller's write transaction)."""
    project = session.scalars(select(Project).where(Project.code == code)).first()
    if project is None:
        raise UserError(f"档案库中没有项目代码为 {code} 的项目。", f"No project with code {code}.")
    if actual.project.code != code:
        raise UserError(f"验收数据的项目代码 {actual.project.code} 与所验收项目 {code} 不一致。",
                        f"The acceptance data are for project {actual.project.code}, not {code}.")
    opinion, caps, change = approved_caps(session, project, accepted_on)
    if accepted_on < opinion.issued_on:
        raise UserError("验收日期早于审查意见日期。", "Acceptance date precedes the opinion date.")
    regime_day = opinion.issued_on
    if opinion.assessment_id:
        a = session.get(AssessmentRow, opinion.assessment_id)
        regime_day = a.regime_date if a else regime_day
    actual_fig, assessment = actual_caps(actual, regime_day)
    comp = compare(caps, actual_fig, overrun_rule(accepted_on))
    entry = active_entry(session, project.id)
    row = LedgerAcceptance(
        project_id=project.id, opinion_id=opinion.id, entry_id=entry.id if entry else None, accepted_on=accepted_on,
        regime=comp.rule.regime, source_name=source_name[:255],
        actual={"figures": actual_fig.to_dict(), "approved": caps.to_dict(), "regime_date": regime_day.isoformat(),
                "change_request_id": change.id if change else None,
                "assessment": {"energy": {k: assessment["energy"][k] for k in ("equivalent_tce", "equal_value_tce")},
                               "carbon": assessment.get("carbon")}},
        comparison=comp.to_dict(), outcome=comp.outcome, consequence=comp.consequence, created_by=actor, sha256="")
    session.add(row)
    session.flush()
    audit.record(session, actor=actor, action="ledger.acceptance", entity="acceptance", entity_id=row.id,
                 reason=comp.rule.describe(), payload={"project_code": code, "opinion": opinion.doc_number,
                                                       "outcome": comp.outcome, "consequence": comp.consequence})
    return AcceptanceResult(row, comp, project, opinion)


def acceptances(session: Session, code: str | None = None) -> list[LedgerAcceptance]:
    q = select(LedgerAcceptance).order_by(LedgerAcceptance.id)
    if code:
        q = q.join(Project, Project.id == LedgerAcceptance.project_id).where(Project.code == code)
    return list(session.scalars(q))
