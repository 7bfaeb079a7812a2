"""A 行動計画評価表 table workbook whose cells print the words of the columns' headers, read back.

Issue #9 (no wrong value unflagged, by construction), for the table reader of family B: a city may
name an indicator 「目標指標」 or type 「担当課」 for a 事業 whose 担当課 is not decided yet. A row of the
table that prints a header's words right under the header row is not the header's second row: taking
it for one left the first 事業 out and put every later row's values under the 事業 before it (with
only the first 事業's 指標名 typed 「目標指標」, 125 of the table's values came back wrong, unflagged). Such a cell is read where it stands, in its row, and listed for review with the
reason; the same words further down are plainly that row's values.

The workbooks are the hand-typed seed 003 tables of tests/ingest/table_workbooks.py; the header words
below are typed over a few of their cells here, by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from ingest.table_workbooks import layout_as_printed, layout_reordered, projects, read_back
from sheetdesk.ingest import ImportResult, read_file

# (layout, cell, 事業 row by its place in projects(), its field, the header words typed there)
TYPED = [
    ("reordered", "I3", 0, "indicator", "目標指標"),  # the first 事業's 指標名, right under the header row
    ("reordered", "C3", 0, "section", "担当課"),  # ... and its 所管課
    ("reordered", "D10", 7, "name", "事業名"),  # a 事業名 further down
    ("as_printed", "H7", 0, "indicator", "目標指標"),  # the first 事業 under the two heading rows
    ("as_printed", "C8", 1, "section", "所管課"),
]
RIGHT_UNDER = {("reordered", 0, "indicator"), ("reordered", 0, "section")}


def _read(layout: str, folder: Path, registry) -> tuple[ImportResult, dict[int, str]]:  # type: ignore[no-untyped-def]
    if layout == "reordered":
        path, spoiled = layout_reordered(folder / "協働行動計画.xlsx")
    else:
        path, spoiled = layout_as_printed(folder / "評価表_令和5年度.xlsx"), {}
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    for where, cell, _, _, value in TYPED:
        if where == layout:
            ws[cell] = value
    typed = folder / ("見出しと同じ値の" + path.name)
    wb.save(typed)
    [result] = read_file(typed, registry)
    return result, spoiled


@pytest.fixture(scope="module", params=["reordered", "as_printed"])
def case(request, registry, tmp_path_factory) -> tuple[str, ImportResult, dict[int, str]]:
    result, spoiled = _read(request.param, tmp_path_factory.mktemp("b_labels"), registry)
    return request.param, result, spoiled


def _truth(layout: str) -> list[dict[str, object]]:
    rows = []
    for n, p in enumerate(projects()):
        row = {"process": p.process, "reference": p.reference, "item": p.item, **p.values}
        for where, _, at, field, value in TYPED:
            if where == layout and at == n:
                row[field] = value
        rows.append(row)
    return rows


def test_every_row_is_read_where_it_stands_nothing_wrong_unflagged(case) -> None:
    layout, result, spoiled = case
    flagged = set(result.needs_review())
    got = read_back(result.sheet.values)
    truth = _truth(layout)
    assert len(got) == len(truth) == 15  # no 事業 taken for the header, none left out
    wrong = []
    for n, (want, (have, paths)) in enumerate(zip(truth, got, strict=True)):
        for k, w in want.items():
            h = have.get(k)
            h = list(h) if isinstance(h, tuple) else h
            if h != w and paths[k] not in flagged and not (k == "reference" and layout == "reordered"):
                wrong.append((n + 1, k, h, w))  # 該当ページ has no column in the reordered layout: said, not read
    assert [w for w in wrong if spoiled.get(w[0] - 1) != w[1]] == []


def test_each_header_worded_cell_is_read_as_typed_and_flagged_where_it_could_be_the_header(case) -> None:
    layout, result, _ = case
    got = read_back(result.sheet.values)
    flagged = set(result.needs_review())
    for where, _, n, field, value in TYPED:
        if where != layout:
            continue
        have, paths = got[n]
        assert have[field] == value, (n, field)
        if (layout, n, field) in RIGHT_UNDER:
            assert paths[field] in flagged
            assert "見出しか値か決められません" in result.reason(paths[field])
            assert f"「{value}」" in result.reason(paths[field])
        else:
            assert paths[field] not in flagged  # in a row of the table, far from the header: plainly a value


def test_the_header_keeps_its_own_columns(case) -> None:
    """The 指標名 column stays the one the header names: no column is said twice, no value said a column."""
    _, result, _ = case
    assert not [w for w in result.warnings if "の列が二つあります" in w]
    assert not [w for w in result.warnings if "目標指標" in w or "担当課" in w]
