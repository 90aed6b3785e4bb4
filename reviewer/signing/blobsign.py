"""Detached signatures over small blobs (a rule pack's manifest) with the commission's authority key.

The office's local CA key (``keys/authority.p12``, EC P-256) signs; verification accepts only a certificate that is
byte-for-byte the local trust anchor (``keys/authority.crt``) or one passed explicitly, so a pack signed by anybody
else is refused.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from reviewer.errors import UserError
from reviewer.paths import home
from reviewer.signing.identities import AUTHORITY_CRT, AUTHORITY_P12, keys_dir, load_p12

ALGORITHM = "ECDSA-P256-SHA256"


@dataclass(frozen=True)
class BlobSignature:
    algorithm: str
    signature_b64: str
    certificate_pem: str
    signer: str

    def to_dict(self) -> dict[str, str]:
        return {"algorithm": self.algorithm, "signature": self.signature_b64, "certificate": self.certificate_pem,
                "signer": self.signer}


def _common_name(cert) -> str:  # noqa: ANN001
    from cryptography.x509.oid import NameOID

    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(names[0].value) if names else cert.subject.rfc4514_string()


def sign_with_authority(data: bytes, ca_passphrase: bytes) -> BlobSignature:
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    path = keys_dir() / AUTHORITY_P12
    if not path.exists():
        raise UserError("尚未创建审查机关证书颁发机构，请先运行 reviewer keys init-authority。",
                        "No local CA yet; run `reviewer keys init-authority` first.")
    key, cert, _ = load_p12(path, ca_passphrase)
    sig = key.sign(data, ec.ECDSA(hashes.SHA256()))
    return BlobSignature(ALGORITHM, base64.b64encode(sig).decode(),
                         cert.public_bytes(serialization.Encoding.PEM).decode(), _common_name(cert))


def verify_with_authority(data: bytes, sig: dict, *, trust: list[Path] | None = None) -> str:
    """The signer's name when ``sig`` is the trusted authority's valid signature over ``data``; else UserError."""
    from cryptography import x509
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    try:
        if sig.get("algorithm") != ALGORITHM:
            raise ValueError("algorithm")
        cert = x509.load_pem_x509_certificate(str(sig["certificate"]).encode())
        raw = base64.b64decode(str(sig["signature"]), validate=True)
    except Exception:  # noqa: BLE001 — any malformed signature block is a refusal, not a crash
        raise UserError("规则包签名数据损坏或格式不符，拒绝导入。", "The rule pack's signature block is malformed; refused.",
                        exit_code=1) from None
    anchors = [home() / "keys" / AUTHORITY_CRT, *(trust or [])]
    der = cert.public_bytes(serialization.Encoding.DER)
    trusted = False
    for p in anchors:
        if p.exists():
            try:
                if x509.load_pem_x509_certificate(p.read_bytes()).public_bytes(serialization.Encoding.DER) == der:
                    trusted = True
            except ValueError:
                continue
    if not trusted:
        raise UserError("规则包不是由本审查机关的证书颁发机构签名的（签名证书不受信任），拒绝导入。",
                        "The rule pack is not signed by this commission's authority key (untrusted); refused.",
                        exit_code=1)
    try:
        cert.public_key().verify(raw, data, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, TypeError, ValueError):
        raise UserError("规则包签名无效（内容在签名后被改动），拒绝导入。",
                        "The rule pack's signature does not verify (changed after signing); refused.",
                        exit_code=1) from None
    return _common_name(cert)
