"""Layout on the demo world (issue 16): the archive list keeps ≥ 8 rows visible with a project selected and its
splitter sizes are remembered; a new window is sized to the screen; the ledger's warnings list only warnings; chart
legends keep every entry's full text."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


@pytest.fixture
def world(qtbot, monkeypatch):
    from reviewer.archive.db import Archive
    from reviewer.demo import build_world
    from reviewer.ui import dialogs, tasks
    from reviewer.ui.testing import prepare_app

    prepare_app("zh_CN")
    monkeypatch.setattr(tasks, "_runner", tasks.SyncRunner())
    monkeypatch.setattr(dialogs, "presenter", lambda parent, m: None)
    a = Archive()
    build_world(a)
    return a


def _visible_rows(table) -> int:  # noqa: ANN001
    return table.viewport().height() // table.verticalHeader().defaultSectionSize()


def test_list_keeps_its_height_and_the_splitter_is_remembered(qtbot, world) -> None:
    from reviewer.ui.main_window import MIN_LIST_ROWS, SCREEN_SHARE, MainWindow

    win = MainWindow(archive=world)
    qtbot.addWidget(win)
    area = win.screen().availableGeometry()
    assert win.width() == int(area.width() * SCREEN_SHARE) and win.height() == int(area.height() * SCREEN_SHARE)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    assert win.select_code("2026-310117-84-01-000101")
    qtbot.wait(50)
    assert _visible_rows(win.table) >= MIN_LIST_ROWS - 1  # the last row may be partly covered by the scroll bar
    win.splitter.setSizes([500, 300])
    sizes = win.splitter.sizes()
    win.save_state()
    win.close()
    again = MainWindow(archive=world)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    got = again.splitter.sizes()
    assert got[0] / sum(got) == pytest.approx(sizes[0] / sum(sizes), abs=0.02)  # same split (window may differ)


def test_warnings_panel_lists_only_warnings_and_legends_are_whole(qtbot, world) -> None:
    from PySide6.QtGui import QFontMetrics

    from reviewer.ui.ledger_dashboard import LedgerDashboard

    d = LedgerDashboard(world)
    qtbot.addWidget(d)
    d.resize(1280, 800)
    d.show()
    qtbot.waitUntil(lambda: d.warnings.count() > 0, timeout=10000)
    texts = [d.warnings.item(i).text() for i in range(d.warnings.count())]
    assert texts and all("未达预警线" not in t for t in texts), texts
    assert any("二级预警" in t for t in texts)  # 2028 当量值 at 92.7 % (tests/test_demo_world.py)
    for chart in (d.year_chart, d.town_chart, d.industry_chart):
        markers = chart.chart().legend().markers()
        assert [m.label() for m in markers] == ["已批计入考核", "绿电绿证扣除", "拟批", "预算"]
        legend = chart.chart().legend()
        fm = QFontMetrics(legend.font())
        needed = sum(fm.horizontalAdvance(m.label()) + 2 * fm.height() for m in markers)
        assert needed <= chart.chart().plotArea().width() + 40, (needed, chart.width())
