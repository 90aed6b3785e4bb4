"""Batch import dialog on the real intake pipeline: progress, cancel, the result table, annotated workbooks."""

from __future__ import annotations

import json
import shutil
import threading
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def app(qtbot, monkeypatch):
    from reviewer.ui import dialogs
    from reviewer.ui.testing import prepare_app

    prepare_app("zh_CN")
    shown = []
    monkeypatch.setattr(dialogs, "presenter", lambda parent, m: shown.append(m))
    return shown


def _submissions(folder: Path, n: int) -> list[Path]:
    """``n`` valid JSON submissions: the bench generator's realistic ones (distinct 项目代码)."""
    import sys

    sys.path.insert(0, str(ROOT / "bench"))
    from datagen import write_submissions

    return write_submissions(folder, n, seed=7)


def _dialog(qtbot):
    from reviewer.archive.db import Archive
    from reviewer.ui.import_dialog import BatchImportDialog

    dlg = BatchImportDialog(Archive(), actor="张三")
    qtbot.addWidget(dlg)
    dlg.show()
    return dlg


def test_import_runs_off_the_ui_thread_with_progress(qtbot, app, tmp_path, monkeypatch):
    from reviewer.ui import tasks

    monkeypatch.setattr(tasks, "_runner", tasks.TaskRunner())
    folder = tmp_path / "batch"
    _submissions(folder, 6)
    shutil.copy(ROOT / "resources/demo/hospital.json", folder / "hospital.json")
    shutil.copy(ROOT / "resources/demo/hospital.json", folder / "hospital-copy.json")  # same content → duplicate
    bad = json.loads((ROOT / "resources/demo/boiler.json").read_text(encoding="utf-8"))
    bad["energy"][0]["quantity"] = "很多"
    (folder / "bad.json").write_text(json.dumps(bad, ensure_ascii=False), encoding="utf-8")
    dlg = _dialog(qtbot)
    dlg.add_paths([str(folder)])
    progress = []
    worker_threads = []
    main = threading.get_ident()
    import reviewer.intake.batch as batch

    real = batch.import_paths

    def spy(*a, **kw):
        worker_threads.append(threading.get_ident())
        return real(*a, **kw)

    monkeypatch.setattr(batch, "import_paths", spy)
    with qtbot.waitSignal(dlg.importFinished, timeout=60000) as blocker:
        dlg.start()
        assert dlg.running and not dlg.start_btn.isEnabled() and dlg.cancel_btn.isEnabled()
        dlg.progress.valueChanged.connect(progress.append)
    results = blocker.args[0]
    assert worker_threads and worker_threads[0] != main  # the import ran on a pool thread
    statuses = sorted(r.status for r in results)
    assert statuses.count("imported") == 7 and statuses.count("duplicate") == 1 and statuses.count("rejected") == 1
    assert dlg.model.rowCount() == 9 and dlg.progress.value() == dlg.progress.maximum() == 9
    assert progress and progress == sorted(progress)
    assert not dlg.running and dlg.start_btn.isEnabled()
    row = next(i for i, r in enumerate(dlg.model.records) if r["status"] == "rejected")
    dlg.view.selectRow(row)
    assert "实物量" in dlg.problems.toPlainText()
    assert "已导入 7" in dlg.summary.text()


def test_cancel_stops_between_files(qtbot, app, tmp_path, monkeypatch):
    from reviewer.ui import tasks

    monkeypatch.setattr(tasks, "_runner", tasks.SyncRunner())
    folder = tmp_path / "batch"
    _submissions(folder, 8)
    dlg = _dialog(qtbot)
    dlg.add_paths([str(folder)])
    orig = dlg._progress

    def progress_then_cancel(done, total, name):
        orig(done, total, name)
        if done == 3:  # progress(i, …) is reported before file i: file 3 still completes, then the batch stops
            dlg.cancel()

    dlg._progress = progress_then_cancel
    dlg.start()
    statuses = [r.status for r in dlg.results]
    assert statuses == ["imported"] * 4 + ["cancelled"] * 4
    assert "已取消" in dlg.current.text()
    from reviewer.archive.db import Archive
    from reviewer.archive.models import Project
    from sqlalchemy import func, select

    with Archive().read() as s:
        assert s.scalar(select(func.count()).select_from(Project)) == 4  # nothing half-written


def test_rejected_workbook_has_an_annotated_copy(qtbot, app, tmp_path, monkeypatch):
    from reviewer.intake.template import write_workbook
    from reviewer.ui import tasks

    monkeypatch.setattr(tasks, "_runner", tasks.SyncRunner())
    blank = tmp_path / "空白申报表.xlsx"
    write_workbook(blank)  # the official template, unfilled → every required field missing
    dlg = _dialog(qtbot)
    dlg.add_paths([str(blank)])
    dlg.start()
    assert [r.status for r in dlg.results] == ["rejected"]
    dlg.view.selectRow(0)
    path = Path(dlg.selected_annotated())
    assert path.exists() and path.suffix == ".xlsx"
    assert dlg.open_annot_btn.isEnabled()
    import openpyxl

    wb = openpyxl.load_workbook(path)
    assert any(c.comment for ws in wb.worksheets for row in ws.iter_rows() for c in row)


def test_import_models_pass_the_model_tester(qtbot, qtmodeltester, app, tmp_path, monkeypatch):
    from reviewer.ui import tasks

    monkeypatch.setattr(tasks, "_runner", tasks.SyncRunner())
    folder = tmp_path / "b"
    _submissions(folder, 2)
    dlg = _dialog(qtbot)
    dlg.add_paths([str(folder)])
    dlg.start()
    qtmodeltester.check(dlg.model, force_py=True)
