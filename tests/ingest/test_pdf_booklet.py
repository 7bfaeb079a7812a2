"""A booklet PDF without our embedded data gives every sheet, each read from its own pages.

Issue #9: a city's printed booklet of the standard layout (or ours copied page by page) was read as one
sheet and the others vanished without a word. Now each sheet comes back on its own, and pages that are
no sheet (cover, 目次, 一覧表) are named in a warning.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from ingest.booklet_pages import FOREIGN, joined, pages_only, sample, variants, wrong_unflagged
from sheetdesk.exchange import ExchangeError
from sheetdesk.ingest import read_file
from sheetdesk.ingest.pdf_booklet import page_spans
from sheetdesk.model import Sheet
from sheetdesk.render import render_booklet

SHEETS = 25
KUNITACHI = [FOREIGN / "kunitachi-2023-a.pdf", FOREIGN / "kunitachi-2023-b.pdf"]
needs_foreign = pytest.mark.skipif(not FOREIGN.is_dir(), reason="../shared/foreign is not on this machine")


@pytest.fixture(scope="module")
def made(registry, standard_form) -> list[Sheet]:
    return variants(standard_form, sample(registry), SHEETS)


@pytest.fixture(scope="module")
def booklet(made, standard_form, registry, tmp_path_factory) -> Path:
    data = render_booklet([(standard_form, s) for s in made], registry=registry)
    return pages_only(data, tmp_path_factory.mktemp("booklet") / "令和5年度施策評価冊子.pdf")


@pytest.fixture(scope="module")
def booklet_results(booklet, registry):
    return read_file(booklet, registry)


def test_booklet_without_its_data_gives_every_sheet_in_order(booklet_results, made, standard_form) -> None:
    assert len(booklet_results) == SHEETS
    names = [r.sheet.values.get("header.measure_name") for r in booklet_results]
    assert names == [s.values["header.measure_name"] for s in made]
    assert all(not r.exact and r.sheet.evaluation_year == 2023 for r in booklet_results)


def test_each_sheet_of_the_booklet_is_right_or_flagged(booklet_results, made, standard_form) -> None:
    wrong = {s.values["header.measure_name"]: bad for s, r in zip(made, booklet_results, strict=True)
             if (bad := wrong_unflagged(standard_form, s, r))}
    assert wrong == {}
    # each its own review: a value is looked up on its own sheet's pages
    pages = [sorted({ref.page for ref in r.sources.values() if ref.page}) for r in booklet_results]
    assert all(len(p) == 2 for p in pages)
    assert [p[0] for p in pages] == sorted(p[0] for p in pages) and len({p[0] for p in pages}) == SHEETS


def test_cover_contents_and_summary_pages_are_named_as_skipped(booklet, booklet_results) -> None:
    front = len(PdfReader(booklet).pages) - 2 * SHEETS  # every sample sheet prints on two pages
    assert front >= 3  # cover, 目次, 一覧表
    first = booklet_results[0].warnings
    assert any(f"1〜{front}ページ目" in w and "取り込みませんでした" in w for w in first), first
    assert f"{front + 1}〜{front + 2}ページ目" in first[1]
    assert not any("取り込みませんでした" in w for r in booklet_results[1:] for w in r.warnings)


@needs_foreign
def test_two_city_sheet_pdfs_joined_give_each_as_alone(registry, tmp_path) -> None:
    path = joined([(p, None) for p in KUNITACHI], tmp_path / "国立市_施策評価.pdf")
    results = read_file(path, registry)
    alone = [read_file(p, registry)[0] for p in KUNITACHI]
    assert len(results) == 2
    for got, one in zip(results, alone, strict=True):
        assert got.sheet.values == one.sheet.values
        assert got.needs_review() == one.needs_review()
        assert got.reasons == one.reasons
    assert {r.page for r in results[1].sources.values()} == {3, 4}  # the review shows the joined file's pages
    assert not any("取り込みませんでした" in w for r in results for w in r.warnings)


@needs_foreign
def test_a_page_that_is_no_sheet_between_sheets_is_named(registry, booklet, tmp_path) -> None:
    """Between the city's two sheets: our booklet's 目次 (it prints 基本施策名 too) and a blank page."""
    from pypdf import PdfWriter

    blank = PdfWriter()
    blank.add_blank_page(842, 595)
    with (tmp_path / "白紙.pdf").open("wb") as f:
        blank.write(f)
    path = joined([(KUNITACHI[0], None), (booklet, [1]), (tmp_path / "白紙.pdf", None), (KUNITACHI[1], None)],
                  tmp_path / "綴じたもの.pdf")
    results = read_file(path, registry)
    assert len(results) == 2
    assert any("3〜4ページ目" in w and "取り込みませんでした" in w for w in results[0].warnings)
    alone = read_file(KUNITACHI[1], registry)[0]
    assert results[1].sheet.values == alone.sheet.values
    assert {r.page for r in results[1].sources.values()} == {5, 6}


@needs_foreign
def test_one_city_sheet_reads_as_before(registry) -> None:
    [result] = read_file(KUNITACHI[0], registry)
    assert not any("枚目のシートとして" in w or "取り込みませんでした" in w for w in result.warnings)


def test_a_booklet_sheet_that_cannot_be_read_refuses_the_file_naming_its_pages(registry, booklet, tmp_path,
                                                                             monkeypatch) -> None:
    from sheetdesk.ingest import readers
    from sheetdesk.ingest.result import IngestError

    path = joined([(booklet, None)], tmp_path / "冊子.pdf")
    real = readers.read_as
    calls = []

    def failing_third(form, boxes, source, bucket, *, pdf=False):  # noqa: ANN001, ANN202
        calls.append(1)
        if len(calls) == 3:
            raise IngestError(source, "ファイル全体", "表の列が見つかりません")
        return real(form, boxes, source, bucket, pdf=pdf)

    monkeypatch.setattr(readers, "read_as", failing_third)
    with pytest.raises(ExchangeError) as caught:
        read_file(path, registry)
    front = len(PdfReader(booklet).pages) - 2 * SHEETS
    where = f"{front + 5}〜{front + 6}ページ目"
    assert caught.value.location == where and where in caught.value.message and "表の列が見つかりません" in caught.value.message


def test_page_spans_for_messages() -> None:
    assert page_spans([0]) == "1ページ目"
    assert page_spans([2, 3, 0, 6]) == "1ページ目、3〜4ページ目、7ページ目"


def test_a_text_printed_overflowing_is_read_without_the_mark_and_flagged(registry, standard_form, tmp_path) -> None:
    """A sheet printed 「あふれたまま」 holds only the start of that text: never taken as the whole, unflagged."""
    from sheetdesk.render import render_pdf

    sheet = sample(registry)
    purpose = str(sheet.values["s1.purpose"])
    sheet.values["s1.purpose"] = purpose * 8
    data = render_pdf(standard_form, sheet, allow_overflow=True, registry=registry)
    [result] = read_file(pages_only(data, tmp_path / "あふれ.pdf"), registry)
    assert "s1.purpose" in result.needs_review()
    assert "文字あふれ" in result.reason("s1.purpose")
    assert "▼" not in str(result.sheet.values.get("s1.purpose", ""))
    assert str(result.sheet.values["s1.purpose"]).startswith(purpose[:20].replace("\n", ""))
    assert wrong_unflagged(standard_form, sheet, result) == []
