"""The wizard's door to the opinion use cases (issue 11): a plain :class:`Request` (no Qt, no ORM) → preview / issue.

The functions run on a worker thread. Issuing carries what the preview returned (assessment id and content hash), so
the use case refuses to sign anything but what the reviewer saw (:mod:`reviewer.usecases.opinions`).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from reviewer.errors import UserError
from reviewer.signing.signer import Pkcs12Signer
from reviewer.opinion.legal import Confirmations
from reviewer.signing.verify import verify_bytes
from reviewer.usecases.base import Context
from reviewer.usecases.opinions import IssueRequest, Preview, PreviewRequest, issue as issue_uc, preview as preview_uc


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
    preview_hash: str = ""  # content hash of the preview the reviewer saw (empty before a preview)
    confirm_authority: str = ""  # reviewer/opinion/legal.py: audited, printed nowhere
    confirm_unverified: str = ""

    @classmethod
    def from_state(cls, st, ctx, certificate: str, passphrase: str, seen: Preview | None = None, *,  # noqa: ANN001
                   confirm_authority: str = "", confirm_unverified: str = "") -> "Request":
        return cls(project_code=st.project_code, submission_id=st.submission_id,
                   assessment_id=seen.assessment_id if seen else st.assessment_id,
                   outcome=st.outcome, conditions=list(st.conditions), caps=dict(st.caps),
                   decisions=[asdict(d) for d in st.decisions.values()], regime_date=st.regime_date,
                   certificate=certificate, passphrase=passphrase, actor=ctx.actor,
                   preview_hash=seen.content_hash if seen else "", confirm_authority=confirm_authority,
                   confirm_unverified=confirm_unverified)

    @property
    def kind(self) -> str:
        return "approval" if self.outcome == "approved" else "rejection"


def _extra(req: Request) -> dict[str, Any]:
    """What the reviewer decided beyond the assessment, handed to the templates as ``vm.extra``."""
    return {"conditions": list(req.conditions) if req.outcome == "approved" else [],
            "decisions": [d for d in req.decisions if d.get("override_status") or d.get("remark")],
            "reviewer_caps": {k: v for k, v in req.caps.items() if v is not None}}


def _fields(req: Request) -> dict[str, Any]:
    return dict(project_code=req.project_code, kind=req.kind, actor=req.actor, extra=_extra(req),
                reasons=tuple(req.conditions) if req.kind == "rejection" else ())


def preview(ctx: Context, req: Request) -> Preview:
    """The unsigned draft of the opinion ``req`` would issue, with the assessment id and content hash it shows."""
    return preview_uc(ctx, PreviewRequest(**_fields(req))).value


def issue(ctx: Context, req: Request) -> dict[str, Any]:
    """Allocate the 文号, render, sign with the PKCS#12 and passphrase, archive and audit — all or nothing.

    Refused unless the latest assessment and the content are those of the preview (``req.assessment_id`` and
    ``req.preview_hash``).
    """
    if not req.certificate:
        raise UserError("请选择签名证书（PKCS#12）。", "Choose the signing certificate (PKCS#12).")
    if not req.preview_hash:
        raise UserError("请先预览意见书，核对后再签名。", "Preview the opinion and check it before signing.")
    signer = Pkcs12Signer(req.certificate, req.passphrase.encode("utf-8"))
    reason = "；".join(req.conditions) if req.conditions else ""
    doc = issue_uc(ctx, IssueRequest(**_fields(req), signer=signer, audit_reason=reason,
                                     assessment_id=req.assessment_id, preview_hash=req.preview_hash,
                                     confirmations=Confirmations(authority=req.confirm_authority,
                                                                 unverified=req.confirm_unverified))).value
    return {"opinion_id": doc.opinion_id, "doc_number": doc.doc_number, "pdf": doc.pdf, "sha256": doc.sha256,
            "signed": doc.signed, "signer": doc.signer, "warnings": list(doc.warnings)}


def verify(pdf: bytes, archive: Any | None = None) -> dict[str, Any]:
    """Signature status of an archived PDF (pyHanko validation through the signing area)."""
    rep = verify_bytes(pdf, archive=archive)
    return {"signed": rep.signed, "valid": rep.exit_code == 0, "intact": rep.intact, "trusted": rep.trusted,
            "signer": rep.signer, "problems": list(rep.problems)}


__all__ = ["Preview", "Request", "issue", "preview", "verify"]
