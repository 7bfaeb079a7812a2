"""The rows a user adds to a repeat: add, remove, move up and down, each one undoable step.

A repeat whose row holds only fields (事業: 事業名, 担当課, 協働の相手 …) is a
table, one line per row, so 200 rows open at once; a repeat whose row holds
structures (a series, a repeat inside: プロセス → 項目 → 事業) is one box per
row with that row's own widgets. Either way the buttons call the session's
row operations (through the bridge), and the editor rebuilds itself from the
rows value when it changes — by this editor, undo, redo or a history restore.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from sheetdesk.app.rows import row_template, row_words
from sheetdesk.forms.definition import FieldItem, FieldKind, FieldSpec, RepeatItem
from sheetdesk.glossary import ROW_WORDS, VALUE_HINTS
from sheetdesk.model.kinds import KindError, handler
from sheetdesk.ui.fields.base import FieldView
from sheetdesk.ui.fields.grid_view import GridView

if TYPE_CHECKING:
    from sheetdesk.ui.form_page import FormPage
    from sheetdesk.ui.view_index import ViewIndex

Index = QModelIndex | QPersistentModelIndex
REFUSED_BG = QBrush(QColor("#ffd8d8"))
COMPUTED_BG = QBrush(QColor("#e8f0f8"))
TABLE_ROWS_SHOWN = 12  # a longer table scrolls inside itself


def is_flat(item: RepeatItem) -> bool:
    """A row of fields only: edited as one table line."""
    return all(isinstance(child, FieldItem) for child in item.items)


class RepeatEditor(FieldView):
    """Rows of one repeat at ``path`` (a row's own path inside an outer repeat's row included)."""

    def __init__(self, page: FormPage, item: RepeatItem, path: str) -> None:
        super().__init__(page.bridge, [path])
        self.page, self.item, self.path = page, item, path
        self.spec: FieldSpec = page.specs[path]
        template = row_template(page.specs, path)
        self.row_label = template.row_label if template is not None else "{n}"
        self.what = row_words(self.spec)
        self.keys: tuple[str, ...] | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        head = QHBoxLayout()
        title = QLabel(self.spec.short_label or self.spec.label)
        title.setStyleSheet("font-weight: bold;")
        head.addWidget(title)
        self.count = QLabel()
        self.count.setAccessibleName(f"{self.spec.label} 行数")
        head.addWidget(self.count, 1)
        self.add_button = QPushButton(ROW_WORDS["add"].format(what=self.what))
        self.add_button.setAccessibleName(f"{self.spec.label} {ROW_WORDS['add'].format(what=self.what)}")
        self.add_button.clicked.connect(self.add_row)
        head.addWidget(self.add_button)
        layout.addLayout(head)
        self.empty = QLabel(ROW_WORDS["empty"].format(what=self.what))
        self.empty.setStyleSheet("color: #555;")
        layout.addWidget(self.empty)
        self.body: RowBoxes | RowTable = RowTable(self) if is_flat(item) else RowBoxes(self)
        layout.addWidget(self.body)
        self.refresh()
        self.set_read_only(self.bridge.locked)

    def label_of(self, key: str) -> str:
        return self.row_label.replace("{n}", key)

    # operations (each one step of the session's undo)
    def add_row(self) -> str | None:
        key = self.bridge.add_row(self.path)
        if key is not None:
            self.body.show_row(key)
        return key

    def remove_row(self, key: str) -> bool:
        return self.bridge.remove_row(self.path, key)

    def move_row(self, key: str, step: int) -> bool:
        moved = self.bridge.move_row(self.path, key, step)
        if moved:
            self.body.show_row(key)
        return moved

    # FieldView
    def refresh(self) -> None:
        keys = self.bridge.session.row_keys(self.path)
        if self.spec.max_rows is not None:
            self.count.setText(ROW_WORDS["count_max"].format(count=len(keys), max=self.spec.max_rows))
        else:
            self.count.setText(ROW_WORDS["count"].format(count=len(keys)))
        self.empty.setVisible(not keys)
        if keys != self.keys:
            self.keys = keys
            self.body.rebuild(keys)
        self._enable()

    def _enable(self) -> None:
        locked = self.bridge.locked
        n = len(self.keys or ())
        self.add_button.setEnabled(not locked and (self.spec.max_rows is None or n < self.spec.max_rows))
        self.body.enable(locked, n > self.spec.min_rows)

    def set_read_only(self, read_only: bool) -> None:
        self._enable()

    def view_for(self, path: str) -> FieldView | None:
        return self.body.view_for(path)

    def focus_path(self, path: str) -> bool:
        if path == self.path:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return True
        view = self.view_for(path)
        return view.focus_path(path) if view is not None else False


class RowBoxes(QWidget):
    """One box per row, holding that row's own widgets (series, repeats inside)."""

    def __init__(self, editor: RepeatEditor) -> None:
        super().__init__()
        self.editor = editor
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QGroupBox] = {}
        self.buttons: dict[str, tuple[QPushButton, QPushButton, QPushButton]] = {}
        self.indexes: dict[str, ViewIndex] = {}

    def rebuild(self, keys: tuple[str, ...]) -> None:
        from sheetdesk.ui.view_index import ViewIndex

        for box in self.boxes.values():
            self.column.removeWidget(box)
            box.hide()
            box.deleteLater()
        self.boxes, self.buttons, self.indexes = {}, {}, {}
        ed = self.editor
        for position, key in enumerate(keys):
            label = ed.label_of(key)
            box = QGroupBox(label)
            inner = QVBoxLayout(box)
            bar = QHBoxLayout()
            bar.addStretch(1)
            up, down, remove = (QPushButton(ROW_WORDS[w]) for w in ("up", "down", "remove"))
            for button, word in ((up, "up"), (down, "down"), (remove, "remove")):
                button.setAccessibleName(f"{label} {ROW_WORDS[word]}")
                bar.addWidget(button)
            up.clicked.connect(lambda _c=False, k=key: ed.move_row(k, -1))
            down.clicked.connect(lambda _c=False, k=key: ed.move_row(k, 1))
            remove.clicked.connect(lambda _c=False, k=key: ed.remove_row(k))
            up.setEnabled(position > 0)
            down.setEnabled(position < len(keys) - 1)
            inner.addLayout(bar)
            index = ViewIndex()
            for child in ed.item.items:
                ed.page.build(child, inner, f"{ed.path}.{key}", index)
            self.column.addWidget(box)
            box.show()  # at once, not when the layout next runs: the person sees the row they added
            self.boxes[key], self.buttons[key], self.indexes[key] = box, (up, down, remove), index

    def enable(self, locked: bool, removable: bool) -> None:
        keys = list(self.boxes)
        for i, (up, down, remove) in enumerate(self.buttons.values()):
            up.setEnabled(not locked and i > 0)
            down.setEnabled(not locked and i < len(keys) - 1)
            remove.setEnabled(not locked and removable)

    def show_row(self, key: str) -> None:
        box = self.boxes.get(key)
        if box is not None:
            self.editor.page.ensureWidgetVisible(box)

    def view_for(self, path: str) -> FieldView | None:
        key = path[len(self.editor.path) + 1:].partition(".")[0]
        index = self.indexes.get(key)
        return index.find(path) if index is not None else None


class RowTable(QWidget):
    """One table line per row: the row's fields as columns, shown and parsed by their kinds' handlers."""

    def __init__(self, editor: RepeatEditor) -> None:
        super().__init__()
        self.editor = editor
        self.model = RowsModel(editor)
        self.view = GridView()  # Enter moves down a row, Tab leaves the table
        self.view.setModel(self.model)
        self.view.setAccessibleName(editor.spec.label)
        self.view.setItemDelegate(ChoiceDelegate(self.model, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.horizontalHeader().setMinimumSectionSize(80)
        self.view.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        bar = QHBoxLayout()
        self.up, self.down, self.remove = (QPushButton(ROW_WORDS[w]) for w in ("up", "down", "remove"))
        for button, word in ((self.up, "up"), (self.down, "down"), (self.remove, "remove")):
            button.setAccessibleName(f"{editor.spec.label} {ROW_WORDS[word]}")
            bar.addWidget(button)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.remove.clicked.connect(self._remove)

    def selected_key(self) -> str | None:
        index = self.view.currentIndex()
        keys = self.model.keys
        return keys[index.row()] if index.isValid() and index.row() < len(keys) else None

    def _move(self, step: int) -> None:
        key = self.selected_key()
        if key is not None:
            self.editor.move_row(key, step)

    def _remove(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.editor.remove_row(key)

    def rebuild(self, keys: tuple[str, ...]) -> None:
        column = max(0, self.view.currentIndex().column())
        chosen = self.selected_key()
        self.model.set_keys(keys)
        self.editor.watch(*self.model.paths())
        shown = min(len(keys), TABLE_ROWS_SHOWN)
        header = self.view.horizontalHeader().sizeHint().height()
        self.view.setFixedHeight(header + max(1, shown) * self.view.verticalHeader().defaultSectionSize() + 6)
        if chosen in keys:
            self.view.setCurrentIndex(self.model.index(keys.index(chosen), column))

    def enable(self, locked: bool, removable: bool) -> None:
        for button in (self.up, self.down):
            button.setEnabled(not locked and len(self.model.keys) > 1)
        self.remove.setEnabled(not locked and removable)
        self.model.refresh()

    def show_row(self, key: str) -> None:
        if key in self.model.keys:
            index = self.model.index(self.model.keys.index(key), max(0, self.view.currentIndex().column()))
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    def view_for(self, path: str) -> FieldView | None:
        return self.editor if self.model.locate(path) is not None else None

    def focus_path(self, path: str) -> bool:
        index = self.model.locate(path)
        if index is None:
            return False
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        return True


class RowsModel(QAbstractTableModel):
    def __init__(self, editor: RepeatEditor) -> None:
        super().__init__()
        self.editor = editor
        self.bridge = editor.bridge
        self.fields = [child for child in editor.item.items if isinstance(child, FieldItem)]
        self.keys: tuple[str, ...] = ()
        self.refused: dict[tuple[str, str], str] = {}

    def set_keys(self, keys: tuple[str, ...]) -> None:
        self.beginResetModel()
        self.keys = keys
        self.refused = {k: m for k, m in self.refused.items() if k[0] in keys}
        self.endResetModel()

    def path(self, row: int, column: int) -> str:
        return f"{self.editor.path}.{self.keys[row]}.{self.fields[column].key}"

    def paths(self) -> list[str]:
        return [self.path(r, c) for r in range(len(self.keys)) for c in range(len(self.fields))]

    def locate(self, path: str) -> QModelIndex | None:
        rest = path[len(self.editor.path) + 1:] if path.startswith(f"{self.editor.path}.") else ""
        key, _, field = rest.partition(".")
        if key not in self.keys:
            return None
        column = next((i for i, f in enumerate(self.fields) if f.key == field), None)
        return None if column is None else self.index(self.keys.index(key), column)

    def spec(self, index: Index) -> FieldSpec | None:
        return self.bridge.session.specs.get(self.path(index.row(), index.column()))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.fields)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            item = self.fields[section]
            return self.editor.page.ctx.fill(item.label) + ("＊" if item.required else "")
        return self.editor.label_of(self.keys[section])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        spec = self.spec(index)
        if spec is None:
            return None
        key = (self.keys[index.row()], self.fields[index.column()].key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return handler(spec).show(spec, self.bridge.value(spec.path))
        if role == Qt.ItemDataRole.BackgroundRole:
            if key in self.refused:
                return REFUSED_BG
            return COMPUTED_BG if spec.computed else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if key in self.refused:
                return self.refused[key]
            if spec.options:
                return "、".join(w for _c, w in spec.options)
            return VALUE_HINTS.get(spec.kind.value)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return spec.label
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        spec = self.spec(index)
        if spec is None:
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return base if spec.computed or self.bridge.locked else base | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        spec = self.spec(index)
        assert spec is not None
        key = (self.keys[index.row()], self.fields[index.column()].key)
        try:
            parsed = handler(spec).parse(spec, "" if value is None else str(value))
        except KindError as exc:
            message = f"{spec.label}: {exc}"
            self.refused[key] = message
            self.bridge.message.emit(message)
            self.dataChanged.emit(index, index)
            return False
        self.refused.pop(key, None)
        self.bridge.edit(spec.path, parsed)
        self.dataChanged.emit(index, index)
        return True

    def refresh(self) -> None:
        if self.keys and self.fields:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.keys) - 1, len(self.fields) - 1))


class ChoiceDelegate(QStyledItemDelegate):
    """A single choice's cell is edited with a combo of its options' wordings."""

    def __init__(self, model: RowsModel, parent: QWidget) -> None:
        super().__init__(parent)
        self.rows = model

    def _single_choice(self, index: Index) -> FieldSpec | None:
        spec = self.rows.spec(index)
        return spec if spec is not None and spec.kind is FieldKind.CHOICE and not spec.multiple else None

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:  # noqa: N802
        spec = self._single_choice(index)
        if spec is None:
            return super().createEditor(parent, option, index)
        combo = QComboBox(parent)
        combo.addItem("")
        for _code, wording in spec.options:
            combo.addItem(wording)
        combo.setAccessibleName(spec.label)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        if isinstance(editor, QComboBox):
            editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model, index: Index) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)
