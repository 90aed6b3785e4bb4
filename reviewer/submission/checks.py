"""Reference checks named by ``check =`` in ``forms/submission.toml``: codes with formats and check digits."""

from __future__ import annotations

import re

# GB 32100-2015 统一社会信用代码: 18 characters from this alphabet; the last is a check character.
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

# 全国投资项目在线审批监管平台 项目代码: 年份-行政区划-行业-类型-序号, e.g. 2026-310117-39-03-012345.
_PROJECT_CODE = re.compile(r"^\d{4}-\d{6}-\d{2}-\d{2}-\d{6}$")


def credit_code_problem(value: str) -> tuple[str, str] | None:
    """Return (zh, en) when ``value`` is not a valid unified social credit code, else ``None``."""
    v = value.strip().upper()
    if len(v) != 18 or any(ch not in _CREDIT_ALPHABET for ch in v):
        return ("统一社会信用代码应为18位数字或大写字母（不含 I、O、Z、S、V）。",
                "A unified social credit code has 18 digits or capital letters (no I, O, Z, S, V).")
    total = sum(_CREDIT_ALPHABET.index(ch) * w for ch, w in zip(v[:17], _CREDIT_WEIGHTS))
    check = _CREDIT_ALPHABET[(31 - total % 31) % 31]
    if v[17] != check:
        return (f"统一社会信用代码校验位错误：末位应为“{check}”，实为“{v[17]}”。",
                f"Check character of the credit code is wrong: expected {check!r}, found {v[17]!r}.")
    return None


def credit_code_with_check(first17: str) -> str:
    """Complete 17 characters with their check character (used by demo data and tests)."""
    total = sum(_CREDIT_ALPHABET.index(ch) * w for ch, w in zip(first17, _CREDIT_WEIGHTS))
    return first17 + _CREDIT_ALPHABET[(31 - total % 31) % 31]


def project_code_problem(value: str) -> tuple[str, str] | None:
    if not _PROJECT_CODE.match(value.strip()):
        return ("项目代码格式应为“年份-行政区划代码-行业代码-类型-序号”，如 2026-310117-39-03-012345。",
                "Project code must look like 2026-310117-39-03-012345 (year-area-industry-type-serial).")
    return None


CHECKS = {"credit_code": credit_code_problem, "project_code": project_code_problem}
