"""``reviewer gui [--archive URL] [--demo]``: start the workbench.

Without a display (no ``DISPLAY``/``WAYLAND_DISPLAY`` and no ``QT_QPA_PLATFORM``) Qt would abort the process; we
check first and explain how to work headless instead, exiting non-zero. PySide6 is imported only after the check
(lazily, so ``reviewer --help`` and every other command start without Qt). Listed in
``reviewer.cli.COMMAND_MODULES`` by name: the command line never imports the workbench package.
"""

from __future__ import annotations

import os
import sys

EXIT_NO_DISPLAY = 3

HEADLESS_HELP = (
    "没有可用的图形显示（未设置 DISPLAY / WAYLAND_DISPLAY），无法打开审查工作台窗口。\n"
    "无界面时可以：\n"
    "  · 使用命令行：reviewer assess 文件.json、reviewer archive list、reviewer opinion 项目代码 --out 意见.pdf 等"
    "（reviewer --help 查看全部命令）；\n"
    "  · 在虚拟显示中运行窗口：xvfb-run -a reviewer gui；\n"
    "  · 或离屏运行（不显示窗口，供截图与测试）：QT_QPA_PLATFORM=offscreen reviewer gui。\n"
    "No graphical display is available (DISPLAY / WAYLAND_DISPLAY are not set), so the workbench window cannot open.\n"
    "To work headless: use the command line (reviewer --help), run the window in a virtual display with\n"
    "`xvfb-run -a reviewer gui`, or run it offscreen with `QT_QPA_PLATFORM=offscreen reviewer gui`."
)


def has_display(env: dict[str, str] | None = None) -> bool:
    env = os.environ if env is None else env
    if env.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform in ("win32", "darwin"):
        return True
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))


def register(sub) -> None:  # noqa: ANN001
    p = sub.add_parser("gui", help="打开审查工作台窗口 / open the reviewer workbench window")
    p.add_argument("--archive", metavar="URL", help="档案库地址（默认本机 SQLite）/ archive database URL")
    p.add_argument("--demo", action="store_true", help="档案库为空时载入演示项目 / seed demo projects into an empty archive")
    p.set_defaults(func=run)


def run(args) -> int:  # noqa: ANN001
    if not has_display():
        print(HEADLESS_HELP, file=sys.stderr)
        return EXIT_NO_DISPLAY
    if args.demo:
        from sqlalchemy import func, select

        from reviewer.archive.db import Archive
        from reviewer.archive.models import Project
        from reviewer.demo import build_world

        archive = Archive(args.archive)
        with archive.read() as s:
            empty = not s.scalar(select(func.count()).select_from(Project))
        if empty:
            build_world(archive)
        archive.dispose()
    from reviewer.ui.app import run as run_app

    return run_app(args.archive)
