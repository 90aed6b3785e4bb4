"""``reviewer archive backup FILE`` and ``reviewer archive restore FILE`` (registered under ``archive``)."""

from __future__ import annotations

import getpass
from pathlib import Path


def register_archive_actions(asub) -> None:  # noqa: ANN001
    q = asub.add_parser("backup", help="在线备份档案库到文件（经校验）/ online, verified backup to a file")
    q.add_argument("file", type=Path, help="备份文件 / backup file")
    q.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite an existing file")
    q.set_defaults(func=cmd_backup)
    q = asub.add_parser("restore", help="从备份文件恢复档案库（先校验，原库保留安全副本）/ restore from a verified backup")
    q.add_argument("file", type=Path, help="备份文件 / backup file")
    q.set_defaults(func=cmd_restore)


def _actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 — no login name in some containers
        return "system"


def cmd_backup(args) -> int:  # noqa: ANN001
    from reviewer.paths import default_database_url
    from reviewer.usecases.maintenance import BackupRequest, backup_archive

    r = backup_archive(BackupRequest(default_database_url(), args.file, overwrite=args.force)).value
    print(f"已备份：{r.path}（{r.bytes / 1e6:.1f} MB，{r.projects} 个项目，{r.audit_events} 条审计记录，"
          f"SHA-256 {r.sha256}）")
    print(f"Backed up to {r.path} ({r.projects} projects, {r.audit_events} audit events).")
    return 0


def cmd_restore(args) -> int:  # noqa: ANN001
    from reviewer.paths import default_database_url
    from reviewer.usecases.maintenance import RestoreRequest, restore_archive

    r = restore_archive(RestoreRequest(default_database_url(), args.file, actor=_actor())).value
    print(f"已从 {r.source} 恢复档案库：{r.projects} 个项目，{r.audit_events} 条审计记录，结构版本 {r.revision}。")
    if r.safety_copy:
        print(f"恢复前的档案库已保存为 {r.safety_copy}。")
    print(f"Restored from {r.source}: {r.projects} projects. Previous archive saved as {r.safety_copy}.")
    return 0
