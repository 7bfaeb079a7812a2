"""Helpers that act as a user would on the editor's widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget


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
    QApplication.processEvents()  # Qt commits a cell editor's text in a queued call after Enter
