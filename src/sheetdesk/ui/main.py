"""Start the desktop app: `sheetdesk` with no sub-command calls run_gui.

With SHEETDESK_STARTUP_PROBE set, the time of the main window's first paint
is printed (the start-up benchmark reads it); with SHEETDESK_QUIT_AFTER_PAINT
the app then quits at once; with SHEETDESK_SCREENSHOT=PATH it first saves the
window as a PNG and prints the sheet list's rows as shown (the smoke tests of
the wheel and the bundle read them).
"""

from __future__ import annotations

import os
import sys
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

if TYPE_CHECKING:
    from sheetdesk.ui.main_window import MainWindow


class _FirstPaint(QObject):
    def __init__(self, window: MainWindow, quit_after: bool, screenshot: str | None) -> None:
        super().__init__()
        self.window, self.quit_after, self.screenshot = window, quit_after, screenshot
        self.done = False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            print(f"SHEETDESK_FIRST_PAINT {time.time():.6f}", flush=True)
            if self.screenshot:
                QTimer.singleShot(0, self._report)
            if self.quit_after:
                QTimer.singleShot(0, QApplication.quit)
        return False

    def _report(self) -> None:
        assert self.screenshot
        self.window.grab().save(self.screenshot)
        model = self.window.browser.model
        print(f"SHEETDESK_SHOWN {self.window.windowTitle()} | {type(self.window.stack.currentWidget()).__name__}",
              flush=True)
        for row in range(model.rowCount()):
            cells = (model.index(row, col).data() for col in range(model.columnCount()))
            print("SHEETDESK_ROW " + "\t".join(str(c) for c in cells if c is not None), flush=True)


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
        probe = _FirstPaint(window, bool(os.environ.get("SHEETDESK_QUIT_AFTER_PAINT")),
                            os.environ.get("SHEETDESK_SCREENSHOT"))
        window.installEventFilter(probe)
    app.aboutToQuit.connect(window.flush_all)
    window.show()
    QTimer.singleShot(300, _preload)
    code = app.exec()
    window.flush_all()
    close = getattr(window.store, "close", None)  # the database open last (ファイル → 開く may switch)
    if callable(close):
        close()
    return code
