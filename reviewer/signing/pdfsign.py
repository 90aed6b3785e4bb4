"""PAdES signing of an issued document with pyHanko, plus embedding the JSON attachments.

One incremental update on the ReportLab output adds the embedded files (submission and assessment JSON) and — when
signing — a **certification** signature (DocMDP P=1: no changes permitted) with a visible stamp: the seal image as
background, and the signer, signing time and 文号 in the bundled Song face. PAdES B-B offline; B-T when a
timestamp server URL is configured (RFC 3161 token over the signature value).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache
from typing import Any

from reviewer.errors import UserError
from reviewer.opinion.fonts import SONG, font_path
from reviewer.opinion.render import MM, SEAL_DIAMETER, SignatureSlot

FIELD_NAME = "ReviewerSignature"
STAMP_W = 64 * MM
STAMP_H = SEAL_DIAMETER + 11 * MM


@dataclass
class Attachment:
    name: str  # ASCII file name inside the PDF
    data: bytes
    mime: str = "application/json"
    description: str = ""


def _embed(writer: Any, attachments: list[Attachment], when: datetime) -> None:
    from pyhanko.pdf_utils import embed, generic

    for a in attachments:
        ef = embed.EmbeddedFileObject.from_file_data(
            writer, data=a.data, mime_type=a.mime,
            params=embed.EmbeddedFileParams(creation_date=when, modification_date=when))
        embed.embed_file(writer, embed.FileSpec(file_spec_string=a.name, file_name=a.name, embedded_data=ef,
                                                description=a.description,
                                                af_relationship=generic.pdf_name("/Data")))


def _info(writer: Any, info: dict[str, str]) -> None:
    """Add custom document-information entries (e.g. the missing-glyph warning) in the same revision."""
    from pyhanko.pdf_utils import generic

    if not info:
        return
    try:
        d = writer.trailer["/Info"].get_object()
    except KeyError:
        return
    for k, v in info.items():
        d[generic.NameObject("/" + k)] = generic.TextStringObject(v)
    writer.update_container(d)


def finalize_unsigned(pdf: bytes, attachments: list[Attachment], info: dict[str, str] | None = None) -> bytes:
    """Add the attachments (and info entries) to an unsigned document."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _embed(w, attachments, datetime.now(timezone.utc))
    _info(w, info or {})
    out = io.BytesIO()
    w.write(out)
    return out.getvalue()


STAMP_TEXT = "数字签名：%(signer)s\n签名时间：%(ts)s\n文号：%(doc_number)s"
_BASE_CHARS = "".join(chr(c) for c in range(0x20, 0x7F)) + STAMP_TEXT + "〔〕号年月日"


@cache
def _stamp_font_file(chars: str) -> str:
    """A small subset of the Song face holding ``chars``, built once per character set and cached on disk.

    pyHanko parses and re-subsets the whole stamp font at every signature; on the 5 MB GB2312 face that alone costs
    ~170 ms, so the stamp gets a font of a few kB instead. gbsn00lp has unitsPerEm 1024 (≈1000), so pyHanko's text
    spacing is right (engineering.md B).
    """
    import hashlib

    from fontTools import subset

    from reviewer.paths import home

    folder = home() / "cache"
    folder.mkdir(exist_ok=True, mode=0o700)
    path = folder / f"stamp-{hashlib.sha256(chars.encode()).hexdigest()[:16]}.ttf"
    if not path.exists():
        opts = subset.Options()
        opts.layout_features = ["*"]
        opts.name_IDs = ["*"]
        opts.notdef_outline = True
        font = subset.load_font(str(font_path(SONG)), opts, lazy=True)
        sub = subset.Subsetter(opts)
        sub.populate(text=chars)
        sub.subset(font)
        tmp = path.with_suffix(".tmp")
        subset.save_font(font, str(tmp), opts)
        tmp.replace(path)
    return str(path)


def _stamp_font_factory(text: str):
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory

    chars = "".join(sorted(set(_BASE_CHARS + text)))
    return GlyphAccumulatorFactory(_stamp_font_file(chars), font_size=7)


def _stamp_style(commission: str, text: str):
    from pyhanko.pdf_utils import layout
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    from reviewer.signing.seal import seal_file

    return TextStampStyle(
        stamp_text=STAMP_TEXT,
        text_box_style=TextBoxStyle(font=_stamp_font_factory(text), font_size=7, leading=9),
        timestamp_format="%Y-%m-%d %H:%M:%S %Z",
        background=ImportedPdfPage(str(seal_file(commission))),
        background_opacity=0.9,
        background_layout=layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MID,
                                                     y_align=layout.AxisAlignment.ALIGN_MAX,
                                                     inner_content_scaling=layout.InnerScaling.SHRINK_TO_FIT),
        inner_content_layout=layout.SimpleBoxLayoutRule(x_align=layout.AxisAlignment.ALIGN_MID,
                                                        y_align=layout.AxisAlignment.ALIGN_MIN,
                                                        margins=layout.Margins(0, 0, 1, 0)),
        border_width=0,
    )


def sign_pdf(pdf: bytes, signer: Any, *, slot: SignatureSlot | None, doc_number: str, commission: str,
             reason: str, location: str = "", timestamp_url: str = "", attachments: list[Attachment] | None = None,
             info: dict[str, str] | None = None) -> bytes:
    """Certify ``pdf`` with ``signer`` (a :class:`~reviewer.signing.signer.DocumentSigner`) and return the bytes."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter

    w = IncrementalPdfFileWriter(io.BytesIO(pdf))
    _embed(w, attachments or [], datetime.now(timezone.utc))
    _info(w, info or {})
    if slot is not None:
        x0 = slot.x - STAMP_W / 2
        y1 = slot.y + SEAL_DIAMETER / 2
        box = (int(x0), int(y1 - STAMP_H), int(x0 + STAMP_W), int(y1))
        page = slot.page
    else:
        box, page = None, 0
    fields.append_signature_field(w, fields.SigFieldSpec(sig_field_name=FIELD_NAME, on_page=page, box=box))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, certify=True, docmdp_permissions=MDPPerm.NO_CHANGES,
        subfilter=SigSeedSubFilter.PADES, md_algorithm="sha256", reason=reason, location=location or None,
        name=signer.signer_name)
    timestamper = None
    if timestamp_url:
        from pyhanko.sign.timestamps import HTTPTimeStamper

        timestamper = HTTPTimeStamper(timestamp_url, timeout=10)
    pdf_signer = signers.PdfSigner(meta, signer=signer.pyhanko_signer(), timestamper=timestamper,
                                   stamp_style=_stamp_style(commission, signer.signer_name + doc_number) if box else None)
    out = io.BytesIO()
    try:
        pdf_signer.sign_pdf(w, output=out, appearance_text_params={"signer": signer.signer_name,
                                                                   "doc_number": doc_number})
    except Exception as exc:  # noqa: BLE001 — network/timestamp failures must read clearly
        if timestamp_url and "timestamp" in f"{type(exc).__name__} {exc}".lower():
            raise UserError(f"时间戳服务 {timestamp_url} 无法使用，未签名：{exc}",
                            f"Timestamp server {timestamp_url} failed; nothing was signed: {exc}") from None
        raise
    return out.getvalue()
