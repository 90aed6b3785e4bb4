"""What an attachment really is, from its bytes (never from its name), and the limits of ``forms/intake.toml``.

A file whose bytes are not what its extension says is refused: ``报告.pdf`` that is a Word file, an image renamed
``.pdf``, a zip renamed ``.docx``. Nothing here opens a file with anything but a parser.
"""

from __future__ import annotations

import io
import tomllib
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath
from typing import Any

from reviewer.errors import UserError
from reviewer.paths import data_dir

EXIT_BAD_INPUT = 2


@cache
def attachment_policy() -> dict[str, Any]:
    with (data_dir("forms") / "intake.toml").open("rb") as fh:
        return tomllib.load(fh)["attachments"]


@dataclass(frozen=True)
class Sniffed:
    media_type: str
    description: str


_ZIP_KINDS = (
    ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档 DOCX"),
    ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 工作簿 XLSX"),
    ("OFD.xml", "application/ofd", "OFD 版式文件"),
)


def sniff(data: bytes) -> Sniffed | None:
    """The media type the bytes are, or None when they are none of the accepted kinds."""
    if data.startswith(b"%PDF-"):
        return Sniffed("application/pdf", "PDF")
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png", "PNG 图像")
    if data.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg", "JPEG 图像")
    if data.startswith((b"II*\x00", b"MM\x00*")):
        return Sniffed("image/tiff", "TIFF 图像")
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                infos = zf.infolist()
                if len(infos) > int(attachment_policy()["max_zip_members"]["value"]):
                    return None
                names = {i.filename for i in infos}
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        for member, media, desc in _ZIP_KINDS:
            if member in names:
                return Sniffed(media, desc)
    return None


def check_attachment(name: str, data: bytes) -> Sniffed:
    """Accept ``data`` named ``name`` or raise a clear, Chinese-first :class:`UserError` (exit 2)."""
    policy = attachment_policy()
    ext = PurePath(name).suffix.lower()
    types: dict[str, str] = policy["types"]
    if ext not in types:
        raise UserError(f"附件 {name}：不支持的文件类型“{ext or '（无扩展名）'}”（可接受：{'、'.join(sorted(types))}）。未保存。",
                        f"Attachment {name}: file type {ext or '(none)'} is not accepted. Nothing was stored.",
                        exit_code=EXIT_BAD_INPUT)
    limit = int(policy["max_file_bytes"]["value"])
    if len(data) > limit:
        raise UserError(f"附件 {name}：文件大小 {len(data)} 字节，超过上限 {limit} 字节（forms/intake.toml）。未保存。",
                        f"Attachment {name}: {len(data)} bytes exceeds the limit of {limit}. Nothing was stored.",
                        exit_code=EXIT_BAD_INPUT)
    if not data:
        raise UserError(f"附件 {name}：文件为空。未保存。", f"Attachment {name} is empty. Nothing was stored.",
                        exit_code=EXIT_BAD_INPUT)
    found = sniff(data)
    expected = types[ext]
    if found is None or found.media_type != expected:
        what = found.description if found else "无法识别的内容"
        raise UserError(
            f"附件 {name}：文件名为 {ext}，但文件内容是{what}，与扩展名不符；文件可能已损坏或被改名。未保存。",
            f"Attachment {name}: named {ext} but its bytes are {found.media_type if found else 'unrecognised'}; "
            f"the file may be damaged or renamed. Nothing was stored.", exit_code=EXIT_BAD_INPUT)
    return found
