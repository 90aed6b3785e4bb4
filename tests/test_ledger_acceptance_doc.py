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


OLD_CODE = "2024-310117-39-03-000556"


def _old_regime_acceptance(archive, tmp_path):
    """An approval of 2024-03-10, accepted in June 2025 while 令2023年第2号 was in force: the 10 % rule of the day
    (rules/parameters/ledger/rules.toml, 2023-06-01…2025-08-31) is an unverified parameter."""
    d = project_data("electronics", OLD_CODE, year=2026)
    d["project"]["application_date"] = "2024-02-20"
    store(archive, d)
    set_assessment(archive, OLD_CODE, eq=1000.0, ev=2300.0, co2=None)
    approve(archive, OLD_CODE, date(2024, 3, 10), "松发改能审〔2024〕3号")
    archive.run_write(lambda s: sync_all(s, today=date(2024, 3, 10)))
    d["energy"] = [{"carrier": "电力", "quantity": "700", "unit": "万kWh"}]  # 700 × 0.1229 = 86.03 tce: no overrun
    f = tmp_path / "actual-old.json"
    f.write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
    return load_actual(f)


def test_signed_acceptance_citing_an_unverified_rule_needs_the_reviewers_confirmation(archive, tmp_path, signer):
    """corrections.md F: what is unverified is confirmed by the reviewer before signing (audited) or left out; the
    signed 验收意见 never prints “（未核实）”. Refused without the confirmation: neither record nor document."""
    from reviewer.errors import UserError
    from reviewer.usecases.ledger import AcceptanceRequest, record_acceptance

    actual = _old_regime_acceptance(archive, tmp_path)
    ctx = Context(archive=archive, settings=Settings(), actor="王审查")
    req = AcceptanceRequest(project_code=OLD_CODE, actual=actual, accepted_on=date(2025, 6, 1), issue=True,
                            signer=signer)
    with pytest.raises(UserError) as e:
        record_acceptance(ctx, req)
    assert "未核实" in str(e.value) and "--confirm-unverified" in str(e.value)
    assert "ledger.overrun_threshold_pct" in str(e.value) or "overrun_threshold_pct" in str(e.value)
    with archive.read() as s:
        assert s.scalars(select(LedgerAcceptance)).all() == []  # all-or-nothing: no record without its document
        assert s.scalars(select(Opinion).where(Opinion.kind == "acceptance")).all() == []
    # unsigned, the draft keeps the mark (a reviewer sees what is unverified)
    draft = record_acceptance(ctx, AcceptanceRequest(project_code=OLD_CODE, actual=actual,
                                                     accepted_on=date(2025, 6, 1), issue=True)).value
    assert "未核实" in _text(draft.document.pdf, tmp_path)
    # signed with the confirmation: printed as confirmed, the reason in the audit chain only
    reason = "令2023年第2号变更条款已与原文核对"
    doc = issue_acceptance_document(ctx, AcceptanceDocumentRequest(
        acceptance_id=record_acceptance(ctx, AcceptanceRequest(
            project_code=OLD_CODE, actual=actual, accepted_on=date(2025, 6, 3))).value.acceptance_id,
        signer=signer, issued_on=date(2025, 6, 3), confirm_unverified=reason)).value
    text = _text(doc.pdf, tmp_path)
    assert doc.signed and "未核实" not in text and "经审查人员确认" in text and reason not in text
    with archive.read() as s:
        ev = s.scalars(select(audit.AuditEvent).where(audit.AuditEvent.action == "ledger.acceptance.document")
                       .order_by(audit.AuditEvent.id.desc())).first()
    assert ev.payload["confirmations"]["unverified"]["reason"] == reason
    assert any("overrun_threshold_pct" in p for p in ev.payload["confirmations"]["unverified"]["parameters"])


def _text(pdf: bytes, tmp_path) -> str:
    p = tmp_path / "acc.pdf"
    p.write_bytes(pdf)
    return "".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(p), "-"], capture_output=True, text=True,
                                  check=True).stdout.split())
