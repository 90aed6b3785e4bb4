"""The 补正 clock and the case list filtered in SQL (issue 14), on SQLite and PostgreSQL.

Law: 令第31号 第十四条 (5个工作日内一次告知补正；逾期不告知的，自收到报告之日起即为受理); 《行政许可法》第三十二条第一款
第（四）项 (五日内一次告知), 第（五）项 (按要求提交全部补正申请材料的，应当受理), 第四十二条 (20 个工作日), 第八十二条
(工作日，不含法定节假日). Holidays: 国办发明电〔2024〕12号 — 2025-10-01…10-08 off, Sun 09-28 and Sat 10-11 working.

Hand counts (day of the event not counted; the period starts the next day):
- received Mon 2025-09-22 → notice due: 09-23, 24, 25, 26, Sun 09-28 (working) → **2025-09-28**.
- corrected materials received Tue 2025-09-30 → the 受理 period restarts: 10-09, 10-10, Sat 10-11 (working), 10-13,
  10-14 → **2025-10-14**.
- not accepted by then → accepted from 09-30; decision due: 10-09(1) 10(2) 11(3) 13(4) 14(5) 15(6) 16(7) 17(8)
  20(9) 21(10) 22(11) 23(12) 24(13) 27(14) 28(15) 29(16) 30(17) 31(18) 11-03(19) 11-04(20) → **2025-11-04**.
- accepted explicitly Mon 10-13 → 10-14(1) … 11-10(20) → **2025-11-10**.
"""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone

import pytest
from sqlalchemy import text, update

from reviewer.archive.case_models import Case
from reviewer.demo import seed_demo
from reviewer.services import store_submission
from reviewer.submission.parse import load_json
from reviewer.usecases.base import Context
from reviewer.usecases.cases import (CaseListRequest, CorrectionRequest, EventRequest, ReceiveRequest, case_list_sql,
                                     case_page, list_cases, receive_case, record_event, request_correction,
                                     resync_cases, show_case)

HOSPITAL = "2026-310117-84-01-000101"


@pytest.fixture
def ctx(archive):
    seed_demo(archive)
    return Context(archive=archive, actor="张审查", clock=lambda: datetime(2025, 9, 24, 2, tzinfo=timezone.utc))


def test_corrections_restart_the_acceptance_clock_over_national_day(ctx):
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2025, 9, 22)))
    d = show_case(ctx, HOSPITAL, today=date(2025, 9, 24))["deadlines"]
    assert d["correction_notice"] == "2025-09-28" and d["next"]["kind"] == "correction_notice"
    request_correction(ctx, request=CorrectionRequest(HOSPITAL, date(2025, 9, 24)))
    v = show_case(ctx, HOSPITAL, today=date(2025, 9, 29))
    # the applicant's turn: no deadline runs against the office, nothing is deemed
    assert v["status"] == "correction" and v["deadlines"]["next"] is None and not v["deadlines"]["accepted_deemed"]
    assert list_cases(ctx, today=date(2025, 12, 31), overdue=True) == []
    record_event(ctx, request=EventRequest(HOSPITAL, "corrected", date(2025, 9, 30)))
    d = show_case(ctx, HOSPITAL, today=date(2025, 10, 14))["deadlines"]
    assert d["acceptance"] == "2025-10-14" and d["corrected_on"] == "2025-09-30"
    assert d["next"] == {"kind": "acceptance", "due": "2025-10-14", "overdue": False, "due_soon": True}
    assert d["decision"] is None and not d["accepted_deemed"]
    # one day later: accepted from the day the corrections were received; 20 working days from 09-30
    d = show_case(ctx, HOSPITAL, today=date(2025, 10, 15))["deadlines"]
    assert d["accepted_deemed"] and d["accepted_on"] == "2025-09-30" and d["decision"] == "2025-11-04"
    assert d["next"]["kind"] == "decision" and d["next"]["due"] == "2025-11-04"
    assert list_cases(ctx, today=date(2025, 11, 4), overdue=True) == []
    assert [r["project_code"] for r in list_cases(ctx, today=date(2025, 11, 5), overdue=True)] == [HOSPITAL]
    # explicit 受理 on 10-13 replaces the deemed date
    record_event(ctx, request=EventRequest(HOSPITAL, "accepted", date(2025, 10, 13)))
    d = show_case(ctx, HOSPITAL, today=date(2025, 10, 15))["deadlines"]
    assert d["accepted_on"] == "2025-10-13" and not d["accepted_deemed"] and d["decision"] == "2025-11-10"
    assert [r["next"]["due"] for r in list_cases(ctx, today=date(2025, 11, 11), overdue=True)] == ["2025-11-10"]


def test_both_sides_of_the_acceptance_deadline_in_the_list(ctx):
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2025, 9, 22)))
    request_correction(ctx, request=CorrectionRequest(HOSPITAL, date(2025, 9, 24)))
    record_event(ctx, request=EventRequest(HOSPITAL, "corrected", date(2025, 9, 30)))
    # 10-13 → 10-14 is 1 working day ahead; 10-10 → 10-14 is 3 (10-11 Sat working, 10-13, 10-14)
    [row] = list_cases(ctx, today=date(2025, 10, 10), due_within=3)
    assert row["next"] == {"kind": "acceptance", "due": "2025-10-14", "overdue": False, "due_soon": True}
    assert list_cases(ctx, today=date(2025, 10, 10), due_within=2) == []
    assert list_cases(ctx, today=date(2025, 10, 9), due_within=3) == []  # 4 working days ahead
    assert case_page(ctx, CaseListRequest(today=date(2025, 10, 9))).rows[0]["next"]["due_soon"] is False


def _projects(archive, demo_dir, n: int) -> list[str]:
    base = load_json(demo_dir / "hospital.json")
    codes = []
    for i in range(n):
        code = f"2025-310117-84-01-0009{i:02d}"
        sub = dataclasses.replace(base, project=dataclasses.replace(base.project, code=code, name=f"测试项目{i}"))
        archive.run_write(lambda s, sub=sub: store_submission(s, sub, source_name=f"{i}.json", source_format="json"))
        codes.append(code)
    return codes


def test_sql_list_agrees_with_the_derivation_and_pages_by_keyset(any_archive, demo_dir):
    ctx = Context(archive=any_archive, actor="张审查")
    codes = _projects(any_archive, demo_dir, 7)
    # received on consecutive working days of March 2026 (no holiday), all accepted the same day
    received = [date(2026, 3, d) for d in (2, 3, 4, 5, 6, 9, 10)]
    for code, day in zip(codes, received):
        receive_case(ctx, request=ReceiveRequest(code, day))
    for code, day in zip(codes[:5], received[:5]):
        record_event(ctx, request=EventRequest(code, "accepted", day))
    record_event(ctx, request=EventRequest(codes[0], "decided", date(2026, 3, 20), data={"outcome": "approval"}))
    for today in (date(2026, 3, 9), date(2026, 3, 11), date(2026, 3, 31), date(2026, 4, 2)):
        for kw in ({"overdue": True}, {"due_within": 3}, {}):
            rows = list_cases(ctx, today=today, **kw)
            expect = []
            for code in codes:
                nxt = show_case(ctx, code, today=today)["deadlines"]["next"]
                if kw.get("overdue") and not (nxt and nxt["overdue"]):
                    continue
                if "due_within" in kw and not (nxt and (nxt["overdue"] or nxt["due_soon"])):
                    continue
                expect.append((code, nxt))
            assert sorted((r["project_code"], r["next"]) for r in rows) == sorted(expect, key=lambda x: x[0]), (today, kw)
    # 2026-04-02: decisions of 03-03 … 03-06 due 03-31 … 04-03 (20 working days, 清明 04-04…06 after) and the deemed
    # acceptances of 03-09, 03-10 (notice due 03-16, 03-17 passed) → decision due 04-07, 04-08 (over 清明)
    overdue = list_cases(ctx, today=date(2026, 4, 2), overdue=True)
    assert [(r["project_code"], r["next"]["due"]) for r in overdue] == [(codes[1], "2026-03-31"),
                                                                         (codes[2], "2026-04-01")]
    # keyset: pages of 2 walk every case once, in next-deadline order
    seen, after = [], None
    while True:
        page = case_page(ctx, CaseListRequest(today=date(2026, 3, 11), due_within=30, limit=2, after=after))
        seen += [r["project_code"] for r in page.rows]
        assert len(page.rows) <= 2
        if page.next_after is None:
            break
        after = page.next_after
    assert sorted(seen) == sorted(codes[1:]) and len(seen) == len(set(seen))
    dues = [show_case(ctx, c, today=date(2026, 3, 11))["deadlines"]["next"]["due"] for c in seen]
    assert dues == sorted(dues)


def test_overdue_filter_uses_the_index_on_sqlite(archive):
    sql, params = case_list_sql(CaseListRequest(today=date(2026, 4, 2), overdue=True), date(2026, 4, 2))
    with archive.engine.connect() as conn:
        plan = " ".join(str(r[-1]) for r in conn.execute(
            text("EXPLAIN QUERY PLAN " + sql), {**params, "today": "2026-04-02"}))
    assert "ix_cases_decision_due" in plan and "SCAN c" not in plan, plan


def test_rows_without_derived_columns_are_derived_on_first_list(ctx, archive):
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    record_event(ctx, request=EventRequest(HOSPITAL, "accepted", date(2026, 3, 2)))
    with archive.write() as s:  # as migration 0005 leaves a case of an older archive
        s.execute(update(Case).values(status=None, accept_due=None, accept_due_kind="", decision_due=None))
    [row] = list_cases(ctx, today=date(2026, 3, 31), overdue=True)
    assert row["next"]["due"] == "2026-03-30"
    with archive.read() as s:
        c = s.query(Case).one()
        assert (c.status, c.decision_due) == ("in_review", date(2026, 3, 30))
    with archive.write() as s:
        s.execute(update(Case).values(decision_due=date(2030, 1, 1)))
    assert resync_cases(ctx).value == 1
    with archive.read() as s:
        assert s.query(Case).one().decision_due == date(2026, 3, 30)


def test_project_list_deadline_query_on_both_backends(any_archive, demo_dir):
    """The workbench list's per-page deadline query and the status bar's counts (reviewer.ui.project_model, SQL of
    reviewer.case.listing) agree with the case list on SQLite (sqlite3, ISO text) and PostgreSQL (bound dates)."""
    from reviewer.ui.project_model import ProjectFilter, ProjectTableModel, deadline_counts, source_for

    ctx = Context(archive=any_archive, actor="张审查")
    codes = _projects(any_archive, demo_dir, 3)
    for code in codes:
        receive_case(ctx, request=ReceiveRequest(code, date(2026, 3, 2)))
    record_event(ctx, request=EventRequest(codes[0], "accepted", date(2026, 3, 2)))  # decision due 03-30
    record_event(ctx, request=EventRequest(codes[1], "accepted", date(2026, 3, 5)))  # decision due 04-02
    # on 03-31: codes[0] overdue; codes[1] due 04-02 = 2nd working day (due soon); codes[2] deemed accepted from
    # 03-02 (no notice by 03-09) → decision due 03-30 as well: overdue
    src = source_for(any_archive)
    assert deadline_counts(src, date(2026, 3, 31)) == (2, 1)
    page = ProjectTableModel.query(src, ProjectFilter(), today=date(2026, 3, 31))
    got = {r[0]: r[-2] for r in page.rows}
    assert got[codes[0]] == ("decision", date(2026, 3, 30), "overdue")
    assert got[codes[1]] == ("decision", date(2026, 4, 2), "soon")
    assert got[codes[2]] == ("decision", date(2026, 3, 30), "overdue")
    # on 03-03 the 补正 notice (due 03-09) is next for codes[2]: 4 working days ahead, not yet due soon
    page = ProjectTableModel.query(src, ProjectFilter(), today=date(2026, 3, 3))
    assert {r[0]: r[-2] for r in page.rows}[codes[2]] == ("correction_notice", date(2026, 3, 9), "")
    # sorted by the next deadline on 03-31 (03-30, 03-30, 04-02; ties by id), the overdue filter (the SQL of
    # `case list --overdue`), and keyset pages of one row — the same on both backends
    from PySide6.QtCore import Qt

    from reviewer.ui.project_model import COLUMNS, NO_DUE

    day, due_col = date(2026, 3, 31), len(COLUMNS)
    page = ProjectTableModel.query(src, ProjectFilter(), due_col, Qt.SortOrder.AscendingOrder, today=day)
    assert [r[0] for r in page.rows][:3] == [codes[0], codes[2], codes[1]]
    over = ProjectTableModel.query(src, ProjectFilter(overdue_on=day), due_col, today=day)
    assert [r[0] for r in over.rows] == [codes[0], codes[2]] == [r["project_code"]
                                                                for r in list_cases(ctx, today=day, overdue=True)]
    assert over.total == 2
    got, after = [], None
    for _ in range(len(page.rows) + 1):
        rows = ProjectTableModel.fetch_page(src, ProjectFilter(), due_col, Qt.SortOrder.DescendingOrder, len(got), 1,
                                            after, today=day)
        if not rows:
            break
        got.append(rows[0][0])
        after = (rows[0][due_col][1] or NO_DUE, rows[0][-1])
    assert got == [r[0] for r in page.rows][::-1]


def test_migration_0005_on_a_case_written_before_it(any_archive):
    """A case from before 0005 (downgraded to 0002_casefile, upgraded again) has no derived columns until the first
    list reads it; then it is listed with the deadlines its events imply."""
    seed_demo(any_archive)
    ctx = Context(archive=any_archive, actor="张审查")
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    record_event(ctx, request=EventRequest(HOSPITAL, "accepted", date(2026, 3, 2)))
    any_archive.downgrade("0002_casefile")
    any_archive.upgrade("head")
    with any_archive.read() as s:
        c = s.query(Case).one()
        assert (c.status, c.accept_due, c.decision_due) == (None, None, None)
    [row] = list_cases(ctx, today=date(2026, 3, 31), overdue=True)
    assert row["next"] == {"kind": "decision", "due": "2026-03-30", "overdue": True, "due_soon": False}
