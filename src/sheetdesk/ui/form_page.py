"""One editor page generated from one section of the form definition, in the paper's order.

Widgets are created in the order the paper reads, so Qt's default Tab order
follows the paper. Labels are the form's own words (placeholders filled).
Each kind of item has one builder, registered in ``_BUILDERS``; each kind of
value one widget (ui/fields/registry.py); rows a user adds are edited by the
repeat editor (ui/repeat_editor.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QGroupBox, QLabel, QLayout, QScrollArea, QVBoxLayout, QWidget

from sheetdesk.forms.definition import FieldItem, FormDefinition, RecordItem, RepeatItem, Section, SeriesItem
from sheetdesk.glossary import FIELD_PART_LABELS
from sheetdesk.ui.fields.base import FieldView
from sheetdesk.ui.fields.registry import field_view
from sheetdesk.ui.fields.rollover_tag import SectionReviewButton
from sheetdesk.ui.fields.series_model import SeriesColumn, SeriesRow
from sheetdesk.ui.fields.series_table import SeriesTable
from sheetdesk.ui.session_bridge import SheetBridge
from sheetdesk.ui.view_index import ViewIndex


def join(prefix: str, key: str) -> str:
    """A path below ``prefix``; an empty key (a repeat at its parent's path) is ``prefix`` itself."""
    if not key:
        return prefix
    return f"{prefix}.{key}" if prefix else key


class FormPage(QScrollArea):
    """A scrollable page; ``views`` maps every path shown here to the view that edits it."""

    def __init__(self, bridge: SheetBridge, form: FormDefinition, sections: list[Section],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge, self.form = bridge, form
        self.ctx = bridge.session.sheet.context
        self.specs = bridge.session.specs
        self.index = ViewIndex()
        self.views = self.index.views
        self.words = ""  # the words of the unboxed groups being built (a record holding only rows)
        self.setWidgetResizable(True)
        body = QWidget()
        self.column = QVBoxLayout(body)
        for section in sections:
            title = QLabel(form.section_label(section.key, self.ctx))
            title.setStyleSheet("font-size: 15pt; font-weight: bold; padding: 6px 0;")
            title.setWordWrap(True)
            self.column.addWidget(title)
            self.column.addWidget(SectionReviewButton(bridge, section.key, body))
            for item in section.items:
                self.build(item, self.column)
        self.column.addStretch(1)
        self.setWidget(body)

    def view_for(self, path: str) -> FieldView | None:
        return self.index.find(path)

    def build(self, item: object, layout: QVBoxLayout, prefix: str = "", index: ViewIndex | None = None) -> None:
        """Add the widgets of one item at ``prefix`` (a record's or a row's path) to ``layout``."""
        _BUILDERS[type(item)](self, item, layout, prefix, index or self.index)

    def add(self, view: FieldView, layout: QLayout, index: ViewIndex | None = None) -> None:
        layout.addWidget(view)
        (index or self.index).add(view)

    def field(self, path: str, layout: QLayout, index: ViewIndex, title: str | None = None,
              note: str | None = None) -> None:
        self.add(field_view(self.bridge, self.specs[path], title, note), layout, index)

    def box(self, title: str, layout: QLayout) -> tuple[QGroupBox, QVBoxLayout]:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        layout.addWidget(box)
        return box, inner

    def fill(self, text: str | None) -> str | None:
        return self.ctx.fill(text) if text else None


Builder = Callable[[FormPage, Any, QVBoxLayout, str, ViewIndex], None]


# --- composable items ------------------------------------------------------------


def _field_item(page: FormPage, item: FieldItem, layout: QVBoxLayout, prefix: str, index: ViewIndex) -> None:
    label = f"{item.group_label}\n{item.label}" if item.group_label else item.label
    path = join(prefix, item.key)
    page.field(path, layout, index, page.fill(label), page.fill(item.note))
    if f"{path}.suggested" in page.specs:  # the grade a rule suggests, under the grade
        page.field(f"{path}.suggested", layout, index)


def _record(page: FormPage, item: RecordItem, layout: QVBoxLayout, prefix: str, index: ViewIndex) -> None:
    if item.heading:
        layout.addWidget(_wrapped(page.ctx.fill(item.heading)))
    _group(page, page.ctx.fill(item.label), item.items, layout, join(prefix, item.key), index)


def _group(page: FormPage, words: str, items: list[Any], layout: QVBoxLayout, path: str, index: ViewIndex,
           title_field: str | None = None) -> None:
    """The items of a record or a row in a box titled ``words``; a group that only holds boxes is not boxed
    itself: its words begin the titles of the boxes inside (成果指標 施策の展開方向1 ア)."""
    words = " ".join(w for w in (page.words, words) if w)
    if not title_field and all(isinstance(i, RecordItem) or (isinstance(i, RepeatItem) and i.keys is not None)
                               for i in items):
        outer, page.words = page.words, words
        try:
            for child in items:
                page.build(child, layout, path, index)
        finally:
            page.words = outer
        return
    outer, page.words = page.words, ""
    try:
        inner = page.box(words, layout)[1] if words else layout
        if title_field:
            inner.addWidget(SlotName(page.bridge, f"{path}.{title_field}"))
        for child in items:
            page.build(child, inner, path, index)
    finally:
        page.words = outer


def _repeat(page: FormPage, item: RepeatItem, layout: QVBoxLayout, prefix: str, index: ViewIndex) -> None:
    path = join(prefix, item.key)
    if item.heading:
        layout.addWidget(_wrapped(page.ctx.fill(item.heading)))
    if item.keys is None:
        from sheetdesk.ui.repeat_editor import RepeatEditor

        editor = RepeatEditor(page, item, path)
        layout.addWidget(editor)
        index.repeats.append(editor)
        return
    for k in item.keys:
        _group(page, page.ctx.fill(item.key_label(k)), item.items, layout, join(path, k.key), index, item.title_field)


def _series(page: FormPage, item: SeriesItem, layout: QVBoxLayout, prefix: str, index: ViewIndex) -> None:
    base = join(prefix, item.key)
    unit = getattr(item.value, "unit", None)
    unit_path = join(prefix, item.unit_field) if item.unit_field else None
    label = page.ctx.fill(item.label)
    if item.rows:
        rows = [SeriesRow(page.ctx.fill(r.label), join(base, r.key), unit=r.unit or unit, unit_path=unit_path)
                for r in item.rows]
    else:
        rows = [SeriesRow(label, base, unit=unit, unit_path=unit_path)]
    heads = item.columns(page.ctx)
    columns = [SeriesColumn(part, heading) for part, heading, _year in heads]
    # a table of years knows them (a test, the year columns' scrolling); named points have none
    years = [year for _p, _h, year in heads if year is not None] if item.window is not None else []
    table = SeriesTable(page.bridge, label, rows, years, columns=columns, show_title=bool(label))
    first = page.specs.get(table.model.path(0, 0)) if columns else None
    if first is not None:  # the full label (活動指標1 実績) names the table for a screen reader
        name = first.label
        if item.points is not None:  # a named point's label ends with its point (…目標 基準値)
            name = name.removesuffix(f" {heads[0][1]}")
        name = name.removesuffix(f" {rows[0].label}") if item.rows else name
        table.view.setAccessibleName(name)
    page.add(table, layout, index)


_BUILDERS: dict[type, Builder] = {
    FieldItem: _field_item,
    RecordItem: _record,
    RepeatItem: _repeat,
    SeriesItem: _series,
}


def _wrapped(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


class SlotName(QLabel):
    """The indicator's 名称 (typed in section 1) shown above its numbers."""

    def __init__(self, bridge: SheetBridge, path: str) -> None:
        super().__init__()
        self.bridge, self.path = bridge, path
        self.setWordWrap(True)
        bridge.fieldsChanged.connect(self._changed)
        self._changed(frozenset({path}))

    def _changed(self, paths: frozenset[str]) -> None:
        if self.path in paths:
            name = self.bridge.value(self.path)
            label = FIELD_PART_LABELS["name"]
            self.setText(f"{label}: {name}" if isinstance(name, str) and name else f"{label}: （１で入力）")
