"""Field values to and from the text stored in the database.

The stored text is JSON in the exchange encoding (sheetdesk.exchange): numbers
as exact decimal strings, marks as "-" / "未集計", lists as arrays, judgements
and directions as their words. Encoding checks the value against the field's
kind first, so that a wrong value is refused with a message rather than
stored.
"""

from __future__ import annotations

import json
from decimal import Decimal

from sheetdesk.exchange import value_from_json, value_to_json
from sheetdesk.forms.definition import FieldKind, FieldSpec
from sheetdesk.glossary import Mark
from sheetdesk.model import Value
from sheetdesk.model.kinds import handler
from sheetdesk.store.errors import InvalidChangeError

_MARKS = {m.value: m for m in Mark}


def fits(spec: FieldSpec, value: Value) -> bool:
    """Whether a (non-empty) value is of the kind the field holds."""
    return handler(spec).fits(spec, value)


def encode(spec: FieldSpec, value: Value) -> str:
    """JSON text of a non-empty value; InvalidChangeError when it does not fit the field."""
    if not fits(spec, value):
        raise InvalidChangeError(f"「{spec.label}」に入れられない値です（{value!r}）")
    return json.dumps(value_to_json(spec, value), ensure_ascii=False)


def decode(spec: FieldSpec | None, text: str) -> Value:
    """The typed value of stored JSON text.

    A path the form no longer knows (``spec`` None) keeps its JSON shape
    (text, or a tuple for a list) rather than being dropped.
    """
    raw = json.loads(text)
    if spec is None:
        return tuple(raw) if isinstance(raw, list) else raw
    # the two kinds that fill most of a sheet, read without the importer's checks:
    # what the store wrote was checked on the way in
    if spec.kind is FieldKind.TEXT and isinstance(raw, str):
        return raw
    if spec.kind is FieldKind.NUMBER and isinstance(raw, str):
        mark = _MARKS.get(raw)
        return mark if mark is not None else Decimal(raw)
    return value_from_json(spec, raw)


def search_text(spec: FieldSpec, value: Value) -> str | None:
    """The text full-text search reads: texts as they are, lists one item a line, measures as written."""
    return handler(spec).search_text(spec, value)


def encode_plain(value: object) -> str | None:
    """JSON of a value that is not a field (the status in history)."""
    return None if value is None else json.dumps(str(value), ensure_ascii=False)
