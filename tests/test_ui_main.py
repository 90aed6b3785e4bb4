"""Main window against a real SQLite archive seeded with the demo projects (offscreen Qt, real widgets)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reviewer.opinion.legal import Confirmations

# The reviewer confirms the authority and the unverified parameters (令第31号 第八条; corrections.md F, A4).
CONFIRMED = Confirmations(authority="测试：分级界限已核对", unverified="测试：参数已核对")

pytestmark = pytest.mark.gui

HOSPITAL = "2026-310117-84-01-000101"


@pytest.fixture
def sync_tasks(monkeypatch):
    from reviewer.ui import tasks

    r = tasks.SyncRunner()
    monkeypatch.setattr(tasks, "_runner", r)
    return r


@pytest.fixture
def messages(monkeypatch):
    from reviewer.ui import dialogs

    got = []
    monkeypatch.setattr(dialogs, "presenter", lambda parent, m: got.append(m))
    monkeypatch.setattr(dialogs, "confirmer", lambda *a: True)  # never a blocking question in tests
    return got


@pytest.fixture
def window(qtbot, sync_tasks, messages):
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.testing import demo_archive, prepare_app

    prepare_app("zh_CN")
    w = MainWindow(archive=demo_archive())
    qtbot.addWidget(w)
    w.show()
    return w


def test_lists_demo_projects_and_opening_one_shows_its_figures(window):
    assert window.model.total == 4 and window.model.rowCount() == 4
    assert window.model.headerData(0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal) == "项目代码"
    assert window.select_code(HOSPITAL)
    assert window.view.detail["project"]["code"] == HOSPITAL
    # Hand calculation, GB/T 2589-2020 附录A (当量值): 电力 2860万kWh × 0.1229 kgce/kWh = 3514.94 tce;
    # 天然气 186万m³ × 1.2143 kgce/m³ = 2258.60 tce (each rounded to 0.01 t); PV self-use and water excluded.
    # 3514.94 + 2258.60 = 5773.54 tce.
    assert window.view.fig_eq.text() == "5,773.54 tce"
    window.view.fig_eq.click()
    step = window.trace.current()
    assert step["key"] == "energy.equivalent_tce" and step["value"] == pytest.approx(5773.54)
    html = window.trace.body.toHtml()
    assert "E-TOTAL-EQ" in html and "GB/T 2589" in html


def test_explanation_panel_flags_unverified_parameters(window):
    window.select_code(HOSPITAL)
    window.view.lines_view.clicked.emit(window.view.lines.index(0, 3))
    step = window.trace.current()
    assert step["key"] == "energy.item[0].equivalent_tce"
    assert any(not p["verified"] for p in step["parameters"])  # the rounding convention is tagged [U]
    assert "未核实" in window.trace.body.toPlainText()


def test_search_filter_and_sort(window):
    window.search.setText("医院")
    window.apply_filter()
    assert window.model.total == 1 and window.model.code_at(0) == HOSPITAL
    window.search.setText(HOSPITAL[-6:])
    window.apply_filter()
    assert window.model.total == 1
    window.clear_filters()
    assert window.model.total == 4
    window.f_town.setCurrentIndex(window.f_town.findData("车墩镇"))
    assert window.model.total == 1
    window.clear_filters()
    window.f_industry.setCurrentIndex(window.f_industry.findData("84"))
    assert [window.model.code_at(i) for i in range(window.model.rowCount())] == [HOSPITAL]
    window.clear_filters()
    from PySide6.QtCore import Qt

    col = 5  # 当量值
    window.table.sortByColumn(col, Qt.SortOrder.DescendingOrder)
    values = [window.model.data(window.model.index(r, col), Qt.ItemDataRole.UserRole) for r in range(4)]
    assert values == sorted(values, reverse=True)


def test_layout_is_remembered(qtbot, window, sync_tasks):
    from reviewer.ui.main_window import MainWindow

    window.table.setColumnWidth(1, 333)
    window.close()
    w2 = MainWindow(archive=window.archive)
    qtbot.addWidget(w2)
    assert w2.table.columnWidth(1) == 333
    from reviewer.ui.appstate import window_settings

    assert window_settings().value("main/geometry") is not None


def test_language_switches_live(qtbot, window):
    from PySide6.QtCore import Qt

    from reviewer.ui.appstate import set_language

    window.select_code(HOSPITAL)
    try:
        assert set_language("en")
        assert window.model.headerData(0, Qt.Orientation.Horizontal) == "Project code"
        qtbot.waitUntil(lambda: window.pages.tabText(0) == "Archive", timeout=2000)
        assert window.view.tabs.tabText(0) == "Submission"
        assert window.count_label.text() == "4 projects"
        assert set_language("zh_CN")
        qtbot.waitUntil(lambda: window.pages.tabText(0) == "档案", timeout=2000)
        assert window.m_file.title() == "文件(&F)"
        assert window.count_label.text() == "共 4 个项目"
    finally:
        set_language("zh_CN")


def test_dropped_paths_accept_workbooks_and_folders(window, tmp_path):
    from PySide6.QtCore import QUrl

    (tmp_path / "a.xlsx").write_bytes(b"x")
    (tmp_path / "b.txt").write_text("x")
    urls = [QUrl.fromLocalFile(str(tmp_path / "a.xlsx")), QUrl.fromLocalFile(str(tmp_path / "b.txt")),
            QUrl.fromLocalFile(str(tmp_path)), QUrl("https://example.org/x.xlsx")]
    assert window.dropped_paths(urls) == [str(tmp_path / "a.xlsx"), str(tmp_path)]


def test_no_chinese_character_is_missing_from_the_ui_font(qapp):
    from PySide6.QtGui import QFontMetrics, QRawFont

    from reviewer.ui.testing import prepare_app

    app = prepare_app("zh_CN")
    assert app.font().family() == "WenQuanYi Micro Hei"
    raw = QRawFont.fromFont(app.font())
    text = "节能审查与碳排放评价工作台项目代码当量值等价值街镇补正通知不予通过未核实"
    assert [ch for ch in text if not raw.supportsCharacter(ord(ch))] == []
    assert all(QFontMetrics(app.font()).inFontUcs4(ord(ch)) for ch in text)


def test_gui_without_display_explains_headless_use(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    env["REVIEWER_HOME"] = str(tmp_path)
    p = subprocess.run([sys.executable, "-m", "reviewer", "gui"], env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode == 3
    assert "没有可用的图形显示" in p.stderr and "QT_QPA_PLATFORM=offscreen" in p.stderr and "xvfb-run" in p.stderr
    assert "Traceback" not in p.stderr


def test_error_dialog_is_plain_chinese_without_traceback(qapp):
    from reviewer.errors import UserError
    from reviewer.ui.dialogs import describe

    m = describe(UserError("档案库正被其他程序占用。", "busy"))
    assert m.text.startswith("档案库正被其他程序占用") and "Traceback" not in m.text
    try:
        raise ZeroDivisionError("x")
    except ZeroDivisionError as exc:
        m2 = describe(exc)
    assert "Traceback" not in m2.text and "ZeroDivisionError" in m2.details


def test_window_appears_before_the_archive_layer_and_fills_in_background(qtbot, messages, monkeypatch):
    """Start-up path of `reviewer gui`: the window is built without SQLAlchemy; the list arrives from workers."""
    from reviewer.ui import tasks
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.testing import demo_archive, prepare_app

    prepare_app("zh_CN")
    url = demo_archive().url
    monkeypatch.setattr(tasks, "_runner", tasks.TaskRunner())
    w = MainWindow(archive_url=url)
    qtbot.addWidget(w)
    w.show()
    assert w.archive is None and not w.a_review.isEnabled()  # interactive, archive still opening
    with qtbot.waitSignal(w.archiveReady, timeout=30000):
        pass
    assert w.model.total == 4 and w.a_review.isEnabled()
    # searching runs on a worker too; a stale result never overwrites a newer one
    w.search.setText("数据")
    w.apply_filter()
    w.search.setText("医院")
    w.apply_filter()
    qtbot.waitUntil(lambda: w.model.total == 1 and w.model.code_at(0) == HOSPITAL, timeout=10000)
    tasks.runner().wait(5000)
    qtbot.wait(50)
    assert w.model.code_at(0) == HOSPITAL


def test_like_wildcards_in_search_are_literal(window):
    window.search.setText("%")
    window.apply_filter()
    assert window.model.total == 0


def test_district_ledger_page_is_mounted_on_demand(window):
    from PySide6.QtWidgets import QWidget

    assert window.pages.count() == 2 and window.pages.tabText(1) == "区域台账"
    window.pages.setCurrentIndex(1)
    page = window.pages.widget(1)
    assert isinstance(page, QWidget) and type(page).__name__ == "LedgerDashboard"
    assert window.pages.currentIndex() == 1


def test_opinions_tab_shows_the_verified_signature_status(window, qtbot):
    """A signed opinion issued through the opinion service shows 已签名 and, after pyHanko validation, 有效."""
    from reviewer.usecases.opinions import issue_document
    from reviewer.signing import identities
    from reviewer.signing.signer import Pkcs12Signer

    identities.init_authority("上海市松江区发展和改革委员会", b"ca")
    p12 = identities.issue("王五", b"ca", b"pw")
    doc = issue_document(window.archive, HOSPITAL, "approval", signer=Pkcs12Signer(p12, b"pw"), confirmations=CONFIRMED, actor="王五")
    window.refresh()
    window.select_code(HOSPITAL)
    recs = window.view.opinions.records
    assert [r["doc_number"] for r in recs] == [doc.doc_number]
    m = window.view.opinions
    col = {k: i for i, (k, _t) in enumerate(m.columns)}
    assert m.data(m.index(0, col["signed"])) == "已签名"
    assert m.data(m.index(0, col["verification"])) == "有效"
    assert any(e["action"] == "opinion.issued" for e in window.view.audit.records)


def test_review_opens_from_the_main_window_with_keyboard(window, qtbot):
    from PySide6.QtCore import Qt

    window.select_code(HOSPITAL)
    window.table.setFocus()
    window.a_review.trigger()  # Ctrl+R
    w = window._wizard
    assert w.isVisible() and HOSPITAL in w.windowTitle()
    assert w._pages.count(None) == 7  # only the first page is built when the review opens
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    qtbot.keyClick(w.steps, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)  # Alt+→ = next step
    assert w.current == 1
    w.dirty = False
    w.close()
