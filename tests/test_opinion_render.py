"""The opinion document itself: content from the real assessment, GB/T 9704 layout, fonts, templates.

Every PDF here is rendered by the real pipeline (Jinja2 → markup → ReportLab) and inspected with poppler
(``pdffonts``, ``pdftotext``, ``pdfinfo``, ``pdftoppm``), i.e. as a reader sees it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from reviewer.opinion.render import render_pdf
from reviewer.opinion.templating import cn_ordinal, environment, fmt_num, render_markup
from reviewer.opinion.viewmodel import build_view_model
from reviewer.rules.engine import assess
from reviewer.services import canonical_data
from reviewer.submission.parse import load_json

pytestmark = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils missing")
ROOT = Path(__file__).resolve().parents[1]
COMMISSION = "上海市松江区发展和改革委员会"
RARE = "堃喆昇犇垚赟龑囍玥珺琍彧旻淼焱昱晔砼䶮𠀾"  # 20 characters; the last two are in no bundled face


def _inputs(name: str = "electronics"):
    sub = load_json(ROOT / "resources" / "demo" / f"{name}.json")
    data = canonical_data(sub)
    a = json.loads(json.dumps(assess(sub).to_dict(), default=str))
    return data, a


def _render(kind="approval", name="electronics", data=None, a=None, tmp_path=None, user_dir=None, **kw):
    if data is None:
        data, a = _inputs(name)
    vm = build_view_model(kind=kind, submission=data, assessment=a, doc_number="松发改能审〔2026〕12号",
                          issued_on=date(2026, 6, 5), commission=COMMISSION, **kw)
    markup = render_markup(kind, {"vm": vm}, user_dir)
    res = render_pdf(markup, title=vm.title, subject=vm.kind_label, keywords=[vm.project.code, vm.doc_number],
                     author=vm.commission, charts={c.id: c for c in vm.charts})
    path = (tmp_path or Path("/tmp")) / f"{name}-{kind}.pdf"
    path.write_bytes(res.pdf)
    return vm, res, path


def _text(path: Path, *extra: str) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *extra, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def _compact(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_approval_reads_like_an_opinion_with_the_assessed_figures(tmp_path):
    data, a = _inputs("hospital")
    vm, res, path = _render("approval", "hospital", data, a, tmp_path, final=True, confirmed_unverified=True)
    text = _compact(_text(path))
    assert f"关于{data['project']['name']}节能报告的审查意见" in text
    assert "松发改能审〔2026〕12号" in text
    assert "松江区某三级综合医院：" in text.replace(data["project"]["builder"], "松江区某三级综合医院")
    # legal basis of the regime in force on the application date (2026 → 令第31号, domain-rules.md §0)
    assert "《固定资产投资项目节能审查和碳排放评价办法》（国家发展改革委令第31号）" in text
    # figures exactly as the rule engine computed them, formatted to 0.01 tce (domain-rules.md §3.4)
    assert f"年综合能源消费量（当量值）为{a['energy']['equivalent_tce']:.2f}吨标准煤" in text
    # 等价值 is a cap only with a sourced coefficient (corrections.md F); the electricity 等价 coefficient is unverified
    assert f"不高于{a['energy']['equal_value_tce']:.2f}吨标准煤" not in text
    # no 碳排放评价 was required (令第31号 第十条): the chapter reports the 碳排放情况
    for heading in ("项目概况", "能源消费情况", "能效水平", "碳排放情况", "有关要求", "管理要求", "计算依据"):
        assert heading in text
    assert "2年内未开工建设的，本审查意见自动失效" in text
    assert "2026年6月5日" in text
    assert res.slot is not None and 0 <= res.slot.page < res.pages
    # GB/T 9704 grid: 28 characters per line (lines made only of full-width characters)
    full = [ln.strip() for ln in _text(path, "-layout").split("计算依据")[0].splitlines()
            if ln.strip() and all(ord(c) >= 0x3000 for c in ln.strip())]
    hang = "》），。、；：？！〕"  # closing punctuation may hang in the margin (禁则)
    assert max(len(ln[:-1] if ln[-1] in hang else ln) for ln in full) == 28
    # Chinese line breaking (禁则): no line of the body starts with closing punctuation
    body = _text(path).split("计算依据")[0]
    starts = [ln.strip()[:1] for ln in body.splitlines() if ln.strip()]
    assert not [c for c in starts if c in "》），。、；：？！〕"], starts


def test_energy_table_prints_coefficients_and_per_item_values(tmp_path):
    data, a = _inputs("electronics")
    _, _, path = _render("approval", "electronics", data, a, tmp_path)
    text = _compact(_text(path))
    # electronics demo: 4200 万kWh; 当量 0.1229 kgce/kWh (GB/T 2589-2020 附录A) → 4200e4 × 0.1229 / 1000 = 5161.80 tce;
    # 等价 0.28078 kgce/kWh is unverified → not printed as a figure of the opinion (corrections.md F).
    assert "来源/用途" in text and "外购" in text and "4200万kWh" in text and "0.12295161.80" in text
    body = text.split("附件：计算依据")[0]  # the 计算依据's energy balance may show 等价值 as information
    assert "合计5161.80" in body and "11792.76" not in body


def test_order2_regime_recital_for_an_older_application(tmp_path):
    data, a = _inputs("electronics")
    a = {**a, "regime_date": "2024-03-01"}
    a.pop("review", None)
    vm, _, path = _render("approval", "electronics", data, a, tmp_path)
    assert vm.regime.id == "order2"
    text = _compact(_text(path))
    assert "（国家发展改革委令2023年第2号）" in text
    assert "碳排放评价结论" not in text  # 令第2号: no formal carbon evaluation in the opinion
    assert "本审查意见自印发之日起两年内有效" in text


def test_missing_rule_sections_are_left_out_not_crashing(tmp_path):
    data, a = _inputs("electronics")
    slim = {k: a[k] for k in ("engine_version", "regime_date", "energy", "findings", "parameters", "trace")}
    vm, _, path = _render("approval", "electronics", data, slim, tmp_path)
    assert vm.carbon is None and vm.indicators == []
    text = _compact(_text(path))
    assert "本次评估未形成碳排放核算结果" in text


def test_rejection_lists_every_reason(tmp_path):
    reasons = ["单位产品综合能耗高于能耗限额标准基准值。", "碳排放核算未包括工业生产过程排放。"]
    _, _, path = _render("rejection", tmp_path=tmp_path, reasons=reasons)
    text = _compact(_text(path))
    assert "节能报告审查不予通过的意见" in text
    assert "（一）单位产品综合能耗高于能耗限额标准基准值。" in text
    assert "（二）碳排放核算未包括工业生产过程排放。" in text
    assert "该项目节能审查不予通过" in text


def test_correction_notice_lists_items_once_with_the_working_day_rule(tmp_path):
    items = ["项目备案（核准）证明文件", "能源计量器具配备方案", "碳排放核算明细表"]
    _, _, path = _render("correction", tmp_path=tmp_path, missing_items=items)
    text = _compact(_text(path))
    assert "申请材料补正的通知" in text
    for i, item in enumerate(items, 1):
        assert f"{cn_ordinal(i)}、{item}" in text
    assert "第十四条" in text and "5个工作日" in text and "一次性告知" in text


def test_all_fonts_embedded_and_page_is_a4_gbt9704(tmp_path):
    _, res, path = _render("approval", "hospital", tmp_path=tmp_path)
    fonts = _fonts(path)
    assert fonts, "no fonts listed"
    assert all(row[-5] == "yes" for row in fonts), fonts  # the 'emb' column
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info
    assert "Keywords:" in info and "2026-310117-84-01-000101" in info and "松发改能审〔2026〕12号" in info
    # page numbers "— n —": odd pages at the right, even pages at the left of the 版心 (GB/T 9704 §7.5)
    bbox = _text(path, "-bbox")
    pages = re.findall(r"<page .*?</page>", bbox, re.S)
    assert len(pages) == res.pages >= 2
    for n, page in enumerate(pages[:2], 1):
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">(\S+)</word>', page)
        num = [w for w in words if w[3] == str(n) and float(w[1]) > 760]
        assert num, f"page number {n} not found at the foot of page {n}"
        x = float(num[0][0])
        assert (x > 400) if n % 2 else (x < 200)


def test_renders_with_no_cjk_font_installed(tmp_path):
    """Rasterise with fontconfig seeing NO fonts at all: only what is embedded in the file can be drawn.

    The page must look exactly as with the system's fonts available (nothing was substituted) and carry ink.
    """
    import os

    conf = tmp_path / "fonts.conf"
    conf.write_text(f"<?xml version='1.0'?><fontconfig><dir>{tmp_path / 'nofonts'}</dir>"
                    f"<cachedir>{tmp_path / 'fc-cache'}</cachedir></fontconfig>", encoding="utf-8")
    bare = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    if shutil.which("fc-list"):
        assert subprocess.run(["fc-list"], capture_output=True, text=True, env=bare).stdout.strip() == ""
    _, _, path = _render("approval", tmp_path=tmp_path)
    for tag, env in (("bare", bare), ("sys", None)):
        subprocess.run(["pdftoppm", "-r", "50", "-f", "1", "-l", "1", "-gray", str(path), str(tmp_path / tag)],
                       check=True, env=env, capture_output=True)
    bare_img = next(tmp_path.glob("bare*.pgm")).read_bytes()
    sys_img = next(tmp_path.glob("sys*.pgm")).read_bytes()
    assert bare_img == sys_img
    assert sum(1 for b in bare_img[-200_000:] if b < 128) > 2000, "page 1 is (nearly) blank"


def test_rare_characters_fall_back_or_are_replaced_visibly_and_recorded(tmp_path):
    data, a = _inputs("electronics")
    data["project"]["builder"] = f"上海{RARE}科技有限公司"
    _, res, path = _render("approval", "electronics", data, a, tmp_path)
    text = _text(path)
    # 18 of the 20 are in WenQuanYi Micro Hei (per-character fallback from the GB2312 Song face) and print as is
    for ch in RARE[:-2]:
        assert ch in text, ch
    # 䶮 (U+4DAE, CJK Ext. A) and 𠀾 (U+2003E, Ext. B) are in no bundled face: a visible 〓, never a silent gap …
    assert "䶮" not in text and "𠀾" not in text
    assert f"上海{RARE[:-2]}〓〓科技有限公司" in _compact(text)
    # … and recorded for the metadata / archive warning
    assert {m.codepoint for m in res.missing} == {"U+4DAE", "U+2003E"}
    assert all(row[-5] == "yes" for row in _fonts(path))


def test_user_text_with_markup_and_jinja_syntax_prints_literally(tmp_path):
    data, a = _inputs("electronics")
    data["project"]["name"] = "<b>测试</b>&{{ vm.doc_number }}{% if 1 %}项目"
    _, _, path = _render("approval", "electronics", data, a, tmp_path)
    assert "关于<b>测试</b>&{{vm.doc_number}}{%if1%}项目节能报告的审查意见" in _compact(_text(path))


def test_user_template_folder_overrides_and_strict_undefined(tmp_path):
    user = tmp_path / "tpl" / "opinion"
    user.mkdir(parents=True)
    builtin = (ROOT / "report_templates" / "opinion" / "rejection.xml.j2").read_text(encoding="utf-8")
    (user / "rejection.xml.j2").write_text(builtin.replace("审查发现的主要问题", "经审查存在的问题（本委模板）"),
                                           encoding="utf-8")
    _, _, path = _render("rejection", tmp_path=tmp_path, user_dir=tmp_path / "tpl", reasons=["理由"])
    assert "经审查存在的问题（本委模板）" in _compact(_text(path))
    (user / "correction.xml.j2").write_text("<document><p>{{ vm.no_such_field }}</p></document>", encoding="utf-8")
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError):
        _render("correction", tmp_path=tmp_path, user_dir=tmp_path / "tpl", missing_items=["x"])


def test_filters():
    assert fmt_num(5161.8) == "5161.80" and fmt_num(0.125, 2) == "0.13" and fmt_num(None) == "—"
    assert [cn_ordinal(n) for n in (1, 10, 12, 21)] == ["一", "十", "十二", "二十一"]
    env = environment()
    assert env.from_string("{{ d | date_zh }}").render(d="2026-03-05") == "2026年3月5日"


def test_appendix_lists_each_parameter_once_with_source_and_flags_unverified(tmp_path):
    data, a = _inputs("electronics")
    vm, _, path = _render("approval", "electronics", data, a, tmp_path)
    # The 计算依据 explains the printed figures (energy, carbon, efficiency, regional); figures left out because they
    # rest on unverified material (here the 等价值 and the placeholder budget, corrections.md F) leave with their steps.
    kept = [s for s in a["trace"] if s["key"] in {st.key for st in vm.appendix}]
    assert kept and all(s["key"].startswith(("energy.", "carbon.", "efficiency.", "regional.")) for s in kept)
    assert not any(st.key.endswith("equal_value_tce") for st in vm.appendix)
    unique = {(p["id"], str(p["value"])): p for s in kept for p in s["parameters"]}
    unverified = sum(1 for p in unique.values() if not p["verified"])
    assert len(vm.parameters) == len(unique) and vm.unverified_count == unverified > 0
    text = _compact(_text(path))
    markup = render_markup("approval", {"vm": vm})
    assert markup.count("<flag>待确认</flag>") == unverified  # the preview marks each unverified parameter, in red
    assert "待确认" in text.split("三、参数取值及来源", 1)[1]
    assert "GB/T2589-2020综合能耗计算通则" in text  # sources printed
    assert "[E-ITEM-EQ]" in text.replace("［", "[").replace("］", "]")
    assert "not_applicable" not in text
