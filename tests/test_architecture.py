"""The layers are a checked contract (issue 11 §6): ``lint-imports`` with the contracts in pyproject.toml
(``[tool.importlinter]``) must pass, and no two modules of ``reviewer`` import each other in a circle."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def test_import_contracts_are_kept():
    exe = Path(sys.executable).with_name("lint-imports")
    p = subprocess.run([str(exe)], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "0 broken" in p.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components (size > 1) of the module import graph (Tarjan, iterative)."""
    mods = sorted(graph.modules)
    adj = {m: sorted(graph.find_modules_directly_imported_by(m)) for m in mods}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = 0
    for root in mods:
        if root in index:
            continue
        work = [(root, iter(adj[root]))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on.add(root)
        while work:
            v, it = work[-1]
            w = next(it, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on.add(w)
                    work.append((w, iter(adj[w])))
                elif w in on:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                comp = []
                while True:
                    x = stack.pop()
                    on.discard(x)
                    comp.append(x)
                    if x == v:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
    return out


# Known cycles, each to be removed (listed, never silently allowed):
# - archive.models imports archive.case_models at its end so the case tables join Base.metadata (room casefile,
#   merged 2026-12-01), while case_models imports Base from models. Fix: a Base module both import.
KNOWN_CYCLES = [["reviewer.archive.case_models", "reviewer.archive.models"]]


def test_no_import_cycle_between_modules():
    graph = grimp.build_graph("reviewer")
    assert [c for c in _cycles(graph) if c not in KNOWN_CYCLES] == []


# -- long functions (issue 11 §8) ---------------------------------------------------------------------------------
MAX_LINES = 80
# Functions longer than MAX_LINES that are known and owned elsewhere: path:name → its length today (it may shrink,
# never grow). The list only shrinks: an entry whose function is now short enough (or gone) fails as stale.
LONG_FUNCTIONS = {
    # (the law room's carbon_module, compute_energy/energy_details, efficiency_module, review_module and
    # regional_impact are now named units: no longer listed)
    # the first migration is one linear DDL script (never edited: migrations are history)
    "reviewer/archive/migrations/versions/0001_core_core_archive_tables.py:upgrade": 261,
    # screens of other rooms: widget construction, to be split by their owners
    "reviewer/ui/project_view.py:__init__": 87,
}


def _long_functions() -> dict[str, int]:
    import ast

    out: dict[str, int] = {}
    for path in sorted((ROOT / "reviewer").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                n = node.end_lineno - node.lineno + 1
                key = f"{path.relative_to(ROOT).as_posix()}:{node.name}"
                if n > MAX_LINES:
                    out[key] = max(n, out.get(key, 0))
    return out


def test_no_new_function_longer_than_80_lines():
    found = _long_functions()
    new = {k: v for k, v in found.items() if k not in LONG_FUNCTIONS}
    assert not new, f"functions longer than {MAX_LINES} lines (split them into named units): {new}"
    grown = {k: (v, LONG_FUNCTIONS[k]) for k, v in found.items() if k in LONG_FUNCTIONS and v > LONG_FUNCTIONS[k]}
    assert not grown, f"allow-listed long functions grew (now, allowed): {grown}"


def test_long_function_allow_list_only_shrinks():
    found = _long_functions()
    stale = sorted(k for k in LONG_FUNCTIONS if k not in found)
    assert not stale, f"now short enough or gone — remove from LONG_FUNCTIONS in tests/test_architecture.py: {stale}"


# -- screens and commands call use cases (issue 11 §1) -------------------------------------------------------------
WRITES = re.compile(r"\.run_write\(|\.write\(\)|\bbegin\(|\.commit\(|\bSession\(")


def test_screens_and_commands_open_no_transaction():
    """Every write of reviewer/ui and reviewer/cli goes through a use case (reviewer/usecases/), which owns its one
    transaction; a screen or command opening ``archive.write()`` / ``run_write`` / ``begin()`` / ``commit()`` itself
    would split a user action over transactions again."""
    found = []
    for area in ("ui", "cli"):
        for path in sorted((ROOT / "reviewer" / area).rglob("*.py")):
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                code = line.split("#", 1)[0]
                if WRITES.search(code):
                    found.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert not found, "transactions opened outside reviewer/usecases:\n" + "\n".join(found)


def _engine_imports(tree) -> list[tuple[int, str]]:  # noqa: ANN001
    """``(line, name)`` of every name imported from ``reviewer.rules.engine`` (or the module itself) in ``tree``."""
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "reviewer.rules.engine":
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "reviewer.rules" and any(
                a.name == "engine" for a in node.names):
            out.append((node.lineno, "engine"))
        elif isinstance(node, ast.Import):
            out += [(node.lineno, "engine") for a in node.names if a.name == "reviewer.rules.engine"]
    return out


def test_screens_assess_only_through_the_use_case():
    """One way in (issue 11 §1): the workbench assesses through ``reviewer.usecases.submissions.assess_submission``
    (ledger budgets, settings defaults, the reviewer's explicit choices) — never the rule engine's ``assess`` (nor the
    engine module, from which ``assess`` could be reached). Reading ``baseline`` (the packs' parameters, for labels and
    the per-keystroke energy table) and the ``Assessment`` type stays allowed."""
    allowed = {"baseline", "Assessment"}
    bad = []
    for f in sorted((ROOT / "reviewer" / "ui").rglob("*.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        bad += [f"{f.relative_to(ROOT)}:{line} {name}" for line, name in _engine_imports(tree) if name not in allowed]
    assert not bad, bad


def test_engine_import_check_sees_assess():
    """The check above is not vacuous: it reports the engine path the wizard used to take."""
    src = "from reviewer.rules.engine import Assessment, assess, baseline\nimport reviewer.rules.engine\n"
    assert [n for _, n in _engine_imports(ast.parse(src))] == ["Assessment", "assess", "baseline", "engine"]
