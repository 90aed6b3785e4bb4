"""Clean-process worker of ``reviewer verify --recompute``: reads {submission, assessment, view_model} as JSON on
stdin, re-runs the engine on the submission with exactly the parameters, choices, overrides and regime date of the
embedded receipt, rebuilds the view-model with the same document inputs, and writes {engine_version, view_model,
not_in_receipt} as JSON on stdout. Run as ``python -I -m reviewer.usecases.recompute_worker``; it reads nothing
from the archive or the settings, so the result depends only on the document and the engine.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from typing import Any

from reviewer import __version__
from reviewer.opinion.viewmodel import SectionVM, build_view_model
from reviewer.rules.engine import assess, baseline
from reviewer.rules.params import ParameterStore
from reviewer.submission.parse import submission_from_data


def dates_of(embedded: dict[str, Any]) -> tuple[date | None, date | None]:
    """``(on, decision_date)`` that reproduce a recorded run: the recorded decision date when the reviewer gave one
    (``regime_date_source == "override"``); otherwise both default to the application date again."""
    if embedded.get("regime_date_source") != "override":
        return None, None
    if embedded.get("decision_date"):
        return None, date.fromisoformat(embedded["decision_date"])
    return date.fromisoformat(embedded["regime_date"]), None


def recompute(doc: dict[str, Any]) -> dict[str, Any]:
    embedded, vm = doc["assessment"], doc["view_model"]
    snapshot = embedded.get("parameters") or {}
    store = ParameterStore.from_snapshot(snapshot, under=baseline())
    on, decided = dates_of(embedded)
    result = assess(submission_from_data(doc["submission"]), on=on, decision_date=decided, params=store,
                    choices=embedded.get("choices") or None, overrides=embedded.get("overrides") or None)
    again = json.loads(json.dumps(result.to_dict(), default=str))
    new_vm = build_view_model(
        kind=vm["kind"], submission=doc["submission"], assessment=again, doc_number=vm["doc_number"],
        issued_on=date.fromisoformat(vm["issued_on"]), commission=vm.get("commission", ""),
        reviewer=vm.get("reviewer", ""), reasons=vm.get("reasons") or [], missing_items=vm.get("missing_items") or [],
        sections=[SectionVM(**s) for s in vm.get("sections") or []], review_body=vm.get("review_body", ""),
        supersedes=vm.get("supersedes", ""), cc=vm.get("cc") or [], extra=vm.get("extra") or {})
    if not vm.get("appendix"):  # issued with --no-appendix
        new_vm.appendix, new_vm.formulas, new_vm.parameters, new_vm.charts = [], [], [], []
    return {"engine_version": __version__,
            "view_model": json.loads(json.dumps(new_vm.to_dict(), ensure_ascii=False, default=str)),
            "not_in_receipt": sorted(set(again.get("parameters", {})) - set(snapshot))}


def main() -> int:
    doc = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    try:
        out = recompute(doc)
    except Exception as exc:  # noqa: BLE001 — reported to the parent as a failed recomputation, never a traceback
        out = {"error": f"{type(exc).__name__}: {getattr(exc, 'message_zh', '') or exc}"}
    sys.stdout.buffer.write(json.dumps(out, ensure_ascii=False).encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
