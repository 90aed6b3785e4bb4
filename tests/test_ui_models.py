"""Every item model through pytest-qt's model tester, and the archive browser's lazy loading on a larger archive."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def big_archive_url(tmp_path_factory):
    """1,200 projects made by the benchmark generator (real engine output, Core inserts)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from datagen import make_archive

    url = f"sqlite:///{tmp_path_factory.mktemp('big') / 'archive.sqlite3'}"
    make_archive(url, 1200, seed=3, pool=24)
    return url


@pytest.fixture
def keep():
    held: list = []
    yield held
    held.clear()


def test_project_model_loads_lazily_sorts_and_filters(keep, qtbot, qtmodeltester, big_archive_url):
    from PySide6.QtCore import Qt

    from reviewer.archive.db import Archive
    from reviewer.ui.project_model import BATCH, ProjectFilter, ProjectTableModel
    from reviewer.ui.testing import prepare_app

    prepare_app()
    m = ProjectTableModel(Archive(big_archive_url))
    keep.append(m)
    assert m.total == 1200 and m.rowCount() == BATCH and m.canFetchMore()
    m.fetchMore()
    assert m.rowCount() == 2 * BATCH
    codes = [m.code_at(i) for i in range(m.rowCount())]
    assert codes == sorted(codes)
    m.sort(5, Qt.SortOrder.DescendingOrder)
    vals = [m.data(m.index(i, 5), Qt.ItemDataRole.UserRole) for i in range(m.rowCount())]
    assert m.rowCount() == BATCH and vals == sorted(vals, reverse=True)
    while m.canFetchMore():
        m.fetchMore()
    assert m.rowCount() == 1200
    m.set_filter(ProjectFilter(town="车墩镇"))
    assert 0 < m.total < 1200
    assert all(m.data(m.index(i, 3)) == "车墩镇" for i in range(m.rowCount()))
    m.set_filter(ProjectFilter())
    qtmodeltester.check(m, force_py=True)


def test_browser_search_by_document_number(keep, qtbot, big_archive_url):
    from sqlalchemy import select

    from reviewer.archive.db import Archive
    from reviewer.archive.models import Opinion, Project
    from reviewer.ui.project_model import ProjectFilter, ProjectTableModel
    from reviewer.ui.testing import prepare_app

    prepare_app()
    a = Archive(big_archive_url)
    with a.read() as s:
        doc, code = s.execute(select(Opinion.doc_number, Project.code).join(Project).limit(1)).one()
    m = ProjectTableModel(a)
    keep.append(m)
    m.set_filter(ProjectFilter(search=doc))
    assert m.total == 1 and m.code_at(0) == code
    m.set_filter(ProjectFilter(outcome="approval"))
    assert m.total >= 1


def test_project_view_models(keep, qtbot, qtmodeltester, monkeypatch):
    from reviewer.ui import tasks
    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.testing import demo_archive, prepare_app

    prepare_app()
    monkeypatch.setattr(tasks, "_runner", tasks.SyncRunner())
    w = MainWindow(archive=demo_archive())
    keep.append(w)
    qtbot.addWidget(w)
    w.select_code("2026-310117-84-01-000101")
    assert w.view.versions.rowCount() == 1 and w.view.findings.rowCount() > 0 and w.view.audit.rowCount() >= 1
    qtmodeltester.check(w.model, force_py=True)
    for m in w.view.models():
        qtmodeltester.check(m, force_py=True)
