"""``reviewer keys init-authority|issue|import|list`` — signing identities (see reviewer/signing/identities.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from reviewer.errors import UserError


def read_passphrase(file: Path | None, prompt: str, *, confirm: bool = False) -> bytes:
    """Passphrase from ``file`` (first line, trailing newline removed) or an interactive prompt (never echoed)."""
    if file is not None:
        try:
            text = Path(file).read_text(encoding="utf-8")
        except OSError as exc:
            raise UserError(f"无法读取口令文件 {file}：{exc.strerror}", f"Cannot read passphrase file {file}.") from None
        pw = text.splitlines()[0] if text else ""
    else:
        if not sys.stdin.isatty():
            raise UserError("没有终端可输入口令，请使用 --passphrase-file 指定口令文件。",
                            "No terminal to ask for the passphrase; use --passphrase-file.")
        import getpass

        pw = getpass.getpass(prompt)
        if confirm and getpass.getpass("再次输入 / repeat: ") != pw:
            raise UserError("两次输入的口令不一致。", "The passphrases do not match.")
    if not pw:
        raise UserError("口令不能为空。", "The passphrase must not be empty.")
    return pw.encode("utf-8")


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("keys", help="签名证书 / signing identities")
    ks = p.add_subparsers(dest="keys_command", metavar="ACTION", required=True)
    q = ks.add_parser("init-authority", help="创建本机审查机关证书颁发机构 / create the commission's local CA")
    q.add_argument("--commission", help="发文机关名称（默认取设置）/ issuing authority (default: settings)")
    q.add_argument("--passphrase-file", type=Path, help="CA 私钥口令文件 / file holding the CA passphrase")
    q.add_argument("--force", action="store_true", help="替换已有的 CA / replace an existing CA")
    q.set_defaults(func=cmd_init)
    q = ks.add_parser("issue", help="为审查人员签发签名证书 / issue a reviewer certificate")
    q.add_argument("name", help="审查人员姓名 / reviewer name")
    q.add_argument("--ca-passphrase-file", type=Path, help="CA 私钥口令文件 / CA passphrase file")
    q.add_argument("--passphrase-file", type=Path, help="新证书的口令文件 / passphrase for the new PKCS#12")
    q.add_argument("--out", type=Path, help="输出 PKCS#12 文件（默认 keys/姓名.p12）/ output file")
    q.set_defaults(func=cmd_issue)
    q = ks.add_parser("import", help="导入外部 PKCS#12 证书 / import an external PKCS#12")
    q.add_argument("file", type=Path)
    q.add_argument("--passphrase-file", type=Path)
    q.set_defaults(func=cmd_import)
    q = ks.add_parser("list", help="列出证书 / list certificates")
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)


def cmd_init(args) -> int:  # noqa: ANN001
    from reviewer.settings import Settings
    from reviewer.signing.identities import init_authority

    commission = args.commission or Settings.load().commission_name
    pw = read_passphrase(args.passphrase_file, "CA 私钥口令 / CA passphrase: ", confirm=True)
    path = init_authority(commission, pw, force=args.force)
    print(f"已创建审查机关证书颁发机构：{path}（公钥证书 {path.with_suffix('.crt')}）\nLocal CA created: {path}")
    return 0


def cmd_issue(args) -> int:  # noqa: ANN001
    from reviewer.signing.identities import issue

    ca_pw = read_passphrase(args.ca_passphrase_file, "CA 私钥口令 / CA passphrase: ")
    pw = read_passphrase(args.passphrase_file, f"{args.name} 的证书口令 / new passphrase: ", confirm=True)
    path = issue(args.name, ca_pw, pw, out=args.out)
    print(f"已签发 {args.name} 的签名证书：{path}\nCertificate issued: {path}")
    return 0


def cmd_import(args) -> int:  # noqa: ANN001
    from reviewer.signing.identities import import_p12

    pw = read_passphrase(args.passphrase_file, "证书口令 / passphrase: ")
    path = import_p12(args.file, pw)
    print(f"已导入：{path}\nImported: {path}")
    return 0


def cmd_list(args) -> int:  # noqa: ANN001
    from dataclasses import asdict

    from reviewer.signing.identities import list_identities

    rows = list_identities()
    if args.json:
        print(json.dumps([asdict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("尚无签名证书。运行 reviewer keys init-authority 创建。No certificates yet.")
    for r in rows:
        mark = "本机CA签发" if r.local_ca else "外部"
        print(f"{r.file:<28} {r.not_after}  [{mark}]  {r.subject}")
    return 0
