"""A series window of a baseline before the plan and the plan's years so far ((H30) (R2) (R3) (R4)).

The form is written by hand for this test; its words are not the code's.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from sheetdesk.app.rollover import roll_over
from sheetdesk.forms import FormError
from sheetdesk.forms.loader import load_form_file
from sheetdesk.model import Plan, Sheet

FORM = """\
id: window-check
version: 1
title: 指標の推移
identity: {code: head.code, name: head.name}
sections:
  - key: head
    label: 指標
    items:
      - {kind: field, key: head.code, label: 番号, value: {type: text, multiline: false}}
      - {kind: field, key: head.name, label: 名称, value: {type: text, multiline: false}}
      - {kind: series, key: trend, label: 推移, window: WINDOW}
"""


def form_with(tmp_path: Path, window: str):
    path = tmp_path / "window-check.yaml"
    path.write_text(FORM.replace("WINDOW", window), encoding="utf-8")
    return load_form_file(path)


def headings(form, sheet: Sheet) -> list[str]:
    return [s.short_label for p, s in form.fields(sheet.context).items() if p.startswith("trend.")]


PLAN = Plan("狛江市", "前期基本計画", 2020, 2024)


def test_a_baseline_before_the_plan_then_the_plans_years_up_to_n(tmp_path: Path) -> None:
    form = form_with(tmp_path, "{before_plan: [2], plan: true, to: 0}")
    sheet = Sheet(form.id, form.version, PLAN, 2023)
    assert headings(form, sheet) == ["H30年度", "R2年度", "R3年度", "R4年度", "R5年度"]
    # a plan's future years are left out; without `to` they are all there
    unbounded = form_with(tmp_path, "{before_plan: [2], plan: true}")
    assert headings(unbounded, sheet)[-1] == "R6年度"


def test_the_baseline_stays_when_the_sheet_rolls_over(tmp_path: Path) -> None:
    form = form_with(tmp_path, "{before_plan: [2], plan: true, to: 0}")
    sheet = Sheet(form.id, form.version, PLAN, 2023)
    sheet.values.update({"head.code": "1", "head.name": "推移", "trend.2018": Decimal(306), "trend.2022": Decimal(138)})
    new = roll_over(form, sheet)
    assert headings(form, new) == ["H30年度", "R2年度", "R3年度", "R4年度", "R5年度", "R6年度"]
    assert new.values["trend.2018"] == 306 and new.values["trend.2022"] == 138
    # a window relative to N would have lost the baseline
    relative = form_with(tmp_path, "{from: -5, to: 0}")
    assert "trend.2018" not in roll_over(relative, Sheet(relative.id, 1, PLAN, 2023, dict(sheet.values))).values


def test_before_plan_also_goes_before_listed_or_relative_years(tmp_path: Path) -> None:
    sheet = Sheet("window-check", 1, PLAN, 2023)
    assert headings(form_with(tmp_path, "{before_plan: [2, 1], from: -1, to: 0}"), sheet) == [
        "H30年度", "R1年度", "R4年度", "R5年度"]
    assert headings(form_with(tmp_path, "{before_plan: [2], years: [2018, 2021]}"), sheet) == ["H30年度", "R3年度"]


@pytest.mark.parametrize(("window", "why"), [
    ("{plan: true, from: -2, to: 0}", "only to"),
    ("{before_plan: [2]}", "a window is one of"),
    ("{before_plan: [0], plan: true}", "counts years back"),
    ("{from: -2}", "both from and to"),
])
def test_a_window_that_says_two_things_is_refused(tmp_path: Path, window: str, why: str) -> None:
    with pytest.raises(FormError, match=why):
        form_with(tmp_path, window)
