"""Slow work (writing a PDF or a workbook, reading one) off the main thread, so the window never freezes.

The work gets plain data prepared on the main thread; the workspace's SQLite connection
stays on the main thread. Success and failure come back as calls on the main thread.
"""

from __future__ import annotations

import traceback
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object, str)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], relay: _Relay):
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the main thread, which reports it
            self.relay.failed.emit(exc, traceback.format_exc())
        else:
            self.relay.done.emit(result)


class Background(QObject):
    """Runs one job at a time for a window; `busy` tells the window to wait."""

    finished = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()

    @property
    def busy(self) -> bool:
        return bool(self._relays)

    def run(self, work: Callable[[], object], on_done: Callable[[object], None],
            on_failed: Callable[[Exception, str], None]) -> None:
        relay = _Relay()
        self._relays.add(relay)

        def finish() -> None:
            self._relays.discard(relay)
            relay.deleteLater()
            self.finished.emit()

        relay.done.connect(on_done)
        relay.failed.connect(on_failed)
        relay.done.connect(finish)
        relay.failed.connect(finish)
        self.pool.start(_Job(work, relay))

    def wait(self) -> None:
        self.pool.waitForDone()
