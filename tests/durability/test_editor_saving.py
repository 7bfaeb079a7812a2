"""The editor as a person types in it while saves fail and succeed (issue 10 point 1, issue 11 point 6)."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from sheetdesk.app.journal import journal_folder, recover
from sheetdesk.store import SheetStore
from sheetdesk.ui.events import process_events

from .conftest import TEXT_FIELD

# seeds/000_…: the published sheet's own words, typed one phrase (one IME commit) at a time
PHRASES = ["地域コミュニティ", "(自治会・町内会・", "地域における共同体)", "や、NPO等", "課題解決型", "コミュニティとの",
           "連携を強化し、", "地域の課題解決を", "図ります。"]


def find(root: QWidget, name: str) -> QWidget:
    hits = [w for w in root.findChildren(QWidget) if w.accessibleName() == name and w.isVisible()]
    assert hits, name
    return hits[0]


def ime_commit(widget: QWidget, text: str) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus(Qt.FocusReason.OtherFocusReason)
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def window(qtbot, store, registry):
    from sheetdesk.ui.main_window import MainWindow

    w = MainWindow(store, registry, restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_steady_typing_is_in_the_journal_at_once_and_saved_without_a_pause(qtbot, window, store, sheet_id) -> None:
    editor = window.open_sheet(sheet_id)
    field = find(window, "② 施策の目的")
    started = time.monotonic()
    saved_at = None
    typed = ""
    for phrase in PHRASES * 4:  # a phrase every 0.3 s: the 1-second pause never comes
        ime_commit(field, phrase)
        typed += phrase
        journal = editor.session.journal.path.read_text(encoding="utf-8")
        on_disk = journal if editor.session.has_pending else store.load(sheet_id).values.get(TEXT_FIELD, "")
        assert typed in on_disk, "what was typed is on disk at once"
        qtbot.wait(300)
        if saved_at is None and (store.load(sheet_id).values.get(TEXT_FIELD) or ""):
            saved_at = time.monotonic() - started
    assert saved_at is not None and saved_at < 4.0, "the autosave ran while typing went on"


def _lock(db: Path) -> sqlite3.Connection:
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    return other


def test_closing_while_the_save_fails_asks_and_staying_keeps_everything(qtbot, window, store, sheet_id,
                                                                         db_path) -> None:
    store.lock_wait = 0.2
    editor = window.open_sheet(sheet_id)
    assert editor is not None
    asked: list[str] = []
    answers = iter(["stay", "retry"])
    editor.ask_unsaved = lambda reason: (asked.append(reason), next(answers))[1]  # type: ignore[method-assign]
    ime_commit(find(window, "② 施策の目的"), "地域の課題解決を図ります。")
    other = _lock(db_path)
    window.close()
    assert window.isVisible() and window.editor is editor, "the person chose to stay"
    assert f"{db_path} は他の操作" in asked[0]
    other.execute("ROLLBACK")
    other.close()
    window.close()  # now the retry succeeds
    assert asked == [asked[0]], "asked once more only if the retry failed"
    assert store.load(sheet_id).values[TEXT_FIELD] == "地域の課題解決を図ります。"


def test_leaving_the_sheet_with_a_failed_save_keeps_the_edits_for_the_next_start(qtbot, window, store, sheet_id,
                                                                                  db_path) -> None:
    store.lock_wait = 0.2
    editor = window.open_sheet(sheet_id)
    assert editor is not None
    editor.ask_unsaved = lambda reason: "close"  # type: ignore[method-assign]
    ime_commit(find(window, "② 施策の目的"), "地域の課題解決を図ります。")
    other = _lock(db_path)
    try:
        window.show_browser()
        process_events()
        assert window.editor is None
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert TEXT_FIELD not in store.load(sheet_id).values
    assert list(journal_folder(store).glob("*.jsonl")), "the journal stays"

    report = recover(store)  # the next start
    assert store.load(sheet_id).values[TEXT_FIELD] == "地域の課題解決を図ります。"
    assert "復元しました" in report.message


def test_a_bad_database_file_is_refused_in_japanese_in_the_window(qtbot, tmp_path, monkeypatch) -> None:
    from sheetdesk.ui import main as ui_main

    bad = tmp_path / "kunitachi.sqlite3"
    bad.write_bytes(Path("/work/shared/foreign/kunitachi-2023-a.pdf").read_bytes())
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _parent, title, text, *a: shown.append((title, text)))
    assert ui_main.run_gui(str(bad)) == 1
    [(title, text)] = shown
    assert title == "データベースを開けません"
    assert text.startswith(f"{bad} はSheetDeskのデータベースではありません")
    assert "sqlalche" not in text and "Error" not in text


def test_the_journal_of_a_store_is_beside_its_file(store: SheetStore, db_path: Path) -> None:
    assert journal_folder(store) == db_path.with_name(db_path.name + ".pending")
