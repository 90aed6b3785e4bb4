"""Issue 15 benchmark: each figure measured in the same run as its floor, ratios reported.

* parse floor: python-calamine opens every generated workbook and reads every sheet (``to_python``);
* one reader process: ``reviewer.intake.reader.read_workbook`` over the same files (validation included);
* end to end: ``reviewer import DIR`` (the CLI, a subprocess, default reader processes + one writer) into a fresh
  SQLite archive; then archive bytes per project (file size after ``wal_checkpoint(TRUNCATE)`` / projects);
* search at scale: a ``bench/datagen.py`` archive of ``--projects`` rows (every assessment in the compact form),
  substring search (first page, ≥ 3 characters, FTS5 trigram / pg_trgm), first page of a status filter (keyset),
  and the floor: a bare indexed lookup by 项目代码. SQLite always; PostgreSQL with ``--pg URL``.

The machine is shared: ``uptime`` is recorded with the figures; ratios are the comparable numbers.
Run:  .venv/bin/python bench/bench_speed.py [--files 300] [--projects 100000] [--pg URL]
Writes bench/results/speed.md (collected into bench/results.md by run_all.py).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

RESULTS = ROOT / "bench" / "results" / "speed.md"


SEARCH_NOTES = """PostgreSQL query shape (2026-12-02, EXPLAIN ANALYZE on the 100 000-project archive, 3 665 matches of
“片印制电”): the former `p.id IN (SELECT … UNION …)` over the three pg_trgm indexes and the 文号 was hashed against a
sequential scan of all projects (113 ms); a plain OR let the planner walk the 项目代码 B-tree for ORDER BY … LIMIT,
filtering row by row (40 ms here, the whole table when the text is rare). Now the four arms are index conditions on
`projects` (`= ANY(ARRAY(…))` for the 文号), OR'ed into one bitmap heap scan inside a MATERIALIZED CTE that keeps
only id and sort value; the page is sorted from those and read by primary key. The SQLite path (FTS5 trigram) is
unchanged. `datagen.make_archive` runs ANALYZE after the bulk load."""


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def calamine_floor(files: list[Path]) -> float:
    import python_calamine

    t = time.perf_counter()
    for f in files:
        wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(f.read_bytes()))
        for name in wb.sheet_names:
            wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        wb.close()
    return time.perf_counter() - t


def reader_pass(files: list[Path]) -> float:
    from reviewer.intake.reader import read_workbook

    t = time.perf_counter()
    for f in files:
        read_workbook(f)  # a generated file may be refused (e.g. a code the current lists reject): still read in full
    return time.perf_counter() - t


def cli_import(files: list[Path]) -> tuple[float, int, int]:
    """(seconds, archive bytes after checkpoint, projects) of ``reviewer import DIR`` into a fresh archive."""
    import sqlite3

    work = Path(tempfile.mkdtemp(prefix="bench-speed-"))
    try:
        src = work / "in"
        src.mkdir()
        for f in files:
            os.symlink(f, src / f.name)
        home = work / "home"
        env = {**os.environ, "REVIEWER_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
        env.pop("REVIEWER_DATABASE_URL", None)
        exe = ROOT / ".venv" / "bin" / "reviewer"
        subprocess.run([str(exe), "archive", "migrate"], env=env, capture_output=True, check=True)
        t = time.perf_counter()
        p = subprocess.run([str(exe), "import", str(src)], env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        assert p.returncode in (0, 2), p.stdout[-2000:] + p.stderr[-2000:]  # 2: some files refused
        db = home / "archive.sqlite3"
        c = sqlite3.connect(db)
        c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        projects = c.execute("SELECT count(*) FROM projects").fetchone()[0]
        c.close()
        return elapsed, db.stat().st_size, projects
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _median_ms(fn, repeat: int) -> float:  # noqa: ANN001
    fn()
    xs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        xs.append((time.perf_counter() - t) * 1000)
    return statistics.median(xs)


def pg_size(url: str) -> tuple[int, int]:
    """(database bytes, projects) of a PostgreSQL archive."""
    from sqlalchemy import create_engine, text

    e = create_engine(url)
    with e.connect() as c:
        size = c.execute(text("SELECT pg_database_size(current_database())")).scalar()
        n = c.execute(text("SELECT count(*) FROM projects")).scalar()
    e.dispose()
    return int(size), int(n)


def search_figures(url: str, repeat: int) -> dict[str, float]:
    from sqlalchemy import text

    from reviewer.archive import search
    from reviewer.archive.db import Archive

    a = Archive(url)
    with a.engine.connect() as c:
        dialect = c.dialect.name
        code, name, town = c.execute(text("SELECT code, name, town FROM projects ORDER BY id DESC LIMIT 1 OFFSET 777")).one()
        frag = name[len(name) // 2 - 2: len(name) // 2 + 2]  # a 4-character substring from the middle of a name

        def lookup() -> None:
            c.execute(text("SELECT id, name FROM projects WHERE code = :c"), {"c": code}).all()

        def substring() -> None:
            search.run(c, search.page_query(search.Criteria(search=frag), dialect=dialect, sort="code", limit=200))

        def status_page() -> None:
            search.run(c, search.page_query(search.Criteria(status="approved"), dialect=dialect, sort="code",
                                            limit=200))

        def town_page_500() -> None:  # a deep keyset page: cost must not grow with depth
            q = search.page_query(search.Criteria(town=town), dialect=dialect, sort="code", limit=200,
                                  after=(code, 0))
            search.run(c, q)

        def short() -> None:
            search.run(c, search.page_query(search.Criteria(search=name[:2]), dialect=dialect, sort="code",
                                            limit=200))

        out = {"floor: indexed lookup by 项目代码": _median_ms(lookup, repeat),
               f"substring search “{frag}”, first page": _median_ms(substring, repeat),
               "status filter (approved), first page": _median_ms(status_page, repeat),
               "town filter, keyset page after a late 项目代码": _median_ms(town_page_500, repeat),
               f"2-character search “{name[:2]}” (bounded LIKE), first page": _median_ms(short, repeat)}
    a.dispose()
    return out


def archive_url(n: int, fresh: bool) -> tuple[str, float | None]:
    import datagen

    path = ROOT / "bench" / "_work" / f"speed-archive-{n}.sqlite3"
    if path.exists() and not fresh:
        made = path.with_suffix(".gen-seconds")  # written when the cached archive was generated
        return f"sqlite:///{path}", float(made.read_text()) if made.exists() else None
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    stats = datagen.make_archive(f"sqlite:///{path}", n, full_share=1.0, verbose=True)
    path.with_suffix(".gen-seconds").write_text(f"{stats.seconds:.1f}")
    return f"sqlite:///{path}", stats.seconds


def main(argv: list[str] | None = None) -> int:
    import bench_import

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--files", type=int, default=300)
    ap.add_argument("--projects", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--pg", help="an empty PostgreSQL database URL for the search figures")
    ap.add_argument("--pg-reuse", action="store_true",
                    help="--pg already holds a datagen archive of --projects rows: measure it, do not generate")
    ap.add_argument("--fresh", action="store_true")
    ap.add_argument("--skip-import", action="store_true")
    ap.add_argument("--skip-search", action="store_true")
    a = ap.parse_args(argv)
    lines = ["## Issue 15: import, archive size, search (bench/bench_speed.py)", "",
             f"- measured (UTC): {time.strftime('%Y-%m-%d %H:%M', time.gmtime())}; load at start: `{uptime()}`", ""]
    if not a.skip_import:
        files = bench_import.ensure_workbooks(a.files)
        calamine_floor(files[:20])
        floor = calamine_floor(files)
        reader = reader_pass(files)
        cli, size, projects = cli_import(files)
        n = len(files)
        lines += ["| figure (same run, same files) | seconds | workbooks/s | ratio to floor | target |", "|---|---|---|---|---|",
                  f"| python-calamine parse floor (every sheet of {n} files) | {floor:.2f} | {n / floor:.0f} | 1 | — |",
                  f"| one reader process: read + validate (`read_workbook`) | {reader:.2f} | {n / reader:.0f} | "
                  f"{reader / floor:.2f}× | ≥ 60/s |",
                  f"| `reviewer import DIR` end to end (CLI start, readers + writer, SQLite) | {cli:.2f} | {n / cli:.0f} | "
                  f"{cli / floor:.2f}× | ≥ 100/s, ≤ 4× |", "",
                  f"- archive after the import: {size / 1024:.0f} KiB for {projects} projects = "
                  f"**{size / 1024 / max(projects, 1):.1f} KiB per project** (WAL checkpointed; target ≤ 25 KB)", ""]
        print("\n".join(lines))
    if a.skip_search:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return 0
    url, gen = archive_url(a.projects, a.fresh)
    size = Path(url.removeprefix("sqlite:///")).stat().st_size
    sections = [("SQLite", url, {"archive file": f"{size / 1e9:.2f} GB ({size / a.projects / 1024:.1f} KiB/project, "
                                 "every assessment with its full compact trace)",
                                 "generation": f"{gen:.0f} s" if gen else "cached"})]
    if a.pg:
        import datagen

        gen = "already generated (--pg-reuse)"
        if not a.pg_reuse:
            stats = datagen.make_archive(a.pg, a.projects, full_share=1.0, verbose=True)
            gen = f"{stats.seconds:.0f} s"
        size, n = pg_size(a.pg)
        assert n == a.projects, f"{a.pg} holds {n} projects, not {a.projects}"
        sections.append(("PostgreSQL", a.pg, {"database": f"{size / 1e9:.2f} GB ({size / n / 1024:.1f} KiB/project, "
                                              "pg_database_size, every assessment with its full compact trace)",
                                              "generation": gen}))
    search_lines = ["### Search at scale (bench/bench_speed.py)", "",
                    "Medians of each query (the first run discarded), measured in the same run as its floor, the bare "
                    "indexed lookup by 项目代码. The machine is shared (2 cores, several engineers' jobs): figures taken "
                    "under load are upper bounds; the load average is recorded with each table.", "",
                    f"- measured (UTC): {time.strftime('%Y-%m-%d %H:%M', time.gmtime())}", ""]
    for title, u, meta in sections:
        load0 = os.getloadavg()
        figs = search_figures(u, a.repeat)
        load1 = os.getloadavg()
        floor_ms = next(iter(figs.values()))
        search_lines += [f"#### {title}, {a.projects:,} projects — " + "; ".join(f"{k}: {v}" for k, v in meta.items()),
                         "", f"load average (1 min) {load0[0]:.1f} → {load1[0]:.1f}", "",
                         "| query | median ms | ratio to the bare lookup | target |", "|---|---|---|---|"]
        for k, v in figs.items():
            target = "≤ 30 ms" if k.startswith("substring") else "≤ 50 ms" if k.startswith("status") else "—"
            search_lines.append(f"| {k} | {v:.2f} | {v / floor_ms:.1f}× | {target} |")
        search_lines.append("")
        if title == "SQLite" or title == "PostgreSQL":
            sub = figs[next(k for k in figs if k.startswith("substring"))]
            stat = figs["status filter (approved), first page"]
            search_lines.append(f"- {title}, {a.projects:,} projects: substring search **{sub:.1f} ms**, first page of "
                                f"a status filter **{stat:.1f} ms** (medians; targets ≤ 30 ms, ≤ 50 ms; load "
                                f"{load1[0]:.1f})")
            search_lines.append("")
    search_lines += [SEARCH_NOTES, "", f"- load at end: `{uptime()}`"]
    if a.skip_import and RESULTS.exists():
        # Keep the import section of an earlier run (it is measured by the same script, possibly by someone else).
        old = RESULTS.read_text(encoding="utf-8").splitlines()
        cut = next((i for i, ln in enumerate(old) if ln.startswith(("### Search at scale", "Search, measured"))),
                   len(old))
        lines = old[:cut] + [""]
    lines += search_lines
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines).rstrip() + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
