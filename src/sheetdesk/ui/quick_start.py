"""The window's first paint before the store is open (issue 12: the list of 1,000 sheets in half a second).

Opening the store imports SQLAlchemy and checks the schema, most of a second
on a city PC. When the database is a SQLite file at this version's schema
with no edits left unsaved by a crash (no orphaned journal to replay), the
window first shows the list read with sqlite3 alone (sheetdesk.app.quick_list)
through a `ListedStore`; the store opens just after that first paint and
takes its place (MainWindow.attach_store), and the list is read again from
it. Anything asked of the stand-in but the list opens the store there and
then. Anything else — no file yet, another schema to migrate or refuse, a
server, journals to replay — opens the store first, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sheetdesk.app.journal import file_journal_folder, orphaned
from sheetdesk.app.quick_list import quick_list, sqlite_path
from sheetdesk.glossary import Status
from sheetdesk.store.records import SheetSummary


class ListedStore:
    """Stands in for the store until it is open: the sheets listed, read-only.

    ``open_store`` opens the real one; the first attribute asked for that is
    not the list's calls it, and the stand-in hands everything on from then.
    """

    pending = True  # the window defers what needs the store (reopening the last sheet) until attach_store
    url = None  # the store's URL; the window names the file by ``path`` meanwhile

    def __init__(self, path: Path, rows: list[SheetSummary], open_store: Callable[[], Any]) -> None:
        self.path, self._rows, self._open = path, rows, open_store
        self._store: Any = None

    def list(self, year: int | None = None, section: str | None = None,
             status: Status | str | None = None) -> list[SheetSummary]:
        """As SheetStore.list: the same rows in the same order (施策番号, then year), filters combined."""
        if self._store is not None:
            return self._store.list(year=year, section=section, status=status)
        wanted = Status(status) if status else None
        return [s for s in self._rows if (year is None or s.evaluation_year == year)
                and (section is None or s.lead_section == section) and (wanted is None or s.status is wanted)]

    def opened(self) -> Any:
        """The real store, opened on first use (its errors, StoreError, are the caller's to show)."""
        if self._store is None:
            self._store = self._open()
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.opened(), name)


def listed_store(db: str | None, open_store: Callable[[], Any]) -> ListedStore | None:
    """The stand-in for ``db`` when its list may be shown before the store opens (see the module), else None."""
    path = sqlite_path(db)
    if path is None or orphaned(file_journal_folder(path)):
        return None
    rows = quick_list(db)
    if rows is None:
        return None
    return ListedStore(path, [SheetSummary(r.id, r.form_id, r.form_version, r.evaluation_year, r.measure_code,
                                           r.measure_name, r.policy_name, r.lead_section, Status(r.status),
                                           r.version, r.updated_at) for r in rows], open_store)
