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

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, Qt, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from reviewer.paths import data_dir

log = logging.getLogger("reviewer.ui")
I18N = Path(__file__).resolve().parent / "i18n"
UI_FAMILY = "WenQuanYi Micro Hei"
LANGUAGES = ("zh_CN", "en")

_translator: QTranslator | None = None
_qt_translator: QTranslator | None = None
_language = "zh_CN"
_fonts_done = False


def register_fonts() -> list[str]:
    """Register every bundled font; return the families Qt now knows from them."""
    global _fonts_done
    families: list[str] = []
    for path in sorted((data_dir("resources") / "fonts").glob("*.tt[fc]")):
        fid = QFontDatabase.addApplicationFont(str(path))
        if fid < 0:
            log.warning("font %s could not be registered", path)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(fid))
    _fonts_done = True
    return families


def ui_font(point_size: int = 10) -> QFont:
    f = QFont(UI_FAMILY, point_size)
    f.setStyleHint(QFont.StyleHint.SansSerif)
    return f


def current_language() -> str:
    return _language


def set_language(lang: str) -> bool:
    """Install the translator for ``lang`` (``zh_CN`` or ``en``); widgets retranslate on LanguageChange."""
    global _translator, _qt_translator, _language
    app = QCoreApplication.instance()
    if lang not in LANGUAGES:
        lang = "zh_CN"
    if app is None:
        _language = lang
        return False
    for t in (_translator, _qt_translator):
        if t is not None:
            app.removeTranslator(t)
    _translator = QTranslator(app)
    ok = _translator.load(str(I18N / f"reviewer_{lang}.qm"))
    if ok:
        app.installTranslator(_translator)
    else:
        log.warning("translation %s missing", lang)
    # Qt's own strings (Ok/Cancel …) when Qt ships them
    _qt_translator = QTranslator(app)
    from PySide6.QtCore import QLibraryInfo

    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang == "zh_CN" and _qt_translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                                               qt_dir):
        app.installTranslator(_qt_translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _language = lang
    return ok


def create_app(argv: list[str] | None = None, *, lang: str | None = None) -> QApplication:
    """The QApplication with fonts, translations and the error hook installed (idempotent)."""
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("reviewer")
    app.setApplicationName("reviewer")
    app.setApplicationDisplayName("节能审查工作台")
    if not _fonts_done:
        register_fonts()
    app.setFont(ui_font())
    if lang is None:
        try:
            from reviewer.settings import Settings

            lang = Settings.load().language
        except Exception:  # noqa: BLE001 — a malformed settings file is reported later by the settings dialog
            lang = "zh_CN"
    set_language(lang)
    return app


def _excepthook(etype, value, tb) -> None:  # noqa: ANN001
    """Uncaught exceptions in slots end up here: show a plain message, log the traceback."""
    import traceback

    from reviewer.ui.dialogs import show_error

    value.__dict__.setdefault("_reviewer_tb", "".join(traceback.format_exception(etype, value, tb)))
    log.error("uncaught exception\n%s", value._reviewer_tb)
    try:
        show_error(QApplication.activeWindow(), value)
    except Exception:  # noqa: BLE001
        sys.__excepthook__(etype, value, tb)


def window_settings() -> QSettings:
    """QSettings for window state only (geometry, splitters, header layout); preferences live in Settings."""
    from reviewer.paths import home

    return QSettings(str(home() / "window-state.ini"), QSettings.Format.IniFormat)


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
