"""Before printing: the texts that will not fit their printed boxes, each a jump to its field.

The person chooses: go and shorten one (「この項目へ移動」), or print anyway,
when each such box carries the red 「▼文字あふれ」 mark (「あふれたまま印刷」).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

TITLE = "印刷欄に収まらない項目があります"
JUMP = "この項目へ移動"
PRINT_ANYWAY = "あふれたまま印刷"


class OverflowDialog(QDialog):
    """Accepted: print anyway. ``jump_to`` is set (and the dialog rejected) when the person goes to a field."""

    def __init__(self, overflows: list, parent: QWidget | None = None) -> None:  # list[render.Overflow]
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.jump_to: str | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(f"次の{len(overflows)}項目は印刷欄に収まりません。"
                       "文章を短くするか、あふれた欄に印（▼文字あふれ）を付けて印刷できます。")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget()
        self.list.setAccessibleName("収まらない項目")
        self.list.setWordWrap(True)
        for o in overflows:
            item = QListWidgetItem(f"{o.page}ページ目　{o.message}")
            item.setData(Qt.ItemDataRole.UserRole, o.path)
            self.list.addItem(item)
        intro.setBuddy(self.list)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox()
        self.jump = QPushButton(JUMP)
        self.jump.setEnabled(False)
        buttons.addButton(self.jump, QDialogButtonBox.ButtonRole.ActionRole)
        anyway = buttons.addButton(PRINT_ANYWAY, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("キャンセル", QDialogButtonBox.ButtonRole.RejectRole)
        anyway.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.jump.clicked.connect(self._jump)
        self.list.currentItemChanged.connect(lambda cur, _prev: self.jump.setEnabled(cur is not None))
        self.list.itemActivated.connect(lambda _i: self._jump())
        layout.addWidget(buttons)
        if overflows:
            self.list.setCurrentRow(0)
        self.resize(620, 360)

    def _jump(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.jump_to = item.data(Qt.ItemDataRole.UserRole)
            self.reject()
