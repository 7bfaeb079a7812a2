"""`sheetdesk list` on a current SQLite file, read with the standard library alone.

The whole store (SQLAlchemy, the form definitions, pydantic) costs about half
a second to import, twenty times what listing a thousand rows costs. A file
that is at this version's schema (HEAD_REVISION) is therefore read here with
sqlite3, read-only; anything else — no file yet, an older schema to migrate,
a newer one to refuse, PostgreSQL — returns None and the caller opens the
full store, which says what is wrong. The rows and their order are the
store's (tests/cli/test_quick_list.py compares them with SheetStore.list).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sheetdesk.ordering import natural_key
from sheetdesk.schema_version import connect_current


@dataclass(frozen=True)
class ListedSheet:
    """The columns of SheetSummary that `sheetdesk list` prints."""

    id: int
    form_id: str
    form_version: int
    evaluation_year: int
    measure_code: str
    measure_name: str
    policy_name: str
    lead_section: str
    status: str
    version: int
    updated_at: datetime


def sqlite_path(db: str | None) -> Path | None:
    """The file `--db` names (None: the default database), or None for a URL."""
    if db is None:
        from sheetdesk.paths import app_dirs

        return app_dirs().default_database
    if "://" in db:
        return None
    return Path(db).expanduser().resolve()


_QUERY = ("SELECT id, form_id, form_version, evaluation_year, measure_code, measure_name, policy_name,"
          " lead_section, status, version, updated_at FROM sheets")


def quick_list(db: str | None, year: int | None = None) -> list[ListedSheet] | None:
    """The sheets in the store's order, or None when the full store must open the database."""
    path = sqlite_path(db)
    con = None if path is None else connect_current(path)
    if con is None:
        return None
    try:
        if year is None:
            rows = con.execute(_QUERY).fetchall()
        else:
            rows = con.execute(_QUERY + " WHERE evaluation_year = ?", (year,)).fetchall()
    except sqlite3.Error:
        return None
    finally:
        con.close()
    out = [ListedSheet(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], _utc(r[10])) for r in rows]
    out.sort(key=lambda x: (natural_key(x.measure_code), x.evaluation_year, x.id))
    return out


def _utc(value: str | datetime) -> datetime:
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)
