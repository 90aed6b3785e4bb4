"""台账 export (xlsx/csv/json) read back against the archive, and import of a ledger workbook: round trip,
idempotence, and all-or-nothing rejection of a bad workbook with sheet/cell problems (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import os
from pathlib import Path
import json
from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from test_ledger_helpers import DEMO_TODAY, build_demo
from reviewer.archive.db import Archive
from reviewer.archive.models import LedgerBudget, LedgerEntry
from reviewer.errors import ValidationFailed
from reviewer.ledger.columns import BUDGET_COLUMNS, ENTRY_COLUMNS, STATUS_BY_LABEL, TOTAL_LABEL
from reviewer.ledger.export import export
from reviewer.ledger.importer import import_ledger_workbook
from reviewer.ledger.summary import all_entries, entry_dict


def _rows(ws):
    rows = list(ws.iter_rows(values_only=True))
    return rows[0], rows[1:]


def _norm(v):
    if hasattr(v, "date") and callable(v.date):
        v = v.date()
    return v.isoformat() if isinstance(v, date) else v


def test_xlsx_matches_archive(any_archive, tmp_path):
    build_demo(any_archive)
    path = export_path = tmp_path / "台账.xlsx"
    with any_archive.read() as s:
        export(s, export_path, today=DEMO_TODAY)
        entries = [entry_dict(e) for e in all_entries(s)]
    wb = load_workbook(path)
    assert wb.sheetnames == ["台账明细", "预算", "预算变更记录", "年度汇总", "街镇园区", "行业", "变更申请", "验收记录"]
    ws = wb["台账明细"]
    head, body = _rows(ws)
    assert list(head) == [c.header for c in ENTRY_COLUMNS]
    data, total = body[:-1], body[-1]
    assert len(data) == len(entries) == 8  # 7 approvals (one lapsed) + the boiler entry superseded by its change
    for row, e in zip(data, entries):
        for c, v in zip(ENTRY_COLUMNS, row):
            want = e[c.key]
            if c.kind == "status":
                assert STATUS_BY_LABEL[v] == want
            elif c.kind == "origin":
                continue
            elif c.kind == "number":
                assert (v or 0) == pytest.approx(want or 0), c.key
            else:
                assert (_norm(v) or None) == (want or None), c.key
    # totals row: the active entries only
    assert total[0] == TOTAL_LABEL
    active = [e for e in entries if e["status"] == "active"]
    i = [c.key for c in ENTRY_COLUMNS].index("equivalent_tce")
    assert total[i] == pytest.approx(sum(e["equivalent_tce"] for e in active))
    # formatting: header fill, number formats, frozen panes, filter
    assert ws["A1"].fill.fgColor.rgb.endswith("305496") and ws["A1"].font.bold
    assert ws.cell(row=2, column=i + 1).number_format == "#,##0.00"
    assert ws.freeze_panes == "C2" and ws.auto_filter.ref.startswith("A1:")
    # 年度汇总 has the district budget of 2028 after its revision (60000 → 62000)
    ys = wb["年度汇总"]
    row2028 = next(r for r in ys.iter_rows(min_row=3, values_only=True) if r[0] == 2028)
    assert row2028[3] == 62000
    assert wb["预算变更记录"].max_row == 1 + 11  # 10 budgets set + 1 revision


def test_csv_and_json(any_archive, tmp_path):
    build_demo(any_archive)
    with any_archive.read() as s:
        export(s, tmp_path / "l.csv")
        export(s, tmp_path / "l.json", today=DEMO_TODAY)
        n = len(all_entries(s))
    raw = (tmp_path / "l.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM so Excel opens the Chinese text correctly
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][0] == "项目代码" and len(rows) == n + 1
    data = json.loads((tmp_path / "l.json").read_text(encoding="utf-8"))
    assert len(data["entries"]) == n and {b["year"] for b in data["budgets"]} == {2027, 2028, 2029}
    d2028 = next(u for u in data["district"] if u["year"] == 2028)
    assert d2028["energy_equivalent_tce"]["budget"] == 62000


def test_import_round_trip_and_idempotent(any_archive, tmp_path, sqlite_url):
    build_demo(any_archive)
    src = tmp_path / "a.xlsx"
    with any_archive.read() as s:
        export(s, src, today=DEMO_TODAY)
    fresh = Archive(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    res = fresh.run_write(lambda s: import_ledger_workbook(s, src, actor="导入员"))
    assert res.entries_added == 8 and res.budgets_changed == 10
    back = tmp_path / "b.xlsx"
    with fresh.read() as s:
        export(s, back, today=DEMO_TODAY)
    a, b = load_workbook(src), load_workbook(back)
    ha, ra = _rows(a["台账明细"])
    hb, rb = _rows(b["台账明细"])
    origin = [c.key for c in ENTRY_COLUMNS].index("origin")
    strip = lambda rows: [tuple(v for i, v in enumerate(r) if i != origin) for r in rows]  # noqa: E731
    assert strip(ra) == strip(rb)
    assert {r[origin] for r in rb[:-1]} == {"导入"}
    keep = len(BUDGET_COLUMNS) - 2  # who/when differ by design (the importer, now)
    assert [r[:keep] for r in _rows(a["预算"])[1]] == [r[:keep] for r in _rows(b["预算"])[1]]
    # usage sheets agree except for pending projects (they live only in the source archive) and what depends on them
    from reviewer.ledger.export import USAGE_PARTS

    for sheet, n0 in (("年度汇总", 1), ("街镇园区", 2), ("行业", 2)):
        def settled(ws):
            out = []
            for r in ws.iter_rows(min_row=3, values_only=True):
                out.append(tuple(v for i, v in enumerate(r) if i < n0 + 1 or (
                    i >= n0 + 2 and USAGE_PARTS[(i - n0 - 2) % len(USAGE_PARTS)][0] not in ("pending", "ratio"))))
            return out
        assert settled(a[sheet]) == settled(b[sheet]), sheet
    again = fresh.run_write(lambda s: import_ledger_workbook(s, src, actor="导入员"))
    assert (again.entries_added, again.entries_unchanged, again.budgets_changed) == (0, 8, 0)
    fresh.dispose()


def test_bad_workbook_rejected_whole_with_cells(any_archive, tmp_path):
    build_demo(any_archive)
    src = tmp_path / "a.xlsx"
    with any_archive.read() as s:
        export(s, src, today=DEMO_TODAY)
    wb = load_workbook(src)
    ws = wb["台账明细"]
    ws["K3"] = "很多"  # 当量值 not a number
    ws["D4"] = "浦东新区"  # not a Songjiang town
    ws["F5"] = 2028.5  # year not an integer
    wb["预算"]["D2"] = -1
    wb.save(src)
    fresh = Archive(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    with pytest.raises(ValidationFailed) as ei:
        fresh.run_write(lambda s: import_ledger_workbook(s, src, actor="x"))
    where = sorted((p.sheet, p.cell) for p in ei.value.problems if p.severity == "error")
    assert where == [("台账明细", "D4"), ("台账明细", "F5"), ("台账明细", "K3"), ("预算", "D2")]
    assert "未导入任何数据" in ei.value.message_zh
    with fresh.read() as s:
        assert s.scalar(select(func.count(LedgerEntry.id))) == 0
        assert s.scalar(select(func.count(LedgerBudget.id))) == 0
    fresh.dispose()


def test_import_conflicts_with_archived_opinion(any_archive, tmp_path):
    build_demo(any_archive)
    src = tmp_path / "a.xlsx"
    with any_archive.read() as s:
        export(s, src, today=DEMO_TODAY)
    # the archive's own export re-imported: nothing changes
    res = any_archive.run_write(lambda s: import_ledger_workbook(s, src, actor="x"))
    assert (res.entries_added, res.entries_unchanged, res.budgets_changed) == (0, 8, 0)
    # an active row that differs from the entry an archived opinion drew: refused, nothing written
    wb = load_workbook(src)
    ws = wb["台账明细"]
    status_col = [c.key for c in ENTRY_COLUMNS].index("status") + 1
    r = next(i for i in range(2, ws.max_row) if ws.cell(row=i, column=status_col).value == "有效（占用预算）")
    ws.cell(row=r, column=11).value = 1.0
    wb.save(src)
    with any_archive.read() as s:
        n = s.scalar(select(func.count(LedgerEntry.id)))
    with pytest.raises(ValidationFailed) as ei:
        any_archive.run_write(lambda s: import_ledger_workbook(s, src, actor="x"))
    assert [(p.rule, p.cell) for p in ei.value.problems] == [("LEDGER-IMPORT-CONFLICT", f"A{r}")]
    with any_archive.read() as s:
        assert s.scalar(select(func.count(LedgerEntry.id))) == n


def _colour_pixels(png, rgb, tol=12):
    from PIL import Image

    im = Image.open(png).convert("RGB")
    data = im.get_flattened_data() if hasattr(im, "get_flattened_data") else im.getdata()
    return sum(1 for p in data if all(abs(a - b) <= tol for a, b in zip(p, rgb)))


def test_pdf_summary_renders_charts_and_tables(archive, tmp_path):
    """Render the PDF with poppler and look for the chart colours: 已批计入考核 #2F5597 and 绿电绿证扣除 #70AD47 bars
    on page 1 (district by year) and page 2 (towns and industries of 2028)."""
    import shutil
    import subprocess

    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils not installed")
    build_demo(archive)
    pdf = tmp_path / "ledger.pdf"
    with archive.read() as s:
        export(s, pdf, year=2028, today=DEMO_TODAY)
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) >= 3
    for page in pages[:2]:
        assert _colour_pixels(page, (0x2F, 0x55, 0x97)) > 500
        assert _colour_pixels(page, (0x70, 0xAD, 0x47)) > 200
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "62,000.00" in text and "12,904.50" in text and "一级预警" in text
    if os.environ.get("LEDGER_SCREENSHOTS"):
        shots = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
        subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "2", str(pdf), str(shots / "ledger_summary_pdf")],
                       check=True)


def test_import_existing_district_workbook_layout(archive, tmp_path):
    """A workbook kept by hand before the tool: sheet 「台账」, columns in another order with the district's own
    headers, no status and no validity columns, an extra remarks column. Active rows get their validity computed
    (2 years, 令第31号 第十九条); the unknown column is a warning; a bad cell is reported where it really is."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "台账"
    ws.append(["序号", "项目名称", "项目编码", "所属街镇", "批复文号", "批复日期", "投产年份", "综合能耗当量值",
               "综合能耗等价值", "碳排放量", "备注"])
    ws.append([1, "某新材料项目", "2025-310117-26-03-000011", "车墩镇", "松发改能审〔2025〕21号", date(2025, 10, 20), 2027,
               1830.5, 3920.1, 5120.0, "区重点项目"])
    ws.append([2, "某物流中心项目", "2025-310117-59-01-000012", "九亭镇", "松发改能审〔2025〕22号", "2025-11-03", 2026,
               420, 980.4, 1010, ""])
    path = tmp_path / "松江区节能审查台账2025.xlsx"
    wb.save(path)
    res = archive.run_write(lambda s: import_ledger_workbook(s, path, actor="导入员"))
    assert res.entries_added == 2
    assert sorted((w.rule, w.cell) for w in res.warnings) == [("LEDGER-IMPORT-COLUMN", "A1"), ("LEDGER-IMPORT-COLUMN", "K1")]
    with archive.read() as s:
        rows = {e.project_code: e for e in s.scalars(select(LedgerEntry))}
    e = rows["2025-310117-26-03-000011"]
    assert (e.status, e.origin, e.valid_until, e.year, e.equivalent_tce) == ("active", "imported", date(2027, 10, 20),
                                                                            2027, 1830.5)
    # a wrong value is reported at its real cell (column H here), nothing written
    ws.cell(row=3, column=8).value = "约四百"
    ws.cell(row=1, column=3).value = "编码"  # required column no longer recognised
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    fresh = Archive(f"sqlite:///{tmp_path / 'f.sqlite3'}")
    with pytest.raises(ValidationFailed) as ei:
        fresh.run_write(lambda s: import_ledger_workbook(s, bad, actor="x"))
    errs = [(p.rule, p.cell) for p in ei.value.problems if p.severity == "error"]
    assert ("LEDGER-IMPORT-HEADER", "1") in errs
    fresh.dispose()
    ws.cell(row=1, column=3).value = "项目编码"
    wb.save(bad)
    fresh = Archive(f"sqlite:///{tmp_path / 'g.sqlite3'}")
    with pytest.raises(ValidationFailed) as ei:
        fresh.run_write(lambda s: import_ledger_workbook(s, bad, actor="x"))
    assert [(p.sheet, p.cell) for p in ei.value.problems if p.severity == "error"] == [("台账", "H3")]
    fresh.dispose()
