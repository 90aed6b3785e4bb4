"""``reviewer case receive|attach|event|review|correct|show|list|bodies`` — the case file (issue 14).

Dates are the office's calendar days (YYYY-MM-DD); deadlines are counted in working days from the holiday calendar
(rules/calendar/holidays.toml; 《行政许可法》第八十二条).
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from reviewer.errors import UserError

EVENT_CHOICES = ["corrected", "accepted", "extended", "decided", "issued", "completion_accepted", "changed", "lapsed"]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期“{text}”格式不正确，应为 YYYY-MM-DD / bad date, use YYYY-MM-DD") from None


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("case", help="案件卷宗：收件、附件、评审、期限 / the case file")
    csub = p.add_subparsers(dest="case_command", metavar="ACTION", required=True)
    q = csub.add_parser("receive", help="登记收件（补正告知期限起算）/ record receipt")
    q.add_argument("project_code")
    q.add_argument("--date", required=True, type=_date)
    q.add_argument("--reason", default="")
    q.set_defaults(func=cmd_receive)
    q = csub.add_parser("attach", help="附加材料 / attach a file")
    q.add_argument("project_code")
    q.add_argument("file", type=Path)
    q.add_argument("--kind", required=True,
                   help="energy_report|commitment|approval_document|review_opinion|correction_material|other")
    q.add_argument("--item", default="", help="对应的材料清单项 / checklist item id")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_attach)
    q = csub.add_parser("event", help="记录一个步骤（受理、延长、决定…）/ record a step")
    q.add_argument("project_code")
    q.add_argument("kind", choices=EVENT_CHOICES)
    q.add_argument("--date", required=True, type=_date)
    q.add_argument("--reason", default="")
    q.add_argument("--outcome", choices=["approval", "rejection"], help="decided 的结论 / outcome of a decision")
    q.set_defaults(func=cmd_event)
    q = csub.add_parser("review", help="委托评审 / 评审意见返回 / expert review")
    q.add_argument("project_code")
    q.add_argument("--body", required=True, help="评审机构（须在名录中）/ reviewing body on the office's list")
    q.add_argument("--commissioned", required=True, type=_date)
    q.add_argument("--returned", type=_date)
    q.add_argument("--file", type=Path, help="评审意见文件 / the review opinion file")
    q.add_argument("--conclusions", default="")
    q.add_argument("--figure", action="append", default=[], metavar="NAME=VALUE",
                   help="评审建议数值，如 equivalent_tce=1234.5 / recommended figure")
    q.set_defaults(func=cmd_review)
    q = csub.add_parser("correct", help="出具一次性补正通知 / issue the one-time correction notice")
    q.add_argument("project_code")
    q.add_argument("--date", required=True, type=_date)
    q.add_argument("--out", type=Path, required=True)
    q.add_argument("--missing", action="append", default=[], help="另需补正的内容 / further item")
    q.add_argument("--sign", action="store_true")
    q.add_argument("--key", type=Path)
    q.add_argument("--passphrase-file", type=Path)
    q.set_defaults(func=cmd_correct)
    q = csub.add_parser("show", help="显示卷宗 / show the case")
    q.add_argument("project_code")
    q.add_argument("--json", action="store_true")
    q.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    q.set_defaults(func=cmd_show)
    q = csub.add_parser("list", help="案件列表与期限 / cases and deadlines")
    q.add_argument("--due", type=int, metavar="DAYS", help="下一期限在 DAYS 个工作日内（含逾期）/ due within")
    q.add_argument("--overdue", action="store_true")
    q.add_argument("--limit", type=int, default=200, help="每页条数 / cases per page (default 200)")
    q.add_argument("--after", default="", metavar="KEY", help="上一页末尾给出的续页键 / continue after this key")
    q.add_argument("--json", action="store_true")
    q.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    q.set_defaults(func=cmd_list)
    q = csub.add_parser("resync", help="按现行日历重算全部期限 / re-derive every case's stored deadlines")
    q.set_defaults(func=cmd_resync)
    q = csub.add_parser("bodies", help="评审机构名录 / the office's list of reviewing bodies")
    q.add_argument("action", choices=["add", "list"])
    q.add_argument("name", nargs="?", default="")
    q.add_argument("--note", default="")
    q.set_defaults(func=cmd_bodies)


def _ctx():  # noqa: ANN202
    from reviewer.archive.db import Archive
    from reviewer.settings import Settings
    from reviewer.usecases.base import Context

    settings = Settings.load()  # read once, at the edge
    return Context(archive=Archive(), settings=settings, actor=settings.reviewer_name or "reviewer")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取文件 {path}：{exc.strerror or exc}。", f"Cannot read {path}: {exc}.") from None


def cmd_receive(args) -> int:  # noqa: ANN001
    from reviewer.usecases.cases import ReceiveRequest, receive_case, show_case

    ctx = _ctx()
    receive_case(ctx, request=ReceiveRequest(args.project_code, args.date, args.reason))
    v = show_case(ctx, args.project_code)
    print(f"已登记收件 {args.project_code}（{args.date.isoformat()}）；一次性告知补正期限："
          f"{v['deadlines']['correction_notice']}（令第31号 第十四条，5个工作日）。")
    for w in v["deadlines"]["warnings"]:
        print("注意 / warning: " + w)
    return 0


def cmd_attach(args) -> int:  # noqa: ANN001
    from reviewer.usecases.cases import AttachRequest, attach_file

    data = _read(args.file)
    res = attach_file(_ctx(), request=AttachRequest(args.project_code, args.file.name, data, args.kind, args.item))
    a = res.value
    if args.json:
        print(json.dumps({"attachment_id": a.attachment_id, "sha256": a.sha256, "size": a.size,
                          "media_type": a.media_type, "report_structure": a.report_structure},
                         ensure_ascii=False, indent=2))
        return 0
    print(f"已附加 {args.file.name}（#{a.attachment_id}，{a.media_type}，{a.size} 字节，SHA-256 {a.sha256}）。")
    if a.report_structure is not None:
        miss = a.report_structure["missing"]
        print("节能报告结构：七部分齐全（令第31号 第十二条）。" if not miss else
              "节能报告缺少（否决项）：" + "；".join(miss))
    return 0


def cmd_event(args) -> int:  # noqa: ANN001
    from reviewer.usecases.cases import EventRequest, record_event

    data = {"outcome": args.outcome} if args.outcome else {}
    record_event(_ctx(), request=EventRequest(args.project_code, args.kind, args.date, args.reason, data))
    print(f"已记录 {args.project_code}：{args.kind}（{args.date.isoformat()}）。")
    return 0


def cmd_review(args) -> int:  # noqa: ANN001
    from reviewer.usecases.cases import ReviewRequest, expert_review

    figures = {}
    for f in args.figure:
        name, _, value = f.partition("=")
        try:
            figures[name.strip()] = float(value)
        except ValueError:
            raise UserError(f"评审数值“{f}”格式不正确，应为 名称=数值。", f"Bad figure {f!r}: use NAME=VALUE.") from None
    if args.file and not args.returned:
        raise UserError("附评审意见文件时须给出返回日期（--returned）。", "--file needs --returned.")
    data = _read(args.file) if args.file else b""
    res = expert_review(_ctx(), request=ReviewRequest(args.project_code, args.body, args.commissioned, args.returned,
                                                      args.file.name if args.file else "", data, args.conclusions,
                                                      figures))
    print(f"已记录评审：{args.body}，委托 {args.commissioned.isoformat()}"
          + (f"，返回 {args.returned.isoformat()}" if args.returned else "（评审中，审查期限暂停计算）")
          + f"。{json.dumps(res.value, ensure_ascii=False)}")
    return 0


def cmd_correct(args) -> int:  # noqa: ANN001
    from reviewer.fileio import write_atomically
    from reviewer.usecases.cases import CorrectionRequest, request_correction

    ctx = _ctx()
    signer = None
    if args.sign:
        from reviewer.cli.keys_cmd import read_passphrase
        from reviewer.signing.signer import Pkcs12Signer

        key = args.key or (Path(ctx.settings.certificate_path) if ctx.settings.certificate_path else None)
        if key is None:
            raise UserError("签名需要证书：请用 --key 指定 PKCS#12 文件。", "Signing needs --key.")
        signer = Pkcs12Signer(key, read_passphrase(args.passphrase_file, "证书口令 / passphrase: "))
    doc = request_correction(ctx, request=CorrectionRequest(args.project_code, args.date, args.missing, signer)).value
    write_atomically(args.out, doc.pdf)
    print(f"已出具补正通知 {doc.doc_number}（{'已签名' if doc.signed else '未签名'}）→ {args.out}")
    for w in doc.warnings:
        print("注意 / warning: " + w)
    return 0


def cmd_show(args) -> int:  # noqa: ANN001
    from reviewer.usecases.cases import show_case

    v = show_case(_ctx(), args.project_code, today=args.today)
    if args.json:
        print(json.dumps(v, ensure_ascii=False, indent=2))
        return 0
    d = v["deadlines"]
    print(f"{v['project_code']} {v['project_name']} — {v['status_label']}")
    print(f"  补正告知期限 correction notice: {d['correction_notice']}"
          + ("（已告知/已受理）" if d["correction_notice_done"] else ""))
    if d.get("acceptance"):
        print(f"  补正后受理期限 acceptance: {d['acceptance']}（{d['corrected_on']} 收到补正材料，《行政许可法》第三十二条）")
    if d["next"]:
        n = d["next"]
        print(f"  下一期限 next: {n['kind']} {n['due']}" + ("（已逾期）" if n["overdue"] else "（临近）" if n["due_soon"] else ""))
    print(f"  审查决定期限 decision: {d['decision'] or ('评审中，暂停计算' if d['review_running'] else '—')}"
          + ("（已延长）" if d["extended"] else "") + (f"（评审 {d['paused_working_days']} 个工作日不计入）"
                                                   if d["paused_working_days"] else ""))
    if d["accepted_deemed"]:
        print("  逾期未告知补正，自收到之日起即为受理（令第31号 第十四条）。")
    print("  时间线 timeline:")
    for e in v["timeline"]:
        print(f"    {e['on']}  {e['label']}  {e['reason']}")
    print("  材料 materials:")
    for m in v["materials"]:
        print(f"    [{'✓' if m['present'] else ' '}] {m['label']}" + ("" if m["verified"] else "（未核实）"))
    print("  附件 attachments:")
    for a in v["attachments"]:
        print(f"    #{a['id']} {a['kind_label']} {a['original_name']} {a['size']} B sha256={a['sha256']}")
    rs = v["report_structure"]
    if rs.get("missing") is not None:
        print("  节能报告结构：" + ("七部分齐全" if not rs["missing"] else "缺少 " + "；".join(rs["missing"])))
    for w in d["warnings"]:
        print("  注意 / warning: " + w)
    return 0


def _after(text: str) -> tuple[str | None, int] | None:
    if not text:
        return None
    due, _, cid = text.rpartition(":")
    try:
        return (due or None), int(cid)
    except ValueError:
        raise UserError(f"续页键“{text}”格式不正确（应为上一页输出的 --after 值，如 2026-03-30:17）。",
                        f"Bad --after key {text!r}; use the value the previous page printed.") from None


def cmd_list(args) -> int:  # noqa: ANN001
    from reviewer.usecases.cases import CaseListRequest, case_page

    if args.limit < 1:
        raise UserError("--limit 须为正整数。", "--limit must be positive.")
    page = case_page(_ctx(), CaseListRequest(today=args.today, due_within=args.due, overdue=args.overdue,
                                             limit=args.limit, after=_after(args.after)))
    key = f"{page.next_after[0] or ''}:{page.next_after[1]}" if page.next_after else None
    if args.json:
        print(json.dumps({"cases": page.rows, "next_after": key}, ensure_ascii=False, indent=2))
        return 0
    if not page.rows:
        print("没有符合条件的案件。No matching cases.")
        return 0
    for r in page.rows:
        n = r["next"]
        flag = "逾期" if n and n["overdue"] else "临近" if n and n["due_soon"] else ""
        due = f"{n['kind']} {n['due']}" if n else "—"
        print(f"{r['project_code']:<28}{r['status_label']:<8}{due:<32}{flag:<4} {r['project_name']}")
    if key:
        print(f"（仅显示 {len(page.rows)} 件；下一页：--after {key}）/ more: --after {key}")
    return 0


def cmd_resync(args) -> int:  # noqa: ANN001
    from reviewer.usecases.cases import resync_cases

    n = resync_cases(_ctx()).value
    print(f"已按现行节假日日历与期限参数重算 {n} 件案件的期限。Re-derived the deadlines of {n} case(s).")
    return 0


def cmd_bodies(args) -> int:  # noqa: ANN001
    from reviewer.usecases.cases import ReviewBodyRequest, add_review_body, review_bodies

    ctx = _ctx()
    if args.action == "add":
        add_review_body(ctx, request=ReviewBodyRequest(args.name, args.note))
        print(f"已登记评审机构：{args.name}")
        return 0
    for name in review_bodies(ctx):
        print(name)
    return 0
