"""An opinion a district may sign (issue 13): competence, confirmations, no draft text, caps as published opinions
write them, the carbon chapter by law, one clock. Each rule cites the clause it applies."""

from __future__ import annotations

import json
import subprocess
import time
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from reviewer.archive.models import AuditEvent, DocNumberSequence, Opinion
from reviewer.cli import main
from reviewer.errors import UserError
from reviewer.opinion.legal import Confirmations, Office, clearance, competence
from reviewer.opinion.service import office_today
from reviewer.usecases.base import Context
from reviewer.usecases.opinions import PreviewRequest, issue_document, preview
from reviewer.opinion.templating import render_markup
from reviewer.opinion.viewmodel import build_view_model, relied_unverified
from reviewer.rules.engine import assess
from reviewer.services import store_submission
from reviewer.settings import Settings
from reviewer.signing import identities
from reviewer.signing.signer import Pkcs12Signer
from reviewer.submission.parse import load_json, submission_from_data

ROOT = Path(__file__).resolve().parents[1]
HOSPITAL, DATACENTRE = "2026-310117-84-01-000101", "2026-310117-65-01-000404"
DISTRICT = Office()
BOTH = Confirmations(authority="市、区分级界限已与沪府规〔2022〕13号原文核对", unverified="系数已与原文核对")
BANNED = ("占位", "待核实", "未核实", "四川", "重庆")


def _assess(name: str) -> tuple[dict, dict]:
    sub = load_json(ROOT / "resources" / "demo" / f"{name}.json")
    data = json.loads((ROOT / "resources" / "demo" / f"{name}.json").read_text(encoding="utf-8"))
    return data, json.loads(json.dumps(assess(sub).to_dict(), default=str))


def _seed(archive, *names):
    for name in names:
        data = json.loads((ROOT / "resources" / "demo" / f"{name}.json").read_text(encoding="utf-8"))
        sub = submission_from_data(data)
        archive.run_write(lambda s, sub=sub, name=name: store_submission(s, sub, source_name=f"{name}.json",
                                                                         source_format="json"))
    return archive


@pytest.fixture
def signer(reviewer_home):
    identities.init_authority(Settings().commission_name, b"ca")
    return Pkcs12Signer(identities.issue("王审查", b"ca", b"pw"), b"pw")


def _pdftext(pdf: bytes, tmp_path: Path) -> str:
    p = tmp_path / "doc.pdf"
    p.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(p), "-"], capture_output=True, text=True,
                          check=True).stdout


def _compact(text: str) -> str:
    return "".join(text.split())


# -- competence (令第31号 第八条; 沪府规〔2022〕13号; 《行政许可法》第三十二条第一款第（二）项) ------------------------
def test_datacentre_is_outside_the_district_and_inside_the_city():
    _, a = _assess("datacentre")  # 32 315 tce ≥ 10 000 tce (令第31号 第八条, verified) and a data centre → city
    c = clearance("approval", a, DISTRICT, Confirmations(), signing=True)
    assert [b.code for b in c.blockers] == ["outside_competence"] and c.blockers[0].refusal
    assert "上海市发展和改革委员会" in c.blockers[0].message_zh and "--kind referral" in c.blockers[0].message_zh
    assert clearance("rejection", a, DISTRICT, BOTH, signing=True).blockers[0].code == "outside_competence"
    # the city office may issue it; a confirmation does not lift a refusal
    assert not [b for b in clearance("approval", a, Office(level="municipal"), BOTH, signing=True).blockers
                if b.code == "outside_competence"]
    # the referral rests on the verified national 10 000 tce test: nothing to confirm
    assert clearance("referral", a, DISTRICT, Confirmations(), signing=True).ok


def test_referral_refused_inside_competence():
    _, a = _assess("hospital")
    c = clearance("referral", a, DISTRICT, BOTH, signing=True)
    assert [b.code for b in c.blockers] == ["inside_competence"]


def test_authority_on_an_unverified_split_needs_confirmation():
    _, a = _assess("hospital")  # 5 773.54 tce: district only by the unverified 市、区分级界限 (corrections.md A4)
    assert competence(a, DISTRICT).unverified == ("review.shanghai.municipal_energy_tce",)
    c = clearance("approval", a, DISTRICT, Confirmations(), signing=True)
    assert "confirm_authority" in [b.code for b in c.blockers]
    assert any("review.shanghai.municipal_energy_tce" in i for b in c.blockers for i in b.items)
    ok = clearance("approval", a, DISTRICT, Confirmations(authority="已核对"), signing=True)
    assert "confirm_authority" not in [b.code for b in ok.blockers]
    assert ok.confirmed["authority"]["parameters"] == ["review.shanghai.municipal_energy_tce"]
    # an unsigned draft is not a legal act: nothing to confirm
    assert clearance("approval", a, DISTRICT, Confirmations(), signing=False).ok
    # room law's review.authority_unverified, when present, is what the authority rests on
    a["review"]["authority_unverified"] = []
    assert competence(a, DISTRICT).unverified == ()


def test_exemption_result_on_an_unverified_parameter_needs_confirmation():
    _, a = _assess("hospital")
    a["review"].update(authority="none", authority_label="不单独进行节能审查", authority_unverified=["x.y"])
    c = clearance("approval", a, DISTRICT, BOTH, signing=True)
    assert c.blockers[0].code == "outside_competence" and "不单独进行节能审查" in c.blockers[0].message_zh
    r = clearance("referral", a, DISTRICT, Confirmations(), signing=True)
    assert [b.code for b in r.blockers] == ["confirm_authority"]


def test_datacentre_approval_refused_no_number_used_then_referral_takes_number_1(archive, signer, tmp_path):
    _seed(archive, "datacentre")
    with pytest.raises(UserError) as e:
        issue_document(archive, DATACENTRE, "approval", signer=signer, confirmations=BOTH)
    assert e.value.exit_code == 2 and "上海市发展和改革委员会" in str(e.value)
    with archive.read() as s:
        assert s.scalar(select(func.count()).select_from(Opinion)) == 0
        assert s.scalar(select(func.count()).select_from(DocNumberSequence)) == 0
    doc = issue_document(archive, DATACENTRE, "referral", signer=signer, issued_on=date(2026, 6, 5))
    assert doc.doc_number == "松发改能审〔2026〕1号" and doc.signed
    text = _compact(_pdftext(doc.pdf, tmp_path))
    assert "不予受理的告知书" in text and "《中华人民共和国行政许可法》第三十二条第一款第（二）项" in text
    assert "请你单位向上海市发展和改革委员会（省级节能审查机关）提出节能审查申请" in text
    assert "行政复议" in text


def test_cli_refuses_with_exit_2_no_pdf_and_lists_what_to_confirm(archive, signer, reviewer_home, tmp_path,
                                                                   monkeypatch, capsys):
    _seed(archive, "datacentre", "hospital")
    monkeypatch.setenv("REVIEWER_DATABASE_URL", archive.url)
    pw = tmp_path / "pw"
    pw.write_text("pw\n")
    key = reviewer_home / "keys" / "王审查.p12"
    sign = ["--sign", "--key", str(key), "--passphrase-file", str(pw)]
    out = tmp_path / "dc.pdf"
    assert main(["opinion", DATACENTRE, "--kind", "approval", "--out", str(out), *sign]) == 2
    err = capsys.readouterr().err
    assert "上海市发展和改革委员会" in err and "Traceback" not in err and not out.exists()
    h = tmp_path / "h.pdf"
    assert main(["opinion", HOSPITAL, "--out", str(h), *sign]) == 2
    err = capsys.readouterr().err
    assert "--confirm-authority" in err and "--confirm-unverified" in err and "review.shanghai.municipal_energy_tce" in err
    assert not h.exists()
    assert main(["opinion", HOSPITAL, "--out", str(h), *sign, "--confirm-authority", BOTH.authority,
                 "--confirm-unverified", BOTH.unverified, "--json"]) == 0
    res = json.loads(capsys.readouterr().out)
    assert res["doc_number"] == "松发改能审〔2026〕1号" and res["signed"]  # the refusals used no number
    with archive.read() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "opinion.issued")).one()
    conf = ev.payload["confirmations"]
    assert conf["authority"]["reason"] == BOTH.authority
    assert conf["authority"]["parameters"] == ["review.shanghai.municipal_energy_tce"]
    assert conf["unverified"]["reason"] == BOTH.unverified and "energy.coefficients.rounding_tce" in conf["unverified"]["parameters"]
    text = _pdftext(h.read_bytes(), tmp_path)
    assert BOTH.authority not in text and BOTH.unverified not in text  # recorded in the audit chain, printed nowhere


# -- the signed hospital opinion (corrections.md F; 令第31号 第十条、第十九条、第二十一条、第二十六条、第十八条) ---------
def test_signed_hospital_opinion_reads_as_a_district_may_sign_it(archive, signer, tmp_path, monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        _seed(archive, "hospital")
        doc = issue_document(archive, HOSPITAL, "approval", signer=signer, confirmations=BOTH)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    text = _compact(_pdftext(doc.pdf, tmp_path))
    for banned in BANNED:
        assert banned not in text, banned
    # caps as published opinions write them: 2860 万kWh, 186 万m³ (hospital.json), fossil = gas 2258.60 tce
    assert "年电力消费量不高于2860.00万千瓦时" in text and "年天然气消费量不高于186.00万立方米" in text
    assert "年化石能源消费量不高于2258.60吨标准煤" in text
    # 15683.79: the gas at its GB/T 2589 calorific value in carbon as in energy (corrections.md B2; was 16033.67)
    assert "年碳排放总量不高于15683.79吨二氧化碳（按电力排放因子上海市本地因子" in text  # factor basis named
    assert "（等价值）不高于" not in text  # the 等价 coefficient is unverified: no binding 等价值
    # 第十条: no evaluation required → 碳排放情况, also in the recital and 一、
    assert "碳排放情况" in text and "碳排放评价结论" not in text
    # 第十九条 lapse in words and date; 第二十一条 试运行 6 months; 第二十六条 10 %; 第十八条 变更申请
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    assert "2年内未开工建设的，本审查意见自动失效" in text
    assert f"期限至{today.year + 2}年{today.month}月" in text
    assert "试运行之日起6个月内" in text and "10%" in text and "第二十六条" in text and "第十八条规定向我委提出变更申请" in text
    # one clock: the 成文日期 is today's Asia/Shanghai date although the process runs in UTC
    assert f"{today.year}年{today.month}月{today.day}日" in text
    assert doc.signed_at.astimezone(ZoneInfo("Asia/Shanghai")).date() == today
    # confirmed unverified parameters appear with their source as 经审查人员确认
    assert "经审查人员确认" in text
    # the energy table names each line's source; excluded lines in a note
    assert "外购" in text and "光伏自发自用电量，不计入年综合能源消费量" in text


def test_preview_marks_what_signing_leaves_out_or_needs_confirmed(archive, tmp_path):
    _seed(archive, "hospital")
    pv = preview(Context(archive=archive), PreviewRequest(project_code=HOSPITAL)).value
    text = _compact(_pdftext(pv.pdf, tmp_path))
    assert "【预览·签发时不印入本段】" in text and "签发前须由审查人员确认的未核实参数" in text
    assert "待确认" in text and "对标值（标准值未核实" in text


# -- view-model rules ------------------------------------------------------------------------------------------------
def _vm(name, a=None, **kw):
    data, a0 = _assess(name)
    return build_view_model(kind="approval", submission=data, assessment=a or a0, doc_number="X",
                            issued_on=date(2026, 6, 5), commission="C", **kw)


def test_other_provinces_benchmark_is_never_a_standard():
    vm = _vm("hospital", final=True)  # corrections.md D2: 四川 19 / 重庆 20 are context, not a 标准
    ind = next(i for i in vm.indicators if i.id == "per_floor_area")
    assert ind.advanced is None and ind.baseline is None and ind.grade == "" and ind.benchmark_label == ""
    assert not [p for p in vm.parameters if p.id.startswith("benchmarks.")]
    assert not [c for c in vm.charts if c.kind == "benchmark"]


def test_datacentre_caps_pue_green_share_and_green_power_line():
    vm = _vm("datacentre")
    caps = {c.label: c for c in vm.caps}
    # corrections.md D4: PUE cap and the green-power share (datacentre.json design_pue 1.25, green_power_share 0.4)
    assert caps["数据中心电能利用效率（PUE）"].value == 1.25
    g = caps["可再生能源电力（绿色电力）使用比例"]
    assert g.value == pytest.approx(40) and g.kind == "min"
    assert caps["年电力消费量"].value == pytest.approx(15780 + 10500)  # 外购 + 外购绿电, 万千瓦时
    assert [r.source_label for r in vm.energy.rows if r.carrier == "电力"] == ["外购", "外购绿电"]
    # corrections.md D3: per-m² and per-person energy mean nothing for a data centre
    assert not {"per_floor_area", "per_person"} & {i.id for i in vm.indicators}
    text = render_markup("approval", {"vm": vm})
    assert "不低于40%" in text and "不高于1.25" in text


def test_energy_quota_source_from_the_ledger_is_printed():
    vm = _vm("electronics", energy_source="能耗替代：某公司燃煤锅炉改造腾出1200吨标准煤")
    assert "项目用能来源：能耗替代：某公司燃煤锅炉改造腾出1200吨标准煤。" in render_markup("approval", {"vm": vm})


def test_equal_value_binding_only_when_sourced():
    data, a = _assess("electronics")
    assert "年综合能源消费量（等价值）" not in {c.label for c in _vm("electronics", a).caps}
    for st in a["trace"]:
        for p in st["parameters"]:
            if "equal_value" in p["id"]:
                p["verified"] = True
    a["energy"]["equal_value_informative"] = False  # the engine's own flag (corrections.md B1) follows the coefficient
    assert "年综合能源消费量（等价值）" in {c.label for c in _vm("electronics", a).caps}
    a["energy"]["equal_value_informative"] = True  # room law: 等价值 informative only
    assert "年综合能源消费量（等价值）" not in {c.label for c in _vm("electronics", a).caps}


def test_carbon_evaluation_chapter_when_required():
    data, a = _assess("electronics")
    a["carbon"]["evaluation_required"] = True  # 令第31号 第十条: evaluation required → 第十六条（五） conclusions
    text = render_markup("approval", {"vm": _vm("electronics", a)})
    assert "原则同意该项目节能报告及其碳排放评价结论" in text and "、碳排放评价</h1>" in text
    assert "第十六条（五）" in text
    a["carbon"]["evaluation_required"] = False
    text = render_markup("approval", {"vm": _vm("electronics", a)})
    assert "及其碳排放评价结论" not in text and "、碳排放情况</h1>" in text


def test_per_product_caps_where_a_product_exists():
    vm = _vm("electronics")
    labels = [c.label for c in vm.caps]
    assert any(lbl.startswith("单位产品综合能耗") for lbl in labels)


def test_relied_unverified_lists_confirmable_parameters_and_lapse_date():
    vm = _vm("hospital")
    ids = relied_unverified(vm)
    assert "energy.coefficients.rounding_tce" in ids and not [i for i in ids if i.startswith("benchmarks.")]
    assert vm.lapse_date == "2028-06-05"  # 令第31号 第十九条: 2年; 《民法典》第二百零二条 corresponding day


def test_office_today_is_the_office_date():
    late_utc = datetime(2026, 12, 1, 20, 15, tzinfo=timezone.utc)  # 04:15 on 2 Dec in Shanghai
    assert office_today(DISTRICT, late_utc) == date(2026, 12, 2)
    assert office_today(Office(time_zone="UTC"), late_utc) == date(2026, 12, 1)
