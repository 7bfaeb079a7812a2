"""`sheetdesk --db PATH` on a file that is not there asks before making a database (issue 11, point 5)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from sheetdesk.ui import main as ui_main

seen_texts: list[tuple[str, str, list[str]]] = []


def _answer_when_asked(button: str, shot: Path | None = None) -> None:
    """Click ``button`` in the message box once it is up, as the person would; what it said goes to seen_texts."""

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(20, poll)
            return
        seen_texts.append((box.windowTitle(), box.text(), [b.text() for b in box.buttons()]))
        if shot is not None:
            box.grab().save(str(shot))
        next(b for b in box.buttons() if b.text() == button).click()

    seen_texts.clear()
    QTimer.singleShot(0, poll)


def test_a_mistyped_path_is_asked_about_and_cancel_creates_nothing(qtbot, tmp_path: Path, app_home: Path) -> None:
    typo = tmp_path / "shisaku-db.sqlite3"  # the person meant another name
    _answer_when_asked("やめる", tmp_path / "ask.png")
    assert ui_main.run_gui(str(typo)) == 1
    title, text, buttons = seen_texts[0]
    assert title == "新しいデータベース"
    assert f"データベースファイル「{typo}」はありません。" in text
    assert "新しいデータベースを作成しますか？" in text
    assert sorted(buttons) == sorted(["作成", "やめる"])
    assert not typo.exists(), "no database was made"
    assert [p.name for p in tmp_path.iterdir() if p != app_home] == ["ask.png"], "nor anything beside it"
    assert not (app_home / "data" / "sheetdesk.sqlite3").exists(), "nor was the default one opened instead"


def test_create_makes_the_database_the_person_named(qtbot, tmp_path: Path) -> None:
    new = tmp_path / "令和6年度.sqlite3"
    _answer_when_asked("作成")
    assert ui_main.confirm_new_database(new) is True
    assert seen_texts[0][1].startswith(f"データベースファイル「{new}」はありません。")
    from sheetdesk.store import SheetStore

    with SheetStore.open(new) as store:  # what run_gui does next
        assert store.list() == []
    assert new.is_file()


def test_enter_does_not_create(qtbot, tmp_path: Path) -> None:
    """やめる is the default button: Enter, pressed out of habit, makes nothing."""
    seen: list[QMessageBox] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, poll)
            return
        seen.append(box)
        assert box.defaultButton() is not None
        box.defaultButton().click()

    QTimer.singleShot(0, poll)
    assert ui_main.confirm_new_database(tmp_path / "x.sqlite3") is False
    assert seen[0].defaultButton().text() == "やめる"


def test_a_missing_folder_is_refused_naming_it(qtbot, tmp_path: Path) -> None:
    folder = tmp_path / "kikaku"  # not there
    _answer_when_asked("OK", tmp_path / "no-folder.png")
    assert ui_main.run_gui(str(folder / "sheets.sqlite3")) == 1
    title, text, _ = seen_texts[0]
    assert f"フォルダー「{folder}」がありません" in text
    assert not folder.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["no-folder.png"]
