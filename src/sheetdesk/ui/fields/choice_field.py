"""A choice among fixed options: an A–E grade with each grade's wording, or an indicator's direction."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from sheetdesk.forms.definition import FieldSpec
from sheetdesk.model import Value
from sheetdesk.ui.fields.base import ComboFieldView
from sheetdesk.ui.session_bridge import SheetBridge

UNSET = "（未選択）"


class ChoiceField(ComboFieldView):
    """`options` are (stored value, what the user reads); the first combo entry means 'not chosen'."""

    def __init__(self, bridge: SheetBridge, spec: FieldSpec, options: Sequence[tuple[Value, str]],
                 title: str | None = None, note: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(bridge, [spec.path], parent)
        self.spec = spec
        self.values: list[Value] = [None] + [v for v, _ in options]
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self.combo = QComboBox()
        self.combo.addItem(UNSET)
        for _, text in options:
            self.combo.addItem(text)
        self.combo.setAccessibleName(spec.label)
        label = QLabel(title or spec.label)
        label.setWordWrap(True)
        label.setBuddy(self.combo)
        layout.addRow(label, self.combo)
        if note:
            n = QLabel(note)
            n.setWordWrap(True)
            n.setStyleSheet("color: #555;")
            layout.addRow(n)
        self.start()

    def refresh(self) -> None:
        value = self.bridge.value(self.spec.path)
        self.select_quietly(value)
