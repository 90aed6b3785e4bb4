"""What a reader process of a batch import runs: read, validate, assess, pack — no archive, no SQLAlchemy.

A batch import (:func:`reviewer.intake.batch.import_paths`) starts its reader processes with ``spawn``; each one
imports this module and what it needs (the reader, the rule engine, :mod:`reviewer.archive.stored`) and nothing of
the database layer, so a reader starts in about half the time (bench/results/speed.md, issue 15).
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from reviewer.archive.stored import BUILTIN_PARAMETERS, prepare
from reviewer.errors import UserError
from reviewer.intake.layout import intake_config
from reviewer.intake.reader import ReadResult, read_path


def _skip(rel: Path) -> bool:
    """Hidden files or folders and Office lock files (~$name.xlsx) are not submissions."""
    return any(part.startswith((".", "~$")) for part in rel.parts)


def list_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """(files named and files found under folders — recursively, sorted, each once —, paths that do not exist)."""
    files: list[Path] = []
    missing: list[Path] = []
    seen: set[Path] = set()
    for p in paths:
        p = Path(p)
        if p.is_dir():
            found = sorted(x for x in p.rglob("*") if x.is_file() and not _skip(x.relative_to(p)))
        elif p.is_file():
            found = [p]
        else:
            missing.append(p)
            continue
        for f in found:
            key = f.resolve()
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files, missing


def reader_count(n_files: int, workers: int | None = None) -> int:
    """Reader processes for a batch of ``n_files`` (``forms/intake.toml`` [performance]; ``workers`` given: that
    many, at most the machine's cores when taken from the file); 0 = read in the caller's process."""
    cfg = intake_config().get("performance", {})
    if workers is None:
        workers = min(int(cfg.get("max_workers", 1)), os.cpu_count() or 1)
    if workers <= 1 or n_files < int(cfg.get("parallel_min_files", 1 << 30)):
        return 0
    return workers


class ReaderPool:
    """Reader processes, started as early as the caller can (the CLI starts them before it imports the database
    layer, so they boot while it does: issue 15, end-to-end import). ``spawn``, never ``fork``: the caller may be the
    Qt application or hold open database connections. Leaving the ``with`` block (end, cancel, error) terminates
    them. With 0 processes it is empty and the caller reads in its own process."""

    def __init__(self, processes: int):
        self.processes = processes
        self._pool = multiprocessing.get_context("spawn").Pool(processes) if processes > 0 else None

    @classmethod
    def for_paths(cls, paths: Iterable[Path], workers: int | None = None) -> "ReaderPool":
        files, _missing = list_files(paths)
        return cls(reader_count(len(files), workers))

    def __bool__(self) -> bool:
        return self._pool is not None

    def imap(self, unit: Callable[[str], tuple], items: list[str]) -> Iterator[tuple]:
        assert self._pool is not None
        return self._pool.imap(unit, items, chunksize=4)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def __enter__(self) -> "ReaderPool":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_and_prepare(path_text: str, budget_rows: tuple = (), choices: dict[str, Any] | None = None,
                     regime_date: date | None = None, params_key: tuple = BUILTIN_PARAMETERS,
                     ) -> tuple[str, ReadResult | None, str | None]:
    """A reader process's unit: read and validate, then (pure, no archive) assess and pack the result, so the one
    writer only inserts rows (:func:`reviewer.archive.stored.prepare`). An assessment the engine refuses is left to
    the writer, which reports it as R-ASSESS."""
    name, rr, err = read_path(path_text)
    # Only under the built-in parameters: an imported pack or office verifications live in the archive, which a
    # reader process does not open (the writer then assesses, as for a single-process import).
    if rr is not None and rr.submission is not None and not rr.errors and params_key == BUILTIN_PARAMETERS:
        try:
            pr = prepare(rr.submission, budget_rows=budget_rows, choices=choices, regime_date=regime_date)
        except UserError:
            pr = None
        if pr is not None and pr.snapshot_digest in _SENT:
            # the pool row (≈25 KB) went with this process's first result: the writer keeps it by its digest
            pr = dataclasses.replace(pr, snapshot_blob=b"")
        elif pr is not None:
            _SENT.add(pr.snapshot_digest)
        rr.prepared = pr
    return name, rr, err


_SENT: set[str] = set()  # digests of the parameter pools whose blob this process has sent with a result
