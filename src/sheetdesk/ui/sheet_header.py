"""The strip above the editor: which sheet, its status, the status actions, and whether all is saved."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from sheetdesk.glossary import Status
from sheetdesk.ui.session_bridge import SheetBridge
from sheetdesk.wareki import fiscal_year_label

STATUS_STYLE = {
    Status.DRAFT: "background:#fff3cd; padding:2px 8px;",
    Status.SUBMITTED: "background:#d1ecf1; padding:2px 8px;",
    Status.FINAL: "background:#d4edda; padding:2px 8px; font-weight:bold;",
}


class SheetHeader(QWidget):
    statusRequested = Signal(object)  # Status  # noqa: N815
    unlockRequested = Signal()  # noqa: N815
    backRequested = Signal()  # noqa: N815

    def __init__(self, bridge: SheetBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge = bridge
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 4, 4, 4)
        back = QPushButton("← 一覧")
        back.setAccessibleName("一覧へ戻る")
        back.clicked.connect(self.backRequested)
        row.addWidget(back)
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.title.setMinimumWidth(80)
        row.addWidget(self.title, 1)
        self.status = QLabel()
        self.status.setAccessibleName("状態")
        row.addWidget(self.status)
        self.saved = QLabel()
        self.saved.setAccessibleName("保存状態")
        row.addWidget(self.saved)
        self.submit = QPushButton("提出済にする")
        self.submit.clicked.connect(lambda: self.statusRequested.emit(Status.SUBMITTED))
        self.draft = QPushButton("作成中に戻す")
        self.draft.clicked.connect(lambda: self.statusRequested.emit(Status.DRAFT))
        self.finalize = QPushButton("確定する")
        self.finalize.clicked.connect(lambda: self.statusRequested.emit(Status.FINAL))
        self.unlock = QPushButton("確定を解除…")
        self.unlock.clicked.connect(self.unlockRequested)
        for b in (self.draft, self.submit, self.finalize, self.unlock):
            row.addWidget(b)
        bridge.statusChanged.connect(self.refresh)
        bridge.fieldsChanged.connect(self._fields)
        bridge.pendingChanged.connect(self._pending)
        bridge.saved.connect(lambda: self._pending(bridge.session.has_pending))
        self.refresh()
        self._pending(False)

    def _fields(self, paths: frozenset[str]) -> None:
        if any(p.startswith("header.") for p in paths):
            self.refresh()

    def refresh(self) -> None:
        sheet = self.bridge.session.sheet
        ident = sheet.identity(self.bridge.session.form)
        self.title.setText(f"{fiscal_year_label(sheet.evaluation_year)}　{ident['code']}　{ident['name']}")
        self.status.setText(sheet.status.label)
        self.status.setStyleSheet(STATUS_STYLE[sheet.status])
        self.draft.setVisible(sheet.status is Status.SUBMITTED)
        self.submit.setVisible(sheet.status is Status.DRAFT)
        self.finalize.setVisible(sheet.status is Status.SUBMITTED)
        self.unlock.setVisible(sheet.status is Status.FINAL)

    def _pending(self, pending: bool) -> None:
        self.saved.setText("保存待ち…" if pending else "保存済み")
