"""Alembic environment for SheetDesk's schema.

SheetDesk runs migrations itself when it opens a database
(sheetdesk.store.migrate), handing over its configured connection in
``config.attributes["connection"]``. Run by hand (`alembic -c db/alembic.ini
-x url=sqlite:///path upgrade head`) it builds its own engine the same way.

Each migration runs in its own transaction (transactional DDL, SQLite
included: the store's engine emits BEGIN itself), so a failed step leaves the
database at the previous revision.
"""

from __future__ import annotations

from alembic import context

config = context.config


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=None,
        transactional_ddl=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    from sheetdesk.store.engine import make_engine, resolve_url

    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    engine = make_engine(resolve_url(url))
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()
