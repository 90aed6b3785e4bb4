"""Shared builders for the intake tests (a rich valid submission, workbook mutation helpers) and the checks that
keep ``forms/submission.toml`` and ``reviewer.domain.model`` in step, in both directions."""

from __future__ import annotations

import dataclasses
import io
import typing
import zipfile
from datetime import date
from decimal import Decimal
from typing import Callable

from openpyxl import load_workbook

from reviewer.domain import model as m
from reviewer.submission.checks import credit_code_with_check

CREDIT = credit_code_with_check("91310117MA1H2J3K4")
CREDIT_OTHER = credit_code_with_check("91310117MA1ABCDEF")
CODE = "2026-310117-39-03-000777"


def sample_submission(code: str = CODE, **project_changes) -> m.Submission:
    """A submission touching every section and every field type (string, decimal, integer, date, boolean, enum)."""
    project = m.Project(
        code=code, name="某精密电子有限公司传感器扩产项目", builder="上海某精密电子有限公司", builder_credit_code=CREDIT,
        town="车墩镇", park="上海松江经济技术开发区", address="松江区车墩镇某路 88 号", industry_code="39",
        project_type=m.ProjectType.EXPAND, application_date=date(2026, 3, 16), total_investment_wan=Decimal("12500.5"),
        construction_start=date(2026, 6, 1), construction_end=date(2027, 9, 30), commissioning_year=2027,
        output_value_wan=Decimal("48000"), added_value_wan=Decimal("11250.75"), government_invested=False,
        site_process_equipment_unchanged=True, employees=320, description="扩建传感器生产线 2 条。\n配套空压站。",
    )
    for k, v in project_changes.items():
        setattr(project, k, v)
    return m.Submission(
        project=project,
        energy=[
            m.EnergyItem("电力", Decimal("1850.25"), "万kWh"),
            m.EnergyItem("天然气", Decimal("42.5"), "万m³", ncv=Decimal("35544"), ncv_unit="kJ/m³", note="锅炉"),
            m.EnergyItem("电力", Decimal("120000"), "kWh", source=m.EnergySource.ONSITE_PV),
            m.EnergyItem("柴油", Decimal("3.2"), "t", purpose=m.Purpose.FEEDSTOCK, existing=True),
        ],
        products=[m.Product("传感器模组", Decimal("800"), "万只", Decimal("30000")),
                  m.Product("控制板", Decimal("150"), "万块", Decimal("18000"), unit_energy_kgce=Decimal("0.85"))],
        buildings=[m.Building("2号厂房", "factory", Decimal("18500"), Decimal("9200"), Decimal("5000"), green_star=1,
                              central_ac=True, energy_monitoring=True),
                   m.Building("研发楼", "office_commercial", Decimal("6200.5"), Decimal("1500"), Decimal("0"),
                              green_star=2, new_build=False, in_songjiang_new_city=True)],
        process_emissions=[m.ProcessEmission("刻蚀工序", "SF6", Decimal("0.012"), gwp=Decimal("23500"), method="物料衡算法")],
        equipment=[m.Equipment("螺杆空压机", 4, "LG-37", Decimal("37"), 1, "GB 19153-2019"),
                   m.Equipment("冷水机组", 2, rated_power_kw=Decimal("420.5"), efficiency_grade=2)],
        pv=m.Photovoltaic(Decimal("600"), Decimal("620000"), Decimal("120000")),
        data_centre=m.DataCentre(racks=12, it_load_kw=Decimal("96"), design_pue=Decimal("1.25"),
                                 green_power_share=Decimal("0.3")),
    )


def valid_bytes(sub: m.Submission | None = None) -> bytes:
    from reviewer.intake.template import workbook_bytes

    return workbook_bytes(sub or sample_submission())


def edit(data: bytes, fn: Callable) -> bytes:
    """Load the workbook in normal mode, let ``fn(wb)`` change it, save it back to bytes."""
    wb = load_workbook(io.BytesIO(data))
    fn(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def patch_member(data: bytes, member: str, fn: Callable[[bytes], bytes]) -> bytes:
    """Rewrite one part of the xlsx zip (for what openpyxl cannot write: cached formula values, NaN, control chars)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == member:
                body = fn(body)
            dst.writestr(info, body)
    return out.getvalue()


def sheet_part(data: bytes, sheet: str) -> str:
    """Zip member name of a worksheet, found through the workbook's relationships."""
    import re

    z = zipfile.ZipFile(io.BytesIO(data))
    wbxml = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet[^>]*name="{re.escape(sheet)}"[^>]*r:id="(rId\d+)"', wbxml).group(1)
    target = re.search(rf'<Relationship[^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
        rf'<Relationship[^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
    t = target.group(1)
    return t.lstrip("/") if t.startswith("/") else "xl/" + t


# -- the spec and the model agree, both directions --------------------------------------------------------------

def _optional(tp) -> bool:  # noqa: ANN001
    return type(None) in typing.get_args(tp)


def test_every_spec_field_is_a_model_field_and_back():
    from reviewer.submission.parse import SECTION_TYPES
    from reviewer.submission.spec import spec

    sp = spec()
    assert {s.key for s in sp.sections} == set(SECTION_TYPES)
    sub_fields = {f.name for f in dataclasses.fields(m.Submission)} - {"schema_version"}
    assert sub_fields == {s.key for s in sp.sections}, "Submission attributes vs spec sections"
    for sec in sp.sections:
        cls = SECTION_TYPES[sec.key]
        hints = typing.get_type_hints(cls)
        model_keys = {f.name for f in dataclasses.fields(cls)}
        spec_keys = {f.key for f in sec.fields}
        assert spec_keys == model_keys, f"{sec.key}: spec-only {spec_keys - model_keys}, model-only {model_keys - spec_keys}"
        defaults = {f.name for f in dataclasses.fields(cls)
                    if f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING}
        for f in sec.fields:
            tp = hints[f.key]
            base = [a for a in typing.get_args(tp) if a is not type(None)] or [tp]
            expected = {"string": str, "decimal": Decimal, "integer": int, "date": date, "boolean": bool}.get(f.type)
            if expected is not None:
                assert base[0] is expected, f"{sec.key}.{f.key}: spec {f.type} vs model {tp}"
            if f.required:
                assert f.key not in defaults, f"{sec.key}.{f.key} required in spec but has a model default"
            else:
                assert f.key in defaults, f"{sec.key}.{f.key} optional in spec but required by the model"


def test_sample_submission_is_valid_and_assessable():
    from reviewer.rules.engine import assess
    from reviewer.submission.parse import logic_problems, submission_from_data, submission_to_data

    sub = sample_submission()
    assert [p for p in logic_problems(sub) if p.severity == "error"] == []
    again = submission_from_data(submission_to_data(sub))
    assert again == sub
    assess(sub)


def with_code(data: bytes, code: str, old: str = CODE) -> bytes:
    """The same workbook with another 项目代码 (patched in the sheet XML: much faster than rebuilding it)."""
    part = sheet_part(data, "项目基本信息")
    return patch_member(data, part, lambda x: x.replace(old.encode(), code.encode()))


def test_lone_surrogates_are_control_characters():
    """A JSON escape like \\ud800 yields a lone surrogate no encoder accepts: refused as F-CTRL, never stored."""
    from reviewer.submission.parse import convert_value
    from reviewer.submission.spec import spec

    f = spec().section("project").field("name")
    value, problems = convert_value(f, "医院\ud800扩建", {"cell": "B7"})
    assert value is None and [p.rule for p in problems] == ["F-CTRL"]
