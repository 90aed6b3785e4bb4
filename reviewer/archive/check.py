"""``reviewer archive check``: is the archive as the application left it?

Checks, each reported with the row it concerns:

1. the audit hash chain (:func:`reviewer.archive.audit.verify_chain`): an edited, inserted or deleted event;
2. every stored opinion PDF against its SHA-256 column;
3. every opinion row against the fingerprint recorded in its ``opinion.issued`` audit event (the event is protected
   by the chain, so editing the row *and* its sha256 column is still caught), and that such an event exists;
4. every signed PDF's signature is intact (pyHanko; catches bytes swapped for another validly-hashed file);
5. every 文号 sequence is at least at the highest number issued from it (a sequence wound back by hand would
   hand out a number twice — the UNIQUE constraint would refuse it, this says why);
6. every case attachment: its stored bytes against their SHA-256, and the attachment row against its
   ``case.attached`` audit event (the case file, issue 14).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Callable

from sqlalchemy import select
from sqlalchemy.orm import undefer

from reviewer.archive.audit import verify_chain
from reviewer.archive.case_models import CaseAttachment, CaseBlob
from reviewer.archive.guard import row_fingerprint
from reviewer.archive.models import AuditEvent, DocNumberSequence, Opinion


@dataclass
class IntegrityProblem:
    entity: str  # audit_event | opinion
    entity_id: int
    message_zh: str
    message_en: str


@dataclass
class CheckReport:
    audit_events: int = 0
    opinions: int = 0
    signed_opinions: int = 0
    attachments: int = 0
    problems: list[IntegrityProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "ok": self.ok}


def check_archive(archive: Any, *, verify: Callable[[bytes], Any] | None = None) -> CheckReport:
    """Check the audit chain, every opinion row against its audit record and, with ``verify`` (e.g.
    :func:`reviewer.signing.verify.verify_bytes`, passed by the caller: the archive sits below signing), every
    signature."""
    rep = CheckReport()
    with archive.read() as s:
        for p in verify_chain(s):
            rep.problems.append(IntegrityProblem("audit_event", p.event_id, p.message_zh, p.message_en))
        rep.audit_events = s.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) or 0
        issued: dict[str, dict] = {}
        for ev in s.scalars(select(AuditEvent).where(AuditEvent.action == "opinion.issued")):
            issued[ev.entity_id] = ev.payload or {}
        for row in s.scalars(select(Opinion).options(undefer(Opinion.pdf), undefer(Opinion.view_model))
                             .order_by(Opinion.id)).yield_per(50):
            rep.opinions += 1
            rep.signed_opinions += 1 if row.signed else 0
            digest = hashlib.sha256(row.pdf or b"").hexdigest()
            if digest != row.sha256:
                rep.problems.append(IntegrityProblem(
                    "opinion", row.id, f"文书 {row.doc_number}（#{row.id}）的 PDF 与其 SHA-256 不符：PDF 被改动。",
                    f"Opinion {row.doc_number} (#{row.id}): PDF does not match its SHA-256."))
            ev = issued.get(str(row.id))
            if ev is None:
                rep.problems.append(IntegrityProblem(
                    "opinion", row.id, f"文书 {row.doc_number}（#{row.id}）没有出具记录（审计日志中无对应事件）。",
                    f"Opinion #{row.id} has no issuing audit event."))
            else:
                if ev.get("fingerprint") and ev["fingerprint"] != row_fingerprint(row):
                    rep.problems.append(IntegrityProblem(
                        "opinion", row.id,
                        f"文书 {row.doc_number}（#{row.id}）的档案记录在出具后被改动（与审计日志记录不符）。",
                        f"Opinion #{row.id}: the row was changed after issue (fingerprint mismatch)."))
                if ev.get("sha256") and ev["sha256"] != digest:
                    rep.problems.append(IntegrityProblem(
                        "opinion", row.id, f"文书 {row.doc_number}（#{row.id}）的 PDF 与出具时不同。",
                        f"Opinion #{row.id}: PDF differs from the one issued."))
            if verify is not None and row.signed and digest == row.sha256:
                v = verify(row.pdf)
                if not (v.intact and v.valid and v.unmodified):
                    rep.problems.append(IntegrityProblem(
                        "opinion", row.id, f"文书 {row.doc_number}（#{row.id}）的电子签名验证失败。",
                        f"Opinion #{row.id}: the signature does not verify."))
        issued_max: dict[tuple[str, int], int] = {}
        for payload in issued.values():
            seq = payload.get("sequence") or {}
            if seq.get("prefix") is not None and seq.get("n"):
                key = (seq["prefix"], int(seq["year"]))
                issued_max[key] = max(issued_max.get(key, 0), int(seq["n"]))
        for row in s.scalars(select(DocNumberSequence)):
            top = issued_max.get((row.prefix, row.year), 0)
            if row.last_value < top:
                rep.problems.append(IntegrityProblem(
                    "doc_number_sequence", row.id,
                    f"文号序列 {row.prefix}〔{row.year}〕当前值 {row.last_value} 小于已出具的最大号 {top}：序列被回拨。",
                    f"Number sequence {row.prefix}/{row.year} is at {row.last_value}, below issued {top}."))
        _check_attachments(s, rep)
    return rep


def _check_attachments(s: Any, rep: CheckReport) -> None:
    attached = {ev.entity_id: ev.payload or {} for ev in
                s.scalars(select(AuditEvent).where(AuditEvent.action == "case.attached"))}
    bad_blobs: set[int] = set()
    for blob in s.scalars(select(CaseBlob).options(undefer(CaseBlob.data)).order_by(CaseBlob.id)).yield_per(20):
        if hashlib.sha256(blob.data or b"").hexdigest() != blob.sha256 or len(blob.data or b"") != blob.size:
            bad_blobs.add(blob.id)
    for a in s.scalars(select(CaseAttachment).order_by(CaseAttachment.id)):
        rep.attachments += 1
        ev = attached.get(str(a.id))
        if a.blob_id in bad_blobs:
            rep.problems.append(IntegrityProblem(
                "case_attachment", a.id, f"附件 {a.original_name}（#{a.id}）的内容与其 SHA-256 不符：文件被改动。",
                f"Attachment {a.original_name} (#{a.id}): bytes do not match the SHA-256."))
        if ev is None or ev.get("sha256") != a.sha256 or ev.get("original_name") != a.original_name:
            rep.problems.append(IntegrityProblem(
                "case_attachment", a.id, f"附件 {a.original_name}（#{a.id}）与审计日志中的附加记录不符。",
                f"Attachment #{a.id} does not match its audit event."))
