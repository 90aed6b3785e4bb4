"""The ledger workbook's columns — one description shared by the exporter and the importer so they cannot drift."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.ledger.entries import ORIGIN_LABELS, STATUS_LABELS

TCE = "#,##0.00"
KWH = "#,##0"
DATE = "yyyy-mm-dd"
PCT = "0.0%"


@dataclass(frozen=True)
class Col:
    key: str  # LedgerEntry / LedgerBudget attribute
    header: str  # Chinese header (exact text the importer checks)
    kind: str  # text | int | number | date | status | origin
    width: int
    fmt: str | None = None
    required: bool = False
    aliases: tuple[str, ...] = ()  # other headers accepted on import (existing district workbooks)


ENTRY_SHEET = "台账明细"
ENTRY_SHEET_ALIASES = ("台账", "项目台账")
BUDGET_SHEET = "预算"
ENTRY_COLUMNS: tuple[Col, ...] = (
    Col("project_code", "项目代码", "text", 26, required=True, aliases=("项目编码", "项目统一代码", "上海项目代码")),
    Col("project_name", "项目名称", "text", 36, required=True, aliases=("项目",)),
    Col("builder", "建设单位", "text", 28),
    Col("town", "街镇/园区", "text", 18, required=True, aliases=("街镇", "所属街镇", "街镇（园区）", "建设地点")),
    Col("industry_code", "行业代码", "text", 9, aliases=("行业", "所属行业代码")),
    Col("year", "投产年度", "int", 9, required=True, aliases=("投产年份", "计入年度", "年度")),
    Col("doc_number", "审查意见文号", "text", 22, aliases=("文号", "批复文号")),
    Col("approved_on", "批复/同意变更日期", "date", 13, DATE, required=True, aliases=("批复日期", "审查意见日期", "出具日期")),
    Col("valid_until", "有效期至", "date", 12, DATE),
    Col("construction_started_on", "开工日期", "date", 12, DATE),
    Col("equivalent_tce", "年综合能耗-当量值(tce)", "number", 14, TCE, required=True,
        aliases=("当量值(tce)", "综合能耗当量值", "年综合能源消费量（当量值）", "年综合能源消费量(当量值,tce)")),
    Col("equal_value_tce", "年综合能耗-等价值(tce)", "number", 14, TCE, required=True,
        aliases=("等价值(tce)", "综合能耗等价值", "年综合能源消费量（等价值）", "年综合能源消费量(等价值,tce)")),
    Col("carbon_tco2", "年碳排放(tCO2)", "number", 13, TCE, aliases=("碳排放量", "碳排放(tCO2)", "年碳排放总量")),
    Col("green_power_kwh", "外购绿电(kWh)", "number", 15, KWH),
    Col("green_certificate_kwh", "绿证(kWh)", "number", 13, KWH),
    Col("green_deduction_equivalent_tce", "绿电绿证扣除-当量值(tce)", "number", 14, TCE),
    Col("green_deduction_equal_value_tce", "绿电绿证扣除-等价值(tce)", "number", 14, TCE),
    Col("energy_source", "用能来源（新增空间/能耗替代）", "text", 20),
    Col("origin", "依据", "origin", 9),
    Col("status", "状态", "status", 16),
    Col("closed_on", "关闭日期", "date", 12, DATE),
    Col("closed_reason", "关闭原因", "text", 30),
)
BUDGET_COLUMNS: tuple[Col, ...] = (
    Col("year", "年度", "int", 8, required=True),
    Col("town", "街镇/园区（空=全区）", "text", 20),
    Col("industry_code", "行业代码（空=不分行业）", "text", 12),
    Col("energy_equivalent_tce", "新增能耗预算-当量值(tce)", "number", 16, TCE),
    Col("energy_equal_value_tce", "新增能耗预算-等价值(tce)", "number", 16, TCE),
    Col("carbon_tco2", "新增碳排放预算(tCO2)", "number", 16, TCE),
    Col("note", "备注", "text", 30),
    Col("updated_by", "最后修改人", "text", 12),
    Col("updated_at", "最后修改时间(UTC)", "text", 20),
)
STATUS_BY_LABEL = {v: k for k, v in STATUS_LABELS.items()}
ORIGIN_BY_LABEL = {v: k for k, v in ORIGIN_LABELS.items()}
TOTAL_LABEL = "合计（有效记录）"
