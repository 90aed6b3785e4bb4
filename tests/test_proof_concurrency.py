"""Concurrent writers through the real CLI: two processes on one SQLite archive, several on one PostgreSQL archive.

No lost write (every file ends stored exactly once), no half unit of work, an intact audit chain, no duplicate
文号 (once the allocator exists), and never "database is locked" (or any traceback) shown to the user.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pytest
from proof_helpers import FORBIDDEN_OUTPUT, assert_units_complete, popen_cli, snapshot
from sqlalchemy import func, select

from reviewer.archive import models as M
from reviewer.archive.db import Archive

pytestmark = pytest.mark.timeout(300)


def _run_parallel(jobs: list[list[str]], home: Path, **env: str) -> list[tuple[int, str]]:
    procs = [popen_cli(args, home, **env) for args in jobs]
    out = []
    for p in procs:
        stdout, stderr = p.communicate(timeout=240)
        out.append((p.returncode, stdout + stderr))
    return out


def _split_files(tmp_path: Path, n_shared: int, n_own: int, writers: int, seed: int) -> tuple[list[Path], list[Path]]:
    import datagen

    shared = datagen.write_submissions(tmp_path / "shared", n_shared, seed=seed)
    dirs = []
    rng = random.Random(seed)
    for w in range(writers):
        d = tmp_path / f"own{w}"
        d.mkdir()
        for i in range(n_own):
            data = datagen.make_submission(rng, 500_000 + w * 1000 + i)
            (d / f"w{w}_{i:03d}.json").write_text(datagen.to_json(data), encoding="utf-8")
        dirs.append(d)
    return [tmp_path / "shared"], dirs


def _assert_clean(results: list[tuple[int, str]]) -> None:
    for rc, out in results:
        for bad in FORBIDDEN_OUTPUT:
            assert bad not in out, out
        assert rc == 0, out


def _assert_archive(url: str, expected_projects: int) -> None:
    a = Archive(url)
    try:
        counts, _ = snapshot(a)  # also verifies the audit chain
        assert counts[0] == expected_projects, counts
        assert counts[1] == counts[2] == expected_projects, counts  # one submission + one assessment each
        assert_units_complete(a)
        with a.read() as s:
            dup = s.execute(select(M.Project.code, func.count()).group_by(M.Project.code).having(func.count() > 1)).all()
            assert dup == []
            received = s.scalar(select(func.count()).select_from(M.AuditEvent)
                                .where(M.AuditEvent.action == "submission.received"))
            assert received == expected_projects
    finally:
        a.dispose()


def test_two_processes_write_one_sqlite_archive(tmp_path, reviewer_home):  # noqa: ANN001
    shared, own = _split_files(tmp_path, 12, 12, 2, seed=41)
    url = f"sqlite:///{reviewer_home / 'archive.sqlite3'}"
    Archive(url).dispose()  # migrate once, so both writers start on a ready archive
    # Both import the shared folder (same files → one imports, the other sees duplicates) and their own folder.
    results = _run_parallel([["import", str(shared[0]), str(own[0])], ["import", str(own[1]), str(shared[0])]],
                            reviewer_home)
    _assert_clean(results)
    _assert_archive(url, 12 + 12 * 2)


@pytest.mark.postgres
def test_several_writers_on_one_postgres_archive(tmp_path, reviewer_home, pg_url):  # noqa: ANN001
    writers = 4
    shared, own = _split_files(tmp_path, 10, 8, writers, seed=43)
    Archive(pg_url).dispose()
    jobs = [["import", str(own[w]), str(shared[0])] if w % 2 else ["import", str(shared[0]), str(own[w])]
            for w in range(writers)]
    results = _run_parallel(jobs, reviewer_home, REVIEWER_DATABASE_URL=pg_url)
    _assert_clean(results)
    _assert_archive(pg_url, 10 + 8 * writers)


def test_writers_in_one_process_never_see_locked(archive, tmp_path):  # noqa: ANN001
    """Many threads through Archive.run_write at once: all succeed, none reports the archive busy."""
    import threading

    from reviewer.archive import audit

    errors: list[BaseException] = []

    def work(k: int) -> None:
        a = Archive(archive.url, migrate=False)
        try:
            for i in range(15):
                a.run_write(lambda s, i=i: audit.record(s, actor=f"t{k}", action="test.write", entity="t",
                                                         entity_id=f"{k}-{i}"))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            a.dispose()

    threads = [threading.Thread(target=work, args=(k,)) for k in range(6)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors
    counts, _ = snapshot(archive)
    assert counts[4] == 6 * 15
    assert time.perf_counter() - t0 < 120


@pytest.mark.slow
def test_a_writer_blocked_past_the_retry_bound_gets_a_clear_message(tmp_path, reviewer_home):  # noqa: ANN001
    """Another program holds the SQLite write lock for longer than the bounded retries: the user reads a clear
    Chinese message (archive busy, try again), never "database is locked", and nothing is half-written."""
    import sqlite3

    import datagen

    from proof_helpers import run_cli

    assert run_cli(["demo", "--projects-only"], reviewer_home).returncode == 0
    url = f"sqlite:///{reviewer_home / 'archive.sqlite3'}"
    a = Archive(url)
    before = snapshot(a)
    a.dispose()
    files = datagen.write_submissions(tmp_path / "in", 1, seed=77)
    blocker = sqlite3.connect(reviewer_home / "archive.sqlite3", isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # hold the write lock (like another program mid-transaction)
    try:
        t0 = time.perf_counter()
        p = run_cli(["import", str(files[0])], reviewer_home, timeout=240)
        waited = time.perf_counter() - t0
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    out = p.stdout + p.stderr
    for bad in FORBIDDEN_OUTPUT:
        assert bad not in out, out
    assert p.returncode == 2, out
    assert "档案库正被其他程序占用" in out, out
    assert waited < 120, f"the retry bound took {waited:.0f} s"
    a = Archive(url)
    try:
        assert snapshot(a) == before
    finally:
        a.dispose()
    assert run_cli(["import", str(files[0])], reviewer_home).returncode == 0  # works once the lock is gone
