"""The import review dialog on a city's own files (../shared/foreign, made outside this project).

What a person does with it: reads each value to check beside its source and
the importer's reason, narrows the table to 要確認のみ, looks at every value
to check, confirms them (one by one or with 「すべて確認」) and saves.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel
from ui_helpers import DialogAnswers, click_button, enter_cell

from sheetdesk.glossary import Direction
from sheetdesk.ingest import read_file
from sheetdesk.ui.events import process_events
from sheetdesk.ui.import_flow import IMPORTED
from sheetdesk.ui.review_dialog import CONFIRMED, FLAG, REASON, SOURCE, SURE, VALUE, ReviewDialog

SHARED = Path(__file__).resolve().parents[3] / "shared" / "foreign"
WORKBOOK = SHARED / "kunitachi-2023-b.xlsx"  # costs typed as text: the workbook's 事業費計 formulas are blank
PDF = SHARED / "kunitachi-2023-a.pdf"

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/foreign is not on this machine")


def _open(registry, qtbot, file: Path, width: int = 1280, height: int = 800) -> ReviewDialog:
    [result] = read_file(file, registry)
    dialog = ReviewDialog(result, registry.get(result.sheet.form_id, result.sheet.form_version), file)
    qtbot.addWidget(dialog)
    dialog.resize(width, height)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _settled(qtbot, dialog: ReviewDialog) -> None:
    """Wait as a person's eyes do: until the view has stopped moving and the dialog has counted what is in view."""
    process_events()
    qtbot.waitUntil(lambda: dialog.settled, timeout=5000)


def _visible_rows(dialog: ReviewDialog) -> list[int]:
    return [r for r in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(r)]


def _label_of(dialog: ReviewDialog, row: int) -> str:
    return dialog.table.item(row, 0).text()


def test_rows_to_check_come_first_with_the_importers_reason_shown_whole(qtbot, registry) -> None:
    dialog = _open(registry, qtbot, WORKBOOK)
    table, n = dialog.table, len(dialog.flagged)
    # what the file could not make certain: the six costs whose 事業費計 is blank, four directions, 施策番号
    labels = [_label_of(dialog, r) for r in range(n)]
    assert n == 11 and dialog.count.text() == "要確認 11件（確認済み 0件）"
    assert sum(label.startswith("施策コスト") for label in labels) == 6
    assert sum(label.endswith("指標の方向") for label in labels) == 4
    assert "施策番号" in labels
    by_label = {_label_of(dialog, r): r for r in range(n)}
    reason = table.item(by_label["施策コスト 国庫支出金（R5年度）"], REASON).text()
    assert "事業費計" in reason and "空欄" in reason and "内訳の合計を確かめられません" in reason
    direction = next(r for label, r in by_label.items() if "展開方向3" in label)
    assert table.item(direction, VALUE).text() == "低いほど良い"
    assert table.item(direction, SOURCE).text() == "表面!AK19"
    assert "目標値の推移（4→3.2）から推定しました" in table.item(direction, REASON).text()
    assert table.item(by_label["施策番号"], REASON).text() == "印刷されないため読み取れません。入力してください"
    for row in range(n):
        item = table.item(row, REASON)
        assert item.background().color() == FLAG and item.text() and "…" not in item.text()
        # wrapped inside its cell, never cut: the row is as tall as the wrapped reason needs
        width = table.columnWidth(REASON) - 8
        needed = QFontMetrics(table.font()).boundingRect(
            QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, item.text()).height()
        assert table.rowHeight(row) >= needed, (row, item.text())
        assert table.item(row, SURE).checkState() == Qt.CheckState.Unchecked
    # the certain rows: no reason, no check box, after every row to check
    calm = table.item(n, REASON)
    assert calm.text() == "" and table.item(n, SURE).text().endswith("%")
    assert table.item(n, SURE).data(Qt.ItemDataRole.CheckStateRole) is None
    assert not table.item(n, SURE).flags() & Qt.ItemFlag.ItemIsUserCheckable
    assert table.rowCount() > 100


def test_the_filter_hides_the_certain_rows_and_brings_them_back(qtbot, registry) -> None:
    dialog = _open(registry, qtbot, WORKBOOK)
    everything = _visible_rows(dialog)
    dialog.only_flagged.click()
    assert dialog.only_flagged.isChecked()
    assert _visible_rows(dialog) == list(range(11))
    assert all(dialog.table.item(r, SURE).text().startswith("要確認") for r in _visible_rows(dialog))
    dialog.only_flagged.click()
    assert _visible_rows(dialog) == everything and len(everything) == dialog.table.rowCount()


def test_accept_all_waits_until_every_row_to_check_was_shown(qtbot, registry) -> None:
    # a small screen: the table shows only a few rows at a time
    dialog = _open(registry, qtbot, WORKBOOK, width=1100, height=420)
    table = dialog.table
    _settled(qtbot, dialog)
    unseen = dialog.unseen_rows()
    assert unseen and len(unseen) < 11  # the first rows are in view, the last ones are not
    assert "施策番号" in [dialog.specs[p].label for p in unseen]  # the last row to check is out of view
    assert not dialog.accept_all.isEnabled() and not dialog.save.isEnabled()
    assert dialog.unseen.text() == f"まだ表示していない要確認の項目が{len(unseen)}件あります（表をスクロールするか、行を選んでください）"
    click_button(dialog, "すべて確認")
    click_button(dialog, "保存")
    assert dialog.confirmed() == [] and dialog.count.text() == "要確認 11件（確認済み 0件）"
    assert dialog.isVisible()
    # scrolling a page at a time, as with the mouse wheel, until the rows to check have passed by
    bar = table.verticalScrollBar()
    while dialog.unseen_rows():
        before = bar.value()
        bar.setValue(before + bar.pageStep() // 2)
        _settled(qtbot, dialog)
        assert bar.value() > before, "scrolled to the end with rows to check still unseen"
    assert dialog.unseen.text() == "要確認の項目はすべて表示しました"
    assert dialog.accept_all.isEnabled() and not dialog.save.isEnabled()
    click_button(dialog, "すべて確認")
    assert dialog.count.text() == "要確認 11件（確認済み 11件）"
    assert all(table.item(r, 0).background().color() == CONFIRMED for r in range(11))
    assert dialog.save.isEnabled() and not dialog.accept_all.isEnabled()


def test_rows_flicked_past_are_not_shown_but_a_selected_row_is(qtbot, registry) -> None:
    dialog = _open(registry, qtbot, WORKBOOK, width=1100, height=420)
    table = dialog.table
    _settled(qtbot, dialog)
    unseen = dialog.unseen_rows()
    bar = table.verticalScrollBar()
    bar.setValue(bar.maximum())  # straight to the end of the table: the rows to check went by unread
    _settled(qtbot, dialog)
    assert dialog.unseen_rows() == unseen
    table.setFocus()
    table.setCurrentCell(len(dialog.flagged) - 1, VALUE)  # the person selects the last row to check
    assert dialog.flagged[-1] not in dialog.unseen_rows()


def test_saving_needs_every_row_to_check_confirmed_and_an_edit_confirms_it(qtbot, store, make_window,
                                                                          registry) -> None:
    w = make_window(store)
    seen: dict = {}

    def review(dialog) -> None:
        table = dialog.table
        # the person types the 施策番号 the printed sheet lacks: that row is confirmed
        code = dialog.row_of("header.measure_code")
        enter_cell(table, table.model().index(code, VALUE), "1-1", qtbot)
        assert table.item(code, SURE).checkState() == Qt.CheckState.Checked
        assert dialog.count.text() == "要確認 11件（確認済み 1件）"
        # and ticks one direction by hand
        direction = dialog.row_of("outcome.3.a.direction")
        table.item(direction, SURE).setCheckState(Qt.CheckState.Checked)
        assert dialog.count.text() == "要確認 11件（確認済み 2件）"
        assert not dialog.save.isEnabled()
        dialog.accept()  # what Enter or a close as accepted would do: refused with the first row left
        assert dialog.isVisible()
        seen["refused"] = dialog.error.text() if dialog.error.isVisible() else ""
        dialog.only_flagged.click()
        _settled(qtbot, dialog)
        click_button(dialog, "すべて確認")
        assert dialog.count.text() == "要確認 11件（確認済み 11件）"
        assert dialog.error.isHidden()  # the refusal goes once nothing is left unconfirmed
        click_button(dialog, "保存")

    shown: dict = {}

    def summary(dialog) -> None:
        shown[IMPORTED] = dialog.lines(IMPORTED)
        click_button(dialog, "OK")

    answers = DialogAnswers(review, summary)
    w.import_files([WORKBOOK])
    answers.check()
    assert seen["refused"] == "要確認の項目が9件、確認済みになっていません（最初は「施策コスト 国庫支出金（R5年度）」）"
    assert shown[IMPORTED] == ["kunitachi-2023-b.xlsx: 令和5年度 施策番号 1-1"
                               "「地域コミュニティ・課題解決型コミュニティ活動の促進」（確認して保存）"]
    (summary_row,) = store.list()
    stored = store.load(summary_row.id)
    assert stored.text("header.measure_code") == "1-1"
    assert stored.values["outcome.3.a.direction"] is Direction.LOWER_IS_BETTER
    assert str(stored.values["cost.national.2023"]) == "4705"


def test_a_printed_sheet_shows_the_page_beside_the_reason(qtbot, registry) -> None:
    dialog = _open(registry, qtbot, PDF)
    table = dialog.table
    directions = [p for p in dialog.flagged if p.endswith(".direction")]
    assert len(directions) == 4
    for path in directions:
        row = dialog.row_of(path)
        crop = table.cellWidget(row, SOURCE)
        assert isinstance(crop, QLabel) and not crop.pixmap().isNull()
        assert "印刷されないため" in table.item(row, REASON).text()
        assert table.rowHeight(row) >= crop.pixmap().height()


def test_a_table_workbooks_rows_are_all_shown_for_review(qtbot, registry, tmp_path) -> None:
    """A 行動計画評価表 typed by a city: every 事業 the file gave is in the table, not only the fixed fields."""
    from ingest.table_workbooks import layout_as_printed

    dialog = _open(registry, qtbot, layout_as_printed(tmp_path / "協働行動計画.xlsx"))
    shown = {_label_of(dialog, r): dialog.table.item(r, VALUE).text() for r in range(dialog.table.rowCount())}
    assert shown["プロセス1 項目1 事業1 事業名"] == "各種助成制度の情報提供"
    assert shown["プロセス1 項目1 事業2 事業名"] == "コミュニティ設立支援"
    assert len(shown) > 150
