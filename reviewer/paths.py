"""Where the product's data lives.

Top-level data folders (``rules/``, ``forms/``, ``report_templates/``, ``resources/``) sit beside the package in a
source checkout and are copied to ``reviewer/_data/`` inside a wheel and inside the PyInstaller bundle
(``sys._MEIPASS/reviewer/_data``, see ``packaging/reviewer.spec``); :func:`data_dir` finds each.
The user's own data (archive, keys, settings) lives under ``REVIEWER_HOME`` or the platform data directory.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """Return the built-in data folder ``name`` (``rules``, ``forms``, ``report_templates``, ``resources``)."""
    candidates = [_PACKAGE / "_data" / name, _PACKAGE.parent / name]
    frozen = getattr(sys, "_MEIPASS", None)  # set by PyInstaller's bootloader in the bundle
    if frozen:
        candidates.insert(0, Path(frozen) / "reviewer" / "_data" / name)
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"built-in data folder {name!r} is missing from the installation")


def home() -> Path:
    """The user's data directory: ``$REVIEWER_HOME`` or the platform's per-user data directory."""
    env = os.environ.get("REVIEWER_HOME")
    if env:
        path = Path(env).expanduser()
    else:
        from platformdirs import user_data_path

        path = user_data_path("reviewer", appauthor=False)
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def default_database_url() -> str:
    """``$REVIEWER_DATABASE_URL`` or a SQLite file ``archive.sqlite3`` in :func:`home`."""
    url = os.environ.get("REVIEWER_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{home() / 'archive.sqlite3'}"


def manual_path() -> Path | None:
    """The user manual ``docs/manual.md`` (source checkout) or its copy in the wheel/bundle data; ``None`` if absent."""
    for candidate in (_PACKAGE.parent / "docs" / "manual.md",):
        if candidate.is_file():
            return candidate
    try:
        p = data_dir("docs") / "manual.md"
    except FileNotFoundError:
        return None
    return p if p.is_file() else None
