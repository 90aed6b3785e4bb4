"""Verifying an issued PDF: intact, valid, trusted, unmodified since signing, and identical to the archived original.

* **intact** — the document digest matches the signed digest (a flipped byte or edited metadata breaks it);
* **valid** — the signature value verifies against the signer's key (an altered signature value breaks it);
* **trusted** — the signer's certificate chains to the commission's local CA (``$REVIEWER_HOME/keys/authority.crt``)
  or to a root passed with ``--trust``;
* **unmodified** — the signature covers the entire file; an appended incremental update (even one a certification
  signature with DocMDP P=1 forbids) is reported as tampering;
* **archived** — SHA-256 of the file equals the stored original of the same 文号.

Exit codes: 0 valid (all of the above, archive match when the archive knows the 文号), 1 invalid or tampered or
untrusted, 2 unreadable.
"""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from reviewer.errors import UserError

# pyHanko logs an untrusted chain with its traceback; the report says it in one sentence, the user never sees one.
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

EXIT_VALID, EXIT_INVALID, EXIT_UNREADABLE = 0, 1, 2


@dataclass
class VerifyReport:
    file: str
    readable: bool = True
    signed: bool = False
    intact: bool = False
    valid: bool = False
    trusted: bool = False
    unmodified: bool = False
    docmdp_ok: bool | None = None
    coverage: str = ""
    signer: str = ""
    signer_dn: str = ""
    signing_time: str = ""
    timestamp: str = ""
    doc_number: str = ""
    project_code: str = ""
    archive_match: bool | None = None  # None: archive has no document with this 文号 / archive not available
    archive_note: str = ""
    sha256: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> int:
        if not self.readable:
            return EXIT_UNREADABLE
        ok = (self.signed and self.intact and self.valid and self.trusted and self.unmodified
              and self.archive_match is not False)
        return EXIT_VALID if ok else EXIT_INVALID

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["exit_code"] = self.exit_code
        return d


def _trust_roots(extra: list[Path]) -> list[Any]:
    from asn1crypto import pem, x509 as a_x509

    from reviewer.paths import home

    roots = []
    for p in [home() / "keys" / "authority.crt", *extra]:
        if not p.exists():
            continue
        data = p.read_bytes()
        if pem.detect(data):
            _, _, data = pem.unarmor(data)
        roots.append(a_x509.Certificate.load(data))
    return roots


def _info_value(reader: Any, revision: int | None, key: str) -> str:
    try:
        trailer = reader.get_historical_resolver(revision).trailer_view if revision is not None else reader.trailer
        info = trailer["/Info"].get_object()
        v = info.get(key)
        return str(v) if v is not None else ""
    except Exception:  # noqa: BLE001 — missing Info is not an error, just nothing to show
        return ""


def verify_bytes(data: bytes, *, name: str = "", trust: list[Path] | None = None, archive: Any | None = None
                 ) -> VerifyReport:
    """Verify the first (certification) signature of ``data``; see the module docstring for the checks."""
    from pyhanko.pdf_utils.misc import PdfReadError
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    rep = VerifyReport(file=name, sha256=hashlib.sha256(data).hexdigest())
    try:
        if not data.lstrip()[:5].startswith(b"%PDF-"):
            raise PdfReadError("not a PDF")
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        sigs = reader.embedded_signatures
    except Exception as exc:  # noqa: BLE001 — any parse failure means "unreadable"
        rep.readable = False
        rep.problems.append(f"文件无法作为 PDF 读取（{type(exc).__name__}）。File cannot be read as a PDF.")
        return rep
    rep.doc_number = _info_value(reader, None, "/ReviewerDocNumber")
    rep.project_code = _info_value(reader, None, "/ReviewerProjectCode")
    if not sigs:
        rep.problems.append("文件没有电子签名。The file carries no signature.")
        _archive_compare(rep, archive)
        return rep
    rep.signed = True
    sig = sigs[0]
    rev = sig.signed_revision
    rep.doc_number = _info_value(reader, rev, "/ReviewerDocNumber") or rep.doc_number
    rep.project_code = _info_value(reader, rev, "/ReviewerProjectCode") or rep.project_code
    vc = ValidationContext(trust_roots=_trust_roots(list(trust or [])), allow_fetching=False,
                           revocation_mode="soft-fail")
    try:
        status = validate_pdf_signature(sig, signer_validation_context=vc)
    except Exception as exc:  # noqa: BLE001 — a mangled CMS blob is an invalid signature, not a crash
        rep.problems.append(f"签名数据已损坏，无法验证（{type(exc).__name__}）。Signature data is corrupt.")
        _archive_compare(rep, archive)
        return rep
    rep.intact, rep.valid, rep.trusted = bool(status.intact), bool(status.valid), bool(status.trusted)
    rep.docmdp_ok = status.docmdp_ok
    rep.coverage = status.coverage.name if status.coverage else ""
    rep.unmodified = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    cert = status.signing_cert
    rep.signer = cert.subject.native.get("common_name", "") or ""
    rep.signer_dn = cert.subject.human_friendly
    if status.signer_reported_dt:
        rep.signing_time = status.signer_reported_dt.isoformat()
    if status.timestamp_validity is not None:
        rep.timestamp = status.timestamp_validity.timestamp.isoformat()
    if not rep.intact:
        rep.problems.append("文件内容在签名后被改动（摘要不符）。Content changed after signing (digest mismatch).")
    if not rep.valid:
        rep.problems.append("签名值无效。The signature value does not verify.")
    if not rep.trusted:
        rep.problems.append("签名证书不能追溯到本审查机关的证书颁发机构（或证书已过期）。"
                            "The signer's certificate does not chain to the commission CA.")
    if not rep.unmodified:
        rep.problems.append("签名之后文件被追加修改（增量更新），与签署时不一致。"
                            "The file was modified after signing (incremental update).")
    _archive_compare(rep, archive)
    return rep


def _archive_compare(rep: VerifyReport, archive: Any | None) -> None:
    if archive is None or not rep.doc_number:
        return
    from sqlalchemy import select

    from reviewer.archive.models import Opinion

    try:
        with archive.read() as s:
            row = s.execute(select(Opinion.sha256).where(Opinion.doc_number == rep.doc_number)).first()
    except Exception:  # noqa: BLE001 — verification of the file itself must not depend on the archive
        rep.archive_note = "档案库不可用，未比对。Archive unavailable."
        return
    if row is None:
        rep.archive_note = "档案库中没有该文号的文书。No archived document with this number."
        return
    rep.archive_match = row[0] == rep.sha256
    rep.archive_note = ("与档案库原件逐字节一致。Byte-identical to the archived original." if rep.archive_match else
                        "与档案库原件不一致。Differs from the archived original.")
    if not rep.archive_match:
        rep.problems.append("文件与档案库中同文号的原件不一致。The file differs from the archived original.")


def verify_file(path: Path, **kw: Any) -> VerifyReport:
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到文件 {path}。", f"File {path} not found.", exit_code=EXIT_UNREADABLE) from None
    except OSError as exc:
        raise UserError(f"无法读取 {path}：{exc.strerror}", f"Cannot read {path}: {exc.strerror}",
                        exit_code=EXIT_UNREADABLE) from None
    return verify_bytes(data, name=str(path), **kw)
