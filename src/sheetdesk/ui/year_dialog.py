"""Pick an evaluation year, shown in 和暦 (roll over a whole year, make the council booklet)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from sheetdesk.wareki import fiscal_year_label


class YearDialog(QDialog):
    """``describe(year)`` says what choosing that year will do (e.g. 「令和5年度 → 令和6年度」)."""

    def __init__(self, title: str, prompt: str, years: list[int], ok_text: str,
                 describe: Callable[[int], str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.describe = describe
        layout = QVBoxLayout(self)
        caption = QLabel(prompt)
        caption.setWordWrap(True)
        layout.addWidget(caption)
        self.year = QComboBox()
        self.year.setAccessibleName("年度")
        for y in sorted(years, reverse=True):
            self.year.addItem(fiscal_year_label(y), y)
        caption.setBuddy(self.year)
        layout.addWidget(self.year)
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        self.effect.setStyleSheet("color:#555;")
        layout.addWidget(self.effect)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.buttons = buttons
        self.year.currentIndexChanged.connect(lambda _i: self._describe())
        self._describe()
        self.setMinimumWidth(360)

    def _describe(self) -> None:
        year = self.chosen_year()
        self.effect.setText(self.describe(year) if self.describe and year is not None else "")

    def chosen_year(self) -> int | None:
        data = self.year.currentData()
        return int(data) if data is not None else None

    def choose(self, year: int) -> None:
        self.year.setCurrentIndex(self.year.findData(year))
