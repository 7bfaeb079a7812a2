"""Full-text search hits with their snippets; activating one opens the sheet at that field."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from sheetdesk.wareki import short_year_label


def hit_text(hit) -> str:  # type: ignore[no-untyped-def]
    """「R5年度 1-1 基本施策名 ／ 項目」 and the snippet with the hit in 【】."""
    a, b = hit.highlight
    snippet = f"{hit.snippet[:a]}【{hit.snippet[a:b]}】{hit.snippet[b:]}" if b > a else hit.snippet
    year = short_year_label(hit.evaluation_year) if hit.evaluation_year else ""
    return f"{year} {hit.measure_code} {hit.measure_name} ／ {hit.label}\n　{snippet.strip()}"


class SearchResults(QListWidget):
    openRequested = Signal(int, str)  # sheet id, field path  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("検索結果")
        self.setWordWrap(True)
        self.itemActivated.connect(self._open)
        self.itemDoubleClicked.connect(self._open)

    def show_hits(self, hits: list) -> None:
        self.clear()
        for hit in hits:
            item = QListWidgetItem(hit_text(hit))
            item.setData(Qt.ItemDataRole.UserRole, (hit.sheet_id, hit.path))
            self.addItem(item)
        if not hits:
            self.addItem(QListWidgetItem("見つかりませんでした"))

    def _open(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target:
            self.openRequested.emit(int(target[0]), str(target[1]))
