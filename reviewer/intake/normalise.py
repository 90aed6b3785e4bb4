"""Safe normalisation of raw cell values before the shared field converter (``convert_value``) sees them.

Only changes whose meaning is certain are made, and each is reported to the applicant as a warning (rule ``N-…``):
full-width digits and letters (NFKC), thousands separators, stray/non-breaking spaces, numbers typed as text,
the 万 multiplier where the field's unit allows it, dates typed as text in an unambiguous form, dropdown labels
mapped to their codes. Anything else is passed through unchanged and judged by ``convert_value``.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from reviewer.intake.layout import intake_config, reverse_map
from reviewer.submission.spec import FieldSpec

Note = tuple[str, str, str]  # rule, zh, en

_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DATE_TEXT = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_SPACES = "\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
_ANY_SPACE = re.compile(f"[{_SPACES}]")  # one scan per cell for any of them


def _nfkc(s: str) -> str:
    return unicodedata.normalize("NFKC", s)


def _strip(s: str) -> str:
    return s.strip(" \t\r\n" + _SPACES)


def normalise(f: FieldSpec, raw: Any) -> tuple[Any, list[Note]]:
    """Return (value for ``convert_value``, notes)."""
    notes: list[Note] = []
    if raw is None:
        return None, notes
    if isinstance(raw, datetime) and f.type != "date":
        return raw, notes  # a date in a non-date field: convert_value reports the type error
    if isinstance(raw, float) and f.type in ("string", "enum") and raw.is_integer():
        raw = str(int(raw))  # a code typed as a number (e.g. industry code 39)
    elif isinstance(raw, (int, float)) and not isinstance(raw, bool) and f.type in ("string", "enum"):
        raw = str(raw)
    if not isinstance(raw, str):
        return raw, notes
    s = raw
    if _ANY_SPACE.search(s) is not None or s != s.strip():
        stripped = _strip(s)
        if stripped != s and stripped:
            notes.append(("N-SPACE", "已去除首尾多余空格。", "Stray leading/trailing spaces removed."))
        s = stripped
    if f.type == "enum":
        return _enum(f, s, notes)
    if f.type in ("decimal", "integer", "date") or f.check:
        folded = _nfkc(s)
        if folded != s:
            notes.append(("N-FULLWIDTH", "已将全角字符转换为半角。", "Full-width characters converted to half-width."))
            s = folded
    if f.type in ("decimal", "integer"):
        return _number(f, s, notes)
    if f.type == "date":
        return _date(s, notes)
    if f.type == "boolean":
        return s, notes
    return s, notes


def _enum(f: FieldSpec, s: str, notes: list[Note]) -> tuple[Any, list[Note]]:
    """A dropdown's shown text or code → code; a unit alias (m3 → m³) or full-width spelling with a warning."""
    table = reverse_map(f.list)
    code = table.get(s.casefold())
    if code is not None:
        return code, notes
    folded = _nfkc(s).casefold()
    code = table.get(folded)
    if code is None and f.list == "units":
        code = unit_aliases().get(s) or unit_aliases().get(_nfkc(s))
    if code is not None:
        notes.append(("N-ALIAS", f"“{s}”已按“{code}”识别。", f"{s!r} read as {code!r}."))
        return code, notes
    return s, notes


def unit_aliases() -> dict[str, str]:
    """Alias spellings of units (``rules/units.toml``) → the unit's canonical name used in the dropdown."""
    from reviewer.rules.reference import units

    return {alias: u.name for alias, u in units().items()}


def _number(f: FieldSpec, s: str, notes: list[Note]) -> tuple[Any, list[Note]]:
    if s == "":
        return s, notes
    t = s.replace(" ", "")
    cfg = intake_config()["normalise"]
    multiplier = Decimal(1)
    for suffix in {f.unit, _nfkc(f.unit)} if f.unit else ():
        if t.endswith(suffix) and len(t) > len(suffix):
            t = t[: -len(suffix)]
            notes.append(("N-UNIT-SUFFIX", f"已去除数值后的单位“{f.unit}”。", f"Unit suffix {f.unit!r} removed."))
            break
    if t.endswith("万") and f.unit:
        t = t[:-1]
        prefix = str(cfg["wan_unit_prefix"])
        if not f.unit.startswith(prefix):
            multiplier = Decimal(str(cfg["wan_factor"]))
            notes.append(("N-WAN", f"已将“万”换算：数值乘以 {multiplier}（单位 {f.unit}）。",
                          f"'万' converted: value multiplied by {multiplier} ({f.unit})."))
        else:
            notes.append(("N-WAN", f"已去除多余的“万”（本栏单位已是 {f.unit}）。",
                          f"Redundant '万' removed (the unit is already {f.unit})."))
    if _THOUSANDS.match(t):
        t = t.replace(",", "")
        notes.append(("N-THOUSANDS", "已去除千位分隔符。", "Thousands separators removed."))
    if _NUMBER.match(t):
        try:
            value = Decimal(t) * multiplier
        except InvalidOperation:
            return s, notes
        if not notes:
            notes.append(("N-NUMBER-TEXT", "数值以文本形式填写，已转换为数字（请将单元格设为数值格式）。",
                          "A number was entered as text and converted."))
        return value, notes
    return s, notes  # convert_value will reject it with a type error (e.g. "inf", "约100")


def _date(s: str, notes: list[Note]) -> tuple[Any, list[Note]]:
    m = _DATE_TEXT.match(s)
    if not m:
        return s, notes  # convert_value accepts ISO text or reports a type error
    try:
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return s, notes
    notes.append(("N-DATE-TEXT", f"日期以文本“{s}”填写，已识别为 {d.isoformat()}（请使用日期格式）。",
                  f"Date typed as text {s!r}, read as {d.isoformat()}."))
    return d, notes
