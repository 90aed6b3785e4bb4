"""``reviewer archive backup/restore``: online, verified, owner-only; restore refuses bad files and changes nothing;
after a restore ``reviewer archive check`` passes and the archive holds exactly what was backed up."""

from __future__ import annotations

import sqlite3
import stat
import threading
from pathlib import Path

import pytest
from proof_helpers import FORBIDDEN_OUTPUT, archive_check, run_cli, snapshot
from sqlalchemy import select

from reviewer.archive import models as M
from reviewer.archive.db import Archive
from reviewer.archive.maintenance import backup, restore, verify_file
from reviewer.errors import UserError

ROOT = Path(__file__).resolve().parents[1]


def _codes(url: str) -> list[str]:
    a = Archive(url)
    try:
        with a.read() as s:
            return sorted(s.scalars(select(M.Project.code)))
    finally:
        a.dispose()


def _clean(p) -> None:  # noqa: ANN001
    out = p.stdout + p.stderr
    for bad in FORBIDDEN_OUTPUT:
        assert bad not in out, out


def test_backup_then_restore_round_trip_via_cli(reviewer_home, tmp_path):  # noqa: ANN001
    assert run_cli(["demo", "--projects-only"], reviewer_home).returncode == 0
    url = f"sqlite:///{reviewer_home / 'archive.sqlite3'}"
    before = _codes(url)
    dest = tmp_path / "backups" / "档案库备份.sqlite3"
    p = run_cli(["archive", "backup", str(dest)], reviewer_home)
    assert p.returncode == 0, p.stderr
    _clean(p)
    assert stat.S_IMODE(dest.stat().st_mode) == 0o600
    assert verify_file(dest) == []
    assert not list(dest.parent.glob("*.partial"))
    # Change the live archive after the backup: import one more project.
    extra = tmp_path / "extra.json"
    import datagen

    extra.write_text(datagen.to_json(datagen.make_submission(__import__("random").Random(5), 777)), encoding="utf-8")
    assert run_cli(["import", str(extra)], reviewer_home).returncode == 0
    assert len(_codes(url)) == len(before) + 1
    # Restore: back to exactly the backed-up projects; check passes; the old archive is kept as a safety copy.
    p = run_cli(["archive", "restore", str(dest)], reviewer_home)
    assert p.returncode == 0, p.stderr
    _clean(p)
    assert _codes(url) == before
    ok, out = archive_check(reviewer_home)
    assert ok, out
    safety = list(reviewer_home.glob("archive.sqlite3.before-restore-*"))
    assert len(safety) == 1 and stat.S_IMODE(safety[0].stat().st_mode) == 0o600
    assert len(_codes(f"sqlite:///{safety[0]}")) == len(before) + 1
    a = Archive(url)
    with a.read() as s:
        actions = s.scalars(select(M.AuditEvent.action).order_by(M.AuditEvent.id)).all()
    a.dispose()
    assert actions[-1] == "archive.restored"


def test_backup_refuses_to_overwrite_and_names_pg_dump_for_postgres(reviewer_home, tmp_path):  # noqa: ANN001
    assert run_cli(["demo", "--projects-only"], reviewer_home).returncode == 0
    dest = tmp_path / "b.sqlite3"
    assert run_cli(["archive", "backup", str(dest)], reviewer_home).returncode == 0
    p = run_cli(["archive", "backup", str(dest)], reviewer_home)
    assert p.returncode == 2 and "--force" in p.stderr
    assert run_cli(["archive", "backup", str(dest), "--force"], reviewer_home).returncode == 0
    for action in ("backup", "restore"):
        p = run_cli(["archive", action, str(dest)], reviewer_home,
                    REVIEWER_DATABASE_URL="postgresql+psycopg://reviewer@127.0.0.1:1/archive")
        assert p.returncode == 2 and "pg_dump" in p.stderr, p.stderr
        _clean(p)


def _corrupt(path: Path, where: float) -> None:
    data = bytearray(path.read_bytes())
    i = int(len(data) * where)
    data[i:i + 512] = bytes(512)  # zero a run of bytes inside a page
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("damage", ["zeroed_pages", "truncated", "not_sqlite", "edited_audit", "foreign_db"])
def test_restore_refuses_bad_backups_and_changes_nothing(archive, tmp_path, damage):  # noqa: ANN001
    from reviewer.demo import seed_demo

    seed_demo(archive)
    bad = tmp_path / "bad.sqlite3"
    backup(archive.url, bad)
    if damage == "zeroed_pages":
        for where in (0.3, 0.5, 0.7, 0.9):
            _corrupt(bad, where)
    elif damage == "truncated":
        bad.write_bytes(bad.read_bytes()[: bad.stat().st_size // 3])
    elif damage == "not_sqlite":
        bad.write_bytes(b"PK\x03\x04 this is a zip, not an archive" * 100)
    elif damage == "edited_audit":
        c = sqlite3.connect(bad)
        c.execute("UPDATE audit_events SET actor = 'mallory' WHERE id = 2")
        c.commit()
        c.close()
    elif damage == "foreign_db":
        bad.unlink()
        c = sqlite3.connect(bad)
        c.execute("CREATE TABLE t(x)")
        c.commit()
        c.close()
    before = snapshot(archive)
    assert verify_file(bad) != []
    with pytest.raises(UserError) as exc:
        restore(archive.url, bad)
    assert exc.value.message_zh and exc.value.message_en
    assert snapshot(archive) == before
    assert not list(Path(archive.url.removeprefix("sqlite:///")).parent.glob("*.before-restore-*"))


def test_backup_is_consistent_while_another_thread_writes(archive, tmp_path):  # noqa: ANN001
    """Online backup during a stream of imports: the copy verifies, and holds whole units of work only."""
    import datagen
    from reviewer.intake.batch import import_paths
    from proof_helpers import assert_units_complete

    files = datagen.write_submissions(tmp_path / "in", 40, seed=3)
    done = threading.Event()

    def writer() -> None:
        a = Archive(archive.url)
        try:
            import_paths(a, files)
        finally:
            a.dispose()
            done.set()

    t = threading.Thread(target=writer)
    t.start()
    copies = []
    i = 0
    while not done.is_set() and i < 20:
        dest = tmp_path / f"b{i}.sqlite3"
        backup(archive.url, dest)
        copies.append(dest)
        i += 1
    t.join(120)
    assert copies
    for c in copies:
        assert verify_file(c) == []
        a = Archive(f"sqlite:///{c}")
        try:
            assert_units_complete(a)
        finally:
            a.dispose()
