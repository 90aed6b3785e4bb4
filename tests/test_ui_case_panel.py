"""pytest-qt: the case panel — a real QDropEvent onto a checklist item attaches the file (issue 14), the clock is
shown, an overdue case is flagged (docs/screenshots/case_panel.png comes from scripts/screenshots.py).

Dates: received Mon 2026-03-02 → 补正 notice due 2026-03-09 (令第31号 第十四条, 5 working days, no holiday between).
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from case_helpers import report_pdf
from reviewer.demo import seed_demo
from reviewer.ui.case_panel import CasePanel
from reviewer.usecases.base import Context
from reviewer.usecases.cases import EventRequest, ReceiveRequest, receive_case, record_event, show_case

HOSPITAL = "2026-310117-84-01-000101"


def _drop(widget, row: int, path: Path) -> QDropEvent:
    rect = widget.visualItemRect(widget.item(row))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    ev = QDropEvent(QPointF(rect.center()), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                    Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(ev)
    return ev


def test_drop_a_file_onto_a_checklist_item_attaches_it(qtbot, archive, tmp_path):
    from reviewer.ui.testing import prepare_app

    prepare_app()  # bundled CJK fonts, as the workbench has them
    seed_demo(archive)
    ctx = Context(archive=archive, actor="张审查", clock=lambda: datetime(2026, 3, 3, 2, tzinfo=timezone.utc))
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    panel = CasePanel(ctx, today=date(2026, 3, 3))
    qtbot.addWidget(panel)
    panel.resize(720, 640)
    panel.show()
    panel.show_project(HOSPITAL)
    assert "2026-03-09" in panel.deadlines.text() and not panel.deadlines.property("overdue")
    ids = [panel.checklist.item(i).data(Qt.ItemDataRole.UserRole)[0] for i in range(panel.checklist.count())]
    assert ids[:2] == ["energy_report", "commitment"]
    f = tmp_path / "节能报告.pdf"
    f.write_bytes(report_pdf())
    ev = _drop(panel.checklist, 0, f)
    assert ev.isAccepted()
    v = show_case(ctx, HOSPITAL)
    assert [(a["kind"], a["item"], a["original_name"]) for a in v["attachments"]] == [
        ("energy_report", "energy_report", "节能报告.pdf")]
    assert panel.checklist.item(0).text().startswith("✓") and panel.attachments.count() == 1
    bad = tmp_path / "承诺书.pdf"
    bad.write_bytes(b"not a pdf at all")
    _drop(panel.checklist, 1, bad)
    assert "与扩展名不符" in panel.message.text() and len(show_case(ctx, HOSPITAL)["attachments"]) == 1


def test_overdue_case_is_flagged(qtbot, archive):
    seed_demo(archive)
    ctx = Context(archive=archive, actor="张审查")
    receive_case(ctx, request=ReceiveRequest(HOSPITAL, date(2026, 3, 2)))
    record_event(ctx, request=EventRequest(HOSPITAL, "accepted", date(2026, 3, 2)))
    # decision due 受理 + 20 working days = 2026-03-30 (《行政许可法》第四十二条)
    panel = CasePanel(ctx, today=date(2026, 3, 31))
    qtbot.addWidget(panel)
    panel.show_project(HOSPITAL)
    assert panel.deadlines.property("overdue") is True and "#c62828" in panel.deadlines.text()
    assert "2026-03-30" in panel.deadlines.text()
