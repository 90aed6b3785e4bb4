"""Command line: ``reviewer <command>``. All commands are headless.

Each command group lives in its own module exposing ``register(subparsers)``; :data:`COMMAND_MODULES` lists them.
Users never see a traceback: a :class:`~reviewer.errors.UserError` prints its Chinese-first message and exits with
its code; anything unexpected is written to the log file and reported in one plain sentence (exit 70).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
import traceback

from reviewer import __version__
from reviewer.errors import UserError

COMMAND_MODULES = [
    "reviewer.cli.core",
    "reviewer.cli.archive_cmd",
    "reviewer.cli.opinion_cmd",
    "reviewer.cli.intake_cmd",
    "reviewer.cli.keys_cmd",
    "reviewer.cli.ledger_cmd",
    "reviewer.cli.rules_cmd",
    "reviewer.cli.case_cmd",
    "reviewer.ui.gui_cmd",  # the workbench's own command: imports Qt only when run (layers: cli never imports ui)
]

EXIT_INTERNAL = 70


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer",
        description="节能审查与碳排放评价审查工作台 — energy review and carbon evaluation workbench",
    )
    parser.add_argument("--version", action="version", version=f"reviewer {__version__}")
    parser.add_argument("--lang", choices=["zh", "en"], default="zh", help="消息语言 / message language")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # command group not present in this build
                continue
            raise
        module.register(sub)
    return parser


def _log_path():
    from reviewer.paths import home

    logs = home() / "logs"
    logs.mkdir(exist_ok=True, mode=0o700)
    return logs / "reviewer.log"


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        for p in exc.problems:
            print("  " + p.text(args.lang), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("已取消。Cancelled.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception:  # noqa: BLE001 — last line of defence: log, never show a traceback
        try:
            path = _log_path()
            logging.basicConfig(filename=path, level=logging.ERROR)
            logging.getLogger("reviewer").error("unexpected error\n%s", traceback.format_exc())
            where = f"，详情已写入日志 {path}"
            where_en = f"; details in {path}"
        except Exception:  # noqa: BLE001
            where = where_en = ""
        print(f"程序内部错误，操作未完成{where}。\nInternal error, the operation did not complete{where_en}.",
              file=sys.stderr)
        return EXIT_INTERNAL
