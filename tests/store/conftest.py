"""Fixtures that run every store test on SQLite and on a real PostgreSQL server.

The server (sheetdesk.store.testing_pg) is started once per session on
127.0.0.1 and each test gets its own database. Without PostgreSQL the
postgres half of the tests is skipped with the reason, except under CI
(CI set), where that is a failure: CI installs PostgreSQL.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sheetdesk.store import SheetStore
from sheetdesk.store.testing_pg import PostgresUnavailable, TempPostgres

BACKENDS = ["sqlite", "postgres"]
_names = itertools.count(1)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[TempPostgres]:
    server = TempPostgres()
    try:
        server.start()
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL could not be started under CI: {exc}")
        pytest.skip(f"PostgreSQL could not be started (install the postgresql package): {exc}")
    yield server
    server.stop()


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: a SQLite file in the test's folder, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "sheets.sqlite3")
    server: TempPostgres = request.getfixturevalue("pg_server")
    return server.create_database(f"test_{os.getpid()}_{next(_names)}")


@pytest.fixture
def store(db_url: str, registry) -> Iterator[SheetStore]:
    s = SheetStore.open(db_url, registry=registry)
    yield s
    s.close()
