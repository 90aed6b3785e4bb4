"""Opening the archive for the workbench without paying for Alembic when the schema is already current.

``Archive(url)`` always runs ``alembic upgrade head`` (≈0.4 s of imports alone on a 2-core machine). At start-up
the workbench instead reads ``alembic_version`` with plain SQLAlchemy and compares it with the head revision found
in the migration scripts; only a new or outdated archive goes through the full Alembic upgrade. Runs on a worker
thread (no Qt here).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reviewer.archive.db import Archive

MIGRATIONS = Path(__file__).resolve().parents[1] / "archive" / "migrations"  # == reviewer.archive.db.MIGRATIONS

_REV = re.compile(r"^(down_revision|revision)\s*(?::[^=]*)?=\s*['\"]?([\w]+|None)['\"]?", re.M)


@cache
def head_revisions() -> frozenset[str]:
    """Head revision ids of the migration scripts (revisions nobody names as down_revision)."""
    revs, downs = set(), set()
    for p in (MIGRATIONS / "versions").glob("*.py"):
        found = dict((k, v) for k, v in _REV.findall(p.read_text(encoding="utf-8")))
        if "revision" in found:
            revs.add(found["revision"])
        if found.get("down_revision") not in (None, "None"):
            downs.add(found["down_revision"])
    return frozenset(revs - downs)


def archive_url(url: str | None = None) -> str:
    """The URL the workbench opens: the argument, else the settings' archive URL, else the default archive."""
    if url:
        return url
    try:
        from reviewer.settings import Settings

        configured = Settings.load().database_url
    except Exception:  # noqa: BLE001 — a malformed settings file: the settings dialog reports it
        configured = ""
    if configured:
        return configured
    from reviewer.paths import default_database_url

    return default_database_url()


def sqlite_at_head(path: str) -> bool:
    """Whether the SQLite file exists and its schema is at the head revision (checked with ``sqlite3`` only)."""
    import sqlite3

    if not Path(path).is_file():
        return False
    try:
        conn = sqlite3.connect(path, timeout=5)
        try:
            current = {r[0] for r in conn.execute("SELECT version_num FROM alembic_version")}
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return bool(current) and current == set(head_revisions())


def open_archive(url: str | None = None) -> "Archive":
    """A migrated archive; skips Alembic when ``alembic_version`` already holds the head revision."""
    from sqlalchemy import text
    from sqlalchemy.exc import DBAPIError

    from reviewer.archive.db import Archive

    archive = Archive(archive_url(url), migrate=False)
    try:
        with archive.engine.connect() as c:
            current = {r[0] for r in c.execute(text("SELECT version_num FROM alembic_version"))}
    except DBAPIError:
        current = set()
    heads = head_revisions()
    if not heads or current != set(heads):
        archive.upgrade()
    return archive
