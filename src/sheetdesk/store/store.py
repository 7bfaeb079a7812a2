"""SheetStore: the one door to stored sheets (docs/architecture.md, "Store API").

Services of sheetdesk.app, the UI and the CLI call these methods and get plain
values back (Sheet, SheetSummary, HistoryEntry, SearchHit); no session or ORM
object leaves this module. Every change goes through one method that checks
the version, refuses changes to 確定 sheets, records history and bumps the
version in one transaction.
"""

from __future__ import annotations

import functools
import getpass
import os
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, ParamSpec, TypeVar

from sqlalchemy import URL, delete, insert, select
from sqlalchemy.engine import Row
from sqlalchemy.exc import ArgumentError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from sheetdesk.forms.definition import FieldSpec, FormDefinition, PlanContext
from sheetdesk.forms.loader import FormRegistry, default_registry
from sheetdesk.glossary import Status
from sheetdesk.model import Sheet
from sheetdesk.model.sheet import is_empty
from sheetdesk.store import codec, door
from sheetdesk.store import search as fulltext
from sheetdesk.store.dberrors import DRIVER_ERRORS, DatabaseError, is_transient, translate
from sheetdesk.store.engine import check_sqlite_path, make_engine, resolve_url
from sheetdesk.store.errors import (
    InvalidChangeError,
    SheetExistsError,
    SheetLockedError,
    SheetNotFoundError,
    StaleVersionError,
    StoreError,
    UnlockReasonRequiredError,
)
from sheetdesk.store.migrate import MigrationResult, upgrade
from sheetdesk.store.records import STATUS_PATH, Change, HistoryEntry, SearchHit, SheetSummary, natural_key
from sheetdesk.store.sheetio import (
    HISTORY,
    SHEETS,
    copy_sheet,
    insert_sheet,
    read_head,
    read_rows,
    sheet_from_rows,
    utc,
    write_sheet,
)
from sheetdesk.wareki import fiscal_year_label

P = ParamSpec("P")
R = TypeVar("R")
# How long a save or an import waits for a database another process holds (then it says so).
LOCK_WAIT_SECONDS = 20.0


def _guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Driver errors as the user's StoreError; a lock met before the commit is waited out, within a bound.

    Each try is a whole transaction that rolled back, so trying again can
    never write twice; an error after the commit is not retried.
    """

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        store: Any = args[0]
        deadline = time.monotonic() + store.lock_wait
        delay = 0.05
        while True:
            try:
                return method(*args, **kwargs)
            except StoreError:
                raise
            except DRIVER_ERRORS as exc:
                if is_transient(exc) and time.monotonic() + delay < deadline:
                    time.sleep(delay)
                    delay = min(delay * 2, 1.0)
                    continue
                raise translate(exc, store.url) from None

    return wrapper


def current_user() -> str:
    """The OS user name recorded in history (who changed what)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


class SheetStore:
    """Sheets in one database (a SQLite file or a PostgreSQL database)."""

    def __init__(self, engine: Any, url: URL, registry: FormRegistry, migration: MigrationResult,
                 user: str | None = None) -> None:
        self.engine = engine
        self.url = url
        self.registry = registry
        self.migration = migration
        self.user = user or current_user()
        self.lock_wait = LOCK_WAIT_SECONDS
        self._read = sessionmaker(engine)
        # SQLite: take the write lock when the transaction starts, so two
        # writers queue up instead of failing half way (see engine.py).
        self._write = sessionmaker(engine.execution_options(sqlite_begin="BEGIN IMMEDIATE"))
        self._fields = lru_cache(maxsize=256)(self._fields_uncached)

    # --- opening ----------------------------------------------------------

    @classmethod
    def open(cls, db: str | os.PathLike[str] | URL | None = None, *, registry: FormRegistry | None = None,
             user: str | None = None) -> SheetStore:
        """Open (creating or migrating as needed) the database: None = the default file, a path, or a URL.

        Raises DatabaseTooNewError for a file of a newer SheetDesk. After a
        migration ``store.migration.backup`` names the copy of the old file.
        """
        try:
            url = resolve_url(db)
        except OSError as exc:
            raise DatabaseError(f"{db} の場所を開けません（{exc.strerror or exc}）。") from None
        except ArgumentError:
            raise DatabaseError(f"{db} はデータベースの場所として読めません。"
                                "ファイル名、または postgresql://… の形で指定してください。") from None
        check_sqlite_path(url)
        engine = make_engine(url)
        try:
            migration = upgrade(engine, url)
        except StoreError:
            engine.dispose()
            raise
        except DRIVER_ERRORS as exc:
            engine.dispose()
            raise translate(exc, url) from None
        except BaseException:
            engine.dispose()
            raise
        return cls(engine, url, registry or default_registry(), migration, user)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> SheetStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def backend(self) -> str:
        """"sqlite" or "postgresql"."""
        return str(self.engine.dialect.name)

    # --- forms ------------------------------------------------------------

    def _fields_uncached(self, form_id: str, form_version: int, ctx: PlanContext) -> dict[str, FieldSpec]:
        return self.registry.get(form_id, form_version).fields(ctx)

    def fields_of(self, sheet: Sheet) -> dict[str, FieldSpec]:
        return self._fields(sheet.form_id, sheet.form_version, sheet.context)

    def _form(self, sheet: Sheet) -> FormDefinition:
        return self.registry.get(sheet.form_id, sheet.form_version)

    # --- reading ----------------------------------------------------------

    @_guarded
    def load(self, sheet_id: int) -> Sheet:
        with self._read() as s:
            head = read_head(s, sheet_id)
            if head is None:
                raise SheetNotFoundError(sheet_id)
            return sheet_from_rows(head, read_rows(s, sheet_id), self.fields_of)

    @_guarded
    def list(self, year: int | None = None, section: str | None = None, status: Status | str | None = None,
             *, policy: str | None = None, form_id: str | None = None) -> list[SheetSummary]:
        """Sheets in 施策番号 order ("1-2" before "1-10"), then by year; filters combine with AND."""
        c = SHEETS.c
        stmt = select(c.id, c.form_id, c.form_version, c.evaluation_year, c.measure_code, c.measure_name,
                      c.policy_name, c.lead_section, c.status, c.version, c.updated_at)
        for column, wanted in ((c.evaluation_year, year), (c.lead_section, section), (c.policy_name, policy),
                               (c.form_id, form_id), (c.status, Status(status).value if status else None)):
            if wanted is not None:
                stmt = stmt.where(column == wanted)
        with self._read() as s:
            rows = s.execute(stmt).all()
        out = [SheetSummary(r.id, r.form_id, r.form_version, r.evaluation_year, r.measure_code, r.measure_name,
                            r.policy_name, r.lead_section, _STATUS[r.status], r.version, utc(r.updated_at))
               for r in rows]
        out.sort(key=lambda x: (natural_key(x.measure_code), x.evaluation_year, x.id))
        return out

    @_guarded
    def find(self, form_id: str, code: str, year: int) -> int | None:
        c = SHEETS.c
        with self._read() as s:
            return s.execute(select(c.id).where(c.form_id == form_id, c.measure_code == code,
                                                c.evaluation_year == year)).scalar_one_or_none()

    @_guarded
    def history(self, sheet_id: int) -> list[HistoryEntry]:
        """Every recorded change of the sheet, oldest first."""
        sheet = self.load(sheet_id)
        specs = self.fields_of(sheet)
        with self._read() as s:
            rows = s.execute(select(HISTORY).where(HISTORY.c.sheet_id == sheet_id).order_by(HISTORY.c.id)).all()
        out = []
        for r in rows:
            if r.bucket == STATUS_PATH:
                old: Any = Status(codec.decode(None, r.old)) if r.old else None
                new: Any = Status(codec.decode(None, r.new)) if r.new else None
                label = "状態"
            else:
                spec = specs.get(r.path)
                old = codec.decode(spec, r.old) if r.old is not None else None
                new = codec.decode(spec, r.new) if r.new is not None else None
                label = spec.label if spec else r.path
            out.append(HistoryEntry(r.id, r.sheet_id, utc(r.at), r.user, r.path, label, old, new,
                                    r.bucket == "override", r.version, r.note))
        return out

    @_guarded
    def search(self, text: str, limit: int = 50, *, year: int | None = None, section: str | None = None,
               status: Status | str | None = None) -> list[SearchHit]:
        """Fields whose text contains ``text`` (any length, Japanese included, width and case folded).

        ``year``, ``section`` and ``status`` narrow the hits as they narrow ``list``.
        """
        filters = {"year": year, "section": section, "status": Status(status).value if status else None}
        return fulltext.search(self.engine, text, limit, self._hit_label, filters)

    def _hit_label(self, r: Row[Any]) -> str:
        ctx = PlanContext(r.municipality, r.plan_name, r.plan_start_year, r.plan_end_year, r.evaluation_year)
        try:
            spec = self._fields(r.form_id, r.form_version, ctx).get(r.path)
        except Exception:  # a form no longer installed: show the path rather than fail the search
            spec = None
        return spec.label if spec else r.path

    # --- writing ----------------------------------------------------------

    def _now(self) -> datetime:
        return datetime.now(UTC)

    def _admit(self, sheet: Sheet) -> None:
        """The door's rule (door.py) for every value of a sheet about to be written."""
        specs = self.fields_of(sheet)
        labels = {p: s.label for p, s in specs.items()}
        door.admit_sheet(sheet, labels)
        self._check_identity_limits(sheet)

    def _check_identity_limits(self, sheet: Sheet) -> None:
        form = self._form(sheet)
        specs = self.fields_of(sheet)
        labels = {role: specs[p].label if p in specs else role for role, p in form.identity.roles().items()}
        door.check_identity(sheet.identity(form), labels)

    def _check_identity(self, sheet: Sheet) -> str:
        """The sheet's 施策番号; InvalidChangeError when it or its 基本施策名 is empty.

        Both name a sheet in the list, the booklet and an exchange file, which
        asks for both: a sheet stored without one would export a file that
        loads nowhere.
        """
        form = self._form(sheet)
        ident = sheet.identity(form)
        for role in ("code", "name"):
            if not ident[role].strip():
                label = self.fields_of(sheet)[form.identity.roles()[role]].label
                raise InvalidChangeError(f"「{label}」を入力してください（シートを見分けるために必要です）")
        return ident["code"].strip()

    def _exists_error(self, sheet: Sheet) -> SheetExistsError:
        ident = sheet.identity(self._form(sheet))
        name = f"「{ident['name']}」" if ident["name"] else ""
        return SheetExistsError(
            f"施策番号 {ident['code']}{name}の{fiscal_year_label(sheet.evaluation_year)}のシートは既に登録されています。",
            sheet.form_id, ident["code"], sheet.evaluation_year)

    @_guarded
    def add(self, sheet: Sheet) -> Sheet:
        """Store a new sheet; returns it with its id and version 1."""
        self._check_identity(sheet)
        sheet = copy_sheet(sheet)
        self._admit(sheet)
        with self._write() as s, s.begin():
            try:
                sheet_id = insert_sheet(s, self._form(sheet), sheet, self.fields_of(sheet), self._now())
            except IntegrityError:
                raise self._exists_error(sheet) from None
        return copy_sheet(sheet, id=sheet_id, version=1)

    def _locked_for_update(self, s: Session, sheet_id: int, expected_version: int) -> tuple[Sheet, list[Row[Any]]]:
        head = read_head(s, sheet_id, lock=True)
        if head is None:
            raise SheetNotFoundError(sheet_id)
        if head.version != expected_version:
            raise StaleVersionError(sheet_id, expected_version, head.version)
        rows = read_rows(s, sheet_id)
        return sheet_from_rows(head, rows, self.fields_of), rows

    def _write_over(self, s: Session, old: Sheet, rows: list[Row[Any]], new: Sheet, note: str | None = None,
                    only: set[str] | None = None) -> Sheet:
        if old.status is Status.FINAL and not _same_content(old, new):
            raise SheetLockedError()
        before, after = old.identity(self._form(old)), new.identity(self._form(new))
        if (after["code"], after["name"]) != (before["code"], before["name"]):
            self._check_identity(new)
        self._check_identity_limits(new)
        try:
            with s.begin_nested():
                changed = write_sheet(s, self._form(new), rows, old, new, self.fields_of(new), self.user,
                                      self._now(), note, only)
        except IntegrityError:
            raise self._exists_error(new) from None
        return copy_sheet(new, version=old.version + 1 if changed else old.version)

    @_guarded
    def apply(self, sheet_id: int, expected_version: int, changes: Iterable[Change]) -> Sheet:
        """One edit operation: values, history and version, all or nothing; returns the sheet as stored."""
        with self._write() as s, s.begin():
            old, rows = self._locked_for_update(s, sheet_id, expected_version)
            new = copy_sheet(old)
            specs = self.fields_of(old)
            touched = set()
            for change in changes:
                spec = specs.get(change.path)
                if spec is None:
                    raise InvalidChangeError(f"この様式にない項目です（{change.path}）")
                target = new.overrides if change.override else new.values
                if is_empty(change.value):
                    target.pop(change.path, None)
                else:
                    target[change.path] = door.admit(change.value, spec.label)
                touched.add(change.path)
            new.unchanged_since_rollover = old.unchanged_since_rollover - touched
            return self._write_over(s, old, rows, new, only=touched)

    @_guarded
    def set_carried_over(self, sheet_id: int, expected_version: int, paths: Iterable[str], carried: bool,
                         note: str) -> Sheet:
        """Mark texts as reviewed (``carried=False``: no longer 前年度のまま) or as carried over again (undo).

        The texts themselves do not change; history records each one with
        ``note`` (old and new the same text), so the review is on record.
        """
        with self._write() as s, s.begin():
            old, rows = self._locked_for_update(s, sheet_id, expected_version)
            if old.status is Status.FINAL:
                raise SheetLockedError()
            specs = self.fields_of(old)
            wanted = {p for p in paths if p in specs}
            flags = (old.unchanged_since_rollover | wanted) if carried else (old.unchanged_since_rollover - wanted)
            changed = flags ^ old.unchanged_since_rollover
            if not changed:
                return old
            new = copy_sheet(old)
            new.unchanged_since_rollover = frozenset(flags)
            stored = self._write_over(s, old, rows, new, only=set(changed))
            at = self._now()
            s.execute(insert(HISTORY), [
                {"sheet_id": sheet_id, "at": at, "user": self.user, "bucket": "value", "path": p,
                 "old": text, "new": text, "version": stored.version, "note": note}
                for p in sorted(changed)
                for text in [codec.encode(specs[p], old.values[p]) if not is_empty(old.values.get(p)) else None]])
            return stored

    @_guarded
    def save(self, sheet: Sheet) -> Sheet:
        """Write a whole sheet over the stored one (version-checked; history per changed field).

        The status is not changed here: that is set_status's job.
        """
        if sheet.id is None:
            raise InvalidChangeError("まだ保存されていないシートです（add で追加してください）")
        with self._write() as s, s.begin():
            old, rows = self._locked_for_update(s, sheet.id, sheet.version)
            new = copy_sheet(sheet, status=old.status)
            self._admit(new)
            return self._write_over(s, old, rows, new)

    @_guarded
    def set_status(self, sheet_id: int, expected_version: int, status: Status | str,
                   reason: str | None = None) -> Sheet:
        """作成中 / 提出済 / 確定. Leaving 確定 needs a reason, which history keeps."""
        status = Status(status)
        note = reason.strip() if reason and reason.strip() else None
        with self._write() as s, s.begin():
            old, rows = self._locked_for_update(s, sheet_id, expected_version)
            if old.status is Status.FINAL and status is not Status.FINAL and note is None:
                raise UnlockReasonRequiredError()
            if status is old.status:
                return old
            return self._write_over(s, old, rows, copy_sheet(old, status=status), note, only=set())

    @_guarded
    def delete(self, sheet_id: int, expected_version: int) -> None:
        """Remove a sheet with its values and history (refused for a 確定 sheet)."""
        with self._write() as s, s.begin():
            old, _ = self._locked_for_update(s, sheet_id, expected_version)
            if old.status is Status.FINAL:
                raise SheetLockedError("このシートは「確定」のため削除できません。")
            s.execute(delete(SHEETS).where(SHEETS.c.id == sheet_id))

    def import_sheets(self, sheets: Iterable[Sheet], replace: bool = False) -> list[int]:
        """Store many sheets in one transaction: all of them, or (on any error) none.

        A sheet whose (様式, 施策番号, 年度) is already stored raises
        SheetExistsError unless ``replace``; then the stored sheet is updated
        in place (same id) and its previous values stay in history.
        """
        batch = [copy_sheet(sheet) for sheet in sheets]
        ids = self._import_batch(batch, replace)
        if len(batch) >= BULK:
            self._after_bulk_write()
        return ids

    @_guarded
    def _import_batch(self, batch: list[Sheet], replace: bool) -> list[int]:
        for sheet in batch:
            self._admit(sheet)
        keys: dict[tuple[str, str, int], Sheet] = {}
        for sheet in batch:
            key = (sheet.form_id, self._check_identity(sheet), sheet.evaluation_year)
            if key in keys:
                raise SheetExistsError(
                    "取り込むシートの中に、" + str(self._exists_error(sheet)).replace("既に登録されています", "2つあります"),
                    *key)
            keys[key] = sheet
        c = SHEETS.c
        ids: list[int] = []
        now = self._now()
        with self._write() as s, s.begin():
            stored = {(r.form_id, r.measure_code, r.evaluation_year): r.id
                      for r in s.execute(select(c.id, c.form_id, c.measure_code, c.evaluation_year))}
            for key, sheet in keys.items():
                if key in stored and not replace:
                    raise self._exists_error(sheet)
            for key, sheet in keys.items():
                if key in stored:
                    old, rows = self._locked_for_update(s, stored[key], _version_of(s, stored[key]))
                    if old.status is Status.FINAL:
                        raise SheetLockedError(str(self._exists_error(sheet)).replace(
                            "既に登録されています。", "「確定」のため置き換えできません。確定を解除してから取り込んでください。"))
                    new = copy_sheet(sheet, id=old.id, version=old.version)
                    write_sheet(s, self._form(new), rows, old, new, self.fields_of(new), self.user, now,
                                "取り込みで置き換え")
                    ids.append(old.id)  # type: ignore[arg-type]
                else:
                    try:
                        with s.begin_nested():
                            ids.append(insert_sheet(s, self._form(sheet), sheet, self.fields_of(sheet), now))
                    except IntegrityError:  # another process stored the same sheet meanwhile
                        raise self._exists_error(sheet) from None
        return ids

    def _after_bulk_write(self) -> None:
        """Refresh planner statistics (and fold SQLite's WAL back) so the next queries are planned for the new size.

        The import has committed: this is housekeeping, so a busy database
        only means it is left for next time — never an error after the commit.
        """
        try:
            self._refresh_statistics()
        except DRIVER_ERRORS:
            pass

    def _refresh_statistics(self) -> None:
        with self.engine.connect() as conn:
            if self.backend == "sqlite":
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                conn.exec_driver_sql("PRAGMA optimize")
            else:
                conn.exec_driver_sql("ANALYZE sheets, sheet_values")
            conn.commit()


_STATUS = {s.value: s for s in Status}
# An import at least this large refreshes statistics afterwards.
BULK = 100


def _version_of(s: Session, sheet_id: int) -> int:
    return s.execute(select(SHEETS.c.version).where(SHEETS.c.id == sheet_id)).scalar_one()


def _same_content(a: Sheet, b: Sheet) -> bool:
    return (a.values == b.values and a.overrides == b.overrides and a.plan == b.plan
            and a.evaluation_year == b.evaluation_year and a.unchanged_since_rollover == b.unchanged_since_rollover)
