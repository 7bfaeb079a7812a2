"""A text field with its label and a capacity meter (characters used / what fits the printed box)."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent, QKeySequence, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from sheetdesk.app.capacity import Fit, text_fit
from sheetdesk.app.editing import text_change
from sheetdesk.forms.definition import FieldSpec
from sheetdesk.ui.fields.base import FieldView
from sheetdesk.ui.fields.rollover_tag import RolloverTag
from sheetdesk.ui.session_bridge import SheetBridge

OVER_STYLE = "color: #c62828; font-weight: bold;"


def leave_undo_to_sheet(widget: QWidget, event: QEvent) -> bool:
    """True when Ctrl+Z / Ctrl+Y must reach the sheet's undo stack, not the widget's own."""
    if event.type() == QEvent.Type.ShortcutOverride:
        key = cast(QKeyEvent, event)  # a ShortcutOverride is always a key event
        if key.matches(QKeySequence.StandardKey.Undo) or key.matches(QKeySequence.StandardKey.Redo):
            event.ignore()
            return True
    return False


def _qt_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def show_keeping_cursor(editor: QLineEdit | QPlainTextEdit, text: str) -> None:
    """Show ``text`` by replacing only what differs, leaving the cursor just after the change.

    Undo, redo and a history restore come through here: the person goes on
    typing where the text changed, not at the top of the box.
    """
    shown = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
    pos, removed, inserted = text_change(shown, text)
    start = _qt_length(shown[:pos])  # Qt counts UTF-16 units, Python code points
    if isinstance(editor, QPlainTextEdit):
        cursor = editor.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(start + _qt_length(removed), QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(inserted)
        editor.setTextCursor(cursor)
    else:
        editor.setText(text)
        editor.setCursorPosition(start + _qt_length(inserted))


class _Line(QLineEdit):
    committing = Signal()  # an IME commit is about to land, and has landed

    def event(self, e: QEvent) -> bool:
        return True if leave_undo_to_sheet(self, e) else super().event(e)

    def inputMethodEvent(self, e: QInputMethodEvent) -> None:  # noqa: N802 - Qt's name
        commit = bool(e.commitString())
        if commit:
            self.committing.emit()
        super().inputMethodEvent(e)
        if commit:
            self.committing.emit()


class _Box(QPlainTextEdit):
    committing = Signal()

    def event(self, e: QEvent) -> bool:
        return True if leave_undo_to_sheet(self, e) else super().event(e)

    def inputMethodEvent(self, e: QInputMethodEvent) -> None:  # noqa: N802 - Qt's name
        commit = bool(e.commitString())
        if commit:
            self.committing.emit()
        super().inputMethodEvent(e)
        if commit:
            self.committing.emit()


class TextField(FieldView):
    def __init__(self, bridge: SheetBridge, spec: FieldSpec, title: str | None = None, note: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(bridge, [spec.path], parent)
        self.spec = spec
        self.fit_now: Fit | None = None
        self._measured = True  # until the first refresh tells whether the field has a printed box
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.label = QLabel(title or spec.label)
        self.label.setWordWrap(True)
        if spec.required:
            self.label.setText(self.label.text() + "　<span style='color:#c62828'>＊必須</span>")
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(self.label, 1)
        self.tag = RolloverTag(bridge, spec.path, spec.label, self)
        head.addWidget(self.tag, 0)
        head.addWidget(self.tag.review, 0)
        layout.addLayout(head)
        if note:
            n = QLabel(note)
            n.setWordWrap(True)
            n.setStyleSheet("color: #555;")
            layout.addWidget(n)
        if spec.multiline:
            self.editor: QLineEdit | QPlainTextEdit = _Box()
            self.editor.setTabChangesFocus(True)
            self.editor.setUndoRedoEnabled(False)
            self.editor.setMinimumHeight(64)
            self.editor.textChanged.connect(self._typed)
        else:
            self.editor = _Line()
            self.editor.textChanged.connect(self._typed)
        self.editor.committing.connect(bridge.end_typing_run)  # type: ignore[attr-defined]
        self.editor.setAccessibleName(spec.label)
        self.label.setBuddy(self.editor)
        layout.addWidget(self.editor)
        self.meter = QLabel()
        self.meter.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.meter.setAccessibleName(f"{spec.label} 文字数")
        layout.addWidget(self.meter)
        self._updating = False
        self.refresh()
        self.meter.setVisible(self.fit_now is not None)
        if self.fit_now is not None and self.fit_now.capacity > 300 and isinstance(self.editor, QPlainTextEdit):
            self.editor.setMinimumHeight(110)
        self._measured = self.fit_now is not None
        self.set_read_only(bridge.locked)

    def text(self) -> str:
        e = self.editor
        return e.toPlainText() if isinstance(e, QPlainTextEdit) else e.text()

    def _typed(self) -> None:
        if self._updating:
            return
        self._update_meter()
        self.bridge.edit(self.spec.path, self.text())

    def refresh(self) -> None:
        value = self.bridge.value(self.spec.path)
        text = value if isinstance(value, str) else ""
        if text != self.text():
            self._updating = True
            try:
                show_keeping_cursor(self.editor, text)
            finally:
                self._updating = False
        self._update_meter()
        self.tag.update_shown()

    def _update_meter(self) -> None:
        if not self._measured:
            return  # no printed box of its own: nothing to measure
        session = self.bridge.session
        fit = self.fit_now = text_fit(session.form, session.sheet.context, self.spec, self.text())
        if fit is None:
            return
        if fit.overflowing:
            self.meter.setText(f"{fit.used}／{fit.capacity}字　印刷欄に収まりません")
            self.meter.setStyleSheet(OVER_STYLE)
        else:
            self.meter.setText(f"{fit.used}／{fit.capacity}字")
            self.meter.setStyleSheet("color: #555;")

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)

    def focus_path(self, path: str) -> bool:
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
