"""Signed opinions are immutable: the ORM refuses to UPDATE or DELETE an opinion row that was stored signed.

Registered when :mod:`reviewer.archive.models` is imported, so every code path through the ORM is covered. Changes
made behind the application's back (SQL typed into the database) cannot be prevented here; ``reviewer archive
check`` detects them from the PDF SHA-256 and the row fingerprint kept in the hash-chained audit log.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import event, inspect

from reviewer.errors import UserError


class ImmutableRecord(UserError):
    """An attempt to change an archived signed document."""


def _was_signed(target: Any) -> bool:
    hist = inspect(target).attrs.signed.history
    before = list(hist.unchanged) + list(hist.deleted)
    return bool(before and before[0])


def _refuse_update(mapper, connection, target) -> None:  # noqa: ANN001
    if _was_signed(target):
        raise ImmutableRecord(
            f"已签名的文书 {target.doc_number} 不可修改；如需更正，请出具新版本文书并注明替代原文书。",
            f"Signed document {target.doc_number} is immutable; issue a new version that supersedes it.")


def _refuse_delete(mapper, connection, target) -> None:  # noqa: ANN001
    if _was_signed(target):
        raise ImmutableRecord(f"已签名的文书 {target.doc_number} 不可删除。",
                              f"Signed document {target.doc_number} cannot be deleted.")


def row_fingerprint(row: Any) -> str:
    """SHA-256 over every column of an opinion row except the PDF bytes (covered by ``sha256``) and ``created_at``."""
    body = {
        "id": row.id, "project_id": row.project_id, "submission_id": row.submission_id,
        "assessment_id": row.assessment_id, "kind": row.kind, "doc_number": row.doc_number, "version": row.version,
        "supersedes_id": row.supersedes_id, "issued_on": row.issued_on.isoformat(), "signed": bool(row.signed),
        "signer": row.signer, "signed_at": row.signed_at.isoformat() if row.signed_at else None,
        "sha256": row.sha256, "view_model": row.view_model,
    }
    return hashlib.sha256(json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                                     default=str).encode()).hexdigest()


def install(opinion_cls: Any) -> None:
    if not event.contains(opinion_cls, "before_update", _refuse_update):
        event.listen(opinion_cls, "before_update", _refuse_update)
        event.listen(opinion_cls, "before_delete", _refuse_delete)
