"""Error and confirmation dialogs. Users see a plain Chinese message; details only on request; never a traceback.

:class:`~reviewer.errors.UserError` shows its own message (Chinese, then English) and its problems as details.
Anything else is logged with its traceback to ``$REVIEWER_HOME/logs/reviewer.log`` and shown as one sentence with
the log location in the details. Tests may replace :data:`presenter` to collect messages instead of showing them.
"""

from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer.errors import UserError
from reviewer.ui.appstate import current_language

log = logging.getLogger("reviewer.ui")


@dataclass
class Message:
    title: str
    text: str
    details: str


def describe(exc: BaseException, lang: str = "zh") -> Message:
    """The message a user sees for ``exc`` (pure; unit-testable)."""
    if isinstance(exc, UserError):
        details = "\n".join(p.text("en" if lang == "en" else "zh") for p in exc.problems)
        return Message(QCoreApplication.translate("Dialogs", "Cannot continue"), exc.text("en" if lang == "en" else "zh"), details)
    tb = getattr(exc, "_reviewer_tb", "") or "".join(traceback.format_exception(exc))
    path = _log(tb)
    return Message(QCoreApplication.translate("Dialogs", "Internal error"),
                   QCoreApplication.translate("Dialogs", "The operation did not complete because of an internal error. Nothing was saved half-way."),
                   QCoreApplication.translate("Dialogs", "Error type: %1\nDetails were written to the log: %2").replace("%1", type(exc).__name__)
                   .replace("%2", str(path or "-")))


def _log(tb: str):
    try:
        from reviewer.paths import home

        logs = home() / "logs"
        logs.mkdir(exist_ok=True, mode=0o700)
        path = logs / "reviewer.log"
        with path.open("a", encoding="utf-8") as fh:
            fh.write(tb + "\n")
        return path
    except OSError:
        log.error(tb)
        return None


def _show(parent: QWidget | None, m: Message) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, m.title, m.text, QMessageBox.StandardButton.Ok, parent)
    if m.details:
        box.setDetailedText(m.details)
    box.setObjectName("errorBox")
    box.open()  # window-modal, does not spin a nested event loop


presenter: Callable[[QWidget | None, Message], None] = _show
shown: list[Message] = []  # the last few messages, for tests and the status bar


def show_error(parent: QWidget | None, exc: BaseException) -> Message:
    m = describe(exc, "en" if current_language() == "en" else "zh")
    shown.append(m)
    del shown[:-20]
    presenter(parent, m)
    return m


confirmer: Callable[[QWidget | None, str, str], bool] | None = None


def confirm(parent: QWidget | None, title: str, text: str) -> bool:
    """Yes/No question (tests install :data:`confirmer`)."""
    if confirmer is not None:
        return confirmer(parent, title, text)
    ans = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                               QMessageBox.StandardButton.No)
    return ans == QMessageBox.StandardButton.Yes
