"""Fuzzing the workbook reader through the real import path (``reviewer.intake.batch.import_paths``).

Input is derived from a real exported submission workbook: random bytes, truncations, bit flips, zip members
dropped / replaced / given wrong content types, XML entity bombs and external entities (XXE), macros, and random
values written into random cells with openpyxl. Every case must end ``rejected`` with at least one error (or be
imported when the mutation happens to be valid) — never ``failed`` (an internal error), never a hang
(pytest-timeout), and a rejected file never changes the archive (row counts + audit-chain head).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from proof_helpers import has_command, run_cli, snapshot

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "demo"
FUZZ = settings(max_examples=50, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

pytestmark = pytest.mark.timeout(300)


class _Bytes(bytes):
    """Workbook bytes with a short repr (hypothesis prints fixture values of failing cases)."""

    def __repr__(self) -> str:
        return f"<valid workbook, {len(self)} bytes>"


@pytest.fixture(scope="module")
def valid_xlsx(tmp_path_factory) -> bytes:
    if not (has_command("export") and has_command("import")):
        pytest.skip("workbook intake (`reviewer import/export`) is not in this build yet")
    home = tmp_path_factory.mktemp("wb") / "home"
    home.mkdir(mode=0o700)
    assert run_cli(["import", str(DEMO / "electronics.json")], home).returncode == 0
    import json

    code = json.loads((DEMO / "electronics.json").read_text(encoding="utf-8"))["project"]["code"]
    out = home.parent / "valid.xlsx"
    p = run_cli(["export", code, str(out)], home)
    assert p.returncode == 0, p.stderr
    return _Bytes(out.read_bytes())


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return buf.getvalue()


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')
XXE = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
       b'<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>')


FAMILIES = ["bytes", "truncate", "flip", "drop", "replace", "content_types", "bomb", "xxe", "macro", "magic_only",
            "cells"]


@st.composite
def broken_workbooks(draw, valid: bytes, families: list[str] = FAMILIES) -> bytes:  # noqa: ANN001
    family = draw(st.sampled_from(families))
    if family == "bytes":
        return draw(st.binary(max_size=2000))
    if family == "truncate":
        return valid[: draw(st.integers(0, len(valid) - 1))]
    if family == "flip":
        data = bytearray(valid)
        for _ in range(draw(st.integers(1, 8))):
            i = draw(st.integers(0, len(data) - 1))
            data[i] ^= 1 << draw(st.integers(0, 7))
        return bytes(data)
    members = _members(valid)
    names = sorted(members)
    sheets = [n for n in names if n.startswith("xl/worksheets/")] or names
    if family == "drop":
        members.pop(draw(st.sampled_from(names)))
        return _zip(members)
    if family == "replace":
        target = draw(st.sampled_from(names))
        members[target] = draw(st.one_of(st.binary(max_size=300), st.just(b"<not-closed"), st.just(b""),
                                          st.just(b'<?xml version="1.0"?><worksheet/>'),
                                          st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass"))))
        return _zip(members)
    if family == "content_types":
        members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
            b"spreadsheetml", draw(st.sampled_from([b"wordprocessingml", b"presentationml", b"xxx", b""])))
        return _zip(members)
    if family == "bomb":
        members[draw(st.sampled_from(sheets))] = BILLION_LAUGHS
        return _zip(members)
    if family == "xxe":
        members[draw(st.sampled_from(sheets))] = XXE
        return _zip(members)
    if family == "macro":
        members["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + b"\0" * 200
        return _zip(members)
    if family == "magic_only":
        return b"PK\x03\x04" + draw(st.binary(max_size=100))
    # cells: random values into random cells of the data sheets
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(valid))
    for _ in range(draw(st.integers(1, 6))):
        ws = wb[draw(st.sampled_from(wb.sheetnames))]
        row = draw(st.integers(1, max(2, min(ws.max_row + 2, 60))))
        col = draw(st.integers(1, max(2, min(ws.max_column + 1, 15))))
        value = draw(st.one_of(
            st.none(), st.booleans(), st.integers(-(10**20), 10**20),
            st.floats(allow_nan=False, allow_infinity=False),
            st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=40),
            st.sampled_from(["=1/0", "=HYPERLINK(\"http://x\")", "=A1", "#DIV/0!", "1e999", "NaN", "２０２６-０１-０１",
                             "{{ x }}", "<b>x</b>", "𠀀" * 300, "是", "否", "万kWh", "kWh "]),
            st.dates().map(lambda d: d)))
        try:
            ws.cell(row=row, column=col, value=value)
        except (ValueError, TypeError, AttributeError):
            continue  # openpyxl refuses some values itself (e.g. illegal characters, merged cells)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _import_one(archive, path: Path):  # noqa: ANN001, ANN202
    from reviewer.intake.batch import import_paths

    (r,) = import_paths(archive, [path])
    return r


@pytest.mark.parametrize("family", FAMILIES)
@given(data=st.data())
@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_broken_workbooks_are_rejected_cleanly_and_change_nothing(archive, tmp_path, valid_xlsx, family, data):  # noqa: ANN001
    body = data.draw(broken_workbooks(valid_xlsx, [family]))
    f = tmp_path / "fuzz.xlsx"
    f.write_bytes(body)
    before = snapshot(archive)
    r = _import_one(archive, f)
    assert r.status != "failed", [p.text() for p in r.problems]
    if r.status == "rejected":
        assert r.errors, "a rejected workbook names at least one error"
        for p in r.errors:
            assert p.message_zh and p.message_en and p.rule
        assert snapshot(archive) == before


@pytest.mark.parametrize("kind", ["bomb", "xxe"])
def test_entity_tricks_never_expand_or_leak(archive, tmp_path, valid_xlsx, kind):  # noqa: ANN001
    members = _members(valid_xlsx)
    sheet = sorted(n for n in members if n.startswith("xl/worksheets/"))[0]
    members[sheet] = BILLION_LAUGHS if kind == "bomb" else XXE
    f = tmp_path / f"{kind}.xlsx"
    f.write_bytes(_zip(members))
    r = _import_one(archive, f)
    assert r.status == "rejected", r.status
    text = " ".join(p.text() for p in r.problems)
    assert "root:" not in text and "lollol" not in text


def test_valid_export_round_trips(archive, tmp_path, valid_xlsx):  # noqa: ANN001
    f = tmp_path / "valid.xlsx"
    f.write_bytes(valid_xlsx)
    r = _import_one(archive, f)
    assert r.status == "imported", [p.text() for p in r.problems]
