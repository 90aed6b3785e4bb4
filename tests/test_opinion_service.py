"""Issuing and archiving: one transaction per document, immutable signed rows, supersession, audit, archive check."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer.archive.models import AuditEvent, Opinion, Project
from reviewer.cli import main
from reviewer.errors import UserError
from reviewer.archive.guard import ImmutableRecord
from reviewer.usecases.opinions import issue_document
from reviewer.opinion.viewmodel import SectionVM
from reviewer.services import store_submission
from reviewer.settings import Settings
from reviewer.signing import identities
from reviewer.signing.signer import Pkcs12Signer
from reviewer.submission.parse import load_json, submission_from_data
from reviewer.opinion.legal import Confirmations

# The reviewer confirms the authority and the unverified parameters (令第31号 第八条; corrections.md F, A4).
CONFIRMED = Confirmations(authority="测试：分级界限已核对", unverified="测试：参数已核对")

ROOT = Path(__file__).resolve().parents[1]
CODE = "2026-310117-39-03-000202"


def _seed(archive, name="electronics", mutate=None):
    data = json.loads((ROOT / "resources" / "demo" / f"{name}.json").read_text(encoding="utf-8"))
    if mutate:
        mutate(data)
    sub = submission_from_data(data)
    archive.run_write(lambda s: store_submission(s, sub, source_name=f"{name}.json", source_format="json"))
    return archive


@pytest.fixture
def signer(reviewer_home):
    identities.init_authority(Settings().commission_name, b"ca")
    return Pkcs12Signer(identities.issue("王审查", b"ca", b"pw"), b"pw")


def test_issue_stores_row_audit_event_and_attachments(any_archive, signer):
    _seed(any_archive)
    doc = issue_document(any_archive, CODE, "approval", signer=signer, confirmations=CONFIRMED, issued_on=date(2026, 6, 5), actor="王审查")
    assert doc.doc_number == "松发改能审〔2026〕1号" and doc.signed and doc.signer == "王审查"
    with any_archive.read() as s:
        row = s.get(Opinion, doc.opinion_id)
        assert row.pdf == doc.pdf and row.sha256 == hashlib.sha256(doc.pdf).hexdigest()
        assert row.view_model["doc_number"] == doc.doc_number and row.view_model["kind"] == "approval"
        assert row.signed and row.signed_at is not None
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "opinion.issued")).one()
        assert ev.entity_id == str(row.id) and ev.payload["sha256"] == row.sha256 and ev.actor == "王审查"
        assert s.scalars(select(Project).where(Project.code == CODE)).one().status == "approved"
    from pyhanko.pdf_utils.reader import PdfFileReader

    r = PdfFileReader(io.BytesIO(doc.pdf))
    names = r.root["/Names"]["/EmbeddedFiles"]["/Names"]
    files = {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}
    sub_json = json.loads(files["submission.json"]["/EF"]["/F"].data)
    assert sub_json["project"]["code"] == CODE
    ass_json = json.loads(files["assessment.json"]["/EF"]["/F"].data)
    assert ass_json["energy"]["equivalent_tce"] == 5161.8


def test_numbers_continue_across_kinds_and_years(archive):
    _seed(archive)
    a = issue_document(archive, CODE, "correction", missing_items=["缺项"], issued_on=date(2026, 6, 1))
    b = issue_document(archive, CODE, "approval", issued_on=date(2026, 6, 5))
    c = issue_document(archive, CODE, "approval", issued_on=date(2027, 1, 4), supersedes=b.doc_number)
    assert [a.doc_number, b.doc_number, c.doc_number] == ["松发改能审〔2026〕1号", "松发改能审〔2026〕2号",
                                                          "松发改能审〔2027〕1号"]


def test_signed_rows_are_immutable_and_corrections_supersede(archive, signer):
    _seed(archive)
    first = issue_document(archive, CODE, "approval", signer=signer, confirmations=CONFIRMED, issued_on=date(2026, 6, 5))
    with pytest.raises(ImmutableRecord):
        with archive.write() as s:
            s.get(Opinion, first.opinion_id).signer = "别人"
    with pytest.raises(ImmutableRecord):
        with archive.write() as s:
            s.delete(s.get(Opinion, first.opinion_id))
    second = issue_document(archive, CODE, "approval", signer=signer, confirmations=CONFIRMED, issued_on=date(2026, 6, 8),
                            supersedes=first.doc_number)
    assert second.version == 2
    with archive.read() as s:
        new = s.get(Opinion, second.opinion_id)
        assert new.supersedes_id == first.opinion_id
        assert s.get(Opinion, first.opinion_id).sha256 == first.sha256  # the original is untouched
    assert "替代我委此前印发的松发改能审〔2026〕1号" in second_text(second)
    with pytest.raises(UserError, match="已被"):
        issue_document(archive, CODE, "approval", signer=signer, confirmations=CONFIRMED, supersedes=first.doc_number)


def second_text(doc) -> str:
    import re
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as f:
        f.write(doc.pdf)
        f.flush()
        out = subprocess.run(["pdftotext", "-enc", "UTF-8", f.name, "-"], capture_output=True, text=True).stdout
    return re.sub(r"\s+", "", out)


def test_failures_leave_no_row_and_no_number(archive, reviewer_home):
    _seed(archive)
    with pytest.raises(UserError):
        issue_document(archive, CODE, "rejection")  # no reasons
    with pytest.raises(UserError):
        issue_document(archive, "NO-SUCH-CODE", "approval")
    with archive.read() as s:
        assert s.scalars(select(Opinion)).first() is None
    doc = issue_document(archive, CODE, "approval", issued_on=date(2026, 6, 5))
    assert doc.doc_number.endswith("〕1号")


def test_rare_characters_are_recorded_in_archive_and_pdf(archive):
    _seed(archive, mutate=lambda d: d["project"].__setitem__("builder", "上海堃喆䶮科技有限公司"))
    doc = issue_document(archive, CODE, "approval", issued_on=date(2026, 6, 5))
    assert [m["codepoint"] for m in doc.missing_glyphs] == ["U+4DAE"]
    assert any("䶮" in w for w in doc.warnings)
    with archive.read() as s:
        row = s.get(Opinion, doc.opinion_id)
        assert row.view_model["font_warnings"][0]["codepoint"] == "U+4DAE"
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "opinion.issued")).one()
        assert ev.payload["font_warnings"][0]["char"] == "䶮"
    from pyhanko.pdf_utils.reader import PdfFileReader

    info = PdfFileReader(io.BytesIO(doc.pdf)).trailer["/Info"]
    assert str(info["/ReviewerMissingGlyphs"]) == "U+4DAE"


def test_generic_kinds_for_the_ledger(archive, signer):
    _seed(archive)
    doc = issue_document(archive, CODE, "acceptance", signer=signer, issued_on=date(2026, 9, 1),
                         sections=[SectionVM("验收结论", ["项目年综合能源消费量（当量值）5100.00吨标准煤，未超过审查意见核定值。"]),
                                   SectionVM("有关要求", ["加强运行期能源管理。"])])
    text = second_text(doc)
    assert "节能审查验收的意见" in text and "一、验收结论" in text and "未超过审查意见核定值" in text
    with pytest.raises(UserError):
        issue_document(archive, CODE, "change")


def _sqlite_path(archive) -> str:
    return archive.url.removeprefix("sqlite:///")


def test_archive_check_detects_rows_changed_behind_the_applications_back(archive, signer, monkeypatch, capsys):
    _seed(archive)
    monkeypatch.setenv("REVIEWER_DATABASE_URL", archive.url)
    a = issue_document(archive, CODE, "approval", signer=signer, confirmations=CONFIRMED, issued_on=date(2026, 6, 5))
    issue_document(archive, CODE, "correction", missing_items=["缺项"], issued_on=date(2026, 6, 6))
    assert main(["archive", "check"]) == 0
    assert "档案库完整" in capsys.readouterr().out

    db = sqlite3.connect(_sqlite_path(archive))
    # 1. edit an opinion row (signer name) — sha256 of the PDF still matches, the fingerprint does not
    db.execute("UPDATE opinions SET signer = '张冒名' WHERE id = ?", (a.opinion_id,))
    db.commit()
    assert main(["archive", "check"]) == 1
    assert f"#{a.opinion_id}" in capsys.readouterr().out
    db.execute("UPDATE opinions SET signer = '王审查' WHERE id = ?", (a.opinion_id,))
    db.commit()
    assert main(["archive", "check"]) == 0
    capsys.readouterr()
    # 2. swap the PDF bytes and their sha256 together — caught by the audit record of the issue
    fake = b"%PDF-1.4 forged"
    db.execute("UPDATE opinions SET pdf = ?, sha256 = ? WHERE id = ?",
               (fake, hashlib.sha256(fake).hexdigest(), a.opinion_id))
    db.commit()
    assert main(["archive", "check", "--json"]) == 1
    rep = json.loads(capsys.readouterr().out)
    assert {p["entity_id"] for p in rep["problems"]} == {a.opinion_id}
    # 3. wind a 文号 sequence back
    db.execute("UPDATE doc_number_sequences SET last_value = 0")
    db.commit()
    assert main(["archive", "check", "--json"]) == 1
    rep = json.loads(capsys.readouterr().out)
    assert any(p["entity"] == "doc_number_sequence" for p in rep["problems"])
    # 4. edit an audit row
    db.execute("UPDATE audit_events SET actor = '无名氏' WHERE id = 1")
    db.commit()
    assert main(["archive", "check", "--json"]) == 1
    rep = json.loads(capsys.readouterr().out)
    assert any(p["entity"] == "audit_event" and p["entity_id"] == 1 for p in rep["problems"])
    db.close()


def test_cli_opinion_sign_and_wrong_passphrase(archive, signer, tmp_path, monkeypatch, capsys, reviewer_home):
    _seed(archive)
    monkeypatch.setenv("REVIEWER_DATABASE_URL", archive.url)
    good, bad = tmp_path / "good.pw", tmp_path / "bad.pw"
    good.write_text("pw\n")
    bad.write_text("nope\n")
    key = reviewer_home / "keys" / "王审查.p12"
    out = tmp_path / "out" / "opinion.pdf"
    assert main(["opinion", CODE, "--out", str(out), "--sign", "--key", str(key), "--passphrase-file", str(bad)]) == 3
    assert "口令错误" in capsys.readouterr().err and not out.exists()
    assert main(["opinion", CODE, "--out", str(out), "--sign", "--key", str(key), "--passphrase-file", str(good),
                 "--date", "2026-06-05", "--json", "--confirm-authority", "分级界限已核对",
                 "--confirm-unverified", "参数已核对"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["doc_number"] == "松发改能审〔2026〕1号" and res["signed"] and out.read_bytes()[:5] == b"%PDF-"
    assert main(["verify", str(out)]) == 0
    assert main(["opinion", CODE, "--out", str(tmp_path / "r.pdf"), "--kind", "rejection"]) == 2
    assert "理由" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["electronics", "hospital", "boiler", "datacentre"])
def test_view_model_json_is_the_asdict_json(name):
    """``to_json_dict``/``json_text`` (encoded from the dataclasses) equal the ``asdict`` + ``default=str`` JSON they
    replace: the stored, attached and hashed view-model is unchanged."""
    from datetime import date as _date

    from reviewer.opinion.service import dumps
    from reviewer.opinion.viewmodel import build_view_model, finalise, json_text
    from reviewer.rules.engine import assess
    from reviewer.services import canonical_data

    sub = load_json(ROOT / "resources" / "demo" / f"{name}.json")
    a = json.loads(json.dumps(assess(sub).to_dict(), default=str))
    for kind in ("approval", "rejection", "correction"):
        vm = build_view_model(kind=kind, submission=canonical_data(sub), assessment=a, doc_number="X〔2026〕1号",
                              issued_on=_date(2026, 6, 5), commission="某委员会", reasons=["理由"],
                              missing_items=["材料"])
        for v in (vm, finalise(vm, confirmed_unverified=True)):
            old = json.loads(json.dumps(v.to_dict(), ensure_ascii=False, default=str))
            assert json.dumps(v.to_json_dict(), ensure_ascii=False) == json.dumps(old, ensure_ascii=False)
            assert json_text(v, sort_keys=True, separators=(",", ":")).encode() == dumps(v.to_dict())
