"""What a value looks like on screen: labels, never codes (issue 16).

Booleans read 是/否 (Yes/No); list-backed fields (towns, energy sources, purposes, industries …) read their label
from ``forms/lists.toml`` (industries as "84 卫生"); parameter ids read their label from the rule packs (the id goes
in a tooltip); a check's evidence reads "label：value" with lists joined by 、 — never a Python ``repr``.
Pure functions of the current language; no widgets.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

from reviewer.rules.engine import baseline
from reviewer.submission.spec import FieldSpec, lists, spec
from reviewer.ui.appstate import current_language
from reviewer.ui.project_model import level_label
from reviewer.ui.widgets import fmt

# Evidence keys of the policy checks (reviewer/rules/checks.py) → (zh, en)
EVIDENCE_LABELS = {
    "authority": ("审查机关", "Authority"), "benchmark": ("对标", "Benchmark"), "buildings": ("建筑", "Buildings"),
    "carbon_share_percent": ("占碳排放预算（%）", "Share of carbon budget (%)"), "coal_t": ("煤炭（t）", "Coal (t)"),
    "design_pue": ("设计PUE", "Design PUE"), "energy_share_percent": ("占能耗增量预算（%）", "Share of energy budget (%)"),
    "grade": ("能效水平", "Efficiency grade"), "green_power_kwh": ("绿电（kWh）", "Green power (kWh)"),
    "implied_pue": ("申报用电折算PUE", "Implied PUE"), "industry_code": ("行业", "Industry"),
    "installed_m2": ("已安装面积（m²）", "Installed (m²)"), "kind": ("类别", "Kind"), "large": ("大型数据中心", "Large"),
    "limit": ("限值", "Limit"), "parameters": ("参数", "Parameters"),
    "post_equivalent_tce": ("项目投产后当量值（tce）", "Post-project calorific (tce)"), "racks": ("机架数", "Racks"),
    "required_m2": ("要求面积（m²）", "Required (m²)"), "tce": ("当量值（tce）", "Calorific (tce)"),
    "tco2": ("碳排放（tCO₂）", "Carbon (tCO₂)"), "threshold_tce": ("界限（tce）", "Threshold (tce)"),
    "unit": ("单位", "Unit"), "unverified": ("待核实参数", "Unverified parameters"), "value": ("数值", "Value"),
    "year": ("年份", "Year"),
}


def en() -> bool:
    return current_language() == "en"


def yes_no(v: Any) -> str:
    return ("Yes" if v else "No") if en() else ("是" if v else "否")


@cache
def _list_index() -> dict[str, dict[str, dict[str, str]]]:
    return {name: {str(i["code"]): i for i in items} for name, items in lists().items()}


def list_label(list_name: str, code: Any) -> str:
    """The label of ``code`` in ``forms/lists.toml``'s list ``list_name`` (industries: "84 卫生"); else the code."""
    if code is None or code == "":
        return ""
    item = _list_index().get(list_name, {}).get(str(code))
    if item is None:
        return str(code)
    label = (item.get("label_en") or item["label"]) if en() else item["label"]
    if list_name == "industry_codes":
        return f"{code} {label}"
    return label


def industry_label(code: Any) -> str:
    return list_label("industry_codes", code)


def param_label(pid: str) -> str:
    """A rule parameter's label (its id when unknown)."""
    store = baseline()
    if pid in store:
        p = store.parameter(pid)
        return (p.label_en or p.label) if en() else p.label
    return pid


def value_text(v: Any) -> str:
    """Any stored value as a person reads it: 是/否, numbers grouped, lists joined with 、, dicts as 名：值."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return yes_no(v)
    if isinstance(v, (int, float, Decimal)):
        return fmt(v) if isinstance(v, (float, Decimal)) and v % 1 else f"{v:,}"
    if isinstance(v, (list, tuple)):
        return "、".join(value_text(x) for x in v)
    if isinstance(v, dict):
        name = v.get("label") or v.get("name") or v.get("building")
        if name:
            return str(name)
        return "；".join(f"{k}：{value_text(x)}" for k, x in v.items())
    return str(v)


def field_text(f: FieldSpec, v: Any) -> str:
    """A submission field's value with its unit; booleans 是/否, list-backed fields by label."""
    if v is None or v == "":
        return ""
    if f.type == "boolean" or isinstance(v, bool):
        return yes_no(v)
    if f.list:
        return list_label(f.list, v)
    text = value_text(v)
    return f"{text} {f.unit}" if f.unit else text


def section_field(section: str, key: str) -> FieldSpec | None:
    try:
        return spec().section(section).field(key)
    except (KeyError, StopIteration, ValueError):
        return None


def evidence_text(evidence: dict[str, Any]) -> tuple[str, str]:
    """(text, tooltip) of a check's evidence: labelled values; parameter ids by label, ids in the tooltip."""
    parts, ids = [], []
    for k, v in (evidence or {}).items():
        zh, en_label = EVIDENCE_LABELS.get(k, (k, k))
        label = en_label if en() else zh
        if k == "unverified" and isinstance(v, (list, tuple)):
            ids.extend(str(x) for x in v)
            text = "、".join(param_label(str(x)) for x in v)
        elif k == "parameters" and isinstance(v, dict):
            ids.extend(v)
            text = "、".join(f"{param_label(pid)} {value_text(p.get('value'))}{p.get('unit', '')}"
                            if isinstance(p, dict) else param_label(pid) for pid, p in v.items())
        elif k == "authority":
            text = level_label(str(v))
        elif k == "industry_code":
            text = industry_label(v)
        elif k == "buildings" and isinstance(v, list):
            text = "、".join(str(b.get("building", "")) + (f" {b['pv_area_m2']:,}/{b['required_m2']:,} m²"
                                                          if "required_m2" in b and "pv_area_m2" in b else "")
                            for b in v if isinstance(b, dict))
        else:
            text = value_text(v)
        parts.append(f"{label} = {text}")
    return "；".join(parts), ("\n".join(ids))


def _submission_ref(ref: str) -> str:
    """``project.added_value_wan`` / ``energy[0].quantity`` → 申报 · 项目基本信息 · 工业增加值 / 能源消费 第1行 · 数量."""
    import re

    m = re.fullmatch(r"(\w+)(?:\[(\d*)\])?(?:\.(\w+))?(.*)", ref.strip())
    if not m:
        return ref
    sec_key, row, field_key, rest = m.groups()
    try:
        sec = spec().section(sec_key)
    except (KeyError, StopIteration, ValueError):
        return ref
    parts = [(sec.label_en or sec.label) if en() else sec.label]
    if row not in (None, ""):
        parts[-1] += f" row {int(row) + 1}" if en() else f" 第{int(row) + 1}行"
    if field_key:
        f = section_field(sec_key, field_key)
        parts.append(((f.label_en or f.label) if en() else f.label) if f else field_key)
    text = " · ".join(parts)
    return text + rest


def origin_parts(origin: str, steps: dict[str, dict[str, Any]]) -> list[tuple[str, str | None]]:
    """Where an input came from, as (text, step key to link or None): steps by their label, submission fields by
    their section and field labels — never ``step: energy.item[0]…``."""
    origin = str(origin or "")
    head, _, tail = origin.partition(":")
    head, tail = head.strip(), tail.strip()
    if head == "step" and tail:
        out: list[tuple[str, str | None]] = []
        for key in (k.strip() for k in tail.split("/")):
            step = steps.get(key)
            out.append((str(step.get("label") or key), key) if step else (_generic_step(key), None))
        return out
    if head == "submission" and tail:
        return [(("Submission: " if en() else "申报：") + _submission_ref(tail), None)]
    if origin == "step":
        return [("calculation step" if en() else "计算步骤", None)]
    if origin == "parameters":
        return [("rule parameters" if en() else "规则参数", None)]
    if origin.startswith("rules/"):
        return [(("Rule data " if en() else "规则数据 ") + origin, None)]
    return [(origin, None)]


def _generic_step(key: str) -> str:
    """A step key without a concrete step (``energy.item[]``): its family in words."""
    families = {"energy.item": ("各能源品种折标", "per-carrier conversion"), "carbon.line": ("各排放源", "per source")}
    for prefix, (zh, en_text) in families.items():
        if key.startswith(prefix):
            return en_text if en() else zh
    return key
