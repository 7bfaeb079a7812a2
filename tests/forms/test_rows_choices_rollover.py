"""Three general abilities a form file may use (added for family B, not for it alone).

- a check-box group printed as the sheet prints it: 「①②⑤」 with ``separator: ""``,
  and read back from such a run, or from one broken over two lines;
- a named point's label says which point it is (基準値 / 現状値), so two cells of
  one row never share a label;
- ``rollover.clear`` with ``*`` for any row: clears the field in every row a user
  added, at any depth, and leaves the row's other fields; a pattern that names
  no field of the form is refused when the form is loaded.

The form is written by hand for this test; its words are its own.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sheetdesk.app.rollover import roll_over
from sheetdesk.forms import FormError, load_form_file
from sheetdesk.model import Plan, Sheet
from sheetdesk.model.kinds import handler

FORM = """\
id: partner-table
version: 1
title: 連携事業一覧
identity: {code: head.code, name: head.name}
sections:
  - key: head
    label: 連携事業一覧
    items:
      - {kind: field, key: head.code, label: 番号, value: {type: text, multiline: false}}
      - {kind: field, key: head.name, label: 名称, value: {type: text, multiline: false}}
  - key: body
    label: 事業
    items:
      - kind: repeat
        key: groups
        label: 分野
        rows: {min: 1, label: "分野{n}"}
        items:
          - kind: repeat
            key: works
            label: 事業
            rows: {min: 1, label: "事業{n}"}
            items:
              - {kind: field, key: name, label: 事業名, value: {type: text, multiline: false}}
              - kind: field
                key: with
                label: 連携先
                value:
                  type: choice
                  multiple: true
                  separator: ""
                  options: [{code: a, wording: ①}, {code: b, wording: ②}, {code: c, wording: ③}, {code: d, wording: ④}]
              - kind: field
                key: also
                label: 関係先
                value:
                  type: choice
                  multiple: true
                  options: [{code: x, wording: 県}, {code: y, wording: 国}]
              - {kind: field, key: grade, label: 評定, value: {type: choice, options: [{code: "1", wording: 良}, {code: "2", wording: 可}]}}
              - kind: series
                key: count
                label: 件数
                value: {type: measure}
                points:
                  - {key: base, label: 当初, year: 2021}
                  - {key: now, label: "今回（R{N})", year: N}
rollover:
  clear: [groups.*.works.*.grade, groups.*.works.*.count.now]
"""


@pytest.fixture
def form(tmp_path: Path):
    path = tmp_path / "partner-table.yaml"
    path.write_text(FORM, encoding="utf-8")
    return load_form_file(path)


def a_sheet(form) -> Sheet:
    sheet = Sheet(form.id, form.version, Plan("某市", "連携計画", 2022, 2027), 2023)
    w = "groups.1.works"
    v = "groups.2.works"
    sheet.values.update({
        "head.code": "1", "head.name": "連携事業一覧",
        "groups": ("1", "2"), w: ("1", "2"), v: ("1",),
        f"{w}.1.name": "広報", f"{w}.1.with": ("a", "b", "d"), f"{w}.1.also": ("x", "y"), f"{w}.1.grade": "1",
        f"{w}.1.count.base": "17件", f"{w}.1.count.now": "45件",
        f"{w}.2.name": "講座", f"{w}.2.grade": "2", f"{w}.2.count.now": "実施",
        f"{v}.1.name": "相談", f"{v}.1.grade": "1", f"{v}.1.count.base": "-", f"{v}.1.count.now": "30％",
    })
    return sheet


def test_a_check_box_group_shows_as_the_sheet_prints_it(form) -> None:
    sheet = a_sheet(form)
    specs = form.fields(sheet.context, sheet.values)
    run, listed = specs["groups.1.works.1.with"], specs["groups.1.works.1.also"]
    assert handler(run).show(run, sheet.values["groups.1.works.1.with"]) == "①②④"
    assert handler(listed).show(listed, ("x", "y")) == "県、国"  # the default separator is unchanged


def test_a_run_of_options_is_read_back_even_over_two_lines(form) -> None:
    spec = form.fields(a_sheet(form).context).get("groups.5.works.9.with")
    assert spec is not None
    parse = handler(spec).parse
    assert parse(spec, "①②④") == ("a", "b", "d")
    assert parse(spec, "④②\n③") == ("b", "c", "d")  # in the options' order, as a PDF extractor breaks it
    assert parse(spec, "① ③") == ("a", "c")
    with pytest.raises(ValueError, match="「①⑤」は選択肢にありません"):
        parse(spec, "①⑤")


def test_named_points_of_one_row_have_labels_of_their_own(form) -> None:
    specs = form.fields(a_sheet(form).context)
    base, now = specs["groups.1.works.2.count.base"], specs["groups.1.works.2.count.now"]
    assert base.label == "分野1 事業2 件数 当初"
    assert now.label == "分野1 事業2 件数 今回（R5)"


def test_rollover_clears_a_field_in_every_row_and_keeps_the_rest(form) -> None:
    old = a_sheet(form)
    new = roll_over(form, old)
    assert new.evaluation_year == 2024
    for row in ("groups.1.works.1", "groups.1.works.2", "groups.2.works.1"):
        assert f"{row}.grade" not in new.values
        assert f"{row}.count.now" not in new.values
        assert new.values[f"{row}.name"] == old.values[f"{row}.name"]
    assert new.values["groups.1.works.1.count.base"] == "17件"
    assert new.values["groups.1.works.1.with"] == ("a", "b", "d")
    assert new.values["groups.1.works"] == ("1", "2")
    now = form.fields(new.context, new.values)["groups.2.works.1.count.now"]
    assert now.short_label == "今回（R6)"


def test_a_clear_pattern_that_names_no_field_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "city.yaml"
    path.write_text(FORM.replace("groups.*.works.*.grade,", "groups.*.works.*.grades,"), encoding="utf-8")
    with pytest.raises(FormError) as info:
        load_form_file(path)
    assert "city.yaml" in str(info.value)
    assert "rollover.clear[0] (groups.*.works.*.grades) names no field of this form" in str(info.value)
