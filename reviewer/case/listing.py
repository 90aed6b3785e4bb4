"""SQL fragments of the case deadlines over the stored columns of ``cases c`` (``status``, ``accept_due``,
``accept_due_kind``, ``decision_due``; migration 0005) — shared by the case list use case and the workbench's
project list, which runs them through the standard ``sqlite3`` module before SQLAlchemy has loaded (hence plain
strings, ``:name`` parameters, no imports).

The rule is :meth:`reviewer.case.timeline.Clock.next_due`: on day ``:today`` the next deadline is the 受理 step's
(``accept_due``: the 补正 notice, 令第31号 第十四条, or the acceptance of corrected materials, 《行政许可法》第三十二条)
while it has not passed, else the decision's (``decision_due``, 第四十二条; NULL while the expert review runs).
"""

from __future__ import annotations

ACCEPT_PENDING = "(c.accept_due IS NOT NULL AND c.accept_due >= :today)"
NEXT_DUE = f"CASE WHEN {ACCEPT_PENDING} THEN c.accept_due ELSE c.decision_due END"
NEXT_KIND = f"CASE WHEN {ACCEPT_PENDING} THEN c.accept_due_kind WHEN c.decision_due IS NOT NULL THEN 'decision' END"
# next deadline passed ⟺ decision_due < today: a pending 受理 deadline (≥ today) comes before the decision's
OVERDUE = f"(c.decision_due < :today AND NOT {ACCEPT_PENDING})"
# next deadline on or before :until (overdue included)
DUE_BY = (f"((c.accept_due >= :today AND c.accept_due <= :until) OR "
          f"(c.decision_due <= :until AND NOT {ACCEPT_PENDING}))")
# due soon: not overdue, next deadline within the window (rules/parameters/review/deadlines.toml due_soon_*)
DUE_SOON = (f"((c.accept_due >= :today AND c.accept_due <= :until) OR "
            f"(c.decision_due >= :today AND c.decision_due <= :until AND NOT {ACCEPT_PENDING}))")
