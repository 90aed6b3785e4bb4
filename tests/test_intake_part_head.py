"""The DTD check reads each XML part's first bytes straight from the archive bytes (reader._part_head); it must see
exactly what ``ZipFile.open`` gives, for deflated and stored members, and fall back to zipfile when anything is
unusual (issue 15: read speed; the refusal of DTDs is tests/test_proof_fuzz_workbook.py's)."""

from __future__ import annotations

import io
import zipfile

from reviewer.intake.reader import _HEAD, _has_dtd, _part_head
from reviewer.intake.template import workbook_bytes


def _zip(members: dict[str, bytes], method: int) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", method) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return buf.getvalue()


def test_part_head_is_what_zipfile_reads():
    data = workbook_bytes()  # the applicant template as openpyxl writes it
    members = {}
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for info in zf.infolist():
            with zf.open(info) as f:
                assert _part_head(data, info) == f.read(_HEAD), info.filename
            members[info.filename] = zf.read(info)
    stored = _zip(members, zipfile.ZIP_STORED)
    with zipfile.ZipFile(io.BytesIO(stored)) as zf:
        for info in zf.infolist():
            assert _part_head(stored, info) == zf.read(info)[:_HEAD]


def test_a_dtd_is_found_in_stored_and_deflated_parts_and_with_junk_before_the_zip():
    dtd = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><worksheet/>'
    for method in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        data = _zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": dtd}, method)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            assert _has_dtd(zf, data) and _has_dtd(zf)
        shifted = b"junk before the archive" + data  # offsets no longer match: zipfile is used instead
        with zipfile.ZipFile(io.BytesIO(shifted)) as zf:
            assert _has_dtd(zf, shifted)
        clean = _zip({"[Content_Types].xml": b"<Types/>", "xl/worksheets/sheet1.xml": b"<worksheet/>"}, method)
        with zipfile.ZipFile(io.BytesIO(clean)) as zf:
            assert not _has_dtd(zf, clean)
