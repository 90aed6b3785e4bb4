"""Review operations behind the wizard (no Qt): start or resume a review, recompute, the completeness check and
the one-time 补正通知, audited finding decisions, storing the reviewer's corrected figures, issuing the opinion.

Every write is a use case (reviewer.usecases.submissions, .opinions): one transaction with its audit event, so a
failure leaves nothing half-written.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from sqlalchemy import select

from reviewer.archive.db import Archive
from reviewer.archive.models import AssessmentRow, AuditEvent, Project
from reviewer.archive.models import Submission as SubmissionRow
from reviewer.case.materials import DataGap, data_gaps, data_items
from reviewer.domain.model import EnergyItem, Submission
from reviewer.errors import UserError
from reviewer.rules.energy import EnergyResult, compute_energy
from reviewer.rules.engine import Assessment, baseline
from reviewer.rules.params import ParameterStore
from reviewer.rules.trace import Trace
from reviewer.services import district_budget_layer
from reviewer.submission.parse import submission_from_data
from reviewer.settings import Settings
from reviewer.ui.wizard.state import Decision, ReviewState
from reviewer.usecases.base import Context
from reviewer.usecases.opinions import IssueRequest, issue
from reviewer.usecases.review import ConditionsRequest, record_conditions
from reviewer.usecases import submissions as subs
from reviewer.usecases.submissions import FINDING_STATUSES, assess_defaults



def start_review(archive: Archive, code: str, settings: Settings) -> ReviewState:
    """State for reviewing the latest submission of ``code``: the saved draft when it matches, else fresh."""
    with archive.read() as s:
        p = s.scalars(select(Project).where(Project.code == code)).first()
        if p is None:
            raise UserError(f"档案库中没有项目代码为 {code} 的项目。", f"No project with code {code} in the archive.")
        row = s.scalars(select(SubmissionRow).where(SubmissionRow.project_id == p.id)
                        .order_by(SubmissionRow.version.desc()).limit(1)).first()
        if row is None:
            raise UserError(f"项目 {code} 没有申报数据。", f"Project {code} has no submission.")
        a_id = s.scalars(select(AssessmentRow.id).where(AssessmentRow.submission_id == row.id)
                         .order_by(AssessmentRow.id.desc()).limit(1)).first()
        corrected = correction_issued(s, code)
        data = row.data
    st = ReviewState.load_draft(code, row.id)
    if st is None:
        st = ReviewState(project_code=code, submission_id=row.id, assessment_id=a_id, data=data)
        apply_defaults(st, settings)
    st.correction_issued = st.correction_issued or corrected
    return st


def apply_defaults(st: ReviewState, cfg: Settings) -> None:
    """The reviewer's defaults from Settings: electricity factor basis and regime date (the same defaults the CLI's
    ``import`` and ``opinion`` apply: :func:`reviewer.usecases.submissions.assess_choices`)."""
    choices, regime = assess_defaults(cfg)
    if choices:
        st.carbon_choices = dict(choices)
    if regime:
        st.regime_date = regime.isoformat()


# -- computation --------------------------------------------------------------------------------------------

def budget_params(archive: Archive) -> ParameterStore:
    """The parameter packs with the district budgets the ledger holds layered over the placeholders."""
    with archive.read() as s:
        return district_budget_layer(s)


def assess_request(st: ReviewState, sub: Submission | None = None) -> subs.AssessRequest:
    """The use-case request for the state's (possibly edited) submission with the reviewer's choices: the regime
    date field (explicit, wins over the settings' default) or the "the application date" box (explicit choice of the
    application date), and the carbon choices exactly as the carbon page holds them (none = none)."""
    return subs.AssessRequest(submission=sub or st.submission(), on=st.regime_day(),
                              use_application_date=not st.regime_date, choices=dict(st.carbon_choices))


def run_assessment(ctx: Context | None, st: ReviewState, sub: Submission | None = None) -> Assessment:
    """Assess through the use case :func:`reviewer.usecases.submissions.assess_submission` — the same path as
    ``reviewer assess`` (ledger budget layer, settings defaults), with the reviewer's explicit choices."""
    return subs.assess_submission(ctx, assess_request(st, sub)).value


def energy_only(sub: Submission, day: date | None = None, params: ParameterStore | None = None) -> EnergyResult:
    """The energy balance alone (what the energy table recomputes on every keystroke)."""
    return compute_energy(sub, params or baseline(), day or sub.project.application_date, Trace())


def energy_with_trace(sub: Submission, day: date | None = None,
                      params: ParameterStore | None = None) -> tuple[EnergyResult, Trace]:
    t = Trace()
    return compute_energy(sub, params or baseline(), day or sub.project.application_date, t), t


@cache
def carbon_bases() -> dict[str, dict[str, dict[str, Any]]]:
    """Selectable factor bases from ``rules/carbon.toml`` (electricity, heat, fuel sets)."""
    from reviewer.paths import data_dir

    p = data_dir("rules") / "carbon.toml"
    if not p.exists():
        return {"electricity_bases": {}, "heat_bases": {}, "fuel_sets": {}}
    with p.open("rb") as fh:
        doc = tomllib.load(fh)
    return {k: doc.get(k, {}) for k in ("electricity_bases", "heat_bases", "fuel_sets")}


def choices_supported() -> bool:
    """The engine takes carbon choices (kept for the carbon page, which words its hint on it)."""
    return True


# -- 受理: completeness -------------------------------------------------------------------------------------
# The checklist is rule data (rules/materials/data_items.toml), read by reviewer.case.materials — one source for the
# wizard, the case file and the 补正通知.
MissingItem = DataGap


def _completeness_items(data: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The checklist items that apply to ``data`` (all items when ``data`` is None)."""
    return data_items(data)


def completeness(data: dict[str, Any]) -> list[MissingItem]:
    """Everything the submission lacks for a substantive review (drives the one-time 补正通知)."""
    return data_gaps(data)


def correction_issued(session, code: str) -> bool:  # noqa: ANN001
    """Whether the one-time 补正通知 already went out for ``code`` (as a document or, earlier builds, an event)."""
    from reviewer.archive.models import Opinion

    doc = session.scalars(select(Opinion.id).join(Project).where(Project.code == code, Opinion.kind == "correction")
                          .limit(1)).first()
    ev = session.scalars(select(AuditEvent.id).where(
        AuditEvent.action == "correction.requested", AuditEvent.entity == "project",
        AuditEvent.entity_id == code).limit(1)).first()
    return doc is not None or ev is not None


def request_correction(ctx: Context, st: ReviewState, missing: list[str], actor: str,
                       signer: Any | None = None) -> dict[str, Any]:
    """Issue the one-time 补正通知 listing everything missing (status → correction); a second one is refused.

    The notice is a real document with its 文号, rendered and archived by the opinion service
    (the ``issue`` use case with kind="correction", one all-or-nothing transaction with its audit event).
    """
    if not missing:
        raise UserError("材料齐全，无需补正。", "Nothing is missing; no correction notice is needed.")
    with ctx.archive.read() as s:
        if correction_issued(s, st.project_code):
            raise UserError("该项目已发出过补正通知。按规定应一次性告知全部补正内容，不能再次发出。",
                            "A correction notice was already issued for this project; it must be one-time.")
    doc = issue(ctx, IssueRequest(project_code=st.project_code, kind="correction", missing_items=tuple(missing),
                                  actor=actor, audit_reason="受理审查：材料不齐全，一次性告知补正",
                                  signer=signer)).value
    st.correction_issued = True
    st.correction_missing = list(missing)
    return {"opinion_id": doc.opinion_id, "doc_number": doc.doc_number, "pdf": doc.pdf, "signed": doc.signed,
            "signer": doc.signer}


def mark_in_review(archive: Archive, st: ReviewState, actor: str) -> None:
    subs.start_review(Context(archive=archive, actor=actor),
                      subs.StartReviewRequest(st.project_code, st.submission_id))


# -- findings -----------------------------------------------------------------------------------------------
def record_decision(archive: Archive, st: ReviewState, d: Decision, actor: str) -> None:
    """Write a remark or override as a ReviewDecision row with its audit event (use case
    :func:`reviewer.usecases.submissions.record_finding_decision`). An override needs a reason."""
    subs.record_finding_decision(Context(archive=archive), subs.FindingDecisionRequest(
        st.assessment_id, d.finding_id, d.override_status, reason=d.reason, remark=d.remark, actor=actor))
    d.recorded = True
    st.decisions[d.finding_id] = d


# -- reviewer's corrected figures ---------------------------------------------------------------------------
def store_edits(archive: Archive, st: ReviewState, actor: str) -> None:
    """Store the reviewer-corrected submission as a new version (source 'ui'), never overwriting the applicant's."""
    if not st.energy_edited:
        return
    res = subs.store_reviewed_version(Context(archive=archive, actor=actor or "reviewer"), subs.ReviewedVersionRequest(
        st.submission(), choices=dict(st.carbon_choices) or None, regime_date=st.regime_day())).value
    st.assessment_id = res.assessment_id
    if res.status != "duplicate":
        # decisions recorded against the old assessment stay in the archive; re-record them on the new one
        for d in st.decisions.values():
            d.recorded = False
    st.submission_id = res.submission_id
    st.energy_edited = False


def prepare_issue(archive: Archive, st: ReviewState, actor: str, settings: Settings | None = None) -> None:
    """Make the archive hold exactly what the reviewer reviewed before the opinion is rendered from it.

    * the reviewer's conditions / reasons → an audit event when they changed (:func:`audit_conditions`);
    * corrected figures (any section of the form) → a new submission version (:func:`store_edits`);
    * the latest version assessed through the use case with the reviewer's carbon choices and regime date (or the
      explicit choice of the application date); when the stored assessment differs from it in regime date, choices
      or figures (e.g. an import assessed with the settings' regime date, the reviewer ticked the application date;
      a district budget set in the ledger since),
      a new assessment row of it (the opinion service renders the latest assessment), audited;
    * remarks/overrides recorded on an earlier assessment are recorded again on the new one (same reasons).
    """
    audit_conditions(Context(archive=archive, actor=actor), st)
    changed_version = st.energy_edited
    store_edits(archive, st, actor)
    fingerprint = json.dumps([st.submission_id, st.carbon_choices, st.regime_date], sort_keys=True, default=str)
    if fingerprint == st.prepared:
        return
    result = run_assessment(Context(archive=archive, settings=settings or Settings(), actor=actor), st)
    if not changed_version and st.assessment_id is not None:
        with archive.read() as s:
            row = s.get(AssessmentRow, st.assessment_id)
            same = row is not None and row.regime_date == result.regime_date and _same_figures(row.full_result(),
                                                                                              result.to_dict())
        if same:
            st.prepared = fingerprint
            return

    st.assessment_id = subs.record_assessment(Context(archive=archive, actor=actor or "reviewer"),
                                              subs.RecordAssessmentRequest(
                                                  st.submission_id, result, choices=dict(st.carbon_choices),
                                                  regime_date=st.regime_date or None)).value
    st.prepared = fingerprint
    for d in list(st.decisions.values()):
        if d.override_status or d.remark:
            record_decision(archive, st, Decision(d.finding_id, d.override_status, d.reason, d.remark), actor)


SEEN_SECTIONS = ("choices", "energy", "carbon", "regional", "review")


def _same_figures(stored: dict[str, Any], seen: dict[str, Any]) -> bool:
    """Whether a stored assessment says what the reviewer saw: the same choices and sections (as JSON), so a budget
    the ledger set since the import, or another regime date, makes the seen one the one to record."""
    def norm(d: dict[str, Any]) -> str:
        return json.dumps({k: d.get(k) or {} for k in SEEN_SECTIONS}, sort_keys=True, default=str)

    return norm(stored) == norm(seen)


def audit_conditions(ctx: Context, st: ReviewState) -> None:
    """The reviewer's conditions / reasons, audited once per change (``reviewer.usecases.review``)."""
    if not st.outcome or st.conditions == st.conditions_recorded:
        return
    record_conditions(ctx, ConditionsRequest(project_code=st.project_code, outcome=st.outcome,
                                             conditions=tuple(st.conditions), previous=tuple(st.conditions_recorded)))
    st.conditions_recorded = list(st.conditions)


def energy_items_from_data(data: dict[str, Any]) -> list[EnergyItem]:
    return submission_from_data(data).energy
