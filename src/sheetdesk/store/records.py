"""Plain values the store hands out and takes in; no ORM object leaves the store."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sheetdesk.glossary import Status
from sheetdesk.model import Value
from sheetdesk.ordering import natural_key as natural_key  # re-exported: the store's order


@dataclass(frozen=True)
class Change:
    """One edit of one field: a typed value, or (override=True) a decision on a computed field.

    An empty value (None, "" or ()) clears the field.
    """

    path: str
    value: Value
    override: bool = False


@dataclass(frozen=True)
class SheetSummary:
    """One row of the sheet list: enough to show and filter without loading values."""

    id: int
    form_id: str
    form_version: int
    evaluation_year: int
    measure_code: str
    measure_name: str
    policy_name: str
    lead_section: str
    status: Status
    version: int
    updated_at: datetime


@dataclass(frozen=True)
class HistoryEntry:
    """Who changed what, when: one field (or the status) of one sheet.

    ``path`` is "status" for a status change; ``old``/``new`` are typed values
    (a Status for a status change); ``note`` holds e.g. the reason of an unlock.
    """

    id: int
    sheet_id: int
    at: datetime
    user: str
    path: str
    label: str
    old: Value | Status
    new: Value | Status
    override: bool
    version: int
    note: str | None


@dataclass(frozen=True)
class SearchHit:
    """A field whose text contains the query.

    ``snippet`` is a short piece of the text around the hit; the hit itself is
    ``snippet[highlight[0]:highlight[1]]`` so a view can mark it.
    """

    sheet_id: int
    path: str
    label: str
    snippet: str
    highlight: tuple[int, int]
    measure_code: str = ""
    measure_name: str = ""
    evaluation_year: int = 0


STATUS_PATH = "status"

# sheet_values.bucket: a typed value, or a decision on a computed field
VALUE = "value"
OVERRIDE = "override"
