"""A computed judgement (達成/未達成, 向上/維持/低下, the suggested grade) that a person may override.

The computed value is always visible: an override reads 「未達成（計算値: 達成）」
in orange bold so nobody mistakes a decision for arithmetic. When numbers
that came after the override give a computed value it disagrees with, a
notice says so beside the field with a one-click 「上書きをやめる」 (an ordinary,
undoable edit that removes the override); an override chosen against the
same numbers is a decision and gets no notice (see sheetdesk.app.overrides).
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from sheetdesk.forms.definition import FieldKind, FieldSpec
from sheetdesk.glossary import OVERRIDE_WORDS
from sheetdesk.model import Value
from sheetdesk.ui.fields.base import ComboFieldView
from sheetdesk.ui.session_bridge import SheetBridge

USE_COMPUTED = "計算値を使う"
NO_VALUE = "―（数値が足りず計算できません）"
OVERRIDE_STYLE = "color: #e65100; font-weight: bold;"


def _show(value: Value) -> str:
    return str(getattr(value, "value", value))


def judgement_text(computed: Value, override: Value) -> str:
    """What the sheet shows: the effective value, and the computed one beside an override."""
    if override is not None and override != computed:
        return f"{_show(override)}（計算値: {_show(computed) if computed is not None else 'なし'}）"
    if computed is None:
        return NO_VALUE
    return _show(computed)


class JudgementField(ComboFieldView):
    override = True

    def __init__(self, bridge: SheetBridge, spec: FieldSpec, options: list[Value],
                 parent: QWidget | None = None) -> None:
        super().__init__(bridge, [spec.path], parent)
        self.spec = spec
        self.values: list[Value] = [None, *options]
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 2, 0, 2)
        column.setSpacing(2)
        layout = QHBoxLayout()
        if spec.kind is FieldKind.GRADE_SUGGESTION:
            title = QLabel("成果指標の達成状況からの推奨")
        else:
            title = QLabel(spec.label.split(" ")[-1] if " " in spec.label else spec.label)
        layout.addWidget(title)
        self.shown = QLabel()
        self.shown.setAccessibleName(f"{spec.label} 表示")
        self.shown.setMinimumWidth(160)
        layout.addWidget(self.shown)
        self.combo = QComboBox()
        self.combo.addItem(USE_COMPUTED)
        for v in options:
            self.combo.addItem(f"{_show(v)} に上書き")
        self.combo.setAccessibleName(spec.label)
        title.setBuddy(self.combo)
        layout.addWidget(self.combo)
        layout.addStretch(1)
        column.addLayout(layout)
        layout = QHBoxLayout()  # under the field, so the notice never widens the page
        layout.setContentsMargins(12, 0, 0, 0)
        self.stale = QLabel()
        self.stale.setWordWrap(True)
        self.stale.setStyleSheet("color: #c62828;")
        self.stale.setAccessibleName(f"{spec.label} 上書きの注意")
        layout.addWidget(self.stale, 1)
        self.drop = QPushButton(OVERRIDE_WORDS["drop"])
        self.drop.setAccessibleName(f"{spec.label} {OVERRIDE_WORDS['drop']}")
        self.drop.clicked.connect(lambda: self.bridge.edit(self.spec.path, None, override=True))
        layout.addWidget(self.drop)
        column.addLayout(layout)
        self.start()

    def refresh(self) -> None:
        c = self.bridge.session.computed.get(self.spec.path)
        computed = c.computed if c else None
        override = c.override if c else None
        self.shown.setText(judgement_text(computed, override))
        self.shown.setStyleSheet(OVERRIDE_STYLE if c is not None and c.overridden else "")
        self.select_quietly(override)
        stale = self.bridge.session.override_is_stale(self.spec.path)  # new numbers, not a decision against them
        self.stale.setText(OVERRIDE_WORDS["stale"].format(override=_show(override), computed=_show(computed))
                           if stale else "")
        self.drop.setToolTip(OVERRIDE_WORDS["drop_tip"].format(computed=_show(computed)) if stale else "")
        self.stale.setVisible(stale)
        self.drop.setVisible(stale and not self.bridge.locked)

    def set_read_only(self, read_only: bool) -> None:
        super().set_read_only(read_only)
        self.drop.setEnabled(not read_only)
