"""The review wizard: a step list, one page per step, the explanation panel, Back/Next; drafts saved on change.

Re-assessment (after the reviewer edits energy figures, the regime date or carbon choices) runs on the worker
pool; the pages refresh when it arrives. Closing with unsaved changes asks first; the draft survives either way.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (QDialog, QHBoxLayout, QLabel, QListWidget, QPushButton, QSplitter, QStackedWidget,
                               QVBoxLayout, QWidget)

from reviewer.archive.db import Archive
from reviewer.errors import UserError
from reviewer.settings import Settings
from reviewer.ui import tasks
from reviewer.ui.dialogs import confirm, show_error
from reviewer.ui.trace_panel import TracePanel
from reviewer.ui.wizard import ops
from reviewer.ui.wizard.acceptance import AcceptancePage
from reviewer.ui.wizard.carbon import CarbonPage
from reviewer.ui.wizard.conclusion import ConclusionPage
from reviewer.ui.wizard.energy import EnergyPage
from reviewer.ui.wizard.issue import IssuePage
from reviewer.ui.wizard.overview import OverviewPage
from reviewer.ui.wizard.page import ReviewContext, ReviewPage
from reviewer.ui.wizard.policy import PolicyPage
from reviewer.ui.wizard.regional import RegionalPage
from reviewer.ui.wizard.state import ReviewState
from reviewer.usecases.base import Context

PAGE_CLASSES = (AcceptancePage, OverviewPage, EnergyPage, CarbonPage, PolicyPage, RegionalPage, ConclusionPage,
                IssuePage)
DRAFT_DELAY_MS = 400


def load_settings() -> Settings:
    """The user's settings, read once where a review is opened (a broken settings file means the defaults)."""
    try:
        return Settings.load()
    except UserError:
        return Settings()


def prepare(archive: Archive, code: str, settings: Settings | None = None):  # noqa: ANN201
    """The slow part of opening a review (archive read, draft, full assessment) — run it on a worker and pass the
    result as ``prepared=`` so the UI thread only builds widgets."""
    settings = settings or load_settings()
    state = ops.start_review(archive, code, settings)
    params = ops.budget_params(archive)
    return state, ops.run_assessment(Context(archive=archive, settings=settings), state), params


class ReviewWizard(QDialog):
    def __init__(self, archive: Archive, code: str, parent: QWidget | None = None, *, actor: str | None = None,
                 prepared=None, settings: Settings | None = None):  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("reviewWizard")
        self.archive = archive
        settings = settings or load_settings()
        state, assessment, params = prepared or prepare(archive, code, settings)
        self.state: ReviewState = state
        self.ctx = ReviewContext(archive, actor if actor is not None else settings.reviewer_name, settings,
                                 params=params)
        self.ctx.set_assessment(assessment)
        self.dirty = False
        self._closing = False
        self.reassessing = False
        self._pending_reassess = False

        self.steps = QListWidget()
        self.steps.setObjectName("wizardSteps")
        self.steps.setMaximumWidth(180)
        self.stack = QStackedWidget()
        self._pages: list[ReviewPage | None] = [None] * len(PAGE_CLASSES)
        for _cls in PAGE_CLASSES:  # pages are built on first visit (opening a review stays well under 100 ms)
            self.stack.addWidget(QWidget())
            self.steps.addItem("")
        self.steps.currentRowChanged.connect(self._step_clicked)
        self.trace = TracePanel()
        self.trace.set_trace(self.ctx.result.get("trace", []))
        self.heading = QLabel()
        self.heading.setObjectName("wizardHeading")
        self.heading.setStyleSheet("font-size:15pt;font-weight:bold")
        self.saved_label = QLabel()
        self.saved_label.setObjectName("draftStatus")
        self.back_btn, self.next_btn, self.close_btn = QPushButton(), QPushButton(), QPushButton()
        self.back_btn.setObjectName("backButton")
        self.next_btn.setObjectName("nextButton")
        self.back_btn.clicked.connect(self.back)
        self.next_btn.clicked.connect(self.next)
        self.close_btn.clicked.connect(self.close)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.back)
        QShortcut(QKeySequence("Alt+Right"), self, activated=self.next)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.save_draft)
        buttons = QHBoxLayout()
        buttons.addWidget(self.saved_label, 1)
        for b in (self.back_btn, self.next_btn, self.close_btn):
            buttons.addWidget(b)
        center = QWidget()
        cl = QVBoxLayout(center)
        cl.addWidget(self.heading)
        cl.addWidget(self.stack, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.steps)
        split.addWidget(center)
        split.addWidget(self.trace)
        split.setStretchFactor(1, 3)
        split.setStretchFactor(2, 1)
        split.setSizes([170, 820, 330])
        lay = QVBoxLayout(self)
        lay.addWidget(split, 1)
        lay.addLayout(buttons)
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.save_draft)
        self.resize(1360, 860)
        self._started = False
        self.retranslateUi()
        self.go(min(self.state.page, len(PAGE_CLASSES) - 1), validate=False)

    # -- navigation -----------------------------------------------------------------------------------------
    @property
    def current(self) -> int:
        return self.stack.currentIndex()

    def page_at(self, i: int) -> ReviewPage:
        """Page ``i``, built (and wired) on first use."""
        page = self._pages[i]
        if page is None:
            page = PAGE_CLASSES[i](self.ctx)
            page.explain.connect(self.show_trace)
            page.changed.connect(self.mark_dirty)
            page.reassess.connect(self.reassess)
            placeholder = self.stack.widget(i)
            current = self.stack.currentIndex()
            self.stack.insertWidget(i, page)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            if current == i:
                self.stack.setCurrentIndex(i)
            self._pages[i] = page
        return page

    @property
    def pages(self) -> list[ReviewPage]:
        """Every page (builds those not visited yet)."""
        return [self.page_at(i) for i in range(len(PAGE_CLASSES))]

    def page(self, cls: type) -> ReviewPage:
        return self.page_at(PAGE_CLASSES.index(cls))

    def go(self, index: int, *, validate: bool = True) -> bool:
        if not 0 <= index < len(PAGE_CLASSES):
            return False
        cur = self._pages[self.current] if self._started else None
        if validate and cur is not None and index > self.current and not cur.save(self.state):
            self._select_step(self.current)
            return False
        if self._pending_reassess:
            self._reassess_now(sync=True)
        page = self.page_at(index)
        self.stack.setCurrentIndex(index)
        self._started = True
        self.state.page = index
        page.load(self.state)
        self.trace.show_step(None)
        page.show_default()
        self._select_step(index)
        self.retranslateUi()
        self.mark_dirty()
        return True

    def _select_step(self, i: int) -> None:
        self.steps.blockSignals(True)
        self.steps.setCurrentRow(i)
        self.steps.blockSignals(False)

    def _step_clicked(self, i: int) -> None:
        # Going forward through the list validates every page in between; going back is always allowed.
        while self.current < i:
            if not self.go(self.current + 1):
                return
        if i < self.current:
            self.go(i, validate=False)

    def next(self) -> bool:
        if self.current == len(PAGE_CLASSES) - 1:
            self.finish()
            return True
        return self.go(self.current + 1)

    def back(self) -> bool:
        return self.go(self.current - 1, validate=False)

    def finish(self) -> None:
        if self.state.opinion_id is not None:
            self.state.discard_draft()
            self.dirty = False
            self.accept()

    # -- recomputation --------------------------------------------------------------------------------------
    def reassess(self) -> None:
        self._pending_reassess = True
        QTimer.singleShot(0, self._reassess_now)

    def _reassess_now(self, sync: bool = False) -> None:
        if not self._pending_reassess or self.reassessing:
            return
        self._pending_reassess = False
        self.reassessing = True
        snapshot = ReviewState.from_json(self.state.to_json())

        def done(a) -> None:  # noqa: ANN001
            self.reassessing = False
            self.ctx.set_assessment(a)
            self.trace.set_trace(self.ctx.result.get("trace", []))
            page = self._pages[self.current]
            if page is not None and hasattr(page, "refresh"):
                page.refresh()
            if self._pending_reassess:
                self._reassess_now()

        def failed(exc: BaseException) -> None:
            self.reassessing = False
            show_error(self, exc)

        if sync:
            try:
                done(ops.run_assessment(self.ctx.usecase(), snapshot))
            except Exception as exc:  # noqa: BLE001
                failed(exc)
        else:
            ctx = self.ctx.usecase()
            tasks.runner().submit(lambda _p, _c: ops.run_assessment(ctx, snapshot), on_done=done, on_error=failed)

    # -- drafts ---------------------------------------------------------------------------------------------
    def mark_dirty(self) -> None:
        self.dirty = True
        self._draft_timer.start()

    def save_draft(self) -> None:
        self._draft_timer.stop()
        try:
            self.state.save_draft()
        except OSError as exc:
            show_error(self, exc)
            return
        self.dirty = False
        self.saved_label.setText(self.tr("Draft saved."))

    def show_trace(self, step: dict) -> None:
        self.trace.show_step(step)

    def may_close(self) -> bool:
        """Ask before closing an unfinished review with unsaved changes; the draft is kept either way."""
        if self.state.opinion_id is not None:
            self.state.discard_draft()
            return True
        if self.dirty or self.state.energy_edited:
            if not confirm(self, self.tr("Close the review"),
                           self.tr("The review is not finished. Keep the draft and close? "
                                   "(The draft opens again next time.)")):
                return False
            self.save_draft()
        return True

    def closeEvent(self, ev: QCloseEvent) -> None:
        if not self._closing and not self.may_close():
            ev.ignore()
            return
        self._closing = True
        super().closeEvent(ev)  # QDialog calls reject(), which now just hides
        self._closing = False

    def reject(self) -> None:  # Esc and the window's close button ask the same question
        if self._closing or self.may_close():
            self._closing = True
            super().reject()
            self._closing = False

    def retranslateUi(self) -> None:
        self.setWindowTitle(self.tr("Review %1").replace("%1", self.state.project_code))
        for i, cls in enumerate(PAGE_CLASSES):
            self.steps.item(i).setText(f"{i + 1}. {cls.title()}")
        self.heading.setText(f"{self.current + 1}. {PAGE_CLASSES[self.current].title()}")
        self.back_btn.setText(self.tr("< &Back"))
        last = self.current == len(PAGE_CLASSES) - 1
        self.next_btn.setText(self.tr("&Finish") if last else self.tr("&Next >"))
        self.back_btn.setEnabled(self.current > 0)
        self.close_btn.setText(self.tr("&Close"))

    def changeEvent(self, ev: QEvent) -> None:
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
        super().changeEvent(ev)
