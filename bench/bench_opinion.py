"""Benchmark: render + sign an opinion, and issue 100 signed opinions through the archive.

Run: ``.venv/bin/python bench/bench_opinion.py`` — prints medians and writes ``bench/results/opinion.md``.

* render+sign: view-model → Jinja2 → ReportLab → attachments → PAdES certification signature with the visible seal
  (EC P-256 key), in-process, warm (fonts registered and stamp font built once per process, as in the app).
* 100 opinions: ``issue_document`` end to end on a real SQLite archive — 文号 allocation, render, sign, store the
  PDF and view-model, audit event — one write transaction each (the reviewer's confirmations of the unverified
  parameters given, as the signing screen requires).
* floors, measured in the same run on the same document: the bare layout (``render_pdf``: markup → ReportLab PDF,
  no attachments, no signature) and ``render_and_sign`` (layout + attachments + signature, no archive); the
  100-opinion figures are reported as ratios to them.
Targets (issue 5, issue 15): ≤ 150 ms median for a 3-page opinion; ≤ 20 s for 100 opinions with the appendix.
Figures taken while other work shares the 2 cores are upper bounds; CPU time (this process) is reported with wall
time, and the load average with each figure.
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


# Where the time goes (cProfile with CPU time over 20 issued 10-page approvals, and timers around each step;
# 2026-12-02, load 4–7 on 2 cores). Kept with the figures so a reader of results.md sees why the target is missed.
NOTES = """Where the time of one issued 10-page approval went (2026-12-02, CPU time, load 4–7; timers around each
step of `issue_document`, 20 opinions, before the signing change below): `render_and_sign` ≈ 250 ms of ≈ 310 ms —
the ReportLab layout of the document ≈ 170 ms (paragraph line breaking, table cells, text drawing, font subsetting
≈ 7 %, zlib ≈ 4 %), the pyHanko signature ≈ 80 ms (of which ≈ 30 ms rebuilding the ESS signing-certificate-v2
attribute: asn1crypto never clears the "mutated" mark of a structure built from Python values, so each dump
re-serialised it and re-created every field default; the visible stamp drawn by ReportLab and imported as a page
≈ 25 ms; byte-range digest and write ≈ 11 ms); the rest ≈ 60 ms (ledger `sync_project` 13 ms, `content_hash` 7 ms,
view-model 7 ms, audit 5 ms, JSON 4 ms, queries).
Changed in this round (same document: identical PNG pages at 60 dpi and identical `pdftotext` for the hospital, data
centre and electronics approvals; signatures valid for pyHanko and `pdfsig`): the attached JSON is written by the
standard library's C encoder (`indent=2` forced its pure-Python encoder), the preview hash and the view-model are
computed once per issue instead of twice, CJK character widths are memoised per face and size (ReportLab measures
each character with `stringWidth`), text that one face covers skips the per-character fallback scan, ReportLab's
development-time shape checking is off for the charts, the signing-certificate-v2 value is built once per
certificate (a signature ≈ 80 → ≈ 51 ms CPU). Paired measurement, same machine, alternating runs at load 5–6,
20 issued opinions each: 356–363 → 278–289 ms CPU per opinion (−21 %). The layout floor alone (≈ 170–190 ms CPU at
this load) is most of the 200 ms budget per opinion, so ≤ 20 s for 100 needs a faster layout or a quieter machine,
not more trimming around it.
Visible stamp (2026-12-02 06:00, load ≈ 1, CPU medians of 15–20 calls): `appearance_pdf` 12.5 ms, of which the
ReportLab save of the page (subsetting and embedding the 宋体 face for the seal's and the lines' text, zlib) is
≈ 10 ms and the seal drawing itself ≈ 1 ms; pyHanko's `import_page_as_xobject` of the 46 KB page ≈ 8.5 ms. Caching the
seal per commission as its own page (the per-document signer / time / 文号 lines drawn on a second page) was tried
and dropped: pixel-identical at 60 and 200 dpi and valid for `pdfsig`, but `sign_pdf` went 33.5 → 34.7 ms CPU, because
the lines page needs its own font subset and pyHanko parses two pages instead of one. What would pay: a stamp
whose text is drawn as cached vector outlines (no font subset per signature), or an appearance XObject built once
per signer and copied into each writer without re-parsing.
Round of 2026-12-02 10:15 UTC (issue 15 item 5; CPU medians, load 1.5–2.7 on the 2 cores). Paired runs alternating
the tree before this round (bbb6c26) and after it, 30 issued 10-page approvals each through `issue_document` (this
bench's path), three pairs: 106–114 → 72–74 ms CPU per opinion (−33 %) with the font-subset cache warm (a document
rendered before in the process: a re-issue, or this bench), 89–98 ms when every subset is built again (a document
never rendered before: −13 %). The same old tree measured 150–174 ms at 09:48 (load 0.2) and 105–119 ms at 10:05–10:14
on this VM: its speed drifts by ≈ 1.5×, so only paired figures compare (this bench with the old tree at 09:48, load
0.2 → 0.6: 100 in 16.40 s wall, CPU 16.18 s; the 06:02 run above: 26.92 s). This bench's 100-opinion loop, old and new
tree alternated at 10:16–10:20, load 1.7–2.0: 16.46 → 11.09 s and 14.01 → 9.11 s wall (CPU 16.07 → 10.49 s and
13.92 → 9.02 s, −35 %). Against main at 5f8bce7 (everything but this round, which includes the lead's new stored
result format), 30 issues each, three pairs at load 1.7–1.9: 111–122 → 72–85 ms CPU warm, 94–109 ms cold. Changed, every PDF byte-identical (32 demo
documents × kinds rendered in invariant mode before/after; the hospital and electronics approvals issued through the
archive with a fixed clock: the same 21 pages at 60 dpi, the same `pdftotext`, signatures valid for pyHanko and
`pdfsig`): (1) font subsets — ReportLab builds a TrueType program for each ≤ 256-character subset and zlib-compresses
it at save (7 subsets of 25–180 KB, ≈ 25 ms per opinion); the compressed program depends on the face and the subset's
character list only, so it is kept per process (48 per face) and reused: the stamp's two subsets (ASCII digits keep
fixed codes) and the headings' faces hit for every document, the body's subsets only for a document rendered again;
(2) paragraphs break their lines once per width (table cells were wrapped again at draw time, kept-together blocks
when placed) and plain-text paragraphs (134 of 150) get the fragment ReportLab's parser would make without going
through html.parser: hospital layout 58.7 → 48.6 → 47 ms, paired in-process; (3) the view-model JSON is encoded
straight from the dataclasses (2.5 → 0.9 ms, twice per issue); (4) ledger sync: the opinion in force is chosen from
three columns, not by loading every row of the growing correction chain, LIMIT 1 on the latest/active entry
(13 → 3.4 ms, no longer growing with the chain; reading the green-power figure from the assessment the issue had
expanded was dropped again at review: with Zstandard + orjson the second unpack costs ≈ 1 ms, not worth a parameter
through four ledger functions); (5) the FlateDecode of an attachment's bytes is reused (the 130 KB
assessment.json ≈ 2.3 ms: preview → issue, re-issues). Tried and dropped: a comprehension fast path for ReportLab's
`TTFont.splitString` (no measurable gain: 48.0 vs 46.5 ms); `gc.disable`/`gc.freeze` (74.7 / 74.0 / 75.9 ms: the
collector costs nothing here). Left: the stamp (appearance 2.6 ms + pyHanko's import of its page 3.9 ms), pyHanko's
writing and digest of the update (≈ 10 ms), the charts (≈ 10 % of the layout) and ReportLab's text drawing
(`_formatText` ≈ 20 % of the layout)."""


def _load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def main() -> None:
    from reviewer.archive.db import Archive
    from reviewer.opinion.legal import Confirmations
    from reviewer.opinion.render import render_pdf
    from reviewer.opinion.templating import render_markup
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
             f"Load average at start: {_load()}.", "",
             "| document | kind | pages | render+sign median (ms) | CPU-time median (ms) | min wall (ms) | "
             "floor: layout only, CPU median (ms) | render+sign / layout (CPU) |",
             "|---|---|---:|---:|---:|---:|---:|---:|"]
    cases = [("rejection", "electronics", True), ("correction", "boiler", True), ("approval", "electronics", False),
             ("approval", "hospital", False), ("approval", "electronics", True), ("approval", "hospital", True)]
    three_page = None
    floors: dict[tuple[str, str, bool], tuple[float, float]] = {}
    for kind, name, with_appendix in cases:
        sub = load_json(ROOT / "resources" / "demo" / f"{name}.json")
        data = canonical_data(sub)
        a = json.loads(json.dumps(assess(sub).to_dict(), default=str))
        times, cpu, floor_cpu, pages = [], [], [], 0
        for i in range(21):
            t, c = time.perf_counter(), time.process_time()
            vm = build_view_model(kind=kind, submission=data, assessment=a, doc_number=f"松发改能审〔2026〕{i + 1}号",
                                  issued_on=date(2026, 6, 5), commission=settings.commission_name,
                                  reasons=["单位产品综合能耗高于限额标准基准值。"], missing_items=["项目备案证明", "能源计量器具配备方案"],
                                  final=True, confirmed_unverified=True)  # as issue_document signs it
            if not with_appendix:
                vm.appendix, vm.formulas, vm.parameters, vm.charts = [], [], [], []
            pdf, pages, *_ = render_and_sign(vm, settings, signer, submission_json=json.dumps(data).encode(),
                                             assessment_json=json.dumps(a).encode())
            times.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            c = time.process_time()
            render_pdf(render_markup(vm.kind, {"vm": vm}, settings.user_template_dir or None), title=vm.title,
                       subject=vm.kind_label, keywords=[vm.project.code], author=vm.commission,
                       charts={ch.id: ch for ch in vm.charts})
            floor_cpu.append(time.process_time() - c)
        times, cpu, floor_cpu = times[1:], cpu[1:], floor_cpu[1:]  # the first run fills the template cache
        med = statistics.median(times) * 1000
        cpu_med = statistics.median(cpu) * 1000
        floor_med = statistics.median(floor_cpu) * 1000
        label = kind + ("" if kind != "approval" else (" + 计算依据" if with_appendix else " (no appendix)"))
        lines.append(f"| {name} | {label} | {pages} | {med:.0f} | {cpu_med:.0f} | {min(times) * 1000:.0f} | "
                     f"{floor_med:.0f} | {cpu_med / floor_med:.2f}× |")
        floors[(kind, name, with_appendix)] = (floor_med, cpu_med)
        print(f"{name:12s} {label:22s} {pages:2d} pages  median {med:6.1f} ms  cpu {cpu_med:6.1f} ms  "
              f"layout floor cpu {floor_med:6.1f} ms")
        if pages <= 4 and kind == "approval" and three_page is None:
            three_page = (med, pages, cpu_med)

    archive = Archive(f"sqlite:///{Path(os.environ['REVIEWER_HOME']) / 'archive.sqlite3'}")
    sub = load_json(ROOT / "resources" / "demo" / "electronics.json")
    archive.run_write(lambda s: store_submission(s, sub, source_name="electronics.json", source_format="json"))
    code = sub.project.code
    confirm = Confirmations(authority="基准测试：分级界限已核对", unverified="基准测试：参数已逐项核对")

    def hundred(appendix: bool, prev: str | None) -> tuple[float, float, int, str, tuple[float, float]]:
        load0 = os.getloadavg()[0]
        t, c = time.perf_counter(), time.process_time()
        pages = 0
        for _ in range(100):
            doc = issue_document(archive, code, "approval", signer=signer, settings=settings,
                                 issued_on=date(2026, 6, 5), supersedes=prev, appendix=appendix,
                                 confirmations=confirm)
            pages, prev = doc.pages, doc.doc_number
        return time.perf_counter() - t, time.process_time() - c, pages, prev, (load0, os.getloadavg()[0])

    # One approval is in force per project, so each issue supersedes the previous one (a chain of corrections).
    total, total_cpu, pages, prev, load = hundred(True, None)
    print(f"100 signed opinions ({pages} pages each) through the archive: {total:.2f} s (cpu {total_cpu:.2f} s)")
    floor, rs = floors[("approval", "electronics", True)]
    lines += ["", f"100 signed approval opinions ({pages} pages each, with the 计算依据 appendix) issued through "
                  f"`issue_document` on a SQLite archive (文号, render, sign, store, audit): **{total:.2f} s wall** "
                  f"({total * 10:.0f} ms each), **CPU time {total_cpu:.2f} s** ({total_cpu * 10:.0f} ms each); "
                  f"load average {load[0]:.1f} → {load[1]:.1f}. Target ≤ 20 s.", "",
              f"- ratios, CPU per opinion: issue through the archive / layout floor (`render_pdf` of the same "
              f"document, {floor:.0f} ms) = **{total_cpu * 10 / floor:.2f}×**; / render+sign without the archive "
              f"({rs:.0f} ms) = {total_cpu * 10 / rs:.2f}×.", ""]
    # 100 approvals of 100 different projects (what a district issues over months): each document's text differs
    # (project code, name, every figure), so no per-document cache of the process is reused from one to the next.
    import dataclasses
    from decimal import Decimal

    codes = []
    for i in range(100):
        k = Decimal(1000 + i + 1) / 1000  # every quantity, hence every figure of the document, differs
        p = dataclasses.replace(sub.project, code=f"{sub.project.code[:-6]}{900000 + i:06d}",
                                name=f"{sub.project.name}（第{i + 2}期）")
        variant = dataclasses.replace(sub, project=p, energy=[dataclasses.replace(e, quantity=(e.quantity * k).quantize(Decimal("0.01")))
                                                              for e in sub.energy])
        archive.run_write(lambda s, v=variant: store_submission(s, v, source_name=f"{v.project.code}.json",
                                                                source_format="json"))
        codes.append(p.code)
    load_d0 = os.getloadavg()[0]
    t, c = time.perf_counter(), time.process_time()
    for code_i in codes:
        doc = issue_document(archive, code_i, "approval", signer=signer, settings=settings, issued_on=date(2026, 6, 5),
                             appendix=True, confirmations=confirm)
    distinct, distinct_cpu, load_d1 = time.perf_counter() - t, time.process_time() - c, os.getloadavg()[0]
    print(f"100 signed opinions of 100 projects ({doc.pages} pages): {distinct:.2f} s (cpu {distinct_cpu:.2f} s)")
    lines += [f"**100 signed approvals of 100 different projects** ({doc.pages} pages each, with the 计算依据 appendix; "
              f"each project another code, name and quantities, so every document's text differs): "
              f"**{distinct:.2f} s wall** ({distinct * 10:.0f} ms each), CPU time {distinct_cpu:.2f} s "
              f"({distinct_cpu * 10:.0f} ms each); load average {load_d0:.1f} → {load_d1:.1f}. Target ≤ 20 s. "
              "(The figure above re-issues one project's approval 100 times — a chain of corrections — and so reuses "
              "the font subsets of the same text.)", ""]
    total2, total2_cpu, pages2, prev, load2 = hundred(False, prev)
    print(f"100 signed opinions without appendix ({pages2} pages): {total2:.2f} s (cpu {total2_cpu:.2f} s)")
    floor2, rs2 = floors[("approval", "electronics", False)]
    lines += [f"Same without the appendix ({pages2} pages each): **{total2:.2f} s wall**, CPU time "
              f"{total2_cpu:.2f} s; load average {load2[0]:.1f} → {load2[1]:.1f}; CPU per opinion / layout floor "
              f"({floor2:.0f} ms) = {total2_cpu * 10 / floor2:.2f}×.", ""]
    if three_page is not None:
        lines.append(f"Approval opinion body without the appendix ({three_page[1]} pages) render+sign median: "
                     f"**{three_page[0]:.0f} ms** wall, {three_page[2]:.0f} ms CPU (target ≤ 150 ms for a 3-page opinion).")
    lines.append("")
    lines += [NOTES, ""]
    lines.append(f"Load average at the end: {_load()} (1, 5, 15 min; 2 cores shared with other engineers' jobs — "
                 "wall figures under load are upper bounds, CPU time is the steadier figure).")
    out = ROOT / "bench" / "results" / "opinion.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"written {out}")


if __name__ == "__main__":
    main()
