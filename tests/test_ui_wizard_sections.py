"""The wizard shows every section of the form description (forms/submission.toml) and the reviewer's edits of them
change the assessment; the conclusion's conditions are audited and printed in the previewed opinion.

Driven with real events (mouse double-click into a table cell, key clicks into the editors) on a real archive.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from sqlalchemy import select

from reviewer.submission.spec import spec

pytestmark = pytest.mark.gui

HOSPITAL = "2026-310117-84-01-000101"
DATACENTRE = "2026-310117-65-01-000404"
BOILER = "2025-310117-44-02-000303"
POLICY = 4


@pytest.fixture
def env(qtbot, monkeypatch):
    from reviewer.ui import dialogs, tasks
    from reviewer.ui.testing import demo_archive, prepare_app

    prepare_app("zh_CN")
    monkeypatch.setattr(tasks, "_runner", tasks.SyncRunner())
    shown = []
    monkeypatch.setattr(dialogs, "presenter", lambda parent, m: shown.append(m))
    monkeypatch.setattr(dialogs, "confirmer", lambda parent, title, text: True)
    return {"archive": demo_archive(), "shown": shown}


def _wizard(qtbot, archive, code):
    from reviewer.ui.wizard.wizard import ReviewWizard

    w = ReviewWizard(archive, code, actor="张三")
    qtbot.addWidget(w)
    w.resize(1400, 900)
    w.show()
    return w


def _status(w, finding_id):
    return next(f["status"] for f in w.ctx.result["findings"] if f["id"] == finding_id)


def _type(qtbot, widget, text):
    """Type ``text``: ASCII as key clicks; Chinese as the input method commits it (QInputMethodEvent per character;
    QTest's key clicks accept ASCII only)."""
    for ch in text:
        if ch.isascii():
            qtbot.keyClick(widget, ch)
        else:
            ev = QInputMethodEvent()
            ev.setCommitString(ch)
            QApplication.sendEvent(widget, ev)


def _type_into_cell(qtbot, view, row, col, text):
    """Double-click the cell, replace its text with ``text`` key by key, press Return."""
    view.scrollTo(view.model().index(row, col))
    rect = view.visualRect(view.model().index(row, col))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.state() == view.State.EditingState
    editor = next(e for e in view.viewport().findChildren(QLineEdit) if e.isVisible())
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    _type(qtbot, editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_every_section_and_field_of_the_form_is_in_the_wizard(qtbot, env):
    """Data-driven: each section of spec() is a group on some page, each field a column or a labelled editor."""
    from reviewer.ui.wizard.carbon import CarbonPage
    from reviewer.ui.wizard.overview import OverviewPage
    from reviewer.ui.wizard.policy import PolicyPage

    w = _wizard(qtbot, env["archive"], DATACENTRE)
    panels = [w.page(OverviewPage).panel, w.page(CarbonPage).panel, w.page(PolicyPage).panel]
    shown = {k for p in panels for k in (*p.tables, *p.forms)}
    assert shown | {"energy"} == {s.key for s in spec().sections}
    for p in panels:
        for key, (model, _v) in p.tables.items():
            heads = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
            assert len(heads) == len(spec().section(key).fields)
        for key, form in p.forms.items():
            assert set(form.editors) == {f.key for f in spec().section(key).fields}
    # labels, units and help from the spec (buildings.renewable_other and data_centre.compute_pflops are v3 fields)
    bmodel = w.page(PolicyPage).panel.tables["buildings"][0]
    col = bmodel.keys.index("renewable_other")
    assert bmodel.headerData(col, Qt.Orientation.Horizontal) == "光伏以外的可再生能源利用（如有）"
    assert "地源热泵" in bmodel.headerData(col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) or \
        spec().section("buildings").field("renewable_other").help in bmodel.headerData(
            col, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    form = w.page(PolicyPage).panel.forms["data_centre"]
    assert form.labels["compute_pflops"].text() == "算力规模（FP16）（PFLOPS）："
    # the project code is the archive's key: shown, not editable
    assert not w.page(OverviewPage).panel.forms["project"].editors["code"].isEnabled()
    # energy: the v3 green-power columns
    from reviewer.ui.wizard.energy import EnergyPage

    em = w.page(EnergyPage).model
    heads = [em.headerData(i, Qt.Orientation.Horizontal) for i in range(em.columnCount())]
    assert "绿电交易类型（外购绿电填写）" in heads and "绿电交易凭证编号" in heads


def test_data_centre_group_only_when_the_submission_has_one(qtbot, env):
    from reviewer.ui.wizard.policy import PolicyPage

    w = _wizard(qtbot, env["archive"], BOILER)
    w.go(POLICY, validate=False)
    page = w.page(PolicyPage)
    page.tabs.setCurrentIndex(1)
    assert not page.panel.boxes["data_centre"].isVisible() and page.panel.boxes["buildings"].isVisible()


def test_rack_utilisation_typed_in_changes_dc004(qtbot, env):
    """DC-004 (发改环资〔2024〕970号: 上架率不低于60%, dated parameter benchmarks.data_centre.rack_utilisation_min):
    the demo declares none → not applicable; 0.5 < 0.6 → warn; 0.65 ≥ 0.6 → pass."""
    from reviewer.ui.wizard.policy import PolicyPage

    w = _wizard(qtbot, env["archive"], DATACENTRE)
    w.go(POLICY, validate=False)
    page = w.page(PolicyPage)
    page.tabs.setCurrentIndex(1)
    edit = page.panel.forms["data_centre"].editors["rack_utilisation"]
    assert edit.isVisible() and _status(w, "DC-004") == "not_applicable"
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(edit, "0.5")
    qtbot.waitUntil(lambda: _status(w, "DC-004") == "warn", timeout=5000)
    assert w.state.data["data_centre"]["rack_utilisation"] == "0.5" and w.state.energy_edited
    edit.selectAll()
    qtbot.keyClicks(edit, "0.65")
    qtbot.waitUntil(lambda: _status(w, "DC-004") == "pass", timeout=5000)
    # the finding table on the first tab follows the re-assessment
    assert next(r["status"] for r in page.findings.records if r["id"] == "DC-004") == "pass"
    # an out-of-range value is refused with the field's message and changes nothing
    edit.selectAll()
    qtbot.keyClicks(edit, "2")  # a share above 1
    assert "rack_utilisation" in page.panel.forms["data_centre"].errors
    assert w.state.data["data_centre"]["rack_utilisation"] == "0.65"


def test_renewable_other_makes_re001_pass_and_is_stored_as_a_new_version(qtbot, env):
    """RE-001 (沪建建材联〔2022〕679号: a new building uses at least one renewable energy): 住院楼 without PV (0 m²)
    and nothing else → fail; "地源热泵" in renewable_other → pass. Before the opinion the corrected submission is a
    new version (source ui)."""
    from reviewer.archive.models import Project, Submission as SubmissionRow
    from reviewer.ui.wizard import ops
    from reviewer.ui.wizard.policy import PolicyPage

    archive = env["archive"]
    w = _wizard(qtbot, archive, HOSPITAL)
    w.go(POLICY, validate=False)
    page = w.page(PolicyPage)
    page.tabs.setCurrentIndex(1)
    model, view = page.panel.tables["buildings"]
    assert view.isVisible() and _status(w, "RE-001") == "pass"
    row = next(i for i, b in enumerate(model.items) if b["name"] == "住院楼")
    _type_into_cell(qtbot, view, row, model.keys.index("pv_area_m2"), "0")
    qtbot.waitUntil(lambda: _status(w, "RE-001") == "fail", timeout=5000)
    _type_into_cell(qtbot, view, row, model.keys.index("renewable_other"), "地源热泵")
    qtbot.waitUntil(lambda: _status(w, "RE-001") == "pass", timeout=5000)
    assert w.state.data["buildings"][row]["renewable_other"] == "地源热泵"
    ops.prepare_issue(archive, w.state, "张三")
    with archive.read() as s:
        latest = s.scalars(select(SubmissionRow).join(Project).where(Project.code == HOSPITAL)
                           .order_by(SubmissionRow.version.desc())).first()
        assert latest.id == w.state.submission_id and latest.source_format == "ui"
        assert latest.data["buildings"][row]["renewable_other"] == "地源热泵"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils")
def test_edited_condition_is_audited_and_in_the_preview(qtbot, env, tmp_path):
    from reviewer.archive.models import AuditEvent
    from reviewer.ui.wizard.conclusion import ConclusionPage
    from reviewer.ui.wizard.issue import IssuePage

    archive = env["archive"]
    w = _wizard(qtbot, archive, HOSPITAL)
    w.go(6, validate=False)
    page = w.page(ConclusionPage)
    qtbot.mouseClick(page.approve, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.conditions, Qt.MouseButton.LeftButton)
    _type(qtbot, page.conditions, "投产前建成能源管理中心并接入区级平台")
    assert w.next() and w.current == 7
    with archive.read() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "opinion.conditions")).all()
    assert len(ev) == 1 and ev[0].actor == "张三" and ev[0].at is not None
    assert ev[0].payload["conditions"] == ["投产前建成能源管理中心并接入区级平台"]
    issue = w.page(IssuePage)
    issue.render_preview()
    assert issue.pdf and issue.pdf.startswith(b"%PDF")
    pdf = tmp_path / "preview.pdf"
    pdf.write_bytes(issue.pdf)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "投产前建成能源管理中心并接入区级平台" in text.replace("\n", "")
    # an edit of the condition is a second audit event (and what was seen changes: a new preview is needed)
    w.go(6, validate=False)
    page.conditions.moveCursor(page.conditions.textCursor().MoveOperation.End)
    _type(qtbot, page.conditions, "，并按季度报送能耗数据")
    assert w.next()
    with archive.read() as s:
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "opinion.conditions")
                       .order_by(AuditEvent.id)).all()
    assert len(ev) == 2 and ev[1].payload["previous"] == ["投产前建成能源管理中心并接入区级平台"]
    assert ev[1].payload["conditions"] == ["投产前建成能源管理中心并接入区级平台，并按季度报送能耗数据"]
    # nothing changed → no further event
    w.go(6, validate=False)
    assert w.next()
    with archive.read() as s:
        assert len(s.scalars(select(AuditEvent).where(AuditEvent.action == "opinion.conditions")).all()) == 2


def test_high_polluting_fuel_chosen_in_the_overview_fails_co001(qtbot, env):
    """CO-001 (《上海市大气污染防治条例》: no new or expanded facility burning coal, heavy oil, residual oil or
    petroleum coke; corrections.md E1): the new hospital burns none → not a fail; the reviewer records that it has
    such a facility (v3 field project.high_polluting_fuel, chosen with the keyboard) → fail."""
    from reviewer.ui.wizard.overview import OverviewPage

    w = _wizard(qtbot, env["archive"], HOSPITAL)
    w.go(1, validate=False)
    box = w.page(OverviewPage).panel.forms["project"].editors["high_polluting_fuel"]
    assert box.isVisible() and _status(w, "CO-001") != "fail"
    box.setFocus()  # tabbed to; the arrow keys step through —, 是, 否 without opening the list
    for _ in range(box.count()):
        if box.currentData() is True:
            break
        qtbot.keyClick(box, Qt.Key.Key_Up if box.currentIndex() > box.findData(True) else Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: _status(w, "CO-001") == "fail", timeout=5000)
    assert w.state.data["project"]["high_polluting_fuel"] is True
    assert "高污染" in w.page(OverviewPage).panel.forms["project"].labels["high_polluting_fuel"].text()
