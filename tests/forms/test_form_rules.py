"""Rules a form declares (rules.compute) work for any form, aimed at paths by pattern.

The form below is written by hand for this test, with its own words and
structure (a 事業評価表 whose 事業 rows the user adds); nothing in the code
knows its paths. Expected values are worked out by hand in the comments.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from sheetdesk.app.editing import EditRefused, SheetSession
from sheetdesk.forms import FormDefinition, FormRegistry
from sheetdesk.forms.loader import FormError, load_form_file
from sheetdesk.glossary import Achievement, Comparison, Mark
from sheetdesk.model import Plan, Sheet, compute
from sheetdesk.model.kinds import KindError, handler

FORMS = Path(__file__).parents[2] / "forms"

RULE_FORM = """\
id: jigyo-hyoka
version: 1
title: 事業評価表
identity: {code: head.code, name: head.name}
rules:
  grade_suggestion:
    - {min_share: 1.0, grade: 優}
    - {min_share: 0.5, grade: 良}
    - {min_share: 0.0, grade: 可}
  compute:
    - {kind: sum, into: 'total.{year}', of: ['projects.*.cost.{year}']}
    - {kind: achievement, at: 'projects.*', when: name, actual: 'result.{N}', target: 'goal.{N}', into: achieved}
    - {kind: comparison, at: 'projects.*', when: name, direction: lower, tolerance_percent: 10,
       current: 'result.{N}', previous: 'result.{N-1}', into: trend}
    - {kind: grade_share, into: summary.grade, of: 'projects.*.achieved'}
sections:
  - key: head
    label: 事業評価表
    items:
      - {kind: field, key: head.code, label: 番号, value: {type: text, multiline: false}}
      - {kind: field, key: head.name, label: 名称, value: {type: text, multiline: false}}
  - key: projects
    label: 構成事業
    items:
      - kind: repeat
        key: projects
        label: 事業
        rows: {min: 1, max: 10, label: "事業{n}"}
        items:
          - {kind: field, key: name, label: 事業名, value: {type: text, multiline: false}}
          - {kind: series, key: cost, label: 決算額, value: {type: number, unit: 千円}, window: {from: -1, to: 0}}
          - {kind: series, key: goal, label: 目標, window: {from: 0, to: 0}}
          - {kind: series, key: result, label: 実績, window: {from: -1, to: 0}}
          - {kind: field, key: achieved, label: 達成状況, value: {type: judgement, of: achievement}}
          - {kind: field, key: trend, label: 前年度比較, value: {type: judgement, of: comparison}}
      - {kind: series, key: total, label: 決算額合計, value: {type: number, unit: 千円}, window: {from: -1, to: 0}}
  - key: summary
    label: 総括
    items:
      - {kind: field, key: summary.grade, label: 評価, value: {type: judgement, of: grade_suggestion}}
"""


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> FormRegistry:
    d = tmp_path_factory.mktemp("forms")
    for p in FORMS.glob("*.yaml"):
        shutil.copy(p, d / p.name)
    (d / "jigyo-hyoka.yaml").write_text(RULE_FORM, encoding="utf-8")
    return FormRegistry(d)


def a_sheet(registry: FormRegistry) -> Sheet:
    return sheet_of(registry.latest("jigyo-hyoka"))


def sheet_of(form: FormDefinition) -> Sheet:
    sheet = Sheet(form.id, form.version, Plan("国立市", "第２次基本計画", 2020, 2027), 2023)
    sheet.values.update({
        "head.code": "7", "head.name": "地域活動の支援",
        "projects": ("1", "2", "4"),
        # 事業1: 100 → 200; 目標 10, 実績 12 (達成); 実績 15 → 12 is −20 %, lower is better: 向上
        "projects.1.name": "講座", "projects.1.cost.2022": Decimal("100"), "projects.1.cost.2023": Decimal("200"),
        "projects.1.goal.2023": Decimal("10"), "projects.1.result.2022": Decimal("15"),
        "projects.1.result.2023": Decimal("12"),
        # 事業2: 2022 not applicable; 目標 10, 実績 8 (未達成); 8.5 → 8 is −5.9 %, within ±10 %: 維持
        "projects.2.name": "相談", "projects.2.cost.2022": Mark.NOT_APPLICABLE, "projects.2.cost.2023": Decimal("50.5"),
        "projects.2.goal.2023": Decimal("10"), "projects.2.result.2022": Decimal("8.5"),
        "projects.2.result.2023": Decimal("8"),
        # 事業4: no name yet — counted in the sums, not judged
        "projects.4.cost.2023": Decimal("1"), "projects.4.goal.2023": Decimal("1"),
        "projects.4.result.2023": Decimal("5"),
    })
    return sheet


def test_rules_compute_over_user_added_rows(registry: FormRegistry) -> None:
    form = registry.latest("jigyo-hyoka")
    c = compute(form, a_sheet(registry))
    assert c["total.2023"].computed == Decimal("251.5")  # 200 + 50.5 + 1
    assert c["total.2022"].computed == Decimal("100")  # the mark of 事業2 is not read as 0, nor does it hide 100
    assert c["projects.1.achieved"].computed is Achievement.ACHIEVED
    assert c["projects.2.achieved"].computed is Achievement.NOT_ACHIEVED
    assert c["projects.1.trend"].computed is Comparison.IMPROVED
    assert c["projects.2.trend"].computed is Comparison.UNCHANGED
    assert "projects.4.achieved" not in c  # a row without its 事業名 is not judged
    assert c["summary.grade"].computed == "良"  # 1 of 2 judged rows 達成: share 0.5


def test_results_are_computed_fields_even_in_rows_not_added_yet(registry: FormRegistry) -> None:
    form = registry.latest("jigyo-hyoka")
    sheet = a_sheet(registry)
    specs = form.fields(sheet.context, sheet.values)
    assert specs["total.2023"].computed and specs["projects.2.trend"].computed
    assert specs["projects.9.achieved"].computed  # answered by the row template
    assert not specs["projects.1.cost.2023"].computed


def test_an_override_wins_in_later_rules_and_a_result_cannot_be_typed(registry: FormRegistry) -> None:
    form = registry.latest("jigyo-hyoka")
    sheet = a_sheet(registry)
    sheet.overrides["projects.2.achieved"] = Achievement.ACHIEVED
    c = compute(form, sheet)
    assert c["projects.2.achieved"].computed is Achievement.NOT_ACHIEVED
    assert c["projects.2.achieved"].effective is Achievement.ACHIEVED
    assert c["summary.grade"].computed == "優"  # both judged rows now count as 達成
    session = SheetSession(store=None, form=form, sheet=sheet)
    with pytest.raises(EditRefused, match="計算で求める項目"):
        session.edit("total.2023", Decimal("1"))


def test_a_rule_aimed_at_no_field_is_refused_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(RULE_FORM.replace("into: 'total.{year}'", "into: 'totals.{year}'"), encoding="utf-8")
    with pytest.raises(FormError, match=r"rules\.compute\[0\] \(sum\) computes no field"):
        load_form_file(bad)


def test_a_judgement_no_rule_computes_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    text = RULE_FORM.replace("    - {kind: grade_share, into: summary.grade, of: 'projects.*.achieved'}\n", "")
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(FormError, match="summary.grade"):
        load_form_file(bad)


# A grade of the form's own codes (S–C, not the standard sheet's A–E), with the suggestion beside it.
GRADED_FORM = (RULE_FORM
               .replace("grade: 優}", "grade: S}").replace("grade: 良}", "grade: A}").replace("grade: 可}", "grade: C}")
               .replace("into: summary.grade,", "into: summary.grade.suggested,")
               .replace("      - {kind: field, key: summary.grade, label: 評価, value: {type: judgement, of: grade_suggestion}}",
                        """\
      - kind: field
        key: summary.grade
        label: 総合評価
        value:
          type: grade
          suggested: （達成状況からの目安）
          options:
            - {code: S, wording: 計画を上回って進んだ}
            - {code: A, wording: 計画どおり進んだ}
            - {code: B, wording: やや遅れている}
            - {code: C, wording: 遅れている}"""))


def test_a_grade_of_the_forms_own_codes_is_suggested_from_the_share(tmp_path: Path) -> None:
    (tmp_path / "graded.yaml").write_text(GRADED_FORM, encoding="utf-8")
    form = load_form_file(tmp_path / "graded.yaml")
    sheet = sheet_of(form)
    specs = form.fields(sheet.context, sheet.values)
    assert [code for code, _ in specs["summary.grade"].options] == ["S", "A", "B", "C"]
    assert specs["summary.grade.suggested"].label == "総合評価（達成状況からの目安）"
    assert compute(form, sheet)["summary.grade.suggested"].computed == "A"  # 1 of 2 judged rows 達成: share 0.5
    grade = specs["summary.grade"]
    assert handler(grade).parse(grade, "計画どおり進んだ") == "A" and handler(grade).show(grade, "S") == "S"
    with pytest.raises(KindError, match="選択肢にありません"):
        handler(grade).parse(grade, "E")  # the standard sheet's E is not one of this form's grades
    with pytest.raises(KindError):
        handler(grade).from_json(grade, "E")


def test_a_suggestion_that_is_not_one_of_the_grades_is_refused_naming_it(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(GRADED_FORM.replace("grade: C}", "grade: E}"), encoding="utf-8")
    with pytest.raises(FormError, match=r"rules\.compute\[3\] \(grade_share\) suggests 'E', not an option of 'summary\.grade\.suggested'"):
        load_form_file(bad)

