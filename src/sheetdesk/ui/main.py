"""Start the desktop app: `sheetdesk` with no sub-command calls run_gui.

With SHEETDESK_STARTUP_PROBE set, the time of the main window's first paint
is printed (the start-up benchmark reads it); with SHEETDESK_QUIT_AFTER_PAINT
the app then quits at once; with SHEETDESK_SCREENSHOT=PATH it first saves the
window as a PNG and prints the sheet list's rows as shown (the smoke tests of
the wheel and the bundle read them).
"""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

# isort: off
# The start's modules that use no Qt come before PySide6: once it is loaded, PySide6 reads the
# source of every module imported after it (looking for users of its __feature__ switches,
# PYSIDE-2029), which for the forms' modules and pydantic's is a tenth of a second of the start.
# The forms are read here too: a start whose form files are all in the validated-file cache
# imports no pydantic at all, one that validates a file imports it before PySide6.
# SQLAlchemy is not among them: the window paints the list before the store opens
# (ui.quick_start), and its import after the first paint pays that toll out of sight.
# tests/ui/test_start_imports.py checks the order.
import sheetdesk.app.editing  # noqa: F401
import sheetdesk.app.journal  # noqa: F401
import sheetdesk.ui.quick_start  # noqa: F401
from sheetdesk.forms.loader import FormError, default_registry

try:
    default_registry()
except FormError:
    pass  # said when the window asks for the forms (run_gui), in the same words
from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget  # noqa: E402
# isort: on

from sheetdesk.app.databases import missing_database
from sheetdesk.glossary import NEW_DATABASE_WORDS

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


class _AfterFirstPaint(QObject):
    """Calls ``then`` once, just after the window's first paint."""

    def __init__(self, window: QWidget, then: Any) -> None:
        super().__init__(window)
        self.then = then
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Paint and self.then is not None:
            then, self.then = self.then, None
            QTimer.singleShot(0, then)
        return False


def _preload() -> None:
    """Load the text-fit code (reportlab) once the window is up, so opening a sheet stays quick."""
    import sheetdesk.render.fit  # noqa: F401


def install_quit_handlers(app: QApplication, window: Any) -> QTimer:
    """SIGTERM (and SIGHUP), a logoff and quitting all write pending edits first.

    Python runs a signal handler only when the interpreter gets control, so a
    timer wakes it a few times a second while Qt waits for events. Returns the
    timer (keep a reference).
    """

    def on_signal(_signum: int, _frame: object) -> None:
        window.flush_all()
        QTimer.singleShot(0, app.quit)

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), on_signal)
    app.commitDataRequest.connect(lambda _manager: window.flush_all())  # logoff / shutdown
    app.aboutToQuit.connect(window.flush_all)
    tick = QTimer(app)
    tick.timeout.connect(lambda: None)
    tick.start(200)
    return tick


def announce_recovery(window: Any, report: Any) -> None:
    """Say what the start-up replay of the journal restored (and what it kept aside)."""
    if not report:
        return
    window.statusBar().showMessage(report.message.splitlines()[0], 20000)
    QTimer.singleShot(0, lambda: QMessageBox.information(window, "入力の復元", report.message))


def confirm_new_database(path: Path, parent: QWidget | None = None) -> bool:
    """Ask before making a database file the start named but that is not there (作成 / やめる; やめる is the default).

    A folder that is not there either is refused outright: that is a mistyped path.
    """
    if not path.parent.is_dir():
        QMessageBox.critical(parent, NEW_DATABASE_WORDS["title"],
                             NEW_DATABASE_WORDS["no_folder"].format(path=path, folder=path.parent))
        return False
    box = QMessageBox(QMessageBox.Icon.Question, NEW_DATABASE_WORDS["title"],
                      NEW_DATABASE_WORDS["ask"].format(path=path), QMessageBox.StandardButton.NoButton, parent)
    create = box.addButton(NEW_DATABASE_WORDS["create"], QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(NEW_DATABASE_WORDS["cancel"], QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is create


def _open_or_say(open_store: Any, parent: QWidget | None = None) -> Any:
    """The opened store, or None once the person has been told why it cannot be opened."""
    from sheetdesk.store import StoreError

    try:
        return open_store()
    except StoreError as exc:  # the store's errors are written for the user
        QMessageBox.critical(parent, "データベースを開けません", str(exc))
        return None


def run_gui(db: str | None, create: bool = False) -> int:
    """Open the main window on `db` (None: the default database) and run until it closes.

    A file `db` names that is not there is made only when the person says so
    (or ``create``, `sheetdesk --create`); the default database is made on the first start.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("SheetDesk")
    app.setOrganizationName("SheetDesk")
    from PySide6.QtGui import QIcon

    from sheetdesk.resources import icon_file

    app.setWindowIcon(QIcon(str(icon_file())))  # every window's; the bundle's programs carry the .ico
    from sheetdesk.ui.fonts import register_fonts
    from sheetdesk.ui.translations import install_qt_translations

    register_fonts(app)
    install_qt_translations(app)
    from sheetdesk.app.journal import recover
    from sheetdesk.forms import default_registry
    from sheetdesk.ui.main_window import MainWindow
    from sheetdesk.ui.quick_start import listed_store

    missing = missing_database(db)
    if missing is not None and not create and not confirm_new_database(missing):
        return 1

    def open_store():  # type: ignore[no-untyped-def]
        from sheetdesk.store import SheetStore

        return SheetStore.open(db)

    stand_in = listed_store(db, open_store) if missing is None else None
    if stand_in is None:
        store = _open_or_say(open_store)
        if store is None:
            return 1
        recovery = recover(store)  # what a crash, a logoff or a power cut left unsaved last time
    else:
        store, recovery = stand_in, None  # no journal to replay: listed_store makes sure
    window = MainWindow(store, default_registry())
    if stand_in is not None:
        def attach() -> None:
            opened = _open_or_say(stand_in.opened, window)
            if opened is None:  # said; the app ends as when the store cannot be opened before the window
                app.exit(1)
                return
            window.attach_store(opened)

        _AfterFirstPaint(window, attach)
    probe = None
    if os.environ.get("SHEETDESK_STARTUP_PROBE"):
        probe = _FirstPaint(window, bool(os.environ.get("SHEETDESK_QUIT_AFTER_PAINT")),
                            os.environ.get("SHEETDESK_SCREENSHOT"))
        window.installEventFilter(probe)
    tick = install_quit_handlers(app, window)
    window.show()
    announce_recovery(window, recovery)
    QTimer.singleShot(300, _preload)
    code = app.exec()
    tick.stop()
    window.flush_all()
    if window.editor is not None:
        window.editor.close_session()
    close = getattr(window.store, "close", None)  # the database open last (ファイル → 開く may switch)
    if callable(close):
        close()
    return code
