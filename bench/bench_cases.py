"""The case list at 100k cases: ``reviewer case list --overdue / --due N`` pages, the workbench's per-page deadline
query and the status bar's counts — all SQL over the stored deadline columns of ``cases`` (migration 0005).

Builds a generated archive (``datagen.make_archive``) under ``bench/_work/``, gives every project a case (received on
the 700 days before 2026-12-02; those older than 60 days accepted and decided, two thirds of the recent ones
accepted, a few of those past their decision deadline) with its derived columns computed by
``reviewer.case.timeline.clock`` exactly as the use cases store them, then times each query (warm, median of
``--repeat``) and prints SQLite's plan.

    python bench/bench_cases.py [-n 100000] [--repeat 5]

Writes ``bench/results/bench_cases.md``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import datagen  # noqa: E402

WORK = HERE / "_work"
RESULTS = HERE / "results"
TODAY = date(2026, 12, 2)


def build(n: int, seed: int) -> str:
    from sqlalchemy import insert, select

    from reviewer.archive.case_models import Case, CaseEvent
    from reviewer.archive.db import Archive
    from reviewer.archive.models import Project
    from reviewer.case.timeline import OPEN, Event, clock, status
    from reviewer.rules.deadlines import fingerprint
    from reviewer.rules.engine import baseline

    from sqlalchemy import delete, func

    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"cases_{n}_{seed}.sqlite3"
    url = f"sqlite:///{path}"
    a = Archive(url) if path.exists() else None
    if a is not None:
        with a.read() as s:
            have = s.scalar(select(func.count()).select_from(Project))
        if have != n:
            a.dispose()
            a = None
    if a is None:  # generate the projects once; the cases are rebuilt on every run
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        datagen.make_archive(url, n, seed=seed, verbose=True)
        a = Archive(url)
    with a.engine.begin() as conn:
        conn.execute(delete(CaseEvent))
        conn.execute(delete(Case))
    rng = random.Random(seed)
    params = baseline()
    fp = fingerprint(params)  # as the use cases store it: the list then reads the columns (nothing stale)
    with a.engine.begin() as conn:
        ids = [r[0] for r in conn.execute(select(Project.id).order_by(Project.id))]
        cases, events = [], []
        for i, pid in enumerate(ids, 1):
            received = TODAY - timedelta(days=rng.randrange(0, 700))
            evs = [Event(1, "received", received)]
            # an office's archive: cases older than ~2 months are decided; of the recent ones two thirds accepted,
            # and one in twenty of those left past its deadline
            if received < TODAY - timedelta(days=60):
                evs += [Event(2, "accepted", received + timedelta(days=3)),
                        Event(3, "decided", received + timedelta(days=20), data={"outcome": "approval"})]
            elif rng.random() < 2 / 3:
                evs.append(Event(2, "accepted", received + timedelta(days=3)))
                if received < TODAY - timedelta(days=25) and rng.random() < 0.95:
                    evs.append(Event(3, "decided", received + timedelta(days=20), data={"outcome": "approval"}))
            st = status(evs)
            clk = clock(params, received, evs, received)
            cases.append({"id": i, "project_id": pid, "received_on": received, "created_by": "bench",
                          "status": st, "accept_due": clk.accept_due if st in OPEN else None,
                          "accept_due_kind": clk.accept_due_kind if st in OPEN and clk.accept_due else "",
                          "decision_due": clk.decision_basis_due if st in OPEN else None, "rules_fp": fp})
            events += [{"case_id": i, "kind": e.kind, "occurred_on": e.on, "actor": "bench", "reason": "",
                        "data": e.data} for e in evs]
        conn.execute(insert(Case), cases)
        conn.execute(insert(CaseEvent), events)
    a.dispose()
    return url


def timed(fn, repeat: int) -> tuple[float, float, float, object]:  # noqa: ANN001
    out = fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), min(runs), max(runs), out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    url = build(a.n, a.seed)
    gen = time.perf_counter() - t0

    from sqlalchemy import text

    from reviewer.archive.db import Archive
    from reviewer.ui.project_model import SqliteSource, case_deadlines, deadline_counts
    from reviewer.usecases.base import Context
    from reviewer.usecases.cases import CaseListRequest, case_list_sql, case_page

    archive = Archive(url)
    ctx = Context(archive=archive, actor="bench")
    src = SqliteSource(url.split(":///", 1)[1])
    first = case_page(ctx, CaseListRequest(today=TODAY, overdue=True, limit=200))
    rows = [
        ("case list --overdue, first page (200)", lambda: case_page(ctx, CaseListRequest(today=TODAY, overdue=True))),
        ("case list --overdue, next page (keyset)",
         lambda: case_page(ctx, CaseListRequest(today=TODAY, overdue=True, after=first.next_after))),
        ("case list --due 3, first page", lambda: case_page(ctx, CaseListRequest(today=TODAY, due_within=3))),
        ("case list (no filter), first page", lambda: case_page(ctx, CaseListRequest(today=TODAY))),
        ("status bar: overdue + due-soon counts (sqlite3)", lambda: deadline_counts(src, TODAY)),
        ("project list: deadlines of one page of 200 (sqlite3)",
         lambda: case_deadlines(src, list(range(1, 201)), TODAY)),
    ]
    lines = [f"# Case list at {a.n} cases", "", f"Generated in {gen:.0f} s (archive + cases). Today = {TODAY}. "
             f"Median of {a.repeat} warm runs (min–max), ms.", "", "| query | median ms | min–max | result |",
             "|---|---:|---|---|"]
    for name, fn in rows:
        med, lo, hi, out = timed(fn, a.repeat)
        res = (f"{len(out.rows)} rows" if hasattr(out, "rows") else str(out) if not isinstance(out, dict)
               else f"{len(out)} rows")
        lines.append(f"| {name} | {med:.1f} | {lo:.1f}–{hi:.1f} | {res} |")
    for label, req in (("overdue", CaseListRequest(today=TODAY, overdue=True)),
                       ("due 3", CaseListRequest(today=TODAY, due_within=3))):
        sql, params = case_list_sql(req, TODAY)
        params = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in params.items()}
        with archive.engine.connect() as conn:
            plan = "; ".join(str(r[-1]) for r in conn.execute(text("EXPLAIN QUERY PLAN " + sql), params))
        lines += ["", f"Plan ({label}): `{plan}`"]
    text_out = "\n".join(lines) + "\n"
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "bench_cases.md").write_text(text_out, encoding="utf-8")
    print(text_out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
