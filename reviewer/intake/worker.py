"""What a reader process of a batch import runs: read, validate, assess, pack — no archive, no SQLAlchemy.

A batch import (:func:`reviewer.intake.batch.import_paths`) starts its reader processes with ``spawn``; each one
imports this module and what it needs (the reader, the rule engine, :mod:`reviewer.archive.stored`) and nothing of
the database layer, so a reader starts in about half the time (bench/results/speed.md, issue 15).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reviewer.archive.stored import BUILTIN_PARAMETERS, prepare
from reviewer.errors import UserError
from reviewer.intake.reader import ReadResult, read_path


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
            rr.prepared = prepare(rr.submission, budget_rows=budget_rows, choices=choices, regime_date=regime_date)
        except UserError:
            rr.prepared = None
    return name, rr, err
