"""JSON Schema (draft 2020-12) of a submission, generated from ``forms/submission.toml``."""

from __future__ import annotations

from typing import Any

from reviewer.submission.spec import FieldSpec, list_codes, spec


def _field_schema(f: FieldSpec) -> dict[str, Any]:
    s: dict[str, Any] = {"title": f.label, "description": f.label_en + (f" [{f.unit}]" if f.unit else "")}
    if f.type == "string":
        s["type"] = "string"
        if f.max_length:
            s["maxLength"] = f.max_length
    elif f.type in ("decimal", "integer"):
        s["type"] = "number" if f.type == "decimal" else "integer"
        if f.min is not None:
            s["minimum"] = f.min
        if f.max is not None:
            s["maximum"] = f.max
    elif f.type == "date":
        s["type"] = "string"
        s["format"] = "date"
    elif f.type == "boolean":
        s["type"] = "boolean"
    elif f.type == "enum":
        s["enum"] = list_codes(f.list)
    if f.default is not None:
        s["default"] = f.default
    return s


def json_schema() -> dict[str, Any]:
    sp = spec()
    props: dict[str, Any] = {"schema_version": {"enum": list(sp.accepted_versions or (sp.version,)), "title": "表单版本"}}
    required = ["schema_version"]
    for sec in sp.sections:
        obj = {
            "type": "object",
            "title": sec.label,
            "description": sec.label_en,
            "properties": {f.key: _field_schema(f) for f in sec.fields},
            "required": [f.key for f in sec.fields if f.required],
            "additionalProperties": False,
        }
        if sec.kind == "table":
            props[sec.key] = {"type": "array", "title": sec.label, "items": obj}
            if sec.max_rows:
                props[sec.key]["maxItems"] = sec.max_rows
        else:
            props[sec.key] = obj
            if not sec.optional and sec.key == "project":
                required.append(sec.key)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:reviewer:submission:v{sp.version}",
        "title": "节能审查与碳排放评价申报数据 / Energy review and carbon evaluation submission",
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }
