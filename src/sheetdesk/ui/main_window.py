"""The main window: the browser (or the welcome page) and the open sheet's editor.

It remembers its size, the open sheet and the section in the ini settings,
and writes every pending edit before it closes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoGroup
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox, QStackedWidget, QWidget

from sheetdesk import generator
from sheetdesk.app.identity import default_form
from sheetdesk.forms import FormRegistry
from sheetdesk.forms.definition import FormDefinition
from sheetdesk.glossary import APP_NAME
from sheetdesk.paths import app_dirs
from sheetdesk.ui.browser import SheetBrowser
from sheetdesk.ui.settings import GEOMETRY, OPEN_SECTION, OPEN_SHEET, app_settings
from sheetdesk.ui.welcome import WelcomePage
from sheetdesk.ui.wheel_guard import ensure_wheel_guard
from sheetdesk.ui.window_services import WindowServices

if TYPE_CHECKING:  # loaded when first used: the start shows the list, not a sheet (issue 12)
    from sheetdesk.ui.editor import SheetEditor
    from sheetdesk.ui.new_sheet_dialog import NewSheetDialog


class MainWindow(QMainWindow):
    def __init__(self, store, registry: FormRegistry, settings: QSettings | None = None,  # type: ignore[no-untyped-def]
                 restore: bool = True) -> None:
        super().__init__()
        ensure_wheel_guard()
        self.store, self.registry = store, registry
        self.settings = settings or app_settings()
        self.set_title()
        self.undo_group = QUndoGroup(self)
        self.editor: SheetEditor | None = None
        self._reopen: tuple[int, str] | None = None  # the sheet restore_state reopens
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.sampleRequested.connect(self.load_sample)
        self.welcome.importRequested.connect(self.import_files)
        self.welcome.newRequested.connect(self.new_sheet)
        self.browser = SheetBrowser(store, registry, load=False)  # show_browser below reads the list, once
        self.browser.openRequested.connect(self.open_sheet)
        self.browser.newRequested.connect(self.new_sheet)
        self.browser.rolloverRequested.connect(self.roll_over_sheet)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.browser)
        self.setCentralWidget(self.stack)
        self._menus()
        self.resize(1280, 860)
        if restore:
            self.restore_state()
        else:
            self.show_browser()

    def _menus(self) -> None:
        file = self.menuBar().addMenu("ファイル(&F)")
        for text, slot, keys in (("新しいシート(&N)…", self.new_sheet, QKeySequence.StandardKey.New),
                                 ("ファイルから取り込む(&I)…", self.import_files, None),
                                 ("年度一括で前年度から作成(&Y)…", self.roll_over_year, None),
                                 ("サンプルを読み込む(&M)", self.load_sample, None),
                                 ("シート一覧(&L)", self.show_browser, None)):
            action = QAction(text, self)
            action.triggered.connect(lambda _c=False, s=slot: s())
            if keys is not None:
                action.setShortcut(keys)
            file.addAction(action)
        self._database_menu(file)
        self.save_action = QAction("保存(&S)", self)
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(lambda _c=False: self.save_now())
        file.addAction(self.save_action)
        file.addSeparator()
        quit_action = QAction("終了(&X)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file.addAction(quit_action)
        printing = self.menuBar().addMenu("印刷(&P)")
        self.print_pdf_action = QAction("印刷（PDF）(&P)…", self)
        self.print_pdf_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_pdf_action.triggered.connect(lambda _c=False: self.export_sheet("pdf"))
        self.export_xlsx_action = QAction("Excel（xlsx）に書き出し(&E)…", self)
        self.export_xlsx_action.triggered.connect(lambda _c=False: self.export_sheet("xlsx"))
        self.booklet_action = QAction("冊子（議会提出用）を作成(&B)…", self)
        self.booklet_action.triggered.connect(lambda _c=False: self.make_booklet())
        for action in (self.print_pdf_action, self.export_xlsx_action, self.booklet_action):
            printing.addAction(action)
        self._sheet_actions(False)
        edit = self.menuBar().addMenu("編集(&E)")
        self.undo_action = self.undo_group.createUndoAction(self, "元に戻す(&U)")
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = self.undo_group.createRedoAction(self, "やり直す(&R)")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)
        self.help_menu = self.menuBar().addMenu("ヘルプ(&H)")
        usage = QAction("使い方(&U)", self)
        usage.setShortcut(QKeySequence.StandardKey.HelpContents)
        usage.triggered.connect(lambda _c=False: self.show_usage())
        self.help_menu.addAction(usage)
        self.about_action = QAction("バージョン情報(&A)", self)
        self.about_action.triggered.connect(lambda _c=False: self.show_about())
        self.help_menu.addAction(self.about_action)

    def _database_menu(self, file: QMenu) -> None:
        from sheetdesk.ui.database_menu import DatabaseActions

        self.databases = DatabaseActions(
            self, self.settings, self.registry, current_url=lambda: getattr(self.store, "url", None),
            use_store=self.use_store, show_message=lambda text, ms: self.statusBar().showMessage(text, ms))
        self.databases.add_to(file)
        self.databases.remember(getattr(self.store, "url", None))

    def use_store(self, store) -> bool:  # type: ignore[no-untyped-def]
        """Switch to another database: pending edits are written to the old one first.

        False (and ``store`` closed) when the open sheet's edits could not be saved and the person stays.
        """
        self.flush_all()
        if not self._close_editor():  # its edits could not be saved and the person stays with them
            close = getattr(store, "close", None)
            if callable(close):
                close()
            return False
        old, self.store = self.store, store
        self.browser.store = store
        self.settings.remove(OPEN_SHEET)  # a sheet id means nothing in another database
        close = getattr(old, "close", None)
        if old is not store and callable(close):
            close()
        self.show_browser()
        return True

    def set_title(self, form: FormDefinition | None = None) -> None:
        """「SheetDesk — sheets.sqlite3 — 事務事業評価シート」: the database, and the open sheet's form
        (else the form a new sheet would be of)."""
        from sheetdesk.ui.database_menu import database_label

        forms = self.registry.all()
        shown = form or (default_form(forms) if forms else None)
        where = getattr(self.store, "url", None) or getattr(self.store, "path", None)  # path: ui.quick_start
        parts = [APP_NAME, database_label(where), shown.title if shown else ""]
        self.setWindowTitle(" — ".join(p for p in parts if p))

    def about_text(self) -> str:
        return (f"{generator()}\n施策マネジメントシートの作成・印刷・取込\n\n"
                f"データの保存先: {app_dirs().data}")

    def show_about(self) -> None:
        QMessageBox.about(self, "バージョン情報", self.about_text())

    # navigation
    def show_browser(self) -> None:
        if not self._close_editor():
            return
        self.set_title()
        self.browser.reload()
        empty = self.browser.model.rowCount() == 0 and not self.store.list()
        self.stack.setCurrentWidget(self.welcome if empty else self.browser)
        self.settings.remove(OPEN_SHEET)

    def open_sheet(self, sheet_id: int, path: str = "") -> SheetEditor | None:
        """Open a sheet in the editor, at `path`'s field when given (a search hit)."""
        if not self._close_editor():
            return None
        try:
            sheet = self.store.load(sheet_id)
        except Exception as exc:  # a deleted sheet or a store error: say so, stay in the browser
            self.statusBar().showMessage(str(exc), 10000)
            self.show_browser()
            return None
        from sheetdesk.app.editing import SheetSession
        from sheetdesk.ui.editor import SheetEditor

        form = self.registry.get(sheet.form_id, sheet.form_version)
        editor = SheetEditor(SheetSession(self.store, form, sheet))
        self.set_title(form)
        editor.message.connect(lambda m: self.statusBar().showMessage(m, 10000))
        editor.backRequested.connect(self.show_browser)
        editor.nav.currentRowChanged.connect(lambda _r: self._remember())
        self.undo_group.addStack(editor.bridge.undo_stack)
        self.undo_group.setActiveStack(editor.bridge.undo_stack)
        self.editor = editor
        self._sheet_actions(True)
        self.stack.addWidget(editor)
        self.stack.setCurrentWidget(editor)
        if path:
            editor.focus_field(path)
        self._remember()
        return editor

    def _close_editor(self) -> bool:
        """Close the open sheet; False when its edits could not be saved and the person chose to stay."""
        if self.editor is None:
            return True
        if not self.editor.confirm_close():
            return False
        editor, self.editor = self.editor, None
        self._sheet_actions(False)
        editor.close_session()
        self.undo_group.removeStack(editor.bridge.undo_stack)
        self.stack.removeWidget(editor)
        editor.deleteLater()
        return True

    def _sheet_actions(self, sheet_open: bool) -> None:
        for action in (self.print_pdf_action, self.export_xlsx_action, self.save_action):
            action.setEnabled(sheet_open)

    def save_now(self) -> bool:
        """Ctrl+S: write what is pending at once (autosave does it after a pause anyway)."""
        if self.editor is None:
            return False
        ok = self.editor.bridge.flush()
        if ok:
            self.statusBar().showMessage("保存しました", 5000)
        return ok

    def show_usage(self) -> None:
        from sheetdesk.ui.help_dialog import UsageDialog

        UsageDialog(self).exec()

    def _remember(self) -> None:
        if self.editor is not None:
            self.settings.setValue(OPEN_SHEET, self.editor.session.sheet_id)
            self.settings.setValue(OPEN_SECTION, self.editor.current_section)

    def restore_state(self) -> None:
        geometry = self.settings.value(GEOMETRY)
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(QByteArray(geometry))
        sheet_id = self.settings.value(OPEN_SHEET)
        section = self.settings.value(OPEN_SECTION)
        self.show_browser()
        if sheet_id not in (None, ""):
            self._reopen = (int(sheet_id), str(section or ""))  # type: ignore[call-overload]
            if not getattr(self.store, "pending", False):  # else when the store is attached
                self._reopen_last_sheet()

    def _reopen_last_sheet(self) -> None:
        """The sheet that was open when the window last closed, at its section."""
        reopen, self._reopen = self._reopen, None
        if reopen is not None:
            editor = self.open_sheet(reopen[0])
            if editor is not None and reopen[1]:
                editor.show_section(reopen[1])

    def attach_store(self, store) -> None:  # type: ignore[no-untyped-def]
        """The store, open at last, in place of the stand-in the window was first shown with (ui.quick_start).

        The list is read again from the store (the filters chosen meanwhile
        stay), and the sheet open at the last close is opened now.
        """
        self.store = store
        self.browser.store = store
        self.databases.remember(getattr(store, "url", None))
        self.set_title()
        if self.editor is None:
            self.browser.reload()
        self._reopen_last_sheet()

    def show_year(self, year: int) -> None:
        """The sheet list, filtered to ``year``."""
        self.show_browser()
        self.browser.year.setCurrentIndex(max(0, self.browser.year.findData(year)))

    # actions
    def services(self) -> WindowServices:
        """What the actions started here may use of the window (made per call: tests may replace a method)."""
        return WindowServices(parent=self, store=self.store, registry=self.registry,
                              show_message=lambda text, ms: self.statusBar().showMessage(text, ms),
                              flush_all=self.flush_all, show_browser=self.show_browser)

    def new_sheet(self) -> SheetEditor | None:
        from sheetdesk.ui.new_sheet_dialog import NewSheetDialog

        known = self.store.list()
        plan, year = None, 2023
        if known:
            latest = max(known, key=lambda s: (s.evaluation_year, s.updated_at))
            plan, year = self.store.load(latest.id).plan, latest.evaluation_year
        dialog = NewSheetDialog(self.registry.all(), known, plan, year, self)
        if dialog.exec() != NewSheetDialog.DialogCode.Accepted:
            return None
        return self.create_sheet(dialog)

    def create_sheet(self, dialog: NewSheetDialog) -> SheetEditor | None:
        try:
            stored = self.store.add(dialog.sheet())
        except Exception as exc:  # e.g. the same 施策 and year exists: the message says so
            QMessageBox.warning(self, "シートを作成できません", str(exc))
            return None
        return self.open_sheet(stored.id)

    def roll_over_sheet(self, sheet_id: int) -> SheetEditor | None:
        from sheetdesk.ui.rollover_actions import roll_over_one

        return roll_over_one(self.services(), self.open_sheet, sheet_id)

    def roll_over_year(self) -> None:
        from sheetdesk.ui.rollover_actions import roll_over_year

        roll_over_year(self.services(), self.show_year)

    def export_sheet(self, fmt: str, target: Path | None = None) -> Path | None:
        """印刷（PDF） / Excel（xlsx）に書き出し of the open sheet; ``target`` skips the save dialog."""
        from sheetdesk.ui.print_actions import export_open_sheet

        return export_open_sheet(self.services(), self.editor, fmt, target)

    def make_booklet(self, year: int | None = None, target: Path | None = None) -> Path | None:
        from sheetdesk.ui.print_actions import make_booklet

        return make_booklet(self.services(), year, target)

    def load_sample(self) -> None:
        from sheetdesk.app.services import load_samples

        self._report(load_samples(self.store, self.registry))

    def import_files(self, paths: list[Path] | None = None):  # type: ignore[no-untyped-def]
        """Read, review and store files (JSON, xlsx, PDF); ``paths`` skips the file dialog."""
        from sheetdesk.ui.file_dialogs import ask_open_paths
        from sheetdesk.ui.import_flow import ImportFlow

        if paths is None:
            paths = ask_open_paths(
                self, "取り込むファイル",
                "取り込めるファイル (*.json *.xlsx *.pdf);;SheetDesk交換形式 (*.json);;Excel (*.xlsx);;PDF (*.pdf)",
                self.settings)
        if not paths:
            return None
        return ImportFlow(self.services()).run(list(paths))

    def _report(self, report) -> None:  # type: ignore[no-untyped-def]
        failed = report.failed
        count = sum(len(f.sheet_ids) for f in report.files if f.ok)
        self.statusBar().showMessage(f"{count}件のシートを取り込みました", 10000)
        if failed:
            QMessageBox.warning(self, "取り込めなかったファイル", "\n".join(f.error or "" for f in failed))
        self.show_browser()

    # closing
    def flush_all(self) -> None:
        """Write every pending edit now (close, quit, or a crash handler)."""
        if self.editor is not None:
            self.editor.bridge.flush()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if self.editor is not None and not self.editor.confirm_close():
            event.ignore()
            return
        self.flush_all()
        self.settings.setValue(GEOMETRY, self.saveGeometry())
        if self.editor is not None:
            self._remember()
        else:
            self.settings.remove(OPEN_SHEET)
        self.settings.sync()
        super().closeEvent(event)

    def current_page(self) -> QWidget | None:
        return self.stack.currentWidget()
