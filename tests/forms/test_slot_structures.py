"""The composable parts the standard sheet needed, in a form written by hand for this test.

A 事業評価 sheet of its own words: 評価 A–E with a suggested grade, 区分 rows
with their own units and windows (実績 up to N, 見込 after N), and 指標 in
fixed slots (①/②) inside fixed groups (分野 1–2), named in one section and
numbered in another at the same paths.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sheetdesk.forms import FormError
from sheetdesk.forms.fields import FieldKind, PlanContext
from sheetdesk.forms.loader import load_form_file

FORM = """\
id: slot-check
version: 1
title: 事業評価
identity: {code: head.code, name: head.name}
rules:
  compute:
    - {kind: achievement, at: 'goal.*.*', when: name, direction_field: direction,
       actual: 'result.{N}', target: 'plan.{N}'}
    - {kind: grade_share, into: head.grade.suggested, of: 'goal.*.*.achievement',
       steps: [{min_share: 1.0, grade: A}, {min_share: 0.0, grade: E}]}
sections:
  - key: head
    label: 概要
    items:
      - {kind: field, key: head.code, label: 番号, value: {type: text, multiline: false}}
      - {kind: field, key: head.name, label: 事業名, value: {type: text, multiline: false}}
      - {kind: field, key: head.now, label: "{N}年度の状況", group_label: （2）実施状況, value: {type: text}}
      - kind: field
        key: head.grade
        label: 総合評価
        value:
          type: grade
          suggested: （目安）
          legend: true
          options: [{code: A, wording: 良い}, {code: B, wording: やや良い}, {code: C, wording: 普通},
                    {code: D, wording: やや悪い}, {code: E, wording: 悪い}]
      - kind: record
        key: goal
        label: 目標
        heading: （3）目標の名前（数字は次の欄）
        items:
          - kind: repeat
            key: ''
            label: 分野
            keys: [{key: "1", label: "1"}, {key: "2", label: "2"}]
            items:
              - kind: repeat
                key: ''
                separator: ' '
                keys: [{key: x, label: ①}, {key: y, label: ②}]
                items:
                  - {kind: field, key: name, label: 名前, value: {type: text, multiline: false}}
                  - {kind: field, key: direction, label: 向き, printed: false, value: {type: direction}}
  - key: nums
    label: 数値
    items:
      - kind: series
        key: money
        label: 事業費
        window: {plan: true}
        short_label: row
        rows:
          - {key: spent, label: 支出, unit: 千円, group: 内訳}
          - {key: staff, label: 職員, unit: 人}
          - {key: forecast, label: 見込, unit: 千円, window: {plan: true, after: 0}}
      - kind: record
        key: goal
        label: 目標
        items:
          - kind: repeat
            key: ''
            label: 分野
            keys: [{key: "1", label: "1"}, {key: "2", label: "2"}]
            items:
              - kind: repeat
                key: ''
                separator: ' '
                keys: [{key: x, label: ①}, {key: y, label: ②}]
                title_field: name
                items:
                  - kind: series
                    key: ''
                    window: {plan: true}
                    unit_field: unit
                    short_label: row
                    rows:
                      - {key: plan, label: 計画}
                      - {key: result, label: 結果, window: {plan: true, to: 0}}
                  - {kind: field, key: achievement, label: 達成, value: {type: judgement, of: achievement}}
"""

CTX = PlanContext("市", "計画", 2022, 2025, 2023)


def load(tmp_path: Path, text: str = FORM):
    path = tmp_path / "slot-check.yaml"
    path.write_text(text, encoding="utf-8")
    return load_form_file(path)


def test_slots_in_groups_are_named_in_one_section_and_numbered_in_another(tmp_path: Path) -> None:
    specs = load(tmp_path).fields(CTX)
    name = specs["goal.2.y.name"]
    assert (name.label, name.short_label, name.section) == ("目標 分野2 ② 名前", "名前", "head")
    assert specs["goal.1.x.direction"].kind is FieldKind.DIRECTION and not specs["goal.1.x.direction"].printed
    result = specs["goal.2.y.result.2023"]
    assert (result.label, result.short_label, result.section, result.year) == ("目標 分野2 ② 結果", "結果", "nums", 2023)
    assert "goal.2.y.result.2024" not in specs  # 結果 up to N only
    assert [p for p in specs if p.startswith("goal.1.x.plan.")] == [f"goal.1.x.plan.{y}" for y in range(2022, 2026)]
    assert specs["goal.1.y.achievement"].computed


def test_rows_have_their_own_units_and_windows(tmp_path: Path) -> None:
    specs = load(tmp_path).fields(CTX)
    assert specs["money.staff.2022"].unit == "人" and specs["money.spent.2022"].unit == "千円"
    assert specs["money.spent.2022"].short_label == "支出"
    assert [p for p in specs if p.startswith("money.forecast.")] == ["money.forecast.2024", "money.forecast.2025"]


def test_a_grade_with_its_suggestion_and_a_field_of_a_group(tmp_path: Path) -> None:
    form = load(tmp_path)
    specs = form.fields(CTX)
    grade = specs["head.grade"]
    assert grade.kind is FieldKind.GRADE and [c for c, _ in grade.options] == ["A", "B", "C", "D", "E"]
    suggested = specs["head.grade.suggested"]
    assert (suggested.kind, suggested.label, suggested.computed) == (FieldKind.GRADE_SUGGESTION, "総合評価（目安）", True)
    now = specs["head.now"]
    assert (now.label, now.short_label) == ("（2）実施状況 5年度の状況", "5年度の状況")
    assert form.item("goal.name") is not None and form.item("money.staff").label == "職員"  # type: ignore[union-attr]


@pytest.mark.parametrize(("change", "why"), [
    # the same field twice, in a structure continued in another section
    (("- {kind: field, key: achievement, label: 達成,", "- {kind: field, key: name, label: 名前2, value: {type: text}}\n"
      "                  - {kind: field, key: achievement, label: 達成,"), "goal.1.x.name' is defined twice"),
    (("{code: E, wording: 悪い}", "{code: F, wording: 悪い}"), "suggests 'E', not an option of 'head.grade.suggested'"),
    (("window: {plan: true, after: 0}", "window: {after: 0, from: 1, to: 2}"), "needs plan: true"),
    (("            key: ''\n            label: 分野\n            keys: [{key: \"1\", label: \"1\"}, {key: \"2\", label: \"2\"}]\n"
      "            items:\n              - kind: repeat\n                key: ''\n                separator: ' '\n"
      "                keys: [{key: x, label: ①}, {key: y, label: ②}]\n                items:\n"
      "                  - {kind: field, key: name",
      "            key: ''\n            label: 分野\n            rows: {min: 1}\n"
      "            items:\n              - kind: repeat\n                key: ''\n                separator: ' '\n"
      "                keys: [{key: x, label: ①}, {key: y, label: ②}]\n                items:\n"
      "                  - {kind: field, key: name"), "needs a key"),
    (("- {kind: field, key: head.code, label: 番号, value: {type: text, multiline: false}}",
      "- {kind: text, key: head.code, label: 番号}"), "tag 'text'"),  # the first round's item kinds are gone
])
def test_a_form_that_says_a_wrong_thing_is_refused(tmp_path: Path, change: tuple[str, str], why: str) -> None:
    old, new = change
    assert FORM.count(old) >= 1, old
    with pytest.raises(FormError, match=why):
        load(tmp_path, FORM.replace(old, new, 1))
