"""Main window: archive browser (search, filters, sortable lazily loaded list), project view, explanation panel.

Dropping workbooks or folders on the window opens the batch import with them. Window geometry, dock/splitter
state and the list's header layout are remembered in QSettings (window state only; preferences live in Settings).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox, QDockWidget, QHBoxLayout,
                               QLabel, QLineEdit, QMainWindow, QPushButton, QSplitter, QTableView, QTabWidget,
                               QVBoxLayout, QWidget)

from reviewer.errors import UserError
from reviewer.settings import Settings
from reviewer.ui import tasks
from reviewer.ui.dialogs import show_error
from reviewer.ui.first_run import FirstRunDialog, KeysDialog
from reviewer.ui.project_model import COLUMNS, OUTCOMES, STATUSES, ProjectFilter, ProjectTableModel, level_label, \
    office_today, outcome_label, status_label
from reviewer.ui.project_view import ProjectView
from reviewer.ui.trace_panel import TracePanel
from reviewer.usecases.base import Context
from reviewer.usecases.keys import needs_first_run
from reviewer.ui.appstate import current_language, set_language, window_settings

if TYPE_CHECKING:
    from reviewer.archive.db import Archive

IMPORTABLE = {".xlsx", ".xlsm", ".json"}
SEARCH_DELAY_MS = 250
MIN_LIST_ROWS = 8
SCREEN_SHARE = 0.9  # a new window takes this share of the screen's available area


class MainWindow(QMainWindow):
    projectLoaded = Signal(str)

    archiveReady = Signal()

    def __init__(self, archive_url: str | None = None, archive: "Archive | None" = None,
                 parent: QWidget | None = None, *, today: "date | None" = None):
        """With ``archive`` the list is filled at once; with a URL (or none: the configured archive) the window
        appears first and the archive is opened and queried on a worker thread (start-up budget ≤ 1 s)."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.archive = archive
        self.archive_url = archive.url if archive is not None else archive_url
        self.setAcceptDrops(True)
        self.today = today  # None: the office's today (deadline flags); tests fix it
        self.model = ProjectTableModel(archive, self, today=today)
        self._choices_loaded = False
        self._ledger_loaded = False
        self._filter_generation = 0
        self._build()
        self.retranslateUi()
        self._restore_state()
        self._update_count()
        if archive is not None:
            self._archive_opened()
        else:
            self._set_busy(True)
            QTimer.singleShot(0, self._open_archive)

    # -- archive --------------------------------------------------------------------------------------------
    def _open_archive(self) -> None:
        """Two workers: a local SQLite archive already at the schema head is listed at once through ``sqlite3``
        (no SQLAlchemy import); meanwhile the full archive layer opens (migrating if needed) for everything else."""
        from reviewer.ui.project_model import SqliteSource
        from reviewer.ui.startup import archive_url

        url = self.archive_url = archive_url(self.archive_url)
        path = SqliteSource.path_of(url)
        f = self.current_filter()
        self._listed = False

        def fast(_p, _c):  # noqa: ANN001, ANN202
            from reviewer.ui.startup import sqlite_at_head

            if path is None or not sqlite_at_head(path):
                return None
            src = SqliteSource(path)
            return src, ProjectTableModel.query(src, f)

        def fast_done(result) -> None:  # noqa: ANN001
            if result is not None and not self._listed:
                self._listed = True
                self.model.apply(result[1], result[0])
                self._update_count()

        def full(_p, _c):  # noqa: ANN001, ANN202
            from reviewer.ui.startup import open_archive

            from reviewer.usecases.cases import sync_pending

            archive = open_archive(url)
            # case deadlines computed under another calendar / other periods (an upgrade, a pack imported elsewhere)
            # are recomputed before the list reads them (one transaction; nothing on a read-only archive)
            resynced = sync_pending(Context(archive=archive))
            return archive, ProjectTableModel.query(archive, f), resynced

        def full_done(result) -> None:  # noqa: ANN001
            archive, page, resynced = result
            self.archive = archive
            if not self._listed:
                self._listed = True
                self.model.apply(page, archive)
            elif resynced:
                self.model.apply(page, archive)  # the fast listing showed the columns before they were recomputed
            self._archive_opened()

        def failed(exc: BaseException) -> None:
            self.statusBar().showMessage(self.tr("The archive could not be opened."))
            show_error(self, exc)

        self.statusBar().showMessage(self.tr("Opening the archive…"))
        tasks.runner().submit(fast, on_done=fast_done, on_error=lambda e: None)
        tasks.runner().submit(full, on_done=full_done, on_error=failed)

    def _archive_opened(self) -> None:
        self.view.case_panel.set_context(self._use_case_context())
        self.view.case_panel.today = self.today
        if not getattr(self, "_case_connected", False):
            self._case_connected = True
            self.view.case_panel.changed.connect(self._case_changed)
        self._set_busy(False)
        self._load_flags()
        self.statusBar().clearMessage()
        self.retranslateUi()
        self._update_count()
        self._load_choices()
        code = getattr(self, "_pending_code", None)
        if code and code == self.current_code():
            self.open_project(code)
        self.archiveReady.emit()

    def _set_busy(self, busy: bool) -> None:
        for a in (self.a_import, self.a_review, self.a_refresh):
            a.setEnabled(not busy)

    # -- construction ---------------------------------------------------------------------------------------
    def _build(self) -> None:
        bar = self._build_filter_bar()
        self._build_table()
        self._build_pages(bar)
        self._build_status()
        self._build_actions()

    def _build_filter_bar(self) -> QHBoxLayout:
        """The search field and the filters above the project list."""
        self.search = QLineEdit()
        self.search.setObjectName("searchEdit")
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_filter)
        self.f_status, self.f_town, self.f_industry, self.f_year, self.f_level, self.f_outcome = (
            QComboBox() for _ in range(6))
        for name, box in (("statusFilter", self.f_status), ("townFilter", self.f_town),
                          ("industryFilter", self.f_industry), ("yearFilter", self.f_year),
                          ("levelFilter", self.f_level), ("outcomeFilter", self.f_outcome)):
            box.setObjectName(name)
            box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            box.currentIndexChanged.connect(lambda _i: self.apply_filter())
        # the cases whose next statutory deadline has passed (the SQL of `reviewer case list --overdue`, issue 14)
        self.f_overdue = QCheckBox()
        self.f_overdue.setObjectName("overdueFilter")
        self.f_overdue.toggled.connect(lambda _on: self.apply_filter())
        self.clear_btn = QPushButton()
        self.clear_btn.clicked.connect(self.clear_filters)
        bar = QHBoxLayout()
        self.search_label = QLabel()
        self.search_label.setBuddy(self.search)
        bar.addWidget(self.search_label)
        bar.addWidget(self.search, 2)
        for b in (self.f_status, self.f_town, self.f_industry, self.f_year, self.f_level, self.f_outcome):
            bar.addWidget(b)
        bar.addWidget(self.f_overdue)
        bar.addWidget(self.clear_btn)
        return bar

    def _build_table(self) -> None:
        """The lazy project list (its columns, widths and the deadline columns next to the name)."""
        self.table = QTableView()
        self.table.setObjectName("projectTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.verticalHeader().setVisible(False)
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionsMovable(True)
        for col, w in enumerate((190, 260, 200, 120, 130, 110, 110, 100, 80, 90, 90, 170, 80)):
            self.table.setColumnWidth(col, w)
        # the deadline columns (issue 14) are shown right after the name, where a reviewer looks first
        hdr = self.table.horizontalHeader()
        hdr.moveSection(hdr.visualIndex(len(COLUMNS)), 2)
        hdr.moveSection(hdr.visualIndex(len(COLUMNS) + 1), 3)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        self.table.activated.connect(lambda ix: self.start_review(self.model.code_at(ix.row())))

    def _build_pages(self, bar: QHBoxLayout) -> None:
        """The browser page (filters, list over project view), the ledger page and the explanation dock."""
        self.view = ProjectView()
        self.view.reviewRequested.connect(self.start_review)
        self.view.opinionRequested.connect(self.open_opinion)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("browserSplitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        # The list keeps a useful height when a project is selected (issue 16): never collapsed below ~8 rows; the
        # project view scrolls instead of pushing the list away. Sizes are remembered (main/splitter).
        self.splitter.setChildrenCollapsible(False)
        rows = self.table.verticalHeader().defaultSectionSize()
        self.table.setMinimumHeight(rows * MIN_LIST_ROWS + self.table.horizontalHeader().sizeHint().height() + 4)

        browser = QWidget()
        bl = QVBoxLayout(browser)
        bl.setContentsMargins(6, 6, 6, 0)
        bl.addLayout(bar)
        bl.addWidget(self.splitter, 1)
        self.pages = QTabWidget()
        self.pages.setObjectName("mainPages")
        self.pages.addTab(browser, "")
        self.pages.currentChanged.connect(self._page_changed)
        self._ledger_placeholder = QLabel()
        self._ledger_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages.addTab(self._ledger_placeholder, "")
        self.setCentralWidget(self.pages)

        self.trace = TracePanel()
        self.dock = QDockWidget()
        self.dock.setObjectName("traceDock")
        self.dock.setWidget(self.trace)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.view.explain.connect(self.show_trace)

    def _build_status(self) -> None:
        """The status bar: deadline flags (issue 14) and the project count."""
        self.count_label = QLabel()
        self.flags_label = QLabel()
        self.flags_label.setObjectName("deadlineFlags")
        self.flags_label.setTextFormat(Qt.TextFormat.RichText)
        self._flags: tuple[int, int] | None = None
        self.statusBar().addPermanentWidget(self.flags_label)
        self.statusBar().addPermanentWidget(self.count_label)

    def _build_actions(self) -> None:
        def act(shortcut: Any, slot, name: str) -> QAction:  # noqa: ANN001
            a = QAction(self)
            a.setObjectName(name)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            a.triggered.connect(slot)
            return a

        self.a_import = act("Ctrl+I", lambda: self.open_import([]), "actionImport")
        self.a_settings = act(QKeySequence.StandardKey.Preferences, self.open_settings, "actionSettings")
        if self.a_settings.shortcut().isEmpty():
            self.a_settings.setShortcut(QKeySequence("Ctrl+,"))
        self.a_quit = act(QKeySequence.StandardKey.Quit, self.close, "actionQuit")
        if self.a_quit.shortcut().isEmpty():
            self.a_quit.setShortcut(QKeySequence("Ctrl+Q"))
        self.a_review = act("Ctrl+R", lambda: self.start_review(self.current_code()), "actionReview")
        self.a_refresh = act(QKeySequence.StandardKey.Refresh, self.refresh, "actionRefresh")
        if self.a_refresh.shortcut().isEmpty():
            self.a_refresh.setShortcut(QKeySequence("F5"))
        self.a_find = act(QKeySequence.StandardKey.Find, self._focus_search, "actionFind")
        self.a_trace = self.dock.toggleViewAction()
        self.a_trace.setShortcut(QKeySequence("F9"))
        self.a_about = act(None, self._about, "actionAbout")
        self.a_keys = act(None, self.open_keys, "actionKeys")
        self.a_first_run = act(None, self.open_first_run, "actionFirstRun")
        self.a_manual = act(QKeySequence.StandardKey.HelpContents, self.open_manual, "actionManual")
        self.lang_group = QActionGroup(self)
        self.a_zh = QAction("中文", self, checkable=True)
        self.a_en = QAction("English", self, checkable=True)
        for a, code in ((self.a_zh, "zh_CN"), (self.a_en, "en")):
            self.lang_group.addAction(a)
            a.triggered.connect(lambda _c=False, code=code: self.switch_language(code))
        (self.a_en if current_language() == "en" else self.a_zh).setChecked(True)
        mb = self.menuBar()
        self.m_file = mb.addMenu("")
        self.m_file.addActions([self.a_import, self.a_settings, self.a_keys, self.a_first_run])
        self.m_file.addSeparator()
        self.m_file.addAction(self.a_quit)
        self.m_review = mb.addMenu("")
        self.m_review.addActions([self.a_review, self.a_find, self.a_refresh])
        self.m_view = mb.addMenu("")
        self.m_view.addAction(self.a_trace)
        self.m_lang = self.m_view.addMenu("")
        self.m_lang.addActions([self.a_zh, self.a_en])
        self.m_help = mb.addMenu("")
        self.m_help.addActions([self.a_manual, self.a_about])
        tb = self.addToolBar("main")
        tb.setObjectName("mainToolbar")
        tb.addActions([self.a_import, self.a_review, self.a_refresh, self.a_settings])

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Energy and carbon review workbench — %1").replace(
            "%1", _archive_name(self.archive_url)))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Project code, name, builder or document number"))
        self.clear_btn.setText(self.tr("Clear filters"))
        self.f_overdue.setText(self.tr("Overdue only"))
        self.f_overdue.setToolTip(self.tr("Cases whose next statutory deadline has passed (as reviewer case list "
                                          "--overdue)"))
        self._fill_combo(self.f_status, self.tr("All statuses"), [(s, status_label(s)) for s in STATUSES])
        self._fill_combo(self.f_outcome, self.tr("All outcomes"), [(o, outcome_label(o)) for o in OUTCOMES])
        self.pages.setTabText(0, self.tr("Archive"))
        if self.pages.count() > 1:
            self.pages.setTabText(1, self.tr("District ledger"))
            self._ledger_placeholder.setText(self.tr("Loading the district ledger…"))
        self.dock.setWindowTitle(self.tr("Explanation"))
        self.a_import.setText(self.tr("&Import submissions…"))
        self.a_settings.setText(self.tr("&Settings…"))
        self.a_quit.setText(self.tr("&Quit"))
        self.a_review.setText(self.tr("&Review selected project…"))
        self.a_refresh.setText(self.tr("Re&fresh"))
        self.a_find.setText(self.tr("&Find"))
        self.a_trace.setText(self.tr("&Explanation panel"))
        self.a_about.setText(self.tr("&About"))
        self.a_keys.setText(self.tr("Signing &keys…"))
        self.a_first_run.setText(self.tr("Office and certificate set-up…"))
        self.a_manual.setText(self.tr("User &manual"))
        self.m_file.setTitle(self.tr("&File"))
        self.m_review.setTitle(self.tr("&Review"))
        self.m_view.setTitle(self.tr("&View"))
        self.m_lang.setTitle(self.tr("&Language"))
        self.m_help.setTitle(self.tr("&Help"))
        if self._choices_loaded:
            self._fill_choices(self._choices)
        self._update_count()

    def changeEvent(self, ev: QEvent) -> None:
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(ev)

    # -- filters --------------------------------------------------------------------------------------------
    @staticmethod
    def _fill_combo(box: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(all_text, "")
        for code, label in items:
            box.addItem(label, code)
        i = box.findData(current)
        box.setCurrentIndex(max(0, i))
        box.blockSignals(False)

    def _load_choices(self) -> None:
        if self.archive is None:
            return
        from reviewer.ui.queries import filter_choices

        tasks.runner().submit(lambda _p, _c: filter_choices(self.archive), on_done=self._fill_choices,
                              on_error=lambda e: show_error(self, e))

    def _fill_choices(self, ch: dict[str, list[str]]) -> None:
        from reviewer.submission.spec import lists

        self._choices, self._choices_loaded = ch, True
        en = current_language() == "en"
        ref = {x["code"]: x for x in lists()["towns"] + lists()["parks"]}
        self._fill_combo(self.f_town, self.tr("All towns and parks"),
                         [(t, (ref[t]["label_en"] if en and t in ref else t)) for t in ch["towns"]])
        self._fill_combo(self.f_industry, self.tr("All industries"),
                         [(x["code"], f"{x['code']} {x['label_en'] if en else x['label']}") for x in lists()["industry_codes"]])
        self._fill_combo(self.f_year, self.tr("All years"), [(y, y) for y in ch["years"]])
        self._fill_combo(self.f_level, self.tr("All review levels"), [(lv, level_label(lv)) for lv in ch["levels"]])

    def current_filter(self) -> ProjectFilter:
        year = self.f_year.currentData()
        return ProjectFilter(search=self.search.text().strip(), status=self.f_status.currentData() or "",
                             town=self.f_town.currentData() or "", industry=self.f_industry.currentData() or "",
                             year=int(year) if year else None, review_level=self.f_level.currentData() or "",
                             outcome=self.f_outcome.currentData() or "",
                             overdue_on=(self.today or office_today()) if self.f_overdue.isChecked() else None)

    def apply_filter(self) -> None:
        """Run the filter's count and first page on a worker (a substring search scans 100k rows: ~0.3 s);
        results of an older filter that arrive late are dropped."""
        self._search_timer.stop()
        if self.model.source is None:
            return
        f = self.current_filter()
        self._filter_generation += 1
        gen = self._filter_generation
        archive, col, order = self.model.source, self.model._sort_col, self.model._order
        self.statusBar().showMessage(self.tr("Searching…"))

        def done(page) -> None:  # noqa: ANN001
            if gen != self._filter_generation:
                return
            self.model.apply(page)
            self.statusBar().clearMessage()
            self._update_count()

        tasks.runner().submit(lambda _p, _c: ProjectTableModel.query(archive, f, col, order), on_done=done,
                              on_error=lambda e: show_error(self, e))

    def clear_filters(self) -> None:
        for b in (self.f_status, self.f_town, self.f_industry, self.f_year, self.f_level, self.f_outcome):
            b.blockSignals(True)
            b.setCurrentIndex(0)
            b.blockSignals(False)
        self.f_overdue.blockSignals(True)
        self.f_overdue.setChecked(False)
        self.f_overdue.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        self.apply_filter()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%n project(s)", "", self.model.total))
        self._show_flags()

    # -- deadline flags (issue 14) --------------------------------------------------------------------------
    def _load_flags(self) -> None:
        """Count overdue and due-soon cases (two indexed counts over ``cases``) on a worker."""
        src = self.model.source
        if src is None:
            return
        from reviewer.ui.project_model import deadline_counts

        today = self.today
        tasks.runner().submit(lambda _p, _c: deadline_counts(src, today), on_done=self._set_flags,
                              on_error=lambda e: None)

    def _set_flags(self, counts: tuple[int, int]) -> None:
        self._flags = counts
        self._show_flags()

    def _show_flags(self) -> None:
        if not self._flags:
            self.flags_label.clear()
            return
        overdue, soon = self._flags
        parts = []
        if overdue:
            parts.append("<span style='color:#c62828'><b>" + self.tr("%n case(s) overdue", "", overdue) + "</b></span>")
        if soon:
            parts.append("<span style='color:#b26a00'>" + self.tr("%n case(s) due soon", "", soon) + "</span>")
        self.flags_label.setText("　".join(parts))

    def _case_changed(self) -> None:
        self.model.reload()
        self._update_count()
        self._load_flags()

    # -- project --------------------------------------------------------------------------------------------
    def current_code(self) -> str | None:
        ix = self.table.currentIndex()
        return self.model.code_at(ix.row()) if ix.isValid() else None

    def _current_changed(self, cur: QModelIndex, _prev: QModelIndex) -> None:
        code = self.model.code_at(cur.row()) if cur.isValid() else None
        if code:
            self.open_project(code)

    def select_code(self, code: str) -> bool:
        row = self.model.row_of(code)
        if row < 0:
            return False
        self.table.selectRow(row)
        self.table.setCurrentIndex(self.model.index(row, 0))
        return True

    def open_project(self, code: str) -> None:
        if self.archive is None:  # the archive layer is still opening: show it as soon as it is ready
            self._pending_code = code
            return
        from reviewer.ui.queries import project_detail

        self.statusBar().showMessage(self.tr("Loading %1…").replace("%1", code))

        from reviewer.ui.case_panel import case_view

        ctx, today = self._use_case_context(), self.today

        def done(result: tuple) -> None:  # noqa: ANN001
            d, case = result
            if self.current_code() not in (None, code):
                return  # the user moved on meanwhile
            self.view.set_detail(d)
            self.view.set_case(code, case)
            self.trace.set_trace(((d.get("assessment") or {}).get("result") or {}).get("trace", []))
            self.statusBar().clearMessage()
            self.projectLoaded.emit(code)
            signed = [o["id"] for o in d.get("opinions", []) if o.get("signed")]
            if signed:
                from reviewer.ui.queries import verify_opinions

                tasks.runner().submit(lambda _p, _c: verify_opinions(self.archive, signed),
                                      on_done=lambda st: self.current_code() == code and self.view.set_signature_status(st),
                                      on_error=lambda e: show_error(self, e))

        tasks.runner().submit(lambda _p, _c: (project_detail(self.archive, code), case_view(ctx, code, today)),
                              on_done=done, on_error=lambda e: show_error(self, e))

    def show_trace(self, step: dict) -> None:
        self.dock.show()
        self.trace.show_step(step)

    def refresh(self) -> None:
        if self.archive is None:
            return
        code = self.current_code()
        self.model.reload()
        self._update_count()
        self._load_flags()
        if code and self.select_code(code):
            self.open_project(code)

    def start_review(self, code: str | None) -> None:
        if not code:
            self.statusBar().showMessage(self.tr("Select a project first."), 4000)
            return
        if self.archive is None:
            return
        from reviewer.ui.wizard.wizard import ReviewWizard, prepare

        archive = self.archive
        self.statusBar().showMessage(self.tr("Loading %1…").replace("%1", code))

        def done(prepared) -> None:  # noqa: ANN001
            self.statusBar().clearMessage()
            try:
                w = ReviewWizard(archive, code, self, prepared=prepared)
            except Exception as exc:  # noqa: BLE001
                show_error(self, exc)
                return
            w.finished.connect(lambda _r: self.refresh())
            w.open()
            self._wizard = w

        tasks.runner().submit(lambda _p, _c: prepare(archive, code), on_done=done,
                              on_error=lambda e: show_error(self, e))

    def open_opinion(self, opinion_id: int) -> None:
        from reviewer.ui.pdf_viewer import PdfDialog
        from reviewer.ui.queries import opinion_pdf

        try:
            dlg = PdfDialog(opinion_pdf(self.archive, opinion_id), self)
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)
            return
        dlg.open()

    # -- dialogs --------------------------------------------------------------------------------------------
    def open_import(self, paths: list[str]) -> None:
        from reviewer.ui.import_dialog import BatchImportDialog

        dlg = BatchImportDialog(self.archive, self)
        dlg.finished.connect(lambda _r: self.refresh())
        dlg.open()
        if paths:
            dlg.add_paths(paths)
            dlg.start()
        self._import_dialog = dlg

    def open_settings(self) -> None:
        from reviewer.ui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self)
        dlg.open()
        self._settings_dialog = dlg

    # -- first run, keys, manual ------------------------------------------------------------------------------
    def _use_case_context(self) -> Context:
        try:
            settings = Settings.load()
        except Exception:  # noqa: BLE001 — a malformed file is reported by the settings dialog; start from defaults
            settings = Settings()
        return Context(archive=self.archive, settings=settings, actor=settings.reviewer_name or "reviewer")

    def offer_first_run(self) -> FirstRunDialog | None:
        """Open the first-run dialog when no office identity or signing certificate is configured."""
        ctx = self._use_case_context()
        if not needs_first_run(ctx.settings):
            return None
        return self.open_first_run()

    def open_first_run(self) -> FirstRunDialog:
        dlg = FirstRunDialog(self._use_case_context(), self)
        dlg.open()
        self._first_run_dialog = dlg
        return dlg

    def open_keys(self) -> KeysDialog:
        dlg = KeysDialog(self._use_case_context(), self)
        dlg.open()
        self._keys_dialog = dlg
        return dlg

    def open_manual(self) -> bool:
        """Open docs/manual.md (the Chinese user manual) in the system's viewer."""
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from reviewer.paths import manual_path

        path = manual_path()
        if path is None:
            show_error(self, UserError("找不到用户手册 docs/manual.md。", "The user manual docs/manual.md is missing."))
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def switch_language(self, lang: str) -> None:
        from reviewer.settings import Settings

        set_language(lang)
        try:
            s = Settings.load()
            s.language = lang
            s.save()
        except Exception as exc:  # noqa: BLE001
            show_error(self, exc)

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from reviewer import __version__

        QMessageBox.about(self, self.tr("About"), self.tr(
            "Energy-conservation review and carbon-emission evaluation workbench, version %1.").replace("%1", __version__))

    def _page_changed(self, i: int) -> None:
        if i == 1 and not self._ledger_loaded:
            self._ledger_loaded = True
            try:
                w = _make_ledger(self.archive)
            except Exception as exc:  # noqa: BLE001
                show_error(self, exc)
                return
            self.pages.blockSignals(True)
            self.pages.removeTab(1)
            self.pages.insertTab(1, w, self.tr("District ledger"))
            self.pages.setCurrentIndex(1)
            self.pages.blockSignals(False)

    # -- drag and drop --------------------------------------------------------------------------------------
    @staticmethod
    def dropped_paths(urls) -> list[str]:  # noqa: ANN001
        out = []
        for u in urls:
            if not u.isLocalFile():
                continue
            p = Path(u.toLocalFile())
            if p.is_dir() or p.suffix.lower() in IMPORTABLE:
                out.append(str(p))
        return out

    def dragEnterEvent(self, ev: QDragEnterEvent) -> None:
        if ev.mimeData().hasUrls() and self.dropped_paths(ev.mimeData().urls()):
            ev.acceptProposedAction()
        else:
            ev.ignore()

    def dropEvent(self, ev: QDropEvent) -> None:
        paths = self.dropped_paths(ev.mimeData().urls())
        if paths:
            ev.acceptProposedAction()
            self.open_import(paths)

    # -- state ----------------------------------------------------------------------------------------------
    def _restore_state(self) -> None:
        st = window_settings()
        geo = st.value("main/geometry")
        if geo is not None:
            self.restoreGeometry(geo)
        else:
            self.fit_to_screen()
        for key, fn in (("main/state", self.restoreState), ("main/splitter", self.splitter.restoreState),
                        ("main/header", self.table.horizontalHeader().restoreState)):
            v = st.value(key)
            if v is not None:
                fn(v)

    def fit_to_screen(self) -> None:
        """Open sized to the screen (90 % of its available area, centred), not a fixed size that may not fit."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            self.resize(1400, 860)
            return
        area = screen.availableGeometry()
        w, h = int(area.width() * SCREEN_SHARE), int(area.height() * SCREEN_SHARE)
        self.setGeometry(area.x() + (area.width() - w) // 2, area.y() + (area.height() - h) // 2, w, h)
        list_h = max(self.table.minimumHeight(), int(h * 0.45))
        self.splitter.setSizes([list_h, max(200, h - list_h)])

    def save_state(self) -> None:
        st = window_settings()
        st.setValue("main/geometry", self.saveGeometry())
        st.setValue("main/state", self.saveState())
        st.setValue("main/splitter", self.splitter.saveState())
        st.setValue("main/header", self.table.horizontalHeader().saveState())
        st.sync()

    def closeEvent(self, ev: QCloseEvent) -> None:
        w = getattr(self, "_wizard", None)
        if w is not None and w.isVisible() and not w.close():
            ev.ignore()
            return
        self.save_state()
        tasks.runner().wait(5000)
        super().closeEvent(ev)


def _archive_name(url: str | None) -> str:
    """Short archive name for the title bar (file name, or the URL without its password); no SQLAlchemy import."""
    import re

    if not url:
        return "archive.sqlite3"
    if url.startswith("sqlite"):
        return Path(url.split("///", 1)[-1]).name or url
    return re.sub(r"(//[^:/@]+):[^@]*@", r"\1:***@", url)


def _make_ledger(archive: Archive) -> QWidget:
    """The district ledger dashboard, built when its tab is first shown."""
    # lazy for start-up speed: the dashboard pulls in QtCharts, which the project list does not need
    from reviewer.ui.ledger_dashboard import LedgerDashboard

    return LedgerDashboard(archive)
