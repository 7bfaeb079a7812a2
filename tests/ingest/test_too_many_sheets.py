"""Our own workbook with more worksheets than the budget allows: refused before its hidden JSON is read (issue 10).

The workbook is made here with openpyxl: SheetDesk's export of the sample
sheet, then worksheets added by hand as someone might (one per 事業, say)
until there are more than ``budget.MAX_SHEETS``. The person sees one
Japanese line naming the file and what was wrong; the database is the same
file, byte for byte, as before.
"""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sheetdesk.app.samples import sample_paths
from sheetdesk.cli.main import main
from sheetdesk.exchange import parse_document
from sheetdesk.ingest import IngestError, budget, read_file
from sheetdesk.render.xlsx import render_xlsx


@pytest.fixture(scope="module")
def sample_json() -> Path:
    return next(p for p in sample_paths() if p.name == "kunitachi-2023.json")


def _dump(db: Path) -> list[str]:
    """Every statement that would rebuild the database, its write-ahead log included."""
    conn = sqlite3.connect(db)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _our_export_with_sheets(registry, standard_form, sample_json: Path, path: Path, total: int) -> Path:
    [sheet] = parse_document(sample_json.read_bytes(), sample_json.name, registry)
    wb = load_workbook(io.BytesIO(render_xlsx(standard_form, sheet)))
    for i in range(total - len(wb.sheetnames)):
        wb.create_sheet(f"事業{i + 1}")
    assert len(wb.sheetnames) == total
    wb.save(path)
    return path


def test_the_budget_allows_its_number_of_sheets(registry, standard_form, sample_json, tmp_path) -> None:
    """The other half of the boundary: exactly MAX_SHEETS worksheets still come in, exact."""
    path = _our_export_with_sheets(registry, standard_form, sample_json, tmp_path / "上限.xlsx", budget.MAX_SHEETS)
    [result] = read_file(path, registry)
    assert result.exact and result.sheet.values["header.measure_code"] == "1-1"


def test_one_sheet_too_many_is_refused_in_japanese_and_the_database_is_unchanged(
        registry, standard_form, sample_json, tmp_path, capsys) -> None:
    too_many = budget.MAX_SHEETS + 1
    path = _our_export_with_sheets(registry, standard_form, sample_json, tmp_path / "施策シート（全課）.xlsx", too_many)

    with pytest.raises(IngestError) as err:
        read_file(path, registry)
    assert err.value.source == "施策シート（全課）.xlsx"

    db = tmp_path / "city.sqlite3"
    assert main(["import", "--create", "--db", str(db), str(sample_json)]) == 0
    capsys.readouterr()
    before = _dump(db)
    code = main(["import", "--db", str(db), str(path)])
    out, err_text = capsys.readouterr()
    assert code == 1
    assert (f"sheetdesk: 施策シート（全課）.xlsx: xl/workbook.xml: ワークシートが多すぎます"
            f"（{too_many:,}枚。{budget.MAX_SHEETS}枚まで）") in err_text
    assert "Traceback" not in err_text and "Error" not in err_text
    assert "取込 0件" in out and "失敗 1件" in out
    assert _dump(db) == before
    assert len([line for line in before if line.startswith('INSERT INTO "sheets"')]) == 1
