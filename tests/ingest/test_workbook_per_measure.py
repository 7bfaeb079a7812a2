"""A city's workbook with a worksheet per 施策: each worksheet pair or worksheet is its own sheet (issue 9, point 5).

The workbooks are built by hand from ../shared/foreign (tests/ingest/multi_workbooks.py).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.multi_workbooks import NAME, OTHERS, SHARED, one_worksheet_each, two_worksheets_each
from sheetdesk.app.services import import_files
from sheetdesk.exchange import parse_document
from sheetdesk.ingest import read_file
from sheetdesk.store import SheetStore

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/foreign is not on this machine")


@pytest.fixture(scope="module")
def expected(registry):  # type: ignore[no-untyped-def]
    [sheet] = parse_document((SHARED / "kunitachi-2023.expected.json").read_bytes(), "expected", registry)
    return sheet


def _same(a: object, b: object) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return isinstance(a, Decimal) and isinstance(b, Decimal) and str(a) == str(b)
    return a == b


def _wrong_unflagged(result, expected) -> dict:  # type: ignore[no-untyped-def]
    flagged = set(result.needs_review())
    return {p: (result.sheet.values.get(p), v) for p, v in expected.values.items()
            if p not in ("header.measure_code", "header.measure_name") and p not in flagged
            and not _same(result.sheet.values.get(p), v)}


def test_a_worksheet_per_measure_gives_a_sheet_each_read_exactly(tmp_path, registry, expected) -> None:
    path = tmp_path / "施策シート一式.xlsx"
    names = one_worksheet_each(path, with_index=True)
    results = read_file(path, registry)
    assert [r.sheet.values["header.measure_name"] for r in results] == names
    for r in results:
        assert _wrong_unflagged(r, expected) == {}
        assert all(ref.cell.startswith(r.sources["header.measure_name"].cell.split("!")[0] + "!")
                   for ref in r.sources.values() if ref.cell), "each sheet is read from its own worksheet only"
    assert "3枚のうち2枚目のシートとしてワークシート「施策1-2」から読み取りました" in results[1].warnings
    assert any("ワークシート「一覧」は様式のシートの始まりも続きも見当たらないため取り込みませんでした" in w
               for w in results[0].warnings)


def test_front_and_back_worksheets_stay_one_sheet(tmp_path, registry, expected) -> None:
    path = tmp_path / "表裏.xlsx"
    names = two_worksheets_each(path)
    results = read_file(path, registry)
    assert [r.sheet.values["header.measure_name"] for r in results] == names
    assert "2枚のうち2枚目のシートとしてワークシート「表面 (2)」・「裏面 (2)」から読み取りました" in results[1].warnings
    for r in results:
        assert _wrong_unflagged(r, expected) == {}


def test_each_worksheet_is_stored_on_its_own(tmp_path, registry) -> None:
    """The second 施策 is stored already: the first and third are stored, the second refused by its worksheet."""
    path = tmp_path / "施策シート一式.xlsx"
    one_worksheet_each(path, with_index=False)
    with SheetStore.open(tmp_path / "db.sqlite3", registry=registry) as store:
        results = read_file(path, registry)
        for i, r in enumerate(results, 1):
            r.sheet.values["header.measure_code"] = f"1-{i}"
        store.import_sheets([results[1].sheet])
        before = store.list()
        report = import_files(store, registry, [path], accept_uncertain=True,
                              reader=lambda p, reg: results)
        (failed,) = report.failed
        assert failed.error is not None and failed.error.startswith("施策シート一式.xlsx 2枚目（ワークシート「施策1-2」）: ")
        assert failed.exists and "既に登録されています" in failed.error
        assert sorted(s.measure_name for s in store.list()) == sorted([NAME, *OTHERS])
        assert len(store.list()) == len(before) + 2


def test_the_same_sheet_twice_in_one_file_changes_nothing(tmp_path, registry) -> None:
    path = tmp_path / "重複.xlsx"
    one_worksheet_each(path, with_index=False)
    with SheetStore.open(tmp_path / "db.sqlite3", registry=registry) as store:
        results = read_file(path, registry)
        for r in results:
            r.sheet.values["header.measure_code"] = "1-1"  # a copy left with the first sheet's number
        report = import_files(store, registry, [path], accept_uncertain=True, reader=lambda p, reg: results)
        (outcome,) = report.files
        assert outcome.error is not None
        assert "1枚目（ワークシート「施策1-1」）と2枚目（ワークシート「施策1-2」）は同じシート" in outcome.error
        assert store.list() == []
