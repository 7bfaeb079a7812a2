"""The 印刷イメージ pane can zoom, fit the width or the whole page, and turn pages (issue 11, point 8)."""

from __future__ import annotations

import os
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from ui_helpers import find


def _percent(label: QLabel) -> int:
    m = re.fullmatch(r"(\d+)%", label.text())
    assert m, f"the zoom label shows {label.text()!r}"
    return int(m.group(1))


def test_the_preview_zooms_fits_and_turns_pages(qtbot, store, sheet_id, make_window) -> None:
    w = make_window(store)
    w.resize(1280, 860)
    editor = w.open_sheet(sheet_id)
    preview = editor.preview
    with qtbot.waitSignal(preview.refreshed, timeout=15000):
        editor.side.setCurrentWidget(preview)
    pages = find(w, "ページ")
    zoom = find(w, "倍率")
    assert isinstance(pages, QLabel) and isinstance(zoom, QLabel)
    assert pages.text() == "1 / 2 ページ"
    assert not find(w, "前のページ").isEnabled()
    qtbot.mouseClick(find(w, "次のページ"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pages.text() == "2 / 2 ページ")
    assert not find(w, "次のページ").isEnabled()
    qtbot.mouseClick(find(w, "前のページ"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: pages.text() == "1 / 2 ページ")

    fitted_width = _percent(zoom)  # the pane opens fitted to its width
    qtbot.mouseClick(find(w, "拡大"), Qt.MouseButton.LeftButton)
    assert _percent(zoom) > fitted_width
    qtbot.mouseClick(find(w, "縮小"), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(find(w, "縮小"), Qt.MouseButton.LeftButton)
    assert _percent(zoom) < fitted_width
    qtbot.mouseClick(find(w, "ページ全体"), Qt.MouseButton.LeftButton)
    whole_page = _percent(zoom)
    assert 0 < whole_page <= fitted_width
    qtbot.mouseClick(find(w, "幅に合わせる"), Qt.MouseButton.LeftButton)
    assert _percent(zoom) == fitted_width
    if shots := os.environ.get("SHEETDESK_SCREENSHOTS"):
        qtbot.mouseClick(find(w, "拡大"), Qt.MouseButton.LeftButton)
        qtbot.wait(1500)  # QtPdf draws the page on its own thread
        w.grab().save(os.path.join(shots, "preview-zoom.png"))
