"""The reviewer workbench (PySide6). The only package that imports Qt.

Layering: ``reviewer.ui`` → ``reviewer.services`` / ``reviewer.rules`` / ``reviewer.archive`` → ``reviewer.domain``.
Widgets never run long work on the UI thread: they hand pure functions to :mod:`reviewer.ui.tasks`.
"""
