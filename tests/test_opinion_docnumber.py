"""文号 allocation: one gap-free sequence per (prefix, year), never a duplicate — also with concurrent writer processes
on a real SQLite file and on a real PostgreSQL server."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from sqlalchemy import select

from reviewer.archive.db import Archive
from reviewer.archive.docnumber import allocate, format_number, next_doc_number
from reviewer.archive.models import DocNumberSequence
from reviewer.errors import UserError

WORKER = textwrap.dedent("""
    import sys
    from reviewer.archive.db import Archive
    from reviewer.archive.docnumber import allocate
    url, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    a = Archive(url, migrate=False)
    got = [a.run_write(lambda s: allocate(s, "松发改能审", 2026)) for _ in range(n)]
    open(out, "w").write(" ".join(map(str, got)))
""")


def _race(url: str, tmp_path, processes: int, per_process: int) -> list[int]:
    Archive(url).dispose()  # migrate once before the race
    outs = [tmp_path / f"w{i}.txt" for i in range(processes)]
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, url, str(per_process), str(o)]) for o in outs]
    for p in procs:
        assert p.wait(timeout=120) == 0
    return [int(x) for o in outs for x in o.read_text().split()]


def test_numbers_are_sequential_per_prefix_and_year(archive):
    with archive.write() as s:
        assert [allocate(s, "松发改能审", 2026) for _ in range(3)] == [1, 2, 3]
        assert allocate(s, "松发改能审", 2027) == 1
        assert allocate(s, "松发改环资", 2026) == 1
    with archive.read() as s:
        rows = {(r.prefix, r.year): r.last_value for r in s.scalars(select(DocNumberSequence))}
    assert rows == {("松发改能审", 2026): 3, ("松发改能审", 2027): 1, ("松发改环资", 2026): 1}


def test_rolled_back_transaction_does_not_use_up_a_number(archive):
    with archive.write() as s:
        assert allocate(s, "P", 2026) == 1

    class Boom(Exception):
        pass

    with pytest.raises(Boom):
        with archive.write() as s:
            assert allocate(s, "P", 2026) == 2
            raise Boom  # e.g. rendering or signing failed: nothing was issued
    with archive.write() as s:
        assert allocate(s, "P", 2026) == 2  # no gap: number 2 was never issued


def test_format_follows_gbt9704():
    assert format_number("{prefix}〔{year}〕{n}号", "松发改能审", 2026, 12) == "松发改能审〔2026〕12号"
    with pytest.raises(UserError):
        format_number("{prefix}〔{yr}〕{n}号", "X", 2026, 1)


def test_two_writer_processes_on_sqlite_never_duplicate_or_skip(sqlite_url, tmp_path):
    got = _race(sqlite_url, tmp_path, processes=2, per_process=25)
    assert sorted(got) == list(range(1, 51))


@pytest.mark.postgres
def test_several_writer_processes_on_postgres_never_duplicate_or_skip(pg_url, tmp_path):
    got = _race(pg_url, tmp_path, processes=4, per_process=15)
    assert sorted(got) == list(range(1, 61))


def test_an_already_used_number_is_refused(archive):
    """If someone resets the sequence by hand, the UNIQUE 文号 would collide: refused with a clear message."""
    from datetime import date

    from reviewer.archive.models import Opinion, Project

    with archive.write() as s:
        p = Project(code="X-1", name="n", builder="b", town="t", industry_code="39", project_type="新建",
                    application_date=date(2026, 1, 1))
        s.add(p)
        s.flush()
        s.add(Opinion(project_id=p.id, kind="approval", doc_number="P〔2026〕1号", issued_on=date(2026, 1, 2),
                      pdf=b"%PDF-", sha256="0" * 64, view_model={}))
    with pytest.raises(UserError, match="已被使用"):
        with archive.write() as s:
            next_doc_number(s, "{prefix}〔{year}〕{n}号", "P", 2026)
