"""PAdES signing of an issued document with pyHanko, plus embedding the JSON attachments.

One incremental update on the ReportLab output adds the embedded files (submission and assessment JSON) and — when
signing — a **certification** signature (DocMDP P=1: no changes permitted) with a visible stamp: the seal, and the
signer, signing time (the same instant as the CMS signing-time attribute) and 文号 in the bundled CJK faces, drawn by
ReportLab and imported as the widget appearance. PAdES B-B offline; B-T when a timestamp server URL is configured
(RFC 3161 token over the signature value).
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from reviewer.errors import UserError
from reviewer.pdf.fonts import SONG
from reviewer.pdf.geometry import MM, SEAL_DIAMETER, SignatureSlot

FIELD_NAME = "ReviewerSignature"
STAMP_W = 64 * MM
STAMP_H = SEAL_DIAMETER + 11 * MM


@dataclass
class Attachment:
    name: str  # ASCII file name inside the PDF
    data: bytes
    mime: str = "application/json"
    description: str = ""


# Compressed attachments kept by content (the same assessment and submission JSON go into the preview and the issued
# document, and into every re-issue of one assessment): SHA-256 of the data → its FlateDecode encoding.
_FLATE_KEPT = 8
_FLATE: OrderedDict[bytes, bytes] = OrderedDict()
_FLATE_LOCK = threading.Lock()


def _reuse_encoding(ef: Any, data: bytes) -> None:
    """Give the embedded-file stream ``ef`` (``/FlateDecode``, not yet encoded) the encoding pyHanko made for the same
    bytes before: pyHanko encodes a stream when it is written (zlib of a 130 KB assessment ≈ 2.3 ms) and keeps the
    result in ``_encoded_data``; the encoding is a function of the data, so the bytes written are the same."""
    key = hashlib.sha256(data).digest()
    with _FLATE_LOCK:  # documents may be signed on worker threads
        hit = _FLATE.get(key)
        if hit is not None:
            _FLATE.move_to_end(key)
    if hit is None:
        encoded = ef.encoded_data  # pyHanko's own encoding of this stream, made now instead of at write time
        with _FLATE_LOCK:
            _FLATE[key] = encoded
            if len(_FLATE) > _FLATE_KEPT:
                _FLATE.popitem(last=False)
        return
    ef._encoded_data = hit  # noqa: SLF001 — pyHanko's lazily filled cache of the encoded stream


def _embed(writer: Any, attachments: list[Attachment], when: datetime) -> None:
    from pyhanko.pdf_utils import embed, generic

    for a in attachments:
        ef = embed.EmbeddedFileObject.from_file_data(
            writer, data=a.data, mime_type=a.mime,
            params=embed.EmbeddedFileParams(creation_date=when, modification_date=when))
        if writer.security_handler is None:  # an encrypted writer encodes differently: pyHanko's own path
            _reuse_encoding(ef, a.data)
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


STAMP_LINES = ("数字签名：{signer}", "签署时间：{time}", "文号：{doc_number}")
DISPLAY_TZ = "Asia/Shanghai"  # default only: the office's time zone (settings.time_zone) is passed in by the caller
# Space reserved for the CMS blob: an EC P-256 signature with two certificates is ≈2 kB; an RFC 3161 token adds the
# TSA's certificate chain. Reserving a fixed size avoids pyHanko's trial signature (one whole extra signing pass).
RESERVE_BB, RESERVE_BT = 8192, 32768


def _utc_label(local: datetime) -> str:
    """“UTC+8”, “UTC+5:30”, “UTC” — the offset the stamp's time is shown in."""
    off = local.utcoffset()
    minutes = int(off.total_seconds() // 60) if off else 0
    if not minutes:
        return "UTC"
    sign, minutes = ("+" if minutes > 0 else "-"), abs(minutes)
    return f"UTC{sign}{minutes // 60}" + (f":{minutes % 60:02d}" if minutes % 60 else "")


def appearance_pdf(commission: str, signer_name: str, when: datetime, doc_number: str,
                   time_zone: str = DISPLAY_TZ) -> bytes:
    """The visible stamp as a one-page PDF drawn by ReportLab: the seal, and under it signer, time and 文号.

    Drawn per signature with the bundled faces (subset and embedded by ReportLab), so pyHanko only has to import a
    ready-made page — no font shaping at signing time.
    """
    from zoneinfo import ZoneInfo

    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    from reviewer.pdf.fonts import HEI, coverage, plain_fallback
    from reviewer.signing.seal import draw_seal_on

    local = when.astimezone(ZoneInfo(time_zone or DISPLAY_TZ))  # the office's clock, as the 成文日期 (one clock)
    values = {"signer": signer_name, "doc_number": doc_number,
              "time": local.strftime("%Y-%m-%d %H:%M:%S") + f" ({_utc_label(local)})"}
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(STAMP_W, STAMP_H), initialFontName=SONG)
    c.setTitle("签名外观 signature appearance")
    draw_seal_on(c, STAMP_W / 2, STAMP_H - SEAL_DIAMETER / 2, commission)
    size = 7
    y = 2 + 2 * (size + 2)
    song = coverage(SONG)
    for template in STAMP_LINES:
        text = template.format(**values)
        face = SONG if all(ord(ch) in song for ch in text) else HEI
        text = plain_fallback(text)
        c.setFont(face, size)
        c.setFillColorRGB(0, 0, 0)
        width = stringWidth(text, face, size)
        c.drawString(max((STAMP_W - width) / 2, 1), y, text)
        y -= size + 2
    c.showPage()
    c.save()
    return buf.getvalue()


def _page_content(pdf: bytes):
    """A pyHanko ``PdfContent`` importing page 1 of in-memory PDF bytes (ImportedPdfPage wants a file name)."""
    import binascii
    import uuid

    from pyhanko.pdf_utils.content import PdfContent
    from pyhanko.pdf_utils.layout import BoxConstraints
    from pyhanko.pdf_utils.reader import PdfFileReader

    class BytesPdfPage(PdfContent):
        def render(self) -> bytes:
            xobj = self._ensure_writer.import_page_as_xobject(PdfFileReader(io.BytesIO(pdf)), page_ix=0)
            name = b"/Import" + binascii.hexlify(uuid.uuid4().bytes)
            self.resources.xobject[name.decode("ascii")] = xobj
            x1, y1, x2, y2 = xobj.get_object()["/BBox"]
            self.box = BoxConstraints(width=abs(x1 - x2), height=abs(y1 - y2))
            return name + b" Do"

    return BytesPdfPage()


def _stamp_style(appearance: bytes):
    from pyhanko.stamp import StaticStampStyle

    return StaticStampStyle(background=_page_content(appearance), background_opacity=1.0, border_width=0)


def sign_pdf(pdf: bytes, signer: Any, *, slot: SignatureSlot | None, doc_number: str, commission: str,
             reason: str, location: str = "", timestamp_url: str = "", attachments: list[Attachment] | None = None,
             info: dict[str, str] | None = None, signing_time: datetime | None = None,
             time_zone: str = DISPLAY_TZ) -> bytes:
    """Certify ``pdf`` with ``signer`` (a :class:`~reviewer.signing.signer.DocumentSigner`) and return the bytes.

    ``time_zone``: the office's IANA time zone (settings.time_zone), in which the stamp shows the signing time."""
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
    when = signing_time or datetime.now(timezone.utc)
    style = _stamp_style(appearance_pdf(commission, signer.signer_name, when, doc_number, time_zone)) if box else None
    _reuse_signing_certificate_attribute()
    pdf_signer = signers.PdfSigner(meta, signer=signer.pyhanko_signer(), timestamper=timestamper, stamp_style=style)
    try:
        return asyncio.run(_sign(pdf_signer, w, when, RESERVE_BT if timestamp_url else RESERVE_BB))
    except Exception as exc:  # noqa: BLE001 — network/timestamp failures must read clearly
        if timestamp_url and "timestamp" in f"{type(exc).__name__} {exc}".lower():
            raise UserError(f"时间戳服务 {timestamp_url} 无法使用，未签名：{exc}",
                            f"Timestamp server {timestamp_url} failed; nothing was signed: {exc}") from None
        raise


_SIGNING_CERT_V2: dict[bytes, bytes] = {}  # certificate SHA-256 → DER of its ESS signing-certificate-v2 value


def _reuse_signing_certificate_attribute() -> None:
    """Build the ESS signing-certificate-v2 attribute value (RFC 5035) once per certificate, not once per signature.

    pyHanko builds it from Python values with asn1crypto, which never clears the "mutated" mark of a built
    structure: every later ``dump()`` of the signed attributes re-serialises it and re-creates each field's default
    value to compare with — ≈ 30 ms of a ≈ 80 ms signature (bench/results.md). The value depends on the certificate
    only (its hash and issuer/serial), so the DER pyHanko built the first time is parsed again for later signatures:
    the same bytes are signed and embedded, and a parsed value dumps from its cache. Installed once per process."""
    from asn1crypto import tsp
    from pyhanko.sign import attributes

    provider = attributes.SigningCertificateV2Provider
    if getattr(provider.build_attr_value, "_reviewer_cached", False):
        return
    build = provider.build_attr_value

    async def build_attr_value(self: Any, dry_run: bool = False) -> Any:
        key = self.signing_cert.sha256
        der = _SIGNING_CERT_V2.get(key)
        if der is None:
            der = _SIGNING_CERT_V2[key] = (await build(self, dry_run=dry_run)).dump()
        return tsp.SigningCertificateV2.load(der)

    build_attr_value._reviewer_cached = True  # type: ignore[attr-defined]
    provider.build_attr_value = build_attr_value


async def _sign(pdf_signer: Any, w: Any, when: datetime, reserve: int) -> bytes:
    """pyHanko's ``async_sign_pdf`` steps, with our signing time (printed on the stamp and put in the CMS
    signing-time attribute — the same instant) and a fixed reservation instead of a trial signature."""
    from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes

    session = pdf_signer.init_signing_session(w)
    session.system_time = when
    validation_info = await session.perform_presign_validation(w)
    tbs = session.prepare_tbs_document(validation_info=validation_info, bytes_reserved=reserve)
    prepared, output = tbs.digest_tbs_document(output=io.BytesIO())
    post = await tbs.perform_signature(
        document_digest=prepared.document_digest,
        pdf_cms_signed_attrs=PdfCMSSignedAttributes(
            signing_time=when,
            adobe_revinfo_attr=None if validation_info is None else validation_info.adobe_revinfo_attr,
            cades_signed_attrs=pdf_signer.signature_meta.cades_signed_attr_spec))
    await post.post_signature_processing(output)
    return output.getvalue()
