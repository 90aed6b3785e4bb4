"""``reviewer archive list|check|migrate``."""

from __future__ import annotations

import json


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("archive", help="档案库 / the archive")
    asub = p.add_subparsers(dest="archive_command", metavar="ACTION", required=True)
    q = asub.add_parser("list", help="列出项目 / list projects")
    q.add_argument("--json", action="store_true")
    q.add_argument("--search", default="", help="按项目代码/名称/建设单位搜索 / search")
    q.set_defaults(func=cmd_list)
    q = asub.add_parser("migrate", help="升级档案库结构 / upgrade the archive schema")
    q.set_defaults(func=cmd_migrate)
    from reviewer.cli.maintenance_cmd import register_archive_actions

    register_archive_actions(asub)


def cmd_list(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.services import list_projects, project_summary

    archive = Archive()
    with archive.read() as s:
        rows = [project_summary(p) for p in list_projects(s, search=args.search)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("档案库中没有项目。运行 reviewer demo 可写入演示项目。No projects yet; run `reviewer demo`.")
        return 0
    print(f"{'项目代码':<26}{'当量值tce':>12}{'等价值tce':>12}  状态      项目名称")
    for r in rows:
        eq = f"{r['equivalent_tce']:.2f}" if r["equivalent_tce"] is not None else "—"
        ev = f"{r['equal_value_tce']:.2f}" if r["equal_value_tce"] is not None else "—"
        print(f"{r['code']:<28}{eq:>12}{ev:>12}  {r['status']:<9} {r['name']}")
    return 0


def cmd_migrate(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive

    a = Archive()
    print(f"档案库结构已是最新版本 {a.current_revision()}。Archive at revision {a.current_revision()}.")
    return 0
