"""Fuzzing the JSON submission reader with generated malformed input.

Every case must end in either a valid :class:`Submission` or a clear :class:`UserError` (``ValidationFailed`` is
one) — never another exception, never a hang (pytest-timeout), and, through the real import path, never an
archive change for a rejected file (row counts and the audit chain compared before and after).

Families of input: random bytes; valid submissions with one value replaced by an arbitrary JSON value (wrong types,
huge numbers, control characters, deep structures); truncated text; NaN/Infinity literals; BOMs; invalid UTF-8;
deep nesting; oversized digit strings.
"""

from __future__ import annotations

import json
import subprocess
import sys
from copy import deepcopy
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from reviewer.archive import models as M
from reviewer.archive.audit import verify_chain
from reviewer.errors import UserError
from reviewer.submission.parse import load_json

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "demo"
VALID = json.loads((DEMO / "hospital.json").read_text(encoding="utf-8"))
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.function_scoped_fixture])

pytestmark = pytest.mark.timeout(120)

json_scalars = st.one_of(
    st.none(), st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8", categories=["Cc", "Cf", "Zl", "Zp", "Co"]), max_size=10),
    st.sampled_from(["", " ", "NaN", "-Infinity", "1e999999", "0x10", "１２３", "2026-02-30", "是", "{{ name }}",
                     "<script>alert(1)</script>", "'; DROP TABLE projects; --", "../../etc/passwd", "𠀀𪚥"]),
)
json_values = st.recursive(json_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                                  st.dictionaries(st.text(max_size=8), inner, max_size=4)),
                           max_leaves=12)


def _paths(obj, prefix=()):  # noqa: ANN001, ANN202
    """Every path to a value inside ``obj`` (dict keys and list indices)."""
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = [p for p in _paths(VALID) if p]


def _replace(obj, path, value):  # noqa: ANN001, ANN202
    obj = deepcopy(obj)
    cur = obj
    for k in path[:-1]:
        cur = cur[k]
    cur[path[-1]] = value
    return obj


@st.composite
def malformed_documents(draw) -> bytes:  # noqa: ANN001
    family = draw(st.sampled_from(["bytes", "mutate", "mutate_many", "truncate", "constant", "bom", "bad_utf8",
                                   "nesting", "digits", "drop_key", "wrong_root"]))
    text = json.dumps(VALID, ensure_ascii=False)
    if family == "bytes":
        return draw(st.binary(max_size=400))
    if family == "mutate":
        return json.dumps(_replace(VALID, draw(st.sampled_from(ALL_PATHS)), draw(json_values)),
                          ensure_ascii=draw(st.booleans())).encode()
    if family == "mutate_many":
        doc = VALID
        for _ in range(draw(st.integers(2, 6))):
            paths = [p for p in _paths(doc) if p]
            doc = _replace(doc, draw(st.sampled_from(paths)), draw(json_values))
        return json.dumps(doc, ensure_ascii=False).encode()
    if family == "truncate":
        raw = text.encode()
        return raw[: draw(st.integers(0, len(raw) - 1))]
    if family == "constant":
        path = draw(st.sampled_from(ALL_PATHS))
        marker = "__CONST__"
        doc = json.dumps(_replace(VALID, path, marker), ensure_ascii=False)
        return doc.replace(f'"{marker}"', draw(st.sampled_from(["NaN", "Infinity", "-Infinity", "nan", "inf"]))).encode()
    if family == "bom":
        return draw(st.sampled_from([b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf"])) + \
            text.encode(draw(st.sampled_from(["utf-8", "utf-16-le", "gb18030"])), errors="replace")
    if family == "bad_utf8":
        raw = bytearray(text.encode())
        pos = draw(st.integers(0, len(raw)))
        raw[pos:pos] = draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80\x80"]))
        return bytes(raw)
    if family == "nesting":
        depth = draw(st.sampled_from([50, 900, 5000, 200_000]))
        path = draw(st.sampled_from(ALL_PATHS))
        marker = "__DEEP__"
        doc = json.dumps(_replace(VALID, path, marker), ensure_ascii=False)
        return doc.replace(f'"{marker}"', "[" * depth + "1" + "]" * depth).encode()
    if family == "digits":
        path = draw(st.sampled_from(ALL_PATHS))
        marker = "__BIG__"
        digits = "9" * draw(st.sampled_from([20, 400, 4301, 100_000]))
        num = draw(st.sampled_from([digits, "-" + digits, "1e" + digits[:12], "0." + digits, digits + ".5e-3"]))
        doc = json.dumps(_replace(VALID, path, marker), ensure_ascii=False)
        return doc.replace(f'"{marker}"', num).encode()
    if family == "drop_key":
        path = draw(st.sampled_from(ALL_PATHS))
        doc = deepcopy(VALID)
        cur = doc
        for k in path[:-1]:
            cur = cur[k]
        del cur[path[-1]]
        return json.dumps(doc, ensure_ascii=False).encode()
    return json.dumps(draw(json_values)).encode()  # wrong_root


def _read(tmp_path: Path, data: bytes):  # noqa: ANN202
    f = tmp_path / "fuzz.json"
    f.write_bytes(data)
    try:
        return load_json(f)
    except UserError as exc:
        assert exc.message_zh and exc.message_en, "a UserError must explain itself in Chinese and English"
        for p in exc.problems:
            assert p.message_zh and p.rule
        return exc


@given(doc=malformed_documents())
@FUZZ
def test_reader_ends_in_submission_or_clear_error(tmp_path, doc):  # noqa: ANN001
    _read(tmp_path, doc)  # any other exception fails the test; the timeout catches hangs


@pytest.mark.parametrize("body", [
    b"", b"\x00" * 100, b"\xef\xbb\xbf", b"null", b"[]", b"\"text\"", b"{}", b"{\"schema_version\": \"1\"}",
    b"[" * 300_000, b"{\"a\":" * 300_000, b"\xff\xfe{\x00}\x00",
    json.dumps({**VALID, "schema_version": "99"}).encode(),
    json.dumps({**VALID, "energy": {"carrier": "电力"}}).encode(),
    json.dumps({**VALID, "energy": [None, 1, "x", []]}).encode(),
    json.dumps({**VALID, "energy": [VALID["energy"][0]] * 5000}).encode(),
    json.dumps({**VALID, "project": {**VALID["project"], "name": "名" * 100_000}}).encode(),
    json.dumps({**VALID, "project": {**VALID["project"], "total_investment_wan": 1e308}}).encode(),
    json.dumps({**VALID, "project": {**VALID["project"], "application_date": "2026-02-30"}}).encode(),
    json.dumps({**VALID, "project": {**VALID["project"], "name": "项目\x00名称\x1b[31m"}}).encode(),
])
def test_named_malformed_inputs(tmp_path, body):  # noqa: ANN001
    out = _read(tmp_path, body)
    assert isinstance(out, UserError)


def test_bom_prefixed_valid_file_is_read(tmp_path):  # noqa: ANN001
    sub = _read(tmp_path, b"\xef\xbb\xbf" + (DEMO / "hospital.json").read_bytes())
    assert not isinstance(sub, UserError)
    assert sub.project.code == VALID["project"]["code"]


# ---------------------------------------------------------------------------------------------------------------
# Through the real import path: rejected files leave the archive untouched
# ---------------------------------------------------------------------------------------------------------------

def _snapshot(archive) -> tuple:  # noqa: ANN001
    with archive.read() as s:
        counts = tuple(s.scalar(select(func.count()).select_from(t)) for t in
                       (M.Project, M.Submission, M.AssessmentRow, M.Opinion, M.AuditEvent))
        last = s.scalars(select(M.AuditEvent.hash).order_by(M.AuditEvent.id.desc()).limit(1)).first()
        assert verify_chain(s) == []
    return counts, last


@given(doc=malformed_documents())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
def test_import_of_malformed_json_never_fails_internally_nor_changes_archive(archive, tmp_path, doc):  # noqa: ANN001
    from reviewer.intake.batch import import_paths

    before = _snapshot(archive)
    f = tmp_path / "fuzz.json"
    f.write_bytes(doc)
    (r,) = import_paths(archive, [f])
    assert r.status != "failed", [p.text() for p in r.problems]
    if r.status == "rejected":
        assert r.errors, "a rejected file names at least one error"
        assert _snapshot(archive) == before


def test_lone_surrogate_escape_is_rejected_cleanly(archive, tmp_path):  # noqa: ANN001
    """A lone UTF-16 surrogate (valid JSON escape, unencodable text) is refused by the reader (F-CTRL) — found by
    this fuzzer, fixed in 692b43a."""
    from reviewer.intake.batch import import_paths

    f = tmp_path / "surrogate.json"
    doc = deepcopy(VALID)
    doc["project"]["name"] = "医院\ud800扩建"
    f.write_text(json.dumps(doc), encoding="ascii")  # \ud800 as an escape: valid JSON text
    before = _snapshot(archive)
    (r,) = import_paths(archive, [f])
    assert r.status == "rejected" and r.errors
    assert _snapshot(archive) == before


def test_cli_never_prints_a_traceback_for_bad_json(tmp_path, reviewer_home):  # noqa: ANN001
    cases = {"nan.json": b'{"schema_version": "1", "project": NaN}', "bytes.bin.json": bytes(range(256)),
             "deep.json": b"[" * 100_000, "trunc.json": (DEMO / "hospital.json").read_bytes()[:300]}
    for name, body in cases.items():
        f = tmp_path / name
        f.write_bytes(body)
        for cmd in (["assess", str(f)], ["import", str(f)]):
            p = subprocess.run([sys.executable, "-m", "reviewer", *cmd], capture_output=True, text=True, timeout=120,
                               env={**__import__("os").environ, "REVIEWER_HOME": str(reviewer_home)})
            assert p.returncode == 2, (cmd, p.stdout, p.stderr)
            assert "Traceback" not in p.stderr + p.stdout
            assert "内部错误" not in p.stderr + p.stdout
