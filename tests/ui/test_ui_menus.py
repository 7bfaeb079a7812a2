"""Menus a keyboard user can reach (access keys), Ctrl+S that saves at once, and the offline help."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import DialogAnswers, find, ime_type

from sheetdesk.ui.help_dialog import UsageDialog

ACCESS_KEY = re.compile(r"\(&[A-Z]\)")


def test_every_menu_and_item_has_an_access_key_each_unique_in_its_menu(qtbot, store, make_window) -> None:
    w = make_window(store)
    tops = [a for a in w.menuBar().actions()]
    assert [a.text() for a in tops][:3] == ["ファイル(&F)", "印刷(&P)", "編集(&E)"] and tops[-1].text() == "ヘルプ(&H)"
    for top in tops:
        assert ACCESS_KEY.search(top.text()), top.text()
        items = [a for a in top.menu().actions() if not a.isSeparator()]
        keys = [ACCESS_KEY.search(a.text()) for a in items]
        assert all(keys), [a.text() for a in items]
        letters = [k.group(0) for k in keys if k]
        assert len(letters) == len(set(letters)), letters


def test_ctrl_s_saves_what_was_typed_at_once(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    box = find(w, "② 施策の目的")
    ime_type(box, "多様な主体による協働")
    assert editor.session.has_pending
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not editor.session.has_pending
    assert store.load(sheet_id).values["s1.purpose"] == "多様な主体による協働"
    assert w.statusBar().currentMessage() == "保存しました"


def test_help_opens_the_guide_in_japanese_without_a_network(qtbot, store, make_window) -> None:
    w = make_window(store)
    seen: list[str] = []

    def read_and_close(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, UsageDialog)
        seen.append(dialog.text.toPlainText())
        dialog.reject()

    answers = DialogAnswers(read_and_close)
    usage = next(a for a in w.help_menu.actions() if a.text() == "使い方(&U)")
    usage.trigger()
    answers.check()
    assert seen and "前年度から作成" in seen[0] and "Ctrl+S" in seen[0]


def test_version_information_names_the_version_and_where_data_is_kept(qtbot, store, make_window) -> None:
    from sheetdesk import __version__
    from sheetdesk.paths import app_dirs

    w = make_window(store)
    seen: list[str] = []

    def read_and_close(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append((dialog.windowTitle(), dialog.text()))
        dialog.accept()

    answers = DialogAnswers(read_and_close)
    about = next(a for a in w.help_menu.actions() if a.text() == "バージョン情報(&A)")
    about.trigger()
    answers.check()
    title, text = seen[0]
    assert title == "バージョン情報"
    assert f"SheetDesk {__version__}" in text and str(app_dirs().data) in text
