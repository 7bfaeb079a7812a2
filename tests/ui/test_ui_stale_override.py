"""An override the new numbers contradict: said beside the field and in the checks, dropped with one click."""

from __future__ import annotations

from PySide6.QtCore import Qt
from ui_helpers import enter_cell, find, ime_type

from sheetdesk.glossary import OVERRIDE_WORDS

FIELD = "成果指標 施策の展開方向1 ア 目標達成度"


def test_new_numbers_that_contradict_an_override_are_flagged_and_the_override_dropped(
        qtbot, store, sheet_id, make_window, tmp_path) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    assert editor is not None
    # words of seed 000: the indicator and its numbers for 令和5年度 (目標 34.0, 実績 23.3)
    ime_type(find(w, "成果指標 施策の展開方向1 ア 名称"), "自治会・町内会加入率")
    ime_type(find(w, "成果指標 施策の展開方向1 ア 単位"), "％")
    editor.show_section("s3")
    outcome = find(w, "成果指標 施策の展開方向1 ア")
    om = outcome.model()
    col = {y: i for i, y in enumerate(om.years)}
    enter_cell(outcome, om.index(1, col[2023]), "34.0", qtbot)  # 目標値; no 実績値 yet: nothing to compute
    combo = find(w, FIELD)
    combo.setCurrentIndex(combo.findText("達成 に上書き"))  # the section's own judgement, before the figures
    shown = find(w, f"{FIELD} 表示")
    assert shown.text() == "達成（計算値: なし）"
    assert not find(w, FIELD).parent().stale.isVisible()  # nothing to disagree with yet

    # the 実績値 arrives: 23.3 of 34.0 is 未達成, and the override now says otherwise
    enter_cell(outcome, om.index(2, col[2023]), "23.3", qtbot)
    stale = OVERRIDE_WORDS["stale"].format(override="達成", computed="未達成")
    assert find(w, f"{FIELD} 上書きの注意").text() == stale
    qtbot.waitUntil(lambda: any(i.path == "outcome.1.a.achievement" and "未達成" in i.message
                                for i in editor.validation.issues))
    editor.validation.jumpRequested.emit("outcome.1.a.achievement")  # the check item leads to the field
    w.grab().save(str(tmp_path / "stale.png"))

    # one click drops it; the computed value shows, the store has no override; Ctrl+Z brings it back
    qtbot.mouseClick(find(w, f"{FIELD} {OVERRIDE_WORDS['drop']}"), Qt.MouseButton.LeftButton)
    assert shown.text() == "未達成"
    assert not find(w, FIELD).parent().stale.isVisible()
    editor.session.flush()
    assert "outcome.1.a.achievement" not in store.load(sheet_id).overrides
    qtbot.waitUntil(lambda: not any(i.path == "outcome.1.a.achievement" for i in editor.validation.issues))
    w.undo_action.trigger()
    assert shown.text() == "達成（計算値: 未達成）"
    assert find(w, f"{FIELD} 上書きの注意").isVisible()


def test_an_override_chosen_against_the_same_numbers_gets_no_notice(qtbot, store, sheet_id, make_window,
                                                                   tmp_path) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    assert editor is not None
    ime_type(find(w, "成果指標 施策の展開方向1 ア 名称"), "自治会・町内会加入率")
    editor.show_section("s3")
    outcome = find(w, "成果指標 施策の展開方向1 ア")
    om = outcome.model()
    col = {y: i for i, y in enumerate(om.years)}
    enter_cell(outcome, om.index(1, col[2023]), "34.0", qtbot)
    enter_cell(outcome, om.index(2, col[2023]), "23.3", qtbot)
    shown = find(w, f"{FIELD} 表示")
    assert shown.text() == "未達成"
    combo = find(w, FIELD)
    combo.setCurrentIndex(combo.findText("達成 に上書き"))  # a decision made knowing the figures
    assert shown.text() == "達成（計算値: 未達成）"  # the computed value stays in sight
    notice = combo.parent().stale
    assert not notice.isVisible() and notice.text() == ""
    assert not combo.parent().drop.isVisible()
    editor.focus_field("outcome.1.a.achievement")
    w.grab().save(str(tmp_path / "deliberate.png"))

    editor = w.open_sheet(sheet_id)  # another day
    assert editor is not None
    editor.show_section("s3")
    assert find(w, f"{FIELD} 表示").text() == "達成（計算値: 未達成）"
    assert not find(w, FIELD).parent().stale.isVisible()


def test_the_notice_of_new_numbers_is_still_there_after_reopening(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    assert editor is not None
    ime_type(find(w, "成果指標 施策の展開方向1 ア 名称"), "自治会・町内会加入率")
    editor.show_section("s3")
    outcome = find(w, "成果指標 施策の展開方向1 ア")
    om = outcome.model()
    col = {y: i for i, y in enumerate(om.years)}
    enter_cell(outcome, om.index(1, col[2023]), "34.0", qtbot)
    combo = find(w, FIELD)
    combo.setCurrentIndex(combo.findText("達成 に上書き"))  # before the 実績値
    enter_cell(outcome, om.index(2, col[2023]), "23.3", qtbot)
    assert find(w, f"{FIELD} 上書きの注意").isVisible()

    editor = w.open_sheet(sheet_id)
    assert editor is not None
    editor.show_section("s3")
    stale = OVERRIDE_WORDS["stale"].format(override="達成", computed="未達成")
    assert find(w, f"{FIELD} 上書きの注意").text() == stale
