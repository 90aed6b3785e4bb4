"""PAdES signatures checked by pyHanko and poppler's pdfsig; every tampering the issue names is detected."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.usecases.opinions import issue_document
from reviewer.services import store_submission
from reviewer.settings import Settings
from reviewer.signing import identities
from reviewer.signing.signer import Pkcs12Signer
from reviewer.signing.verify import verify_bytes
from reviewer.submission.parse import load_json
from reviewer.opinion.legal import Confirmations

# The reviewer confirms the authority and the unverified parameters (令第31号 第八条; corrections.md F, A4).
CONFIRMED = Confirmations(authority="测试：分级界限已核对", unverified="测试：参数已核对")

ROOT = Path(__file__).resolve().parents[1]
CODE = "2026-310117-39-03-000202"


@pytest.fixture
def signer(reviewer_home):
    identities.init_authority(Settings().commission_name, b"ca")
    return Pkcs12Signer(identities.issue("王审查", b"ca", b"pw"), b"pw")


@pytest.fixture
def seeded(archive):
    sub = load_json(ROOT / "resources" / "demo" / "electronics.json")
    archive.run_write(lambda s: store_submission(s, sub, source_name="electronics.json", source_format="json"))
    return archive


@pytest.fixture
def signed(seeded, signer, tmp_path):
    doc = issue_document(seeded, CODE, "approval", signer=signer, confirmations=CONFIRMED, issued_on=date(2026, 6, 5))
    path = tmp_path / "signed.pdf"
    path.write_bytes(doc.pdf)
    return doc, path


def test_signature_valid_for_pyhanko_and_pdfsig(signed, seeded):
    doc, path = signed
    rep = verify_bytes(doc.pdf, archive=seeded)
    assert (rep.signed, rep.intact, rep.valid, rep.trusted, rep.unmodified) == (True,) * 5
    assert rep.docmdp_ok is True and rep.coverage == "ENTIRE_FILE"
    assert rep.signer == "王审查" and rep.doc_number == doc.doc_number and rep.archive_match is True
    assert rep.exit_code == 0
    if shutil.which("pdfsig") is None:
        pytest.skip("poppler-utils missing")
    out = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature Validation: Signature is Valid." in out
    assert "Total document signed" in out
    assert "Signer Certificate Common Name: 王审查" in out


def test_certification_signature_with_docmdp_no_changes_and_one_cert_copy(signed):
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.fields import MDPPerm

    doc, _ = signed
    r = PdfFileReader(io.BytesIO(doc.pdf))
    sig = r.embedded_signatures[0]
    assert sig.docmdp_level == MDPPerm.NO_CHANGES
    certs = [c.chosen["tbs_certificate"]["subject"].native["common_name"] for c in sig.signed_data["certificates"]]
    assert certs.count("王审查") == 1  # the signer's own certificate is not passed again as chain
    # the submission, the assessment (with its execution receipt) and the printed view-model travel with the
    # document, so `reviewer verify --recompute` can re-derive it (issue 17)
    names = r.root["/Names"]["/EmbeddedFiles"]["/Names"]
    assert {str(names[i]) for i in range(0, len(names), 2)} == {"submission.json", "assessment.json",
                                                                "viewmodel.json"}
    assert r.trailer["/Info"]["/Keywords"] is not None and CODE in str(r.trailer["/Info"]["/Keywords"])


def test_signing_certificate_attribute_is_pyhankos_for_every_signature_of_the_process(signed, seeded, signer, tmp_path):
    """The ESS signing-certificate-v2 value (RFC 5035) is built once per certificate and reused (pdfsign.py): every
    signature still carries exactly the value pyHanko builds for the signer's certificate, and validates — for the
    first document and for one signed later by the same process, by the same and by another signer."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.general import as_signing_certificate_v2

    doc, _ = signed
    later = issue_document(seeded, CODE, "approval", signer=signer, confirmations=CONFIRMED,
                           issued_on=date(2026, 6, 5), supersedes=doc.doc_number)
    other = Pkcs12Signer(identities.issue("李审查", b"ca", b"pw2"), b"pw2")
    third = issue_document(seeded, CODE, "approval", signer=other, confirmations=CONFIRMED,
                           issued_on=date(2026, 6, 5), supersedes=later.doc_number)
    for d, who in ((doc, signer), (later, signer), (third, other)):
        sig = PdfFileReader(io.BytesIO(d.pdf)).embedded_signatures[0]
        attrs = {a["type"].native: a["values"][0] for a in sig.signer_info["signed_attrs"]}
        expected = as_signing_certificate_v2(who.pyhanko_signer().signing_cert)
        assert attrs["signing_certificate_v2"].dump() == expected.dump()
        rep = verify_bytes(d.pdf, archive=seeded)
        assert (rep.signed, rep.intact, rep.valid, rep.trusted) == (True,) * 4
        assert rep.signer == ("王审查" if who is signer else "李审查")


def test_visible_stamp_shows_signer_time_and_number_in_embedded_cjk_fonts(signed, tmp_path):
    if shutil.which("pdffonts") is None:
        pytest.skip("poppler-utils missing")
    doc, path = signed
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = [ln.split() for ln in out.splitlines()[2:] if ln.strip()]
    assert all(r[-5] == "yes" for r in rows)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True).stdout
    assert "数字签名：王审查" in text and f"文号：{doc.doc_number}" in text
    # the time printed on the stamp is the signing time in the CMS (shown in Beijing time)
    from zoneinfo import ZoneInfo

    shown = doc.signed_at.astimezone(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M:%S")
    assert f"签署时间：{shown}" in text
    assert verify_bytes(doc.pdf).signing_time.startswith(doc.signed_at.strftime("%Y-%m-%dT%H:%M:%S"))


def _flip(data: bytes, pos: int) -> bytes:
    return data[:pos] + bytes([data[pos] ^ 0x01]) + data[pos + 1:]


def test_flipped_content_byte_detected(signed, tmp_path):
    doc, _ = signed
    data = doc.pdf
    start = data.index(b"stream\n", data.index(b"/FlateDecode")) + 7
    bad = _flip(data, start + 40)
    rep = verify_bytes(bad)
    assert rep.readable and not rep.intact and rep.exit_code == 1


def test_edited_metadata_detected(signed):
    doc, _ = signed
    data = doc.pdf
    m = re.search(rb"/Author \((.*?)\)", data, re.S) or re.search(rb"/Producer \((.*?)\)", data, re.S)
    assert m
    value = m.group(1)
    bad = data[:m.start(1)] + value[:-1] + (b"X" if value[-1:] != b"X" else b"Y") + data[m.end(1):]
    assert len(bad) == len(data) and bad != data
    rep = verify_bytes(bad)
    assert not rep.intact and rep.exit_code == 1


def test_appended_incremental_update_detected(signed):
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    doc, _ = signed
    w = IncrementalPdfFileWriter(io.BytesIO(doc.pdf))
    info = w.trailer["/Info"].get_object()
    info[generic.NameObject("/Title")] = generic.TextStringObject("关于另一个项目节能报告的审查意见")
    w.update_container(info)
    out = io.BytesIO()
    w.write(out)
    rep = verify_bytes(out.getvalue())
    assert rep.intact and rep.valid  # the signed revision itself is untouched …
    assert not rep.unmodified and rep.exit_code == 1  # … but the file was changed after signing


def test_altered_signature_value_detected(signed):
    doc, _ = signed
    data = doc.pdf
    m = re.search(rb"/Contents <([0-9a-fA-F]+)>", data)
    hexsig = m.group(1).rstrip(b"0")
    # change a hex digit near the end of the CMS blob: inside the ECDSA signature value
    pos = m.start(1) + len(hexsig) - 10
    digit = data[pos:pos + 1]
    bad = data[:pos] + (b"1" if digit != b"1" else b"2") + data[pos + 1:]
    rep = verify_bytes(bad)
    assert rep.exit_code == 1
    assert not (rep.intact and rep.valid)


def test_unreadable_and_unsigned_exit_codes(tmp_path, signed, seeded, capsys):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"this is not a pdf at all")
    assert main(["verify", str(junk)]) == 2
    assert main(["verify", str(tmp_path / "missing.pdf")]) == 2
    doc = issue_document(seeded, CODE, "correction", missing_items=["缺项"], issued_on=date(2026, 6, 5))
    unsigned = tmp_path / "unsigned.pdf"
    unsigned.write_bytes(doc.pdf)
    assert main(["verify", str(unsigned)]) == 1
    assert "没有电子签名" in capsys.readouterr().out


def test_cli_verify_reports_archive_identity(signed, tmp_path, capsys, monkeypatch, seeded):
    monkeypatch.setenv("REVIEWER_DATABASE_URL", seeded.url)
    doc, path = signed
    assert main(["verify", str(path)]) == 0
    out = capsys.readouterr().out
    assert "与档案库原件逐字节一致" in out and doc.doc_number in out and "王审查" in out
    # a validly signed file whose 文号 is archived with other bytes (e.g. re-signed elsewhere) is not accepted
    from sqlalchemy import text

    with seeded.engine.begin() as c:
        c.execute(text("UPDATE opinions SET sha256 = :h WHERE doc_number = :d"), {"h": "0" * 64, "d": doc.doc_number})
    assert main(["verify", str(path)]) == 1


def test_untrusted_signer_is_reported(seeded, tmp_path, reviewer_home):
    """A certificate that does not chain to the commission CA: intact and valid, but not trusted → exit 1."""
    identities.init_authority("某个其他机关", b"x")
    other = Pkcs12Signer(identities.issue("冒名者", b"x", b"pw"), b"pw")
    doc = issue_document(seeded, CODE, "approval", signer=other, confirmations=CONFIRMED, issued_on=date(2026, 6, 5))
    identities.init_authority(Settings().commission_name, b"ca", force=True)  # the real commission CA
    rep = verify_bytes(doc.pdf)
    assert rep.intact and rep.valid and not rep.trusted and rep.exit_code == 1


class _TSAHandler(BaseHTTPRequestHandler):
    stamper = None

    def do_POST(self):  # noqa: N802
        from asn1crypto import tsp

        req = tsp.TimeStampReq.load(self.rfile.read(int(self.headers["Content-Length"])))
        body = self.stamper.request_tsa_response(req).dump()
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *a):  # noqa: ANN002
        pass


def _tsa_identity(ca_pass: bytes):
    """A time-stamping certificate (EKU timeStamping, critical) issued by the local CA, in pyHanko's types."""
    from datetime import datetime, timedelta, timezone

    from asn1crypto import keys as a_keys, x509 as a_x509
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    ca_key, ca_cert, _ = identities.load_p12(identities.keys_dir() / "authority.p12", ca_pass)
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)  # pyHanko's DummyTimeStamper is RSA-only
    now = datetime.now(timezone.utc)
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "本机测试时间戳服务")]))
            .issuer_name(ca_cert.subject).public_key(key.public_key()).serial_number(7)
            .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True)
            .sign(ca_key, hashes.SHA256()))
    der_key = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return (a_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
            a_keys.PrivateKeyInfo.load(der_key))


def test_pades_b_t_with_a_local_rfc3161_responder(seeded, signer, tmp_path):
    """B-T: a real HTTP RFC 3161 exchange with an in-process responder (pyHanko's DummyTimeStamper as the TSA)."""
    from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

    tsa_cert, tsa_key = _tsa_identity(b"ca")
    _TSAHandler.stamper = DummyTimeStamper(tsa_cert=tsa_cert, tsa_key=tsa_key)
    server = HTTPServer(("127.0.0.1", 0), _TSAHandler)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        settings = Settings()
        settings.timestamp_url = f"http://127.0.0.1:{server.server_port}/tsa"
        doc = issue_document(seeded, CODE, "approval", signer=signer, confirmations=CONFIRMED, settings=settings, issued_on=date(2026, 6, 5))
    finally:
        server.shutdown()
    rep = verify_bytes(doc.pdf)
    assert rep.timestamp, "no signature timestamp token"
    assert rep.exit_code == 0


def test_unreachable_timestamp_server_leaves_nothing_behind(seeded, signer):
    from sqlalchemy import func, select

    from reviewer.archive.models import DocNumberSequence, Opinion
    from reviewer.errors import UserError

    settings = Settings()
    settings.timestamp_url = "http://127.0.0.1:9/tsa"  # discard port: connection refused
    with pytest.raises(UserError, match="时间戳"):
        issue_document(seeded, CODE, "approval", signer=signer, confirmations=CONFIRMED, settings=settings, issued_on=date(2026, 6, 5))
    with seeded.read() as s:
        assert s.scalar(select(func.count()).select_from(Opinion)) == 0
        assert s.scalar(select(func.count()).select_from(DocNumberSequence)) == 0


def test_the_stamp_shows_the_time_in_the_offices_time_zone(seeded, signer, tmp_path):
    """One clock (corrections.md F; issue 13): the stamp's time is in the office's time zone (settings.time_zone),
    as the 成文日期 is — not a zone fixed in the signing code. Asia/Tokyo is UTC+9, one hour ahead of Shanghai."""
    from zoneinfo import ZoneInfo

    doc = issue_document(seeded, CODE, "approval", signer=signer, confirmations=CONFIRMED, issued_on=date(2026, 6, 5),
                         settings=Settings(time_zone="Asia/Tokyo"))
    path = tmp_path / "tokyo.pdf"
    path.write_bytes(doc.pdf)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True).stdout
    shown = doc.signed_at.astimezone(ZoneInfo("Asia/Tokyo")).strftime("%Y-%m-%d %H:%M:%S")
    assert f"签署时间：{shown} (UTC+9)" in text
    assert verify_bytes(doc.pdf, archive=seeded).valid


def test_utc_offset_labels():
    from datetime import datetime, timedelta, timezone as tz

    from reviewer.signing.pdfsign import _utc_label

    assert _utc_label(datetime(2026, 1, 1, tzinfo=tz(timedelta(hours=8)))) == "UTC+8"
    assert _utc_label(datetime(2026, 1, 1, tzinfo=tz(timedelta(hours=5, minutes=30)))) == "UTC+5:30"
    assert _utc_label(datetime(2026, 1, 1, tzinfo=tz.utc)) == "UTC"
    assert _utc_label(datetime(2026, 1, 1, tzinfo=tz(-timedelta(hours=3)))) == "UTC-3"
