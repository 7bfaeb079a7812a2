"""The editor as a user meets it: a real SQLite database, real widgets, IME-style typing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from ui_helpers import MEASURE, PLAN

from sheetdesk.app.editing import new_sheet
from sheetdesk.store import SheetStore


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sheets.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[SheetStore]:
    s = SheetStore.open(db_path)
    yield s
    s.close()


@pytest.fixture
def sheet_id(store: SheetStore, standard_form) -> int:
    stored = store.add(new_sheet(standard_form, PLAN, 2023, MEASURE))
    assert stored.id is not None
    return stored.id


@pytest.fixture
def make_window(qtbot, registry):
    """Open a main window on a store, as `sheetdesk` would; windows are kept alive."""
    from sheetdesk.ui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(store: SheetStore) -> MainWindow:
        w = MainWindow(store, registry)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
        windows.append(w)
        return w

    return make
