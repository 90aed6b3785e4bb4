"""Disk full and read-only archive directories: a clear Chinese message, nothing half-written, no corruption.

* Disk full, portable: SQLite ``PRAGMA max_page_count`` caps the archive so the next write hits SQLITE_FULL exactly
  as on a full disk.
* Disk full, real: a tiny tmpfs mounted as root; skipped with the reason when mounting is not permitted.
* Read-only: the archive's folder on a read-only mount (root) or with write permission removed (non-root).
"""

from __future__ import annotations

import json
import os
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest
from proof_helpers import FORBIDDEN_OUTPUT, archive_check, run_cli, snapshot
from sqlalchemy import event

from reviewer.archive.db import Archive

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "demo"

pytestmark = pytest.mark.timeout(240)


def _write_submissions(folder: Path, n: int, seed: int) -> list[Path]:
    import datagen

    return datagen.write_submissions(folder, n, seed=seed)


def _clean(out: str) -> None:
    for bad in FORBIDDEN_OUTPUT:
        assert bad not in out, out


def test_full_archive_via_max_page_count_fails_cleanly_and_keeps_archive(sqlite_url, tmp_path):  # noqa: ANN001
    from reviewer.demo import seed_demo
    from reviewer.intake.batch import import_paths

    a = Archive(sqlite_url)
    seed_demo(a)
    a.dispose()
    files = _write_submissions(tmp_path / "in", 3, seed=7)

    full = Archive(sqlite_url)

    @event.listens_for(full.engine, "connect")
    def _cap(dbapi_conn, _rec):  # noqa: ANN001
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count={pages}")

    full.engine.dispose()
    before = snapshot(full)
    results = import_paths(full, files)
    for r in results:
        assert r.status == "failed", r.status
        (p,) = r.problems
        assert p.rule == "X-ARCHIVE" and "磁盘空间不足" in p.message_zh and "未保存" in p.message_zh, p.message_zh
    assert snapshot(full) == before
    full.dispose()
    # With room again, the same files import and the archive checks clean.
    again = Archive(sqlite_url)
    assert all(r.ok for r in import_paths(again, files))
    again.dispose()
    ok, out = archive_check(Path(sqlite_url.removeprefix("sqlite:///")).parent, sqlite_url)
    assert ok, out


@contextmanager
def _tmpfs(where: Path, size: str):
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; the max_page_count variant covers disk-full without it")
    p = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(where)],
                       capture_output=True, text=True)
    if p.returncode != 0:
        pytest.skip(f"mount not permitted here ({p.stderr.strip()}); the max_page_count variant covers disk-full")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _fill(folder: Path, leave_bytes: int) -> Path:
    st = os.statvfs(folder)
    free = st.f_bavail * st.f_frsize
    filler = folder / "filler.bin"
    with filler.open("wb") as fh:
        remaining = max(0, free - leave_bytes)
        block = b"\0" * (1 << 16)
        try:
            while remaining > 0:
                n = fh.write(block[: min(len(block), remaining)])
                remaining -= n
        except OSError:
            pass
    return filler


def test_real_full_disk_tmpfs_import_and_backup(tmp_path):  # noqa: ANN001
    with _tmpfs(tmp_path / "mnt", "24m") as mnt:
        home = mnt / "home"
        home.mkdir(mode=0o700)
        assert run_cli(["demo", "--projects-only"], home).returncode == 0
        url = f"sqlite:///{home / 'archive.sqlite3'}"
        a = Archive(url)
        before = snapshot(a)
        a.dispose()
        files = _write_submissions(tmp_path / "in", 20, seed=9)
        filler = _fill(mnt, 8 * 1024)
        p = run_cli(["import", str(tmp_path / "in")], home)
        out = p.stdout + p.stderr
        _clean(out)
        assert p.returncode == 2, out
        assert "磁盘空间不足" in out, out
        b = run_cli(["archive", "backup", str(mnt / "backup.sqlite3")], home)
        _clean(b.stdout + b.stderr)
        assert b.returncode == 2 and ("磁盘空间不足" in b.stderr or "无法写入" in b.stderr), b.stderr
        assert not (mnt / "backup.sqlite3").exists() and not (mnt / "backup.sqlite3.partial").exists()
        filler.unlink()
        ok, msg = archive_check(home)
        assert ok, msg
        a = Archive(url)
        counts, _ = snapshot(a)
        a.dispose()
        assert counts[0] >= before[0][0]  # whatever got in before the disk filled is whole (checked above)
        p = run_cli(["import", str(tmp_path / "in")], home)
        assert p.returncode == 0, p.stdout + p.stderr
        assert len(files) == 20


@contextmanager
def _read_only(folder: Path):
    """Make ``folder`` read-only: a read-only bind mount as root, or permission bits otherwise."""
    if os.geteuid() == 0:
        r = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True, text=True)
        if r.returncode != 0:
            pytest.skip(f"bind mount not permitted ({r.stderr.strip()}); root ignores permission bits")
        r = subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], capture_output=True, text=True)
        if r.returncode != 0:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
            pytest.skip(f"read-only remount not permitted ({r.stderr.strip()})")
        try:
            yield
        finally:
            subprocess.run(["umount", "-l", str(folder)], capture_output=True)
    else:
        modes = {p: p.stat().st_mode for p in [folder, *folder.iterdir()]}
        for p in modes:
            p.chmod(0o500 if p.is_dir() else 0o400)
        try:
            yield
        finally:
            for p, m in modes.items():
                p.chmod(m)


def test_read_only_archive_directory(tmp_path, reviewer_home):  # noqa: ANN001
    assert run_cli(["demo", "--projects-only"], reviewer_home).returncode == 0
    url = f"sqlite:///{reviewer_home / 'archive.sqlite3'}"
    a = Archive(url)
    before = snapshot(a)
    a.dispose()
    files = _write_submissions(tmp_path / "in", 2, seed=13)
    before_files = sorted(q.name for q in reviewer_home.iterdir())
    with _read_only(reviewer_home):
        p = run_cli(["import", *map(str, files)], reviewer_home)
        out = p.stdout + p.stderr
        _clean(out)
        assert p.returncode == 2, out
        assert "档案库为只读" in out, out
        assert "未保存" not in out and "nothing was saved" not in out, out
        listed = run_cli(["archive", "list", "--json"], reviewer_home)  # reading still works (mode=ro, immutable)
        assert listed.returncode == 0, listed.stdout + listed.stderr
        assert len(json.loads(listed.stdout)) >= 3
        assert sorted(q.name for q in reviewer_home.iterdir()) == before_files  # nothing created beside it
        b = run_cli(["archive", "backup", str(reviewer_home / "b.sqlite3")], reviewer_home)
        _clean(b.stdout + b.stderr)
        assert b.returncode == 2, b.stderr
    a = Archive(url)
    assert snapshot(a) == before
    a.dispose()
    ok, msg = archive_check(reviewer_home)
    assert ok, msg
