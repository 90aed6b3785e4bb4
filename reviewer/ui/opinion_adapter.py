"""The workbench's only door to the opinion/signing area (issue 4): preview, issue+sign, verify.

The wizard passes a plain :class:`Request` (no Qt, no ORM); the functions here run on a worker thread. When the
opinion API is not installed in this build, :func:`available` is False and the page says so instead of failing.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from reviewer.archive.db import Archive
from reviewer.errors import UserError


@dataclass
class Request:
    project_code: str
    submission_id: int
    assessment_id: int | None
    outcome: str  # approved | rejected
    conditions: list[str]
    caps: dict[str, float | None]
    decisions: list[dict[str, Any]]
    regime_date: str
    certificate: str
    passphrase: str = field(repr=False, default="")
    actor: str = ""
    confirm_authority: str = ""  # reviewer/opinion/legal.py: audited, printed nowhere
    confirm_unverified: str = ""

    @classmethod
    def from_state(cls, st, ctx, certificate: str, passphrase: str, *, confirm_authority: str = "",  # noqa: ANN001
                   confirm_unverified: str = "") -> "Request":
        return cls(project_code=st.project_code, submission_id=st.submission_id, assessment_id=st.assessment_id,
                   outcome=st.outcome, conditions=list(st.conditions), caps=dict(st.caps),
                   decisions=[asdict(d) for d in st.decisions.values()], regime_date=st.regime_date,
                   certificate=certificate, passphrase=passphrase, actor=ctx.actor,
                   confirm_authority=confirm_authority, confirm_unverified=confirm_unverified)

    @property
    def kind(self) -> str:
        return "approval" if self.outcome == "approved" else "rejection"


def available() -> bool:
    import importlib.util

    return importlib.util.find_spec("reviewer.opinion.service") is not None


def unavailable_reason(lang: str = "zh") -> str:
    return ("此版本尚未包含意见书生成与签名模块（reviewer.opinion.service），无法出具意见。"
            if lang != "en" else "This build does not include the opinion issuing and signing module.")


def _extra(req: Request) -> dict[str, Any]:
    """What the reviewer decided beyond the assessment, handed to the templates as ``vm.extra``."""
    return {"conditions": list(req.conditions) if req.outcome == "approved" else [],
            "decisions": [d for d in req.decisions if d.get("override_status") or d.get("remark")],
            "reviewer_caps": {k: v for k, v in req.caps.items() if v is not None}}


def preview(archive: Archive, req: Request) -> bytes:
    """The unsigned draft PDF of the opinion ``req`` would issue — rendered, not archived, no 文号 used."""
    if not available():
        raise UserError(unavailable_reason("zh"), unavailable_reason("en"))
    from reviewer.opinion.service import preview_document

    return preview_document(archive, req.project_code, req.kind, actor=req.actor,
                            reasons=list(req.conditions) if req.kind == "rejection" else [], extra=_extra(req))


def issue(archive: Archive, req: Request) -> dict[str, Any]:
    """Allocate the 文号, render, sign with the PKCS#12 and passphrase, archive and audit — all or nothing."""
    if not available():
        raise UserError(unavailable_reason("zh"), unavailable_reason("en"))
    from reviewer.opinion.legal import Confirmations
    from reviewer.opinion.service import issue_document
    from reviewer.signing.signer import Pkcs12Signer

    if not req.certificate:
        raise UserError("请选择签名证书（PKCS#12）。", "Choose the signing certificate (PKCS#12).")
    signer = Pkcs12Signer(req.certificate, req.passphrase.encode("utf-8"))
    reason = "；".join(req.conditions) if req.conditions else ""
    doc = issue_document(archive, req.project_code, req.kind, signer=signer, actor=req.actor,
                         confirmations=Confirmations(authority=req.confirm_authority, unverified=req.confirm_unverified),
                         reasons=list(req.conditions) if req.kind == "rejection" else [], extra=_extra(req),
                         audit_reason=reason)
    return {"opinion_id": doc.opinion_id, "doc_number": doc.doc_number, "pdf": doc.pdf, "sha256": doc.sha256,
            "signed": doc.signed, "signer": doc.signer, "warnings": list(doc.warnings)}


def verify(pdf: bytes, archive: Archive | None = None) -> dict[str, Any]:
    """Signature status of an archived PDF (pyHanko validation through the signing area)."""
    from reviewer.signing.verify import verify_bytes

    rep = verify_bytes(pdf, archive=archive)
    return {"signed": rep.signed, "valid": rep.exit_code == 0, "intact": rep.intact, "trusted": rep.trusted,
            "signer": rep.signer, "problems": list(rep.problems)}
