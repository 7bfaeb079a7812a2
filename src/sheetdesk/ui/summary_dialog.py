"""What a batch did: a headline of counts and, under it, each item with its reason.

Used after importing files and after rolling a whole year over, so that a
person sees at once what was done and what was not, and why.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget


class SummaryDialog(QDialog):
    """``sections`` are (heading, lines); empty sections are left out."""

    def __init__(self, title: str, headline: str, sections: list[tuple[str, list[str]]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.headline = QLabel(headline)
        self.headline.setAccessibleName("結果")
        self.headline.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.headline.setWordWrap(True)
        layout.addWidget(self.headline)
        self.lists: dict[str, QListWidget] = {}
        for heading, lines in sections:
            if not lines:
                continue
            caption = QLabel(heading)
            layout.addWidget(caption)
            items = QListWidget()
            items.setAccessibleName(heading)
            items.setWordWrap(True)
            items.addItems(lines)
            items.setMaximumHeight(12 + 48 * min(len(lines), 6))  # two wrapped lines an item, six shown
            caption.setBuddy(items)
            layout.addWidget(items)
            self.lists[heading] = items
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        self.resize(600, 140 + sum(w.maximumHeight() + 24 for w in self.lists.values()))

    def lines(self, heading: str) -> list[str]:
        """What the list under ``heading`` shows (empty when there is none)."""
        items = self.lists.get(heading)
        return [items.item(i).text() for i in range(items.count())] if items else []
