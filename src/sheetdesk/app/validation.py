"""Checks a sheet before it is submitted: what is missing, implausible or will not print.

Each `Issue` names the field path so the editor can jump to it; the messages
are the Japanese a user reads in the validation panel. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sheetdesk.app.capacity import text_fit
from sheetdesk.forms.definition import FieldKind, FieldSpec, FormDefinition
from sheetdesk.model import Sheet, compute
from sheetdesk.model.sheet import is_empty
from sheetdesk.wareki import short_year_label

_PERCENT_UNITS = {"％", "%"}
_COST_PREFIX = "cost."


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
    """Every issue of the sheet, in the paper's order."""
    specs = form.fields(sheet.context)
    computed = compute(form, sheet)
    issues: list[Issue] = []
    for path, spec in specs.items():
        value = sheet.values.get(path)
        where = _where(spec)
        if spec.required and is_empty(value):
            issues.append(Issue(path, where, "必須項目が入力されていません"))
        if spec.kind is FieldKind.TEXT and isinstance(value, str):
            fit = text_fit(form, sheet.context, spec, value)
            if fit is not None and fit.overflowing:
                issues.append(Issue(path, where, f"印刷欄に収まりません（{fit.used}字分／約{fit.capacity}字）"))
        if spec.kind is FieldKind.NUMBER and not spec.computed and isinstance(value, Decimal):
            unit = _unit_of(sheet, spec)
            if unit in _PERCENT_UNITS and not (0 <= value <= 100):
                issues.append(Issue(path, where, f"割合（{unit}）が0～100の範囲外です（{value}）"))
            elif path.startswith(_COST_PREFIX) and value < 0:
                issues.append(Issue(path, where, f"費用・数量が負の値です（{value}）"))
        c = computed.get(path)
        if c is not None and c.override is not None and c.computed is not None and c.overridden:
            issues.append(Issue(
                path, where,
                f"上書きした値「{_show(c.override)}」が数値からの計算値「{_show(c.computed)}」と異なります",
            ))
    return issues


def _show(value: object) -> str:
    return str(getattr(value, "value", value))
