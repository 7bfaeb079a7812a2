"""A one-line value read through its kind's handler: a number cell, a measure, a date.

What the person typed is parsed when they leave the field (so 「令和6年」 half
typed is not refused); a value that is not one of the kind stays on screen in
red with the reason, and the sheet keeps its old value. Numbers keep their
marks (- / 未集計), dates show in 和暦.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from sheetdesk.forms.definition import FieldSpec
from sheetdesk.glossary import VALUE_HINTS
from sheetdesk.model.kinds import KindError, handler
from sheetdesk.ui.fields.base import FieldView
from sheetdesk.ui.fields.text_field import leave_undo_to_sheet
from sheetdesk.ui.session_bridge import SheetBridge

REFUSED_STYLE = "background: #ffd8d8;"


class _Line(QLineEdit):
    def event(self, e: QEvent) -> bool:
        return True if leave_undo_to_sheet(self, e) else super().event(e)


class ParsedField(FieldView):
    def __init__(self, bridge: SheetBridge, spec: FieldSpec, title: str | None = None, note: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(bridge, [spec.path], parent)
        self.spec, self.kind = spec, handler(spec)
        self.refused: str | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(title or spec.label)
        self.label.setWordWrap(True)
        if spec.required:
            self.label.setText(self.label.text() + "　<span style='color:#c62828'>＊必須</span>")
        row.addWidget(self.label, 1)
        self.editor = _Line()
        self.editor.setPlaceholderText(VALUE_HINTS.get(spec.kind.value, ""))
        self.editor.setToolTip(VALUE_HINTS.get(spec.kind.value, ""))
        self.editor.setAccessibleName(spec.label)
        self.editor.setMinimumWidth(220)
        self.label.setBuddy(self.editor)
        row.addWidget(self.editor, 1)
        if spec.unit:
            row.addWidget(QLabel(spec.unit))
        layout.addLayout(row)
        if note:
            n = QLabel(note)
            n.setWordWrap(True)
            n.setStyleSheet("color: #555;")
            layout.addWidget(n)
        self.editor.editingFinished.connect(self.commit)
        self.refresh()
        self.set_read_only(bridge.locked)

    def commit(self) -> bool:
        """Read what is typed as the kind's value and make it the sheet's; False when refused."""
        text = self.editor.text()
        try:
            value = self.kind.parse(self.spec, text)
        except KindError as exc:
            self.refused = f"{self.spec.label}: {exc}"
            self.editor.setStyleSheet(REFUSED_STYLE)
            self.editor.setToolTip(self.refused)
            self.bridge.message.emit(self.refused)
            return False
        self._clear_refusal()
        self.bridge.edit(self.spec.path, value)
        self.refresh()  # show it as the sheet does: 1,200 / 令和6年5月1日
        return True

    def _clear_refusal(self) -> None:
        self.refused = None
        self.editor.setStyleSheet("")
        self.editor.setToolTip(VALUE_HINTS.get(self.spec.kind.value, ""))

    def refresh(self) -> None:
        if self.refused is not None and self.editor.hasFocus():
            return  # keep what the person is correcting
        shown = self.kind.show(self.spec, self.bridge.value(self.spec.path))
        self._clear_refusal()
        if shown != self.editor.text():
            self.editor.setText(shown)

    def set_read_only(self, read_only: bool) -> None:
        self.editor.setReadOnly(read_only)

    def focus_path(self, path: str) -> bool:
        self.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
