"""Screenshots of the editor for forms other than the standard one (run under xvfb-run -a).

    xvfb-run -a .venv/bin/python scripts/editor_shots.py

Writes into artifacts/screenshots/forms/: the standard sample's first page
(to compare with before), the unshipped 事務事業評価シート
(tests/forms/unshipped/jimu-jigyo.yaml) before and after adding a 活動指標
row, its 評価 page, the new-sheet dialog with that form chosen, a list that
mixes families, and a 行動計画評価表 (tests/ui/test_ui_composable.py's form)
with 200 事業 in a table. Prints how long the 200-row sheet took to open.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "artifacts" / "screenshots" / "forms"


def main() -> int:
    home = tempfile.mkdtemp(prefix="sheetdesk-form-shots-")
    os.environ["SHEETDESK_HOME"] = home
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    sys.path.insert(0, str(ROOT / "tests" / "ui"))
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv[:1])
    from test_ui_composable import ACTION_PLAN, PLAN  # the hand-written form of the UI tests

    from sheetdesk.app.editing import new_sheet
    from sheetdesk.app.services import load_samples
    from sheetdesk.forms import FormRegistry
    from sheetdesk.store import SheetStore
    from sheetdesk.ui.events import process_events
    from sheetdesk.ui.fonts import register_fonts
    from sheetdesk.ui.main_window import MainWindow
    from sheetdesk.ui.new_sheet_dialog import NewSheetDialog

    register_fonts(app)
    OUT.mkdir(parents=True, exist_ok=True)
    forms = Path(home) / "forms"
    forms.mkdir()
    for p in [*(ROOT / "forms").glob("*.yaml"), *(ROOT / "tests" / "forms" / "unshipped").glob("*.yaml")]:
        shutil.copy(p, forms / p.name)
    (forms / "kodo-hyoka.yaml").write_text(ACTION_PLAN, encoding="utf-8")
    registry = FormRegistry(forms)
    store = SheetStore.open(Path(home) / "shots.sqlite3", registry=registry)
    load_samples(store, registry)
    window = MainWindow(store, registry, restore=False)
    window.resize(1400, 900)
    window.show()

    def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        for _ in range(8):
            process_events()
        widget.grab().save(str(OUT / f"{name}.png"))
        print(OUT / f"{name}.png")

    standard = next(s for s in store.list() if s.form_id == "shisaku-management")
    editor = window.open_sheet(standard.id)
    assert editor is not None
    shot(window, "00-standard-first-page")
    editor.show_section("s3")
    shot(window, "01-standard-s3")

    jimu = registry.latest("jimu-jigyo")
    sheet = new_sheet(jimu, PLAN, 2023, {"code": "3-3", "name": "自治会活動支援", "section": "市民協働推進課"})
    sheet.values.update({"activity.indicators.1.name": "補助金活用自治会の割合"})
    stored = store.add(sheet)
    editor = window.open_sheet(stored.id)
    assert editor is not None and stored.id is not None
    shot(window, "10-jimu-header")
    editor.show_section("activity")
    shot(window, "11-jimu-activity-one-row")
    editor.bridge.add_row("activity.indicators")
    shot(window, "12-jimu-activity-row-added")
    editor.show_section("result")
    shot(window, "13-jimu-result")

    keys = tuple(str(n) for n in range(1, 201))
    values: dict = {"items.1.projects": keys, "items.1.name": "プロセス３　夢を描く（集う）"}
    for k in keys:
        values[f"items.1.projects.{k}.name"] = "自治会活動支援"
        values[f"items.1.projects.{k}.section"] = "市民協働推進課"
        values[f"items.1.projects.{k}.now"] = "89.7％"
    plan_form = registry.latest("kodo-hyoka")
    big = new_sheet(plan_form, PLAN, 2023, {"code": "3", "name": "夢を描く（集う）", "section": "市民協働推進課"})
    big.values.update(values)
    big_stored = store.add(big)
    assert big_stored.id is not None
    started = time.perf_counter()
    editor = window.open_sheet(big_stored.id)
    assert editor is not None
    editor.show_section("plan")
    process_events()
    print(f"200 事業: opened and shown in {time.perf_counter() - started:.3f} s")
    shot(window, "20-action-plan-200-rows")

    window.show_browser()
    shot(window, "30-browser-mixed-families")
    dialog = NewSheetDialog(registry.all(), store.list(), PLAN, 2023, window)
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findData("jimu-jigyo"))
    dialog.show()
    shot(dialog, "31-new-sheet-jimu")
    dialog.close()
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
