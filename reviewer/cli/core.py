"""``reviewer schema``, ``reviewer assess``, ``reviewer demo``."""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path

from reviewer.errors import UserError, ValidationFailed


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("schema", help="打印申报数据的 JSON Schema / print the submission JSON Schema")
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("assess", help="校验并评估申报数据 / validate and assess a submission")
    p.add_argument("file", type=Path, help="JSON 申报文件 / JSON submission")
    p.add_argument("--json", action="store_true", help="输出 JSON / JSON output")
    p.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                   help="假设分析：覆盖参数（不修改基准参数）/ what-if parameter override")
    p.add_argument("--date", help="按该日期适用的规则评估（YYYY-MM-DD）/ regime date")
    p.add_argument("--decision-date", help="审查决定日期（法律依据与程序按此日期；实体性判定按过渡规则）/ decision date")
    p.add_argument("--choice", action="append", default=[], metavar="KEY=VALUE",
                   help="核算口径选择（记录为审查人员选择）：electricity_basis / heat_basis / fuel_factor_set / "
                        "green_power_at_zero / feedstock_excluded / reviewer's carbon-accounting choice")
    p.add_argument("--explain", action="store_true", help="打印计算过程 / print the explanation trace")
    p.add_argument("--balance-csv", type=Path, metavar="OUT.csv",
                   help="导出能流图边表（能源平衡）/ write the energy-flow edge list as CSV")
    p.set_defaults(func=cmd_assess)

    p = sub.add_parser("demo", help="向档案库写入演示项目 / seed the archive with demo projects")
    p.add_argument("--projects-only", action="store_true",
                   help="只写入四个演示申报，不出具文书、不建台账 / only the four demo submissions, no documents or ledger")
    p.set_defaults(func=cmd_demo)


def cmd_schema(args) -> int:  # noqa: ANN001
    from reviewer.submission.schema import json_schema

    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return 0


def parse_overrides(items: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise UserError(f"--set 参数格式应为 KEY=VALUE：{item!r}", f"--set expects KEY=VALUE: {item!r}")
        out[key.strip()] = value.strip()
    return out


def parse_date(text: str | None) -> date | None:
    if text is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise UserError(f"日期格式应为 YYYY-MM-DD：{text!r}", f"Date must be YYYY-MM-DD: {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"无效日期：{text!r}", f"Invalid date: {text!r}") from None


def archive_context(*, create: bool = False):  # noqa: ANN201
    """The use-case context of a command: settings read once here; ``None`` when there is no archive yet and
    ``create`` is False (a read-only command such as ``assess`` must not create one)."""
    from reviewer.archive.db import Archive
    from reviewer.paths import default_database_url
    from reviewer.settings import Settings
    from reviewer.usecases.base import Context

    url = default_database_url()
    if not create and url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return None
    try:
        settings = Settings.load()
    except UserError:
        settings = Settings()
    return Context(archive=Archive(url), settings=settings)


def cmd_assess(args) -> int:  # noqa: ANN001
    from reviewer.submission.parse import dumps, load_json
    from reviewer.usecases.submissions import AssessRequest, assess_submission

    try:
        sub = load_json(args.file)
    except ValidationFailed as exc:
        if args.json:
            print(json.dumps({"ok": False, "problems": [p.to_dict() for p in exc.problems]}, ensure_ascii=False, indent=2))
            return 2
        raise
    result = assess_submission(archive_context(), AssessRequest(
        submission=sub, on=parse_date(args.date), overrides=parse_overrides(args.set),
        decision_date=parse_date(getattr(args, "decision_date", None)),
        choices=parse_overrides(getattr(args, "choice", [])) or None)).value
    if getattr(args, "balance_csv", None):
        _write_balance(result, args.balance_csv)
    if args.json:
        print(dumps({"ok": True, **result.to_dict()}))
        return 0
    e = result.energy
    print(f"项目 {sub.project.code} {sub.project.name}")
    print(f"适用日期 regime date: {result.regime_date.isoformat()}")
    print(f"年综合能源消费量（当量值）: {e.equivalent_tce} tce")
    print(f"年综合能源消费量（等价值）: {e.equal_value_tce} tce")
    for name, section in result.sections.items():
        if isinstance(section, dict) and section.get("summary"):
            print(section["summary"])
    for ln in e.excluded:
        print(f"不计入: {ln.carrier} {ln.quantity} {ln.unit}（{ln.excluded_reason}）")
    for f in result.findings:
        print(f"[{f.effective_status}] {f.id} {f.message_zh}")
    if result.overrides:
        print("参数覆盖 overrides: " + ", ".join(f"{k}={v}" for k, v in result.overrides.items()))
    if result.choices:
        print("核算口径选择 choices: " + ", ".join(f"{k}={v}" for k, v in result.choices.items()))
    unverified = [p for p in result.parameter_snapshot().values() if not p["verified"]]
    if unverified:
        print(f"注意：本次评估使用未核实参数 {len(unverified)} 项（--explain 显示来源；docs/rules.md 列出全部参数）。"
              f" {len(unverified)} unverified parameters were used.")
    if result.date_source == "override" and result.regime_date != sub.project.application_date:
        print(f"按 --date {result.regime_date.isoformat()} 适用的规则评估（非申请日期）。")
    if args.explain:
        print()
        print(result.trace.to_text())
    return 0


def _write_balance(result, out: Path) -> None:  # noqa: ANN001
    from reviewer.fileio import write_atomically
    from reviewer.rules.balance import edges_csv, energy_balance

    balance = energy_balance(json.loads(json.dumps(result.to_dict(), default=str)))
    if balance is None:
        raise UserError("该申报没有能源消费数据，无法生成能源平衡。", "No energy items: no balance to export.")
    write_atomically(out, ("\ufeff" + edges_csv(balance)).encode("utf-8"))  # BOM: Excel opens it as UTF-8
    print(f"能流图边表已写入 {out}（{len(balance.edges)} 条）。Energy-flow edges written.", file=sys.stderr)


def cmd_demo(args) -> int:  # noqa: ANN001
    from reviewer.demo import DEMO_PASSPHRASE, build_world

    rep = build_world(world=not args.projects_only)
    for r in rep.stored:
        print(f"{r.project_code}  {r.status}  v{r.version}")
    for d in rep.documents:
        print(f"  {d}")
    for n in rep.notes:
        print(n)
    print(f"演示项目已写入档案库（{len(rep.stored)} 个）；演示文书以演示证书签名（口令 {DEMO_PASSPHRASE}，仅供演示）。"
          f"Demo world seeded; documents signed with the DEMO certificate.", file=sys.stderr)
    return 0
