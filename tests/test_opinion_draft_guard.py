"""A signed document never carries draft material (corrections.md F: “Never draft material: no 占位参数, 待核实,
未核实参数共N项”). The signing path scans the printed words of the signed form against
``report_templates/signed_text.toml`` and refuses before a 文号 is taken; the applicant's own words are exempt."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from reviewer.archive.models import DocNumberSequence, Opinion
from reviewer.errors import UserError
from reviewer.opinion.legal import Confirmations, draft_marks
from reviewer.opinion.templating import builtin_dir, signed_text_forbidden
from reviewer.services import store_submission
from reviewer.settings import Settings
from reviewer.signing import identities
from reviewer.signing.signer import Pkcs12Signer
from reviewer.submission.parse import submission_from_data
from reviewer.usecases.opinions import issue_document

ROOT = Path(__file__).resolve().parents[1]
HOSPITAL = "2026-310117-84-01-000101"
BOTH = Confirmations(authority="市、区分级界限已与沪府规〔2022〕13号原文核对", unverified="系数已与原文核对")


@pytest.fixture
def signer(reviewer_home):
    identities.init_authority(Settings().commission_name, b"ca")
    return Pkcs12Signer(identities.issue("王审查", b"ca", b"pw"), b"pw")


def _seed(archive, **project):
    data = json.loads((ROOT / "resources" / "demo" / "hospital.json").read_text(encoding="utf-8"))
    data["project"].update(project)
    sub = submission_from_data(data)
    archive.run_write(lambda s: store_submission(s, sub, source_name="hospital.json", source_format="json"))


def test_the_forbidden_list_is_data_with_the_words_corrections_f_names():
    words = [w for w, _ in signed_text_forbidden()]
    for w in ("占位", "待核实", "未核实", "【预览"):
        assert w in words
    assert all(why for _, why in signed_text_forbidden())


def test_draft_marks_reads_printed_words_not_tags_and_exempts_the_applicants_words():
    markup = '<para>年能源消费量<flag>（预算为占位参数，待台账核定）</flag></para><para name="未核实">正文</para>'
    marks = draft_marks(markup, signed_text_forbidden())
    assert [m.text for m in marks] == ["占位", "待台账核定"]  # the attribute value is not printed
    assert "占位参数" in marks[0].context
    # a project the applicant named “草稿纸厂改建项目” is not draft material; the same word elsewhere is
    assert not draft_marks("<p>草稿纸厂改建项目</p>", signed_text_forbidden(), ["草稿纸厂改建项目"])
    assert [m.text for m in draft_marks("<p>草稿纸厂改建项目（草稿）</p>", signed_text_forbidden(),
                                        ["草稿纸厂改建项目"])] == ["草稿"]


def test_a_template_printing_draft_text_is_refused_when_signing_and_uses_no_number(archive, signer, reviewer_home,
                                                                                  tmp_path):
    _seed(archive)
    user = tmp_path / "templates"
    shutil.copytree(builtin_dir() / "opinion", user / "opinion")
    t = user / "opinion" / "approval.xml.j2"
    body = t.read_text(encoding="utf-8")
    marker = "</section>" if "</section>" in body else "</document>"
    assert marker in body
    t.write_text(body.replace(marker, "<para>本条款待核实。</para>" + marker, 1), encoding="utf-8")
    settings = Settings(user_template_dir=str(user))
    with pytest.raises(UserError) as e:
        issue_document(archive, HOSPITAL, "approval", settings=settings, signer=signer, confirmations=BOTH)
    msg = str(e.value)
    assert e.value.exit_code == 2 and "待核实" in msg and "草稿材料" in msg and "未使用文号" in msg
    with archive.read() as s:
        assert s.scalar(select(func.count()).select_from(Opinion)) == 0
        assert s.scalar(select(func.count()).select_from(DocNumberSequence)) == 0
    # unsigned (a preview-like draft) is not scanned; signing with the built-in templates works and takes 文号 1
    doc = issue_document(archive, HOSPITAL, "approval", signer=signer, confirmations=BOTH)
    assert doc.signed and doc.doc_number.endswith("〔2026〕1号")


def test_an_applicant_named_with_a_draft_word_still_signs(archive, signer):
    _seed(archive, name="草稿纸厂区医院改建项目")
    doc = issue_document(archive, HOSPITAL, "approval", signer=signer, confirmations=BOTH)
    assert doc.signed
