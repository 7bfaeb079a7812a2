"""A person typing steadily into one text field, as a separate process the tests and the benchmark kill.

Usage: python typist.py DB SHEET_ID PATH INTERVAL_S COUNT
Each character is appended to the field's text through the session's one
edit operation, with the journal the editor attaches; autosave runs as the
editor's does (a second after the last edit, at most three seconds after the
first pending one). After each edit returns the line "typed N T" is printed
(N characters typed, T the wall clock), so the parent knows what was typed
when it killed the process.
"""

from __future__ import annotations

import sys
import time

from sheetdesk.app.editing import SheetSession
from sheetdesk.app.journal import Journal
from sheetdesk.forms import default_registry
from sheetdesk.store import SheetStore

# Hiragana of a real sheet's words (seeds/000_…: 「地域のつながりの希薄化」 read aloud), typed one by one.
KANA = "ちいきのつながりのきはくか"


def main() -> int:
    db, sheet_id, path, interval, count = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4]), int(sys.argv[5])
    store = SheetStore.open(db)
    registry = default_registry()
    sheet = store.load(sheet_id)
    session = SheetSession(store, registry.get(sheet.form_id, sheet.form_version), sheet, schedule=lambda: None)
    session.journal = Journal.for_session(session)
    base = sheet.values.get(path) or ""
    assert isinstance(base, str)
    first_pending = last_edit = 0.0
    print("ready", flush=True)
    for i in range(count):
        now = time.monotonic()
        if session.has_pending and (now - last_edit >= 1.0 or now - first_pending >= 3.0):
            session.flush()
        if not session.has_pending:
            first_pending = now
        session.edit(path, base + "".join(KANA[j % len(KANA)] for j in range(i + 1)))
        last_edit = time.monotonic()
        print(f"typed {i + 1} {time.time():.6f}", flush=True)
        time.sleep(interval)
    session.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
