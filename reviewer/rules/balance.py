"""能源平衡表 and 能流图 (energy balance and Sankey flows) from an assessment's energy trace (issue 17 §6).

Three stages, read from the assessed energy items (the same items, rounded折标量 and exclusion reasons the
年综合能源消费量 of GB/T 2589 is summed from, reviewer/rules/energy.py):

1. 能源品种 carrier (电力, 天然气, 原煤 …);
2. 供应/转换 supply or conversion: 外购 purchased, 外购绿电 green power, 场内光伏发电 on-site PV, 自产 self-generated,
   耗能工质 working media;
3. 终端 end use, split into what is **counted** in the 综合能源消费量 (燃料/动力用能, 原料用能; on the 令第31号 第八条
   increment basis the existing plant is a deduction) and what is **excluded** (with the engine's reason).

Flow widths are 当量值 tce; each edge carries 等价值 too. The counted edges into end use sum to the assessed total on
the full basis (post-project items) — a test checks it against the engine's figure.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from typing import Any

SUPPLY = {"purchased": "外购", "green_power": "外购绿电", "onsite_pv_self_use": "场内光伏发电",
          "self_generated": "自产（场内转换）"}
WORKING_MEDIUM = "耗能工质"
USE = {"fuel": "燃料/动力用能", "feedstock": "原料用能"}
EXCLUDED_PREFIX = "不计入："
EXISTING = "既有装置（增量口径扣减）"


@dataclass
class BalanceRow:
    carrier: str
    quantity: float | None
    unit: str
    supply: str
    end_use: str
    counted: bool
    equivalent_tce: float
    equal_value_tce: float
    reason: str = ""


@dataclass
class BalanceEdge:
    source: str
    target: str
    stage: int  # 0: carrier → supply; 1: supply → end use
    equivalent_tce: float
    equal_value_tce: float
    counted: bool


@dataclass
class EnergyBalance:
    rows: list[BalanceRow]
    edges: list[BalanceEdge]
    counted_equivalent_tce: float
    counted_equal_value_tce: float
    excluded_equivalent_tce: float
    excluded_equal_value_tce: float
    stages: list[list[str]] = field(default_factory=list)  # node names per column, in drawing order

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _short_reason(reason: str) -> str:
    """The engine's exclusion reason up to its first comma (e.g. 耗能工质, 场内光伏自发自用电量)."""
    return reason.split("，")[0] if reason else "其他"


def _f(v: Any) -> float:
    try:
        return float(v or 0)
    except (TypeError, ValueError):
        return 0.0


def energy_balance(assessment: dict[str, Any]) -> EnergyBalance | None:
    """The balance of an assessment dict (``Assessment.to_dict()`` or its archived JSON); ``None`` without energy."""
    e = assessment.get("energy")
    if not isinstance(e, dict) or not e.get("items"):
        return None
    increment = e.get("basis") == "increment"
    rows: list[BalanceRow] = []
    for it in e["items"]:
        counted = bool(it.get("counted", True))
        reason = it.get("excluded_reason") or ""
        supply = SUPPLY.get(str(it.get("source")), str(it.get("source") or "外购"))
        if not counted and "工质" in reason:
            supply = WORKING_MEDIUM
        if not counted:
            end = EXCLUDED_PREFIX + _short_reason(reason)
        elif it.get("existing"):
            # 令第31号 第八条: on the increment basis the existing plant enters as a deduction; on the full basis
            # only the post-project consumption counts.
            end = EXISTING if increment else EXCLUDED_PREFIX + "既有装置"
            counted = increment
        else:
            end = USE.get(str(it.get("purpose")), str(it.get("purpose") or USE["fuel"]))
        rows.append(BalanceRow(carrier=str(it.get("carrier", "")), quantity=it.get("quantity"),
                               unit=str(it.get("unit", "")), supply=supply, end_use=end, counted=counted,
                               equivalent_tce=_f(it.get("equivalent_tce")), equal_value_tce=_f(it.get("equal_value_tce")),
                               reason=reason))
    acc: dict[tuple[str, str, int, bool], list[float]] = {}
    for r in rows:
        for key in ((r.carrier, r.supply, 0, r.counted), (r.supply, r.end_use, 1, r.counted)):
            a = acc.setdefault(key, [0.0, 0.0])
            a[0] += r.equivalent_tce
            a[1] += r.equal_value_tce
    edges = [BalanceEdge(s, t, st, round(v[0], 2), round(v[1], 2), c) for (s, t, st, c), v in acc.items()]

    def order(names: list[str]) -> list[str]:
        return list(dict.fromkeys(names))

    stages = [order([r.carrier for r in rows]), order([r.supply for r in rows]),
              order([r.end_use for r in rows if r.counted] + [r.end_use for r in rows if not r.counted])]
    counted_eq = sum((-1.0 if r.end_use == EXISTING else 1.0) * r.equivalent_tce for r in rows if r.counted)
    counted_ev = sum((-1.0 if r.end_use == EXISTING else 1.0) * r.equal_value_tce for r in rows if r.counted)
    return EnergyBalance(rows=rows, edges=edges, counted_equivalent_tce=round(counted_eq, 2),
                         counted_equal_value_tce=round(counted_ev, 2),
                         excluded_equivalent_tce=round(sum(r.equivalent_tce for r in rows if not r.counted), 2),
                         excluded_equal_value_tce=round(sum(r.equal_value_tce for r in rows if not r.counted), 2),
                         stages=stages)


CSV_HEADER = ["source", "target", "stage", "equivalent_tce", "equal_value_tce", "counted"]


def edges_csv(balance: EnergyBalance) -> str:
    """The 能流图 as a CSV edge list (UTF-8 with BOM written by the caller for Excel)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_HEADER)
    for ed in balance.edges:
        w.writerow([ed.source, ed.target, ed.stage, f"{ed.equivalent_tce:.2f}", f"{ed.equal_value_tce:.2f}",
                    "counted" if ed.counted else "excluded"])
    return buf.getvalue()
