"""The materials checklist and the data-items checklist, both rule data under ``rules/materials/``.

``checklist.toml``: statutory materials by regime date (令第31号 第十二条: 节能报告 + 书面承诺; Shanghai additions flagged
unverified); ``data_items.toml``: what the submission's data must contain before the substantive review. What is
missing of either goes into the one-time 补正通知 (令第31号 第十四条).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from reviewer.paths import data_dir


@cache
def checklist_doc() -> dict[str, Any]:
    with (data_dir("rules") / "materials" / "checklist.toml").open("rb") as fh:
        return tomllib.load(fh)


@cache
def data_items_doc() -> dict[str, Any]:
    with (data_dir("rules") / "materials" / "data_items.toml").open("rb") as fh:
        return tomllib.load(fh)


KINDS: dict[str, dict[str, str]] = checklist_doc()["kinds"]


@dataclass(frozen=True)
class MaterialItem:
    id: str
    kind: str
    label: str
    label_en: str
    source: str
    verified: bool
    shanghai: bool = False


def material_items(day: date) -> list[MaterialItem]:
    """The materials required for an application whose regime date is ``day``."""
    out = []
    for it in checklist_doc()["items"]:
        if it["from"] <= day and ("to" not in it or day <= it["to"]):
            out.append(MaterialItem(it["id"], it["kind"], it["label"], it["label_en"], it["source"],
                                    bool(it["verified"]), bool(it.get("shanghai", False))))
    return out


@dataclass(frozen=True)
class DataGap:
    label: str
    label_en: str


def data_items(data: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """The data checklist items that apply to ``data`` (all items when ``data`` is None)."""
    doc = data_items_doc()
    if data is None:
        return doc["items"]
    industry = str((data.get("project") or {}).get("industry_code", ""))[:2]
    return [it for it in doc["items"] if "industries" not in it or industry in doc[it["industries"]]]


def data_gaps(data: dict[str, Any]) -> list[DataGap]:
    """Everything the submission's data lacks for a substantive review."""
    out: list[DataGap] = []
    for it in data_items(data):
        sec = data.get(it["section"])
        if it.get("rows"):
            ok = bool(sec)
        else:
            ok = isinstance(sec, dict) and sec.get(it["field"]) not in (None, "", [])
        if not ok:
            out.append(DataGap(it["label"], it["label_en"]))
    return out


def kind_label(kind: str) -> str:
    return KINDS.get(kind, {}).get("label", kind)
