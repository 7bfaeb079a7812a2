"""A choice of several options at once (協働の相手 ①–⑦, 全て達成 / 一部未達成 …): one check box each.

The value is the tuple of chosen codes in the options' order; each click is
one edit (and one undo step).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from sheetdesk.forms.definition import FieldSpec
from sheetdesk.ui.fields.base import FieldView
from sheetdesk.ui.session_bridge import SheetBridge


class CheckGroupField(FieldView):
    def __init__(self, bridge: SheetBridge, spec: FieldSpec, title: str | None = None, note: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(bridge, [spec.path], parent)
        self.spec = spec
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        label = QLabel(title or spec.label)
        label.setWordWrap(True)
        layout.addWidget(label)
        row = QHBoxLayout()
        row.setContentsMargins(12, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        for code, wording in spec.options:
            box = QCheckBox(wording)
            box.setAccessibleName(f"{spec.label} {wording}")
            box.toggled.connect(self._toggled)
            self.boxes[code] = box
            row.addWidget(box)
        row.addStretch(1)
        layout.addLayout(row)
        if note:
            n = QLabel(note)
            n.setWordWrap(True)
            n.setStyleSheet("color: #555;")
            layout.addWidget(n)
        self._updating = False
        self.refresh()
        self.set_read_only(bridge.locked)

    def chosen(self) -> tuple[str, ...]:
        return tuple(code for code, box in self.boxes.items() if box.isChecked())

    def _toggled(self, _checked: bool) -> None:
        if not self._updating:
            self.bridge.edit(self.spec.path, self.chosen())

    def refresh(self) -> None:
        value = self.bridge.value(self.spec.path)
        chosen = set(value) if isinstance(value, tuple) else set()
        self._updating = True
        try:
            for code, box in self.boxes.items():
                box.setChecked(code in chosen)
        finally:
            self._updating = False

    def set_read_only(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not read_only)

    def focus_path(self, path: str) -> bool:
        first = next(iter(self.boxes.values()), None)
        if first is None:
            return False
        first.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
