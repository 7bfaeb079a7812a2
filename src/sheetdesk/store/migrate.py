"""Bring a database to this version's schema, safely.

- A new, empty database is created at the newest revision.
- An older SheetDesk database is first copied (SQLite: the sqlite3 backup API,
  into the backups folder with a timestamp), then migrated one Alembic
  revision at a time, each in its own transaction. PostgreSQL is migrated in
  transactions without a file copy.
- A database at a revision this version does not know was written by a newer
  SheetDesk and is refused (DatabaseTooNewError): migrating "down" or writing
  to it could lose data.
"""

from __future__ import annotations

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
from sheetdesk.store.engine import sqlite_file
from sheetdesk.store.errors import DatabaseTooNewError, NotASheetDatabaseError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

_OWN_TABLES = {"alembic_version"}


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


def backup_sqlite(path: Path, revision: str) -> Path:
    """Copy a live SQLite database (WAL included) with the backup API; the name says when and from which schema."""
    folder = app_dirs().ensure().backups
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{path.stem}-{stamp}-schema{revision}{path.suffix or '.sqlite3'}"
    n = 1
    while target.exists():
        n += 1
        target = folder / f"{path.stem}-{stamp}-{n}-schema{revision}{path.suffix or '.sqlite3'}"
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return target


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
    with engine.connect() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
        tables = set(inspect(conn).get_table_names()) - _OWN_TABLES
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNewError(revision)
    if revision is None and tables:
        raise NotASheetDatabaseError(str(sqlite_file(url) or url.render_as_string(hide_password=True)))
    if revision == head:
        return MigrationResult(revision, head)
    backup = None
    path = sqlite_file(url)
    if revision is not None and path is not None:
        backup = backup_sqlite(path, revision)
    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, head)
    return MigrationResult(revision, head, backup)


def upgrade_to(engine: Engine, revision: str) -> None:
    """Build a database at an older revision (tests keep one per released schema)."""
    from alembic import command

    cfg = alembic_config()
    with engine.connect() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
