"""A sheet whose values are the form's own label words, printed and read back by its pages alone.

Issue #9 (no wrong value unflagged, by construction): a city may name an indicator 「成り行き値」,
give a unit as 「対象指標」 or begin a 方針 with the words of another item's label. The page cannot
say whether such a box is a label or a value, so the reader must neither take it for a label and
read the box beside it, nor skip it in silence: it reads it as the value and lists it for review
with the reason, or leaves it out and says so.

The values below are typed here by hand, as a person would type them; the rest of the sheet is the
shipped sample (a published sheet). The sheet is printed with the text overflow mark allowed and its
pages are copied without the embedded JSON (tests/ingest/booklet_pages.py), so nothing but the page
is read.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from ingest.booklet_pages import pages_only, printed_values, sample, wrong_unflagged
from sheetdesk.ingest import ImportResult, read_file
from sheetdesk.model import Sheet
from sheetdesk.render import render_pdf

# value typed into the field -- each the words of a label the standard sheet prints elsewhere
LABEL_WORDS: dict[str, object] = {
    "header.lead_head": "成り行き値",  # 氏名's box: an indicator row's label
    "target.a.name": "（1）7年度の取組方針",  # ③'s 名称: the label of 7 (1) for a 令和5年度 sheet
    "target.b.unit": "千円",  # ③'s 単位: a word of the cost table's frame
    "outcome.1.a.name": "成り行き値",
    "outcome.1.a.unit": "対象指標",  # the other family's label, which 3 repeats left of this indicator's rows
    "outcome.1.b.note": "指標の説明又は出典元",  # the note's own label, as cities shorten it
    "s2.directions.1.name": "見込み値",  # the first 展開方向 named like a series row
    "s2.directions.2.purpose": "目的",  # the column's own header
    "s7.policy_next": "総合基本計画に照らして評価する（目的達成のための事務事業が適切か、事務事業の実施方法は"
                      "適切か）\n上記の観点から、自治会・町内会への加入促進を引き続き進める。",
    "s5.opinions": "（2）中期的な取組方針（概ね実施計画期間を想定）について、自治会から意見が寄せられている。",
}


@pytest.fixture(scope="module")
def typed(registry) -> Sheet:
    sheet = copy.deepcopy(sample(registry))
    sheet.values.update(LABEL_WORDS)  # type: ignore[arg-type]
    return sheet


@pytest.fixture(scope="module")
def read_back(typed, standard_form, registry, tmp_path_factory) -> ImportResult:
    data = render_pdf(standard_form, typed, allow_overflow=True, registry=registry)
    path = pages_only(data, tmp_path_factory.mktemp("labels") / "見出しと同じ値のシート.pdf")
    [result] = read_file(path, registry)
    return result


def test_no_value_is_read_wrong_without_a_flag(read_back, typed, standard_form) -> None:
    assert wrong_unflagged(standard_form, typed, read_back) == []


def test_no_printed_value_is_left_out_in_silence(read_back, typed, standard_form) -> None:
    flagged = set(read_back.needs_review())
    silent = [p for p, v in printed_values(standard_form, typed).items()
              if read_back.sheet.values.get(p) is None and p not in flagged]
    assert silent == []


def test_each_label_worded_value_is_read_as_typed_or_listed_for_review_with_its_reason(read_back) -> None:
    flagged = set(read_back.needs_review())
    for path, value in LABEL_WORDS.items():
        got = read_back.sheet.values.get(path)
        assert got == value or path in flagged, (path, got)
        if path in flagged:
            assert read_back.reasons.get(path), path  # the review says why, in words
    # the boxes that print a label's words exactly are read as the value and listed for review, saying so
    for path in ("header.lead_head", "target.a.name", "outcome.1.a.name", "s2.directions.1.name",
                 "s2.directions.2.purpose", "outcome.1.b.note"):
        assert read_back.sheet.values.get(path) == LABEL_WORDS[path]
        assert path in flagged
        assert "見出しか値か決められません" in read_back.reasons[path], read_back.reasons[path]


def test_a_label_printed_twice_names_its_places(read_back) -> None:
    """7 (1)'s label also stands in ③ and where 3 repeats ③'s name (a name typed so), both on page 1;
    the label itself is on page 2: which one is the label is for a person to say."""
    reason = read_back.reasons.get("s7.policy_next", "")
    assert "s7.policy_next" in read_back.needs_review()
    assert "（1）7年度の取組方針" in reason and "3か所" in reason and "1ページ目、2ページ目" in reason


def test_the_rows_after_a_label_worded_row_are_still_read(read_back, typed) -> None:
    """A 展開方向 named 「見込み値」 does not end the table: the rows after it come back as typed."""
    for n in ("2", "3"):
        assert read_back.sheet.values.get(f"s2.directions.{n}.name") == typed.values[f"s2.directions.{n}.name"]


def test_the_page_is_what_was_read(read_back) -> None:
    """Nothing but the pages: the source of a flagged value is a page of the file."""
    assert Path(read_back.sources["header.lead_head"].file).suffix == ".pdf"
    assert read_back.sources["header.lead_head"].page == 1


def test_a_booklet_of_generated_texts_printed_overflowing_has_no_value_wrong_or_silently_left_out(
        registry, standard_form, tmp_path) -> None:
    """generate_sheets recombines a published sheet's text, label words included (its seed is a page's text):
    the booklet bench's case, on a few sheets."""
    from sheetdesk.app.generate import generate_sheets
    from sheetdesk.render import render_booklet

    made = [s for s in generate_sheets(standard_form, 8 * 8, seed=7) if s.evaluation_year == 2023][:8]
    data = render_booklet([(standard_form, s) for s in made], allow_overflow=True, registry=registry)
    results = read_file(pages_only(data, tmp_path / "冊子.pdf"), registry)
    assert len(results) == len(made)
    for n, (source, result) in enumerate(zip(made, results, strict=True), 1):
        flagged = set(result.needs_review())
        assert wrong_unflagged(standard_form, source, result) == [], n
        assert [p for p in printed_values(standard_form, source)
                if result.sheet.values.get(p) is None and p not in flagged] == [], n
