"""前年度から作成 as a user meets it: from the browser, a whole year from the menu, and the 「前年度のまま」 marks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_helpers import DialogAnswers, click_button, find, ime_type, message_text

from sheetdesk.app.generate import generate_sheets
from sheetdesk.ui.fields.rollover_tag import TAG_TEXT
from sheetdesk.ui.rollover_actions import CREATED, SKIPPED
from sheetdesk.ui.validation_panel import UNCHANGED_MESSAGE

PURPOSE = "② 施策の目的"
PURPOSE_TAG = f"{PURPOSE} {TAG_TEXT}"


def _store_with(store, standard_form, n: int) -> None:
    """`n` generated sheets: 施策 1-1-1 for every year 2020–2027, then 1-1-2 from 2020 on."""
    store.import_sheets(generate_sheets(standard_form, n, seed=5))


def _select(browser, code: str, year: int) -> int:
    for r in range(browser.model.rowCount()):
        sheet_id = browser.model.sheet_id(r)
        summary = next(s for s in browser.store.list() if s.id == sheet_id)
        if (summary.measure_code, summary.evaluation_year) == (code, year):
            browser.table.selectRow(r)
            return sheet_id
    raise AssertionError(f"{code} {year} is not in the list")


def _tags(window) -> list[str]:
    from sheetdesk.ui.fields.rollover_tag import RolloverTag

    return [t.accessibleName() for t in window.findChildren(RolloverTag) if t.isVisible()]


def test_rolling_one_sheet_over_opens_next_years_sheet_with_its_texts_marked(qtbot, store, standard_form,
                                                                             make_window) -> None:
    _store_with(store, standard_form, 11)
    w = make_window(store)
    source_id = _select(w.browser, "1-1-2", 2022)
    source = store.load(source_id)
    qtbot.mouseClick(w.browser.rollover_button, Qt.MouseButton.LeftButton)

    editor = w.editor
    assert editor is not None and w.stack.currentWidget() is editor
    assert "令和5年度" in editor.header.title.text()
    assert "令和5年度のシートを作成しました" in w.statusBar().currentMessage()
    # the texts came over, each marked beside its label
    assert find(w, PURPOSE).toPlainText() == source.text("s1.purpose")
    assert PURPOSE_TAG in _tags(w)
    # the check list names the carried-over texts; an item jumps to its field
    qtbot.waitUntil(lambda: any(i.message == UNCHANGED_MESSAGE for i in editor.validation.issues))
    items = [editor.validation.list.item(i) for i in range(editor.validation.list.count())]
    unchanged = [i for i in items if UNCHANGED_MESSAGE in i.text()]
    assert "前年度のままの文章" in editor.validation.summary.text()
    situation = next(i for i in unchanged if i.text().startswith("(1) 施策を取り巻く状況"))
    editor.validation.list.setCurrentItem(situation)
    qtbot.keyClick(editor.validation.list, Qt.Key.Key_Return)
    assert editor.current_section == "s5"
    box = find(w, "(1) 施策を取り巻く状況（対象者や根拠法令等）はどう変化しているか？")
    assert QApplication.focusWidget() is box

    # editing a text removes its mark and its item; the others stay
    ime_type(box, "（令和5年度の状況）")
    assert "(1) 施策を取り巻く状況（対象者や根拠法令等）はどう変化しているか？ 前年度のまま" not in _tags(w)
    qtbot.waitUntil(lambda: not any(i.path == "s5.situation" and i.message == UNCHANGED_MESSAGE
                                    for i in editor.validation.issues))
    assert any(i.path == "s1.purpose" and i.message == UNCHANGED_MESSAGE for i in editor.validation.issues)
    # ... and so does the stored sheet, after saving and reopening
    new_id = editor.session.sheet_id
    w.show_browser()
    stored = store.load(new_id)
    assert "s5.situation" not in stored.unchanged_since_rollover
    assert "s1.purpose" in stored.unchanged_since_rollover
    w.open_sheet(new_id)
    editor = w.editor
    editor.show_section("s5")
    assert "(1) 施策を取り巻く状況（対象者や根拠法令等）はどう変化しているか？ 前年度のまま" not in _tags(w)
    editor.show_section("s1")
    assert PURPOSE_TAG in _tags(w)


def test_rolling_over_twice_or_past_the_plan_says_why(qtbot, store, standard_form, make_window) -> None:
    _store_with(store, standard_form, 11)
    w = make_window(store)
    before = len(store.list())
    _select(w.browser, "1-1-1", 2021)  # 令和4年度 of 1-1 exists already
    answers = DialogAnswers(lambda d: (_expect(d, "既に登録されています"), click_button(d, "OK")))
    qtbot.mouseClick(w.browser.rollover_button, Qt.MouseButton.LeftButton)
    answers.check()
    _select(w.browser, "1-1-1", 2027)  # the plan's last year
    answers = DialogAnswers(lambda d: (_expect(d, "最終年度"), click_button(d, "OK")))
    qtbot.mouseClick(w.browser.rollover_button, Qt.MouseButton.LeftButton)
    answers.check()
    assert w.editor is None and len(store.list()) == before


def _expect(dialog, words: str) -> None:
    assert dialog.windowTitle() == "前年度から作成できません"
    assert words in message_text(dialog), message_text(dialog)


def test_a_whole_year_rolls_over_from_the_menu_with_a_summary(qtbot, store, standard_form, make_window) -> None:
    _store_with(store, standard_form, 11)
    w = make_window(store)
    shown: dict[str, object] = {}

    def pick_year(dialog) -> None:
        assert [dialog.year.itemText(i) for i in range(dialog.year.count())][:2] == ["令和9年度", "令和8年度"]
        dialog.choose(2022)
        assert "令和4年度の全シート（2件）" in dialog.effect.text() and "令和5年度のシートを作成" in dialog.effect.text()
        click_button(dialog, "作成")

    def read_summary(dialog) -> None:
        shown["headline"] = dialog.headline.text()
        shown["created"] = dialog.lines(CREATED)
        shown["skipped"] = dialog.lines(SKIPPED)
        click_button(dialog, "OK")

    answers = DialogAnswers(pick_year, read_summary)
    action = next(a for a in w.menuBar().actions()[0].menu().actions() if a.text() == "年度一括で前年度から作成(&Y)…")
    action.trigger()
    answers.check()
    assert shown["headline"] == "令和5年度のシートを1件作成しました。1件は作成しませんでした"
    assert shown["created"] == ["施策番号 1-1-2「国際交流・地域連携の推進」"]
    assert shown["skipped"] == ["施策番号 1-1-1「地域コミュニティ・課題解決型コミュニティ活動の促進」: 令和5年度のシートは既にあります"]
    # the browser shows the new year's sheets, the new one among them
    assert w.stack.currentWidget() is w.browser and w.browser.year.currentData() == 2023
    names = {w.browser.model.index(r, 3).data() for r in range(w.browser.model.rowCount())}
    assert names == {"地域コミュニティ・課題解決型コミュニティ活動の促進", "国際交流・地域連携の推進"}


def test_a_carried_over_text_is_marked_checked_by_one_click_or_a_section_at_once(
        qtbot, store, standard_form, make_window) -> None:
    from sheetdesk.glossary import REVIEW_WORDS

    _store_with(store, standard_form, 11)
    w = make_window(store)
    _select(w.browser, "1-1-2", 2022)
    qtbot.mouseClick(w.browser.rollover_button, Qt.MouseButton.LeftButton)
    editor = w.editor
    new_id = editor.session.sheet_id
    text = find(w, PURPOSE).toPlainText()
    assert PURPOSE_TAG in _tags(w)
    # the section-1 title offers both of its carried-over texts; 施策の目的 alone first
    section_button = _section_button(w, "s1")
    assert section_button.text() == REVIEW_WORDS["mark_section"].format(count=2)  # ① 対象 and ② 施策の目的
    qtbot.mouseClick(find(w, f"{PURPOSE} {REVIEW_WORDS['mark']}"), Qt.MouseButton.LeftButton)
    assert PURPOSE_TAG not in _tags(w) and find(w, PURPOSE).toPlainText() == text
    assert section_button.text() == REVIEW_WORDS["mark_section"].format(count=1)
    qtbot.waitUntil(lambda: not any(i.path == "s1.purpose" and i.message == UNCHANGED_MESSAGE
                                    for i in editor.validation.issues))
    assert "s1.purpose" not in store.load(new_id).unchanged_since_rollover  # written at once
    assert store.history(new_id)[-1].note == REVIEW_WORDS["history_note"]
    # undo brings the tag back; redo clears it again
    w.undo_action.trigger()
    assert PURPOSE_TAG in _tags(w) and "s1.purpose" in store.load(new_id).unchanged_since_rollover
    w.redo_action.trigger()
    assert PURPOSE_TAG not in _tags(w)
    # a whole section at once: every tag of section 5 goes, the button with them
    editor.show_section("s5")
    s5 = _section_button(w, "s5")
    assert s5.isVisible() and s5.text() == REVIEW_WORDS["mark_section"].format(count=5)
    tagged = _tags(w)
    assert len(tagged) == 5
    qtbot.mouseClick(s5, Qt.MouseButton.LeftButton)
    assert _tags(w) == [] and not s5.isVisible()
    assert store.load(new_id).unchanged_since_rollover.isdisjoint(
        {"s5.situation", "s5.opinions", "s5.comparison", "s5.current_work", "s5.planned_work"})
    w.undo_action.trigger()  # one step for the five
    assert _tags(w) == tagged and s5.isVisible()


def _section_button(window, section: str):
    from sheetdesk.ui.fields.rollover_tag import SectionReviewButton

    return next(b for b in window.findChildren(SectionReviewButton) if b.section == section)
