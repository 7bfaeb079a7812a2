"""Checks a sheet before it is submitted: what is missing, implausible or will not print.

Each `Issue` names the field path so the editor can jump to it; the messages
are the Japanese a user reads in the validation panel. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sheetdesk.app.capacity import text_fit
from sheetdesk.app.rows import row_words
from sheetdesk.forms.definition import FieldKind, FieldSpec, FormDefinition
from sheetdesk.glossary import CHECK_WORDS as WORDS
from sheetdesk.glossary import PERCENT_UNITS, ROW_WORDS
from sheetdesk.model import Sheet, compute
from sheetdesk.model.sheet import is_empty
from sheetdesk.wareki import short_year_label


@dataclass(frozen=True)
class Issue:
    path: str
    label: str
    message: str


def _where(spec: FieldSpec) -> str:
    return f"{spec.label}（{short_year_label(spec.year)}）" if spec.year else spec.label


def _unit_of(sheet: Sheet, spec: FieldSpec) -> str | None:
    """The unit a number cell is read in: the row's own unit, or its indicator's 単位 field."""
    if spec.unit:
        return spec.unit
    prefix = spec.path.rsplit(".", 2)[0]
    unit = sheet.values.get(f"{prefix}.unit")
    return unit.strip() if isinstance(unit, str) else None


def validate(form: FormDefinition, sheet: Sheet) -> list[Issue]:
    """Every issue of the sheet, in the paper's order (rows a user added included)."""
    specs = form.fields(sheet.context, sheet.values)
    computed = compute(form, sheet)
    issues: list[Issue] = []
    for path, spec in specs.items():
        value = sheet.values.get(path)
        where = _where(spec)
        if spec.required and is_empty(value):
            issues.append(Issue(path, where, WORDS["required"]))
        if spec.kind is FieldKind.ROWS:
            issues.extend(_rows(spec, value, where))
        if spec.kind is FieldKind.TEXT and isinstance(value, str):
            fit = text_fit(form, sheet.context, spec, value)
            if fit is not None and fit.overflowing:
                issues.append(Issue(path, where, WORDS["overflow"].format(used=fit.used, capacity=fit.capacity)))
        if spec.kind is FieldKind.NUMBER and not spec.computed and isinstance(value, Decimal):
            message = _out_of_range(sheet, spec, value)
            if message:
                issues.append(Issue(path, where, message))
        c = computed.get(path)
        if c is not None and c.override is not None and c.computed is not None and c.overridden:
            issues.append(Issue(path, where, WORDS["override"].format(override=_show(c.override),
                                                                      computed=_show(c.computed))))
    return issues


def _rows(spec: FieldSpec, value: object, where: str) -> list[Issue]:
    """Fewer rows than the form asks for, or more than it allows."""
    count = len(value) if isinstance(value, tuple) else 0
    what = row_words(spec)
    if count < spec.min_rows:
        return [Issue(spec.path, where, ROW_WORDS["too_few"].format(what=what, min=spec.min_rows, count=count))]
    if spec.max_rows is not None and count > spec.max_rows:
        return [Issue(spec.path, where, ROW_WORDS["too_many"].format(what=what, max=spec.max_rows, count=count))]
    return []


def _out_of_range(sheet: Sheet, spec: FieldSpec, value: Decimal) -> str | None:
    """A percentage outside 0–100, or a value outside the range the form declares."""
    unit = _unit_of(sheet, spec)
    if unit in PERCENT_UNITS and not (0 <= value <= 100):
        return WORDS["percent"].format(unit=unit, value=value)
    if spec.minimum is not None and value < spec.minimum:
        if spec.minimum == 0:
            return WORDS["negative"].format(value=value)
        return WORDS["below"].format(minimum=spec.minimum, value=value)
    if spec.maximum is not None and value > spec.maximum:
        return WORDS["above"].format(maximum=spec.maximum, value=value)
    return None


def _show(value: object) -> str:
    return str(getattr(value, "value", value))
