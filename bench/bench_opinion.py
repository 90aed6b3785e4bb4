"""Benchmark: render + sign an opinion, and issue 100 signed opinions through the archive.

Run: ``.venv/bin/python bench/bench_opinion.py`` — prints medians and writes ``bench/results/opinion.md``.

* render+sign: view-model → Jinja2 → ReportLab → attachments → PAdES certification signature with the visible seal
  (EC P-256 key), in-process, warm (fonts registered and stamp font built once per process, as in the app).
* 100 opinions: ``issue_document`` end to end on a real SQLite archive — 文号 allocation, render, sign, store the
  PDF and view-model, audit event — one write transaction each.
Targets (issue 5): ≤ 150 ms median for a 3-page opinion; ≤ 20 s for 100 opinions.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["REVIEWER_HOME"] = tempfile.mkdtemp(prefix="bench-opinion-")
os.environ.pop("REVIEWER_DATABASE_URL", None)


def main() -> None:
    from reviewer.archive.db import Archive
    from reviewer.usecases.opinions import issue_document
    from reviewer.opinion.service import render_and_sign
    from reviewer.opinion.viewmodel import build_view_model
    from reviewer.rules.engine import assess
    from reviewer.services import canonical_data, store_submission
    from reviewer.settings import Settings
    from reviewer.signing import identities
    from reviewer.signing.signer import Pkcs12Signer
    from reviewer.submission.parse import load_json

    settings = Settings()
    identities.init_authority(settings.commission_name, b"ca")
    signer = Pkcs12Signer(identities.issue("基准测试", b"ca", b"pw"), b"pw")
    lines = ["## Opinion rendering and signing (bench/bench_opinion.py)", "",
             f"Machine: {platform.machine()}, {os.cpu_count()} CPU, Python {platform.python_version()}; "
             f"run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", "",
             "Wall-clock medians are inflated when other work shares the 2 cores; the CPU-time median (time spent by this "
             "process) is the better figure on a busy machine.", "",
             "| document | kind | pages | render+sign median (ms) | CPU-time median (ms) | min wall (ms) |",
             "|---|---|---:|---:|---:|---:|"]
    cases = [("rejection", "electronics", True), ("correction", "boiler", True), ("approval", "electronics", False),
             ("approval", "hospital", False), ("approval", "electronics", True), ("approval", "hospital", True)]
    three_page = None
    for kind, name, with_appendix in cases:
        sub = load_json(ROOT / "resources" / "demo" / f"{name}.json")
        data = canonical_data(sub)
        a = json.loads(json.dumps(assess(sub).to_dict(), default=str))
        times, cpu, pages = [], [], 0
        for i in range(21):
            t, c = time.perf_counter(), time.process_time()
            vm = build_view_model(kind=kind, submission=data, assessment=a, doc_number=f"松发改能审〔2026〕{i + 1}号",
                                  issued_on=date(2026, 6, 5), commission=settings.commission_name,
                                  reasons=["单位产品综合能耗高于限额标准基准值。"], missing_items=["项目备案证明", "能源计量器具配备方案"])
            if not with_appendix:
                vm.appendix, vm.formulas, vm.parameters, vm.charts = [], [], [], []
            pdf, pages, *_ = render_and_sign(vm, settings, signer, submission_json=json.dumps(data).encode(),
                                             assessment_json=json.dumps(a).encode())
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
        times, cpu = times[1:], cpu[1:]  # the first run fills the template cache
        med = statistics.median(times) * 1000
        cpu_med = statistics.median(cpu) * 1000
        label = kind + ("" if kind != "approval" else (" + 计算依据" if with_appendix else " (no appendix)"))
        lines.append(f"| {name} | {label} | {pages} | {med:.0f} | {cpu_med:.0f} | {min(times) * 1000:.0f} |")
        print(f"{name:12s} {label:22s} {pages:2d} pages  median {med:6.1f} ms  cpu {cpu_med:6.1f} ms")
        if pages <= 4 and kind == "approval" and three_page is None:
            three_page = (med, pages, cpu_med)

    archive = Archive(f"sqlite:///{Path(os.environ['REVIEWER_HOME']) / 'archive.sqlite3'}")
    sub = load_json(ROOT / "resources" / "demo" / "electronics.json")
    archive.run_write(lambda s: store_submission(s, sub, source_name="electronics.json", source_format="json"))
    code = sub.project.code
    t, c = time.perf_counter(), time.process_time()
    pages = 0
    # One approval is in force per project, so each issue supersedes the previous one (a chain of corrections).
    prev = None
    for i in range(100):
        doc = issue_document(archive, code, "approval", signer=signer, settings=settings, issued_on=date(2026, 6, 5),
                             supersedes=prev)
        pages, prev = doc.pages, doc.doc_number
    total, total_cpu = time.perf_counter() - t, time.process_time() - c
    print(f"100 signed opinions ({pages} pages each) through the archive: {total:.2f} s (cpu {total_cpu:.2f} s)")
    lines += ["", f"100 signed approval opinions ({pages} pages each, with the 计算依据 appendix) issued through "
                  f"`issue_document` on a SQLite archive (文号, render, sign, store, audit): **{total:.2f} s** "
                  f"({total * 10:.0f} ms each; CPU time {total_cpu:.2f} s). Target ≤ 20 s.", ""]
    t, c = time.perf_counter(), time.process_time()
    for i in range(100):
        doc = issue_document(archive, code, "approval", signer=signer, settings=settings, issued_on=date(2026, 6, 5),
                             appendix=False, supersedes=prev)
        prev = doc.doc_number
    total2, total2_cpu = time.perf_counter() - t, time.process_time() - c
    print(f"100 signed opinions without appendix ({doc.pages} pages): {total2:.2f} s (cpu {total2_cpu:.2f} s)")
    lines += [f"Same without the appendix ({doc.pages} pages each): **{total2:.2f} s** (CPU time {total2_cpu:.2f} s).", ""]
    if three_page is not None:
        lines.append(f"Approval opinion body without the appendix ({three_page[1]} pages) render+sign median: "
                     f"**{three_page[0]:.0f} ms** wall, {three_page[2]:.0f} ms CPU (target ≤ 150 ms for a 3-page opinion).")
    lines.append("")
    lines.append(f"Load average while measuring: {os.getloadavg()[0]:.1f} (the machine is shared; figures are noisy).")
    out = ROOT / "bench" / "results" / "opinion.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written {out}")


if __name__ == "__main__":
    main()
