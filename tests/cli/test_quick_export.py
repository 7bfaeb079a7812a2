"""`sheetdesk export` (PDF, xlsx) reads a current file read-only and imports only what printing needs.

The guard is structural, not timed: which modules a whole `sheetdesk export`
process has loaded when it ends (a timed test would fail on a busy machine
and pass on a fast one). The figures are in benchmarks/bench_cli.py.
"""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from sheetdesk.app import services
from sheetdesk.cli.main import main
from sheetdesk.store import SheetStore

V1 = Path(__file__).parents[1] / "store" / "data" / "sheetdesk-schema0001.sqlite3"
# What a PDF or xlsx export must not load: the store's machinery, the importers, Qt.
NOT_FOR_EXPORT = ("sqlalchemy", "alembic", "pdfplumber", "pdfminer", "PySide6", "shiboken6", "psycopg")


@pytest.fixture
def db(tmp_path: Path, registry) -> Path:
    path = tmp_path / "city.sqlite3"
    store = SheetStore.open(path, registry=registry)
    assert not services.load_samples(store, registry).failed
    store.close()
    return path


def _standard_id(db: Path, registry) -> int:
    store = SheetStore.open(db, registry=registry)
    try:
        return next(s.id for s in store.list() if s.measure_name == "地域コミュニティ・課題解決型コミュニティ活動の促進")
    finally:
        store.close()


def _loaded_after(args: list[str]) -> list[str]:
    code = ("import sys; from sheetdesk.cli.main import main; code = main(sys.argv[1:]); "
            f"print(code, sorted({{m.split('.')[0] for m in sys.modules}} & set({NOT_FOR_EXPORT!r}) "
            "| ({'openpyxl'} & {m.split('.')[0] for m in sys.modules})))")
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    return run.stdout.strip().splitlines()[-1].split(" ", 1)


def test_a_pdf_export_loads_neither_the_store_nor_openpyxl_nor_the_importers_nor_qt(db: Path, registry,
                                                                                    tmp_path: Path) -> None:
    sheet_id = _standard_id(db, registry)
    out = tmp_path / "sheet.pdf"
    assert _loaded_after(["export", str(sheet_id), "--format", "pdf", "-o", str(out), "--db", str(db)]) == ["0", "[]"]
    with pdfplumber.open(out) as pdf:
        text = "".join("".join(p.extract_text() for p in pdf.pages).split())  # a box breaks its lines anywhere
    assert "地域コミュニティ・課題解決型コミュニティ活動の促進" in text and "まちの振興課" in text


def test_an_xlsx_export_loads_openpyxl_but_not_the_store_nor_qt(db: Path, registry, tmp_path: Path) -> None:
    sheet_id = _standard_id(db, registry)
    out = tmp_path / "sheet.xlsx"
    code, loaded = _loaded_after(["export", str(sheet_id), "--format", "xlsx", "-o", str(out), "--db", str(db)])
    assert (code, loaded) == ("0", "['openpyxl']")
    assert out.stat().st_size > 0


def test_the_quick_pdf_says_what_the_stores_says(db: Path, registry, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    sheet_id = _standard_id(db, registry)
    assert main(["export", str(sheet_id), "--format", "pdf", "-o", str(tmp_path / "quick.pdf"), "--db", str(db)]) == 0
    monkeypatch.setattr("sheetdesk.store.readonly.ReadOnlySheets.read", lambda *_a, **_k: None)
    assert main(["export", str(sheet_id), "--format", "pdf", "-o", str(tmp_path / "store.pdf"), "--db", str(db)]) == 0

    def pages(path: Path) -> list[str]:
        with pdfplumber.open(path) as pdf:
            return [p.extract_text() for p in pdf.pages]

    assert pages(tmp_path / "quick.pdf") == pages(tmp_path / "store.pdf")


def test_an_export_runs_without_the_cycle_collector_and_gives_it_back(db: Path, registry, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from sheetdesk.app import printing

    seen: list[bool] = []
    export_files = printing.export_files

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return export_files(*args, **kwargs)

    monkeypatch.setattr(printing, "export_files", watched)
    sheet_id = _standard_id(db, registry)
    assert main(["export", str(sheet_id), "--format", "pdf", "-o", str(tmp_path / "s.pdf"), "--db", str(db)]) == 0
    assert seen == [False]
    assert gc.isenabled()  # the process that called main() keeps its collector
    assert main(["export", "9999", "--format", "pdf", "-o", str(tmp_path / "x.pdf"), "--db", str(db)]) == 1
    assert gc.isenabled()  # also after a refusal


def test_the_program_ends_an_export_with_its_objects_frozen_and_other_commands_as_python_does(
        db: Path, registry, tmp_path: Path, app_home: Path) -> None:
    """`run` (the sheetdesk program) spares the exit's collection after export, not after a command that writes."""
    sheet_id = _standard_id(db, registry)
    code = ("import gc, sys; from sheetdesk.cli.main import run; sys.argv[1:] = sys.argv[2:]; "
            "code = run(); print(code, gc.get_freeze_count() > 0, gc.isenabled())")
    env = dict(os.environ, SHEETDESK_HOME=str(app_home))

    def after(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", code, "sheetdesk", *args], env=env, capture_output=True,
                              text=True, check=True)
        return done.stdout.strip().splitlines()[-1]

    out = tmp_path / "s.pdf"
    assert after("export", str(sheet_id), "--format", "pdf", "-o", str(out), "--db", str(db)) == "0 True False"
    assert out.read_bytes().startswith(b"%PDF")
    assert after("init", "--db", str(tmp_path / "new.sqlite3")) == "0 False True"


def test_a_missing_sheet_is_refused_in_the_stores_words(db: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    before = db.read_bytes()
    assert main(["export", "9999", "--format", "pdf", "-o", str(tmp_path / "x.pdf"), "--db", str(db)]) == 1
    assert "シート（ID 9999）が見つかりません" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()
    assert db.read_bytes() == before


def test_an_older_schema_is_migrated_by_the_store_and_then_printed(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "old.sqlite3"
    shutil.copyfile(V1, db)
    assert main(["export", "1", "--format", "pdf", "-o", str(tmp_path / "old.pdf"), "--db", str(db)]) == 0
    assert "1件を" in capsys.readouterr().out
    assert (tmp_path / "old.pdf").read_bytes().startswith(b"%PDF")
    assert list((tmp_path / "home" / "data" / "backups").glob("old-*-schema0001.sqlite3"))  # the store's backup


def test_a_second_pdf_export_neither_imports_pydantic_nor_reads_yaml(db: Path, registry, tmp_path: Path,
                                                                      app_home: Path) -> None:
    """Structural, like the test above: with the forms and the layout in the validated-file cache, printing
    reads them as plain records (sheetdesk.forms.record): no pydantic, no YAML."""
    sheet_id = _standard_id(db, registry)
    code = ("import sys; from sheetdesk.cli.main import main; code = main(sys.argv[1:]); "
            "print(code, 'yaml' in sys.modules, 'pydantic' in sys.modules)")
    args = ["export", str(sheet_id), "--format", "pdf", "-o", str(tmp_path / "sheet.pdf"), "--db", str(db)]
    env = dict(os.environ, SHEETDESK_HOME=str(app_home))
    runs = [subprocess.run([sys.executable, "-c", code, *args], env=env, capture_output=True, text=True,
                           check=True).stdout.strip().splitlines()[-1] for _ in range(2)]
    assert runs[0] == "0 True True"  # the first run validates the files and fills the cache
    assert runs[1] == "0 False False"
