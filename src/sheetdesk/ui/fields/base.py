"""What every generated field view shares: its paths, refresh, focus and read-only state."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

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
