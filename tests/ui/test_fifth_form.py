"""Proof that a sheet family needs a form file and no code (issue 8, point 6).

This test writes a form file SheetDesk does not ship — a 事務事業評価シート
with its own words and structure: a repeat of 活動指標 the user extends, a
choice of 拡充 / 継続 / 縮小 / 廃止, several 協働の相手 at once, a date, a
series over the three years up to N and named points — and takes one sheet
of it through the store, the editor (typing, adding a row, undo), the check
list, the roll-over into the next year, the JSON exchange file and printing
(PDF and xlsx, in the automatic flow layout a form without a layout file gets).
Nothing in sheetdesk knows this form. Texts are seed 003's (a city's 協働
action-plan evaluation table), verbatim.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QGroupBox, QLineEdit, QPushButton
from ui_helpers import enter_cell, find, ime_type

from sheetdesk.app.editing import new_sheet
from sheetdesk.app.printing import export_files
from sheetdesk.app.rollover import roll_over
from sheetdesk.app.services import export_json
from sheetdesk.app.validation import validate
from sheetdesk.exchange import parse_document
from sheetdesk.forms import FormRegistry
from sheetdesk.glossary import Mark
from sheetdesk.model import Plan
from sheetdesk.store import SheetStore

FIFTH = """\
id: jimu-jigyo-hyoka-test
version: 1
title: 事務事業評価シート
identity: {code: jigyo.number, name: jigyo.title, section: jigyo.owner}
rollover:
  move:
    - {from: review.next_step, to: review.this_year}
    - {from: "katsudo.*.next_goal", to: "katsudo.*.goal"}
  clear: [jigyo.written_on, review.policy]
sections:
  - key: jigyo
    label: Ⅰ　事業の概要（{N}年度）
    items:
      - {kind: field, key: jigyo.number, label: 事業コード, required: true, value: {type: text, multiline: false}}
      - {kind: field, key: jigyo.title, label: 事業の名称, required: true, value: {type: text, multiline: false}}
      - {kind: field, key: jigyo.owner, label: 所管課, value: {type: text, multiline: false}}
      - {kind: field, key: jigyo.written_on, label: 記入日, value: {type: date}}
      - {kind: field, key: jigyo.work, label: 取組内容, value: {type: text}}
  - key: katsudo
    label: Ⅱ　活動の指標
    items:
      - kind: repeat
        key: katsudo
        label: 活動の指標
        rows: {min: 1, max: 4, label: "指標{n}"}
        items:
          - {kind: field, key: title, label: 指標の名称, required: true, value: {type: text, multiline: false}}
          - {kind: series, key: result, label: 実績値, value: {type: number}, window: {from: -2, to: 0}}
          - {kind: field, key: goal, label: 目標値, value: {type: measure}}
          - {kind: field, key: next_goal, label: 次年度の目標値, value: {type: measure}}
  - key: review
    label: Ⅲ　評価
    items:
      - kind: record
        key: review
        label: 評価
        items:
          - kind: field
            key: policy
            label: 今後の方向性
            value:
              type: choice
              options:
                - {code: kakuju, wording: 拡充}
                - {code: keizoku, wording: 継続}
                - {code: shukusho, wording: 縮小}
                - {code: haishi, wording: 廃止}
          - kind: field
            key: partners
            label: 協働の相手
            value:
              type: choice
              multiple: true
              options: [{code: "1", wording: ①}, {code: "2", wording: ②}, {code: "3", wording: ③},
                        {code: "4", wording: ④}, {code: "5", wording: ⑤}, {code: "6", wording: ⑥},
                        {code: "7", wording: ⑦}]
          - {kind: field, key: effect, label: 成果, value: {type: text}}
          - {kind: field, key: this_year, label: 今年度の取組状況, value: {type: text}}
          - {kind: field, key: next_step, label: 次年度の取組予定, value: {type: text}}
"""

# seed 003, 事業「自治会活動支援」 of プロセス３
WORK = ("(1)自治会が行う地域振興を図るための事業及び活動等を要する費用の一部を補助した。"
        "申請した198自治会に補助（全213自治会）")
EFFECT = "地域振興を図るための自治会活動への一助となった。"
INDICATOR = "補助金活用自治会の割合"
OTHER_INDICATOR = "自治会加入率"


@pytest.fixture
def fifth(tmp_path: Path) -> FormRegistry:
    d = tmp_path / "forms"
    d.mkdir()
    (d / "jimu-jigyo-hyoka-test.yaml").write_text(FIFTH, encoding="utf-8")
    return FormRegistry(d)


def test_a_fifth_family_goes_from_store_through_editor_checks_rollover_and_json(
        qtbot, tmp_path: Path, fifth: FormRegistry) -> None:
    from sheetdesk.ui.main_window import MainWindow

    form = fifth.latest("jimu-jigyo-hyoka-test")
    store = SheetStore.open(tmp_path / "fifth.sqlite3", registry=fifth)
    sheet = store.add(new_sheet(form, Plan("那須塩原市", "協働推進行動計画", 2020, 2027), 2023,
                                {"code": "3-3", "name": "自治会活動支援", "section": "市民協働推進課"}))
    assert sheet.id is not None

    # the check list of the blank sheet names the one 指標 the form asks for
    assert [(i.label, i.message) for i in validate(form, store.load(sheet.id)) if i.path.startswith("katsudo")] == [
        ("指標1 指標の名称", "必須項目が入力されていません")]

    w = MainWindow(store, fifth, restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    assert w.browser.model.headers[:4] == ["評価年度", "事業コード", "事業の名称", "所管課"]
    editor = w.open_sheet(sheet.id)
    assert editor is not None
    assert w.windowTitle().endswith("事務事業評価シート")
    assert "令和5年度" in editor.header.title.text() and "自治会活動支援" in editor.header.title.text()
    assert [editor.nav.item(i).text() for i in range(editor.nav.count())] == [
        "Ⅰ　事業の概要（5年度）", "Ⅱ　活動の指標", "Ⅲ　評価"]

    # typing, as an IME sends it
    ime_type(find(w, "取組内容"), WORK, "じちかい")
    day = find(w, "記入日")
    assert isinstance(day, QLineEdit)
    ime_type(day, "令和6年5月31日")
    day.editingFinished.emit()

    editor.show_section("katsudo")
    ime_type(find(w, "指標1 指標の名称"), INDICATOR)
    result = find(w, "指標1 実績値")
    m = result.model()
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["R3年度", "R4年度", "R5年度"]
    enter_cell(result, m.index(0, 2), "89.7", qtbot)
    enter_cell(result, m.index(0, 1), "未集計", qtbot)
    ime_type(find(w, "指標1 目標値"), "87％")
    find(w, "指標1 目標値").editingFinished.emit()  # type: ignore[attr-defined]
    ime_type(find(w, "指標1 次年度の目標値"), "89％")
    find(w, "指標1 次年度の目標値").editingFinished.emit()  # type: ignore[attr-defined]

    # adding a row, typing in it, undoing the row
    add = find(w, "活動の指標 活動の指標を追加")
    assert isinstance(add, QPushButton)
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    assert [b.title() for b in editor.findChildren(QGroupBox) if b.isVisible()] == ["指標1", "指標2"]
    ime_type(find(w, "指標2 指標の名称"), OTHER_INDICATOR)
    w.undo_action.trigger()  # the typing
    w.undo_action.trigger()  # the row
    assert [b.title() for b in editor.findChildren(QGroupBox) if b.isVisible()] == ["指標1"]
    w.redo_action.trigger()  # the row comes back, still without a name
    qtbot.mouseClick(find(w, "指標2 削除"), Qt.MouseButton.LeftButton)

    editor.show_section("review")
    policy = find(w, "評価 今後の方向性")
    assert isinstance(policy, QComboBox)
    policy.setCurrentIndex(policy.findText("継続"))
    five = find(w, "評価 協働の相手 ⑤")
    assert isinstance(five, QCheckBox)
    qtbot.mouseClick(five, Qt.MouseButton.LeftButton)
    ime_type(find(w, "評価 成果"), EFFECT)
    ime_type(find(w, "評価 次年度の取組予定"), "自治会長連絡協議会と連携して、自治会加入促進キャンペーン")
    w.show_browser()  # closing the editor writes everything

    stored = store.load(sheet.id)
    assert stored.values["jigyo.work"] == WORK
    assert stored.values["jigyo.written_on"] == dt.date(2024, 5, 31)
    assert stored.values["katsudo"] == ("1",)
    assert stored.values["katsudo.1.title"] == INDICATOR
    assert stored.values["katsudo.1.result.2023"] == Decimal("89.7")
    assert stored.values["katsudo.1.result.2022"] is Mark.NOT_COUNTED  # a mark, never 0
    assert stored.values["katsudo.1.goal"] == "87％"
    assert stored.values["review.policy"] == "keizoku"
    assert stored.values["review.partners"] == ("5",)
    assert validate(form, stored) == []

    # roll-over into 令和6年度: the form's moves, row by row, and its clears
    nxt = roll_over(form, stored)
    assert nxt.evaluation_year == 2024
    assert nxt.values["katsudo"] == ("1",)
    assert nxt.values["katsudo.1.title"] == INDICATOR
    assert nxt.values["katsudo.1.goal"] == "89％"  # 次年度の目標値 became this year's
    assert "katsudo.1.next_goal" not in nxt.values
    assert nxt.values["review.this_year"] == stored.values["review.next_step"]
    assert "review.policy" not in nxt.values and "jigyo.written_on" not in nxt.values
    assert nxt.values["katsudo.1.result.2023"] == Decimal("89.7")  # R5 is still in R4..R6
    assert "katsudo.1.result.2021" not in nxt.values  # R3 has left the window
    assert "katsudo.1.title" in nxt.unchanged_since_rollover
    rolled = store.add(nxt)
    assert rolled.id is not None

    # the JSON exchange file: both years back, values and rows as they were
    text = export_json(store, fifth, [sheet.id, rolled.id])
    assert json.loads(text)["sheets"][0]["form"]["id"] == "jimu-jigyo-hyoka-test"
    back = parse_document(text.encode("utf-8"), "fifth.json", fifth)
    assert [s.evaluation_year for s in back] == [2023, 2024]
    assert back[0].values == stored.values
    assert back[1].values["katsudo.1.goal"] == "89％"

    # printing: what a reader finds on the PDF page and in the xlsx cells
    pdf = export_files(store, fifth, [sheet.id], "pdf", tmp_path / "fifth.pdf")[0]
    xlsx = export_files(store, fifth, [sheet.id], "xlsx", tmp_path / "fifth.xlsx")[0]
    store.close()
    printed = _pdf_text(pdf)
    for words in ("事務事業評価シート", "事業の概要（5年度）", "自治会活動支援", "市民協働推進課", "活動の指標",
                  "R3年度 R4年度 R5年度", f"{INDICATOR} 未集計 89.7 87％ 89％", EFFECT):
        assert words in printed, words
    assert "令和6年5月31日" in printed  # the date in 和暦
    # a choice prints every wording, the chosen one filled: 継続, and ⑤ of the 協働の相手
    assert "□拡充 ■継続 □縮小 □廃止" in printed and "□④ ■⑤ □⑥" in printed and "keizoku" not in printed
    assert WORK in printed.replace("\n取組内容\n", "")  # the long text wraps beside its label
    rows = _xlsx_rows(xlsx)  # the printed worksheet, row by row, the cells a reader sees
    assert rows[0] == ["事務事業評価シート"]
    assert ["事業コード", "3-3", "事業の名称", "自治会活動支援"] in rows
    assert ["所管課", "市民協働推進課", "記入日", "令和6年5月31日"] in rows
    assert ["取組内容", WORK] in rows
    assert ["R3年度", "R4年度", "R5年度"] in rows
    assert [INDICATOR, "未集計", 89.7, "87％", "89％"] in rows  # a mark stays a mark, a number a number
    assert ["評価 今後の方向性", "□拡充\u3000■継続\u3000□縮小\u3000□廃止"] in rows
    assert ["評価 成果", EFFECT] in rows
    assert ["評価 今年度の取組状況"] in rows  # never written: an empty cell


def _pdf_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def _xlsx_rows(path: Path) -> list[list[object]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path, read_only=True).worksheets[0]
    rows = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
    return [r for r in rows if r]
