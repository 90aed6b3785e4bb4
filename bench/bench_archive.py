"""Archive queries at 100k projects: search by code/name/builder, filters, ledger-style totals by town and year.

Builds (or reuses) a generated archive with :func:`datagen.make_archive` under ``bench/_work/`` and times the
queries the application issues — through ``reviewer.services.list_projects`` where it exists, and the equivalent
SQLAlchemy Core statements otherwise. Every query runs once to warm the page cache, then ``--repeat`` times; the
median and the spread (min–max) are reported, with SQLite's query plan so index use is visible.

    python bench/bench_archive.py                 # 100 000 projects, SQLite
    python bench/bench_archive.py -n 20000 --pg postgresql+psycopg://…/db   # also against PostgreSQL

Writes ``bench/results/bench_archive.md``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import datagen  # noqa: E402

WORK = HERE / "_work"
RESULTS = HERE / "results"


def _archive_url(n: int, seed: int, fresh: bool) -> tuple[str, float | None]:
    """URL of a generated SQLite archive with ``n`` projects; returns (url, generation seconds or None if reused)."""
    import sqlite3

    WORK.mkdir(parents=True, exist_ok=True)
    path = WORK / f"archive_{n}_{seed}.sqlite3"
    stamp = path.with_suffix(".schema")
    schema = _schema_fingerprint()
    if stamp.exists() and stamp.read_text() != schema:
        fresh = True  # the archive schema changed since the cached archive was generated
    if path.exists() and not fresh:
        try:
            c = sqlite3.connect(path)
            have = c.execute("SELECT count(*) FROM projects").fetchone()[0]
            c.close()
            if have == n:
                gen = path.with_suffix(".gen")
                return f"sqlite:///{path}", (float(gen.read_text()) if gen.exists() else None)
        except sqlite3.Error:
            pass
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    stats = datagen.make_archive(f"sqlite:///{path}", n, seed=seed, verbose=True)
    stamp.write_text(schema)
    path.with_suffix(".gen").write_text(f"{stats.seconds:.1f}")
    return f"sqlite:///{path}", stats.seconds


def _schema_fingerprint() -> str:
    """SHA-256 of the DDL of every archive table and index (SQLite dialect)."""
    import hashlib

    from sqlalchemy.dialects import sqlite
    from sqlalchemy.schema import CreateIndex, CreateTable

    from reviewer.archive.models import Base

    parts = []
    for table in Base.metadata.sorted_tables:
        parts.append(str(CreateTable(table).compile(dialect=sqlite.dialect())))
        parts += sorted(str(CreateIndex(ix).compile(dialect=sqlite.dialect())) for ix in table.indexes)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _time(fn: Callable[[], Any], repeat: int) -> tuple[float, float, float, Any]:
    result = fn()  # warm-up
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples), min(samples), max(samples), result


def queries(archive) -> list[tuple[str, str, Callable[[], Any], Any]]:  # noqa: ANN001
    """(name, description, callable, statement-for-plan) for every timed query."""
    from sqlalchemy import Integer, cast, desc, extract, func, select

    from reviewer.archive.models import AssessmentRow, Project
    from reviewer.services import list_projects, load_submission

    with archive.read() as s:
        sample = s.execute(select(Project.code, Project.name, Project.builder, Project.town)
                           .order_by(Project.id).offset(37_000 % max(1, s.scalar(select(func.count(Project.id)))))
                           .limit(1)).one()
    code, name, builder, town = sample
    name_part = name[3:7]
    builder_part = builder[2:4]
    year = extract("year", Project.application_date)

    def scalars(stmt):  # noqa: ANN001, ANN202
        def run():  # noqa: ANN202
            with archive.read() as s:
                return s.execute(stmt).all()
        return run

    def service(**kw):  # noqa: ANN003, ANN202
        def run():  # noqa: ANN202
            with archive.read() as s:
                return len(list_projects(s, **kw))
        return run

    def open_project():  # noqa: ANN202
        with archive.read() as s:
            p, row, sub = load_submission(s, code)
            a = s.scalars(select(AssessmentRow).where(AssessmentRow.submission_id == row.id)).first()
            return len(sub.energy), len(a.result)

    page = (select(Project.code, Project.name, Project.builder, Project.town, Project.status,
                   Project.equivalent_tce, Project.equal_value_tce)
            .order_by(Project.code).limit(100))
    by_town_status = (select(Project.code, Project.name, Project.application_date)
                      .where(Project.town == town, Project.status == "approved")
                      .order_by(desc(Project.application_date)).limit(50))
    by_year_level = (select(func.count(Project.id))
                     .where(Project.application_date.between(datagen.date(2025, 1, 1), datagen.date(2025, 12, 31)),
                            Project.review_level.isnot(None)))
    totals_town = (select(Project.town, func.count(Project.id), func.sum(Project.equivalent_tce),
                          func.sum(Project.equal_value_tce))
                   .where(Project.status == "approved").group_by(Project.town).order_by(Project.town))
    totals_town_year = (select(Project.town, cast(year, Integer).label("year"), func.count(Project.id),
                               func.sum(Project.equivalent_tce), func.sum(Project.equal_value_tce))
                        .group_by(Project.town, "year").order_by(Project.town, "year"))
    totals_year_one_town = (select(cast(year, Integer).label("year"), func.sum(Project.equivalent_tce))
                            .where(Project.town == town).group_by("year").order_by("year"))
    exact_code = select(Project.id, Project.name).where(Project.code == code)
    return [
        ("code_exact", f"项目代码精确查找 (code = '{code}')", scalars(exact_code), exact_code),
        ("search_code", "搜索项目代码片段 (services.list_projects search=code)", service(search=code), None),
        ("search_name", f"搜索项目名称片段 “{name_part}” (LIKE %…%)", service(search=name_part), None),
        ("search_builder", f"搜索建设单位片段 “{builder_part}”", service(search=builder_part), None),
        ("search_name_page", f"搜索名称片段并只取第一页 100 行", service(search=name_part, limit=100), None),
        ("filter_status", "按状态筛选 approved（全部行）", service(status="approved"), None),
        ("filter_town_status_page", f"按街镇 {town} + 状态筛选，按申请日期倒序前 50 行", scalars(by_town_status),
         by_town_status),
        ("filter_year_count", "2025 年申请且已定审查层级的项目数", scalars(by_year_level), by_year_level),
        ("list_first_page", "项目列表第一页（按项目代码排序 100 行）", scalars(page), page),
        ("totals_by_town", "台账：已通过项目按街镇合计（当量值、等价值）", scalars(totals_town), totals_town),
        ("totals_by_town_year", "台账：按街镇 × 年度合计", scalars(totals_town_year), totals_town_year),
        ("totals_by_year_one_town", f"台账：{town} 按年度合计", scalars(totals_year_one_town), totals_year_one_town),
        ("open_project", "打开一个项目（申报数据 + 评估结果 JSON 解码）", open_project, None),
    ]


def plan(archive, stmt) -> str:  # noqa: ANN001
    if stmt is None or not archive.is_sqlite:
        return ""
    from sqlalchemy.dialects import sqlite

    compiled = stmt.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True})
    with archive.engine.connect() as c:
        rows = c.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}").all()
    return "; ".join(r[-1] for r in rows)


def run(url: str, repeat: int) -> list[dict[str, Any]]:
    from reviewer.archive.db import Archive

    archive = Archive(url)
    out = []
    try:
        for key, label, fn, stmt in queries(archive):
            med, lo, hi, result = _time(fn, repeat)
            rows = result if isinstance(result, int) else (len(result) if hasattr(result, "__len__") else result)
            out.append({"key": key, "label": label, "median_ms": med, "min_ms": lo, "max_ms": hi, "rows": rows,
                        "plan": plan(archive, stmt)})
            print(f"  {key:<26} median {med:9.2f} ms  (min {lo:.2f}, max {hi:.2f})  rows={rows}")
    finally:
        archive.dispose()
    return out


def write_md(sections: list[tuple[str, list[dict[str, Any]], dict[str, Any]]]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    lines = ["## Archive queries at scale (`bench/bench_archive.py`)", ""]
    for title, rows, meta in sections:
        lines.append(f"### {title}")
        lines.append("")
        for k, v in meta.items():
            lines.append(f"- {k}: {v}")
        lines.append("")
        by = {r["key"]: r for r in rows}
        if {"search_name", "totals_by_town", "totals_by_town_year", "code_exact"} <= set(by):
            lines.append(f"- {title}: code lookup **{by['code_exact']['median_ms']:.2f} ms**, name substring search "
                         f"**{by['search_name']['median_ms']:.0f} ms**, ledger totals by town "
                         f"**{by['totals_by_town']['median_ms']:.0f} ms** and by town × year "
                         f"**{by['totals_by_town_year']['median_ms']:.0f} ms** (medians)")
            lines.append("")
        lines.append("| query | median ms | min–max ms | rows | SQLite plan |")
        lines.append("|---|---:|---:|---:|---|")
        for r in rows:
            lines.append(f"| {r['label']} | {r['median_ms']:.2f} | {r['min_ms']:.2f}–{r['max_ms']:.2f} | {r['rows']} | "
                         f"{r['plan'] or '—'} |")
        lines.append("")
    path = RESULTS / "bench_archive.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=100_000, help="projects in the generated archive (default 100000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--fresh", action="store_true", help="regenerate the archive even if a cached one exists")
    ap.add_argument("--pg", help="also run against this (empty) PostgreSQL database URL")
    a = ap.parse_args(argv)
    sections = []
    print(f"SQLite archive with {a.n} projects …")
    url, gen = _archive_url(a.n, a.seed, a.fresh)
    size = Path(url.removeprefix("sqlite:///")).stat().st_size
    meta = {"measured (UTC)": time.strftime("%Y-%m-%d %H:%M", time.gmtime()), "projects": a.n,
            "archive file": f"{size / 1e9:.2f} GB",
            "generation (datagen.make_archive, when this archive was made)": f"{gen:.1f} s" if gen is not None
            else "reused cached archive",
            "repeats per query": a.repeat}
    sections.append((f"SQLite, {a.n:,} projects", run(url, a.repeat), meta))
    if a.pg:
        print(f"PostgreSQL archive with {a.n} projects …")
        stats = datagen.make_archive(a.pg, a.n, seed=a.seed, verbose=True)
        sections.append((f"PostgreSQL, {a.n:,} projects", run(a.pg, a.repeat),
                         {"projects": a.n, "generation": f"{stats.seconds:.1f} s", "repeats per query": a.repeat}))
    print(f"wrote {write_md(sections)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
