"""提出 / 確定 ask first, list the open check items to be acknowledged; a locked sheet looks locked."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QPlainTextEdit
from ui_helpers import DialogAnswers, click_button, find, ime_type

from sheetdesk.glossary import Status

PURPOSE = "多様な主体による協働を進めることにより、地域社会が抱える課題に迅速かつきめ細かに対応します。"
SHOTS = os.environ.get("SHEETDESK_SHOTS")  # a folder: save screenshots there to look at


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / name))


def acknowledge_all(dialog) -> None:  # type: ignore[no-untyped-def]
    for check in dialog.findChildren(QCheckBox):
        check.setChecked(True)
    click_button(dialog, dialog.ok.text())


def test_submit_lists_the_open_checks_and_waits_for_each_to_be_ticked(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    seen: dict[str, object] = {}

    def look_then_cancel(dialog) -> None:  # type: ignore[no-untyped-def]
        checks = dialog.findChildren(QCheckBox)
        seen["title"] = dialog.windowTitle()
        seen["items"] = [c.text() for c in checks]
        seen["enabled_before"] = dialog.ok.isEnabled()
        for c in checks[:-1]:
            c.setChecked(True)
        seen["enabled_one_left"] = dialog.ok.isEnabled()
        checks[-1].setChecked(True)
        seen["enabled_all"] = dialog.ok.isEnabled()
        _shot(dialog, "submit_dialog.png")
        click_button(dialog, "キャンセル")

    answers = DialogAnswers(look_then_cancel)
    qtbot.mouseClick(editor.header.submit, Qt.MouseButton.LeftButton)
    answers.check()
    assert seen["title"] == "提出の確認"
    assert "確認しました：② 施策の目的 — 必須項目が入力されていません" in seen["items"]  # type: ignore[operator]
    assert seen["enabled_before"] is False and seen["enabled_one_left"] is False and seen["enabled_all"] is True
    assert editor.header.status.text() == "作成中"  # cancelled: nothing changed
    assert store.load(sheet_id).status is Status.DRAFT
    assert not editor.banner.isVisible()

    answers = DialogAnswers(acknowledge_all)
    qtbot.mouseClick(editor.header.submit, Qt.MouseButton.LeftButton)
    answers.check()
    assert editor.header.status.text() == "提出済"
    assert store.load(sheet_id).status is Status.SUBMITTED
    assert editor.banner.isVisible() and "提出済" in editor.banner.text()
    banner = editor.banner  # laid out tall enough to read its line
    qtbot.waitUntil(lambda: banner.height() >= banner.heightForWidth(banner.width()))
    _shot(w, "submitted_sheet.png")


def test_a_filled_in_check_is_no_longer_asked(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    ime_type(find(w, "② 施策の目的"), PURPOSE)  # typed, not yet saved: 提出 saves it first
    items: list[str] = []

    def look(dialog) -> None:  # type: ignore[no-untyped-def]
        items.extend(c.text() for c in dialog.findChildren(QCheckBox))
        click_button(dialog, "キャンセル")

    answers = DialogAnswers(look)
    qtbot.mouseClick(editor.header.submit, Qt.MouseButton.LeftButton)
    answers.check()
    assert items and not any("② 施策の目的" in t for t in items)


def test_a_final_sheet_shows_a_banner_and_grey_read_only_fields(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    answers = DialogAnswers(acknowledge_all)
    qtbot.mouseClick(editor.header.submit, Qt.MouseButton.LeftButton)
    answers.check()
    titles: list[str] = []

    def final(dialog) -> None:  # type: ignore[no-untyped-def]
        titles.append(dialog.windowTitle())
        acknowledge_all(dialog)

    answers = DialogAnswers(final)
    qtbot.mouseClick(editor.header.finalize, Qt.MouseButton.LeftButton)
    answers.check()
    assert titles == ["確定の確認"]
    assert editor.header.status.text() == "確定"
    assert editor.banner.isVisible()
    assert "確定" in editor.banner.text() and "編集できません" in editor.banner.text()
    box = find(w, "② 施策の目的")
    assert isinstance(box, QPlainTextEdit) and box.isReadOnly()
    grey = box.palette().color(box.backgroundRole()).name()
    assert grey == "#ececec", grey
    _shot(w, "locked_sheet.png")

    assert editor.unlock("数値の誤りを訂正するため")
    assert "確定" not in editor.banner.text() or "編集できません" not in editor.banner.text()
    assert box.palette().color(box.backgroundRole()).name() != "#ececec"


def test_a_sheet_opened_final_shows_the_banner_at_once(qtbot, store, sheet_id, make_window) -> None:
    sheet = store.set_status(sheet_id, store.load(sheet_id).version, Status.SUBMITTED)
    store.set_status(sheet_id, sheet.version, Status.FINAL)
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    assert editor.banner.isVisible() and "編集できません" in editor.banner.text()
