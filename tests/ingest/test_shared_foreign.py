"""The city-style files in ../shared/foreign (made outside this project): every field right or flagged with a reason.

The files are the sample sheet in two city layouts, as xlsx and as the PDF
LibreOffice printed from them; ``kunitachi-2023.expected.json`` is the sheet
a correct import gives. Nothing here was built from the form's labels.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from sheetdesk.exchange import parse_document
from sheetdesk.glossary import Comparison, Direction, Mark
from sheetdesk.ingest import read_file

SHARED = Path(__file__).resolve().parents[3] / "shared" / "foreign"
FILES = ["kunitachi-2023-a.xlsx", "kunitachi-2023-b.xlsx", "kunitachi-2023-a.pdf", "kunitachi-2023-b.pdf"]
NOT_PRINTED = {"header.measure_code"}

pytestmark = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/foreign is not on this machine")


def _same(a: object, b: object) -> bool:
    """Equal as printed: Decimal('26.0') is not Decimal('26') here."""
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return isinstance(a, Decimal) and isinstance(b, Decimal) and str(a) == str(b)
    return a == b


@pytest.fixture(scope="module")
def expected_sheet(registry):
    [sheet] = parse_document((SHARED / "kunitachi-2023.expected.json").read_bytes(), "expected", registry)
    return sheet


@pytest.fixture(scope="module")
def imported(registry) -> dict[str, object]:
    out = {}
    for name in FILES:
        [out[name]] = read_file(SHARED / name, registry)
    return out


@pytest.mark.parametrize("name", FILES)
def test_every_value_is_right_or_flagged_with_its_reason(name, imported, expected_sheet) -> None:
    result = imported[name]
    sheet = result.sheet
    flagged = set(result.needs_review())
    assert (sheet.plan.municipality, sheet.plan.name, sheet.plan.start_year, sheet.plan.end_year,
            sheet.evaluation_year) == ("国立市", "第２次基本計画", 2020, 2027, 2023)
    want = {p: v for p, v in expected_sheet.values.items() if p not in NOT_PRINTED}
    wrong_unflagged = {p: (sheet.values.get(p), v) for p, v in want.items()
                       if p not in flagged and not _same(sheet.values.get(p), v)}
    assert wrong_unflagged == {}
    extra_unflagged = {p: v for p, v in sheet.values.items() if p not in want and p not in flagged
                       and p not in NOT_PRINTED}
    assert extra_unflagged == {}
    assert {p for p in flagged if not result.reason(p)} == set()
    assert sheet.overrides == {"outcome.1.a.comparison": Comparison.DECLINED}


@pytest.mark.parametrize("name", FILES)
def test_numbers_keep_their_printed_decimals_and_marks(name, imported) -> None:
    values = imported[name].sheet.values
    assert str(values["outcome.1.a.trend.2020"]) == "26.0"  # 26 in a 0.0# cell is printed 26.0
    assert str(values["outcome.1.a.target.2027"]) == "36.5"
    assert str(values["outcome.3.a.target.2020"]) == "4"  # that one cell is #,##0
    assert values["outcome.3.a.actual.2022"] is Mark.NOT_COUNTED
    assert values["outcome.3.a.name"] == "言語間・国際文化間の違いにより不便を感じている市民の割合"
    assert values["outcome.3.a.unit"] == "％"


@pytest.mark.parametrize("name", FILES)
def test_directions_are_inferred_and_flagged_never_silent(name, imported) -> None:
    result = imported[name]
    assert result.sheet.values["outcome.3.a.direction"] is Direction.LOWER_IS_BETTER
    assert result.sheet.values["outcome.1.a.direction"] is Direction.HIGHER_IS_BETTER
    for slot in ("1.a", "1.b", "2.a", "3.a"):
        assert f"outcome.{slot}.direction" in result.needs_review()
        assert "推定" in result.reason(f"outcome.{slot}.direction")


@pytest.mark.parametrize("name", ["kunitachi-2023-b.xlsx", "kunitachi-2023-b.pdf"])
def test_costs_whose_printed_total_is_blank_are_flagged(name, imported) -> None:
    """Layout b types the costs as text, so the city's own 事業費計 comes out blank: the parts cannot be checked."""
    result = imported[name]
    assert result.sheet.values["cost.national.2023"] == Decimal("4705")
    assert "cost.national.2023" in result.needs_review()
    assert "事業費計" in result.reason("cost.national.2023")
    assert "空欄" in result.reason("cost.national.2023")


@pytest.mark.parametrize("name", ["kunitachi-2023-a.xlsx", "kunitachi-2023-a.pdf"])
def test_costs_that_add_up_to_the_printed_total_are_not_flagged(name, imported) -> None:
    result = imported[name]
    flagged = set(result.needs_review())
    assert not {p for p in flagged if p.startswith("cost.")}
    assert result.sheet.values["cost.general.2023"] == Decimal("86074")


def test_a_value_points_at_the_cell_or_page_it_came_from(imported) -> None:
    assert imported["kunitachi-2023-a.xlsx"].sources["outcome.1.b.actual.2023"].cell == "表面!CV30"
    assert imported["kunitachi-2023-b.xlsx"].sources["s5.situation"].cell.startswith("表面!A")
    pdf = imported["kunitachi-2023-a.pdf"].sources["outcome.1.b.actual.2023"]
    assert pdf.page == 1 and pdf.bbox is not None
