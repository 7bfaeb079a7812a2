"""Screenshots of the real app under X (run: xvfb-run -a .venv/bin/python scripts/screenshots.py).

Loads the shipped sample into a throw-away database, then saves the browser,
every editor page, the roll-over, printing and import dialogs (the review
dialog also on the city files of ../shared/foreign, 要確認のみ表示 off and on)
and the print preview as PNG into artifacts/screenshots/, so a person can look
at what a user sees.
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
    from sheetdesk.ui.events import process_events
    from sheetdesk.ui.fonts import register_fonts
    from sheetdesk.ui.main_window import MainWindow

    register_fonts(app)
    from sheetdesk.ui.translations import install_qt_translations

    install_qt_translations(app)
    OUT.mkdir(parents=True, exist_ok=True)
    store = SheetStore.open(Path(home) / "shots.sqlite3")
    registry = default_registry()
    window = MainWindow(store, registry)
    window.resize(1400, 900)
    window.show()

    def shot(name: str) -> None:
        for _ in range(5):
            process_events()
        window.grab().save(str(OUT / f"{name}.png"))
        print(OUT / f"{name}.png")

    shot("00-welcome")
    load_samples(store, registry)
    window.show_browser()
    shot("01-browser")
    editor = window.open_sheet(next(s.id for s in store.list() if s.form_id == "shisaku-management"))
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
    _more_shots(app, window, store, registry, shot)
    window.close()
    store.close()
    return 0


def _grab(app, widget, name: str) -> None:  # type: ignore[no-untyped-def]
    from sheetdesk.ui.events import process_events

    widget.show()
    for _ in range(8):
        process_events()
    widget.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")
    widget.close()


def _more_shots(app, window, store, registry, shot) -> None:  # type: ignore[no-untyped-def]
    """Roll-over marks, the print preview and the dialogs of printing, roll-over and import."""
    import io
    import time

    from pypdf import PdfReader, PdfWriter

    from sheetdesk.app.services import roll_over_sheet
    from sheetdesk.ingest import read_file
    from sheetdesk.render import overflowing_fields, render_pdf
    from sheetdesk.ui.events import process_events
    from sheetdesk.ui.overflow_dialog import OverflowDialog
    from sheetdesk.ui.review_dialog import ReviewDialog
    from sheetdesk.ui.summary_dialog import SummaryDialog
    from sheetdesk.ui.year_dialog import YearDialog

    source = next(s for s in store.list() if s.form_id == "shisaku-management")  # the standard sample
    editor = window.open_sheet(roll_over_sheet(store, source.id))
    assert editor is not None
    editor.validation.refresh()
    shot("20-rollover-marks")
    editor.show_section("s5")
    shot("21-rollover-marks-s5")
    editor.side.setCurrentWidget(editor.preview)
    deadline = time.monotonic() + 15
    done: list[bool] = []
    editor.preview.refreshed.connect(lambda: done.append(True))
    while not done and time.monotonic() < deadline:
        process_events()
    settle = time.monotonic() + 2  # QPdfView draws its pages asynchronously
    while time.monotonic() < settle:
        process_events()
    shot("22-preview")
    years = sorted({s.evaluation_year for s in store.list()})
    _grab(app, YearDialog("年度一括で前年度から作成", "どの年度のシートをもとにしますか。", years, "作成",
                          lambda y: f"{y}年度の全シートから次の年度のシートを作成します。", window), "23-year-dialog")
    _grab(app, SummaryDialog("年度一括で前年度から作成", "令和6年度のシートを1件作成しました。1件は作成しませんでした",
                             [("作成したシート", ["施策番号 1-1「地域コミュニティ・課題解決型コミュニティ活動の促進」"]),
                              ("作成しなかったシート（理由）", ["施策番号 1-2「国際交流・地域連携の推進」: 令和6年度のシートは既にあります"])],
                             window), "24-rollover-summary")
    sheet = editor.session.sheet
    form = editor.session.form
    long = dict(sheet.values)
    long["s1.purpose"] = str(sheet.values.get("s1.purpose", "")) * 10
    import dataclasses

    overflowing = dataclasses.replace(sheet, values=long)
    _grab(app, OverflowDialog(overflowing_fields(form, overflowing), window), "25-overflow-dialog")

    # a printed sheet without SheetDesk's data inside: read by its labels, reviewed beside the page
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(render_pdf(form, store.load(source.id), allow_overflow=True))).pages:
        writer.add_page(page)
    printed = OUT.parent / "印刷したシート.pdf"
    with printed.open("wb") as f:
        writer.write(f)
    result = read_file(printed, registry)[0]
    review = ReviewDialog(result, form, printed, window)
    review.resize(1200, 820)
    _grab(app, review, "26-review-pdf")
    _grab(app, SummaryDialog("ファイルから取り込む", "取込 2件　要確認 1件　失敗 1件",
                             [("取り込んだシート", ["kunitachi-2023.json: 令和5年度 施策番号 1-1「地域コミュニティ・課題解決型コミュニティ活動の促進」"]),
                              ("失敗（理由）", ["壊れたファイル.xlsx: ファイル全体: 取り込める形式（JSON・Excel（.xlsx）・PDF）のファイルではありません"])],
                             window), "27-import-summary")
    printed.unlink()
    _city_reviews(app, window, registry)


def _city_reviews(app, window, registry) -> None:  # type: ignore[no-untyped-def]
    """The review dialog on a city's own files (../shared/foreign), with 要確認のみ表示 off and on."""
    import time

    from sheetdesk.ingest import read_file
    from sheetdesk.ui.events import process_events
    from sheetdesk.ui.review_dialog import ReviewDialog

    shared = Path(__file__).resolve().parents[2] / "shared" / "foreign"
    for number, name in ((28, "kunitachi-2023-a.pdf"), (30, "kunitachi-2023-b.xlsx")):
        file = shared / name
        if not file.is_file():
            print(f"skipped: {file} is not on this machine")
            continue
        result = read_file(file, registry)[0]
        form = registry.get(result.sheet.form_id, result.sheet.form_version)
        for step, only_flagged in enumerate((False, True)):
            review = ReviewDialog(result, form, file, window)
            review.only_flagged.setChecked(only_flagged)
            review.show()
            deadline = time.monotonic() + 5
            while not review.settled and time.monotonic() < deadline:  # the rows in view are counted as shown
                process_events()
            _grab(app, review, f"{number + step}-review-{file.stem}-{file.suffix[1:]}" + ("-filter" if only_flagged else ""))


if __name__ == "__main__":
    raise SystemExit(main())
