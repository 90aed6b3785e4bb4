"""Use cases of the review in progress: the reviewer's own text that goes into the opinion.

The conditions (审查意见的“其他要求”) or, for a rejection, the reasons are the reviewer's decision: every change is
an audit event (who, when, the full text and what it replaced) before the opinion is previewed. The preview and the
signed document both take the same list (``PreviewRequest.extra["conditions"]`` / ``reasons``, see
``reviewer.ui.opinion_adapter``), and signing refuses a document that differs from the preview (content hash), so
what is signed is what was seen and audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from reviewer.archive import audit
from reviewer.archive.models import Project
from reviewer.errors import UserError
from reviewer.usecases.base import Context, Result, run_unit


@dataclass(frozen=True)
class ConditionsRequest:
    """The reviewer's conditions (approval) or reasons (rejection), one item per line, and the list they replace."""

    project_code: str
    outcome: str  # approved | rejected
    conditions: Sequence[str]
    previous: Sequence[str] = ()
    actor: str = ""


def record_conditions(ctx: Context, req: ConditionsRequest) -> Result[int | None]:
    """Audit the edited conditions (one transaction); ``None`` when nothing changed. Returns the audit event id."""
    items = [c.strip() for c in req.conditions if c.strip()]
    if items == [c.strip() for c in req.previous if c.strip()]:
        return Result(None)
    if req.outcome not in ("approved", "rejected"):
        raise UserError("请先选择审查结论：通过或不予通过。", "Choose the outcome (approve or reject) first.")
    actor = ctx.who(req.actor)

    def write(s: Session) -> int:
        if s.scalars(select(Project.id).where(Project.code == req.project_code)).first() is None:
            raise UserError(f"档案库中没有项目代码为 {req.project_code} 的项目。",
                            f"No project with code {req.project_code} in the archive.")
        kind = "审查意见要求" if req.outcome == "approved" else "不予通过理由"
        ev = audit.record(s, actor=actor, action="opinion.conditions", entity="project", entity_id=req.project_code,
                          reason=f"审查人员修改{kind}",
                          payload={"outcome": req.outcome, "conditions": items, "previous": list(req.previous)})
        return ev.id

    return Result(run_unit(ctx, write))
