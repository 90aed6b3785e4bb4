"""Bundled CJK fonts for the opinion PDF: registered once per process, with per-character fallback.

Faces (GB/T 9704 asks for proprietary 方正小标宋 / 仿宋_GB2312 / 黑体 / 楷体_GB2312; free stand-ins are used):

* ``Song``  — AR PL SungtiL GB (gbsn00lp.ttf): body text (stands in for 仿宋_GB2312) and title (for 方正小标宋).
* ``Hei``   — WenQuanYi Micro Hei (wqy-microhei.ttc): level-1 headings (黑体) and the fallback face for
  characters outside GB2312 (it covers GBK and more).
* ``Kai``   — AR PL KaitiM GB (gkai00mp.ttf): level-2 headings (楷体).

A character no bundled face has is never dropped silently: it is replaced by the visible geta mark 〓 drawn in red,
and recorded as a :class:`MissingGlyph` so the caller can put a warning into the document metadata and the archive.
ReportLab embeds a subset of each TrueType face automatically, so every font in the PDF is embedded.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reviewer.paths import data_dir

SONG, HEI, KAI = "Song", "Hei", "Kai"
REPLACEMENT = "〓"  # GB2312 A1FE, the typesetters' mark for a character with no type
_FILES = {SONG: ("gbsn00lp.ttf", None), KAI: ("gkai00mp.ttf", None), HEI: ("wqy-microhei.ttc", 0)}
# Fallback order after the requested face; Hei has the widest coverage.
_FALLBACK = (HEI, SONG, KAI)
_lock = threading.Lock()
# fontTools logs harmless notes about the bundled faces ("too much 'glyf' table data", "mort NOT subset") on stderr;
# they are not the user's concern.
logging.getLogger("fontTools").setLevel(logging.ERROR)
_registered = False


def font_path(name: str) -> Path:
    return data_dir("resources") / "fonts" / _FILES[name][0]


def register_fonts() -> None:
    """Register the three faces with ReportLab (idempotent, once per process)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name, (file, index) in _FILES.items():
            path = str(font_path(name))
            font = TTFont(name, path, subfontIndex=index) if index is not None else TTFont(name, path)
            pdfmetrics.registerFont(font)
            # ReportLab hands out the font first registered for a face file under another name, if any
            # (``registerFont``: one dynamic font per face name): cache the subsets of the face actually used.
            _cache_subsets(pdfmetrics.getFont(name).face)
        _registered = True


# Embedded subsets kept per face (compressed font programs of ≤ 75 KB each; the oldest goes beyond this count).
_SUBSETS_KEPT = 48
_SUBSETS: dict[Any, Any] = {}  # (face file, face name) → {character list of a subset: (Length1, compressed font program)}


_subsets_lock = threading.Lock()


def clear_subset_cache() -> None:
    """Forget the embedded subsets (measurements of the uncached cost; the next document builds them again)."""
    with _subsets_lock:
        for kept in _SUBSETS.values():
            kept.clear()


def _cache_subsets(face) -> None:  # noqa: ANN001 — a reportlab TTFontFace
    """Embed each distinct font subset once per process: the same bytes, without building and compressing them again.

    ReportLab embeds a TrueType face as subsets of ≤ 256 characters; for each it builds a font program from the
    face (``makeSubset``) and zlib-compresses it when the document is written — ≈ 25 ms of CPU for an issued
    10-page opinion, most of its ``save``. The program is a function of the face and the subset's character list
    only, so the compressed stream made the first time is reused for an identical list: the signature stamp's
    subsets (the seal and the signer's lines: ASCII digits keep their own codes), the headings' 黑体/楷体 subsets
    of a document kind, and a document issued again. The PDF objects are the ones ReportLab writes (same
    dictionary, ``Length1``, ``FlateDecode`` of the same data)."""
    from collections import OrderedDict

    from reportlab.pdfbase import pdfdoc

    if "addSubsetObjects" in vars(face):  # installed already (the face is shared by another registered name)
        return
    make = face.addSubsetObjects
    kept: OrderedDict[tuple[int, ...], tuple[int, bytes]] = _SUBSETS.setdefault((face.filename, face.name),
                                                                                OrderedDict())

    def add_subset_objects(doc, fontname, subset):  # noqa: ANN001, ANN202 — ReportLab's signature
        if not doc.compression or not isinstance(doc.encrypt, pdfdoc.NoEncryption):  # ReportLab's own path
            return make(doc, fontname, subset)
        key = tuple(subset)
        with _subsets_lock:  # documents may be rendered on worker threads
            hit = kept.get(key)
            if hit is not None:
                kept.move_to_end(key)
        if hit is None:
            raw = face.makeSubset(subset)
            hit = (len(raw), pdfdoc.PDFZCompress.encode(raw))
            with _subsets_lock:
                kept[key] = hit
                if len(kept) > _SUBSETS_KEPT:
                    kept.popitem(last=False)
        length1, packed = hit
        font_file = pdfdoc.PDFStream()
        font_file.content = packed
        font_file.dictionary["Length1"] = length1
        font_file.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])
        return _descriptor(face, doc, fontname, doc.Reference(font_file, f"fontFile:{face.filename}({fontname})"))

    face.addSubsetObjects = add_subset_objects


def _descriptor(face, doc, fontname, font_file_ref):  # noqa: ANN001, ANN202
    """ReportLab's FontDescriptor of a subset (``TTFontFace.addSubsetObjects``, reportlab 4) for a given FontFile2."""
    from reportlab.pdfbase import pdfdoc
    from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC

    flags = (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC
    descriptor = pdfdoc.PDFDictionary({
        "Type": "/FontDescriptor", "Ascent": face.ascent, "CapHeight": face.capHeight, "Descent": face.descent,
        "Flags": flags, "FontBBox": pdfdoc.PDFArray(face.bbox), "FontName": pdfdoc.PDFName(fontname),
        "ItalicAngle": face.italicAngle, "StemV": face.stemV, "FontFile2": font_file_ref,
        "MissingWidth": face.defaultWidth})
    return doc.Reference(descriptor, "fontDescriptor:" + fontname)


@cache
def coverage(name: str) -> frozenset[int]:
    """Code points the bundled face ``name`` maps to a glyph."""
    from fontTools.ttLib import TTCollection, TTFont

    file, index = _FILES[name]
    path = font_path(name)
    font = TTCollection(str(path)).fonts[index] if index is not None else TTFont(str(path), lazy=True)
    return frozenset(font.getBestCmap())


@dataclass(frozen=True)
class MissingGlyph:
    """A character no bundled font can draw, with where it occurred (for the warning)."""

    char: str
    context: str

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"

    def to_dict(self) -> dict[str, str]:
        return {"char": self.char, "codepoint": self.codepoint, "context": self.context}


@cache
def _covered_chars(name: str) -> frozenset[str]:
    """Characters that stay in face ``name`` in :func:`fallback_markup` (its coverage, and the blanks)."""
    return frozenset(map(chr, coverage(name))) | frozenset("\n\t ")


def _face_for(ch: str, base: str) -> str | None:
    cp = ord(ch)
    if ch in "\n\t " or cp in coverage(base):
        return base
    for name in _FALLBACK:
        if name != base and cp in coverage(name):
            return name
    return None


def fallback_markup(text: str, base: str, missing: list[MissingGlyph] | None = None) -> str:
    """ReportLab paragraph markup for plain ``text`` in face ``base``.

    Runs of characters the base face lacks are wrapped in ``<font name=…>`` of the first bundled face that has them;
    characters no face has become a red 〓 and are appended to ``missing``.
    """
    if _covered_chars(base).issuperset(text):  # the common case: one run in the base face
        return escape(text)
    out: list[str] = []
    run_face: str | None = base
    run: list[str] = []

    def flush() -> None:
        if not run:
            return
        chunk = escape("".join(run))
        out.append(chunk if run_face == base else f'<font name="{run_face}">{chunk}</font>')
        run.clear()

    for ch in text:
        face = _face_for(ch, base)
        if face is None:
            flush()
            out.append(f'<font name="{SONG}" color="#c00000">{REPLACEMENT}</font>')
            if missing is not None:
                missing.append(MissingGlyph(ch, text[:60]))
            continue
        if face != run_face:
            flush()
            run_face = face
        run.append(ch)
    flush()
    return "".join(out)


def plain_fallback(text: str, missing: list[MissingGlyph] | None = None) -> str:
    """``text`` with characters no bundled face has replaced by 〓 (for places that take plain strings)."""
    out = []
    for ch in text:
        if _face_for(ch, HEI) is None:
            out.append(REPLACEMENT)
            if missing is not None:
                missing.append(MissingGlyph(ch, text[:60]))
        else:
            out.append(ch)
    return "".join(out)
