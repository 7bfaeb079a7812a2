"""Rows a user adds, removes and moves: each one step of the session, undone and redone whole.

The form is written by hand for this test (a city's 行動計画評価表 shape:
プロセス → 事業); the texts are seed 003's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sheetdesk.app.editing import EditRefused, SheetSession, new_sheet
from sheetdesk.forms import FormRegistry
from sheetdesk.model import Plan
from sheetdesk.store import SheetStore

FORM = """\
id: kodo-keikaku
version: 1
title: 協働推進行動計画 評価表
identity: {code: head.code, name: head.name}
sections:
  - key: head
    label: 評価表
    items:
      - {kind: field, key: head.code, label: 番号, value: {type: text, multiline: false}}
      - {kind: field, key: head.name, label: 名称, value: {type: text, multiline: false}}
  - key: plan
    label: 取組
    items:
      - kind: repeat
        key: processes
        label: プロセス
        rows: {min: 1, max: 3, label: "プロセス{n}"}
        items:
          - {kind: field, key: name, label: プロセス名, value: {type: text, multiline: false}}
          - kind: repeat
            key: projects
            label: 事業
            rows: {min: 1, max: 200, label: "事業{n}"}
            items:
              - {kind: field, key: name, label: 事業名, value: {type: text, multiline: false}}
              - {kind: field, key: section, label: 担当課, value: {type: text, multiline: false}}
"""


@pytest.fixture
def session(tmp_path: Path):
    forms = tmp_path / "forms"
    forms.mkdir()
    (forms / "kodo-keikaku.yaml").write_text(FORM, encoding="utf-8")
    registry = FormRegistry(forms)
    form = registry.latest("kodo-keikaku")
    store = SheetStore.open(tmp_path / "s.sqlite3", registry=registry)
    sheet = store.add(new_sheet(form, Plan("那須塩原市", "行動計画", 2020, 2027), 2023,
                                {"code": "3", "name": "夢を描く（集う）"}))
    yield SheetSession(store, form, sheet)
    store.close()


def test_a_new_sheet_starts_with_the_fewest_rows_its_form_allows(session: SheetSession) -> None:
    assert session.row_keys("processes") == ("1",)
    assert session.row_keys("processes.1.projects") == ("1",)


def test_adding_a_row_is_one_undoable_step_that_reaches_the_store(session: SheetSession) -> None:
    key = session.add_row("processes")
    assert key == "2"
    # the new プロセス brings its own first 事業 row
    assert session.row_keys("processes.2.projects") == ("1",)
    session.edit("processes.2.projects.1.name", "自治会活動支援")
    stored = session.store.load(session.sheet_id)
    assert stored.values["processes"] == ("1", "2")
    assert stored.values["processes.2.projects.1.name"] == "自治会活動支援"
    assert session.undo()  # the typing
    assert session.undo()  # the row, with the rows inside it
    assert session.row_keys("processes") == ("1",)
    assert "processes.2.projects" not in session.sheet.values
    assert session.store.load(session.sheet_id).values["processes"] == ("1",)
    assert session.redo()
    assert session.row_keys("processes") == ("1", "2")
    assert session.row_keys("processes.2.projects") == ("1",)


def test_removing_a_row_takes_its_values_and_undo_brings_them_back(session: SheetSession) -> None:
    for name in ("各種助成制度の情報提供", "コミュニティ設立支援"):
        key = session.add_row("processes.1.projects")
        session.edit(f"processes.1.projects.{key}.name", name)
    session.edit("processes.1.projects.2.section", "市民協働推進課")
    session.remove_row("processes.1.projects", "2")
    assert session.row_keys("processes.1.projects") == ("1", "3")
    assert "processes.1.projects.2.name" not in session.store.load(session.sheet_id).values
    session.undo()
    stored = session.store.load(session.sheet_id)
    assert stored.values["processes.1.projects"] == ("1", "2", "3")
    assert stored.values["processes.1.projects.2.name"] == "各種助成制度の情報提供"
    assert stored.values["processes.1.projects.2.section"] == "市民協働推進課"


def test_moving_a_row_changes_only_the_order(session: SheetSession) -> None:
    session.add_row("processes.1.projects")
    session.edit("processes.1.projects.2.name", "コミュニティ設立支援")
    assert session.move_row("processes.1.projects", "2", -1)
    assert session.row_keys("processes.1.projects") == ("2", "1")
    assert session.sheet.values["processes.1.projects.2.name"] == "コミュニティ設立支援"
    assert not session.move_row("processes.1.projects", "2", -1)  # already first
    session.undo()
    assert session.row_keys("processes.1.projects") == ("1", "2")


def test_min_and_max_are_refused_in_japanese(session: SheetSession) -> None:
    with pytest.raises(EditRefused, match="プロセスは1行以上必要です"):
        session.remove_row("processes", "1")
    session.add_row("processes")
    session.add_row("processes")
    with pytest.raises(EditRefused, match="プロセスは3行までです"):
        session.add_row("processes")
    assert session.row_keys("processes") == ("1", "2", "3")
    with pytest.raises(EditRefused, match="行を追加できる項目ではありません"):
        session.add_row("head.name")
