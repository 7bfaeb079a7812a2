"""Rows to a Sheet and a Sheet back to rows, writing only what changed.

Every write of a sheet (a field edit, a whole-sheet save, an import that
replaces) goes through ``write_sheet``: it compares the stored rows with the
new sheet, inserts/updates/deletes value rows, writes one history row per
changed field, copies the identity columns and bumps the version with a
compare-and-set, so a concurrent writer cannot be overwritten.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Table, bindparam, delete, insert, select, update
from sqlalchemy.engine import CursorResult, Row
from sqlalchemy.orm import Session

from sheetdesk.forms.definition import FieldKind, FieldSpec, FormDefinition
from sheetdesk.model import Sheet
from sheetdesk.model.sheet import is_empty
from sheetdesk.store import codec
from sheetdesk.store.assemble import HEAD_NAMES, ROW_NAMES
from sheetdesk.store.assemble import FieldsOf as FieldsOf  # re-exported with the two below
from sheetdesk.store.assemble import sheet_from_rows as sheet_from_rows
from sheetdesk.store.assemble import utc as utc
from sheetdesk.store.errors import InvalidChangeError, StaleVersionError
from sheetdesk.store.records import STATUS_PATH
from sheetdesk.store.schema import OVERRIDE, VALUE, HistoryRow, SheetRow, ValueRow
from sheetdesk.store.search import search_key

# a declarative class's __table__ is its Table (typed as the wider FromClause)
SHEETS = cast(Table, SheetRow.__table__)
VALUES = cast(Table, ValueRow.__table__)
HISTORY = cast(Table, HistoryRow.__table__)

Key = tuple[str, str]  # (bucket, path)


@dataclass(frozen=True)
class Stored:
    id: int
    value: str | None
    unchanged: bool


def copy_sheet(sheet: Sheet, **changes: Any) -> Sheet:
    return dataclasses.replace(sheet, values=dict(sheet.values), overrides=dict(sheet.overrides), **changes)


HEAD_COLUMNS = [SHEETS.c[n] for n in HEAD_NAMES]
ROW_COLUMNS = [VALUES.c[n] for n in ROW_NAMES]


def stored_json(row: Row[Any]) -> str | None:
    """The exchange JSON of a stored row, whichever column holds it (see ValueRow)."""
    if row.value is not None:
        return str(row.value)
    if row.search_text is not None:
        return json.dumps(row.search_text, ensure_ascii=False)
    return None


def read_head(session: Session, sheet_id: int, lock: bool = False) -> Row[Any] | None:
    stmt = select(*HEAD_COLUMNS).where(SHEETS.c.id == sheet_id)
    if lock:
        stmt = stmt.with_for_update()
    return session.execute(stmt).first()


def read_rows(session: Session, sheet_id: int) -> list[Row[Any]]:
    return list(session.execute(select(*ROW_COLUMNS).where(VALUES.c.sheet_id == sheet_id)))


def _key(text: str | None) -> str | None:
    return None if text is None else search_key(text)


class Wanted(NamedTuple):
    json: str | None  # exchange JSON, what history records and comparisons use
    text: str | None  # search_text
    unchanged: bool
    column: str | None  # what the value column holds: the JSON, or NULL for a text field


def desired_rows(sheet: Sheet, specs: dict[str, FieldSpec], only: set[str] | None = None) -> dict[Key, Wanted]:
    """(bucket, path) -> (JSON value, search text, unchanged flag, value column) for every row the sheet needs.

    ``only`` limits the work to some paths (an edit of a few fields).
    """
    out: dict[Key, Wanted] = {}
    unchanged = sheet.unchanged_since_rollover if only is None else sheet.unchanged_since_rollover & only
    for bucket, values, want_computed in ((VALUE, sheet.values, False), (OVERRIDE, sheet.overrides, True)):
        if only is not None:
            values = {p: values[p] for p in only if p in values}
        for path, value in values.items():
            if is_empty(value):
                continue
            spec = specs.get(path)
            if spec is None:
                raise InvalidChangeError(f"この様式にない項目です（{path}）")
            if spec.computed != want_computed:
                raise InvalidChangeError(
                    f"「{spec.label}」は計算項目のため、上書きとしてのみ入力できます" if spec.computed
                    else f"「{spec.label}」は計算項目ではないため上書きできません")
            encoded = codec.encode(spec, value)
            out[(bucket, path)] = Wanted(encoded, codec.search_text(spec, value), path in sheet.unchanged_since_rollover,
                                         None if spec.kind is FieldKind.TEXT else encoded)
    for path in unchanged:
        if (VALUE, path) not in out:
            if path not in specs:
                raise InvalidChangeError(f"この様式にない項目です（{path}）")
            out[(VALUE, path)] = Wanted(None, None, True, None)
    return out


def identity_columns(form: FormDefinition, sheet: Sheet) -> dict[str, Any]:
    ident = sheet.identity(form)
    return {
        "form_id": sheet.form_id, "form_version": sheet.form_version,
        "municipality": sheet.plan.municipality, "plan_name": sheet.plan.name,
        "plan_start_year": sheet.plan.start_year, "plan_end_year": sheet.plan.end_year,
        "evaluation_year": sheet.evaluation_year,
        "measure_code": ident["code"], "measure_name": ident["name"],
        "policy_name": ident["policy"], "lead_section": ident["section"],
        "status": sheet.status.value,
    }


def insert_sheet(session: Session, form: FormDefinition, sheet: Sheet, specs: dict[str, FieldSpec],
                 now: datetime) -> int:
    rows = desired_rows(sheet, specs)
    sheet_id = session.execute(
        insert(SHEETS).values(**identity_columns(form, sheet), version=1, created_at=now, updated_at=now)
        .returning(SHEETS.c.id)
    ).scalar_one()
    if rows:
        session.execute(insert(VALUES), [
            {"sheet_id": sheet_id, "bucket": b, "path": p, "value": w.column, "search_text": w.text,
             "search_key": _key(w.text), "unchanged_since_rollover": w.unchanged}
            for (b, p), w in rows.items()
        ])
    return sheet_id


_History = list[tuple[Key, str | None, str | None]]


def _value_row_changes(sheet_id: int, current: dict[Key, Stored], wanted: dict[Key, Wanted]
                       ) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[int], _History]:
    """The value rows to insert, update and delete, and the history entries (key, old, new) they make."""
    inserts: list[dict[str, Any]] = []
    updates: list[dict[str, Any]] = []
    deletes: list[int] = []
    history: _History = []
    for key, (value, text, unchanged, column) in wanted.items():
        have = current.get(key)
        if have is None:
            inserts.append({"sheet_id": sheet_id, "bucket": key[0], "path": key[1], "value": column,
                            "search_text": text, "search_key": _key(text), "unchanged_since_rollover": unchanged})
        elif have.value != value or have.unchanged != unchanged:
            updates.append({"row_id": have.id, "value": column, "search_text": text, "search_key": _key(text),
                            "unchanged_since_rollover": unchanged})
        if (have.value if have else None) != value:
            history.append((key, have.value if have else None, value))
    for key, have in current.items():
        if key not in wanted:
            deletes.append(have.id)
            if have.value is not None:
                history.append((key, have.value, None))
    return inserts, updates, deletes, history


def _write_value_rows(session: Session, inserts: list[dict[str, Any]], updates: list[dict[str, Any]],
                      deletes: list[int]) -> None:
    if deletes:
        session.execute(delete(VALUES).where(VALUES.c.id.in_(deletes)))
    if updates:
        session.execute(
            update(VALUES).where(VALUES.c.id == bindparam("row_id"))
            .values(value=bindparam("value"), search_text=bindparam("search_text"), search_key=bindparam("search_key"),
                    unchanged_since_rollover=bindparam("unchanged_since_rollover")),
            updates,
        )
    if inserts:
        session.execute(insert(VALUES), inserts)


def write_sheet(session: Session, form: FormDefinition, stored: list[Row[Any]], old: Sheet, new: Sheet,
                specs: dict[str, FieldSpec], user: str, now: datetime, note: str | None = None,
                only: set[str] | None = None) -> bool:
    """Write ``new`` over ``old`` (read in this transaction); False when nothing differs.

    The history rows get the version the write produces; status changes are
    recorded here too when ``new.status`` differs (imports replace status).
    With ``only``, just those paths are compared (the caller changed nothing else).
    """
    assert old.id is not None
    current = {(r.bucket, r.path): Stored(r.id, stored_json(r), r.unchanged_since_rollover) for r in stored
               if only is None or r.path in only}
    wanted = desired_rows(new, specs, only)
    head_changed = identity_columns(form, new) != identity_columns(form, old)
    inserts, updates, deletes, history = _value_row_changes(old.id, current, wanted)
    if not (inserts or updates or deletes or head_changed):
        if new.version != old.version:
            raise StaleVersionError(old.id, new.version, old.version)
        return False

    version = old.version + 1
    result = cast(CursorResult[Any], session.execute(  # an UPDATE's result is a cursor's: it has rowcount
        update(SHEETS).where(SHEETS.c.id == old.id, SHEETS.c.version == new.version)
        .values(**identity_columns(form, new), version=version, updated_at=now)
    ))
    if result.rowcount != 1:
        raise StaleVersionError(old.id, new.version, old.version)
    _write_value_rows(session, inserts, updates, deletes)
    rows = [{"sheet_id": old.id, "at": now, "user": user, "bucket": b, "path": p, "old": o, "new": n,
             "version": version, "note": note} for (b, p), o, n in history]
    if new.status != old.status:
        rows.append({"sheet_id": old.id, "at": now, "user": user, "bucket": STATUS_PATH, "path": STATUS_PATH,
                     "old": codec.encode_plain(old.status.value), "new": codec.encode_plain(new.status.value),
                     "version": version, "note": note})
    if rows:
        session.execute(insert(HISTORY), rows)
    return True
