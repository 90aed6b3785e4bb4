"""Helpers for tests, screenshots and benchmarks: a ready QApplication and a seeded archive (no mocks)."""

from __future__ import annotations

from reviewer.archive.db import Archive


def prepare_app(lang: str = "zh_CN"):  # noqa: ANN201
    """The QApplication with the bundled fonts and the ``lang`` translation installed."""
    from reviewer.ui.app import create_app

    return create_app([], lang=lang)


def demo_archive(url: str | None = None) -> Archive:
    """An archive (default: $REVIEWER_HOME) seeded with the four demo projects."""
    from reviewer.demo import seed_demo

    a = Archive(url)
    seed_demo(a)
    return a
