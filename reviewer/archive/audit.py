"""Append-only, hash-chained audit events.

``hash = SHA-256(prev_hash ‖ canonical JSON of (at, actor, action, entity, entity_id, reason, payload))``. The
first event chains from 64 zeros. Writers serialise on the chain (SQLite: the write transaction is IMMEDIATE;
PostgreSQL: a transaction-scoped advisory lock), so the chain never forks.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from reviewer.archive.models import AuditEvent, utcnow

GENESIS = "0" * 64
_PG_LOCK_KEY = 7_340_001  # advisory lock id for the audit chain


def _canonical(at: datetime, actor: str, action: str, entity: str, entity_id: str, reason: str, payload: Any) -> bytes:
    body = {
        "at": at.isoformat(timespec="microseconds"),
        "actor": actor,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "reason": reason,
        "payload": payload,
    }
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()


def event_hash(prev_hash: str, ev: AuditEvent) -> str:
    return hashlib.sha256(
        prev_hash.encode() + _canonical(ev.at, ev.actor, ev.action, ev.entity, ev.entity_id, ev.reason, ev.payload)
    ).hexdigest()


def record(session: Session, *, actor: str, action: str, entity: str, entity_id: str | int, reason: str = "",
           payload: dict | None = None) -> AuditEvent:
    """Append one event inside the caller's write transaction."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    prev = session.scalars(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first() or GENESIS
    ev = AuditEvent(at=utcnow(), actor=actor, action=action, entity=entity, entity_id=str(entity_id), reason=reason,
                    payload=json.loads(json.dumps(payload or {}, ensure_ascii=False, default=str)), prev_hash=prev)
    ev.hash = event_hash(prev, ev)
    session.add(ev)
    session.flush()
    return ev


def record_many(session: Session, *, actor: str, action: str, entity: str,
                events: list[tuple[str | int, dict]], reason: str = "") -> None:
    """Append one event per ``(entity_id, payload)`` inside the caller's write transaction, chained in order: the
    same events :func:`record` would give one by one, with the chain worked out in one go and one multi-row INSERT.
    ``payload`` values must be JSON-native (str, int, float, bool, None, lists and dicts of them)."""
    if not events:
        return
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
    session.flush()  # events recorded earlier in this transaction through the ORM come first
    prev = session.scalars(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first() or GENESIS
    rows = []
    for entity_id, payload in events:
        at = utcnow()
        eid = str(entity_id)
        h = hashlib.sha256(prev.encode() + _canonical(at, actor, action, entity, eid, reason, payload)).hexdigest()
        rows.append({"at": at, "actor": actor, "action": action, "entity": entity, "entity_id": eid, "reason": reason,
                     "payload": payload, "prev_hash": prev, "hash": h})
        prev = h
    session.execute(AuditEvent.__table__.insert(), rows)


@dataclass
class ChainProblem:
    event_id: int
    message_zh: str
    message_en: str


def verify_chain(session: Session) -> list[ChainProblem]:
    problems: list[ChainProblem] = []
    prev = GENESIS
    for ev in session.scalars(select(AuditEvent).order_by(AuditEvent.id)):
        if ev.prev_hash != prev:
            problems.append(ChainProblem(ev.id, f"审计事件 #{ev.id} 的前序哈希与链不符（有事件被删除或插入）。",
                                         f"Audit event #{ev.id}: previous hash does not match (event removed or inserted)."))
        if event_hash(ev.prev_hash, ev) != ev.hash:
            problems.append(ChainProblem(ev.id, f"审计事件 #{ev.id} 的内容被改动（哈希不符）。",
                                         f"Audit event #{ev.id}: content was changed (hash mismatch)."))
        prev = ev.hash
    return problems
