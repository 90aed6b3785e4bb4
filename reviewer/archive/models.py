"""Archive tables. One typed declarative base with a naming convention; UTC-aware timestamps.

Canonical data is the JSON stored with each row (submission content, assessment result and its parameter
snapshot); the numeric columns beside it (``equivalent_tce`` …) are query caches for lists and ledger totals.
Signed opinion PDFs are stored as bytes with their SHA-256 and are never updated: a correction is a new row that
``supersedes`` the old one. Audit events form a hash chain (``prev_hash`` → ``hash``).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import (JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, MetaData,
                        String, Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from reviewer.archive import compact, guard

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(timezone.utc)




from sqlalchemy.types import TypeDecorator  # noqa: E402


class UTC(TypeDecorator):
    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Project(Base):
    __tablename__ = "projects"
    # Filter + default sort of the browser (status or town, by 项目代码): the first page and every keyset page are
    # read straight off the index, never sorting the filtered set (reviewer.archive.search).
    __table_args__ = (Index("ix_projects_status_code", "status", "code", "id"),
                      Index("ix_projects_town_code", "town", "code", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    builder: Mapped[str] = mapped_column(String(200))
    town: Mapped[str] = mapped_column(String(40), index=True)
    industry_code: Mapped[str] = mapped_column(String(10), index=True)
    project_type: Mapped[str] = mapped_column(String(10))
    application_date: Mapped[date] = mapped_column(Date, index=True)
    commissioning_year: Mapped[int | None] = mapped_column(Integer, index=True)
    # 待审 received | 审查中 in_review | 补正 correction | 已通过 approved | 不予通过 rejected | 失效 lapsed
    status: Mapped[str] = mapped_column(String(20), default="received", index=True)
    review_level: Mapped[str | None] = mapped_column(String(20), index=True)
    equivalent_tce: Mapped[float | None] = mapped_column(Float)
    equal_value_tce: Mapped[float | None] = mapped_column(Float)
    carbon_tco2: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTC, default=utcnow, onupdate=utcnow)

    submissions: Mapped[list["Submission"]] = relationship(back_populates="project", order_by="Submission.version")
    opinions: Mapped[list["Opinion"]] = relationship(back_populates="project", order_by="Opinion.id")


class Submission(Base):
    """One received version of the applicant's data; never edited, a changed file is a new version."""

    __tablename__ = "submissions"
    __table_args__ = (
        UniqueConstraint("project_id", "version", name="uq_submissions_project_version"),
        UniqueConstraint("project_id", "content_sha256", name="uq_submissions_project_content"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="RESTRICT"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    content_sha256: Mapped[str] = mapped_column(String(64))
    source_name: Mapped[str] = mapped_column(String(255))
    source_format: Mapped[str] = mapped_column(String(10))  # json | xlsx | ui
    data: Mapped[dict] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)
    received_by: Mapped[str] = mapped_column(String(100), default="")

    project: Mapped[Project] = relationship(back_populates="submissions")
    assessments: Mapped[list["AssessmentRow"]] = relationship(back_populates="submission", order_by="AssessmentRow.id")


class RuleSnapshot(Base):
    """One distinct parameter snapshot of the rule packs (content-addressed), shared by every assessment made
    under it. ``data`` is the zlib-compressed canonical JSON (``reviewer.archive.compact``)."""

    __tablename__ = "rule_snapshots"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class AssessmentRow(Base):
    """A rule-engine run over one submission with the parameter snapshot it used.

    Rows written since migration 0003 keep ``result``/``parameters`` empty and store the compact trace in
    ``result_z`` over the shared ``snapshot``; older rows keep the full JSON. :meth:`full_result` reads both."""

    __tablename__ = "assessments"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id", ondelete="RESTRICT"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)
    regime_date: Mapped[date] = mapped_column(Date)
    engine_version: Mapped[str] = mapped_column(String(20))
    result: Mapped[dict] = mapped_column(JSON)
    parameters: Mapped[dict] = mapped_column(JSON)
    overrides: Mapped[dict] = mapped_column(JSON, default=dict)
    equivalent_tce: Mapped[float] = mapped_column(Float)
    equal_value_tce: Mapped[float] = mapped_column(Float)
    carbon_tco2: Mapped[float | None] = mapped_column(Float)
    # References rule_snapshots.id (kept by the application: a column added without rebuilding the table).
    snapshot_id: Mapped[int | None] = mapped_column(Integer, index=True)
    result_z: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    submission: Mapped[Submission] = relationship(back_populates="assessments")
    snapshot: Mapped[RuleSnapshot | None] = relationship(
        primaryjoin="foreign(AssessmentRow.snapshot_id) == RuleSnapshot.id", viewonly=True)

    def full_result(self) -> dict:
        """The assessment exactly as ``Assessment.to_dict()`` produced it (the public format), with every trace
        step's parameter records re-expanded from the shared snapshot."""
        if self.result_z is None:
            return {**self.result, "parameters": self.parameters}
        snap = self.snapshot
        params = compact.unpack(snap.data) if snap else {}
        return compact.expand(compact.unpack(self.result_z, compact.zdict_of(params)), params)


class ReviewDecision(Base):
    """A reviewer's remark on, or audited override of, one finding of an assessment."""

    __tablename__ = "review_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="RESTRICT"), index=True)
    finding_id: Mapped[str] = mapped_column(String(20))
    override_status: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text, default="")
    remark: Mapped[str] = mapped_column(Text, default="")
    reviewer: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class Opinion(Base):
    """An issued document (审查意见 / 不予通过 / 补正通知 / 验收意见 …). Signed rows are immutable."""

    __tablename__ = "opinions"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="RESTRICT"), index=True)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id", ondelete="RESTRICT"))
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(20))  # approval | rejection | correction | acceptance | change
    doc_number: Mapped[str] = mapped_column(String(60), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("opinions.id", ondelete="RESTRICT"))
    issued_on: Mapped[date] = mapped_column(Date, index=True)
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    signer: Mapped[str] = mapped_column(String(200), default="")
    signed_at: Mapped[datetime | None] = mapped_column(UTC)
    # Deferred: lists and the ledger read opinions often; the PDF and its view-model only when asked for.
    pdf: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    sha256: Mapped[str] = mapped_column(String(64))
    view_model: Mapped[dict] = mapped_column(JSON, deferred=True)  # the typed view-model the PDF was rendered from
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)

    project: Mapped[Project] = relationship(back_populates="opinions")


# Signed opinions are immutable: the ORM refuses updates/deletes of signed rows (reviewer/archive/guard.py).
guard.install(Opinion)


class DocNumberSequence(Base):
    """One 文号 sequence per (prefix, year); numbers are handed out inside the writing transaction."""

    __tablename__ = "doc_number_sequences"
    __table_args__ = (UniqueConstraint("prefix", "year", name="uq_doc_number_sequences_prefix_year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    prefix: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    last_value: Mapped[int] = mapped_column(Integer, default=0)


class AuditEvent(Base):
    """Append-only, hash-chained record of who did what, when and why."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTC, default=utcnow)
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(50), index=True)
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str] = mapped_column(String(60), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


Index("ix_projects_name", Project.name)
Index("ix_projects_builder", Project.builder)
# Covering indexes for ledger totals and filtered lists (bench/bench_archive.py at 100k projects: totals by town ×
# year 294 → 149 ms, approved totals by town 50 → 17 ms, one town's approved page 7.3 → 0.1 ms).
Index("ix_projects_town_date", Project.town, Project.application_date, Project.status, Project.equivalent_tce,
      Project.equal_value_tce, Project.carbon_tco2)
Index("ix_projects_status_town", Project.status, Project.town, Project.equivalent_tce, Project.equal_value_tce,
      Project.carbon_tco2)


# -- district ledger (reviewer.ledger) ------------------------------------------------------------------------------
class LedgerBudget(Base):
    """A district budget for one year: the district total (town = industry = ""), a 街镇/园区 allocation (town set)
    or an industry allocation (industry_code set, optionally within a town). Edited only through
    ``reviewer.ledger.budget.set_budget``, which writes a :class:`LedgerBudgetChange` and an audit event."""

    __tablename__ = "ledger_budgets"
    __table_args__ = (UniqueConstraint("year", "town", "industry_code", name="uq_ledger_budgets_year_scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    town: Mapped[str] = mapped_column(String(40), default="")
    industry_code: Mapped[str] = mapped_column(String(10), default="")
    energy_equivalent_tce: Mapped[float | None] = mapped_column(Float)
    energy_equal_value_tce: Mapped[float | None] = mapped_column(Float)
    carbon_tco2: Mapped[float | None] = mapped_column(Float)
    note: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class LedgerBudgetChange(Base):
    """History of one budget row: values before and after, who, when and why."""

    __tablename__ = "ledger_budget_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    budget_id: Mapped[int] = mapped_column(ForeignKey("ledger_budgets.id", ondelete="RESTRICT"), index=True)
    before: Mapped[dict] = mapped_column(JSON)
    after: Mapped[dict] = mapped_column(JSON)
    changed_by: Mapped[str] = mapped_column(String(100))
    changed_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)
    reason: Mapped[str] = mapped_column(Text)


class LedgerChangeRequest(Base):
    """A 变更申请 (令第31号 第十八条) against the opinion in force: 重大变动 types, the changed figures, and the outcome
    同意变更 (approved_change) or 重新审查 (re_review)."""

    __tablename__ = "ledger_change_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="RESTRICT"), index=True)
    original_opinion_id: Mapped[int] = mapped_column(ForeignKey("opinions.id", ondelete="RESTRICT"), index=True)
    change_types: Mapped[list] = mapped_column(JSON)
    description: Mapped[str] = mapped_column(Text, default="")
    requested_on: Mapped[date] = mapped_column(Date)
    proposed: Mapped[dict] = mapped_column(JSON)  # changed figures/attributes
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending|approved_change|re_review
    decided_on: Mapped[date | None] = mapped_column(Date)
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    decision_reason: Mapped[str] = mapped_column(Text, default="")
    decision_opinion_id: Mapped[int | None] = mapped_column(ForeignKey("opinions.id", ondelete="RESTRICT"))
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class LedgerEntry(Base):
    """What one project version draws on the budget of its commissioning year.

    Exactly one entry per project is ``active``; when the version in force changes (superseding opinion, approved
    change) the active entry becomes ``superseded`` and a new one is written; a lapse marks it ``lapsed`` and frees
    the budget. Project attributes are copied so the ledger reads as it stood when drawn (and so imported historic
    entries need no project row)."""

    __tablename__ = "ledger_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="RESTRICT"), index=True)
    opinion_id: Mapped[int | None] = mapped_column(ForeignKey("opinions.id", ondelete="RESTRICT"), index=True)
    change_request_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_change_requests.id", ondelete="RESTRICT"))
    project_code: Mapped[str] = mapped_column(String(40), index=True)
    project_name: Mapped[str] = mapped_column(String(200))
    builder: Mapped[str] = mapped_column(String(200), default="")
    town: Mapped[str] = mapped_column(String(40), index=True)
    industry_code: Mapped[str] = mapped_column(String(10), default="")
    year: Mapped[int] = mapped_column(Integer, index=True)
    doc_number: Mapped[str] = mapped_column(String(60), default="")
    approved_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date | None] = mapped_column(Date)
    construction_started_on: Mapped[date | None] = mapped_column(Date)
    equivalent_tce: Mapped[float] = mapped_column(Float)
    equal_value_tce: Mapped[float] = mapped_column(Float)
    carbon_tco2: Mapped[float | None] = mapped_column(Float)
    green_power_kwh: Mapped[float] = mapped_column(Float, default=0.0)
    green_certificate_kwh: Mapped[float] = mapped_column(Float, default=0.0)
    green_deduction_equivalent_tce: Mapped[float] = mapped_column(Float, default=0.0)
    green_deduction_equal_value_tce: Mapped[float] = mapped_column(Float, default=0.0)
    energy_source: Mapped[str] = mapped_column(String(200), default="")  # 新增空间 / 能耗替代来源
    origin: Mapped[str] = mapped_column(String(20), default="opinion")  # opinion | change | imported
    status: Mapped[str] = mapped_column(String(20), default="active", index=True)  # active|superseded|lapsed|released
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class LedgerAcceptance(Base):
    """A completion acceptance (节能验收 / 碳排放核验): actual figures compared with the approved caps, the regime's
    rule applied, and the 验收意见 document issued for it."""

    __tablename__ = "ledger_acceptances"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="RESTRICT"), index=True)
    opinion_id: Mapped[int] = mapped_column(ForeignKey("opinions.id", ondelete="RESTRICT"))
    entry_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id", ondelete="RESTRICT"))
    accepted_on: Mapped[date] = mapped_column(Date)
    regime: Mapped[str] = mapped_column(String(60))
    source_name: Mapped[str] = mapped_column(String(255), default="")
    actual: Mapped[dict] = mapped_column(JSON)
    comparison: Mapped[dict] = mapped_column(JSON)
    outcome: Mapped[str] = mapped_column(String(20))  # pass | overrun
    consequence: Mapped[str] = mapped_column(String(30), default="")  # "" | change_request | rectification
    document_id: Mapped[int | None] = mapped_column(ForeignKey("opinions.id", ondelete="RESTRICT"))  # 验收意见
    sha256: Mapped[str] = mapped_column(String(64), default="")  # of the issued 验收意见 PDF
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


class RulePackRow(Base):
    """An imported rule pack (``reviewer rules import``): its files, manifest and signer. One row is active.

    Rows are never edited apart from the ``active`` flag; assessments record the version and hash they ran under.
    """

    __tablename__ = "rule_packs"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(40))
    content_sha256: Mapped[str] = mapped_column(String(64), index=True)
    files: Mapped[dict] = mapped_column(JSON)  # relative path → UTF-8 text
    manifest: Mapped[dict] = mapped_column(JSON)
    signer: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    imported_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)
    imported_by: Mapped[str] = mapped_column(String(100), default="")


class ParameterVerificationRow(Base):
    """The office's audited confirmation that a parameter value is right (``reviewer rules verify``)."""

    __tablename__ = "parameter_verifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    parameter_id: Mapped[str] = mapped_column(String(120), index=True)
    value: Mapped[str] = mapped_column(String(200))  # the confirmed value, as text
    source: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    document_name: Mapped[str] = mapped_column(String(255), default="")
    document_sha256: Mapped[str] = mapped_column(String(64), default="")
    document: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    actor: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTC, default=utcnow)


# -- the case file (reviewer.case): tables declared in their own module, registered on this Base -------------------
from reviewer.archive import case_models  # noqa: E402,F401
