"""Use cases of archive maintenance: a verified online backup, and a restore from one (issue 11 §1).

Both work on the archive *file* named by the database URL (SQLite), not inside a session: the backup copies the live
archive consistently and verifies the copy; the restore verifies the backup, keeps a safety copy of the archive it
replaces and records the restore in the restored archive's audit log (``reviewer.archive.maintenance``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reviewer.archive.maintenance import BackupResult, RestoreResult, backup, restore
from reviewer.usecases.base import Change, Result


@dataclass(frozen=True)
class BackupRequest:
    url: str  # the archive's database URL (reviewer.paths.default_database_url at the edge)
    dest: Path
    overwrite: bool = False


def backup_archive(req: BackupRequest) -> Result[BackupResult]:
    """Copy the live archive to ``dest`` (online, consistent, verified, 0600); changes nothing in the archive."""
    return Result(backup(req.url, req.dest, overwrite=req.overwrite))


@dataclass(frozen=True)
class RestoreRequest:
    url: str
    source: Path
    actor: str = "system"


def restore_archive(req: RestoreRequest) -> Result[RestoreResult]:
    """Replace the archive by the verified backup ``source``; everything a screen shows may have changed."""
    return Result(restore(req.url, req.source, actor=req.actor), frozenset(Change))
