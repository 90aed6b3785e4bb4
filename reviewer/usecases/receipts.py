"""Re-deriving a signed document: ``reviewer verify --recompute FILE.pdf`` (issue 17 §2).

1. The signature is checked exactly as ``reviewer verify`` does (:func:`reviewer.signing.verify.verify_bytes`).
2. The embedded ``submission.json``, ``assessment.json`` (with its execution receipt: parameter snapshot, choices,
   overrides, regime date) and ``viewmodel.json`` (what the document prints) are read from the PDF.
3. The engine runs again in a clean subprocess (:mod:`reviewer.usecases.recompute_worker`, ``python -I``) on the
   embedded submission with exactly the embedded parameters and choices and rebuilds the view-model.
4. Every figure the document prints (each number of the view-model, and each finding's status and grade) is compared
   with the recomputed one → "N/N 项数字已复算一致" or the list of differences with both values.

This module sits above ``signing`` and ``opinion`` (``signing`` never imports ``opinion``).
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewer import __version__
from reviewer.errors import UserError
from reviewer.signing.verify import EXIT_INVALID, EXIT_UNREADABLE, EXIT_VALID, VerifyReport, verify_bytes
from reviewer.usecases.base import Result

WORKER = "reviewer.usecases.recompute_worker"
WORKER_TIMEOUT_S = 120
TEXT_FIGURES = ("status", "grade")  # printed words that are results, compared like numbers
SKIP_KEYS = {"extra", "font_warnings"}  # document inputs, not figures
NAME_KEYS = ("id", "key", "label", "carrier", "source", "name")


@dataclass(frozen=True)
class RecomputeRequest:
    file: Path
    trust: tuple[Path, ...] = ()


@dataclass
class FigureDiff:
    figure: str
    printed: Any
    recomputed: Any


@dataclass
class RecomputeReport:
    verify: VerifyReport
    engine_signed: str = ""
    engine_now: str = __version__
    rule_pack: dict[str, Any] = field(default_factory=dict)
    total: int = 0
    reproduced: int = 0
    differences: list[FigureDiff] = field(default_factory=list)
    not_in_receipt: list[str] = field(default_factory=list)
    error: str = ""

    @property
    def engine_differs(self) -> bool:
        return bool(self.engine_signed) and self.engine_signed != self.engine_now

    @property
    def exit_code(self) -> int:
        if self.verify.exit_code == EXIT_UNREADABLE:
            return EXIT_UNREADABLE
        ok = self.verify.exit_code == EXIT_VALID and not self.error and not self.differences and self.total > 0
        return EXIT_VALID if ok else EXIT_INVALID

    def to_dict(self) -> dict[str, Any]:
        return {"verify": self.verify.to_dict(), "engine_signed": self.engine_signed, "engine_now": self.engine_now,
                "engine_differs": self.engine_differs, "rule_pack": self.rule_pack, "total": self.total,
                "reproduced": self.reproduced,
                "differences": [d.__dict__ for d in self.differences], "not_in_receipt": self.not_in_receipt,
                "error": self.error, "exit_code": self.exit_code}


def embedded_files(data: bytes) -> dict[str, bytes]:
    """The PDF's embedded files by name (the first copy of each)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    return {name: items[0] for name, items in reader.attachments.items() if items}


def _name(item: Any, i: int) -> str:
    if isinstance(item, dict):
        for k in NAME_KEYS:
            v = item.get(k)
            if isinstance(v, str) and v:
                return v
    return str(i)


def figures(vm: Any, prefix: str = "") -> dict[str, Any]:
    """Every printed figure of a view-model dict by a readable path, e.g. ``energy.rows[电力].equivalent_tce``."""
    out: dict[str, Any] = {}
    if isinstance(vm, dict):
        for k, v in vm.items():
            if k in SKIP_KEYS:
                continue
            path = f"{prefix}.{k}" if prefix else k
            if isinstance(v, bool):
                continue
            if isinstance(v, (int, float)):
                out[path] = v
            elif isinstance(v, str):
                if k in TEXT_FIGURES and v:
                    out[path] = v
            else:
                out.update(figures(v, path))
    elif isinstance(vm, list):
        seen: dict[str, int] = {}
        for i, item in enumerate(vm):
            n = _name(item, i)
            seen[n] = seen.get(n, 0) + 1
            label = n if seen[n] == 1 else f"{n}#{seen[n]}"
            path = f"{prefix}[{label}]"
            if isinstance(item, (int, float)) and not isinstance(item, bool):
                out[path] = item
            else:
                out.update(figures(item, path))
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(float(a) - float(b)) <= 1e-9 * max(1.0, abs(float(a)))
    return a == b


def compare(printed: dict[str, Any], recomputed: dict[str, Any]) -> tuple[int, int, list[FigureDiff]]:
    """(total printed figures, reproduced, differences)."""
    a, b = figures(printed), figures(recomputed)
    diffs = [FigureDiff(k, a.get(k), b.get(k)) for k in sorted(set(a) | set(b))
             if k not in a or k not in b or not _same(a[k], b[k])]
    reproduced = sum(1 for k in a if k in b and _same(a[k], b[k]))
    return len(a), reproduced, diffs


WORKER_ARG = "__recompute_worker__"  # the frozen bundle's entry (packaging/reviewer_entry.py) runs the worker


def worker_command() -> list[str]:
    """How to start the clean worker process: ``python -I -m …`` from an installed package; in the PyInstaller
    bundle ``sys.executable`` is the application itself, which runs the worker when given :data:`WORKER_ARG`."""
    if getattr(sys, "frozen", False):
        return [sys.executable, WORKER_ARG]
    return [sys.executable, "-I", "-m", WORKER]


def run_worker(payload: dict[str, Any]) -> dict[str, Any]:
    """Run the engine in a fresh interpreter (isolated mode: no user site, no PYTHON* variables, no cwd)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    try:
        proc = subprocess.run(worker_command(), input=json.dumps(payload, ensure_ascii=False)
                              .encode("utf-8"), capture_output=True, timeout=WORKER_TIMEOUT_S, env=env)
    except subprocess.TimeoutExpired:
        return {"error": f"复算超时（{WORKER_TIMEOUT_S} 秒）。Recomputation timed out."}
    if proc.returncode != 0:
        return {"error": f"复算进程失败（退出码 {proc.returncode}）。Recomputation process failed."}
    try:
        return json.loads(proc.stdout.decode("utf-8"))
    except ValueError:
        return {"error": "复算进程输出无法读取。Unreadable recomputation output."}


def recompute(req: RecomputeRequest, *, archive: Any | None = None) -> Result[RecomputeReport]:
    try:
        data = Path(req.file).read_bytes()
    except OSError as exc:
        raise UserError(f"无法读取 {req.file}：{exc.strerror}", f"Cannot read {req.file}: {exc.strerror}",
                        exit_code=EXIT_UNREADABLE) from None
    rep = RecomputeReport(verify=verify_bytes(data, name=str(req.file), trust=list(req.trust), archive=archive))
    if not rep.verify.readable:
        return Result(rep)
    try:
        files = embedded_files(data)
        doc = {"submission": json.loads(files["submission.json"]), "assessment": json.loads(files["assessment.json"]),
               "view_model": json.loads(files["viewmodel.json"])}
    except KeyError as exc:
        rep.error = f"文书未嵌入 {exc.args[0]}，无法复算（早于执行收据的版本）。Missing embedded {exc.args[0]}."
        return Result(rep)
    except Exception as exc:  # noqa: BLE001 — damaged attachments are a failed recomputation, not a crash
        rep.error = f"嵌入的数据无法读取（{type(exc).__name__}）。Embedded data unreadable."
        return Result(rep)
    a = doc["assessment"]
    rep.engine_signed = str((a.get("receipt") or {}).get("engine_version") or a.get("engine_version") or "")
    rep.rule_pack = dict((a.get("receipt") or {}).get("rule_pack") or {})
    out = run_worker(doc)
    if "error" in out:
        rep.error = str(out["error"])
        return Result(rep)
    rep.engine_now = str(out.get("engine_version", __version__))
    rep.not_in_receipt = list(out.get("not_in_receipt") or [])
    rep.total, rep.reproduced, rep.differences = compare(doc["view_model"], out["view_model"])
    return Result(rep)
