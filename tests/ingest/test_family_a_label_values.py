"""A 施策・基本事業マネジメントシート workbook whose values are the form's own label words, read back.

Issue #9 (no wrong value unflagged, by construction), for the item-by-item reader of family A: a city
may name a 対象指標 「事業所」 (and count it in 事業所), call a 基本事業 「今後の課題」, or begin its 今後の
方向性 with the words of the 今後の課題 label. The cells cannot say whether such a box is a label or a
value, so the reader must neither take it for a label and read the box beyond it, nor end a table at it,
nor leave it out in silence: it reads it as the value and lists it for review with the reason.

The workbooks are the hand-typed seed 004 sheets of tests/ingest/family_a_workbook.py (both layouts);
the label words below are typed over a few of their cells here, by hand, as a person would type them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from ingest.family_a_workbook import NOT_PRINTED, as_sample, build, build_one_sheet, sample_values
from sheetdesk.ingest import ImportResult, read_file

# path: (page, cell on that page, value typed) -- each value the words of a label the sheet prints elsewhere
LABEL_WORDS: dict[str, tuple[int, str, str]] = {
    "s1.target": (1, "C8", "成果指標設定の考え方"),  # a text equal to another item's label
    "s1.target_indicators.2.name": (1, "M9", "事業所"),  # a 対象指標 named as the 役割分担 column 事業所
    "s1.target_indicators.2.unit": (1, "P9", "事業所"),  # ... and counted in it
    "s1.outcome.3.name": (1, "M18", "成果指標"),  # an indicator named as its table's header
    "header.lead.name": (1, "Q2", "施策関係課"),  # a record's cell: the label printed under its own
    "s2.projects.2.name": (1, "A34", "今後の課題"),  # a 基本事業 named as the label of 5's 今後の課題
    "s2.projects.1.indicators.2.name": (1, "H30", "成果指標"),  # a 基本事業's indicator named as its column
    "s3.status": (2, "L3", "この施策は、誰、何を対象としているか"),  # another item's explanation (対象's)
    "s4.roles.government": (2, "S15", "市民"),  # 行政's text: the label of the role beside it
    "s5.direction": (2, "Q20", "今後の課題（担い手の確保）を踏まえ、大学・企業との連携事業を重点的に進める。"),
}
# a label's words typed where a value stands before (in the file) the label itself
TWICE: dict[str, tuple[int, str, str]] = {
    "s5.summary": (2, "A20", "成果指標設定の考え方"),  # 1's label, again in 5
    "header.goal.name": (1, "D2", "施策主管課長"),  # the record's cell left of the label it repeats
}
# the boxes printing a label's words where the reader had to choose between label and value
DOUBTED = ("s1.target", "s1.target_indicators.2.name", "s1.target_indicators.2.unit", "s1.outcome.3.name",
           "header.lead.name", "s2.projects.2.name", "s3.status", "s4.roles.government", "s5.direction")



def _typed_over(built: Path, page2_offset: int | None, words: dict[str, tuple[int, str, str]] = LABEL_WORDS) -> Path:
    """The workbook with ``words`` typed into it (page 2 below page 1 when ``page2_offset`` is given)."""
    wb = load_workbook(built)
    sheets = wb.worksheets
    for page, cell, value in words.values():
        if page == 1 or page2_offset is None:
            sheets[page - 1][cell] = value
        else:
            col, row = cell[0], int(cell[1:])
            sheets[0][f"{col}{row + page2_offset}"] = value
    path = built.with_name("見出しと同じ値の" + built.name)
    wb.save(path)
    return path


def _read(layout: str, words: dict[str, tuple[int, str, str]], registry, folder: Path) -> ImportResult:
    if layout == "two_pages":
        path = _typed_over(build(folder / "施策7-2-1.xlsx"), None, words)
    else:
        path = _typed_over(build_one_sheet(folder / "施策7-2-1.xlsx"), 45, words)
    [result] = read_file(path, registry)
    return result


@pytest.fixture(scope="module", params=["two_pages", "one_sheet"])
def read_back(request, registry, tmp_path_factory) -> ImportResult:
    return _read(request.param, LABEL_WORDS, registry, tmp_path_factory.mktemp("a_labels"))


@pytest.fixture(scope="module", params=["two_pages", "one_sheet"])
def read_twice(request, registry, tmp_path_factory) -> ImportResult:
    return _read(request.param, TWICE, registry, tmp_path_factory.mktemp("a_twice"))


def _truth(words: dict[str, tuple[int, str, str]]) -> dict[str, object]:
    values = {p: v for p, v in sample_values().items() if p not in NOT_PRINTED}
    values.update({p: v for p, (_, _, v) in words.items()})
    return values


def _got(result: ImportResult) -> dict[str, object]:
    return {p: as_sample(v) for p, v in result.sheet.values.items()}


@pytest.fixture(scope="module", params=[(layout, name) for name in ("label_words", "twice")
                                        for layout in ("two_pages", "one_sheet")], ids="-".join)
def any_case(request, registry, tmp_path_factory) -> tuple[ImportResult, dict[str, object]]:
    layout, name = request.param
    words = LABEL_WORDS if name == "label_words" else TWICE
    return _read(layout, words, registry, tmp_path_factory.mktemp("a_case")), _truth(words)


def test_no_value_is_read_wrong_without_a_flag(any_case) -> None:
    result, truth = any_case
    flagged = set(result.needs_review())
    got = _got(result)
    wrong = {p: (got[p], truth.get(p)) for p in got if got[p] != truth.get(p) and p not in flagged}
    assert wrong == {}


def test_no_printed_value_is_left_out_in_silence(any_case) -> None:
    result, truth = any_case
    flagged = set(result.needs_review())
    got = _got(result)
    assert [p for p in truth if got.get(p) is None and p not in flagged] == []


def test_each_label_worded_value_is_read_as_typed_and_listed_for_review_with_its_reason(read_back) -> None:
    flagged = set(read_back.needs_review())
    got = _got(read_back)
    for path, (_, _, value) in LABEL_WORDS.items():
        assert got.get(path) == value, (path, got.get(path))
    for path in DOUBTED:
        assert path in flagged, path
        assert "見出しか値か決められません" in read_back.reason(path), (path, read_back.reason(path))
        assert f"「{LABEL_WORDS[path][2][:30]}" in read_back.reason(path)  # the box's own words, as typed
    # every review says why; nothing that was typed as the sheet shows is listed
    assert all(read_back.reasons.get(p) for p in flagged)
    assert flagged <= set(LABEL_WORDS), flagged - set(LABEL_WORDS)


def test_the_rows_after_a_label_worded_row_are_still_read(read_back) -> None:
    """A 対象指標 named 「事業所」 and a 基本事業 named 「今後の課題」 do not end their tables."""
    values = read_back.sheet.values
    v = sample_values()
    for path in ("s1.target_indicators.3.name", "s1.target_indicators.3.actual.2023", "s2.projects.3.name",
                 "s2.projects.3.indicators.2.actual.2023", "s2.projects.2.indicators.1.name",
                 "s2.projects.2.target"):
        assert as_sample(values.get(path)) == v[path], path
    assert values["s2.projects"] == ("1", "2", "3")


def test_a_label_worded_value_is_not_the_value_of_the_label_it_prints(read_back) -> None:
    """The 基本事業 named 「今後の課題」 is not where 5's 今後の課題 is: that is still read under its own label."""
    assert read_back.sheet.values.get("s5.issues") == sample_values()["s5.issues"]
    assert read_back.sheet.values.get("s1.rationale") == sample_values()["s1.rationale"]
    assert read_back.sheet.values.get("s4.roles.citizens") == sample_values()["s4.roles.citizens"]


def test_a_label_printed_twice_names_its_places(read_twice) -> None:
    """1's 成果指標設定の考え方 typed again as 5's 総括: the page cannot say which is the label. The value
    is read and flagged; the 意図 whose neighbour it is, and 成果指標設定の考え方, are read beside the
    label and flagged naming both places."""
    v = sample_values()
    values = read_twice.sheet.values
    flagged = set(read_twice.needs_review())
    assert values.get("s5.summary") == "成果指標設定の考え方"
    assert "見出しか値か決められません" in read_twice.reason("s5.summary")
    for path in ("s1.intent", "s1.rationale"):
        assert values.get(path) == v[path], path
        reason = read_twice.reason(path)
        assert path in flagged
        assert "「成果指標設定の考え方」が2か所" in reason and "A22、" in reason, reason
    # a record's cell repeating the label right of it: read and flagged; that label's own record still read
    assert values.get("header.goal.name") == "施策主管課長"
    assert "見出しか値か決められません" in read_twice.reason("header.goal.name")
    assert (values.get("header.lead.section"), values.get("header.lead.name")) == (
        v["header.lead.section"], v["header.lead.name"])
    assert flagged == {"s5.summary", "s1.intent", "s1.rationale", "header.goal.name"}
