"""The PyInstaller bundle (`make dist`, issue 16) runs on its own: no .venv, no PATH, no environment (``env -i``).

Expected figure: resources/demo/hospital.json totals 5773.54 tce 当量值 — the same number the installed CLI prints
(tests/test_cli.py and the README's demo); the bundle must not change a calculation.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE = ROOT / "dist" / "reviewer" / ("reviewer.exe" if sys.platform == "win32" else "reviewer")

pytestmark = pytest.mark.dist


def _clean(home: Path, *extra: str) -> list[str]:
    return ["env", "-i", f"REVIEWER_HOME={home}", *extra, str(EXE)]


@pytest.fixture(autouse=True)
def _bundle() -> None:
    if not EXE.exists():
        pytest.fail(f"no bundle at {EXE}: run `make dist`")


def test_version_without_environment(tmp_path) -> None:
    out = subprocess.run([*_clean(tmp_path), "--version"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("reviewer ")


def test_assess_demo_hospital(tmp_path) -> None:
    out = subprocess.run([*_clean(tmp_path), "assess", str(ROOT / "resources/demo/hospital.json")],
                         capture_output=True, timeout=120)
    text = out.stdout.decode("utf-8")
    assert out.returncode == 0, out.stderr.decode("utf-8", "replace")
    assert "5773.54 tce" in text
    assert "Traceback" not in out.stderr.decode("utf-8", "replace")


def test_gui_starts_offscreen(tmp_path) -> None:
    """The window comes up (bundled Qt plugins, fonts, QtPdf/QtCharts) and keeps running until stopped."""
    proc = subprocess.Popen([*_clean(tmp_path, "QT_QPA_PLATFORM=offscreen"), "gui", "--demo"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(8)
        assert proc.poll() is None, proc.communicate()[1].decode("utf-8", "replace")
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=30)
    assert b"Traceback" not in err
    assert (tmp_path / "archive.sqlite3").exists()  # --demo seeded the bundle's own archive
