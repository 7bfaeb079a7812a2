"""Times as a person reads them: in the PC's own time zone.

The store keeps aware UTC timestamps; only display converts them, so a
sheet saved in Tokyo and read on a server in UTC still shows 15:22, not 06:22.
"""

from __future__ import annotations

from datetime import UTC, datetime


def local_time_label(at: datetime, seconds: bool = False) -> str:
    """「2026-12-02 15:22」 in the PC's local zone (a naive time is taken as UTC, as the store writes it)."""
    aware = at.replace(tzinfo=UTC) if at.tzinfo is None else at
    return aware.astimezone().strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
