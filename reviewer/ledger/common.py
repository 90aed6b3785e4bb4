"""Helpers every ledger module shares: exact decimals from stored floats, and the ledger writers' lock.

Kept in their own module so that budgets and entries, which both need them, do not import each other.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.orm import Session

_PG_LEDGER_LOCK = 7_340_007  # advisory lock id: ledger writers


def D(v: Any) -> Decimal | None:
    """Decimal from a stored float/int/str without binary noise (``Decimal(str(x))``)."""
    if v is None:
        return None
    return v if isinstance(v, Decimal) else Decimal(str(v))


def serialise(session: Session) -> None:
    """Serialise ledger writers. SQLite write transactions are already exclusive (BEGIN IMMEDIATE); on PostgreSQL
    two concurrent syncs would both see "no active entry" under READ COMMITTED and both draw, so they queue on a
    transaction-scoped advisory lock first."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LEDGER_LOCK})
