"""Use cases around submissions and their assessment: the defaults every entry point applies.

The reviewer's defaults from Settings — electricity factor basis and regime date — apply the same way whether a
submission is assessed by ``reviewer import``, ``reviewer opinion`` or the review wizard (issue 11 §4).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, Mapping

from reviewer.domain.model import Submission
from reviewer.errors import UserError
from reviewer.rules.engine import Assessment, assess
from reviewer.services import district_budget_layer
from reviewer.settings import Settings
from reviewer.usecases.base import Context, Result


def assess_defaults(cfg: Settings) -> tuple[dict[str, Any] | None, date | None]:
    """``(choices, regime_date)`` from the settings: the carbon choices to pass to ``assess`` and the regime date
    (``None`` = the engine's default / the application date)."""
    choices = {"electricity_basis": cfg.default_factor_basis} if cfg.default_factor_basis else None
    regime = None
    if cfg.regime_date:
        try:
            regime = date.fromisoformat(cfg.regime_date)
        except ValueError:
            raise UserError(f"设置中的规则适用日期 {cfg.regime_date!r} 不是 YYYY-MM-DD 格式。",
                            f"Settings regime_date {cfg.regime_date!r} is not YYYY-MM-DD.") from None
    return choices, regime


@dataclass(frozen=True)
class AssessRequest:
    """Assess one submission (not stored): what-if ``overrides``, carbon ``choices``, regime date ``on``."""

    submission: Submission
    on: date | None = None
    overrides: Mapping[str, Any] | None = None
    choices: Mapping[str, Any] | None = None
    decision_date: date | None = None  # 令第31号 第三十四条 / corrections.md A2: procedure follows the decision date


def assess_submission(ctx: Context | None, req: AssessRequest) -> Result[Assessment]:
    """The assessment the archive would store: the district budgets the ledger holds (dated layer over the
    placeholders) and the settings' default choices and regime date where the request sets none.

    ``ctx=None`` (no archive on this machine yet): the packs' parameters alone.
    """
    params = None
    choices, regime = (None, None)
    if ctx is not None:
        with ctx.archive.read() as s:
            params = district_budget_layer(s)
        choices, regime = assess_defaults(ctx.settings)
    result = assess(req.submission, on=req.on or regime, overrides=req.overrides,
                    decision_date=req.decision_date,
                    choices=req.choices if req.choices is not None else choices, params=params)
    return Result(result)
