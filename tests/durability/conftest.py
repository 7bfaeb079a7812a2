"""Fixtures of the durability tests: a real SQLite file with one sheet of the standard form."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sheetdesk.app.editing import new_sheet
from sheetdesk.model import Plan
from sheetdesk.store import SheetStore

# Words of a real published sheet (shared/seeds/000_…): never invented.
MEASURE = {"code": "1-1", "name": "地域コミュニティ・課題解決型コミュニティ活動の促進", "policy": "地域・安全",
           "section": "市民協働推進課"}
PLAN = Plan("国立市", "第２次基本計画", 2020, 2027)
TEXT_FIELD = "s1.purpose"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "sheets.sqlite3"


@pytest.fixture
def store(db_path: Path, registry) -> Iterator[SheetStore]:
    s = SheetStore.open(db_path, registry=registry)
    yield s
    s.close()


@pytest.fixture
def sheet_id(store: SheetStore, standard_form) -> int:
    stored = store.add(new_sheet(standard_form, PLAN, 2023, MEASURE))
    assert stored.id is not None
    return stored.id
