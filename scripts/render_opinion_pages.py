#!/usr/bin/env python3
"""Regenerate the rendered document pages under docs/opinion/ (what the README and reviewers look at).

Seeds the demo projects into a throw-away REVIEWER_HOME, creates a local CA and a reviewer certificate, issues a
signed approval (hospital), a rejection and a correction notice through the real service, and renders selected
pages with poppler's pdftoppm.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "opinion"


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["REVIEWER_HOME"] = tmp
        os.environ.pop("REVIEWER_DATABASE_URL", None)
        from reviewer.archive.db import Archive
        from reviewer.demo import seed_demo
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
        docs = {
            "approval": issue_document(archive, "2026-310117-84-01-000101", "approval", signer=signer, actor="李审查"),
            "rejection": issue_document(archive, "2026-310117-65-01-000404", "rejection", signer=signer,
                                        actor="李审查", reasons=["设计PUE高于本市新建大型数据中心上限",
                                                               "未落实能耗替代来源"]),
            "correction": issue_document(archive, "2025-310117-44-02-000303", "correction", actor="李审查",
                                         missing_items=["燃煤锅炉改造前后能耗对比测算", "主要用能设备能效等级证明"]),
        }
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
