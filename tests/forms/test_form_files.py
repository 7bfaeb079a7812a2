"""Every form file under forms/ loads, and the standard form has the sheet's fields."""

from __future__ import annotations

from pathlib import Path

import pytest

from sheetdesk.forms import FormError, PlanContext, load_form_file
from sheetdesk.forms.definition import FieldKind
from sheetdesk.forms.loader import default_forms_dir, form_files

CTX = PlanContext("国立市", "第２次基本計画", 2020, 2027, 2023)


@pytest.mark.parametrize("path", form_files(), ids=lambda p: p.name)
def test_every_form_file_loads_and_enumerates_fields(path: Path) -> None:
    form = load_form_file(path)
    fields = form.fields(CTX)
    assert fields, f"{path.name} defines no field"
    for spec in fields.values():
        assert spec.label.strip(), spec.path
        assert "{" not in spec.label, f"unfilled placeholder in {spec.path}: {spec.label}"


def test_forms_dir_has_the_standard_form() -> None:
    assert (default_forms_dir() / "shisaku-management.yaml").is_file()


def test_standard_labels_are_the_sheets_words(standard_form) -> None:
    fields = standard_form.fields(CTX)
    assert fields["s5.current_work"].label.endswith("5年度の取組状況")
    assert fields["s5.planned_work"].label.endswith("6年度の取組予定")
    assert fields["s7.policy_next"].label == "（1）7年度の取組方針"
    assert "国立市の取組状況はどうか？" in fields["s5.comparison"].label
    assert standard_form.section_label("s2", CTX) == "２　第２次基本計画期間（令和2～令和9年度）内における取組内容"
    assert standard_form.section_label("s6", CTX).startswith("６　5年度の評価結果")


def test_year_series_follow_the_plan_period_and_evaluation_year(standard_form) -> None:
    fields = standard_form.fields(CTX)
    assert [f"cost.national.{y}" in fields for y in (2019, 2020, 2027, 2028)] == [False, True, True, False]
    # 実績値 only up to the evaluation year, 見込み値 only after it.
    assert "outcome.1.a.actual.2023" in fields and "outcome.1.a.actual.2024" not in fields
    assert "target.a.forecast.2024" in fields and "target.a.forecast.2023" not in fields
    assert fields["cost.project_total.2023"].computed
    assert fields["outcome.2.b.achievement"].kind is FieldKind.ACHIEVEMENT


def test_a_broken_form_file_names_file_and_key(tmp_path: Path) -> None:
    text = (default_forms_dir() / "shisaku-management.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "city.yaml"
    bad.write_text(text.replace("comparison_tolerance_percent: 3", "comparison_tolerance_percent: -1"), encoding="utf-8")
    with pytest.raises(FormError) as info:
        load_form_file(bad)
    assert "city.yaml" in str(info.value)
    assert "rules.comparison_tolerance_percent" in str(info.value)


def test_a_grade_list_without_the_grade_a_rule_suggests_is_refused(tmp_path: Path) -> None:
    """Grades may be any codes (A–D, S–C …), but 4(1)'s suggestion rule names E: a city that drops E must change it."""
    text = (default_forms_dir() / "shisaku-management.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "city.yaml"
    bad.write_text(text.replace("- {code: E, wording: ほぼすべての目標が未達成であった}", ""), encoding="utf-8")
    with pytest.raises(FormError, match=r"suggests 'E', not an option of 's4\.achievement_grade\.suggested' \(A, B, C, D\)"):
        load_form_file(bad)
    fewer = tmp_path / "fewer.yaml"  # 4(2) has no rule: A–D is a grade list like any other
    fewer.write_text(text.replace("- {code: E, wording: 成果がかなり低下した, inferred: true}", ""), encoding="utf-8")
    specs = load_form_file(fewer).fields(PlanContext("国立市", "第２次基本計画", 2020, 2027, 2023))
    assert [code for code, _ in specs["s4.trend_grade"].options] == ["A", "B", "C", "D"]
