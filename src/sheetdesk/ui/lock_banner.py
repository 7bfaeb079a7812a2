"""The banner above a 提出済 or 確定 sheet, and the read-only look of a locked sheet's fields."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from sheetdesk.glossary import Status

BANNER = {
    Status.SUBMITTED: ("このシートは「提出済」です。提出後の変更も履歴に記録されます。",
                       "background:#d1ecf1; color:#0c5460; border:1px solid #bee5eb; padding:6px 10px;"),
    Status.FINAL: ("このシートは「確定」済みのため編集できません（読み取り専用）。"
                   "変更するには「確定を解除…」から理由を記入してください。",
                   "background:#f8d7da; color:#721c24; border:1px solid #f5c6cb; padding:6px 10px;"
                   " font-weight:bold;"),
}

# Fields of a locked sheet: grey, like a printed form, so nobody tries to type into them.
READ_ONLY_STYLE = (
    "QLineEdit[readOnly=\"true\"], QPlainTextEdit[readOnly=\"true\"], QTextEdit[readOnly=\"true\"],"
    " QTableView[locked=\"true\"], QComboBox:disabled, QCheckBox:disabled, QSpinBox:disabled"
    " { background:#ececec; color:#444; }"
)


class LockBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setAccessibleName("シートの状態のお知らせ")
        self.show_status(Status.DRAFT)

    def show_status(self, status: Status) -> None:
        shown = BANNER.get(status)
        if shown is not None:
            self.setStyleSheet(shown[1])  # padding first: the height for the text depends on it
            self.setText(shown[0])
        self.setVisible(shown is not None)
        self.updateGeometry()
