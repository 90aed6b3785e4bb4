"""Application bootstrap: QApplication, bundled CJK fonts, translations, error hook, main window.

Qt shows boxes for Chinese text when the system has no CJK font, so the fonts in ``resources/fonts`` are
registered with ``QFontDatabase.addApplicationFont`` before any widget is created, and WenQuanYi Micro Hei becomes
the application font. Translations: source strings are English; ``i18n/reviewer_zh_CN.qm`` (default) and
``i18n/reviewer_en.qm`` ship with the package. :func:`set_language` switches live: Qt sends ``LanguageChange`` to
every widget, whose ``changeEvent`` calls ``retranslateUi()``.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from reviewer.settings import Settings
from reviewer.ui.appstate import fonts_registered, register_fonts, set_language, ui_font
from reviewer.ui.dialogs import show_error

log = logging.getLogger("reviewer.ui")


def create_app(argv: list[str] | None = None, *, lang: str | None = None) -> QApplication:
    """The QApplication with fonts, translations and the error hook installed (idempotent)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("reviewer")
    app.setApplicationName("reviewer")
    app.setApplicationDisplayName("节能审查工作台")
    if not fonts_registered():
        register_fonts()
    app.setFont(ui_font())
    if lang is None:
        try:
            lang = Settings.load().language
        except Exception:  # noqa: BLE001 — a malformed settings file is reported later by the settings dialog
            lang = "zh_CN"
    set_language(lang)
    return app


def _excepthook(etype, value, tb) -> None:  # noqa: ANN001
    """Uncaught exceptions in slots end up here: show a plain message, log the traceback."""
    import traceback

    value.__dict__.setdefault("_reviewer_tb", "".join(traceback.format_exception(etype, value, tb)))
    log.error("uncaught exception\n%s", value._reviewer_tb)
    try:
        show_error(QApplication.activeWindow(), value)
    except Exception:  # noqa: BLE001
        sys.__excepthook__(etype, value, tb)


def run(archive_url: str | None = None, argv: list[str] | None = None) -> int:
    """Start the workbench: open the archive (seeding the demo projects into a new embedded archive) and show."""
    app = create_app(argv)
    sys.excepthook = _excepthook
    from reviewer.ui.main_window import MainWindow

    win = MainWindow(archive_url=archive_url)
    win.show()
    # First run (issue 16): office identity and signing certificate, once the archive is open.
    win.archiveReady.connect(win.offer_first_run, Qt.ConnectionType.SingleShotConnection)
    return app.exec()
