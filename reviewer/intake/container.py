"""Checks on the file as a container, done BEFORE any parser (python-calamine) reads a cell.

File size, the real type (by magic bytes, not by the file name: .xlsx and .ods are zips, .xls and an encrypted OOXML
workbook are OLE compound files; .csv, a renamed PDF), and the zip directory: member count, total uncompressed size and the
compression ratio of each member (zip bombs). zipfile reads only the central directory here; Python's zip reader
also never inflates a member past the size its directory entry declares, so the declared sizes bound the work.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from reviewer.errors import Problem
from reviewer.intake.layout import limit

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
_MIB = 1024 * 1024


@dataclass
class Container:
    """An opened, size-checked xlsx zip and what a cheap scan of its XML found."""

    zf: zipfile.ZipFile | None  # None for an .xls (OLE compound file, no zip parts)
    data: bytes
    problems: list[Problem] = field(default_factory=list)
    kind: str = "xlsx"  # xlsx | ods | xls

    def close(self) -> None:
        if self.zf is not None:
            self.zf.close()


def _p(rule: str, zh: str, en: str, file: str, **kw) -> Problem:
    return Problem(rule=rule, message_zh=zh, message_en=en, file=file, **kw)


def _mib(n: int) -> str:
    return f"{n / _MIB:.1f} MiB"


def sniff_type(head: bytes) -> str:
    """What the first bytes say the file is: zip | ole | pdf | text | empty | unknown."""
    if not head:
        return "empty"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.lstrip().startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"{", b"[")):
        return "json"
    sample = head[:4096]
    try:
        sample.decode("utf-8")
        return "text"
    except UnicodeDecodeError:
        pass
    try:
        sample.decode("gb18030")
        if b"\x00" not in sample:
            return "text"
    except UnicodeDecodeError:
        pass
    return "unknown"


def open_container(data: bytes, file: str) -> tuple[Container | None, list[Problem]]:
    """Return the opened zip or the reasons it must not be parsed (each a Problem with a clear message)."""
    size = len(data)
    max_bytes = limit("max_file_bytes")
    if size > max_bytes:
        return None, [_p("X-FILE-SIZE", f"文件过大（{_mib(size)}），上限为 {_mib(max_bytes)}。请删除无关工作表和图片后重新提交。",
                         f"File too large ({_mib(size)}); the limit is {_mib(max_bytes)}.", file,
                         expected=f"≤{max_bytes}", found=str(size))]
    kind = sniff_type(data[:4096])
    if kind == "ole":
        if _ENCRYPTION_STREAM in data:
            return None, [_p("X-ENCRYPTED", "工作簿设有打开密码（已加密），无法读取。请取消密码后重新提交（文件—信息—保护工作簿—用密码进行加密—清空）。",
                             "The workbook is encrypted (password to open); remove the password and resubmit.", file)]
        # A template saved as Excel 97-2003 (.xls, e.g. by WPS): read by python-calamine; the size limit above is
        # the bound (an OLE file has no per-part directory to check). Unreadable .xls → X-XLS in the reader.
        return Container(None, data, kind="xls"), []
    if kind == "pdf":
        return None, [_p("X-PDF", "该文件实际是 PDF 文档（可能被改了扩展名），不是 Excel 工作簿。请提交填写好的 .xlsx 模板。",
                         "This file is a PDF (perhaps renamed), not an Excel workbook.", file, expected="xlsx", found="pdf")]
    if kind == "empty":
        return None, [_p("X-EMPTY", "文件为空（0 字节）。", "The file is empty (0 bytes).", file)]
    if kind == "json":
        return None, [_p("X-NOT-XLSX", "该文件是 JSON 文本而非 Excel 工作簿。", "This file is JSON text, not a workbook.", file,
                         expected="xlsx", found="json")]
    if kind == "text":
        return None, [_p("X-CSV", "该文件是纯文本（如 CSV），不是 Excel 工作簿。CSV 无法携带模板结构，请使用 .xlsx 模板填写。",
                         "This is a plain-text file (e.g. CSV), not an Excel workbook; use the .xlsx template.", file,
                         expected="xlsx", found="text/csv")]
    if kind != "zip":
        return None, [_p("X-NOT-XLSX", "无法识别的文件格式，不是 Excel 工作簿（.xlsx）。", "Unrecognised format; not an .xlsx workbook.",
                         file, expected="xlsx")]
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return None, [_p("X-CORRUPT", "工作簿文件已损坏（压缩结构无法读取），请重新保存后提交。",
                         "The workbook is corrupt (its zip structure cannot be read).", file)]
    problems: list[Problem] = []
    if len(infos) > limit("max_zip_members"):
        problems.append(_p("X-ZIP-MEMBERS", f"工作簿内部文件数过多（{len(infos)} 个，上限 {limit('max_zip_members')}）。",
                           f"Too many parts inside the workbook ({len(infos)}).", file,
                           expected=f"≤{limit('max_zip_members')}", found=str(len(infos))))
    total = sum(i.file_size for i in infos)
    max_total = limit("max_uncompressed_bytes")
    if total > max_total:
        problems.append(_p("X-ZIP-SIZE", f"工作簿解压后过大（{_mib(total)}，上限 {_mib(max_total)}），疑似压缩炸弹或含大量无关数据，已拒绝读取。",
                           f"Uncompressed size {_mib(total)} exceeds {_mib(max_total)} (possible zip bomb).", file,
                           expected=f"≤{max_total}", found=str(total)))
    ratio_cap = limit("max_compression_ratio")
    floor = limit("min_ratio_check_bytes")
    for i in infos:
        if i.file_size >= floor and i.file_size > ratio_cap * max(i.compress_size, 1):
            ratio = i.file_size / max(i.compress_size, 1)
            problems.append(_p("X-ZIP-RATIO", f"工作簿内部文件 {i.filename} 压缩比异常（{ratio:.0f}:1，上限 {ratio_cap}:1），疑似压缩炸弹，已拒绝读取。",
                               f"Member {i.filename} has a suspicious compression ratio {ratio:.0f}:1 (limit {ratio_cap}:1).",
                               file, expected=f"≤{ratio_cap}", found=f"{ratio:.0f}"))
            break
        if i.flag_bits & 0x1:
            problems.append(_p("X-ENCRYPTED", "工作簿内部文件被加密，无法读取。", "A part of the workbook is encrypted.", file))
            break
    names = {i.filename for i in infos}
    if not problems and _is_ods(zf, names):
        if any(n.startswith("Basic/") and n.endswith(".xml") and n != "Basic/script-lc.xml" for n in names):
            problems.append(_p("X-MACRO", "工作簿含有宏（LibreOffice Basic）。本系统不运行宏，请另存为不含宏的文件后提交。",
                               "The spreadsheet contains macros (LibreOffice Basic); save it without macros.", file))
            zf.close()
            return None, problems
        return Container(zf, data, kind="ods"), []
    if not problems and ("[Content_Types].xml" not in names or "xl/workbook.xml" not in names):
        other = "Word 文档" if "word/document.xml" in names else ("PowerPoint 文档" if "ppt/presentation.xml" in names else "压缩包")
        problems.append(_p("X-NOT-XLSX", f"该文件是{other}，不是 Excel 工作簿（.xlsx）。", "This zip file is not an Excel workbook.",
                           file, expected="xlsx"))
    if not problems and "xl/vbaProject.bin" in names:
        problems.append(_p("X-MACRO", "工作簿含有宏（VBA）。本系统不运行宏，请另存为不含宏的 .xlsx 后提交。",
                           "The workbook contains macros; save it as a macro-free .xlsx.", file))
    if problems:
        zf.close()
        return None, problems
    return Container(zf, data), []


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _is_ods(zf: zipfile.ZipFile, names: set[str]) -> bool:
    """An OpenDocument spreadsheet (LibreOffice .ods): its first member ``mimetype`` says so (ODF 1.2 §3.3)."""
    if "mimetype" not in names or "content.xml" not in names:
        return False
    try:
        return zf.read("mimetype").strip() == ODS_MIMETYPE
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


_MERGE = re.compile(rb'<mergeCell\s+ref="([A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)"')
_CELL_WITH_FORMULA = re.compile(rb"<c\s[^>]*?r=\"([A-Z]{1,3}\d+)\"[^>]*?(?<!/)>(.*?)</c>", re.S)


def merged_ranges(xml: bytes) -> list[str]:
    if b"<mergeCell" not in xml:
        return []
    return [m.group(1).decode() for m in _MERGE.finditer(xml)]


def formula_cells(xml: bytes) -> dict[str, bool]:
    """Cells holding a formula → whether a cached value is stored with it. Cheap pre-check for ``<f``."""
    if b"<f>" not in xml and b"<f " not in xml:
        return {}
    out: dict[str, bool] = {}
    for m in _CELL_WITH_FORMULA.finditer(xml):
        body = m.group(2)
        if b"<f>" in body or b"<f " in body or b"<f/>" in body:
            v = re.search(rb"<v>(.*?)</v>", body, re.S)
            out[m.group(1).decode()] = bool(v and v.group(1).strip())
    return out


_SHEET_ENTRY = re.compile(rb'<(?:\w+:)?sheet\b[^>]*>')
_ATTR = re.compile(rb'([\w:]+)="([^"]*)"')
_REL_ENTRY = re.compile(rb'<(?:\w+:)?Relationship\b[^>]*>')


def sheet_parts(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member of its worksheet XML, from ``xl/workbook.xml`` and its relationships only.

    A damaged or odd directory gives an empty mapping (the formula scan is then skipped; values still come from
    calamine, which reports damage itself)."""
    try:
        wbxml = zf.read("xl/workbook.xml")
        rels = zf.read("xl/_rels/workbook.xml.rels")
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError):
        return {}
    targets: dict[bytes, str] = {}
    for mm in _REL_ENTRY.finditer(rels):
        a = dict(_ATTR.findall(mm.group(0)))
        if b"Id" in a and b"Target" in a:
            t = a[b"Target"].decode("utf-8", "replace")
            targets[a[b"Id"]] = t.lstrip("/") if t.startswith("/") else "xl/" + t
    out: dict[str, str] = {}
    for mm in _SHEET_ENTRY.finditer(wbxml):
        a = dict(_ATTR.findall(mm.group(0)))
        rid = a.get(b"r:id") or next((v for k, v in a.items() if k.endswith(b":id")), None)
        name = a.get(b"name")
        if name is not None and rid in targets:
            out[_xml_unescape(name.decode("utf-8", "replace"))] = targets[rid]
    return out


def _xml_unescape(s: str) -> str:
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&apos;", "'").replace("&amp;", "&")
