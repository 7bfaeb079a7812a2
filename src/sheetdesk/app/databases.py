"""Which database a start names, and whether it is there yet.

A database file is made only when the person means to make one: the default
database on the first start, 新規データベース, `sheetdesk init`, `sample` or
`--create`. Anything else naming a file that does not exist is asked about
(the GUI) or refused (the CLI), so a mistyped path never becomes an empty
database. Light on imports: the CLI checks this before it loads the store.
"""

from __future__ import annotations

from pathlib import Path


def missing_database(db: str | None) -> Path | None:
    """The SQLite file ``db`` names when it does not exist yet; None for the default database, a URL or a file that is there.

    A folder or another non-file is not "missing": the store refuses it with its own message.
    """
    if db is None:
        return None
    if "://" in db:
        scheme, rest = db.split("://", 1)
        # sqlite:///relative/file or sqlite:////absolute/file; sqlite:// alone is in memory
        if not scheme.startswith("sqlite") or not rest.startswith("/") or len(rest.split("?")[0]) < 2:
            return None
        db = rest.split("?")[0][1:]
    path = Path(db).expanduser().resolve()
    return None if path.exists() else path
