"""Importing files as a user does: a batch with a broken file, the review beside the source, replacing."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel
from ui_helpers import DialogAnswers, click_button, enter_cell, message_text

from ingest.foreign_workbooks import VARIANTS, build
from ingest.seed_sheet import seed_sheet
from sheetdesk.app.samples import sample_paths
from sheetdesk.glossary import Direction
from sheetdesk.ui.import_flow import FAILED, HELD, IMPORTED, NOT_DONE, REPLACE_TITLE
from sheetdesk.ui.review_dialog import CHECK, FLAG, SOURCE, SURE

NAME = "地域コミュニティ・課題解決型コミュニティ活動の促進"


@pytest.fixture(scope="module")
def city_workbook(tmp_path_factory, standard_form) -> Path:
    """A city's own 方眼紙 workbook of the seed sheet (no 施策番号 printed, directions to confirm)."""
    return build(standard_form, seed_sheet(), VARIANTS[0], tmp_path_factory.mktemp("xlsx") / "国立市_施策1.xlsx")


@pytest.fixture(scope="module")
def city_pdf(tmp_path_factory, standard_form) -> Path:
    """A printed sheet without SheetDesk's embedded data: read from the page, by its labels."""
    from pypdf import PdfReader, PdfWriter

    from sheetdesk.render import render_pdf

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(render_pdf(standard_form, seed_sheet(), allow_overflow=True))).pages:
        writer.add_page(page)
    path = tmp_path_factory.mktemp("pdf") / "印刷したシート.pdf"
    with path.open("wb") as f:
        writer.write(f)
    return path


@pytest.fixture
def corrupt(tmp_path) -> Path:
    path = tmp_path / "壊れたファイル.xlsx"
    path.write_bytes(os.urandom(4096))
    return path


def confirm_every_row(dialog, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Look at every row to check (select each, as a person going down the list does), then 「すべて確認」."""
    table = dialog.table
    for row in range(len(dialog.flagged)):
        table.setCurrentCell(row, 0)
    qtbot.waitUntil(lambda: dialog.accept_all.isEnabled() or not dialog.unseen_rows())
    if dialog.accept_all.isEnabled():
        click_button(dialog, "すべて確認")
    assert dialog.save.isEnabled()


def _summary(shown: dict):  # type: ignore[no-untyped-def]
    def read(dialog) -> None:
        shown["headline"] = dialog.headline.text()
        for heading in (IMPORTED, HELD, FAILED, NOT_DONE):
            shown[heading] = dialog.lines(heading)
        click_button(dialog, "OK")
    return read


def test_a_broken_file_says_why_and_changes_nothing(qtbot, store, make_window, corrupt) -> None:
    w = make_window(store)
    shown: dict = {}
    answers = DialogAnswers(_summary(shown))
    w.import_files([corrupt])
    answers.check()
    assert shown["headline"] == "取込 0件　要確認 0件　失敗 1件"
    (reason,) = shown[FAILED]
    assert reason.startswith("壊れたファイル.xlsx") and "ファイル" in reason.split(":", 1)[1]
    assert store.list() == [] and w.stack.currentWidget() is w.welcome


def test_a_batch_imports_reviews_and_replaces_after_asking(qtbot, store, make_window, corrupt,
                                                          city_workbook) -> None:
    w = make_window(store)
    # 令和5年度 1-1, an exchange file: exact, nothing to review
    sample = next(p for p in sample_paths() if p.name == "kunitachi-2023.json")
    shown: dict = {}
    seen: dict = {}

    def review(dialog) -> None:
        seen["title"] = dialog.windowTitle()
        flagged = dialog.flagged
        table = dialog.table
        # rows to check come first, highlighted, with where each value was read
        assert flagged and dialog.paths[: len(flagged)] == flagged
        assert all(p.endswith(".direction") for p in flagged)
        for row in range(len(flagged)):
            assert table.item(row, 0).background().color() == FLAG
            assert table.item(row, SURE).text().startswith(CHECK)
            assert "!" in table.item(row, SOURCE).text()  # a cell address such as 1枚目!AB12
        calm = table.item(len(flagged), SURE)
        assert calm.background().color() != FLAG and calm.text().endswith("%")
        assert "「施策番号」は印刷されないため読み取れません" in dialog.warnings.text()
        # the person corrects one direction and saves
        path = "outcome.1.a.direction"
        enter_cell(table, table.model().index(dialog.row_of(path), 1), "低いほど良い", qtbot)
        confirm_every_row(dialog, qtbot)
        click_button(dialog, "保存")

    def replace(dialog) -> None:
        assert dialog.windowTitle() == REPLACE_TITLE
        assert "令和5年度 施策番号 1-1「地域コミュニティ・課題解決型コミュニティ活動の促進」" in message_text(dialog)
        assert "履歴に残ります" in message_text(dialog)
        click_button(dialog, "置き換える")

    answers = DialogAnswers(review, replace, _summary(shown))
    w.import_files([sample, corrupt, city_workbook])
    answers.check()
    assert seen["title"] == "取り込む内容の確認 — 国立市_施策1.xlsx（施策マネジメントシート）"
    assert shown["headline"] == "取込 2件　要確認 0件　失敗 1件"
    assert shown[IMPORTED] == [
        f"{sample.name}: 令和5年度 施策番号 1-1「{NAME}」",
        f"国立市_施策1.xlsx: 令和5年度 施策番号 1-1「{NAME}」（確認して保存・置き換え）",
    ]
    assert shown[FAILED][0].startswith("壊れたファイル.xlsx")
    # one sheet, replaced in place: the person's correction is stored, the old values are in the history
    (summary,) = store.list()
    stored = store.load(summary.id)
    assert stored.values["outcome.1.a.direction"] is Direction.LOWER_IS_BETTER
    assert stored.text("s5.situation") == seed_sheet().text("s5.situation")
    assert any(h.path == "outcome.1.a.direction" for h in store.history(summary.id))
    assert w.stack.currentWidget() is w.browser and w.browser.model.rowCount() == 1


def test_not_replacing_keeps_the_stored_sheet(qtbot, store, make_window, city_workbook) -> None:
    from sheetdesk.app.services import load_samples

    load_samples(store, store.registry)
    (summary,) = store.list(form_id="shisaku-management")
    before = store.load(summary.id)
    shown: dict = {}
    w = make_window(store)
    def save(dialog) -> None:
        confirm_every_row(dialog, qtbot)
        click_button(dialog, "保存")

    answers = DialogAnswers(save, lambda d: click_button(d, "置き換えない"),
                            _summary(shown))
    w.import_files([city_workbook])
    answers.check()
    assert shown["headline"] == "取込 0件　要確認 0件　失敗 0件"
    assert shown[NOT_DONE] == [f"国立市_施策1.xlsx: 令和5年度 施策番号 1-1「{NAME}」は既にあるため置き換えませんでした"]
    assert store.load(summary.id) == before


def test_a_printed_pdf_is_reviewed_beside_the_page_and_needs_a_measure_code(qtbot, store, make_window,
                                                                           city_pdf) -> None:
    w = make_window(store)
    shown: dict = {}

    def review(dialog) -> None:
        table = dialog.table
        code_row = dialog.row_of("header.measure_code")
        assert code_row < len(dialog.flagged)  # the file has none: the person must give it
        assert table.item(code_row, SOURCE).text() == "（ファイルにありません）"
        # values read from the page show the piece of the page they came from
        crops = [table.cellWidget(r, SOURCE) for r in range(table.rowCount()) if table.cellWidget(r, SOURCE)]
        assert len(crops) >= 10 and all(isinstance(c, QLabel) and not c.pixmap().isNull() for c in crops)
        assert all(c.pixmap().width() <= 380 for c in crops)
        # a wrong number is refused with its reason, the dialog stays open
        enter_cell(table, table.model().index(code_row, 1), "1-1", qtbot)
        number = next(p for p in dialog.paths if p.startswith("cost."))
        enter_cell(table, table.model().index(dialog.row_of(number), 1), "たくさん", qtbot)
        confirm_every_row(dialog, qtbot)
        click_button(dialog, "保存")
        assert dialog.isVisible() and "「たくさん」は数値でも記号" in dialog.error.text()
        enter_cell(table, table.model().index(dialog.row_of(number), 1), "未集計", qtbot)
        click_button(dialog, "保存")

    answers = DialogAnswers(review, _summary(shown))
    w.import_files([city_pdf])
    answers.check()
    assert shown["headline"] == "取込 1件　要確認 0件　失敗 0件"
    (summary,) = store.list()
    assert summary.measure_code == "1-1" and summary.evaluation_year == 2023
    stored = store.load(summary.id)
    assert str(stored.values[number_path(stored)].value) == "未集計"


def number_path(sheet) -> str:  # type: ignore[no-untyped-def]
    return next(p for p, v in sheet.values.items() if p.startswith("cost.") and getattr(v, "value", None) == "未集計")


def test_a_review_left_undone_saves_nothing(qtbot, store, make_window, city_pdf) -> None:
    w = make_window(store)
    shown: dict = {}
    answers = DialogAnswers(lambda d: click_button(d, "取り込まない"), _summary(shown))
    w.import_files([city_pdf])
    answers.check()
    assert shown["headline"] == "取込 0件　要確認 1件　失敗 0件"
    assert shown[HELD][0].startswith("印刷したシート.pdf: 令和5年度 施策番号なし")
    assert store.list() == []


def test_a_city_table_of_another_family_is_reviewed_as_that_family(qtbot, store, make_window, tmp_path) -> None:
    """The GUI finds the family as the CLI does, and the review says which form the file was read as."""
    from ingest.table_workbooks import layout_reordered

    path, _ = layout_reordered(tmp_path / "協働行動計画.xlsx")
    seen: dict = {}
    shown: dict = {}

    def review(dialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["warnings"] = dialog.warnings.text()
        if os.environ.get("SHEETDESK_SCREENSHOTS"):
            dialog.resize(1100, 700)
            dialog.grab().save(os.environ["SHEETDESK_SCREENSHOTS"])
        click_button(dialog, "取り込まない")

    answers = DialogAnswers(review, _summary(shown))
    w = make_window(store)
    w.import_files([path])
    answers.check()
    assert seen["title"] == "取り込む内容の確認 — 協働行動計画.xlsx（行動計画評価表）"
    assert seen["warnings"].startswith("・様式 「行動計画評価表」（見出し ")
    assert "「E」は「事業の評価」の選択肢（Ａ、Ｂ、C、D）にありません" in seen["warnings"]
    assert shown["headline"] == "取込 0件　要確認 1件　失敗 0件"
    assert store.list() == []


def test_a_file_two_forms_match_alike_asks_which_form(qtbot, store, make_window, tmp_path) -> None:
    """Detection cannot decide: the person picks the form, and the review shows the file read as it."""
    from ingest.test_detect import two_forms_alike
    from sheetdesk.ui.import_flow import CHOOSE_FORM_TITLE

    path = two_forms_alike(tmp_path / "混在.xlsx")
    seen: dict = {}
    shown: dict = {}

    def choose(dialog) -> None:
        assert dialog.windowTitle() == CHOOSE_FORM_TITLE
        seen["label"] = dialog.labelText()
        seen["items"] = dialog.comboBoxItems()
        if os.environ.get("SHEETDESK_SCREENSHOTS"):
            dialog.grab().save(os.environ["SHEETDESK_SCREENSHOTS"])
        dialog.setTextValue("行動計画評価表")
        click_button(dialog, "この様式で読む")

    def review(dialog) -> None:
        seen["title"] = dialog.windowTitle()
        seen["warnings"] = dialog.warnings.text()
        click_button(dialog, "取り込まない")

    answers = DialogAnswers(choose, review, _summary(shown))
    w = make_window(store)
    w.import_files([path])
    answers.check()
    assert seen["label"].startswith("混在.xlsx がどの様式のシートか、見出しからは決められません。")
    assert seen["items"][:2] in (["行動計画評価表", "施策の現状と課題"], ["施策の現状と課題", "行動計画評価表"])
    assert seen["title"] == "取り込む内容の確認 — 混在.xlsx（行動計画評価表）"
    assert seen["warnings"].startswith("・様式「行動計画評価表」として読み取りました（指定された様式）")
    assert shown["headline"] == "取込 0件　要確認 1件　失敗 0件"


def test_not_choosing_a_form_leaves_the_file_refused(qtbot, store, make_window, tmp_path) -> None:
    from ingest.test_detect import two_forms_alike

    path = two_forms_alike(tmp_path / "混在.xlsx")
    shown: dict = {}
    answers = DialogAnswers(lambda d: click_button(d, "取り込まない"), _summary(shown))
    w = make_window(store)
    w.import_files([path])
    answers.check()
    assert shown["headline"] == "取込 0件　要確認 0件　失敗 1件"
    assert shown[FAILED][0].startswith("混在.xlsx: ファイル全体: どの様式のシートか判別できません（近い様式: ")
    assert store.list() == []


def test_each_sheet_of_a_booklet_has_its_own_review_and_is_saved_on_its_own(qtbot, store, make_window, registry,
                                                                          standard_form, tmp_path) -> None:
    """A printed booklet of three sheets (no embedded data): three reviews, each naming its sheet and pages;
    the person leaves the second undone, and only that one stays out."""
    import copy

    from ingest.booklet_pages import pages_only, sample, variants
    from sheetdesk.render import render_booklet

    made = variants(standard_form, sample(registry), 3)
    booklet = pages_only(render_booklet([(standard_form, s) for s in made], registry=registry), tmp_path / "冊子.pdf")
    last_year = []
    for s in made:  # last year's sheets give each printed sheet its 施策番号 by its name
        old = copy.deepcopy(s)
        old.evaluation_year = 2022
        last_year.append(old)
    from sheetdesk.app.services import import_files
    from sheetdesk.exchange import dump_document

    (tmp_path / "昨年度.json").write_text(dump_document(registry, last_year), encoding="utf-8")
    assert not import_files(store, registry, [tmp_path / "昨年度.json"]).failed
    titles: list[str] = []

    def review(save: bool):  # type: ignore[no-untyped-def]
        def answer(dialog) -> None:
            titles.append(dialog.windowTitle())
            if save:
                confirm_every_row(dialog, qtbot)
                click_button(dialog, "保存")
            else:
                click_button(dialog, "取り込まない")
        return answer

    shown: dict = {}
    answers = DialogAnswers(review(True), review(False), review(True), _summary(shown))
    make_window(store).import_files([booklet])
    answers.check()
    assert [t.split(" — ")[1].split("（")[0] for t in titles] == [f"冊子.pdf {i}枚目" for i in (1, 2, 3)]
    assert all("ページ目）" in t for t in titles)
    assert shown["headline"] == "取込 2件　要確認 1件　失敗 0件"
    assert [line.split(": ")[0].split("（")[0] for line in shown[HELD]] == ["冊子.pdf 2枚目"]
    stored = sorted(s.measure_name for s in store.list(year=2023))
    assert stored == sorted(made[i].values["header.measure_name"] for i in (0, 2))
