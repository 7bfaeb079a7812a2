"""The small 「前年度のまま」 tag beside a label whose text was carried over and not yet edited.

A roll-over copies last year's texts into the new sheet; the tag reminds the
writer which ones still say what last year's sheet said. The session clears
the mark on the first edit of the field (and the store on saving), so the tag
follows `Sheet.unchanged_since_rollover` and nothing else. Beside it, a
「確認済み」 button clears the mark without editing the text (one undo step,
recorded in history) for a text that holds this year as it is.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QToolButton, QWidget

from sheetdesk.glossary import REVIEW_WORDS
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
        # the field puts it beside the tag; shown and hidden with it
        self.review = QToolButton(parent)
        self.review.setText(REVIEW_WORDS["mark"])
        self.review.setToolTip(REVIEW_WORDS["mark_tip"])
        self.review.setAccessibleName(f"{label} {REVIEW_WORDS['mark']}")
        self.review.clicked.connect(lambda: self.bridge.mark_reviewed([self.path]))
        self.update_shown()

    def update_shown(self) -> None:
        from sheetdesk.ui.validation_panel import carried_identity

        session = self.bridge.session
        sheet = session.sheet
        carried = (self.path in sheet.unchanged_since_rollover and bool(sheet.values.get(self.path))
                   and self.path not in carried_identity(session.form))
        self.setHidden(not carried)
        self.review.setHidden(not carried or session.locked)


class SectionReviewButton(QToolButton):
    """Under a section's title: mark every 「前年度のまま」 text of the section 確認済み at once."""

    def __init__(self, bridge: SheetBridge, section: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge, self.section = bridge, section
        self.setToolTip(REVIEW_WORDS["mark_tip"])
        self.clicked.connect(lambda: self.bridge.mark_reviewed(self.bridge.session.carried_over(self.section)))
        bridge.fieldsChanged.connect(lambda _paths: self.update_shown())
        bridge.statusChanged.connect(self.update_shown)
        self.update_shown()

    def update_shown(self) -> None:
        session = self.bridge.session
        from sheetdesk.ui.validation_panel import carried_identity

        identity = carried_identity(session.form)
        count = len([p for p in session.carried_over(self.section) if p not in identity])
        self.setText(REVIEW_WORDS["mark_section"].format(count=count))
        self.setAccessibleName(self.text())
        self.setHidden(count == 0 or session.locked)
