"""文号 allocation: one gap-free sequence per (prefix, year) in ``doc_number_sequences``.

A number is taken INSIDE the caller's write transaction, by a single atomic upsert
``INSERT … ON CONFLICT (prefix, year) DO UPDATE SET last_value = last_value + 1 RETURNING last_value``:

* SQLite: write transactions start with ``BEGIN IMMEDIATE`` (see :mod:`reviewer.archive.db`), so a second writer
  process waits for the first to commit — no two transactions ever read the same ``last_value``.
* PostgreSQL: the upsert takes the row lock (the same lock ``SELECT … FOR UPDATE`` would), so concurrent
  transactions queue on it and each sees the committed value of the one before.

If the transaction rolls back (rendering or signing failed), the increment rolls back with it: the number was never
issued, so the next document takes it — no gap, and no issued number is ever handed out twice (``opinions.doc_number``
is also UNIQUE as a last line of defence).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.archive.models import DocNumberSequence, Opinion
from reviewer.errors import UserError


def allocate(session: Session, prefix: str, year: int) -> int:
    """Take the next number of (prefix, year) in the caller's write transaction."""
    dialect = session.get_bind().dialect.name
    table = DocNumberSequence.__table__
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    else:  # other backends: lock the row explicitly
        return _allocate_for_update(session, prefix, year)
    stmt = insert(table).values(prefix=prefix, year=year, last_value=1)
    stmt = stmt.on_conflict_do_update(index_elements=[table.c.prefix, table.c.year],
                                      set_={"last_value": table.c.last_value + 1}).returning(table.c.last_value)
    return int(session.execute(stmt).scalar_one())


def _allocate_for_update(session: Session, prefix: str, year: int) -> int:
    row = session.scalars(select(DocNumberSequence).where(DocNumberSequence.prefix == prefix,
                                                          DocNumberSequence.year == year).with_for_update()).first()
    if row is None:
        row = DocNumberSequence(prefix=prefix, year=year, last_value=0)
        session.add(row)
    row.last_value += 1
    session.flush()
    return row.last_value


def format_number(pattern: str, prefix: str, year: int, n: int) -> str:
    """Apply the settings pattern, e.g. ``{prefix}〔{year}〕{n}号`` → 松发改能审〔2026〕12号 (no leading zeros)."""
    try:
        return pattern.format(prefix=prefix, year=year, n=n)
    except (KeyError, IndexError, ValueError):
        raise UserError(f"文号格式设置有误：{pattern!r}（只能使用 {{prefix}} {{year}} {{n}}）。",
                        f"Bad document-number pattern {pattern!r} (only {{prefix}} {{year}} {{n}} are allowed).") from None


def next_doc_number(session: Session, pattern: str, prefix: str, year: int) -> str:
    """Allocate and format the next 文号; refuses a number already used (e.g. a sequence reset by hand)."""
    n = allocate(session, prefix, year)
    number = format_number(pattern, prefix, year, n)
    if session.scalar(select(Opinion.id).where(Opinion.doc_number == number)) is not None:
        raise UserError(f"文号 {number} 已被使用（文号序列可能被人工改动），未出具文书，请运行 reviewer archive check。",
                        f"Document number {number} is already taken (sequence altered?); nothing issued.")
    return number
