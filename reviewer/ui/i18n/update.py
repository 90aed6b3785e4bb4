"""Refresh the workbench translations: ``python -m reviewer.ui.i18n.update``.

Runs ``pyside6-lupdate`` over every module of ``reviewer/ui`` (existing translations are kept; new strings appear
as unfinished for Qt Linguist), then ``pyside6-lrelease`` to build the ``.qm`` files the app loads. Source strings
are English; ``reviewer_zh_CN.ts`` carries the Chinese (the default language); ``reviewer_en.ts`` is kept in step
so English can be polished without touching code. A test fails while any Chinese translation is unfinished.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
UI = HERE.parent
LANGS = ("zh_CN", "en")


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    return str(exe) if exe.exists() else (shutil.which(name) or name)


def sources() -> list[str]:
    """Every module of ``reviewer/ui``: one translation route for every widget (issue 11 §7)."""
    return sorted(str(p) for p in UI.rglob("*.py") if "i18n" not in p.parts)


def main() -> int:
    for lang in LANGS:
        ts = HERE / f"reviewer_{lang}.ts"
        subprocess.run([_tool("pyside6-lupdate"), "-no-obsolete", "-source-language", "en", "-target-language", lang,
                        *sources(), "-ts", str(ts)], check=True)
        subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
