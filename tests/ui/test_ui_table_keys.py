"""Enter in a table moves down a row, as in a spreadsheet (issue 11, point 14)."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView
from test_ui_composable import cstore, forms_registry, open_editor  # noqa: F401 - fixtures
from ui_helpers import enter_cell, find

from sheetdesk.ui.events import process_events


def _type_and_enter(qtbot, view: QTableView, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type into the current cell without opening it first (any key opens it), then Enter."""
    qtbot.keyClicks(view, text[0])  # opens the cell's editor, which gets the rest
    qtbot.keyClicks(QApplication.focusWidget(), text[1:])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    process_events()


def test_enter_in_the_cost_table_moves_down_to_the_next_line(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    editor.show_section("s3")
    cost = find(w, "施策コスト")
    assert isinstance(cost, QTableView)
    m = cost.model()
    column = m.years.index(2023)  # type: ignore[attr-defined]
    enter_cell(cost, m.index(0, column), "4705", qtbot)
    assert cost.currentIndex() == m.index(1, column), "Enter must move down a row, same year"
    _type_and_enter(qtbot, cost, "120")
    assert m.index(1, column).data() == "120"
    assert cost.currentIndex() == m.index(2, column)
    # Enter on a cell not being edited moves down too
    qtbot.keyClick(cost, Qt.Key.Key_Return)
    assert cost.currentIndex() == m.index(3, column)
    editor.bridge.flush()
    values = store.load(sheet_id).values
    assert values["cost.national.2023"] == Decimal("4705")
    assert Decimal("120") in values.values()


def test_enter_in_a_repeat_table_moves_down_to_the_next_project(qtbot, open_editor) -> None:  # noqa: F811
    keys = ("1", "2", "3")
    values: dict = {"items.1.projects": keys}
    w, editor, _sheet_id, _opened = open_editor(
        "kodo-hyoka", {"code": "3", "name": "夢を描く（集う）", "section": "市民協働推進課"}, values)
    editor.show_section("plan")
    table = find(w, "項目1 事業")
    assert isinstance(table, QTableView)
    m = table.model()
    enter_cell(table, m.index(0, 3), "3地区", qtbot)
    assert table.currentIndex() == m.index(1, 3)
    _type_and_enter(qtbot, table, "5")
    assert editor.session.sheet.values["items.1.projects.2.now"] == "5"
    assert table.currentIndex() == m.index(2, 3)
