"""A list of short texts (主な関係課): one entry per line."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from sheetdesk.forms.definition import FieldSpec
from sheetdesk.ui.fields.base import FieldView
from sheetdesk.ui.fields.rollover_tag import RolloverTag
from sheetdesk.ui.fields.text_field import leave_undo_to_sheet, show_keeping_cursor
from sheetdesk.ui.session_bridge import SheetBridge


class _Box(QPlainTextEdit):
    def event(self, e) -> bool:  # type: ignore[no-untyped-def]
        return True if leave_undo_to_sheet(self, e) else super().event(e)


class ListField(FieldView):
    def __init__(self, bridge: SheetBridge, spec: FieldSpec, parent: QWidget | None = None) -> None:
        super().__init__(bridge, [spec.path], parent)
        self.spec = spec
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        label = QLabel(f"{spec.label}（1行に1つ）")
        head = QHBoxLayout()
        head.setContentsMargins(0, 0, 0, 0)
        head.addWidget(label, 1)
        self.tag = RolloverTag(bridge, spec.path, spec.label, self)
        head.addWidget(self.tag, 0)
        head.addWidget(self.tag.review, 0)
        layout.addLayout(head)
        self.editor = _Box()
        self.editor.setTabChangesFocus(True)
        self.editor.setUndoRedoEnabled(False)
        self.editor.setMaximumHeight(72)
        self.editor.setAccessibleName(spec.label)
        label.setBuddy(self.editor)
        layout.addWidget(self.editor)
        self.editor.textChanged.connect(self._typed)
        self._updating = False
        self.refresh()
        self.set_read_only(bridge.locked)

    def items(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.editor.toPlainText().splitlines() if line.strip())

    def _typed(self) -> None:
        if not self._updating:
            self.bridge.edit(self.spec.path, self.items())

    def refresh(self) -> None:
        value = self.bridge.value(self.spec.path)
        items = tuple(value) if isinstance(value, tuple) else ()
        if items != self.items():
            self._updating = True
            try:
                show_keeping_cursor(self.editor, "\n".join(items))  # undo leaves the cursor at the change
            finally:
                self._updating = False
        self.tag.update_shown()

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)

    def focus_path(self, path: str) -> bool:
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
