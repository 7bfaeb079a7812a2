"""Edits: one operation records who changed what; stale and locked sheets refuse to be overwritten."""

from __future__ import annotations

import getpass
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from store_sample import SITUATION, dump, full_sheet

from sheetdesk.glossary import Achievement, Mark, Status
from sheetdesk.store import (
    Change,
    InvalidChangeError,
    SheetExistsError,
    SheetLockedError,
    StaleVersionError,
    UnlockReasonRequiredError,
)

NEW_SITUATION = "・入出国法が改正され、特定技能を持つ外国人の受け入れが進み、多言語対応の要請が強まると見られる。"


def test_apply_writes_values_history_and_a_new_version(store) -> None:
    sheet = store.add(full_sheet())
    before = datetime.now(UTC)
    changed = store.apply(sheet.id, sheet.version, [
        Change("s5.situation", NEW_SITUATION),
        Change("cost.national.2023", Mark.NOT_COUNTED),
        Change("s6.overall_grade", None),
        Change("outcome.1.a.achievement", Achievement.NOT_ACHIEVED, override=True),
    ])
    after = datetime.now(UTC)
    assert changed.version == 2

    loaded = store.load(sheet.id)
    assert loaded.version == 2
    assert loaded.values["s5.situation"] == NEW_SITUATION
    assert loaded.values["cost.national.2023"] is Mark.NOT_COUNTED
    assert "s6.overall_grade" not in loaded.values
    assert loaded.overrides["outcome.1.a.achievement"] is Achievement.NOT_ACHIEVED
    # an edited text is no longer "carried over and untouched"; the other one still is
    assert loaded.unchanged_since_rollover == {"s1.target"}
    assert changed.values == loaded.values and changed.overrides == loaded.overrides

    history = {h.path: h for h in store.history(sheet.id)}
    assert set(history) == {"s5.situation", "cost.national.2023", "s6.overall_grade", "outcome.1.a.achievement"}
    h = history["s5.situation"]
    assert (h.old, h.new, h.user, h.version) == (SITUATION, NEW_SITUATION, getpass.getuser(), 2)
    assert h.label == "(1) 施策を取り巻く状況（対象者や根拠法令等）はどう変化しているか？"
    assert before <= h.at <= after
    assert (history["cost.national.2023"].old, history["cost.national.2023"].new) == (Decimal("4705"),
                                                                                      Mark.NOT_COUNTED)
    assert (history["s6.overall_grade"].old, history["s6.overall_grade"].new) == ("C", None)
    assert history["outcome.1.a.achievement"].override
    assert history["outcome.1.a.achievement"].old is Achievement.ACHIEVED


def test_identity_edits_update_the_list(store) -> None:
    sheet = store.add(full_sheet(code="4"))
    store.apply(sheet.id, 1, [Change("header.measure_code", "4-1"), Change("header.lead_section", "市民協働推進課")])
    [summary] = store.list()
    assert (summary.measure_code, summary.lead_section, summary.version) == ("4-1", "市民協働推進課", 2)
    assert store.find("shisaku-management", "4-1", 2023) == sheet.id


def test_changing_the_code_onto_another_sheets_code_is_refused(store) -> None:
    store.add(full_sheet(code="1"))
    second = store.add(full_sheet(code="2"))
    with pytest.raises(SheetExistsError, match="施策番号 1"):
        store.apply(second.id, 1, [Change("header.measure_code", "1")])
    assert store.load(second.id).values["header.measure_code"] == "2"


def test_a_stale_version_is_refused_and_nothing_is_written(store) -> None:
    sheet = store.add(full_sheet())
    store.apply(sheet.id, 1, [Change("s5.situation", NEW_SITUATION)])
    before = dump(store)
    with pytest.raises(StaleVersionError, match="他の人.*更新されています.*保存されていません") as err:
        store.apply(sheet.id, 1, [Change("s5.situation", "古い画面からの変更")])
    assert (err.value.expected, err.value.actual) == (1, 2)
    stale = store.load(sheet.id)
    stale.version = 1
    with pytest.raises(StaleVersionError):
        store.save(stale)
    with pytest.raises(StaleVersionError):
        store.set_status(sheet.id, 1, Status.SUBMITTED)
    assert dump(store) == before


def test_save_writes_the_whole_sheet_with_history_per_field(store) -> None:
    sheet = store.add(full_sheet())
    sheet.values["s5.situation"] = NEW_SITUATION
    sheet.values["target.a.name"] = "自治会・町内会数"
    del sheet.values["header.lead_head"]
    sheet.status = Status.FINAL  # ignored: the status changes through set_status only
    saved = store.save(sheet)
    assert saved.version == 2 and saved.status is Status.DRAFT
    assert {h.path for h in store.history(sheet.id)} == {"s5.situation", "target.a.name", "header.lead_head"}
    assert store.load(sheet.id).values == sheet.values
    # saving the same sheet again changes nothing and keeps the version
    assert store.save(saved).version == 2


def test_a_final_sheet_refuses_value_changes(store) -> None:
    sheet = store.add(full_sheet())
    final = store.set_status(sheet.id, 1, Status.FINAL)
    assert final.status is Status.FINAL and final.version == 2
    before = dump(store)
    with pytest.raises(SheetLockedError, match="「確定」のため変更できません"):
        store.apply(sheet.id, 2, [Change("s5.situation", NEW_SITUATION)])
    final.values["s5.situation"] = NEW_SITUATION
    with pytest.raises(SheetLockedError):
        store.save(final)
    with pytest.raises(SheetLockedError, match="削除できません"):
        store.delete(sheet.id, 2)
    assert dump(store) == before


def test_unlocking_needs_a_reason_which_history_keeps(store) -> None:
    sheet = store.add(full_sheet())
    store.set_status(sheet.id, 1, Status.SUBMITTED)
    store.set_status(sheet.id, 2, Status.FINAL)
    with pytest.raises(UnlockReasonRequiredError, match="理由"):
        store.set_status(sheet.id, 3, Status.DRAFT, reason="  ")
    unlocked = store.set_status(sheet.id, 3, Status.DRAFT, reason="決算額の修正のため")
    assert unlocked.status is Status.DRAFT and unlocked.version == 4
    assert store.list()[0].status is Status.DRAFT

    statuses = [h for h in store.history(sheet.id) if h.path == "status"]
    assert [(h.old, h.new) for h in statuses] == [
        (Status.DRAFT, Status.SUBMITTED), (Status.SUBMITTED, Status.FINAL), (Status.FINAL, Status.DRAFT)]
    assert statuses[-1].note == "決算額の修正のため" and statuses[-1].label == "状態"
    # editable again
    assert store.apply(sheet.id, 4, [Change("s5.situation", NEW_SITUATION)]).version == 5


def test_changes_that_do_not_fit_the_form_are_refused(store) -> None:
    sheet = store.add(full_sheet())
    before = dump(store)
    with pytest.raises(InvalidChangeError, match="この様式にない項目"):
        store.apply(sheet.id, 1, [Change("s9.unknown", "x")])
    with pytest.raises(InvalidChangeError, match="計算項目のため"):
        store.apply(sheet.id, 1, [Change("cost.total.2023", Decimal("1"))])
    with pytest.raises(InvalidChangeError, match="上書きできません"):
        store.apply(sheet.id, 1, [Change("s5.situation", "x", override=True)])
    with pytest.raises(InvalidChangeError, match="入れられない値"):
        store.apply(sheet.id, 1, [Change("s5.situation", NEW_SITUATION), Change("s4.trend_grade", "Z")])
    assert dump(store) == before


def test_delete_removes_sheet_values_and_history(store) -> None:
    sheet = store.add(full_sheet())
    store.apply(sheet.id, 1, [Change("s5.situation", NEW_SITUATION)])
    store.delete(sheet.id, 2)
    assert store.list() == []
    assert all(rows == [] for table, rows in dump(store).items() if table != "alembic_version")
