"""A sheet comes back exactly as it was stored; the list shows and filters what a user looks for."""

from __future__ import annotations

from decimal import Decimal

import pytest
from store_sample import full_sheet

from sheetdesk.glossary import Mark, Status
from sheetdesk.store import InvalidChangeError, SheetExistsError, SheetNotFoundError, natural_key


def test_every_kind_of_value_survives_add_and_load(store) -> None:
    sheet = full_sheet()
    added = store.add(sheet)
    assert added.id is not None and added.version == 1

    loaded = store.load(added.id)
    assert loaded.values == sheet.values
    assert loaded.overrides == sheet.overrides
    assert loaded.unchanged_since_rollover == {"s5.situation", "s1.target"}
    assert loaded.plan == sheet.plan and loaded.evaluation_year == 2023
    assert loaded.status is Status.DRAFT and loaded.version == 1
    # marks stay marks and decimals keep their written form
    assert loaded.values["outcome.3.a.actual.2022"] is Mark.NOT_COUNTED
    assert loaded.values["cost.national.2022"] is Mark.NOT_APPLICABLE
    assert str(loaded.values["outcome.1.a.actual.2023"]) == "22.7"
    assert loaded.values["header.related_sections"] == ("福祉総務課", "高齢者支援課", "子育て支援課")


def test_decimal_zeroes_are_kept_as_entered(store) -> None:
    sheet = full_sheet()
    sheet.values["outcome.1.a.target.2024"] = Decimal("26.0")
    loaded = store.load(store.add(sheet).id)
    assert str(loaded.values["outcome.1.a.target.2024"]) == "26.0"


def test_list_is_in_measure_code_order_then_year_and_filters(store) -> None:
    for code, year, section in [("1-10", 2023, "まちの振興課"), ("2", 2022, "福祉政策課"), ("1-2", 2023, "福祉政策課"),
                                ("2", 2023, "まちの振興課"), ("10", 2023, "まちの振興課")]:
        store.add(full_sheet(code=code, year=year, section=section))
    listed = store.list()
    assert [(s.measure_code, s.evaluation_year) for s in listed] == [
        ("1-2", 2023), ("1-10", 2023), ("2", 2022), ("2", 2023), ("10", 2023)]
    first = listed[0]
    assert (first.measure_name, first.policy_name, first.lead_section) == (
        "地域コミュニティ・課題解決型コミュニティ活動の促進", "地域・安全", "福祉政策課")
    assert first.form_id == "shisaku-management" and first.status is Status.DRAFT

    assert [s.measure_code for s in store.list(year=2022)] == ["2"]
    assert [s.measure_code for s in store.list(section="福祉政策課")] == ["1-2", "2"]
    assert [s.measure_code for s in store.list(year=2023, section="まちの振興課")] == ["1-10", "2", "10"]
    assert store.list(status=Status.FINAL) == []
    assert len(store.list(status="draft")) == 5


def test_find_by_form_code_and_year(store) -> None:
    sheet_id = store.add(full_sheet(code="1-1-2", year=2023)).id
    assert store.find("shisaku-management", "1-1-2", 2023) == sheet_id
    assert store.find("shisaku-management", "1-1-2", 2024) is None


def test_a_second_sheet_for_the_same_measure_and_year_is_refused(store) -> None:
    store.add(full_sheet(code="4", year=2023))
    with pytest.raises(SheetExistsError, match="施策番号 4「地域コミュニティ・課題解決型コミュニティ活動の促進」の令和5年度"):
        store.add(full_sheet(code="4", year=2023))
    assert len(store.list()) == 1


def test_a_sheet_without_measure_code_is_refused(store) -> None:
    sheet = full_sheet()
    del sheet.values["header.measure_code"]
    with pytest.raises(InvalidChangeError, match="「施策番号」を入力してください"):
        store.add(sheet)


def test_a_value_of_the_wrong_kind_is_refused(store) -> None:
    sheet = full_sheet()
    sheet.values["cost.national.2023"] = "たくさん"
    with pytest.raises(InvalidChangeError, match="入れられない値"):
        store.add(sheet)
    assert store.list() == []


def test_loading_a_missing_sheet_says_so(store) -> None:
    with pytest.raises(SheetNotFoundError, match="見つかりません"):
        store.load(12345)


def test_natural_order_of_codes() -> None:
    codes = ["1-10", "1-2", "10", "2", "1-1-2", "１-3"]
    assert sorted(codes, key=natural_key) == ["1-1-2", "1-2", "１-3", "1-10", "2", "10"]
