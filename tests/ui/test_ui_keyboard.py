"""The whole sheet without a mouse: Tab follows the paper's order, Ctrl+PgDown turns to the next section."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget
from ui_helpers import find

from sheetdesk.forms import PlanContext

CTX = PlanContext("国立市", "第２次基本計画", 2020, 2027, 2023)


def _focused_name() -> str:
    w = QApplication.focusWidget()
    return w.accessibleName() if w is not None else ""


def test_tab_walks_section_5_in_the_papers_order(qtbot, store, sheet_id, make_window, standard_form) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    editor.show_section("s5")
    specs = standard_form.fields(CTX)
    paper = [specs[p].label for p in ("s5.situation", "s5.opinions", "s5.comparison", "s5.current_work",
                                      "s5.planned_work")]
    first = find(w, paper[0])
    assert isinstance(first, QPlainTextEdit)
    first.setFocus(Qt.FocusReason.TabFocusReason)
    visited = [_focused_name()]
    for _ in range(len(paper) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(_focused_name())
    assert [v for v in visited if v in paper] == paper
    assert first.toPlainText() == "", "Tab must move on, not type a tab character"


def test_ctrl_page_down_turns_to_the_next_section(qtbot, store, sheet_id, make_window, standard_form) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    editor.show_section("s1")
    target = find(w, standard_form.fields(CTX)["s1.target"].label)
    s2_name = standard_form.fields(CTX)["s2.directions.1.name"].label
    assert not any(x.isVisible() for x in w.findChildren(QWidget) if x.accessibleName() == s2_name)
    target.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert find(w, s2_name).isVisible()


def test_ctrl_page_down_lands_on_the_sections_first_field(qtbot, store, sheet_id, make_window,
                                                          standard_form) -> None:
    """Issue 11, point 14: from anywhere in a section, the next section opens on its first field."""
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    specs = standard_form.fields(CTX)
    editor.show_section("s1")
    # from the last text of section 1, and from its first: both land on section 2's first field
    for start in ("s1.target", "s1.purpose"):
        editor.show_section("s1")
        find(w, specs[start].label).setFocus(Qt.FocusReason.OtherFocusReason)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
        assert _focused_name() == specs["s2.directions.1.name"].label
    # section 4 → section 5 opens on 5's first text, 施策の現状
    editor.show_section("s4")
    qtbot.keyClick(editor.pages.currentWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert _focused_name() == specs["s5.situation"].label
