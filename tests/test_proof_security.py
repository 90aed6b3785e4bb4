"""Security properties checked on the real files the CLI writes.

* Keys never in plaintext on disk: after ``keys init-authority`` and ``keys issue`` no file under REVIEWER_HOME
  holds an unencrypted private key (PEM, DER PKCS#8/SEC1/PKCS#1, or a PKCS#12 that opens without a passphrase),
  the passphrases themselves are nowhere, and the private scalar's bytes appear in no file.
* Owner-only: every file under REVIEWER_HOME is 0600 and every folder 0700, even with a permissive umask.
* Names from users cannot escape their folder (certificate holder names, annotated copies of workbooks).
* The audit hash chain and the opinion fingerprints detect edits made behind the application's back (raw SQL).
"""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from proof_helpers import FORBIDDEN_OUTPUT, cli_env, has_command, run_cli

pytestmark = pytest.mark.timeout(300)

CA_PASS = "ca-Passphrase-7f3a9"
ME_PASS = "reviewer-Passphrase-91c2"


def _run_umask(args: list[str], home: Path, umask: int = 0o022) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reviewer", *args], capture_output=True, text=True, timeout=180,
                          env=cli_env(home), cwd=str(home), preexec_fn=lambda: os.umask(umask))


@pytest.fixture(scope="module")
def keyed_home(tmp_path_factory):  # noqa: ANN001
    """One home with a CA, a reviewer certificate and the demo projects, shared by this module's tests."""
    if not has_command("keys", "init-authority"):
        pytest.skip("`reviewer keys` is not in this build yet")
    tmp_path = tmp_path_factory.mktemp("keyed")
    reviewer_home = tmp_path / "home"
    reviewer_home.mkdir(mode=0o700)
    secrets = tmp_path / "secrets"
    secrets.mkdir(mode=0o700)
    (secrets / "ca.pass").write_text(CA_PASS, encoding="utf-8")
    (secrets / "me.pass").write_text(ME_PASS, encoding="utf-8")
    p = _run_umask(["keys", "init-authority", "--passphrase-file", str(secrets / "ca.pass")], reviewer_home)
    assert p.returncode == 0, p.stderr
    p = _run_umask(["keys", "issue", "张审查", "--ca-passphrase-file", str(secrets / "ca.pass"),
                    "--passphrase-file", str(secrets / "me.pass")], reviewer_home)
    assert p.returncode == 0, p.stderr
    assert _run_umask(["demo", "--projects-only"], reviewer_home).returncode == 0
    return reviewer_home, secrets


def _files(home: Path) -> list[Path]:
    return [p for p in home.rglob("*") if p.is_file()]


def _plaintext_key_problem(path: Path, data: bytes) -> str | None:
    from cryptography.hazmat.primitives.serialization import load_der_private_key, load_pem_private_key, pkcs12

    for marker in (b"-----BEGIN PRIVATE KEY-----", b"-----BEGIN RSA PRIVATE KEY-----",
                   b"-----BEGIN EC PRIVATE KEY-----", b"-----BEGIN DSA PRIVATE KEY-----",
                   b"-----BEGIN OPENSSH PRIVATE KEY-----"):
        if marker in data:
            i = data.index(marker)
            try:
                load_pem_private_key(data[i:], password=None)
                return f"{path}: unencrypted PEM private key"
            except (ValueError, TypeError):
                pass
    for loader in (lambda d: load_der_private_key(d, password=None),
                   lambda d: pkcs12.load_key_and_certificates(d, None)[0],
                   lambda d: pkcs12.load_key_and_certificates(d, b"")[0]):
        try:
            if loader(data) is not None:
                return f"{path}: private key readable without a passphrase"
        except (ValueError, TypeError):
            continue
        except Exception:  # noqa: BLE001 — any parser failure means "not a plaintext key"
            continue
    return None


def test_no_private_key_or_passphrase_in_plaintext_on_disk(keyed_home):  # noqa: ANN001
    from cryptography.hazmat.primitives.serialization import pkcs12

    from reviewer.demo import DEMO_PASSPHRASE

    home, _ = keyed_home
    files = _files(home)
    p12s = [p for p in files if p.suffix == ".p12"]
    assert len(p12s) >= 2, files
    # The private scalars, recovered with the passphrases, must not appear in any file in any common encoding.
    needles: list[bytes] = [CA_PASS.encode(), ME_PASS.encode(), CA_PASS.encode("utf-16-le"), ME_PASS.encode("utf-16-le")]
    for p in p12s:
        # `reviewer demo` keeps its DEMO identity apart in demo-keys/, under the public demo passphrase (README):
        # still encrypted, so the same checks apply with that passphrase.
        candidates = (CA_PASS, ME_PASS) + ((DEMO_PASSPHRASE,) if "demo-keys" in p.parts else ())
        for pw in candidates:
            try:
                key = pkcs12.load_key_and_certificates(p.read_bytes(), pw.encode())[0]
            except ValueError:
                continue
            nums = key.private_numbers()
            secret = getattr(nums, "private_value", None) or getattr(nums, "d")
            raw = secret.to_bytes((secret.bit_length() + 7) // 8, "big")
            needles += [raw, raw.hex().encode(), raw.hex().upper().encode()]
            break
        else:
            pytest.fail(f"{p} opens with neither passphrase")
    for f in files:
        data = f.read_bytes()
        problem = _plaintext_key_problem(f, data)
        assert problem is None, problem
        for n in needles:
            assert n not in data, f"secret material found in plaintext in {f}"


def test_everything_under_home_is_owner_only_even_with_umask_022(keyed_home):  # noqa: ANN001
    home, _ = keyed_home
    assert _run_umask(["archive", "backup", str(home / "backups" / "b.sqlite3")], home).returncode == 0
    bad = []
    for p in [home, *home.rglob("*")]:
        mode = stat.S_IMODE(p.stat().st_mode)
        if mode & 0o077:
            bad.append(f"{p.relative_to(home.parent)} {oct(mode)}")
    assert not bad, bad


@pytest.mark.parametrize("name", ["../../escaped", "/tmp/absolute-escape", "..", "a/../../b", "..\\..\\win",
                                  "名字\n尾", "CON", " .hidden"])
def test_certificate_holder_names_cannot_escape_the_keys_folder(keyed_home, name):  # noqa: ANN001
    home, secrets = keyed_home
    before = {p.resolve() for p in home.parent.rglob("*")} | {p.resolve() for p in Path("/tmp").glob("*escape*")}
    p = run_cli(["keys", "issue", name, "--ca-passphrase-file", str(secrets / "ca.pass"),
                 "--passphrase-file", str(secrets / "me.pass")], home)
    for bad in FORBIDDEN_OUTPUT:
        assert bad not in p.stdout + p.stderr
    after = {q.resolve() for q in home.parent.rglob("*")} | {q.resolve() for q in Path("/tmp").glob("*escape*")}
    keys = (home / "keys").resolve()
    for new in after - before:
        assert keys in new.parents, f"{name!r} wrote {new} outside {keys}"


def test_annotated_copies_stay_in_their_folder(tmp_path, reviewer_home):  # noqa: ANN001
    if not has_command("import"):
        pytest.skip("`reviewer import` is not in this build yet")
    src = tmp_path / "in"
    src.mkdir()
    for n in ["..xlsx", "...xlsx", "..-退回标注.xlsx", "a..b.xlsx", "名称 含空格.xlsx"]:
        (src / n).write_bytes(b"PK\x03\x04 not really a workbook")
    out = tmp_path / "annotated"
    p = run_cli(["import", str(src), "--annotate", str(out)], reviewer_home)
    for bad in FORBIDDEN_OUTPUT:
        assert bad not in p.stdout + p.stderr
    outside = [q for q in tmp_path.rglob("*") if q.is_file() and src not in q.parents and out not in q.parents
               and reviewer_home not in q.parents]
    assert not outside, outside


# ---------------------------------------------------------------------------------------------------------------
# Tampering behind the application's back is detected
# ---------------------------------------------------------------------------------------------------------------

def _tamper(db: Path, sql: str, *params) -> None:  # noqa: ANN002
    c = sqlite3.connect(db)
    c.execute(sql, params)
    c.commit()
    c.close()


@pytest.fixture(scope="module")
def demo_archive_file(tmp_path_factory) -> Path:  # noqa: ANN001
    """A demo archive that passes ``archive check``, copied by each tampering test."""
    if not has_command("archive", "check"):
        pytest.skip("`reviewer archive check` is not in this build yet")
    home = tmp_path_factory.mktemp("demo") / "home"
    home.mkdir(mode=0o700)
    assert run_cli(["demo", "--projects-only"], home).returncode == 0
    assert run_cli(["archive", "check"], home).returncode == 0
    db = home / "archive.sqlite3"
    c = sqlite3.connect(db)
    c.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    c.execute("PRAGMA journal_mode=DELETE")  # one self-contained file to copy
    c.close()
    return db


@pytest.mark.parametrize("edit", [
    ("UPDATE audit_events SET actor = 'mallory' WHERE id = 2",),
    ("UPDATE audit_events SET payload = json_set(payload, '$.version', 9) WHERE id = 1",),
    ("DELETE FROM audit_events WHERE id = 2",),
    ("UPDATE audit_events SET reason = reason || ' ' WHERE id = (SELECT max(id) FROM audit_events)",),
    ("INSERT INTO audit_events (at, actor, action, entity, entity_id, reason, payload, prev_hash, hash) "
     "SELECT at, actor, action, entity, entity_id, reason, payload, hash, hex(randomblob(32)) FROM audit_events "
     "WHERE id = (SELECT max(id) FROM audit_events)",),
])
def test_archive_check_detects_edits_to_the_audit_chain(demo_archive_file, reviewer_home, edit):  # noqa: ANN001
    import shutil

    shutil.copy(demo_archive_file, reviewer_home / "archive.sqlite3")
    _tamper(reviewer_home / "archive.sqlite3", *edit)
    p = run_cli(["archive", "check"], reviewer_home)
    assert p.returncode != 0, p.stdout
    assert "审计" in p.stdout + p.stderr
    for bad in FORBIDDEN_OUTPUT:
        assert bad not in p.stdout + p.stderr


@pytest.mark.slow
@pytest.mark.parametrize("edit", ["pdf", "doc_number", "pdf_and_sha"])
def test_archive_check_detects_edits_to_a_signed_opinion(keyed_home, tmp_path, edit):  # noqa: ANN001
    import shutil

    shared, secrets = keyed_home
    home = tmp_path / "own-home"
    shutil.copytree(shared, home)  # own copy: this test tampers with the archive
    key = next((home / "keys").glob("张审查*.p12"))
    p = run_cli(["opinion", "2026-310117-84-01-000101", "--out", str(tmp_path / "o.pdf"), "--sign", "--key", str(key),
                 "--passphrase-file", str(secrets / "me.pass"), "--confirm-authority", "分级界限已核对",
                 "--confirm-unverified", "参数已核对"], home)
    assert p.returncode == 0, p.stderr
    assert run_cli(["archive", "check"], home).returncode == 0
    db = home / "archive.sqlite3"
    if edit == "pdf":
        _tamper(db, "UPDATE opinions SET pdf = CAST(replace(CAST(pdf AS TEXT), '1', '2') AS BLOB) WHERE id = 1")
    elif edit == "doc_number":
        _tamper(db, "UPDATE opinions SET doc_number = doc_number || '改' WHERE id = 1")
    else:
        forged = (tmp_path / "o.pdf").read_bytes().replace(b"/Producer", b"/Produker")
        import hashlib

        _tamper(db, "UPDATE opinions SET pdf = ?, sha256 = ? WHERE id = 1", forged, hashlib.sha256(forged).hexdigest())
    p = run_cli(["archive", "check"], home)
    assert p.returncode != 0, p.stdout
    for bad in FORBIDDEN_OUTPUT:
        assert bad not in p.stdout + p.stderr
