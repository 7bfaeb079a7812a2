"""Turn what the user gave (nothing, a file path, a URL) into a configured engine.

SQLite gets WAL (readers never wait for the writer), foreign keys on and
synchronous=NORMAL on every connection. pysqlite's own transaction handling
commits before DDL, which would leave a half-applied migration behind a
failure; the connection is therefore put in autocommit mode and SQLAlchemy
emits BEGIN itself (the recipe in SQLAlchemy's SQLite dialect docs), so a
migration is really one transaction.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, make_url
from sqlalchemy.pool import StaticPool

from sheetdesk.paths import app_dirs


def resolve_url(db: str | os.PathLike[str] | URL | None) -> URL:
    """None -> the default file; a path -> a SQLite file; a URL as given (postgresql -> psycopg 3)."""
    if db is None:
        path = app_dirs().default_database
        path.parent.mkdir(parents=True, exist_ok=True)
        return URL.create("sqlite", database=str(path))
    if isinstance(db, URL):
        url = db
    elif isinstance(db, str) and "://" in db:
        url = make_url(db)
    else:
        path = Path(db).expanduser().resolve()
        path.parent.mkdir(parents=True, exist_ok=True)
        return URL.create("sqlite", database=str(path))
    if url.drivername in ("postgresql", "postgres"):
        url = url.set(drivername="postgresql+psycopg")
    return url


def sqlite_file(url: URL) -> Path | None:
    """The file behind a SQLite URL, or None for another backend or an in-memory database."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def check_sqlite_path(url: URL) -> None:
    """Refuse, in Japanese, a path that cannot be a database SheetDesk writes: a folder, a device, read-only."""
    from sheetdesk.store.dberrors import DatabaseError, DatabaseReadOnlyError

    path = sqlite_file(url)
    if path is None:
        return
    if path.is_dir():
        raise DatabaseError(f"{path} はフォルダーです。データベースのファイルを指定してください。")
    if path.exists() and not path.is_file():
        raise DatabaseError(f"{path} は通常のファイルではないため、データベースとして開けません。")
    folder = path.parent
    if path.exists() and not os.access(path, os.R_OK):
        raise DatabaseReadOnlyError(f"{path} を読む権限がありません。")
    # SQLite's WAL needs to write the file and to make -wal/-shm files beside it
    if (path.exists() and not os.access(path, os.W_OK)) or not os.access(folder, os.W_OK):
        raise DatabaseReadOnlyError(
            f"{path} は読み取り専用の場所にあるため開けません（ファイルまたはフォルダー {folder} に書き込めません）。"
            "書き込めるフォルダーにコピーするか、権限を確認してください。")
    if path.exists() and path.stat().st_size and not _has_sqlite_header(path):
        raise DatabaseError(f"{path} はSheetDeskのデータベースではありません（SQLiteのデータベースファイルではありません）。")


def _has_sqlite_header(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def make_engine(url: URL) -> Engine:
    if url.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    kwargs: dict[str, Any] = {}
    if sqlite_file(url) is None:
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN (see module docstring)
        cur = dbapi_connection.cursor()
        # 16 KiB pages: long Japanese texts overflow 4 KiB pages; bigger ones halve
        # the file and the time to scan it (only takes effect when the file is new)
        cur.execute("PRAGMA page_size=16384")
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA cache_size=-65536")  # 64 MiB: a thousand sheets' values stay in memory
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # "BEGIN IMMEDIATE" for writers (SheetStore sets it): take the write lock up front
        conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN"))

    return engine
