"""The workbench's only door to the opinion/signing area (issue 4): preview, issue+sign, verify.

The wizard passes a plain :class:`Request` (no Qt, no ORM); the functions here run on a worker thread. When the
opinion API is not installed in this build, :func:`available` is False and the page says so instead of failing.
"""

from __future__ import annotations

import importlib
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

    @classmethod
    def from_state(cls, st, ctx, certificate: str, passphrase: str) -> "Request":  # noqa: ANN001
        return cls(project_code=st.project_code, submission_id=st.submission_id, assessment_id=st.assessment_id,
                   outcome=st.outcome, conditions=list(st.conditions), caps=dict(st.caps),
                   decisions=[asdict(d) for d in st.decisions.values()], regime_date=st.regime_date,
                   certificate=certificate, passphrase=passphrase, actor=ctx.actor)

    @property
    def kind(self) -> str:
        return "approval" if self.outcome == "approved" else "rejection"


def _module(name: str):  # noqa: ANN202
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and name.startswith(exc.name):
            return None
        raise


def _issue_api():  # noqa: ANN202
    for name in ("reviewer.opinion.issue", "reviewer.opinion"):
        m = _module(name)
        if m is not None and hasattr(m, "issue_document"):
            return m
    return None


def available() -> bool:
    return _issue_api() is not None


def unavailable_reason(lang: str = "zh") -> str:
    return ("此版本尚未包含意见书生成与签名模块（reviewer.opinion.issue_document），无法出具意见。"
            if lang != "en" else "This build does not include the opinion issuing and signing module.")


def _need():  # noqa: ANN202
    api = _issue_api()
    if api is None:
        raise UserError(unavailable_reason("zh"), unavailable_reason("en"))
    return api


def preview(archive: Archive, req: Request) -> bytes:
    """The unsigned draft PDF of the opinion the request would issue."""
    api = _need()
    fn = getattr(api, "preview_document", None) or getattr(api, "render_document", None)
    if fn is None:
        raise UserError("意见书模块未提供预览功能。", "The opinion module offers no preview.")
    out = fn(archive, **_kwargs(fn, req))
    return out if isinstance(out, (bytes, bytearray)) else getattr(out, "pdf")


def issue(archive: Archive, req: Request) -> dict[str, Any]:
    """Issue, sign and archive; returns {opinion_id, doc_number, pdf, sha256}."""
    api = _need()
    out = api.issue_document(archive, **_kwargs(api.issue_document, req))
    if isinstance(out, dict):
        return out
    return {k: getattr(out, k, None) for k in ("opinion_id", "doc_number", "pdf", "sha256")} | (
        {"opinion_id": getattr(out, "id", None)} if getattr(out, "opinion_id", None) is None else {})


def _kwargs(fn, req: Request) -> dict[str, Any]:  # noqa: ANN001
    """Map the request onto the parameters the opinion API declares (it is built in parallel; see the report)."""
    import inspect

    params = inspect.signature(fn).parameters
    avail = {
        "project_code": req.project_code, "code": req.project_code, "kind": req.kind,
        "submission_id": req.submission_id, "assessment_id": req.assessment_id, "outcome": req.outcome,
        "conditions": req.conditions, "caps": req.caps, "decisions": req.decisions,
        "regime_date": req.regime_date or None, "p12_path": req.certificate, "pkcs12": req.certificate,
        "certificate": req.certificate, "passphrase": req.passphrase, "actor": req.actor or "reviewer",
    }
    return {k: v for k, v in avail.items() if k in params}


def verify(pdf: bytes) -> str:
    """Signature status of an archived PDF for the opinions tab: 'valid' | 'invalid' | 'unsigned' | 'unknown'."""
    m = _module("reviewer.signing.verify") or _module("reviewer.signing")
    fn = getattr(m, "verify_pdf", None) if m else None
    if fn is None:
        return "unknown"
    try:
        r = fn(pdf)
    except Exception:  # noqa: BLE001
        return "invalid"
    ok = r.get("valid") if isinstance(r, dict) else getattr(r, "valid", r)
    return "valid" if ok else "invalid"
