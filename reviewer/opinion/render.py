"""Document markup → ReportLab flowables → PDF laid out per GB/T 9704-2012.

The templates emit a small XML vocabulary; this module is the only place that knows ReportLab:

``masthead`` (版头: red issuing authority, 文号, red rule), ``title``, ``addressee``, ``p`` (body, 2-character
indent), ``h1`` (一、 黑体), ``h2`` (（一） 楷体), ``table``/``row``/``cell``, ``small`` and ``step`` (appendix text),
``chart``, ``attachments``/``item`` (附件说明), ``signature`` (署名 + 成文日期, and the slot where the seal goes),
``pagebreak``, ``attachment-label``, ``colophon``/``cc``/``printed`` (版记). Inline: ``b`` (Hei) and ``flag`` (red).

Layout (GB/T 9704-2012 §5, §7): A4; 天头 37 mm; 订口 28 mm; 版心 156 × 225 mm; 22 lines of 28 characters, so the line
pitch is 225 mm / 22; body 3号 (16 pt); title 2号 (22 pt); page numbers 4号 (14 pt) "— n —" 7 mm under the 版心,
odd pages right, even pages left, one character in from the edge of the 版心. The body size is 156 mm / 28 so
that exactly 28 characters fill a line (see ``BODY_PT``).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Any

from reviewer.pdf.fonts import HEI, KAI, SONG, MissingGlyph, fallback_markup, register_fonts
from reviewer.pdf.geometry import MM, SEAL_DIAMETER, SignatureSlot

PAGE_W, PAGE_H = 210 * MM, 297 * MM
TOP, LEFT = 37 * MM, 28 * MM
BODY_W, BODY_H = 156 * MM, 225 * MM
LINES = 22
PITCH = BODY_H / LINES  # ≈ 28.99 pt
CHARS_PER_LINE = 28
# 3号 is 16 pt, but 28 characters of 16 pt are 158 mm, 2 mm more than the 156 mm 版心: word processors condense the
# character spacing; ReportLab paragraphs cannot, so the body face is set at 156 mm / 28 ≈ 15.8 pt — the same grid
# (22 lines × 28 characters) with glyphs 1.3 % smaller than nominal.
BODY_PT = BODY_W / CHARS_PER_LINE
TITLE_PT, FOLIO_PT = 22, 14
FOLIO_GAP = 7 * MM
RED = "#d40000"


@dataclass
class RenderResult:
    pdf: bytes
    pages: int
    slot: SignatureSlot | None
    missing: list[MissingGlyph] = field(default_factory=list)


class _Styles:
    """Named paragraph styles, built once per process (fonts are registered first)."""

    _cache: dict[str, Any] | None = None

    @classmethod
    def get(cls) -> dict[str, Any]:
        if cls._cache is None:
            from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
            from reportlab.lib.styles import ParagraphStyle

            register_fonts()
            _line_breaking_rules()
            base = dict(fontName=SONG, fontSize=BODY_PT, leading=PITCH, wordWrap="CJK", alignment=TA_JUSTIFY)
            cls._cache = {
                "body": ParagraphStyle("body", firstLineIndent=2 * BODY_PT, **base),
                "flush": ParagraphStyle("flush", **base),
                "h1": ParagraphStyle("h1", **{**base, "fontName": HEI}, firstLineIndent=2 * BODY_PT),
                "h2": ParagraphStyle("h2", **{**base, "fontName": KAI}, firstLineIndent=2 * BODY_PT),
                "title": ParagraphStyle("title", fontName=SONG, fontSize=TITLE_PT, leading=PITCH * 1.3,
                                        alignment=TA_CENTER, wordWrap="CJK", spaceBefore=PITCH * 0.5,
                                        spaceAfter=PITCH * 0.7),
                "masthead": ParagraphStyle("masthead", fontName=SONG, fontSize=30, leading=40, alignment=TA_CENTER,
                                           textColor=RED, wordWrap="CJK"),
                "docno": ParagraphStyle("docno", **{**base, "alignment": TA_CENTER}),
                "small": ParagraphStyle("small", fontName=SONG, fontSize=10.5, leading=15, wordWrap="CJK",
                                        alignment=TA_LEFT, leftIndent=2 * 10.5),
                "step": ParagraphStyle("step", fontName=HEI, fontSize=11, leading=17, wordWrap="CJK",
                                       spaceBefore=5),
                "cell": ParagraphStyle("cell", fontName=SONG, fontSize=10.5, leading=13, wordWrap="CJK",
                                       alignment=TA_CENTER),
                "cell_r": ParagraphStyle("cell_r", fontName=SONG, fontSize=10.5, leading=13, wordWrap="CJK",
                                         alignment=TA_RIGHT),
                "cell_l": ParagraphStyle("cell_l", fontName=SONG, fontSize=10.5, leading=13, wordWrap="CJK",
                                         alignment=TA_LEFT),
                "colophon": ParagraphStyle("colophon", fontName=SONG, fontSize=14, leading=22, wordWrap="CJK",
                                           leftIndent=14, rightIndent=14),
                # 印发日期 flush right (a Paragraph's alignment comes from its style, not the table's ALIGN)
                "colophon_date": ParagraphStyle("colophon_date", fontName=SONG, fontSize=14, leading=22,
                                                wordWrap="CJK", leftIndent=14, rightIndent=14, alignment=TA_RIGHT),
                "label": ParagraphStyle("label", **{**base, "fontName": HEI}),
            }
        return cls._cache


def _line_breaking_rules() -> None:
    """Chinese line-breaking (禁则): closing brackets and 》 may not start a line.

    ReportLab's CJK wrappers consult ``ALL_CANNOT_START`` (imported into ``reportlab.platypus.paragraph`` and in
    ``reportlab.lib.textsplit``); the list lacks 》 and a few other closing marks, so they are added once.
    """
    import reportlab.lib.textsplit as textsplit
    import reportlab.platypus.paragraph as para

    extra = "》〉」』】〕）］｝，。、；：？！…—%％"
    for module in (para, textsplit):  # multi-fragment paragraphs use the first, single-fragment ones the second
        missing = "".join(ch for ch in extra if ch not in module.ALL_CANNOT_START)
        if missing:
            module.ALL_CANNOT_START = module.ALL_CANNOT_START + missing
    if getattr(para.wordSplit, "__name__", "") != "_kinsoku_word_split":
        para.wordSplit = _make_kinsoku_split(textsplit.wordSplit, textsplit)
    if getattr(textsplit.getCharWidths, "__name__", "") != "_memo_char_widths":
        textsplit.getCharWidths = _make_char_widths(textsplit.getCharWidths)


def _make_char_widths(get_char_widths: Any) -> Any:
    """ReportLab's CJK splitter measures a paragraph one character at a time (``stringWidth`` per character — its
    own comment says "the performance is going to SUCK"); the same widths, memoised per (face, size, character).
    The faces are registered once per process and never change, so a width once measured stays right."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    class _Widths(dict):
        __slots__ = ("face", "size")

        def __missing__(self, ch: str) -> float:
            w = self[ch] = stringWidth(ch, self.face, self.size)
            return w

    tables: dict[tuple[str, float], _Widths] = {}

    def _memo_char_widths(word, fontName, fontSize):  # noqa: ANN001, N803
        table = tables.get((fontName, fontSize))
        if table is None:
            if len(tables) > 64:  # sizes come from the templates: a handful in practice
                return get_char_widths(word, fontName, fontSize)
            table = tables[(fontName, fontSize)] = _Widths()
            table.face, table.size = fontName, fontSize
        return [table[ch] for ch in word]

    return _memo_char_widths


def _make_kinsoku_split(word_split: Any, textsplit: Any) -> Any:
    """Wrap ReportLab's single-fragment CJK splitter: it hangs ONE closing mark in the margin, so "…）。" at a line
    end still put "。" at the start of the next line. When a line would start with a closing mark, the previous line
    gives up its last character and the rest is split again."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def _kinsoku_word_split(word, maxWidths, fontName, fontSize, encoding="utf8"):  # noqa: ANN001, N803
        if isinstance(word, bytes):
            word = word.decode(encoding)
        widths = maxWidths if isinstance(maxWidths, (list, tuple)) else [maxWidths]
        lines = word_split(word, widths, fontName, fontSize, encoding)
        for k in range(len(lines) - 1):
            nxt = lines[k + 1][1]
            cur = lines[k][1]
            if nxt and nxt[0] in textsplit.ALL_CANNOT_START and len(cur) > 4:
                j = len(cur)
                while j > 1 and cur[j - 1] in textsplit.ALL_CANNOT_START:
                    j -= 1  # hung closing marks go down too …
                keep = cur[:j - 1]  # … with the character they close on
                done = sum(len(ln[1]) for ln in lines[:k])
                rest = word[done + len(keep):].lstrip() if word[done:].startswith(cur) else None
                if rest is None:
                    break  # stripped whitespace makes positions ambiguous: keep ReportLab's result
                width = widths[min(k, len(widths) - 1)]
                head = [[width - stringWidth(keep, fontName, fontSize), keep]]
                tail = _kinsoku_word_split(rest, list(widths[k + 1:]) or [widths[-1]], fontName, fontSize,
                                           encoding)
                return lines[:k] + head + tail
        return lines

    return _kinsoku_word_split


def _inline(el: ET.Element, face: str, missing: list[MissingGlyph]) -> str:
    """Paragraph markup of an element's mixed content (text, ``b``, ``flag``), with per-character font fallback."""
    out = [fallback_markup(el.text or "", face, missing)]
    for child in el:
        inner = _inline(child, HEI if child.tag == "b" else face, missing)
        if child.tag == "b":
            out.append(f'<font name="{HEI}">{inner}</font>')
        elif child.tag == "flag":
            out.append(f'<font color="{RED}">{inner}</font>')
        else:
            out.append(inner)
        out.append(fallback_markup(child.tail or "", face, missing))
    return "".join(out)


def _wrap_once_paragraph_class():  # noqa: ANN202
    """The Paragraph class of the documents (defined lazily so importing this module does not import ReportLab)."""
    import copy

    from reportlab.platypus import Paragraph
    from reportlab.platypus.paragraph import cleanBlockQuotedText, textTransformFrags
    from reportlab.platypus.paraparser import ParaParser

    fragments: dict[int, tuple[Any, Any]] = {}  # id(style) → (style, its plain-text fragment)

    def _plain_fragment(style: Any) -> Any:
        """The fragment ReportLab's parser makes of plain text in ``style`` (parsed once per style; the text and
        the per-paragraph lists are set on a copy). Paragraph markup in the documents has ≈ 135 paragraphs; most are
        plain text, and the parser (``html.parser`` under ReportLab) was ≈ half of building the story."""
        hit = fragments.get(id(style))
        if hit is None or hit[0] is not style:
            _style, frags, _bullet = ParaParser().parse("x", style)
            if len(fragments) > 256:
                fragments.clear()
            hit = fragments[id(style)] = (style, frags[0])
        return hit[1]

    class WrapOnceParagraph(Paragraph):
        """A Paragraph that breaks its lines once per available width (and skips the markup parser for plain text).

        ReportLab wraps a paragraph again each time it is measured: a table cell when the row heights are
        computed and again when the cell is drawn, a kept-together block when it is tried and when it is placed.
        The line breaking depends on the width only (the style and the text do not change after construction), so a
        second ``wrap`` at the same width returns the size of the first; a split that gives the lines away
        (``del self.blPara``) makes the next ``wrap`` break them again."""

        def __init__(self, text, style=None, bulletText=None, frags=None, caseSensitive=1,  # noqa: ANN001, N803
                     encoding="utf8"):
            if frags is None and bulletText is None and style is not None and isinstance(text, str) \
                    and "<" not in text and "&" not in text and not getattr(style, "bulletText", None):
                clean = cleanBlockQuotedText(text)
                if clean:  # plain text: the one fragment ReportLab's markup parser would make of it
                    frag = copy.copy(_plain_fragment(style))
                    frag.text, frag.link, frag.us_lines = clean, [], []
                    Paragraph.__init__(self, clean, style, None, [frag], caseSensitive, encoding)
                    textTransformFrags(self.frags, style)
                    return
            Paragraph.__init__(self, text, style, bulletText, frags, caseSensitive, encoding)

        def wrap(self, availWidth, availHeight):  # noqa: ANN001, N803 — ReportLab's signature
            d = self.__dict__
            if "blPara" in d and d.get("_wrapped_at") == availWidth:
                return self.width, self.height
            size = Paragraph.wrap(self, availWidth, availHeight)
            d["_wrapped_at"] = availWidth if "blPara" in d else None
            return size

    return WrapOnceParagraph


def _flowables_factory():
    """Custom flowables, defined lazily so importing this module does not import ReportLab."""
    from reportlab.platypus import Flowable

    WrapOnceParagraph = _wrap_once_paragraph_class()

    class SignatureBlock(Flowable):
        """发文机关署名 over 成文日期 (date 4 characters in from the right); records where the seal goes."""

        def __init__(self, commission: str, date_text: str, missing: list[MissingGlyph], sink: list[SignatureSlot]):
            super().__init__()
            self.commission, self.date_text, self.sink = commission, date_text, sink
            self.missing = missing

        def wrap(self, aw, ah):  # noqa: ANN001
            self.aw = aw
            return aw, PITCH * 4

        def draw(self) -> None:
            from reportlab.pdfbase.pdfmetrics import stringWidth

            c = self.canv
            date_w = stringWidth(self.date_text, SONG, BODY_PT)
            centre = self.aw - 4 * BODY_PT - date_w / 2
            y_date = PITCH * 0.3
            y_name = y_date + PITCH
            c.setFont(SONG, BODY_PT)
            name = _plain_for_canvas(self.commission, self.missing)
            c.drawCentredString(centre, y_name, name)
            c.drawCentredString(centre, y_date, self.date_text)
            ax, ay = c.absolutePosition(centre, (y_name + y_date) / 2 + BODY_PT / 2)
            self.sink.append(SignatureSlot(c.getPageNumber() - 1, ax, ay))

    class BottomColophon(Flowable):
        """版记 pushed to the foot of the last page, between separator lines."""

        def __init__(self, paras: list[Any]):
            super().__init__()
            self.paras = paras

        def wrap(self, aw, ah):  # noqa: ANN001
            self.aw = aw
            self.sizes = [p.wrap(aw, ah) for p in self.paras]
            self.need = sum(h for _, h in self.sizes) + 8
            self.ah = max(ah, self.need)
            return aw, self.ah - 1 if ah >= self.need else self.need

        def draw(self) -> None:
            c = self.canv
            y = 4
            c.setLineWidth(0.75)
            c.line(0, y - 2, self.aw, y - 2)
            for p, (_, h) in zip(reversed(self.paras), reversed(self.sizes)):
                p.drawOn(c, 0, y)
                y += h
                c.setLineWidth(0.35)
                c.line(0, y, self.aw, y)
            c.setLineWidth(0.75)
            c.line(0, y, self.aw, y)

    return SignatureBlock, BottomColophon, WrapOnceParagraph


_FLOWABLES: tuple[Any, Any, Any] | None = None


def _plain_for_canvas(text: str, missing: list[MissingGlyph]) -> str:
    from reviewer.pdf.fonts import coverage, REPLACEMENT

    out = []
    for ch in text:
        if ord(ch) in coverage(SONG):
            out.append(ch)
        else:
            out.append(REPLACEMENT)
            missing.append(MissingGlyph(ch, text[:60]))
    return "".join(out)


def _folio(canvas, doc) -> None:  # noqa: ANN001
    """Page number "— n —", 4号, under the 版心; odd pages right, even pages left, one character in."""
    n = canvas.getPageNumber()
    text = f"— {n} —"
    canvas.saveState()
    canvas.setFont(SONG, FOLIO_PT)
    y = PAGE_H - TOP - BODY_H - FOLIO_GAP - FOLIO_PT * 0.8
    if n % 2:
        canvas.drawRightString(LEFT + BODY_W - FOLIO_PT, y, text)
    else:
        canvas.drawString(LEFT + FOLIO_PT, y, text)
    canvas.restoreState()


def build_story(root: ET.Element, charts: dict[str, Any], missing: list[MissingGlyph],
                slots: list[SignatureSlot]) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.platypus import CondPageBreak, HRFlowable, KeepTogether, PageBreak, Spacer, Table, TableStyle

    global _FLOWABLES
    if _FLOWABLES is None:
        _FLOWABLES = _flowables_factory()
    SignatureBlock, BottomColophon, Paragraph = _FLOWABLES
    st = _Styles.get()
    story: list[Any] = []
    for el in root:
        tag = el.tag
        if tag == "masthead":
            story.append(Paragraph(_inline_attr(el.get("commission", ""), SONG, missing), st["masthead"]))
            story.append(Spacer(1, PITCH * 0.6))
            story.append(Paragraph(_inline(el, SONG, missing), st["docno"]))
            story.append(HRFlowable(width="100%", thickness=1.2, color=colors.HexColor(RED), spaceBefore=2,
                                    spaceAfter=PITCH * 0.5))
        elif tag in ("title", "p", "h1", "h2", "addressee", "small", "step", "attachment-label"):
            style = {"title": "title", "p": "body", "h1": "h1", "h2": "h2", "addressee": "flush", "small": "small",
                     "step": "step", "attachment-label": "label"}[tag]
            face = st[style].fontName
            para = Paragraph(_inline(el, face, missing), st[style])
            if tag in ("h1", "h2", "step"):
                story.append(CondPageBreak(PITCH * 3))
            story.append(para)
        elif tag == "table":
            story.append(_table(el, missing, st, Table, TableStyle, colors, Paragraph))
        elif tag == "chart":
            chart = charts.get(el.get("id", ""))
            if chart is not None:
                from reviewer.opinion.charts import draw_chart

                story.append(Spacer(1, 4))
                story.append(draw_chart(chart, BODY_W, missing))
        elif tag == "attachments":
            items = list(el)
            story.append(Spacer(1, PITCH * 0.5))
            for i, item in enumerate(items, 1):
                prefix = "附件：" if i == 1 else "\u3000\u3000\u3000"
                num = f"{i}. " if len(items) > 1 else ""
                para = Paragraph(fallback_markup(prefix + num, SONG) + _inline(item, SONG, missing), st["body"])
                para._reviewer_attachment = True
                story.append(para)
        elif tag == "signature":
            # GB/T 9704 7.3.5: the signature never stands alone on a page — keep it with the end of the body
            # (last paragraph and the 附件说明 after it).
            block = SignatureBlock(el.get("commission", ""), el.get("date", ""), missing, slots)
            tail: list[Any] = []
            while story and len(tail) < 8:
                item = story.pop()
                tail.insert(0, item)
                if isinstance(item, Paragraph) and item.style.name == "body" and not _is_attachment(item):
                    break
            story.append(KeepTogether(tail + [Spacer(1, PITCH * 0.5), block]))
        elif tag == "pagebreak":
            story.append(PageBreak())
        elif tag == "colophon":
            paras = []
            for c in el:
                if c.tag == "cc":
                    paras.append(Paragraph(_inline(c, SONG, missing), st["colophon"]))
                elif c.tag == "printed":
                    by = fallback_markup(c.get("by", ""), SONG, missing)
                    date = fallback_markup(c.get("date", ""), SONG, missing)
                    # GB/T 9704 版记: 印发机关 flush left, 印发日期 flush right, each on one line.
                    paras.append(Table([[Paragraph(by, st["colophon"]), Paragraph(date, st["colophon_date"])]],
                                       colWidths=[BODY_W * 0.62, BODY_W * 0.38],
                                       style=TableStyle([("FONT", (0, 0), (-1, -1), SONG, 14),
                                                         ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                                                         ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                                         ("RIGHTPADDING", (0, 0), (-1, -1), 0)])))
            story.append(BottomColophon(paras))
        else:
            raise ValueError(f"unknown markup element <{tag}>")
    return story


def _is_attachment(p: Any) -> bool:
    return getattr(p, "_reviewer_attachment", False)


def _inline_attr(text: str, face: str, missing: list[MissingGlyph]) -> str:
    return fallback_markup(text, face, missing)


def _cell_style(st: dict[str, Any], align: str, size: float) -> Any:
    """Table cell style for an alignment and font size (cached in the style dict)."""
    key = f"cell:{align}:{size}"
    if key not in st:
        base = {"right": st["cell_r"], "left": st["cell_l"]}.get(align, st["cell"])
        from reportlab.lib.styles import ParagraphStyle

        st[key] = ParagraphStyle(key, parent=base, fontSize=size, leading=round(size * 1.25, 1))
    return st[key]


def _table(el, missing, st, Table, TableStyle, colors, Paragraph):  # noqa: ANN001
    """A ruled table. Cells that fit on one line in one face are drawn as plain strings (far cheaper than a
    Paragraph: the 计算依据 parameter table has hundreds of cells); the others wrap as CJK paragraphs."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from reviewer.pdf.fonts import coverage

    cols = [float(x) for x in (el.get("cols") or "").split(",") if x.strip()]
    size = float(el.get("size") or 10.5)
    header = bool(el.get("header"))
    row_els = el.findall("row")
    ncols = max((len(r.findall("cell")) for r in row_els), default=1)
    weights = cols if len(cols) == ncols else [1.0] * ncols
    widths = [BODY_W * w / sum(weights) for w in weights]
    pad = 3
    ts: list[tuple] = [("FONT", (0, 0), (-1, -1), SONG, size), ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                       ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("TOPPADDING", (0, 0), (-1, -1), 2),
                       ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("LEFTPADDING", (0, 0), (-1, -1), pad),
                       ("RIGHTPADDING", (0, 0), (-1, -1), pad)]
    rows = []
    for r_i, row in enumerate(row_els):
        cells: list[Any] = []
        bold = (header and r_i == 0) or bool(row.get("total"))
        face = HEI if bold else SONG
        for c_i, cell in enumerate(row.findall("cell")):
            align = cell.get("align", "center" if (header and r_i == 0) else "left")
            text = cell.text or ""
            plain = (len(cell) == 0 and "\n" not in text and all(ord(ch) in coverage(face) for ch in text)
                     and stringWidth(text, face, size) <= widths[c_i] - 2 * pad - 0.5)
            if plain:
                cells.append(text)
                ts.append(("ALIGN", (c_i, r_i), (c_i, r_i), {"right": "RIGHT", "left": "LEFT"}.get(align, "CENTER")))
                if bold:
                    ts.append(("FONT", (c_i, r_i), (c_i, r_i), HEI, size))
            else:
                cells.append(Paragraph(_inline(cell, face, missing), _cell_style(st, align, size)))
        rows.append(cells)
    if header:
        ts.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f0f0f0")))
    return Table(rows, colWidths=widths, style=TableStyle(ts), repeatRows=1 if header else 0,
                 spaceBefore=4, spaceAfter=6)


def render_pdf(markup: str, *, title: str, subject: str, keywords: list[str], author: str,
               charts: dict[str, Any] | None = None) -> RenderResult:
    """Lay ``markup`` out per GB/T 9704 and return the PDF bytes, page count and the seal slot."""
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    root = ET.fromstring(markup)
    missing: list[MissingGlyph] = []
    slots: list[SignatureSlot] = []
    story = build_story(root, charts or {}, missing, slots)
    buf = io.BytesIO()
    doc = BaseDocTemplate(buf, pagesize=(PAGE_W, PAGE_H), leftMargin=LEFT, rightMargin=PAGE_W - LEFT - BODY_W,
                          topMargin=TOP, bottomMargin=PAGE_H - TOP - BODY_H, title=title, subject=subject,
                          keywords=keywords, author=author, creator="reviewer 节能审查与碳排放评价审查工作台",
                          producer="reviewer (ReportLab)", invariant=False, initialFontName=SONG,
                          initialFontSize=BODY_PT)
    frame = Frame(LEFT, PAGE_H - TOP - BODY_H, BODY_W, BODY_H, id="body", leftPadding=0, rightPadding=0,
                  topPadding=0, bottomPadding=0)
    doc.addPageTemplates([PageTemplate(id="gbt9704", frames=[frame], onPage=_folio)])
    doc.build(story)
    seen: set[str] = set()
    unique = [m for m in missing if not (m.char in seen or seen.add(m.char))]  # each character once
    return RenderResult(buf.getvalue(), doc.page, slots[-1] if slots else None, unique)
