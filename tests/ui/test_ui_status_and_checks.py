"""Locking, unlocking with a reason, the history, the check list and the capacity meter."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit
from test_ui_submit import acknowledge_all
from ui_helpers import DialogAnswers, find, ime_type

from sheetdesk.glossary import Status

PURPOSE = "多様な主体による協働を進めることにより、地域社会が抱える課題に迅速かつきめ細かに対応します。"


def test_a_final_sheet_refuses_edits_until_unlocked_with_a_reason(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    answers = DialogAnswers(acknowledge_all, acknowledge_all)
    qtbot.mouseClick(editor.header.submit, Qt.MouseButton.LeftButton)
    assert editor.header.status.text() == "提出済"
    qtbot.mouseClick(editor.header.finalize, Qt.MouseButton.LeftButton)
    answers.check()
    assert editor.header.status.text() == "確定"
    assert editor.header.unlock.isVisible()

    box = find(w, "② 施策の目的")
    assert isinstance(box, QPlainTextEdit) and box.isReadOnly()
    ime_type(box, PURPOSE)
    assert box.toPlainText() == ""
    assert not editor.bridge.edit("s1.purpose", PURPOSE)
    assert "確定したシートは編集できません" in w.statusBar().currentMessage()
    assert "s1.purpose" not in store.load(sheet_id).values

    assert not editor.unlock("   ")  # a reason is required
    assert editor.unlock("数値の誤りを訂正するため")
    assert editor.header.status.text() == "提出済"
    assert not box.isReadOnly()
    ime_type(box, PURPOSE)
    editor.bridge.flush()
    assert store.load(sheet_id).values["s1.purpose"] == PURPOSE
    unlock = [e for e in store.history(sheet_id) if e.path == "status" and e.old is Status.FINAL]
    assert unlock and unlock[-1].note == "数値の誤りを訂正するため"


def test_history_shows_changes_and_restores_an_old_value_as_a_new_edit(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    box = find(w, "② 施策の目的")
    ime_type(box, "多様な主体による協働")
    editor.bridge.flush()
    box.selectAll()
    ime_type(box, PURPOSE)
    editor.bridge.flush()
    editor.side.setCurrentWidget(editor.history)
    table = editor.history.table
    texts = [table.item(r, 2).text() + " " + table.item(r, 3).text() for r in range(table.rowCount())]
    assert texts[0] == f"② 施策の目的 多様な主体による協働 → {PURPOSE[:40]}…"
    editor.history.select_row(0)
    qtbot.mouseClick(editor.history.restore_button, Qt.MouseButton.LeftButton)
    assert box.toPlainText() == "多様な主体による協働"
    editor.bridge.flush()
    assert store.load(sheet_id).values["s1.purpose"] == "多様な主体による協働"
    assert table.item(0, 3).text() == f"{PURPOSE[:40]}… → 多様な主体による協働"  # the restore is history too


def test_history_shows_the_whole_change_and_the_unlock_reason_in_view(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)  # the default 1280×860 window
    editor = w.open_sheet(sheet_id)
    box = find(w, "② 施策の目的")
    ime_type(box, PURPOSE)
    editor.bridge.flush()
    edited = PURPOSE.replace("迅速かつきめ細かに", "迅速に")
    box.selectAll()
    ime_type(box, edited)
    editor.bridge.flush()
    answers = DialogAnswers(acknowledge_all, acknowledge_all)
    qtbot.mouseClick(editor.header.submit, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.header.finalize, Qt.MouseButton.LeftButton)
    answers.check()
    assert editor.unlock("数値の誤りを訂正するため")
    editor.side.setCurrentWidget(editor.history)
    history = editor.history
    table = history.table
    reasons = [r for r in range(table.rowCount()) if table.item(r, 3).text().startswith("理由：数値の誤りを訂正するため\n")]
    assert reasons, "the unlock reason leads its change"
    rect = table.visualItemRect(table.item(reasons[0], 3))
    assert 0 <= rect.left() and rect.right() <= table.viewport().width(), "visible without scrolling sideways"
    assert table.horizontalScrollBar().maximum() == 0
    assert rect.height() > table.fontMetrics().height() * 1.5, "the cell wraps rather than cut its text"

    purpose_row = next(r for r in range(table.rowCount()) if table.item(r, 3).text().startswith(PURPOSE[:40] + "…")
                       and table.item(r, 2).text() == "② 施策の目的")
    history.select_row(purpose_row)
    shown = history.detail.toPlainText()
    assert PURPOSE in shown and edited in shown  # both texts in full, not cut at 40 characters
    removed = history.detail.toHtml()
    assert "line-through" in removed and "きめ細かに" in removed


def test_a_check_item_jumps_to_its_field(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    editor.show_section("s7")
    panel = editor.validation
    qtbot.waitUntil(lambda: panel.list.count() > 0)
    items = [panel.list.item(i).text() for i in range(panel.list.count())]
    assert "② 施策の目的\n　必須項目が入力されていません" in items
    item = panel.list.item(items.index("② 施策の目的\n　必須項目が入力されていません"))
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, pos=panel.list.visualItemRect(item).center())
    assert editor.current_section == "s1"
    assert QApplication.focusWidget() is find(w, "② 施策の目的")
    # once filled in, the item goes away (after the short re-check pause)
    ime_type(find(w, "② 施策の目的"), PURPOSE)
    qtbot.waitUntil(lambda: all("② 施策の目的" not in panel.list.item(i).text()
                                for i in range(panel.list.count())), timeout=2000)


def test_a_percentage_over_100_and_a_negative_cost_are_listed(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    editor.bridge.edit("outcome.1.a.name", "自治会・町内会加入率")
    editor.bridge.edit("outcome.1.a.unit", "％")
    from decimal import Decimal

    editor.bridge.edit("outcome.1.a.actual.2023", Decimal("233"))
    editor.bridge.edit("cost.national.2022", Decimal("-5"))
    editor.validation.refresh()
    messages = [i.message for i in editor.validation.issues]
    assert "割合（％）が0～100の範囲外です（233）" in messages
    assert "費用・数量が負の値です（-5）" in messages


def test_the_capacity_meter_turns_red_when_the_text_will_not_fit(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    field = editor.page(0).views["outcome.1.a.unit"]
    ime_type(field.editor, "％")
    assert field.meter.text() == f"1／{field.fit_now.capacity}字"
    assert "#c62828" not in field.meter.styleSheet()
    field.editor.selectAll()
    ime_type(field.editor, "自治会・町内会加入世帯数/全世帯数")
    assert field.meter.text().endswith("印刷欄に収まりません")
    assert "#c62828" in field.meter.styleSheet()
    editor.validation.refresh()
    assert any(i.path == "outcome.1.a.unit" and i.message.startswith("印刷欄に収まりません")
               for i in editor.validation.issues)
