"""One Jinja2 environment for issued documents.

* A user template folder (``settings.user_template_dir``) is searched before the built-in ``report_templates/``,
  so a commission can override any template (same file name) without touching the installation.
* ``StrictUndefined``: a misspelt variable fails loudly (and in tests) instead of printing nothing.
* Autoescape on: templates produce a small XML markup (see :mod:`reviewer.opinion.render`); user text such as a
  project name containing ``<markup>`` or ``{{ }}`` is escaped and therefore printed literally.
* Central filters for numbers, units, dates and Chinese ordinals, so every template formats figures the same way.
"""

from __future__ import annotations

import tomllib
from datetime import date
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound

from reviewer.errors import UserError
from reviewer.paths import data_dir

_ENVS: dict[str, Environment] = {}
_CN_DIGITS = "零一二三四五六七八九"


def fmt_num(value: Any, decimals: int = 2) -> str:
    """Fixed decimals, half-up (as the opinions print figures); ``None`` → "—"."""
    if value is None or value == "":
        return "—"
    try:
        d = Decimal(str(value))
    except Exception:  # noqa: BLE001 — non-numeric text passes through
        return str(value)
    q = Decimal(1).scaleb(-decimals) if decimals > 0 else Decimal(1)
    return f"{d.quantize(q, rounding=ROUND_HALF_UP):f}"


def fmt_coef(value: Any, max_decimals: int = 5) -> str:
    """A coefficient with as many decimals as it has (up to ``max_decimals``), no trailing zeros."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    try:
        d = Decimal(str(value)).quantize(Decimal(1).scaleb(-max_decimals), rounding=ROUND_HALF_UP).normalize()
    except ArithmeticError:
        return str(value)
    return f"{d:f}"


def fmt_qty(value: Any) -> str:
    """A physical quantity as declared: integers without decimals, otherwise up to 4 decimals."""
    if value is None:
        return "—"
    d = Decimal(str(value))
    return f"{d:f}" if d == d.to_integral() and "." not in str(value) else fmt_coef(value, 4)


_STATUS_ZH = {"pass": "符合", "warn": "提示", "fail": "不符合", "not_applicable": "不适用", "missing": "缺少数据"}


def status_zh(value: Any) -> Any:
    """Check results from the rule engine (pass/warn/fail/not_applicable) in Chinese; anything else unchanged."""
    return _STATUS_ZH.get(value, value) if isinstance(value, str) else value


def fmt_date_zh(value: Any) -> str:
    """2026-03-05 → 2026年3月5日 (GB/T 9704: Arabic numerals, no leading zeros)."""
    d = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{d.year}年{d.month}月{d.day}日"


def cn_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (heading numbers 一、二、…)."""
    if n < 10:
        return _CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return (_CN_DIGITS[tens] if tens > 1 else "") + "十" + (_CN_DIGITS[ones] if ones else "")


def builtin_dir() -> Path:
    return data_dir("report_templates")


@lru_cache(maxsize=1)
def signed_text_forbidden() -> tuple[tuple[str, str], ...]:
    """(text, why) pairs a signed document must not contain (``report_templates/signed_text.toml``, corrections.md F)."""
    with open(builtin_dir() / "signed_text.toml", "rb") as fh:
        data = tomllib.load(fh)
    return tuple((str(x["text"]), str(x["why"])) for x in data.get("forbidden", []))


def environment(user_dir: str | Path | None = None) -> Environment:
    """The (cached) environment searching ``user_dir`` first, then the built-in templates."""
    key = str(user_dir or "")
    env = _ENVS.get(key)
    if env is not None:
        return env
    paths = [str(Path(user_dir).expanduser())] if user_dir and Path(user_dir).expanduser().is_dir() else []
    paths.append(str(builtin_dir()))
    env = Environment(loader=FileSystemLoader(paths), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)
    env.filters.update(num=fmt_num, coef=fmt_coef, qty=fmt_qty, date_zh=fmt_date_zh, cn=cn_ordinal,
                       status_zh=status_zh)
    _ENVS[key] = env
    return env


def render_markup(kind: str, context: dict[str, Any], user_dir: str | Path | None = None) -> str:
    """Render ``opinion/<kind>.xml.j2`` with ``context`` to the document markup."""
    env = environment(user_dir)
    name = f"opinion/{kind}.xml.j2"
    try:
        template = env.get_template(name)
    except TemplateNotFound:
        raise UserError(f"找不到文书模板 {name}（自定义模板目录与内置模板中均没有）。",
                        f"Template {name} not found in the user folder or the built-in templates.") from None
    return template.render(**context)
