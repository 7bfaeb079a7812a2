"""The check list for a form the code has never seen: required fields in rows, row counts, ranges, overrides.

The form is written here by hand (a 事務事業評価シート of a city's own); the
texts are seed 003's.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from sheetdesk.app.editing import new_sheet
from sheetdesk.app.validation import validate
from sheetdesk.forms.loader import load_form_file
from sheetdesk.glossary import Achievement
from sheetdesk.model import Plan

FORM = """\
id: hojokin-hyoka
version: 1
title: 補助金等評価シート
identity: {code: head.code, name: head.name}
rules:
  compute:
    - {kind: achievement, at: "grants.*", when: name, actual: actual, target: target, direction: higher}
sections:
  - key: head
    label: 補助金等評価シート
    items:
      - {kind: field, key: head.code, label: 補助金番号, required: true, value: {type: text, multiline: false}}
      - {kind: field, key: head.name, label: 補助金名, required: true, value: {type: text, multiline: false}}
  - key: grants
    label: 交付先
    items:
      - kind: repeat
        key: grants
        label: 交付先
        rows: {min: 2, max: 3, label: "交付先{n}"}
        items:
          - {kind: field, key: name, label: 団体名, required: true, value: {type: text, multiline: false}}
          - {kind: field, key: members, label: 会員数, value: {type: number, unit: 人, min: 1}}
          - {kind: field, key: rate, label: 補助率, value: {type: number, unit: "％"}}
          - {kind: field, key: actual, label: 実績, value: {type: number, max: 1000}}
          - {kind: field, key: target, label: 目標, value: {type: number}}
          - {kind: field, key: achievement, label: 達成状況, value: {type: judgement, of: achievement}}
"""


@pytest.fixture
def form(tmp_path: Path):
    path = tmp_path / "hojokin-hyoka.yaml"
    path.write_text(FORM, encoding="utf-8")
    return load_form_file(path)


def _messages(form, sheet) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for issue in validate(form, sheet):
        out.setdefault(issue.path, []).append(issue.message)
    return out


def test_rows_a_user_added_are_checked_like_any_field(form) -> None:
    sheet = new_sheet(form, Plan("那須塩原市", "行動計画", 2020, 2027), 2023, {"code": "5", "name": "自治会活動支援"})
    assert sheet.values["grants"] == ("1", "2")  # the two rows the form asks for
    sheet.values["grants.1.name"] = "市コミュニティ連絡協議会"
    messages = _messages(form, sheet)
    assert "grants.1.name" not in messages
    assert messages["grants.2.name"] == ["必須項目が入力されていません"]
    # the label names the row, so a person finds it
    issue = next(i for i in validate(form, sheet) if i.path == "grants.2.name")
    assert issue.label == "交付先2 団体名"


def test_too_few_rows_and_values_out_of_their_range(form) -> None:
    sheet = new_sheet(form, Plan("那須塩原市", "行動計画", 2020, 2027), 2023, {"code": "5", "name": "自治会活動支援"})
    sheet.values["grants"] = ("1",)
    sheet.values.update({"grants.1.name": "市コミュニティ連絡協議会", "grants.1.members": Decimal("0"),
                         "grants.1.rate": Decimal("185.19"), "grants.1.actual": Decimal("1200")})
    messages = _messages(form, sheet)
    assert messages["grants"] == ["交付先が2行以上必要です（現在1行）"]
    assert messages["grants.1.members"] == ["1以上の値を入力してください（0）"]
    assert messages["grants.1.rate"] == ["割合（％）が0～100の範囲外です（185.19）"]
    assert messages["grants.1.actual"] == ["1000以下の値を入力してください（1200）"]


def test_an_override_that_disagrees_with_the_numbers_is_flagged(form) -> None:
    sheet = new_sheet(form, Plan("那須塩原市", "行動計画", 2020, 2027), 2023, {"code": "5", "name": "自治会活動支援"})
    sheet.values.update({"grants.1.name": "市コミュニティ連絡協議会", "grants.2.name": "自治会長連絡協議会",
                         "grants.1.actual": Decimal("93.75"), "grants.1.target": Decimal("100")})
    sheet.overrides["grants.1.achievement"] = Achievement.ACHIEVED
    messages = _messages(form, sheet)
    assert messages["grants.1.achievement"] == ["上書きした値「達成」が数値からの計算値「未達成」と異なります"]
