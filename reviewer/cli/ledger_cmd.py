"""``reviewer ledger …`` (district budget ledger), ``reviewer acceptance``, ``reviewer change``, ``reviewer validity``.

Every command that reads the ledger first brings it in line with the archive (opinions in force, approved changes,
lapses as of ``--date`` or today) in one write transaction, so what is shown is never stale.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

from reviewer.errors import UserError
from reviewer.fileio import write_atomically


def _actor(args, settings) -> str:  # noqa: ANN001
    """--actor, else the settings' reviewer, else the login name."""
    if getattr(args, "actor", None):
        return args.actor
    return settings.reviewer_name or os.environ.get("USER") or "reviewer"


def _context(archive, args):  # noqa: ANN001, ANN202
    """The use-case context of one command: settings read once here, the acting reviewer from --actor/settings."""
    from reviewer.settings import Settings
    from reviewer.usecases.base import Context

    try:
        settings = Settings.load()
    except UserError:  # settings are optional for a headless run
        settings = Settings()
    return Context(archive=archive, settings=settings, actor=_actor(args, settings))


def _day(args) -> date:  # noqa: ANN001
    from reviewer.cli.core import parse_date

    return parse_date(getattr(args, "date", None)) or date.today()


def _sync(ctx, args, *, required: bool = True) -> None:  # noqa: ANN001
    """Bring the ledger in line with the archive. For read-only commands (``required=False``) a failed sync — e.g. a
    read-only archive — is reported and the last synchronised ledger is shown instead."""
    from reviewer.usecases import ledger as uc
    import sys

    try:
        uc.sync_ledger(ctx, uc.SyncRequest(day=_day(args)))
    except UserError as exc:
        if required:
            raise
        print(f"警告：台账未能与档案库同步（{exc.message_zh}），以下为上次同步的结果。\n"
              f"Warning: the ledger could not be synchronised ({exc.message_en}); showing the last synchronised state.",
              file=sys.stderr)


def _signer(args):  # noqa: ANN001
    if not getattr(args, "sign", False):
        if getattr(args, "key", None) or getattr(args, "passphrase_file", None):
            raise UserError("指定了证书但未加 --sign。", "--key/--passphrase-file given without --sign.")
        return None
    from reviewer.cli.keys_cmd import read_passphrase
    from reviewer.settings import Settings
    from reviewer.signing.signer import Pkcs12Signer

    settings = Settings.load()
    key = args.key or (Path(settings.certificate_path) if settings.certificate_path else None)
    if key is None:
        raise UserError("签名需要证书：请用 --key 指定 PKCS#12 文件，或在设置中填写签名证书。",
                        "Signing needs a certificate: pass --key or set certificate_path.")
    return Pkcs12Signer(key, read_passphrase(args.passphrase_file, "证书口令 / passphrase: "))


def _sign_args(p) -> None:  # noqa: ANN001
    p.add_argument("--sign", action="store_true", help="电子签名 / sign")
    p.add_argument("--key", type=Path, help="PKCS#12 签名证书 / signing PKCS#12")
    p.add_argument("--passphrase-file", type=Path, help="证书口令文件 / passphrase file")
    p.add_argument("--out", type=Path, help="文书 PDF 输出路径 / write the issued PDF here")


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("ledger", help="区级能耗与碳排放台账 / district energy and carbon ledger")
    p.add_argument("--actor", help="操作人（默认取设置中的审查人员）/ who acts")
    p.add_argument("--date", help="以该日期计算（默认今天）YYYY-MM-DD / as of")
    ls = p.add_subparsers(dest="ledger_command", metavar="ACTION", required=True)

    q = ls.add_parser("show", help="预算使用情况 / budget use")
    q.add_argument("--year", type=int)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_show)

    q = ls.add_parser("export", help="导出台账 .xlsx/.csv/.json/.pdf / export")
    q.add_argument("file", type=Path)
    q.add_argument("--year", type=int)
    q.set_defaults(func=cmd_export)

    q = ls.add_parser("import", help="导入台账工作簿 .xlsx / import a ledger workbook")
    q.add_argument("file", type=Path)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_import)

    _register_budget(ls)
    q = ls.add_parser("check", help="拟批项目计入后是否超出预算 / would a pending project exceed a budget")
    q.add_argument("project_code")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_check)

    _register_records(ls)
    _register_acceptance(sub)
    _register_change(sub)
    v = sub.add_parser("validity", help="审查意见有效期：即将到期与已失效 / expiring and lapsed opinions")
    v.add_argument("--soon", type=int, default=90, metavar="DAYS")
    v.add_argument("--date")
    v.add_argument("--actor")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_validity)


def _register_budget(ls) -> None:  # noqa: ANN001
    b = ls.add_parser("budget", help="区级预算 / budgets")
    bs = b.add_subparsers(dest="budget_command", metavar="ACTION", required=True)
    q = bs.add_parser("set", help="设定或调整预算（留痕）/ set or change a budget (audited)")
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--town", default="", help="街镇/园区（空=全区）")
    q.add_argument("--industry", default="", help="行业代码（空=不分行业）")
    q.add_argument("--eq", help="新增能耗预算（当量值，tce）")
    q.add_argument("--ev", help="新增能耗预算（等价值，tce）")
    q.add_argument("--co2", help="新增碳排放预算（tCO2）")
    q.add_argument("--note")
    q.add_argument("--reason", required=True, help="调整理由（必填）/ why")
    q.set_defaults(func=cmd_budget_set)
    q = bs.add_parser("list", help="预算及修改记录 / budgets and history")
    q.add_argument("--year", type=int)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_budget_list)


def _register_records(ls) -> None:  # noqa: ANN001
    """开工、绿证、用能来源: facts recorded on a ledger entry."""
    q = ls.add_parser("start", help="登记开工日期 / record the start of construction")
    q.add_argument("project_code")
    q.add_argument("started_on", help="YYYY-MM-DD")
    q.set_defaults(func=cmd_start)

    q = ls.add_parser("green", help="登记绿证电量 / record green certificates")
    q.add_argument("project_code")
    q.add_argument("--certificates-kwh", required=True)
    q.add_argument("--reason", required=True)
    q.set_defaults(func=cmd_green)

    q = ls.add_parser("source", help="登记用能来源（新增空间/能耗替代）/ record the energy-space source")
    q.add_argument("project_code")
    q.add_argument("text", help="如：能耗替代：某公司燃煤锅炉改造腾出 1200 tce")
    q.add_argument("--reason", default="")
    q.set_defaults(func=cmd_source)


def _register_acceptance(sub) -> None:  # noqa: ANN001
    a = sub.add_parser("acceptance", help="节能验收/碳排放核验 / completion acceptance")
    a.add_argument("project_code")
    a.add_argument("file", type=Path, help="实际数据（与申报相同格式 .json/.xlsx）/ actual data")
    a.add_argument("--date", help="验收日期 YYYY-MM-DD（默认今天）")
    a.add_argument("--actor")
    a.add_argument("--issue", action="store_true", help="出具验收意见 / issue the 验收意见")
    _sign_args(a)
    a.add_argument("--confirm-unverified", default="", metavar="理由",
                   help="确认验收意见引用的未核实参数（记入审计链，不印入文书）/ confirm unverified parameters (audited)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_acceptance)

    a = sub.add_parser("acceptance-issue", help="为已登记的验收出具验收意见 / issue the 验收意见 for a recorded acceptance")
    a.add_argument("acceptance_id", type=int)
    a.add_argument("--date", help="成文日期 YYYY-MM-DD（默认今天）")
    a.add_argument("--actor")
    _sign_args(a)
    a.add_argument("--confirm-unverified", default="", metavar="理由",
                   help="确认验收意见引用的未核实参数（记入审计链，不印入文书）/ confirm unverified parameters (audited)")
    a.set_defaults(func=cmd_acceptance_issue)


def _register_change(sub) -> None:  # noqa: ANN001
    c = sub.add_parser("change", help="变更申请（重大变动）/ change requests")
    c.add_argument("--actor")
    cs = c.add_subparsers(dest="change_command", metavar="ACTION", required=True)
    q = cs.add_parser("file", help="登记变更申请 / file a request")
    q.add_argument("project_code")
    q.add_argument("--type", action="append", required=True, dest="types",
                   help="builder|site|scale|equipment_process|product|other（可多次）")
    q.add_argument("--submission", type=Path, help="变更后的申报数据 .json/.xlsx / revised submission")
    q.add_argument("--eq")
    q.add_argument("--ev")
    q.add_argument("--co2")
    q.add_argument("--year", type=int, help="变更后的投产年度")
    q.add_argument("--town")
    q.add_argument("--builder")
    q.add_argument("--description", default="")
    q.add_argument("--date", help="申请日期 YYYY-MM-DD")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_change_file)
    q = cs.add_parser("decide", help="决定 / decide a request")
    q.add_argument("request_id", type=int)
    q.add_argument("--outcome", required=True, choices=["approved_change", "re_review"],
                   help="approved_change 同意变更 | re_review 重新审查")
    q.add_argument("--reason", required=True)
    q.add_argument("--date", help="决定日期 YYYY-MM-DD")
    q.add_argument("--issue", action="store_true", help="出具同意变更文书 / issue the decision document")
    _sign_args(q)
    q.set_defaults(func=cmd_change_decide)
    q = cs.add_parser("list", help="列出变更申请 / list")
    q.add_argument("project_code", nargs="?")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_change_list)


# -- ledger -----------------------------------------------------------------------------------------------------------
def _fmt(v: Any) -> str:
    return "—" if v is None else f"{v:,.2f}"


def cmd_show(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.usecases.ledger import reading
    from reviewer.ledger.budget import METRIC_LABELS, METRICS
    from reviewer.rules.ledger import LEVEL_LABELS
    from reviewer.ledger.summary import ledger_view

    ctx = _context(Archive(), args)
    _sync(ctx, args, required=False)
    with reading(ctx) as s:
        view = ledger_view(s, year=args.year, today=_day(args))
        if args.json:
            print(json.dumps(view.to_dict(), ensure_ascii=False, indent=2, default=str))
            return 0
        if not view.years:
            print("台账为空：尚无预算和已批项目。The ledger is empty.")
            return 0
        day = view.today
        print(f"区级能耗与碳排放台账（截至 {day.isoformat()}）/ District ledger as of {day.isoformat()}")
        for title, rows in (("全区（按投产年度）", view.by_year), (f"{view.year} 年 按街镇/园区", view.by_town),
                            (f"{view.year} 年 按行业", view.by_industry)):
            if not rows:
                continue
            print(f"\n== {title} ==")
            for u in rows:
                lvl = u.level(day)
                flag = f" [{LEVEL_LABELS[lvl][0]}]" if lvl else ""
                dflt = " （缺省预算，未核实）" if u.budget_is_default else ""
                nocarbon = f" （{u.carbon_missing} 个项目无碳排放数据）" if u.carbon_missing else ""
                print(f"{u.year} {u.label}  项目 {u.projects}{flag}{dflt}{nocarbon}")
                for m in METRICS:
                    r = u.ratio(m)
                    ratio = "—" if r is None else f"{r * 100:.1f}%"
                    print(f"    {METRIC_LABELS[m][0]:<14} 预算 {_fmt(u.budget.get(m)):>14}  已批 {_fmt(u.used[m]):>12}"
                          f"  绿电绿证扣除 {_fmt(u.green[m]):>10}  计入考核 {_fmt(u.assessed(m)):>12}"
                          f"  拟批 {_fmt(u.pending[m]):>10}  剩余 {_fmt(u.remaining(m)):>12}  占用率 {ratio}")
        if view.warnings:
            print("\n== 预警 / warnings ==")
            for w in view.warnings:
                print("  " + w.message_zh())
        if view.pending:
            print("\n== 拟批项目 / pending ==")
            for p in view.pending:
                print(f"  {p.code} {p.name}（{p.town}，{p.year} 年）当量值 {_fmt(p.figures['energy_equivalent_tce'])} tce")
    return 0


def cmd_export(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.usecases.ledger import reading
    from reviewer.ledger.export import export

    ctx = _context(Archive(), args)
    _sync(ctx, args, required=False)
    with reading(ctx) as s:
        path = export(s, args.file, year=args.year, today=_day(args))
    print(f"台账已导出：{path}\nLedger exported to {path}")
    return 0


def cmd_import(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.usecases import ledger as uc

    res = uc.import_ledger(_context(Archive(), args), uc.LedgerImportRequest(args.file, day=_day(args))).value
    if args.json:
        print(json.dumps({"budgets_changed": res.budgets_changed, "entries_added": res.entries_added,
                          "entries_unchanged": res.entries_unchanged,
                          "warnings": [w.to_dict() for w in res.warnings]}, ensure_ascii=False, indent=2))
        return 0
    print(f"导入完成：预算修改 {res.budgets_changed} 项，新增台账记录 {res.entries_added} 条，"
          f"相同记录 {res.entries_unchanged} 条未重复导入。")
    for w in res.warnings:
        print("  " + w.text())
    return 0


def cmd_budget_set(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.usecases import ledger as uc

    if args.eq is None and args.ev is None and args.co2 is None and args.note is None:
        raise UserError("请至少给出 --eq、--ev、--co2 或 --note 之一。", "Give at least one of --eq, --ev, --co2, --note.")

    def num(v: str | None):
        if v is None:
            return None
        try:
            from decimal import Decimal

            return Decimal(v.replace(",", ""))
        except Exception:  # noqa: BLE001
            raise UserError(f"预算数值无效：{v!r}", f"Invalid budget figure {v!r}.") from None

    warnings = uc.set_budget(_context(Archive(), args), uc.BudgetRequest(
        year=args.year, town=args.town, industry_code=args.industry, reason=args.reason,
        energy_equivalent_tce=num(args.eq), energy_equal_value_tce=num(args.ev), carbon_tco2=num(args.co2),
        note=args.note)).value.warnings
    print(f"预算已保存（{args.year} 年 {args.town or '全区'}{' / ' + args.industry if args.industry else ''}）。Budget saved.")
    for w in warnings:
        print("  " + w.text())
    return 0


def cmd_budget_list(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.usecases.ledger import reading
    from reviewer.ledger.budget import budgets, history, scope_label

    ctx = _context(Archive(), args)
    with reading(ctx) as s:
        rows = budgets(s, args.year)
        hist = history(s, args.year)
        if args.json:
            print(json.dumps({"budgets": [{"year": b.year, "town": b.town, "industry_code": b.industry_code,
                                           "energy_equivalent_tce": b.energy_equivalent_tce,
                                           "energy_equal_value_tce": b.energy_equal_value_tce,
                                           "carbon_tco2": b.carbon_tco2, "note": b.note} for b in rows],
                              "history": [{"at": c.changed_at.isoformat(), "year": b.year,
                                           "scope": scope_label(b.town, b.industry_code), "by": c.changed_by,
                                           "reason": c.reason, "before": c.before, "after": c.after}
                                          for c, b in hist]}, ensure_ascii=False, indent=2))
            return 0
        print(f"{'年度':<6}{'范围':<24}{'当量值tce':>14}{'等价值tce':>14}{'tCO2':>14}")
        for b in rows:
            print(f"{b.year:<8}{scope_label(b.town, b.industry_code):<22}{_fmt(b.energy_equivalent_tce):>14}"
                  f"{_fmt(b.energy_equal_value_tce):>14}{_fmt(b.carbon_tco2):>14}")
        print("\n修改记录 / history:")
        for c, b in hist:
            print(f"  {c.changed_at:%Y-%m-%d %H:%M} {c.changed_by} {b.year} {scope_label(b.town, b.industry_code)}："
                  f"{c.reason}")
    return 0


def cmd_check(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.usecases.ledger import reading
    from reviewer.ledger.summary import check_pending_project, regional_impact_for

    ctx = _context(Archive(), args)
    _sync(ctx, args, required=False)
    with reading(ctx) as s:
        ws = check_pending_project(s, args.project_code, today=_day(args))
        regional = regional_impact_for(s, args.project_code, today=_day(args))
    if args.json:
        print(json.dumps({"warnings": [w.to_dict() for w in ws], "regional": regional}, ensure_ascii=False, indent=2,
                         default=str))
    else:
        print(regional["summary"])
        if not ws:
            print(f"项目 {args.project_code} 计入后各项预算均未达到预警线。No warning.")
        for w in ws:
            print(w.message_zh())
    return 1 if any(w.level == 1 for w in ws) else 0


def cmd_start(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.usecases import ledger as uc
    from reviewer.cli.core import parse_date

    day = parse_date(args.started_on)
    uc.record_start(_context(Archive(), args), uc.StartRequest(args.project_code, day, day=_day(args)))
    print(f"已登记 {args.project_code} 开工日期 {day.isoformat()}。")
    return 0


def cmd_green(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.usecases import ledger as uc

    e = uc.record_green_certificates(_context(Archive(), args), uc.GreenRequest(
        args.project_code, args.certificates_kwh, args.reason, day=_day(args))).value
    print(f"已登记绿证 {e.green_certificate_kwh:,.0f} kWh；扣除当量值 {e.green_deduction_equivalent_tce:,.2f} tce。")
    return 0


def cmd_source(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.usecases import ledger as uc

    uc.record_energy_source(_context(Archive(), args), uc.SourceRequest(args.project_code, args.text,
                                                                        reason=args.reason, day=_day(args)))
    print(f"已登记 {args.project_code} 用能来源：{args.text}")
    return 0


# -- acceptance -------------------------------------------------------------------------------------------------------
def cmd_acceptance(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.ledger.acceptance import load_actual
    from reviewer.rules.ledger import CONSEQUENCE_LABELS
    from reviewer.usecases.ledger import AcceptanceRequest, record_acceptance

    day = _day(args)
    signer = _signer(args) if args.issue else None
    if not args.issue and (args.sign or args.out):
        raise UserError("--sign/--out 需与 --issue 一起使用。", "--sign/--out need --issue.")
    actual = load_actual(args.file)
    ctx = _context(Archive(), args)
    res = record_acceptance(ctx, AcceptanceRequest(project_code=args.project_code, actual=actual, accepted_on=day,
                                                   source_name=args.file.name, issue=args.issue,
                                                   signer=signer,
                                                   confirm_unverified=args.confirm_unverified)).value
    acc_id, comp, doc = res.acceptance_id, res.comparison, res.document
    if doc is not None and args.out:
        write_atomically(args.out, doc.pdf, archived=True)
    if args.json:
        out = {"acceptance_id": acc_id, **comp}
        if doc:
            out["document"] = {"doc_number": doc.doc_number, "sha256": doc.sha256, "signed": doc.signed,
                               "file": str(args.out) if args.out else None}
        print(json.dumps(out, ensure_ascii=False, indent=2))
    else:
        print(f"验收记录 #{acc_id}（{comp['rule']}）")
        for r in comp["rows"]:
            pct = "—" if r["overrun_pct"] is None else f"{float(r['overrun_pct']):+.2f}%"
            mark = "  ← 超限" if r["triggered"] else ("" if r["covered"] else "  （不适用）")
            print(f"  {r['label']:<16} 批复 {_fmt(r['approved']):>12}  实际 {_fmt(r['actual']):>12}  {pct}{mark}")
        verdict = "超出批复水平" if comp["outcome"] == "overrun" else "合格"
        print(f"结论：{verdict}" + (f"；后果：{CONSEQUENCE_LABELS[comp['consequence']][0]}" if comp["consequence"] else ""))
        if doc:
            print(f"已出具验收意见 {doc.doc_number}{'（已签名）' if doc.signed else '（未签名）'}"
                  + (f"，文件 {args.out}" if args.out else ""))
    return 0


def cmd_acceptance_issue(args) -> int:  # noqa: ANN001
    """Issue (again) the document of an acceptance recorded earlier — e.g. when signing failed the first time."""
    from reviewer.archive.db import Archive
    from reviewer.usecases.ledger import AcceptanceDocumentRequest, issue_acceptance_document

    signer = _signer(args)
    ctx = _context(Archive(), args)
    doc = issue_acceptance_document(ctx, AcceptanceDocumentRequest(acceptance_id=args.acceptance_id, signer=signer,
                                                                   issued_on=_day(args),
                                                                   confirm_unverified=args.confirm_unverified)).value
    if args.out:
        write_atomically(args.out, doc.pdf, archived=True)
    print(f"已出具验收意见 {doc.doc_number}{'（已签名）' if doc.signed else '（未签名）'}"
          + (f"，文件 {args.out}" if args.out else ""))
    return 0


# -- change requests --------------------------------------------------------------------------------------------------
def cmd_change_file(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.usecases import ledger as uc
    from reviewer.ledger.changes import proposed_from_submission

    proposed: dict[str, Any] = {}
    if args.submission:
        from reviewer.ledger.acceptance import load_actual

        sub = load_actual(args.submission)
        if sub.project.code != args.project_code:
            raise UserError(f"变更数据的项目代码 {sub.project.code} 与 {args.project_code} 不一致。",
                            "The revised submission is for another project.")
        proposed = proposed_from_submission(sub)
    for k, v in (("equivalent_tce", args.eq), ("equal_value_tce", args.ev), ("carbon_tco2", args.co2),
                 ("commissioning_year", args.year), ("town", args.town), ("builder", args.builder)):
        if v is not None:
            proposed[k] = v
    from reviewer.cli.core import parse_date

    cr_id = uc.file_change(_context(Archive(), args), uc.ChangeFilingRequest(
        args.project_code, list(args.types), requested_on=parse_date(args.date) or date.today(),
        description=args.description, proposed=proposed, day=_day(args))).value
    print(json.dumps({"change_request_id": cr_id}) if args.json else f"已登记变更申请 #{cr_id}。")
    return 0


def cmd_change_decide(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.ledger.changes import OUTCOMES
    from reviewer.usecases.ledger import ChangeDecisionRequest, decide_change

    day = _day(args)
    if args.issue and args.outcome != "approved_change":
        raise UserError("只有同意变更才出具同意变更文书；重新审查按新申请办理。",
                        "Only an approved change gets a decision document.")
    signer = _signer(args) if args.issue else None
    ctx = _context(Archive(), args)
    out = decide_change(ctx, ChangeDecisionRequest(request_id=args.request_id, outcome=args.outcome,
                                                   reason=args.reason, decided_on=day, issue=args.issue,
                                                   signer=signer)).value
    action = out.ledger_action
    print(f"变更申请 #{args.request_id}：{OUTCOMES[args.outcome][0]}；台账：{ {'moved': '已按变更后数值调整', 'unchanged': '未变（待重新审查批复）'}.get(action, action) }")
    doc = out.document
    if doc is not None:
        if args.out:
            write_atomically(args.out, doc.pdf, archived=True)
        print(f"已出具同意变更文书 {doc.doc_number}{'（已签名）' if doc.signed else '（未签名）'}")
    return 0


def cmd_change_list(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.usecases.ledger import reading
    from reviewer.archive.models import Opinion, Project
    from reviewer.ledger.changes import CHANGE_TYPES, OUTCOMES, change_requests

    ctx = _context(Archive(), args)
    with reading(ctx) as s:
        rows = [{"id": c.id, "project_code": s.get(Project, c.project_id).code,
                 "original": s.get(Opinion, c.original_opinion_id).doc_number,
                 "types": [CHANGE_TYPES[t][0] for t in c.change_types], "requested_on": c.requested_on.isoformat(),
                 "status": c.status, "status_label": OUTCOMES.get(c.status, ("待决定",))[0],
                 "decided_on": c.decided_on.isoformat() if c.decided_on else None, "proposed": c.proposed}
                for c in change_requests(s, args.project_code)]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(f"#{r['id']} {r['project_code']} 原意见 {r['original']} {'、'.join(r['types'])} "
              f"{r['requested_on']} {r['status_label']}")
    if not rows:
        print("没有变更申请。No change requests.")
    return 0


# -- validity ---------------------------------------------------------------------------------------------------------
def cmd_validity(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.usecases.ledger import reading
    from reviewer.ledger.entries import validity_report

    if args.soon < 0:
        raise UserError("--soon 应为非负天数。", "--soon must be a non-negative number of days.")
    ctx = _context(Archive(), args)
    _sync(ctx, args, required=False)
    with reading(ctx) as s:
        rep = validity_report(s, today=_day(args), soon_days=args.soon)
        data = {"today": rep.today.isoformat(), "soon_days": args.soon,
                "expiring": [{"project_code": e.project_code, "project_name": e.project_name, "doc_number": e.doc_number,
                              "approved_on": e.approved_on.isoformat(), "valid_until": e.valid_until.isoformat(),
                              "days_left": (e.valid_until - rep.today).days} for e in rep.expiring],
                "lapsed": [{"project_code": e.project_code, "project_name": e.project_name, "doc_number": e.doc_number,
                            "valid_until": e.valid_until.isoformat() if e.valid_until else None,
                            "lapsed_on": e.closed_on.isoformat() if e.closed_on else None,
                            "freed_equivalent_tce": e.equivalent_tce} for e in rep.lapsed]}
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(f"{args.soon} 天内到期且未登记开工（截至 {data['today']}）：")
    for e in data["expiring"] or [None]:
        print("  无" if e is None else f"  {e['project_code']} {e['project_name']} {e['doc_number']} "
                                        f"有效期至 {e['valid_until']}（剩 {e['days_left']} 天）")
    print("已失效（预算已释放）：")
    for e in data["lapsed"] or [None]:
        print("  无" if e is None else f"  {e['project_code']} {e['project_name']} {e['doc_number']} "
                                        f"{e['lapsed_on']} 起失效，释放当量值 {e['freed_equivalent_tce']:,.2f} tce")
    return 0
