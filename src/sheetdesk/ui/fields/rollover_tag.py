"""The small 「前年度のまま」 tag beside a label whose text was carried over and not yet edited.

A roll-over copies last year's texts into the new sheet; the tag reminds the
writer which ones still say what last year's sheet said. The session clears
the mark on the first edit of the field (and the store on saving), so the tag
follows `Sheet.unchanged_since_rollover` and nothing else.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from sheetdesk.ui.session_bridge import SheetBridge

TAG_TEXT = "前年度のまま"
TAG_STYLE = ("background:#fde2b8; color:#7a4b00; border:1px solid #e0a84a; border-radius:3px;"
             " padding:0 5px; font-size:9pt;")


class RolloverTag(QLabel):
    """Create it inside its row (with a parent): a hidden-or-shown label without one is a window."""

    def __init__(self, bridge: SheetBridge, path: str, label: str, parent: QWidget) -> None:
        super().__init__(TAG_TEXT, parent)
        self.bridge, self.path = bridge, path
        self.setStyleSheet(TAG_STYLE)
        self.setToolTip("前年度のシートから引き継いだ文章のままです。今年度の内容に見直してください")
        self.setAccessibleName(f"{label} {TAG_TEXT}")
        self.update_shown()

    def update_shown(self) -> None:
        from sheetdesk.ui.validation_panel import carried_identity

        session = self.bridge.session
        sheet = session.sheet
        carried = (self.path in sheet.unchanged_since_rollover and bool(sheet.values.get(self.path))
                   and self.path not in carried_identity(session.form))
        self.setHidden(not carried)
