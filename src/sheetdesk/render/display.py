"""What a box prints: the sheet's value at a path turned into the words on paper.

Numbers get thousands separators and keep their decimals as entered; the
marks `-` and `未集計` print as themselves; an empty cell prints nothing
(never 0); a grade prints with its wording, e.g. 「E:ほぼすべての目標が未達成であった」.
"""

from __future__ import annotations

from decimal import Decimal

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.items import ChoiceType, FieldItem, Option
from sheetdesk.glossary import Achievement, Comparison, Direction, Mark
from sheetdesk.model.sheet import Value
from sheetdesk.model.values import format_cell
from sheetdesk.render.geometry import Placed

LIST_SEPARATOR = "、"
GRADE_SEPARATOR = ":"  # 「E:ほぼすべての目標が未達成であった」 as the sheet prints it
LEGEND_SEPARATOR = "："  # 「B：一定の成果を挙げているが…」 as the legend prints it


def grade_options(form: FormDefinition, key: str) -> list[Option]:
    """The grades (code, wording) of the grade field at ``key``, for its printed legend."""
    item = form.item(key)
    if isinstance(item, FieldItem) and isinstance(item.value, ChoiceType):
        return list(item.value.options)
    raise KeyError(key)


def value_text(value: Value) -> str:
    """A value as plain text, whatever its kind."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(value)
    if isinstance(value, Decimal | Mark):
        return format_cell(value)
    if isinstance(value, Direction):
        return value.label
    if isinstance(value, Achievement | Comparison):
        return value.value
    return str(value)


def box_text(form: FormDefinition, placed: Placed, values: dict[str, Value]) -> str:
    """The text printed in one placed box."""
    if placed.kind in ("label", "heading"):
        return placed.text or ""
    if placed.kind == "blank":
        return ""
    if placed.kind == "legend":
        assert placed.path is not None
        return "\n".join(f"{g.code}{LEGEND_SEPARATOR}{g.wording}" for g in grade_options(form, placed.path))
    assert placed.path is not None
    value = values.get(placed.path)
    if placed.kind == "grade" and isinstance(value, str) and value:
        if placed.grade_show == "code":
            return value
        wording = next((g.wording for g in grade_options(form, placed.path) if g.code == value), "")
        return f"{value}{GRADE_SEPARATOR}{wording}" if wording else value
    return value_text(value).rstrip()
