"""The window shows the sheet list before the store opens, then works on the store (issue 12: a quick start).

A current SQLite file with nothing left to replay is listed with sqlite3
alone for the first paint (sheetdesk.ui.quick_start); the store opens just
after and takes over. Anything else opens the store first, as before.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sheetdesk.app import services
from sheetdesk.app.journal import file_journal_folder
from sheetdesk.store import SheetStore
from sheetdesk.ui import main as ui_main
from sheetdesk.ui.main_window import MainWindow
from sheetdesk.ui.quick_start import ListedStore, listed_store
from sheetdesk.ui.settings import OPEN_SECTION, OPEN_SHEET, app_settings

V1 = Path(__file__).parents[1] / "store" / "data" / "sheetdesk-schema0001.sqlite3"


@pytest.fixture
def samples_db(tmp_path: Path, registry) -> Path:
    """The shipped samples (four families, seven sheets) in a database of this version."""
    path = tmp_path / "city.sqlite3"
    with SheetStore.open(path, registry=registry) as store:
        assert not services.load_samples(store, registry).failed
    return path


def _shown(window: MainWindow) -> list[list[str]]:
    model = window.browser.model
    return [[str(model.index(r, c).data()) for c in range(model.columnCount())] for r in range(model.rowCount())]


def _never_opened() -> None:
    raise AssertionError("the store was opened for the list")


def test_the_stand_in_lists_what_the_store_lists(samples_db: Path, registry) -> None:
    stand_in = listed_store(str(samples_db), _never_opened)
    assert isinstance(stand_in, ListedStore)
    with SheetStore.open(samples_db, registry=registry) as store:
        assert stand_in.list() == store.list()
        assert stand_in.list(year=2023, status="draft") == store.list(year=2023, status="draft")
        section = store.list()[0].lead_section
        assert stand_in.list(section=section) == store.list(section=section)


def test_the_stand_in_opens_the_store_when_asked_for_more_than_the_list(samples_db: Path, registry) -> None:
    opened: list[SheetStore] = []

    def open_store() -> SheetStore:
        opened.append(SheetStore.open(samples_db, registry=registry))
        return opened[0]

    stand_in = listed_store(str(samples_db), open_store)
    assert stand_in is not None
    first = stand_in.list()[0]
    assert opened == []
    assert stand_in.load(first.id).identity(registry.get(first.form_id, first.form_version))["name"] == \
        first.measure_name
    assert len(opened) == 1
    stand_in.close()


@pytest.mark.parametrize("case", ["older schema", "journal to replay", "server", "no file"])
def test_anything_but_a_current_file_with_nothing_to_replay_opens_the_store_first(case: str, samples_db: Path,
                                                                                 tmp_path: Path) -> None:
    db = str(samples_db)
    if case == "older schema":
        db = str(shutil.copy(V1, tmp_path / "old.sqlite3"))
    elif case == "journal to replay":  # what a crash leaves: a journal no running SheetDesk writes
        folder = file_journal_folder(samples_db.resolve())
        folder.mkdir()
        (folder / f"sheet1-{os.getpid()}-20240601T101010000000.jsonl").write_text(
            '{"sheet": 1, "path": "s1.target", "override": false, "old": null, "new": "市民", '
            '"at": "2024-06-01T10:10:10.000+00:00"}\n', encoding="utf-8")
    elif case == "server":
        db = "postgresql+psycopg://sheetdesk@localhost/city"
    else:
        db = str(tmp_path / "not-there.sqlite3")
    assert listed_store(db, _never_opened) is None


def test_the_app_paints_the_list_then_attaches_the_store_and_reopens_the_last_sheet(
        qtbot, samples_db: Path, registry, monkeypatch: pytest.MonkeyPatch) -> None:
    with SheetStore.open(samples_db, registry=registry) as store:
        listed = store.list()
    last = next(s for s in listed if s.measure_name == "地域コミュニティ・課題解決型コミュニティ活動の促進")
    settings = app_settings()
    settings.setValue(OPEN_SHEET, last.id)
    settings.setValue(OPEN_SECTION, "s5")
    settings.sync()
    seen: dict[str, object] = {}
    attach = MainWindow.attach_store

    def attach_and_look(window: MainWindow, store) -> None:  # type: ignore[no-untyped-def]
        seen["before"] = (type(window.store).__name__, window.editor, _shown(window), window.windowTitle())
        attach(window, store)
        seen["after"] = (type(window.store).__name__, _shown(window), window.windowTitle())
        assert window.editor is not None
        seen["editor"] = (window.editor.session.sheet_id, window.editor.current_section)
        seen["icon"] = window.windowIcon().availableSizes()
        window.close()

    monkeypatch.setattr(MainWindow, "attach_store", attach_and_look)
    assert ui_main.run_gui(str(samples_db)) == 0
    kind, editor, rows, title = seen["before"]  # type: ignore[misc]
    assert (kind, editor) == ("ListedStore", None)
    assert len(rows) == len(listed) == 7
    assert any("地域コミュニティ・課題解決型コミュニティ活動の促進" in row for row in rows)
    assert title.startswith("SheetDesk — city.sqlite3")
    assert seen["after"] == ("SheetStore", rows, title)
    assert seen["editor"] == (last.id, "s5")
    assert [(s.width(), s.height()) for s in seen["icon"]] == [(256, 256)]  # resources/icons/sheetdesk.png


def test_a_store_that_cannot_be_opened_after_the_paint_is_said_and_the_app_ends(
        qtbot, samples_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from sheetdesk.store import StoreError

    def refuse(*_a, **_k):  # type: ignore[no-untyped-def]
        raise StoreError(f"{samples_db}: データベースがロックされています")

    monkeypatch.setattr(SheetStore, "open", refuse)
    said: list[tuple[str, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not box.isVisible():
            QTimer.singleShot(20, answer)
            return
        said.append((box.windowTitle(), box.text()))
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)
    assert ui_main.run_gui(str(samples_db)) == 1
    assert said == [("データベースを開けません", f"{samples_db}: データベースがロックされています")]
