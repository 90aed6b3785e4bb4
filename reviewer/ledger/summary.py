"""Used / remaining by year, town and industry; green-power deduction; 晴雨表 warnings; pending projects.

Energy drawn on a budget is *assessed* net of green power and green certificates (区级双碳工作要点 task 51); the
gross figure and the deduction are kept and shown separately. Carbon is taken as approved (the carbon calculation
already prices green power at its own factor). Ratios are (assessed used + pending) / budget; levels come from
``ledger.rules.warning_level_*_ratio``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.archive.models import LedgerEntry, Project, Submission as SubmissionRow
from reviewer.errors import UserError
from reviewer.ledger.budget import (METRIC_LABELS, METRICS, BudgetValues, budget_values, budgets, district_budget,
                                    industries, scope_label)
from reviewer.ledger.common import D
from reviewer.ledger.entries import ACTIVE, active_entry, green_power_kwh, green_deductions
from reviewer.rules.ledger import LEVEL_LABELS, warning_levels

PENDING_STATUSES = ("received", "in_review", "correction")
ZERO = Decimal(0)


def _zero() -> dict[str, Decimal]:
    return {m: ZERO for m in METRICS}


@dataclass
class Usage:
    """One scope of one year: budget, used (gross), green deduction, assessed, pending, remaining, ratio, level."""

    year: int
    scope: str  # district | town | industry
    key: str
    label: str
    budget: dict[str, Decimal | None]
    budget_is_default: bool = False
    used: dict[str, Decimal] = field(default_factory=_zero)
    green: dict[str, Decimal] = field(default_factory=_zero)
    pending: dict[str, Decimal] = field(default_factory=_zero)
    projects: int = 0
    carbon_missing: int = 0  # entries without a carbon figure

    def assessed(self, m: str) -> Decimal:
        return self.used[m] - self.green[m]

    def remaining(self, m: str) -> Decimal | None:
        b = self.budget.get(m)
        return None if b is None else b - self.assessed(m)

    def ratio(self, m: str, with_pending: bool = True) -> Decimal | None:
        b = self.budget.get(m)
        if b is None or b == 0:
            return None
        return (self.assessed(m) + (self.pending[m] if with_pending else ZERO)) / b

    def level(self, day: date) -> int:
        lv = warning_levels(day)
        levels = [lv.level(self.ratio(m)) for m in METRICS]
        nonzero = [x for x in levels if x]
        return min(nonzero) if nonzero else 0

    def to_dict(self, day: date) -> dict[str, Any]:
        f = lambda v: None if v is None else float(v)  # noqa: E731
        return {"year": self.year, "scope": self.scope, "key": self.key, "label": self.label,
                "budget_is_default": self.budget_is_default, "projects": self.projects,
                **{m: {"budget": f(self.budget.get(m)), "used": f(self.used[m]), "green_deduction": f(self.green[m]),
                       "assessed": f(self.assessed(m)), "pending": f(self.pending[m]), "remaining": f(self.remaining(m)),
                       "ratio": f(self.ratio(m))} for m in METRICS},
                "level": self.level(day), "level_label": LEVEL_LABELS[self.level(day)][0],
                "entries_without_carbon": self.carbon_missing}


@dataclass
class PendingProject:
    code: str
    name: str
    town: str
    industry_code: str
    year: int
    figures: dict[str, Decimal]  # assessed (net of green) per budget metric
    green: dict[str, Decimal]


@dataclass
class Warning:
    year: int
    scope: str
    label: str
    metric: str
    level: int
    ratio: Decimal
    project_code: str = ""

    def message_zh(self) -> str:
        who = f"拟批项目 {self.project_code} 计入后，" if self.project_code else ""
        return (f"{self.year} 年 {self.label} {METRIC_LABELS[self.metric][0]}：{who}占用预算 {self.ratio * 100:.1f}%"
                f" —— {LEVEL_LABELS[self.level][0]}")

    def message_en(self) -> str:
        who = f"with pending project {self.project_code}, " if self.project_code else ""
        return (f"{self.year} {self.label} {METRIC_LABELS[self.metric][1]}: {who}{self.ratio * 100:.1f}% of budget "
                f"— {LEVEL_LABELS[self.level][1]}")

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "scope": self.scope, "label": self.label, "metric": self.metric,
                "level": self.level, "ratio": float(self.ratio), "project_code": self.project_code,
                "message": self.message_zh(), "message_en": self.message_en()}


def _entry_metrics(e: LedgerEntry) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    used = {"energy_equivalent_tce": D(e.equivalent_tce), "energy_equal_value_tce": D(e.equal_value_tce),
            "carbon_tco2": D(e.carbon_tco2) if e.carbon_tco2 is not None else ZERO}
    green = {"energy_equivalent_tce": D(e.green_deduction_equivalent_tce),
             "energy_equal_value_tce": D(e.green_deduction_equal_value_tce), "carbon_tco2": ZERO}
    return used, green


def active_entries(session: Session, year: int | None = None) -> list[LedgerEntry]:
    q = select(LedgerEntry).where(LedgerEntry.status == ACTIVE).order_by(LedgerEntry.year, LedgerEntry.project_code)
    if year is not None:
        q = q.where(LedgerEntry.year == year)
    return list(session.scalars(q))


def all_entries(session: Session, year: int | None = None) -> list[LedgerEntry]:
    q = select(LedgerEntry).order_by(LedgerEntry.year, LedgerEntry.project_code, LedgerEntry.id)
    if year is not None:
        q = q.where(LedgerEntry.year == year)
    return list(session.scalars(q))


def pending_projects(session: Session, year: int | None = None) -> list[PendingProject]:
    """Projects under review (not yet approved) with an assessment and a commissioning year."""
    out: list[PendingProject] = []
    for p in session.scalars(select(Project).where(Project.status.in_(PENDING_STATUSES)).order_by(Project.code)):
        if p.equivalent_tce is None or not p.commissioning_year or active_entry(session, p.id) is not None:
            continue
        if year is not None and p.commissioning_year != year:
            continue
        out.append(pending_figures(session, p))
    return out


def pending_figures(session: Session, p: Project) -> PendingProject:
    data = session.scalars(select(SubmissionRow.data).where(SubmissionRow.project_id == p.id)
                           .order_by(SubmissionRow.version.desc()).limit(1)).first()
    g_eq, g_ev = green_deductions(green_power_kwh(data), p.application_date)
    green = {"energy_equivalent_tce": g_eq, "energy_equal_value_tce": g_ev, "carbon_tco2": ZERO}
    gross = {"energy_equivalent_tce": D(p.equivalent_tce or 0), "energy_equal_value_tce": D(p.equal_value_tce or 0),
             "carbon_tco2": D(p.carbon_tco2 or 0)}
    return PendingProject(p.code, p.name, p.town, p.industry_code, int(p.commissioning_year or 0),
                          {m: gross[m] - green[m] for m in METRICS}, green)


def _budget_dict(b: BudgetValues | None) -> dict[str, Decimal | None]:
    return {m: (b.get(m) if b else None) for m in METRICS}


@dataclass
class LedgerView:
    """Everything the dashboard, ``ledger show`` and the exports display, as plain data."""

    today: date
    years: list[int]
    by_year: list[Usage]  # district usage per year
    by_town: list[Usage]  # for the selected year
    by_industry: list[Usage]
    entries: list[LedgerEntry]
    pending: list[PendingProject]
    warnings: list[Warning]
    year: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(), "year": self.year, "years": self.years,
            "district": [u.to_dict(self.today) for u in self.by_year],
            "towns": [u.to_dict(self.today) for u in self.by_town],
            "industries": [u.to_dict(self.today) for u in self.by_industry],
            "entries": [entry_dict(e) for e in self.entries],
            "pending": [{"code": p.code, "name": p.name, "town": p.town, "industry_code": p.industry_code,
                         "year": p.year, **{m: float(v) for m, v in p.figures.items()}} for p in self.pending],
            "warnings": [w.to_dict() for w in self.warnings],
        }


ENTRY_FIELDS = ("project_code", "project_name", "builder", "town", "industry_code", "year", "doc_number",
                "approved_on", "valid_until", "construction_started_on", "equivalent_tce", "equal_value_tce",
                "carbon_tco2", "green_power_kwh", "green_certificate_kwh", "green_deduction_equivalent_tce",
                "green_deduction_equal_value_tce", "energy_source", "origin", "status", "closed_on", "closed_reason")


def entry_dict(e: LedgerEntry) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k in ENTRY_FIELDS:
        v = getattr(e, k)
        out[k] = v.isoformat() if isinstance(v, date) else v
    return out


def years_of(session: Session) -> list[int]:
    ys = {b.year for b in budgets(session)} | {e.year for e in active_entries(session)}
    ys |= {p.year for p in pending_projects(session)}
    return sorted(ys)


@dataclass(frozen=True)
class Draw:
    """What one active entry draws, read once from the ORM row (the aggregation loops touch only these)."""

    year: int
    town: str
    industry_code: str
    used: dict[str, Decimal]
    green: dict[str, Decimal]
    carbon_missing: bool


def as_draws(entries: list[Any]) -> list[Draw]:
    out = []
    for e in entries:
        if isinstance(e, Draw):
            out.append(e)
            continue
        used, green = _entry_metrics(e)
        out.append(Draw(e.year, e.town, e.industry_code, used, green, e.carbon_tco2 is None))
    return out


def usage_for(session: Session, year: int, entries: list[Any], pending: list[PendingProject],
              scope: str, key: str, *, rows: list[Any] | None = None) -> Usage:
    """Usage of one scope of ``year``; ``rows`` are the year's budget rows when the caller already has them."""
    rows = budgets(session, year) if rows is None else rows
    if scope == "district":
        b = district_budget(session, year)
        u = Usage(year, scope, "", "全区", _budget_dict(b), budget_is_default=b.is_default)
        match = lambda town, ind: True  # noqa: E731
    elif scope == "town":
        row = next((r for r in rows if r.town == key and not r.industry_code), None)
        u = Usage(year, scope, key, key, _budget_dict(budget_values(row) if row else None))
        match = lambda town, ind: town == key  # noqa: E731
    elif "|" in key:  # an industry allocation inside one town: key "town|industry"
        t, i = key.split("|", 1)
        row = next((r for r in rows if r.town == t and r.industry_code == i), None)
        u = Usage(year, scope, key, scope_label(t, i), _budget_dict(budget_values(row) if row else None))
        match = lambda town, ind: town == t and ind == i  # noqa: E731
    else:
        row = next((r for r in rows if r.industry_code == key and not r.town), None)
        u = Usage(year, scope, key, scope_label("", key), _budget_dict(budget_values(row) if row else None))
        match = lambda town, ind: ind == key  # noqa: E731
    for d in as_draws(entries):
        if d.year == year and match(d.town, d.industry_code):
            for m in METRICS:
                u.used[m] += d.used[m]
                u.green[m] += d.green[m]
            u.projects += 1
            u.carbon_missing += d.carbon_missing
    for p in pending:
        if p.year == year and match(p.town, p.industry_code):
            for m in METRICS:
                u.pending[m] += p.figures[m]
    return u


def scopes_of_year(session: Session, year: int, entries: list[Any],
                   pending: list[PendingProject]) -> tuple[list[Usage], list[Usage]]:
    """Usage per town and per industry of ``year``: every scope with an allocation, an entry or a pending project."""
    rows = budgets(session, year)
    draws = [d for d in as_draws(entries) if d.year == year]
    towns_ = sorted({r.town for r in rows if r.town and not r.industry_code}
                    | {d.town for d in draws} | {p.town for p in pending if p.year == year})
    inds = sorted({r.industry_code for r in rows if r.industry_code and not r.town}
                  | {d.industry_code for d in draws} | {p.industry_code for p in pending if p.year == year})
    inds += sorted(f"{r.town}|{r.industry_code}" for r in rows if r.town and r.industry_code)
    return ([usage_for(session, year, draws, pending, "town", t, rows=rows) for t in towns_],
            [usage_for(session, year, draws, pending, "industry", i, rows=rows) for i in inds])


def ledger_view(session: Session, *, year: int | None = None, today: date | None = None) -> LedgerView:
    today = today or date.today()
    entries_all = active_entries(session)
    draws = as_draws(entries_all)
    pending = pending_projects(session)
    years = sorted({b.year for b in budgets(session)} | {d.year for d in draws} | {p.year for p in pending})
    if year is not None and year not in years:
        years = sorted(set(years) | {year})
    by_year = [usage_for(session, y, draws, pending, "district", "", rows=[]) for y in years]
    upcoming = [y for y in years if y >= today.year]  # default: this year, else the next year with anything in it
    sel = year if year is not None else (upcoming[0] if upcoming else (years[-1] if years else None))
    by_town: list[Usage] = []
    by_industry: list[Usage] = []
    every: list[Usage] = list(by_year)
    for y in years:
        t, i = scopes_of_year(session, y, draws, pending)
        every += t + i
        if y == sel:
            by_town, by_industry = t, i
    warnings = []
    lv = warning_levels(today)
    for u in every:  # warnings for every year, not only the one displayed
        for m in METRICS:
            r = u.ratio(m)
            if r is not None and lv.level(r):
                warnings.append(Warning(u.year, u.scope, u.label, m, lv.level(r), r))
    warnings.sort(key=lambda w: (w.level, w.year, w.label))
    shown = [e for e in entries_all if year is None or e.year == sel]
    return LedgerView(today, years, by_year, by_town, by_industry, shown, pending, warnings, sel)


def check_pending_project(session: Session, code: str, *, today: date | None = None) -> list[Warning]:
    """Warnings if the pending project ``code`` were approved now: every scope it falls in (district, its town,
    its industry) and metric whose (assessed used + this project) / budget reaches a warning level."""
    today = today or date.today()
    p = session.scalars(select(Project).where(Project.code == code)).first()
    if p is None:
        raise UserError(f"档案库中没有项目代码为 {code} 的项目。", f"No project with code {code}.")
    if p.equivalent_tce is None or not p.commissioning_year:
        raise UserError(f"项目 {code} 尚无测算结果或未填报投产年份，无法核对预算。",
                        f"Project {code} has no assessment or commissioning year.")
    pp = pending_figures(session, p)
    entries = [e for e in active_entries(session, pp.year) if e.project_id != p.id]
    lv = warning_levels(today)
    out: list[Warning] = []
    scopes = [("district", ""), ("town", pp.town), ("industry", pp.industry_code)]
    if any(r.town == pp.town and r.industry_code == pp.industry_code for r in budgets(session, pp.year)):
        scopes.append(("industry", f"{pp.town}|{pp.industry_code}"))
    for scope, key in scopes:
        u = usage_for(session, pp.year, entries, [pp], scope, key)
        for m in METRICS:
            r = u.ratio(m)
            if r is not None and lv.level(r):
                out.append(Warning(pp.year, scope, u.label, m, lv.level(r), r, project_code=code))
    return sorted(out, key=lambda w: (w.level, w.label))


def regional_impact_for(session: Session, code: str, *, today: date | None = None) -> dict[str, Any]:
    """The rule engine's regional-impact section (:func:`reviewer.rules.regional.regional_impact`) computed with the
    ledger's district budget for the project's commissioning year instead of the placeholder parameters."""
    from reviewer.rules.engine import baseline
    from reviewer.rules.regional import regional_impact

    today = today or date.today()
    p = session.scalars(select(Project).where(Project.code == code)).first()
    if p is None:
        raise UserError(f"档案库中没有项目代码为 {code} 的项目。", f"No project with code {code}.")
    if p.equivalent_tce is None or not p.commissioning_year:
        raise UserError(f"项目 {code} 尚无测算结果或未填报投产年份。", f"Project {code} has no assessment or year.")
    data = session.scalars(select(SubmissionRow.data).where(SubmissionRow.project_id == p.id)
                           .order_by(SubmissionRow.version.desc()).limit(1)).first() or {}
    added = (data.get("project") or {}).get("added_value_wan")
    b = district_budget(session, int(p.commissioning_year))
    return regional_impact(D(p.equivalent_tce), D(p.carbon_tco2 or 0), D(added) if added not in (None, "") else None,
                           energy_budget_tce=b.energy_equivalent_tce, carbon_budget_tco2=b.carbon_tco2,
                           year=int(p.commissioning_year), day=today, params=baseline(),
                           budget_source="parameters" if b.is_default else "ledger")
