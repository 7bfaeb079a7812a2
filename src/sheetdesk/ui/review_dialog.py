"""Review an imported sheet before it is saved: each value beside where it was read and why it is to check.

A table of 項目 | 取り込んだ値 (editable) | 読み取り元 (the cell address, or
the piece of the PDF page around the value) | 要確認の理由 (the importer's
own words, wrapped, never cut) | 確からしさ・確認済み (a check per row to
check). Rows to check (low confidence, or a 施策番号/基本施策名 the file did
not give) come first and are highlighted; 「要確認のみ表示」 hides the others.

A person confirms each row to check, one by one or with 「すべて確認」; that
button is enabled only once every row to check has been *shown*: its whole
row was inside the table's visible part when the view settled (``SETTLE_MS``
after the last scroll or resize, so rows flicked past do not count), or the
person selected it. Editing a value to check confirms it. 「保存」 (and
``accept()``) refuse while a row to check is unconfirmed;
``edited_sheet()`` is the sheet with the person's corrections.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sheetdesk.app.identity import identity_labels
from sheetdesk.forms.definition import FieldSpec, FormDefinition
from sheetdesk.glossary import IMPORT_REVIEW_WORDS as WORDS
from sheetdesk.ui.review_values import ReviewValueError, read_value, show_value
from sheetdesk.ui.source_crops import PageCrops
from sheetdesk.wareki import fiscal_year_label, short_year_label

COLUMNS = (WORDS["item"], WORDS["value"], WORDS["source"], WORDS["reason"], WORDS["sureness"])
ITEM, VALUE, SOURCE, REASON, SURE = range(len(COLUMNS))
FLAG = QColor("#fff3cd")  # a row to check
CONFIRMED = QColor("#e6f4e7")  # a row to check the person has confirmed
CHECK = WORDS["check"]
SETTLE_MS = 250  # a row counts as shown when it is in view this long after the last scroll or resize


def rows_to_review(result, form: FormDefinition) -> list[str]:  # result: ingest.ImportResult
    """Paths the person must look at: low confidence, and the identity the file did not give."""
    specs = form.fields(result.sheet.context, result.sheet.values)
    flagged = [p for p in result.needs_review() if p in specs and not specs[p].computed]
    ident = form.identity
    for path in (ident.code, ident.name):
        if not result.sheet.text(path).strip() and path not in flagged:
            flagged.append(path)
    return flagged


def _label(spec: FieldSpec) -> str:
    return f"{spec.label}（{short_year_label(spec.year)}）" if spec.year else spec.label


def _label_widget(text: str, style: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if style:
        label.setStyleSheet(style)
    return label


class _RoomyRows(QStyledItemDelegate):
    """A wrapped value or reason keeps its last line clear of the row's edge (a few points below the text)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:  # noqa: N802
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 6)


class ReviewDialog(QDialog):
    def __init__(self, result, form: FormDefinition, file: Path, parent: QWidget | None = None,
                 part: str = "") -> None:
        """``part`` names the sheet in a file of several (「3枚目（5〜6ページ目）」), for the title and heading."""
        super().__init__(parent)
        self.imported, self.form = result, form  # not self.result: that is QDialog.result()
        sheet = result.sheet
        self.specs = form.fields(sheet.context, sheet.values)  # the rows the file gave, too
        ident = sheet.identity(form)
        shown = f"{file.name} {part}" if part else file.name
        self.setWindowTitle(WORDS["title"].format(file=shown, form=form.title))
        layout = QVBoxLayout(self)
        layout.addWidget(_label_widget(WORDS["heading"].format(
            file=shown, year=fiscal_year_label(sheet.evaluation_year), name=ident["name"] or WORDS["no_name"].format(label=identity_labels(form)["name"])),
            "font-size: 12pt; font-weight: bold;"))
        self.flagged = rows_to_review(result, form)
        self.seen: set[str] = set()  # rows to check that have been shown
        layout.addWidget(_label_widget(WORDS["hint"]))
        layout.addWidget(_label_widget(WORDS["shown_rule"]))
        self.warnings = _label_widget("\n".join(f"・{w}" for w in result.warnings), "color:#7a4b00;")
        self.warnings.setAccessibleName(WORDS["warnings"])
        self.warnings.setVisible(bool(result.warnings))
        layout.addWidget(self.warnings)
        layout.addLayout(self._make_bar())

        rest = [p for p, s in self.specs.items() if not s.computed and p in sheet.values and p not in self.flagged]
        self.paths = self.flagged + rest
        self.table = QTableWidget(len(self.paths), len(COLUMNS))
        self.table.setAccessibleName(WORDS["table"])
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setWordWrap(True)
        self.table.setItemDelegate(_RoomyRows(self.table))
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)  # a reason or a value is wrapped, never cut
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        crops = PageCrops(file) if any(r.page is not None and r.bbox for r in result.sources.values()) else None
        self.shown: dict[str, str] = {}  # the text each value cell was filled with
        for row, path in enumerate(self.paths):
            self._fill(row, path, crops)
        header = self.table.horizontalHeader()
        for column, mode in ((ITEM, QHeaderView.ResizeMode.Interactive), (VALUE, QHeaderView.ResizeMode.Stretch),
                             (SOURCE, QHeaderView.ResizeMode.ResizeToContents),
                             (REASON, QHeaderView.ResizeMode.Interactive),
                             (SURE, QHeaderView.ResizeMode.ResizeToContents)):
            header.setSectionResizeMode(column, mode)
        self.table.setColumnWidth(ITEM, 220)
        self.table.setColumnWidth(REASON, 280)
        # rows follow their wrapped text whatever the column widths become
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.error = _label_widget("", "color:#c62828; font-weight:bold;")
        self.error.setAccessibleName(WORDS["error"])
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox()
        self.save = buttons.addButton(WORDS["save"], QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setToolTip(WORDS["save_tip"])
        buttons.addButton(WORDS["skip"], QDialogButtonBox.ButtonRole.RejectRole)
        self.save.setAutoDefault(False)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._sheet = None
        self._refused = False  # the error line says rows to check are unconfirmed

        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._note_shown)
        for signal in (self.table.verticalScrollBar().valueChanged, self.table.verticalScrollBar().rangeChanged,
                       self.table.verticalHeader().sectionResized):
            signal.connect(self._moved)
        self.table.currentCellChanged.connect(self._selected)
        self.table.itemChanged.connect(self._changed)
        self._update()
        self.resize(1280, 800)

    def _make_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.only_flagged = QCheckBox(WORDS["filter"])
        self.only_flagged.toggled.connect(self._filter)
        self.count = QLabel()
        self.count.setStyleSheet("font-weight: bold;")
        self.unseen = QLabel()
        self.unseen.setStyleSheet("color:#7a4b00;")
        self.accept_all = QPushButton(WORDS["accept_all"])
        self.accept_all.setToolTip(WORDS["accept_all_tip"])
        self.accept_all.setAutoDefault(False)
        self.accept_all.clicked.connect(self.confirm_all)
        for widget in (self.only_flagged, self.count):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.unseen)
        bar.addWidget(self.accept_all)
        return bar

    def _fill(self, row: int, path: str, crops: PageCrops | None) -> None:
        spec = self.specs[path]
        flagged = path in self.flagged
        label = QTableWidgetItem(_label(spec))
        label.setData(Qt.ItemDataRole.UserRole, path)
        text = show_value(self.imported.sheet.values.get(path))
        self.shown[path] = text
        value = QTableWidgetItem(text)
        value.setToolTip(WORDS["edit_tip"])
        source = self.imported.sources.get(path)
        where = QTableWidgetItem(source.describe() if source else WORDS["not_in_file"])
        reason = QTableWidgetItem((self.imported.reason(path) or WORDS["missing"]) if flagged else "")
        confidence = self.imported.confidence.get(path)
        percent = f"{confidence:.0%}" if confidence is not None else ""
        sure = QTableWidgetItem((WORDS["check_sure"].format(percent=percent) if percent else CHECK) if flagged
                                else (percent or "—"))
        for column, item in enumerate((label, value, where, reason, sure)):
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)  # only a row to check has a box
            if column != VALUE:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if flagged:
                item.setBackground(QBrush(FLAG))
            self.table.setItem(row, column, item)
        if flagged:
            sure.setFlags(sure.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            sure.setCheckState(Qt.CheckState.Unchecked)
            sure.setToolTip(WORDS["confirmed_tip"])
            font = QFont(label.font())
            font.setBold(True)
            label.setFont(font)
        if crops is not None and source is not None and source.page is not None and source.bbox:
            pixmap = crops.crop(source.page, source.bbox)
            if pixmap is not None:
                image = QLabel()
                image.setPixmap(pixmap)
                image.setAccessibleName(WORDS["crop"].format(label=spec.label))
                image.setToolTip(source.describe())
                self.table.setCellWidget(row, SOURCE, image)
                where.setText("")

    # what the person has shown and confirmed
    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        self._moved()

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._moved()

    def _moved(self, *_: int) -> None:
        # start() without arguments: the signals' ints (a scroll value) are not an interval
        self._settle.start()

    def _note_shown(self) -> None:
        """Count the rows to check whose whole row is in view now (or that fill the view)."""
        if not self.table.isVisible():
            return
        height = self.table.viewport().height()
        for row, path in enumerate(self.flagged):
            if path in self.seen or self.table.isRowHidden(row):
                continue
            top = self.table.rowViewportPosition(row)
            bottom = top + self.table.rowHeight(row)
            if (top >= 0 and bottom <= height) or (top <= 0 and bottom >= height):
                self.seen.add(path)
        self._update()

    def _selected(self, row: int, *_: int) -> None:
        if 0 <= row < len(self.flagged):
            self.seen.add(self.flagged[row])
            self._update()

    @property
    def settled(self) -> bool:
        """True once the rows in view since the last scroll or resize have been counted."""
        return not self._settle.isActive()

    def unseen_rows(self) -> list[str]:
        return [p for p in self.flagged if p not in self.seen]

    def confirmed(self) -> list[str]:
        return [p for row, p in enumerate(self.flagged) if self._sure(row).checkState() == Qt.CheckState.Checked]

    def _sure(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, SURE)
        assert item is not None  # every row is made with its items
        return item

    def confirm_all(self) -> None:
        """「すべて確認」: every row to check is confirmed, once each has been shown."""
        if self.unseen_rows():
            return
        for row in range(len(self.flagged)):
            self._sure(row).setCheckState(Qt.CheckState.Checked)

    def _changed(self, item: QTableWidgetItem) -> None:
        row = item.row()
        if row >= len(self.flagged):
            return
        path = self.flagged[row]
        if item.column() == VALUE and item.text() != self.shown[path]:
            self.seen.add(path)
            self._sure(row).setCheckState(Qt.CheckState.Checked)  # comes back here for SURE
        elif item.column() == SURE:
            colour = CONFIRMED if item.checkState() == Qt.CheckState.Checked else FLAG
            self.table.blockSignals(True)
            try:
                for column in range(len(COLUMNS)):
                    cell = self.table.item(row, column)
                    if cell is not None:
                        cell.setBackground(QBrush(colour))
            finally:
                self.table.blockSignals(False)
            self._update()

    def _filter(self, only_flagged: bool) -> None:
        for row in range(len(self.flagged), len(self.paths)):
            self.table.setRowHidden(row, only_flagged)
        self._moved()

    def _update(self) -> None:
        confirmed, unseen = len(self.confirmed()), len(self.unseen_rows())
        self.count.setText(WORDS["count"].format(flagged=len(self.flagged), confirmed=confirmed))
        self.unseen.setText(WORDS["unseen"].format(count=unseen) if unseen else WORDS["all_seen"])
        self.accept_all.setEnabled(not unseen and confirmed < len(self.flagged))
        self.save.setEnabled(confirmed == len(self.flagged))
        if self._refused and confirmed == len(self.flagged):
            self.error.hide()
            self._refused = False

    # reading it back
    def row_of(self, path: str) -> int:
        return self.paths.index(path)

    def value_item(self, path: str) -> QTableWidgetItem:
        item = self.table.item(self.row_of(path), VALUE)
        assert item is not None  # every row is made with its value item
        return item

    def _refuse_unconfirmed(self) -> bool:
        left = [p for p in self.flagged if p not in self.confirmed()]
        if not left:
            return False
        self.error.setText(WORDS["unconfirmed"].format(count=len(left), label=_label(self.specs[left[0]])))
        self._refused = True
        self.error.show()
        self.table.scrollToItem(self.value_item(left[0]))
        return True

    def _save(self) -> None:
        if self._refuse_unconfirmed():
            return
        try:
            self._sheet = self.edited_sheet()
        except ReviewValueError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.accept()

    def accept(self) -> None:
        """Closes as 「保存」 only when every row to check is confirmed."""
        if self._refuse_unconfirmed():
            return
        super().accept()

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
