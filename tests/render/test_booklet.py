"""The booklet: cover, 目次, 一覧表, then every sheet in 施策番号 order with its 枚目 and page numbers."""

from __future__ import annotations

import pytest

from sheetdesk.exchange import parse_document
from sheetdesk.render import read_embedded_json
from sheetdesk.render.booklet import BookletCancelled, BookletOverflow, code_key, render_booklet
from sheetdesk.render.geometry import place
from sheetdesk.render.layout import layout_for

from .conftest import box_text, open_pdf, squash, variant

NAMES = {"10-1": "多文化共生社会の実現", "2-1": "地域コミュニティの活性化", "2-3": "多様な主体との協働によるまちづくり"}


@pytest.fixture
def items(standard_form, sample):
    return [(standard_form, variant(sample, code, name)) for code, name in NAMES.items()]


def test_booklet_order_contents_and_page_numbers(registry, standard_form, items) -> None:
    name_box = place(layout_for(standard_form), standard_form, items[0][1].context).by_path["header.measure_name"]
    seen: list[tuple[int, int]] = []
    pdf = render_booklet(items, progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    with open_pdf(pdf) as doc:
        texts = [squash(p.extract_text()) for p in doc.pages]
        names = [box_text(p, name_box.bbox) for p in doc.pages]
    assert len(texts) == 1 + 1 + 1 + 3 * 2
    assert "令和5年度施策マネジメントシート" in texts[0] and "国立市" in texts[0]
    toc, summary = texts[1], texts[2]
    assert toc.startswith("目次") and summary.startswith("一覧表")
    # 施策番号 order: 2-1, 2-3, 10-1, each with its 枚目 and first page
    assert toc.index("2-1") < toc.index("2-3") < toc.index("10-1")
    assert "地域コミュニティの活性化まちの振興課14" in toc and "多文化共生社会の実現まちの振興課38" in toc
    # issue 11 point 12: each grade prints as its code (4(1) E, 4(2) B, 6(2) C), the wordings once in a legend
    assert "地域コミュニティの活性化まちの振興課EBC" in summary
    assert summary.count("E：ほぼすべての目標が未達成であった") == 1 and "B：成果がどちらかと言えば向上した" in summary
    for n, (code, page) in enumerate((("2-1", 4), ("2-3", 6), ("10-1", 8)), start=1):
        first, second = texts[page - 1], texts[page]
        assert names[page - 1] == NAMES[code]
        for text, number in ((first, page), (second, page + 1)):
            assert f"－{'１２３'[n - 1]}枚目－" in text and text.endswith(str(number))
    embedded = parse_document(read_embedded_json(pdf), "book.pdf", registry)
    assert [s.values["header.measure_code"] for s in embedded] == ["2-1", "2-3", "10-1"]


def test_booklet_can_be_cancelled(items) -> None:
    with pytest.raises(BookletCancelled):
        render_booklet(items, cancelled=lambda: True)


def test_booklet_names_sheets_that_overflow(items) -> None:
    sheet = items[0][1]
    sheet.values["s4.reasons"] = sheet.text("s4.reasons") * 8
    with pytest.raises(BookletOverflow) as info:
        render_booklet(items)
    assert "10-1 多文化共生社会の実現" in str(info.value)
    assert render_booklet(items, allow_overflow=True).startswith(b"%PDF")


def test_codes_sort_naturally() -> None:
    assert sorted(["10-1", "2-10", "2-3", "1"], key=code_key) == ["1", "2-3", "2-10", "10-1"]
