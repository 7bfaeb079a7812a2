"""A sheet's history (when, who, field, old → new); any old value can be put back as a new edit."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sheetdesk.glossary import Status
from sheetdesk.localtime import local_time_label
from sheetdesk.ui.session_bridge import SheetBridge

COLUMNS = ["日時", "変更者", "項目", "変更前 → 変更後"]


def show_value(value: object) -> str:
    if value is None or value == "" or value == ():
        return "（空）"
    if isinstance(value, Status):
        return value.label
    if isinstance(value, tuple):
        return "、".join(value)
    text = str(getattr(value, "value", value))
    return text if len(text) <= 40 else text[:40] + "…"


class HistoryView(QWidget):
    def __init__(self, bridge: SheetBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("変更履歴")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)
        self.restore_button = QPushButton("選択した変更の前の値に戻す")
        self.restore_button.clicked.connect(self.restore_selected)
        layout.addWidget(self.restore_button)
        self.entries: list = []
        self._stale = True
        bridge.saved.connect(self.refresh)
        bridge.statusChanged.connect(self.refresh)

    def refresh(self) -> None:
        if not self.isVisible():
            self._stale = True
            return
        self.entries = list(reversed(self.bridge.session.history()))  # newest first
        self.table.setRowCount(len(self.entries))
        for row, e in enumerate(self.entries):
            note = f"（{e.note}）" if e.note else ""
            cells = [local_time_label(e.at, seconds=True), e.user, e.label,
                     f"{show_value(e.old)} → {show_value(e.new)}{note}"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(f"{show_value(e.old)} → {show_value(e.new)}")
                self.table.setItem(row, col, item)
        self.table.resizeColumnsToContents()

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().showEvent(event)
        self.refresh()

    def restore_selected(self) -> bool:
        """Put the selected entry's old value back; a status entry cannot be restored this way."""
        row = self.table.currentRow()
        if row < 0 or row >= len(self.entries):
            self.bridge.message.emit("戻す変更を選択してください")
            return False
        e = self.entries[row]
        if isinstance(e.old, Status) or e.path not in self.bridge.session.specs:
            self.bridge.message.emit("状態の変更は、上部のボタンで行ってください")
            return False
        return self.bridge.restore(e.path, e.old, e.override)

    def select_row(self, row: int) -> None:
        self.table.setCurrentCell(row, 0)
