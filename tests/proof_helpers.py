"""Helpers shared by the proof tests (tests/test_proof_*.py): run the real CLI, check an archive, snapshot it."""

from __future__ import annotations

import os
import subprocess
import sys
from functools import cache
from pathlib import Path

from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

FORBIDDEN_OUTPUT = ("Traceback", "database is locked", "内部错误")


def cli_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "REVIEWER_DATABASE_URL"}
    env.update({"REVIEWER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}, **extra)
    return env


def run_cli(args: list[str], home: Path, *, timeout: float = 180, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reviewer", *args], capture_output=True, text=True, timeout=timeout,
                          env=cli_env(home, **extra), cwd=str(home))


def popen_cli(args: list[str], home: Path, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "reviewer", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=cli_env(home, **extra), cwd=str(home))


@cache
def has_command(*words: str) -> bool:
    """Whether ``reviewer <words…>`` exists in this build (commands land while others are still working)."""
    from reviewer.cli import build_parser

    import contextlib
    import io

    parser = build_parser()
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            parser.parse_known_args([*words, "--help"])
    except SystemExit as exc:
        return exc.code == 0
    return True


def archive_check(home: Path, url: str | None = None) -> tuple[bool, str]:
    """``reviewer archive check`` when the command exists; otherwise integrity + foreign keys + audit chain."""
    extra = {"REVIEWER_DATABASE_URL": url} if url else {}
    if has_command("archive", "check"):
        p = run_cli(["archive", "check"], home, **extra)
        return p.returncode == 0, p.stdout + p.stderr
    from reviewer.archive.db import Archive
    from reviewer.archive.maintenance import health_problems

    a = Archive(url or f"sqlite:///{home / 'archive.sqlite3'}")
    try:
        problems = health_problems(a)
    finally:
        a.dispose()
    return not problems, "\n".join(problems)


def snapshot(archive) -> tuple:  # noqa: ANN001
    """Row counts of the archive's tables and the head of the audit chain (verified)."""
    from reviewer.archive import models as M
    from reviewer.archive.audit import verify_chain

    with archive.read() as s:
        counts = tuple(s.scalar(select(func.count()).select_from(t)) for t in
                       (M.Project, M.Submission, M.AssessmentRow, M.Opinion, M.AuditEvent))
        last = s.scalars(select(M.AuditEvent.hash).order_by(M.AuditEvent.id.desc()).limit(1)).first()
        problems = verify_chain(s)
        assert problems == [], [p.message_zh for p in problems]
    return counts, last


def assert_units_complete(archive) -> None:  # noqa: ANN001
    """Every stored submission came with its assessment and its audit event, every project with a submission."""
    from reviewer.archive import models as M

    with archive.read() as s:
        subs = s.scalars(select(M.Submission.id)).all()
        assessed = set(s.scalars(select(M.AssessmentRow.submission_id)).all())
        audited = set(s.scalars(select(M.AuditEvent.entity_id).where(M.AuditEvent.entity == "submission")).all())
        projects_without = s.scalars(select(M.Project.code).where(~M.Project.submissions.any())).all()
    missing_assessment = [i for i in subs if i not in assessed]
    missing_event = [i for i in subs if str(i) not in audited]
    assert not missing_assessment, f"submissions without assessment: {missing_assessment}"
    assert not missing_event, f"submissions without audit event: {missing_event}"
    assert not projects_without, f"projects without submission: {projects_without}"
