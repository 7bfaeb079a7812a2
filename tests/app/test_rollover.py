"""前年度から作成: what a person finds in the new year's sheet."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.seed_sheet import seed_sheet
from sheetdesk.app.rollover import RolloverError, roll_over, unchanged_texts
from sheetdesk.glossary import Achievement, Status
from sheetdesk.model import Plan, Sheet


def test_new_sheet_is_next_years_draft_with_identity_and_indicators(standard_form) -> None:
    old = seed_sheet()
    old.id, old.version, old.status = 12, 7, Status.FINAL
    new = roll_over(standard_form, old)
    assert (new.evaluation_year, new.status, new.id, new.version) == (2024, Status.DRAFT, None, 0)
    assert new.identity(standard_form) == old.identity(standard_form)
    assert new.values["outcome.3.a.name"] == "言語間・国際文化間の違いにより不便を感じている市民の割合"
    assert new.values["outcome.1.a.actual.2023"] == Decimal("22.7")
    assert new.values["outcome.1.a.target.2027"] == Decimal("36.5")
    assert new.values["header.related_sections"] == old.values["header.related_sections"]


def test_texts_move_as_the_form_says(standard_form) -> None:
    old = seed_sheet()
    new = roll_over(standard_form, old)
    # 6年度の取組予定 becomes 6年度の取組状況; 7年度の取組方針 becomes 7年度の取組予定
    assert new.values["s5.current_work"] == old.values["s5.planned_work"]
    assert new.values["s5.planned_work"] == old.values["s7.policy_next"]
    assert "s7.policy_next" not in new.values


def test_grades_and_overrides_start_empty(standard_form) -> None:
    old = seed_sheet()
    old.overrides["outcome.1.a.achievement"] = Achievement.ACHIEVED
    new = roll_over(standard_form, old)
    for path in ("s4.achievement_grade", "s4.trend_grade", "s6.overall_grade"):
        assert path not in new.values
    assert new.overrides == {}


def test_forecast_of_the_new_evaluation_year_is_dropped(standard_form) -> None:
    old = seed_sheet()
    assert old.values["target.b.forecast.2024"] == Decimal("1950")
    new = roll_over(standard_form, old)
    assert "target.b.forecast.2024" not in new.values  # 令和6年度 now expects a 実績値
    assert new.values["target.b.forecast.2025"] == Decimal("1900")
    assert set(new.values) <= set(standard_form.fields(new.context))


def test_carried_over_texts_are_marked_unchanged_in_paper_order(standard_form) -> None:
    new = roll_over(standard_form, seed_sheet())
    listed = unchanged_texts(new, standard_form)
    assert listed[0] == "header.lead_head"  # the identity (施策番号, 基本施策名 …) needs no review
    assert "header.policy_name" not in listed and "header.measure_name" not in listed
    # the form file's settled texts: the plan period's 取組内容 and the plan's indicators
    assert not any(p.startswith(("s2.", "outcome.", "target.")) for p in listed)
    assert new.values["s2.directions.1.means"] == seed_sheet().values["s2.directions.1.means"]
    assert "s5.current_work" in listed and "s4.reasons" in listed
    assert "outcome.1.a.actual.2023" not in listed  # numbers are not texts
    fields = list(standard_form.fields(new.context))
    assert listed == sorted(listed, key=fields.index)
    new.values["s4.reasons"] = ""
    assert "s4.reasons" not in unchanged_texts(new, standard_form)


def test_last_year_of_the_plan_cannot_roll_over(standard_form) -> None:
    old = Sheet("shisaku-management", 1, Plan("国立市", "第２次基本計画", 2020, 2027), 2027)
    with pytest.raises(RolloverError, match="令和9年度は計画期間「第２次基本計画」の最終年度"):
        roll_over(standard_form, old)
