"""A form written only from composable items (tests/forms/unshipped) works without code.

The form is not shipped and was written for this test by hand; its words and
structure are its own (a 事務事業評価シート with user-added 活動指標 rows).
"""

from __future__ import annotations

import datetime as dt
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from sheetdesk.exchange import ExchangeError, dump_document, parse_document
from sheetdesk.forms import FieldKind, FormRegistry
from sheetdesk.model import Plan, Sheet
from sheetdesk.model.kinds import handler
from sheetdesk.store import SheetStore

FORMS = Path(__file__).parents[2] / "forms"
UNSHIPPED = Path(__file__).parent / "unshipped"


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> FormRegistry:
    d = tmp_path_factory.mktemp("forms")
    for p in [*FORMS.glob("*.yaml"), *UNSHIPPED.glob("*.yaml")]:
        shutil.copy(p, d / p.name)
    return FormRegistry(d)


def a_sheet(registry: FormRegistry) -> Sheet:
    form = registry.latest("jimu-jigyo")
    sheet = Sheet(form.id, form.version, Plan("国立市", "第２次基本計画", 2020, 2027), 2023)
    sheet.values.update({
        "header.code": "01-02", "header.name": "地域活動支援事業", "header.made_on": dt.date(2024, 5, 1),
        "activity.indicators": ("1", "3"),
        "activity.indicators.1.name": "講座の開催回数", "activity.indicators.1.actual.2023": Decimal("12"),
        "activity.indicators.1.actual.2021": Decimal("8.0"),
        "activity.indicators.3.name": "参加団体数", "activity.indicators.3.goal.base": "実施",
        "activity.indicators.3.goal.current": "45.5%",
        "result.direction": "keep", "result.partners": ("1", "3"),
    })
    return sheet


def test_the_paths_of_user_rows_come_from_the_rows_value(registry) -> None:
    form = registry.latest("jimu-jigyo")
    sheet = a_sheet(registry)
    specs = form.fields(sheet.context, sheet.values)
    assert specs["activity.indicators"].kind is FieldKind.ROWS
    assert specs["activity.indicators"].max_rows == 5
    # years N-2..N and the named points, for each listed row only
    assert [p for p in specs if p.startswith("activity.indicators.1.")] == [
        "activity.indicators.1.name",
        "activity.indicators.1.actual.2021", "activity.indicators.1.actual.2022", "activity.indicators.1.actual.2023",
        "activity.indicators.1.goal.base", "activity.indicators.1.goal.current",
    ]
    assert not any(p.startswith("activity.indicators.2.") for p in specs)
    assert specs["activity.indicators.3.goal.current"].year == 2023
    assert specs["activity.indicators.3.name"].label == "活動指標3 指標名"
    # a row not listed is still answered for by pattern (the store decodes with it)
    assert specs.get("activity.indicators.9.actual.2022").kind is FieldKind.NUMBER
    assert "activity.indicators.9.nothing" not in specs


def test_values_show_as_a_person_reads_them(registry) -> None:
    form = registry.latest("jimu-jigyo")
    sheet = a_sheet(registry)
    specs = form.fields(sheet.context, sheet.values)
    show = {p: handler(specs[p]).show(specs[p], v) for p, v in sheet.values.items()}
    assert show["header.made_on"] == "令和6年5月1日"
    assert show["result.direction"] == "継続"
    assert show["result.partners"] == "①市民、③事業者"
    assert show["activity.indicators.1.actual.2021"] == "8.0"
    spec = specs["result.partners"]
    assert handler(spec).parse(spec, "③事業者・①市民") == ("1", "3")
    with pytest.raises(ValueError, match="選択肢にありません"):
        handler(spec).parse(spec, "④行政")
    day = specs["header.made_on"]
    assert handler(day).parse(day, "令和元年5月1日") == dt.date(2019, 5, 1)


def test_json_round_trip_keeps_rows_in_their_order(registry) -> None:
    sheet = a_sheet(registry)
    sheet.values["activity.indicators"] = ("3", "1")  # the user moved row 3 up
    text = dump_document(registry, [sheet])
    [back] = parse_document(text.encode(), "x.json", registry)
    assert back.values == sheet.values
    assert dump_document(registry, [back]) == text


def test_a_value_of_an_unlisted_row_is_refused_with_its_place(registry) -> None:
    sheet = a_sheet(registry)
    text = dump_document(registry, [sheet]).replace(
        '"activity.indicators.3.name"', '"activity.indicators.7.name"')
    with pytest.raises(ExchangeError) as err:
        parse_document(text.encode(), "x.json", registry)
    assert err.value.location == '$.sheets[0].values["activity.indicators.7.name"]'
    assert "行の一覧" in err.value.message


def test_more_rows_than_the_form_allows_is_refused(registry) -> None:
    sheet = a_sheet(registry)
    sheet.values["activity.indicators"] = tuple(str(i) for i in range(1, 7))
    with pytest.raises(ExchangeError, match="5行以内"):
        parse_document(dump_document(registry, [sheet]).encode(), "x.json", registry)


def test_the_store_saves_and_loads_user_rows(registry, tmp_path: Path) -> None:
    with SheetStore.open(tmp_path / "db.sqlite3", registry=registry) as store:
        saved = store.add(a_sheet(registry))
        loaded = store.load(saved.id)
    assert loaded.values == a_sheet(registry).values
    assert isinstance(loaded.values["activity.indicators.1.actual.2021"], Decimal)
    assert str(loaded.values["activity.indicators.1.actual.2021"]) == "8.0"
