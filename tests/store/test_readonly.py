"""The read-only door (sheetdesk.store.readonly) reads a current file as the store does, and gives way otherwise."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from sheetdesk.app import services
from sheetdesk.store import SheetStore
from sheetdesk.store.readonly import ReadOnlySheets

V1 = Path(__file__).parent / "data" / "sheetdesk-schema0001.sqlite3"


@pytest.fixture
def samples(tmp_path: Path, registry) -> tuple[Path, list[int]]:
    """The shipped samples (every family of form, text rows and typed rows) in a new file."""
    db = tmp_path / "city.sqlite3"
    store = SheetStore.open(db, registry=registry)
    report = services.load_samples(store, registry)
    assert not report.failed
    ids = [s.id for s in store.list()]
    store.close()
    assert len(ids) >= 5
    return db, ids


def test_every_sample_sheet_reads_as_the_store_reads_it(samples: tuple[Path, list[int]], registry) -> None:
    db, ids = samples
    store = SheetStore.open(db, registry=registry)
    expected = [store.load(i) for i in ids]
    store.close()
    quick = ReadOnlySheets.read(db, ids, registry)
    assert quick is not None
    got = [quick.load(i) for i in ids]
    assert got == expected
    assert any(s.values for s in got) and all(s.id == i for s, i in zip(got, ids, strict=True))


def test_a_rolled_over_sheet_keeps_its_unchanged_marks(samples: tuple[Path, list[int]], registry) -> None:
    db, _ = samples
    store = SheetStore.open(db, registry=registry)
    report = services.roll_over_year(store, 2023)
    new_id = report.created[0]
    expected = store.load(new_id)
    store.close()
    assert expected.unchanged_since_rollover  # the carried texts are marked 前年度から未編集
    quick = ReadOnlySheets.read(db, [new_id], registry)
    assert quick is not None
    assert quick.load(new_id).unchanged_since_rollover == expected.unchanged_since_rollover


def test_a_missing_sheet_leaves_the_answer_to_the_store(samples: tuple[Path, list[int]], registry) -> None:
    db, ids = samples
    assert ReadOnlySheets.read(db, [ids[0], 9999], registry) is None


def test_an_older_schema_is_left_to_the_store_and_not_touched(tmp_path: Path, registry) -> None:
    db = tmp_path / "old.sqlite3"
    shutil.copyfile(V1, db)
    before = db.read_bytes()
    assert ReadOnlySheets.read(db, [1], registry) is None
    assert db.read_bytes() == before


def test_a_newer_schema_is_left_to_the_store(samples: tuple[Path, list[int]], registry) -> None:
    db, ids = samples
    con = sqlite3.connect(db)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    assert ReadOnlySheets.read(db, ids[:1], registry) is None


def test_no_file_another_file_or_a_folder_is_left_to_the_store(tmp_path: Path, registry) -> None:
    assert ReadOnlySheets.read(tmp_path / "none.sqlite3", [1], registry) is None
    assert not (tmp_path / "none.sqlite3").exists()
    other = tmp_path / "other.sqlite3"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    assert ReadOnlySheets.read(other, [1], registry) is None
    text = tmp_path / "notes.sqlite3"
    text.write_text("施策の一覧", encoding="utf-8")
    assert ReadOnlySheets.read(text, [1], registry) is None
    assert ReadOnlySheets.read(tmp_path, [1], registry) is None
