"""Workbooks typed cell by cell as cities lay them out (city_layouts.py): right, or flagged with the reason."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ingest.city_layouts import LAYOUTS, Layout, write
from sheetdesk.ingest import read_file

BY_NAME = {layout.name: layout for layout in LAYOUTS}


def _same(a: object, b: object) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return isinstance(a, Decimal) and isinstance(b, Decimal) and str(a) == str(b)
    return a == b


@pytest.fixture(scope="module")
def imported(registry, tmp_path_factory) -> dict[str, object]:
    tmp = tmp_path_factory.mktemp("city_layouts")
    out = {}
    for layout in LAYOUTS:
        [out[layout.name]] = read_file(write(layout.build, tmp / f"{layout.name}.xlsx"), registry)
    return out


def wrong_unflagged(result, layout: Layout) -> dict[str, tuple[object, object]]:  # type: ignore[no-untyped-def]
    flagged = set(result.needs_review())
    values = result.sheet.values
    out = {p: (values.get(p), v) for p, v in layout.truth.items()
           if p not in flagged and p not in layout.unsure and values.get(p) is not None and not _same(values.get(p), v)}
    out |= {p: (v, None) for p, v in values.items() if p not in layout.truth and p not in flagged}
    out |= {p: (values[p], "must be flagged") for p in layout.unsure if p in values and p not in flagged}
    return out


@pytest.mark.parametrize("name", list(BY_NAME))
def test_no_value_differs_from_the_layout_without_a_flag(name, imported) -> None:
    result = imported[name]
    assert wrong_unflagged(result, BY_NAME[name]) == {}
    assert {p for p in result.needs_review() if not result.reason(p)} == set()


@pytest.mark.parametrize("name", ["spaced_synonyms", "split_vertical_dates"])
def test_a_well_labelled_city_layout_comes_in_whole(name, imported) -> None:
    result = imported[name]
    layout = BY_NAME[name]
    values = result.sheet.values
    missing = {p for p in layout.truth if p not in values}
    assert missing == set()
    flagged = {p for p in result.needs_review() if not p.endswith(".direction")}
    if name == "spaced_synonyms":  # 事業費計 is typed as text there, so the parts still add up to it
        assert flagged == set()
    assert str(values["outcome.1.a.trend.2020"]) == "26.0"
    assert values["header.lead_section"] == "まちの振興課"  # found under 担当課
    assert values["cost.bonds.2023"] == Decimal("10200")  # found under 市債 in one of them


def test_rows_without_their_slot_labels_are_never_stored_unflagged(imported) -> None:
    result = imported["no_slot_labels"]
    for p in BY_NAME["no_slot_labels"].unsure:
        assert p not in result.sheet.values or p in result.needs_review()


def test_rows_without_their_slot_labels_follow_the_names_of_3_in_order_and_are_flagged(imported) -> None:
    result = imported["no_slot_labels"]
    truth = BY_NAME["no_slot_labels"].truth
    series = [p for p in truth if p.startswith(("outcome.", "activity.")) and not p.endswith((".name", ".unit"))]
    assert series
    for p in series:
        assert _same(result.sheet.values.get(p), truth[p]), p
        assert p in result.needs_review(), p
        assert "並び順で割り当てました" in (result.reason(p) or ""), p


def test_swapped_slot_labels_are_caught_by_the_units_of_4(imported) -> None:
    result = imported["swapped_slots"]
    assert "outcome.1.a.target.2020" in result.needs_review()
    reason = result.reason("outcome.1.a.target.2020")
    assert "単位" in reason and "一致しません" in reason


def test_percent_and_decimal_formats_are_read_as_shown_and_unsafe_formulas_flagged(imported) -> None:
    result = imported["decimals_formulas"]
    values = result.sheet.values
    assert str(values["outcome.1.a.actual.2023"]) == "22.7"  # 0.227 shown as 22.7 %
    assert "cost.national.2023" not in values
    assert "数式" in result.reason("cost.national.2023")
    assert "cost.general.2023" in result.needs_review()  # 事業費計 cannot be evaluated, so its parts are unchecked


def test_a_minus_typed_as_a_triangle_is_read_as_minus_and_checked_against_the_total(registry, tmp_path) -> None:
    """△ for minus, as city ledgers print it; the printed totals agree with the negative part, so no flag."""
    from ingest.city_layouts import layout_split_vertical_dates

    def build(wb) -> None:  # type: ignore[no-untyped-def]
        layout_split_vertical_dates(wb)
        ws = wb.active
        for row in ws.iter_rows(min_col=40):
            for cell in row:
                if cell.value == 4705:
                    cell.value = "△4,705"
                elif cell.value in (120669, 145591):  # 事業費計 (A), トータルコスト: the totals that agree
                    cell.value -= 2 * 4705

    [result] = read_file(write(build, tmp_path / "triangle.xlsx"), registry)
    assert result.sheet.values["cost.national.2023"] == Decimal("-4705")
    assert "cost.national.2023" not in result.needs_review()
    assert result.sheet.values["cost.general.2023"] == Decimal("86074")
