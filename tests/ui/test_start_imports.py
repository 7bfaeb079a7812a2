"""What the desktop app's start loads before its first paint, and in which order (issue 12: a quick start).

Structural, not timed: a fresh process runs the app until its window first
paints and reports the modules loaded then, in the order they were loaded
(sys.modules keeps it). The forms' libraries come before PySide6, whose
import hook reads the source of every module loaded after it; the store
(SQLAlchemy) opens after the first paint, the list being read with sqlite3
(ui.quick_start); the editor, printing and the importers wait until they
are used.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from sheetdesk.app.generate import generate_sheets
from sheetdesk.store import SheetStore

_PROBE = """
import json, sys
from sheetdesk.ui import main
from PySide6.QtCore import QEvent  # after the app's own imports, as a start has them

first_paint = main._FirstPaint.eventFilter

def at_first_paint(self, obj, event):
    if not self.done and event.type() == QEvent.Type.Paint:
        print("LOADED " + json.dumps(list(sys.modules)), flush=True)
    return first_paint(self, obj, event)

main._FirstPaint.eventFilter = at_first_paint
print("CODE", main.run_gui(sys.argv[1]))
"""
NOT_BEFORE_THE_FIRST_PAINT = ("sheetdesk.ui.editor", "sheetdesk.ui.form_page", "sheetdesk.ui.preview_pane",
                              "sheetdesk.ui.new_sheet_dialog", "sheetdesk.ingest", "sheetdesk.render.xlsx",
                              "sheetdesk.store.store", "sqlalchemy", "openpyxl", "pdfplumber", "pdfminer", "alembic")


def test_the_list_paints_before_the_editor_printing_or_the_importers_are_loaded(tmp_path: Path, app_home: Path,
                                                                               standard_form) -> None:
    db = tmp_path / "city.sqlite3"
    store = SheetStore.open(db)
    store.import_sheets(generate_sheets(standard_form, 3, seed=1))
    store.close()
    env = dict(os.environ, SHEETDESK_STARTUP_PROBE="1", SHEETDESK_QUIT_AFTER_PAINT="1", QT_QPA_PLATFORM="offscreen")
    shutil.rmtree(app_home / "data" / "cache" / "forms", ignore_errors=True)  # the first start after an install validates the files
    starts = []
    for _ in range(2):  # the first start validates the form files; the second reads them from the cache
        proc = subprocess.run([sys.executable, "-c", _PROBE, str(db)], env=env, capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert "SHEETDESK_FIRST_PAINT" in proc.stdout
        assert "CODE 0" in proc.stdout.splitlines()
        starts.append(json.loads(next(ln for ln in proc.stdout.splitlines() if ln.startswith("LOADED "))[7:]))
    for loaded in starts:
        assert "sheetdesk.ui.browser" in loaded and "sheetdesk.ui.quick_start" in loaded
        assert [m for m in NOT_BEFORE_THE_FIRST_PAINT if m in loaded] == []
        order = {name: i for i, name in enumerate(loaded)}
        assert order["sheetdesk.forms.definition"] < order["PySide6"]
    first, second = ({name: i for i, name in enumerate(loaded)} for loaded in starts)
    assert first["pydantic"] < first["PySide6"]  # validating, pydantic comes before PySide6 (its hook)
    assert "pydantic" not in second  # the forms come from the validated-file cache as plain records
