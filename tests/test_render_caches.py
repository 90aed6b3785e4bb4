"""What the renderer does once instead of again must not change a byte of the PDF (invariant documents compared):

* font subsets embedded once per process (reviewer/pdf/fonts.py ``_cache_subsets``), on the first (filling) and on a
  later (hitting) render;
* paragraphs broken into lines once per width, and plain-text paragraphs made without the markup parser
  (reviewer/opinion/render.py ``WrapOnceParagraph``)."""

from __future__ import annotations

import json
import re
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from reviewer.opinion.render import render_pdf
from reviewer.opinion.templating import render_markup
from reviewer.opinion.viewmodel import build_view_model
from reviewer.pdf import fonts
from reviewer.rules.engine import assess
from reviewer.services import canonical_data
from reviewer.signing.pdfsign import appearance_pdf
from reviewer.submission.parse import load_json

ROOT = Path(__file__).resolve().parents[1]
COMMISSION = "上海市松江区发展和改革委员会"


@pytest.fixture
def invariant(monkeypatch):
    """Documents without creation dates and random IDs, so two renders can be compared byte for byte."""
    import reportlab.platypus as platypus
    from reportlab import rl_config

    class Invariant(platypus.BaseDocTemplate):
        def __init__(self, *a, **k):
            k["invariant"] = True
            super().__init__(*a, **k)

    monkeypatch.setattr(platypus, "BaseDocTemplate", Invariant)
    monkeypatch.setattr(rl_config, "invariant", 1)


def _documents() -> list[bytes]:
    sub = load_json(ROOT / "resources" / "demo" / "hospital.json")
    data = canonical_data(sub)
    a = json.loads(json.dumps(assess(sub).to_dict(), default=str))
    vm = build_view_model(kind="approval", submission=data, assessment=a, doc_number="松发改能审〔2026〕7号",
                          issued_on=date(2026, 6, 5), commission=COMMISSION, final=True, confirmed_unverified=True)
    doc = render_pdf(render_markup(vm.kind, {"vm": vm}), title=vm.title, subject=vm.kind_label,
                     keywords=[vm.project.code], author=vm.commission, charts={c.id: c for c in vm.charts})
    stamp = appearance_pdf(COMMISSION, "李审查", datetime(2026, 6, 5, 2, 30, tzinfo=timezone.utc),
                           "松发改能审〔2026〕7号")
    return [doc.pdf, stamp]


def test_cached_subsets_write_the_same_bytes_as_reportlab(invariant, monkeypatch):
    from reportlab.pdfbase import pdfmetrics

    fonts.register_fonts()
    faces = [pdfmetrics.getFont(n).face for n in (fonts.SONG, fonts.HEI, fonts.KAI)]
    assert all("addSubsetObjects" in vars(f) for f in faces)  # installed per face
    first, again = _documents(), _documents()
    for f in faces:  # ReportLab's own method (the class attribute) for the reference
        monkeypatch.delattr(f, "addSubsetObjects")
    plain = _documents()
    assert first == plain
    assert again == plain


def test_paragraphs_wrapped_once_per_width_lay_out_the_same_bytes(invariant, monkeypatch):
    from reportlab.platypus import Paragraph

    from reviewer.opinion import render

    fonts.register_fonts()
    first = _documents()
    assert render._FLOWABLES is not None
    monkeypatch.setattr(render._FLOWABLES[2], "wrap", Paragraph.wrap)  # ReportLab's wrap: line breaking every time
    assert _documents() == first


def test_plain_text_paragraphs_without_the_parser_lay_out_the_same_bytes(invariant, monkeypatch):
    from reportlab.platypus import Paragraph
    from reportlab.platypus import paraparser

    from reviewer.opinion import render

    fonts.register_fonts()
    parsed = []
    parse = paraparser.ParaParser.parse
    monkeypatch.setattr(paraparser.ParaParser, "parse", lambda self, text, style: parsed.append(text) or
                        parse(self, text, style))
    first = _documents()
    fast_parses = len(parsed)
    monkeypatch.setattr(render._FLOWABLES[2], "__init__", Paragraph.__init__)  # every paragraph through the parser
    parsed.clear()
    assert _documents() == first
    assert fast_parses < len(parsed) / 4  # most paragraphs are plain text


def test_attachments_encoded_once_write_the_same_bytes(monkeypatch):
    """The FlateDecode encoding of an attachment made for one document is reused for the same bytes in the next
    (reviewer/signing/pdfsign.py ``_reuse_encoding``): the incremental update is the one pyHanko writes itself."""
    import io

    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    from reviewer.signing import pdfsign

    base = (ROOT / "resources" / "seal").glob("*.pdf").__next__().read_bytes()  # any small PDF
    data = json.dumps({"k": list(range(5000))}).encode()
    when = datetime(2026, 6, 5, 2, 30, tzinfo=timezone.utc)

    def update() -> bytes:
        w = IncrementalPdfFileWriter(io.BytesIO(base))
        pdfsign._embed(w, [pdfsign.Attachment("assessment.json", data)], when)
        out = io.BytesIO()
        w.write(out)
        return re.sub(rb"/ID\s*\[\s*<[0-9a-fA-F]+>\s*<[0-9a-fA-F]+>\s*\]", b"/ID", out.getvalue())  # a new ID each time

    pdfsign._FLATE.clear()
    first, again = update(), update()  # the first fills, the second reuses
    assert hashlib_of(data) in pdfsign._FLATE
    monkeypatch.setattr(pdfsign, "_reuse_encoding", lambda ef, d: None)  # pyHanko encodes at write time
    assert update() == first == again


def hashlib_of(data: bytes) -> bytes:
    import hashlib

    return hashlib.sha256(data).digest()
