"""Helpers that act as a user would on the editor's widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from sheetdesk.model import Plan
from sheetdesk.ui.events import process_events

# Words of a real published sheet (shared/seeds/000_…): never invented.
MEASURE = {"code": "1-1", "name": "地域コミュニティ・課題解決型コミュニティ活動の促進", "policy": "地域・安全",
           "section": "市民協働推進課"}
PLAN = Plan("国立市", "第２次基本計画", 2020, 2027)


def find(root: QWidget, name: str) -> QWidget:
    """The visible widget whose accessible name is `name` (the field's label)."""
    hits = [w for w in root.findChildren(QWidget) if w.accessibleName() == name and w.isVisible()]
    assert hits, f"no visible widget named {name!r}"
    return hits[0]


def ime_type(widget: QWidget, text: str, reading: str | None = None) -> None:
    """Type Japanese as an IME delivers it: a preedit (composition) first, then the commit string."""
    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    if reading:
        QApplication.sendEvent(widget, QInputMethodEvent(reading, []))
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def enter_cell(view, index, text: str, qtbot) -> None:
    """Type into a table cell the way a user does: select it, start editing, type, Enter."""
    view.setFocus(Qt.FocusReason.OtherFocusReason)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.parent() is view.viewport(), "the cell did not open an editor"
    editor.selectAll()
    if text.isascii():
        qtbot.keyClicks(editor, text)
    else:
        ime_type(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    process_events()  # Qt commits a cell editor's text in a queued call after Enter


class DialogAnswers:
    """Answer the modal dialogs a flow opens, in order, as a person would.

    Each handler receives the next modal dialog that appears (progress
    dialogs excepted: nobody answers those) and must close it, e.g. by
    clicking a button. A failing handler closes its dialog so the flow can
    end, and the failure is raised by ``check()``.
    """

    def __init__(self, *handlers) -> None:  # type: ignore[no-untyped-def]
        from PySide6.QtCore import QTimer

        self.handlers = list(handlers)
        self.seen: list[str] = []  # window titles, for messages
        self.errors: list[BaseException] = []
        self._current = None
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        from PySide6.QtWidgets import QProgressDialog

        dialog = QApplication.activeModalWidget()
        if dialog is None or isinstance(dialog, QProgressDialog) or dialog is self._current:
            return
        if not self.handlers:
            self.errors.append(AssertionError(f"unexpected dialog {dialog.windowTitle()!r}"))
            dialog.close()
            return
        self._current = dialog
        self.seen.append(dialog.windowTitle())
        handler = self.handlers.pop(0)
        try:
            _activate(dialog)
            handler(dialog)
        except BaseException as exc:  # noqa: BLE001 - re-raised by check()
            self.errors.append(exc)
            dialog.close()
        if dialog.isVisible():
            self.errors.append(AssertionError(f"the handler left {dialog.windowTitle()!r} open"))
            dialog.close()

    def check(self) -> None:
        self.timer.stop()
        if self.errors:
            raise self.errors[0]
        assert not self.handlers, f"{len(self.handlers)} expected dialog(s) never opened; saw {self.seen}"


def click_button(dialog: QWidget, text: str) -> None:
    """Click the dialog's button whose text is `text` (Japanese button texts as shown)."""
    from PySide6.QtWidgets import QAbstractButton

    buttons = [b for b in dialog.findChildren(QAbstractButton) if b.text().replace("&", "") == text]
    assert buttons, f"no button {text!r} in {dialog.windowTitle()!r}: " + ", ".join(
        b.text() for b in dialog.findChildren(QAbstractButton))
    buttons[0].click()


def message_text(dialog: QWidget) -> str:
    """All the text a message box shows (its text and informative text)."""
    from PySide6.QtWidgets import QMessageBox

    assert isinstance(dialog, QMessageBox), f"not a message box: {dialog!r}"
    return "\n".join(t for t in (dialog.text(), dialog.informativeText(), dialog.detailedText()) if t)


def _activate(window: QWidget) -> None:
    """Make a new dialog the active window, as the window manager does when it opens."""
    from PySide6.QtCore import QDeadlineTimer

    window.activateWindow()
    deadline = QDeadlineTimer(2000)
    while QApplication.activeWindow() is not window and not deadline.hasExpired():
        process_events()
