"""All-or-nothing legal acts (issue 11 §3): an acceptance and its 验收意见 commit together or not at all, and two
issuers of the same document → one wins, the other gets a clear message (SQLite and PostgreSQL).

The kill trial SIGKILLs the real CLI (``reviewer ledger acceptance … --issue --sign``) at seeded random instants over
an uninterrupted run's duration (the technique of tests/test_proof_kill.py); the race starts two real CLI processes
``reviewer ledger acceptance-issue ID`` at once.
"""

from __future__ import annotations

import json
import os
import random
import signal
import time
from datetime import date
from pathlib import Path

import pytest
from proof_helpers import FORBIDDEN_OUTPUT, popen_cli, run_cli
from sqlalchemy import func, select
from test_ledger_helpers import approve, project_data, set_assessment, store

from reviewer.archive.db import Archive
from reviewer.archive.models import DocNumberSequence, LedgerAcceptance, Opinion
from reviewer.ledger import sync_all
from reviewer.ledger.acceptance import load_actual, run_acceptance
from reviewer.signing import identities

CODE = "2025-310117-39-03-000555"
SEED = 20261201


def _seed_project(url: str, tmp_path: Path) -> Path:
    """An approved project in the ledger and the actual-data file of its acceptance; returns that file."""
    a = Archive(url)
    try:
        d = project_data("electronics", CODE, year=2027)
        d["project"]["application_date"] = "2025-10-02"
        store(a, d)
        set_assessment(a, CODE, eq=1000.0, ev=2300.0, co2=None)
        approve(a, CODE, date(2025, 10, 10), "松发改能审〔2025〕9号")
        a.run_write(lambda s: sync_all(s, today=date(2025, 10, 10)))
    finally:
        a.dispose()
    # 895.118 万kWh × 0.1229 kgce/kWh = 1100.10 tce (+10.01 % over 1000 tce: 令第31号 第二十六条 整改)
    d["energy"] = [{"carrier": "电力", "quantity": "895.118", "unit": "万kWh"}]
    f = tmp_path / "actual.json"
    f.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return f


def _key(tmp_path: Path) -> tuple[Path, Path]:
    identities.init_authority("上海市松江区发展和改革委员会", b"ca-pass")
    p12 = identities.issue("王审查", b"ca-pass", b"pw")
    pw = tmp_path / "pw.txt"
    pw.write_text("pw", encoding="utf-8")
    return p12, pw


def _state(url: str) -> tuple[int, int, int]:
    """(acceptances, acceptance documents, acceptances whose document is linked)."""
    a = Archive(url)
    try:
        with a.read() as s:
            n_acc = s.scalar(select(func.count()).select_from(LedgerAcceptance))
            n_doc = s.scalar(select(func.count()).select_from(Opinion).where(Opinion.kind == "acceptance"))
            linked = s.scalar(select(func.count()).select_from(LedgerAcceptance)
                              .where(LedgerAcceptance.document_id.is_not(None)))
            return n_acc, n_doc, linked
    finally:
        a.dispose()


@pytest.mark.slow
@pytest.mark.timeout(400)
def test_sigkill_between_acceptance_and_its_document_leaves_both_or_neither(tmp_path, reviewer_home):
    p12, pw = _key(tmp_path)
    rng = random.Random(SEED)
    args = ["acceptance", CODE, "", "--date", "2026-06-01", "--issue", "--sign", "--key", str(p12),
            "--passphrase-file", str(pw), "--actor", "王审查"]
    # an uninterrupted run first: its duration is the range the kills are drawn from
    probe = tmp_path / "probe"
    probe.mkdir(mode=0o700)
    url = f"sqlite:///{probe / 'archive.sqlite3'}"
    args[2] = str(_seed_project(url, probe))
    t = time.perf_counter()
    p = run_cli(args, probe)
    full = time.perf_counter() - t
    assert p.returncode == 0, p.stdout + p.stderr
    assert _state(url) == (1, 1, 1)
    outcomes = set()
    for trial in range(8):
        home = tmp_path / f"k{trial}"
        home.mkdir(mode=0o700)
        url = f"sqlite:///{home / 'archive.sqlite3'}"
        args[2] = str(_seed_project(url, home))
        proc = popen_cli(args, home)
        time.sleep(rng.uniform(0.3 * full, full))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        state = _state(url)
        assert state in ((0, 0, 0), (1, 1, 1)), f"trial {trial}: half an act {state}"
        outcomes.add(state)
    assert (0, 0, 0) in outcomes, "no kill landed inside the unit of work"


def _two_issuers(url: str, tmp_path: Path, home: Path) -> None:
    actual = load_actual(_seed_project(url, tmp_path))
    a = Archive(url)
    try:
        acc_id = a.run_write(lambda s: run_acceptance(s, CODE, actual, accepted_on=date(2026, 6, 1),
                                                      actor="验收组").acceptance.id)
    finally:
        a.dispose()
    p12, pw = _key(tmp_path)
    args = ["acceptance-issue", str(acc_id), "--date", "2026-06-02", "--sign", "--key", str(p12),
            "--passphrase-file", str(pw), "--actor", "王审查"]
    extra = {"REVIEWER_DATABASE_URL": url}
    procs = [popen_cli(args, home, **extra) for _ in range(2)]
    results = [(p.returncode, out + err) for p in procs for out, err in [p.communicate(timeout=240)]]
    codes = sorted(rc for rc, _ in results)
    assert codes == [0, 2], results
    loser = next(out for rc, out in results if rc == 2)
    assert f"验收记录 {acc_id} 已出具验收意见" in loser and "未重复出具" in loser, loser
    for _rc, out in results:
        for bad in FORBIDDEN_OUTPUT:
            assert bad not in out, out
    a = Archive(url)
    try:
        with a.read() as s:
            docs = s.scalars(select(Opinion).where(Opinion.kind == "acceptance")).all()
            assert len(docs) == 1 and s.get(LedgerAcceptance, acc_id).document_id == docs[0].id
            assert s.scalar(select(DocNumberSequence.last_value)) == 1  # the loser used no 文号
    finally:
        a.dispose()


def test_two_concurrent_issuers_sqlite(tmp_path, reviewer_home):
    url = f"sqlite:///{reviewer_home / 'archive.sqlite3'}"
    _two_issuers(url, tmp_path, reviewer_home)


@pytest.mark.postgres
def test_two_concurrent_issuers_postgres(tmp_path, reviewer_home, pg_url):
    _two_issuers(pg_url, tmp_path, reviewer_home)
