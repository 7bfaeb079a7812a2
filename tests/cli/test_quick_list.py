"""`sheetdesk list` reads a current SQLite file without the store: same rows, same order; anything else goes to the store."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from sheetdesk.app.generate import generate_sheets
from sheetdesk.app.quick_list import quick_list
from sheetdesk.cli.main import main
from sheetdesk.store import SheetStore

V1 = Path(__file__).parents[1] / "store" / "data" / "sheetdesk-schema0001.sqlite3"


@pytest.fixture
def many(tmp_path: Path, standard_form, registry) -> Path:
    db = tmp_path / "city.sqlite3"
    store = SheetStore.open(db, registry=registry)
    store.import_sheets(generate_sheets(standard_form, 40, seed=3))  # several 施策 (1-2 before 1-10) and years
    store.close()
    return db


def _fields(rows) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(r.id, r.form_id, r.form_version, r.evaluation_year, r.measure_code, r.measure_name, r.policy_name,
             r.lead_section, str(r.status), r.version, r.updated_at) for r in rows]


@pytest.mark.parametrize("year", [None, 2023])
def test_the_quick_rows_are_the_stores(many: Path, registry, year: int | None) -> None:
    store = SheetStore.open(many, registry=registry)
    expected = _fields(store.list(year=year))
    store.close()
    quick = quick_list(str(many), year=year)
    assert quick is not None
    assert _fields(quick) == expected
    assert len(expected) == (40 if year is None else len([r for r in expected if r[3] == 2023]))


def test_the_printed_list_is_the_same_both_ways(many: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    assert main(["list", "--db", str(many)]) == 0
    quick_out = capsys.readouterr().out
    monkeypatch.setattr("sheetdesk.app.quick_list.quick_list", lambda *_a, **_k: None)
    assert main(["list", "--db", str(many)]) == 0
    assert capsys.readouterr().out == quick_out
    assert "令和" in quick_out and quick_out.count("\n") == 40


def test_an_older_schema_goes_through_the_store_which_migrates_it(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "old.sqlite3"
    shutil.copyfile(V1, db)
    assert quick_list(str(db)) is None
    assert main(["list", "--db", str(db)]) == 0
    assert "令和" in capsys.readouterr().out
    assert quick_list(str(db)) is not None  # migrated: the next list is quick


def test_no_file_or_a_url_is_not_read_quickly(tmp_path: Path) -> None:
    assert quick_list(str(tmp_path / "none.sqlite3")) is None
    assert not (tmp_path / "none.sqlite3").exists()
    assert quick_list("postgresql+psycopg://u@localhost/db") is None


def test_a_newer_schema_is_refused_by_the_store_not_listed(many: Path, capsys: pytest.CaptureFixture[str]) -> None:
    con = sqlite3.connect(many)
    con.execute("UPDATE alembic_version SET version_num = '9999'")
    con.commit()
    con.close()
    assert quick_list(str(many)) is None
    assert main(["list", "--db", str(many)]) == 1
    assert "新しい" in capsys.readouterr().err


def test_list_imports_neither_sqlalchemy_nor_pydantic_nor_reportlab(many: Path) -> None:
    code = ("import sys; from sheetdesk.cli.main import main; main(['list', '--db', sys.argv[1]]); "
            "print(sorted(m for m in ('sqlalchemy', 'pydantic', 'reportlab', 'yaml', 'PySide6') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code, str(many)], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_db_before_the_sub_command_is_the_same_as_after(many: Path, capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # the default database, if --db were lost
    assert main(["--db", str(many), "list"]) == 0
    before = capsys.readouterr().out
    assert main(["list", "--db", str(many)]) == 0
    assert capsys.readouterr().out == before
    assert before.count("\n") == 40
    assert not (tmp_path / "xdg").exists()
