"""Run every benchmark (``bench/bench_*.py``) and collect the figures into ``bench/results.md``.

Each benchmark is a plain script that prints its medians and writes its own section to
``bench/results/<name>.md``. This runner starts each one in a fresh interpreter (so import costs and memory are
the script's own), records exit status and wall time, and assembles ``bench/results.md``: the machine description
(CPU model, cores, RAM, OS, Python, package versions, git commit), a table of the runs, then every section.
A failing benchmark is reported with the end of its output; the others still run.

    .venv/bin/python bench/run_all.py                    # everything
    .venv/bin/python bench/run_all.py --only archive     # scripts whose name contains "archive"; the other
                                                         # scripts' rows and sections are kept from the last run
    .venv/bin/python bench/run_all.py --skip gui --timeout 1200
    .venv/bin/python bench/run_all.py --only opinion --only speed --args "speed=--skip-import --pg URL --pg-reuse"
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import time
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
OUT = HERE / "results.md"
PACKAGES = ["PySide6", "PySide6-Essentials", "PySide6-Addons", "SQLAlchemy", "alembic", "reportlab", "openpyxl",
            "Jinja2", "pyHanko", "pyhanko-certvalidator", "psycopg", "fonttools", "platformdirs", "hypothesis"]


def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def machine() -> dict[str, str]:
    """A description of this machine, good enough to compare figures across runs."""
    cpu = next((ln.split(":", 1)[1].strip() for ln in _read("/proc/cpuinfo").splitlines()
                if ln.startswith("model name")), platform.processor() or platform.machine())
    mem_kb = next((int(ln.split()[1]) for ln in _read("/proc/meminfo").splitlines() if ln.startswith("MemTotal")), 0)
    osrel = dict(ln.split("=", 1) for ln in _read("/etc/os-release").splitlines() if "=" in ln)
    try:
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        load = "n/a"
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                                timeout=10).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, timeout=10).stdout.strip()
        commit += " (+ uncommitted changes)" if dirty else ""
    except (OSError, subprocess.SubprocessError):
        commit = "n/a"
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    try:
        sqlite_version = __import__("sqlite3").sqlite_version
    except ImportError:
        sqlite_version = "n/a"
    return {
        "CPU": cpu,
        "cores (logical)": str(os.cpu_count()),
        "RAM": f"{mem_kb / 1024 / 1024:.1f} GiB" if mem_kb else "n/a",
        "OS": f"{osrel.get('PRETTY_NAME', platform.system()).strip(chr(34))}, kernel {platform.release()}",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
        "SQLite": sqlite_version,
        "packages": ", ".join(versions),
        "git commit": commit,
        "load average at start (1, 5, 15 min)": load,
        "date (UTC)": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M"),
    }


def scripts(only: list[str], skip: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"))
    if only:
        found = [p for p in found if any(o in p.stem for o in only)]
    return [p for p in found if not any(s in p.stem for s in skip)]


def run_one(path: Path, timeout: float, extra_args: list[str]) -> dict[str, object]:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    t = time.perf_counter()
    print(f"=== {path.name}", flush=True)
    try:
        p = subprocess.run([sys.executable, str(path), *extra_args], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=timeout)
        status = "ok" if p.returncode == 0 else f"failed (exit {p.returncode})"
        out, err = p.stdout, p.stderr
    except subprocess.TimeoutExpired as exc:
        status = f"timed out after {timeout:.0f} s"
        out = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else (exc.stderr or "")
    seconds = time.perf_counter() - t
    sys.stdout.write(out)
    if status != "ok":
        sys.stdout.write(err[-3000:])
    print(f"--- {path.name}: {status} in {seconds:.1f} s", flush=True)
    return {"name": path.name, "status": status, "seconds": seconds, "stdout": out, "stderr": err}


def assemble(runs: list[dict[str, object]], desc: dict[str, str]) -> str:
    lines = ["# Benchmark results", "",
             "Generated by `bench/run_all.py` — every `bench/bench_*.py` run in a fresh interpreter; figures are "
             "medians unless stated. Regenerate with `.venv/bin/python bench/run_all.py`.", "",
             "## Machine", ""]
    lines += [f"- **{k}**: {v}" for k, v in desc.items()]
    lines += ["", "## Runs", "", "| script | status | wall time |", "|---|---|---:|"]
    lines += [f"| `{r['name']}` | {r['status']}{' (earlier run, ' + str(r.get('date')) + ')' if r.get('earlier') else ''}"
              f" | {r['seconds']:.1f} s |" for r in runs]
    lines.append("")
    failed = [r for r in runs if r["status"] != "ok" and not r.get("earlier")]
    for r in failed:
        tail = (str(r["stderr"]) or str(r["stdout"]))[-1500:].strip()
        lines += [f"### `{r['name']}` {r['status']}", "", "```", tail, "```", ""]
    headlines = []
    for sec in sorted(RESULTS.glob("*.md")) if RESULTS.is_dir() else []:
        for ln in sec.read_text(encoding="utf-8").splitlines():
            if "**" in ln and not ln.lstrip().startswith("|"):
                headlines.append(f"- `{sec.stem}`: {ln.lstrip('- ').strip()}")
    if headlines:
        lines += ["## Headline figures", "", "(the figures each benchmark marks in bold; details in the sections below)",
                  ""] + headlines + [""]
    ran = {Path(str(r["name"])).stem for r in runs if not r.get("earlier")}
    ran |= {name.removeprefix("bench_") for name in ran}  # sections are named bench_x.md or x.md
    sections = sorted(RESULTS.glob("*.md")) if RESULTS.is_dir() else []
    for sec in sections:
        stale = "" if sec.stem in ran else " *(not re-run this time: section from an earlier run)*"
        text = sec.read_text(encoding="utf-8").strip()
        if stale:
            text = text.replace("\n", f"\n\n{stale.strip()}\n", 1) if "\n" in text else text + stale
        lines += [text, ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Run every bench/bench_*.py and write bench/results.md.")
    ap.add_argument("--only", action="append", default=[], help="run only scripts whose name contains this")
    ap.add_argument("--skip", action="append", default=[], help="skip scripts whose name contains this")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per script (default 1800)")
    ap.add_argument("--collect-only", action="store_true", help="do not run; rebuild results.md from sections")
    ap.add_argument("--args", action="append", default=[], metavar="SCRIPT=ARGS",
                    help="extra arguments for one script, e.g. 'speed=--skip-import --pg URL --pg-reuse'")
    a = ap.parse_args(argv)
    desc = machine()
    runs: list[dict[str, object]] = []
    record = RESULTS / ".runs.json"
    if not a.collect_only:
        extra = {k: shlex.split(v) for k, _, v in (x.partition("=") for x in a.args)}
        for path in scripts(a.only, a.skip):
            runs.append(run_one(path, a.timeout, next((v for k, v in extra.items() if k in path.stem), [])))
        if (a.only or a.skip) and record.exists():
            # A partial run: the other scripts keep their row from the last record (their sections are kept and
            # marked as from an earlier run by ``assemble``).
            saved = json.loads(record.read_text(encoding="utf-8"))
            ran_now = {r["name"] for r in runs}
            earlier = [{**r, "date": r.get("date", saved["machine"].get("date (UTC)", "?")), "stdout": "",
                        "stderr": "", "earlier": True} for r in saved["runs"] if r["name"] not in ran_now]
            runs = sorted(runs + earlier, key=lambda r: str(r["name"]))
        RESULTS.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps({"machine": desc, "runs": [
            {"name": r["name"], "status": r["status"], "seconds": r["seconds"],
             "date": r.get("date", desc["date (UTC)"])} for r in runs]}, ensure_ascii=False), encoding="utf-8")
    elif record.exists():  # rebuild from the last run's record, keeping its machine description and run table
        saved = json.loads(record.read_text(encoding="utf-8"))
        desc = saved["machine"]
        runs = [{**r, "stdout": "", "stderr": ""} for r in saved["runs"]]
    OUT.write_text(assemble(runs, desc), encoding="utf-8")
    print(f"wrote {OUT}")
    return 0 if all(r["status"] == "ok" for r in runs if not r.get("earlier")) else 1


if __name__ == "__main__":
    raise SystemExit(main())
