"""Read a submission from plain data (JSON), collecting every problem at once.

:func:`convert_value` is the single field-level converter: the JSON reader here and the Excel reader
(``reviewer.intake``) both use it, so a field means the same in both formats.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import fields as dc_fields
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import Any

from reviewer.domain import model as m
from reviewer.errors import Problem, UserError, ValidationFailed
from reviewer.submission.checks import CHECKS
from reviewer.submission.spec import FieldSpec, SectionSpec, bound_text, list_codes, spec

SECTION_TYPES = {
    "project": m.Project, "energy": m.EnergyItem, "products": m.Product, "buildings": m.Building,
    "pv": m.Photovoltaic, "process_emissions": m.ProcessEmission, "equipment": m.Equipment,
    "data_centre": m.DataCentre,
}

TYPE_NAMES = {"string": ("文本", "text"), "decimal": ("数值", "number"), "integer": ("整数", "integer"),
              "date": ("日期（YYYY-MM-DD）", "date (YYYY-MM-DD)"), "boolean": ("是/否", "yes/no"),
              "enum": ("下拉选项之一", "one of the list")}

_TRUE = {"true", "1", "是", "yes", "y", "√", "✓"}
_FALSE = {"false", "0", "否", "no", "n", ""}


def _bad(f: FieldSpec, rule: str, zh: str, en: str, found: Any, expected: str = "", **where) -> Problem:
    return Problem(rule=rule, message_zh=f"{f.label}：{zh}", message_en=f"{f.label_en}: {en}", field=f.key,
                   found=None if found is None else str(found)[:80], expected=expected or None, **where)


# Unicode categories Cc (control characters: U+0000–U+001F, U+007F–U+009F) and Cs (lone UTF-16 surrogates, from
# JSON escapes like \ud800, that no encoder accepts), except tab and newline — the same set as
# ``unicodedata.category(ch) in ("Cc", "Cs")``, both categories fixed by the Unicode standard; one scan per value.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@lru_cache(maxsize=None, typed=True)
def _bound(x: float) -> Decimal:
    """A spec bound as a Decimal (``Decimal(str(x))``), once per distinct bound."""
    return Decimal(str(x))


@lru_cache(maxsize=None)
def _code_set(list_name: str) -> frozenset[str]:
    """The codes of a reference list as a set (``lists()`` is read once per process), for the per-cell test."""
    return frozenset(list_codes(list_name))


def convert_value(f: FieldSpec, raw: Any, where: dict[str, str]) -> tuple[Any, list[Problem]]:
    """Convert one raw value for field ``f``; returns (value or None, problems)."""
    problems: list[Problem] = []
    if isinstance(raw, str):
        stripped = raw.strip()
        if _CONTROL.search(stripped) is not None:
            return None, [_bad(f, "F-CTRL", "含有不可见控制字符。", "contains control characters.", repr(raw), **where)]
        raw = stripped
    if raw is None or raw == "":
        if f.required:
            return None, [_bad(f, "F-REQUIRED", "必填项未填写。", "is required.", None, **where)]
        return f.default, []
    t = f.type
    try:
        if t == "string":
            value = str(raw)
            if f.max_length and len(value) > f.max_length:
                return None, [_bad(f, "F-LENGTH", f"长度 {len(value)} 超过上限 {f.max_length} 字。",
                                   f"length {len(value)} exceeds {f.max_length}.", value[:20] + "…",
                                   f"≤{f.max_length}", **where)]
        elif t in ("decimal", "integer"):
            if isinstance(raw, bool):
                raise ValueError
            if isinstance(raw, float) and not math.isfinite(raw):
                raise ValueError
            value = Decimal(str(raw)) if not isinstance(raw, Decimal) else raw
            if not value.is_finite():
                raise ValueError
            # Range first, on the Decimal: converting 1e999999999999 to int would exhaust memory.
            if f.min is not None and value < _bound(f.min):
                return None, [_bad(f, "F-RANGE", f"不应小于 {bound_text(f.min)}。", f"must be ≥ {bound_text(f.min)}.", raw,
                                   f"≥{bound_text(f.min)}", **where)]
            if f.max is not None and value > _bound(f.max):
                return None, [_bad(f, "F-RANGE", f"不应大于 {bound_text(f.max)}。", f"must be ≤ {bound_text(f.max)}.", raw,
                                   f"≤{bound_text(f.max)}", **where)]
            if t == "integer":
                if value.adjusted() > 18 or value != value.to_integral_value():
                    raise ValueError
                value = int(value)
        elif t == "date":
            if isinstance(raw, datetime):
                value = raw.date()
            elif isinstance(raw, date):
                value = raw
            else:
                value = date.fromisoformat(str(raw))
        elif t == "boolean":
            if isinstance(raw, bool):
                value = raw
            else:
                s = str(raw).strip().lower()
                if s in _TRUE:
                    value = True
                elif s in _FALSE:
                    value = False
                else:
                    raise ValueError
        elif t == "enum":
            value = str(raw)
        else:  # pragma: no cover - spec error
            raise AssertionError(f"unknown field type {t}")
    except (ValueError, InvalidOperation, TypeError):
        zh, en = TYPE_NAMES[t]
        return None, [_bad(f, "F-TYPE", f"应为{zh}。", f"must be a {en}.", raw, zh, **where)]
    if t == "enum":
        # outside the try: a broken reference list is a bug, not bad input
        if value not in _code_set(f.list):
            codes = list_codes(f.list)
            shown = "、".join(codes[:12]) + ("…" if len(codes) > 12 else "")
            return None, [_bad(f, "F-ENUM", f"“{value}”不在可选列表中（{shown}）。",
                               f"{value!r} is not in the list.", value, shown, **where)]
    if f.check and isinstance(value, str):
        bad = CHECKS[f.check](value)
        if bad:
            problems.append(_bad(f, f"F-{f.check.upper().replace('_', '-')}", bad[0], bad[1], value, **where))
    return (None if problems else value), problems


def build_record(sec: SectionSpec, values: dict[str, Any]) -> Any:
    cls = SECTION_TYPES[sec.key]
    names = {fl.name for fl in dc_fields(cls)}
    kwargs = {k: v for k, v in values.items() if k in names and v is not None}
    if sec.key == "project":
        kwargs["project_type"] = m.ProjectType(kwargs["project_type"])
    if sec.key == "energy":
        kwargs["purpose"] = m.Purpose(kwargs.get("purpose") or "fuel")
        kwargs["source"] = m.EnergySource(kwargs.get("source") or "purchased")
    return cls(**kwargs)


def logic_problems(sub: m.Submission, file: str | None = None) -> list[Problem]:
    """Checks across fields and sections (the JSON and Excel readers share them)."""
    from reviewer.rules.reference import carrier, units

    out: list[Problem] = []
    for i, item in enumerate(sub.energy):
        try:
            c = carrier(item.carrier)
        except UserError:
            continue
        u = units().get(item.unit)
        if u and u.dimension != c.dimension:
            out.append(Problem("L-UNIT-KIND", f"能源品种“{c.code}”不能使用计量单位“{item.unit}”。",
                               f"Unit {item.unit!r} does not fit carrier {c.code!r}.", file=file,
                               cell=f"energy[{i}]", field="unit", found=item.unit))
        if item.ncv is not None and not item.ncv_unit:
            out.append(Problem("L-NCV-UNIT", "填写了实测低位发热量，但未填写发热量单位。",
                               "A measured net calorific value needs its unit.", file=file, cell=f"energy[{i}]",
                               field="ncv_unit", found=str(item.ncv)))
        if item.source == m.EnergySource.ONSITE_PV and c.category != "electricity":
            out.append(Problem("L-PV-CARRIER", "来源为“光伏自发自用”的能源品种应为电力。",
                               "On-site PV self-use must be electricity.", file=file, cell=f"energy[{i}]",
                               field="source", found=item.carrier))
    if sub.pv.self_use_kwh > sub.pv.annual_generation_kwh:
        out.append(Problem("L-PV-SELF-USE", "光伏自发自用电量不应大于年发电量。",
                           "PV self-use cannot exceed PV generation.", file=file, cell="pv", field="self_use_kwh",
                           found=str(sub.pv.self_use_kwh), expected=f"≤{sub.pv.annual_generation_kwh}"))
    p = sub.project
    if p.construction_start and p.construction_end and p.construction_end < p.construction_start:
        out.append(Problem("L-DATES", "计划竣工日期早于计划开工日期。", "Completion precedes start.", file=file,
                           cell="project", field="construction_end"))
    if p.output_value_wan is not None and p.added_value_wan is not None and p.added_value_wan > p.output_value_wan:
        out.append(Problem("L-ADDED-VALUE", "达产年工业增加值大于工业总产值（增加值是总产值的一部分）。",
                           "Added value exceeds output value (it is a part of it).", file=file, cell="project",
                           field="added_value_wan", found=str(p.added_value_wan), expected=f"≤{p.output_value_wan}"))
    products_value = sum((x.output_value_wan or Decimal(0) for x in sub.products), Decimal(0))
    if p.output_value_wan is not None and products_value > p.output_value_wan:
        out.append(Problem("L-OUTPUT-SUM", "各产品产值之和大于项目总产值。",
                           "Sum of product output values exceeds the project's output value.", file=file,
                           cell="products", field="output_value_wan", found=str(products_value),
                           expected=f"≤{p.output_value_wan}"))
    for i, b in enumerate(sub.buildings):
        if b.pv_area_m2 > b.roof_area_m2 and b.roof_area_m2 > 0:
            out.append(Problem("L-PV-AREA", f"建筑“{b.name}”光伏安装面积大于屋顶面积。",
                               f"PV area of {b.name!r} exceeds its roof area.", severity="warning", file=file,
                               cell=f"buildings[{i}]", field="pv_area_m2"))
    return out


def submission_from_data(data: Any, file: str | None = None) -> m.Submission:
    """Build a :class:`Submission` from parsed JSON, or raise :class:`ValidationFailed` listing every problem."""
    sp = spec()
    problems: list[Problem] = []
    if not isinstance(data, dict):
        raise ValidationFailed("申报数据应为 JSON 对象。", "The submission must be a JSON object.",
                               problems=[Problem("S-ROOT", "申报数据应为 JSON 对象。", "Must be a JSON object.", file=file)])
    version = str(data.get("schema_version", ""))
    if version not in (sp.accepted_versions or (sp.version,)):
        problems.append(Problem("S-VERSION", f"表单版本“{version}”不受支持（应为 {sp.version}）。",
                                f"Form version {version!r} is not supported (expected {sp.version}).", file=file,
                                field="schema_version", found=version, expected=sp.version))
    known = {s.key for s in sp.sections} | {"schema_version"}
    for extra in sorted(set(data) - known):
        problems.append(Problem("S-EXTRA", f"未知的数据节“{extra}”。", f"Unknown section {extra!r}.", file=file,
                                field=extra, severity="warning"))
    built: dict[str, Any] = {}
    for sec in sp.sections:
        raw = data.get(sec.key)
        if raw is None:
            if sec.key == "project":
                problems.append(Problem("S-MISSING", "缺少“项目基本信息”。", "Project section is missing.", file=file,
                                        field="project"))
            continue
        rows = raw if sec.kind == "table" else [raw]
        if sec.kind == "table" and not isinstance(raw, list):
            problems.append(Problem("S-TYPE", f"“{sec.label}”应为列表。", f"{sec.label_en} must be a list.",
                                    file=file, field=sec.key))
            continue
        if sec.max_rows and len(rows) > sec.max_rows:
            problems.append(Problem("S-ROWS", f"“{sec.label}”超过 {sec.max_rows} 行。",
                                    f"{sec.label_en} has more than {sec.max_rows} rows.", file=file, field=sec.key))
            continue
        records = []
        for r, row in enumerate(rows):
            cell = f"{sec.key}[{r}]" if sec.kind == "table" else sec.key
            if not isinstance(row, dict):
                problems.append(Problem("S-TYPE", f"“{sec.label}”第{r + 1}行应为对象。", "Row must be an object.",
                                        file=file, cell=cell))
                continue
            for extra in sorted(set(row) - {f.key for f in sec.fields}):
                problems.append(Problem("S-EXTRA-FIELD", f"未知字段“{extra}”。", f"Unknown field {extra!r}.",
                                        file=file, cell=cell, field=extra, severity="warning"))
            values: dict[str, Any] = {}
            row_ok = True
            for f in sec.fields:
                value, probs = convert_value(f, row.get(f.key), {"file": file, "cell": cell} if file else {"cell": cell})
                problems.extend(probs)
                if any(p.severity == "error" for p in probs):
                    row_ok = False
                values[f.key] = value
            if row_ok:
                records.append(build_record(sec, values))
        built[sec.key] = records if sec.kind == "table" else (records[0] if records else None)
    errors = [p for p in problems if p.severity == "error"]
    if errors or built.get("project") is None:
        raise ValidationFailed(f"申报数据有 {len(errors)} 处错误。", f"The submission has {len(errors)} error(s).",
                               problems=problems)
    sub = m.Submission(
        project=built["project"],
        energy=built.get("energy", []),
        products=built.get("products", []),
        buildings=built.get("buildings", []),
        process_emissions=built.get("process_emissions", []),
        equipment=built.get("equipment", []),
        pv=built.get("pv") or m.Photovoltaic(),
        data_centre=built.get("data_centre"),
        schema_version=version,
    )
    problems.extend(logic_problems(sub, file))
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationFailed(f"申报数据有 {len(errors)} 处错误。", f"The submission has {len(errors)} error(s).",
                               problems=problems)
    return sub


def load_json(path: Path) -> m.Submission:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise UserError(f"找不到文件：{path}", f"File not found: {path}") from None
    except UnicodeDecodeError:
        raise UserError(f"文件 {path.name} 不是 UTF-8 编码的 JSON。", f"{path.name} is not UTF-8 JSON.") from None
    except OSError as exc:
        raise UserError(f"无法读取文件 {path}：{exc.strerror}", f"Cannot read {path}: {exc.strerror}") from None
    try:
        # Integers as Decimal too: a 5000-digit number then reaches the field's range check (F-RANGE, with the
        # field named) instead of tripping Python's int-string limit.
        data = json.loads(text, parse_float=Decimal, parse_int=Decimal, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise UserError(f"文件 {path.name} 不是有效的 JSON：第{exc.lineno}行第{exc.colno}列 {exc.msg}",
                        f"{path.name} is not valid JSON: line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    except _NonFinite as exc:
        raise UserError(f"文件 {path.name} 含有非有限数值（{exc}）。", f"{path.name} contains a non-finite number ({exc}).") from None
    except ValueError as exc:
        raise UserError(f"文件 {path.name} 含有无法读取的数值（{str(exc)[:80]}）。",
                        f"{path.name} contains a number that cannot be read.") from None
    except RecursionError:
        raise UserError(f"文件 {path.name} 嵌套过深。", f"{path.name} is nested too deeply.") from None
    return submission_from_data(data, file=path.name)


class _NonFinite(ValueError):
    """NaN / Infinity / -Infinity in JSON text (valid for Python's json, not for a submission)."""


def _reject_constant(name: str) -> Any:
    raise _NonFinite(name)


def submission_to_data(sub: m.Submission) -> dict[str, Any]:
    """The inverse of :func:`submission_from_data` (lossless for every field of the spec)."""
    sp = spec()
    out: dict[str, Any] = {"schema_version": sp.version}

    def enc(v: Any) -> Any:
        if isinstance(v, Decimal):
            return v
        if isinstance(v, date):
            return v.isoformat()
        if hasattr(v, "value") and isinstance(getattr(v, "value"), str):
            return v.value
        return v

    for sec in sp.sections:
        obj = getattr(sub, sec.key)
        if obj is None:
            continue
        rows = obj if sec.kind == "table" else [obj]
        encoded = [{f.key: enc(getattr(r, f.key)) for f in sec.fields if getattr(r, f.key) is not None} for r in rows]
        out[sec.key] = encoded if sec.kind == "table" else encoded[0]
    return out


def dumps(data: Any) -> str:
    """JSON text with Decimals written exactly."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=_default)


def dumps_compact(data: Any) -> str:
    """:func:`dumps` without indentation: the same values (read back, the same data), written by the C encoder
    (``indent`` makes ``json`` fall back to its pure-Python encoder, ≈ 5× slower)."""
    return json.dumps(data, ensure_ascii=False, default=_default)


def _default(o: Any) -> Any:
    if isinstance(o, Decimal):
        return int(o) if o == o.to_integral_value() and abs(o) < 10**15 else float(o)
    if isinstance(o, date):
        return o.isoformat()
    raise TypeError(type(o))
