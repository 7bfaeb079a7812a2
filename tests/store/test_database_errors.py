"""Databases that fight back: a failing migration, no room for the backup, a full disk, a lock, a race (issue 10, point 5)."""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import event, text
from store_sample import PURPOSE, full_sheet
from test_migrations import _put_v1_at

from sheetdesk.paths import app_dirs
from sheetdesk.schema_version import HEAD_REVISION
from sheetdesk.store import Change, SheetStore
from sheetdesk.store.dberrors import DatabaseLockedError, DiskFullError, MigrationFailedError
from sheetdesk.store.engine import make_engine, resolve_url
from sheetdesk.store.migrate import KEEP_BACKUPS


def _revision(db_url: str) -> str:
    engine = make_engine(resolve_url(db_url))
    with engine.connect() as conn:
        rev = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    engine.dispose()
    return rev


def _rows(db: Path) -> list[tuple]:
    con = sqlite3.connect(db)
    try:
        return [(t, *r) for t in ("sheets", "sheet_values", "history")
                for r in con.execute(f"SELECT * FROM {t} ORDER BY id")]
    finally:
        con.close()


def test_a_failing_migration_says_so_in_japanese_and_leaves_the_database_as_it_was(db_url, registry) -> None:
    _put_v1_at(db_url)
    engine = make_engine(resolve_url(db_url))
    with engine.begin() as conn:  # someone added by hand the column the next schema adds: step 0002 fails
        conn.execute(text("ALTER TABLE history ADD COLUMN note TEXT"))
    engine.dispose()

    with pytest.raises(MigrationFailedError) as refused:
        SheetStore.open(db_url, registry=registry)

    message = str(refused.value)
    assert "を新しい版の形式に更新できませんでした（スキーマ版 0001 から" in message
    assert "データベースは更新前のままです" in message
    assert _revision(db_url) == "0001"
    if "://" not in db_url:
        assert message.startswith(str(Path(db_url).resolve()))
        assert "更新前の控え: " in message


def test_no_room_for_the_backup_refuses_before_touching_anything(tmp_path, registry, monkeypatch) -> None:
    db = tmp_path / "city.sqlite3"
    _put_v1_at(str(db))
    before = _rows(db)
    import shutil

    real = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real(p)._replace(free=1024))  # a nearly full disk

    with pytest.raises(DiskFullError, match="控えを作る空きがありません") as refused:
        SheetStore.open(db, registry=registry)

    assert str(db) in str(refused.value) and "データベースは変更していません" in str(refused.value)
    assert _rows(db) == before and _revision(str(db)) == "0001"
    assert not [p for p in app_dirs().backups.glob("*") if p.stat().st_size == 0], "no 0-byte backup"


def test_backups_are_rotated_keeping_the_newest_few(tmp_path, registry) -> None:
    db = tmp_path / "city.sqlite3"
    for _ in range(KEEP_BACKUPS + 3):
        db.unlink(missing_ok=True)
        _put_v1_at(str(db))
        SheetStore.open(db, registry=registry).close()
    backups = sorted(app_dirs().backups.glob("city-*-schema0001.sqlite3"))
    assert len(backups) == KEEP_BACKUPS


def test_a_full_disk_keeps_the_stored_sheet_and_says_so(tmp_path, registry) -> None:
    db = tmp_path / "city.sqlite3"
    store = SheetStore.open(db, registry=registry)
    stored = store.add(full_sheet())
    pages = sqlite3.connect(db).execute("PRAGMA page_count").fetchone()[0]

    @event.listens_for(store.engine, "connect")
    def _small_disk(dbapi_connection, _record) -> None:  # noqa: ANN001 - SQLite stops at this many pages: SQLITE_FULL
        dbapi_connection.execute(f"PRAGMA max_page_count={pages + 1}")

    store.engine.dispose()
    with pytest.raises(DiskFullError) as refused:
        store.apply(stored.id, stored.version, [Change("s5.situation", PURPOSE * 40)])
    assert str(refused.value).startswith(f"{db} のディスクに空きがないため保存できません")
    assert store.load(stored.id).values["s5.situation"] == full_sheet().values["s5.situation"]
    store.close()


def test_an_import_waits_for_a_lock_held_by_another_process(tmp_path, registry) -> None:
    db = tmp_path / "city.sqlite3"
    store = SheetStore.open(db, registry=registry)
    other = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    release = threading.Timer(7.0, lambda: (other.execute("ROLLBACK"), other.close()))  # longer than SQLite's 5 s
    release.start()
    try:
        ids = store.import_sheets([full_sheet(code=str(n)) for n in range(1, 4)])
    finally:
        release.join()
    assert len(ids) == 3 and len(store.list()) == 3
    store.close()


def test_a_lock_that_outlasts_the_bound_is_said_in_japanese(tmp_path, registry) -> None:
    db = tmp_path / "city.sqlite3"
    store = SheetStore.open(db, registry=registry)
    store.lock_wait = 1.0
    other = sqlite3.connect(db, isolation_level=None, timeout=0)
    other.execute("PRAGMA busy_timeout=0")
    other.execute("BEGIN IMMEDIATE")
    try:
        store.engine.dispose()

        @event.listens_for(store.engine, "connect")
        def _no_wait(dbapi_connection, _record) -> None:  # noqa: ANN001
            dbapi_connection.execute("PRAGMA busy_timeout=100")

        with pytest.raises(DatabaseLockedError, match="他の操作（取り込みや別の画面の保存）で使用中"):
            store.import_sheets([full_sheet()])
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert store.list() == []
    store.close()


def _open_at_once(db_url: str, barrier, results) -> None:  # noqa: ANN001 - multiprocessing objects
    try:
        barrier.wait()
        with SheetStore.open(db_url) as store:
            results.put(("ok", store.migration.to_revision))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent
        results.put(("error", f"{type(exc).__name__}: {exc}"))


@pytest.mark.parametrize("round_", range(3))
def test_two_first_opens_of_a_new_database_at_once_both_succeed(db_url, round_) -> None:
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [ctx.Process(target=_open_at_once, args=(db_url, barrier, results)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    outcomes = [results.get(timeout=5) for _ in procs]
    assert outcomes == [("ok", HEAD_REVISION), ("ok", HEAD_REVISION)]  # both at the newest migration


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to run the check as another user")
def test_a_read_only_database_is_refused_clearly(registry) -> None:
    import shutil
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="sheetdesk-ro-", dir="/tmp"))  # pytest's tmp_path is root's alone
    folder = base / "shared"
    folder.mkdir()
    db = folder / "city.sqlite3"
    SheetStore.open(db, registry=registry).close()
    home = base / "nobody-home"
    home.mkdir()
    home.chmod(0o777)
    base.chmod(0o755)
    folder.chmod(0o755)
    db.chmod(0o444)
    env = {**os.environ, "SHEETDESK_HOME": str(home)}
    as_nobody = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", sys.executable]
    try:
        probe = subprocess.run([*as_nobody, "-c", "import sheetdesk.cli.main"], capture_output=True, timeout=120,
                               env=env)
        if probe.returncode != 0:  # e.g. a checkout in a folder only root may enter (mktemp -d)
            pytest.skip("this checkout cannot be read by another user, so the check cannot run as one")
        done = subprocess.run([*as_nobody, "-m", "sheetdesk.cli.main", "list", "--db", str(db)],
                              capture_output=True, text=True, timeout=120, env=env)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"sheetdesk: {db} は読み取り専用の場所にあるため開けません"), done.stderr
    assert "Traceback" not in done.stderr
