"""Archive maintenance: online backup, verified restore, and a structural health check.

* :func:`backup` copies a live SQLite archive with SQLite's online backup API (consistent even while other
  processes read or write), into a temporary file beside the destination, verifies the copy
  (``PRAGMA integrity_check`` + the audit hash chain), then renames it into place (owner-only, 0600). A crash
  mid-backup leaves at most a ``.partial`` file, never a half-written backup under the requested name.
* :func:`restore` first verifies the backup file (SQLite header, integrity, schema revision known to this build,
  audit chain intact); only then does it save a safety copy of the current archive next to it and copy the backup
  into the live database with the same backup API, migrate it to the current schema, re-check it, and append an
  ``archive.restored`` audit event. A file that fails verification changes nothing.
* :func:`health_problems` is the structural part of ``reviewer archive check``: integrity, foreign keys, schema
  revision, audit chain.

PostgreSQL archives are backed up with the server's own tools (``pg_dump``/``pg_restore``); both functions say so
clearly instead of doing something half-right.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy.engine import make_url

from reviewer.errors import UserError

SQLITE_HEADER = b"SQLite format 3\x00"
_PAGES_PER_STEP = 1024  # backup in steps so writers are not blocked for the whole copy


@dataclass
class BackupResult:
    path: Path
    bytes: int
    sha256: str
    projects: int
    audit_events: int


@dataclass
class RestoreResult:
    source: Path
    safety_copy: Path | None
    projects: int
    audit_events: int
    revision: str | None


def _sqlite_path(url: str, action_zh: str, action_en: str) -> Path:
    u = make_url(url)
    if u.get_backend_name() != "sqlite":
        raise UserError(
            f"共享档案库（PostgreSQL）不能用本命令{action_zh}，请由数据库管理员使用 pg_dump / pg_restore "
            f"（例如 pg_dump -Fc -f 档案库.dump {u.database}）。",
            f"A shared PostgreSQL archive is not {action_en} by this command: use pg_dump / pg_restore "
            f"(e.g. pg_dump -Fc -f archive.dump {u.database}).",
        )
    if not u.database or u.database == ":memory:":
        raise UserError("内存档案库无法备份或恢复。", "An in-memory archive cannot be backed up or restored.")
    return Path(u.database)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _os_error(exc: OSError, path: Path) -> UserError:
    import errno

    if exc.errno == errno.ENOSPC:
        return UserError(f"磁盘空间不足，无法写入 {path}；未生成任何文件，档案库未受影响。",
                         f"Disk full while writing {path}; nothing was written and the archive is unchanged.")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserError(f"没有写入 {path} 的权限（或所在磁盘只读）；档案库未受影响。",
                         f"No permission to write {path} (or the disk is read-only); the archive is unchanged.")
    return UserError(f"无法写入 {path}：{exc.strerror}；档案库未受影响。",
                     f"Cannot write {path}: {exc.strerror}; the archive is unchanged.")


# ---------------------------------------------------------------------------------------------------------------
# Verification of a SQLite archive file (a backup to restore, or a fresh copy)
# ---------------------------------------------------------------------------------------------------------------

def verify_file(path: Path) -> list[str]:
    """Problems (Chinese / English, one line each) that make ``path`` unusable as an archive; empty = good.

    Opens the file read-only (``mode=ro`` URI, ``immutable`` not used so a WAL beside it is honoured) and checks:
    SQLite header, ``PRAGMA integrity_check``, a schema revision this build knows, the core tables, and the audit
    hash chain.
    """
    from reviewer.archive.audit import GENESIS, event_hash

    problems: list[str] = []
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return [f"找不到文件 {path}。/ File not found: {path}."]
    except OSError as exc:
        return [f"无法读取 {path}：{exc.strerror}。/ Cannot read {path}: {exc.strerror}."]
    if header != SQLITE_HEADER:
        return [f"{path.name} 不是档案库文件（不是 SQLite 数据库）。/ {path.name} is not an archive (not SQLite)."]
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error as exc:
        return [f"无法打开 {path.name}：{exc}。/ Cannot open {path.name}: {exc}."]
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
        if rows != [("ok",)]:
            detail = "; ".join(r[0] for r in rows[:3])
            return [f"{path.name} 已损坏（integrity_check：{detail}）。/ {path.name} is corrupt: {detail}."]
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            problems.append(f"{path.name} 有 {len(fk)} 条记录的外键引用缺失。/ {len(fk)} dangling foreign keys.")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        needed = {"alembic_version", "projects", "submissions", "assessments", "opinions", "audit_events"}
        missing = sorted(needed - tables)
        if missing:
            return problems + [f"{path.name} 缺少档案库数据表：{'、'.join(missing)}。/ Missing archive tables: "
                               f"{', '.join(missing)}."]
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        known = _known_revisions()
        if revision is None or revision[0] not in known:
            problems.append(f"{path.name} 的结构版本 {revision[0] if revision else '（无）'} 不被本程序识别"
                            f"（可能来自更新的版本）。/ Schema revision {revision[0] if revision else None} is "
                            "unknown to this build (perhaps from a newer version).")
        prev = GENESIS
        cur = conn.execute("SELECT id, at, actor, action, entity, entity_id, reason, payload, prev_hash, hash "
                           "FROM audit_events ORDER BY id")
        bad = 0
        for row in cur:
            ev = _row_event(row)
            if ev.prev_hash != prev or event_hash(ev.prev_hash, ev) != ev.hash:
                bad += 1
            prev = ev.hash
        if bad:
            problems.append(f"{path.name} 的审计链有 {bad} 处不符（记录被改动或删除）。/ Audit chain broken at {bad} "
                            "event(s) (records edited or removed).")
    except sqlite3.DatabaseError as exc:
        problems.append(f"{path.name} 无法读取：{exc}。/ {path.name} cannot be read: {exc}.")
    finally:
        conn.close()
    return problems


def _row_event(row):  # noqa: ANN001, ANN202
    """The audit event of a raw row, with values decoded the way the ORM decodes them."""
    import json
    from types import SimpleNamespace

    from reviewer.archive.models import UTC

    at = UTC().process_result_value(_parse_dt(row[1]), None)
    return SimpleNamespace(id=row[0], at=at, actor=row[2], action=row[3], entity=row[4], entity_id=row[5],
                           reason=row[6], payload=json.loads(row[7]) if isinstance(row[7], str) else row[7],
                           prev_hash=row[8], hash=row[9])


def _parse_dt(value):  # noqa: ANN001, ANN202
    if isinstance(value, datetime) or value is None:
        return value
    return datetime.fromisoformat(str(value))


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from reviewer.archive.db import MIGRATIONS
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return {s.revision for s in ScriptDirectory.from_config(cfg).walk_revisions()}


def _counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return (conn.execute("SELECT count(*) FROM projects").fetchone()[0],
                conn.execute("SELECT count(*) FROM audit_events").fetchone()[0])
    finally:
        conn.close()


# ---------------------------------------------------------------------------------------------------------------
# Backup
# ---------------------------------------------------------------------------------------------------------------

def backup(url: str, dest: Path, *, overwrite: bool = False) -> BackupResult:
    """Copy the live archive at ``url`` to ``dest`` (online, consistent, verified, 0600)."""
    src_path = _sqlite_path(url, "备份", "backed up")
    dest = Path(dest).expanduser()
    if dest.is_dir():
        raise UserError(f"{dest} 是文件夹，请给出备份文件名（如 {dest / '档案库备份.sqlite3'}）。",
                        f"{dest} is a folder; give a file name for the backup.")
    if dest.exists() and not overwrite:
        raise UserError(f"备份文件 {dest} 已存在；如需覆盖请加 --force。",
                        f"Backup file {dest} already exists; use --force to overwrite it.")
    try:
        if dest.resolve() == src_path.resolve():
            raise UserError("备份文件不能是档案库本身。", "The backup file cannot be the archive itself.")
    except OSError:
        pass
    if not src_path.exists():
        raise UserError(f"档案库 {src_path} 不存在，无可备份。", f"Archive {src_path} does not exist; nothing to back up.")
    partial = dest.with_name(dest.name + ".partial")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # backups hold the whole archive: owner-only
        if partial.exists():
            partial.unlink()
        fd = os.open(partial, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        os.close(fd)
    except OSError as exc:
        raise _os_error(exc, dest) from None
    try:
        src = sqlite3.connect(f"file:{src_path}?mode=ro", uri=True, timeout=30)
        dst = sqlite3.connect(partial)
        try:
            src.execute("PRAGMA busy_timeout=30000")
            src.backup(dst, pages=_PAGES_PER_STEP)
            dst.execute("PRAGMA journal_mode=DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
            src.close()
        with partial.open("rb+") as fh:
            os.fsync(fh.fileno())
        problems = verify_file(partial)
        if problems:
            raise UserError("备份校验未通过，未生成备份文件：" + "；".join(problems),
                            "The backup failed verification; no backup was written.")
        os.replace(partial, dest)
        _fsync_dir(dest.parent)
    except sqlite3.Error as exc:
        _discard(partial)
        text = str(exc).lower()
        if "full" in text or ("i/o" in text and _low_space(dest.parent, src_path)):
            raise UserError(f"磁盘空间不足，备份 {dest} 未完成；未生成备份文件，档案库未受影响。",
                            f"Disk full: backup to {dest} did not complete; nothing written, archive unchanged.") from None
        raise UserError(f"备份失败：{exc}；档案库未受影响。", f"Backup failed: {exc}; the archive is unchanged.") from None
    except OSError as exc:
        _discard(partial)
        raise _os_error(exc, dest) from None
    except BaseException:
        _discard(partial)
        raise
    projects, events = _counts(dest)
    return BackupResult(dest, dest.stat().st_size, _sha256(dest), projects, events)


def _low_space(folder: Path, source: Path) -> bool:
    """SQLite reports ENOSPC during a backup as a generic I/O error; tell the two apart by the free space left."""
    try:
        st = os.statvfs(folder)
        return st.f_bavail * st.f_frsize < source.stat().st_size + (1 << 20)
    except OSError:
        return False


def _discard(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


# ---------------------------------------------------------------------------------------------------------------
# Restore
# ---------------------------------------------------------------------------------------------------------------

def restore(url: str, source: Path, *, actor: str = "system", keep_safety_copy: bool = True) -> RestoreResult:
    """Replace the archive at ``url`` by the verified backup ``source``; returns where the old archive was saved."""
    from reviewer.archive import audit
    from reviewer.archive.db import Archive

    target = _sqlite_path(url, "恢复", "restored")
    source = Path(source).expanduser()
    problems = verify_file(source)
    if problems:
        raise UserError(f"备份文件 {source.name} 未通过校验，未做任何改动。",
                        f"Backup {source.name} failed verification; nothing was changed.",
                        problems=[_problem(p, source) for p in problems])
    try:
        if source.resolve() == target.resolve():
            raise UserError("不能用档案库本身恢复自身。", "Cannot restore the archive from itself.")
    except OSError:
        pass
    digest = _sha256(source)
    safety: Path | None = None
    if target.exists() and keep_safety_copy:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        safety = target.with_name(f"{target.name}.before-restore-{stamp}")
        backup(url, safety, overwrite=True)
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not target.exists():
            os.close(os.open(target, os.O_CREAT | os.O_WRONLY, 0o600))
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        dst = sqlite3.connect(target, timeout=30)
        try:
            dst.execute("PRAGMA busy_timeout=30000")
            src.backup(dst)  # one step: the live archive switches content in a single write transaction
        finally:
            dst.close()
            src.close()
    except sqlite3.Error as exc:
        raise UserError(f"恢复失败：{exc}。原档案库的安全副本：{safety}",
                        f"Restore failed: {exc}. Safety copy of the previous archive: {safety}") from None
    except OSError as exc:
        raise _os_error(exc, target) from None
    archive = Archive(url)  # migrates an older backup to the current schema
    try:
        archive.run_write(lambda s: audit.record(
            s, actor=actor, action="archive.restored", entity="archive", entity_id=source.name,
            reason="从备份恢复 / restored from backup",
            payload={"source": str(source), "sha256": digest, "safety_copy": str(safety) if safety else None}))
        revision = archive.current_revision()
    finally:
        archive.dispose()
    after = verify_file(target)
    if after:
        raise UserError("恢复后档案库校验未通过：" + "；".join(after) + f"。原档案库的安全副本：{safety}",
                        f"The restored archive failed its check. Safety copy: {safety}")
    projects, events = _counts(target)
    return RestoreResult(source, safety, projects, events, revision)


def _problem(text: str, source: Path):  # noqa: ANN202
    from reviewer.errors import Problem

    zh, sep, en = text.partition("。/ ")
    return Problem("A-BACKUP", zh + "。" if sep else zh, en or zh)


# ---------------------------------------------------------------------------------------------------------------
# Health (structural part of `archive check`)
# ---------------------------------------------------------------------------------------------------------------

def health_problems(archive) -> list[str]:  # noqa: ANN001
    """Structural problems of an open :class:`~reviewer.archive.db.Archive` (both backends); empty = healthy."""
    from sqlalchemy import text

    from reviewer.archive.audit import verify_chain

    out: list[str] = []
    with archive.read() as s:
        if archive.is_sqlite:
            rows = s.execute(text("PRAGMA integrity_check")).all()
            if [tuple(r) for r in rows] != [("ok",)]:
                out.append("integrity_check: " + "; ".join(str(r[0]) for r in rows[:3]))
            fk = s.execute(text("PRAGMA foreign_key_check")).all()
            if fk:
                out.append(f"foreign_key_check: {len(fk)} dangling reference(s)")
        rev = s.execute(text("SELECT version_num FROM alembic_version")).scalar()
        if rev not in _known_revisions():
            out.append(f"unknown schema revision {rev}")
        out.extend(p.message_zh for p in verify_chain(s))
    return out
