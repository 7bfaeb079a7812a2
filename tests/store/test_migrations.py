"""Old files open (migrated after a backup), files of a newer SheetDesk are refused, nothing else is touched."""

from __future__ import annotations

import shutil
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text
from store_sample import PURPOSE, dump, full_sheet

from sheetdesk.glossary import Achievement, Mark
from sheetdesk.paths import app_dirs
from sheetdesk.store import Change, DatabaseTooNewError, NotASheetDatabaseError, SheetStore
from sheetdesk.store.engine import make_engine, resolve_url
from sheetdesk.store.migrate import alembic_config, head_revision, upgrade_to
from sheetdesk.store.schema import Base
from sheetdesk.store.sheetio import copy_sheet

V1 = Path(__file__).parent / "data" / "sheetdesk-schema0001.sqlite3"
TABLES = ("sheets", "sheet_values", "history")


def _put_v1_at(db_url: str) -> None:
    """The v1 fixture at ``db_url``: the file itself for SQLite, its rows at revision 0001 for PostgreSQL."""
    if "://" not in db_url:
        shutil.copyfile(V1, db_url)
        return
    engine = make_engine(resolve_url(db_url))
    upgrade_to(engine, "0001")
    src = sqlite3.connect(V1)
    src.row_factory = sqlite3.Row
    with engine.begin() as conn:
        for table in TABLES:
            rows = [dict(r) for r in src.execute(f"SELECT * FROM {table} ORDER BY id")]
            if "unchanged_since_rollover" in rows[0]:
                for r in rows:
                    r["unchanged_since_rollover"] = bool(r["unchanged_since_rollover"])
            cols = ", ".join(f'"{c}"' for c in rows[0])
            conn.execute(text(f"INSERT INTO {table} ({cols}) VALUES ({', '.join(':' + c for c in rows[0])})"), rows)
            conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))
    src.close()
    engine.dispose()


def test_a_schema_0001_database_is_migrated_after_a_backup(db_url, registry) -> None:
    _put_v1_at(db_url)
    with SheetStore.open(db_url, registry=registry) as store:
        m = store.migration
        assert (m.from_revision, m.to_revision, m.migrated) == ("0001", head_revision(), True)
        if store.backend == "sqlite":
            assert m.backup is not None and m.backup.parent == app_dirs().backups
            assert "schema0001" in m.backup.name
            with sqlite3.connect(m.backup) as old:
                assert old.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
                assert old.execute("SELECT count(*) FROM sheet_values").fetchone() == (54,)
        else:
            assert m.backup is None  # PostgreSQL: migrated in transactions, no file to copy

        assert [(s.measure_code, s.evaluation_year, s.measure_name) for s in store.list()] == [
            ("1-1-1", 2023, "地域コミュニティ・課題解決型コミュニティ活動の促進"),
            ("1-1-2", 2022, "国際交流・地域連携の推進")]
        sheet = store.load(1)
        assert sheet.values["s1.purpose"] == PURPOSE
        assert sheet.values["outcome.3.a.actual.2022"] is Mark.NOT_COUNTED
        assert sheet.values["cost.national.2023"] == Decimal("4705")
        assert sheet.overrides["outcome.1.a.achievement"] is Achievement.ACHIEVED
        assert sheet.unchanged_since_rollover == {"s5.situation", "s1.target"}
        [old_entry] = store.history(1)
        assert (old_entry.user, old_entry.old, old_entry.new, old_entry.note) == ("kikaku", "C", "B", None)

        # the full-text index was built from the old rows, and keeps up with new ones
        assert [(h.sheet_id, h.path) for h in store.search("多文化共生")] == [(1, "s1.purpose"), (2, "s1.purpose")]
        store.apply(1, 2, [Change("s1.purpose", "地域の課題解決を図ります。")])
        assert [h.sheet_id for h in store.search("多文化共生")] == [2]
        assert store.add(copy_sheet(store.load(2), evaluation_year=2024, id=None)).id == 3  # ids go on after v1's

    with SheetStore.open(db_url, registry=registry) as again:  # already current: no second backup
        assert not again.migration.migrated and again.migration.backup is None


def test_a_database_from_a_newer_sheetdesk_is_refused_untouched(db_url, registry) -> None:
    with SheetStore.open(db_url, registry=registry) as store:
        with store.engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
        before = dump(store.engine)
    with pytest.raises(DatabaseTooNewError, match="より新しい版のSheetDesk.*スキーマ版 0099.*更新してから"):
        SheetStore.open(db_url, registry=registry)
    engine = make_engine(resolve_url(db_url))
    assert dump(engine) == before
    engine.dispose()
    assert not app_dirs().backups.exists() or list(app_dirs().backups.iterdir()) == []


def test_a_database_of_another_application_is_refused(db_url, registry) -> None:
    engine = make_engine(resolve_url(db_url))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"))
    engine.dispose()
    with pytest.raises(NotASheetDatabaseError, match="SheetDeskのデータベースではありません"):
        SheetStore.open(db_url, registry=registry)


def test_the_models_match_what_the_migrations_build(store) -> None:
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_object": _modelled}), Base.metadata)
    assert diff == []


def _modelled(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """The search index is backend-specific DDL of migration 0002 (FTS5 tables, a GIN index), not a model."""
    return not (name or "").startswith(("sheet_text_fts", "ix_sheet_values_search"))


def test_sqlite_runs_with_wal_foreign_keys_and_normal_sync(tmp_path, registry) -> None:
    with SheetStore.open(tmp_path / "x.sqlite3", registry=registry) as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_no_argument_opens_the_default_file_and_a_url_works_too(registry) -> None:
    with SheetStore.open(None, registry=registry) as store:
        assert Path(store.url.database) == app_dirs().default_database
    assert app_dirs().default_database.is_file()
    url = f"sqlite:///{app_dirs().default_database}"
    with SheetStore.open(url, registry=registry) as store:
        assert not store.migration.migrated
    assert create_engine(url).dialect.name == "sqlite"


def test_migrations_go_down_to_0001_and_up_again_without_losing_text(db_url, registry) -> None:
    with SheetStore.open(db_url, registry=registry) as store:
        sheet_id = store.add(full_sheet()).id
        cfg = alembic_config()
        with store.engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0001")
            assert conn.execute(text(
                "SELECT value FROM sheet_values WHERE path = 's1.purpose'")).scalar() == f'"{PURPOSE}"'.replace(
                "\n", "\\n")
    with SheetStore.open(db_url, registry=registry) as store:
        assert store.migration.from_revision == "0001"
        assert store.load(sheet_id).values["s1.purpose"] == PURPOSE
        assert [h.path for h in store.search("多文化共生")] == ["s1.purpose"]


def test_the_fast_path_knows_the_newest_migration() -> None:
    """Opening a current database skips Alembic; that is only right while HEAD_REVISION is the real head."""
    from sheetdesk.store.migrate import HEAD_REVISION

    assert HEAD_REVISION == head_revision()
