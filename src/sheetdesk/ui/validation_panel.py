"""The validation panel: what is missing or wrong, each item a jump to its field."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from sheetdesk.app.validation import Issue, validate
from sheetdesk.ui.session_bridge import SheetBridge


class ValidationPanel(QWidget):
    jumpRequested = Signal(str)  # a field path  # noqa: N815

    def __init__(self, bridge: SheetBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setAccessibleName("チェック結果")
        self.list.setWordWrap(True)
        layout.addWidget(self.list)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.issues: list[Issue] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)  # re-check after a short pause in typing, not per keystroke
        self._timer.timeout.connect(self.refresh)
        bridge.fieldsChanged.connect(lambda _paths: self._timer.start())
        self.summary.setText("確認中…")
        QTimer.singleShot(0, self.refresh)  # first check right after the sheet is on screen

    def refresh(self) -> None:
        session = self.bridge.session
        self.issues = validate(session.form, session.sheet)
        self.list.clear()
        for issue in self.issues:
            item = QListWidgetItem(f"{issue.label}\n　{issue.message}")
            item.setData(Qt.ItemDataRole.UserRole, issue.path)
            self.list.addItem(item)
        self.summary.setText(f"{len(self.issues)}件の確認事項" if self.issues else "確認事項はありません")

    def _activated(self, item: QListWidgetItem) -> None:
        self.jumpRequested.emit(item.data(Qt.ItemDataRole.UserRole))
