from __future__ import annotations

import pytest

from sheetdesk.wareki import fiscal_year_label, parse_year_label, period_label, short_year_label


@pytest.mark.parametrize(("year", "label"), [(2023, "令和5年度"), (2019, "令和元年度"), (2018, "平成30年度"), (1989, "平成元年度")])
def test_fiscal_year_labels(year: int, label: str) -> None:
    assert fiscal_year_label(year) == label
    assert parse_year_label(label) == year


def test_short_labels_and_periods() -> None:
    assert short_year_label(2020) == "R2年度"
    assert parse_year_label("Ｒ５年度") == 2023
    assert period_label(2020, 2027) == "令和2～令和9年度"
    assert parse_year_label("合計") is None
