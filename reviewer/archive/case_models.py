"""Archive tables of the case file (issue 14): one case per application, its dated events and its attachments.

- ``cases``: one row per project (the application); its status is *derived* from the events. ``status``,
  ``accept_due`` (+ kind) and ``decision_due`` are a denormalised copy of that derivation, rewritten by the case use
  cases in the same transaction as every event (``reviewer.usecases.cases._sync``), so the case list filters overdue
  and due-soon cases in SQL over indexes; never edited by hand.
- ``case_events``: the timeline — received, correction requested, corrected, accepted (受理), expert review
  commissioned / returned, extension, decision, issued, acceptance, change, lapse — each also an audit event (the
  audit chain protects it: the event's id and content are in the payload).
- ``case_blobs``: attachment bytes stored once by SHA-256 (content-addressed), in the archive itself so backups and
  a PostgreSQL archive carry them; ``case_attachments``: one attached file (kind, original name, who, when).
- ``review_bodies``: the office's list of technically capable 评审机构 (令第31号 第十五条).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from reviewer.archive.models import UTC, Base, utcnow


class Case(Base):
    __tablename__ = "cases"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="RESTRICT"), unique=True)
    received_on: Mapped[date] = mapped_column(Date, index=True)
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)
    # derived from the events (see the module docstring; NULL = not derived yet, e.g. a case migrated from 0002);
    # the next deadline on day T is
    # ``accept_due`` if accept_due >= T, else ``decision_due`` (reviewer.case.timeline.Clock.next_due)
    status: Mapped[str | None] = mapped_column(String(20), nullable=True, default="received", index=True)
    accept_due: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    accept_due_kind: Mapped[str] = mapped_column(String(20), default="", server_default="")
    decision_due: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)
    # reviewer.rules.deadlines.fingerprint of the calendar + periods the columns above were computed with (0006);
    # '' = unknown: the columns are recomputed when it differs from the running rules' fingerprint
    rules_fp: Mapped[str] = mapped_column(String(32), default="", server_default="", index=True)


class CaseEvent(Base):
    """One dated step of the case; append-only (a correction of a step is a new event)."""

    __tablename__ = "case_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    occurred_on: Mapped[date] = mapped_column(Date)
    actor: Mapped[str] = mapped_column(String(100), default="")
    reason: Mapped[str] = mapped_column(Text, default="")
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class CaseBlob(Base):
    """Attachment bytes, stored once per content (SHA-256)."""

    __tablename__ = "case_blobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)


class CaseAttachment(Base):
    __tablename__ = "case_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="RESTRICT"), index=True)
    blob_id: Mapped[int] = mapped_column(ForeignKey("case_blobs.id", ondelete="RESTRICT"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    item: Mapped[str] = mapped_column(String(40), default="")  # checklist item it answers
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(100))
    original_name: Mapped[str] = mapped_column(String(255))
    analysis: Mapped[dict] = mapped_column(JSON, default=dict)  # e.g. the 节能报告 structure check
    added_by: Mapped[str] = mapped_column(String(100), default="")
    added_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class ReviewBody(Base):
    """A reviewing body on the office's list (令第31号 第十五条: 具备技术能力的机构)."""

    __tablename__ = "review_bodies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    note: Mapped[str] = mapped_column(Text, default="")
    added_by: Mapped[str] = mapped_column(String(100), default="")
    added_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)
