"""Batch import of applicant files (workbooks, or JSON submissions) into the archive — the CLI's and the UI's one path.

* Files of 项目代码 not yet archived are written in runs (``services.store_new_projects``: up to
  ``write_batch_max`` files per transaction, one multi-row INSERT per table, the audit chain worked out for the run);
  a file of a known 项目代码 in its own transaction (``services.store_submission``). Each file's submission,
  assessment and audit event are written together or not at all: a crash or a kill leaves every file either fully
  imported or absent (a run being written is rolled back whole; a rerun imports it). A run whose transaction fails
  is written again file by file, so a bad file never stops the others.
* Re-importing the same content is idempotent (``duplicate``); changed content for a known 项目代码 becomes a new
  submission version (``new_version``), never an overwrite.
* Within one batch, two files that carry the same 项目代码 with different content are a conflict: the later file is
  rejected (which one is right is the applicant's call, not the importer's). In the archive, a 项目代码 already
  held by a different 统一社会信用代码 is rejected too.
* Never touches Qt: :func:`import_paths` takes a ``progress`` callback and a ``cancel`` event, so the UI can run it
  on a worker thread.
"""

from __future__ import annotations

import dataclasses
import logging
import functools
import threading
import traceback
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.archive.db import Archive
from reviewer.archive.models import Project, Submission as SubmissionRow
from reviewer.domain import model as m
from reviewer.errors import Problem, UserError
from reviewer.intake.layout import intake_config, limit
from reviewer.intake.reader import ReadResult, read_path, sort_problems
from reviewer.intake.worker import ReaderPool, list_files, read_and_prepare, reader_count
from reviewer.services import (NewItem, active_parameters_key, canonical_data, content_hash, district_budget_rows,
                               store_new_projects, store_submission)

log = logging.getLogger("reviewer.intake")
log.addHandler(logging.NullHandler())  # never Python's last-resort stderr handler: callers choose where logs go

STATUS_ZH = {"imported": "已导入", "new_version": "新版本", "duplicate": "重复（未变化）", "rejected": "已拒绝",
             "failed": "失败", "cancelled": "已取消"}
STATUS_EN = {"imported": "imported", "new_version": "new version", "duplicate": "unchanged duplicate",
             "rejected": "rejected", "failed": "failed", "cancelled": "cancelled"}

Progress = Callable[[int, int, str], None]


@dataclass
class FileResult:
    """What happened to one file of a batch."""

    path: Path
    status: str  # imported | new_version | duplicate | rejected | failed | cancelled
    problems: list[Problem] = field(default_factory=list)
    project_code: str | None = None
    version: int | None = None
    submission_id: int | None = None
    sha256: str | None = None  # of the file's bytes
    annotated: Path | None = None

    @property
    def ok(self) -> bool:
        return self.status in ("imported", "new_version", "duplicate")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": str(self.path), "status": self.status, "project_code": self.project_code,
            "version": self.version, "submission_id": self.submission_id, "sha256": self.sha256,
            "annotated": str(self.annotated) if self.annotated else None,
            "problems": [p.to_dict() for p in self.problems],
        }


class _Conflict(Exception):
    """Raised inside the write transaction to roll it back and reject the file."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message_en)
        self.problem = problem


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """Files named and files found under folders (recursively, sorted); missing paths as rejected results."""
    files, missing = list_files(paths)
    return files, [FileResult(p, "rejected", [Problem("X-NOT-FOUND", f"找不到文件或文件夹：{p}",
                                                      f"No such file or folder: {p}", file=p.name)]) for p in missing]


def _reads(files: list[Path], workers: int | None, unit: Callable[[str], tuple] = read_path,
           readers: ReaderPool | None = None) -> Iterator[tuple[str, ReadResult | None, str | None]]:
    """Read results in file order; in reader processes for larger batches (reading touches no archive): the
    caller's ``readers`` if it started them, else processes started here and ended with the batch."""
    if readers:
        yield from readers.imap(unit, [str(f) for f in files])
        return
    if readers is not None or reader_count(len(files), workers) == 0:
        for f in files:
            yield read_path(str(f))
        return
    with ReaderPool(reader_count(len(files), workers)) as own:
        yield from own.imap(unit, [str(f) for f in files])


def import_paths(archive: Archive, paths: Iterable[Path], *, progress: Progress | None = None,
                 cancel: threading.Event | None = None, annotate_dir: Path | None = None, actor: str = "system",
                 on_result: Callable[[FileResult], None] | None = None, lang: str = "zh",
                 workers: int | None = None, choices: dict[str, Any] | None = None,
                 regime_date: date | None = None, readers: ReaderPool | None = None) -> list[FileResult]:
    """Import every file under ``paths``; returns one :class:`FileResult` per file, in order.

    ``progress(done, total, current_name)`` is called before each file and once at the end; ``cancel`` is checked
    between files (a file being written is always finished or rolled back, never cut in half); ``annotate_dir``
    receives an annotated copy of each rejected workbook; ``on_result`` sees each result as soon as it is known.
    ``workers``: reader processes (``None`` = ``forms/intake.toml`` [performance]; ``1`` = read in this process);
    ``readers``: reader processes the caller started beforehand (:class:`~reviewer.intake.worker.ReaderPool`; an
    empty one = read in this process), used instead; the caller ends them.
    ``choices``/``regime_date``: the reviewer's default carbon choices and regime date (from the settings, read by
    the caller) for the stored assessments.
    """
    files, results = expand_paths(paths)
    for r in results:
        if on_result:
            on_result(r)
    cap = limit("max_files_per_batch")
    if len(files) > cap:
        raise UserError(f"一次最多导入 {cap} 个文件，本次 {len(files)} 个。请分批导入。",
                        f"At most {cap} files per batch; {len(files)} given.")
    total = len(files)
    batch_codes: dict[str, tuple[str, Path]] = {}  # 项目代码 → (file sha256, path) of the first file in this batch
    used_names: set[str] = set()
    # Reader processes also assess (pure) with the ledger's budget rows as they are now; the writer re-assesses
    # a file only if those rows changed meanwhile (services.store_submission compares them).
    with archive.read() as s:
        rows, pkey = district_budget_rows(s), active_parameters_key(s)
    reads = _reads(files, workers, functools.partial(read_and_prepare, budget_rows=rows, choices=choices,
                                                     regime_date=regime_date, params_key=pkey), readers)
    size = _write_batch_size(total)
    pool_blobs: dict[str, bytes] = {}  # parameter pool digest → its row's blob, as the reader processes send them
    window: list[tuple[FileResult, _Pending | None]] = []  # decided or waiting to be written, in file order

    def flush() -> None:
        _write_window(archive, window, actor, choices, regime_date)
        for r, _p in window:
            if r.status == "rejected" and annotate_dir is not None and r.sha256 is not None:
                r.annotated = _annotate(r.path, r, Path(annotate_dir), used_names, lang)
            results.append(r)
            if on_result:
                on_result(r)
        window.clear()

    try:
        for i, path in enumerate(files):
            if cancel is not None and cancel.is_set():
                flush()  # what was read before the cancel is written (the files started are finished)
                for rest in files[i:]:
                    r = FileResult(rest, "cancelled")
                    results.append(r)
                    if on_result:
                        on_result(r)
                break
            if progress:
                progress(i, total, path.name)
            pending = None
            try:
                _name, rr, err = next(reads)
                _fill_pool_blob(rr, pool_blobs)
                if err is not None and err.startswith("internal:"):
                    raise _ReaderBug(err[len("internal:"):])
                r, pending = _triage(path, rr, err, batch_codes)
            except Exception as exc:  # noqa: BLE001 — a bug on one file must not stop the batch; logged
                r = _internal_failure(path, exc)
            window.append((r, pending))
            waiting = sum(1 for _r, p in window if p is not None)
            if waiting == 0 or waiting >= size or len(window) >= 4 * size:
                flush()  # nothing to write (decided at once: reported at once), or a full batch
        flush()
    finally:
        reads.close()
    if progress:
        progress(total - sum(1 for r in results if r.status == "cancelled"), total, "")
    return results


def _fill_pool_blob(rr: ReadResult | None, blobs: dict[str, bytes]) -> None:
    """A reader process sends a parameter pool's blob with its first result under that pool only
    (:func:`~reviewer.intake.worker.read_and_prepare`); later results get it back here. Never seen (cannot happen
    in file order, but cheap to be sure of): the prepared assessment is dropped and the writer assesses again."""
    pr = getattr(rr, "prepared", None)
    if pr is None:
        return
    if pr.snapshot_blob:
        blobs.setdefault(pr.snapshot_digest, pr.snapshot_blob)
    elif pr.snapshot_digest in blobs:
        rr.prepared = dataclasses.replace(pr, snapshot_blob=blobs[pr.snapshot_digest])
    else:
        rr.prepared = None


def _write_batch_size(total: int) -> int:
    """Files per write transaction: a tenth of the batch, at most ``write_batch_max`` ([performance]), so a small
    batch still commits file by file as it goes and a big one pays one commit per many files."""
    cap = int(intake_config().get("performance", {}).get("write_batch_max", 1))
    return max(1, min(cap, total // 10))


def _internal_failure(path: Path, exc: BaseException) -> FileResult:
    detail = str(exc) if isinstance(exc, _ReaderBug) else "".join(traceback.format_exception(exc))
    log.error("import of %s failed\n%s", path, detail)
    return FileResult(path, "failed", [Problem("X-INTERNAL", "处理该文件时发生内部错误，已记录日志；其他文件不受影响。",
                                               "Internal error on this file (logged); other files are unaffected.",
                                               file=path.name)])


@dataclass
class _Pending:
    """A file that passed reading and the batch checks, waiting for its write."""

    sub: m.Submission
    rr: ReadResult
    fmt: str


def _write_window(archive: Archive, window: list[tuple[FileResult, _Pending | None]], actor: str,
                  choices: dict[str, Any] | None, regime_date: date | None) -> None:
    """Write the waiting files of ``window`` in file order: runs of new 项目代码 as one transaction each
    (``services.store_new_projects``), a file whose 项目代码 the archive (or this run) already holds on its own
    (``services.store_submission``: duplicate, new version, conflict). A run whose transaction fails is written
    again file by file, so one bad file never takes the others with it."""
    todo = [(r, p) for r, p in window if p is not None]
    if not todo:
        return
    codes = [p.sub.project.code for _r, p in todo]
    with archive.read() as s:
        known = set(s.scalars(select(Project.code).where(Project.code.in_(codes))))
    run: list[tuple[FileResult, _Pending]] = []
    run_codes: set[str] = set()

    def write_run() -> None:
        if not run:
            return
        items = [NewItem(p.sub, r.path.name, p.fmt, getattr(p.rr, "prepared", None)) for r, p in run]
        try:
            stored = archive.run_write(lambda s: store_new_projects(s, items, actor=actor, choices=choices,
                                                                    regime_date=regime_date))
        except Exception:  # noqa: BLE001 — e.g. a concurrent writer took a 项目代码, the rule engine refused one
            log.info("batch write of %d files failed; writing them one by one", len(run), exc_info=True)
            for r, p in run:
                _write_one(archive, r, p, actor, choices, regime_date)
        else:
            for (r, _p), st in zip(run, stored):
                r.status, r.version, r.submission_id = st.status, st.version, st.submission_id
        known.update(run_codes)
        run.clear()
        run_codes.clear()

    for r, p in todo:
        code = p.sub.project.code
        if code in known or code in run_codes:
            write_run()
            _write_one(archive, r, p, actor, choices, regime_date)
            known.add(code)
        else:
            run.append((r, p))
            run_codes.add(code)
    write_run()


def _write_one(archive: Archive, r: FileResult, p: _Pending, actor: str, choices: dict[str, Any] | None,
               regime_date: date | None) -> None:
    try:
        _store_one(archive, r, p, actor, choices, regime_date)
    except Exception as exc:  # noqa: BLE001
        failed = _internal_failure(r.path, exc)
        r.status, r.problems = failed.status, r.problems + failed.problems


def _annotate(path: Path, r: FileResult, out_dir: Path, used: set[str], lang: str) -> Path | None:
    from reviewer.intake.annotate import annotate, annotated_name

    if path.suffix.lower() == ".json":
        return None
    name = annotated_name(path.name)
    n = 2
    while name in used:
        name = f"{Path(annotated_name(path.name)).stem}-{n}.xlsx"
        n += 1
    used.add(name)
    try:
        return annotate(path.read_bytes(), r.problems, out_dir / name, lang)
    except OSError as exc:
        log.error("cannot write annotated copy of %s: %s", path, exc)
        return None


class _ReaderBug(Exception):
    """A programming error inside a reader (process); carries the worker's traceback text."""


def _triage(path: Path, rr: ReadResult | None, err: str | None, batch_codes: dict[str, tuple[str, Path]],
            ) -> tuple[FileResult, _Pending | None]:
    """The file's result if it is decided without the archive (unreadable, refused, a batch conflict), else a
    result still to be written and what to write."""
    if rr is None:
        reason = (err or "").partition(":")[2]
        return FileResult(path, "rejected", [Problem("X-READ", f"无法读取文件：{reason}",
                                                     f"Cannot read the file: {reason}", file=path.name)]), None
    result = FileResult(path, "rejected", list(rr.problems), sha256=rr.sha256)
    sub = rr.submission
    if sub is None or rr.errors:
        return result, None
    result.project_code = sub.project.code
    first = batch_codes.get(sub.project.code)
    if first is not None and first[0] != rr.sha256 and _digest_of_file(first[1]) != _digest(sub):
        result.problems.append(Problem(
            "B-DUP-CODE", f"本批次中文件“{first[1].name}”已使用同一项目代码 {sub.project.code} 但内容不同，无法判断哪一份为准。"
            "请确认后单独导入正确的文件。",
            f"File {first[1].name!r} in this batch has the same project code {sub.project.code} with different content.",
            file=path.name, sheet=_code_sheet(), cell=_code_cell(), field="code", found=sub.project.code))
        result.problems = sort_problems(result.problems)
        return result, None
    # Only the file's hash is kept per 项目代码 (memory stays flat over big batches); the content hash is worked out
    # only when a second, byte-different file of the same batch carries the same 项目代码 (rare).
    batch_codes.setdefault(sub.project.code, (rr.sha256, path))
    return result, _Pending(sub, rr, "json" if path.suffix.lower() == ".json" else "xlsx")


def _store_one(archive: Archive, result: FileResult, pending: _Pending, actor: str,
               choices: dict[str, Any] | None = None, regime_date: date | None = None) -> None:
    """One file in its own write transaction (a 项目代码 the archive already holds: duplicate, new version or
    conflict)."""
    sub, rr, path = pending.sub, pending.rr, result.path

    def work(s: Session):  # noqa: ANN202
        _check_archive_conflict(s, sub, path.name)
        try:
            return store_submission(s, sub, source_name=path.name, source_format=pending.fmt, actor=actor,
                                    choices=choices, regime_date=regime_date, prepared=getattr(rr, "prepared", None))
        except UserError as exc:  # the rule engine refused the data (e.g. a gas without a default GWP)
            raise _Conflict(Problem("R-ASSESS", f"数据无法评估：{exc.message_zh}", f"Cannot be assessed: {exc.message_en}",
                                    file=path.name)) from None

    try:
        stored = archive.run_write(work)
    except _Conflict as exc:
        result.problems.append(exc.problem)
        result.problems = sort_problems(result.problems)
        return
    except UserError as exc:  # archive busy / disk full: not the applicant's fault, nothing was written
        result.status = "failed"
        result.problems.append(Problem("X-ARCHIVE", exc.message_zh, exc.message_en, file=path.name))
        return
    result.status = stored.status
    result.version = stored.version
    result.submission_id = stored.submission_id


def _digest(sub: m.Submission) -> str:
    return content_hash(canonical_data(sub))


def _digest_of_file(path: Path) -> str | None:
    _name, rr, _err = read_path(str(path))
    return _digest(rr.submission) if rr is not None and rr.submission is not None else None


def _code_sheet() -> str:
    from reviewer.intake.layout import layout

    return layout().locate("project", None, "code")[0]


def _code_cell() -> str | None:
    from reviewer.intake.layout import layout

    return layout().locate("project", None, "code")[1]


def _check_archive_conflict(s: Session, sub: m.Submission, name: str) -> None:
    """A 项目代码 already archived under another 统一社会信用代码 is not a new version of the same project."""
    p = sub.project
    project = s.scalars(select(Project).where(Project.code == p.code)).first()
    if project is None:
        return
    latest = s.scalars(select(SubmissionRow).where(SubmissionRow.project_id == project.id)
                       .order_by(SubmissionRow.version.desc()).limit(1)).first()
    if latest is None:
        return
    old = (latest.data or {}).get("project", {}).get("builder_credit_code")
    if old and old.strip().upper() != p.builder_credit_code.strip().upper():
        raise _Conflict(Problem(
            "A-CODE-CONFLICT", f"档案库中项目代码 {p.code} 属于统一社会信用代码为 {old} 的建设单位（{project.builder}），"
            f"与本文件的 {p.builder_credit_code} 不符。请核对项目代码。",
            f"Project code {p.code} is archived under credit code {old}, not {p.builder_credit_code}.",
            file=name, sheet=_code_sheet(), cell=_code_cell(), field="code", expected=old,
            found=p.builder_credit_code))


def summary_counts(results: list[FileResult]) -> dict[str, int]:
    out = {k: 0 for k in STATUS_ZH}
    for r in results:
        out[r.status] = out.get(r.status, 0) + 1
    return out
