"""When is an override stale? When the numbers changed after it was set.

A person may override a computed judgement on purpose (the indicator fell
short, but the 施策 met its aim): that override disagrees with the computed
value from the start and is a decision, not something to warn about. It is
stale only when new numbers give a computed value other than the one the
person saw when choosing — 達成 chosen before the 実績値 came in, then the
実績値 says 未達成.

So each override has a *basis*: the computed value at the time it was set.
The open session knows it for the overrides set there. For the stored ones it
is read back from the history the store already keeps (no new column, so every
existing database works unchanged): the sheet as it was at the version that
set the override, put back by undoing the later history entries, computed
again. The session writes an override at once (in a store operation of its
own), so that version holds no number typed after it. Dropping an override and
bringing it back (undo) keeps its first basis.

No Qt and no database here: values in, values out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any, Final

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.model import Computed, Sheet, Value, compute

STATUS_PATH = "status"  # history's entries for 作成中/提出済/確定 (sheetdesk.store.records.STATUS_PATH)
FIRST_VERSION: Final = 1  # a stored sheet's version as added or imported


class _Unknown:
    def __repr__(self) -> str:
        return "UNKNOWN"


UNKNOWN: Final = _Unknown()  # no basis to be had (no history): a disagreement is then flagged, to be safe
Basis = Value | _Unknown


def setting_version(value: Value, entries: list[Any]) -> int:
    """The version whose write set the override ``value`` (history ``entries`` of its path, oldest first).

    Going back from the newest entry, a drop and its undo (``value`` → none →
    ``value``) continue the same override; anything else ends it. With no
    entry left, the override came with the sheet (added or imported).
    """
    version = FIRST_VERSION
    for entry in reversed(entries):
        if entry.new == value:
            version = entry.version  # set here: from nothing (perhaps a drop's undo), or over another value
            if entry.old is not None:
                return version
        elif entry.new is None and entry.old == value:
            version = FIRST_VERSION  # dropped here, so it had been set before: look further back
        else:
            return version
    return version


def sheet_at(sheet: Sheet, history: Iterable[Any], version: int) -> Sheet:
    """``sheet`` as it was after the write of ``version``: later history entries undone, newest first."""
    values, overrides = dict(sheet.values), dict(sheet.overrides)
    later = [e for e in history if e.version > version and e.path != STATUS_PATH]
    for entry in sorted(later, key=lambda e: (e.version, e.id), reverse=True):
        bucket = overrides if entry.override else values
        if entry.old is None:
            bucket.pop(entry.path, None)
        else:
            bucket[entry.path] = entry.old
    return replace(sheet, values=values, overrides=overrides)


def stored_bases(form: FormDefinition, sheet: Sheet, history: list[Any]) -> dict[str, Basis]:
    """The basis of every override ``sheet`` holds, from the store's ``history`` of it (oldest first)."""
    by_path: dict[str, list[Any]] = {}
    for entry in history:
        if entry.override:
            by_path.setdefault(entry.path, []).append(entry)
    versions = {path: setting_version(value, by_path.get(path, [])) for path, value in sheet.overrides.items()}
    out: dict[str, Basis] = {}
    computed_at: dict[int, Mapping[str, Computed]] = {}
    for path, version in versions.items():
        if version not in computed_at:
            computed_at[version] = compute(form, sheet_at(sheet, history, version))
        c = computed_at[version].get(path)
        out[path] = c.computed if c is not None else UNKNOWN
    return out


def is_stale(c: Computed | None, basis: Basis) -> bool:
    """True when the override of ``c`` disagrees with a computed value that changed since it was set."""
    if c is None or not c.overridden or c.computed is None:
        return False
    return basis is UNKNOWN or basis != c.computed
