"""The case file (issue 14): receipt, attachments by content, the 节能报告 structure check, the materials checklist,
the expert review and the statutory clock — through the use cases on a real SQLite archive.

Law: 令第31号 第十二条 (seven parts; 书面承诺), 第十四条 (5个工作日 一次告知补正; 逾期不告知即为受理), 第十五条 (委托评审);
《行政许可法》第四十二条 (20 工作日 +10), 第四十五条 (专家评审时间不计入), 第八十二条 (工作日).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timezone

import pytest

from case_helpers import PARTS, report_docx, report_pdf
from reviewer.archive.check import check_archive
from reviewer.demo import seed_demo
from reviewer.errors import UserError
from reviewer.usecases.base import Context
from reviewer.usecases.cases import (AttachRequest, CorrectionRequest, EventRequest, ReceiveRequest, ReviewBodyRequest,
                                     ReviewRequest, add_review_body, attach_file, attachment_bytes, expert_review,
                                     list_cases, receive_case, record_event, request_correction, show_case)

HOSPITAL = "2026-310117-84-01-000101"


@pytest.fixture
def ctx(archive):
    seed_demo(archive)
    return Context(archive=archive, actor="张审查", clock=lambda: datetime(2026, 3, 20, 2, tzinfo=timezone.utc))


def test_receive_on_friday_before_national_day(ctx):
    # acceptance: received Fri 2025-09-26 → 2025-10-10 (国办发明电〔2024〕12号; 09-28, 10-11 working days)
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2025, 9, 26)))
    v = show_case(ctx, HOSPITAL, today=date(2025, 9, 30))
    assert v["deadlines"]["correction_notice"] == "2025-10-10"
    assert v["status"] == "received" and v["deadlines"]["decision"] is None
    assert [e["kind"] for e in v["timeline"]] == ["received"]
    # 第十四条: not told by 10-10 and not accepted → counts as accepted from receipt (09-26) on 10-13
    late = show_case(ctx, HOSPITAL, today=date(2025, 10, 13))
    assert late["deadlines"]["accepted_deemed"] and late["deadlines"]["accepted_on"] == "2025-09-26"


def test_complete_report_pdf_has_no_missing_part(ctx):
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    pdf = report_pdf()
    a = attach_file(ctx, request=AttachRequest(HOSPITAL, "节能报告.pdf", pdf, "energy_report")).value
    assert a.sha256 == hashlib.sha256(pdf).hexdigest() and a.media_type == "application/pdf"
    assert a.report_structure["missing"] == []
    assert a.report_structure["stated_energy_tce"] == 1234.56
    v = show_case(ctx, HOSPITAL)
    assert v["report_structure"]["missing"] == []
    assert v["attachments"][0]["sha256"] == a.sha256 and v["attachments"][0]["original_name"] == "节能报告.pdf"
    name, data = attachment_bytes(ctx, a.attachment_id)
    assert (name, data) == ("节能报告.pdf", pdf)


def test_report_without_chapter_5_lists_it_with_nearest_heading(ctx):
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    pdf = report_pdf([h for h in PARTS if not h.startswith("第五章")])
    rs = attach_file(ctx, request=AttachRequest(HOSPITAL, "报告.pdf", pdf, "energy_report")).value.report_structure
    assert rs["missing"] == ["项目碳排放情况"]
    part5 = rs["parts"][4]
    assert part5["nearest_heading"] == "第四章 项目能源消费情况" and part5["nearest_page"] == 4


def test_report_outline_and_docx(ctx):
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    rs = attach_file(ctx, request=AttachRequest(HOSPITAL, "a.pdf", report_pdf(outline=True), "energy_report")
                     ).value.report_structure
    assert rs["missing"] == [] and rs["parts"][6]["page"] == 7
    docx = report_docx([h for h in PARTS if "分析评价依据" not in h])
    rs = attach_file(ctx, request=AttachRequest(HOSPITAL, "b.docx", docx, "energy_report")).value.report_structure
    assert rs["format"] == "docx" and rs["missing"] == ["分析评价依据"]


def test_stated_energy_compared_with_submission(ctx, archive):
    from sqlalchemy import select

    from reviewer.archive.models import AssessmentRow, Project, Submission

    with archive.read() as s:
        eq = s.scalars(select(AssessmentRow.equivalent_tce).join(Submission).join(Project)
                       .where(Project.code == HOSPITAL)).first()
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    same = report_pdf(energy_sentence=f"项目年综合能源消费量为 {eq:.2f} 吨标准煤（当量值）。")
    rs = attach_file(ctx, request=AttachRequest(HOSPITAL, "r.pdf", same, "energy_report")).value.report_structure
    assert rs["energy_comparison"]["consistent"] and "当量值" in rs["energy_comparison"]["matches"]
    other = report_pdf(energy_sentence="项目年综合能源消费量为 99999 吨标准煤。")
    rs = attach_file(ctx, request=AttachRequest(HOSPITAL, "s.pdf", other, "energy_report")).value.report_structure
    assert rs["energy_comparison"]["consistent"] is False


def test_mismatching_bytes_refused_and_nothing_stored(ctx, archive):
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    with pytest.raises(UserError) as e:
        attach_file(ctx, request=AttachRequest(HOSPITAL, "节能报告.pdf", report_docx(), "energy_report"))
    assert "与扩展名不符" in e.value.message_zh and "Word" in e.value.message_zh and e.value.exit_code == 2
    with pytest.raises(UserError):
        attach_file(ctx, request=AttachRequest(HOSPITAL, "x.exe", b"MZ....", "other"))
    assert show_case(ctx, HOSPITAL)["attachments"] == []


def test_materials_and_data_flow_into_one_correction_notice(ctx):
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    attach_file(ctx, request=AttachRequest(HOSPITAL, "r.pdf", report_pdf([p for p in PARTS if "第五章" not in p]),
                                           "energy_report"))
    v = show_case(ctx, HOSPITAL)
    mats = {m["id"]: m["present"] for m in v["materials"]}
    assert mats == {"energy_report": True, "commitment": False, "project_approval": False}
    doc = request_correction(ctx, request=CorrectionRequest(HOSPITAL, date(2026, 3, 4))).value
    v = show_case(ctx, HOSPITAL)
    assert v["status"] == "correction"
    ev = v["timeline"][-1]
    assert ev["kind"] == "correction_requested" and ev["data"]["doc_number"] == doc.doc_number
    items = ev["data"]["items"]
    assert any("书面承诺" in i for i in items) and any("项目碳排放情况" in i for i in items)
    assert any("备案" in i for i in items)
    with pytest.raises(UserError):  # 一次告知: only once
        request_correction(ctx, request=CorrectionRequest(HOSPITAL, date(2026, 3, 5)))


def test_expert_review_stops_the_clock_and_extension(ctx):
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    record_event(ctx, request=EventRequest(HOSPITAL, "accepted", date(2026, 3, 2)))
    assert show_case(ctx, HOSPITAL)["deadlines"]["decision"] == "2026-03-30"  # 20 working days
    add_review_body(ctx, request=ReviewBodyRequest("上海市节能评审中心"))
    with pytest.raises(UserError):
        expert_review(ctx, request=ReviewRequest(HOSPITAL, "无名机构", date(2026, 3, 9)))
    expert_review(ctx, request=ReviewRequest(HOSPITAL, "上海市节能评审中心", date(2026, 3, 9)))
    v = show_case(ctx, HOSPITAL)
    assert v["status"] == "expert_review" and v["deadlines"]["decision"] is None and v["deadlines"]["review_running"]
    pdf = report_pdf(["评审意见"])
    expert_review(ctx, request=ReviewRequest(HOSPITAL, "上海市节能评审中心", date(2026, 3, 9), date(2026, 3, 13),
                                             "评审意见.pdf", pdf, "同意通过", {"equivalent_tce": 1200.0}))
    v = show_case(ctx, HOSPITAL)
    # 03-09 … 03-13: 5 working days not counted (第四十五条) → 03-30 + 5 working days over 清明 (04-04…06) = 04-07
    assert v["status"] == "in_review" and v["deadlines"]["decision"] == "2026-04-07"
    assert v["deadlines"]["paused_working_days"] == 5
    assert v["attachments"][-1]["kind"] == "review_opinion"
    assert v["timeline"][-1]["data"]["figures"] == {"equivalent_tce": 1200.0}
    with pytest.raises(UserError):
        record_event(ctx, request=EventRequest(HOSPITAL, "extended", date(2026, 3, 20)))  # reason required
    record_event(ctx, request=EventRequest(HOSPITAL, "extended", date(2026, 3, 20), reason="负责人批准：需补充论证"))
    # +10 working days: 04-08 … 04-21 (no holiday) → 2026-04-21
    assert show_case(ctx, HOSPITAL)["deadlines"]["decision"] == "2026-04-21"


def test_list_due_and_overdue(ctx):
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    record_event(ctx, request=EventRequest(HOSPITAL, "accepted", date(2026, 3, 2)))
    assert list_cases(ctx, today=date(2026, 3, 20), overdue=True) == []
    assert [r["project_code"] for r in list_cases(ctx, today=date(2026, 3, 31), overdue=True)] == [HOSPITAL]
    assert list_cases(ctx, today=date(2026, 3, 20), due_within=3) == []
    due = list_cases(ctx, today=date(2026, 3, 25), due_within=3)  # 03-26, 27, 30 → 3 working days
    assert due and due[0]["next"]["due_soon"]
    record_event(ctx, request=EventRequest(HOSPITAL, "decided", date(2026, 3, 25), data={"outcome": "approval"}))
    assert list_cases(ctx, today=date(2026, 3, 31), overdue=True) == []
    assert show_case(ctx, HOSPITAL)["status"] == "approved"


def test_attachment_in_archive_check(ctx, archive):
    from sqlalchemy import update

    from reviewer.archive.case_models import CaseBlob

    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    attach_file(ctx, request=AttachRequest(HOSPITAL, "r.pdf", report_pdf(), "energy_report"))
    rep = check_archive(archive)
    assert rep.ok and rep.attachments == 1
    with archive.write() as s:  # behind the application's back
        s.execute(update(CaseBlob).values(data=b"%PDF-1.7 forged"))
    rep = check_archive(archive)
    assert not rep.ok and any("附件" in p.message_zh for p in rep.problems)
