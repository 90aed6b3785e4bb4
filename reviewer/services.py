"""Application services: the operations the CLI and the UI share (store, assess, list). No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Iterable

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reviewer.archive import audit
from reviewer.archive.db import Archive
from reviewer.archive import compact
from reviewer.archive import search as archive_search
from reviewer.archive.models import (AssessmentRow, LedgerBudget, ParameterVerificationRow, Project, RulePackRow,
                                     RuleSnapshot, Submission as SubmissionRow)
# The pure part (no session): the stored form of a submission and its assessment; re-exported for the callers.
from reviewer.archive.stored import (BUILTIN_PARAMETERS, Prepared, _inputs_key, budget_layer, canonical_data,  # noqa: F401
                                     content_hash, prepare, record_pool)
from reviewer.domain.model import Submission
from reviewer.errors import UserError
from reviewer.rules.engine import Assessment, baseline
from reviewer.rules.pack import PackInfo, parameter_files
from reviewer.rules.params import OfficeVerification, ParameterStore, _coerce_like
from reviewer.submission.parse import submission_from_data


_ACTIVE: dict[tuple, ParameterStore] = {}  # (pack row id, verification ids) → store; rows are immutable


def _parameters_key(pack: Any, marks: Any) -> tuple:
    return (pack.id if pack else None, pack.content_sha256 if pack else None, tuple(marks))


def active_parameters_key(session: Session) -> tuple:
    """What identifies :func:`active_parameters` (active pack row and its hash, verification ids); cheap."""
    pack = session.execute(select(RulePackRow.id, RulePackRow.content_sha256)
                           .where(RulePackRow.active.is_(True)).order_by(RulePackRow.id.desc()).limit(1)).first()
    marks = session.execute(select(ParameterVerificationRow.id).order_by(ParameterVerificationRow.id)).scalars().all()
    return _parameters_key(pack, marks)


def active_parameters(session: Session) -> ParameterStore:
    """The parameters every assessment runs under: the active rule pack (imported with ``reviewer rules import``,
    else the built-in ``rules/``) with the office's audited verifications layered on (issue 17 §3–4).

    CLI and workbench reach the engine only through this, so both see the same pack and overlay.
    """
    pack = session.execute(select(RulePackRow.id, RulePackRow.version, RulePackRow.content_sha256)
                           .where(RulePackRow.active.is_(True)).order_by(RulePackRow.id.desc()).limit(1)).first()
    marks = session.execute(select(ParameterVerificationRow.id).order_by(ParameterVerificationRow.id)).scalars().all()
    key = _parameters_key(pack, marks)
    hit = _ACTIVE.get(key)
    if hit is not None:
        return hit
    if pack is None:
        store = baseline()
    else:
        files = session.scalar(select(RulePackRow.files).where(RulePackRow.id == pack.id))
        store = ParameterStore.from_files(parameter_files({k: v.encode() for k, v in files.items()}),
                                          pack=PackInfo(pack.version, pack.content_sha256, "imported"))
    if marks:
        rows = session.scalars(select(ParameterVerificationRow).order_by(ParameterVerificationRow.id)).all()
        overlay: dict[str, OfficeVerification] = {}
        for r in rows:
            if r.parameter_id not in store:
                continue  # a parameter the active pack retired: the confirmation stays in the audit, unused
            sample = store.parameter(r.parameter_id).values[0].value
            overlay[r.parameter_id] = OfficeVerification(
                parameter_id=r.parameter_id, value=_coerce_like(sample, r.value, r.parameter_id), source=r.source,
                reason=r.reason, actor=r.actor, at=r.created_at.isoformat(), document_sha256=r.document_sha256,
                document_name=r.document_name)
        store = store.with_verifications(overlay)
    _ACTIVE.clear()  # one active store at a time is enough
    _ACTIVE[key] = store
    return store


@dataclass
class StoreResult:
    status: str  # imported | new_version | duplicate
    project_code: str
    version: int
    submission_id: int
    equivalent_tce: float | None = None
    equal_value_tce: float | None = None


def district_budget_rows(session: Session) -> tuple[tuple, ...]:
    """The district budgets the ledger holds (year, energy tce, tCO2, note; town = industry = ""), as a hashable
    value: what :func:`district_budget_layer` builds the parameter layer from."""
    return tuple(tuple(r) for r in session.execute(
        select(LedgerBudget.year, LedgerBudget.energy_equivalent_tce, LedgerBudget.carbon_tco2, LedgerBudget.note)
        .where(LedgerBudget.town == "", LedgerBudget.industry_code == "").order_by(LedgerBudget.year)).all())


def district_budget_layer(session: Session, params: ParameterStore | None = None) -> ParameterStore:
    """``params`` (default: :func:`active_parameters` — the active rule pack with the office's verifications) with
    the district budgets the ledger holds as a dated layer.

    One value per year the district has set (``reviewer ledger budget set``; town = industry = ""): it applies from
    1 January to 31 December of that year and wins over the placeholder parameter; years the district has not set
    keep the placeholder (marked unverified, and the opinion says so).
    """
    return budget_layer(district_budget_rows(session), params or active_parameters(session))


def store_submission(session: Session, sub: Submission, *, source_name: str, source_format: str,
                     actor: str = "system", choices: dict[str, Any] | None = None,
                     regime_date: date | None = None, prepared: Prepared | None = None) -> StoreResult:
    """Store ``sub`` (and its assessment) in the caller's write transaction.

    The assessment uses the district budgets the ledger holds (:func:`district_budget_layer`) and the reviewer's
    default ``choices``/``regime_date`` when the caller passes them (settings read at the edge).

    Same content as an existing version → ``duplicate`` (nothing written). Changed content for a known 项目代码 →
    a new submission version, never an overwrite. ``prepared`` (from :func:`prepare` of the same ``sub``, e.g. in
    a reader process) saves the writer the assessment when it was made with the ledger's current budget rows and
    the same ``choices``/``regime_date``; otherwise the assessment is made here.
    """
    if prepared is None:
        data = canonical_data(sub)
        digest = content_hash(data)
    else:
        data, digest = prepared.data, prepared.digest
    p = sub.project
    project = session.scalars(select(Project).where(Project.code == p.code)).first()
    if project is not None:
        same = session.scalars(
            select(SubmissionRow).where(SubmissionRow.project_id == project.id, SubmissionRow.content_sha256 == digest)
        ).first()
        if same is not None:
            return StoreResult("duplicate", p.code, same.version, same.id, project.equivalent_tce, project.equal_value_tce)
        version = (session.scalar(select(func.max(SubmissionRow.version)).where(SubmissionRow.project_id == project.id)) or 0) + 1
        status = "new_version"
    rows, pkey = district_budget_rows(session), active_parameters_key(session)
    if prepared is not None and prepared.inputs == _inputs_key(pkey, rows, choices, regime_date):
        pr = prepared
    else:
        pr = prepare(sub, budget_rows=rows, choices=choices, regime_date=regime_date, params_key=pkey,
                     base=active_parameters(session))
    if project is None:
        # New project, its submission and assessment go to the database in one flush (relationships, no ids needed).
        project = Project(code=p.code, name=p.name, builder=p.builder, town=p.town, industry_code=p.industry_code,
                          project_type=str(p.project_type), application_date=p.application_date,
                          commissioning_year=p.commissioning_year, status="received",
                          equivalent_tce=pr.equivalent_tce, equal_value_tce=pr.equal_value_tce,
                          carbon_tco2=pr.carbon_tco2, review_level=pr.authority)
        session.add(project)
        version = 1
        status = "imported"
    project.name, project.builder, project.town = p.name, p.builder, p.town
    project.industry_code, project.project_type = p.industry_code, str(p.project_type)
    project.application_date, project.commissioning_year = p.application_date, p.commissioning_year
    row = SubmissionRow(project=project, version=version, content_sha256=digest, source_name=source_name[:255],
                        source_format=source_format, data=data, received_by=actor)
    session.add(row)
    save_prepared(session, row, project, pr)
    audit.record(session, actor=actor, action="submission.received", entity="submission", entity_id=row.id,
                 payload={"project_code": p.code, "version": version, "sha256": digest, "source": source_name})
    return StoreResult(status, p.code, version, row.id, project.equivalent_tce, project.equal_value_tce)


@dataclass
class NewItem:
    """One file of a batch whose 项目代码 is not yet archived (:func:`store_new_projects`)."""

    sub: Submission
    source_name: str
    source_format: str
    prepared: Prepared | None = None


def store_new_projects(session: Session, items: list[NewItem], *, actor: str = "system",
                       choices: dict[str, Any] | None = None, regime_date: date | None = None) -> list[StoreResult]:
    """Store several submissions of projects not yet in the archive in the caller's one write transaction: the
    batch import's fast path. Same rows as :func:`store_submission` gives each (project, submission v1, assessment,
    audit event ``submission.received``), written with one multi-row INSERT per table and the audit chain worked
    out for the batch in one go. A 项目代码 already archived fails the whole transaction (unique key); the caller
    sends such files through :func:`store_submission`."""
    if not items:
        return []
    rows, pkey = district_budget_rows(session), active_parameters_key(session)
    want = _inputs_key(pkey, rows, choices, regime_date)
    base = None
    preps: list[Prepared] = []
    for it in items:
        pr = it.prepared
        if pr is None or pr.inputs != want:
            base = base or active_parameters(session)
            pr = prepare(it.sub, budget_rows=rows, choices=choices, regime_date=regime_date, params_key=pkey, base=base)
        preps.append(pr)
    now = audit.utcnow()
    snap_ids: dict[str, int] = {}
    for pr in preps:
        if pr.snapshot_digest not in snap_ids:
            snap_ids[pr.snapshot_digest] = snapshot_id(session, pr.snapshot_digest, pr.snapshot_blob)
    pt, st, at = Project.__table__, SubmissionRow.__table__, AssessmentRow.__table__
    project_ids = session.execute(pt.insert().returning(pt.c.id, sort_by_parameter_order=True), [
        {"code": it.sub.project.code, "name": it.sub.project.name, "builder": it.sub.project.builder,
         "town": it.sub.project.town, "industry_code": it.sub.project.industry_code,
         "project_type": str(it.sub.project.project_type), "application_date": it.sub.project.application_date,
         "commissioning_year": it.sub.project.commissioning_year, "status": "received", "review_level": pr.authority,
         "equivalent_tce": pr.equivalent_tce, "equal_value_tce": pr.equal_value_tce, "carbon_tco2": pr.carbon_tco2,
         "created_at": now, "updated_at": now} for it, pr in zip(items, preps)]).scalars().all()
    sub_ids = session.execute(st.insert().returning(st.c.id, sort_by_parameter_order=True), [
        {"project_id": pid, "version": 1, "content_sha256": pr.digest, "source_name": it.source_name[:255],
         "source_format": it.source_format, "data": pr.data, "received_at": now, "received_by": actor}
        for it, pr, pid in zip(items, preps, project_ids)]).scalars().all()
    session.execute(at.insert(), [
        {"submission_id": sid, "created_at": now, "regime_date": pr.regime_date, "engine_version": pr.engine_version,
         "result": {}, "parameters": {}, "overrides": pr.overrides, "equivalent_tce": pr.equivalent_tce,
         "equal_value_tce": pr.equal_value_tce, "carbon_tco2": pr.carbon_tco2, "snapshot_id": snap_ids[pr.snapshot_digest],
         "result_z": pr.result_z} for pr, sid in zip(preps, sub_ids)])
    audit.record_many(session, actor=actor, action="submission.received", entity="submission", events=[
        (sid, {"project_code": it.sub.project.code, "version": 1, "sha256": pr.digest, "source": it.source_name})
        for it, pr, sid in zip(items, preps, sub_ids)])
    return [StoreResult("imported", it.sub.project.code, 1, sid, pr.equivalent_tce, pr.equal_value_tce)
            for it, pr, sid in zip(items, preps, sub_ids)]


def save_assessment(session: Session, row: SubmissionRow, project: Project, result: Assessment) -> AssessmentRow:
    d = result.to_dict(parameter_refs=True)  # the stored form: trace steps name snapshot records by id
    carbon = d.get("carbon", {}).get("total_tco2") if isinstance(d.get("carbon"), dict) else None
    review = d.get("review", {}) if isinstance(d.get("review"), dict) else {}
    digest, blob = compact.snapshot_digest(d["parameters"])
    return save_prepared(session, row, project, Prepared(
        {}, "", result.regime_date, d["engine_version"], d["overrides"], float(result.energy.equivalent_tce),
        float(result.energy.equal_value_tce), carbon, review.get("authority"), compact.pack(compact.compact(d)),
        digest, blob))


def save_prepared(session: Session, row: SubmissionRow, project: Project, pr: Prepared) -> AssessmentRow:
    # Stored compact (reviewer.archive.compact): the snapshot once per distinct rule-pack content, trace steps
    # referencing it by parameter id, the rest Zstandard-compressed (compact.pack). AssessmentRow.full_result() re-expands it.
    a = AssessmentRow(submission=row, regime_date=pr.regime_date, engine_version=pr.engine_version,
                      result={}, parameters={}, result_z=pr.result_z,
                      snapshot_id=snapshot_id(session, pr.snapshot_digest, pr.snapshot_blob), overrides=pr.overrides,
                      equivalent_tce=pr.equivalent_tce, equal_value_tce=pr.equal_value_tce, carbon_tco2=pr.carbon_tco2)
    session.add(a)
    project.equivalent_tce = a.equivalent_tce
    project.equal_value_tce = a.equal_value_tce
    project.carbon_tco2 = pr.carbon_tco2
    project.review_level = pr.authority
    session.flush()
    return a


def snapshot_id(session: Session, digest: str, blob: bytes) -> int:
    """Id of the stored snapshot with this content hash, inserted when new (inside the caller's transaction)."""
    found = session.scalar(select(RuleSnapshot.id).where(RuleSnapshot.content_sha256 == digest))
    if found is not None:
        return found
    try:
        with session.begin_nested():  # a concurrent writer (PostgreSQL) may insert the same content first
            snap = RuleSnapshot(content_sha256=digest, data=blob)
            session.add(snap)
            session.flush()
        return snap.id
    except IntegrityError:
        return session.scalar(select(RuleSnapshot.id).where(RuleSnapshot.content_sha256 == digest))


def find_submission(session: Session, code: str, version: int | None = None) -> tuple[Project, SubmissionRow]:
    """The project ``code`` and its submission ``version`` (default: the latest), or a clear UserError."""
    project = session.scalars(select(Project).where(Project.code == code)).first()
    if project is None:
        raise UserError(f"档案库中没有项目代码为 {code} 的项目。", f"No project with code {code} in the archive.")
    q = select(SubmissionRow).where(SubmissionRow.project_id == project.id)
    q = q.where(SubmissionRow.version == version) if version else q.order_by(SubmissionRow.version.desc())
    row = session.scalars(q.limit(1)).first()
    if row is None:
        if version:
            raise UserError(f"项目 {code} 没有第 {version} 版申报数据。", f"Project {code} has no submission version {version}.")
        raise UserError(f"项目 {code} 没有申报数据。", f"Project {code} has no submission.")
    return project, row


def load_submission(session: Session, code: str, version: int | None = None) -> tuple[Project, SubmissionRow, Submission]:
    project, row = find_submission(session, code, version)
    return project, row, submission_from_data(row.data)


def list_projects(session: Session, *, search: str = "", status: str | None = None, limit: int | None = None,
                  offset: int = 0, town: str = "") -> list[Project]:
    """Projects matching ``search`` (项目代码 / 名称 / 建设单位 / 文号, through the search index) and filters, by
    项目代码; only the ids of the requested page are selected before the ORM rows are loaded."""
    crit = archive_search.Criteria(search=search, status=status or "", town=town)
    q = archive_search.page_query(crit, dialect=archive_search.dialect_of(session), sort="code",
                                  limit=limit or None, offset=offset, columns=("code",))
    ids = [r[-1] for r in archive_search.run(session, q)]
    if not ids:
        return []
    by_id = {p.id: p for p in session.scalars(select(Project).where(Project.id.in_(ids)))}
    return [by_id[i] for i in ids if i in by_id]


def project_summary(p: Project) -> dict[str, Any]:
    return {
        "code": p.code, "name": p.name, "builder": p.builder, "town": p.town, "industry_code": p.industry_code,
        "status": p.status, "review_level": p.review_level, "equivalent_tce": p.equivalent_tce,
        "equal_value_tce": p.equal_value_tce, "carbon_tco2": p.carbon_tco2,
        "application_date": p.application_date.isoformat(),
    }


def open_archive(url: str | None = None) -> Archive:
    return Archive(url)


def import_many(archive: Archive, items: Iterable[tuple[Submission, str, str]], actor: str = "system") -> list[StoreResult]:
    return [archive.run_write(lambda s, it=it: store_submission(s, it[0], source_name=it[1], source_format=it[2], actor=actor))
            for it in items]
