"""前年度から作成: texts a form calls settled come along without asking for review.

The form is written by hand for this test (a plan's 方針 quoted per row, and
this year's 現状 beside it); its words are not the code's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sheetdesk.app.rollover import roll_over, unchanged_texts
from sheetdesk.forms import FormError
from sheetdesk.forms.loader import load_form_file
from sheetdesk.model import Plan, Sheet

FORM = """\
id: settled-check
version: 1
title: 現状の確認
identity: {code: head.code, name: head.name}
rollover:
  settled: SETTLED
sections:
  - key: head
    label: 施策
    items:
      - {kind: field, key: head.code, label: 番号, value: {type: text, multiline: false}}
      - {kind: field, key: head.name, label: 名称, value: {type: text, multiline: false}}
      - {kind: field, key: head.aim, label: 目指す姿, value: {type: text}}
  - key: rows
    label: 方針
    items:
      - kind: repeat
        key: lines
        label: 方針
        rows: {min: 1, label: "方針{n}"}
        items:
          - {kind: field, key: quote, label: 計画の記載, value: {type: text}}
          - {kind: field, key: now, label: 現状, value: {type: text}}
"""


def form_with(tmp_path: Path, settled: str):
    path = tmp_path / "settled-check.yaml"
    path.write_text(FORM.replace("SETTLED", settled), encoding="utf-8")
    return load_form_file(path)


def a_sheet(form) -> Sheet:
    sheet = Sheet(form.id, form.version, Plan("市", "基本計画", 2020, 2027), 2023)
    sheet.values.update({
        "head.code": "2-1", "head.name": "見守り", "head.aim": "誰もが安心して暮らしています。",
        "lines": ("1", "2"),
        "lines.1.quote": "地域で見守ります。", "lines.1.now": "見守り員は12人です。",
        "lines.2.quote": "相談を受けます。", "lines.2.now": "窓口を開きました。",
    })
    return sheet


def test_settled_texts_are_carried_over_and_not_listed_for_review(tmp_path: Path) -> None:
    form = form_with(tmp_path, "[head.aim, 'lines.*.quote']")
    old = a_sheet(form)
    new = roll_over(form, old)
    assert new.values == old.values
    # head.code and head.name are the form's identity: settled by nature, whatever the form lists
    assert unchanged_texts(new, form) == ["lines.1.now", "lines.2.now"]


def test_without_settled_every_text_is_listed(tmp_path: Path) -> None:
    form = form_with(tmp_path, "[]")
    new = roll_over(form, a_sheet(form))
    assert "lines.2.quote" in unchanged_texts(new, form) and "head.aim" in unchanged_texts(new, form)


def test_a_settled_pattern_that_names_no_field_is_refused(tmp_path: Path) -> None:
    with pytest.raises(FormError, match=r"rollover\.settled\[1\] \(lines\.\*\.quotes\) names no field"):
        form_with(tmp_path, "[head.aim, 'lines.*.quotes']")
