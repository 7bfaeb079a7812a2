"""Repeats nested in repeats (プロセス → 項目 → 事業): paths and labels of rows not yet added.

The form is written by hand for this test; its words are not the code's.
"""

from __future__ import annotations

from pathlib import Path

from sheetdesk.forms.loader import load_form_file
from sheetdesk.model import Plan, Sheet

NESTED = """\
id: nested-plan
version: 1
title: 行動計画評価表
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
        rows: {min: 1, label: "プロセス{n}"}
        items:
          - {kind: field, key: name, label: プロセス名, value: {type: text, multiline: false}}
          - kind: repeat
            key: items
            label: 項目
            rows: {min: 1, label: "項目{n}"}
            items:
              - {kind: field, key: name, label: 項目名, value: {type: text, multiline: false}}
              - kind: repeat
                key: projects
                label: 事業
                rows: {min: 0, max: 200, label: "事業{n}"}
                items:
                  - {kind: field, key: name, label: 事業名, value: {type: text, multiline: false}}
"""


def test_a_row_three_levels_deep_is_named_by_each_of_its_rows(tmp_path: Path) -> None:
    path = tmp_path / "nested-plan.yaml"
    path.write_text(NESTED, encoding="utf-8")
    form = load_form_file(path)
    sheet = Sheet(form.id, form.version, Plan("市", "計画", 2020, 2027), 2023)
    sheet.values.update({"processes": ("1",), "processes.1.items": ("1",), "processes.1.items.1.projects": ("1",)})
    specs = form.fields(sheet.context, sheet.values)
    listed = specs["processes.1.items.1.projects.1.name"]
    assert "プロセス1" in listed.label and "項目1" in listed.label and "事業1" in listed.label
    # rows nobody has added yet still answer, each level with its own number
    deep = specs.get("processes.2.items.3.projects.7.name")
    assert deep is not None
    assert deep.label.index("プロセス2") < deep.label.index("項目3") < deep.label.index("事業7")
    assert specs.get("processes.2.items.3.projects.7.nothing") is None
