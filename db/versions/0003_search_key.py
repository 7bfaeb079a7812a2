"""Search ignores width, form and case: a folded key beside each searchable text.

``sheet_values.search_key`` holds search_text folded by NFKC and casefold
(NPO = ＮＰＯ, ｺﾐｭﾆﾃｨ = コミュニティ); search compares keys and the snippet
shows the text as typed. The key is computed here in Python, the way the
store computes it for every later write (sheetdesk.store.search.search_key).
SQLite: the FTS5 trigram index moves from search_text to search_key.
PostgreSQL: the pg_trgm index, when the extension exists, likewise.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

BATCH = 2000


def _fold(text: str) -> str:
    # a copy of sheetdesk.store.search.search_key as it was at 0003: a migration must not change later
    clusters: list[tuple[int, int]] = []
    for i, ch in enumerate(text):
        folded = unicodedata.normalize("NFKC", ch)
        if clusters and folded and unicodedata.combining(folded[0]):
            clusters[-1] = (clusters[-1][0], i + 1)
        else:
            clusters.append((i, i + 1))
    return "".join(unicodedata.normalize("NFKC", text[a:b]).casefold() for a, b in clusters)


def _fts(column: str) -> list[str]:
    return [
        f"""CREATE VIRTUAL TABLE sheet_text_fts USING fts5(
               {column}, content='sheet_values', content_rowid='id', tokenize='trigram')""",
        f"""CREATE TRIGGER sheet_values_fts_insert AFTER INSERT ON sheet_values
           WHEN new.{column} IS NOT NULL BEGIN
               INSERT INTO sheet_text_fts(rowid, {column}) VALUES (new.id, new.{column});
           END""",
        f"""CREATE TRIGGER sheet_values_fts_delete AFTER DELETE ON sheet_values
           WHEN old.{column} IS NOT NULL BEGIN
               INSERT INTO sheet_text_fts(sheet_text_fts, rowid, {column}) VALUES ('delete', old.id, old.{column});
           END""",
        f"""CREATE TRIGGER sheet_values_fts_update AFTER UPDATE OF {column} ON sheet_values BEGIN
               INSERT INTO sheet_text_fts(sheet_text_fts, rowid, {column})
                   SELECT 'delete', old.id, old.{column} WHERE old.{column} IS NOT NULL;
               INSERT INTO sheet_text_fts(rowid, {column})
                   SELECT new.id, new.{column} WHERE new.{column} IS NOT NULL;
           END""",
        "INSERT INTO sheet_text_fts(sheet_text_fts) VALUES ('rebuild')",
    ]


def _drop_fts() -> None:
    for trigger in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS sheet_values_fts_{trigger}")
    op.execute("DROP TABLE IF EXISTS sheet_text_fts")


def _has_trgm(bind: sa.Connection) -> bool:
    return bind.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'").first() is not None


def upgrade() -> None:
    bind = op.get_bind()
    op.add_column("sheet_values", sa.Column("search_key", sa.Text, nullable=True))
    rows = bind.execute(sa.text("SELECT id, search_text FROM sheet_values WHERE search_text IS NOT NULL")).all()
    update = sa.text("UPDATE sheet_values SET search_key = :key WHERE id = :id")
    for start in range(0, len(rows), BATCH):
        bind.execute(update, [{"id": r.id, "key": _fold(r.search_text)} for r in rows[start:start + BATCH]])
    if bind.dialect.name == "sqlite":
        _drop_fts()
        for statement in _fts("search_key"):
            op.execute(statement)
    elif bind.dialect.name == "postgresql" and _has_trgm(bind):
        op.execute("DROP INDEX IF EXISTS ix_sheet_values_search_trgm")
        op.execute("CREATE INDEX ix_sheet_values_search_key_trgm ON sheet_values USING gin (search_key gin_trgm_ops)")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _drop_fts()
    elif bind.dialect.name == "postgresql" and _has_trgm(bind):
        op.execute("DROP INDEX IF EXISTS ix_sheet_values_search_key_trgm")
        op.execute("CREATE INDEX ix_sheet_values_search_trgm ON sheet_values USING gin (search_text gin_trgm_ops)")
    with op.batch_alter_table("sheet_values") as batch:
        batch.drop_column("search_key")
    if bind.dialect.name == "sqlite":
        for statement in _fts("search_text"):
            op.execute(statement)
