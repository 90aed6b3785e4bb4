"""Base class of a review-wizard page: ``load(state)``, ``save(state) -> bool``, ``retranslateUi()``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QWidget

from reviewer.archive.db import Archive
from reviewer.rules.params import ParameterStore
from reviewer.settings import Settings
from reviewer.usecases.base import Context
from reviewer.ui.wizard.state import ReviewState
from reviewer.ui.appstate import current_language

if TYPE_CHECKING:
    from reviewer.rules.engine import Assessment


@dataclass
class ReviewContext:
    """Shared by all pages of one wizard: the archive, who is reviewing, and the current assessment."""

    archive: Archive
    actor: str
    settings: Settings = field(default_factory=Settings)  # read once by whoever opens the wizard
    assessment: "Assessment | None" = None
    result: dict[str, Any] = field(default_factory=dict)  # assessment.to_dict()
    params: ParameterStore | None = None  # the packs with the ledger's district budgets layered (read on opening)

    def usecase(self) -> Context:
        """The use-case context of this review (archive, settings, reviewer)."""
        return Context(archive=self.archive, settings=self.settings, actor=self.actor)

    def set_assessment(self, a: "Assessment") -> None:
        self.assessment = a
        self.result = a.to_dict()

    def steps(self) -> dict[str, dict[str, Any]]:
        return {s["key"]: s for s in self.result.get("trace", [])}

    def section(self, name: str) -> dict[str, Any]:
        v = self.result.get(name)
        return v if isinstance(v, dict) else {}


class ReviewPage(QWidget):
    """One step of the review. Subclasses build widgets in ``__init__`` and fill them in :meth:`load`."""

    default_trace = ""  # trace key shown in the explanation panel when the page opens
    explain = Signal(dict)  # a trace step to show in the explanation panel
    changed = Signal()  # the reviewer changed something (the wizard saves the draft)
    reassess = Signal()  # the state changed in a way that needs a new assessment

    _loading = False  # a page sets it while it fills its widgets from the state (their signals are not edits)

    def __init__(self, ctx: ReviewContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.state: ReviewState | None = None

    def _data_edited(self, data: dict) -> None:
        """The reviewer corrected the submission in one of the page's form sections (wizard/sections.py)."""
        if self._loading or self.state is None:
            return
        self.state.data = data
        self.state.energy_edited = True  # the submission was corrected: stored as a new version (ops.store_edits)
        self.changed.emit()
        self.reassess.emit()

    @staticmethod
    def title() -> str:
        """The step's name (static: the step list shows it before the page is built)."""
        raise NotImplementedError

    def load(self, state: ReviewState) -> None:
        self.state = state

    def save(self, state: ReviewState) -> bool:
        """Store the page's inputs in ``state``; return False (after telling the user why) to stay on the page."""
        return True

    def retranslateUi(self) -> None:
        pass

    def show_default(self) -> None:
        if self.default_trace:
            self.explain_key(self.default_trace)

    def explain_key(self, key: str) -> bool:
        step = self.ctx.steps().get(key)
        if step:
            self.explain.emit(step)
            return True
        return False

    def changeEvent(self, ev: QEvent) -> None:
        if ev.type() == QEvent.Type.LanguageChange:
            self.retranslateUi()
            if self.state is not None:
                self.load(self.state)
        super().changeEvent(ev)


def is_en() -> bool:
    return current_language() == "en"
