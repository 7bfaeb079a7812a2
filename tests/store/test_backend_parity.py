"""SQLite and PostgreSQL refuse (or accept) the same values, with the same Japanese words (issue 10, point 3).

The harness of the issue, kept as tests: the same hostile sheet goes to
both backends (the ``store`` fixture runs every test on each) and the
message is asserted word for word, so a backend that refuses differently
(PostgreSQL's NUL, its column lengths, its index limits) fails here. Then
the other half: whatever SQLite kept, its export loads into PostgreSQL as
the same sheet.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from store_sample import dump, full_sheet

from sheetdesk.app.services import export_json
from sheetdesk.exchange import parse_document
from sheetdesk.store import Change, InvalidChangeError, SheetStore
from sheetdesk.store.door import ValueRefused


def _kanji(n: int, seed: int = 1) -> str:
    """Kanji that do not compress: a long repeated character would hide an index limit."""
    rnd = random.Random(seed)
    return "".join(chr(rnd.randrange(0x4E00, 0x9FFF)) for _ in range(n))


SITUATION = "(1) 施策を取り巻く状況（対象者や根拠法令等）はどう変化しているか？"  # s5.situation's label
REFUSED = {  # field -> (value, what the person reads)
    "NUL": ("s1.purpose", "地域の\x00課題", "「② 施策の目的」に使えない文字（U+0000、4文字目）が含まれています。"),
    "lone surrogate": ("s1.purpose", "地域の\ud800課題", "「② 施策の目的」に使えない文字（U+D800、4文字目）が含まれています。"),
    "non-character": ("s5.situation", "自治会\uffff", f"「{SITUATION}」に使えない文字（U+FFFF、4文字目）が含まれています。"),
    "code too long": ("header.measure_code", "1" * 101, "「施策番号」が長すぎます（101文字。100文字まで）"),
    "section too long": ("header.lead_section", _kanji(201), "「施策統括課」が長すぎます（201文字。200文字まで）"),
    # PostgreSQL's b-tree index on 政策名 refused ~900 incompressible kanji (ProgramLimitExceeded); SQLite kept them
    "policy too long": ("header.policy_name", _kanji(1000), "「政策名」が長すぎます（1,000文字。200文字まで）"),
    "text too long": ("s5.situation", _kanji(32_001), f"「{SITUATION}」が長すぎます（32,001文字。32,000文字まで）"),
}
ACCEPTED = {  # at the limits: both keep them
    "code of 100": ("header.measure_code", "1" * 100),
    "section of 200": ("header.lead_section", _kanji(200, 2)),
    "policy of 200": ("header.policy_name", _kanji(200, 3)),
    "measure name of 32,000": ("header.measure_name", _kanji(32_000, 4)),
    "text of 32,000": ("s5.situation", _kanji(32_000, 5)),
    "emoji and tab": ("s1.purpose", "地域😀の\t課題"),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_both_backends_refuse_the_same_value_with_the_same_words(store, case) -> None:
    path, value, message = REFUSED[case]
    store.add(full_sheet(code="1"))
    before = dump(store)
    sheet = full_sheet(code="2")
    sheet.values[path] = value
    with pytest.raises(ValueRefused) as added:
        store.add(sheet)
    with pytest.raises(ValueRefused) as imported:
        store.import_sheets([full_sheet(code="3"), sheet])
    assert str(added.value).startswith(message) and str(imported.value).startswith(message)
    assert dump(store) == before


@pytest.mark.parametrize("case", list(REFUSED))
def test_an_edit_the_other_backend_would_refuse_is_refused_here_too(store, case) -> None:
    path, value, message = REFUSED[case]
    stored = store.add(full_sheet(code="1"))
    before = dump(store)
    with pytest.raises(ValueRefused) as refused:
        store.apply(stored.id, stored.version, [Change(path, value)])
    assert str(refused.value).startswith(message)
    assert dump(store) == before


@pytest.mark.parametrize("case", list(ACCEPTED))
def test_both_backends_keep_a_value_at_the_limit_as_it_was(store, case) -> None:
    path, value = ACCEPTED[case]
    sheet = full_sheet(code="2" if path != "header.measure_code" else value)
    sheet.values[path] = value
    stored = store.add(sheet)
    assert store.load(stored.id).values[path] == value


# --- whatever SQLite kept, its export loads into PostgreSQL ---------------------------------------------------

@pytest.fixture(scope="module")
def both(pg_server, tmp_path_factory) -> Iterator[tuple[SheetStore, SheetStore]]:  # type: ignore[no-untyped-def]
    """A SQLite file and a PostgreSQL database, open for the whole property test."""
    from sheetdesk.forms import FormRegistry

    registry = FormRegistry()
    lite = SheetStore.open(str(tmp_path_factory.mktemp("parity") / "city.sqlite3"), registry=registry)
    pg = SheetStore.open(pg_server.create_database("parity_export"), registry=registry)
    yield lite, pg
    lite.close()
    pg.close()


_codes = iter(range(10_000, 99_999))
anything = st.text(st.characters(codec="utf-8"), max_size=40)  # controls, surrogates, non-characters included
# around the column limits (100, 200 characters) and PostgreSQL's index entry (~900 kanji), incompressible
lengths = st.one_of(st.sampled_from([99, 100, 101, 199, 200, 201]), st.integers(800, 1500))
long_kanji = st.tuples(lengths, st.integers(0, 2**32)).map(lambda t: _kanji(*t))
FIELDS = ["header.measure_code", "header.measure_name", "header.policy_name", "header.lead_section",
          "header.lead_head", "s1.purpose", "outcome.1.a.name"]


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(field=st.sampled_from(FIELDS), text=st.one_of(anything, long_kanji), purpose=anything)
@example(field="header.policy_name", text=_kanji(1000, 7), purpose="")  # past the index entry: always tried
@example(field="header.lead_section", text=_kanji(1000, 8), purpose="\x00")
def test_what_sqlite_kept_its_export_loads_into_postgresql(both, registry, field, text, purpose) -> None:
    lite, pg = both
    sheet = full_sheet(code=str(next(_codes)))
    sheet.values["s1.purpose"] = purpose
    sheet.values[field] = text if field != "header.measure_code" else f"{next(_codes)}{text}"
    try:
        stored = lite.add(sheet)
    except ValueRefused as refused:
        with pytest.raises(ValueRefused) as there:
            pg.add(sheet)
        assert str(there.value) == str(refused)
        return
    except InvalidChangeError:  # an empty 施策番号 or 基本施策名: asked for, on both
        with pytest.raises(InvalidChangeError):
            pg.add(sheet)
        return
    assert stored.id is not None
    [back] = parse_document(export_json(lite, registry, [stored.id]).encode("utf-8"), "export.json", registry)
    [pg_id] = pg.import_sheets([back])
    loaded = pg.load(pg_id)
    assert loaded.values == back.values and loaded.overrides == back.overrides
    assert loaded.values == lite.load(stored.id).values


@pytest.mark.parametrize("role, label", [("header.measure_code", "施策番号"), ("header.measure_name", "基本施策名")])
def test_a_sheet_without_its_code_or_name_is_refused_at_the_door_on_either_backend(store, role, label) -> None:
    """The exchange reader asks for both, so the store keeps no sheet without either: its export would load nowhere."""
    kept = store.add(full_sheet(code="1"))
    before = dump(store)
    sheet = full_sheet(code="2")
    sheet.values[role] = "　"
    message = f"「{label}」を入力してください（シートを見分けるために必要です）"
    with pytest.raises(InvalidChangeError, match=message):
        store.add(sheet)
    with pytest.raises(InvalidChangeError, match=message):
        store.import_sheets([full_sheet(code="3"), sheet])
    with pytest.raises(InvalidChangeError, match=message):
        store.apply(kept.id, kept.version, [Change(role, None)])
    assert dump(store) == before
