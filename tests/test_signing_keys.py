"""Signing identities: local CA, reviewer certificates, import; keys encrypted, files 0600, wrong passphrase refused."""

from __future__ import annotations

import stat

import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12

from reviewer.cli import main
from reviewer.errors import UserError
from reviewer.signing import identities
from reviewer.signing.signer import Pkcs12Signer


@pytest.fixture
def pw_files(tmp_path):
    ca, rev = tmp_path / "ca.pw", tmp_path / "rev.pw"
    ca.write_text("ca-secret 口令\n", encoding="utf-8")
    rev.write_text("reviewer-secret\n", encoding="utf-8")
    return ca, rev


def test_cli_init_issue_list(reviewer_home, pw_files, capsys):
    ca, rev = pw_files
    assert main(["keys", "init-authority", "--passphrase-file", str(ca)]) == 0
    assert main(["keys", "issue", "王审查", "--ca-passphrase-file", str(ca), "--passphrase-file", str(rev)]) == 0
    keys = reviewer_home / "keys"
    assert stat.S_IMODE(keys.stat().st_mode) == 0o700
    for f in keys.iterdir():
        assert stat.S_IMODE(f.stat().st_mode) == 0o600, f
    capsys.readouterr()
    assert main(["keys", "list", "--json"]) == 0
    import json

    rows = json.loads(capsys.readouterr().out)
    assert {r["file"] for r in rows} == {"authority.p12", "王审查.p12"}
    assert all(r["local_ca"] for r in rows)


def test_keys_are_encrypted_ec_p256_and_chain_to_the_ca(reviewer_home):
    identities.init_authority("上海市松江区发展和改革委员会", b"ca")
    p12 = identities.issue("王审查", b"ca", b"pw")
    raw = p12.read_bytes()
    assert b"PRIVATE KEY" not in raw
    with pytest.raises(ValueError):
        pkcs12.load_key_and_certificates(raw, None)  # not readable without the passphrase
    key, cert, chain = pkcs12.load_key_and_certificates(raw, b"pw")
    assert isinstance(key, ec.EllipticCurvePrivateKey) and key.curve.name == "secp256r1"
    ca = identities.authority_certificate()
    assert cert.issuer == ca.subject and [c.subject for c in chain] == [ca.subject]
    cert.verify_directly_issued_by(ca)
    assert b"PRIVATE KEY" not in (reviewer_home / "keys" / "authority.p12").read_bytes()


def test_wrong_passphrase_is_refused_clearly(reviewer_home, pw_files, tmp_path, capsys):
    ca, rev = pw_files
    identities.init_authority("松江区发改委", b"ca")
    p12 = identities.issue("王审查", b"ca", b"right")
    with pytest.raises(UserError) as exc:
        Pkcs12Signer(p12, b"wrong")
    assert "口令错误" in exc.value.message_zh and exc.value.exit_code == 3
    with pytest.raises(UserError, match="口令错误"):
        identities.issue("李审查", b"not-the-ca-passphrase", b"x")
    assert Pkcs12Signer(p12, b"right").signer_name == "王审查"


def test_existing_authority_is_not_silently_replaced(reviewer_home):
    identities.init_authority("A", b"ca")
    with pytest.raises(UserError, match="--force"):
        identities.init_authority("A", b"ca")
    identities.init_authority("A", b"ca2", force=True)


def test_empty_passphrase_refused(reviewer_home, tmp_path):
    empty = tmp_path / "empty.pw"
    empty.write_text("\n")
    assert main(["keys", "init-authority", "--passphrase-file", str(empty)]) == 2
    assert not (reviewer_home / "keys" / "authority.p12").exists()


def test_import_external_pkcs12(reviewer_home, tmp_path):
    """A PKCS#12 from another CA (made here with cryptography) is checked with its passphrase and copied 0600."""
    from datetime import datetime, timedelta, timezone

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "外部CA签发的审查员")])
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now).not_valid_after(now + timedelta(days=30))
            .sign(key, hashes.SHA256()))
    ext = tmp_path / "external.p12"
    ext.write_bytes(pkcs12.serialize_key_and_certificates(b"x", key, cert, None,
                                                          serialization.BestAvailableEncryption(b"ext-pw")))
    with pytest.raises(UserError, match="口令错误"):
        identities.import_p12(ext, b"bad")
    target = identities.import_p12(ext, b"ext-pw")
    assert target.parent == reviewer_home / "keys" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == ext.read_bytes()
    assert Pkcs12Signer(target, b"ext-pw").signer_name == "外部CA签发的审查员"
    listed = {i.file: i for i in identities.list_identities()}
    assert listed[target.name].local_ca is False
