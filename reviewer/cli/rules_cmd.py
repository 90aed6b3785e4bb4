"""``reviewer rules export|import|verify|impact|show`` — rule packs as signed releases, office verifications, impact
of a change (issue 17). The work is done by :mod:`reviewer.usecases.rulepacks`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reviewer.errors import UserError


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("rules", help="规则包：导出、导入、核实、影响 / rule packs: export, import, verify, impact")
    rs = p.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    q = rs.add_parser("export", help="导出经审查机关签名的规则包 / export the active pack, signed")
    q.add_argument("file", type=Path, help="输出 zip / output zip")
    q.add_argument("--ca-passphrase-file", type=Path, help="CA 私钥口令文件 / CA passphrase file")
    q.set_defaults(func=cmd_export)
    q = rs.add_parser("import", help="验证签名、显示差异并启用规则包 / verify, diff and activate a pack")
    q.add_argument("file", type=Path)
    q.add_argument("--yes", action="store_true", help="不询问，直接启用 / apply without asking")
    q.add_argument("--trust", type=Path, action="append", default=[], help="另行信任的机关证书 PEM / extra anchor")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_import)
    q = rs.add_parser("verify", help="记录本机关对参数取值的核实（留痕）/ record the office's confirmation")
    q.add_argument("parameter", help="参数编号，如 energy.coefficients.electricity_equal_value")
    q.add_argument("--source", required=True, help="核实依据：发布机关、文号/标准、条款 / source cited")
    q.add_argument("--reason", required=True, help="核实理由 / why")
    q.add_argument("--document", type=Path, help="依据文件（存入档案库）/ supporting document")
    q.add_argument("--actor", help="核实人（默认取设置）/ who")
    q.add_argument("--date", help="核实哪一日期适用的取值（默认今天）/ which dated value (default today)")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_verify)
    q = rs.add_parser("impact", help="按当前规则包重新评估未签发案件并列出变化 / re-assess open cases")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_impact)
    q = rs.add_parser("show", help="当前规则包版本与未核实参数 / active pack and unverified parameters")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_show)


def _ctx(actor: str | None = None):  # noqa: ANN202
    from reviewer.archive.db import Archive
    from reviewer.settings import Settings
    from reviewer.usecases.base import Context

    settings = Settings.load()
    return Context(archive=Archive(), settings=settings, actor=actor or settings.reviewer_name or "reviewer")


def cmd_export(args) -> int:  # noqa: ANN001
    from reviewer.cli.keys_cmd import read_passphrase
    from reviewer.usecases.rulepacks import ExportRequest, export_pack

    pw = read_passphrase(args.ca_passphrase_file, "CA 口令 / CA passphrase: ")
    r = export_pack(_ctx(), ExportRequest(out=args.file, ca_passphrase=pw)).value
    print(f"已导出规则包 {r.version}（{r.files} 个文件，签名：{r.signer}）→ {r.file}\n"
          f"内容哈希 content SHA-256 {r.content_sha256}")
    return 0


def _fmt_values(vals: list[dict]) -> str:
    return "；".join(f"{v['value']}（{v['from']}起{'至' + v['to'] if v.get('to') else ''}，"
                    f"{'已核实' if v['verified'] else '未核实'}，{v['source']}）" for v in vals) or "—"


def print_diff(d) -> None:  # noqa: ANN001
    print(f"规则包 rule pack {d.version}  SHA-256 {d.content_sha256}")
    print(f"签名 signed by: {d.signer}")
    print(f"当前 active: {d.previous_version}  SHA-256 {d.previous_sha256}")
    labels = {"added": "新增 added", "changed": "变更 changed", "retired": "废止 retired"}
    for kind in ("added", "changed", "retired"):
        items = [c for c in d.parameters if c.kind == kind]
        print(f"{labels[kind]}: {len(items)}")
        for c in items:
            print(f"  {c.id}（{c.label}，{c.unit}）")
            if c.old:
                print(f"    原 old: {_fmt_values(c.old)}")
            if c.new:
                print(f"    新 new: {_fmt_values(c.new)}")
    if d.files_changed:
        print("表格/清单文件变更 tables/lists changed: " + "、".join(d.files_changed))
    if d.tables_differ_from_engine:
        print("注意：以下表格/清单与本程序内置版本不同，评估仍使用本程序的版本（参数按规则包适用）："
              + "、".join(d.tables_differ_from_engine)
              + "\nNote: these tables/lists differ from this installation's; assessments use the installed ones.")
    if not d.parameters and not d.files_changed:
        print("与当前规则包内容相同。Same content as the active pack.")


def cmd_import(args) -> int:  # noqa: ANN001
    from reviewer.usecases.rulepacks import ImportRequest, import_pack

    ctx = _ctx()
    preview = import_pack(ctx, ImportRequest(file=args.file, apply=False, trust=tuple(args.trust))).value
    if not args.json:
        print_diff(preview)
    apply = args.yes
    if not apply and not preview.already_active:
        if not sys.stdin.isatty():
            raise UserError("未启用：请确认差异后加 --yes 启用该规则包。", "Not applied: add --yes to apply the pack.")
        apply = input("启用该规则包？Apply this pack? [y/N] ").strip().lower() in ("y", "yes", "是")
    d = preview
    if apply and not preview.already_active:
        d = import_pack(ctx, ImportRequest(file=args.file, apply=True, trust=tuple(args.trust))).value
    if args.json:
        print(json.dumps(d.to_dict(), ensure_ascii=False, indent=2))
    elif d.applied:
        print(f"已启用规则包 {d.version}；此后的评估均记录该版本。已签发的文书不受影响。"
              f"\nPack {d.version} is active; signed records are untouched.")
    elif d.already_active:
        print("该规则包已是当前启用的版本。The pack is already active.")
    else:
        print("未启用。Not applied.")
    return 0


def cmd_verify(args) -> int:  # noqa: ANN001
    from reviewer.cli.core import parse_date
    from reviewer.usecases.rulepacks import VerifyParameterRequest, verify_parameter

    r = verify_parameter(_ctx(args.actor), VerifyParameterRequest(parameter_id=args.parameter, source=args.source,
                                                                  reason=args.reason, document=args.document,
                                                                  on=parse_date(args.date))).value
    if args.json:
        print(json.dumps(r.__dict__, ensure_ascii=False, indent=2))
    else:
        print(f"已记录核实：{r.parameter_id} = {r.value} {r.unit}（{r.source}）；核实人 {r.actor}，{r.at}。"
              f"\nRecorded: {r.parameter_id} verified by {r.actor}; audit {r.audit_hash[:12]}…")
    return 0


def cmd_impact(args) -> int:  # noqa: ANN001
    from reviewer.usecases.rulepacks import active_store, impact

    ctx = _ctx()
    cases = impact(ctx).value
    pack = active_store(ctx).pack
    if args.json:
        print(json.dumps({"pack": pack.to_dict() if pack else {}, "cases": [c.__dict__ for c in cases]},
                         ensure_ascii=False, indent=2, default=str))
        return 0
    print(f"当前规则包 active pack: {pack.version if pack else '—'}")
    if not cases:
        print("未签发案件的评估结果均无变化。No open case changes.")
    for c in cases:
        print(f"{c.project_code} {c.project_name}（第{c.submission_version}版）")
        for d in c.differences:
            print(f"  {d['field']}: {d['before']} → {d['after']}")
    return 0


def cmd_show(args) -> int:  # noqa: ANN001
    from reviewer.usecases.rulepacks import active_store, unverified_parameters

    ctx = _ctx()
    store = active_store(ctx)
    rows = unverified_parameters(ctx).value
    pack = store.pack.to_dict() if store.pack else {}
    if args.json:
        print(json.dumps({"pack": pack, "parameters": len(store.ids()), "unverified": [r.__dict__ for r in rows]},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"规则包 rule pack {pack.get('version', '—')}（{pack.get('origin', '')}）SHA-256 {pack.get('sha256', '')}")
    print(f"参数 {len(store.ids())} 项，今日适用值中未核实 {len(rows)} 项（按影响的未签发案件数排序）"
          f" / {len(rows)} unverified, most-used by open cases first")
    for r in rows:
        print(f"  [{r.open_cases}] {r.id} = {r.value} {r.unit}（{r.label}；{r.source}）")
    return 0
