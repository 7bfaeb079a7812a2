"""The editor widget of each kind of value, registered once (the editor never switches on kinds).

`field_view(bridge, spec)` makes the widget that edits one field: a text
(one line or many), a list of texts, a choice (a combo for one option, check
boxes for several), a grade, a number cell, a measure, a date (in 和暦), an
indicator's direction, or a computed judgement a person may override.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from sheetdesk.forms.fields import FieldKind, FieldSpec
from sheetdesk.glossary import GRADES, Achievement, Comparison, Direction
from sheetdesk.ui.fields.base import FieldView
from sheetdesk.ui.fields.check_group import CheckGroupField
from sheetdesk.ui.fields.choice_field import ChoiceField
from sheetdesk.ui.fields.judgement_field import JudgementField
from sheetdesk.ui.fields.list_field import ListField
from sheetdesk.ui.fields.text_field import TextField
from sheetdesk.ui.fields.value_field import ParsedField
from sheetdesk.ui.session_bridge import SheetBridge

Maker = Callable[[SheetBridge, FieldSpec, "str | None", "str | None"], FieldView]


def _choice(bridge: SheetBridge, spec: FieldSpec, title: str | None, note: str | None) -> FieldView:
    if spec.multiple:
        return CheckGroupField(bridge, spec, title, note)
    return ChoiceField(bridge, spec, list(spec.options), title, note)


def _grade(bridge: SheetBridge, spec: FieldSpec, title: str | None, note: str | None) -> FieldView:
    options = [(code, f"{code}：{wording}") for code, wording in spec.options]
    return ChoiceField(bridge, spec, options, title, note)


def _direction(bridge: SheetBridge, spec: FieldSpec, title: str | None, note: str | None) -> FieldView:
    return ChoiceField(bridge, spec, [(d, d.label) for d in Direction], title, note)


def _judgement(options: list) -> Maker:  # type: ignore[type-arg]
    def make(bridge: SheetBridge, spec: FieldSpec, title: str | None, note: str | None) -> FieldView:
        return JudgementField(bridge, spec, options)

    return make


_MAKERS: dict[FieldKind, Maker] = {
    FieldKind.TEXT: lambda b, s, t, n: TextField(b, s, t, n),
    FieldKind.LIST: lambda b, s, t, n: ListField(b, s),
    FieldKind.CHOICE: _choice,
    FieldKind.GRADE: _grade,
    FieldKind.NUMBER: lambda b, s, t, n: ParsedField(b, s, t, n),
    FieldKind.MEASURE: lambda b, s, t, n: ParsedField(b, s, t, n),
    FieldKind.DATE: lambda b, s, t, n: ParsedField(b, s, t, n),
    FieldKind.DIRECTION: _direction,
    FieldKind.ACHIEVEMENT: _judgement(list(Achievement)),
    FieldKind.COMPARISON: _judgement(list(Comparison)),
    FieldKind.GRADE_SUGGESTION: lambda bridge, spec, title, note: JudgementField(
        bridge, spec, [code for code, _ in spec.options] or list(GRADES)),
}
# rows are edited by the repeat editor (ui/repeat_editor.py), never as one field
assert set(_MAKERS) == set(FieldKind) - {FieldKind.ROWS}, "every kind of value has its editor widget"


def field_view(bridge: SheetBridge, spec: FieldSpec, title: str | None = None, note: str | None = None,
               parent: QWidget | None = None) -> FieldView:
    view = _MAKERS[spec.kind](bridge, spec, title, note)
    if parent is not None:
        view.setParent(parent)
    return view
