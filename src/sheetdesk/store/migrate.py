"""Bring a database to this version's schema, safely.

- A new, empty database is created at the newest revision.
- An older SheetDesk database is first copied (SQLite: the sqlite3 backup API,
  into the backups folder with a timestamp, after checking there is room for
  it; only the newest few copies per database are kept), then migrated in
  one transaction. PostgreSQL is migrated in a transaction without a file copy.
- Two processes opening a new database at once are serialised: the
  migration's transaction first takes the database's write lock (SQLite
  ``BEGIN IMMEDIATE``, PostgreSQL an advisory lock) and only then looks at
  the revision, so the second finds the first one's work done.
- A migration that fails leaves the database as it was and says so in
  Japanese, naming the backup (MigrationFailedError).
- A database at a revision this version does not know was written by a newer
  SheetDesk and is refused (DatabaseTooNewError): migrating "down" or writing
  to it could lose data.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import URL, Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from sheetdesk import resources
from sheetdesk.paths import app_dirs
from sheetdesk.schema_version import HEAD_REVISION
from sheetdesk.store.dberrors import DiskFullError, MigrationFailedError, describe
from sheetdesk.store.engine import sqlite_file
from sheetdesk.store.errors import DatabaseTooNewError, NotASheetDatabaseError, StoreError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

_OWN_TABLES = {"alembic_version"}

# Backups kept per database (the newest ones); older copies are removed after a new one is made.
KEEP_BACKUPS = 5
# Room a backup needs beyond the database's own size.
BACKUP_MARGIN_BYTES = 16 * 1024 * 1024
# Any number; PostgreSQL's advisory lock that serialises first opens and migrations.
_PG_LOCK_KEY = 0x5348_4454


def db_directory() -> Path:
    """The Alembic migrations shipped with this version (sheetdesk.resources)."""
    return resources.migrations_dir()


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(db_directory()).replace("%", "%%"))
    return cfg


@cache
def _script() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _script().get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {s.revision for s in _script().walk_revisions()}


@dataclass(frozen=True)
class MigrationResult:
    """What opening did to the schema: from which revision, to which, and where the backup is."""

    from_revision: str | None
    to_revision: str
    backup: Path | None = None

    @property
    def migrated(self) -> bool:
        return self.from_revision is not None and self.from_revision != self.to_revision


def _size_with_wal(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy a live SQLite database (WAL included) with the backup API; the name says when and from which schema.

    The copy is made only when the folder has room for it (DiskFullError
    otherwise, and no file is left behind); a copy that fails half way is
    removed. Older copies of the same database beyond KEEP_BACKUPS go.
    """
    folder = app_dirs().ensure().backups
    needed = _size_with_wal(path) + BACKUP_MARGIN_BYTES
    free = shutil.disk_usage(folder).free
    if free < needed:
        raise DiskFullError(f"{path} を新しい版の形式に更新する前の控えを作る空きがありません"
                            f"（{folder} に {needed // (1 << 20)} MB 必要、空き {free // (1 << 20)} MB）。"
                            "データベースは変更していません。空きを作ってから開き直してください。")
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{stamp}-schema{revision}{path.suffix or '.sqlite3'}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}-{stamp}-{n}-schema{revision}{path.suffix or '.sqlite3'}"
    try:
        src = sqlite3.connect(path)
        try:
            dst = sqlite3.connect(target)
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except (sqlite3.Error, OSError) as exc:
        with contextlib.suppress(OSError):
            target.unlink(missing_ok=True)
        raise DiskFullError(f"{path} の更新前の控えを {folder} に作れませんでした（{exc}）。"
                            "データベースは変更していません。") from None
    rotate_backups(folder, path)
    return target


def rotate_backups(folder: Path, path: Path, keep: int = KEEP_BACKUPS) -> list[Path]:
    """Remove all but the newest ``keep`` backups of the database at ``path``; returns what was removed."""
    suffix = path.suffix or ".sqlite3"
    mine = [p for p in folder.glob(f"{path.stem}-*-schema*{suffix}")
            if p.name[len(path.stem) + 1:][:8].isdigit()]
    mine.sort(key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
    removed = []
    for old in mine[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
            removed.append(old)
    return removed


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def _stamped_revision(engine: Engine) -> str | None:
    """The revision recorded in the database, read without Alembic; None when there is none."""
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
    except DBAPIError:
        return None


def upgrade(engine: Engine, url: URL) -> MigrationResult:
    """Migrate the database to the head revision (see the module docstring)."""
    if _stamped_revision(engine) == HEAD_REVISION:
        return MigrationResult(HEAD_REVISION, HEAD_REVISION)
    from alembic import command
    from alembic.runtime.migration import MigrationContext

    head = head_revision()
    backup = None
    with engine.connect() as conn:
        conn.execution_options(sqlite_begin="BEGIN IMMEDIATE")  # the write lock before looking
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _PG_LOCK_KEY})
            revision = MigrationContext.configure(conn).get_current_revision()
            tables = set(inspect(conn).get_table_names()) - _OWN_TABLES
            if revision is not None and revision not in known_revisions():
                raise DatabaseTooNewError(revision)
            if revision is None and tables:
                raise NotASheetDatabaseError(str(sqlite_file(url) or describe(url)))
            if revision == head:
                return MigrationResult(revision, head)
            path = sqlite_file(url)
            if revision is not None and path is not None:
                backup = backup_sqlite(path, revision)
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            try:
                command.upgrade(cfg, head)
            except StoreError:
                raise
            except Exception as exc:  # noqa: BLE001 - any failure of a step: the transaction rolls back
                raise _migration_failed(url, revision, backup, exc) from None
    return MigrationResult(revision, head, backup)


def _migration_failed(url: URL, revision: str | None, backup: Path | None, exc: BaseException) -> MigrationFailedError:
    where = describe(url)
    if revision is None:
        return MigrationFailedError(f"{where} に新しいデータベースを作れませんでした（{type(exc).__name__}）。")
    kept = f"更新前の控え: {backup}" if backup else "データベースは更新前のままです。"
    return MigrationFailedError(f"{where} を新しい版の形式に更新できませんでした（スキーマ版 {revision} から、"
                                f"{type(exc).__name__}）。データベースは更新前のままです。{kept}")


def upgrade_to(engine: Engine, revision: str) -> None:
    """Build a database at an older revision (tests keep one per released schema)."""
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
