"""What the reviewer decided beyond the assessment reaches the document: approval conditions are printed as
requirements and audited finding overrides appear in the 计算依据 appendix (read back from the real PDF)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from reviewer.demo import seed_demo
from reviewer.settings import Settings
from reviewer.usecases.base import Context
from reviewer.usecases.opinions import PreviewRequest, issue_document, preview

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) not installed")

EXTRA = {
    "conditions": ["屋顶光伏装机容量不低于1100千瓦", "数据机房精密空调采用一级能效产品"],
    "decisions": [{"finding_id": "KU-001", "override_status": "pass",
                   "reason": "现场核查：建设单位已承诺采用一级能效设备", "remark": "见补充材料"}],
}


def text_of(pdf: bytes, tmp_path) -> str:
    f = tmp_path / "o.pdf"
    f.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(f), "-"], capture_output=True, text=True, check=True).stdout
    return "".join(out.split())  # the 28-character grid breaks lines anywhere


def test_preview_prints_conditions_and_decisions_without_using_a_number(archive, tmp_path):
    seed_demo(archive)
    ctx = Context(archive=archive, settings=Settings.load(), actor="李审查")
    pdf = preview(ctx, PreviewRequest(project_code="2026-310117-84-01-000101", extra=EXTRA)).value.pdf
    text = text_of(pdf, tmp_path)
    assert "（四）其他要求。" in text
    assert "1.屋顶光伏装机容量不低于1100千瓦。" in text and "2.数据机房精密空调采用一级能效产品。" in text
    assert "审查人员对检查结论的调整及备注" in text and "KU-001" in text and "现场核查" in text
    assert "（待编号）" in text
    with archive.read() as s:
        from sqlalchemy import func, select

        from reviewer.archive.models import DocNumberSequence, Opinion

        assert s.scalar(select(func.count()).select_from(Opinion)) == 0
        assert s.scalar(select(func.count()).select_from(DocNumberSequence)) == 0


def test_issued_opinion_without_extra_has_no_empty_sections(archive, tmp_path):
    seed_demo(archive)
    doc = issue_document(archive, "2026-310117-39-03-000202", "approval", actor="李审查")
    text = text_of(doc.pdf, tmp_path)
    assert "其他要求" not in text and "审查人员对检查结论的调整" not in text


def test_colophon_office_and_date_each_on_one_line(archive, tmp_path):
    """GB/T 9704 版记: 印发机关 flush left and 印发日期 flush right on one line (they used to wrap)."""
    import re

    seed_demo(archive)
    doc = issue_document(archive, "2026-310117-39-03-000202", "approval", actor="李审查")
    f = tmp_path / "o.pdf"
    f.write_bytes(doc.pdf)
    layout = subprocess.run(["pdftotext", "-layout", str(f), "-"], capture_output=True, text=True, check=True).stdout
    assert re.search(r"上海市松江区发展和改革委员会办公室\s+\d{4}年\d{1,2}月\d{1,2}日印发", layout), layout[-600:]
