"""The rule pack as a versioned release: the files under ``rules/``, a version, a changelog and a content hash.

A pack is a mapping ``relative path → bytes`` (``parameters/energy/coefficients.toml``, ``carriers.toml``,
``VERSION``, ``CHANGELOG.md`` …). Its content hash is the SHA-256 of the sorted list of ``path NUL sha256(file)``
lines, so it does not depend on file times or zip layout. The built-in pack is the ``rules/`` directory of this
installation; an imported pack (``reviewer rules import``) is stored in the archive and becomes the active one.
Every assessment records the version and hash of the pack it ran under (its execution receipt, issue 17).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Mapping

from reviewer.paths import data_dir

PACK_SUFFIXES = (".toml", ".md")
VERSION_FILE = "VERSION"
CHANGELOG_FILE = "CHANGELOG.md"
PARAMETERS_DIR = "parameters/"


@dataclass(frozen=True)
class PackInfo:
    """Which rule pack a parameter store was loaded from."""

    version: str
    sha256: str
    origin: str = "built-in"  # built-in | imported

    def to_dict(self) -> dict[str, str]:
        return {"version": self.version, "sha256": self.sha256, "origin": self.origin}


def read_tree(root: Path) -> dict[str, bytes]:
    """Every pack file under ``root`` (TOML, Markdown and ``VERSION``), keyed by POSIX relative path."""
    files: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and (path.suffix in PACK_SUFFIXES or path.name == VERSION_FILE):
            files[path.relative_to(root).as_posix()] = path.read_bytes()
    return files


def content_hash(files: Mapping[str, bytes]) -> str:
    lines = "".join(f"{p}\0{hashlib.sha256(files[p]).hexdigest()}\n" for p in sorted(files))
    return hashlib.sha256(lines.encode()).hexdigest()


def version_of(files: Mapping[str, bytes]) -> str:
    raw = files.get(VERSION_FILE, b"").decode("utf-8", "replace").strip()
    return raw or "unversioned"


def info_of(files: Mapping[str, bytes], origin: str) -> PackInfo:
    return PackInfo(version=version_of(files), sha256=content_hash(files), origin=origin)


@cache
def builtin_files() -> dict[str, bytes]:
    return read_tree(data_dir("rules"))


@cache
def builtin_info() -> PackInfo:
    return info_of(builtin_files(), "built-in")


def parameter_files(files: Mapping[str, bytes]) -> dict[str, bytes]:
    """The ``parameters/**.toml`` part of a pack, keyed by path below ``parameters/``."""
    return {p[len(PARAMETERS_DIR):]: b for p, b in files.items() if p.startswith(PARAMETERS_DIR) and p.endswith(".toml")}
