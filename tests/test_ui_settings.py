"""Settings dialog over reviewer.settings.Settings: load, validate, save, defaults, live language switch."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.gui


@pytest.fixture
def dlg(qtbot, monkeypatch):
    from reviewer.ui import dialogs
    from reviewer.ui.settings_dialog import SettingsDialog
    from reviewer.ui.testing import prepare_app

    prepare_app("zh_CN")
    shown = []
    monkeypatch.setattr(dialogs, "presenter", lambda parent, m: shown.append(m))
    d = SettingsDialog()
    d.shown = shown
    qtbot.addWidget(d)
    return d


def test_every_declared_setting_has_an_editor_with_its_chinese_label(dlg):
    from reviewer.settings import Settings

    names = [n for n, _ in Settings.declared()]
    assert list(dlg.editors) == names
    assert dlg.labels["reviewer_name"].text() == "审查人员姓名："


def test_save_writes_the_settings_file_and_validates(dlg):
    from reviewer.settings import Settings

    dlg.editors["reviewer_name"].setText("李四")
    dlg.editors["doc_number_pattern"].setText("{prefix}{year}")  # no {n}
    assert not dlg.save()
    assert "{n}" in dlg.shown[-1].text
    assert Settings.load().reviewer_name == ""
    dlg.editors["doc_number_pattern"].setText("{prefix}〔{year}〕{n}号")
    assert dlg.save()
    assert Settings.load().reviewer_name == "李四"
    dlg.restore_defaults()
    assert dlg.editors["reviewer_name"].text() == ""


def test_language_switch_is_live(qtbot, dlg):
    from reviewer.settings import Settings
    from reviewer.ui.appstate import current_language, set_language

    try:
        box = dlg.editors["language"]
        box.setCurrentIndex(box.findData("en"))
        assert dlg.save()
        assert current_language() == "en" and Settings.load().language == "en"
        qtbot.waitUntil(lambda: dlg.windowTitle() == "Settings", timeout=2000)
        assert dlg.labels["reviewer_name"].text() == "Reviewer name"
    finally:
        set_language("zh_CN")


def test_translations_are_complete():
    """Every user-facing string of the workbench has a finished Chinese translation."""
    import xml.etree.ElementTree as ET

    from reviewer.ui.appstate import I18N

    for lang in ("zh_CN", "en"):
        root = ET.parse(I18N / f"reviewer_{lang}.ts").getroot()
        unfinished = [m.find("source").text for m in root.iter("message")
                      if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")]
        assert unfinished == [], f"{lang}: untranslated {unfinished[:5]}"
        assert (I18N / f"reviewer_{lang}.qm").stat().st_mtime >= (I18N / f"reviewer_{lang}.ts").stat().st_mtime - 1


def test_translation_sources_are_current():
    """lupdate finds no string in the code that is missing from the .ts files."""
    import xml.etree.ElementTree as ET
    import subprocess
    import sys
    import tempfile
    from pathlib import Path

    from reviewer.ui.appstate import I18N
    from reviewer.ui.i18n.update import _tool, sources

    with tempfile.TemporaryDirectory() as d:
        ts = Path(d) / "probe.ts"
        subprocess.run([_tool("pyside6-lupdate"), *sources(), "-ts", str(ts)], check=True, capture_output=True)
        found = {(c.find("name").text, m.find("source").text) for c in ET.parse(ts).getroot().iter("context")
                 for m in c.iter("message")}
    shipped = {(c.find("name").text, m.find("source").text)
               for c in ET.parse(I18N / "reviewer_zh_CN.ts").getroot().iter("context") for m in c.iter("message")}
    assert found - shipped == set(), "run: python -m reviewer.ui.i18n.update, then translate in Qt Linguist"
