"""Stored case deadlines never go stale (issue 14): each case keeps the fingerprint of the holiday calendar + period
parameters its ``cases.accept_due/decision_due`` were computed with; a different running fingerprint (an upgrade with
a new calendar, ``reviewer rules import`` of a pack with other periods, a row from before migration 0006) makes the
list recompute them — written back on a writable archive, in memory on a read-only one.

Hand counts (《行政许可法》第八十二条: working days; 国办发明电〔2025〕7号: Sun 2025-09-28 a working day, 10-01…10-08 off):
- received Mon 2025-09-22, 补正 notice within 5 working days (令第31号 第十四条): 09-23, 24, 25, 26, Sun 09-28 →
  **2025-09-28**.
- the same with 09-28 removed from the working weekends (the altered calendar of these tests): 09-23, 24, 25, 26,
  Mon 09-29 → **2025-09-29**.
- the same with a pack whose 补正 period is 6 working days (built-in calendar): …, 09-28, 09-29 → **2025-09-29**.
"""

from __future__ import annotations

import sqlite3
from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from sqlalchemy import select, update

from reviewer.archive.case_models import Case
from reviewer.archive.db import Archive
from reviewer.demo import seed_demo
from reviewer.rules import workdays
from reviewer.rules.pack import builtin_files
from reviewer.usecases.base import Context
from reviewer.usecases.cases import ReceiveRequest, list_cases, receive_case, show_case
from test_proof_storage import _read_only

HOSPITAL = "2026-310117-84-01-000101"
TODAY = date(2025, 9, 24)


def _ctx(archive: Archive) -> Context:
    return Context(archive=archive, actor="张审查", clock=lambda: datetime(2025, 9, 24, 2, tzinfo=timezone.utc))


def _altered_calendar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real holidays.toml in a tmp rules dir, Sun 2025-09-28 no longer a 调休 working day; the running calendar."""
    src = workdays.calendar_path().read_text(encoding="utf-8")
    line = "working_weekends = [2025-01-26, 2025-02-08, 2025-04-27, 2025-09-28, 2025-10-11]"
    assert line in src
    path = tmp_path / "rules" / "calendar" / "holidays.toml"
    path.parent.mkdir(parents=True)
    path.write_text(src.replace(line, line.replace(" 2025-09-28,", "")), encoding="utf-8")
    monkeypatch.setattr(workdays, "calendar_path", lambda: path)
    return path


def _due(rows: list[dict]) -> str:
    [row] = [r for r in rows if r["project_code"] == HOSPITAL]
    return row["next"]["due"]


def test_new_calendar_changes_the_listed_deadline_without_resync(any_archive, tmp_path, monkeypatch):
    archive = any_archive
    seed_demo(archive)
    ctx = _ctx(archive)
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2025, 9, 22)))
    assert _due(list_cases(ctx, today=TODAY, due_within=5)) == "2025-09-28"
    with archive.read() as s:
        fp_before = s.scalars(select(Case.rules_fp)).one()
    assert fp_before  # stored with the deadline
    _altered_calendar(tmp_path, monkeypatch)
    # the stored column still says 09-28; the list sees the fingerprint differ and recomputes — no `case resync`
    assert _due(list_cases(ctx, today=TODAY, due_within=5)) == "2025-09-29"
    assert show_case(ctx, HOSPITAL, today=TODAY)["deadlines"]["correction_notice"] == "2025-09-29"
    with archive.read() as s:
        c = s.scalars(select(Case)).one()
        assert c.accept_due == date(2025, 9, 29) and c.rules_fp != fp_before  # written back, one transaction
    # both sides: on 09-29 the case is due (not overdue), on 09-30 the deadline has passed → deemed accepted
    assert list_cases(ctx, today=date(2025, 9, 29), due_within=0)[0]["next"]["overdue"] is False
    assert list_cases(ctx, today=date(2025, 9, 30))[0]["next"]["kind"] == "decision"
    assert list_cases(ctx, today=date(2025, 9, 30), due_within=0) == []


def _pack(tmp_path: Path, days: int) -> Path:
    from reviewer.signing import identities
    from reviewer.settings import Settings
    from reviewer.usecases.rulepacks import build_pack

    identities.init_authority(Settings().commission_name, b"ca")
    files = dict(builtin_files())
    name = "parameters/review/deadlines.toml"
    old = b"{ value = 5, from = 2025-09-01, verified = true"  # 令第31号 第十四条; the first of these in the file
    assert files[name].index(old) < files[name].index(b"[decision_working_days]")
    files[name] = files[name].replace(old, old.replace(b"value = 5", b"value = %d" % days), 1)
    files["VERSION"] = b"2026.12.3\n"
    p = tmp_path / "pack.zip"
    p.write_bytes(build_pack(files, ca_passphrase=b"ca", created_by="test", created_at="2026-12-02T00:00:00Z"))
    return p


def test_rules_import_resyncs_the_cases_in_its_transaction(reviewer_home, tmp_path):
    from reviewer.usecases.rulepacks import ImportRequest, import_pack

    archive = Archive(f"sqlite:///{reviewer_home / 'archive.sqlite3'}")
    try:
        seed_demo(archive)
        ctx = _ctx(archive)
        receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2025, 9, 22)))
        with archive.read() as s:
            assert s.scalars(select(Case.accept_due)).one() == date(2025, 9, 28)
        diff = import_pack(ctx, ImportRequest(file=_pack(tmp_path, 6), apply=True)).value
        assert diff.applied and diff.cases_resynced == 1
        with archive.read() as s:  # rewritten by the import itself, before anything reads the list
            assert s.scalars(select(Case.accept_due)).one() == date(2025, 9, 29)
        assert _due(list_cases(ctx, today=TODAY, due_within=5)) == "2025-09-29"
    finally:
        archive.dispose()


def test_read_only_archive_lists_recomputed_deadlines_without_writing(reviewer_home, tmp_path, monkeypatch):
    """Rows from before 0005/0006 (NULL columns, empty fingerprint) and a changed calendar, on an archive whose folder
    is read-only: the list computes the deadlines from the events and writes nothing."""
    path = reviewer_home / "archive.sqlite3"
    a = Archive(f"sqlite:///{path}")
    seed_demo(a)
    receive_case(_ctx(a), request=ReceiveRequest(HOSPITAL, date(2025, 9, 22)))
    with a.write() as s:  # as migrations 0005 + 0006 leave a case of an older archive
        s.execute(update(Case).values(status=None, accept_due=None, accept_due_kind="", decision_due=None, rules_fp=""))
    a.dispose()
    _altered_calendar(tmp_path, monkeypatch)
    before = path.read_bytes()
    with _read_only(reviewer_home):
        ro = Archive(f"sqlite:///{path}")
        try:
            assert ro.read_only
            ctx = _ctx(ro)
            rows = list_cases(ctx, today=TODAY, due_within=5)
            assert _due(rows) == "2025-09-29" and rows[0]["status"] == "received"
            assert list_cases(ctx, today=date(2025, 9, 30), overdue=True) == []  # decision not due yet
            assert [r["project_code"] for r in list_cases(ctx, today=date(2025, 9, 24))] == [HOSPITAL]
        finally:
            ro.dispose()
    assert path.read_bytes() == before
    con = sqlite3.connect(path)
    assert con.execute("SELECT status, rules_fp FROM cases").fetchall() == [(None, "")]
    con.close()
