"""Process-wide workbench state every widget may read: the language, the bundled UI fonts, the window-state file.

Kept apart from :mod:`reviewer.ui.app` (which builds the main window) so that widgets reading the language do not
import the application that imports them (issue 11: the ui import circle).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase

from reviewer.paths import data_dir, home

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
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if lang == "zh_CN" and _qt_translator.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_",
                                               qt_dir):
        app.installTranslator(_qt_translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _language = lang
    return ok


def window_settings() -> QSettings:
    """QSettings for window state only (geometry, splitters, header layout); preferences live in Settings."""
    return QSettings(str(home() / "window-state.ini"), QSettings.Format.IniFormat)


def fonts_registered() -> bool:
    return _fonts_done
