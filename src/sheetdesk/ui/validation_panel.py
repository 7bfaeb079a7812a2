"""The validation panel: what is missing or wrong, each item a jump to its field.

After a roll-over it also lists the texts still as last year's sheet had them
(「前年度から変更されていません」): not an error, a reminder to review them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from sheetdesk.app.rollover import unchanged_texts
from sheetdesk.app.validation import Issue, validate
from sheetdesk.ui.session_bridge import SheetBridge

UNCHANGED_MESSAGE = "前年度から変更されていません"


def carried_over(session) -> list[Issue]:  # type: ignore[no-untyped-def]
    """One item per carried-over text nobody has edited yet, in the paper's order."""
    form, sheet = session.form, session.sheet
    if not sheet.unchanged_since_rollover:
        return []
    specs, identity = session.specs, carried_identity(form)
    return [Issue(p, specs[p].label, UNCHANGED_MESSAGE) for p in unchanged_texts(sheet, form)
            if p in specs and p not in identity]


def carried_identity(form) -> set[str]:  # type: ignore[no-untyped-def]
    """施策番号, 基本施策名, 政策名, 施策統括課: the same every year by nature, so not flagged as unreviewed."""
    return set(form.identity.roles().values())


class ValidationPanel(QWidget):
    jumpRequested = Signal(str)  # a field path  # noqa: N815

    def __init__(self, bridge: SheetBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget()
        self.list.setAccessibleName("チェック結果")
        self.list.setWordWrap(True)
        layout.addWidget(self.list)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.issues: list[Issue] = []
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)  # re-check after a short pause in typing, not per keystroke
        self._timer.timeout.connect(self.refresh)
        bridge.fieldsChanged.connect(lambda _paths: self._timer.start())
        self.summary.setText("確認中…")
        QTimer.singleShot(0, self.refresh)  # first check right after the sheet is on screen

    def refresh(self) -> None:
        session = self.bridge.session
        problems = validate(session.form, session.sheet)
        unchanged = carried_over(session)
        self.issues = problems + unchanged
        self.list.clear()
        for issue in self.issues:
            item = QListWidgetItem(f"{issue.label}\n　{issue.message}")
            item.setData(Qt.ItemDataRole.UserRole, issue.path)
            if issue.message == UNCHANGED_MESSAGE:
                item.setForeground(QColor("#7a4b00"))
            self.list.addItem(item)
        text = f"{len(problems)}件の確認事項" if problems else "確認事項はありません"
        if unchanged:
            text += f"（ほかに前年度のままの文章 {len(unchanged)}件）"
        self.summary.setText(text)

    def _activated(self, item: QListWidgetItem) -> None:
        self.jumpRequested.emit(item.data(Qt.ItemDataRole.UserRole))
