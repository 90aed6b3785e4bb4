"""Batch import against real archives: statuses, versioning, conflicts, cancel/progress, annotation, normalisation
warnings, and SIGKILL part-way through a real `reviewer import` process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from test_intake_support import (CREDIT_OTHER, edit, patch_member, sample_submission, sheet_part, valid_bytes,
                                 with_code)


def _write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def _counts(archive) -> dict[str, int]:  # noqa: ANN001
    from reviewer.archive.models import AssessmentRow, AuditEvent, Project, Submission

    with archive.read() as s:
        return {t.__tablename__: s.scalar(select(func.count()).select_from(t))
                for t in (Project, Submission, AssessmentRow, AuditEvent)}


def test_statuses_versions_and_duplicates(tmp_path, any_archive):
    from reviewer.archive.audit import verify_chain
    from reviewer.intake.batch import import_paths

    a = _write(tmp_path / "in" / "a.xlsx", valid_bytes())
    changed = sample_submission()
    changed.project.total_investment_wan = Decimal("13000")
    b = _write(tmp_path / "later" / "a-v2.xlsx", valid_bytes(changed))
    other = _write(tmp_path / "in" / "b.xlsx", valid_bytes(sample_submission(code="2026-310117-39-03-000888")))
    bad = _write(tmp_path / "in" / "bad.xlsx", b"not a workbook at all")
    _write(tmp_path / "in" / "~$a.xlsx", b"lock file")  # Office lock files are skipped
    results = import_paths(any_archive, [tmp_path / "in"])
    assert [(r.path.name, r.status) for r in results] == [("a.xlsx", "imported"), ("b.xlsx", "imported"),
                                                         ("bad.xlsx", "rejected")]
    assert results[0].version == 1 and results[0].project_code == sample_submission().project.code
    again = import_paths(any_archive, [a]) + import_paths(any_archive, [b])
    assert [(r.status, r.version) for r in again] == [("duplicate", 1), ("new_version", 2)]
    assert _counts(any_archive) == {"projects": 2, "submissions": 3, "assessments": 3, "audit_events": 3}
    with any_archive.read() as s:
        assert verify_chain(s) == []


def test_same_code_different_content_in_one_batch_is_a_conflict(tmp_path, archive):
    from reviewer.intake.batch import import_paths

    changed = sample_submission()
    changed.project.employees = 999
    first = _write(tmp_path / "1.xlsx", valid_bytes())
    second = _write(tmp_path / "2.xlsx", valid_bytes(changed))
    same = _write(tmp_path / "3.xlsx", valid_bytes())
    results = import_paths(archive, [first, second, same])
    assert [r.status for r in results] == ["imported", "rejected", "duplicate"]
    p = results[1].errors[0]
    assert (p.rule, p.sheet, p.cell, p.field) == ("B-DUP-CODE", "项目基本信息", "B6", "code")
    assert "1.xlsx" in p.message_zh
    assert _counts(archive)["submissions"] == 1


def test_code_held_by_another_builder_is_rejected_and_nothing_written(tmp_path, archive):
    from reviewer.intake.batch import import_paths

    assert import_paths(archive, [_write(tmp_path / "a.xlsx", valid_bytes())])[0].status == "imported"
    before = _counts(archive)
    intruder = sample_submission(builder_credit_code=CREDIT_OTHER)
    r = import_paths(archive, [_write(tmp_path / "b.xlsx", valid_bytes(intruder))])[0]
    assert r.status == "rejected" and [p.rule for p in r.errors] == ["A-CODE-CONFLICT"]
    assert _counts(archive) == before


def test_rule_engine_refusal_rejects_the_file_not_the_batch(tmp_path, archive):
    from reviewer.intake.batch import import_paths

    sub = sample_submission()
    sub.process_emissions[0].gwp = None  # SF6 has no default GWP in rules/: the engine refuses
    bad = _write(tmp_path / "a.xlsx", valid_bytes(sub))
    good = _write(tmp_path / "b.xlsx", valid_bytes(sample_submission(code="2026-310117-39-03-000999")))
    results = import_paths(archive, [bad, good])
    if results[0].status == "imported":
        pytest.skip("rules now define a default GWP for SF6")
    assert results[0].status == "rejected" and results[0].errors[0].rule == "R-ASSESS"
    assert results[1].status == "imported"


def test_a_run_written_together_falls_back_file_by_file(tmp_path, archive):
    """20 files → runs of 2 new projects per transaction (a tenth of the batch, forms/intake.toml
    write_batch_max). A file the engine refuses sits in a run with a good one: the run's transaction is rolled back
    and both are written again one by one, so only the bad file is rejected; the other runs are whole. Every stored
    file has its project, submission, assessment and one audit event, the chain verifies, and a rerun gives
    duplicates only."""
    from reviewer.archive.audit import verify_chain
    from reviewer.intake.batch import _write_batch_size, import_paths

    assert _write_batch_size(20) == 2
    sub = sample_submission(code="2026-310117-39-03-000000")
    sub.process_emissions[0].gwp = None  # SF6 has no default GWP in rules/: the engine refuses
    files = [_write(tmp_path / "in" / "00.xlsx", valid_bytes(sub))]
    files += [_write(tmp_path / "in" / f"{i:02d}.xlsx", valid_bytes(sample_submission(code=f"2026-310117-39-03-{i:06d}")))
              for i in range(1, 20)]
    results = import_paths(archive, [tmp_path / "in"], workers=1)
    if results[0].status == "imported":
        pytest.skip("rules now define a default GWP for SF6")
    assert results[0].status == "rejected" and results[0].errors[0].rule == "R-ASSESS"
    assert [r.status for r in results[1:]] == ["imported"] * 19
    assert [r.path.name for r in results] == [f.name for f in files]  # reported in file order
    assert _counts(archive) == {"projects": 19, "submissions": 19, "assessments": 19, "audit_events": 19}
    with archive.read() as s:
        assert verify_chain(s) == []
    again = import_paths(archive, files[1:], workers=1)
    assert {r.status for r in again} == {"duplicate"}
    assert _counts(archive)["audit_events"] == 19


def test_progress_cancel_and_results_callback(tmp_path, archive):
    from reviewer.intake.batch import import_paths

    files = [_write(tmp_path / f"{i}.xlsx", valid_bytes(sample_submission(code=f"2026-310117-39-03-{i:06d}")))
             for i in range(5)]
    cancel = threading.Event()
    seen: list[tuple[int, int, str]] = []

    def progress(done, total, name):  # noqa: ANN001, ANN202
        seen.append((done, total, name))
        if done == 2:
            cancel.set()  # the UI's cancel button, pressed while file 3 is starting

    results = import_paths(archive, files, progress=progress, cancel=cancel)
    assert [r.status for r in results] == ["imported", "imported", "imported", "cancelled", "cancelled"]
    assert seen[:3] == [(0, 5, "0.xlsx"), (1, 5, "1.xlsx"), (2, 5, "2.xlsx")]
    assert _counts(archive)["submissions"] == 3


def test_import_paths_never_imports_qt():
    code = ("import sys, reviewer.intake.batch, reviewer.intake.template, reviewer.cli.intake_cmd; "
            "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_annotated_copy_marks_cells_and_lists_errors(tmp_path, archive):
    from reviewer.intake.batch import import_paths

    def spoil(wb):  # noqa: ANN001, ANN202
        wb["能源消费"]["C4"] = "桶"
        wb["项目基本信息"]["B7"] = None
        wb["项目基本信息"]["B16"] = "1,250"  # normalised: a warning on an otherwise rejected file

    src = _write(tmp_path / "退回.xlsx", edit(valid_bytes(), spoil))
    original = src.read_bytes()
    r = import_paths(archive, [src], annotate_dir=tmp_path / "out")[0]
    assert r.status == "rejected" and r.annotated == tmp_path / "out" / "退回-退回标注.xlsx"
    assert src.read_bytes() == original  # the applicant's file is never touched
    wb = load_workbook(r.annotated)
    assert wb.sheetnames[1] == "错误清单"
    assert wb.active.title == "错误清单"
    c = wb["能源消费"]["C4"]
    assert c.fill.fgColor.rgb.endswith("FFC7CE") and "F-ENUM" in c.comment.text and "桶" in c.comment.text
    w = wb["项目基本信息"]["B16"]
    assert w.fill.fgColor.rgb.endswith("FFEB9C") and "N-THOUSANDS" in w.comment.text
    rows = list(wb["错误清单"].iter_rows(min_row=2, values_only=True))
    assert {(row[3], row[4], row[6]) for row in rows} >= {("能源消费", "C4", "F-ENUM"),
                                                          ("项目基本信息", "B7", "F-REQUIRED")}
    assert rows[0][1] == "错误"  # structure and type errors first
    assert _counts(archive)["submissions"] == 0


@pytest.mark.parametrize("typed, expected, rule", [
    ("１２，５００．５", Decimal("12500.5"), "N-FULLWIDTH"),
    ("12,500.5", Decimal("12500.5"), "N-THOUSANDS"),
    ("1.25万", Decimal("1.25"), "N-WAN"),  # the unit is already 万元: the 万 is redundant, not a multiplier
    ("12500.5万元", Decimal("12500.5"), "N-UNIT-SUFFIX"),
    ("  12500.5 ", Decimal("12500.5"), "N-SPACE"),
    ("12500.5", Decimal("12500.5"), "N-NUMBER-TEXT"),
])
def test_safe_normalisations_are_applied_and_reported(typed, expected, rule):
    from reviewer.intake.reader import read_workbook

    data = edit(valid_bytes(), lambda wb: wb["项目基本信息"].__setitem__("B16", typed))
    r = read_workbook(data, "n.xlsx")
    assert r.ok, [p.text() for p in r.problems]
    assert r.submission.project.total_investment_wan == expected
    assert rule in {p.rule for p in r.problems}
    assert all(p.severity == "warning" and p.cell == "B16" for p in r.problems)


def test_wan_multiplies_where_the_unit_is_not_wan_and_other_normalisations():
    from reviewer.intake.reader import read_workbook

    def fn(wb):  # noqa: ANN001, ANN202
        wb["建筑与光伏"]["B7"] = "62万"  # kWh: 62万 kWh = 620000 kWh
        wb["建筑与光伏"]["B6"] = "600kW"
        wb["项目基本信息"]["B15"] = "2026年3月16日"
        wb["项目基本信息"]["B13"] = "39"  # the code alone instead of the dropdown text
        wb["能源消费"]["C5"] = "万m3"  # a unit alias
        wb["项目基本信息"]["B7"] = "\u3000某精密电子有限公司传感器扩产项目 "

    r = read_workbook(edit(valid_bytes(), fn), "n.xlsx")
    assert r.ok, [p.text() for p in r.problems]
    assert r.submission.pv.annual_generation_kwh == Decimal("620000")
    assert r.submission.pv.capacity_kw == Decimal("600")
    assert r.submission.energy[1].unit == "万m³"
    from reviewer.services import canonical_data

    assert canonical_data(r.submission) == canonical_data(sample_submission())
    got = {(p.rule, p.cell) for p in r.problems}
    assert {("N-WAN", "B7"), ("N-UNIT-SUFFIX", "B6"), ("N-DATE-TEXT", "B15"), ("N-ALIAS", "C5"),
            ("N-SPACE", "B7")} <= got
    assert all(p.severity == "warning" for p in r.problems)


def test_formula_with_cached_value_is_used_with_a_warning():
    import re

    from reviewer.intake.reader import read_workbook

    base = valid_bytes()
    part = sheet_part(base, "能源消费")
    data = patch_member(base, part, lambda x: re.sub(rb'<c r="B4"([^>]*)><v>([^<]*)</v>',
                                                     rb'<c r="B4"\1><f>1800+50.25</f><v>\2</v>', x, count=1))
    r = read_workbook(data, "f.xlsx")
    assert r.ok and [(p.rule, p.cell) for p in r.problems] == [("N-FORMULA", "B4")]
    assert r.submission.energy[0].quantity == Decimal("1850.25")


@pytest.mark.slow
def test_sigkill_mid_batch_leaves_every_file_whole_or_absent(tmp_path):
    """Kill -9 a real `reviewer import` part-way: the audit chain verifies, and each file is either fully imported
    (project + submission + assessment + audit event) or entirely absent."""
    from reviewer.archive.audit import verify_chain
    from reviewer.archive.db import Archive
    from reviewer.archive.models import AssessmentRow, AuditEvent, Project, Submission
    from reviewer.intake.template import workbook_bytes

    src = tmp_path / "batch"
    src.mkdir()
    codes = []
    n = 120
    base = workbook_bytes(sample_submission(code="2026-310117-39-03-999999"))
    part = sheet_part(base, "项目基本信息")
    for i in range(n):
        code = f"2026-310117-39-03-{i:06d}"
        codes.append(code)
        data = patch_member(base, part, lambda x, c=code: x.replace(b"2026-310117-39-03-999999", c.encode()))
        (src / f"{i:04d}.xlsx").write_bytes(data)
    home = tmp_path / "killhome"
    home.mkdir()
    env = {**os.environ, "REVIEWER_HOME": str(home)}
    db = home / "archive.sqlite3"
    Archive(f"sqlite:///{db}").dispose()  # migrate first so the child starts importing at once
    proc = subprocess.Popen([sys.executable, "-m", "reviewer", "import", str(src)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    import sqlite3

    deadline = time.monotonic() + 120
    done = 0
    while time.monotonic() < deadline:
        try:
            con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
            done = con.execute("SELECT COUNT(*) FROM submissions").fetchone()[0]
            con.close()
        except sqlite3.Error:
            pass
        if done >= 10:
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    a = Archive(f"sqlite:///{db}")
    try:
        with a.read() as s:
            assert verify_chain(s) == []
            subs = s.scalars(select(Submission)).all()
            n_done = len(subs)
            assert 10 <= n_done < n, "the kill must land part-way"
            for sub in subs:
                assert s.scalar(select(func.count()).select_from(AssessmentRow)
                                .where(AssessmentRow.submission_id == sub.id)) == 1
                events = s.scalars(select(AuditEvent).where(AuditEvent.entity == "submission",
                                                            AuditEvent.entity_id == str(sub.id))).all()
                assert len(events) == 1 and events[0].action == "submission.received"
            assert s.scalar(select(func.count()).select_from(Project)) == n_done
            assert s.scalar(select(func.count()).select_from(AuditEvent)) == n_done
            imported = {p.code for p in s.scalars(select(Project))}
            assert imported == set(codes[:n_done])  # files are taken in order; the rest are absent
        # Re-running the batch completes it: the imported ones are duplicates, the rest are imported.
        from reviewer.intake.batch import import_paths

        results = import_paths(a, [src])
        assert sum(r.status == "duplicate" for r in results) == n_done
        assert sum(r.status == "imported" for r in results) == n - n_done
    finally:
        a.dispose()


def test_missing_path_and_json_submissions(tmp_path, archive, demo_dir):
    from reviewer.intake.batch import import_paths

    results = import_paths(archive, [tmp_path / "nope", demo_dir / "hospital.json"])
    assert [(r.status, r.errors[0].rule if r.errors else None) for r in results] == [
        ("rejected", "X-NOT-FOUND"), ("imported", None)]


def test_blank_template_lists_every_required_field(tmp_path):
    from reviewer.intake.reader import read_workbook
    from reviewer.intake.template import workbook_bytes
    from reviewer.submission.spec import spec

    r = read_workbook(workbook_bytes(), "blank.xlsx")
    required = [f.key for f in spec().section("project").fields if f.required]
    assert [p.field for p in r.errors] == required
    assert {p.rule for p in r.errors} == {"F-REQUIRED"}


def test_progress_bar_on_a_terminal_only(tmp_path):
    """stderr a TTY → a live bar with counts; stderr a pipe → no bar (clean logs)."""
    import pty

    for i in range(3):
        _write(tmp_path / "in" / f"{i}.xlsx", valid_bytes(sample_submission(code=f"2026-310117-39-03-00010{i}")))
    _write(tmp_path / "in" / "z.csv", b"a,b\n1,2\n")
    env = {**os.environ, "REVIEWER_HOME": str(tmp_path / "h")}
    master, slave = pty.openpty()
    proc = subprocess.run([sys.executable, "-m", "reviewer", "import", str(tmp_path / "in")], stdout=subprocess.PIPE,
                          stderr=slave, env=env, timeout=120)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    os.close(master)
    bar = b"".join(chunks).decode("utf-8", "replace")
    assert proc.returncode == 2
    assert "4/4" in bar and "成功 3 拒绝 1" in bar and "\r[" in bar
    piped = subprocess.run([sys.executable, "-m", "reviewer", "import", str(tmp_path / "in")], capture_output=True,
                           text=True, env=env, timeout=120)
    assert "\r[" not in piped.stderr and "重复（未变化）" in piped.stdout


def test_reader_processes_give_the_same_results_in_order(tmp_path, sqlite_url):
    """Large batches read in worker processes (spawned); results, order and archive contents are the same."""
    from reviewer.archive.db import Archive
    from reviewer.intake.batch import import_paths
    from reviewer.intake.layout import intake_config

    n = int(intake_config()["performance"]["parallel_min_files"]) + 2
    folder = tmp_path / "many"
    base = valid_bytes()
    for i in range(n):
        _write(folder / f"{i:03d}.xlsx", with_code(base, f"2026-310117-39-03-{i:06d}"))
    _write(folder / "050-bad.xlsx", b"%PDF-1.4 renamed")
    changed = sample_submission(code="2026-310117-39-03-000001")
    changed.project.employees = 1
    _write(folder / "051-conflict.xlsx", valid_bytes(changed))
    from reviewer.intake.worker import ReaderPool, reader_count

    outcomes = []
    for workers, name in ((1, "one.sqlite3"), (2, "two.sqlite3"), ("early", "early.sqlite3")):
        a = Archive(f"sqlite:///{tmp_path / name}")
        try:
            if workers == "early":  # what the CLI does: the reader processes started before the archive is opened
                with ReaderPool.for_paths([folder], workers=2) as readers:
                    assert readers.processes == 2
                    rs = import_paths(a, [folder], readers=readers)
            else:
                rs = import_paths(a, [folder], workers=workers)
            outcomes.append([(r.path.name, r.status, [p.rule for p in r.errors]) for r in rs])
            assert _counts(a)["submissions"] == n
        finally:
            a.dispose()
    assert outcomes[0] == outcomes[1] == outcomes[2]
    # below [performance] parallel_min_files, or one worker: no processes, the caller reads
    assert reader_count(int(intake_config()["performance"]["parallel_min_files"]) - 1, 2) == 0
    assert reader_count(n, 1) == 0 and not ReaderPool(0)
    assert outcomes[1][-2:] == [("050-bad.xlsx", "rejected", ["X-PDF"]), ("051-conflict.xlsx", "rejected", ["B-DUP-CODE"])]


def test_a_reader_sends_a_pool_blob_once_and_the_writer_fills_it_back(tmp_path):
    """Issue 15 (import speed): a reader process sends the ≈25 KB parameter-pool blob with its first result under
    that pool only; the batch fills it back for the later ones, and drops a prepared assessment whose pool it never
    saw (then the writer assesses again) rather than write a row without its pool."""
    import dataclasses

    from reviewer.intake import worker
    from reviewer.intake.batch import _fill_pool_blob

    files = []
    for i in range(3):
        files.append(_write(tmp_path / f"{i}.xlsx", with_code(valid_bytes(), f"2026-310117-39-03-{i + 1:06d}")))
    worker._SENT.clear()
    reads = [worker.read_and_prepare(str(f))[1] for f in files]
    blobs = [r.prepared.snapshot_blob for r in reads]
    assert blobs[0] and blobs[1] == b"" == blobs[2]
    seen: dict[str, bytes] = {}
    for r in reads:
        _fill_pool_blob(r, seen)
    assert [r.prepared.snapshot_blob for r in reads] == [blobs[0]] * 3
    stray = dataclasses.replace(reads[1], prepared=dataclasses.replace(reads[1].prepared, snapshot_blob=b""))
    _fill_pool_blob(stray, {})
    assert stray.prepared is None
