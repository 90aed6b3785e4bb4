"""First run without the command line (issue 16): the dialog records the office, creates the office CA and the
reviewer's certificate (passphrase twice, strength shown, never stored), and the wizard signs with it; the 出具意见
step offers the same dialog when no certificate is configured; keys can be issued, imported and revoked."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

pytestmark = pytest.mark.gui

HOSPITAL = "2026-310117-84-01-000101"
ROOT = Path(__file__).resolve().parents[1]
PASS = "Songjiang-2026-审查"


@pytest.fixture
def env(qtbot, monkeypatch):
    from reviewer.ui import dialogs, tasks
    from reviewer.ui.testing import prepare_app

    prepare_app("zh_CN")
    monkeypatch.setattr(tasks, "_runner", tasks.SyncRunner())
    shown = []
    monkeypatch.setattr(dialogs, "presenter", lambda parent, m: shown.append(m))
    monkeypatch.setattr(dialogs, "confirmer", lambda parent, title, text: True)
    return {"shown": shown}


def _archive_with_hospital():
    from reviewer.archive.db import Archive
    from reviewer.services import store_submission
    from reviewer.submission.parse import load_json

    archive = Archive()
    sub = load_json(ROOT / "resources/demo/hospital.json")
    archive.run_write(lambda s: store_submission(s, sub, source_name="hospital.json", source_format="json",
                                                 actor="李四"))
    return archive


def test_first_run_needed_until_office_and_certificate_exist(reviewer_home) -> None:
    from reviewer.settings import Settings
    from reviewer.usecases.keys import needs_first_run, passphrase_strength

    assert needs_first_run(Settings())
    assert needs_first_run(Settings(reviewer_name="李四", certificate_path=str(reviewer_home / "none.p12")))
    # strength: < 8 characters is "too short" (score 0); 18 mixed characters is "strong"
    assert passphrase_strength("abc1234")[0] == 0 and passphrase_strength("abcd1234")[0] == 1
    assert passphrase_strength(PASS)[0] == 4


def test_first_run_dialog_creates_a_certificate_and_the_wizard_signs_with_it(qtbot, env, reviewer_home) -> None:
    from reviewer.archive.models import Opinion
    from reviewer.settings import Settings
    from reviewer.signing.verify import verify_bytes
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.wizard.conclusion import ConclusionPage
    from reviewer.ui.wizard.issue import IssuePage
    from reviewer.ui.wizard.wizard import ReviewWizard

    archive = _archive_with_hospital()
    win = MainWindow(archive=archive)
    qtbot.addWidget(win)
    dlg = win.offer_first_run()
    assert dlg is not None and dlg.isVisible()
    dlg.commission.setText("上海市松江区发展和改革委员会")
    dlg.level.setCurrentIndex(dlg.level.findData("district"))
    dlg.prefix.setText("松发改能审")
    dlg.pattern.setText("{prefix}〔{year}〕{n}号")
    dlg.tz.setCurrentText("Asia/Shanghai")
    dlg.name.setText("李四")
    pw = dlg.keys.passphrase
    pw.first.setText(PASS)
    pw.second.setText(PASS + "x")
    assert "不一致" in pw.word.text()
    dlg.accept()  # mismatch: refused with a plain message, the dialog stays, nothing created
    assert env["shown"] and "不一致" in env["shown"][-1].text and dlg.isVisible()
    assert not (reviewer_home / "keys" / "authority.p12").exists()
    pw.first.setText(PASS)
    pw.second.setText(PASS)
    assert pw.word.text() == "强" and pw.bar.value() == 4
    dlg.accept()
    assert not dlg.isVisible()
    s = Settings.load()
    assert (s.reviewer_name, s.office_level, s.time_zone) == ("李四", "district", "Asia/Shanghai")
    cert = Path(s.certificate_path)
    assert cert.is_file() and (cert.stat().st_mode & 0o777) == 0o600
    assert PASS not in (reviewer_home / "settings.json").read_text(encoding="utf-8")  # never stored
    assert PASS.encode() not in cert.read_bytes()
    assert pw.first.text() == "" and pw.second.text() == ""
    assert win.offer_first_run() is None  # done: not offered again

    w = ReviewWizard(archive, HOSPITAL, actor="李四")
    qtbot.addWidget(w)
    w.show()
    while w.current < 6:
        assert w.next(), w.current
    w.page(ConclusionPage).approve.setChecked(True)
    assert w.next()
    issue = w.page(IssuePage)
    assert issue.cert.text() == str(cert) and not issue.setup_btn.isVisible()
    issue.render_preview()
    issue.passphrase.setText(PASS)
    # the opinion rests on unverified parameters: the reviewer confirms them with a reason (issue 13)
    issue.confirm_authority.setText("分级界限已与市发改委核实")
    issue.confirm_unverified.setText("参数已逐项核对")
    issue.sign_and_archive()
    assert w.state.opinion_id is not None, [m.text for m in env["shown"]]
    with archive.read() as ses:
        op = ses.get(Opinion, w.state.opinion_id)
        assert op.signed and op.signer == "李四"
        pdf = bytes(op.pdf)
    rep = verify_bytes(pdf, archive=archive)
    assert rep.signed and rep.intact and rep.valid and rep.trusted, rep.problems


def test_issue_step_offers_the_certificate_dialog_when_none_is_configured(qtbot, env, reviewer_home) -> None:
    from reviewer.ui.wizard.conclusion import ConclusionPage
    from reviewer.ui.wizard.issue import IssuePage
    from reviewer.ui.wizard.wizard import ReviewWizard

    archive = _archive_with_hospital()
    w = ReviewWizard(archive, HOSPITAL, actor="李四")
    qtbot.addWidget(w)
    w.show()
    while w.current < 6:
        assert w.next()
    w.page(ConclusionPage).approve.setChecked(True)
    assert w.next()
    issue = w.page(IssuePage)
    assert issue.setup_btn.isVisible()
    issue.render_preview()
    issue.sign_and_archive()  # no certificate → the dialog opens instead of a file prompt
    dlg = issue._setup_dialog
    assert dlg.isVisible() and dlg.keys_only
    dlg.keys.passphrase.first.setText(PASS)
    dlg.keys.passphrase.second.setText(PASS)
    dlg.accept()
    assert Path(issue.cert.text()).is_file() and not issue.setup_btn.isVisible()
    issue.passphrase.setText(PASS)
    # the opinion rests on unverified parameters: the reviewer confirms them with a reason (issue 13)
    issue.confirm_authority.setText("分级界限已与市发改委核实")
    issue.confirm_unverified.setText("参数已逐项核对")
    issue.sign_and_archive()
    assert w.state.opinion_id is not None and w.state.doc_number


def test_keys_dialog_issues_imports_and_revokes(qtbot, env, reviewer_home, tmp_path) -> None:
    from reviewer.settings import Settings
    from reviewer.signing import identities
    from reviewer.ui.first_run import KeysDialog
    from reviewer.usecases import keys as uc
    from reviewer.usecases.base import Context

    archive = _archive_with_hospital()
    ctx = Context(archive=archive, settings=Settings(reviewer_name="李四"))
    uc.create_identity(ctx, request=uc.CreateIdentityRequest(reviewer_name="李四", passphrase=PASS, repeat=PASS))
    dlg = KeysDialog(Context(archive=archive, settings=Settings.load()))
    qtbot.addWidget(dlg)
    assert [r.file for r in dlg.rows] == ["authority.p12", "李四.p12"]  # the office CA is listed too
    assert dlg.table.item(1, 4).text() == "是" and dlg.table.item(0, 4).text() == ""
    with pytest.raises(Exception, match="没有可吊销"):
        dlg.revoke("authority.p12", "误操作")  # the CA is not a signing certificate to revoke
    dlg.issue("王五", PASS, "wang-wu-2026!", "wang-wu-2026!")
    assert sorted(r.file for r in dlg.rows) == ["authority.p12", "李四.p12", "王五.p12"]
    with pytest.raises(Exception, match="口令"):
        dlg.issue("赵六", "wrong-ca-pass", "zhao-liu-2026", "zhao-liu-2026")
    # import an external PKCS#12 (here one issued elsewhere) and use it
    outside = tmp_path / "outside.p12"
    shutil.copy(identities.keys_dir() / "王五.p12", outside)
    (identities.keys_dir() / "王五.p12").unlink()
    (identities.keys_dir() / "王五.crt").unlink()
    dlg.import_file(str(outside), "wang-wu-2026!")
    assert Path(dlg.settings.certificate_path).name == "王五.p12"
    dlg.revoke("王五.p12", "调离岗位")
    assert "王五.p12" not in [r.file for r in dlg.rows]
    assert Settings.load().certificate_path == ""  # the revoked one is no longer configured
    log = json.loads((identities.keys_dir() / "revoked.json").read_text(encoding="utf-8"))
    assert log[-1]["file"] == "王五.p12" and log[-1]["reason"] == "调离岗位"
    assert (identities.keys_dir() / "revoked" / "王五.p12").exists()  # kept: earlier signatures still verify
