"""Stored rows to a Sheet, with no SQLAlchemy: the store and the read-only SQLite door share it.

A row is anything with the columns as attributes: SQLAlchemy's Row in the
store, a named tuple of sqlite3 columns in `sheetdesk.store.readonly`. One
function builds the Sheet from either, so both read a sheet the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from sheetdesk.forms.fields import FieldSpec
from sheetdesk.glossary import Status
from sheetdesk.model.sheet import Plan, Sheet
from sheetdesk.store import codec
from sheetdesk.store.records import OVERRIDE

FieldsOf = Callable[[Sheet], dict[str, FieldSpec]]

# The columns a Sheet is built from: of `sheets`, and of each of its `sheet_values`.
HEAD_NAMES = ("id", "form_id", "form_version", "municipality", "plan_name", "plan_start_year", "plan_end_year",
              "evaluation_year", "status", "version", "measure_code")
ROW_NAMES = ("id", "bucket", "path", "value", "search_text", "unchanged_since_rollover")


def utc(dt: datetime) -> datetime:
    """Timestamps come back naive from SQLite and in the session zone from PostgreSQL."""
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def sheet_from_rows(head: Any, rows: Iterable[Any], fields_of: FieldsOf) -> Sheet:
    """``head`` has the HEAD_NAMES columns as attributes, each of ``rows`` the ROW_NAMES."""
    sheet = Sheet(
        form_id=head.form_id,
        form_version=head.form_version,
        plan=Plan(head.municipality, head.plan_name, head.plan_start_year, head.plan_end_year),
        evaluation_year=head.evaluation_year,
        status=Status(head.status),
        id=head.id,
        version=head.version,
    )
    specs = fields_of(sheet)
    unchanged = set()
    for r in rows:
        if r.unchanged_since_rollover:
            unchanged.add(r.path)
        target = sheet.overrides if r.bucket == OVERRIDE else sheet.values
        if r.value is not None:
            target[r.path] = codec.decode(specs.get(r.path), r.value)
        elif r.search_text is not None:  # a text field: its text is kept once, in search_text
            target[r.path] = r.search_text
    sheet.unchanged_since_rollover = frozenset(unchanged)
    return sheet
