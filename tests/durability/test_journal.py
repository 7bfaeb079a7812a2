"""What a person typed survives a kill, a failed save and a refused value (issue 10, point 1)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sheetdesk.app.editing import EditRefused, SessionEvent, SheetSession
from sheetdesk.app.journal import Journal, journal_folder, recover
from sheetdesk.store import SheetStore

from .conftest import TEXT_FIELD

TYPIST = Path(__file__).with_name("typist.py")
KANA = "ちいきのつながりのきはくか"


def _typed(n: int) -> str:
    return "".join(KANA[j % len(KANA)] for j in range(n))


def start_typist(db: Path, sheet_id: int, interval: float = 0.02, count: int = 100000) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, str(TYPIST), str(db), str(sheet_id), TEXT_FIELD, str(interval), str(count)],
                            stdout=subprocess.PIPE, text=True, env={**os.environ})


def kill_while_typing(db: Path, sheet_id: int, after: int) -> tuple[int, float]:
    """Start the typist, SIGKILL it once ``after`` characters are typed; (characters typed, kill time)."""
    proc = start_typist(db, sheet_id)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    typed = 0
    for line in proc.stdout:
        typed = int(line.split()[1])
        if typed >= after:
            break
    proc.send_signal(signal.SIGKILL)
    killed_at = time.time()
    rest = proc.stdout.read()  # what it printed before the kill landed
    for line in rest.splitlines():
        if line.startswith("typed"):
            typed = int(line.split()[1])
    proc.wait()
    return typed, killed_at


def test_a_killed_editor_loses_no_typed_character_and_the_next_start_says_so(db_path, store, sheet_id):
    typed, _ = kill_while_typing(db_path, sheet_id, after=120)  # > 2 s of typing: autosave ran in between
    stored_before = store.load(sheet_id).values.get(TEXT_FIELD) or ""
    assert len(stored_before) < typed, "the last characters were only in the journal"

    report = recover(store)

    text = store.load(sheet_id).values.get(TEXT_FIELD)
    assert text == _typed(typed)
    assert "前回の終了時に保存されていなかった入力を復元しました" in report.message
    assert "令和5年度 施策番号 1-1「地域コミュニティ・課題解決型コミュニティ活動の促進」: 1項目" in report.message
    assert not list(journal_folder(store).glob("*.jsonl")), "a replayed journal is removed"
    assert not recover(store), "replayed once only"


def test_replay_keeps_aside_what_someone_else_changed_since(db_path, store, sheet_id):
    kill_while_typing(db_path, sheet_id, after=10)  # within the first second: nothing saved yet
    sheet = store.load(sheet_id)
    assert TEXT_FIELD not in sheet.values
    from sheetdesk.store import Change

    colleague = "自治会・町内会の加入率は減少傾向にある。"  # seeds/000_…
    store.apply(sheet_id, sheet.version, [Change(TEXT_FIELD, colleague)])

    report = recover(store)

    assert store.load(sheet_id).values[TEXT_FIELD] == colleague, "a colleague's later save is never overwritten"
    assert "別の人（または別の画面）が変更していたため復元していません" in report.message
    kept = list(journal_folder(store).glob("*.kept.jsonl"))
    assert len(kept) == 1 and str(kept[0]) in report.message
    assert _typed(10) in kept[0].read_text(encoding="utf-8")


def _session(store: SheetStore, registry, sheet_id: int) -> tuple[SheetSession, list[SessionEvent]]:
    sheet = store.load(sheet_id)
    session = SheetSession(store, registry.get(sheet.form_id, sheet.form_version), sheet, schedule=lambda: None)
    session.journal = Journal.for_session(session)
    events: list[SessionEvent] = []
    session.observers.append(events.append)
    return session, events


def test_a_save_met_by_a_lock_keeps_the_edits_says_why_and_succeeds_later(db_path, store, registry, sheet_id):
    store.lock_wait = 0.3
    session, events = _session(store, registry, sheet_id)
    session.edit(TEXT_FIELD, "地域の課題解決を図ります。")
    other = sqlite3.connect(db_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process (a big import) holds the write lock
    try:
        assert session.flush() is False
    finally:
        other.execute("ROLLBACK")
        other.close()
    error = [e.error for e in events if e.error][-1]
    assert error is not None
    assert f"{db_path} は他の操作（取り込みや別の画面の保存）で使用中のため" in error
    assert "入力は消えていません" in error
    assert session.has_pending
    assert "地域の課題解決を図ります。" in session.journal.path.read_text(encoding="utf-8")

    assert session.flush() is True  # the retry
    assert store.load(sheet_id).values[TEXT_FIELD] == "地域の課題解決を図ります。"
    assert session.journal.path.read_bytes() == b"", "a committed edit leaves the journal"
    session.close()
    assert not session_files(store)


def session_files(store: SheetStore) -> list[Path]:
    folder = journal_folder(store)
    return list(folder.glob("*.jsonl")) if folder.is_dir() else []


def test_a_lock_shorter_than_the_bound_is_waited_out(db_path, store, registry, sheet_id):
    import threading

    session, events = _session(store, registry, sheet_id)
    session.edit(TEXT_FIELD, "市民")
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(0.8, lambda: (other.execute("ROLLBACK"), other.close()))
    timer.start()
    try:
        assert session.flush() is True
    finally:
        timer.join()
    assert not [e for e in events if e.error]


@pytest.mark.parametrize(("typed", "why"), [
    ("地域\ud800", "U+D800"),
    ("地域\x00コミュニティ", "U+0000、3文字目"),
    ("ベル\x07", "U+0007"),
    ("\ufffe", "U+FFFE"),
])
def test_a_value_the_store_cannot_keep_is_refused_as_typed_and_blocks_nothing(store, registry, sheet_id, typed, why):
    session, _ = _session(store, registry, sheet_id)
    with pytest.raises(EditRefused) as refused:
        session.edit(TEXT_FIELD, typed)
    assert str(refused.value).startswith("「② 施策の目的」に使えない文字（")
    assert why in str(refused.value)
    assert not session.has_pending
    session.edit("s5.situation", "自治会・町内会の加入率は減少傾向にある。")
    assert session.flush() is True
    assert store.load(sheet_id).values["s5.situation"] == "自治会・町内会の加入率は減少傾向にある。"


def test_words_vertical_tab_becomes_a_new_line(store, registry, sheet_id):
    session, _ = _session(store, registry, sheet_id)
    session.edit(TEXT_FIELD, "自治会、町内会\x0b市民")  # pasted from Word
    session.flush()
    assert store.load(sheet_id).values[TEXT_FIELD] == "自治会、町内会\n市民"


GUI_SCRIPT = """
import os, signal, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sheetdesk.forms import default_registry
from sheetdesk.store import SheetStore
from sheetdesk.ui.main import install_quit_handlers
from sheetdesk.ui.main_window import MainWindow

app = QApplication([])
store = SheetStore.open(sys.argv[1])
window = MainWindow(store, default_registry(), restore=False)
tick = install_quit_handlers(app, window)
window.show()
editor = window.open_sheet(int(sys.argv[2]))
editor.bridge.edit(sys.argv[3], "地域の課題解決を図ります。")  # what typing into the field does
print("typed", flush=True)
QTimer.singleShot(100, lambda: os.kill(os.getpid(), signal.SIGTERM))  # the logoff
app.exec()
print("quit", flush=True)
"""


@pytest.mark.xvfb
def test_sigterm_writes_pending_edits_before_the_app_ends(db_path, store, sheet_id, tmp_path):
    script = tmp_path / "gui.py"
    script.write_text(GUI_SCRIPT, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, str(script), str(db_path), str(sheet_id), TEXT_FIELD],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.stdout.split() == ["typed", "quit"], done.stderr
    assert store.load(sheet_id).values[TEXT_FIELD] == "地域の課題解決を図ります。"
