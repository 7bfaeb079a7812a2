"""Screenshots of the real app under X (run: xvfb-run -a .venv/bin/python scripts/screenshots.py).

Loads the shipped sample into a throw-away database, then saves the browser
and every editor page as PNG into artifacts/screenshots/, so a person can
look at what a user sees.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "artifacts" / "screenshots"


def main() -> int:
    home = tempfile.mkdtemp(prefix="sheetdesk-shots-")
    os.environ["SHEETDESK_HOME"] = home
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from sheetdesk.app.services import load_samples
    from sheetdesk.forms import default_registry
    from sheetdesk.store import SheetStore
    from sheetdesk.ui.fonts import register_fonts
    from sheetdesk.ui.main_window import MainWindow

    register_fonts(app)
    OUT.mkdir(parents=True, exist_ok=True)
    store = SheetStore.open(Path(home) / "shots.sqlite3")
    registry = default_registry()
    window = MainWindow(store, registry)
    window.resize(1400, 900)
    window.show()

    def shot(name: str) -> None:
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(OUT / f"{name}.png"))
        print(OUT / f"{name}.png")

    shot("00-welcome")
    load_samples(store, registry)
    window.show_browser()
    shot("01-browser")
    editor = window.open_sheet(store.list()[0].id)
    assert editor is not None
    for i, group in enumerate(editor.page_groups):
        editor.show_page(i)
        shot(f"{i + 2:02d}-section-{group[-1].key}")
    editor.show_section("s3")
    page = editor.page(editor.pages.currentIndex())
    page.verticalScrollBar().setValue(page.verticalScrollBar().maximum() // 3)
    shot("10-section-s3-indicators")
    window.browser.search.setText("コミュニティ")
    window.show_browser()
    window.browser.search.setText("コミュニティ")
    window.browser.run_search()
    shot("11-search")
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
