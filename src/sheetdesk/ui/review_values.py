"""What a person types into the review table, read back as a field value of the field's kind.

The review dialog shows every imported value as text; only the rows the
person changed are read back here, so an untouched value keeps its exact
imported form (a Decimal stays the Decimal the file held).
"""

from __future__ import annotations

import re
import unicodedata

from sheetdesk.forms.definition import FieldKind, FieldSpec
from sheetdesk.glossary import GRADES, Direction
from sheetdesk.model.sheet import Value
from sheetdesk.model.values import CellError, parse_cell

_LIST_SPLIT = re.compile(r"[、,，\n]")


class ReviewValueError(ValueError):
    """Text that is not a value of the field's kind; the message is for the user."""


def show_value(value: Value) -> str:
    from sheetdesk.render.display import value_text

    return value_text(value)


def read_value(spec: FieldSpec, text: str) -> Value:
    """The value of ``spec``'s kind that ``text`` stands for (None when empty)."""
    raw = text.strip()
    if not raw:
        return None
    kind = spec.kind
    if kind is FieldKind.LIST:
        return tuple(t.strip() for t in _LIST_SPLIT.split(raw) if t.strip())
    if kind is FieldKind.NUMBER:
        try:
            return parse_cell(raw)
        except CellError as exc:
            raise ReviewValueError(f"「{spec.label}」: {exc}") from None
    if kind is FieldKind.DIRECTION:
        for d in Direction:
            if raw in (d.label, d.value):
                return d
        choices = "・".join(d.label for d in Direction)
        raise ReviewValueError(f"「{spec.label}」は「{choices}」のどちらかを入力してください")
    if kind is FieldKind.GRADE:
        codes = [c for c, _ in spec.options] or list(GRADES)
        code = unicodedata.normalize("NFKC", raw).strip().upper()
        code = next((c for c in codes if code == c.upper() or code.startswith((f"{c.upper()}:", f"{c.upper()} "))), None)
        if code is None:
            raise ReviewValueError(f"「{spec.label}」は{'・'.join(codes)}のいずれかを入力してください")
        return code
    return text.rstrip()
