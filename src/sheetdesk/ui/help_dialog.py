"""ヘルプ → 使い方: a short guide in Japanese, shipped with the app (no network needed)."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


def usage_text() -> str:
    return (files("sheetdesk") / "data" / "help" / "usage.md").read_text(encoding="utf-8")


class UsageDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("SheetDesk の使い方")
        self.resize(720, 640)
        self.text = QTextBrowser()
        self.text.setAccessibleName("使い方")
        self.text.setOpenExternalLinks(False)
        self.text.setMarkdown(usage_text())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
