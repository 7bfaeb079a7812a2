"""Start the desktop app: `sheetdesk` with no sub-command calls run_gui.

With SHEETDESK_STARTUP_PROBE set, the time of the main window's first paint
is printed (the start-up benchmark reads it); with SHEETDESK_QUIT_AFTER_PAINT
the app then quits at once.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


class _FirstPaint(QObject):
    def __init__(self, quit_after: bool) -> None:
        super().__init__()
        self.quit_after = quit_after
        self.done = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            print(f"SHEETDESK_FIRST_PAINT {time.time():.6f}", flush=True)
            if self.quit_after:
                QTimer.singleShot(0, QApplication.quit)
        return False


def _preload() -> None:
    """Load the text-fit code (reportlab) once the window is up, so opening a sheet stays quick."""
    import sheetdesk.render.fit  # noqa: F401


def run_gui(db: str | None) -> int:
    """Open the main window on `db` (None: the default database) and run until it closes."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("SheetDesk")
    app.setOrganizationName("SheetDesk")
    from sheetdesk.ui.fonts import register_fonts
    from sheetdesk.ui.translations import install_qt_translations

    register_fonts(app)
    install_qt_translations(app)
    from sheetdesk.forms import default_registry
    from sheetdesk.store import SheetStore

    try:
        store = SheetStore.open(db)
    except Exception as exc:  # the store's errors are written for the user
        QMessageBox.critical(None, "データベースを開けません", str(exc))
        return 1
    from sheetdesk.ui.main_window import MainWindow

    window = MainWindow(store, default_registry())
    probe = None
    if os.environ.get("SHEETDESK_STARTUP_PROBE"):
        probe = _FirstPaint(bool(os.environ.get("SHEETDESK_QUIT_AFTER_PAINT")))
        window.installEventFilter(probe)
    app.aboutToQuit.connect(window.flush_all)
    window.show()
    QTimer.singleShot(300, _preload)
    code = app.exec()
    window.flush_all()
    close = getattr(store, "close", None)
    if callable(close):
        close()
    return code
