"""Crash consistency: SIGKILL the real CLI at random points (seeded), then the archive must pass
``reviewer archive check`` and every unit of work must be all-or-nothing.

Trials: import (batch of JSON submissions, one transaction per file), schema migration of a fresh archive, and
opinion signing (once ``reviewer opinion … --sign`` exists in the build). Kill times are drawn uniformly over the
duration of an uninterrupted run measured first, so kills land before, during and after the interesting part.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import time
from pathlib import Path

import pytest
from proof_helpers import archive_check, assert_units_complete, popen_cli, run_cli, snapshot

from reviewer.archive import models as M
from reviewer.archive.db import Archive

pytestmark = [pytest.mark.slow, pytest.mark.timeout(400)]
SEED = 20261121


def _kill_at(args: list[str], home: Path, delay: float) -> int | None:
    p = popen_cli(args, home)
    time.sleep(delay)
    if p.poll() is None:
        os.kill(p.pid, signal.SIGKILL)
    p.communicate(timeout=60)
    return p.returncode


def _timed(args: list[str], home: Path) -> float:
    t = time.perf_counter()
    p = run_cli(args, home)
    assert p.returncode in (0, 2), p.stderr
    return time.perf_counter() - t


def _submissions_in(db: Path) -> int:
    import sqlite3

    try:
        c = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return c.execute("SELECT count(*) FROM submissions").fetchone()[0]
        finally:
            c.close()
    except sqlite3.Error:
        return -1


def _kill_after_units(args: list[str], home: Path, units: int, jitter: float) -> int | None:
    """Start the CLI, wait until ``units`` submissions are committed, wait ``jitter`` s more, then SIGKILL it."""
    p = popen_cli(args, home)
    db = home / "archive.sqlite3"
    deadline = time.monotonic() + 120
    while p.poll() is None and time.monotonic() < deadline:
        if db.exists() and _submissions_in(db) >= units:
            break
        time.sleep(0.003)
    time.sleep(jitter)
    if p.poll() is None:
        os.kill(p.pid, signal.SIGKILL)
    p.communicate(timeout=60)
    return p.returncode


def test_sigkill_during_import_leaves_whole_files_only(tmp_path):  # noqa: ANN001
    import datagen

    rng = random.Random(SEED)
    files = datagen.write_submissions(tmp_path / "in", 20, seed=11)
    trials = 8
    kills = mid_batch = 0
    for trial in range(trials):
        home = tmp_path / f"h{trial}"
        home.mkdir(mode=0o700)
        # A random point measured in units of work (robust to machine load), plus a random few ms so the kill
        # also lands inside a file's transaction.
        rc = _kill_after_units(["import", str(tmp_path / "in")], home, rng.randrange(0, len(files)),
                               rng.uniform(0.0, 0.03))
        kills += rc == -signal.SIGKILL
        if not (home / "archive.sqlite3").exists():
            continue  # killed before the archive was created: nothing to check
        ok, out = archive_check(home)
        assert ok, f"trial {trial}: {out}"
        a = Archive(f"sqlite:///{home / 'archive.sqlite3'}")
        try:
            assert_units_complete(a)
            n_before = snapshot(a)[0][0]
            mid_batch += 0 < n_before < len(files)
        finally:
            a.dispose()
        # The batch can be re-run: everything ends imported exactly once.
        p = run_cli(["import", str(tmp_path / "in")], home)
        assert p.returncode == 0, p.stdout + p.stderr
        a = Archive(f"sqlite:///{home / 'archive.sqlite3'}")
        try:
            counts, _ = snapshot(a)
            assert counts[0] == counts[1] == counts[2] == len(files) >= n_before
            assert_units_complete(a)
        finally:
            a.dispose()
        shutil.rmtree(home)
    assert kills >= trials - 2, f"only {kills} of {trials} trials were actually killed mid-run"
    assert mid_batch >= trials // 2, f"only {mid_batch} kills landed between the first and the last file"


def test_sigkill_during_migration_leaves_empty_or_complete_schema(tmp_path):  # noqa: ANN001
    rng = random.Random(SEED + 1)
    probe = tmp_path / "probe"
    probe.mkdir(mode=0o700)
    full = _timed(["archive", "migrate"], probe)
    trials = 6
    for trial in range(trials):
        home = tmp_path / f"m{trial}"
        home.mkdir(mode=0o700)
        _kill_at(["archive", "migrate"], home, rng.uniform(0.0, full))
        db = home / "archive.sqlite3"
        if db.exists():
            import sqlite3

            c = sqlite3.connect(db)
            tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            rev = c.execute("SELECT version_num FROM alembic_version").fetchall() if "alembic_version" in tables else []
            assert c.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            c.close()
            expected = set(M.Base.metadata.tables)
            # All or nothing: either no archive table at all, or every table with the revision stamped.
            assert (tables & expected == set() and not rev) or (expected <= tables and rev), (trial, sorted(tables))
        # The next start migrates and works normally.
        p = run_cli(["archive", "migrate"], home)
        assert p.returncode == 0, p.stderr
        ok, out = archive_check(home)
        assert ok, out
