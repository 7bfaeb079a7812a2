"""A city's own 施策・基本事業マネジメントシート workbook: the family found from its labels, every value exact or flagged."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from ingest.family_a_workbook import NOT_PRINTED, as_sample, build, build_one_sheet, sample_values
from sheetdesk.glossary import Mark
from sheetdesk.ingest import read_file


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):  # noqa: ANN201
    return build(tmp_path_factory.mktemp("a") / "施策7-2-1_マネジメントシート.xlsx")


@pytest.mark.parametrize("layout", [build, build_one_sheet], ids=["two_pages", "one_sheet_text_numbers"])
def test_every_printed_value_comes_back_exact(layout, registry, tmp_path) -> None:
    [result] = read_file(layout(tmp_path / "施策7-2-1.xlsx"), registry)
    sheet = result.sheet
    assert sheet.form_id == "shisaku-kihon-jigyo"
    assert result.read_as is not None and result.read_as.startswith("様式 「施策・基本事業マネジメントシート」")
    assert (sheet.evaluation_year, sheet.plan.start_year, sheet.plan.end_year) == (2023, 2022, 2025)
    truth = {p: v for p, v in sample_values().items() if p not in NOT_PRINTED}
    got = {p: as_sample(v) for p, v in sheet.values.items()}
    assert result.needs_review() == []
    assert {p: got.get(p) for p in truth if got.get(p) != truth[p]} == {}
    assert set(got) - set(truth) == set()  # nothing read that the sheet does not hold
    assert got["header.measure.name"] == "国際交流・地域連携の推進"  # beside 施　策　名, spaced as the city types it
    assert got["s2.projects.2.name"] == "大学との地域連携の推進"  # a one-line field typed over three lines


def test_a_check_box_without_its_mark_and_a_word_among_numbers_are_flagged(workbook, registry, tmp_path) -> None:
    wb = load_workbook(workbook)
    page1, page2 = wb["1ページ"], wb["2ページ"]
    page2["P9"] = "□一部未達成"  # 取組方針: no option marked
    page2["N10"] = "■全て達成"  # 成果指標: two marked
    page1["R15"] = "十一"  # 成果指標① 実績 R5: a word, not a number
    page1["Q15"] = "未集計"  # a mark stays a mark
    page2["L15"] = None  # 市民's box left empty: nothing else is read into it
    page1["O16"] = "目標値"  # 成果指標②'s 区分 in other words: still its 目標
    page1["K29"] = "見込"  # 基本事業1 ①'s second 区分: no series of the form, its numbers are left out and said
    page1["C28"] = "市民"  # a 基本事業's 対象 in the same word as the label 市民: still a value, not a label
    spoiled = tmp_path / "印の抜けたシート.xlsx"
    wb.save(spoiled)
    [result] = read_file(spoiled, registry)
    values = result.sheet.values
    assert "s3.policy_check" not in values
    assert result.reason("s3.policy_check") == "「取組方針」のどの選択肢にも印（■など）がありません"
    assert "s3.indicator_check" not in values
    assert result.reason("s3.indicator_check") == "「成果指標」に印が複数あります（全て達成、一部未達成）"
    assert "s1.outcome.1.actual.2023" not in values
    assert result.reason("s1.outcome.1.actual.2023") == "「十一」は数値でも記号でもありません"
    assert values["s1.outcome.1.actual.2022"] == Mark.NOT_COUNTED
    assert "s4.roles.citizens" not in values
    assert values["s2.projects.1.target"] == "市民"
    assert values["s1.outcome.2.target.2023"] == Decimal("128")
    assert "s2.projects.1.indicators.1.actual.2023" not in values
    assert "1ページ!K29: 区分「見込」はこの様式の区分（目標、実績）にないため、この行の数値は取り込みませんでした" in result.warnings
    assert values["s4.roles.businesses"] == sample_values()["s4.roles.businesses"]
    assert set(result.needs_review()) == {"s3.policy_check", "s3.indicator_check", "s1.outcome.1.actual.2023"}


def test_read_as_the_standard_form_it_is_refused_by_name(workbook, registry) -> None:
    from sheetdesk.ingest import IngestError

    with pytest.raises(IngestError) as err:
        read_file(workbook, registry, registry.latest("shisaku-management"))
    assert err.value.source == workbook.name
    assert "「施策マネジメントシート」の項目名が見つかりません" in err.value.message
