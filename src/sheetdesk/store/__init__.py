"""Storage of sheets: save, load, list, search and history (docs/architecture.md, "Store API")."""

from sheetdesk.store.errors import (
    DatabaseTooNewError,
    InvalidChangeError,
    NotASheetDatabaseError,
    SheetExistsError,
    SheetLockedError,
    SheetNotFoundError,
    StaleVersionError,
    StoreError,
    UnlockReasonRequiredError,
)
from sheetdesk.store.migrate import MigrationResult
from sheetdesk.store.records import Change, HistoryEntry, SearchHit, SheetSummary, natural_key
from sheetdesk.store.store import SheetStore

__all__ = [
    "Change",
    "DatabaseTooNewError",
    "HistoryEntry",
    "InvalidChangeError",
    "MigrationResult",
    "NotASheetDatabaseError",
    "SearchHit",
    "SheetExistsError",
    "SheetLockedError",
    "SheetNotFoundError",
    "SheetStore",
    "SheetSummary",
    "StaleVersionError",
    "StoreError",
    "UnlockReasonRequiredError",
    "natural_key",
]
