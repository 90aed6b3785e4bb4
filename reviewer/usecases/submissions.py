"""Use cases around submissions and their assessment: the defaults every entry point applies.

The reviewer's defaults from Settings — electricity factor basis and regime date — apply the same way whether a
submission is assessed by ``reviewer import``, ``reviewer opinion`` or the review wizard (issue 11 §4).

The review wizard's writes are use cases here, each one transaction with its audit event: :func:`start_review`,
:func:`record_finding_decision`, :func:`store_reviewed_version`, :func:`record_assessment`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.archive import audit
from reviewer.archive.models import AssessmentRow, Project, ReviewDecision
from reviewer.archive.models import Submission as SubmissionRow
from reviewer.domain.model import Submission
from reviewer.errors import UserError
from reviewer.rules.engine import Assessment, assess
from reviewer.services import district_budget_layer, save_assessment, store_submission
from reviewer.settings import Settings
from reviewer.usecases.base import Change, Context, Result


def assess_defaults(cfg: Settings) -> tuple[dict[str, Any] | None, date | None]:
    """``(choices, regime_date)`` from the settings: the carbon choices to pass to ``assess`` and the regime date
    (``None`` = the engine's default / the application date)."""
    choices = {"electricity_basis": cfg.default_factor_basis} if cfg.default_factor_basis else None
    regime = None
    if cfg.regime_date:
        try:
            regime = date.fromisoformat(cfg.regime_date)
        except ValueError:
            raise UserError(f"设置中的规则适用日期 {cfg.regime_date!r} 不是 YYYY-MM-DD 格式。",
                            f"Settings regime_date {cfg.regime_date!r} is not YYYY-MM-DD.") from None
    return choices, regime


@dataclass(frozen=True)
class AssessRequest:
    """Assess one submission (not stored): what-if ``overrides``, carbon ``choices``, regime date ``on``.

    The reviewer's explicit choice wins over the settings' defaults: ``on`` (CLI ``--date``, the wizard's date
    field) over the settings' regime date; ``use_application_date`` (the wizard's "the application date" box) is the
    explicit choice of the application date — the settings' regime date does not apply, and the date is recorded as
    chosen (``regime_date_source`` ``override``, as ``--date <application date>`` would be). ``choices`` not ``None``
    (an empty mapping included) replace the settings' default choices.
    """

    submission: Submission
    on: date | None = None
    overrides: Mapping[str, Any] | None = None
    choices: Mapping[str, Any] | None = None
    decision_date: date | None = None  # 令第31号 第三十四条 / corrections.md A2: procedure follows the decision date
    use_application_date: bool = False


def assess_submission(ctx: Context | None, req: AssessRequest) -> Result[Assessment]:
    """The assessment the archive would store: the district budgets the ledger holds (dated layer over the
    placeholders) and the settings' default choices and regime date where the request sets none.

    ``ctx=None`` (no archive on this machine yet): the packs' parameters alone.
    """
    params = None
    choices, regime = (None, None)
    if ctx is not None:
        with ctx.archive.read() as s:
            params = district_budget_layer(s)
        choices, regime = assess_defaults(ctx.settings)
    if req.on is not None and req.use_application_date and req.on != req.submission.project.application_date:
        raise UserError(f"规则适用日期 {req.on.isoformat()} 与“按申请日期”选择矛盾。",
                        f"Regime date {req.on.isoformat()} contradicts 'use the application date'.")
    on = req.on or (req.submission.project.application_date if req.use_application_date else regime)
    result = assess(req.submission, on=on, overrides=req.overrides,
                    decision_date=req.decision_date,
                    choices=req.choices if req.choices is not None else choices, params=params)
    return Result(result)


# -- the review of one submission (the wizard's writes) --------------------------------------------------------------
FINDING_STATUSES = ("pass", "warn", "fail", "not_applicable")


@dataclass(frozen=True)
class StartReviewRequest:
    project_code: str
    submission_id: int | None = None
    actor: str = ""


def start_review(ctx: Context, req: StartReviewRequest) -> Result[bool]:
    """The project moves from received / correction to in review (audited); ``False`` when it already was."""

    def work(s: Session) -> bool:
        p = s.scalars(select(Project).where(Project.code == req.project_code)).one()
        if p.status not in ("received", "correction"):
            return False
        old = p.status
        p.status = "in_review"
        audit.record(s, actor=ctx.who(req.actor), action="review.started", entity="project",
                     entity_id=req.project_code, payload={"from": old, "submission_id": req.submission_id})
        return True

    changed = ctx.archive.run_write(work)
    return Result(changed, frozenset({Change.PROJECTS}) if changed else frozenset())


@dataclass(frozen=True)
class FindingDecisionRequest:
    """A remark on, or an override of, one finding of an assessment; an override needs a written reason."""

    assessment_id: int | None
    finding_id: str
    override_status: str | None = None
    reason: str = ""
    remark: str = ""
    actor: str = ""


def record_finding_decision(ctx: Context, req: FindingDecisionRequest) -> Result[int]:
    """Record the decision as a ReviewDecision row with its audit event (one transaction); returns the row id."""
    if req.override_status is not None:
        if req.override_status not in FINDING_STATUSES:
            raise UserError(f"无效的审查结论“{req.override_status}”。", f"Invalid status {req.override_status!r}.")
        if not req.reason.strip():
            raise UserError("改变检查结论必须填写书面理由，未保存。", "Overriding a finding needs a written reason; not saved.")
    actor = req.actor or ctx.actor
    if not actor.strip():
        raise UserError("请先在“设置”中填写审查人员姓名（审计记录需要）。",
                        "Set the reviewer's name in Settings first (the audit record needs it).")
    if req.assessment_id is None:
        raise UserError("该申报尚无评估结果，无法记录审查意见。", "This submission has no assessment yet.")

    def work(s: Session) -> int:
        row = ReviewDecision(assessment_id=req.assessment_id, finding_id=req.finding_id,
                             override_status=req.override_status, reason=req.reason.strip(),
                             remark=req.remark.strip(), reviewer=actor)
        s.add(row)
        s.flush()
        audit.record(s, actor=actor, action="finding.override" if req.override_status else "finding.remark",
                     entity="assessment", entity_id=req.assessment_id, reason=req.reason.strip(),
                     payload={"finding_id": req.finding_id, "override_status": req.override_status,
                              "remark": req.remark.strip(), "decision_id": row.id})
        return row.id

    return Result(ctx.archive.run_write(work), frozenset({Change.ASSESSMENTS}))


@dataclass(frozen=True)
class ReviewedVersionRequest:
    """The reviewer-corrected submission, stored as a new version (never overwriting the applicant's)."""

    submission: Submission
    choices: Mapping[str, Any] | None = None
    regime_date: date | None = None
    source_name: str = "审查核定（工作台）"
    actor: str = ""


@dataclass(frozen=True)
class StoredVersion:
    submission_id: int
    assessment_id: int | None
    status: str  # as store_submission says ("new", "duplicate" …)


def store_reviewed_version(ctx: Context, req: ReviewedVersionRequest) -> Result[StoredVersion]:
    """Store the version and its assessment in one transaction; returns their ids."""

    def work(s: Session) -> StoredVersion:
        res = store_submission(s, req.submission, source_name=req.source_name, source_format="ui",
                               actor=ctx.who(req.actor), choices=dict(req.choices or {}) or None,
                               regime_date=req.regime_date)
        s.flush()
        aid = s.scalars(select(AssessmentRow.id).where(AssessmentRow.submission_id == res.submission_id)
                        .order_by(AssessmentRow.id.desc()).limit(1)).first()
        return StoredVersion(res.submission_id, aid, res.status)

    return Result(ctx.archive.run_write(work), frozenset({Change.SUBMISSIONS, Change.ASSESSMENTS}))


@dataclass(frozen=True)
class RecordAssessmentRequest:
    """An assessment of a stored version computed with the reviewer's choices / regime date, recorded (audited)."""

    submission_id: int
    assessment: Assessment
    choices: Mapping[str, Any] | None = None
    regime_date: str | None = None
    reason: str = "审查人员核定的口径"
    actor: str = ""


def record_assessment(ctx: Context, req: RecordAssessmentRequest) -> Result[int]:
    """Save the assessment row of the version with its audit event (one transaction); returns its id."""

    def work(s: Session) -> int:
        row = s.get(SubmissionRow, req.submission_id)
        a = save_assessment(s, row, row.project, req.assessment)
        audit.record(s, actor=ctx.who(req.actor), action="assessment.recorded", entity="assessment",
                     entity_id=a.id, reason=req.reason,
                     payload={"submission_id": req.submission_id, "choices": dict(req.choices or {}),
                              "regime_date": req.regime_date or None})
        return a.id

    return Result(ctx.archive.run_write(work), frozenset({Change.ASSESSMENTS}))
