"""Indexed project search and keyset pages (issue 15), on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm).

Rows are written through the real import path (``store_submission``) and an opinion row, so the FTS triggers /
trigram indexes are exercised in the same transaction as the row. Plans are checked with EXPLAIN: the search
must use the index, not scan ``projects``.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import text

from reviewer.archive import search
from reviewer.archive.models import Opinion, Project
from reviewer.services import list_projects, store_submission
from reviewer.submission.parse import load_json

NAMES = [("松江电子传感器扩产项目", "上海某精密电子有限公司", "received"),
         ("车墩镇数据中心新建项目", "上海云算科技有限公司", "approved"),
         ("九亭医院门诊楼项目", "上海市松江区某医院", "received"),
         ("泗泾物流园光伏项目", "上海某物流有限公司", "approved"),
         ("洞泾镇锅炉改造项目", "上海某热力有限公司", "received")]


@pytest.fixture
def seeded(any_archive, demo_dir):
    base = load_json(demo_dir / "hospital.json")
    for i, (name, builder, status) in enumerate(NAMES):
        code = f"2026-310117-84-01-00010{i}"
        sub = dataclasses.replace(base, project=dataclasses.replace(base.project, code=code, name=name, builder=builder))
        any_archive.run_write(lambda s, sub=sub: store_submission(s, sub, source_name=f"{i}.json", source_format="json"))
    with any_archive.write() as s:
        p = s.query(Project).filter(Project.name == NAMES[3][0]).one()
        s.add(Opinion(project_id=p.id, kind="approval", doc_number="松发改能审〔2026〕12号", issued_on=date(2026, 3, 1),
                      pdf=b"%PDF", sha256="0" * 64, view_model={}))
        for p in s.query(Project):
            p.status = dict((n, st) for n, _, st in NAMES)[p.name]
    return any_archive


def _names(archive, crit: search.Criteria, **kw) -> list[str]:
    with archive.engine.connect() as c:
        q = search.page_query(crit, dialect=c.dialect.name, sort="name", columns=("name",), **kw)
        return [r[0] for r in search.run(c, q)]


def test_substring_search_over_code_name_builder_and_doc_number(seeded):
    assert _names(seeded, search.Criteria(search="数据中心")) == ["车墩镇数据中心新建项目"]
    assert _names(seeded, search.Criteria(search="精密电子")) == ["松江电子传感器扩产项目"]  # 建设单位
    assert _names(seeded, search.Criteria(search="00010")) == sorted(n for n, _, _ in NAMES)  # 项目代码
    assert _names(seeded, search.Criteria(search="〔2026〕12号")) == ["泗泾物流园光伏项目"]  # 文号 (opinions table)
    assert _names(seeded, search.Criteria(search="不存在的名称")) == []
    # operators and LIKE wildcards are taken literally
    assert _names(seeded, search.Criteria(search='"OR 1')) == [] and _names(seeded, search.Criteria(search="%%%")) == []


def test_one_and_two_character_queries_use_a_bounded_like(seeded, monkeypatch):
    """Trigram indexes need ≥ 3 characters; 1–2 character Chinese queries match the most recent projects only."""
    q = search.page_query(search.Criteria(search="松江"), dialect="sqlite")
    assert q.partial and q.params["short_scan"] == search.SHORT_QUERY_SCAN
    assert _names(seeded, search.Criteria(search="松江")) == ["九亭医院门诊楼项目", "松江电子传感器扩产项目"]
    assert _names(seeded, search.Criteria(search="锅")) == ["洞泾镇锅炉改造项目"]
    monkeypatch.setattr(search, "SHORT_QUERY_SCAN", 2)  # only the two newest projects are looked at
    assert _names(seeded, search.Criteria(search="项目")) == ["泗泾物流园光伏项目", "洞泾镇锅炉改造项目"]
    assert _names(seeded, search.Criteria(search="松江")) == []  # older rows: not scanned (page is flagged partial)


def test_index_follows_renames_and_new_document_numbers_in_the_same_transaction(seeded):
    with seeded.write() as s:
        p = s.query(Project).filter(Project.name == NAMES[0][0]).one()
        p.name = "松江新城微电子产线项目"
        s.flush()
        with_new = [r[0] for r in search.run(s, search.page_query(search.Criteria(search="微电子产线"),
                                                                   dialect=s.get_bind().dialect.name,
                                                                   columns=("name",)))]
        assert with_new == ["松江新城微电子产线项目"]  # visible inside the writing transaction already
    assert _names(seeded, search.Criteria(search="传感器扩产")) == []
    assert [p.name for p in _list(seeded, "微电子")] == ["松江新城微电子产线项目"]


def _list(archive, text_: str):
    with archive.read() as s:
        return list_projects(s, search=text_)


def test_status_filter_pages_by_keyset(seeded):
    crit = search.Criteria(status="received")
    first = _names(seeded, crit, limit=2)
    assert first == ["九亭医院门诊楼项目", "松江电子传感器扩产项目"]
    with seeded.engine.connect() as c:
        page1 = search.run(c, search.page_query(crit, dialect=c.dialect.name, sort="name", limit=2,
                                                columns=("name",)))
        after = (page1[-1][0], page1[-1][-1])
        q = search.page_query(crit, dialect=c.dialect.name, sort="name", limit=2, after=after, columns=("name",))
        assert "OFFSET :offset" in q.sql and q.params["offset"] == 0 and ":ak" in q.sql
        assert [r[0] for r in search.run(c, q)] == ["洞泾镇锅炉改造项目"]
        desc = search.run(c, search.page_query(crit, dialect=c.dialect.name, sort="name", descending=True, limit=1,
                                               after=after, columns=("name",)))
        assert [r[0] for r in desc] == ["九亭医院门诊楼项目"]


def test_search_plan_uses_the_index(seeded):
    with seeded.engine.connect() as c:
        q = search.page_query(search.Criteria(search="数据中心"), dialect=c.dialect.name, sort="name")
        if c.dialect.name == "sqlite":
            plan = " ".join(str(r[-1]) for r in c.execute(text("EXPLAIN QUERY PLAN " + q.sql), q.params))
            assert "project_fts VIRTUAL TABLE INDEX" in plan, plan
            # The FTS matches drive the read: each matching row is fetched by primary key and the matches sorted
            # afterwards — never a walk of the sort column's index testing every row (a whole-index walk when the
            # text is rare), never a scan of projects.
            assert "SEARCH p USING INTEGER PRIMARY KEY" in plan, plan
            steps = [str(r[-1]) for r in c.execute(text("EXPLAIN QUERY PLAN " + q.sql), q.params)]
            assert not [st for st in steps if st == "SCAN p" or st.startswith("SCAN p ")], plan
            assert "ix_projects_name" not in plan and "USE TEMP B-TREE FOR ORDER BY" in plan, plan
        else:
            c.execute(text("SET enable_seqscan = off"))  # 5 rows: make the planner show it can use the index
            plan = " ".join(r[0] for r in c.execute(text("EXPLAIN " + q.sql), q.params))
            assert "trgm_projects_name" in plan, plan
            # The matches are collected by ONE bitmap heap scan of projects (the four arms OR'ed) and sorted
            # afterwards: never a walk of the sort column's B-tree filtering every row until the page is full.
            assert "BitmapOr" in plan and "Bitmap Heap Scan on projects" in plan, plan
            assert "ix_projects_name" not in plan and "Seq Scan on projects" not in plan, plan


def test_search_pages_in_sort_order_with_keyset_on_both_dialects(seeded):
    """The page of a substring search is the sorted matches, page after page, whichever column sorts it."""
    with seeded.engine.connect() as c:
        d = c.dialect.name
        everything = search.run(c, search.page_query(search.Criteria(search="项目"), dialect=d, sort="name",
                                                     limit=None, columns=("name", "code")))
        assert len(everything) == 5  # “项目” is 2 characters: the bounded LIKE; now ≥ 3 characters, the index:
        for sort, desc in (("name", False), ("code", True), ("id", False), ("application_date", True)):
            crit = search.Criteria(search="有限公司")  # 建设单位 of four projects
            rows = search.run(c, search.page_query(crit, dialect=d, sort=sort, descending=desc, limit=None,
                                                   columns=("name", "code", "application_date")))
            key = {"name": 0, "code": 1, "application_date": 2, "id": 3}[sort]
            assert [r[0] for r in rows] == [r[0] for r in sorted(rows, key=lambda r: (r[key], r[3]), reverse=desc)]
            assert len(rows) == 4
            pages, after = [], None
            while True:
                page = search.run(c, search.page_query(crit, dialect=d, sort=sort, descending=desc, limit=3,
                                                       after=after, columns=("name", "code", "application_date")))
                if not page:
                    break
                pages += page
                last = page[-1]
                after = (last[key], last[3])
            assert [r[0] for r in pages] == [r[0] for r in rows]
            count = c.execute(text(search.count_query(crit, dialect=d).sql),
                              search.count_query(crit, dialect=d).params).scalar()
            assert count == 4
