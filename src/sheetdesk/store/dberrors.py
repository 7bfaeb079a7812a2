"""The database driver's errors as messages a user reads, naming the database.

SQLite and PostgreSQL report a locked database, a full disk, a read-only file
or a file that is not a database in English, each in its own way; the store
turns every one of them into a StoreError whose message says, in Japanese,
which database and what to do. A lock is the one error worth waiting for:
`is_transient` tells the store's retry loop so.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import URL
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from sheetdesk.store.errors import StoreError


class DatabaseError(StoreError):
    """A database that cannot be used as asked; the message names it."""


class DatabaseLockedError(DatabaseError):
    pass


class DiskFullError(DatabaseError):
    pass


class DatabaseReadOnlyError(DatabaseError):
    pass


class NotADatabaseError(DatabaseError):
    pass


class MigrationFailedError(DatabaseError):
    pass


def describe(url: URL) -> str:
    """The database as a user knows it: the file, or the server URL without its password."""
    if url.get_backend_name() == "sqlite":
        return str(url.database or "メモリー上のデータベース")
    return url.render_as_string(hide_password=True)


def _driver_error(exc: BaseException) -> BaseException:
    return exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc


def _sqlstate(exc: BaseException) -> str:
    return str(getattr(exc, "sqlstate", "") or getattr(exc, "pgcode", "") or "")


def is_transient(exc: BaseException) -> bool:
    """A lock or a serialization conflict: waiting and trying again can succeed (nothing was committed)."""
    orig = _driver_error(exc)
    text = str(orig).lower()
    if isinstance(orig, sqlite3.OperationalError) and ("locked" in text or "busy" in text):
        return True
    return _sqlstate(orig) in ("40001", "40P01", "55P03")


def translate(exc: BaseException, url: URL) -> StoreError:
    """The StoreError a user reads for a driver error (or an OSError) met on the database at ``url``."""
    where = describe(url)
    orig = _driver_error(exc)
    text = str(orig).lower()
    state = _sqlstate(orig)
    if is_transient(exc):
        return DatabaseLockedError(f"{where} は他の操作（取り込みや別の画面の保存）で使用中のため、"
                                   "待っても書き込めませんでした。しばらくしてからもう一度お試しください。")
    if "disk is full" in text or "no space" in text or state == "53100" or getattr(orig, "errno", None) == 28:
        return DiskFullError(f"{where} のディスクに空きがないため保存できません。"
                             "不要なファイルを削除して空きを作ってから、もう一度保存してください。")
    if "readonly" in text or "read-only" in text or "read only" in text or state == "25006":
        return DatabaseReadOnlyError(f"{where} は読み取り専用のため書き込めません。"
                                     "ファイルとフォルダーの書き込み権限を確認してください。")
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return NotADatabaseError(f"{where} はSheetDeskのデータベースとして開けません"
                                 "（データベースではないファイルか、壊れたファイルです）。")
    if "unable to open" in text or isinstance(orig, IsADirectoryError | PermissionError | FileNotFoundError):
        if Path(where).is_dir():
            return DatabaseError(f"{where} はフォルダーです。データベースのファイルを指定してください。")
        return DatabaseError(f"{where} を開けません。場所と書き込み権限を確認してください。")
    if "disk i/o" in text or isinstance(orig, OSError):
        return DatabaseError(f"{where} の読み書きでディスクのエラーが起きました（{getattr(orig, 'strerror', '') or orig}）。")
    if state.startswith("08") or "connection" in text or "could not connect" in text:
        return DatabaseError(f"データベースサーバー {where} に接続できません。"
                             "ネットワークとサーバーの状態を確認してください。")
    name = type(orig).__name__
    return DatabaseError(f"{where} でデータベースのエラーが起きました（{name}）。")


DRIVER_ERRORS: tuple[type[BaseException], ...] = (SQLAlchemyError, sqlite3.Error, OSError)


def translated(exc: BaseException, url: URL) -> Any:
    """``exc`` itself when it is already a StoreError, else its translation."""
    return exc if isinstance(exc, StoreError) else translate(exc, url)
