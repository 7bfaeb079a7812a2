"""The event pump long UI-thread work uses must not drop references to None (PySide6 6.12 static processEvents does)."""

from __future__ import annotations

import sys

from sheetdesk.ui.events import process_events


def test_processing_events_many_times_keeps_none_alive(qtbot) -> None:
    before = sys.getrefcount(None)
    for _ in range(2000):
        process_events()
    assert sys.getrefcount(None) >= before - 50  # the static call would have dropped 2000
