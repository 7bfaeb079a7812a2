"""「前年度のまま」 texts marked 確認済み without editing them: one undoable step, on record in history."""

from __future__ import annotations

from pathlib import Path

from ingest.seed_sheet import seed_sheet
from sheetdesk.app.editing import EditRefused, SheetSession
from sheetdesk.app.rollover import roll_over
from sheetdesk.glossary import REVIEW_WORDS, Status
from sheetdesk.store import SheetStore


def _rolled(tmp_path: Path, standard_form) -> tuple[SheetStore, SheetSession]:
    store = SheetStore.open(tmp_path / "review.sqlite3")
    stored = store.add(roll_over(standard_form, seed_sheet()))
    return store, SheetSession(store, standard_form, store.load(stored.id))  # type: ignore[arg-type]


def test_marking_one_text_keeps_it_clears_its_tag_and_is_in_history(tmp_path: Path, standard_form) -> None:
    store, session = _rolled(tmp_path, standard_form)
    before = session.sheet.values["s1.purpose"]
    assert "s1.purpose" in session.carried_over("s1")
    assert session.mark_reviewed(["s1.purpose"])
    stored = store.load(session.sheet_id)
    assert stored.values["s1.purpose"] == before
    assert "s1.purpose" not in stored.unchanged_since_rollover and "s1.target" in stored.unchanged_since_rollover
    entry = store.history(session.sheet_id)[-1]
    assert (entry.label, entry.note, entry.old, entry.new) == ("② 施策の目的", REVIEW_WORDS["history_note"],
                                                               before, before)
    # undo puts the tag back, and history says so too
    assert session.undo()
    assert "s1.purpose" in store.load(session.sheet_id).unchanged_since_rollover
    assert store.history(session.sheet_id)[-1].note == REVIEW_WORDS["history_undo"]
    assert session.redo()
    assert "s1.purpose" not in store.load(session.sheet_id).unchanged_since_rollover
    store.close()


def test_a_whole_section_at_once_is_one_step(tmp_path: Path, standard_form) -> None:
    store, session = _rolled(tmp_path, standard_form)
    s5 = session.carried_over("s5")
    assert s5 == ["s5.situation", "s5.opinions", "s5.comparison", "s5.current_work", "s5.planned_work"]
    session.mark_reviewed(s5)
    assert session.carried_over("s5") == [] and session.carried_over("s1") == ["s1.target", "s1.purpose"]
    assert len(session.undo_steps) == 1
    session.undo()
    assert store.load(session.sheet_id).unchanged_since_rollover >= set(s5)
    store.close()


def test_a_final_sheet_refuses_and_stays_as_it_was(tmp_path: Path, standard_form) -> None:
    store, session = _rolled(tmp_path, standard_form)
    session.set_status(Status.FINAL)
    try:
        session.mark_reviewed(["s1.purpose"])
        raise AssertionError("a 確定 sheet accepted a review mark")
    except EditRefused as exc:
        assert "確定" in str(exc)
    assert "s1.purpose" in store.load(session.sheet_id).unchanged_since_rollover
    store.close()


def test_rows_a_user_added_are_listed_in_the_papers_order(tmp_path: Path) -> None:
    """Family B's sample rolled over: the 事業 rows' carried texts come in the table's order (no crash)."""
    from sheetdesk.app.samples import sample_paths
    from sheetdesk.exchange import parse_document
    from sheetdesk.forms import default_registry

    registry = default_registry()
    path = next(p for p in sample_paths() if p.name == "family-b-kyodo-2023.json")
    [sheet] = parse_document(path.read_bytes(), path.name, registry)
    form = registry.get(sheet.form_id, sheet.form_version)
    store = SheetStore.open(tmp_path / "rows.sqlite3", registry=registry)
    stored = store.add(roll_over(form, sheet))
    session = SheetSession(store, form, store.load(stored.id))  # type: ignore[arg-type]
    listed = session.carried_over()
    names = [p for p in listed if p.endswith(".name") and ".projects." in p]
    assert len(names) >= 10  # every 事業 row's name is carried over, to be reviewed
    paper = [p for p in form.fields(sheet.context, sheet.values) if p in set(listed)]
    assert listed == paper
    store.close()
