"""印刷（PDF）, Excel（xlsx） and the council booklet, from the menu.

Rendering is the printing service's (sheetdesk.app.printing); this module
asks where to save, lists texts that will not fit before a PDF is made, and
keeps the window alive while a booklet of a hundred sheets is drawn (a
progress dialog that can cancel, events processed after every sheet).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from sheetdesk.ui.events import process_events
from sheetdesk.ui.overflow_dialog import OverflowDialog
from sheetdesk.ui.year_dialog import YearDialog
from sheetdesk.wareki import fiscal_year_label

if TYPE_CHECKING:
    from sheetdesk.ui.editor import SheetEditor
    from sheetdesk.ui.window_services import WindowServices

BOOKLET_TITLE = "冊子（議会提出用）を作成"
FILTERS = {"pdf": "PDF (*.pdf)", "xlsx": "Excel ブック (*.xlsx)"}


def ask_save_path(parent: QWidget, title: str, suggested: str, fmt: str) -> Path | None:
    """Where to save, asked with the system's dialog (tests replace this function)."""
    from sheetdesk.ui.file_dialogs import ask_save_name
    from sheetdesk.ui.settings import app_settings

    path = ask_save_name(parent, title, suggested, FILTERS[fmt], app_settings())
    if path is None:
        return None
    return path if path.suffix.lower() == f".{fmt}" else path.with_name(f"{path.name}.{fmt}")


def export_open_sheet(services: WindowServices, editor: SheetEditor | None, fmt: str,
                      target: Path | None = None) -> Path | None:
    """Write the open sheet (``editor``'s) as PDF or xlsx; for a PDF, first say which texts will not fit."""
    from sheetdesk.app.printing import PrintError, default_filename, export_files

    if editor is None:
        services.show_message("印刷するシートを開いてください", 10000)
        return None
    editor.bridge.flush()
    session = editor.session
    allow_overflow = False
    if fmt == "pdf":
        from sheetdesk.render import overflowing_fields

        found = overflowing_fields(session.form, session.sheet)
        if found:
            dialog = OverflowDialog(found, services.parent)
            accepted = dialog.exec() == OverflowDialog.DialogCode.Accepted
            if dialog.jump_to:
                editor.focus_field(dialog.jump_to)
                return None
            if not accepted:
                return None
            allow_overflow = True
    title = "PDFに印刷" if fmt == "pdf" else "Excel（xlsx）に書き出し"
    target = target or ask_save_path(services.parent, title, default_filename(services.registry, session.sheet, fmt), fmt)
    if target is None:
        return None
    try:
        export_files(services.store, services.registry, [session.sheet_id], fmt, target, allow_overflow=allow_overflow)
    except (PrintError, OSError) as exc:
        QMessageBox.warning(services.parent, f"{title}できません", str(exc))
        return None
    services.show_message(f"{target.name} を保存しました", 15000)
    return target


def make_booklet(services: WindowServices, year: int | None = None, target: Path | None = None) -> Path | None:
    """Pick the year, draw every sheet of it into one PDF with a cancellable progress dialog, save it."""
    from sheetdesk.app.printing import PrintError
    from sheetdesk.render import BookletCancelled

    counts: dict[int, int] = {}
    for s in services.store.list():
        counts[s.evaluation_year] = counts.get(s.evaluation_year, 0) + 1
    if not counts:
        QMessageBox.information(services.parent, BOOKLET_TITLE, "冊子にするシートがありません")
        return None
    services.flush_all()
    if year is None:
        dialog = YearDialog(BOOKLET_TITLE, "どの年度の冊子を作成しますか。", list(counts), "作成",
                            lambda y: f"{fiscal_year_label(y)}のシート {counts.get(y, 0)}件を施策番号順に1冊のPDFにします。"
                                      "表紙・目次・一覧表が付きます。", services.parent)
        if dialog.exec() != YearDialog.DialogCode.Accepted or dialog.chosen_year() is None:
            return None
        year = dialog.chosen_year()
        assert year is not None
    target = target or ask_save_path(services.parent, BOOKLET_TITLE, f"{fiscal_year_label(year)}_施策マネジメントシート.pdf", "pdf")
    if target is None:
        return None
    allow_overflow = False
    while True:
        try:
            data = _run_booklet(services, year, counts.get(year, 0), allow_overflow)
        except BookletCancelled:
            services.show_message("冊子の作成を中止しました（ファイルは作成していません）", 15000)
            return None
        except PrintError as exc:
            if allow_overflow or not _ask_overflow(services, str(exc.__cause__ or exc)):  # without the CLI's hint
                return None
            allow_overflow = True
            continue
        break
    try:
        target.write_bytes(data)
    except OSError as exc:
        QMessageBox.warning(services.parent, BOOKLET_TITLE, f"{target.name} を保存できません（{exc.strerror or exc}）")
        return None
    services.show_message(f"{target.name} を保存しました（{counts.get(year, 0)}シート）", 15000)
    return target


def _run_booklet(services: WindowServices, year: int, total: int, allow_overflow: bool) -> bytes:
    from sheetdesk.app.printing import booklet

    progress = QProgressDialog(f"{fiscal_year_label(year)}の冊子を作成しています…", "中止", 0, total, services.parent)
    progress.setWindowTitle(BOOKLET_TITLE)
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    progress.setAutoClose(False)
    progress.setValue(0)

    def advanced(done: int, count: int) -> None:
        progress.setMaximum(count)
        progress.setValue(done)
        progress.setLabelText(f"{fiscal_year_label(year)}の冊子を作成しています… {done}／{count}シート")
        process_events()

    def cancelled() -> bool:
        process_events()
        return progress.wasCanceled()

    try:
        return booklet(services.store, services.registry, year, allow_overflow=allow_overflow,
                       progress=advanced, cancelled=cancelled)
    finally:
        progress.close()
        progress.deleteLater()


def _ask_overflow(services: WindowServices, message: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, BOOKLET_TITLE, message, parent=services.parent)
    box.setInformativeText("あふれた欄に印（▼文字あふれ）を付けて作成しますか。")
    anyway = box.addButton("あふれたまま作成", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("やめる", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is anyway
