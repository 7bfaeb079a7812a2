"""Full-text search over every text of every sheet; a note (e.g. an unlock reason) in history.

A text field's text is no longer stored twice: value becomes NULL and the
text stays in search_text.

SQLite: an FTS5 index with the trigram tokenizer over sheet_values.search_text
(external content, kept in step by triggers, so the index holds no second
copy of the text); 1–2 character queries scan the column itself. PostgreSQL: a pg_trgm GIN
index when the extension can be created; without it search still works with
ILIKE, only slower.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SQLITE_UP = [
    """CREATE VIRTUAL TABLE sheet_text_fts USING fts5(
           search_text, content='sheet_values', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER sheet_values_fts_insert AFTER INSERT ON sheet_values
       WHEN new.search_text IS NOT NULL BEGIN
           INSERT INTO sheet_text_fts(rowid, search_text) VALUES (new.id, new.search_text);
       END""",
    """CREATE TRIGGER sheet_values_fts_delete AFTER DELETE ON sheet_values
       WHEN old.search_text IS NOT NULL BEGIN
           INSERT INTO sheet_text_fts(sheet_text_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
       END""",
    """CREATE TRIGGER sheet_values_fts_update AFTER UPDATE OF search_text ON sheet_values BEGIN
           INSERT INTO sheet_text_fts(sheet_text_fts, rowid, search_text)
               SELECT 'delete', old.id, old.search_text WHERE old.search_text IS NOT NULL;
           INSERT INTO sheet_text_fts(rowid, search_text)
               SELECT new.id, new.search_text WHERE new.search_text IS NOT NULL;
       END""",
    "INSERT INTO sheet_text_fts(sheet_text_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    op.add_column("history", sa.Column("note", sa.Text, nullable=True))
    # A text field's text is kept once, in search_text (lists keep their JSON array in value).
    op.execute("""UPDATE sheet_values SET value = NULL WHERE search_text IS NOT NULL AND value LIKE '"%'""")
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in SQLITE_UP:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        # CREATE EXTENSION needs a privilege an ordinary user may lack: try it
        # in a savepoint so that a refusal does not abort the migration.
        try:
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except sa.exc.DBAPIError:
            return
        op.execute("CREATE INDEX ix_sheet_values_search_trgm ON sheet_values USING gin (search_text gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    quote = "json_quote(search_text)" if bind.dialect.name == "sqlite" else "to_json(search_text)::text"
    op.execute(f"UPDATE sheet_values SET value = {quote} WHERE value IS NULL AND search_text IS NOT NULL")
    if bind.dialect.name == "sqlite":
        for trigger in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS sheet_values_fts_{trigger}")
        op.execute("DROP TABLE IF EXISTS sheet_text_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_sheet_values_search_trgm")
    op.drop_column("history", "note")
