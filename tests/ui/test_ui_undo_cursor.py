"""Undo as staff use it (issue 11, point 2): the cursor stays at the change; one step per word or IME commit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from ui_helpers import find, ime_type

from sheetdesk.ui.events import process_events


def _box(w) -> QPlainTextEdit:  # type: ignore[no-untyped-def]
    box = find(w, "② 施策の目的")
    assert isinstance(box, QPlainTextEdit)
    return box

# a published sheet's 基本施策名 (shared/seeds/000_…, as in conftest.MEASURE)
PURPOSE = "地域コミュニティ・課題解決型コミュニティ活動の促進"


def _undo(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def _redo(qtbot, box) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(box, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)


def test_after_undo_the_next_typing_lands_where_the_change_was(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    w.open_sheet(sheet_id)
    box = _box(w)
    ime_type(box, PURPOSE)
    cursor = box.textCursor()
    cursor.setPosition(PURPOSE.index("活動"))
    box.setTextCursor(cursor)
    ime_type(box, "NPO")  # a commit in the middle of the text
    assert box.toPlainText() == PURPOSE.replace("活動", "NPO活動")
    _undo(qtbot, box)
    assert box.toPlainText() == PURPOSE
    assert box.textCursor().position() == PURPOSE.index("活動"), "the cursor must stay at the change"
    ime_type(box, "市民")
    assert box.toPlainText() == PURPOSE.replace("活動", "市民活動"), "typing after undo lands at the change"
    _undo(qtbot, box)
    _redo(qtbot, box)
    assert box.textCursor().position() == PURPOSE.index("活動") + len("市民"), "after redo: just after the text"


def test_undo_takes_back_the_last_word_typed_not_the_last_pause(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    line = _box(w)
    line.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClicks(line, "NPO ")
    editor.bridge.flush()  # a pause long enough to save does not split the word that follows
    qtbot.keyClicks(line, "sup")
    editor.bridge.flush()
    qtbot.keyClicks(line, "port")
    assert line.toPlainText() == "NPO support"
    _undo(qtbot, line)
    assert line.toPlainText() == "NPO "
    assert line.textCursor().position() == len("NPO ")
    _undo(qtbot, line)
    assert line.toPlainText() == ""
    _redo(qtbot, line)
    _redo(qtbot, line)
    assert line.toPlainText() == "NPO support"
    assert line.textCursor().position() == len("NPO support")


def test_backspacing_a_word_is_one_step(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    w.open_sheet(sheet_id)
    box = _box(w)
    box.setFocus(Qt.FocusReason.OtherFocusReason)
    qtbot.keyClicks(box, "NPO support")
    box.moveCursor(QTextCursor.MoveOperation.End)
    for _ in "support":
        qtbot.keyClick(box, Qt.Key.Key_Backspace)
    assert box.toPlainText() == "NPO "
    _undo(qtbot, box)
    process_events()
    assert box.toPlainText() == "NPO support"
    assert box.textCursor().position() == len("NPO support")


# 施策関係課 of a published sheet (shared/seeds/004_…): 政策調整課、市民生活課、学校教育課
SECTIONS = ("政策調整課", "市民生活課", "学校教育課")


def test_in_a_list_undo_and_redo_leave_the_cursor_at_the_change(qtbot, store, sheet_id, make_window, tmp_path) -> None:
    w = make_window(store)
    w.open_sheet(sheet_id)
    box = find(w, "主な関係課")
    assert isinstance(box, QPlainTextEdit)
    ime_type(box, f"{SECTIONS[0]}\n{SECTIONS[2]}")
    second_line = len(SECTIONS[0]) + 1
    cursor = box.textCursor()
    cursor.setPosition(second_line)
    box.setTextCursor(cursor)
    ime_type(box, f"{SECTIONS[1]}\n")  # a line put between the two
    assert box.toPlainText() == "\n".join(SECTIONS)
    _undo(qtbot, box)
    assert box.toPlainText() == f"{SECTIONS[0]}\n{SECTIONS[2]}"
    assert box.textCursor().position() == second_line, "the cursor must stay at the change, not at the top"
    ime_type(box, f"{SECTIONS[1]}\n")
    assert box.toPlainText() == "\n".join(SECTIONS), "typing after undo lands at the change"
    _undo(qtbot, box)
    _redo(qtbot, box)
    assert box.textCursor().position() == second_line + len(SECTIONS[1]) + 1, "after redo: just after the line"
    w.grab().save(str(tmp_path / "list-undo.png"))
