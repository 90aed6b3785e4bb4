"""One way in (issue 11 §1/§4): the review wizard re-assesses through the use case
``reviewer.usecases.submissions.assess_submission``, so the wizard and ``reviewer assess --json`` give the same figures
for the same inputs and the same choices — the ledger's district budget and the settings' defaults included — and the
reviewer's explicit choice of a regime date (or of the application date) wins over the settings' default.

Hand figures (resources/demo/hospital.json, application date 2026-03-02, commissioning 2029):

* regime: the date 2024-01-01 falls under 国家发展改革委令2023年第2号《固定资产投资项目节能审查办法》, the
  application date under 国家发展改革委令第31号《固定资产投资项目节能审查和碳排放评价办法》 (rules/regimes.toml);
* regional share with the district's own 2029 budget of 50 000 tce: 5 775 / 50 000 = 11.55 % (令第31号 第十二条第（七）项;
  the same hand calculation as tests/test_usecase_budget.py).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from sqlalchemy import select

from reviewer.archive.models import AssessmentRow, Project
from reviewer.archive.models import Submission as SubmissionRow
from reviewer.cli import main
from reviewer.settings import Settings
from reviewer.submission.parse import dumps

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[1]
HOSPITAL = ROOT / "resources" / "demo" / "hospital.json"
CODE = "2026-310117-84-01-000101"
APPLICATION_DATE = "2026-03-02"
SETTINGS_REGIME = "2024-01-01"  # the office's default regime date (Settings.regime_date)
SETTINGS_BASIS = "carbon_market"  # the office's default electricity factor basis
FIGURES = ("energy", "carbon", "regional")


@pytest.fixture
def office(archive, monkeypatch, capsys):
    """An archive holding the hospital (imported by the CLI), the district's 2029 budget in the ledger, and office
    settings with a default regime date and electricity basis — read by the CLI and the wizard alike."""
    from reviewer.ui import dialogs, tasks
    from reviewer.ui.testing import prepare_app

    monkeypatch.setenv("REVIEWER_DATABASE_URL", archive.url)
    Settings(regime_date=SETTINGS_REGIME, default_factor_basis=SETTINGS_BASIS, reviewer_name="张三").save()
    assert main(["ledger", "budget", "set", "--year", "2029", "--eq", "50000", "--co2", "100000",
                 "--reason", "区发改委下达2029年度预算"]) == 0
    assert main(["import", str(HOSPITAL)]) == 0
    capsys.readouterr()
    prepare_app("zh_CN")
    monkeypatch.setattr(tasks, "_runner", tasks.SyncRunner())
    shown: list = []
    monkeypatch.setattr(dialogs, "presenter", lambda parent, m: shown.append(m))
    monkeypatch.setattr(dialogs, "confirmer", lambda parent, title, text: True)
    return {"archive": archive, "shown": shown}


def _cli(capsys, *extra: str) -> dict:
    assert main(["assess", str(HOSPITAL), "--json", *extra]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out.pop("ok") is True
    return out


def _wizard_on_overview(qtbot, archive):
    from reviewer.ui.wizard.overview import OverviewPage
    from reviewer.ui.wizard.wizard import ReviewWizard

    w = ReviewWizard(archive, CODE)  # settings read from $REVIEWER_HOME like the CLI's
    qtbot.addWidget(w)
    w.show()
    assert w.next()  # 受理 → 项目概况 (the missing equipment list is confirmed away)
    page = w.page(OverviewPage)
    assert w.current == w.pages.index(page)
    return w, page


def _seen(w) -> dict:  # noqa: ANN001
    """What the wizard shows, serialised exactly as ``reviewer assess --json`` prints it."""
    w.next()  # leaving the page runs the pending re-assessment
    return json.loads(dumps(w.ctx.result))


def _same(wizard: dict, cli: dict) -> None:
    for k in FIGURES:
        assert wizard[k] == cli[k], k
    for k in ("regime_date", "regime_date_source", "decision_date", "choices", "review"):
        assert wizard[k] == cli[k], k
    assert wizard["receipt"]["regime"] == cli["receipt"]["regime"]
    assert wizard["receipt"]["parameters"] == cli["receipt"]["parameters"]


def test_wizard_and_cli_agree_on_the_settings_defaults_and_an_explicit_date(qtbot, office, capsys):
    w, page = _wizard_on_overview(qtbot, office["archive"])
    # opened with the office's defaults: regime date box unticked, the settings' date shown
    assert not page.use_app_date.isChecked() and page.regime_edit.date().toString("yyyy-MM-dd") == SETTINGS_REGIME
    defaults = json.loads(dumps(w.ctx.result))
    cli_defaults = _cli(capsys)  # no --date / --choice: the same settings defaults
    _same(defaults, cli_defaults)
    assert defaults["regime_date"] == SETTINGS_REGIME
    assert "令2023年第2号" in defaults["review"]["regime_name"]
    assert defaults["choices"]["electricity_basis"] == SETTINGS_BASIS
    assert (defaults["regional"]["energy_share_percent"], defaults["regional"]["budget_source"]) == (11.55, "ledger")

    # the reviewer picks another date: the explicit choice wins over the settings' default, as --date does
    page.regime_edit.setFocus()
    page.regime_edit.setDate(QDate(2027, 6, 1))
    seen = _seen(w)
    cli = _cli(capsys, "--date", "2027-06-01")
    _same(seen, cli)
    assert (seen["regime_date"], seen["regime_date_source"]) == ("2027-06-01", "override")
    assert "令第31号" in seen["review"]["regime_name"]
    assert seen["receipt"]["regime"]["date"] == "2027-06-01"
    assert seen["regional"]["energy_share_percent"] == 11.55


def test_ticking_the_application_date_beats_the_settings_regime_date(qtbot, office, capsys):
    archive = office["archive"]
    w, page = _wizard_on_overview(qtbot, archive)
    assert not page.use_app_date.isChecked()
    qtbot.mouseClick(page.use_app_date, Qt.MouseButton.LeftButton, pos=QPoint(4, page.use_app_date.height() // 2))
    assert page.use_app_date.isChecked() and w.state.regime_date == ""
    seen = _seen(w)
    # the reviewer's explicit choice of the application date, recorded like --date <application date>
    cli = _cli(capsys, "--date", APPLICATION_DATE)
    _same(seen, cli)
    assert (seen["regime_date"], seen["regime_date_source"]) == (APPLICATION_DATE, "override")
    assert "令第31号" in seen["review"]["regime_name"]
    # …and not what the settings' default would give
    settings_default = _cli(capsys)
    assert settings_default["regime_date"] == SETTINGS_REGIME and settings_default["review"] != seen["review"]

    # the document is rendered from what was seen: the import's assessment (settings' regime date) is replaced by
    # one at the application date before issuing
    from reviewer.ui.wizard import ops

    with archive.read() as s:
        sid = s.scalars(select(SubmissionRow.id).join(Project).where(Project.code == CODE)).one()
        assert s.scalars(select(AssessmentRow.regime_date).where(AssessmentRow.submission_id == sid)).all() == [
            date.fromisoformat(SETTINGS_REGIME)]
    ops.prepare_issue(archive, w.state, "张三", w.ctx.settings)
    ops.prepare_issue(archive, w.state, "张三", w.ctx.settings)  # idempotent
    with archive.read() as s:
        rows = s.scalars(select(AssessmentRow).where(AssessmentRow.submission_id == sid)
                         .order_by(AssessmentRow.id)).all()
        assert [r.regime_date.isoformat() for r in rows] == [SETTINGS_REGIME, APPLICATION_DATE]
        stored = json.loads(dumps(rows[-1].full_result()))
    for k in FIGURES:
        assert stored[k] == cli[k], k
    assert w.state.assessment_id == rows[-1].id


def test_an_explicit_date_contradicting_the_application_date_box_is_refused():
    from reviewer.errors import UserError
    from reviewer.submission.parse import load_json
    from reviewer.usecases.submissions import AssessRequest, assess_submission

    sub = load_json(HOSPITAL)
    with pytest.raises(UserError, match="矛盾"):
        assess_submission(None, AssessRequest(sub, on=date(2027, 6, 1), use_application_date=True))
    same = assess_submission(None, AssessRequest(sub, on=sub.project.application_date, use_application_date=True))
    assert same.value.regime_date == sub.project.application_date


def test_a_budget_set_after_the_import_is_what_the_wizard_shows_and_issues(qtbot, archive, monkeypatch, capsys):
    """Import first (placeholder budget 150 000 tce → 3.85 %), then the district sets its 2029 budget (→ 11.55 %):
    the wizard shows the ledger's figure, as ``assess --json`` does, and preparing the opinion records it."""
    from reviewer.ui import dialogs, tasks
    from reviewer.ui.testing import prepare_app
    from reviewer.ui.wizard import ops

    monkeypatch.setenv("REVIEWER_DATABASE_URL", archive.url)
    assert main(["import", str(HOSPITAL)]) == 0
    assert main(["ledger", "budget", "set", "--year", "2029", "--eq", "50000", "--co2", "100000",
                 "--reason", "区发改委下达2029年度预算"]) == 0
    capsys.readouterr()
    prepare_app("zh_CN")
    monkeypatch.setattr(tasks, "_runner", tasks.SyncRunner())
    monkeypatch.setattr(dialogs, "presenter", lambda parent, m: None)
    monkeypatch.setattr(dialogs, "confirmer", lambda parent, title, text: True)
    w, page = _wizard_on_overview(qtbot, archive)
    assert page.use_app_date.isChecked()  # no settings regime date: the application date
    seen = json.loads(dumps(w.ctx.result))
    cli = _cli(capsys)
    for k in FIGURES:
        assert seen[k] == cli[k], k
    assert seen["regional"]["energy_share_percent"] == 11.55
    with archive.read() as s:
        before = s.scalars(select(AssessmentRow).order_by(AssessmentRow.id)).all()
        assert [json.loads(dumps(r.full_result()))["regional"]["energy_share_percent"] for r in before] == [3.85]
    ops.prepare_issue(archive, w.state, "张三", w.ctx.settings)
    with archive.read() as s:
        after = s.scalars(select(AssessmentRow).order_by(AssessmentRow.id)).all()
        assert [json.loads(dumps(r.full_result()))["regional"]["energy_share_percent"] for r in after] == [3.85, 11.55]
