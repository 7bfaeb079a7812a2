"""A table of the sheet's cells that behaves like a spreadsheet under the keyboard.

Enter commits the cell and moves down a row (to the next year's row, the
next 事業), as staff expect from Excel; Tab leaves the table (the paper's
order); the arrows move between cells.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QTableView, QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class GridView(QTableView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)  # Tab leaves the table; arrows move between cells
        self.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                             | QAbstractItemView.EditTrigger.DoubleClicked
                             | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def scroll_sideways_when_needed(self) -> None:
        """Show the horizontal scrollbar exactly when columns are cut off (eight years in a narrow page).

        Always on while needed rather than "as needed": a table sized to its
        rows counts the bar's height only then, so it never hides the last row.
        """
        bar = self.horizontalScrollBar()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        def follow(_low: int, high: int) -> None:
            wanted = Qt.ScrollBarPolicy.ScrollBarAlwaysOn if high > 0 else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            if self.horizontalScrollBarPolicy() != wanted:
                self.setHorizontalScrollBarPolicy(wanted)
                self.updateGeometry()

        bar.rangeChanged.connect(follow)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """A table sized to its rows may be as low as they are: Qt's minimum (room for scrollbars)
        would leave an empty strip under a two-row indicator table."""
        hint = super().minimumSizeHint()
        if self.sizeAdjustPolicy() is QAbstractItemView.SizeAdjustPolicy.AdjustToContents:
            hint.setHeight(min(hint.height(), self.sizeHint().height()))
        return hint

    def move_down(self) -> None:
        """The cell below the current one (the last row stays where it is)."""
        index = self.currentIndex()
        below = index.siblingAtRow(index.row() + 1) if index.isValid() else index
        if below.isValid():
            self.setCurrentIndex(below)
            self.scrollTo(below)

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:  # noqa: N802
        super().closeEditor(editor, hint)
        if hint is QAbstractItemDelegate.EndEditHint.SubmitModelCache:  # the editor was left with Enter
            self.move_down()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() in _ENTER and self.state() is not QAbstractItemView.State.EditingState:
            self.move_down()
            return
        super().keyPressEvent(event)
