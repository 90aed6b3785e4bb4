"""Signing identities: the commission's local certificate authority, reviewer certificates, imported PKCS#12 files.

Everything lives in ``$REVIEWER_HOME/keys/`` (directory 0700, files 0600):

* ``authority.p12`` — the CA's EC P-256 key and self-signed certificate, PKCS#12 encrypted with a passphrase
  (PBES2, AES-256-CBC, PBKDF2-SHA256); never written in plaintext.
* ``authority.crt`` — the CA certificate alone (PEM, public): the trust anchor ``reviewer verify`` uses.
* ``<name>.p12`` — a reviewer's key and certificate (with the CA certificate in the chain), encrypted likewise.

EC P-256 is used because it signs about five times faster than RSA-2048 and every PDF reader verifies it.
A certificate from an external CA can be imported; it is checked to open with its passphrase and copied as is.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from reviewer.errors import UserError
from reviewer.paths import home

AUTHORITY_P12 = "authority.p12"
AUTHORITY_CRT = "authority.crt"
CA_YEARS = 10
CERT_YEARS = 3
KDF_ROUNDS = 100_000


def keys_dir() -> Path:
    d = home() / "keys"
    d.mkdir(exist_ok=True, mode=0o700)
    os.chmod(d, 0o700)
    return d


def _write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` created 0600 (atomic replace)."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    os.chmod(path, 0o600)


def _encryption(passphrase: bytes):
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.serialization.pkcs12 import PBES

    if not passphrase:
        raise UserError("口令不能为空：私钥必须加密保存。", "The passphrase must not be empty: keys are stored encrypted.")
    return (serialization.PrivateFormat.PKCS12.encryption_builder().kdf_rounds(KDF_ROUNDS)
            .key_cert_algorithm(PBES.PBESv2SHA256AndAES256CBC).hmac_hash(hashes.SHA256()).build(passphrase))


def load_p12(path: Path, passphrase: bytes):
    """(private key, certificate, extra certificates) of a PKCS#12 file; a wrong passphrase is a UserError."""
    from cryptography.hazmat.primitives.serialization import pkcs12

    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError(f"找不到证书文件 {path}。", f"Certificate file {path} not found.") from None
    except OSError as exc:
        raise UserError(f"无法读取证书文件 {path}：{exc.strerror}", f"Cannot read {path}: {exc.strerror}") from None
    try:
        key, cert, extra = pkcs12.load_key_and_certificates(data, passphrase)
    except ValueError:
        raise UserError(f"口令错误，或 {Path(path).name} 不是有效的 PKCS#12 证书文件，未进行签名。",
                        f"Wrong passphrase, or {Path(path).name} is not a valid PKCS#12 file; nothing was signed.",
                        exit_code=3) from None
    if key is None or cert is None:
        raise UserError(f"{Path(path).name} 中没有私钥或证书。", f"{Path(path).name} holds no private key or certificate.")
    return key, cert, list(extra or [])


def _fit64(text: str) -> str:
    """X.520 names are limited to 64 (UTF-8 encoded here) — shorten long Chinese names instead of failing."""
    while len(text.encode()) > 64:
        text = text[:-1]
    return text


def _name(common_name: str, organisation: str):
    from cryptography import x509
    from cryptography.x509.oid import NameOID

    attrs = [x509.NameAttribute(NameOID.COUNTRY_NAME, "CN"),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, _fit64(organisation)),
             x509.NameAttribute(NameOID.COMMON_NAME, _fit64(common_name))]
    return x509.Name(attrs)


def init_authority(commission: str, passphrase: bytes, *, force: bool = False, folder: Path | None = None,
                   common_name: str | None = None) -> Path:
    """Create the commission's local CA (EC P-256, self-signed, 10 years) in ``keys/authority.p12``.

    ``folder``/``common_name``: another key folder and CA name (the demo world's 演示 DEMO keys, never in ``keys/``).
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12

    d = folder or keys_dir()
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    target = d / AUTHORITY_P12
    if target.exists() and not force:
        raise UserError(f"本机已有审查机关证书颁发机构（{target}）；如确需重建，请加 --force（此前签发的证书将不再受信任）。",
                        f"A local CA already exists ({target}); use --force to replace it (earlier certificates lose trust).")
    key = ec.generate_private_key(ec.SECP256R1())
    subject = _name(common_name or f"{commission}签名CA", commission)
    now = datetime.now(timezone.utc)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(now - timedelta(minutes=5))
            .not_valid_after(now + timedelta(days=365 * CA_YEARS))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=False, content_commitment=False, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                         crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(ski, critical=False)
            .sign(key, hashes.SHA256()))
    p12 = pkcs12.serialize_key_and_certificates(b"authority", key, cert, None, _encryption(passphrase))
    _write_private(target, p12)
    _write_private(d / AUTHORITY_CRT, cert.public_bytes(serialization.Encoding.PEM))
    return target


def _safe_file_name(name: str) -> str:
    stem = re.sub(r"[^\w\u4e00-\u9fff.-]+", "_", name).strip("._") or "reviewer"
    return stem[:60]


def issue(name: str, ca_passphrase: bytes, passphrase: bytes, *, out: Path | None = None,
          organisation: str | None = None, folder: Path | None = None) -> Path:
    """Issue a reviewer certificate (EC P-256, 3 years) signed by the local CA, saved as an encrypted PKCS#12."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    d = folder or keys_dir()
    ca_path = d / AUTHORITY_P12
    if not ca_path.exists():
        raise UserError("尚未创建审查机关证书颁发机构，请先运行 reviewer keys init-authority。",
                        "No local CA yet; run `reviewer keys init-authority` first.")
    ca_key, ca_cert, _ = load_p12(ca_path, ca_passphrase)
    if not name.strip():
        raise UserError("请提供审查人员姓名。", "A reviewer name is required.")
    org = organisation or ca_cert.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
    target = Path(out) if out else d / f"{_safe_file_name(name)}.p12"
    if target.exists():
        raise UserError(f"{target} 已存在，未覆盖。", f"{target} already exists; not overwritten.")
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(_name(name.strip(), org)).issuer_name(ca_cert.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=365 * CERT_YEARS))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                                         data_encipherment=False, key_agreement=False, key_cert_sign=False,
                                         crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION,
                                                  x509.ObjectIdentifier("1.2.840.113583.1.1.5")]), critical=False)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256()))
    p12 = pkcs12.serialize_key_and_certificates(name.strip().encode(), key, cert, [ca_cert], _encryption(passphrase))
    target.parent.mkdir(parents=True, exist_ok=True)
    _write_private(target, p12)
    _write_private(target.with_suffix(".crt"), cert.public_bytes(serialization.Encoding.PEM))
    return target


def import_p12(path: Path, passphrase: bytes) -> Path:
    """Check that an external PKCS#12 opens with ``passphrase`` and copy it (unchanged, 0600) into ``keys/``."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.x509.oid import NameOID

    key, cert, _ = load_p12(path, passphrase)
    cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    stem = _safe_file_name(cn[0].value if cn else Path(path).stem)
    target = keys_dir() / f"{stem}.p12"
    if target.exists():
        target = keys_dir() / f"{stem}-{secrets.token_hex(3)}.p12"
    _write_private(target, Path(path).read_bytes())
    _write_private(target.with_suffix(".crt"), cert.public_bytes(serialization.Encoding.PEM))
    return target


def authority_certificate():
    """The local CA certificate (cryptography object) or ``None`` when none was created."""
    from cryptography import x509

    p = home() / "keys" / AUTHORITY_CRT
    if not p.exists():
        return None
    return x509.load_pem_x509_certificate(p.read_bytes())


@dataclass
class KeyInfo:
    file: str
    subject: str
    issuer: str
    not_after: str
    fingerprint: str
    local_ca: bool


def list_identities() -> list[KeyInfo]:
    """Certificates in ``keys/``, read from the public ``.crt`` written beside every PKCS#12 (no passphrase needed)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    ca = authority_certificate()
    out = []
    for crt in sorted(keys_dir().glob("*.crt")):
        try:
            cert = x509.load_pem_x509_certificate(crt.read_bytes())
        except ValueError:
            continue
        p12 = crt.with_suffix(".p12")
        out.append(KeyInfo(p12.name if p12.exists() else crt.name, cert.subject.rfc4514_string(),
                           cert.issuer.rfc4514_string(), cert.not_valid_after_utc.date().isoformat(),
                           cert.fingerprint(hashes.SHA256()).hex()[:32],
                           ca is not None and cert.issuer == ca.subject))
    return out


REVOKED_DIR = "revoked"
REVOKED_LOG = "revoked.json"


def revoke(file: str, reason: str, *, when: datetime | None = None) -> Path:
    """Withdraw a certificate from use: move its ``.p12``/``.crt`` to ``keys/revoked/`` and log who/why/when.

    The files are kept (documents signed earlier must still verify); the local CA publishes no CRL, so revocation
    here means the workbench no longer offers or accepts the certificate for new signatures.
    """
    import json

    d = keys_dir()
    name = Path(file).name
    p12 = d / name
    if p12.suffix != ".p12" or name == AUTHORITY_P12 or not p12.exists():
        raise UserError(f"没有可吊销的证书 {name}。", f"No certificate {name} to revoke.")
    if not reason.strip():
        raise UserError("吊销证书须写明原因。", "A reason is required to revoke a certificate.")
    rd = d / REVOKED_DIR
    rd.mkdir(exist_ok=True, mode=0o700)
    os.replace(p12, rd / name)
    crt = p12.with_suffix(".crt")
    if crt.exists():
        os.replace(crt, rd / crt.name)
    log_path = d / REVOKED_LOG
    log = json.loads(log_path.read_text(encoding="utf-8")) if log_path.exists() else []
    log.append({"file": name, "reason": reason.strip(),
                "revoked_at": (when or datetime.now(timezone.utc)).isoformat(timespec="seconds")})
    _write_private(log_path, json.dumps(log, ensure_ascii=False, indent=2).encode("utf-8"))
    return rd / name
