"""The demo world (issue 16): `reviewer demo` seeds a district year worth exploring, through the real CLI.

Acceptance: ≥ 12 projects across towns, industries and types, ≥ 3 signed approvals, a rejection, a pending 补正,
a completion acceptance with an overrun, a change request, a lapsed opinion (`reviewer validity --json`), ≥ 3 ledger
entries and budgets for two years with a warning reached (`reviewer ledger show --json`); demo documents are signed
by a certificate marked 演示 / DEMO, kept apart from the office's own keys.
"""

from __future__ import annotations

import json
import subprocess
import sys
import pytest
from sqlalchemy import select

from reviewer.archive.db import Archive
from reviewer.archive.models import Opinion, Project


def _cli(home, *args):  # noqa: ANN001, ANN202
    return subprocess.run([sys.executable, "-m", "reviewer", *args], capture_output=True, text=True, timeout=300,
                          env={"REVIEWER_HOME": str(home), "PATH": "/usr/bin:/bin"})


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    home = tmp_path_factory.mktemp("demo-world")
    r = _cli(home, "demo")
    assert r.returncode == 0, r.stderr
    return home


def test_projects_statuses_and_documents(world) -> None:
    a = Archive(f"sqlite:///{world / 'archive.sqlite3'}")
    with a.read() as s:
        projects = s.scalars(select(Project)).all()
        ops = s.scalars(select(Opinion)).all()
        assert len(projects) >= 12
        assert len({p.town for p in projects}) >= 8 and len({p.industry_code for p in projects}) >= 8
        assert {"新建", "扩建", "技术改造"} <= {p.project_type for p in projects}
        statuses = [p.status for p in projects]
        assert statuses.count("approved") >= 3 and "rejected" in statuses and "correction" in statuses
        assert "lapsed" in statuses
        signed_approvals = [o for o in ops if o.kind == "approval" and o.signed]
        assert len(signed_approvals) >= 3
        assert all("演示" in o.signer and "DEMO" in o.signer for o in ops)  # the stamp prints the signer
        # 文号 follow the issuing dates within a year
        for year in {o.issued_on.year for o in ops}:
            same = sorted((o for o in ops if o.issued_on.year == year), key=lambda o: o.issued_on)
            assert [o.doc_number for o in same] == [f"松发改能审〔{year}〕{i}号" for i in range(1, len(same) + 1)]
    a.dispose()
    assert not (world / "keys" / "authority.p12").exists()  # demo keys never become the office's CA
    assert (world / "demo-keys" / "demo-reviewer.p12").exists()


def test_validity_lists_the_lapsed_opinion(world) -> None:
    r = _cli(world, "validity", "--json")
    assert r.returncode == 0, r.stderr
    lapsed = json.loads(r.stdout)["lapsed"]
    # approved 2024-01-22, never started: valid 2 years (令第31号 第十九条) → lapsed from 2026-01-23
    assert [(e["doc_number"], e["lapsed_on"]) for e in lapsed] == [("松发改能审〔2024〕1号", "2026-01-23")]


def test_ledger_entries_budgets_and_a_warning(world) -> None:
    r = _cli(world, "ledger", "show", "--json")
    assert r.returncode == 0, r.stderr
    d = json.loads(r.stdout)
    assert len(d["entries"]) >= 3
    assert {2027, 2028} <= set(d["years"])
    levels = {(w["year"], w["metric"]): w["level"] for w in d["warnings"]}
    # 2028 当量值: approved 8000.79 tce + pending projects (net of the data centre's green power) ≈ 92.7 % of the
    # 36000 tce budget → level 2 (orange, ≥ 0.9; rules/parameters/ledger/rules.toml warning_level_2_ratio)
    assert levels[(2028, "energy_equivalent_tce")] == 2
    assert all(w["level"] > 0 for w in d["warnings"])


def test_acceptance_overrun_and_change_request(world) -> None:
    r = _cli(world, "change", "list")
    assert r.returncode == 0 and "2026-310117-39-03-000202" in r.stdout and "待决定" in r.stdout
    a = Archive(f"sqlite:///{world / 'archive.sqlite3'}")
    from reviewer.ledger.acceptance import acceptances

    with a.read() as s:
        acc = acceptances(s)
        assert [(x.outcome, x.consequence) for x in acc] == [("overrun", "rectification")]
        # actual = approved × 1.15: 2424.88 → 2788.65 tce, > 10 % (令第31号 第二十六条) → 整改
        row = acc[0].comparison["rows"][0]
        assert (row["approved"], row["actual"]) == (2424.88, 2788.65) and row["triggered"]
    a.dispose()


def test_seeding_twice_writes_nothing_new(world) -> None:
    r = _cli(world, "demo")
    assert r.returncode == 0 and "已存在" in r.stdout and "imported" not in r.stdout


def test_archive_check_passes(world) -> None:
    r = _cli(world, "archive", "check")
    assert r.returncode == 0, r.stdout + r.stderr


def test_a_case_is_in_expert_review_with_the_clock_stopped(world) -> None:
    """令第31号 第十五条 (the office commissions a 评审机构); 《行政许可法》第四十五条: the review's days are not
    counted, so while it runs the case has no decision due date."""
    r = _cli(world, "case", "show", "2026-310117-59-03-000909", "--json")
    assert r.returncode == 0, r.stderr
    case = json.loads(r.stdout)
    assert case["status"] == "expert_review"
    assert [e["kind"] for e in case["timeline"]] == ["received", "accepted", "review_commissioned"]
    assert case["deadlines"]["decision"] is None and case["deadlines"]["review_running"] is True
