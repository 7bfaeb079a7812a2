"""ファイル → 開く / 新規データベース / 最近使ったデータベース / 共有サーバーに接続, as a user meets them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMenu
from ui_helpers import DialogAnswers, click_button, find, ime_type, message_text

from sheetdesk.store import SheetStore
from sheetdesk.ui.events import process_events

PURPOSE = "多様な主体による協働を進めることにより、地域社会が抱える課題に迅速かつきめ細かに対応します。"
SHOTS = os.environ.get("SHEETDESK_SHOTS")


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / name))


def file_menu(w) -> QMenu:  # type: ignore[no-untyped-def]
    menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "ファイル(&F)")
    assert isinstance(menu, QMenu)
    return menu


def test_the_file_menu_offers_the_database_items_and_the_title_names_the_file(store, db_path, make_window) -> None:
    w = make_window(store)
    texts = [a.text() for a in file_menu(w).actions()]
    assert texts[:4] == ["開く(&O)…", "新規データベース(&B)…", "最近使ったデータベース(&R)", "共有サーバーに接続(&C)…"]
    assert w.windowTitle() == f"SheetDesk — {db_path.name} — 施策マネジメントシート"


def test_a_mistyped_path_is_refused_in_japanese_and_leaves_no_file(qtbot, store, db_path, make_window,
                                                                   tmp_path: Path) -> None:
    w = make_window(store)
    typo = tmp_path / "sheets.sqlite"  # the user meant sheets.sqlite3
    shown: list[str] = []

    def read(dialog) -> None:  # type: ignore[no-untyped-def]
        shown.append(dialog.windowTitle() + "\n" + message_text(dialog))
        _shot(dialog, "open_refused.png")
        click_button(dialog, "OK")

    answers = DialogAnswers(read)
    assert not w.databases.open_file(typo)
    answers.check()
    assert shown and shown[0].startswith("データベースを開けません")
    assert f"データベースファイル「{typo}」が見つかりません" in shown[0]
    assert not typo.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("sheets.sqlite")
                  and not p.name.endswith(("-wal", "-shm"))) == [db_path.name]
    assert w.store is store and db_path.name in w.windowTitle()


def test_new_creates_and_switches_writing_pending_edits_to_the_old_one_first(qtbot, store, sheet_id, db_path,
                                                                            make_window, tmp_path: Path) -> None:
    w = make_window(store)
    w.open_sheet(sheet_id)
    ime_type(find(w, "② 施策の目的"), PURPOSE)  # typed, not saved yet (autosave waits for a pause)
    assert w.editor is not None and w.editor.session.has_pending
    fresh = tmp_path / "課内用.sqlite3"
    assert w.databases.new_file(fresh)
    assert fresh.is_file()
    assert w.windowTitle() == "SheetDesk — 課内用.sqlite3 — 施策マネジメントシート"
    assert w.editor is None and w.store.list() == []
    with SheetStore.open(db_path) as old:
        assert old.load(sheet_id).values["s1.purpose"] == PURPOSE
    assert "データベース「課内用.sqlite3」を作成しました" in w.statusBar().currentMessage()

    answers = DialogAnswers(lambda d: click_button(d, "OK"))
    assert not w.databases.new_file(fresh)  # 新規 on an existing file: refused, the file kept
    answers.check()

    assert w.databases.open_file(db_path)
    assert db_path.name in w.windowTitle()
    assert [s.id for s in w.store.list()] == [sheet_id]


def test_the_recent_list_keeps_the_databases_and_refuses_a_missing_one(qtbot, store, db_path, make_window,
                                                                       tmp_path: Path) -> None:
    w = make_window(store)
    other = tmp_path / "other.sqlite3"
    assert w.databases.new_file(other)
    menu = w.databases.recent_menu
    w.databases.fill_recent()
    assert [a.text() for a in menu.actions()] == [f"&1 {other.resolve()}", f"&2 {db_path.resolve()}"]

    assert w.databases.open_file(db_path)
    w.close()
    for leftover in tmp_path.glob("other.sqlite3*"):
        leftover.unlink()
    again = make_window(SheetStore.open(db_path))  # the list is kept in the settings
    again.databases.fill_recent()
    texts = [a.text() for a in again.databases.recent_menu.actions()]
    assert texts == [f"&1 {db_path.resolve()}", f"&2 {other.resolve()}（見つかりません）"]
    again.databases.recent_menu.popup(again.mapToGlobal(again.rect().center()))
    process_events()
    _shot(again.databases.recent_menu, "recent_menu.png")
    again.databases.recent_menu.hide()
    shown: list[str] = []

    def read(dialog) -> None:  # type: ignore[no-untyped-def]
        shown.append(message_text(dialog))
        click_button(dialog, "OK")

    answers = DialogAnswers(read)
    again.databases.recent_menu.actions()[1].trigger()
    answers.check()
    assert shown and f"「{other.resolve()}」が見つかりません" in shown[0]
    assert not other.exists()
    assert db_path.name in again.windowTitle()
    again.store.close()


def test_the_server_dialog_names_what_is_missing_and_refuses_an_unreachable_server(qtbot) -> None:
    from sheetdesk.store.testing_pg import free_port
    from sheetdesk.ui.server_dialog import ServerDialog

    dialog = ServerDialog()
    qtbot.addWidget(dialog)
    assert not dialog.try_now()
    assert dialog.outcome.text() == "サーバー名を入力してください。"
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(free_port())
    dialog.database.setText("sheetdesk")
    dialog.user.setText("kikaku")
    dialog.password.setText("secret")
    assert not dialog.try_now()
    assert dialog.outcome.text().startswith(
        f"127.0.0.1:{dialog.port.value()} のデータベース「sheetdesk」に接続できません。")
    dialog.show()
    _shot(dialog, "server_refused.png")


@pytest.fixture(scope="module")
def pg_server():  # type: ignore[no-untyped-def]
    from sheetdesk.store.testing_pg import PostgresUnavailable, TempPostgres

    server = TempPostgres()
    try:
        server.start()
    except PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL could not be started under CI: {exc}")
        pytest.skip(f"PostgreSQL could not be started: {exc}")
    yield server
    server.stop()


def test_connect_to_a_shared_server_tried_first_and_the_password_not_stored(qtbot, store, make_window,
                                                                           pg_server) -> None:
    from sqlalchemy import make_url

    name = f"shared_{os.getpid()}"
    url = make_url(pg_server.create_database(name))
    w = make_window(store)
    seen: dict[str, str] = {}

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.host.setText(url.host)
        dialog.port.setValue(url.port)
        dialog.database.setText(name)
        dialog.user.setText(url.username)
        dialog.password.setText("pw-not-to-keep")
        click_button(dialog, "接続を試す(&T)".replace("&", ""))
        seen["tried"] = dialog.outcome.text()
        _shot(dialog, "server_ok.png")
        click_button(dialog, "接続")

    answers = DialogAnswers(fill)
    assert w.databases.connect_server()
    answers.check()
    assert seen["tried"] == f"接続できました（{url.host}:{url.port}/{name}）。"
    assert w.windowTitle() == f"SheetDesk — {url.host}/{name} — 施策マネジメントシート"
    assert w.store.backend == "postgresql"
    w.settings.sync()
    ini = Path(w.settings.fileName()).read_text(encoding="utf-8")
    assert "pw-not-to-keep" not in ini
    assert f"{url.host}:{url.port}/{name}" in ini  # in the recent list, without the password
    w.databases.fill_recent()
    assert w.databases.recent_menu.actions()[0].text() == f"&1 {url.host}/{name}"
    w.store.close()
    QApplication.processEvents()
