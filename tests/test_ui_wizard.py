"""The review wizard driven like a reviewer would, on a real archive: import → acceptance → energy edits →
carbon → findings with audited overrides → conclusion → opinion preview (and signing when the API is present)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from reviewer.settings import Settings

pytestmark = pytest.mark.gui

HOSPITAL = "2026-310117-84-01-000101"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def env(qtbot, monkeypatch):
    from reviewer.ui import dialogs, tasks
    from reviewer.ui.testing import prepare_app

    prepare_app("zh_CN")
    monkeypatch.setattr(tasks, "_runner", tasks.SyncRunner())
    shown, asked = [], []
    monkeypatch.setattr(dialogs, "presenter", lambda parent, m: shown.append(m))

    def confirmer(parent, title, text):
        asked.append(text)
        return True

    monkeypatch.setattr(dialogs, "confirmer", confirmer)
    return {"shown": shown, "asked": asked}


def _import_hospital(qtbot, tmp_path):
    from reviewer.archive.db import Archive
    from reviewer.ui.import_dialog import BatchImportDialog

    archive = Archive()
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(ROOT / "resources/demo/hospital.json", src / "hospital.json")
    dlg = BatchImportDialog(archive, actor="张三")
    qtbot.addWidget(dlg)
    dlg.add_paths([str(src)])
    dlg.start()
    assert [r.status for r in dlg.results] == ["imported"]
    return archive


def _wizard(qtbot, archive, code=HOSPITAL):
    from reviewer.ui.wizard.wizard import ReviewWizard

    w = ReviewWizard(archive, code, actor="张三")
    qtbot.addWidget(w)
    w.show()
    return w


def test_drive_wizard_from_import_to_opinion(qtbot, tmp_path, env):
    from reviewer.archive.models import AuditEvent, Project, ReviewDecision
    from reviewer.ui.wizard.carbon import CarbonPage
    from reviewer.ui.wizard.conclusion import ConclusionPage
    from reviewer.ui.wizard.energy import EnergyPage
    from reviewer.ui.wizard.issue import IssuePage
    from reviewer.ui.wizard.policy import PolicyPage
    from reviewer.ui.wizard.regional import RegionalPage

    archive = _import_hospital(qtbot, tmp_path)
    w = _wizard(qtbot, archive)
    assert w.current == 0 and w.steps.count() == 8
    # 受理: the hospital lacks the equipment list → the reviewer is asked before going on without a 补正通知
    assert w.pages[0].missing and w.next()
    assert any("补正通知" in a for a in env["asked"])
    with archive.read() as s:
        assert s.scalars(select(Project.status).where(Project.code == HOSPITAL)).one() == "in_review"
    assert w.next()  # 项目概况
    energy = w.page(EnergyPage)
    assert w.current == 2 and energy.totals() == ("5,773.54 tce", "10,288.91 tce")
    # Electricity 2860 → 3000 万kWh. Hand calculation (GB/T 2589-2020 附录A, 0.1229 kgce/kWh 当量值):
    # 3000万kWh × 0.1229 = 3687.00 tce; + 天然气 2258.60 tce = 5945.60 tce.
    m = energy.model
    assert m.setData(m.index(0, 1), "3000")
    assert energy.totals()[0] == "5,945.60 tce"
    assert w.state.energy_edited
    # a bad value is refused with the field's own message and leaves the last valid totals
    assert m.setData(m.index(0, 1), "-5")
    assert energy.totals()[0] == "5,945.60 tce" and (0, "quantity") in m.errors
    assert not w.next() and env["shown"]  # cannot leave the page with an invalid cell
    assert m.setData(m.index(0, 1), "3000")
    assert w.next()
    carbon = w.page(CarbonPage)
    assert w.current == 3 and carbon.chart.bars and "tCO₂" in carbon.total.text()
    assert w.ctx.result["energy"]["equivalent_tce"] == pytest.approx(5945.60)  # re-assessed with the edit
    assert w.next()
    policy = w.page(PolicyPage)
    assert policy.findings.rowCount() > 0
    # override without a reason → refused, nothing written
    warn_row = next(i for i, r in enumerate(policy.findings.records) if r["status"] == "warn")
    policy.find_view.selectRow(warn_row)
    policy.override.setCurrentIndex(policy.override.findData("pass"))
    policy.reason.setPlainText("   ")
    assert not policy.record()
    assert "理由" in policy.feedback.text()
    with archive.read() as s:
        assert s.scalars(select(ReviewDecision)).all() == []
    # with a written reason → a ReviewDecision row and a hash-chained audit event
    policy.find_view.selectRow(warn_row)
    policy.override.setCurrentIndex(policy.override.findData("pass"))
    policy.reason.setPlainText("现场核查已落实整改措施。")
    policy.remark.setText("核查记录见附件")
    fid = policy.findings.records[warn_row]["id"]
    assert policy.record()
    with archive.read() as s:
        d = s.scalars(select(ReviewDecision)).one()
        assert (d.finding_id, d.override_status, d.reason, d.reviewer) == (fid, "pass", "现场核查已落实整改措施。", "张三")
        ev = s.scalars(select(AuditEvent).where(AuditEvent.action == "finding.override")).one()
        assert ev.reason == "现场核查已落实整改措施。" and ev.payload["finding_id"] == fid
        from reviewer.archive.audit import verify_chain

        assert verify_chain(s) == []
    assert policy.findings.records[warn_row]["effective"] == "pass"
    assert w.next()
    regional = w.page(RegionalPage)
    assert w.current == 5 and regional.chart.bars
    assert w.next()
    concl = w.page(ConclusionPage)
    assert concl.caps["equivalent_tce"].text() == "5945.60" and concl.caps["equivalent_tce"].isReadOnly()
    assert not w.next()  # no outcome chosen yet
    concl.approve.setChecked(True)
    concl.conditions.setPlainText("项目建成后年综合能源消费量不得超过核定值。")
    assert w.next()
    issue = w.page(IssuePage)
    assert w.current == 7
    issue.render_preview()
    assert issue.pdf and issue.pdf.startswith(b"%PDF") and issue.preview.page_count() >= 1
    # the reviewer's corrected figures were stored as a new submission version (never overwriting the applicant's)
    with archive.read() as s:
        from reviewer.archive.models import Opinion, Submission

        versions = s.scalars(select(Submission.source_format).join(Project).where(Project.code == HOSPITAL)
                             .order_by(Submission.version)).all()
        assert versions == ["json", "ui"]
        assert s.scalars(select(Opinion)).all() == []  # a preview archives nothing and uses no 文号
    # sign with a real reviewer certificate issued by the local CA (signing area's API)
    from reviewer.signing import identities

    identities.init_authority("上海市松江区发展和改革委员会", b"ca-secret")
    p12 = identities.issue("张三", b"ca-secret", b"my-pass")
    issue.cert.setText(str(p12))
    issue.passphrase.setText("wrong")
    issue.sign_and_archive()
    assert env["shown"] and "口令" in env["shown"][-1].text  # wrong passphrase: plain message, nothing archived
    with archive.read() as s:
        assert s.scalars(select(Opinion)).all() == []
    issue.passphrase.setText("my-pass")
    issue.sign_and_archive()  # the hospital's authority rests on the unverified 市、区分级界限 (corrections.md A4)
    assert "--confirm-authority" in env["shown"][-1].text and w.state.opinion_id is None
    issue.confirm_authority.setText("分级界限已与沪府规〔2022〕13号原文核对")
    issue.confirm_unverified.setText("所列参数已核对")
    issue.passphrase.setText("my-pass")
    issue.sign_and_archive()
    assert w.state.opinion_id is not None and w.state.doc_number.startswith("松发改能审")
    assert issue.passphrase.text() == ""  # never kept in the widget
    with archive.read() as s:
        op = s.get(Opinion, w.state.opinion_id)
        assert op.signed and op.kind == "approval" and op.signer == "张三"
        assert s.scalars(select(Project.status).where(Project.code == HOSPITAL)).one() == "approved"
        pdf = bytes(op.pdf)
    from reviewer.signing.verify import verify_bytes

    rep = verify_bytes(pdf, archive=archive)
    assert rep.signed and rep.intact and rep.valid, rep.problems
    if shutil.which("pdfsig"):
        import subprocess

        f = tmp_path / "signed.pdf"
        f.write_bytes(pdf)
        out = subprocess.run(["pdfsig", str(f)], capture_output=True, text=True).stdout
        assert "Signature is Valid" in out
    assert w.next()  # Finish closes the wizard and discards the draft
    from reviewer.ui.wizard.state import ReviewState

    assert not ReviewState.draft_path(HOSPITAL).exists()


def test_override_without_reason_is_refused_by_the_operation_too(qtbot, env):
    from reviewer.errors import UserError
    from reviewer.ui.testing import demo_archive
    from reviewer.ui.wizard import ops
    from reviewer.ui.wizard.state import Decision

    archive = demo_archive()
    st = ops.start_review(archive, HOSPITAL, Settings())
    with pytest.raises(UserError, match="书面理由"):
        ops.record_decision(archive, st, Decision("VE-001", "pass", reason=""), "张三")


def test_energy_totals_update_on_every_keystroke(qtbot, env):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLineEdit

    from reviewer.ui.testing import demo_archive
    from reviewer.ui.wizard.energy import EnergyPage

    w = _wizard(qtbot, demo_archive())
    w.go(2, validate=False)
    page = w.page(EnergyPage)
    ix = page.model.index(0, 1)
    page.table.setCurrentIndex(ix)
    page.table.edit(ix)
    editor = page.table.findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    seen = []
    for ch in "3000":
        qtbot.keyClick(editor, ch)
        seen.append(page.totals()[0])
    # 3, 30, 300, 3000 万kWh of electricity (+ 2258.60 tce natural gas); 3万kWh × 0.1229 = 3.69 tce …
    assert seen == ["2,262.29 tce", "2,295.47 tce", "2,627.30 tce", "5,945.60 tce"]
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_an_optional_list_cell_can_be_emptied_again_and_a_required_one_cannot(qtbot, env):
    """The energy table's dropdowns: 绿电交易类型 (optional, no default) offers （空） first and choosing it clears
    the cell; 品种 (required) and 用途 (blank means its default, 燃料) offer only their lists."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QAbstractItemDelegate, QComboBox

    from reviewer.ui.testing import demo_archive
    from reviewer.ui.wizard.energy import EDIT_KEYS, EnergyPage

    w = _wizard(qtbot, demo_archive())
    w.go(2, validate=False)
    page = w.page(EnergyPage)

    def editor(key: str) -> QComboBox:
        ix = page.model.index(0, EDIT_KEYS.index(key))
        page.table.setCurrentIndex(ix)
        page.table.edit(ix)
        box = page.table.indexWidget(ix) or next(b for b in page.table.findChildren(QComboBox) if b.isVisible())
        return box

    box = editor("green_trade_kind")
    assert box.itemText(0) == "（空）" and box.itemData(0) is None
    assert box.currentIndex() == 0
    qtbot.keyClick(box, Qt.Key.Key_Down)  # the reviewer's keys; each change is committed at once
    assert page.model.items[0]["green_trade_kind"] == box.itemData(1)
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert box.currentIndex() == 0 and page.model.items[0].get("green_trade_kind") is None
    page.table.commitData(box)
    page.table.closeEditor(box, QAbstractItemDelegate.EndEditHint.NoHint)
    for key in ("carrier", "purpose"):
        box = editor(key)
        assert all(box.itemData(i) is not None for i in range(box.count())), key
        page.table.closeEditor(box, QAbstractItemDelegate.EndEditHint.NoHint)


def test_draft_is_saved_resumed_and_close_asks(qtbot, env, monkeypatch):
    from reviewer.ui import dialogs
    from reviewer.ui.testing import demo_archive
    from reviewer.ui.wizard.energy import EnergyPage
    from reviewer.ui.wizard.state import ReviewState

    archive = demo_archive()
    w = _wizard(qtbot, archive)
    w.go(2, validate=False)
    m = w.page(EnergyPage).model
    m.setData(m.index(1, 1), "200")
    assert w.dirty
    monkeypatch.setattr(dialogs, "confirmer", lambda *a: False)
    assert not w.close()  # the reviewer said "no": the window stays open
    assert w.isVisible()
    monkeypatch.setattr(dialogs, "confirmer", lambda *a: True)
    assert w.close()
    assert ReviewState.draft_path(HOSPITAL).exists()
    w2 = _wizard(qtbot, archive)
    assert w2.current == 2 and w2.state.energy_edited
    assert w2.page(EnergyPage).model.items[1]["quantity"] == 200


def test_correction_notice_is_one_time(qtbot, env):
    from reviewer.archive.models import AuditEvent, Project
    from reviewer.ui.testing import demo_archive

    archive = demo_archive()
    w = _wizard(qtbot, archive)
    page = w.pages[0]
    assert page.notice_btn.isEnabled()
    assert "主要用能设备清单" in page.notice.toPlainText()
    page.quiet = True
    assert not page.issue_correction()  # no certificate set up: nothing is issued unsigned unasked
    assert "签名证书" in page.sign_message.text()
    page._setup_dialog.reject()
    assert page.issue_correction(unsigned=True)  # the explicit, labelled choice
    assert not page.notice_btn.isEnabled()
    from reviewer.archive.models import Opinion

    with archive.read() as s:
        assert s.scalars(select(Project.status).where(Project.code == HOSPITAL)).one() == "correction"
        op = s.scalars(select(Opinion)).one()
        assert op.kind == "correction" and op.doc_number in page.result.text()
        assert "主要用能设备清单（能效等级）" in op.view_model["missing_items"]
        assert s.scalars(select(AuditEvent).where(AuditEvent.action == "opinion.issued")).one()
    # a second notice is refused, also from a fresh wizard
    w2 = _wizard(qtbot, archive)
    assert w2.state.correction_issued and not w2.pages[0].notice_btn.isEnabled()
    from reviewer.errors import UserError
    from reviewer.ui.wizard import ops

    with pytest.raises(UserError, match="一次性"):
        ops.request_correction(w2.ctx.usecase(), w2.state, ["x"], "张三")


@pytest.fixture
def keep():
    """Holds widgets until after qtmodeltester's teardown (which disconnects from the last model checked)."""
    held: list = []
    yield held
    held.clear()


def test_every_wizard_model_passes_the_model_tester(keep, qtbot, qtmodeltester, env):
    from reviewer.ui.testing import demo_archive
    from reviewer.ui.widgets import RecordTableModel
    from reviewer.ui.wizard.energy import EnergyPage

    w = _wizard(qtbot, demo_archive())
    keep.append(w)
    for i in range(len(w.pages)):
        w.go(i, validate=False)
    qtmodeltester.check(w.page(EnergyPage).model, force_py=True)
    models = [m for p in w.pages for m in p.findChildren(RecordTableModel)]
    assert len(models) >= 4
    for m in models:
        qtmodeltester.check(m, force_py=True)


def test_carbon_choice_reassesses_and_is_archived_before_the_opinion(qtbot, env):
    """Choosing another electricity factor re-runs the engine with choices=…; before the opinion is rendered the
    assessment with that choice is stored (the opinion service renders the latest assessment)."""
    from reviewer.archive.models import AssessmentRow, AuditEvent
    from reviewer.ui.testing import demo_archive
    from reviewer.ui.wizard import ops
    from reviewer.ui.wizard.carbon import CarbonPage

    archive = demo_archive()
    w = _wizard(qtbot, archive)
    w.go(3, validate=False)
    page = w.page(CarbonPage)
    assert page.elec.isEnabled()
    before = w.ctx.result["carbon"]["total_tco2"]
    factor_before = w.ctx.result["carbon"]["choices"]["electricity_factor"]
    page.elec.setCurrentIndex(page.elec.findData("mee_national_2022"))
    qtbot.waitUntil(lambda: w.ctx.result["carbon"]["choices"]["electricity_basis"] == "mee_national_2022", timeout=5000)
    after = w.ctx.result["carbon"]["total_tco2"]
    assert after != before and w.ctx.result["carbon"]["choices"]["electricity_factor"] != factor_before
    assert "tCO₂" in page.total.text()
    ops.prepare_issue(archive, w.state, "张三")
    ops.prepare_issue(archive, w.state, "张三")  # idempotent: a second preview stores nothing new
    with archive.read() as s:
        rows = s.scalars(select(AssessmentRow).order_by(AssessmentRow.id)).all()
        latest = rows[-1]
        full = latest.full_result()  # compact rows (migration 0003) keep the trace in result_z
        assert latest.id == w.state.assessment_id and full["carbon"]["total_tco2"] == pytest.approx(after)
        assert full["carbon"]["choices"]["electricity_basis"] == "mee_national_2022"
        assert len(s.scalars(select(AuditEvent).where(AuditEvent.action == "assessment.recorded")).all()) == 1


def test_settings_defaults_apply_to_a_new_review(qtbot, env):
    from reviewer.settings import Settings
    from reviewer.ui.testing import demo_archive
    from reviewer.ui.wizard.carbon import CarbonPage

    s = Settings()
    s.default_factor_basis = "mee_east_china_2023"
    s.save()
    w = _wizard(qtbot, demo_archive())
    assert w.ctx.result["carbon"]["choices"]["electricity_basis"] == "mee_east_china_2023"
    w.go(3, validate=False)
    assert w.page(CarbonPage).elec.currentData() == "mee_east_china_2023"
