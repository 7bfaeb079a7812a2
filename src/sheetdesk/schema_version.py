"""The newest migration in db/versions, importable without SQLAlchemy or Alembic.

Opening a database already at this revision needs no Alembic at all (importing
it costs ~0.2 s), and the quick `sheetdesk list` reads such a file with the
standard library alone; tests/store/test_migrations.py checks it against
Alembic's head.
"""

HEAD_REVISION = "0003"
