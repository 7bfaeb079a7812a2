"""The sheet list as a Qt table model over the store's SheetSummary rows."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from sheetdesk.localtime import local_time_label
from sheetdesk.wareki import fiscal_year_label

COLUMNS = ["評価年度", "政策名", "施策番号", "基本施策名", "施策統括課", "状態", "最終更新"]
Index = QModelIndex | QPersistentModelIndex


class SheetListModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list = []  # SheetSummary

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def sheet_id(self, row: int) -> int:
        return int(self.rows[row].id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        s = self.rows[index.row()]
        col = index.column()
        if col == 0:
            return fiscal_year_label(s.evaluation_year)
        if col == 1:
            return s.policy_name
        if col == 2:
            return s.measure_code
        if col == 3:
            return s.measure_name
        if col == 4:
            return s.lead_section
        if col == 5:
            return s.status.label
        return local_time_label(s.updated_at) if s.updated_at else ""
