"""Labels, never codes (issue 16): every model of the main window, its project view and ledger page, and every page
of the review wizard, on the demo world — no Python reprs, no True/False/None, no raw enum codes, no ``step:``."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QAbstractItemModel, QAbstractProxyModel, QModelIndex, Qt
from PySide6.QtWidgets import QCompleter, QLabel

pytestmark = pytest.mark.gui

REPR = re.compile(r"\[['\"{]|\{['\"]|\bTrue\b|\bFalse\b|\bNone\b|step:|<[A-Za-z_.]+ object at")
# Raw codes that must never be a whole cell (statuses, outcomes, sources, purposes, authorities, finding results…)
CODES = {"received", "in_review", "correction", "approved", "rejected", "lapsed", "approval", "rejection",
         "purchased", "self_generated", "green_power", "fuel", "feedstock", "district", "municipal", "provincial",
         "national", "pass", "warn", "fail", "not_applicable", "factory", "hospital", "office", "data_centre",
         "equivalent", "equal_value", "pending", "active", "overrun", "rectification", "scale"}


def _bad(text: str) -> str | None:
    t = text.strip()
    if not t:
        return None
    if t in CODES:
        return "raw code"
    if REPR.search(t):
        return "repr"
    return None


def _walk_model(m: QAbstractItemModel, where: str, problems: list[str]) -> int:
    n = 0
    root = QModelIndex()
    try:
        columns = m.columnCount(root)
    except TypeError:  # list models hide columnCount
        columns = 1
    for r in range(min(m.rowCount(root), 200)):
        for c in range(max(1, columns)):
            v = m.data(m.index(r, c), Qt.ItemDataRole.DisplayRole)
            if v is None or isinstance(v, (int, float)) and not isinstance(v, bool):
                continue
            n += 1
            why = _bad(str(v)) if not isinstance(v, bool) else "bool"
            if why:
                problems.append(f"{where} [{r},{c}] {why}: {str(v)[:120]}")
    return n


def _walk(widget, where: str, problems: list[str]) -> int:  # noqa: ANN001
    n = 0
    for i, m in enumerate(widget.findChildren(QAbstractItemModel)):
        if isinstance(m, QAbstractProxyModel) or isinstance(m.parent(), QCompleter):
            continue  # mirrors a model walked already
        n += _walk_model(m, f"{where}:{type(m).__name__}#{i}", problems)
    for lbl in widget.findChildren(QLabel):
        if lbl.isVisibleTo(widget) and lbl.text():
            n += 1
            plain = re.sub(r"<[^>]+>", " ", lbl.text())
            why = _bad(plain)
            if why:
                problems.append(f"{where}:QLabel {lbl.objectName()} {why}: {plain[:120]}")
    return n


@pytest.fixture
def world(qtbot, monkeypatch):
    from reviewer.archive.db import Archive
    from reviewer.demo import build_world
    from reviewer.ui import dialogs, tasks
    from reviewer.ui.testing import prepare_app

    prepare_app("zh_CN")
    monkeypatch.setattr(tasks, "_runner", tasks.SyncRunner())
    monkeypatch.setattr(dialogs, "presenter", lambda parent, m: None)
    monkeypatch.setattr(dialogs, "confirmer", lambda *a: True)
    a = Archive()
    build_world(a)
    return a


def test_no_codes_or_reprs_anywhere(qtbot, world) -> None:
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.wizard.wizard import ReviewWizard

    win = MainWindow(archive=world)
    qtbot.addWidget(win)
    win.show()
    problems: list[str] = []
    cells = _walk(win, "main", problems)
    codes = [win.model.data(win.model.index(r, 0)) for r in range(win.model.rowCount())]
    assert len(codes) >= 12
    industry_col = next(i for i, c in enumerate(win.model.columns()) if c.key == "industry_code") \
        if hasattr(win.model, "columns") else 4
    industries = {win.model.data(win.model.index(r, industry_col)) for r in range(win.model.rowCount())}
    assert "84 卫生" in industries and "65 软件和信息技术服务业" in industries  # names from forms/lists.toml
    for code in codes:
        assert win.select_code(code)
        for t in range(win.view.tabs.count()):
            win.view.tabs.setCurrentIndex(t)
            cells += _walk(win.view, f"project {code} tab {t}", problems)
        for step in list(win.view._steps.values())[:40]:
            win.show_trace(step)
            html = win.trace.body.toPlainText()
            why = _bad(html.replace("\n", " "))
            if why:
                problems.append(f"trace {code} {step['key']} {why}: {html[:160]}")
    win.select_code("2026-310117-84-01-000101")
    e = win.view.energy_items
    src_col = next(i for i, (k, _t) in enumerate(e.columns) if k == "source")
    assert e.data(e.index(0, src_col)) == "外购"
    win.pages.setCurrentIndex(1)  # the district ledger
    qtbot.waitUntil(lambda: win._ledger_loaded, timeout=10000)
    cells += _walk(win.pages.widget(1), "ledger", problems)
    for code in ("2026-310117-84-01-000101", "2026-310117-17-02-001414", "2026-310117-65-01-000404"):
        w = ReviewWizard(world, code, actor="审查员")
        qtbot.addWidget(w)
        w.show()
        for i in range(len(w.pages) - 1):  # every step but 出具意见 (its preview is a PDF)
            w.go(i, validate=False)
            cells += _walk(w.pages[i], f"wizard {code} step {i + 1}", problems)
        w.close()
    print("cells walked:", cells)
    assert cells > 500
    assert problems == [], "\n".join(problems[:40])
