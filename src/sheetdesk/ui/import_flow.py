"""ファイルから取り込む: read many files with a progress dialog, review, ask before replacing, summarise.

1. Every file is read (sheetdesk.ingest.read_file) under a cancellable
   progress dialog; a file that cannot be read is a failure with its reason
   and changes nothing. A city's file whose labels two forms match alike
   asks which form to read it as.
2. A sheet with values to check (or without a 施策番号) opens the review
   dialog; 「取り込まない」 leaves it unsaved (要確認). A file of several
   sheets (a booklet, a workbook with a worksheet per 施策) gives each sheet
   its own review and its own transaction, named 「冊子.pdf 3枚目（5〜6ページ目）」.
3. A sheet already in the database is replaced only after 「置き換えますか」;
   the store keeps the old values in the history.
4. A summary: 取込 n件 / 要確認 n件 / 失敗 n件, each failure with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from sheetdesk.ui.events import process_events
from sheetdesk.ui.summary_dialog import SummaryDialog
from sheetdesk.wareki import fiscal_year_label

if TYPE_CHECKING:
    from sheetdesk.ui.window_services import WindowServices

TITLE = "ファイルから取り込む"
CHOOSE_FORM_TITLE = "様式を選んでください"
REPLACE_TITLE = "置き換えますか"
IMPORTED, HELD, FAILED, NOT_DONE = "取り込んだシート", "要確認（保存していません）", "失敗（理由）", "取り込まなかったもの"


@dataclass
class ImportOutcome:
    imported: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    not_done: list[str] = field(default_factory=list)
    sheet_ids: list[int] = field(default_factory=list)

    @property
    def headline(self) -> str:
        return f"取込 {len(self.imported)}件　要確認 {len(self.held)}件　失敗 {len(self.failed)}件"


class ImportFlow:
    def __init__(self, services: WindowServices) -> None:
        self.services = services
        self.store, self.registry = services.store, services.registry
        self.outcome = ImportOutcome()

    def run(self, paths: list[Path]) -> ImportOutcome:
        read = self._read_all(paths)
        for path, results in read:
            self._save_file(path, results)
        out = self.outcome
        summary = SummaryDialog(TITLE, out.headline, [(IMPORTED, out.imported), (HELD, out.held),
                                                      (FAILED, out.failed), (NOT_DONE, out.not_done)], self.services.parent)
        self.services.show_browser()
        summary.exec()
        return out

    # 1. reading
    def _read_all(self, paths: list[Path]) -> list[tuple[Path, list]]:
        from sheetdesk.exchange import ExchangeError
        from sheetdesk.ingest import read_file

        progress = QProgressDialog("ファイルを読み込んでいます…", "中止", 0, len(paths), self.services.parent)
        progress.setWindowTitle(TITLE)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setValue(0)
        read: list[tuple[Path, list]] = []
        try:
            for i, path in enumerate(paths):
                progress.setLabelText(f"{path.name} を読み込んでいます（{i + 1}／{len(paths)}）")
                process_events()
                if progress.wasCanceled():
                    self.outcome.not_done += [f"{p.name}: 読み込みを中止したため取り込んでいません" for p in paths[i:]]
                    break
                try:
                    read.append((path, self._read_one(path, read_file)))
                except ExchangeError as exc:  # IngestError too: names the file and the place
                    self.outcome.failed.append(str(exc))
                progress.setValue(i + 1)
        finally:
            progress.close()
            progress.deleteLater()
        return read

    def _read_one(self, path: Path, read_file) -> list:  # noqa: ANN001 - sheetdesk.ingest.read_file
        """One file; when two forms match it alike, the person says which it is (取り込まない: refused as it was)."""
        from sheetdesk.ingest.detect import UndecidedFormError

        try:
            return read_file(path, self.registry)
        except UndecidedFormError as exc:
            form = self._choose_form(path, exc)
            if form is None:
                raise
            return read_file(path, self.registry, form)

    def _choose_form(self, path: Path, exc) -> object | None:  # noqa: ANN001 - UndecidedFormError
        from PySide6.QtWidgets import QInputDialog

        forms = [self.registry.latest(i) for i in exc.candidates]
        dialog = QInputDialog(self.services.parent)
        dialog.setWindowTitle(CHOOSE_FORM_TITLE)
        dialog.setLabelText(f"{path.name} がどの様式のシートか、見出しからは決められません。\n"
                            "読み取る様式を選んでください。")
        dialog.setComboBoxItems([f.title for f in forms])
        dialog.setComboBoxEditable(False)
        dialog.setOkButtonText("この様式で読む")
        dialog.setCancelButtonText("取り込まない")
        if dialog.exec() != QInputDialog.DialogCode.Accepted:
            return None
        return next((f for f in forms if f.title == dialog.textValue()), None)

    # 2. review, 3. replace, save
    def _save_file(self, path: Path, results: list) -> None:
        from sheetdesk.app.services import match_existing, sheet_part
        from sheetdesk.ui.review_dialog import ReviewDialog, rows_to_review

        sheets = []
        for i, r in enumerate(results):
            part = sheet_part(r, i, len(results))
            where = f"{path.name} {part}" if part else path.name
            match_existing(self.store, r.sheet)  # now: an earlier file of the batch may have brought the 施策
            form = self.registry.get(r.sheet.form_id, r.sheet.form_version)
            if not rows_to_review(r, form):
                sheets.append((where, r.sheet, False))
                continue
            dialog = ReviewDialog(r, form, path, self.services.parent, part)
            if dialog.exec() == ReviewDialog.DialogCode.Accepted:
                sheets.append((where, dialog.edited_sheet(), True))
            else:
                self.outcome.held.append(f"{where}: {self._describe(r.sheet)}（確認が済んでいないため保存していません）")
        if sheets:
            self._store(path, sheets)

    def _store(self, path: Path, sheets: list) -> None:
        """Each sheet in its own transaction: one the store refuses keeps only itself out."""
        from sheetdesk.store import StoreError

        existing = [s for _, s, _ in sheets if self._exists(s)]
        replace = False
        if existing:
            if not self._ask_replace(path, existing):
                self.outcome.not_done += [f"{where}: {self._describe(s)}は既にあるため置き換えませんでした"
                                          for where, s, _ in sheets if any(s is e for e in existing)]
                sheets = [(w, s, reviewed) for w, s, reviewed in sheets if not any(s is e for e in existing)]
            else:
                replace = True
        for where, s, reviewed in sheets:
            try:
                self.outcome.sheet_ids += self.store.import_sheets([s], replace=replace)
            except StoreError as exc:
                self.outcome.failed.append(f"{where}: {exc}")
                continue
            notes = [n for n, on in (("確認して保存", reviewed), ("置き換え", any(s is e for e in existing))) if on]
            self.outcome.imported.append(f"{where}: {self._describe(s)}" + (f"（{'・'.join(notes)}）" if notes else ""))

    def _exists(self, sheet) -> bool:  # type: ignore[no-untyped-def]
        form = self.registry.get(sheet.form_id, sheet.form_version)
        code = sheet.identity(form)["code"].strip()
        return bool(code) and self.store.find(sheet.form_id, code, sheet.evaluation_year) is not None

    def _describe(self, sheet) -> str:  # type: ignore[no-untyped-def]
        ident = sheet.identity(self.registry.get(sheet.form_id, sheet.form_version))
        code = f"施策番号 {ident['code']}" if ident["code"] else "施策番号なし"
        return f"{fiscal_year_label(sheet.evaluation_year)} {code}「{ident['name']}」"

    def _ask_replace(self, path: Path, existing: list) -> bool:
        names = "\n".join(f"・{self._describe(s)}" for s in existing)
        box = QMessageBox(QMessageBox.Icon.Question, REPLACE_TITLE,
                          f"{path.name} の次のシートは既に登録されています。置き換えますか。\n{names}", parent=self.services.parent)
        box.setInformativeText("置き換えても、これまでの値は履歴に残ります。")
        yes = box.addButton("置き換える", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("置き換えない", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is yes
