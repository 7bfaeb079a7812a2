"""A database and an exchange file written by the first release open unchanged.

Both were written by main at ac14dfd (see tests/fixtures/README.md); today's
code must read them and write the same JSON byte for byte.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sheetdesk.cli.main import main

ROUND1 = Path(__file__).parents[1] / "fixtures" / "round1"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_round1_database_exports_the_round1_json_byte_for_byte(capsys, tmp_path: Path, as_exported_today) -> None:
    db = tmp_path / "round1.sqlite3"
    shutil.copy(ROUND1 / "sheetdesk-round1.sqlite3", db)
    out = tmp_path / "out.json"
    code, _, err = run(capsys, "export", "1", "2", "--format", "json", "-o", str(out), "--db", str(db))
    assert code == 0, err
    assert out.read_bytes() == as_exported_today((ROUND1 / "sheets.json").read_bytes())


def test_the_round1_json_imports_and_exports_byte_for_byte(capsys, tmp_path: Path, as_exported_today) -> None:
    db = tmp_path / "fresh.sqlite3"
    code, out, err = run(capsys, "import", str(ROUND1 / "sheets.json"), "--db", str(db), "--create")
    assert code == 0, err
    assert "2件 取り込みました" in out and "失敗 0件" in out
    code, listing, _ = run(capsys, "list", "--db", str(db))
    assert "令和5年度" in listing and "令和6年度" in listing
    again = tmp_path / "again.json"
    code, _, err = run(capsys, "export", "1", "2", "--format", "json", "-o", str(again), "--db", str(db))
    assert code == 0, err
    assert again.read_bytes() == as_exported_today((ROUND1 / "sheets.json").read_bytes())


def test_the_round1_database_is_searched_regardless_of_width_after_its_migration(tmp_path: Path) -> None:
    """Migration 0003 folds the texts already stored: a half-width query finds them."""
    from sheetdesk.store import SheetStore

    db = tmp_path / "round1.sqlite3"
    shutil.copy(ROUND1 / "sheetdesk-round1.sqlite3", db)
    store = SheetStore.open(db)
    try:
        typed = {(h.sheet_id, h.path) for h in store.search("コミュニティ")}
        assert typed
        assert {(h.sheet_id, h.path) for h in store.search("ｺﾐｭﾆﾃｨ")} == typed
    finally:
        store.close()
