"""Stale overrides (issue 11, point 11): flagged when later numbers contradict them, not when chosen against them.

Real SQLite files, the store's own history; the numbers are seed 000's
(shared/seeds/000_…: 自治会・町内会加入率, 目標 34.0 and 実績 23.3 in 令和5年度,
26.4 the year before).
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

from sheetdesk.app.editing import SheetSession, new_sheet
from sheetdesk.app.overrides import UNKNOWN, setting_version
from sheetdesk.glossary import Achievement, Comparison
from sheetdesk.model import Plan
from sheetdesk.store import SheetStore

PLAN = Plan("国立市", "第２次基本計画", 2020, 2027)
MEASURE = {"code": "1-1", "name": "地域コミュニティ・課題解決型コミュニティ活動の促進", "policy": "地域・安全",
           "section": "市民協働推進課"}
ROW = "outcome.1.a"
ACHIEVEMENT, COMPARISON = f"{ROW}.achievement", f"{ROW}.comparison"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _opened(tmp_path: Path, standard_form) -> tuple[SheetStore, SheetSession]:
    store = SheetStore.open(tmp_path / "overrides.sqlite3")
    stored = store.add(new_sheet(standard_form, PLAN, 2023, MEASURE))
    session = SheetSession(store, standard_form, store.load(stored.id))  # type: ignore[arg-type]
    session.edit(f"{ROW}.name", "自治会・町内会加入率")
    session.edit(f"{ROW}.unit", "％")
    return store, session


def _reopened(store: SheetStore, session: SheetSession) -> SheetSession:
    assert session.close()
    return SheetSession(store, session.form, store.load(session.sheet_id))


def test_an_override_chosen_before_the_actual_is_stale_once_it_comes_and_stays_so_after_reopening(
        tmp_path: Path, standard_form) -> None:
    store, session = _opened(tmp_path, standard_form)
    session.edit(f"{ROW}.target.2023", Decimal("34.0"))
    session.edit(ACHIEVEMENT, Achievement.ACHIEVED, override=True)  # no 実績値 yet: nothing to disagree with
    assert not session.override_is_stale(ACHIEVEMENT)
    session = _reopened(store, session)
    session.edit(f"{ROW}.actual.2023", Decimal("23.3"))  # the 実績値 arrives another day
    assert session.computed[ACHIEVEMENT].computed is Achievement.NOT_ACHIEVED
    assert session.override_is_stale(ACHIEVEMENT)
    session = _reopened(store, session)
    assert session.override_is_stale(ACHIEVEMENT), "still said after reopening"
    store.close()


def test_an_override_chosen_against_the_same_numbers_is_a_decision_not_stale(tmp_path: Path, standard_form) -> None:
    store, session = _opened(tmp_path, standard_form)
    session.edit(f"{ROW}.actual.2022", Decimal("26.4"))
    session.edit(f"{ROW}.actual.2023", Decimal("23.3"))
    assert session.computed[COMPARISON].computed is Comparison.DECLINED
    session.edit(COMPARISON, Comparison.IMPROVED, override=True)  # the person knows better than the arithmetic
    assert not session.override_is_stale(COMPARISON)
    session = _reopened(store, session)
    assert not session.override_is_stale(COMPARISON), "nor after reopening"
    session.edit(f"{ROW}.actual.2023", Decimal("26.4"))  # a corrected 実績値: now 維持, which the choice never saw
    assert session.computed[COMPARISON].computed is Comparison.UNCHANGED
    assert session.override_is_stale(COMPARISON)
    session = _reopened(store, session)
    assert session.override_is_stale(COMPARISON)
    # choosing again, against the numbers as they are now, is a new decision
    session.edit(COMPARISON, Comparison.DECLINED, override=True)
    session.edit(COMPARISON, Comparison.IMPROVED, override=True)
    assert not session.override_is_stale(COMPARISON)
    assert not _reopened(store, session).override_is_stale(COMPARISON)
    store.close()


def test_dropping_a_stale_override_and_undoing_brings_the_notice_back_also_after_reopening(
        tmp_path: Path, standard_form) -> None:
    store, session = _opened(tmp_path, standard_form)
    session.edit(f"{ROW}.target.2023", Decimal("34.0"))
    session.edit(ACHIEVEMENT, Achievement.ACHIEVED, override=True)
    session.edit(f"{ROW}.actual.2023", Decimal("23.3"))
    session.edit(ACHIEVEMENT, None, override=True)  # 上書きをやめる
    assert not session.override_is_stale(ACHIEVEMENT)
    assert session.undo()
    assert session.sheet.overrides[ACHIEVEMENT] is Achievement.ACHIEVED
    assert session.override_is_stale(ACHIEVEMENT)
    assert _reopened(store, session).override_is_stale(ACHIEVEMENT)
    store.close()


def test_an_override_imported_with_its_numbers_is_not_stale(tmp_path: Path, standard_form) -> None:
    store = SheetStore.open(tmp_path / "imported.sqlite3")
    sheet = new_sheet(standard_form, PLAN, 2023, MEASURE)
    sheet.values |= {f"{ROW}.name": "自治会・町内会加入率", f"{ROW}.target.2023": Decimal("34.0"),
                     f"{ROW}.actual.2023": Decimal("23.3")}
    sheet.overrides[ACHIEVEMENT] = Achievement.ACHIEVED  # as the city's file had it
    stored = store.add(sheet)
    session = SheetSession(store, standard_form, store.load(stored.id))  # type: ignore[arg-type]
    assert session.computed[ACHIEVEMENT].overridden
    assert not session.override_is_stale(ACHIEVEMENT)
    session.edit(f"{ROW}.target.2023", Decimal("20.0"))  # now 達成: the override agrees, nothing to say
    assert not session.override_is_stale(ACHIEVEMENT)
    store.close()


def test_every_fixture_database_still_opens_with_its_overrides_judged(tmp_path: Path, registry) -> None:
    files = sorted(FIXTURES.rglob("*.sqlite3"))
    assert files
    judged = 0
    for original in files:
        copy = tmp_path / original.name
        shutil.copy(original, copy)
        with SheetStore.open(copy, registry=registry) as store:
            for summary in store.list():
                sheet = store.load(summary.id)
                session = SheetSession(store, registry.get(sheet.form_id, sheet.form_version), sheet)
                for path in sheet.overrides:
                    session.override_is_stale(path)  # answers from the stored history, without error
                    assert session._override_bases()[path] is not UNKNOWN
                    judged += 1
    assert judged, "the fixtures hold an override (round 1's has one, with no history)"


def _entry(version: int, old: object, new: object) -> SimpleNamespace:
    return SimpleNamespace(version=version, old=old, new=new)


def test_the_version_that_set_an_override() -> None:
    done, undone = Achievement.ACHIEVED, Achievement.NOT_ACHIEVED
    assert setting_version(done, []) == 1  # came with the sheet
    assert setting_version(done, [_entry(4, None, done)]) == 4
    assert setting_version(done, [_entry(4, undone, done)]) == 4
    # dropped at 6 and brought back at 7 (undo): still the choice of version 4
    assert setting_version(done, [_entry(4, None, done), _entry(6, done, None), _entry(7, None, done)]) == 4
    assert setting_version(done, [_entry(3, None, undone), _entry(5, undone, None), _entry(8, None, done)]) == 8
    assert setting_version(done, [_entry(6, done, None), _entry(7, None, done)]) == 1  # imported, dropped, undone
