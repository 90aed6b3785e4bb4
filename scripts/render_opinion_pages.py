#!/usr/bin/env python3
"""Regenerate the rendered document pages under docs/opinion/ (what the README and reviewers look at).

Seeds the demo projects into a throw-away REVIEWER_HOME, creates a local CA and a reviewer certificate, issues a
signed approval (hospital, with the reviewer's confirmations), a rejection (electronics), a correction notice (boiler),
a 不予受理告知书 (data centre: the city's competence), a 验收意见 and a 同意变更 decision for the hospital through the real
use cases, and renders selected pages with poppler's pdftoppm.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "opinion"


def _in_force(archive) -> dict[str, str]:  # noqa: ANN001
    """project code → 文号 of the signed approval the demo world already holds (a new one must supersede it)."""
    from sqlalchemy import select

    from reviewer.archive.models import Opinion, Project

    with archive.read() as s:
        rows = s.execute(select(Project.code, Opinion.doc_number, Opinion.id).join(Opinion, Opinion.project_id == Project.id)
                         .where(Opinion.kind == "approval", Opinion.signed.is_(True)).order_by(Opinion.id)).all()
    return {code: number for code, number, _id in rows}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["REVIEWER_HOME"] = tmp
        os.environ.pop("REVIEWER_DATABASE_URL", None)
        from reviewer.archive.db import Archive
        from reviewer.demo import seed_demo
        from reviewer.ledger.acceptance import load_actual
        from reviewer.ledger.changes import file_change_request
        from reviewer.opinion.legal import Confirmations
        from reviewer.usecases.base import Context
        from reviewer.usecases.ledger import AcceptanceRequest, ChangeDecisionRequest, decide_change, record_acceptance
        from reviewer.usecases.opinions import issue_document
        from reviewer.settings import Settings
        from reviewer.signing import identities
        from reviewer.signing.signer import Pkcs12Signer

        archive = Archive()
        seed_demo(archive)
        commission = Settings.load().commission_name
        identities.init_authority(commission, b"ca-pass")
        key = identities.issue("李审查", b"ca-pass", b"reviewer-pass")
        signer = Pkcs12Signer(key, b"reviewer-pass")
        confirm = Confirmations(authority="市、区分级界限已与沪府规〔2022〕13号原文核对（演示）",
                                unverified="所列参数已与原文核对（演示）")
        hospital, electronics = "2026-310117-84-01-000101", "2026-310117-39-03-000202"
        in_force = _in_force(archive)
        docs = {
            "approval": issue_document(archive, hospital, "approval", signer=signer, actor="李审查",
                                       confirmations=confirm, supersedes=in_force.get(hospital)),
            "rejection": issue_document(archive, electronics, "rejection", signer=signer, actor="李审查",
                                        confirmations=confirm, supersedes=in_force.get(electronics),
                                        reasons=["单位产品综合能耗未与能耗限额标准对比", "未落实能耗替代来源"]),
            "correction": issue_document(archive, "2025-310117-44-02-000303", "correction", actor="李审查",
                                         missing_items=["燃煤锅炉改造前后能耗对比测算", "主要用能设备能效等级证明"]),
            "referral": issue_document(archive, "2026-310117-65-01-000404", "referral", signer=signer, actor="李审查"),
        }
        ctx = Context(archive=archive, settings=Settings.load(), actor="李审查")
        day = ctx.today()  # one clock: the office's date
        actual = json.loads((ROOT / "resources" / "demo" / "hospital.json").read_text(encoding="utf-8"))
        # 3400 万kWh instead of 2860: 3400e4 × 0.1229 ÷ 1000 + 2258.60 = 6437.20 tce, +11.5 % over 5773.54 → 第二十六条
        actual["energy"][0]["quantity"] = 3400
        f = Path(tmp) / "actual.json"
        f.write_text(json.dumps(actual, ensure_ascii=False), encoding="utf-8")
        docs["acceptance"] = record_acceptance(ctx, AcceptanceRequest(
            project_code=hospital, actual=load_actual(f), accepted_on=day, issue=True, signer=signer)).value.document
        cr = archive.run_write(lambda s: file_change_request(
            s, hospital, change_types=["builder"], requested_on=day, actor="李审查", description="建设单位名称变更",
            proposed={"builder": "上海市松江区某医院（集团）"}).id)
        docs["change"] = decide_change(ctx, ChangeDecisionRequest(
            request_id=cr, outcome="approved_change", reason="仅建设单位名称变更，能耗不变", decided_on=day, issue=True,
            signer=signer)).value.document
        OUT.mkdir(parents=True, exist_ok=True)
        for old in OUT.glob("*.png"):
            old.unlink()
        for kind, doc in docs.items():
            pdf = Path(tmp) / f"{kind}.pdf"
            pdf.write_bytes(doc.pdf)
            last = doc.pages
            pages = sorted({1, 2, 3, 4, 5, last} if kind == "approval" else {1, 2})
            for n in pages:
                if n > last:
                    continue
                subprocess.run(["pdftoppm", "-r", "80", "-png", "-singlefile", "-f", str(n), "-l", str(n), str(pdf),
                                str(OUT / (f"{kind}-{n:02d}" if kind == "approval" else f"{kind}-{n}"))], check=True)
        archive.dispose()
    print(f"pages written to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
