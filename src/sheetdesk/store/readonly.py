"""Sheets read from a current SQLite file with sqlite3 alone, for a command that only reads.

SQLAlchemy costs about a quarter of a second to import (half of what
`sheetdesk export` may take as a whole); reading one sheet costs a few
milliseconds. A file at this version's schema (HEAD_REVISION) is therefore
read here, read-only, through the same `sheet_from_rows` as the store. Anything
else — no file, an older schema to migrate, a newer one to refuse, a file
that is not a SheetDesk database, a sheet that is not there, a lock that
does not go — returns None, and the caller opens the full store, which says
what is wrong in its own words (tests/store/test_readonly.py).
"""

from __future__ import annotations

import sqlite3
from collections import namedtuple
from collections.abc import Sequence
from pathlib import Path

from sheetdesk.forms.fields import FieldSpec
from sheetdesk.forms.loader import FormError, FormRegistry
from sheetdesk.model.sheet import Sheet
from sheetdesk.schema_version import connect_current
from sheetdesk.store.assemble import HEAD_NAMES, ROW_NAMES, FieldsOf, sheet_from_rows

# Attribute access to the columns, as SQLAlchemy's Row gives the store.
_Head = namedtuple("_Head", HEAD_NAMES)
_Row = namedtuple("_Row", ROW_NAMES)
_HEAD_SQL = f"SELECT {', '.join(HEAD_NAMES)} FROM sheets WHERE id = ?"
_ROWS_SQL = f"SELECT {', '.join(ROW_NAMES)} FROM sheet_values WHERE sheet_id = ?"
# As long as the store waits for a lock before it says so is too long for a shortcut: give way to it.
_LOCK_WAIT_SECONDS = 2.0


class ReadOnlySheets:
    """Sheets already read, handed out by ``load`` as SheetStore.load does (printing asks for that alone)."""

    def __init__(self, sheets: Sequence[Sheet]) -> None:
        self._by_id = {s.id: s for s in sheets}

    def load(self, sheet_id: int) -> Sheet:
        return self._by_id[sheet_id]

    @classmethod
    def read(cls, path: Path, sheet_ids: Sequence[int], registry: FormRegistry) -> ReadOnlySheets | None:
        """The sheets ``sheet_ids`` of the file, or None when the store must open it (see the module)."""
        con = connect_current(path, timeout=_LOCK_WAIT_SECONDS)
        if con is None:
            return None
        try:
            sheets = []
            for sheet_id in sheet_ids:
                head = con.execute(_HEAD_SQL, (sheet_id,)).fetchone()
                if head is None:
                    return None
                rows = [_Row(*r) for r in con.execute(_ROWS_SQL, (sheet_id,))]
                sheets.append(sheet_from_rows(_Head(*head), rows, _fields_of(registry)))
        except (sqlite3.Error, FormError):
            return None
        finally:
            con.close()
        return cls(sheets)


def _fields_of(registry: FormRegistry) -> FieldsOf:
    def fields(sheet: Sheet) -> dict[str, FieldSpec]:
        return registry.get(sheet.form_id, sheet.form_version).fields(sheet.context)

    return fields
