"""The newest migration in db/versions, importable without SQLAlchemy or Alembic.

Opening a database already at this revision needs no Alembic at all (importing
it costs ~0.2 s), and the quick `sheetdesk list` reads such a file with the
standard library alone; tests/store/test_migrations.py checks it against
Alembic's head.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

HEAD_REVISION = "0003"


def connect_current(path: Path, timeout: float = 5.0) -> sqlite3.Connection | None:
    """A read-only sqlite3 connection to ``path`` when it is a SheetDesk file at HEAD_REVISION, else None.

    None means the full store must open the file: it is not there, it needs a migration or is too new,
    it is not a SheetDesk database, or it cannot be read now; the store says which in its own words.
    """
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=timeout)
    except sqlite3.Error:
        return None
    try:
        if con.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD_REVISION,)]:
            return con
    except sqlite3.Error:
        pass
    con.close()
    return None
