"""Year-series rows (実績値, 目標値, 財源内訳 …) × plan years, as a Qt table model.

A cell is the field path ``{row prefix}.{year}``. Cells the form does not
use for that year (e.g. 実績値 after the evaluation year) are greyed and
refuse input; computed cells (事業費計, トータルコスト) are read-only and
recalculate as their rows change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from sheetdesk.forms.definition import FieldKind, FieldSpec
from sheetdesk.glossary import VALUE_HINTS
from sheetdesk.model import CellError, format_cell, parse_cell
from sheetdesk.model.kinds import KindError, handler
from sheetdesk.ui.session_bridge import SheetBridge
from sheetdesk.wareki import short_year_label

Index = QModelIndex | QPersistentModelIndex
UNUSED_BG = QBrush(QColor("#d9d9d9"))
COMPUTED_BG = QBrush(QColor("#e8f0f8"))
REFUSED_BG = QBrush(QColor("#ffd8d8"))


@dataclass(frozen=True)
class SeriesRow:
    label: str
    prefix: str  # cells are f"{prefix}.{year}"
    unit: str | None = None  # a fixed unit (cost rows) ...
    unit_path: str | None = None  # ... or the path of the indicator's 単位 field


@dataclass(frozen=True)
class SeriesColumn:
    """A column of a series: the path part of its cells (a year, or a point's key) and its heading."""

    part: str
    heading: str


def year_columns(years: list[int]) -> list[SeriesColumn]:
    return [SeriesColumn(str(y), short_year_label(y)) for y in years]


class SeriesModel(QAbstractTableModel):
    """``years`` (the plan's) or ``columns`` (a window of years, named points 基準値 / 目標値 / 現状値)."""

    def __init__(self, bridge: SheetBridge, rows: list[SeriesRow], years: list[int],
                 columns: list[SeriesColumn] | None = None) -> None:
        super().__init__()
        self.bridge, self.rows = bridge, rows
        self.columns = columns if columns is not None else year_columns(years)
        self.years = years  # the plan years of a year table (empty for named points)
        self.refused: dict[tuple[int, int], str] = {}

    # paths
    def path(self, row: int, column: int) -> str:
        return f"{self.rows[row].prefix}.{self.columns[column].part}"

    def paths(self) -> list[str]:
        return [self.path(r, c) for r in range(len(self.rows)) for c in range(len(self.columns))]

    def unit_paths(self) -> list[str]:
        return [r.unit_path for r in self.rows if r.unit_path]

    def locate(self, path: str) -> QModelIndex | None:
        for r in range(len(self.rows)):
            for c in range(len(self.columns)):
                if self.path(r, c) == path:
                    return self.index(r, c)
        return None

    def unit(self, row: int) -> str:
        r = self.rows[row]
        if r.unit:
            return r.unit
        v = self.bridge.value(r.unit_path) if r.unit_path else None
        return v if isinstance(v, str) else ""

    # Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].heading
        unit = self.unit(section)
        return f"{self.rows[section].label}（{unit}）" if unit else self.rows[section].label

    def _spec(self, index: Index) -> FieldSpec | None:
        return self.bridge.session.specs.get(self.path(index.row(), index.column()))

    def _shown(self, spec: FieldSpec | None, thousands: bool) -> str:
        if spec is None:
            return ""
        value = self.bridge.value(spec.path)
        if spec.kind is not FieldKind.NUMBER:
            return handler(spec).show(spec, value)  # a measure: 12人, 実施
        return format_cell(value, thousands=thousands)  # type: ignore[arg-type]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        spec = self._spec(index)
        key = (index.row(), index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._shown(spec, thousands=role == Qt.ItemDataRole.DisplayRole)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if key in self.refused:
                return REFUSED_BG
            if spec is None:
                return UNUSED_BG
            return COMPUTED_BG if spec.computed else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in self.refused:
                return self.refused[key]
            if spec is None:
                return "この年度は入力しません"
            return "自動計算（入力できません）" if spec.computed else VALUE_HINTS[spec.kind.value]
        if role == Qt.ItemDataRole.AccessibleTextRole and spec is not None:
            return f"{spec.label} {self.columns[index.column()].heading}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        spec = self._spec(index)
        if spec is None:
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if spec.computed or self.bridge.locked:
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        key = (index.row(), index.column())
        spec = self._spec(index)
        assert spec is not None  # flags() makes a cell without a field read-only
        try:
            if spec.kind is FieldKind.NUMBER:
                cell = parse_cell(str(value) if value is not None else None)
            else:
                cell = handler(spec).parse(spec, "" if value is None else str(value))
        except (CellError, KindError) as exc:
            message = f"{spec.label}（{self.columns[index.column()].heading}）: {exc}"
            self.refused[key] = message
            self.bridge.message.emit(message)
            self.dataChanged.emit(index, index)
            return False
        self.refused.pop(key, None)
        self.bridge.edit(spec.path, cell)
        self.dataChanged.emit(index, index)
        return True

    def refresh(self) -> None:
        if self.rows and self.columns:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self.rows) - 1)
