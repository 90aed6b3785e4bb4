"""Regression test for the PySide6 6.12.0 / Python 3.11 refcount corruption (engineering.md part B).

On the broken combination every call to a Qt method returning void decrements ``None``'s reference count; a real
session aborts with ``Fatal Python error: none_dealloc`` after a few thousand calls. pyproject.toml pins PySide6
below 6.12 on Python 3.11; this test fails loudly if a broken build ever gets installed.
"""

from __future__ import annotations

import sys

import pytest

pytestmark = pytest.mark.gui

CALLS = 20_000


def test_void_qt_methods_leave_none_refcount_unchanged(qapp):
    from PySide6.QtWidgets import QLabel, QWidget

    w = QWidget()
    label = QLabel()
    before = sys.getrefcount(None)
    for i in range(CALLS):
        w.setEnabled(i % 2 == 0)  # void
        label.setText("审查")  # void
        w.update()  # void
    after = sys.getrefcount(None)
    # A broken build loses 3 × CALLS references here; allow small noise from the interpreter itself.
    assert abs(after - before) < 100, f"None refcount moved by {after - before} over {3 * CALLS} void Qt calls"


def test_installed_pyside6_is_not_the_broken_build():
    import PySide6

    if sys.version_info[:2] == (3, 11):
        assert tuple(int(x) for x in PySide6.__version__.split(".")[:2]) < (6, 12), PySide6.__version__
