"""What an empty database shows: load the sample, import files, or create a sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class WelcomePage(QWidget):
    sampleRequested = Signal()  # noqa: N815
    importRequested = Signal()  # noqa: N815
    newRequested = Signal()  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = QLabel("シートがまだありません")
        title.setStyleSheet("font-size: 18pt; font-weight: bold;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        hint = QLabel("始め方を選んでください。")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
        for text, signal in (("サンプルのシートを読み込む", self.sampleRequested),
                             ("ファイルから取り込む…", self.importRequested),
                             ("新しいシートを作成…", self.newRequested)):
            button = QPushButton(text)
            button.setMinimumHeight(44)
            button.setMaximumWidth(360)
            button.clicked.connect(signal)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
