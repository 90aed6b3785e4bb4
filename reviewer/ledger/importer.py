"""Import an existing ledger workbook (the layout :mod:`.export` writes: sheets 「预算」 and 「台账明细」).

Every cell is checked first and every problem is reported with its sheet and cell in Chinese; only a workbook without
errors is written, in one transaction (all or nothing). Budgets go through :func:`~reviewer.ledger.budget.set_budget`
(history and audit, reason "导入台账工作簿 …"); entries are stored with origin ``imported`` and linked to an archive
project of the same 项目代码 when there is one. Re-importing the same workbook changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from reviewer.archive import audit
from reviewer.archive.models import LedgerBudgetChange, LedgerEntry, Project
from reviewer.errors import Problem, UserError, ValidationFailed
from reviewer.ledger.budget import METRICS, YEAR_MAX, YEAR_MIN, industries, set_budget, towns
from reviewer.ledger.columns import (BUDGET_COLUMNS, BUDGET_SHEET, ENTRY_COLUMNS, ENTRY_SHEET, ENTRY_SHEET_ALIASES,
                                     ORIGIN_BY_LABEL,
                                     STATUS_BY_LABEL, TOTAL_LABEL, Col)
from reviewer.ledger.entries import ACTIVE

CODE_RE = re.compile(r"^[0-9A-Za-z\-]{4,40}$")
MAX_ROWS = 100_000  # refuse absurd sheets rather than exhaust memory


@dataclass
class ImportResult:
    budgets_changed: int = 0
    entries_added: int = 0
    entries_unchanged: int = 0
    warnings: list[Problem] = field(default_factory=list)


def _p(rule: str, zh: str, en: str, file: str, sheet: str, cell: str, col: Col | None = None, found: Any = None,
       severity: str = "error") -> Problem:
    return Problem(rule, zh, en, severity=severity, file=file, sheet=sheet, cell=cell,
                   field=col.header if col else None, found=None if found is None else str(found))


def _convert(col: Col, raw: Any, where: dict[str, str], problems: list[Problem]) -> Any:
    if isinstance(raw, str):
        raw = raw.strip()
    if raw is None or raw == "":
        if col.required:
            problems.append(_p("LEDGER-IMPORT-REQUIRED", f"“{col.header}”不能为空。", f"{col.header} is required.",
                               col=col, **where))
        return None
    try:
        if col.kind in ("text", "status", "origin"):
            v = str(raw)
            if col.kind == "status":
                if v not in STATUS_BY_LABEL:
                    raise ValueError(f"应为 {'、'.join(STATUS_BY_LABEL)} 之一")
                return STATUS_BY_LABEL[v]
            if col.kind == "origin":
                if v not in ORIGIN_BY_LABEL:
                    raise ValueError(f"应为 {'、'.join(ORIGIN_BY_LABEL)} 之一")
                return ORIGIN_BY_LABEL[v]
            return v
        if col.kind == "int":
            if isinstance(raw, bool):
                raise ValueError("应为整数")
            d = Decimal(str(raw))
            if d != d.to_integral_value():
                raise ValueError("应为整数")
            v = int(d)
            if not (YEAR_MIN <= v <= YEAR_MAX):
                raise ValueError(f"应在 {YEAR_MIN}–{YEAR_MAX} 之间")
            return v
        if col.kind == "number":
            if isinstance(raw, bool):
                raise ValueError("应为数值")
            d = Decimal(str(raw).replace(",", ""))
            if not d.is_finite() or d < 0:
                raise ValueError("应为非负数值")
            return d
        if col.kind == "date":
            if isinstance(raw, datetime):
                return raw.date()
            if isinstance(raw, date):
                return raw
            return date.fromisoformat(str(raw))
    except (ValueError, InvalidOperation) as exc:
        msg = str(exc) if any("\u4e00" <= ch <= "\u9fff" for ch in str(exc)) else {
            "number": "应为非负数值", "date": "应为日期（YYYY-MM-DD）", "int": "应为整数"}.get(col.kind, "格式不正确")
        problems.append(_p("LEDGER-IMPORT-TYPE", f"“{col.header}”{msg}。", f"{col.header}: invalid value.",
                           col=col, found=raw, **where))
    return None


def _norm_header(v: Any) -> str:
    return "".join(str(v).split()).replace("（", "(").replace("）", ")") if v is not None else ""


def _read_sheet(wb, names: tuple[str, ...], columns: tuple[Col, ...], file: str,  # noqa: ANN001
                problems: list[Problem]) -> list[tuple[int, dict]] | None:
    """Rows of the first sheet found under ``names``, columns matched by header text (order free, aliases accepted).

    Returns ``None`` when no such sheet exists. Each record carries ``_cells``: field → cell reference, so later
    checks name the cell where the value actually is."""
    from openpyxl.utils import get_column_letter

    name = next((n for n in names if n in wb.sheetnames), None)
    if name is None:
        return None
    ws = wb[name]
    rows = ws.iter_rows(values_only=True)
    head = [_norm_header(v) for v in (next(rows, None) or ())]
    where: dict[str, int] = {}
    for col in columns:
        wanted = [_norm_header(h) for h in (col.header, *col.aliases)]
        idx = next((i for i, h in enumerate(head) if h in wanted), None)
        if idx is not None:
            where[col.key] = idx
        elif col.required:
            problems.append(_p("LEDGER-IMPORT-HEADER", f"缺少必需的列“{col.header}”。", f"Required column {col.header!r} is missing.",
                               file, name, "1"))
    known = set(where.values())
    for i, h in enumerate(head):
        if h and i not in known:
            problems.append(_p("LEDGER-IMPORT-COLUMN", f"未识别的列“{h}”，已忽略。", f"Unrecognised column {h!r} ignored.",
                               file, name, f"{get_column_letter(i + 1)}1", severity="warning"))
    if any(p.rule == "LEDGER-IMPORT-HEADER" and p.sheet == name for p in problems):
        return []
    first = min(where.values()) if where else 0
    out: list[tuple[int, dict]] = []
    for r, values in enumerate(rows, start=2):
        if r > MAX_ROWS:
            problems.append(_p("LEDGER-IMPORT-SIZE", f"行数超过 {MAX_ROWS}。", f"More than {MAX_ROWS} rows.", file, name, f"A{r}"))
            break
        values = tuple(values) + (None,) * (len(head) - len(values))
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values):
            continue
        if values[0] == TOTAL_LABEL or (len(values) > first and values[first] == TOTAL_LABEL):
            break
        rec: dict[str, Any] = {"_cells": {}, "_sheet": name}
        for col in columns:
            if col.key not in where:
                rec[col.key] = None
                continue
            i = where[col.key]
            cell = f"{get_column_letter(i + 1)}{r}"
            rec["_cells"][col.key] = cell
            rec[col.key] = _convert(col, values[i] if i < len(values) else None,
                                    {"file": file, "sheet": name, "cell": cell}, problems)
        out.append((r, rec))
    return out


def read_ledger_workbook(path: Path) -> tuple[list[tuple[int, dict]], list[tuple[int, dict]], list[Problem]]:
    """Read and check both sheets; returns (budget rows, entry rows, problems)."""
    from openpyxl import load_workbook

    file = path.name
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise UserError(f"找不到文件 {path}。", f"File not found: {path}.") from None
    except Exception:  # noqa: BLE001 — any unreadable file is a user error, not a crash
        raise UserError(f"{file} 不是可读取的 Excel 工作簿（.xlsx）。", f"{file} is not a readable .xlsx workbook.") from None
    problems: list[Problem] = []
    try:
        brows = _read_sheet(wb, (BUDGET_SHEET,), BUDGET_COLUMNS, file, problems)
        erows = _read_sheet(wb, (ENTRY_SHEET, *ENTRY_SHEET_ALIASES), ENTRY_COLUMNS, file, problems)
    finally:
        wb.close()
    if brows is None and erows is None:
        problems.append(_p("LEDGER-IMPORT-SHEET", f"工作簿中没有「{ENTRY_SHEET}」或「{BUDGET_SHEET}」工作表。",
                           f"The workbook has neither a {ENTRY_SHEET!r} nor a {BUDGET_SHEET!r} sheet.", file, "", ""))
    brows, erows = brows or [], erows or []
    for _, rec in erows:  # an existing ledger without a status column lists the projects in force
        if rec.get("status") is None:
            rec["status"] = ACTIVE
        if rec.get("valid_until") is None and rec.get("approved_on") and rec["status"] == ACTIVE:
            from reviewer.rules.ledger import valid_until

            try:
                rec["valid_until"] = valid_until(rec["approved_on"])
            except UserError:
                pass  # no validity rule for that date: left open, shown as such
    col = {c.key: c for c in ENTRY_COLUMNS}
    town_list, ind_list = set(towns()), set(industries())
    seen_scope: dict[tuple, int] = {}
    for r, rec in brows:
        where = {"file": file, "sheet": BUDGET_SHEET}
        rec["town"] = rec.get("town") or ""
        rec["industry_code"] = rec.get("industry_code") or ""
        if rec["town"] and rec["town"] not in town_list:
            problems.append(_p("LEDGER-IMPORT-TOWN", f"“{rec['town']}”不是松江区的街镇或园区。", "Unknown town.",
                               cell=rec["_cells"].get("town", f"B{r}"), col=BUDGET_COLUMNS[1], found=rec["town"], **where))
        if rec["industry_code"] and rec["industry_code"] not in ind_list:
            problems.append(_p("LEDGER-IMPORT-INDUSTRY", f"行业代码“{rec['industry_code']}”不在清单中。",
                               "Unknown industry code.", cell=rec["_cells"].get("industry_code", f"C{r}"), col=BUDGET_COLUMNS[2], **where))
        scope = (rec.get("year"), rec["town"], rec["industry_code"])
        if scope in seen_scope:
            problems.append(_p("LEDGER-IMPORT-DUPLICATE", f"与第 {seen_scope[scope]} 行的预算范围重复。",
                               f"Same budget scope as row {seen_scope[scope]}.", cell=rec["_cells"].get("year", f"A{r}"), **where))
        seen_scope[scope] = r
    active_rows: dict[str, int] = {}
    for r, rec in erows:
        where = {"file": file, "sheet": rec["_sheet"]}
        code = rec.get("project_code")
        if code and not CODE_RE.match(code):
            problems.append(_p("LEDGER-IMPORT-CODE", "项目代码格式不正确（字母、数字和连字符，4–40 位）。",
                               "Malformed project code.", cell=rec["_cells"]["project_code"], col=col["project_code"], found=code, **where))
        if rec.get("town") and rec["town"] not in town_list:
            problems.append(_p("LEDGER-IMPORT-TOWN", f"“{rec['town']}”不是松江区的街镇或园区。", "Unknown town.",
                               cell=rec["_cells"]["town"], col=col["town"], found=rec["town"], **where))
        if rec.get("industry_code") and rec["industry_code"] not in ind_list:
            problems.append(_p("LEDGER-IMPORT-INDUSTRY", f"行业代码“{rec['industry_code']}”不在清单中，请核对。",
                               "Industry code not in the list.", cell=rec["_cells"]["industry_code"], col=col["industry_code"],
                               found=rec["industry_code"], severity="warning", **where))
        if rec.get("valid_until") and rec.get("approved_on") and rec["valid_until"] < rec["approved_on"]:
            problems.append(_p("LEDGER-IMPORT-DATES", "有效期截止日早于批复日期。", "Validity ends before approval.",
                               cell=rec["_cells"].get("valid_until", ""), col=col["valid_until"], **where))
        if rec.get("status") == ACTIVE and code:
            if code in active_rows:
                problems.append(_p("LEDGER-IMPORT-DUPLICATE", f"项目 {code} 在第 {active_rows[code]} 行已有有效记录。",
                                   f"Project {code} already has an active row ({active_rows[code]}).",
                                   cell=rec["_cells"]["project_code"], **where))
            active_rows[code] = r
    return brows, erows, problems


def _norm(c: Col, v: Any) -> Any:
    if c.kind == "number":
        if v is None:
            return Decimal(0) if c.key.startswith("green") else None
        return Decimal(str(v)).quantize(Decimal("0.01"))
    if c.kind == "text":
        return v or ""
    return v


def _same(e: LedgerEntry, rec: dict[str, Any]) -> bool:
    return all(_norm(c, getattr(e, c.key)) == _norm(c, rec.get(c.key)) for c in ENTRY_COLUMNS if c.key != "origin")


def _existing(session: Session, rec: dict[str, Any]) -> bool:
    """An identical entry is already in the ledger (re-importing a workbook, or the archive's own export)."""
    rows = session.scalars(select(LedgerEntry).where(LedgerEntry.project_code == rec["project_code"],
                                                     LedgerEntry.doc_number == (rec.get("doc_number") or ""),
                                                     LedgerEntry.year == rec["year"],
                                                     LedgerEntry.status == rec["status"])).all()
    return any(_same(e, rec) for e in rows)


def import_ledger_workbook(session: Session, path: Path, *, actor: str) -> ImportResult:
    """Check everything, then write everything (inside the caller's write transaction) or raise with every problem."""
    brows, erows, problems = read_ledger_workbook(path)
    errors = [p for p in problems if p.severity == "error"]
    # conflicts with the archive: an active row for a project whose ledger entry comes from an archived opinion
    for r, rec in erows:
        if rec.get("status") != ACTIVE or not rec.get("project_code") or _existing(session, rec):
            continue
        live = session.scalars(select(LedgerEntry).where(LedgerEntry.project_code == rec["project_code"],
                                                         LedgerEntry.status == ACTIVE)).first()
        if live is not None and live.origin != "imported":
            problems.append(_p("LEDGER-IMPORT-CONFLICT",
                             f"项目 {rec['project_code']} 已依据档案库中的审查意见 {live.doc_number} 计入台账，不能再导入有效记录。",
                             f"Project {rec['project_code']} is already in the ledger from opinion {live.doc_number}.",
                             path.name, rec["_sheet"], rec["_cells"]["project_code"]))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationFailed(f"台账工作簿 {path.name} 有 {len(errors)} 处错误，未导入任何数据。",
                               f"Ledger workbook {path.name} has {len(errors)} errors; nothing was imported.",
                               problems=problems)
    res = ImportResult(warnings=[p for p in problems if p.severity != "error"])
    reason = f"导入台账工作簿 {path.name}"
    changes_before = session.scalar(select(func.count(LedgerBudgetChange.id)))
    for _, rec in brows:
        set_budget(session, year=rec["year"], town=rec["town"], industry_code=rec["industry_code"], actor=actor,
                   reason=reason, note=rec.get("note") or "", **{m: rec.get(m) for m in METRICS})
    res.budgets_changed = session.scalar(select(func.count(LedgerBudgetChange.id))) - changes_before
    projects = {p.code: p.id for p in session.scalars(select(Project).where(
        Project.code.in_({rec["project_code"] for _, rec in erows})))} if erows else {}
    for _, rec in erows:
        if _existing(session, rec):
            res.entries_unchanged += 1
            continue
        e = LedgerEntry(project_id=projects.get(rec["project_code"]), opinion_id=None, change_request_id=None,
                        origin="imported")
        for c in ENTRY_COLUMNS:
            if c.key == "origin":
                continue
            v = rec.get(c.key)
            if c.kind == "number":
                v = float(v) if v is not None else (0.0 if c.key.startswith("green") else None)
            elif c.kind == "text" and v is None:
                v = ""
            setattr(e, c.key, v)
        session.add(e)
        res.entries_added += 1
    session.flush()
    audit.record(session, actor=actor, action="ledger.import", entity="ledger", entity_id=path.name, reason=reason,
                 payload={"budget_rows": len(brows), "entries_added": res.entries_added,
                          "entries_unchanged": res.entries_unchanged})
    return res
