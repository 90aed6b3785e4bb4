"""``reviewer opinion`` (issue a document) and ``reviewer verify`` (check a signed PDF)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reviewer.errors import UserError
from reviewer.fileio import write_atomically


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("opinion", help="出具审查意见等文书 / issue a review opinion")
    p.add_argument("project_code", help="项目代码 / project code")
    p.add_argument("--out", type=Path, required=True, help="输出 PDF 文件 / output PDF")
    p.add_argument("--kind", choices=["approval", "rejection", "correction", "referral"], default="approval",
                   help="approval 审查意见 | rejection 不予通过 | correction 补正通知 | referral 不予受理告知书"
                        "（超出本机关审查权限，《行政许可法》第三十二条）")
    p.add_argument("--confirm-authority", metavar="REASON", default="",
                   help="确认依据未核实参数得出的审查机关（写明理由；记入审计链，不印入文书）/ confirm the authority")
    p.add_argument("--confirm-unverified", metavar="REASON", default="",
                   help="确认文书采用的未核实参数（写明理由；附件注明“经审查人员确认”）/ confirm unverified parameters")
    p.add_argument("--reason", action="append", default=[], help="不予通过理由（可多次）/ rejection reason")
    p.add_argument("--missing", action="append", default=[], help="需补正的材料（可多次）/ missing item")
    p.add_argument("--supersedes", help="被替代文书的文号 / 文号 of the document this one corrects")
    p.add_argument("--date", help="成文日期 YYYY-MM-DD（默认今天）/ issue date")
    p.add_argument("--review-body", default="", help="评审机构及其评审意见文号 / expert review body")
    p.add_argument("--cc", action="append", default=[], help="抄送 / copy to")
    p.add_argument("--no-appendix", action="store_true", help="不附计算依据 / leave out the 计算依据 appendix")
    p.add_argument("--draft", action="store_true",
                   help="只出预览稿（不编号、不归档），并输出评估编号和内容哈希 / write the unnumbered draft only and "
                        "print its assessment id and content hash")
    p.add_argument("--assessment", type=int, metavar="ID",
                   help="签发预览过的评估（编号见 --draft）；评估已变化则拒绝 / sign the previewed assessment; refused "
                        "if it changed since")
    p.add_argument("--preview-hash", metavar="SHA256",
                   help="预览稿的内容哈希（见 --draft）；内容不一致则拒绝 / content hash of the previewed draft")
    p.add_argument("--sign", action="store_true", help="电子签名 / sign")
    p.add_argument("--key", type=Path, help="PKCS#12 签名证书（默认取设置）/ signing PKCS#12")
    p.add_argument("--passphrase-file", type=Path, help="证书口令文件 / passphrase file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_opinion)

    v = sub.add_parser("verify", help="验证已签名的文书 PDF / verify a signed PDF")
    v.add_argument("file", type=Path)
    v.add_argument("--trust", type=Path, action="append", default=[], help="另行信任的根证书 PEM / extra root")
    v.add_argument("--no-archive", action="store_true", help="不与档案库比对 / skip the archive comparison")
    v.add_argument("--recompute", action="store_true",
                   help="按嵌入的执行收据重新计算并核对文书所印每个数字 / re-derive every printed figure")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_verify)


def cmd_opinion(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.cli.core import parse_date
    from reviewer.cli.keys_cmd import read_passphrase
    from reviewer.opinion.legal import Confirmations
    from reviewer.settings import Settings
    from reviewer.usecases.base import Context
    from reviewer.usecases.opinions import IssueRequest, PreviewRequest, issue, preview

    settings = Settings.load()
    ctx = Context(archive=Archive(), settings=settings)
    fields = dict(project_code=args.project_code, kind=args.kind, issued_on=parse_date(args.date),
                  reasons=tuple(args.reason), missing_items=tuple(args.missing), supersedes=args.supersedes,
                  review_body=args.review_body, cc=tuple(args.cc), appendix=not args.no_appendix)
    if args.draft:
        if args.sign or args.assessment is not None or args.preview_hash:
            raise UserError("--draft 只出预览稿，不能与 --sign/--assessment/--preview-hash 同用。",
                            "--draft cannot be combined with --sign/--assessment/--preview-hash.")
        pv = preview(ctx, PreviewRequest(**fields)).value
        write_atomically(args.out, pv.pdf)
        if args.json:
            print(json.dumps({"draft": True, "assessment_id": pv.assessment_id, "content_hash": pv.content_hash,
                              "submission_version": pv.submission_version, "pages": pv.pages,
                              "file": str(args.out)}, ensure_ascii=False, indent=2))
        else:
            print(f"预览稿（未编号、未归档）→ {args.out}\n第 {pv.submission_version} 版申报，评估 {pv.assessment_id}，"
                  f"内容哈希 {pv.content_hash}\n签发：reviewer opinion {args.project_code} --assessment "
                  f"{pv.assessment_id} --preview-hash {pv.content_hash} --sign …")
        return 0
    signer = None
    if args.sign:
        from reviewer.signing.signer import Pkcs12Signer  # lazy: pyHanko is heavy, only needed when signing

        key = args.key or (Path(settings.certificate_path) if settings.certificate_path else None)
        if key is None:
            raise UserError("签名需要证书：请用 --key 指定 PKCS#12 文件，或在设置中填写签名证书。",
                            "Signing needs a certificate: pass --key or set certificate_path.")
        signer = Pkcs12Signer(key, read_passphrase(args.passphrase_file, "证书口令 / passphrase: "))
    elif args.key or args.passphrase_file:
        raise UserError("指定了证书但未加 --sign。", "--key/--passphrase-file given without --sign.")
    doc = issue(ctx, IssueRequest(**fields, signer=signer, assessment_id=args.assessment,
                                  preview_hash=args.preview_hash,
                                  confirmations=Confirmations(authority=args.confirm_authority,
                                                              unverified=args.confirm_unverified))).value
    write_atomically(args.out, doc.pdf, archived=True)
    if args.json:
        print(json.dumps({"doc_number": doc.doc_number, "opinion_id": doc.opinion_id, "kind": doc.kind,
                          "sha256": doc.sha256, "pages": doc.pages, "signed": doc.signed, "signer": doc.signer,
                          "assessment_id": doc.assessment_id, "content_hash": doc.content_hash,
                          "file": str(args.out), "warnings": doc.warnings, "missing_glyphs": doc.missing_glyphs},
                         ensure_ascii=False, indent=2))
    else:
        state = f"已签名（{doc.signer}）" if doc.signed else "未签名"
        print(f"已出具 {doc.doc_number}（{doc.pages} 页，{state}）→ {args.out}\nSHA-256 {doc.sha256}")
    for w in doc.warnings:
        print(f"警告：{w}", file=sys.stderr)
    return 0


def cmd_verify(args) -> int:  # noqa: ANN001
    from reviewer.signing.verify import verify_file

    archive = None
    if not args.no_archive:
        try:
            from reviewer.archive.db import Archive

            archive = Archive()
        except UserError:
            archive = None
    if args.recompute:
        return _recompute(args, archive)
    rep = verify_file(args.file, trust=args.trust, archive=archive)
    if args.json:
        print(json.dumps(rep.to_dict(), ensure_ascii=False, indent=2))
        return rep.exit_code
    _print_report(args, rep)
    return rep.exit_code


def _print_report(args, rep) -> None:  # noqa: ANN001
    yes = lambda b: "是" if b else "否"  # noqa: E731
    print(f"文件 File: {args.file}")
    if not rep.readable:
        print("结论：无法读取。Unreadable.")
    else:
        print(f"已签名 signed: {yes(rep.signed)}")
        if rep.signed:
            print(f"完整 intact: {yes(rep.intact)}    签名有效 valid: {yes(rep.valid)}    "
                  f"受信任 trusted: {yes(rep.trusted)}    签名后未改动 unmodified: {yes(rep.unmodified)}")
            print(f"签名人 signer: {rep.signer_dn}")
            print(f"签名时间 signing time: {rep.signing_time}{'，时间戳 ' + rep.timestamp if rep.timestamp else ''}")
        print(f"文号 document number: {rep.doc_number or '—'}")
        if rep.archive_note:
            print(f"档案比对 archive: {rep.archive_note}")
        print("结论：有效。VALID." if rep.exit_code == 0 else "结论：无效或已被改动。INVALID or TAMPERED.")
    for p in rep.problems:
        print(f"  - {p}")


def _recompute(args, archive) -> int:  # noqa: ANN001
    from reviewer.usecases.receipts import RecomputeRequest, recompute

    if not args.file.exists():
        raise UserError(f"找不到文件 {args.file}。", f"File {args.file} not found.", exit_code=2)
    r = recompute(RecomputeRequest(file=args.file, trust=tuple(args.trust)), archive=archive).value
    if args.json:
        print(json.dumps(r.to_dict(), ensure_ascii=False, indent=2, default=str))
        return r.exit_code
    _print_report(args, r.verify)
    if not r.verify.readable:
        return r.exit_code
    print()
    print(f"复算 recomputation: 签发时引擎 engine at signing {r.engine_signed or '—'}，当前引擎 now {r.engine_now}")
    if r.engine_differs:
        print(f"注意：引擎版本不同（{r.engine_signed} → {r.engine_now}），仍按嵌入参数复算比对。"
              f"Engine version differs; compared anyway.")
    if r.rule_pack:
        print(f"规则包 rule pack: {r.rule_pack.get('version', '—')}  SHA-256 {r.rule_pack.get('sha256', '')}")
    if r.error:
        print(f"无法复算：{r.error}")
    else:
        for d in r.differences:
            print(f"  ≠ {d.figure}: 文书 printed {d.printed if d.printed is not None else '（无）'}"
                  f" / 复算 recomputed {d.recomputed if d.recomputed is not None else '（无）'}")
        if r.not_in_receipt:
            print("  复算读取了收据中没有的参数 parameters read that the receipt lacks: " + "、".join(r.not_in_receipt))
        if r.differences:
            print(f"{r.total - len([d for d in r.differences if d.printed is not None])}/{r.total} 项数字复算一致，"
                  f"{len(r.differences)} 项不一致。{len(r.differences)} figures differ.")
        else:
            print(f"{r.reproduced}/{r.total} 项数字已复算一致。{r.reproduced}/{r.total} figures reproduced.")
    print("结论：已复算一致。REPRODUCED." if r.exit_code == 0 else "结论：不一致或已被改动。DIFFERENT or TAMPERED.")
    return r.exit_code
