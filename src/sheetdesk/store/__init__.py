"""Storage of sheets: save, load, list, search and history (docs/architecture.md, "Store API").

The names below are loaded on first use (PEP 562): `from sheetdesk.store
import StoreError` or a module of the package that needs no SQLAlchemy
(errors, records, assemble) must not pay for SQLAlchemy, which costs a
quarter of a second at each start of a command.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sheetdesk.lazy import lazy_names

if TYPE_CHECKING:
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

_WHERE = {
    "DatabaseTooNewError": "errors",
    "InvalidChangeError": "errors",
    "NotASheetDatabaseError": "errors",
    "SheetExistsError": "errors",
    "SheetLockedError": "errors",
    "SheetNotFoundError": "errors",
    "StaleVersionError": "errors",
    "StoreError": "errors",
    "UnlockReasonRequiredError": "errors",
    "MigrationResult": "migrate",
    "Change": "records",
    "HistoryEntry": "records",
    "SearchHit": "records",
    "SheetSummary": "records",
    "natural_key": "records",
    "SheetStore": "store",
}

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


__getattr__ = lazy_names(__name__, _WHERE)
