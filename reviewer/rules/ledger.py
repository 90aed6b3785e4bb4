"""The ledger's rule parameters (``rules/parameters/ledger/``), resolved by date.

The 10 % rule differs between regimes in where its edge lies: 令第2号 asks for a 变更申请 when the actual annual
consumption is "超过批复水平10%及以上" (at or above +10 %), 令第31号 第二十六条 orders 整改 when figures are
"高于批复水平10%" (strictly above +10 %). The threshold, the edge (``ge``/``gt``), the metrics covered and the
consequence are dated parameters; the comparison is exact decimal arithmetic so 10.00 % and 10.01 % fall on the
side the text says.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from reviewer.rules.params import ParameterStore, ResolvedParameter

NS = "ledger.rules"
HUNDRED = Decimal(100)  # percent ↔ ratio: a unit definition, not a threshold

METRIC_LABELS = {
    "energy_equivalent": ("年综合能源消费量（当量值）", "Annual energy consumption (calorific equivalent)", "tce"),
    "energy_equal_value": ("年综合能源消费量（等价值）", "Annual energy consumption (primary equivalent)", "tce"),
    "carbon": ("年碳排放总量", "Annual carbon emissions", "tCO2"),
    "unit_energy": ("单位产品综合能耗", "Energy per unit of product", "kgce/单位产品"),
    "unit_carbon": ("单位产品碳排放", "Carbon per unit of product", "kgCO2/单位产品"),
}

CONSEQUENCE_LABELS = {
    "change_request": ("建设单位应向原节能审查机关提交变更申请", "the builder must file a change request"),
    "rectification": ("责令限期整改", "ordered to rectify within a deadline"),
    "": ("无", "none"),
}


def store() -> ParameterStore:
    from reviewer.rules.engine import baseline

    return baseline()


@dataclass(frozen=True)
class OverrunRule:
    """The regime's 10 % rule as in force on one day."""

    regime: str
    threshold_pct: Decimal
    comparison: str  # "ge" (at or above) | "gt" (strictly above)
    metrics: tuple[str, ...]
    consequence: str
    parameters: tuple[ResolvedParameter, ...]

    def triggered(self, overrun_pct: Decimal | Fraction) -> bool:
        limit = Fraction(self.threshold_pct)
        if self.comparison == "ge":
            return Fraction(overrun_pct) >= limit
        if self.comparison == "gt":
            return Fraction(overrun_pct) > limit
        raise ValueError(f"unknown comparison {self.comparison!r} in {NS}.overrun_comparison")

    def describe(self) -> str:
        edge = "及以上" if self.comparison == "ge" else "（不含本数）"
        return f"{self.regime}：超出批复水平 {self.threshold_pct}%{edge}"


def overrun_rule(day: date, params: ParameterStore | None = None) -> OverrunRule:
    ps = params or store()
    got = {k: ps.get(f"{NS}.{k}", day) for k in
           ("regime_name", "overrun_threshold_pct", "overrun_comparison", "overrun_metrics", "overrun_consequence")}
    metrics = tuple(m.strip() for m in str(got["overrun_metrics"].value).split(",") if m.strip())
    return OverrunRule(regime=str(got["regime_name"].value), threshold_pct=got["overrun_threshold_pct"].number,
                       comparison=str(got["overrun_comparison"].value), metrics=metrics,
                       consequence=str(got["overrun_consequence"].value), parameters=tuple(got.values()))


def overrun_pct(approved: Decimal | Fraction, actual: Decimal | Fraction) -> Fraction:
    """(actual − approved) / approved × 100 as an exact fraction; ``approved`` must be positive."""
    a, x = Fraction(approved), Fraction(actual)
    return (x - a) / a * int(HUNDRED)


def add_years(start: date, years: int) -> date:
    """The corresponding day ``years`` later (《民法典》第二百零二条: no corresponding day → last day of the month)."""
    y = start.year + years
    last = calendar.monthrange(y, start.month)[1]
    return date(y, start.month, min(start.day, last))


def validity_years(day: date, params: ParameterStore | None = None) -> ResolvedParameter:
    return (params or store()).get(f"{NS}.validity_years", day)


def valid_until(base: date, params: ParameterStore | None = None) -> date:
    """Last day on which construction may start for an opinion (or 同意变更决定) dated ``base``."""
    return add_years(base, int(validity_years(base, params).number))


@dataclass(frozen=True)
class WarningLevels:
    """晴雨表-style levels on the ratio (used + pending) / budget: 1 red ≥ l1, 2 orange ≥ l2, 3 yellow ≥ l3."""

    level1: Decimal
    level2: Decimal
    level3: Decimal

    def level(self, ratio: Decimal | None) -> int:
        if ratio is None:
            return 0
        if ratio >= self.level1:
            return 1
        if ratio >= self.level2:
            return 2
        if ratio >= self.level3:
            return 3
        return 0


LEVEL_LABELS = {1: ("一级预警（红色）", "level 1 (red)"), 2: ("二级预警（橙色）", "level 2 (orange)"),
                3: ("三级提示（黄色）", "level 3 (yellow)"), 0: ("正常", "normal")}


def warning_levels(day: date, params: ParameterStore | None = None) -> WarningLevels:
    ps = params or store()
    return WarningLevels(*(ps.number(f"{NS}.warning_level_{i}_ratio", day) for i in (1, 2, 3)))


def default_budget(day: date, params: ParameterStore | None = None) -> dict[str, ResolvedParameter]:
    ps = params or store()
    return {k: ps.get(f"ledger.default_budget.{k}", day)
            for k in ("energy_equivalent_tce", "energy_equal_value_tce", "carbon_tco2")}
