"""Rule packs as versioned, signed releases; the office's own parameter verifications; impact of a change (issue 17).

- :func:`export_pack` writes the active pack (parameters, tables, lists, VERSION, CHANGELOG) as a zip with a
  manifest (every file's SHA-256 and the pack's content hash) signed with the commission's authority key.
- :func:`import_pack` verifies the signature and every file, computes the diff against the active pack
  (added / changed / retired parameters with old and new values and sources, changed tables) and, when asked to
  apply, stores the pack in the archive as the active one. Signed records are never touched: archived assessments
  and opinions keep the receipt of the pack they ran under.
- :func:`verify_parameter` records an audited office overlay that a parameter's value is confirmed from a cited
  source (document kept in the archive); every later assessment reports it ``verified``.
- :func:`impact` re-assesses the open (unsigned) cases under the active pack and lists exactly those whose
  figures, authority or findings change.

The active pack and overlay reach the engine through :func:`reviewer.services.active_parameters` only, so the command
line and the workbench assess with the same parameters.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from reviewer.archive import audit
from reviewer.archive.models import (AssessmentRow, Opinion, ParameterVerificationRow, Project, RulePackRow,
                                     Submission as SubmissionRow)
from reviewer.errors import UserError
from reviewer.fileio import write_atomically
from reviewer.rules.engine import assess
from reviewer.rules.pack import CHANGELOG_FILE, PackInfo, builtin_files, content_hash, parameter_files, version_of
from reviewer.rules.params import ParameterStore, _jsonable
from reviewer.services import active_parameters, district_budget_layer
from reviewer.signing.blobsign import sign_with_authority, verify_with_authority
from reviewer.submission.parse import submission_from_data
from reviewer.usecases.base import Change, Context, Result, run_unit
from reviewer.usecases.cases import resync_stale_in
from reviewer.usecases.recompute_worker import dates_of

PACK_FORMAT = "reviewer-rule-pack/1"
MANIFEST, SIGNATURE, FILES_DIR = "manifest.json", "signature.json", "rules/"
MAX_PACK_BYTES = 20 * 1024 * 1024  # a pack is ~200 kB; anything far larger is not one


# -- reading ------------------------------------------------------------------------------------------------------
def active_store(ctx: Context) -> ParameterStore:
    """The parameters assessments run under now (active pack + office verifications)."""
    with ctx.archive.read() as s:
        return active_parameters(s)


def _active_files(s: Session) -> tuple[dict[str, bytes], PackInfo]:
    row = s.scalars(select(RulePackRow).where(RulePackRow.active.is_(True)).order_by(RulePackRow.id.desc())
                    .limit(1)).first()
    if row is None:
        files = builtin_files()
        return dict(files), PackInfo(version_of(files), content_hash(files), "built-in")
    return {k: v.encode() for k, v in row.files.items()}, PackInfo(row.version, row.content_sha256, "imported")


# -- export -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportRequest:
    out: Path
    ca_passphrase: bytes


@dataclass(frozen=True)
class ExportedPack:
    file: str
    version: str
    content_sha256: str
    files: int
    signer: str


def build_pack(files: dict[str, bytes], *, ca_passphrase: bytes, created_by: str, created_at: str) -> bytes:
    """The signed zip of ``files`` (used by :func:`export_pack`; tests build modified packs with it)."""
    manifest = {"format": PACK_FORMAT, "version": version_of(files), "content_sha256": content_hash(files),
                "created_at": created_at, "created_by": created_by,
                "files": {p: hashlib.sha256(files[p]).hexdigest() for p in sorted(files)}}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    sig = sign_with_authority(manifest_bytes, ca_passphrase)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(MANIFEST, manifest_bytes)
        z.writestr(SIGNATURE, json.dumps(sig.to_dict(), ensure_ascii=False, indent=1).encode())
        for p in sorted(files):
            z.writestr(FILES_DIR + p, files[p])
    return buf.getvalue()


def export_pack(ctx: Context, req: ExportRequest) -> Result[ExportedPack]:
    with ctx.archive.read() as s:
        files, info = _active_files(s)
    data = build_pack(files, ca_passphrase=req.ca_passphrase, created_by=ctx.actor, created_at=ctx.now().isoformat())
    write_atomically(req.out, data)
    sig = json.loads(zipfile.ZipFile(io.BytesIO(data)).read(SIGNATURE))
    return Result(ExportedPack(str(req.out), info.version, info.sha256, len(files), sig["signer"]))


# -- import -------------------------------------------------------------------------------------------------------
@dataclass
class ParamChange:
    id: str
    kind: str  # added | changed | retired
    label: str = ""
    unit: str = ""
    old: list[dict[str, Any]] = field(default_factory=list)  # dated values (value, from, to, verified, source)
    new: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class PackDiff:
    version: str
    content_sha256: str
    signer: str
    previous_version: str
    previous_sha256: str
    parameters: list[ParamChange]
    files_changed: list[str]  # tables / lists / changelog files that differ (not parameters)
    applied: bool = False
    cases_resynced: int = 0  # cases whose stored deadlines the new pack changed the basis of (recomputed)
    already_active: bool = False
    changelog: str = ""
    tables_differ_from_engine: list[str] = field(default_factory=list)  # see import_pack

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ImportRequest:
    file: Path
    apply: bool  # False: verify and show the diff only
    trust: tuple[Path, ...] = ()


def _refuse(zh: str, en: str) -> UserError:
    return UserError(f"规则包被拒绝：{zh}", f"Rule pack refused: {en}", exit_code=1)


def read_pack(data: bytes, *, trust: list[Path] | None = None) -> tuple[dict[str, bytes], dict[str, Any], str]:
    """Verify a pack zip completely: (files, manifest, signer) or a UserError (exit 1) naming what is wrong."""
    if len(data) > MAX_PACK_BYTES:
        raise _refuse("文件过大，不是规则包。", "file too large for a rule pack.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            entries = {n: z.read(n) for n in names}  # reading checks every member's CRC
    except Exception as exc:  # noqa: BLE001 — a damaged zip (bad CRC, broken deflate, not a zip) is refused
        raise _refuse(f"文件已损坏或不是 zip 文件（{type(exc).__name__}）。", f"damaged or not a zip ({type(exc).__name__}).")
    if MANIFEST not in entries or SIGNATURE not in entries:
        raise _refuse("缺少 manifest.json 或 signature.json。", "manifest.json or signature.json missing.")
    try:
        sig = json.loads(entries[SIGNATURE])
        manifest = json.loads(entries[MANIFEST])
    except ValueError:
        raise _refuse("清单或签名不是有效的 JSON。", "manifest or signature is not valid JSON.") from None
    signer = verify_with_authority(entries[MANIFEST], sig if isinstance(sig, dict) else {}, trust=trust)
    if manifest.get("format") != PACK_FORMAT or not isinstance(manifest.get("files"), dict):
        raise _refuse(f"格式不符（应为 {PACK_FORMAT}）。", f"wrong format (expected {PACK_FORMAT}).")
    files = {n[len(FILES_DIR):]: b for n, b in entries.items() if n.startswith(FILES_DIR) and not n.endswith("/")}
    listed = manifest["files"]
    extra = sorted(set(files) - set(listed))
    missing = sorted(set(listed) - set(files))
    bad = sorted(p for p in set(files) & set(listed) if hashlib.sha256(files[p]).hexdigest() != listed[p])
    if extra or missing or bad:
        raise _refuse("文件与签名清单不符：" + "；".join(
            x for x in (f"多出 {', '.join(extra)}" if extra else "", f"缺少 {', '.join(missing)}" if missing else "",
                        f"内容不符 {', '.join(bad)}" if bad else "") if x),
            f"files differ from the signed manifest (extra {extra}, missing {missing}, changed {bad}).")
    if content_hash(files) != manifest.get("content_sha256"):
        raise _refuse("内容哈希与清单不符。", "content hash differs from the manifest.")
    try:
        ParameterStore.from_files(parameter_files(files))
        for p in files:
            files[p].decode("utf-8")
    except Exception as exc:  # noqa: BLE001 — a signed but unreadable pack is still refused, with the reason
        raise _refuse(f"参数文件无法读取：{exc}", f"parameter files unreadable: {exc}") from None
    return files, manifest, signer


def _values(store: ParameterStore, pid: str) -> list[dict[str, Any]]:
    p = store.parameter(pid)
    return [{"value": _jsonable(v.value), "from": v.valid_from.isoformat(),
             "to": v.valid_to.isoformat() if v.valid_to else None, "verified": v.verified, "source": v.source.cite()}
            for v in p.values]


def diff_stores(old: ParameterStore, new: ParameterStore) -> list[ParamChange]:
    out: list[ParamChange] = []
    old_ids, new_ids = set(old.ids()), set(new.ids())
    for pid in sorted(old_ids | new_ids):
        if pid not in old_ids:
            p = new.parameter(pid)
            out.append(ParamChange(pid, "added", p.label, p.unit, [], _values(new, pid)))
        elif pid not in new_ids:
            p = old.parameter(pid)
            out.append(ParamChange(pid, "retired", p.label, p.unit, _values(old, pid), []))
        else:
            a, b = _values(old, pid), _values(new, pid)
            pa, pb = old.parameter(pid), new.parameter(pid)
            if a != b or pa.unit != pb.unit:
                out.append(ParamChange(pid, "changed", pb.label, pb.unit, a, b))
    return out


def import_pack(ctx: Context, req: ImportRequest) -> Result[PackDiff]:
    try:
        data = Path(req.file).read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取规则包 {req.file}：{exc.strerror}", f"Cannot read {req.file}: {exc.strerror}") from None
    files, manifest, signer = read_pack(data, trust=list(req.trust))
    new_store = ParameterStore.from_files(parameter_files(files))

    def work(s: Session) -> PackDiff:
        old_files, old_info = _active_files(s)
        old_store = ParameterStore.from_files(parameter_files(old_files))
        non_param = sorted(p for p in set(files) | set(old_files)
                           if not p.startswith("parameters/") and files.get(p) != old_files.get(p))
        d = PackDiff(version=manifest["version"], content_sha256=manifest["content_sha256"], signer=signer,
                     previous_version=old_info.version, previous_sha256=old_info.sha256,
                     parameters=diff_stores(old_store, new_store), files_changed=non_param,
                     changelog=files.get(CHANGELOG_FILE, b"").decode("utf-8")[:4000])
        d.already_active = old_info.sha256 == d.content_sha256
        # The engine applies a pack's parameters; its tables and lists (carriers, units, formulas, benchmark rows,
        # policy lists) are carried, hashed and diffed but read from this installation — say so when they differ.
        builtin = builtin_files()
        d.tables_differ_from_engine = sorted(p for p in set(files) | set(builtin)
                                             if not p.startswith("parameters/") and p not in (CHANGELOG_FILE, "VERSION")
                                             and files.get(p) != builtin.get(p))
        if not req.apply or d.already_active:
            return d
        s.execute(update(RulePackRow).where(RulePackRow.active.is_(True)).values(active=False))
        row = RulePackRow(version=d.version, content_sha256=d.content_sha256,
                          files={k: v.decode("utf-8") for k, v in files.items()}, manifest=manifest, signer=signer,
                          active=True, imported_at=ctx.now(), imported_by=ctx.actor)
        s.add(row)
        s.flush()
        audit.record(s, actor=ctx.actor, action="rules.pack_imported", entity="rule_pack", entity_id=row.id,
                     reason=f"导入规则包 {d.version}",
                     payload={"version": d.version, "sha256": d.content_sha256, "signer": signer,
                              "previous": {"version": d.previous_version, "sha256": d.previous_sha256},
                              "parameters": {k: [c.id for c in d.parameters if c.kind == k]
                                             for k in ("added", "changed", "retired")},
                              "files_changed": non_param})
        d.applied = True
        # the case deadlines computed under the previous pack's periods are recomputed in this transaction
        d.cases_resynced = resync_stale_in(s)
        return d

    diff = run_unit(ctx, work)
    return Result(diff, frozenset({Change.RULES}) if diff.applied else frozenset())


# -- office verification ------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class VerifyParameterRequest:
    parameter_id: str
    source: str
    reason: str
    document: Path | None = None
    on: date | None = None  # which dated value is confirmed (default: today's)


@dataclass(frozen=True)
class VerifiedParameter:
    parameter_id: str
    value: Any
    unit: str
    source: str
    actor: str
    at: str
    document_sha256: str
    audit_hash: str


def verify_parameter(ctx: Context, req: VerifyParameterRequest) -> Result[VerifiedParameter]:
    if not req.source.strip():
        raise UserError("必须写明核实依据（--source：发布机关、文号/标准、条款）。",
                        "--source is required (issuer, document/standard, clause).")
    if not req.reason.strip():
        raise UserError("必须写明核实理由（--reason）。", "--reason is required.")
    doc_bytes, doc_name = None, ""
    if req.document is not None:
        try:
            doc_bytes = Path(req.document).read_bytes()
        except OSError as exc:
            raise UserError(f"无法读取核实文件 {req.document}：{exc.strerror}",
                            f"Cannot read {req.document}: {exc.strerror}") from None
        doc_name = Path(req.document).name
    day = req.on or ctx.now().date()

    def work(s: Session) -> VerifiedParameter:
        store = active_parameters(s)
        p = store.parameter(req.parameter_id)  # unknown id → clear UserError
        value = p.at(day).value
        digest = hashlib.sha256(doc_bytes).hexdigest() if doc_bytes is not None else ""
        row = ParameterVerificationRow(parameter_id=p.id, value=str(_jsonable(value)).lower()
                                       if isinstance(value, bool) else str(value),
                                       source=req.source.strip(), reason=req.reason.strip(), document_name=doc_name,
                                       document_sha256=digest, document=doc_bytes, actor=ctx.actor,
                                       created_at=ctx.now())
        s.add(row)
        s.flush()
        ev = audit.record(s, actor=ctx.actor, action="rules.parameter_verified", entity="parameter",
                          entity_id=p.id, reason=req.reason.strip(),
                          payload={"parameter": p.id, "value": row.value, "unit": p.unit, "source": row.source,
                                   "document": doc_name, "document_sha256": digest,
                                   "pack": store.pack.to_dict() if store.pack else {}, "verification_id": row.id})
        return VerifiedParameter(p.id, _jsonable(value) if not isinstance(value, str) else value, p.unit, row.source,
                                 ctx.actor, row.created_at.isoformat(), digest, ev.hash)

    return Result(run_unit(ctx, work), frozenset({Change.RULES}))


# -- impact -------------------------------------------------------------------------------------------------------
@dataclass
class CaseImpact:
    project_code: str
    project_name: str
    submission_version: int
    differences: list[dict[str, Any]]  # {field, before, after}


def figures_of(d: dict[str, Any]) -> dict[str, Any]:
    """The figures, authority and findings of an assessment dict that a rule change can move."""
    carbon = d.get("carbon") if isinstance(d.get("carbon"), dict) else {}
    review = d.get("review") if isinstance(d.get("review"), dict) else {}
    eff = d.get("efficiency") if isinstance(d.get("efficiency"), dict) else {}
    out: dict[str, Any] = {
        "energy.equivalent_tce": d.get("energy", {}).get("equivalent_tce"),
        "energy.equal_value_tce": d.get("energy", {}).get("equal_value_tce"),
        "carbon.total_tco2": carbon.get("total_tco2"),
        "carbon.scope1_tco2": carbon.get("scope1_tco2"),
        "carbon.scope2_tco2": carbon.get("scope2_tco2"),
        "review.report_required": review.get("report_required"),
        "review.authority": review.get("authority"),
    }
    for i, ind in enumerate(eff.get("indicators", []) or []):
        out[f"efficiency.{ind.get('label', i)}"] = ind.get("value")
        out[f"efficiency.{ind.get('label', i)}.grade"] = ind.get("grade")
    for f in d.get("findings", []) or []:
        out[f"finding.{f.get('id')}"] = f.get("status")
    return out


def _differences(before: dict[str, Any], after: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for k in sorted(set(before) | set(after)):
        a, b = before.get(k), after.get(k)
        if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
            if abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a))):
                continue
        elif a == b:
            continue
        out.append({"field": k, "before": a, "after": b})
    return out


@dataclass(frozen=True)
class ImpactRequest:
    pass


def impact(ctx: Context, req: ImpactRequest | None = None) -> Result[list[CaseImpact]]:
    """Open cases (no signed approval or rejection) whose latest assessment changes under the active pack."""
    out: list[CaseImpact] = []
    with ctx.archive.read() as s:
        store = active_parameters(s)
        for project, sub, row in _open_assessments(s):
            before = row.full_result()
            on, decided = dates_of(before)
            choices = {k: v for k, v in (before.get("choices") or {}).items()} or None
            try:
                after = assess(submission_from_data(sub.data), on=on, decision_date=decided,
                               params=district_budget_layer(s, store), choices=choices,
                               overrides=before.get("overrides") or None).to_dict()
            except UserError as exc:
                out.append(CaseImpact(project.code, project.name, sub.version,
                                      [{"field": "assessment", "before": "ok", "after": exc.text("zh")}]))
                continue
            diffs = _differences(figures_of(json.loads(json.dumps(before, default=str))),
                                 figures_of(json.loads(json.dumps(after, default=str))))
            if diffs:
                out.append(CaseImpact(project.code, project.name, sub.version, diffs))
    return Result(out)


@dataclass
class UnverifiedParameter:
    id: str
    label: str
    value: Any
    unit: str
    source: str
    open_cases: int  # open (unsigned) cases whose latest assessment read it


def _open_assessments(s: Session) -> list[tuple[Project, SubmissionRow, AssessmentRow]]:
    signed = select(Opinion.project_id).where(Opinion.signed.is_(True), Opinion.kind.in_(("approval", "rejection")))
    out = []
    for project in s.scalars(select(Project).where(~Project.id.in_(signed)).order_by(Project.code)).all():
        sub = s.scalars(select(SubmissionRow).where(SubmissionRow.project_id == project.id)
                        .order_by(SubmissionRow.version.desc()).limit(1)).first()
        row = sub and s.scalars(select(AssessmentRow).where(AssessmentRow.submission_id == sub.id)
                                .order_by(AssessmentRow.id.desc()).limit(1)).first()
        if row is not None:
            out.append((project, sub, row))
    return out


def unverified_parameters(ctx: Context) -> Result[list[UnverifiedParameter]]:
    """Parameters still unverified under the active pack and overlay, most-used by open cases first (what the
    district should confirm next, issue 17 §4)."""
    counts: dict[str, int] = {}
    with ctx.archive.read() as s:
        store = active_parameters(s)
        for _project, _sub, row in _open_assessments(s):
            day = row.regime_date
            for pid in row.full_result().get("parameters") or {}:
                rp = store.find(pid, day) if pid in store else None
                if rp is not None and not rp.verified:
                    counts[pid] = counts.get(pid, 0) + 1
    today = ctx.now().date()
    out = []
    for p in store.all():
        rp = store.find(p.id, today)
        if rp is None or rp.verified:
            continue
        out.append(UnverifiedParameter(p.id, p.label, _jsonable(rp.value) if not isinstance(rp.value, str)
                                       else rp.value, p.unit, rp.source.cite(), counts.get(p.id, 0)))
    out.sort(key=lambda u: (-u.open_cases, u.id))
    return Result(out)


__all__ = ["UnverifiedParameter", "unverified_parameters", "ExportRequest", "ImportRequest", "VerifyParameterRequest", "ImpactRequest", "export_pack", "import_pack",
           "verify_parameter", "impact", "active_store", "build_pack", "read_pack", "figures_of"]
