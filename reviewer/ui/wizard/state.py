"""What a review in progress holds (no Qt): the submission being reviewed, the reviewer's edits and choices.

The wizard's pages read from and write to one :class:`ReviewState`. It is saved as a JSON draft in
``$REVIEWER_HOME/drafts/<项目代码>.json`` after every page change (atomic replace), so closing the window or a crash
never loses work; the draft is deleted once the opinion is archived.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from reviewer.paths import home

DRAFT_VERSION = 1


@dataclass
class Decision:
    finding_id: str
    override_status: str | None = None  # pass | warn | fail | not_applicable, None = keep the engine's
    reason: str = ""
    remark: str = ""
    recorded: bool = False  # written to the archive (ReviewDecision + audit event)


@dataclass
class ReviewState:
    project_code: str
    submission_id: int
    assessment_id: int | None
    data: dict[str, Any]  # canonical submission data under review (energy items possibly edited)
    energy_edited: bool = False  # the reviewer corrected the submission (any section, not only energy): a new version
    regime_date: str = ""  # ISO; "" = application date
    carbon_choices: dict[str, Any] = field(default_factory=dict)
    decisions: dict[str, Decision] = field(default_factory=dict)
    completeness_ok: bool | None = None
    correction_missing: list[str] = field(default_factory=list)
    correction_issued: bool = False
    outcome: str = ""  # approved | rejected
    conditions: list[str] = field(default_factory=list)
    conditions_recorded: list[str] = field(default_factory=list)  # the list last audited (usecases.review)
    caps: dict[str, float | None] = field(default_factory=dict)  # equivalent_tce, equal_value_tce, carbon_tco2, coal_t
    prepared: str = ""  # fingerprint of what prepare_issue last archived (keeps repeated previews idempotent)
    opinion_id: int | None = None
    doc_number: str = ""
    page: int = 0

    # -- persistence ----------------------------------------------------------------------------------------
    @staticmethod
    def draft_path(code: str) -> Path:
        d = home() / "drafts"
        d.mkdir(exist_ok=True, mode=0o700)
        safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in code)
        return d / f"{safe}.json"

    def to_json(self) -> str:
        body = asdict(self)
        body["draft_version"] = DRAFT_VERSION
        return json.dumps(body, ensure_ascii=False, indent=1, default=str)

    @classmethod
    def from_json(cls, text: str) -> "ReviewState":
        raw = json.loads(text)
        raw.pop("draft_version", None)
        raw["decisions"] = {k: Decision(**v) for k, v in raw.get("decisions", {}).items()}
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in raw.items() if k in known})

    def save_draft(self) -> Path:
        p = self.draft_path(self.project_code)
        tmp = p.with_suffix(".tmp")
        fd = os.open(tmp, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(self.to_json())
        os.replace(tmp, p)
        return p

    @classmethod
    def load_draft(cls, code: str, submission_id: int) -> "ReviewState | None":
        """The saved draft for ``code`` if it was made on the same submission version (else it is stale)."""
        p = cls.draft_path(code)
        if not p.exists():
            return None
        try:
            st = cls.from_json(p.read_text(encoding="utf-8"))
        except (ValueError, TypeError, KeyError):
            return None
        return st if st.submission_id == submission_id else None

    def discard_draft(self) -> None:
        self.draft_path(self.project_code).unlink(missing_ok=True)

    # -- helpers --------------------------------------------------------------------------------------------
    def regime_day(self) -> date | None:
        return date.fromisoformat(self.regime_date) if self.regime_date else None

    def submission(self):
        from reviewer.submission.parse import submission_from_data

        return submission_from_data(self.data)
