"""The 验收意见 is issued through the opinions service: signed (PAdES), archived with a 文号, linked to the
acceptance. Checked with poppler's pdfsig and pyHanko, and its text read back with pdftotext."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date

import pytest
from sqlalchemy import select

from test_ledger_helpers import approve, project_data, set_assessment, store
from reviewer.archive import audit
from reviewer.archive.models import LedgerAcceptance, Opinion
from reviewer.ledger import sync_all
from reviewer.ledger.acceptance import load_actual, run_acceptance
from reviewer.settings import Settings
from reviewer.usecases.base import Context
from reviewer.usecases.ledger import (AcceptanceDocumentRequest, ChangeDocumentRequest, issue_acceptance_document,
                                      issue_change_document)


def issue_acceptance(archive, acc_id, *, signer, issued_on, actor):
    ctx = Context(archive=archive, settings=Settings(), actor=actor)
    return issue_acceptance_document(ctx, AcceptanceDocumentRequest(acceptance_id=acc_id, signer=signer,
                                                                    issued_on=issued_on)).value

CODE = "2025-310117-39-03-000555"


@pytest.fixture
def signer():
    from reviewer.signing import identities
    from reviewer.signing.signer import Pkcs12Signer

    identities.init_authority("上海市松江区发展和改革委员会", b"ca-pass")
    path = identities.issue("王审查", b"ca-pass", b"pw")
    return Pkcs12Signer(path, b"pw")


def test_signed_acceptance_opinion_for_an_overrun(archive, tmp_path, signer):
    d = project_data("electronics", CODE, year=2027)
    d["project"]["application_date"] = "2025-10-02"
    store(archive, d)
    set_assessment(archive, CODE, eq=1000.0, ev=2300.0, co2=None)
    approve(archive, CODE, date(2025, 10, 10), "松发改能审〔2025〕9号")
    archive.run_write(lambda s: sync_all(s, today=date(2025, 10, 10)))
    # 895.118 万kWh × 0.1229 kgce/kWh = 1100.10 tce: +10.01 % over the approved 1000 tce → 令第31号 第二十六条 整改
    d["energy"] = [{"carrier": "电力", "quantity": "895.118", "unit": "万kWh"}]
    f = tmp_path / "actual.json"
    f.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    actual = load_actual(f)
    acc_id = archive.run_write(lambda s: run_acceptance(s, CODE, actual, accepted_on=date(2026, 6, 1),
                                                        actor="验收组").acceptance.id)
    doc = issue_acceptance(archive, acc_id, signer=signer, issued_on=date(2026, 6, 2), actor="王审查")
    assert doc.signed and doc.kind == "acceptance"
    with archive.read() as s:
        acc = s.get(LedgerAcceptance, acc_id)
        row = s.get(Opinion, acc.document_id)
        assert (row.kind, row.signed, row.sha256) == ("acceptance", True, acc.sha256)
        assert acc.consequence == "rectification"
        assert audit.verify_chain(s) == []
    pdf = tmp_path / "accept.pdf"
    pdf.write_bytes(doc.pdf)
    if shutil.which("pdfsig"):
        out = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
        assert "Signature is Valid" in out
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    from reviewer.signing.identities import authority_certificate

    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding

    root = asn1_x509.Certificate.load(authority_certificate().public_bytes(Encoding.DER))
    vc = ValidationContext(trust_roots=[root])
    with pdf.open("rb") as fh:
        st = validate_pdf_signature(PdfFileReader(fh).embedded_signatures[0], vc)
        assert st.intact and st.valid
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    flat = "".join(text.split())
    assert "验收结论" in flat and "限期整改" in flat and "10.01%" in flat
    assert "国家发展改革委令第31号" in flat
    if __import__("os").environ.get("LEDGER_SCREENSHOTS"):
        shutil.copy(pdf, "/tmp/ledger_acceptance.pdf")


def test_change_decision_document_keeps_the_ledger_on_the_changed_version(archive, tmp_path, signer):
    from reviewer.archive.models import LedgerChangeRequest, LedgerEntry
    from reviewer.ledger.changes import decide_change_request, file_change_request

    code = "2026-310117-39-03-000556"
    store(archive, project_data("electronics", code, year=2028))
    approve(archive, code, date(2026, 6, 1), "松发改能审〔2026〕61号")
    archive.run_write(lambda s: sync_all(s, today=date(2026, 6, 1)))
    cr = archive.run_write(lambda s: file_change_request(
        s, code, change_types=["builder"], requested_on=date(2026, 8, 1), actor="t",
        description="建设单位名称变更", proposed={"builder": "上海某新电子科技有限公司"}).id)
    archive.run_write(lambda s: decide_change_request(s, cr, outcome="approved_change", decided_on=date(2026, 8, 5),
                                                      actor="王审查", reason="仅建设单位变更，能耗不变"))
    ctx = Context(archive=archive, settings=Settings(), actor="王审查")
    doc = issue_change_document(ctx, ChangeDocumentRequest(request_id=cr, signer=signer,
                                                           issued_on=date(2026, 8, 5))).value
    assert doc.kind == "change" and doc.signed
    archive.run_write(lambda s: sync_all(s, today=date(2026, 8, 6)))
    with archive.read() as s:
        assert s.get(LedgerChangeRequest, cr).decision_opinion_id == doc.opinion_id
        active = [e for e in s.scalars(select(LedgerEntry).where(LedgerEntry.project_code == code))
                  if e.status == "active"]
        assert [(e.origin, e.builder, e.doc_number) for e in active] == [
            ("change", "上海某新电子科技有限公司", "松发改能审〔2026〕61号")]
    pdf = tmp_path / "change.pdf"
    pdf.write_bytes(doc.pdf)
    if __import__("os").environ.get("LEDGER_SCREENSHOTS"):
        shutil.copy(pdf, "/tmp/ledger_change.pdf")
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "同意变更" in text and "上海某新电子科技有限公司" in text and "松发改能审〔2026〕61号" in text
