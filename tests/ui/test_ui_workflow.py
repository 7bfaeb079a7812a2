"""A user's day with the editor: create, type Japanese, enter numbers, undo, close, reopen."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton
from ui_helpers import enter_cell, find, ime_type

from sheetdesk.glossary import Mark
from sheetdesk.store import SheetStore

PURPOSE = "多様な主体による協働を進めることにより、地域社会が抱える課題に迅速かつきめ細かに対応します。"
SITUATION = ("新型コロナウイルス感染症の５類感染症への移行後は、コミュニティ施設の利用者数、"
             "くにたち地域活動支援室の利用者数が増加している。")
POLICY_NEXT = "自治会・町内会加入促進に向けた広報の充実"


def _fill_new_sheet_dialog(qtbot) -> None:
    dialog = QApplication.activeModalWidget()
    assert dialog is not None, "the new-sheet dialog did not open"
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findData("shisaku-management"))
    qtbot.keyClicks(find(dialog, "施策番号"), "1-1")
    ime_type(find(dialog, "基本施策名"), "地域コミュニティ・課題解決型コミュニティ活動の促進", "ちいき")
    ime_type(find(dialog, "政策名"), "地域・安全")
    ime_type(find(dialog, "施策統括課"), "市民協働推進課")
    ime_type(find(dialog, "市区町村名"), "国立市")
    ime_type(find(dialog, "計画名"), "第２次基本計画")
    dialog.start.setCurrentIndex(dialog.start.findData(2020))
    dialog.end.setCurrentIndex(dialog.end.findData(2027))
    dialog.year.setCurrentIndex(dialog.year.findData(2023))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()


def test_a_sheet_written_in_one_sitting_is_all_there_after_reopening(qtbot, db_path, make_window) -> None:
    store = SheetStore.open(db_path)
    w = make_window(store)
    # an empty database offers the three ways to start
    assert w.stack.currentWidget() is w.welcome
    create = next(b for b in w.welcome.findChildren(QPushButton) if b.text() == "新しいシートを作成…")
    QTimer.singleShot(0, lambda: _fill_new_sheet_dialog(qtbot))
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)
    editor = w.editor
    assert editor is not None and w.stack.currentWidget() is editor
    w.activateWindow()  # the window manager's job once the dialog is gone
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    assert "令和5年度" in editor.header.title.text() and "1-1" in editor.header.title.text()

    # section 1 (with the header): Japanese through the IME
    ime_type(find(w, "② 施策の目的"), PURPOSE, "たようなしゅたい")
    ime_type(find(w, "成果指標 施策の展開方向1 ア 名称"), "自治会・町内会加入率")
    ime_type(find(w, "成果指標 施策の展開方向1 ア 単位"), "％")
    # section 5 and 7, reached with the keyboard (Ctrl+PgDown)
    for _ in range(4):
        qtbot.keyClick(QApplication.focusWidget() or editor, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert editor.current_section == "s5"
    ime_type(find(w, "(1) 施策を取り巻く状況（対象者や根拠法令等）はどう変化しているか？"), SITUATION)
    editor.show_section("s7")
    ime_type(find(w, "（1）7年度の取組方針"), POLICY_NEXT)

    # section 3: costs and the indicator's numbers, totals and judgements update live
    editor.show_section("s3")
    cost = find(w, "施策コスト")
    m = cost.model()
    col = {y: i for i, y in enumerate(m.years)}
    row = {r.prefix.split(".")[1]: i for i, r in enumerate(m.rows)}
    enter_cell(cost, m.index(row["national"], col[2023]), "4705", qtbot)
    enter_cell(cost, m.index(row["general"], col[2023]), "120,669", qtbot)
    enter_cell(cost, m.index(row["personnel"], col[2023]), "24922", qtbot)
    enter_cell(cost, m.index(row["other"], col[2022]), "未集計", qtbot)
    assert m.index(row["project_total"], col[2023]).data() == "125,374"
    assert m.index(row["total"], col[2023]).data() == "150,296"
    assert m.index(row["project_total"], col[2022]).data() == "未集計"  # a mark is not 0
    assert m.index(row["other"], col[2022]).data() == "未集計"

    outcome = find(w, "成果指標 施策の展開方向1 ア")
    om = outcome.model()
    assert om.headerData(0, Qt.Orientation.Vertical) == "成り行き値（％）"
    assert om.headerData(0, Qt.Orientation.Horizontal) == "R2年度"
    ocol = {y: i for i, y in enumerate(om.years)}
    enter_cell(outcome, om.index(1, ocol[2023]), "34.0", qtbot)  # 目標値
    enter_cell(outcome, om.index(2, ocol[2022]), "22.7", qtbot)  # 実績値
    enter_cell(outcome, om.index(2, ocol[2023]), "23.3", qtbot)
    assert om.flags(om.index(2, ocol[2025])) == Qt.ItemFlag.NoItemFlags  # 実績値 after N is greyed
    shown = find(w, "成果指標 施策の展開方向1 ア 目標達成度 表示")
    assert shown.text() == "未達成"
    assert find(w, "成果指標 施策の展開方向1 ア 前年度比較 表示").text() == "維持"  # +2.6% is within ±3%
    editor.show_section("s4")
    suggestion = "（1）施策全体の成果実績目標達成度 A（高度に達成）～E（ほぼ未達成）（推奨） 表示"
    assert find(w, suggestion).text() == "E"

    # an override is marked, with the computed value beside it; Ctrl+Z takes it back
    editor.show_section("s3")
    combo = find(w, "成果指標 施策の展開方向1 ア 目標達成度")
    combo.setCurrentIndex(combo.findText("達成 に上書き"))
    assert shown.text() == "達成（計算値: 未達成）"
    assert "#e65100" in shown.styleSheet() and "bold" in shown.styleSheet()
    qtbot.keyClick(combo, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown.text() == "未達成"
    qtbot.keyClick(combo, Qt.Key.Key_Z, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier)
    assert shown.text() == "達成（計算値: 未達成）"

    # the last keystrokes are not saved yet (autosave waits for a pause) ... and closing keeps them
    editor.show_section("s7")
    ime_type(find(w, "（2）中期的な取組方針（概ね実施計画期間を想定）"), "地域")
    assert editor.session.has_pending
    sheet_id = editor.session.sheet_id
    w.close()
    store.close()

    store2 = SheetStore.open(db_path)
    w2 = make_window(store2)
    editor2 = w2.editor
    assert editor2 is not None and editor2.session.sheet_id == sheet_id  # it reopens where the user was
    assert editor2.current_section == "s7"
    assert find(w2, "（2）中期的な取組方針（概ね実施計画期間を想定）").toPlainText() == "地域"
    assert find(w2, "（1）7年度の取組方針").toPlainText() == POLICY_NEXT
    editor2.show_section("s1")
    assert find(w2, "② 施策の目的").toPlainText() == PURPOSE
    assert find(w2, "成果指標 施策の展開方向1 ア 名称").text() == "自治会・町内会加入率"
    editor2.show_section("s5")
    assert find(w2, "(1) 施策を取り巻く状況（対象者や根拠法令等）はどう変化しているか？").toPlainText() == SITUATION
    editor2.show_section("s3")
    m2 = find(w2, "施策コスト").model()
    assert m2.index(row["total"], col[2023]).data() == "150,296"
    assert find(w2, "成果指標 施策の展開方向1 ア 目標達成度 表示").text() == "達成（計算値: 未達成）"
    values = store2.load(sheet_id).values
    assert values["cost.other.2022"] is Mark.NOT_COUNTED
    assert values["outcome.1.a.actual.2023"] == Decimal("23.3")
    w2.close()
    store2.close()


def test_undo_of_typing_takes_back_one_ime_commit_at_a_time(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    box = find(w, "② 施策の目的")
    ime_type(box, "多様な主体")
    ime_type(box, "による協働")
    assert box.toPlainText() == "多様な主体による協働"
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.toPlainText() == "多様な主体"
    qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert box.toPlainText() == ""
    qtbot.keyClick(box, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(box, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert box.toPlainText() == "多様な主体による協働"
    editor.bridge.flush()
    assert store.load(sheet_id).values["s1.purpose"] == "多様な主体による協働"


def test_a_bad_number_is_refused_with_a_message_and_the_cell_keeps_its_value(qtbot, store, sheet_id,
                                                                               make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    editor.show_section("s3")
    cost = find(w, "施策コスト")
    m = cost.model()
    index = m.index(0, m.years.index(2023))
    enter_cell(cost, index, "4705", qtbot)
    enter_cell(cost, index, "abc", qtbot)
    assert index.data() == "4,705"
    assert "「abc」は数値でも記号（-・未集計）でもありません" in w.statusBar().currentMessage()
    assert "数値でも記号" in index.data(Qt.ItemDataRole.ToolTipRole)
    editor.bridge.flush()
    assert store.load(sheet_id).values["cost.national.2023"] == Decimal("4705")


def test_autosave_writes_within_a_second_of_a_pause(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    ime_type(find(w, "② 施策の目的"), PURPOSE)
    assert "s1.purpose" not in store.load(sheet_id).values
    qtbot.waitUntil(lambda: not editor.session.has_pending, timeout=2000)
    assert store.load(sheet_id).values["s1.purpose"] == PURPOSE
    assert editor.header.saved.text() == "保存済み"
