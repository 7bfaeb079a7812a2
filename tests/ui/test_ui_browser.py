"""The sheet browser: the empty start, the sample, filters in 和暦, search that opens at the hit."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from ui_helpers import find, ime_type

from sheetdesk.app.editing import new_sheet
from sheetdesk.app.generate import generate_sheets
from sheetdesk.glossary import Status


def test_an_empty_database_offers_the_sample_and_the_sample_opens(qtbot, store, make_window) -> None:
    w = make_window(store)
    assert w.stack.currentWidget() is w.welcome
    buttons = {b.text() for b in w.welcome.findChildren(QPushButton)}
    assert buttons == {"サンプルのシートを読み込む", "ファイルから取り込む…", "新しいシートを作成…"}
    sample = next(b for b in w.welcome.findChildren(QPushButton) if b.text() == "サンプルのシートを読み込む")
    qtbot.mouseClick(sample, Qt.MouseButton.LeftButton)
    assert w.stack.currentWidget() is w.browser
    model = w.browser.model
    assert model.rowCount() >= 1
    # the shipped samples are of two families: the list names its columns in both forms' words
    rows = [dict(zip(model.headers, [model.index(r, c).data() for c in range(len(model.headers))], strict=True))
            for r in range(model.rowCount())]
    standard = next(r for r in rows if r["様式"] == "施策マネジメントシート")
    assert standard["評価年度"] == "令和5年度"
    assert standard[model.headers[model.name_column]] == "地域コミュニティ・課題解決型コミュニティ活動の促進"
    assert standard["状態"] == "作成中"


def test_filters_and_search_open_the_sheet_at_the_hit(qtbot, store, standard_form, make_window) -> None:
    store.import_sheets(generate_sheets(standard_form, 16, seed=3))
    w = make_window(store)
    browser = w.browser
    assert browser.model.rowCount() == 16
    years = [browser.year.itemText(i) for i in range(browser.year.count())]
    assert years[0] == "すべて" and "令和5年度" in years and "令和2年度" in years
    browser.year.setCurrentIndex(browser.year.findData(2023))
    assert browser.model.rowCount() == 2
    assert {browser.model.index(r, 0).data() for r in range(2)} == {"令和5年度"}
    first = store.list()[0]
    browser.year.setCurrentIndex(0)
    browser.section.setCurrentIndex(browser.section.findData(first.lead_section))
    assert all(browser.model.index(r, 4).data() == first.lead_section for r in range(browser.model.rowCount()))
    browser.section.setCurrentIndex(0)
    browser.status.setCurrentIndex(browser.status.findData(Status.FINAL))
    assert browser.model.rowCount() == 0
    browser.status.setCurrentIndex(0)

    target = store.load(first.id)
    word = target.text("s5.situation")[:6]
    ime_type(browser.search, word)
    browser.run_search()
    assert browser.stack.currentWidget() is browser.results
    hits = [browser.results.item(i) for i in range(browser.results.count())]
    assert hits and all("【" in h.text() for h in hits)
    hit = next(h for h in hits if h.data(Qt.ItemDataRole.UserRole) == (first.id, "s5.situation"))
    browser.results.setCurrentItem(hit)
    qtbot.keyClick(browser.results, Qt.Key.Key_Return)
    editor = w.editor
    assert editor is not None and editor.session.sheet_id == first.id
    assert editor.current_section == "s5"
    assert QApplication.focusWidget() is find(w, "(1) 施策を取り巻く状況（対象者や根拠法令等）はどう変化しているか？")


def test_reopening_remembers_sheet_section_and_size(qtbot, store, standard_form, make_window) -> None:
    from ui_helpers import MEASURE, PLAN

    stored = store.add(new_sheet(standard_form, PLAN, 2023, MEASURE))
    w = make_window(store)
    editor = w.open_sheet(stored.id)
    w.resize(780, 640)  # the offscreen screen is 800×800
    size = (w.width(), w.height())
    editor.show_section("s6")
    w.close()
    w2 = make_window(store)
    assert w2.editor is not None and w2.editor.session.sheet_id == stored.id
    assert w2.editor.current_section == "s6"
    assert (w2.width(), w2.height()) == size
    qtbot.mouseClick(w2.editor.header.findChildren(QPushButton)[0], Qt.MouseButton.LeftButton)  # ← 一覧
    w2.close()
    w3 = make_window(store)
    assert w3.editor is None and w3.stack.currentWidget() is w3.browser


def test_the_year_and_section_filters_narrow_the_search_results(qtbot, store, standard_form, make_window) -> None:
    store.import_sheets(generate_sheets(standard_form, 16, seed=3))
    year_of = {s.id: s.evaluation_year for s in store.list()}
    section_of = {s.id: s.lead_section for s in store.list()}
    w = make_window(store)
    browser = w.browser
    ime_type(browser.search, "の")
    browser.run_search()

    def shown() -> list[int]:
        items = [browser.results.item(i) for i in range(browser.results.count())]
        return [it.data(Qt.ItemDataRole.UserRole)[0] for it in items]

    everything = shown()
    assert len({year_of[i] for i in everything}) > 1
    browser.year.setCurrentIndex(browser.year.findData(2023))
    assert browser.stack.currentWidget() is browser.results
    narrowed = shown()
    assert narrowed and {year_of[i] for i in narrowed} == {2023}
    assert "の」の検索結果" in browser.count.text()
    section = section_of[narrowed[0]]
    browser.section.setCurrentIndex(browser.section.findData(section))
    assert {(year_of[i], section_of[i]) for i in shown()} == {(2023, section)}
