"""Issue 9 point 2, by construction: over generated city layouts, no stored value differs from the truth unflagged.

The layouts (generated_layouts.py) move and reorder what a city moves and
reorders -- 3 shifted on the sheet, its tables and indicator blocks in
another order, series rows in any order, slot labels merged, split or per
row, spaced labels and synonyms, four kinds of year header, three ways of
typing numbers -- which change nothing a value means; and two mutations
that do (a block's numbers shifted off their year columns, two year headers
swapped). The import may give a value right, flag it (with a reason), or
leave it out; never a different value unflagged, never a value the layout
does not hold.
"""

from __future__ import annotations

import dataclasses
import itertools

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ingest.city_layouts import write
from ingest.generated_layouts import OUTCOMES, SERIES_WORDS, Choices, build, layout_truth, values_equal
from sheetdesk.ingest import read_file

choices = st.builds(
    Choices,
    col=st.integers(36, 60),
    row=st.integers(1, 6),
    tables=st.permutations(["targets", "outcomes"]).map(tuple),
    gap=st.integers(0, 2),
    blocks=st.permutations(list(OUTCOMES)).map(tuple),
    series=st.permutations(list(SERIES_WORDS)).map(tuple),
    words=st.tuples(st.integers(0, 2), st.integers(0, 1), st.integers(0, 1), st.integers(0, 2)),
    slots=st.sampled_from(["merged", "split", "own"]),
    years=st.sampled_from(["R", "reiwa", "reiwa_fullwidth", "date"]),
    numbers=st.sampled_from(["number", "text", "fullwidth"]),
    shift=st.one_of(st.just(("", 0)), st.tuples(st.sampled_from(OUTCOMES), st.integers(1, 3))),
    swap_years=st.one_of(st.just(-1), st.integers(0, 6)),
)
_files = itertools.count()
PLAIN = Choices(col=40, row=1, tables=("targets", "outcomes"), gap=0, blocks=OUTCOMES,
                series=("trend", "target", "actual"), words=(0, 0, 0), slots="merged", years="reiwa",
                numbers="number")


def wrong_unflagged(result, truth: dict[str, object]) -> dict[str, object]:  # type: ignore[no-untyped-def]
    flagged = set(result.needs_review())
    values = result.sheet.values
    out: dict[str, object] = {p: (values[p], v) for p, v in truth.items()
                              if p in values and p not in flagged and not values_equal(values[p], v)}
    out |= {p: (v, "not in the layout") for p, v in values.items() if p not in truth and p not in flagged
            and not p.endswith(".direction")}
    out |= {p: "flagged without a reason" for p in flagged if not result.reason(p)}
    return out


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ch=choices)
@example(ch=PLAIN)
@example(ch=Choices(col=57, row=6, tables=("outcomes", "targets"), gap=2, blocks=tuple(reversed(OUTCOMES)),
                    series=("actual", "trend", "target"), words=(1, 1, 1, 1), slots="split", years="date",
                    numbers="fullwidth"))
def test_no_generated_layout_gives_a_wrong_value_unflagged(ch, registry, tmp_path_factory) -> None:
    path = write(build(ch), tmp_path_factory.getbasetemp() / f"generated-{next(_files)}.xlsx")
    [result] = read_file(path, registry)
    assert wrong_unflagged(result, layout_truth()) == {}, ch.describe()


def test_the_plain_generated_layout_comes_in_whole(registry, tmp_path) -> None:
    """The control: without moves, every value of the layout is read, so the property above is not vacuous."""
    [result] = read_file(write(build(PLAIN), tmp_path / "plain.xlsx"), registry)
    truth = layout_truth()
    values = result.sheet.values
    assert {p for p in truth if not values_equal(values.get(p), truth[p])} == set()
    assert {p for p in result.needs_review() if p in truth} == set()


def test_a_block_shifted_off_its_year_columns_is_flagged_with_the_reason(registry, tmp_path) -> None:
    ch = dataclasses.replace(PLAIN, shift=("outcome.1.b", 2))
    [result] = read_file(write(build(ch), tmp_path / "shifted.xlsx"), registry)
    shifted = {p for p in layout_truth() if p.startswith("outcome.1.b.") and p[-4:].isdigit()}
    assert shifted <= set(result.needs_review()) | ({*layout_truth()} - set(result.sheet.values))
    assert shifted & set(result.needs_review())
    assert wrong_unflagged(result, layout_truth()) == {}


def test_year_headers_out_of_order_leave_their_tables_out_and_say_where(registry, tmp_path) -> None:
    ch = dataclasses.replace(PLAIN, swap_years=3)  # 令和5年度 and 令和6年度 swapped in every table
    [result] = read_file(write(build(ch), tmp_path / "swapped.xlsx"), registry)
    assert wrong_unflagged(result, layout_truth()) == {}
    assert not any(p.startswith(("cost.", "outcome.", "target.")) and p[-4:].isdigit() for p in result.sheet.values)
    said = [w for w in result.warnings if "年度の見出し" in w]
    assert said and said[0].startswith("表面!")
    assert "令和4年度、令和6年度、令和5年度、令和7年度" in said[0] and "取り込みませんでした" in said[0]


@pytest.mark.parametrize("words", [(1, 0, 0, 1), (2, 1, 1, 2)], ids=["成行値・見込値", "spaced"])
def test_synonyms_and_spaced_series_labels_come_in_whole(registry, tmp_path, words) -> None:
    ch = dataclasses.replace(PLAIN, words=words)
    [result] = read_file(write(build(ch), tmp_path / "words.xlsx"), registry)
    truth = layout_truth()
    assert {p for p in truth if not values_equal(result.sheet.values.get(p), truth[p])} == set()
    assert {p for p in result.needs_review() if p in truth} == set()
