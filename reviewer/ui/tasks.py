"""One background-work primitive: pure functions run on a ``QThreadPool``, results delivered by signals.

A task is ``fn(progress, cancel) -> result`` where ``progress(done, total, name)`` may be called from the worker
thread and ``cancel`` is a :class:`threading.Event` the function polls. The function never touches widgets; the
runner delivers ``progress``, ``done`` and ``failed`` on the UI thread through queued signals. Tests replace the
pool with :class:`SyncRunner`, which runs the same function inline (Picard's ``run_task`` / Orange's pattern).
"""

from __future__ import annotations

import logging
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("reviewer.ui")

Progress = Callable[[int, int, str], None]
TaskFn = Callable[[Progress, threading.Event], Any]


class TaskSignals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)  # the exception


class TaskHandle:
    """What a caller keeps: the signals to connect and the cancel flag."""

    def __init__(self) -> None:
        self.signals = TaskSignals()
        self.cancel = threading.Event()
        self.finished = threading.Event()

    def request_cancel(self) -> None:
        self.cancel.set()


class _Runnable(QRunnable):
    def __init__(self, fn: TaskFn, handle: TaskHandle):
        super().__init__()
        self.setAutoDelete(True)
        self._fn = fn
        self._handle = handle

    def run(self) -> None:  # worker thread
        h = self._handle
        try:
            result = self._fn(lambda d, t, n="": h.signals.progress.emit(int(d), int(t), str(n)), h.cancel)
        except BaseException as exc:  # noqa: BLE001 — delivered to the UI as a message, never lost
            exc.__dict__.setdefault("_reviewer_tb", traceback.format_exc())
            h.finished.set()
            h.signals.failed.emit(exc)
            return
        h.finished.set()
        h.signals.done.emit(result)


class TaskRunner:
    """Runs tasks on a thread pool. ``submit`` returns immediately."""

    def __init__(self, pool: QThreadPool | None = None):
        self.pool = pool or QThreadPool.globalInstance()
        self._live: set[TaskHandle] = set()

    def submit(self, fn: TaskFn, *, on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None,
               on_progress: Callable[[int, int, str], None] | None = None,
               handle: TaskHandle | None = None) -> TaskHandle:
        """Start ``fn``; pass ``handle`` to hold the cancel flag before the task starts."""
        h = handle or TaskHandle()
        self._live.add(h)
        if on_progress:
            h.signals.progress.connect(on_progress)
        h.signals.done.connect(lambda r: self._finish(h, on_done, r))
        h.signals.failed.connect(lambda e: self._finish(h, on_error or _log_only, e))
        self.pool.start(_Runnable(fn, h))
        return h

    def _finish(self, h: TaskHandle, cb: Callable[[Any], None] | None, value: Any) -> None:
        self._live.discard(h)
        if cb:
            cb(value)

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)


class SyncRunner(TaskRunner):
    """Runs the task inline on the calling thread (tests, scripts). Same callbacks, same order."""

    def __init__(self) -> None:
        self._live = set()

    def submit(self, fn: TaskFn, *, on_done=None, on_error=None, on_progress=None,  # noqa: ANN001
               handle: TaskHandle | None = None) -> TaskHandle:
        h = handle or TaskHandle()
        try:
            result = fn(lambda d, t, n="": on_progress and on_progress(int(d), int(t), str(n)), h.cancel)
        except BaseException as exc:  # noqa: BLE001
            exc.__dict__.setdefault("_reviewer_tb", traceback.format_exc())
            h.finished.set()
            (on_error or _log_only)(exc)
            return h
        h.finished.set()
        if on_done:
            on_done(result)
        return h

    def wait(self, msecs: int = 30000) -> bool:
        return True


def _log_only(exc: BaseException) -> None:
    log.error("background task failed: %s\n%s", exc, getattr(exc, "_reviewer_tb", ""))


_runner: TaskRunner | None = None


def runner() -> TaskRunner:
    """The application's runner (a thread-pool runner unless a test installed another)."""
    global _runner
    if _runner is None:
        _runner = TaskRunner()
    return _runner


def set_runner(r: TaskRunner | None) -> None:
    global _runner
    _runner = r
