"""最終更新 and 履歴 show the PC's local time (issue 11, point 3), whatever zone the store writes in."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from sheetdesk.localtime import local_time_label


@pytest.fixture
def in_tokyo() -> Iterator[None]:
    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_a_utc_time_reads_in_japanese_time(in_tokyo: None) -> None:
    assert local_time_label(datetime(2026, 12, 2, 6, 22, tzinfo=UTC)) == "2026-12-02 15:22"
    assert local_time_label(datetime(2026, 12, 2, 6, 22, 5), seconds=True) == "2026-12-02 15:22:05"  # naive = UTC


def test_the_browser_shows_the_saved_time_in_local_time(in_tokyo: None, qtbot, store, make_window) -> None:
    from sheetdesk.app.services import load_samples

    load_samples(store, store.registry)
    stored = next(s for s in store.list() if s.form_id == "shisaku-management")
    w = make_window(store)
    model = w.browser.model
    col = model.headers.index("最終更新")
    row = next(r for r in range(model.rowCount()) if model.index(r, model.name_column).data() == stored.measure_name)
    shown = model.index(row, col).data()
    assert shown == stored.updated_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert shown != stored.updated_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")  # Tokyo is 9 hours ahead
