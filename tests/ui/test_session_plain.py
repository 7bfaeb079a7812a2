"""SheetSession without Qt: the one edit operation, its undo, lock and saving."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sheetdesk.app.editing import EditRefused, SheetSession
from sheetdesk.app.validation import validate
from sheetdesk.glossary import Achievement, Status


def test_edit_stores_value_history_and_computed_fields(store, sheet_id, standard_form) -> None:
    session = SheetSession(store, standard_form, store.load(sheet_id))
    heard = []
    session.observers.append(heard.append)
    session.edit("cost.national.2023", Decimal("4705"))
    assert "cost.project_total.2023" in heard[0].paths and "cost.total.2023" in heard[0].paths
    assert session.value("cost.project_total.2023") == Decimal("4705")
    assert store.load(sheet_id).values["cost.national.2023"] == Decimal("4705")
    assert [e.path for e in store.history(sheet_id)][-1] == "cost.national.2023"
    session.undo()
    assert "cost.national.2023" not in store.load(sheet_id).values
    session.redo()
    assert store.load(sheet_id).values["cost.national.2023"] == Decimal("4705")


def test_an_override_is_kept_apart_and_a_computed_field_refuses_plain_values(store, sheet_id, standard_form) -> None:
    session = SheetSession(store, standard_form, store.load(sheet_id))
    with pytest.raises(EditRefused):
        session.edit("cost.total.2023", Decimal("1"))
    session.edit("outcome.1.a.name", "自治会・町内会加入率")
    session.edit("outcome.1.a.target.2023", Decimal("34.0"))
    session.edit("outcome.1.a.actual.2023", Decimal("23.3"))
    session.edit("outcome.1.a.achievement", Achievement.ACHIEVED, override=True)
    c = session.computed["outcome.1.a.achievement"]
    assert (c.computed, c.effective) == (Achievement.NOT_ACHIEVED, Achievement.ACHIEVED)
    assert store.load(sheet_id).overrides["outcome.1.a.achievement"] is Achievement.ACHIEVED
    messages = [i.message for i in validate(standard_form, session.sheet) if i.path == "outcome.1.a.achievement"]
    assert messages == ["上書きした値「達成」が数値からの計算値「未達成」と異なります"]


def test_pending_edits_wait_for_flush_and_a_final_sheet_refuses(store, sheet_id, standard_form) -> None:
    scheduled = []
    session = SheetSession(store, standard_form, store.load(sheet_id), schedule=lambda: scheduled.append(1))
    session.edit("s1.purpose", "多様な主体による協働")
    assert scheduled and "s1.purpose" not in store.load(sheet_id).values
    session.set_status(Status.SUBMITTED)  # flushes first
    assert store.load(sheet_id).values["s1.purpose"] == "多様な主体による協働"
    session.set_status(Status.FINAL)
    with pytest.raises(EditRefused, match="確定したシートは編集できません"):
        session.edit("s1.purpose", "")
    with pytest.raises(EditRefused, match="理由"):
        session.set_status(Status.SUBMITTED)
    session.set_status(Status.SUBMITTED, reason="誤字の訂正")
    assert session.edit("s1.purpose", "")


def test_an_emptied_name_waits_for_its_new_text_and_never_blocks_the_other_edits(store, sheet_id,
                                                                                  standard_form) -> None:
    """Backspace over 基本施策名, type elsewhere, then type the new name: nothing fails, nothing is lost."""
    heard = []
    session = SheetSession(store, standard_form, store.load(sheet_id), schedule=lambda: None)
    session.observers.append(heard.append)
    name = store.load(sheet_id).values["header.measure_name"]
    session.edit("header.measure_name", "")
    session.edit("s1.purpose", "多様な主体による協働")
    assert session.flush() is False
    assert store.load(sheet_id).values["s1.purpose"] == "多様な主体による協働"  # the other edit is saved
    assert store.load(sheet_id).values["header.measure_name"] == name  # the store keeps no sheet without it
    assert heard[-1].error == "「基本施策名」が空のため、この項目はまだ保存していません。入力すると保存します。入力は画面に残っています。"
    assert session.has_pending
    session.edit("header.measure_name", "地域コミュニティの促進")
    assert session.flush() is True and not session.has_pending
    assert store.load(sheet_id).values["header.measure_name"] == "地域コミュニティの促進"
