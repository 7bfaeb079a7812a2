"""提出 / 確定 with checks: confirm, list the sheet's open check items, have each acknowledged.

The items come from sheetdesk.app.validation (the same list as the チェック
tab); the 提出 / 確定 button stays disabled until every item's box is ticked.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from sheetdesk.app.validation import Issue
from sheetdesk.glossary import Status

WORDS = {
    "title": "{action}の確認",
    "action": {Status.SUBMITTED: "提出", Status.FINAL: "確定"},
    "question": {Status.SUBMITTED: "このシートを「提出済」にします。よろしいですか。",
                 Status.FINAL: "このシートを「確定」にします。確定すると、理由を記入して解除するまで編集できません。"},
    "open_items": "未解決のチェック項目が{count}件あります。内容を確認し、1件ずつチェックを入れてください。",
    "no_items": "未解決のチェック項目はありません。",
    "item": "確認しました：{label} — {message}",
    "ok": "{action}する",
    "cancel": "キャンセル",
}


class SubmitDialog(QDialog):
    """Asks before 提出 / 確定; ``checks`` are the open items a user must tick one by one."""

    def __init__(self, status: Status, issues: Sequence[Issue], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        action = WORDS["action"][status]  # type: ignore[index]
        self.setWindowTitle(WORDS["title"].format(action=action))  # type: ignore[union-attr]
        layout = QVBoxLayout(self)
        question = QLabel(WORDS["question"][status])  # type: ignore[index]
        question.setWordWrap(True)
        layout.addWidget(question)
        self.summary = QLabel(WORDS["open_items"].format(count=len(issues)) if issues  # type: ignore[union-attr]
                              else WORDS["no_items"])
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.checks: list[QCheckBox] = []
        if issues:
            box = QWidget()
            inner = QVBoxLayout(box)
            for issue in issues:
                check = QCheckBox(WORDS["item"].format(label=issue.label, message=issue.message))  # type: ignore[union-attr]
                check.setAccessibleName(issue.path)
                check.toggled.connect(self._update)
                inner.addWidget(check)
                self.checks.append(check)
            inner.addStretch(1)
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(box)
            scroll.setMinimumHeight(min(60 + 28 * len(issues), 360))
            layout.addWidget(scroll, 1)
        self.buttons = QDialogButtonBox()
        self.ok = self.buttons.addButton(WORDS["ok"].format(action=action),  # type: ignore[union-attr]
                                         QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(WORDS["cancel"], QDialogButtonBox.ButtonRole.RejectRole)  # type: ignore[arg-type]
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(760)
        self._update()

    def _update(self) -> None:
        self.ok.setEnabled(all(c.isChecked() for c in self.checks))

    def accept(self) -> None:
        if all(c.isChecked() for c in self.checks):  # Enter on a disabled button must not slip through
            super().accept()
