"""Printing as a user does it: PDF with the overflow list first, xlsx, the council booklet, the preview."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog
from ui_helpers import DialogAnswers, click_button, find, ime_type, message_text

from sheetdesk.app.generate import generate_sheets
from sheetdesk.app.services import load_samples
from sheetdesk.ui import print_actions
from sheetdesk.ui.overflow_dialog import JUMP, PRINT_ANYWAY

PURPOSE = "② 施策の目的"
SAMPLE_NAME = "地域コミュニティ・課題解決型コミュニティ活動の促進"
PRINTED_NAME = "解決型コミュニティ活動の促進"  # its second line in the printed 基本施策名 box


def _pdf_text(path: Path) -> str:
    """The printed text, lines joined (a long name wraps in its box)."""
    with pdfplumber.open(io.BytesIO(path.read_bytes())) as pdf:
        return "".join((page.extract_text() or "").replace("\n", "").replace(" ", "") for page in pdf.pages)


@pytest.fixture
def saved_to(monkeypatch, tmp_path):
    """The save dialog, answered with a path in tmp_path (the name the app suggested is recorded)."""
    asked: list[str] = []

    def answer(_parent, _title, suggested, fmt):
        asked.append(suggested)
        return tmp_path / f"out.{fmt}"

    monkeypatch.setattr(print_actions, "ask_save_path", answer)
    return asked


def _marks(path: Path) -> str:
    """The red text on the pages: the 「▼文字あふれ」 marks (the text around them is black)."""
    black = (None, (0,), [0], (0, 0, 0), [0, 0, 0])
    with pdfplumber.open(path) as pdf:
        return "".join(c["text"] for page in pdf.pages for c in page.chars if c["non_stroking_color"] not in black)


def _action(window, text: str):
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "印刷(&P)")
    return next(a for a in menu.actions() if a.text() == text)


def test_a_sheet_that_fits_prints_at_once_and_an_overflow_is_listed_first(qtbot, store, registry, make_window,
                                                                        saved_to, tmp_path) -> None:
    load_samples(store, registry)
    w = make_window(store)
    assert not _action(w, "印刷（PDF）(&P)…").isEnabled()  # nothing open to print
    editor = w.open_sheet(next(s.id for s in store.list() if s.form_id == "shisaku-management"))
    assert _action(w, "印刷（PDF）(&P)…").isEnabled()
    _action(w, "印刷（PDF）(&P)…").trigger()
    out = tmp_path / "out.pdf"
    assert saved_to == ["令和5年度_1-1_地域コミュニティ・課題解決型コミュニティ活動の促進.pdf"]
    assert PRINTED_NAME in _pdf_text(out) and _marks(out) == ""
    assert "out.pdf を保存しました" in w.statusBar().currentMessage()
    out.unlink()

    # a purpose far longer than its box (the sample's own sentence, many times)
    purpose = editor.session.sheet.text("s1.purpose")
    ime_type(find(w, PURPOSE), purpose * 12)
    listed: list[str] = []

    def jump(dialog) -> None:
        listed.extend(dialog.list.item(i).text() for i in range(dialog.list.count()))
        click_button(dialog, JUMP)

    answers = DialogAnswers(jump)
    _action(w, "印刷（PDF）(&P)…").trigger()
    answers.check()
    assert any("「② 施策の目的」が枠に収まりません" in line and line.startswith("1ページ目") for line in listed)
    assert not out.exists()
    w.activateWindow()  # the window manager's job once the dialog is gone
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    assert QApplication.focusWidget() is find(w, PURPOSE)  # where the person can shorten it

    answers = DialogAnswers(lambda d: click_button(d, PRINT_ANYWAY))
    _action(w, "印刷（PDF）(&P)…").trigger()
    answers.check()
    assert _marks(out) == "▼文字あふれ"  # one box overflows: one mark


def test_the_open_sheet_goes_to_an_excel_workbook(qtbot, store, registry, make_window, saved_to,
                                                  tmp_path) -> None:
    load_samples(store, registry)
    w = make_window(store)
    w.open_sheet(next(s.id for s in store.list() if s.form_id == "shisaku-management"))
    _action(w, "Excel（xlsx）に書き出し(&E)…").trigger()
    assert saved_to == ["令和5年度_1-1_地域コミュニティ・課題解決型コミュニティ活動の促進.xlsx"]
    wb = load_workbook(tmp_path / "out.xlsx")
    cells = {str(c.value) for ws in wb.worksheets if ws.sheet_state == "visible" for row in ws.iter_rows() for c in row
             if c.value is not None}
    assert SAMPLE_NAME in cells


def _watch_progress(on_seen) -> QTimer:  # type: ignore[no-untyped-def]
    """Look at the progress dialog while the booklet is drawn, as a person watching it."""
    timer = QTimer()
    timer.setInterval(5)

    def look() -> None:
        for d in QApplication.topLevelWidgets():
            if isinstance(d, QProgressDialog) and d.isVisible():
                on_seen(d)

    timer.timeout.connect(look)
    timer.start()
    return timer


def test_the_booklet_of_a_year_with_progress_and_the_overflow_question(qtbot, store, standard_form, make_window,
                                                                       saved_to, tmp_path) -> None:
    store.import_sheets(generate_sheets(standard_form, 40, seed=2))  # five 施策, 2020–2027; their texts overflow
    w = make_window(store)
    labels: list[str] = []
    watcher = _watch_progress(lambda d: labels.append(d.labelText()))

    def pick(dialog) -> None:
        dialog.choose(2023)
        assert "令和5年度のシート 5件を施策番号順に1冊のPDFにします" in dialog.effect.text()
        click_button(dialog, "作成")

    def overflow(dialog) -> None:
        text = message_text(dialog)
        assert "枠に収まらない項目がある施策が5件あります" in text and "--allow-overflow" not in text
        click_button(dialog, "あふれたまま作成")

    answers = DialogAnswers(pick, overflow)
    _action(w, "冊子（議会提出用）を作成(&B)…").trigger()
    answers.check()
    watcher.stop()
    assert saved_to == ["令和5年度_施策マネジメントシート.pdf"]
    assert any(label.endswith("／5シート") for label in labels), labels  # seen while drawing
    with pdfplumber.open(tmp_path / "out.pdf") as pdf:
        cover = pdf.pages[0].extract_text()
        assert "令和5年度" in cover and "施策マネジメントシート" in cover
        assert len(pdf.pages) == 1 + 2 + 5 * 2  # cover, 目次, 一覧表, two pages per sheet
    assert "out.pdf を保存しました（5シート）" in w.statusBar().currentMessage()


def test_cancelling_the_booklet_writes_nothing(qtbot, store, standard_form, make_window, saved_to,
                                               tmp_path) -> None:
    store.import_sheets(generate_sheets(standard_form, 40, seed=2))
    w = make_window(store)
    cancelled: list[str] = []

    def cancel(d: QProgressDialog) -> None:
        if d.value() >= 1 and not cancelled:
            cancelled.append(d.labelText())
            click_button(d, "中止")

    watcher = _watch_progress(cancel)
    w.make_booklet(2023)
    watcher.stop()
    assert cancelled, "the progress dialog was never seen"
    assert not (tmp_path / "out.pdf").exists()
    assert w.statusBar().currentMessage() == "冊子の作成を中止しました（ファイルは作成していません）"


def test_the_preview_shows_the_sheet_and_follows_an_edit(qtbot, store, registry, make_window) -> None:
    load_samples(store, registry)
    w = make_window(store)
    editor = w.open_sheet(next(s.id for s in store.list() if s.form_id == "shisaku-management"))
    preview = editor.preview
    assert preview.view is None  # QtPdf is not touched until the tab is shown
    with qtbot.waitSignal(preview.refreshed, timeout=10000):
        editor.side.setCurrentWidget(preview)
    assert preview.document.pageCount() == 2
    assert PRINTED_NAME in preview.page_text(0)
    policy = "自治会・町内会加入促進に向けた広報の充実"  # the sample's own words, typed again into 7
    editor.show_section("s7")
    with qtbot.waitSignal(preview.refreshed, timeout=10000):
        ime_type(find(w, "（1）7年度の取組方針"), policy)
        assert not preview.timer.isActive() or preview.timer.interval() == 1500
    assert policy in preview.page_text(1).replace("\n", "")
