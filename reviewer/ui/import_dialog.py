"""Batch import: workbooks, JSON files and folders; progress with cancel; a result table per file.

The import itself is the intake area's ``reviewer.intake.batch.import_paths`` running on the worker pool; results
stream into the table as each file is decided (``on_result``, marshalled to the UI thread through a signal).
A rejected workbook's annotated copy (every problem marked on its cell) opens with the system's spreadsheet app.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QListWidget, QPlainTextEdit, QProgressBar,
                               QPushButton, QSplitter, QVBoxLayout, QWidget)

from reviewer.archive.db import Archive
from reviewer.ui import tasks
from reviewer.ui.appstate import current_language
from reviewer.ui.dialogs import show_error
from reviewer.ui.project_view import table
from reviewer.ui.widgets import RecordTableModel

STATUS_COLORS = {"imported": "#1a7f37", "new_version": "#0b57d0", "duplicate": "#777777", "rejected": "#c62828",
                 "failed": "#c62828", "cancelled": "#b26a00", "missing": "#c62828"}


def status_text(code: str) -> str:
    from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

    labels = {"imported": QT_TRANSLATE_NOOP("ImportStatus", "Imported"),
              "new_version": QT_TRANSLATE_NOOP("ImportStatus", "New version"),
              "duplicate": QT_TRANSLATE_NOOP("ImportStatus", "Duplicate"),
              "rejected": QT_TRANSLATE_NOOP("ImportStatus", "Rejected"),
              "failed": QT_TRANSLATE_NOOP("ImportStatus", "Failed"),
              "cancelled": QT_TRANSLATE_NOOP("ImportStatus", "Cancelled"),
              "missing": QT_TRANSLATE_NOOP("ImportStatus", "Not found")}
    return QCoreApplication.translate("ImportStatus", labels[code]) if code in labels else code


class _Bridge(QObject):
    result = Signal(object)


def _annotate_dir() -> Path:
    from reviewer.paths import home

    d = home() / "annotated"
    d.mkdir(exist_ok=True, mode=0o700)
    return d


class BatchImportDialog(QDialog):
    importFinished = Signal(list)

    def __init__(self, archive: Archive, parent: QWidget | None = None, *, actor: str | None = None):
        super().__init__(parent)
        self.setObjectName("batchImportDialog")
        self.archive = archive
        self.actor = actor
        self.paths: list[str] = []
        self.handle: tasks.TaskHandle | None = None
        self.results: list[Any] = []
        self._bridge = _Bridge(self)
        self._bridge.result.connect(self._on_result)
        self.queue = QListWidget()
        self.queue.setObjectName("importQueue")
        self.add_files_btn, self.add_dir_btn, self.remove_btn = QPushButton(), QPushButton(), QPushButton()
        self.start_btn, self.cancel_btn, self.close_btn = QPushButton(), QPushButton(), QPushButton()
        self.open_annot_btn = QPushButton()
        self.start_btn.setObjectName("startImport")
        self.cancel_btn.setObjectName("cancelImport")
        self.open_annot_btn.setObjectName("openAnnotated")
        self.start_btn.setDefault(True)
        self.add_files_btn.clicked.connect(self._add_files)
        self.add_dir_btn.clicked.connect(self._add_dir)
        self.remove_btn.clicked.connect(self._remove)
        self.start_btn.clicked.connect(self.start)
        self.cancel_btn.clicked.connect(self.cancel)
        self.close_btn.clicked.connect(self.close)
        self.open_annot_btn.clicked.connect(self.open_annotated)
        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.current = QLabel()
        self.summary = QLabel()
        self.summary.setObjectName("importSummary")
        self.model = RecordTableModel([], self, formatters={"status": status_text},
                                      colors=lambda r: STATUS_COLORS.get(str(r.get("status"))))
        self.view = table(self.model, "importResults")
        self.view.selectionModel().currentRowChanged.connect(lambda cur, _p: self._show_problems(cur.row()))
        self.view.doubleClicked.connect(lambda _ix: self.open_annotated())
        self.problems = QPlainTextEdit()
        self.problems.setObjectName("importProblems")
        self.problems.setReadOnly(True)
        qbtns = QVBoxLayout()
        for b in (self.add_files_btn, self.add_dir_btn, self.remove_btn):
            qbtns.addWidget(b)
        qbtns.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.queue, 1)
        top.addLayout(qbtns)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.view)
        split.addWidget(self.problems)
        split.setStretchFactor(0, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        for b in (self.open_annot_btn, self.start_btn, self.cancel_btn, self.close_btn):
            bottom.addWidget(b)
        lay = QVBoxLayout(self)
        self.queue_label = QLabel()
        lay.addWidget(self.queue_label)
        lay.addLayout(top, 1)
        lay.addWidget(self.progress)
        lay.addWidget(self.current)
        lay.addWidget(split, 3)
        lay.addLayout(bottom)
        self.resize(980, 700)
        self.retranslateUi()
        self._update()

    # -- queue ----------------------------------------------------------------------------------------------
    def add_paths(self, paths: list[str]) -> None:
        for p in paths:
            if p and p not in self.paths:
                self.paths.append(p)
                self.queue.addItem(p)
        self._update()

    def _add_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Add submission files"), "",
                                                self.tr("Submissions (*.xlsx *.xlsm *.json)"))
        self.add_paths(files)

    def _add_dir(self) -> None:
        d = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of submissions"))
        if d:
            self.add_paths([d])

    def _remove(self) -> None:
        for item in self.queue.selectedItems():
            self.paths.remove(item.text())
            self.queue.takeItem(self.queue.row(item))
        self._update()

    # -- running --------------------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.handle is not None

    def start(self) -> None:
        if self.running or not self.paths:
            return
        from reviewer.intake.batch import import_paths

        self.results = []
        self.model.set_records([])
        self.problems.clear()
        paths = [Path(p) for p in self.paths]
        actor = self.actor if self.actor is not None else _actor()
        bridge = self._bridge
        lang = "en" if current_language() == "en" else "zh"
        annotate_dir = _annotate_dir()

        def work(progress, cancel: threading.Event):  # noqa: ANN001, ANN202
            return import_paths(self.archive, paths, progress=progress, cancel=cancel, annotate_dir=annotate_dir,
                                actor=actor or "reviewer", on_result=bridge.result.emit, lang=lang)

        self.handle = tasks.TaskHandle()  # the dialog is busy from now; Cancel sets this handle's flag
        self._update()
        tasks.runner().submit(work, on_done=self._done, on_error=self._failed, on_progress=self._progress,
                              handle=self.handle)

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.request_cancel()
            self.current.setText(self.tr("Cancelling after the current file…"))

    def _progress(self, done: int, total: int, name: str) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)
        self.current.setText(self.tr("Importing %1 (%2 of %3)…").replace("%1", name).replace("%2", str(done + 1))
                             .replace("%3", str(total)) if name else "")

    def _on_result(self, r: Any) -> None:
        rec = {"file": Path(r.path).name, "status": r.status, "project_code": r.project_code or "",
               "version": r.version, "problems": len(r.errors) if hasattr(r, "errors") else len(r.problems),
               "annotated": str(r.annotated) if getattr(r, "annotated", None) else "", "result": r}
        self.results.append(r)
        self.model.set_records(self.model.records + [rec])
        self._summary()

    def _done(self, results: list[Any]) -> None:
        self.handle = None
        if len(results) != len(self.results):  # results not streamed (older intake API): show them now
            self.results = []
            self.model.set_records([])
            for r in results:
                self._on_result(r)
        self.current.setText(self.tr("Cancelled.") if any(r.status == "cancelled" for r in results)
                             else self.tr("Finished."))
        self._summary()
        self._update()
        self.importFinished.emit(results)

    def _failed(self, exc: BaseException) -> None:
        self.handle = None
        self.current.setText("")
        self._update()
        show_error(self, exc)

    def _summary(self) -> None:
        counts: dict[str, int] = {}
        for r in self.results:
            counts[r.status] = counts.get(r.status, 0) + 1
        self.summary.setText("　".join(f"{status_text(k)} {v}" for k, v in counts.items()))

    def _show_problems(self, row: int) -> None:
        self._update()
        if not 0 <= row < len(self.model.records):
            self.problems.clear()
            return
        r = self.model.records[row]["result"]
        lang = "en" if current_language() == "en" else "zh"
        self.problems.setPlainText("\n".join(p.text(lang) for p in r.problems))

    def selected_annotated(self) -> str:
        ix = self.view.currentIndex()
        if not ix.isValid():
            return ""
        return self.model.records[ix.row()].get("annotated", "")

    def open_annotated(self) -> bool:
        path = self.selected_annotated()
        if not path:
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def _update(self) -> None:
        run = self.running
        self.start_btn.setEnabled(not run and bool(self.paths))
        self.cancel_btn.setEnabled(run)
        for b in (self.add_files_btn, self.add_dir_btn, self.remove_btn):
            b.setEnabled(not run)
        self.close_btn.setEnabled(not run)
        self.open_annot_btn.setEnabled(bool(self.selected_annotated()))

    def closeEvent(self, ev) -> None:  # noqa: ANN001
        if self.running:
            ev.ignore()
            return
        super().closeEvent(ev)

    def reject(self) -> None:
        if self.running:
            self.cancel()
            return
        super().reject()

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Import submissions"))
        self.queue_label.setText(self.tr("Files and folders to import (drop them on the main window, or add them here):"))
        self.add_files_btn.setText(self.tr("Add &files…"))
        self.add_dir_btn.setText(self.tr("Add f&older…"))
        self.remove_btn.setText(self.tr("&Remove"))
        self.start_btn.setText(self.tr("&Start import"))
        self.cancel_btn.setText(self.tr("&Cancel import"))
        self.close_btn.setText(self.tr("Clos&e"))
        self.open_annot_btn.setText(self.tr("Open &annotated workbook"))
        self.model.set_titles([("file", self.tr("File")), ("status", self.tr("Result")),
                               ("project_code", self.tr("Project code")), ("version", self.tr("Version")),
                               ("problems", self.tr("Errors")), ("annotated", self.tr("Annotated copy"))])

    def changeEvent(self, ev: QEvent) -> None:
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(ev)


def _actor() -> str:
    try:
        from reviewer.settings import Settings

        return Settings.load().reviewer_name
    except Exception:  # noqa: BLE001
        return ""
