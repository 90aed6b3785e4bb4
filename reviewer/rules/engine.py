"""Assessment entry point: runs the rule modules over a submission and returns an :class:`Assessment`.

The assessment carries the explanation trace and a snapshot of every parameter it read, so an archived assessment
can be re-explained later even after the rule packs change.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any, Mapping

from reviewer import __version__
from reviewer.domain.model import Finding, Submission
from reviewer.rules.energy import EnergyResult, compute_energy
from reviewer.rules.params import ParameterStore, _jsonable
from reviewer.rules.result import AssessmentResult
from reviewer.rules.trace import Trace

_BASELINE: ParameterStore | None = None
_KEY_JSON: dict[str, str] = {}  # parameter id → its JSON key text (the ids of the rule packs: a few hundred)


def baseline() -> ParameterStore:
    """The built-in parameter packs, loaded once per process."""
    global _BASELINE
    if _BASELINE is None:
        _BASELINE = ParameterStore.load()
    return _BASELINE


@dataclass
class Assessment:
    regime_date: date
    energy: EnergyResult
    trace: Trace
    findings: list[Finding] = field(default_factory=list)
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)  # carbon, review, efficiency … (rule modules)
    overrides: dict[str, Any] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)  # raw Decimals shared between modules (not serialised)
    date_source: str = "application_date"  # or "override" when --date / on= was given
    decision_date: date | None = None  # the day legal basis and procedure follow (corrections.md A2)
    transition_rule: str = "decision_date"  # which day the substantive tests follow
    choices: dict[str, Any] = field(default_factory=dict)  # reviewer's recorded carbon-accounting choices
    pack: dict[str, str] = field(default_factory=dict)  # rule pack version / sha256 / origin the run used

    def receipt(self, snapshot: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
        """The execution receipt (issue 17 §1): what anyone needs to run this assessment again and get the same
        figures — engine and rule-pack identity, every parameter read (the snapshot, with value, unit, source,
        verified flag and validity; its hash here), the reviewer's choices and what-if overrides, and the regime
        with the transition rule that selected it."""
        snap = self.parameter_snapshot() if snapshot is None else snapshot
        review = self.sections.get("review") or {}
        regime_param = snap.get("review.regime.current") or {}
        digest = self._snapshot_digest(snap)
        return {
            "format": "reviewer-receipt/1",
            "engine_version": __version__,
            "rule_pack": dict(self.pack),
            "parameters": {"count": len(snap), "sha256": digest,
                           "unverified": sorted(k for k, v in snap.items() if not v.get("verified")),
                           "office_verified": sorted(k for k, v in snap.items() if v.get("office_verification"))},
            "choices": {k: _jsonable(v) if isinstance(v, Decimal) else v for k, v in self.choices.items()},
            "overrides": {k: _jsonable(v) if isinstance(v, Decimal) else v for k, v in self.overrides.items()},
            "regime": {
                "id": review.get("regime") or regime_param.get("value"),
                "name": review.get("regime_name", ""),
                "date": self.regime_date.isoformat(),
                "date_source": self.date_source,
                "decision_date": None if self.decision_date is None else self.decision_date.isoformat(),
                # Transition (review.transition.rule, corrections.md A2): the substantive tests follow the decision
                # date, or the application date when the reviewer chose so with a recorded reason; the regime is the
                # dated value of review.regime.current that covers that day.
                "transition_rule": self.transition_rule,
                "transition_text": ("实体性规定按申请日期适用（审查人员选择并说明理由）" if self.transition_rule ==
                                    "application_date" else "实体性规定按决定日期适用"),
                "valid_from": regime_param.get("valid_from"),
                "valid_to": regime_param.get("valid_to"),
                "source": regime_param.get("source"),
            },
        }

    def _snapshot_digest(self, snap: dict[str, dict[str, Any]]) -> str:
        """SHA-256 of ``json.dumps(snap, ensure_ascii=False, sort_keys=True, default=str)``, put together from each
        record's JSON — which a resolved value (immutable, shared by the store between assessments) writes once — in
        exactly the bytes ``json.dumps`` of the whole would give (``{"id": record, …}``, keys sorted, the default
        ``", "`` / ``": "`` separators; tests/test_engine_memo.py). A record that is not its resolved value's (a
        snapshot edited by a caller) is written as it is."""
        objs: dict[str, Any] = {}
        for step in self.trace.steps.values():
            for p in step.parameters:
                objs[p.id] = p
        parts = []
        for pid in sorted(snap):
            rec, p = snap[pid], objs.get(pid)
            text = p.record_json if p is not None and rec == p.record else json.dumps(
                rec, ensure_ascii=False, sort_keys=True, default=str)
            key = _KEY_JSON.get(pid)
            if key is None:
                key = _KEY_JSON[pid] = json.dumps(pid, ensure_ascii=False) + ": "
            parts.append(key + text)
        return hashlib.sha256(("{" + ", ".join(parts) + "}").encode()).hexdigest()

    def parameter_snapshot(self, records: dict[int, dict[str, Any]] | None = None) -> dict[str, dict[str, Any]]:
        """Every parameter the trace read, by id (the last step's record where steps differ). ``records`` (filled
        here, keyed by ``id()`` of each step's parameter object) lets :meth:`to_dict` reuse the records built."""
        memo: dict[int, dict[str, Any]] = {} if records is None else records
        snap: dict[str, dict[str, Any]] = {}
        for step in self.trace.steps.values():
            for p in step.parameters:
                rec = memo.get(id(p))
                if rec is None:
                    rec = memo[id(p)] = p.to_dict()
                snap[p.id] = rec
        return dict(sorted(snap.items()))

    def _steps_with_refs(self, snapshot: dict[str, dict[str, Any]],
                         records: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
        steps = []
        for step in self.trace.steps.values():
            if not step.parameters:
                steps.append(step.to_dict())
                continue
            refs: list[Any] = []
            for p in step.parameters:
                rec = records[id(p)]
                same = snapshot.get(p.id)
                refs.append(p.id if same is rec or same == rec else rec)
            steps.append(step.to_dict(refs))
        return steps

    def result(self) -> AssessmentResult:
        """This assessment typed (:mod:`reviewer.rules.result`): the records of :meth:`to_dict`, the public format."""
        return AssessmentResult.from_dict(self.to_dict())

    def to_dict(self, *, parameter_refs: bool = False) -> dict[str, Any]:
        """The public format (docs/assess-format.md). With ``parameter_refs`` a trace step names a parameter by id
        where its record equals the snapshot's (``parameters``) and keeps the record otherwise: the archive's
        compact trace (``reviewer.archive.compact.compact`` gives the same from the full form), made without
        building a full record per step."""
        records: dict[int, dict[str, Any]] = {}
        snapshot = self.parameter_snapshot(records)
        out: dict[str, Any] = {
            "engine_version": __version__,
            "regime_date": self.regime_date.isoformat(),
            "regime_date_source": self.date_source,
            "decision_date": None if self.decision_date is None else self.decision_date.isoformat(),
            "transition_rule": self.transition_rule,
            "energy": {
                "equivalent_tce": _jsonable(self.energy.equivalent_tce),
                "equal_value_tce": _jsonable(self.energy.equal_value_tce),
                "items": [
                    {
                        "carrier": ln.carrier,
                        "quantity": _jsonable(ln.quantity),
                        "unit": ln.unit,
                        "counted": ln.counted,
                        "excluded_reason": ln.excluded_reason,
                        "equivalent_tce": _jsonable(ln.equivalent_tce),
                        "equal_value_tce": _jsonable(ln.equal_value_tce),
                        "category": ln.category,
                        "purpose": ln.purpose,
                        "source": ln.source,
                        "existing": ln.existing,
                    }
                    for ln in self.energy.lines
                ],
            },
            "findings": [
                {
                    "id": f.id,
                    "status": str(f.effective_status),
                    "message": f.message_zh,
                    "message_en": f.message_en,
                    "clause": f.clause,
                    "evidence": {k: _jsonable(v) if isinstance(v, Decimal) else v for k, v in f.evidence.items()},
                }
                for f in self.findings
            ],
            "overrides": {k: _jsonable(v) if isinstance(v, Decimal) else v for k, v in self.overrides.items()},
            "choices": {k: _jsonable(v) if isinstance(v, Decimal) else v for k, v in self.choices.items()},
            "parameters": snapshot,
            "trace": self._steps_with_refs(snapshot, records) if parameter_refs else self.trace.to_list(),
        }
        out["receipt"] = self.receipt(out["parameters"])
        for name, section in self.sections.items():
            if name == "energy":
                out["energy"].update(section)
            else:
                out[name] = section
        return out


CHOICES = {
    "electricity_basis": "carbon.electricity.basis",
    "heat_basis": "carbon.heat.basis",
    "fuel_factor_set": "carbon.general.fuel_factor_set",
    "ncv_basis": "carbon.general.ncv_basis",
    "green_power_at_zero": "carbon.general.green_power_at_zero",
    "feedstock_excluded": "carbon.general.feedstock_excluded",
    "transition_rule": "review.transition.rule",
    "carbon_evaluation": "carbon.general.evaluation_selected",
    "simple_sector_exempt": "review.regime.simple_sector_confirmed",
}
"""Reviewer's recorded choices (``assess(choices=…)``, ``reviewer assess --choice``) → parameter."""

NOTE_CHOICES = ("transition_reason", "green_power_reason", "simple_sector_reason")
"""Recorded choices that are not parameters: the reviewer's stated reasons (audited with the assessment)."""


def assess(
    submission: Submission,
    *,
    on: date | None = None,
    overrides: Mapping[str, Any] | None = None,
    params: ParameterStore | None = None,
    choices: Mapping[str, Any] | None = None,
    decision_date: date | None = None,
) -> Assessment:
    """Assess ``submission`` under the regime in force ``on`` (default: its application date).

    ``choices`` are the reviewer's recorded carbon-accounting choices (keys of :data:`CHOICES`, e.g.
    ``{"electricity_basis": "mee_shanghai_2023"}``): they select among the packs' options and are recorded as
    choices, not as what-if overrides. ``overrides`` are what-if parameter values (``--set``).

    ``decision_date`` (default: ``on`` or the application date) is the day the legal basis and the procedure follow;
    the substantive tests follow the transition rule ``review.transition.rule`` (default the decision date; the
    reviewer may choose ``transition_rule=application_date`` with a ``transition_reason``) — corrections.md A2.
    """
    from reviewer.errors import UserError
    from reviewer.rules.params import CHOICE_SOURCE

    store = params or baseline()
    chosen: dict[str, Any] = {}
    if choices:
        known = [*CHOICES, *NOTE_CHOICES]
        unknown = [k for k in choices if k not in known]
        if unknown:
            raise UserError(f"未知的核算口径选择：{'、'.join(unknown)}。可选：{'、'.join(known)}",
                            f"Unknown choice(s): {', '.join(unknown)}. Known: {', '.join(known)}")
        chosen = {k: v for k, v in choices.items() if v is not None}
        store = store.with_overrides({CHOICES[k]: v for k, v in chosen.items() if k in CHOICES}, source=CHOICE_SOURCE)
    if overrides:
        store = store.with_overrides(overrides)
    decided = decision_date or on or submission.project.application_date
    rule = str(store.get("review.transition.rule", decided).value)
    if rule not in ("decision_date", "application_date"):
        raise UserError(f"未知的过渡规则“{rule}”。可选：decision_date（决定日期）、application_date（申请日期）",
                        f"Unknown transition rule {rule!r}: decision_date or application_date.")
    if rule == "application_date" and not str(chosen.get("transition_reason") or "").strip():
        raise UserError("选择按申请日期适用实体性规定时须说明理由（--choice transition_reason=…）。",
                        "Choosing the application date's substantive rules needs a reason (transition_reason).")
    if _truthy(chosen.get("simple_sector_exempt")) and not str(chosen.get("simple_sector_reason") or "").strip():
        raise UserError("认定属用能工艺简单、节能潜力小的行业（不单独进行节能审查）须说明理由（--choice simple_sector_reason=…）。",
                        "Marking the project exempt as a simple-energy sector needs a reason (simple_sector_reason).")
    day = submission.project.application_date if rule == "application_date" else decided
    trace = Trace()
    energy = compute_energy(submission, store, day, trace)
    what_if = {k: v for k, v in store.overrides.items() if store.override_source(k) is None}
    recorded = {k: (store.get(CHOICES[k], day).value if k in CHOICES else v) for k, v in chosen.items()}
    result = Assessment(regime_date=day, energy=energy, trace=trace, overrides=what_if,
                        date_source="application_date" if on is None and decision_date is None else "override",
                        choices=recorded, decision_date=decided, transition_rule=rule,
                        pack=store.pack.to_dict() if store.pack else {"version": "unpacked", "sha256": "",
                                                                      "origin": "custom"})
    for module in _modules():
        module(submission, store, day, result)
    return result


def _truthy(v: Any) -> bool:
    return v is True or str(v).strip().lower() in ("true", "1", "yes", "是")


def _modules():
    """Further rule modules, each ``fn(submission, params, day, assessment)`` adding sections and findings."""
    from reviewer.rules import modules

    return modules.REGISTRY
