"""Review an imported sheet before it is saved: each value beside where it was read.

A table of 項目 | 取り込んだ値 (editable) | 読み取り元 (the cell address, or
the piece of the PDF page around the value) | 確からしさ. Rows to check
(low confidence, or a 施策番号/基本施策名 the file did not give) come first
and are highlighted; the importer's warnings are shown above. 「保存」
accepts; ``edited_sheet()`` is the sheet with the person's corrections.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sheetdesk.forms.definition import FieldSpec, FormDefinition
from sheetdesk.ui.review_values import ReviewValueError, read_value, show_value
from sheetdesk.ui.source_crops import PageCrops
from sheetdesk.wareki import fiscal_year_label, short_year_label

COLUMNS = ("項目", "取り込んだ値", "読み取り元", "確からしさ")
FLAG = QColor("#fff3cd")
CHECK = "要確認"


def rows_to_review(result, form: FormDefinition) -> list[str]:  # result: ingest.ImportResult
    """Paths the person must look at: low confidence, and the identity the file did not give."""
    specs = form.fields(result.sheet.context)
    flagged = [p for p in result.needs_review() if p in specs and not specs[p].computed]
    ident = form.identity
    for path in (ident.code, ident.name):
        if not result.sheet.text(path).strip() and path not in flagged:
            flagged.append(path)
    return flagged


def _label(spec: FieldSpec) -> str:
    return f"{spec.label}（{short_year_label(spec.year)}）" if spec.year else spec.label


class ReviewDialog(QDialog):
    def __init__(self, result, form: FormDefinition, file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.imported, self.form = result, form  # not self.result: that is QDialog.result()
        sheet = result.sheet
        self.specs = form.fields(sheet.context)
        ident = sheet.identity(form)
        self.setWindowTitle(f"取り込む内容の確認 — {file.name}（{form.title}）")
        layout = QVBoxLayout(self)
        title = QLabel(f"{file.name}：{fiscal_year_label(sheet.evaluation_year)}「{ident['name'] or '（基本施策名なし）'}」")
        title.setStyleSheet("font-size: 12pt; font-weight: bold;")
        title.setWordWrap(True)
        layout.addWidget(title)
        self.flagged = rows_to_review(result, form)
        hint = QLabel(f"色の付いた{len(self.flagged)}項目は読み取りが確かでないか、ファイルにない項目です。"
                      "読み取り元と見比べ、必要なら値を直してから「保存」してください。")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.warnings = QLabel("\n".join(f"・{w}" for w in result.warnings))
        self.warnings.setAccessibleName("取り込み時の注意")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color:#7a4b00;")
        self.warnings.setVisible(bool(result.warnings))
        layout.addWidget(self.warnings)

        rest = [p for p, s in self.specs.items() if not s.computed and p in sheet.values and p not in self.flagged]
        self.paths = self.flagged + rest
        self.table = QTableWidget(len(self.paths), len(COLUMNS))
        self.table.setAccessibleName("取り込んだ値")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setWordWrap(True)
        crops = PageCrops(file) if any(r.page is not None and r.bbox for r in result.sources.values()) else None
        self.shown: dict[str, str] = {}
        for row, path in enumerate(self.paths):
            self._fill(row, path, crops)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(0, 260)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        self.error = QLabel()
        self.error.setAccessibleName("入力の誤り")
        self.error.setStyleSheet("color:#c62828; font-weight:bold;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        save = buttons.addButton("保存", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取り込まない", QDialogButtonBox.ButtonRole.RejectRole)
        save.setAutoDefault(False)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._sheet = None
        self.resize(1100, 720)

    def _fill(self, row: int, path: str, crops: PageCrops | None) -> None:
        spec = self.specs[path]
        flagged = path in self.flagged
        label = QTableWidgetItem(_label(spec))
        label.setData(Qt.ItemDataRole.UserRole, path)
        text = show_value(self.imported.sheet.values.get(path))
        self.shown[path] = text
        value = QTableWidgetItem(text)
        value.setToolTip("ダブルクリックで修正できます")
        source = self.imported.sources.get(path)
        where = QTableWidgetItem(source.describe() if source else "（ファイルにありません）")
        confidence = self.imported.confidence.get(path)
        sure = QTableWidgetItem(CHECK if flagged else (f"{confidence:.0%}" if confidence is not None else "—"))
        if flagged and confidence is not None:
            sure.setText(f"{CHECK}（{confidence:.0%}）")
        for column, item in enumerate((label, value, where, sure)):
            if column != 1:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if flagged:
                item.setBackground(QBrush(FLAG))
            self.table.setItem(row, column, item)
        if flagged:
            font = QFont(label.font())
            font.setBold(True)
            label.setFont(font)
        if crops is not None and source is not None and source.page is not None and source.bbox:
            pixmap = crops.crop(source.page, source.bbox)
            if pixmap is not None:
                image = QLabel()
                image.setPixmap(pixmap)
                image.setAccessibleName(f"{spec.label} の読み取り元")
                image.setToolTip(source.describe())
                self.table.setCellWidget(row, 2, image)
                where.setText("")

    # reading it back
    def row_of(self, path: str) -> int:
        return self.paths.index(path)

    def value_item(self, path: str) -> QTableWidgetItem:
        item = self.table.item(self.row_of(path), 1)
        assert item is not None  # every row is made with its value item
        return item

    def _save(self) -> None:
        try:
            self._sheet = self.edited_sheet()
        except ReviewValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()

    def edited_sheet(self):  # -> Sheet
        """The imported sheet with the values the person changed; raises ReviewValueError."""
        if self._sheet is not None:
            return self._sheet
        sheet = self.imported.sheet
        values = dict(sheet.values)
        for path in self.paths:
            text = self.value_item(path).text()
            if text == self.shown[path]:
                continue
            value = read_value(self.specs[path], text)
            if value is None or value == ():
                values.pop(path, None)
            else:
                values[path] = value
        return dataclasses.replace(sheet, values=values, overrides=dict(sheet.overrides))
