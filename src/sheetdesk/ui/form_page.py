"""One editor page generated from one section of the form definition, in the paper's order.

Widgets are created in the order the paper reads, so Qt's default Tab order
follows the paper. Labels are the form's own words (placeholders filled).
"""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from sheetdesk.forms.definition import (
    CostTableItem,
    FieldKind,
    FormDefinition,
    GradeItem,
    GroupRowsItem,
    IndicatorNamesItem,
    IndicatorSeriesItem,
    ListItem,
    Section,
    TextItem,
)
from sheetdesk.glossary import GRADES, Achievement, Comparison, Direction
from sheetdesk.ui.fields.base import FieldView
from sheetdesk.ui.fields.choice_field import ChoiceField
from sheetdesk.ui.fields.judgement_field import JudgementField
from sheetdesk.ui.fields.list_field import ListField
from sheetdesk.ui.fields.series_model import SeriesRow
from sheetdesk.ui.fields.series_table import SeriesTable
from sheetdesk.ui.fields.text_field import TextField
from sheetdesk.ui.session_bridge import SheetBridge

_JUDGEMENT_OPTIONS = {
    FieldKind.ACHIEVEMENT: list(Achievement),
    FieldKind.COMPARISON: list(Comparison),
    FieldKind.GRADE_SUGGESTION: list(GRADES),
}


class FormPage(QScrollArea):
    """A scrollable page; ``views`` maps every path shown here to the view that edits it."""

    def __init__(self, bridge: SheetBridge, form: FormDefinition, sections: list[Section],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bridge, self.form = bridge, form
        self.ctx = bridge.session.sheet.context
        self.specs = bridge.session.specs
        self.views: dict[str, FieldView] = {}
        self.setWidgetResizable(True)
        body = QWidget()
        self.column = QVBoxLayout(body)
        for section in sections:
            title = QLabel(form.section_label(section.key, self.ctx))
            title.setStyleSheet("font-size: 15pt; font-weight: bold; padding: 6px 0;")
            title.setWordWrap(True)
            self.column.addWidget(title)
            for item in section.items:
                self._item(item, self.column)
        self.column.addStretch(1)
        self.setWidget(body)

    def _add(self, view: FieldView, layout: QVBoxLayout) -> None:
        layout.addWidget(view)
        for p in view.paths:
            self.views[p] = view

    def _text(self, path: str, layout: QVBoxLayout, title: str | None = None, note: str | None = None) -> None:
        spec = self.specs[path]
        self._add(TextField(self.bridge, spec, title, note), layout)

    def _judgement(self, path: str, layout: QVBoxLayout) -> None:
        spec = self.specs[path]
        self._add(JudgementField(self.bridge, spec, _JUDGEMENT_OPTIONS[spec.kind]), layout)

    def _item(self, item: object, layout: QVBoxLayout) -> None:  # noqa: C901 - a flat dispatch on the item kind, until the form engine gives each kind its handler (issue 8)
        fill = self.ctx.fill
        if isinstance(item, TextItem):
            title = fill(f"{item.group_label}\n{item.label}" if item.group_label else item.label)
            self._text(item.key, layout, title, fill(item.note) if item.note else None)
        elif isinstance(item, ListItem):
            self._add(ListField(self.bridge, self.specs[item.key]), layout)
        elif isinstance(item, GradeItem):
            options = [(g.code, f"{g.code}：{g.wording}") for g in item.grades]
            note = fill(item.note) if item.note else None
            self._add(ChoiceField(self.bridge, self.specs[item.key], options, note=note), layout)
            if item.suggested:
                self._judgement(f"{item.key}.suggested", layout)
        elif isinstance(item, GroupRowsItem):
            group = self.form.groups[item.group]
            for g in group.slots:
                box, inner = self._box(f"{fill(item.label)}{g.label}", layout)
                for f in item.fields:
                    self._text(f"{item.key}.{g.key}.{f.key}", inner, f.label)
        elif isinstance(item, CostTableItem):
            rows = [SeriesRow(r.label.strip(), f"{item.key}.{r.key}", unit=r.unit) for r in item.rows]
            self._add(SeriesTable(self.bridge, fill(item.label), rows, self.ctx.years), layout)
        elif isinstance(item, IndicatorNamesItem):
            ind = self.form.indicator(item.indicator)
            layout.addWidget(_wrapped(fill(item.label)))
            for prefix, label in self.form.indicator_slots(ind):
                box, inner = self._box(label, layout)
                self._text(f"{prefix}.name", inner, "名称")
                self._text(f"{prefix}.unit", inner, "単位")
                if ind.judgements:
                    options = [(d, d.label) for d in Direction]
                    self._add(ChoiceField(self.bridge, self.specs[f"{prefix}.direction"], options, "指標の方向"), inner)
        elif isinstance(item, IndicatorSeriesItem):
            ind = self.form.indicator(item.indicator)
            for prefix, label in self.form.indicator_slots(ind):
                box, inner = self._box(f"{ind.label} {label}", layout)
                name = SlotName(self.bridge, f"{prefix}.name")
                inner.addWidget(name)
                rows = [SeriesRow(s.label, f"{prefix}.{s.key}", unit_path=f"{prefix}.unit") for s in ind.series]
                self._add(SeriesTable(self.bridge, f"{ind.label} {label}", rows, self.ctx.years,
                                      show_title=False), inner)
                if ind.note_label:
                    self._text(f"{prefix}.note", inner, ind.note_label)
                if ind.judgements:
                    self._judgement(f"{prefix}.achievement", inner)
                    self._judgement(f"{prefix}.comparison", inner)

    def _box(self, title: str, layout: QVBoxLayout) -> tuple[QGroupBox, QVBoxLayout]:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        layout.addWidget(box)
        return box, inner


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
            self.setText(f"名称: {name}" if isinstance(name, str) and name else "名称: （１で入力）")
