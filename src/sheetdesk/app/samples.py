"""The sample sheets shipped with SheetDesk (package data under sheetdesk/data/samples).

A sample is a published sheet transcribed into the exchange format, so that a
new user, the `sheetdesk sample` command and the tests start from real content
rather than invented text (see data/samples/README.md for what was inferred).
"""

from __future__ import annotations

from pathlib import Path

from sheetdesk import resources


def sample_paths() -> list[Path]:
    """Every sample exchange file, in a stable (name) order."""
    return sorted(resources.samples_dir().glob("*.json"))
