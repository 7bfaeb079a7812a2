"""Section 3's year columns at the default window size (issue 11, point 4).

All eight years of the plan (R2…R9) are on screen without a scrollbar at
the default 1280×860 window; with the 印刷イメージ pane open, a scrollbar
says there are more.
"""

from __future__ import annotations

import os

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QTableView
from ui_helpers import find

YEARS = [f"R{n}年度" for n in range(2, 10)]


def _shown_years(table: QTableView) -> list[str]:
    """The year headers whose whole column lies inside what the table shows."""
    m = table.model()
    viewport = table.viewport().rect()
    shown = []
    for c in range(m.columnCount()):
        x = table.columnViewportPosition(c)
        column = QRect(x, 0, table.columnWidth(c), 1)
        if viewport.contains(column) and table.viewport().isVisible():
            shown.append(str(m.headerData(c, Qt.Orientation.Horizontal)))
    return shown


def _years_or_scrollbar(table: QTableView) -> None:
    m = table.model()
    headers = [str(m.headerData(c, Qt.Orientation.Horizontal)) for c in range(m.columnCount())]
    assert [h for h in headers if h in YEARS] == YEARS
    # what fits the page the table is on (the table may be wider than the page's viewport)
    shown = [y for y in _shown_years(table) if y in YEARS]
    bar = table.horizontalScrollBar()
    assert shown == YEARS or (bar.isVisible() and bar.maximum() > 0), (
        f"only {shown} are visible and no scrollbar says there are more")
    last = m.rowCount() - 1
    assert table.rowViewportPosition(last) + table.rowHeight(last) <= table.viewport().height(), (
        "the scrollbar hides the last row")


def test_section_3_shows_every_year_or_a_scrollbar(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    w.resize(1280, 860)
    editor = w.open_sheet(sheet_id)
    editor.show_section("s3")
    cost = find(w, "施策コスト")
    assert isinstance(cost, QTableView)
    qtbot.waitUntil(lambda: cost.width() > 0)
    qtbot.wait(50)  # the layout settles after the scrollbar appears
    page = editor.pages.currentWidget()
    assert cost.mapTo(page, cost.rect().topRight()).x() <= page.viewport().width() + 1, (
        "the table runs past the page's right edge")
    _years_or_scrollbar(cost)
    # without the preview the default window has room for every year: no scrolling sideways to read R9
    assert [y for y in _shown_years(cost) if y in YEARS] == YEARS
    assert not cost.horizontalScrollBar().isVisible()
    shots = os.environ.get("SHEETDESK_SCREENSHOTS")
    if shots:
        w.grab().save(os.path.join(shots, "s3-years.png"))
    with qtbot.waitSignal(editor.preview.refreshed, timeout=15000):
        editor.side.setCurrentWidget(editor.preview)
    qtbot.wait(50)
    assert cost.mapTo(page, cost.rect().topRight()).x() <= page.viewport().width() + 1
    _years_or_scrollbar(cost)
    if shots:
        w.grab().save(os.path.join(shots, "s3-years-preview.png"))


def test_a_two_row_indicator_table_has_no_empty_strip_under_its_rows(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    w.resize(1280, 860)
    editor = w.open_sheet(sheet_id)
    editor.show_section("s3")
    table = find(w, "対象指標 ア")
    assert isinstance(table, QTableView)
    qtbot.waitUntil(lambda: table.width() > 0)
    qtbot.wait(50)
    assert not table.horizontalScrollBar().isVisible()
    rows = sum(table.rowHeight(r) for r in range(table.model().rowCount()))
    assert table.viewport().height() - rows <= 2, (
        f"{table.viewport().height() - rows} px of empty table under 実績値・見込み値")
