"""Generate docs/rules.md from the rule packs (rules/) and the check registry.

    .venv/bin/python scripts/gen_rules_doc.py          # write docs/rules.md
    .venv/bin/python scripts/gen_rules_doc.py --check  # exit 1 if docs/rules.md is out of date

tests/test_rules_parameters.py runs the check, so the document never drifts from the packs.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "rules.md"


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _value(v: object) -> str:
    if isinstance(v, bool):
        return "是" if v else "否"
    return _cell(v)


def render() -> str:
    from reviewer.rules.checks import CHECKS
    from reviewer.rules.params import ParameterStore
    from reviewer.rules.reference import benchmark_rows, carbon_meta, carriers, regimes
    from reviewer.rules.trace import formulas

    store = ParameterStore.load()
    out: list[str] = [
        "# 规则参数与检查一览 — Rule packs reference",
        "",
        "> 本文件由 `scripts/gen_rules_doc.py` 从 `rules/` 自动生成，请勿手工编辑。"
        "Generated from `rules/`; do not edit by hand (a test fails when it is out of date).",
        "",
        "核实标记 / verified: ✔ = 已对照原文（或官方页面）核实；✘ = 未核实（二手来源或推断，可在评估时以 `--set` 覆盖，"
        "结果中标注“未核实”）。",
        "",
        "规则即数据：`reviewer/rules/` 代码中不得出现阈值、系数、因子或预算数字（tests/test_rules_parameters.py 以 AST 检查）。"
        "允许的数字仅为定义性常数：0、1（中性元、计数、索引、`date(year, 1, 1)`）；100（比例↔百分数）；1000（kg↔t、"
        "kWh↔MWh、GJ↔TJ 单位定义）；2（GB/T 4754 行业大类、统一社会信用代码前两位的截取）；params.py 中 10**15（JSON 安全整数界限）。"
        "Only definitional numbers are allowed in rule code: 0, 1, 100 (percent), 1000 (unit prefixes), 2 (code prefix "
        "length), 10**15 in params.py (JSON integer bound).",
        "",
        "## 1. 适用规章 Regimes",
        "",
        "| id | 名称 | 豁免条款 | 省级条款 |",
        "|---|---|---|---|",
    ]
    for rid, r in regimes().items():
        if rid in ("authorities", "bodies", "increment_rules"):
            continue
        out.append(f"| {rid} | {_cell(r['name'])} | {_cell(r['exemption_clause'])} | {_cell(r['provincial_clause'])} |")
    out += ["", "审查机关 / authorities: " + "；".join(f"`{k}` {v}" for k, v in regimes()["authorities"].items()), ""]
    out += ["增量口径规则 / increment rules (`review.regime.increment_rule`):", ""]
    out += [f"- `{k}`：{'、'.join(v['types'])}{'（建设地点、主要生产工艺和设备未改变）' if v['requires_unchanged'] else ''} — {v['clause']}"
            for k, v in regimes()["increment_rules"].items()]
    out += [""]

    out += ["## 2. 参数 Parameters", "",
            f"共 {len(store.ids())} 个参数。每个参数的每个时段取值一行。",
            "",
            "| 参数 id | 名称 | 取值 | 单位 | 起 | 止 | 来源（发布机关《文件》条款） | 核实 | 复核日期 |",
            "|---|---|---|---|---|---|---|---|---|"]
    for p in store.all():
        for v in p.values:
            src = v.source.cite() + (f" <{v.source.url}>" if v.source.url else "")
            out.append(
                f"| `{p.id}` | {_cell(p.label)} | {_value(v.value)} | {_cell(p.unit)} | {v.valid_from} | "
                f"{v.valid_to or '—'} | {_cell(src)} | {'✔' if v.verified else '✘'} | {p.last_review} |"
            )
    meta = carbon_meta()
    out += ["", "## 3. 碳排放核算口径 Carbon bases", "", "### 3.1 电力排放因子口径（`--set carbon.electricity.basis=…`）", "",
            "| 口径 | 名称 | 参数 |", "|---|---|---|"]
    out += [f"| `{k}` | {_cell(b['label'])} | `{b['parameter']}` |" for k, b in meta["electricity_bases"].items()]
    out += ["", "### 3.2 热力排放因子口径（`--set carbon.heat.basis=…`）", "", "| 口径 | 名称 | 参数 |", "|---|---|---|"]
    out += [f"| `{k}` | {_cell(b['label'])} | `{b['parameter']}` |" for k, b in meta["heat_bases"].items()]
    out += ["", "### 3.3 化石燃料排放因子集（`--set carbon.general.fuel_factor_set=…`）", "",
            "| 因子集 | 名称 | 指南 / 版本 | 能源品种 → 燃料行 |", "|---|---|---|---|"]
    for k, s in meta["fuel_sets"].items():
        rows = "；".join(f"{c}→{m['row']}（{m['ad_unit']}）{('，' + m['note']) if m.get('note') else ''}"
                        for c, m in s["carriers"].items())
        out.append(f"| `{k}` | {_cell(s['label'])} | {_cell(s['guideline'])} / {_cell(s['version'])} | {_cell(rows)} |")
    out += ["", "## 4. 能源品种 Carriers", "",
            "低位发热量参数：能耗与碳排放共用的同一发热量（实测值优先；corrections.md B2）。", "",
            "| 品种 | 类别 | 计入综合能耗 | 化石能源 | 计入煤炭消费量 | 当量系数参数 | 等价系数参数 | 低位发热量参数 |",
            "|---|---|---|---|---|---|---|---|"]
    for c in carriers().values():
        out.append(f"| {c.code} | {c.category} | {'是' if c.counted else '否（耗能工质）'} | {'是' if c.fossil else '否'} | "
                   f"{'是' if c.coal_consumption else '否'} | `{c.equivalent}` | `{c.equal_value or c.equivalent}` | "
                   f"{f'`{c.ncv}`' if c.ncv else '—'} |")
    out += ["", "## 5. 能效对标表 Benchmark rows", "",
            "分级：≤ 先进值 → 先进；≤ 基准值 → 达到基准；否则 未达基准。", "",
            "| 行 id | 类型 | 名称 | 表 | 单位 | 口径 | 先进（参数） | 基准（参数） |", "|---|---|---|---|---|---|---|---|"]
    for k, r in benchmark_rows().items():
        out.append(f"| `{k}` | {r['kind']} | {_cell(r['label'])} | {_cell(r['table'])} | {_cell(r['unit'])} | {r['basis']} | "
                   f"{_cell(r.get('advanced_label', ''))} `{r.get('advanced', '')}` | {_cell(r.get('baseline_label', ''))} "
                   f"`{r['baseline']}` |")
    out += ["", "## 6. 政策检查 Policy checks", "", "| ID | 检查 | 通过 / 不通过规则 |", "|---|---|---|"]
    for c in CHECKS:
        doc = " ".join(inspect.getdoc(type(c)).split())
        out.append(f"| {c.id} | {_cell(c.title)} | {_cell(doc)} |")
    out += ["", "## 7. 公式 Formulas", "", "| id | 公式 | 依据 |", "|---|---|---|"]
    out += [f"| {f.id} | {_cell(f.text_zh)} | {_cell(f.clause)} |" for f in formulas().values()]
    out += _lists_section()
    out.append("")
    return "\n".join(out)


def _lists_section() -> list[str]:
    """Rule lists of rules/policy.toml that are data, not parameters: each with its source and verified flag."""
    from reviewer.rules.reference import policy_data

    pol = policy_data()
    simple, obs = pol["simple_energy_sectors"], pol["obsolete_equipment"]
    out = ["", "## 8. 规则清单 Rule lists (rules/policy.toml)", "",
           f"### 8.1 用能工艺简单、节能潜力小的行业（`[simple_energy_sectors]`，{'✔' if simple['verified'] else '✘'}，"
           f"截至 {simple['as_of']}）", "",
           f"{_cell(simple['clause'])}。{_cell(simple['list_status'])}：自动豁免条目 {len(simple['prefixes'])} 个。"
           f"候选（仅列示，不自动适用）：{_cell(simple['candidate_source'])}。", "",
           "| 候选行业 | GB/T 4754 代码前缀 |", "|---|---|"]
    out += [f"| {_cell(c['label'])} | {'、'.join(c['prefixes'])} |" for c in simple["candidates"]]
    batches = {b["id"]: b for b in obs["batches"]}
    out += ["", f"### 8.2 高耗能落后机电设备（产品）淘汰目录（`[obsolete_equipment]`，{'✔' if obs['verified'] else '✘'}，"
            f"截至 {obs['as_of']}，EQ-002）", "", f"{_cell(obs['clause'])}。", "",
            "| 批次 | 文号 | 日期 | 条目 | 型号匹配（正则） |", "|---|---|---|---|---|"]
    out += [f"| {batches[e['batch']]['label']} | {_cell(batches[e['batch']]['notice'])} | {batches[e['batch']]['date']} | "
            f"{_cell(e['label'])} | `{_cell(e['pattern'])}` |" for e in obs["entries"]]
    return out


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print("docs/rules.md 已过期，请运行 scripts/gen_rules_doc.py / docs/rules.md is out of date", file=sys.stderr)
            return 1
        return 0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
