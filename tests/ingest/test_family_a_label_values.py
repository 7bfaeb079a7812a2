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

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ingest.family_a_workbook import NOT_PRINTED, build, build_one_sheet, sample_values
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
# the boxes printing a label's words where the reader had to choose between label and value
DOUBTED = ("s1.target", "s1.target_indicators.2.name", "s1.target_indicators.2.unit", "s1.outcome.3.name",
           "header.lead.name", "s2.projects.2.name", "s3.status", "s4.roles.government", "s5.direction")


def _as_sample(value: object) -> object:
    """A read value in the sample file's JSON spelling (numbers as their digits, dates ISO, lists)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def _typed_over(built: Path, page2_offset: int | None) -> Path:
    """The workbook with LABEL_WORDS typed into it (page 2 below page 1 when ``page2_offset`` is given)."""
    wb = load_workbook(built)
    sheets = wb.worksheets
    for page, cell, value in LABEL_WORDS.values():
        if page == 1 or page2_offset is None:
            sheets[page - 1][cell] = value
        else:
            col, row = cell[0], int(cell[1:])
            sheets[0][f"{col}{row + page2_offset}"] = value
    path = built.with_name("見出しと同じ値の" + built.name)
    wb.save(path)
    return path


@pytest.fixture(scope="module", params=["two_pages", "one_sheet"])
def read_back(request, registry, tmp_path_factory) -> ImportResult:
    folder = tmp_path_factory.mktemp("a_labels")
    if request.param == "two_pages":
        path = _typed_over(build(folder / "施策7-2-1.xlsx"), None)
    else:
        path = _typed_over(build_one_sheet(folder / "施策7-2-1.xlsx"), 45)
    [result] = read_file(path, registry)
    return result


@pytest.fixture(scope="module")
def truth() -> dict[str, object]:
    values = {p: v for p, v in sample_values().items() if p not in NOT_PRINTED}
    values.update({p: v for p, (_, _, v) in LABEL_WORDS.items()})
    return values


def _got(result: ImportResult) -> dict[str, object]:
    return {p: _as_sample(v) for p, v in result.sheet.values.items()}


def test_no_value_is_read_wrong_without_a_flag(read_back, truth) -> None:
    flagged = set(read_back.needs_review())
    got = _got(read_back)
    wrong = {p: (got[p], truth.get(p)) for p in got if got[p] != truth.get(p) and p not in flagged}
    assert wrong == {}


def test_no_printed_value_is_left_out_in_silence(read_back, truth) -> None:
    flagged = set(read_back.needs_review())
    got = _got(read_back)
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
        assert _as_sample(values.get(path)) == v[path], path
    assert values["s2.projects"] == ("1", "2", "3")


def test_a_label_worded_value_is_not_the_value_of_the_label_it_prints(read_back) -> None:
    """The 基本事業 named 「今後の課題」 is not where 5's 今後の課題 is: that is still read under its own label."""
    assert read_back.sheet.values.get("s5.issues") == sample_values()["s5.issues"]
    assert read_back.sheet.values.get("s1.rationale") == sample_values()["s1.rationale"]
    assert read_back.sheet.values.get("s4.roles.citizens") == sample_values()["s4.roles.citizens"]
