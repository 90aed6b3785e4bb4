"""Ledger entries follow the opinion version in force.

For each project the version in force is the latest signed approval (``Opinion.kind == "approval"``,
``signed``) that no other signed opinion supersedes, with every 同意变更 decided on it applied in order. The entry
copies what that version draws on the budget of its commissioning year: 当量值 and 等价值 tce and tCO2 from the
assessment the opinion was issued on, and green power (外购绿电) and green certificates (绿证) shown separately and
deducted when the district's energy intensity is assessed (区级双碳工作要点 task 51: "将绿电绿证消费量从能耗强度考核
范围内扣除").

:func:`sync_project` is idempotent: when the version in force is unchanged nothing is written; otherwise the active
entry is closed as ``superseded`` and a new one drawn, with an audit event. :func:`apply_lapses` marks entries whose
opinion lapsed (令第31号 第十九条: not started within 2 years) as ``lapsed``, which frees the budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.archive import audit
from reviewer.archive.models import (AssessmentRow, LedgerChangeRequest, LedgerEntry, Opinion, Project,
                                     Submission as SubmissionRow)
from reviewer.errors import UserError
from reviewer.ledger.common import D, serialise
from reviewer.rules.ledger import store, valid_until

ACTIVE, SUPERSEDED, LAPSED, RELEASED = "active", "superseded", "lapsed", "released"
STATUS_LABELS = {ACTIVE: "有效（占用预算）", SUPERSEDED: "已被新版本替代", LAPSED: "已失效（释放预算）",
                 RELEASED: "已释放"}
ORIGIN_LABELS = {"opinion": "审查意见", "change": "同意变更", "imported": "导入"}
GREEN_POWER = "green_power"
KWH = "kWh"
KG_PER_T = Decimal(1000)  # unit definition


@dataclass
class Figures:
    """What a project version draws: the approved caps and attributes the ledger needs."""

    equivalent_tce: Decimal
    equal_value_tce: Decimal
    carbon_tco2: Decimal | None
    year: int
    town: str
    industry_code: str
    name: str
    builder: str
    green_power_kwh: Decimal = Decimal(0)
    products: list[dict[str, Any]] = field(default_factory=list)  # name, capacity, unit (for unit-product caps)
    notes: list[str] = field(default_factory=list)


def in_force_opinion(session: Session, project_id: int) -> Opinion | None:
    """Latest signed approval of the project not superseded by another signed opinion.

    Reads three columns of the project's signed opinions (a chain of corrections grows with every issue) and loads
    only the row chosen."""
    signed = session.execute(select(Opinion.id, Opinion.kind, Opinion.supersedes_id)
                             .where(Opinion.project_id == project_id, Opinion.signed.is_(True))
                             .order_by(Opinion.issued_on, Opinion.id)).all()
    superseded = {sup for _id, _kind, sup in signed if sup}
    approvals = [oid for oid, kind, _sup in signed if kind == "approval" and oid not in superseded]
    return session.get(Opinion, approvals[-1]) if approvals else None


def approved_changes(session: Session, opinion_id: int) -> list[LedgerChangeRequest]:
    return list(session.scalars(select(LedgerChangeRequest).where(
        LedgerChangeRequest.original_opinion_id == opinion_id, LedgerChangeRequest.status == "approved_change")
        .order_by(LedgerChangeRequest.decided_on, LedgerChangeRequest.id)))


def _assessment_for(session: Session, opinion: Opinion) -> tuple[AssessmentRow | None, SubmissionRow | None]:
    if opinion.assessment_id:
        a = session.get(AssessmentRow, opinion.assessment_id)
        return a, session.get(SubmissionRow, a.submission_id) if a else None
    sub_id = opinion.submission_id
    if sub_id is None:
        sub_id = session.scalar(select(SubmissionRow.id).where(SubmissionRow.project_id == opinion.project_id)
                                .order_by(SubmissionRow.version.desc()).limit(1))
    if sub_id is None:
        return None, None
    a = session.scalars(select(AssessmentRow).where(AssessmentRow.submission_id == sub_id)
                        .order_by(AssessmentRow.id.desc()).limit(1)).first()
    return a, session.get(SubmissionRow, sub_id)


def green_power_kwh(submission_data: dict[str, Any] | None) -> Decimal:
    """外购绿电 kWh declared in a submission: energy items with source ``green_power``; for a data centre without
    such items, its declared green-power share of purchased electricity."""
    if not submission_data:
        return Decimal(0)
    from reviewer.rules.reference import carrier, convert

    total = Decimal(0)
    purchased_elec = Decimal(0)
    for i, item in enumerate(submission_data.get("energy") or []):
        try:
            c = carrier(str(item.get("carrier")))
        except UserError:
            continue
        if c.category != "electricity":
            continue
        kwh = convert(D(item.get("quantity") or 0), str(item.get("unit")), KWH, f"energy[{i}].unit")
        if item.get("source") == GREEN_POWER:
            total += kwh
        elif item.get("source", "purchased") == "purchased" and not item.get("existing"):
            purchased_elec += kwh
    dc = submission_data.get("data_centre") or {}
    if total == 0 and dc.get("green_power_share") not in (None, ""):
        total = purchased_elec * D(dc["green_power_share"])
    return total


def _engine_green_power(a: AssessmentRow | None, data: dict[str, Any] | None) -> Decimal:
    """外购绿电 counted in ONE place: the rule engine's ``energy.green_power_kwh`` of the assessment the opinion was
    issued on (issue 12); only an opinion without an assessment falls back to the submission's declaration."""
    if a is not None:
        figure = (a.result or {}).get("energy", {}).get("green_power_kwh")
        if figure is None and getattr(a, "result_z", None) is not None:  # compact rows keep the result packed
            figure = a.full_result().get("energy", {}).get("green_power_kwh")
        if figure is not None:
            return D(figure)
    return green_power_kwh(data)


def figures_for_opinion(session: Session, opinion: Opinion) -> Figures:
    project = session.get(Project, opinion.project_id)
    a, sub = _assessment_for(session, opinion)
    notes: list[str] = []
    if a is not None:
        eq, ev, co2 = D(a.equivalent_tce), D(a.equal_value_tce), D(a.carbon_tco2)
    else:
        eq, ev, co2 = D(project.equivalent_tce or 0), D(project.equal_value_tce or 0), D(project.carbon_tco2)
        notes.append("审查意见未关联测算结果，按项目登记数值计入")
    data = sub.data if sub is not None else None
    pdata = (data or {}).get("project", {})
    year = pdata.get("commissioning_year") or project.commissioning_year
    if not year:
        year = opinion.issued_on.year
        notes.append("未填报投产年份，按审查意见印发年度计入")
    products = [{"name": p.get("name", ""), "capacity": p.get("capacity"), "unit": p.get("unit", "")}
                for p in (data or {}).get("products", [])]
    return Figures(equivalent_tce=eq, equal_value_tce=ev, carbon_tco2=co2, year=int(year),
                   town=pdata.get("town") or project.town, industry_code=pdata.get("industry_code") or project.industry_code,
                   name=pdata.get("name") or project.name, builder=pdata.get("builder") or project.builder,
                   green_power_kwh=_engine_green_power(a, data), products=products, notes=notes)


def apply_change(fig: Figures, proposed: dict[str, Any]) -> Figures:
    """Figures after a 同意变更: every key present in ``proposed`` replaces the approved value."""
    out = Figures(**{**fig.__dict__, "products": list(fig.products), "notes": list(fig.notes)})
    for k in ("equivalent_tce", "equal_value_tce", "carbon_tco2", "green_power_kwh"):
        if proposed.get(k) is not None:
            setattr(out, k, D(proposed[k]))
    if proposed.get("commissioning_year"):
        out.year = int(proposed["commissioning_year"])
    for k, attr in (("town", "town"), ("industry_code", "industry_code"), ("name", "name"), ("builder", "builder")):
        if proposed.get(k):
            setattr(out, attr, str(proposed[k]))
    if proposed.get("products"):
        out.products = list(proposed["products"])
    return out


def version_in_force(session: Session, project: Project) -> tuple[Opinion | None, LedgerChangeRequest | None, Figures | None]:
    opinion = in_force_opinion(session, project.id)
    if opinion is None:
        return None, None, None
    fig = figures_for_opinion(session, opinion)
    last: LedgerChangeRequest | None = None
    for cr in approved_changes(session, opinion.id):
        fig = apply_change(fig, cr.proposed or {})
        last = cr
    return opinion, last, fig


def _tce(kwh: Decimal, coef_kgce_per_kwh: Decimal, step: Decimal) -> Decimal:
    from reviewer.rules.energy import quantize

    return quantize(kwh * coef_kgce_per_kwh / KG_PER_T, step)


def active_entry(session: Session, project_id: int, *, include_imported: bool = True) -> LedgerEntry | None:
    q = select(LedgerEntry).where(LedgerEntry.project_id == project_id, LedgerEntry.status == ACTIVE)
    if not include_imported:
        q = q.where(LedgerEntry.origin != "imported")
    return session.scalars(q.order_by(LedgerEntry.id.desc()).limit(1)).first()


def _imported_active(session: Session, project: Project) -> list[LedgerEntry]:
    return list(session.scalars(select(LedgerEntry).where(LedgerEntry.project_code == project.code,
                                                          LedgerEntry.status == ACTIVE,
                                                          LedgerEntry.origin == "imported")))


def _latest_entry(session: Session, project_id: int) -> LedgerEntry | None:
    return session.scalars(select(LedgerEntry).where(LedgerEntry.project_id == project_id)
                           .order_by(LedgerEntry.id.desc()).limit(1)).first()


@dataclass
class SyncResult:
    project_code: str
    action: str  # unchanged | drawn | moved | released | lapsed_kept | none
    entry_id: int | None = None
    previous_entry_id: int | None = None




def sync_project(session: Session, project_id: int, *, actor: str = "system", today: date | None = None) -> SyncResult:
    """Bring the project's ledger entry in line with the version in force (inside the caller's transaction)."""
    today = today or date.today()
    serialise(session)
    project = session.get(Project, project_id)
    if project is None:
        raise UserError(f"档案库中没有编号为 {project_id} 的项目。", f"No project #{project_id}.")
    opinion, change, fig = version_in_force(session, project)
    current = active_entry(session, project_id, include_imported=False)  # imported history is not re-derived
    if opinion is None:
        if current is None:
            return SyncResult(project.code, "none")
        _close(current, RELEASED, today, "无有效的审查意见 / no opinion in force")
        audit.record(session, actor=actor, action="ledger.release", entity="ledger_entry", entity_id=current.id,
                     reason="无有效的审查意见", payload={"project_code": project.code})
        return SyncResult(project.code, "released", None, current.id)
    change_id = change.id if change else None
    if current is not None and current.opinion_id == opinion.id and current.change_request_id == change_id:
        return SyncResult(project.code, "unchanged", current.id)
    latest = _latest_entry(session, project_id)
    if latest is not None and latest.origin == "imported":
        latest = None
    if current is None and latest is not None and latest.status == LAPSED and latest.opinion_id == opinion.id \
            and latest.change_request_id == change_id:
        return SyncResult(project.code, "lapsed_kept", None, latest.id)
    base = change.decided_on if change and change.decided_on else opinion.issued_on
    prev = current or latest
    started = prev.construction_started_on if prev else None
    green_cert = D(prev.green_certificate_kwh) if prev else Decimal(0)
    entry = _new_entry(project, opinion, change, fig, base, started, green_cert)
    entry.energy_source = prev.energy_source if prev else ""
    session.add(entry)
    session.flush()
    action = "drawn"
    for old in _imported_active(session, project):  # an opinion in the archive replaces the imported record
        _close(old, SUPERSEDED, today, f"被第 {entry.id} 号台账记录替代（档案库中的审查意见 {entry.doc_number}）")
    if current is not None:
        _close(current, SUPERSEDED, today, f"被第 {entry.id} 号台账记录替代（{ORIGIN_LABELS[entry.origin]} {entry.doc_number}）")
        action = "moved"
    audit.record(session, actor=actor, action=f"ledger.{'move' if current else 'draw'}", entity="ledger_entry",
                 entity_id=entry.id, reason="; ".join(fig.notes),
                 payload={"project_code": project.code, "opinion": opinion.doc_number, "change_request": change_id,
                          "year": entry.year, "equivalent_tce": entry.equivalent_tce,
                          "equal_value_tce": entry.equal_value_tce, "carbon_tco2": entry.carbon_tco2,
                          "previous_entry": current.id if current else None})
    return SyncResult(project.code, action, entry.id, current.id if current else None)


def _new_entry(project: Project, opinion: Opinion, change: LedgerChangeRequest | None, fig: Figures, base: date,
               started: date | None, green_cert_kwh: Decimal) -> LedgerEntry:
    g_eq, g_ev = green_deductions(fig.green_power_kwh + green_cert_kwh, base)
    return LedgerEntry(
        project_id=project.id, opinion_id=opinion.id, change_request_id=change.id if change else None,
        project_code=project.code, project_name=fig.name, builder=fig.builder, town=fig.town,
        industry_code=fig.industry_code, year=fig.year, doc_number=opinion.doc_number, approved_on=base,
        valid_until=valid_until(base), construction_started_on=started,
        equivalent_tce=float(fig.equivalent_tce), equal_value_tce=float(fig.equal_value_tce),
        carbon_tco2=None if fig.carbon_tco2 is None else float(fig.carbon_tco2),
        green_power_kwh=float(fig.green_power_kwh), green_certificate_kwh=float(green_cert_kwh),
        green_deduction_equivalent_tce=float(g_eq), green_deduction_equal_value_tce=float(g_ev),
        energy_source="", origin="change" if change else "opinion", status=ACTIVE, closed_reason="")


def green_deductions(kwh: Decimal, day: date) -> tuple[Decimal, Decimal]:
    """Green power + certificates (kWh) in tce, 当量值 and 等价值, at the electricity coefficients in force on ``day``
    (rounded like every energy item, to the rounding step)."""
    ps = store()
    step = ps.number("energy.coefficients.rounding_tce", day)
    return (_tce(kwh, ps.number("energy.coefficients.electricity_equivalent", day), step),
            _tce(kwh, ps.number("energy.coefficients.electricity_equal_value", day), step))


def _close(entry: LedgerEntry, status: str, day: date, reason: str) -> None:
    entry.status = status
    entry.closed_on = day
    entry.closed_reason = reason


def sync_all(session: Session, *, actor: str = "system", today: date | None = None) -> list[SyncResult]:
    """Sync every project that has a signed opinion or a ledger entry, then apply lapses."""
    today = today or date.today()
    ids = set(session.scalars(select(Opinion.project_id).where(Opinion.signed.is_(True)).distinct()))
    ids |= set(session.scalars(select(LedgerEntry.project_id).where(LedgerEntry.project_id.is_not(None)).distinct()))
    results = [sync_project(session, pid, actor=actor, today=today) for pid in sorted(ids)]
    for e in apply_lapses(session, today=today, actor=actor):
        results.append(SyncResult(e.project_code, "lapsed", None, e.id))
    return results


def is_overdue(entry: LedgerEntry, today: date) -> bool:
    """Not started by the last day of validity, and that day has passed."""
    if entry.valid_until is None or today <= entry.valid_until:
        return False
    return entry.construction_started_on is None or entry.construction_started_on > entry.valid_until


def apply_lapses(session: Session, *, today: date | None = None, actor: str = "system") -> list[LedgerEntry]:
    """Mark active entries whose opinion lapsed; the project becomes ``lapsed`` and its budget is freed."""
    today = today or date.today()
    serialise(session)
    lapsed: list[LedgerEntry] = []
    for e in session.scalars(select(LedgerEntry).where(LedgerEntry.status == ACTIVE,
                                                       LedgerEntry.valid_until < today)):
        if not is_overdue(e, today):
            continue
        _close(e, LAPSED, e.valid_until + timedelta(days=1),
               f"自{e.approved_on.isoformat()}起至{e.valid_until.isoformat()}未开工建设，审查意见自动失效（令第31号第十九条）")
        if e.project_id:
            p = session.get(Project, e.project_id)
            p.status = "lapsed"
        audit.record(session, actor=actor, action="ledger.lapse", entity="ledger_entry", entity_id=e.id,
                     reason=e.closed_reason, payload={"project_code": e.project_code, "doc_number": e.doc_number,
                                                       "valid_until": e.valid_until.isoformat()})
        lapsed.append(e)
    session.flush()
    return lapsed


def _entry_for_code(session: Session, code: str) -> LedgerEntry:
    e = session.scalars(select(LedgerEntry).where(LedgerEntry.project_code == code, LedgerEntry.status == ACTIVE)
                        .order_by(LedgerEntry.id.desc())).first()
    if e is None:
        raise UserError(f"项目 {code} 在台账中没有有效记录（未批复、已失效或已被替代）。",
                        f"Project {code} has no active ledger entry (not approved, lapsed or superseded).")
    return e


def record_construction_start(session: Session, code: str, day: date, *, actor: str, reason: str = "") -> LedgerEntry:
    """Record the reported start of construction; a start after the validity period cannot revive the opinion."""
    e = _entry_for_code(session, code)
    if e.valid_until and day > e.valid_until:
        raise UserError(f"开工日期 {day.isoformat()} 晚于审查意见有效期截止日 {e.valid_until.isoformat()}，"
                        "审查意见已自动失效，应重新申请节能审查。",
                        f"Start {day} is after the validity end {e.valid_until}; the opinion has lapsed.")
    if day < e.approved_on:
        raise UserError(f"开工日期 {day.isoformat()} 早于审查意见日期 {e.approved_on.isoformat()}（未批先建）。",
                        f"Start {day} precedes the opinion date {e.approved_on}.")
    e.construction_started_on = day
    audit.record(session, actor=actor, action="ledger.construction_start", entity="ledger_entry", entity_id=e.id,
                 reason=reason, payload={"project_code": code, "started_on": day.isoformat()})
    return e


def set_green_certificates(session: Session, code: str, kwh: Any, *, actor: str, reason: str) -> LedgerEntry:
    """Record the 绿证 (green certificates, kWh) committed by a project; shown and deducted separately."""
    value = D(kwh)
    if value is None or not value.is_finite() or value < 0:
        raise UserError("绿证电量应为非负数（kWh）。", "Green-certificate energy must be a non-negative kWh figure.")
    if not reason.strip():
        raise UserError("请说明理由（--reason）。", "A reason is required (--reason).")
    e = _entry_for_code(session, code)
    before = e.green_certificate_kwh
    e.green_certificate_kwh = float(value)
    g_eq, g_ev = green_deductions(D(e.green_power_kwh) + value, e.approved_on)
    e.green_deduction_equivalent_tce, e.green_deduction_equal_value_tce = float(g_eq), float(g_ev)
    audit.record(session, actor=actor, action="ledger.green_certificates", entity="ledger_entry", entity_id=e.id,
                 reason=reason, payload={"project_code": code, "before_kwh": before, "after_kwh": float(value)})
    return e


@dataclass
class ValidityReport:
    today: date
    expiring: list[LedgerEntry]  # active, not started, last valid day within the window
    lapsed: list[LedgerEntry]


def validity_report(session: Session, *, today: date | None = None, soon_days: int = 90) -> ValidityReport:
    """Opinions whose validity ends within ``soon_days`` without a recorded start, and lapsed ones."""
    today = today or date.today()
    horizon = today + timedelta(days=soon_days)
    expiring = list(session.scalars(select(LedgerEntry).where(
        LedgerEntry.status == ACTIVE, LedgerEntry.construction_started_on.is_(None),
        LedgerEntry.valid_until >= today, LedgerEntry.valid_until <= horizon).order_by(LedgerEntry.valid_until)))
    lapsed = list(session.scalars(select(LedgerEntry).where(LedgerEntry.status == LAPSED)
                                  .order_by(LedgerEntry.valid_until.desc())))
    return ValidityReport(today, expiring, lapsed)


def set_energy_source(session: Session, code: str, source: str, *, actor: str, reason: str = "") -> LedgerEntry:
    """Record where the project's energy space comes from: 新增空间, or 能耗替代 (产业调整/节能改造, with the donor
    projects named) — shanghai.md §5: published opinions name the 能耗替代 source."""
    source = source.strip()
    if not source:
        raise UserError("请填写用能来源（如“新增空间”或“能耗替代：某项目节能改造”）。", "The energy source is empty.")
    if len(source) > 200:
        raise UserError("用能来源不超过200字。", "The energy source is limited to 200 characters.")
    e = _entry_for_code(session, code)
    before = e.energy_source
    e.energy_source = source
    audit.record(session, actor=actor, action="ledger.energy_source", entity="ledger_entry", entity_id=e.id,
                 reason=reason, payload={"project_code": code, "before": before, "after": source})
    return e
