"""The sheet editor: one page per section, the status strip, the check list and the history.

Pages are built when first shown so that opening a sheet stays fast; every
page is generated from the form definition (form_page.FormPage).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QListWidget,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sheetdesk.app.editing import EditRefused, SheetSession
from sheetdesk.app.journal import Journal
from sheetdesk.app.validation import validate
from sheetdesk.forms.definition import Section
from sheetdesk.glossary import Status
from sheetdesk.ui.form_page import FormPage
from sheetdesk.ui.history_view import HistoryView
from sheetdesk.ui.lock_banner import READ_ONLY_STYLE, LockBanner
from sheetdesk.ui.preview_pane import PreviewPane
from sheetdesk.ui.session_bridge import SheetBridge
from sheetdesk.ui.sheet_header import SheetHeader
from sheetdesk.ui.submit_dialog import SubmitDialog
from sheetdesk.ui.validation_panel import ValidationPanel


def page_sections(sections: list[Section]) -> list[list[Section]]:
    """Sections per page: the header shares the first page with section 1."""
    pages: list[list[Section]] = []
    carry: list[Section] = []
    for s in sections:
        if s.key == "header":
            carry.append(s)
            continue
        pages.append([*carry, s])
        carry = []
    if carry:
        pages.append(carry)
    return pages


def first_field(page: QScrollArea) -> QWidget | None:
    """The first widget on the page that Tab would reach: where a person starts typing on a new section.

    Walking the focus chain from the page (not focusNextChild from wherever
    the focus was) so the section's first field is chosen, never its second.
    """
    inner = page.widget()
    if inner is None:
        return None
    w = inner.nextInFocusChain()
    while w is not None and w is not inner:
        if (inner.isAncestorOf(w) and w.isVisibleTo(inner) and w.isEnabled()
                and w.focusPolicy() & Qt.FocusPolicy.TabFocus):
            return w
        w = w.nextInFocusChain()
    return None


class SheetEditor(QWidget):
    message = Signal(str)
    backRequested = Signal()  # noqa: N815

    def __init__(self, session: SheetSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        if session.journal is None:  # every keystroke on disk before the autosave (app/journal.py)
            session.journal = Journal.for_session(session)
        self.bridge = SheetBridge(session, self)
        self.bridge.message.connect(self.message)
        form, ctx = session.form, session.sheet.context
        self.page_groups = page_sections(form.sections)
        self._page_of_section = {s.key: i for i, group in enumerate(self.page_groups) for s in group}

        self.header = SheetHeader(self.bridge)
        self.header.backRequested.connect(self.backRequested)
        self.header.statusRequested.connect(self.confirm_status)
        self.banner = LockBanner()
        self.bridge.statusChanged.connect(self._show_lock)
        self.header.unlockRequested.connect(self._ask_unlock)

        self.nav = QListWidget()
        self.nav.setAccessibleName("セクション")
        for group in self.page_groups:
            self.nav.addItem(form.section_label(group[-1].key, ctx))
        self.nav.setMaximumWidth(260)
        self.nav.setWordWrap(True)
        self.pages = QStackedWidget()
        self._built: dict[int, FormPage] = {}
        for _ in self.page_groups:
            self.pages.addWidget(QWidget())
        self.nav.currentRowChanged.connect(self.show_page)

        self.side = QTabWidget()
        self.validation = ValidationPanel(self.bridge)
        self.validation.jumpRequested.connect(self.focus_field)
        self.history = HistoryView(self.bridge)
        self.side.addTab(self.validation, "チェック")
        self.side.addTab(self.history, "履歴")
        self.preview = PreviewPane(self.bridge)
        self.side.addTab(self.preview, "印刷イメージ")
        self.side.currentChanged.connect(self._widen_for_preview)

        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.nav)
        split.addWidget(self.pages)
        split.addWidget(self.side)
        split.setStretchFactor(1, 1)
        for pane in (self.nav, self.side):
            pane.setMinimumWidth(120)
        split.setChildrenCollapsible(True)
        split.setSizes([210, 790, 300])  # at 1280 px section 3 shows R2…R9 whole (issue 11 point 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.header)
        layout.addWidget(self.banner)
        body = QHBoxLayout()
        body.addWidget(split)
        layout.addLayout(body, 1)

        for keys, step in (("Ctrl+PgDown", 1), ("Ctrl+PgUp", -1)):
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            sc.activated.connect(lambda s=step: self.step_page(s))
        self.nav.setCurrentRow(0)
        self._show_lock()

    def _show_lock(self) -> None:
        """The banner for 提出済 / 確定, and the grey read-only look of a 確定 sheet's fields."""
        self.banner.show_status(self.session.sheet.status)
        # setting the style sheet again re-polishes the fields, whose read-only state just changed
        self.pages.setStyleSheet(READ_ONLY_STYLE if self.bridge.locked else "")

    def _widen_for_preview(self, index: int) -> None:
        """An A3 page needs room: give the preview about half the width when it is chosen."""
        sizes = self.split.sizes()
        if self.side.widget(index) is self.preview and sizes[2] < sum(sizes) * 0.4:
            self.split.setSizes([sizes[0], (sizes[1] + sizes[2]) // 2, (sizes[1] + sizes[2]) // 2])

    # pages
    def page(self, index: int) -> FormPage:
        if index not in self._built:
            page = FormPage(self.bridge, self.session.form, self.page_groups[index])
            placeholder = self.pages.widget(index)
            self.pages.insertWidget(index, page)
            if placeholder is not None:
                self.pages.removeWidget(placeholder)
                placeholder.deleteLater()
            self._built[index] = page
        return self._built[index]

    def show_page(self, index: int) -> None:
        if 0 <= index < len(self.page_groups):
            self.page(index)
            self.pages.setCurrentIndex(index)
            if self.nav.currentRow() != index:
                self.nav.setCurrentRow(index)

    def step_page(self, step: int) -> None:
        self.show_page((self.pages.currentIndex() + step) % len(self.page_groups))
        page = self.page(self.pages.currentIndex())
        first = first_field(page)
        if first is not None:
            first.setFocus(Qt.FocusReason.TabFocusReason)
            page.ensureWidgetVisible(first)

    @property
    def current_section(self) -> str:
        return self.page_groups[self.pages.currentIndex()][-1].key

    def show_section(self, key: str) -> None:
        self.show_page(self._page_of_section.get(key, 0))

    def focus_field(self, path: str) -> bool:
        """Switch to the field's page and give it the keyboard (validation items, search hits)."""
        spec = self.session.specs.get(path)
        if spec is None:
            return False
        index = self._page_of_section[spec.section]
        self.show_page(index)
        page = self.page(index)
        view = page.view_for(path)
        if view is None:
            return False
        page.ensureWidgetVisible(view)
        return view.focus_path(path)

    # status
    def confirm_status(self, status: Status) -> bool:
        """提出 / 確定 from the header: ask first, with the open check items to acknowledge."""
        if status in (Status.SUBMITTED, Status.FINAL) and status is not self.session.sheet.status:
            self.bridge.flush()
            dialog = SubmitDialog(status, validate(self.session.form, self.session.sheet), self)
            if dialog.exec() != SubmitDialog.DialogCode.Accepted:
                self.message.emit(f"「{status.label}」にするのを取りやめました")
                return False
        return self.request_status(status)

    def request_status(self, status: Status, reason: str | None = None) -> bool:
        try:
            self.session.set_status(status, reason=reason)
        except (EditRefused, Exception) as exc:  # store errors carry the user's message too
            self.message.emit(str(exc))
            return False
        self.message.emit(f"状態を「{status.label}」にしました")
        return True

    def unlock(self, reason: str) -> bool:
        """Unlock a 確定 sheet back to 提出済; the store records the reason in the history."""
        if not reason.strip():
            self.message.emit("確定を解除する理由を入力してください")
            return False
        return self.request_status(Status.SUBMITTED, reason=reason.strip())

    def _ask_unlock(self) -> None:
        reason, ok = QInputDialog.getText(self, "確定の解除", "確定を解除する理由（履歴に記録されます）:")
        if ok:
            self.unlock(reason)

    def close_session(self) -> None:
        """Write every pending value; called before the editor goes away (what cannot be written stays in the journal)."""
        self.bridge.close()
        self.session.close()

    def confirm_close(self) -> bool:
        """Save before the editor goes; when the save fails, ask — nothing is discarded without asking.

        Returns False when the person chose to stay. Edits that could not be
        saved stay in the journal and are replayed at the next start.
        """
        while not self.bridge.flush():
            choice = self.ask_unsaved(self.session.last_error or "")
            if choice == "close":
                return True
            if choice != "retry":
                return False
        return True

    def ask_unsaved(self, reason: str) -> str:
        """"retry", "close" (edits kept in the journal) or "stay"; tests replace this."""
        box = QMessageBox(QMessageBox.Icon.Warning, "保存できませんでした",
                          f"入力を保存できませんでした。\n{reason}\n\n"
                          "入力は控えに残してあり、閉じても次に起動したときに復元されます。", parent=self)
        retry = box.addButton("もう一度保存(&R)", QMessageBox.ButtonRole.AcceptRole)
        close = box.addButton("控えを残して閉じる(&C)", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton("閉じない", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return "retry" if clicked is retry else "close" if clicked is close else "stay"
