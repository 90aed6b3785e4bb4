"""The ledger dashboard widget with real Qt offscreen on a real SQLite archive: charts, warnings, the entries model
(checked with qtmodeltester), language switch. ``LEDGER_SCREENSHOTS=1`` also writes docs/screenshots/ledger_*.png."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from test_ledger_helpers import DEMO_TODAY, build_demo

pytestmark = pytest.mark.gui
SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


@pytest.fixture
def sync_tasks(monkeypatch):
    from reviewer.ui import tasks

    r = tasks.SyncRunner()
    monkeypatch.setattr(tasks, "_runner", r)
    return r


@pytest.fixture
def dashboard(qtbot, sync_tasks, archive):
    from reviewer.ui.ledger_dashboard import LedgerDashboard
    from reviewer.ui.testing import prepare_app

    prepare_app("zh_CN")
    build_demo(archive)
    w = LedgerDashboard(archive, today=DEMO_TODAY)
    qtbot.addWidget(w)
    w.resize(1560, 980)
    w.show()
    return w


def _shot(w, name):
    if os.environ.get("LEDGER_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        assert w.grab().save(str(SHOTS / name))


def test_dashboard_shows_year_town_industry_charts_and_warnings(dashboard, qtmodeltester):
    w = dashboard
    assert [w.year_box.itemText(i) for i in range(w.year_box.count())] == ["2027", "2028", "2029"]
    assert w.selected_year() == 2027  # the current year of DEMO_TODAY
    w.refresh(2028)
    assert w.selected_year() == 2028
    snap = w.snapshot
    towns = [u.label for u in snap.by_town]
    assert towns == ["九亭镇", "小昆山镇", "方松街道", "松江经济技术开发区"]
    # 小昆山镇 data centre: 31 640.01 tce gross, green deduction 12 904.50 → 18 735.51 assessed (see test_ledger_core)
    i = towns.index("小昆山镇")
    chart = w.town_chart
    assessed, green, pending = chart.bar_sets
    assert assessed.count() == len(towns)
    assert assessed.at(i) == pytest.approx(18735.51) and green.at(i) == pytest.approx(12904.50)
    assert pending.at(towns.index("松江经济技术开发区")) == pytest.approx(3900.0)
    assert chart.budget_series.count() == len(towns)
    assert chart.chart().title().startswith("2028")
    assert w.year_chart.bar_sets[0].count() == 3 and w.industry_chart.bar_sets[0].count() == len(snap.by_industry)
    # district cards for 2028, 当量值: budget 62 000 after the revision
    assert w.card_values["budget"].text() == "62,000.00"
    assert w.card_values["green"].text() == "12,904.50"
    texts = [w.warnings.item(k).text() for k in range(w.warnings.count())]
    assert any("一级预警" in t and "小昆山镇" in t for t in texts)
    assert any(t.startswith("拟批项目计入后：2026-310117-39-03-000516") for t in texts)
    # entries table for 2028 and the model contract
    assert w.model.rowCount() == 4
    qtmodeltester.check(w.model)
    _shot(w, "ledger_dashboard.png")
    w.metric_box.setCurrentIndex(2)  # carbon
    assert w.town_chart.chart().series()[0].barSets()[0].at(i) == pytest.approx(66313.15)
    _shot(w, "ledger_dashboard_carbon.png")


def test_sorting_numbers_and_language_switch(dashboard, qtbot):
    from PySide6.QtCore import Qt

    from reviewer.ui.appstate import set_language

    w = dashboard
    w.refresh(2028)
    col = [c[0] for c in __import__("reviewer.ui.ledger_dashboard", fromlist=["x"]).ENTRY_COLUMNS].index("equivalent_tce")
    w.table.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    first = w.proxy.index(0, col).data(Qt.ItemDataRole.UserRole)
    assert first == pytest.approx(31640.01)  # numeric sort, not text sort
    set_language("en")
    try:
        qtbot.waitUntil(lambda: w.title.text() == "District energy and carbon ledger")  # LanguageChange is posted
        assert w.model.headerData(0, Qt.Orientation.Horizontal) == "Project code"
        _shot(w, "ledger_dashboard_en.png")
    finally:
        set_language("zh_CN")
    qtbot.waitUntil(lambda: w.title.text() == "区级新增能耗与碳排放台账")


def test_empty_archive(qtbot, sync_tasks, archive):
    from reviewer.ui.ledger_dashboard import LedgerDashboard
    from reviewer.ui.testing import prepare_app

    prepare_app("zh_CN")
    w = LedgerDashboard(archive, today=DEMO_TODAY)
    qtbot.addWidget(w)
    assert w.year_box.count() == 0 and "台账为空" in w.status.text()


def test_budget_dialog_changes_budget_with_history(dashboard, monkeypatch):
    from decimal import Decimal

    from reviewer.ui import dialogs
    from reviewer.ui.ledger_dashboard import BudgetDialog

    w = dashboard
    w.refresh(2028)
    dlg = BudgetDialog(w.snapshot, w, year=2028)
    assert dlg.fields["energy_equivalent_tce"].text() == "62000.00"  # prefilled from the archive
    dlg.fields["energy_equivalent_tce"].setText("65000")
    dlg._accept()
    assert dlg.result() == 0 and "理由" in dlg.error.text()  # no reason: not accepted
    dlg.reason.setText("区政府追加2028年能耗空间")
    dlg._accept()
    assert dlg.result() == 1
    values = dlg.values()
    assert values["energy_equivalent_tce"] == Decimal("65000") and values["town"] == ""
    w.apply_budget(values)
    assert w.card_values["budget"].text() == "65,000.00"
    assert "区政府追加2028年能耗空间" in w.history.item(0).text()
    # a refused change (no reason) reaches the user as a plain message, and nothing changes
    got = []
    monkeypatch.setattr(dialogs, "presenter", lambda parent, m: got.append(m))
    w.apply_budget({**values, "energy_equivalent_tce": Decimal(1), "reason": ""})
    assert len(got) == 1 and "预算未保存" in got[0].text and "理由" in got[0].details
    assert "Traceback" not in got[0].text + got[0].details
    assert w.card_values["budget"].text() == "65,000.00"
    w.side_tabs.setCurrentIndex(1)
    _shot(w, "ledger_dashboard_history.png")
