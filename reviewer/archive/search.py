"""Project search and filtered pages — the one query interface for the CLI, the workbench and the benchmarks.

SQL text with ``:name`` parameters (no SQLAlchemy and no Qt here): the workbench runs it through the standard
``sqlite3`` module before the archive layer has loaded, everything else through SQLAlchemy ``text()``.

* Substring search over 项目代码 / 名称 / 建设单位 / 文号 uses an index: on SQLite the FTS5 table ``project_fts``
  (trigram tokenizer, kept in step with ``projects`` and ``opinions`` by triggers, migration 0003), on PostgreSQL
  ``pg_trgm`` GIN indexes with ``LIKE`` (SQLite matches Latin letters case-insensitively, PostgreSQL exactly).
* A trigram index cannot answer a query shorter than three characters (one- and two-character Chinese names like
  “松江”, “电子” are common). Such a query is answered by ``LIKE`` over the :data:`SHORT_QUERY_SCAN` most recent
  projects only, and the page says so (``Page.partial``) — never a scan of the whole archive.
* Pages are fetched by keyset (``after`` = the last row's sort value and id) on the non-nullable sort columns, so
  the 500th page of a status filter costs what the first does; nullable columns (the tce/CO₂ figures) fall back to
  OFFSET. Only the displayed columns are selected, never ORM objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

MIN_TRIGRAM = 3  # characters an FTS5 trigram / pg_trgm index needs to narrow a substring search
SHORT_QUERY_SCAN = 10_000  # most recent projects a 1–2 character query is matched against (product policy)

LIST_COLUMNS = ("code", "name", "builder", "town", "industry_code", "equivalent_tce", "equal_value_tce",
                "carbon_tco2", "review_level", "status", "application_date")
# Sort columns that never hold NULL, so a keyset (value, id) walks them exactly.
KEYSET_COLUMNS = frozenset({"code", "name", "builder", "town", "industry_code", "status", "application_date", "id"})


@dataclass(frozen=True)
class Criteria:
    search: str = ""  # 项目代码 / 名称 / 建设单位 / 文号
    status: str = ""
    town: str = ""
    industry: str = ""  # GB/T 4754 code prefix
    year: int | None = None  # application year
    review_level: str = ""
    outcome: str = ""  # kind of an issued opinion
    # a condition on ``p`` the caller composes from a layer above (e.g. the case deadlines of reviewer.case.listing:
    # the archive layer does not know them); its ``:name`` parameters in ``extra_params``
    extra_sql: str = ""
    extra_params: tuple[tuple[str, Any], ...] = ()


@dataclass
class Query:
    sql: str
    params: dict[str, Any] = field(default_factory=dict)
    partial: bool = False  # a short search matched against the most recent projects only
    indexed_search: bool = False  # PostgreSQL: the WHERE holds the pg_trgm substring search


def search_index_excluded(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Alembic ``include_name`` hook: the FTS5 table, its shadow tables and the trigram indexes exist only in
    migration SQL, not in the models."""
    return not (name and (name.startswith("project_fts") or name.startswith("trgm_")))


def is_short(text: str) -> bool:
    return 0 < len(text.strip()) < MIN_TRIGRAM


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_phrase(text: str) -> str:
    """An FTS5 string literal: matched as a substring by the trigram tokenizer, operators taken literally."""
    return '"' + text.replace('"', '""') + '"'


def where(c: Criteria, *, dialect: str) -> Query:
    """WHERE clause on ``projects p`` for ``c`` (shared by counts and pages)."""
    sqlite = dialect == "sqlite"
    conds: list[str] = []
    params: dict[str, Any] = {}
    partial = False
    indexed_search = False
    text = c.search.strip()
    if text:
        like_op = "LIKE"
        params["s"] = _like(text)
        like_any = (f"(p.code {like_op} :s ESCAPE '\\' OR p.name {like_op} :s ESCAPE '\\' "
                    f"OR p.builder {like_op} :s ESCAPE '\\' OR p.id IN (SELECT o.project_id FROM opinions o "
                    f"WHERE o.doc_number {like_op} :s ESCAPE '\\'))")
        if len(text) < MIN_TRIGRAM:
            params["short_scan"] = SHORT_QUERY_SCAN
            conds.append("p.id > (SELECT coalesce(max(id), 0) FROM projects) - :short_scan")
            conds.append(like_any)
            partial = True
        elif sqlite:
            params.pop("s")
            params["fts"] = _fts_phrase(text)
            # The FTS rowids drive the read: each match is fetched by primary key, then sorted. The PostgreSQL
            # shape below (sort only id + key, then read the page by primary key) does not pay here: reading the
            # sort key costs the same rowid lookup as reading the row, and the second lookup is extra (paired runs
            # on the 100 000-project archive, 3 665 matches: 11.3 ms now, 12.2 ms narrow-then-page). Walking the
            # sort column's index with ``+p.id IN (…)`` measured 7.7 ms here but 19 ms for a text that matches
            # nothing (a whole-index walk, against 0.2 ms now), so it is not used either.
            conds.append("p.id IN (SELECT rowid FROM project_fts WHERE project_fts MATCH :fts)")
        else:
            # Every arm is an index condition on ``projects`` itself, so PostgreSQL ORs four bitmap index scans
            # (three pg_trgm GIN indexes and the primary key, fed by the 文号 matches as an array) into ONE
            # bitmap heap scan of the matching rows. (A ``p.id IN (… UNION …)`` self-join made the planner hash
            # the matches against a sequential scan of all projects: 113 ms at 100 000 projects, EXPLAIN ANALYZE.)
            # LIKE, not ILIKE: Chinese text and codes have no case, and ILIKE's per-row case folding measured
            # twice as slow (bench/results.md); pg_trgm's GIN opclass serves both.
            conds.append("(p.code LIKE :s ESCAPE '\\' OR p.name LIKE :s ESCAPE '\\' OR p.builder LIKE :s ESCAPE '\\' "
                         "OR p.id = ANY(ARRAY(SELECT o.project_id FROM opinions o "
                         "WHERE o.doc_number LIKE :s ESCAPE '\\')))")
            indexed_search = True
    if c.status:
        params["status"] = c.status
        conds.append("p.status = :status")
    if c.town:
        params["town"] = c.town
        conds.append("p.town = :town")
    if c.industry:
        params["industry"] = c.industry.replace("%", "") + "%"
        conds.append("p.industry_code LIKE :industry")
    if c.year:
        d0, d1 = date(c.year, 1, 1), date(c.year, 12, 31)
        params["d0"], params["d1"] = (d0.isoformat(), d1.isoformat()) if sqlite else (d0, d1)
        conds.append("p.application_date >= :d0 AND p.application_date <= :d1")
    if c.review_level:
        params["level"] = c.review_level
        conds.append("p.review_level = :level")
    if c.outcome:
        params["outcome"] = c.outcome
        conds.append("EXISTS (SELECT 1 FROM opinions o2 WHERE o2.project_id = p.id AND o2.kind = :outcome)")
    if c.extra_sql:
        conds.append(f"({c.extra_sql})")
        params.update(dict(c.extra_params))
    return Query((" WHERE " + " AND ".join(conds)) if conds else "", params, partial, indexed_search)


def count_query(c: Criteria, *, dialect: str) -> Query:
    w = where(c, dialect=dialect)
    return Query(f"SELECT count(*) FROM projects p{w.sql}", w.params, w.partial)


def page_query(c: Criteria, *, dialect: str, sort: str = "code", descending: bool = False, limit: int | None = 200,
               offset: int = 0, after: tuple[Any, int] | None = None,
               columns: tuple[str, ...] = LIST_COLUMNS, sort_expr: str = "", join: str = "",
               sort_params: tuple[tuple[str, Any], ...] = ()) -> Query:
    """One page of ``columns`` + ``id`` (last). ``after`` = (sort value, id) of the previous page's last row:
    a keyset page (``offset`` ignored) when ``sort`` is in :data:`KEYSET_COLUMNS` or ``sort_expr`` is given.

    ``sort_expr`` (never NULL) + ``join`` + ``sort_params``: order by an expression a layer above composes (the case
    deadlines of reviewer.case.listing over ``LEFT JOIN cases c``); ``sort`` is then only its name."""
    if not sort_expr and sort not in LIST_COLUMNS and sort != "id":
        raise ValueError(f"not a sort column: {sort}")
    w = where(c, dialect=dialect)
    params = dict(w.params)
    params.update(dict(sort_params))
    direction = "DESC" if descending else "ASC"
    sql_where = w.sql
    key = sort_expr or ("p.id" if sort == "id" else f"p.{sort}")
    if after is not None and (sort in KEYSET_COLUMNS or sort_expr):
        k, kid = after
        if isinstance(k, date) and dialect == "sqlite":
            k = k.isoformat()
        params["ak"], params["aid"] = k, int(kid)
        op = "<" if descending else ">"
        cond = f"({key}, p.id) {op} (:ak, :aid)" if sort != "id" else f"p.id {op} :aid"
        sql_where = (sql_where + " AND " + cond) if sql_where else " WHERE " + cond
        offset = 0
    order = f"{key} {direction}" + (f", p.id {direction}" if sort != "id" else "")
    params["offset"] = int(offset)
    if limit is None:  # every matching row (CLI listing); SQLite needs a LIMIT before OFFSET
        tail = " LIMIT -1 OFFSET :offset" if dialect == "sqlite" else " OFFSET :offset"
    else:
        params["limit"] = int(limit)
        tail = " LIMIT :limit OFFSET :offset"
    cols = ", ".join(f"p.{col}" for col in columns)
    if w.indexed_search:
        # A GIN scan delivers rows in no order. Left to itself, the planner pairs ORDER BY … LIMIT with a walk of
        # the sort column's B-tree, filtering every row until the page is full — a whole-table walk when the text
        # is rare. The matches are therefore collected first (bitmap heap scan, in a MATERIALIZED CTE the
        # planner cannot flatten), only their id and sort value; those are sorted, and the page's rows are then read
        # by primary key (narrow matches measured 19 ms against 32 ms for whole rows, 3 665 matches of 100 000).
        m_order = f"_k {direction}, id {direction}"
        page_order = f"pg._k {direction}, pg.id {direction}"
        return Query(f"WITH m AS MATERIALIZED (SELECT p.id, {key} AS _k FROM projects p{join}{sql_where}), "
                     f"pg AS (SELECT id, _k FROM m ORDER BY {m_order}{tail}) "
                     f"SELECT {cols}, p.id FROM pg JOIN projects p ON p.id = pg.id ORDER BY {page_order}",
                     params, w.partial)
    return Query(f"SELECT {cols}, p.id FROM projects p{join}{sql_where} ORDER BY {order}{tail}", params, w.partial)


def run(conn: Any, q: Query) -> list[tuple]:
    """Run a query on a SQLAlchemy connection/session."""
    from sqlalchemy import text  # noqa: PLC0415 — keeps this module importable without SQLAlchemy (workbench start)

    return [tuple(r) for r in conn.execute(text(q.sql), q.params)]


def dialect_of(conn: Any) -> str:
    bind = conn.get_bind() if hasattr(conn, "get_bind") else conn
    return bind.dialect.name
