"""A year-series table view (ラベル × R2年度…R9年度) bound to the open sheet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QVBoxLayout, QWidget

from sheetdesk.ui.fields.base import FieldView
from sheetdesk.ui.fields.grid_view import GridView
from sheetdesk.ui.fields.series_model import SeriesColumn, SeriesModel, SeriesRow
from sheetdesk.ui.session_bridge import SheetBridge


class SeriesTable(FieldView):
    def __init__(self, bridge: SheetBridge, title: str, rows: list[SeriesRow], years: list[int],
                 parent: QWidget | None = None, show_title: bool = True,
                 columns: list[SeriesColumn] | None = None) -> None:
        self.model = SeriesModel(bridge, rows, years, columns)
        super().__init__(bridge, self.model.paths(), parent)
        self.watch(*self.model.unit_paths())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        self.title = QLabel(title)
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.title.setVisible(show_title)  # inside a titled box the title would only repeat
        self.view = GridView()
        self.view.setModel(self.model)
        self.view.setAccessibleName(title)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setMinimumSectionSize(64)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.scroll_sideways_when_needed()  # R9 cut off must show a scrollbar
        self.view.setSizeAdjustPolicy(QAbstractItemView.SizeAdjustPolicy.AdjustToContents)
        self.title.setBuddy(self.view)
        layout.addWidget(self.view)

    def refresh(self) -> None:
        self.model.refresh()

    def set_read_only(self, read_only: bool) -> None:
        self.model.refresh()  # flags() reads the lock; repaint so editors cannot open
        self.view.setProperty("locked", read_only)  # the grey look of lock_banner.READ_ONLY_STYLE

    def focus_path(self, path: str) -> bool:
        index = self.model.locate(path)
        if index is None:
            return False
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True
