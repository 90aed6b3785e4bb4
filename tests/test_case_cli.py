"""``reviewer case …`` driven as a user drives it (real subprocesses, real archive, real PDF/DOCX files).

Acceptance of issue 14: received Fri 2025-09-26 → correction_notice 2025-10-10 (国办发明电〔2024〕12号; 令第31号
第十四条); a complete PDF report → report_structure.missing == []; without 第五章 → listed; a ``.pdf`` that is not a
PDF → exit 2, nothing stored; an attachment survives backup/restore and is verified by ``archive check``.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from case_helpers import PARTS, report_docx, report_pdf

HOSPITAL = "2026-310117-84-01-000101"


def run(*args: str, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "REVIEWER_HOME": str(home)}
    env.pop("REVIEWER_DATABASE_URL", None)
    return subprocess.run([sys.executable, "-m", "reviewer", *args], capture_output=True, text=True, env=env,
                          timeout=180)


def test_case_cli_end_to_end(tmp_path, reviewer_home):
    assert run("demo", home=reviewer_home).returncode == 0
    r = run("case", "receive", HOSPITAL, "--date", "2025-09-26", home=reviewer_home)
    assert r.returncode == 0, r.stderr
    assert "2025-10-10" in r.stdout

    fake = tmp_path / "节能报告.pdf"
    fake.write_bytes(report_docx())
    r = run("case", "attach", HOSPITAL, str(fake), "--kind", "energy_report", home=reviewer_home)
    assert r.returncode == 2 and "与扩展名不符" in r.stderr and "Traceback" not in r.stderr
    shown = json.loads(run("case", "show", HOSPITAL, "--json", home=reviewer_home).stdout)
    assert shown["attachments"] == []  # nothing stored

    bad = tmp_path / "缺第五章.pdf"
    bad.write_bytes(report_pdf([p for p in PARTS if not p.startswith("第五章")]))
    r = run("case", "attach", HOSPITAL, str(bad), "--kind", "energy_report", home=reviewer_home)
    assert r.returncode == 0 and "项目碳排放情况" in r.stdout
    shown = json.loads(run("case", "show", HOSPITAL, "--json", home=reviewer_home).stdout)
    assert shown["report_structure"]["missing"] == ["项目碳排放情况"]

    good = tmp_path / "节能报告（完整）.pdf"
    good.write_bytes(report_pdf())
    assert run("case", "attach", HOSPITAL, str(good), "--kind", "energy_report", home=reviewer_home).returncode == 0
    shown = json.loads(run("case", "show", HOSPITAL, "--json", "--today", "2025-09-30", home=reviewer_home).stdout)
    assert shown["deadlines"]["correction_notice"] == "2025-10-10"
    assert shown["report_structure"]["missing"] == []
    assert shown["attachments"][-1]["sha256"] == hashlib.sha256(good.read_bytes()).hexdigest()
    assert {m["id"] for m in shown["materials"]} >= {"energy_report", "commitment"}

    assert run("case", "event", HOSPITAL, "accepted", "--date", "2025-10-09", home=reviewer_home).returncode == 0
    assert run("case", "bodies", "add", "上海市节能评审中心", home=reviewer_home).returncode == 0
    opinion = tmp_path / "评审意见.pdf"
    opinion.write_bytes(report_pdf(["评审意见"]))
    r = run("case", "review", HOSPITAL, "--body", "上海市节能评审中心", "--commissioned", "2025-10-10",
            "--returned", "2025-10-16", "--file", str(opinion), "--figure", "equivalent_tce=1200", home=reviewer_home)
    assert r.returncode == 0, r.stderr
    shown = json.loads(run("case", "show", HOSPITAL, "--json", home=reviewer_home).stdout)
    # 受理 Thu 10-09 + 20 working days: 10-10, 10-11 (Sat, 调休上班), 10-13…17, 10-20…24, 10-27…31, 11-03…05 → 11-05;
    # review 10-10 … 10-16 = 10-10, 10-11, 10-13, 10-14, 10-15, 10-16 = 6 working days not counted (第四十五条)
    # → 11-06, 11-07, 11-10, 11-11, 11-12, 11-13 → 2025-11-13
    assert shown["deadlines"]["paused_working_days"] == 6
    assert shown["deadlines"]["decision"] == "2025-11-13"

    r = run("case", "list", "--overdue", "--json", "--today", "2025-11-14", home=reviewer_home)
    assert [c["project_code"] for c in json.loads(r.stdout)["cases"]] == [HOSPITAL]
    r = run("case", "list", "--due", "5", "--json", "--today", "2025-10-20", home=reviewer_home)
    assert json.loads(r.stdout) == {"cases": [], "next_after": None}

    # archive check sees and verifies the attachments; they survive backup and restore
    r = run("archive", "check", "--json", "--no-signatures", home=reviewer_home)
    rep = json.loads(r.stdout)
    assert r.returncode == 0 and rep["attachments"] == 3
    backup = tmp_path / "backup.sqlite3"
    assert run("archive", "backup", str(backup), home=reviewer_home).returncode == 0
    other = tmp_path / "other-home"
    other.mkdir()
    r = run("archive", "restore", str(backup), home=other)
    assert r.returncode == 0, r.stderr
    shown2 = json.loads(run("case", "show", HOSPITAL, "--json", home=other).stdout)
    assert [a["sha256"] for a in shown2["attachments"]] == [a["sha256"] for a in shown["attachments"]]
    rep2 = json.loads(run("archive", "check", "--json", "--no-signatures", home=other).stdout)
    assert rep2["ok"] and rep2["attachments"] == 3


def test_receive_unknown_project_is_a_clear_message(reviewer_home):
    r = run("case", "receive", "NOPE", "--date", "2026-01-05", home=reviewer_home)
    assert r.returncode == 2 and "没有项目 NOPE" in r.stderr
    r = run("case", "receive", "NOPE", "--date", "2026-13-05", home=reviewer_home)
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr


def test_correction_clock_and_paged_list_from_the_command_line(tmp_path, reviewer_home):
    """Received Mon 2025-09-22, notice 09-24, corrections Tue 09-30 → 受理 due 2025-10-14 (10-01…08 off, Sat 10-11
    working; 《行政许可法》第三十二条); not accepted → decision due 2025-11-04, overdue on 11-05."""
    assert run("demo", home=reviewer_home).returncode == 0
    assert run("case", "receive", HOSPITAL, "--date", "2025-09-22", home=reviewer_home).returncode == 0
    r = run("case", "correct", HOSPITAL, "--date", "2025-09-24", "--out", str(tmp_path / "补正.pdf"), home=reviewer_home)
    assert r.returncode == 0, r.stderr
    assert run("case", "event", HOSPITAL, "corrected", "--date", "2025-09-30", home=reviewer_home).returncode == 0
    r = run("case", "show", HOSPITAL, "--today", "2025-10-13", home=reviewer_home)
    assert "补正后受理期限 acceptance: 2025-10-14" in r.stdout and "下一期限 next: acceptance 2025-10-14（临近）" in r.stdout
    r = run("case", "list", "--overdue", "--today", "2025-11-05", "--json", home=reviewer_home)
    page = json.loads(r.stdout)
    assert [(c["project_code"], c["next"]["due"]) for c in page["cases"]] == [(HOSPITAL, "2025-11-04")]
    # pages of one (the demo's case in expert review, then ours): a full page names the key of the next; the page
    # after the last case is empty
    seen, after = [], []
    for _ in range(4):
        page = json.loads(run("case", "list", "--limit", "1", "--json", *after, home=reviewer_home).stdout)
        seen += [c["project_code"] for c in page["cases"]]
        if page["next_after"] is None:
            break
        after = ["--after", page["next_after"]]
    assert seen == ["2026-310117-59-03-000909", HOSPITAL] and page == {"cases": [], "next_after": None}
    r = run("case", "list", "--after", "nonsense", home=reviewer_home)
    assert r.returncode == 2 and "续页键" in r.stderr
    assert run("case", "resync", home=reviewer_home).returncode == 0
