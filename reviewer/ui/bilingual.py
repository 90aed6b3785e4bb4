"""Inline zh/en pairs for screens that keep their own texts instead of Qt's ``.ts`` files (first run, manual).

``t("中文", "English")`` returns the text of the workbench's current language; screens re-call it in
``retranslateUi`` so a live language switch applies.
"""

from __future__ import annotations

from reviewer.ui.appstate import current_language


def t(zh: str, en: str) -> str:
    """The label in the workbench's current language (Chinese first)."""
    return en if current_language() == "en" else zh
