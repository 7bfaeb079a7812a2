"""Let the window breathe during long work in the UI thread (booklet, import), safely.

PySide6 6.12's static ``QCoreApplication.processEvents()`` (and
``sendPostedEvents``, ``QTest.qWait``) drop one reference to Python's None
per call: a few thousand calls abort the interpreter ("deallocating None").
``QEventLoop.processEvents`` on an instance does the same work without it.
"""

from __future__ import annotations

from PySide6.QtCore import QEventLoop

_loop: QEventLoop | None = None


def process_events() -> None:
    """Handle pending events (paint, the progress dialog's 中止) and return."""
    global _loop
    if _loop is None:
        _loop = QEventLoop()
    _loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
