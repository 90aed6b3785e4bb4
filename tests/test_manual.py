"""The user manual (issue 16): docs/manual.md exists, every screenshot it links exists, and 帮助 opens it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_manual_links_existing_screenshots() -> None:
    from reviewer.paths import manual_path

    path = manual_path()
    assert path == ROOT / "docs" / "manual.md"
    text = path.read_text(encoding="utf-8")
    links = re.findall(r"\]\((screenshots/[^)]+)\)", text)
    assert len(links) >= 14, links
    missing = [x for x in links if not (path.parent / x).is_file()]
    assert missing == []
    for heading in ("首次使用", "审查向导", "区级台账", "竣工验收", "签名证书", "备份"):
        assert heading in text


@pytest.mark.gui
def test_help_menu_opens_the_manual(qtbot, monkeypatch) -> None:
    from PySide6.QtGui import QDesktopServices

    from reviewer.ui.main_window import MainWindow
    from reviewer.ui.testing import demo_archive, prepare_app

    prepare_app("zh_CN")
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    w = MainWindow(archive=demo_archive())
    qtbot.addWidget(w)
    assert w.a_manual in w.m_help.actions() and w.a_manual.text() == "用户手册(&M)"
    w.a_manual.trigger()
    assert opened == [str(ROOT / "docs" / "manual.md")]
