"""District ledger (区级能耗与碳排放台账): budgets, what approved projects draw on them, completion acceptance,
validity and changes. Headless — the CLI (``reviewer ledger …``) and the dashboard widget share these functions.

Modules:

* :mod:`.rules` — the ledger's dated parameters (validity, the 10 % overrun rule per regime, 晴雨表 warning levels).
* :mod:`.budget` — district budgets per year with allocations to 街镇/园区 and industries; every edit has history.
* :mod:`.entries` — the ledger follows the opinion version in force (``sync_project`` / ``sync_all``); lapses.
* :mod:`.changes` — 变更申请 (重大变动) → 同意变更 or 重新审查.
* :mod:`.summary` — used / remaining by year, town and industry, green-power deduction, warnings.
* :mod:`.acceptance` — 节能验收 / 碳排放核验 against the approved caps.
* :mod:`.export` / :mod:`.importer` / :mod:`.report_pdf` — workbook, CSV, JSON and PDF.
"""

from reviewer.ledger.entries import apply_lapses, sync_all, sync_project  # noqa: F401
