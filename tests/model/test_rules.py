"""Totals and judgements computed as the planning office would compute them by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sheetdesk.glossary import Achievement, Comparison, Direction, Mark
from sheetdesk.model import Plan, Sheet, compute, effective_values, format_cell, parse_cell
from sheetdesk.model.values import CellError

D = Decimal


def make_sheet(**values) -> Sheet:
    s = Sheet("shisaku-management", 1, Plan("国立市", "第２次基本計画", 2020, 2027), 2023)
    s.values.update(values)
    return s


def test_project_total_sums_the_funding_rows_and_total_cost_adds_personnel(standard_form) -> None:
    sheet = make_sheet(**{
        "cost.national.2023": D("4705"), "cost.prefectural.2023": D("13083"),
        "cost.other.2023": D("6607"), "cost.general.2023": D("120669"),
        "cost.personnel.2023": D("24922"),
    })
    c = compute(standard_form, sheet)
    assert c["cost.project_total.2023"].computed == D("145064")
    assert c["cost.total.2023"].computed == D("169986")
    assert c["cost.project_total.2025"].computed is None  # a future year stays empty, not 0


def test_marks_are_never_summed_as_zero(standard_form) -> None:
    sheet = make_sheet(**{"cost.national.2022": Mark.NOT_COUNTED})
    assert compute(standard_form, sheet)["cost.project_total.2022"].computed is Mark.NOT_COUNTED


def test_override_is_kept_beside_the_computed_value_and_feeds_later_sums(standard_form) -> None:
    sheet = make_sheet(**{"cost.national.2023": D("100"), "cost.personnel.2023": D("5")})
    sheet.overrides["cost.project_total.2023"] = D("120")
    c = compute(standard_form, sheet)
    assert c["cost.project_total.2023"].computed == D("100")
    assert c["cost.project_total.2023"].effective == D("120")
    assert c["cost.project_total.2023"].overridden
    assert c["cost.total.2023"].computed == D("125")


@pytest.mark.parametrize(
    ("direction", "actual", "target", "expected"),
    [
        (Direction.HIGHER_IS_BETTER, "23.3", "34.0", Achievement.NOT_ACHIEVED),
        (Direction.HIGHER_IS_BETTER, "34.0", "34.0", Achievement.ACHIEVED),
        (Direction.LOWER_IS_BETTER, "3.9", "4.0", Achievement.ACHIEVED),
        (Direction.LOWER_IS_BETTER, "4.6", "4.0", Achievement.NOT_ACHIEVED),
    ],
)
def test_achievement_follows_the_indicator_direction(standard_form, direction, actual, target, expected) -> None:
    sheet = make_sheet(**{
        "outcome.1.a.name": "指標", "outcome.1.a.direction": direction,
        "outcome.1.a.actual.2023": D(actual), "outcome.1.a.target.2023": D(target),
    })
    assert compute(standard_form, sheet)["outcome.1.a.achievement"].computed is expected


@pytest.mark.parametrize(
    ("direction", "previous", "current", "expected"),
    [
        (Direction.HIGHER_IS_BETTER, "100", "102", Comparison.UNCHANGED),  # +2 % is within ±3 %
        (Direction.HIGHER_IS_BETTER, "100", "104", Comparison.IMPROVED),
        (Direction.HIGHER_IS_BETTER, "24.0", "23.3", Comparison.UNCHANGED),  # -2.9 %
        (Direction.HIGHER_IS_BETTER, "26.0", "24.0", Comparison.DECLINED),
        (Direction.LOWER_IS_BETTER, "4.6", "3.9", Comparison.IMPROVED),
        (Direction.LOWER_IS_BETTER, "0", "1", Comparison.DECLINED),
    ],
)
def test_year_on_year_comparison_with_tolerance_band(standard_form, direction, previous, current, expected) -> None:
    sheet = make_sheet(**{
        "outcome.1.a.name": "指標", "outcome.1.a.direction": direction,
        "outcome.1.a.actual.2022": D(previous), "outcome.1.a.actual.2023": D(current),
    })
    assert compute(standard_form, sheet)["outcome.1.a.comparison"].computed is expected


def test_not_counted_actual_gives_no_judgement(standard_form) -> None:
    sheet = make_sheet(**{
        "outcome.1.a.name": "指標", "outcome.1.a.actual.2023": Mark.NOT_COUNTED,
        "outcome.1.a.target.2023": D("5"), "outcome.1.a.actual.2022": D("4"),
    })
    c = compute(standard_form, sheet)
    assert c["outcome.1.a.achievement"].computed is None
    assert c["outcome.1.a.comparison"].computed is None


def test_suggested_grade_from_share_of_achieved(standard_form) -> None:
    values = {}
    for i, (act, tgt) in enumerate([("1", "2"), ("1", "2"), ("1", "2"), ("3", "2")]):
        p = f"outcome.{i + 1}.a"
        values |= {f"{p}.name": "指標", f"{p}.actual.2023": D(act), f"{p}.target.2023": D(tgt)}
    sheet = make_sheet(**values)
    assert compute(standard_form, sheet)["s4.achievement_grade.suggested"].computed == "D"  # 1 of 4
    sheet.overrides["outcome.1.a.achievement"] = Achievement.ACHIEVED
    assert compute(standard_form, sheet)["s4.achievement_grade.suggested"].computed == "C"  # 2 of 4
    assert effective_values(standard_form, sheet)["outcome.1.a.achievement"] is Achievement.ACHIEVED


@pytest.mark.parametrize(
    ("text", "value", "printed"),
    [("1,852", D("1852"), "1,852"), ("２６．０", D("26.0"), "26.0"), ("-", Mark.NOT_APPLICABLE, "-"),
     ("未集計", Mark.NOT_COUNTED, "未集計"), ("", None, ""), ("132797", D("132797"), "132,797")],
)
def test_cells_keep_numbers_as_entered_and_marks_as_marks(text, value, printed) -> None:
    assert parse_cell(text) == value
    assert format_cell(parse_cell(text)) == printed


def test_text_in_a_number_cell_is_refused() -> None:
    with pytest.raises(CellError, match="数値でも記号"):
        parse_cell("たくさん")
