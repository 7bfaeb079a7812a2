"""Importing many sheets is all or nothing; replacing keeps the sheet's id and its past in history."""

from __future__ import annotations

from decimal import Decimal

import pytest
from store_sample import PURPOSE, dump, full_sheet

from sheetdesk.glossary import Status
from sheetdesk.store import InvalidChangeError, SheetExistsError, SheetLockedError


def test_import_stores_every_sheet_and_returns_their_ids(store) -> None:
    ids = store.import_sheets([full_sheet(code="1"), full_sheet(code="2"), full_sheet(code="1", year=2022)])
    assert len(ids) == 3
    assert [store.load(i).values["header.measure_code"] for i in ids] == ["1", "2", "1"]
    assert store.find("shisaku-management", "1", 2022) == ids[2]


def test_a_collision_writes_nothing_and_names_the_sheet(store) -> None:
    store.add(full_sheet(code="1"))
    store.add(full_sheet(code="2"))
    before = dump(store)
    with pytest.raises(SheetExistsError, match="施策番号 2「.*」の令和5年度のシートは既に登録されています") as err:
        store.import_sheets([full_sheet(code="3"), full_sheet(code="2"), full_sheet(code="4")])
    assert (err.value.code, err.value.year) == ("2", 2023)
    assert dump(store) == before
    assert [s.measure_code for s in store.list()] == ["1", "2"]


def test_a_bad_sheet_late_in_the_batch_writes_nothing(store) -> None:
    store.add(full_sheet(code="1"))
    before = dump(store)
    bad = full_sheet(code="9")
    bad.values["cost.general.2023"] = "百二十万"
    with pytest.raises(InvalidChangeError):
        store.import_sheets([full_sheet(code="5"), full_sheet(code="6"), bad])
    assert dump(store) == before


def test_the_same_sheet_twice_in_one_batch_is_refused(store) -> None:
    with pytest.raises(SheetExistsError, match="取り込むシートの中に"):
        store.import_sheets([full_sheet(code="7"), full_sheet(code="7")])
    assert store.list() == []


def test_replace_updates_in_place_and_history_keeps_the_old_values(store) -> None:
    old = store.add(full_sheet(code="1"))
    newer = full_sheet(code="1")
    newer.values["s1.purpose"] = "地域の課題解決を図ります。"
    newer.values["cost.general.2023"] = Decimal("86074")
    newer.status = Status.SUBMITTED
    [sheet_id] = store.import_sheets([newer], replace=True)
    assert sheet_id == old.id
    loaded = store.load(sheet_id)
    assert loaded.values == newer.values and loaded.status is Status.SUBMITTED and loaded.version == 2
    history = {h.path: h for h in store.history(sheet_id)}
    assert history["s1.purpose"].old == PURPOSE
    assert history["cost.general.2023"].old == Decimal("120669")
    assert history["status"].new is Status.SUBMITTED
    assert {h.note for h in history.values()} == {"取り込みで置き換え"}
    assert len(store.list()) == 1


def test_replace_does_not_overwrite_a_final_sheet(store) -> None:
    old = store.add(full_sheet(code="1"))
    store.set_status(old.id, 1, Status.FINAL)
    before = dump(store)
    with pytest.raises(SheetLockedError, match="「確定」のため置き換えできません"):
        store.import_sheets([full_sheet(code="2"), full_sheet(code="1")], replace=True)
    assert dump(store) == before
