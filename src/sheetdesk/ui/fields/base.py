"""What every generated field view shares: its paths, refresh, focus and read-only state."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from sheetdesk.ui.session_bridge import SheetBridge


class FieldView(QWidget):
    """A widget showing one or more field paths of the open sheet.

    It listens to the bridge itself, so whoever edits a path (this widget,
    undo, a history restore) every view showing it is refreshed.
    """

    def __init__(self, bridge: SheetBridge, paths: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        self.paths = list(paths)
        self._watch = set(paths)
        bridge.fieldsChanged.connect(self._on_changed)
        bridge.statusChanged.connect(self._on_status)

    def watch(self, *paths: str) -> None:
        """Also refresh when these paths change (e.g. a unit shown in a table header)."""
        self._watch.update(paths)

    def _on_changed(self, paths: frozenset[str]) -> None:
        if self._watch & paths:
            self.refresh()

    def _on_status(self) -> None:
        self.set_read_only(self.bridge.locked)

    def refresh(self) -> None:
        raise NotImplementedError

    def set_read_only(self, read_only: bool) -> None:
        raise NotImplementedError

    def focus_path(self, path: str) -> bool:
        """Give the keyboard focus to the place where `path` is edited."""
        raise NotImplementedError
