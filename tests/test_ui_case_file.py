"""pytest-qt: the case file in the workbench (issue 14) — the project view's "Case file" tab (attachments open / save
/ PDF preview, the expert-review step), the project list's deadline columns with an overdue case flagged, and the
wizard's 受理 step with the materials checklist (a real QDropEvent attaches a file to an item; what is missing goes
into the one-time 补正通知).

Dates (《行政许可法》第四十二条 20 working days; 国办发明电〔2025〕7号 for 2026: no holiday in March):
accepted Mon 2026-03-02 → decision due 2026-03-30; on 03-31 the case is overdue; on 03-25 it is due within the
due-soon window (3 working days, rules/parameters/review/deadlines.toml: 03-26, 03-27, 03-30).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent

from case_helpers import report_pdf

pytestmark = pytest.mark.gui

HOSPITAL = "2026-310117-84-01-000101"


@pytest.fixture
def env(qtbot, monkeypatch):
    from reviewer.ui import dialogs, tasks
    from reviewer.ui.testing import demo_archive, prepare_app

    prepare_app("zh_CN")
    monkeypatch.setattr(tasks, "_runner", tasks.SyncRunner())
    shown = []
    monkeypatch.setattr(dialogs, "presenter", lambda parent, m: shown.append(m))
    monkeypatch.setattr(dialogs, "confirmer", lambda *a: True)
    return demo_archive(), shown


def _ctx(archive):
    from reviewer.usecases.base import Context

    return Context(archive=archive, actor="张审查", clock=lambda: datetime(2026, 3, 3, 2, tzinfo=timezone.utc))


def _drop(widget, row: int, path: Path) -> QDropEvent:
    rect = widget.visualItemRect(widget.item(row))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    ev = QDropEvent(QPointF(rect.center()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(ev)
    return ev


def test_overdue_case_is_flagged_in_the_project_list_and_the_main_window(qtbot, env):
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.project_model import COLUMNS, FLAG_ROLE
    from reviewer.usecases.cases import EventRequest, ReceiveRequest, receive_case, record_event

    archive, shown = env
    ctx = _ctx(archive)
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    record_event(ctx, request=EventRequest(HOSPITAL, "accepted", date(2026, 3, 2)))
    w = MainWindow(archive=archive, today=date(2026, 3, 31))
    qtbot.addWidget(w)
    w.show()
    m = w.model
    due_col, flag_col = len(COLUMNS), len(COLUMNS) + 1
    assert m.headerData(due_col, Qt.Orientation.Horizontal) == "下一期限"
    row = m.row_of(HOSPITAL)
    assert m.data(m.index(row, due_col)) == "2026-03-30 审查决定"
    assert m.data(m.index(row, flag_col)) == "逾期" and m.data(m.index(row, flag_col), FLAG_ROLE) == "overdue"
    assert m.data(m.index(row, flag_col), Qt.ItemDataRole.ForegroundRole) == QColor("#c62828")
    others = [r for r in range(m.rowCount()) if r != row]
    assert all(m.data(m.index(r, flag_col), FLAG_ROLE) == "" for r in others)  # no case: no flag
    assert "1 件案件已逾期" in w.flags_label.text()
    # the project view's case tab shows the same deadline, flagged
    assert w.select_code(HOSPITAL)
    panel = w.view.case_panel
    assert w.view.tabs.tabText(w.view.case_tab) == "案件卷宗 ⚠"
    assert panel.deadlines.property("overdue") is True and "2026-03-30" in panel.deadlines.text()
    # due soon on 03-25: 03-30 is the 3rd working day ahead — inside the window; on 03-24 (4th) outside
    m.today = date(2026, 3, 25)
    m.reload()
    assert m.data(m.index(m.row_of(HOSPITAL), flag_col), FLAG_ROLE) == "soon"
    m.today = date(2026, 3, 24)
    m.reload()
    assert m.data(m.index(m.row_of(HOSPITAL), flag_col), FLAG_ROLE) == ""
    assert not shown


def test_case_tab_attachments_preview_save_open_and_expert_review(qtbot, env, tmp_path):
    from reviewer.ui.case_panel import CasePanel
    from reviewer.ui.pdf_viewer import PdfDialog
    from reviewer.usecases.cases import (EventRequest, ReceiveRequest, ReviewBodyRequest, add_review_body,
                                         receive_case, record_event, show_case)

    archive, _ = env
    ctx = _ctx(archive)
    panel = CasePanel(ctx, today=date(2026, 3, 3))
    qtbot.addWidget(panel)
    panel.resize(1100, 760)
    panel.show()
    panel.show_project(HOSPITAL)
    # no case yet: the receipt row is offered, and registering it starts the clock
    assert panel.receive_row.isVisible()
    panel.receive_date.setDate(panel.receive_date.date().fromString("2026-03-02", "yyyy-MM-dd"))
    qtbot.mouseClick(panel.receive_btn, Qt.MouseButton.LeftButton)
    assert not panel.receive_row.isVisible() and "2026-03-09" in panel.deadlines.text()
    pdf = report_pdf()
    f = tmp_path / "节能报告.pdf"
    f.write_bytes(pdf)
    assert _drop(panel.checklist, 0, f).isAccepted()
    # the PDF is previewed in the panel (QtPdf), one page per heading of the test report
    assert panel.current_attachment() is not None and panel.preview.page_count() == 7
    assert "节能报告.pdf" in panel.preview_label.text()
    out = tmp_path / "saved.pdf"
    assert panel.save_attachment(panel.current_attachment(), str(out)) and out.read_bytes() == pdf
    dlg = panel.open_attachment(panel.current_attachment())
    assert isinstance(dlg, PdfDialog) and dlg.windowTitle() == "节能报告.pdf" and dlg.preview.page_count() == 7
    dlg.close()
    # expert review: not before 受理; the body comes from the office's list
    add_review_body(ctx, request=ReviewBodyRequest("上海市节能评审中心"))
    panel.show_project(HOSPITAL)
    assert not panel.commission_btn.isEnabled()
    record_event(ctx, request=EventRequest(HOSPITAL, "accepted", date(2026, 3, 2)))
    panel.show_project(HOSPITAL)
    assert panel.body.currentText() == "上海市节能评审中心" and panel.commission_btn.isEnabled()
    panel.commissioned.setDate(panel.commissioned.date().fromString("2026-03-09", "yyyy-MM-dd"))
    qtbot.mouseClick(panel.commission_btn, Qt.MouseButton.LeftButton)
    v = show_case(ctx, HOSPITAL, today=date(2026, 3, 10))
    assert v["status"] == "expert_review" and v["deadlines"]["review_running"]
    assert "暂停" in panel.deadlines.text() or "停止" in panel.deadlines.text()
    assert not panel.commission_btn.isEnabled()
    opinion = tmp_path / "评审意见.pdf"
    opinion.write_bytes(report_pdf(["评审意见"]))
    panel.returned_on.setDate(panel.returned_on.date().fromString("2026-03-13", "yyyy-MM-dd"))
    panel.review_file.setText(str(opinion))
    panel.conclusions.setText("同意通过，建议核减天然气用量")
    panel.fig_eq.setValue(5700.5)
    qtbot.mouseClick(panel.return_btn, Qt.MouseButton.LeftButton)
    v = show_case(ctx, HOSPITAL)
    ret = v["timeline"][-1]
    assert ret["kind"] == "review_returned" and ret["on"] == "2026-03-13"
    assert ret["data"]["conclusions"] == "同意通过，建议核减天然气用量"
    assert ret["data"]["figures"] == {"equivalent_tce": 5700.5}
    assert v["attachments"][-1]["kind"] == "review_opinion"
    # 03-09 … 03-13 (5 working days) not counted: 03-30 + 5 → 2026-04-07 over 清明 (04-04…06)
    assert v["deadlines"]["decision"] == "2026-04-07" and "2026-04-07" in panel.deadlines.text()
    assert "评审意见" in " ".join(panel.timeline.item(i).text() for i in range(panel.timeline.count()))


def test_acceptance_step_checklist_drop_and_one_notice(qtbot, env, tmp_path):
    from sqlalchemy import select

    from reviewer.archive.models import Opinion
    from reviewer.ui.wizard.wizard import ReviewWizard
    from reviewer.usecases.cases import ReceiveRequest, receive_case, show_case

    archive, shown = env
    ctx = _ctx(archive)
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    w = ReviewWizard(archive, HOSPITAL, actor="张审查")
    qtbot.addWidget(w)
    w.show()
    page = w.pages[0]
    mats = page.materials
    ids = [mats.item(i).data(Qt.ItemDataRole.UserRole)[0] for i in range(mats.count())]
    assert ids[:2] == ["energy_report", "commitment"]
    assert all(mats.item(i).text().startswith("✗") for i in range(mats.count()))
    notice = page.notice.toPlainText()
    assert "节能报告" in notice and "书面承诺" in notice and "主要用能设备清单" in notice
    f = tmp_path / "承诺书.pdf"
    f.write_bytes(report_pdf(["承诺书"]))
    assert _drop(mats, 1, f).isAccepted()
    v = show_case(ctx, HOSPITAL)
    assert [(a["item"], a["original_name"]) for a in v["attachments"]] == [("commitment", "承诺书.pdf")]
    assert mats.item(1).text().startswith("✓") and "承诺书.pdf" in mats.item(1).text()
    notice = page.notice.toPlainText()
    assert "书面承诺" not in notice and "节能报告" in notice and "主要用能设备清单" in notice
    page.quiet = True
    page.day.setDate(page.day.date().fromString("2026-03-05", "yyyy-MM-dd"))  # within 5 working days of 03-02
    assert page.unsigned_btn.isVisible()  # no certificate in this home: unsigned only as the explicit choice
    qtbot.mouseClick(page.unsigned_btn, Qt.MouseButton.LeftButton)
    assert not shown, [m.text for m in shown]
    with archive.read() as s:
        op = s.scalars(select(Opinion).where(Opinion.kind == "correction")).one()
        items = op.view_model["missing_items"]
    assert any("节能报告" in i for i in items) and any("主要用能设备清单" in i for i in items)
    assert not any("书面承诺" in i for i in items)
    assert show_case(ctx, HOSPITAL)["timeline"][-1]["kind"] == "correction_requested"
    assert show_case(ctx, HOSPITAL)["timeline"][-1]["data"]["signed"] is False
    assert "未签名" in page.doc_label.text() and op.doc_number in page.doc_label.text()
    assert not page.notice_btn.isEnabled()
    # 受理 with items still missing asks first (the test's confirmer says yes), then starts the decision clock
    page.day.setDate(page.day.date().fromString("2026-03-09", "yyyy-MM-dd"))
    assert page.accept_case()
    v = show_case(ctx, HOSPITAL, today=date(2026, 3, 10))
    assert v["timeline"][-1]["kind"] == "accepted" and v["deadlines"]["decision"] == "2026-04-07"
    assert not page.accept_btn.isEnabled()


PASS = "Songjiang-2026-审查"


def test_acceptance_step_signs_the_correction_notice_with_the_reviewers_certificate(qtbot, env, tmp_path):
    """令第31号 第十四条's one-time notice is signed like the other documents: the certificate of the first-run
    dialog and its passphrase; without a certificate the step says so and issues nothing."""
    from sqlalchemy import select

    from reviewer.archive.models import Opinion
    from reviewer.signing.verify import verify_bytes
    from reviewer.ui.wizard.wizard import ReviewWizard
    from reviewer.usecases.cases import ReceiveRequest, receive_case, show_case

    archive, shown = env
    ctx = _ctx(archive)
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    w = ReviewWizard(archive, HOSPITAL, actor="张审查")
    qtbot.addWidget(w)
    w.show()
    page = w.pages[0]
    page.quiet = True
    page.day.setDate(page.day.date().fromString("2026-03-05", "yyyy-MM-dd"))
    assert page.notice_btn.isEnabled() and page.setup_btn.isVisible() and page.unsigned_btn.isVisible()
    assert "未签名" in page.unsigned_btn.text()
    qtbot.mouseClick(page.notice_btn, Qt.MouseButton.LeftButton)  # no certificate: said plainly, nothing issued
    assert "签名证书" in page.sign_message.text()
    with archive.read() as s:
        assert s.scalars(select(Opinion)).all() == []
    dlg = page._setup_dialog  # the certificate part of the first-run dialog, as at 出具意见
    assert dlg.isVisible() and dlg.keys_only
    dlg.keys.passphrase.first.setText(PASS)
    dlg.keys.passphrase.second.setText(PASS)
    dlg.accept()
    assert page.has_certificate() and not page.setup_btn.isVisible() and not page.unsigned_btn.isVisible()
    qtbot.mouseClick(page.notice_btn, Qt.MouseButton.LeftButton)  # no passphrase yet: asked for, nothing issued
    assert "口令" in page.sign_message.text()
    qtbot.keyClicks(page.passphrase, "wrong")
    qtbot.mouseClick(page.notice_btn, Qt.MouseButton.LeftButton)
    assert shown and "口令" in shown[-1].text  # wrong passphrase: plain message, nothing archived, no event
    with archive.read() as s:
        assert s.scalars(select(Opinion)).all() == []
    assert all(e["kind"] != "correction_requested" for e in show_case(ctx, HOSPITAL)["timeline"])
    assert page.notice_btn.isEnabled()
    page.passphrase.setText(PASS)  # QTest.keyClicks aborts on the non-Latin characters of this passphrase
    qtbot.mouseClick(page.notice_btn, Qt.MouseButton.LeftButton)
    assert page.passphrase.text() == ""  # never kept in the widget
    with archive.read() as s:
        op = s.scalars(select(Opinion).where(Opinion.kind == "correction")).one()
        assert op.signed and op.doc_number.startswith("松发改能审")
        pdf, number, oid = bytes(op.pdf), op.doc_number, op.id
    rep = verify_bytes(pdf, archive=archive)
    assert rep.signed and rep.intact and rep.valid, rep.problems
    ev = show_case(ctx, HOSPITAL)["timeline"][-1]
    assert ev["kind"] == "correction_requested" and ev["on"] == "2026-03-05"
    assert (ev["data"]["doc_number"], ev["data"]["opinion_id"], ev["data"]["signed"]) == (number, oid, True)
    assert number in page.doc_label.text() and "未签名" not in page.doc_label.text()
    assert page.save_btn.isVisible() and not page.notice_btn.isEnabled()
    out = tmp_path / "补正通知.pdf"
    assert page.save_pdf(str(out))
    assert out.read_bytes() == pdf
    w2 = ReviewWizard(archive, HOSPITAL, actor="张审查")  # a later session shows the recorded 文号, signed
    qtbot.addWidget(w2)
    p2 = w2.pages[0]
    assert number in p2.doc_label.text() and "2026-03-05" in p2.doc_label.text() and "已签名" in p2.doc_label.text()
    assert not p2.notice_btn.isEnabled() and not p2.unsigned_btn.isVisible() and not p2.save_btn.isVisible()


def test_a_docx_attachment_opens_in_the_system_application(qtbot, env, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from case_helpers import report_docx
    from reviewer.ui.case_panel import CasePanel
    from reviewer.usecases.cases import AttachRequest, ReceiveRequest, attach_file, receive_case

    archive, _ = env
    ctx = _ctx(archive)
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    data = report_docx()
    attach_file(ctx, request=AttachRequest(HOSPITAL, "节能报告.docx", data, "energy_report", "energy_report"))
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    panel = CasePanel(ctx, today=date(2026, 3, 3))
    qtbot.addWidget(panel)
    panel.show_project(HOSPITAL)
    panel.attachments.setCurrentRow(0)
    assert panel.preview.page_count() == 0 and "不是PDF" in panel.preview_label.text()
    assert panel.open_attachment(panel.current_attachment()) is True
    [path] = opened
    assert Path(path).name == "节能报告.docx" and Path(path).read_bytes() == data


@pytest.mark.parametrize("today, listed", [(date(2026, 3, 30), []), (date(2026, 3, 31), [HOSPITAL])])
def test_overdue_filter_in_the_filter_bar_is_the_sql_of_case_list(qtbot, env, today, listed):
    """Decision due 2026-03-30 (see the module docstring): on that day not overdue, on 03-31 overdue — the checkbox
    (a real mouse click) lists exactly what ``reviewer case list --overdue`` lists; clearing the filters undoes it."""
    from reviewer.ui.main_window import MainWindow
    from reviewer.usecases.cases import EventRequest, ReceiveRequest, list_cases, receive_case, record_event

    archive, shown = env
    ctx = _ctx(archive)
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    record_event(ctx, request=EventRequest(HOSPITAL, "accepted", date(2026, 3, 2)))
    w = MainWindow(archive=archive, today=today)
    qtbot.addWidget(w)
    w.show()
    total = w.model.rowCount()
    assert total > 1
    assert w.f_overdue.text() == "仅显示逾期"
    qtbot.mouseClick(w.f_overdue, Qt.MouseButton.LeftButton)
    assert w.f_overdue.isChecked()
    codes = [w.model.code_at(r) for r in range(w.model.rowCount())]
    assert codes == listed == [r["project_code"] for r in list_cases(ctx, today=today, overdue=True)]
    assert w.model.total == len(listed)
    qtbot.mouseClick(w.clear_btn, Qt.MouseButton.LeftButton)
    assert not w.f_overdue.isChecked() and w.model.rowCount() == total
    assert not shown


def test_next_deadline_column_sorts_server_side_and_pages_by_keyset(qtbot, env):
    """Today Wed 2026-03-04. 000202 received Mon 03-02, nothing done → 补正 notice due 03-03, 04, 05, 06, 09 →
    2026-03-09 (令第31号 第十四条); the hospital accepted 03-02 → decision due 2026-03-30 (see the module docstring);
    the other two have no case and sort after every date (then by id). A click on the header sorts in SQL; pages of
    one row continued by keyset give the same order."""
    from PySide6.QtCore import QPoint

    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.project_model import COLUMNS, ProjectTableModel, source_for
    from reviewer.usecases.cases import EventRequest, ReceiveRequest, receive_case, record_event

    archive, shown = env
    ctx = _ctx(archive)
    today = date(2026, 3, 4)
    receive_case(ctx, request=ReceiveRequest("2026-310117-39-03-000202", date(2026, 3, 2)))
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    record_event(ctx, request=EventRequest(HOSPITAL, "accepted", date(2026, 3, 2)))
    asc = ["2026-310117-39-03-000202", HOSPITAL, "2025-310117-44-02-000303", "2026-310117-65-01-000404"]
    w = MainWindow(archive=archive, today=today)
    qtbot.addWidget(w)
    w.show()
    hdr = w.table.horizontalHeader()
    due_col = len(COLUMNS)
    x = hdr.sectionViewportPosition(due_col) + hdr.sectionSize(due_col) // 2
    qtbot.mouseClick(hdr.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, hdr.height() // 2))
    assert w.model._sort_col == due_col
    codes = [w.model.code_at(r) for r in range(w.model.rowCount())]
    expected = asc if w.model._order == Qt.SortOrder.AscendingOrder else asc[::-1]
    assert codes == expected
    assert w.model.data(w.model.index(0, due_col)) == ("2026-03-09 补正告知" if expected is asc else "")
    qtbot.mouseClick(hdr.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, hdr.height() // 2))
    assert [w.model.code_at(r) for r in range(w.model.rowCount())] == expected[::-1]
    # keyset continuation, one row a page, both directions
    src = source_for(archive)
    for order, want in ((Qt.SortOrder.AscendingOrder, asc), (Qt.SortOrder.DescendingOrder, asc[::-1])):
        got, after = [], None
        for _ in range(len(want) + 1):
            rows = ProjectTableModel.fetch_page(src, w.model.filter, due_col, order, len(got), 1, after, today=today)
            if not rows:
                break
            got.append(rows[0][0])
            after = (rows[0][due_col][1] or date(9999, 12, 31), rows[0][-1])
        assert got == want
    assert not shown


def test_opening_the_archive_recomputes_stale_deadlines_before_the_list_shows_them(qtbot, env, monkeypatch):
    """A case whose stored deadline was computed under another calendar (here: a deliberately wrong stored date and
    an empty fingerprint, as migration 0006 leaves older rows) is recomputed when the workbench opens the archive;
    the list shows the decision due 2026-03-30 (module docstring), never the stored 2026-01-01."""
    from sqlalchemy import select, update

    from reviewer.archive.case_models import Case
    from reviewer.ui import tasks
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.project_model import COLUMNS
    from reviewer.usecases.cases import EventRequest, ReceiveRequest, receive_case, record_event

    archive, shown = env
    ctx = _ctx(archive)
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    record_event(ctx, request=EventRequest(HOSPITAL, "accepted", date(2026, 3, 2)))
    with archive.write() as s:
        s.execute(update(Case).values(decision_due=date(2026, 1, 1), rules_fp=""))
    url = archive.url
    archive.dispose()
    monkeypatch.setattr(tasks, "_runner", tasks.TaskRunner())
    w = MainWindow(archive_url=url, today=date(2026, 3, 31))
    qtbot.addWidget(w)
    w.show()
    with qtbot.waitSignal(w.archiveReady, timeout=30000):
        pass
    tasks.runner().wait(5000)
    m = w.model
    assert m.data(m.index(m.row_of(HOSPITAL), len(COLUMNS))) == "2026-03-30 审查决定"
    with w.archive.read() as s:
        c = s.scalars(select(Case)).one()
        assert c.decision_due == date(2026, 3, 30) and c.rules_fp
    assert not shown
