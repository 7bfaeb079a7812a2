"""Screenshots of each shipped family's sample in the editor, and every printed page (run under xvfb-run -a).

    xvfb-run -a .venv/bin/python scripts/family_shots.py

Loads the samples (one per family) into a throw-away database and writes into
artifacts/screenshots/families/: every editor page of each sample, the page
of its deepest repeat after adding a row there (the row editor as a user
sees it), and each sample's PDF as one PNG per page (pdftoppm), so a person
looks at every family as its users would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "artifacts" / "screenshots" / "families"


def main() -> int:
    home = tempfile.mkdtemp(prefix="sheetdesk-family-shots-")
    os.environ["SHEETDESK_HOME"] = home
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from sheetdesk.app.services import load_samples
    from sheetdesk.forms import FieldKind, default_registry
    from sheetdesk.render import render_pdf
    from sheetdesk.store import SheetStore
    from sheetdesk.ui.events import process_events
    from sheetdesk.ui.fonts import register_fonts
    from sheetdesk.ui.main_window import MainWindow

    register_fonts(app)
    shutil.rmtree(OUT, ignore_errors=True)
    OUT.mkdir(parents=True)
    store = SheetStore.open(Path(home) / "families.sqlite3")
    registry = default_registry()
    load_samples(store, registry)
    window = MainWindow(store, registry)
    window.resize(1400, 900)
    window.show()

    def shot(name: str) -> None:
        for _ in range(6):
            process_events()
        window.grab().save(str(OUT / f"{name}.png"))
        print(OUT / f"{name}.png")

    seen: set[str] = set()
    for summary in store.list():
        if summary.form_id in seen:
            continue
        seen.add(summary.form_id)
        form = registry.get(summary.form_id, summary.form_version)
        editor = window.open_sheet(summary.id)
        assert editor is not None
        for i, group in enumerate(editor.page_groups):
            editor.show_page(i)
            shot(f"{form.id}-page{i + 1}-{group[-1].key}")
        sheet = editor.session.sheet
        rows = [p for p, s in editor.session.specs.items() if s.kind is FieldKind.ROWS and p in sheet.values]
        if rows:
            deepest = max(rows, key=lambda p: p.count("."))
            section = editor.session.specs[deepest].section
            key = editor.bridge.add_row(deepest)
            editor.show_section(section)
            first = next((q for q in editor.session.specs if q.startswith(f"{deepest}.{key}.")), None)
            for _ in range(6):
                process_events()  # the new row's widgets are laid out before the page scrolls to it
            if first is None or not editor.focus_field(first):
                page = editor.page(editor.pages.currentIndex())  # the new row is the last one
                page.verticalScrollBar().setValue(page.verticalScrollBar().maximum())
            shot(f"{form.id}-row-added-{deepest}.{key}")
        pdf = OUT / f"{form.id}.pdf"
        pdf.write_bytes(render_pdf(form, store.load(summary.id)))
        subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(OUT / f"{form.id}-print")], check=True)
        for png in sorted(OUT.glob(f"{form.id}-print*.png")):
            print(png)
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
