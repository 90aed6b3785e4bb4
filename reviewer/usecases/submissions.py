"""Use cases around submissions and their assessment: the defaults every entry point applies.

The reviewer's defaults from Settings — electricity factor basis and regime date — apply the same way whether a
submission is assessed by ``reviewer import``, ``reviewer opinion`` or the review wizard (issue 11 §4).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from reviewer.errors import UserError
from reviewer.settings import Settings


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
