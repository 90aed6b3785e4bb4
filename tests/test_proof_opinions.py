"""Opinions under abuse: hostile user text in templates, concurrent issuers (no duplicate 文号), and SIGKILL during
signing (slow). Everything through the real CLI, real PDFs (pdftotext), real signatures."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest
from proof_helpers import FORBIDDEN_OUTPUT, archive_check, has_command, popen_cli, run_cli
from sqlalchemy import select

from reviewer.archive import models as M
from reviewer.archive.db import Archive

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "resources" / "demo"
PASS = "opinion-Test-Pass-42"

pytestmark = [pytest.mark.timeout(400)]


def _need(*cmd: str) -> None:
    if not has_command(*cmd):
        pytest.skip(f"`reviewer {' '.join(cmd)}` is not in this build yet")


def _clean(p) -> None:  # noqa: ANN001
    out = p.stdout + p.stderr
    for bad in FORBIDDEN_OUTPUT:
        assert bad not in out, out


def _pdftext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, timeout=60).stdout


# ---------------------------------------------------------------------------------------------------------------
# User text in templates renders safely
# ---------------------------------------------------------------------------------------------------------------

HOSTILE = {
    "markup": ("某<b>粗体</b>&amp;<font size=40>大字</font>项目", "<b>粗体</b>"),
    "jinja": ("某{{ settings.commission }}{% raw %}项目{# 注释 #}", "{{ settings.commission }}"),
    "reportlab_para": ("某<para alignment='right'>右</para><br/>项目<img src='/etc/passwd'/>", "<br/>"),
    "long": ("超长项目名称" * 33 + "尾", "尾"),
    "rare": ("上海𠀀𪚥龘䶮堃喆犇淼项目", "项目"),
    "bidi_controls": ("某\u202e目项\u202c扩建项目", "扩建项目"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_project_names_render_literally(tmp_path, reviewer_home, case):  # noqa: ANN001
    _need("opinion")
    name, probe = HOSTILE[case]
    data = json.loads((DEMO / "hospital.json").read_text(encoding="utf-8"))
    data["project"]["name"] = name[:200]
    data["project"]["builder"] = "上海<i>斜体</i>{{ 建设单位 }}有限公司"
    f = tmp_path / "hostile.json"
    f.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    p = run_cli(["import", str(f)], reviewer_home)
    _clean(p)
    if p.returncode != 0:  # rejected by the reader with a clear problem (e.g. bidi controls): that is also safe
        assert "错误" in p.stdout + p.stderr
        return
    out = tmp_path / "op.pdf"
    p = run_cli(["opinion", data["project"]["code"], "--out", str(out)], reviewer_home)
    _clean(p)
    assert p.returncode == 0, p.stderr
    text = re.sub(r"\s+", "", _pdftext(out))
    assert re.sub(r"\s+", "", probe) in text, f"{probe!r} not shown literally"
    assert "<i>斜体</i>" in text and "{{建设单位}}" in text
    assert "passwd" not in subprocess.run(["pdfimages", "-list", str(out)], capture_output=True, text=True).stdout


# ---------------------------------------------------------------------------------------------------------------
# Concurrent issuers: no duplicate 文号, gap-free sequence, archive check passes
# ---------------------------------------------------------------------------------------------------------------

def _codes() -> list[str]:
    return [json.loads(p.read_text(encoding="utf-8"))["project"]["code"] for p in sorted(DEMO.glob("*.json"))]


def _assert_numbers(url: str) -> list[str]:
    a = Archive(url)
    try:
        with a.read() as s:
            numbers = s.scalars(select(M.Opinion.doc_number)).all()
            seqs = s.execute(select(M.DocNumberSequence.prefix, M.DocNumberSequence.year,
                                    M.DocNumberSequence.last_value)).all()
    finally:
        a.dispose()
    assert len(numbers) == len(set(numbers)), numbers
    for prefix, year, last in seqs:
        used = sorted(int(m.group(1)) for n in numbers if (m := re.search(rf"{re.escape(prefix)}〔{year}〕(\d+)号", n)))
        assert used == list(range(1, last + 1)), (prefix, year, used, last)  # gap-free, nothing handed out twice
    return numbers


def _issue_in_parallel(home: Path, tmp_path: Path, **env: str) -> list[tuple[int, str]]:
    jobs = []
    for i, code in enumerate(_codes()):
        for kind in ("approval", "correction") if i < 2 else ("approval",):
            extra = ["--missing", "补充能源计量器具配备方案"] if kind == "correction" else []
            if kind == "approval" and "-65-" in code:
                # the data centre (≥ 10 000 tce) is the city's to review: the district issues a 不予受理告知书
                # (《行政许可法》第三十二条第一款第（二）项), never an approval (issue 13)
                kind = "referral"
            jobs.append(["opinion", code, "--kind", kind, *extra, "--out", str(tmp_path / f"{kind}{i}.pdf")])
    procs = [popen_cli(j, home, **env) for j in jobs]
    results = []
    for p in procs:
        out, err = p.communicate(timeout=300)
        results.append((p.returncode, out + err))
    return results


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_concurrent_issuers_never_share_a_doc_number(tmp_path, reviewer_home, backend, request):  # noqa: ANN001
    _need("opinion")
    env = {}
    url = f"sqlite:///{reviewer_home / 'archive.sqlite3'}"
    if backend == "postgres":
        url = request.getfixturevalue("pg_url")
        env["REVIEWER_DATABASE_URL"] = url
    assert run_cli(["demo", "--projects-only"], reviewer_home, **env).returncode == 0
    results = _issue_in_parallel(reviewer_home, tmp_path, **env)
    for rc, out in results:
        for bad in FORBIDDEN_OUTPUT:
            assert bad not in out, out
        assert rc in (0, 2), out
    assert sum(rc == 0 for rc, _ in results) >= len(_codes())  # at least every approval went through
    numbers = _assert_numbers(url)
    assert len(numbers) == sum(rc == 0 for rc, _ in results)
    ok, msg = archive_check(reviewer_home, url if backend == "postgres" else None)
    assert ok, msg


# ---------------------------------------------------------------------------------------------------------------
# SIGKILL during render + sign
# ---------------------------------------------------------------------------------------------------------------

@pytest.mark.slow
def test_sigkill_during_opinion_signing(tmp_path, reviewer_home):  # noqa: ANN001
    _need("opinion")
    _need("keys", "init-authority")
    _need("archive", "check")
    rng = random.Random(20261121 + 2)
    home = reviewer_home
    pw = tmp_path / "pw"
    pw.write_text(PASS, encoding="utf-8")
    assert run_cli(["keys", "init-authority", "--passphrase-file", str(pw)], home).returncode == 0
    assert run_cli(["keys", "issue", "李审查", "--ca-passphrase-file", str(pw), "--passphrase-file", str(pw)],
                   home).returncode == 0
    assert run_cli(["demo", "--projects-only"], home).returncode == 0
    key = next((home / "keys").glob("李审查*.p12"))
    code = _codes()[0]

    def args(out: Path) -> list[str]:
        return ["opinion", code, "--kind", "correction", "--missing", "补充材料", "--out", str(out), "--sign",
                "--key", str(key), "--passphrase-file", str(pw)]

    # Calibrate on the faster of two warm runs: a cold first run overstates the time, and kills drawn against it
    # landed after the (faster) later runs had finished.
    runs = []
    for i in range(2):
        t = time.perf_counter()
        p = run_cli(args(tmp_path / f"probe{i}.pdf"), home)
        runs.append(time.perf_counter() - t)
        assert p.returncode == 0, p.stderr
    full = min(runs)
    url = f"sqlite:///{home / 'archive.sqlite3'}"
    trials, landed, killed = 6, 0, 0
    for trial in range(trials):
        out = tmp_path / f"o{trial}.pdf"
        proc = popen_cli(args(out), home)
        time.sleep(rng.uniform(0.3 * full, 0.9 * full))
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.communicate(timeout=60)
        killed += proc.returncode == -signal.SIGKILL
        ok, msg = archive_check(home)
        assert ok, f"trial {trial}: {msg}"
        numbers = _assert_numbers(url)
        a = Archive(url)
        try:
            with a.read() as s:
                shas = set(s.scalars(select(M.Opinion.sha256)))
                issued = s.scalar(select(M.AuditEvent.id).where(M.AuditEvent.action == "opinion.issued")
                                  .order_by(M.AuditEvent.id.desc()).limit(1))
                events = len(s.scalars(select(M.AuditEvent.id).where(M.AuditEvent.action == "opinion.issued")).all())
        finally:
            a.dispose()
        assert events == len(numbers) and issued is not None  # every archived document has its issuing event
        if out.exists():  # a file under the requested name is always a complete, archived document
            assert hashlib.sha256(out.read_bytes()).hexdigest() in shas
            landed += 1
    assert killed >= trials // 2, f"only {killed} of {trials} issues were killed mid-run"
    assert run_cli(args(tmp_path / "after.pdf"), home).returncode == 0  # the next issue works normally
    _assert_numbers(url)
