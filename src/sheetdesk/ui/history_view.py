"""A sheet's history (when, who, field, reason, old → new); any old value can be put back as a new edit.

The table fits the side panel (cells wrap, nothing scrolls sideways), a
change's reason (an unlock's) first in its cell; the selected change is shown
in full below, old and new text with what was removed and added marked.
"""

from __future__ import annotations

import difflib
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from sheetdesk.glossary import Status
from sheetdesk.localtime import local_time_label
from sheetdesk.ui.session_bridge import SheetBridge

COLUMNS = ["日時", "変更者", "項目", "変更前 → 変更後"]
SHORT = 40  # characters of a value shown in the table; the whole value is shown below it


def full_value(value: object) -> str:
    if value is None or value == "" or value == ():
        return "（空）"
    if isinstance(value, Status):
        return value.label
    if isinstance(value, tuple):
        return "、".join(value)
    return str(getattr(value, "value", value))


def show_value(value: object) -> str:
    text = full_value(value).replace("\n", " ")
    return text if len(text) <= SHORT else text[:SHORT] + "…"


def _html(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def diff_html(old: str, new: str) -> str:
    """New text with what was removed struck through in red and what was added in green."""
    out = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(_html(old[a1:a2]))
            continue
        if op in ("delete", "replace"):
            out.append(f'<span style="color:#b00020; text-decoration:line-through">{_html(old[a1:a2])}</span>')
        if op in ("insert", "replace"):
            out.append(f'<span style="color:#00640a; background:#e3f6e3">{_html(new[b1:b2])}</span>')
    return "".join(out)


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
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        for col in (0, 1):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for col in (2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
        self.detail = QTextBrowser()
        self.detail.setAccessibleName("変更の詳細")
        self.detail.setPlaceholderText("一覧の変更を選ぶと、変更前と変更後の全文をここに表示します")
        self.table.currentCellChanged.connect(lambda row, _c, _r, _p: self._show_detail(row))
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout.addWidget(split)
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
            reason = f"理由：{e.note}\n" if e.note else ""
            cells = [local_time_label(e.at, seconds=True).replace(" ", "\n"), e.user, e.label,
                     f"{reason}{show_value(e.old)} → {show_value(e.new)}"]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.resizeRowsToContents()
        self._show_detail(self.table.currentRow())

    def _show_detail(self, row: int) -> None:
        if row < 0 or row >= len(self.entries):
            self.detail.clear()
            return
        e = self.entries[row]
        old, new = full_value(e.old), full_value(e.new)
        parts = [f"<p><b>{_html(e.label)}</b><br>{_html(local_time_label(e.at, seconds=True))}　{_html(e.user)}</p>"]
        if e.note:
            parts.append(f"<p>理由：{_html(e.note)}</p>")
        parts.append(f"<p><b>変更の内容</b><br>{diff_html(old, new)}</p>")
        parts.append(f"<p><b>変更前</b><br>{_html(old)}</p><p><b>変更後</b><br>{_html(new)}</p>")
        self.detail.setHtml("".join(parts))

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
