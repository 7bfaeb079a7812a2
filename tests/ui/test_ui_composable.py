"""The editor of forms made of composable items, as a user meets it.

Forms: the unshipped 事務事業評価シート (tests/forms/unshipped/jimu-jigyo.yaml)
and a 行動計画評価表 written here by hand (プロセス → 事業, up to 200 事業).
Texts typed are seed 003's (a city's 協働 action-plan evaluation table).
"""

from __future__ import annotations

import datetime as dt
import shutil
import time
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QGroupBox, QLineEdit, QPushButton, QTableView
from ui_helpers import enter_cell, find, ime_type

from sheetdesk.app.editing import new_sheet
from sheetdesk.forms import FormRegistry
from sheetdesk.glossary import Mark
from sheetdesk.model import Plan
from sheetdesk.store import SheetStore

FORMS = Path(__file__).parents[2] / "forms"
UNSHIPPED = Path(__file__).parents[1] / "forms" / "unshipped"
PLAN = Plan("那須塩原市", "協働推進行動計画", 2020, 2027)

ACTION_PLAN = """\
id: kodo-hyoka
version: 1
title: 行動計画評価表
identity: {code: head.code, name: head.name, section: head.section}
sections:
  - key: head
    label: 行動計画評価表
    items:
      - {kind: field, key: head.code, label: プロセス番号, value: {type: text, multiline: false}}
      - {kind: field, key: head.name, label: プロセス名, value: {type: text, multiline: false}}
      - {kind: field, key: head.section, label: 担当課, value: {type: text, multiline: false}}
  - key: plan
    label: 取組状況
    items:
      - kind: repeat
        key: items
        label: 項目
        rows: {min: 1, max: 5, label: "項目{n}"}
        items:
          - {kind: field, key: name, label: 項目名, value: {type: text, multiline: false}}
          - kind: repeat
            key: projects
            label: 事業
            rows: {min: 0, max: 200, label: "事業{n}"}
            items:
              - {kind: field, key: name, label: 事業名, value: {type: text, multiline: false}}
              - {kind: field, key: section, label: 担当課, value: {type: text, multiline: false}}
              - kind: field
                key: grade
                label: 評価
                value:
                  type: choice
                  options: [{code: A, wording: Ａ}, {code: B, wording: Ｂ}, {code: C, wording: Ｃ}, {code: D, wording: Ｄ}]
              - {kind: field, key: now, label: 現状値, value: {type: measure}}
"""


@pytest.fixture
def forms_registry(tmp_path: Path) -> FormRegistry:
    d = tmp_path / "forms"
    d.mkdir()
    for p in [*FORMS.glob("*.yaml"), *UNSHIPPED.glob("*.yaml")]:
        shutil.copy(p, d / p.name)
    (d / "kodo-hyoka.yaml").write_text(ACTION_PLAN, encoding="utf-8")
    return FormRegistry(d)


@pytest.fixture
def cstore(tmp_path: Path, forms_registry: FormRegistry):
    s = SheetStore.open(tmp_path / "c.sqlite3", registry=forms_registry)
    yield s
    s.close()


@pytest.fixture
def open_editor(qtbot, cstore, forms_registry):
    from sheetdesk.ui.main_window import MainWindow

    windows: list[MainWindow] = []

    def make(form_id: str, identity: dict[str, str], values: dict | None = None):
        form = forms_registry.latest(form_id)
        sheet = new_sheet(form, PLAN, 2023, identity)
        sheet.values.update(values or {})
        stored = cstore.add(sheet)
        w = MainWindow(cstore, forms_registry, restore=False)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
        windows.append(w)
        started = time.perf_counter()
        editor = w.open_sheet(stored.id)
        assert editor is not None
        return w, editor, stored.id, time.perf_counter() - started

    return make


def _stored(editor, store, sheet_id: int) -> dict:
    """What the database holds once the autosave has run."""
    assert editor.bridge.flush()
    return store.load(sheet_id).values


def _button(root, name: str) -> QPushButton:
    widget = find(root, name)
    assert isinstance(widget, QPushButton)
    return widget


def test_a_jimu_jigyo_sheet_is_written_with_its_own_widgets(qtbot, open_editor, cstore) -> None:
    w, editor, sheet_id, _ = open_editor("jimu-jigyo", {"code": "3-2", "name": "自治会活動支援",
                                                        "section": "市民協働推進課"})
    assert "事務事業評価シート" in w.windowTitle()
    # the header: a date typed in 和暦
    date = find(w, "作成日")
    assert isinstance(date, QLineEdit)
    ime_type(date, "令和6年5月1日")
    date.editingFinished.emit()
    assert _stored(editor, cstore, sheet_id)["header.made_on"] == dt.date(2024, 5, 1)
    assert date.text() == "令和6年5月1日"
    # a date that is no date is refused on screen, the sheet keeps the old one
    date.setText("五月ごろ")
    date.editingFinished.emit()
    assert "日付として読めません" in w.statusBar().currentMessage()
    assert editor.session.sheet.values["header.made_on"] == dt.date(2024, 5, 1)

    # 1 活動指標: the sheet starts with the one row the form asks for
    editor.show_section("activity")
    assert [b.title() for b in editor.findChildren(QGroupBox) if b.isVisible()] == ["活動指標1"]
    ime_type(find(w, "活動指標1 指標名"), "補助金活用自治会の割合")
    actual = find(w, "活動指標1 実績")
    assert isinstance(actual, QTableView)
    m = actual.model()
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())] == [
        "R3年度", "R4年度", "R5年度"]
    enter_cell(actual, m.index(0, 2), "85.19", qtbot)
    enter_cell(actual, m.index(0, 0), "-", qtbot)
    goal = find(w, "活動指標1 目標")
    gm = goal.model()
    assert [gm.headerData(c, Qt.Orientation.Horizontal) for c in range(gm.columnCount())] == ["基準値", "現状値"]
    enter_cell(goal, gm.index(0, 0), "85.19％", qtbot)
    values = _stored(editor, cstore, sheet_id)
    assert values["activity.indicators.1.name"] == "補助金活用自治会の割合"
    assert values["activity.indicators.1.actual.2023"] == Decimal("85.19")
    assert values["activity.indicators.1.actual.2021"] is Mark.NOT_APPLICABLE  # a mark, never 0
    assert values["activity.indicators.1.goal.base"] == "85.19％"
    assert m.index(0, 0).data() == "-"

    # adding a row: one undo step
    qtbot.mouseClick(_button(w, "活動指標 活動指標を追加"), Qt.MouseButton.LeftButton)
    assert [b.title() for b in editor.findChildren(QGroupBox) if b.isVisible()] == ["活動指標1", "活動指標2"]
    assert _stored(editor, cstore, sheet_id)["activity.indicators"] == ("1", "2")
    w.undo_action.trigger()
    assert [b.title() for b in editor.findChildren(QGroupBox) if b.isVisible()] == ["活動指標1"]
    w.redo_action.trigger()
    assert editor.session.row_keys("activity.indicators") == ("1", "2")
    # moving the new row up: the first row's words go with their row
    qtbot.mouseClick(_button(w, "活動指標2 ↑"), Qt.MouseButton.LeftButton)
    assert [b.title() for b in editor.findChildren(QGroupBox) if b.isVisible()] == ["活動指標2", "活動指標1"]
    assert find(w, "活動指標1 指標名").text() == "補助金活用自治会の割合"
    # the form's max is 5 rows: the 6th is refused in Japanese
    for _ in range(3):
        qtbot.mouseClick(_button(w, "活動指標 活動指標を追加"), Qt.MouseButton.LeftButton)
    assert not _button(w, "活動指標 活動指標を追加").isEnabled()
    assert editor.bridge.add_row("activity.indicators") is None
    assert "活動指標は5行までです" in w.statusBar().currentMessage()

    # 2 評価: one choice as a combo, several as check boxes
    editor.show_section("result")
    combo = find(w, "評価 今後の方向性")
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())][1:] == ["拡充", "継続", "縮小", "廃止"]
    combo.setCurrentIndex(combo.findText("継続"))
    npo = find(w, "評価 協働の相手 ②NPO")
    assert isinstance(npo, QCheckBox)
    qtbot.mouseClick(npo, Qt.MouseButton.LeftButton)
    editor.bridge.flush()
    values = _stored(editor, cstore, sheet_id)
    assert values["result.direction"] == "keep"
    assert values["result.partners"] == ("2",)
    w.undo_action.trigger()
    assert not npo.isChecked()


def test_two_hundred_projects_open_in_a_table_and_rows_are_edited_there(qtbot, open_editor, cstore) -> None:
    keys = tuple(str(n) for n in range(1, 201))
    values: dict = {"items.1.projects": keys}
    for k in keys:
        values[f"items.1.projects.{k}.name"] = "自治会活動支援"
        values[f"items.1.projects.{k}.section"] = "市民協働推進課"
    w, editor, sheet_id, opened = open_editor(
        "kodo-hyoka", {"code": "3", "name": "夢を描く（集う）", "section": "市民協働推進課"}, values)
    started = time.perf_counter()
    editor.show_section("plan")
    shown = time.perf_counter() - started
    print(f"\n200 事業: open {opened:.3f} s, first show of the page {shown:.3f} s")
    assert opened + shown < 5.0
    table = find(w, "項目1 事業")
    assert isinstance(table, QTableView)
    m = table.model()
    assert m.rowCount() == 200
    assert m.headerData(199, Qt.Orientation.Vertical) == "事業200"
    assert [m.headerData(c, Qt.Orientation.Horizontal) for c in range(m.columnCount())] == [
        "事業名", "担当課", "評価", "現状値"]
    enter_cell(table, m.index(1, 0), "コミュニティ設立支援", qtbot)
    enter_cell(table, m.index(1, 3), "3地区", qtbot)
    assert editor.session.sheet.values["items.1.projects.2.name"] == "コミュニティ設立支援"
    assert editor.session.sheet.values["items.1.projects.2.now"] == "3地区"
    # remove the second row, then undo: its words come back
    table.setCurrentIndex(m.index(1, 0))
    qtbot.mouseClick(_button(w, "項目1 事業 削除"), Qt.MouseButton.LeftButton)
    assert m.rowCount() == 199
    assert m.index(1, 0).data() == "自治会活動支援"
    w.undo_action.trigger()
    assert m.rowCount() == 200
    assert m.index(1, 0).data() == "コミュニティ設立支援"
    # at the form's max of 200 the add button gives way
    assert not _button(w, "項目1 事業 事業を追加").isEnabled()
    # move row 2 to the top
    table.setCurrentIndex(m.index(1, 0))
    qtbot.mouseClick(_button(w, "項目1 事業 ↑"), Qt.MouseButton.LeftButton)
    assert m.headerData(0, Qt.Orientation.Vertical) == "事業2"
    assert m.index(0, 0).data() == "コミュニティ設立支援"
    editor.bridge.flush()
    assert _stored(editor, cstore, sheet_id)["items.1.projects"][:3] == ("2", "1", "3")


def test_the_new_sheet_dialog_asks_for_the_family_in_its_own_words(qtbot, forms_registry) -> None:
    from sheetdesk.ui.new_sheet_dialog import NewSheetDialog

    dialog = NewSheetDialog(forms_registry.all(), [], PLAN, 2023)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    # the standard form unless another is picked
    assert dialog.form_combo.currentText().startswith("施策マネジメントシート")
    assert {find(dialog, w).isVisible() for w in ("施策番号", "基本施策名", "政策名", "施策統括課")} == {True}
    dialog.form_combo.setCurrentIndex(dialog.form_combo.findData("jimu-jigyo"))
    names = [w.accessibleName() for w in dialog.findChildren(QLineEdit) if w.isVisible()]
    assert names[:3] == ["事業番号", "事務事業名", "担当課"]
    assert not any(w.isVisible() for w in dialog.findChildren(QLineEdit) if w.accessibleName() == "政策名")
    assert dialog.problem() == "事業番号と事務事業名を入力してください"
    qtbot.keyClicks(find(dialog, "事業番号"), "3-2")
    ime_type(find(dialog, "事務事業名"), "自治会活動支援")
    ime_type(find(dialog, "担当課"), "市民協働推進課")
    assert dialog.problem() is None
    sheet = dialog.sheet()
    assert sheet.form_id == "jimu-jigyo"
    assert sheet.values["header.name"] == "自治会活動支援"
    assert sheet.values["header.section"] == "市民協働推進課"
    assert sheet.values["activity.indicators"] == ("1",)  # the one 活動指標 row the form asks for


def test_the_browser_names_mixed_families_in_both_words(qtbot, cstore, forms_registry) -> None:
    from sheetdesk.ui.browser import SheetBrowser

    standard = forms_registry.latest("shisaku-management")
    jimu = forms_registry.latest("jimu-jigyo")
    cstore.add(new_sheet(standard, PLAN, 2023, {"code": "1-1", "name": "地域コミュニティ・課題解決型コミュニティ活動の促進",
                                                "policy": "地域・安全", "section": "市民協働推進課"}))
    browser = SheetBrowser(cstore, forms_registry)
    qtbot.addWidget(browser)
    headers = browser.model.headers
    assert headers == ["評価年度", "政策名", "施策番号", "基本施策名", "施策統括課", "状態", "最終更新"]
    cstore.add(new_sheet(jimu, PLAN, 2023, {"code": "3-2", "name": "自治会活動支援", "section": "市民協働推進課"}))
    browser.reload()
    headers = browser.model.headers
    assert headers[:6] == ["評価年度", "様式", "政策名", "施策番号／事業番号", "基本施策名／事務事業名", "施策統括課／担当課"]
    rows = {browser.model.index(r, 1).data() for r in range(browser.model.rowCount())}
    assert rows == {"施策マネジメントシート", "事務事業評価シート"}
    assert browser.section_caption.text() == "施策統括課／担当課"
