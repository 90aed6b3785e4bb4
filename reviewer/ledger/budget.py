"""District budgets per year (新增能耗 当量/等价 tce, 新增碳排放 tCO2) and their allocation.

A budget row's scope is (year, town, industry_code): ``("", "")`` is the district total, ``(town, "")`` an allocation
to a 街镇/园区, ``("", industry)`` a district-wide allocation to an industry and ``(town, industry)`` an industry
allocation inside a town. Rows are changed only by :func:`set_budget`, which records the values before and after,
who, when and why (:class:`~reviewer.archive.models.LedgerBudgetChange`) and an audit event in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.archive import audit
from reviewer.archive.models import LedgerBudget, LedgerBudgetChange, utcnow
from reviewer.errors import Problem, UserError
from reviewer.ledger.common import D, serialise
from reviewer.rules.ledger import default_budget

METRICS = ("energy_equivalent_tce", "energy_equal_value_tce", "carbon_tco2")
METRIC_LABELS = {
    "energy_equivalent_tce": ("新增能耗（当量值）", "energy increment (calorific)", "tce"),
    "energy_equal_value_tce": ("新增能耗（等价值）", "energy increment (primary)", "tce"),
    "carbon_tco2": ("新增碳排放", "carbon increment", "tCO2"),
}
YEAR_MIN, YEAR_MAX = 2000, 2100  # sanity bounds of the calendar, not a rule


def towns() -> list[str]:
    from reviewer.submission.spec import list_codes

    return list_codes("towns")


def industries() -> dict[str, str]:
    from reviewer.submission.spec import lists

    return {i["code"]: i["label"] for i in lists()["industry_codes"]}


def scope_label(town: str, industry_code: str) -> str:
    if not town and not industry_code:
        return "全区"
    ind = f"{industry_code} {industries().get(industry_code, '')}".strip() if industry_code else ""
    return " / ".join(p for p in (town, ind) if p)


@dataclass
class BudgetValues:
    year: int
    town: str
    industry_code: str
    energy_equivalent_tce: Decimal | None
    energy_equal_value_tce: Decimal | None
    carbon_tco2: Decimal | None
    is_default: bool = False  # district placeholder from rules/parameters/ledger/default_budget.toml (unverified)
    note: str = ""

    def get(self, metric: str) -> Decimal | None:
        return getattr(self, metric)

    def to_dict(self) -> dict[str, Any]:
        return {"year": self.year, "town": self.town, "industry_code": self.industry_code,
                **{m: _f(self.get(m)) for m in METRICS}, "is_default": self.is_default, "note": self.note}


def _f(v: Decimal | None) -> float | None:
    return None if v is None else float(v)


def _validate(year: int, town: str, industry_code: str, values: dict[str, Any], reason: str) -> list[Problem]:
    problems: list[Problem] = []
    if not (YEAR_MIN <= year <= YEAR_MAX):
        problems.append(Problem("LEDGER-BUDGET-YEAR", f"年度 {year} 不在 {YEAR_MIN}–{YEAR_MAX} 之间。",
                                f"Year {year} outside {YEAR_MIN}–{YEAR_MAX}.", field="year", found=str(year)))
    if town and town not in towns():
        problems.append(Problem("LEDGER-BUDGET-TOWN", f"“{town}”不是松江区的街镇或园区（见 forms/lists.toml）。",
                                f"{town!r} is not a Songjiang town or park.", field="town", found=town))
    if industry_code and industry_code not in industries():
        problems.append(Problem("LEDGER-BUDGET-INDUSTRY", f"行业代码“{industry_code}”不在国民经济行业分类（大类）清单中。",
                                f"Industry code {industry_code!r} is not in the GB/T 4754 list.", field="industry_code",
                                found=industry_code))
    for k, v in values.items():
        if v is not None and (not v.is_finite() or v < 0):
            problems.append(Problem("LEDGER-BUDGET-VALUE", f"{METRIC_LABELS[k][0]}预算应为非负数。",
                                    f"{METRIC_LABELS[k][1]} budget must be a non-negative number.", field=k, found=str(v)))
    if not reason.strip():
        problems.append(Problem("LEDGER-BUDGET-REASON", "修改预算必须说明理由（--reason）。",
                                "A budget change needs a reason (--reason).", field="reason"))
    return problems


def set_budget(session: Session, *, year: int, town: str = "", industry_code: str = "", actor: str, reason: str,
               energy_equivalent_tce: Any = None, energy_equal_value_tce: Any = None, carbon_tco2: Any = None,
               note: str | None = None) -> tuple[LedgerBudget, list[Problem]]:
    """Create or change one budget row inside the caller's write transaction.

    Only the metrics given (not ``None``) change. Returns the row and warnings (allocations exceeding the district
    total). Raises :class:`UserError` listing every problem when the input is invalid; nothing is written then.
    """
    values = {"energy_equivalent_tce": D(energy_equivalent_tce), "energy_equal_value_tce": D(energy_equal_value_tce),
              "carbon_tco2": D(carbon_tco2)}
    problems = _validate(year, town, industry_code, values, reason)
    if problems:
        raise UserError("预算未保存：输入有误。", "Budget not saved: invalid input.", problems=problems)
    serialise(session)  # two editors of the same budget row must not both insert it
    row = session.scalars(select(LedgerBudget).where(LedgerBudget.year == year, LedgerBudget.town == town,
                                                     LedgerBudget.industry_code == industry_code)).first()
    if row is None:
        row = LedgerBudget(year=year, town=town, industry_code=industry_code, note="", updated_by=actor)
        session.add(row)
        session.flush()
        before: dict[str, Any] = {}
    else:
        before = _row_dict(row)
    for k, v in values.items():
        if v is not None:
            setattr(row, k, float(v))
    if note is not None:
        row.note = note
    after = _row_dict(row)
    if before == after:
        return row, []
    row.updated_by = actor
    row.updated_at = utcnow()
    session.add(LedgerBudgetChange(budget_id=row.id, before=before, after=after, changed_by=actor, reason=reason))
    audit.record(session, actor=actor, action="ledger.budget.set", entity="ledger_budget", entity_id=row.id,
                 reason=reason, payload={"year": year, "town": town, "industry_code": industry_code,
                                         "before": before, "after": after})
    session.flush()
    return row, allocation_warnings(session, year)


def _row_dict(row: LedgerBudget) -> dict[str, Any]:
    return {"year": row.year, "town": row.town, "industry_code": row.industry_code,
            **{m: getattr(row, m) for m in METRICS}, "note": row.note or ""}


def district_budget(session: Session, year: int) -> BudgetValues:
    """The district total for ``year``: the stored row, or the unverified placeholder parameters."""
    row = session.scalars(select(LedgerBudget).where(LedgerBudget.year == year, LedgerBudget.town == "",
                                                     LedgerBudget.industry_code == "")).first()
    if row is not None:
        return BudgetValues(year, "", "", *(D(getattr(row, m)) for m in METRICS), note=row.note or "")
    d = default_budget(date(year, 1, 1))
    return BudgetValues(year, "", "", *(d[m].number for m in METRICS), is_default=True,
                        note="缺省占位值（未核实），请录入区里下达的预算")


def budgets(session: Session, year: int | None = None) -> list[LedgerBudget]:
    q = select(LedgerBudget).order_by(LedgerBudget.year, LedgerBudget.town, LedgerBudget.industry_code)
    if year is not None:
        q = q.where(LedgerBudget.year == year)
    return list(session.scalars(q))


def budget_values(row: LedgerBudget) -> BudgetValues:
    return BudgetValues(row.year, row.town, row.industry_code, *(D(getattr(row, m)) for m in METRICS),
                        note=row.note or "")


def history(session: Session, year: int | None = None) -> list[tuple[LedgerBudgetChange, LedgerBudget]]:
    q = (select(LedgerBudgetChange, LedgerBudget).join(LedgerBudget, LedgerBudget.id == LedgerBudgetChange.budget_id)
         .order_by(LedgerBudgetChange.id))
    if year is not None:
        q = q.where(LedgerBudget.year == year)
    return [(c, b) for c, b in session.execute(q)]


def allocation_warnings(session: Session, year: int) -> list[Problem]:
    """Allocations to towns (or to industries) whose sum exceeds the district total of the year."""
    total = district_budget(session, year)
    rows = budgets(session, year)
    out: list[Problem] = []
    for kind, pick in (("街镇/园区", lambda r: r.town and not r.industry_code),
                       ("行业", lambda r: r.industry_code and not r.town)):
        for m in METRICS:
            cap = total.get(m)
            parts = [D(getattr(r, m)) for r in rows if pick(r) and getattr(r, m) is not None]
            if cap is not None and parts and sum(parts) > cap:
                out.append(Problem("LEDGER-BUDGET-ALLOC",
                                   f"{year} 年各{kind}的{METRIC_LABELS[m][0]}分配合计 {sum(parts)} 超过全区预算 {cap}。",
                                   f"{year}: {METRIC_LABELS[m][1]} allocated to each {kind} sums to {sum(parts)}, "
                                   f"above the district budget {cap}.", severity="warning", field=m))
    return out
