"""What every generated field view shares: its paths, refresh, focus and read-only state."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget

from sheetdesk.model import Value
from sheetdesk.ui.session_bridge import SheetBridge


class FieldView(QWidget):
    """A widget showing one or more field paths of the open sheet.

    It registers with the bridge (one dispatch for all views, cheaper than a
    signal connection each), so whoever edits a path (this widget,
    undo, a history restore) every view showing it is refreshed.
    """

    def __init__(self, bridge: SheetBridge, paths: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.paths = list(paths)
        bridge.register_view(self, paths)

    def watch(self, *paths: str) -> None:
        """Also refresh when these paths change (e.g. a unit shown in a table header)."""
        self.bridge.register_view(self, list(paths))

    def refresh(self) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        raise NotImplementedError

    def focus_path(self, path: str) -> bool:
        """Give the keyboard focus to the place where `path` is edited."""
        raise NotImplementedError


class ComboFieldView(FieldView):
    """A field edited by choosing from ``self.values`` in ``self.combo`` (grades, judgements)."""

    combo: QComboBox
    values: list[Value]
    override = False  # True when a choice overrides a computed value
    _updating: bool = False

    def start(self) -> None:
        """Once the combo is built: report choices as edits, show the current value, honour the lock."""
        self.combo.currentIndexChanged.connect(self._chosen)
        self.refresh()
        self.set_read_only(self.bridge.locked)

    def _chosen(self, index: int) -> None:
        if not self._updating and index >= 0:
            self.bridge.edit(self.paths[0], self.values[index], override=self.override)

    def select_quietly(self, value: Value) -> None:
        """Show ``value`` (the first entry when it is not a choice) without reporting it as an edit."""
        index = self.values.index(value) if value in self.values else 0
        if index != self.combo.currentIndex():
            self._updating = True
            try:
                self.combo.setCurrentIndex(index)
            finally:
                self._updating = False

    def set_read_only(self, read_only: bool) -> None:
        self.combo.setEnabled(not read_only)

    def focus_path(self, path: str) -> bool:
        self.combo.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
