"""Sign what was seen (issue 11 §2): the preview's assessment id and content hash travel to the signing request.

An import that lands between preview and signing is refused with both versions named; after a fresh preview the
signed PDF's text equals the preview's except for the 文号 (and the signature appearance/stamp, which pdftotext does
not turn into body text beyond the 文号 it prints).
"""

from __future__ import annotations

import difflib
import re
import json
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reviewer.archive.models import DocNumberSequence, Opinion
from reviewer.cli import main
from reviewer.errors import UserError
from reviewer.services import store_submission
from reviewer.opinion.legal import Confirmations
from reviewer.settings import Settings
from reviewer.signing import identities
from reviewer.signing.signer import Pkcs12Signer
from reviewer.submission.parse import submission_from_data
from reviewer.usecases.base import Change, Context
from reviewer.usecases.opinions import IssueRequest, PreviewRequest, issue, preview

ROOT = Path(__file__).resolve().parents[1]
CODE = "2026-310117-39-03-000202"
DAY = date(2026, 6, 5)


def _import(archive, mutate=None, name="electronics"):
    data = json.loads((ROOT / "resources" / "demo" / f"{name}.json").read_text(encoding="utf-8"))
    if mutate:
        mutate(data)
    sub = submission_from_data(data)
    return archive.run_write(lambda s: store_submission(s, sub, source_name=f"{name}.json", source_format="json"))


def _more_electricity(data):
    data["energy"][0]["quantity"] = float(data["energy"][0]["quantity"]) * 1.1


def _text(pdf: bytes, tmp_path: Path, name: str) -> list[str]:
    f = tmp_path / f"{name}.pdf"
    f.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(f), "-"], capture_output=True, text=True, check=True).stdout
    return [line.strip() for line in out.splitlines() if line.strip()]


# The reviewer confirms the authority and the unverified parameters before signing (reviewer/opinion/legal.py).
CONFIRMED = Confirmations(authority="测试：分级界限已核对", unverified="测试：参数已核对")

@pytest.fixture
def signer(reviewer_home):
    identities.init_authority(Settings().commission_name, b"ca")
    return Pkcs12Signer(identities.issue("王审查", b"ca", b"pw"), b"pw")


def test_changed_since_preview_is_refused_then_signed_after_a_new_preview(archive, signer, tmp_path):
    ctx = Context(archive=archive, settings=Settings(), actor="王审查")
    _import(archive)
    seen = preview(ctx, PreviewRequest(project_code=CODE, issued_on=DAY)).value
    assert seen.assessment_id is not None and len(seen.content_hash) == 64 and seen.submission_version == 1
    _import(archive, _more_electricity)  # a changed workbook lands between preview and signing
    with pytest.raises(UserError) as exc:
        issue(ctx, IssueRequest(project_code=CODE, issued_on=DAY, signer=signer, assessment_id=seen.assessment_id,
                                preview_hash=seen.content_hash))
    msg = exc.value.text("zh") if hasattr(exc.value, "text") else str(exc.value)
    assert "第 1 版申报" in msg and "第 2 版申报" in msg and f"#{seen.assessment_id}" in msg and "未签发" in msg
    assert exc.value.exit_code == 2
    with archive.read() as s:  # nothing written, no number used
        assert s.scalar(select(func.count()).select_from(Opinion)) == 0
        assert s.scalar(select(func.count()).select_from(DocNumberSequence)) == 0

    again = preview(ctx, PreviewRequest(project_code=CODE, issued_on=DAY)).value
    assert again.assessment_id != seen.assessment_id and again.content_hash != seen.content_hash
    res = issue(ctx, IssueRequest(project_code=CODE, issued_on=DAY, signer=signer, assessment_id=again.assessment_id,
                                  preview_hash=again.content_hash, confirmations=CONFIRMED))
    doc = res.value
    assert doc.signed and doc.assessment_id == again.assessment_id and doc.content_hash == again.content_hash
    assert {Change.OPINIONS, Change.LEDGER} <= res.changes
    draft, signed = _text(again.pdf, tmp_path, "draft"), _text(doc.pdf, tmp_path, "signed")
    # What only the preview shows (issue 13 item 5, corrections.md F): the red note of what signing leaves out or needs
    # confirmed, and in the 计算依据 the parameters' confirmation state (待确认 → 经审查人员确认). The body and the
    # calculation steps must be identical.
    assert "经审查人员确认" in "".join(signed) and "待确认" in "".join(draft)
    start = next(i for i, ln in enumerate(draft) if ln.startswith("【预览"))
    end = next(i for i, ln in enumerate(draft) if i > start and ln.startswith("你单位报送"))
    draft = draft[:start] + draft[end:]
    cut = lambda lines: lines[:next(i for i, ln in enumerate(lines) if ln.startswith("本附件列出"))] + lines[  # noqa: E731
        next(i for i, ln in enumerate(lines) if ln.startswith("一、计算过程")):
        next(i for i, ln in enumerate(lines) if ln.startswith("三、参数取值及来源"))]
    folio = re.compile(r"^— \d+ —$")  # the preview's note shifts page breaks: page numbers move, text does not
    draft, signed = ([ln for ln in cut(x) if not folio.match(ln)] for x in (draft, signed))
    stamp_chars = set(Settings().commission_name + "节能审查专用章")
    for op, a0, a1, b0, b1 in difflib.SequenceMatcher(None, draft, signed, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        if op == "replace":  # the 文号: （待编号） in the draft, the allocated number in the signed copy
            assert draft[a0:a1] == ["松发改能审〔2026〕（待编号）"] and signed[b0:b1] == [doc.doc_number]
            continue
        assert op == "insert", (op, draft[a0:a1], signed[b0:b1])  # nothing of the preview is missing or changed
        for line in signed[b0:b1]:  # the stamp (commission name around 节能审查专用章) and the signature block
            assert set(line.replace(" ", "")) <= stamp_chars or line.startswith(("数字签名：", "签署时间：", "文号：")), line


def test_a_different_content_is_refused_even_with_the_same_assessment(archive, tmp_path):
    ctx = Context(archive=archive, settings=Settings(), actor="王审查")
    _import(archive)
    seen = preview(ctx, PreviewRequest(project_code=CODE, issued_on=DAY)).value
    with pytest.raises(UserError, match="与预览不一致"):  # the reviewer previewed another date's document
        issue(ctx, IssueRequest(project_code=CODE, issued_on=date(2026, 6, 8), assessment_id=seen.assessment_id,
                                preview_hash=seen.content_hash))
    doc = issue(ctx, IssueRequest(project_code=CODE, issued_on=DAY, assessment_id=seen.assessment_id,
                                  preview_hash=seen.content_hash)).value
    assert doc.doc_number == "松发改能审〔2026〕1号"


def test_cli_draft_then_sign_the_previewed_assessment(archive, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("REVIEWER_DATABASE_URL", archive.url)
    _import(archive)
    assert main(["opinion", CODE, "--draft", "--date", "2026-06-05", "--out", str(tmp_path / "d.pdf"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["draft"] and out["assessment_id"] and len(out["content_hash"]) == 64
    _import(archive, _more_electricity)
    rc = main(["opinion", CODE, "--date", "2026-06-05", "--assessment", str(out["assessment_id"]),
               "--preview-hash", out["content_hash"], "--out", str(tmp_path / "o.pdf")])
    err = capsys.readouterr().err
    assert rc == 2 and "第 1 版申报" in err and "第 2 版申报" in err and not (tmp_path / "o.pdf").exists()
    assert main(["opinion", CODE, "--draft", "--date", "2026-06-05", "--out", str(tmp_path / "d.pdf"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert main(["opinion", CODE, "--date", "2026-06-05", "--assessment", str(out["assessment_id"]),
                 "--preview-hash", out["content_hash"], "--out", str(tmp_path / "o.pdf"), "--json"]) == 0
    issued = json.loads(capsys.readouterr().out)
    assert issued["assessment_id"] == out["assessment_id"] and issued["content_hash"] == out["content_hash"]
