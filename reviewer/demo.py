"""Demo projects shipped in ``resources/demo/`` for a first run and for screenshots."""

from __future__ import annotations

from reviewer.archive.db import Archive
from reviewer.paths import data_dir
from reviewer.services import StoreResult, store_submission
from reviewer.submission.parse import load_json


def demo_files():
    return sorted((data_dir("resources") / "demo").glob("*.json"))


def seed_demo(archive: Archive | None = None) -> list[StoreResult]:
    archive = archive or Archive()
    out = []
    for path in demo_files():
        sub = load_json(path)
        out.append(archive.run_write(lambda s, sub=sub, path=path: store_submission(
            s, sub, source_name=path.name, source_format="json", actor="demo")))
    return out
