"""The review domain as plain, typed dataclasses.

The applicant's submission (:class:`Submission`) mirrors ``forms/submission.toml`` field for field — that file is
the single description from which the JSON Schema, the Excel template and the field validators are generated; a
test keeps the two in step. Quantities are :class:`~decimal.Decimal` so sums and rounding are exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

__all__ = [
    "ProjectType", "Purpose", "EnergySource", "FindingStatus", "Outcome",
    "Project", "Product", "Building", "EnergyItem", "ProcessEmission", "Equipment", "Photovoltaic",
    "DataCentre", "Submission", "Finding", "OpinionRecord",
]


class ProjectType(StrEnum):
    NEW = "新建"
    REBUILD = "改建"
    EXPAND = "扩建"
    RENOVATION = "技术改造"


class Purpose(StrEnum):
    FUEL = "fuel"  # 燃料/动力
    FEEDSTOCK = "feedstock"  # 原料用能


class EnergySource(StrEnum):
    PURCHASED = "purchased"  # 外购
    SELF_GENERATED = "self_generated"  # 自产（非可再生）
    ONSITE_PV = "onsite_pv_self_use"  # 场内光伏自发自用
    GREEN_POWER = "green_power"  # 外购绿电


class FindingStatus(StrEnum):
    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"


class Outcome(StrEnum):
    APPROVED = "approved"  # 原则同意（通过）
    REJECTED = "rejected"  # 不予通过
    CORRECTION = "correction"  # 补正通知


@dataclass
class Project:
    code: str  # 项目代码
    name: str
    builder: str  # 建设单位
    builder_credit_code: str  # 统一社会信用代码
    town: str  # 街镇/园区 of 松江区
    industry_code: str  # GB/T 4754-2017
    project_type: ProjectType
    application_date: date  # 申请（受理）日期 — selects the regime
    total_investment_wan: Decimal  # 总投资 万元
    construction_start: date | None = None
    construction_end: date | None = None
    commissioning_year: int | None = None
    output_value_wan: Decimal | None = None  # 达产年工业总产值/营业收入 万元
    added_value_wan: Decimal | None = None  # 达产年增加值 万元
    address: str = ""
    park: str = ""
    government_invested: bool = False
    site_process_equipment_unchanged: bool = False  # 令第31号 第8条 增量口径
    classified: bool = False  # 涉及国家秘密 (令第31号 第八条 exemption)
    high_polluting_fuel: bool = False  # a facility burns coal/heavy oil/residual oil/petroleum coke (declared)
    employees: int | None = None
    new_vehicles: int | None = None  # 新增（更新）车辆数 — public-sector NEV check VE-001
    new_energy_vehicles: int | None = None  # 其中新能源汽车数
    description: str = ""


@dataclass
class Product:
    name: str
    capacity: Decimal
    unit: str
    output_value_wan: Decimal | None = None
    benchmark: str = ""  # id of a benchmark row in rules/ (单位产品能耗 comparison)
    unit_energy_kgce: Decimal | None = None  # applicant-declared 单位产品综合能耗, checked against computed
    clinker_ratio: Decimal | None = None  # cement: 熟料配比 (0–1), for the GB 16780-2021 correction
    clinker_energy_kgce: Decimal | None = None  # cement: the plant's clinker 综合能耗, kgce/t


@dataclass
class Building:
    name: str
    use_type: str  # code from rules (e.g. office_government, school, factory, hospital, commercial …)
    floor_area_m2: Decimal
    roof_area_m2: Decimal = Decimal(0)
    pv_area_m2: Decimal = Decimal(0)
    green_star: int = 0  # 0 基本级, 1–3 星
    ultra_low_energy: bool = False
    central_ac: bool = False
    new_build: bool = True
    in_songjiang_new_city: bool = False
    energy_monitoring: bool = False
    renewable_other: str = ""  # renewable energy other than PV (679号: at least one kind per new building)


@dataclass
class EnergyItem:
    carrier: str  # code from rules/carriers.toml
    quantity: Decimal
    unit: str
    purpose: Purpose = Purpose.FUEL
    source: EnergySource = EnergySource.PURCHASED
    ncv: Decimal | None = None  # measured calorific value, overrides the default coefficient when given
    ncv_unit: str = ""
    existing: bool = False  # part of the existing plant (改扩建 baseline), not of the new consumption
    note: str = ""
    green_trade_kind: str = ""  # 外购绿电: inter_provincial (省间绿电) / intra_provincial (省内绿电) / certificate (绿证)
    green_evidence: str = ""  # reference of the trade contract / settlement / 绿色电力消费凭证


@dataclass
class ProcessEmission:
    source: str
    gas: str  # CO2, CH4, N2O …
    quantity_t: Decimal  # tonnes of gas
    gwp: Decimal | None = None
    method: str = ""
    kind: str = "emission"  # emission | sequestration (固碳产品) | recovery (回收利用) — the latter two reported apart


@dataclass
class Equipment:
    name: str
    quantity: int
    model: str = ""
    rated_power_kw: Decimal | None = None
    efficiency_grade: int | None = None  # 能效等级 1–3
    standard: str = ""


@dataclass
class Photovoltaic:
    capacity_kw: Decimal = Decimal(0)
    annual_generation_kwh: Decimal = Decimal(0)
    self_use_kwh: Decimal = Decimal(0)


@dataclass
class DataCentre:
    racks: int
    it_load_kw: Decimal
    design_pue: Decimal
    green_power_share: Decimal | None = None  # 0–1
    intelligent_computing: bool = False  # 智算中心 (seed task #17)
    rack_utilisation: Decimal | None = None  # design 上架率, 0–1
    compute_pflops: Decimal | None = None  # computing capacity, PFLOPS (FP16)


@dataclass
class Submission:
    project: Project
    energy: list[EnergyItem] = field(default_factory=list)
    products: list[Product] = field(default_factory=list)
    buildings: list[Building] = field(default_factory=list)
    process_emissions: list[ProcessEmission] = field(default_factory=list)
    equipment: list[Equipment] = field(default_factory=list)
    pv: Photovoltaic = field(default_factory=Photovoltaic)
    data_centre: DataCentre | None = None
    schema_version: str = "3"


@dataclass
class Finding:
    id: str  # stable check id, e.g. PV-001
    status: FindingStatus
    message_zh: str
    message_en: str
    clause: str = ""
    evidence: dict = field(default_factory=dict)
    override_status: FindingStatus | None = None
    override_reason: str = ""
    remark: str = ""

    @property
    def effective_status(self) -> FindingStatus:
        return self.override_status or self.status


@dataclass
class OpinionRecord:
    project_code: str
    doc_number: str  # 文号
    outcome: Outcome
    version: int
    issued_on: date
    sha256: str
    supersedes: str | None = None
