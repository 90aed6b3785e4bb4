"""``reviewer template``, ``reviewer import``, ``reviewer export``: the applicant workbook at the command line."""

from __future__ import annotations

import json
import os
import sys
import unicodedata
from pathlib import Path

from reviewer.errors import UserError


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("template", help="生成申报数据 Excel 模板 / write the applicant Excel template")
    p.add_argument("out", type=Path, help="输出文件 OUT.xlsx / output workbook")
    p.set_defaults(func=cmd_template)

    p = sub.add_parser("import", help="批量导入申报工作簿或 JSON / batch-import workbooks or JSON submissions")
    p.add_argument("paths", type=Path, nargs="+", metavar="PATH", help="文件或文件夹 / files or folders")
    p.add_argument("--json", action="store_true", help="输出 JSON / JSON output")
    p.add_argument("--annotate", type=Path, metavar="DIR",
                   help="把被拒绝工作簿的标注版写入该文件夹 / write annotated copies of rejected workbooks here")
    p.add_argument("--actor", default=os.environ.get("USER") or "reviewer", help="审计记录中的操作人 / actor for the audit log")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="导出档案库中的申报数据 / export an archived submission")
    p.add_argument("code", metavar="PROJECT_CODE", help="项目代码 / project code")
    p.add_argument("out", type=Path, help="OUT.xlsx 或 OUT.json")
    p.add_argument("--version", type=int, help="申报版本（默认最新）/ submission version (default latest)")
    p.set_defaults(func=cmd_export)


def _atomic_write(out: Path, write) -> None:  # noqa: ANN001
    """Write via a temporary file beside ``out`` and rename, so a failure never leaves half a file."""
    if out.is_dir():
        raise UserError(f"输出路径是文件夹：{out}", f"Output path is a folder: {out}")
    tmp = out.with_name(f".{out.name}.part")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        write(tmp)
        tmp.replace(out)
    except PermissionError:
        raise UserError(f"没有权限写入 {out}（如文件正在 Excel 中打开，请先关闭）。",
                        f"No permission to write {out} (close it in Excel if open).") from None
    except OSError as exc:
        raise UserError(f"无法写入 {out}：{exc.strerror}", f"Cannot write {out}: {exc.strerror}") from None
    finally:
        if tmp.exists():
            tmp.unlink(missing_ok=True)


def _require_suffix(out: Path, allowed: tuple[str, ...]) -> str:
    suffix = out.suffix.lower()
    if suffix not in allowed:
        raise UserError(f"输出文件扩展名应为 {' 或 '.join(allowed)}：{out.name}",
                        f"Output file must end with {' or '.join(allowed)}: {out.name}")
    return suffix


def cmd_template(args) -> int:  # noqa: ANN001
    from reviewer.intake.template import write_workbook

    _require_suffix(args.out, (".xlsx",))
    _atomic_write(args.out, lambda p: write_workbook(p))
    print(f"已生成申报模板 / template written: {args.out}", file=sys.stderr)
    return 0


def cmd_export(args) -> int:  # noqa: ANN001
    from reviewer.archive.db import Archive
    from reviewer.services import load_submission
    from reviewer.submission.parse import dumps, submission_to_data

    suffix = _require_suffix(args.out, (".xlsx", ".json"))
    archive = Archive()
    try:
        with archive.read() as s:
            _project, row, sub = load_submission(s, args.code, args.version)
            version = row.version
    finally:
        archive.dispose()
    if suffix == ".json":
        text = dumps(submission_to_data(sub)) + "\n"
        _atomic_write(args.out, lambda p: p.write_text(text, encoding="utf-8"))
    else:
        from reviewer.intake.template import write_workbook

        _atomic_write(args.out, lambda p: write_workbook(p, sub))
    print(f"已导出 {args.code} 第 {version} 版 / exported version {version}: {args.out}", file=sys.stderr)
    return 0


# -- import -------------------------------------------------------------------------------------------------------

def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    if _width(text) > width:
        while text and _width(text + "…") > width:
            text = text[:-1]
        text += "…"
    return text + " " * (width - _width(text))


class _Bar:
    """A one-line progress bar with counts, on stderr, only when stderr is a terminal."""

    def __init__(self, lang: str):
        self.enabled = sys.stderr.isatty()
        self.lang = lang
        self.counts = {"ok": 0, "rejected": 0}

    def result(self, r) -> None:  # noqa: ANN001
        self.counts["ok" if r.ok else "rejected"] += 1

    def __call__(self, done: int, total: int, name: str) -> None:
        if not self.enabled:
            return
        width = 24
        filled = int(width * done / total) if total else width
        ok, bad = self.counts["ok"], self.counts["rejected"]
        label = (f"成功 {ok} 拒绝 {bad}" if self.lang == "zh" else f"ok {ok} rejected {bad}")
        line = f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}  {label}  {_pad(name, 30)}"
        sys.stderr.write(line)
        sys.stderr.flush()
        if done == total and not name:
            sys.stderr.write("\n")


def _log_to_file() -> None:
    """Per-file internal errors are logged with their traceback to the user's log file, never to the terminal."""
    import logging

    from reviewer.cli import _log_path

    logger = logging.getLogger("reviewer")
    if not any(isinstance(h, logging.FileHandler) for h in logger.handlers):
        try:
            handler = logging.FileHandler(_log_path(), encoding="utf-8")
        except OSError:
            return
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
        handler.setLevel(logging.ERROR)
        logger.addHandler(handler)


def cmd_import(args) -> int:  # noqa: ANN001
    from reviewer.intake.worker import ReaderPool

    # The reader processes boot (≈0.3 s each) while this process imports the database layer and opens the archive.
    with ReaderPool.for_paths(args.paths) as readers:
        from reviewer.archive.db import Archive
        from reviewer.intake.batch import import_paths
        from reviewer.settings import Settings
        from reviewer.usecases.submissions import assess_defaults

        try:
            settings = Settings.load()  # read once here: the same defaults as the wizard's
        except UserError:
            settings = Settings()
        choices, regime = assess_defaults(settings)
        _log_to_file()
        bar = _Bar(args.lang)
        archive = Archive()
        try:
            results = import_paths(archive, args.paths, progress=bar, annotate_dir=args.annotate, actor=args.actor,
                                   on_result=bar.result, lang=args.lang, choices=choices, regime_date=regime,
                                   readers=readers)
        finally:
            archive.dispose()
    from reviewer.intake.batch import STATUS_EN, STATUS_ZH, summary_counts

    lang = args.lang
    counts = summary_counts(results)
    failed = counts["rejected"] + counts["failed"] + counts["cancelled"]
    if args.json:
        print(json.dumps({"ok": failed == 0, "counts": counts, "results": [r.to_dict() for r in results]},
                         ensure_ascii=False, indent=2))
        return 2 if failed else 0
    names = STATUS_ZH if lang == "zh" else STATUS_EN
    head = ("文件", "结果", "项目代码", "版本", "错误", "警告") if lang == "zh" else (
        "File", "Result", "Project code", "Ver.", "Errors", "Warnings")
    file_w = max([_width(head[0])] + [min(_width(r.path.name), 40) for r in results])
    widths = (file_w, 16, 26, 5, 6, 8)
    print("  ".join(_pad(h, w) for h, w in zip(head, widths)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in results:
        errs = len(r.errors)
        warns = len(r.problems) - errs
        cells = (r.path.name, names[r.status], r.project_code or "", f"v{r.version}" if r.version else "", str(errs),
                 str(warns))
        print("  ".join(_pad(c, w) for c, w in zip(cells, widths)).rstrip())
    for r in results:
        if r.problems:
            shown = r.problems if r.status in ("rejected", "failed") else [p for p in r.problems if p.severity == "warning"]
            if not shown:
                continue
            print()
            print(f"{r.path}  [{names[r.status]}]")
            for p in shown:
                extra = []
                if p.expected:
                    extra.append(("应为 " if lang == "zh" else "expected ") + p.expected)
                if p.found:
                    extra.append(("实为 " if lang == "zh" else "found ") + p.found)
                print("  " + p.text(lang) + (f"（{'；'.join(extra)}）" if extra and lang == "zh" else
                                             f" ({'; '.join(extra)})" if extra else ""))
            if r.annotated:
                print(("  标注版：" if lang == "zh" else "  annotated copy: ") + str(r.annotated))
    print()
    if lang == "zh":
        print(f"共 {len(results)} 个文件：已导入 {counts['imported']}，新版本 {counts['new_version']}，"
              f"重复 {counts['duplicate']}，已拒绝 {counts['rejected']}，失败 {counts['failed']}。")
    else:
        print(f"{len(results)} file(s): imported {counts['imported']}, new version {counts['new_version']}, "
              f"duplicate {counts['duplicate']}, rejected {counts['rejected']}, failed {counts['failed']}.")
    return 2 if failed else 0
