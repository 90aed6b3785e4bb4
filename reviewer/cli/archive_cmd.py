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
    q = asub.add_parser("check", help="校验审计链与文书完整性 / verify the audit chain and stored PDFs")
    q.add_argument("--json", action="store_true")
    q.add_argument("--no-signatures", action="store_true", help="不逐一验证签名（更快）/ skip signature checks")
    q.set_defaults(func=cmd_check)
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


def cmd_check(args) -> int:  # noqa: ANN001
    """Exit 0 when the archive is as the application left it, 1 when any row was changed behind its back."""
    from reviewer.archive.check import check_archive
    from reviewer.archive.db import Archive
    from reviewer.signing.verify import verify_bytes

    rep = check_archive(Archive(), verify=None if args.no_signatures else verify_bytes)
    if args.json:
        print(json.dumps(rep.to_dict(), ensure_ascii=False, indent=2))
        return 0 if rep.ok else 1
    print(f"审计事件 {rep.audit_events} 条，文书 {rep.opinions} 份（已签名 {rep.signed_opinions} 份）。"
          f"Audit events {rep.audit_events}, documents {rep.opinions}.")
    if rep.ok:
        print("档案库完整，未发现改动。Archive intact.")
        return 0
    print(f"发现 {len(rep.problems)} 处问题 / {len(rep.problems)} problem(s):")
    for p in rep.problems:
        print(f"  - {p.message_zh} {p.message_en}")
    return 1

