"""A layout indexed by larger squares finds the very boxes the one-bucket index finds, on real pages.

The boxes are those of LibreOffice's prints of the 方眼紙 test workbooks and
of the city-style PDFs in ../shared/foreign; the points are a fine grid over
every page, each box's centre, and points a hair inside and outside each edge
(where a bucket's border decides).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sheetdesk.ingest.boxes import Box, Layout
from sheetdesk.ingest.pdf_foreign import BUCKET, INDEX_GROUP, read_pdf_boxes

SHARED = Path(__file__).resolve().parents[3] / "shared" / "foreign"


def _points(boxes: list[Box]) -> list[tuple[float, float]]:
    points = [(b.xc, b.yc) for b in boxes]
    for b in boxes:
        for dx in (-1e-7, 1e-7, -1e-5, 1e-5):
            points += [(b.x0 + dx, b.yc), (b.x1 + dx, b.yc), (b.xc, b.y0 + dx), (b.xc, b.y1 + dx)]
    pages = {int(b.y0 // 100_000) for b in boxes}
    for page in pages:
        points += [(x * 3.3, page * 100_000 + y * 3.3) for x in range(0, 300) for y in range(0, 300)]
    return points


def _same_answers(boxes: list[Box]) -> int:
    one, grouped = Layout(boxes, BUCKET), Layout(boxes, BUCKET, INDEX_GROUP)
    found = 0
    for x, y in _points(boxes):
        assert grouped.at(x, y) is one.at(x, y), (x, y)
        found += one.at(x, y) is not None
    for box in boxes:
        assert list(grouped.walk_right(box)) == list(one.walk_right(box))
        assert list(grouped.walk_down(box, limit=300)) == list(one.walk_down(box, limit=300))
    return found


@pytest.mark.parametrize("variant", ["kunitachi_like", "stacked_dates"])
def test_libreoffice_prints(foreign_pdf, variant) -> None:
    assert _same_answers(read_pdf_boxes(foreign_pdf[variant])) > 10_000


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/foreign is not on this machine")
def test_shared_city_print() -> None:
    assert _same_answers(read_pdf_boxes(SHARED / "kunitachi-2023-b.pdf")) > 10_000


def test_a_hair_past_a_bucket_border() -> None:
    """Edges a hair past a bucket's border, where the one-bucket index does not count the box in the next bucket."""
    from sheetdesk.ingest.result import SourceRef

    ref = SourceRef("hand.pdf", page=1)
    boxes = [Box(5.0, 5.0, 20.0000005, 15.0, "a", ref), Box(20.0000005, 5.0, 80.0, 15.0, "b", ref),
             Box(0.0, 0.0, 120.0, 80.0, "frame", ref), Box(5.0, 15.0, 20.0, 30.0000004, "c", ref)]
    one, grouped = Layout(boxes, BUCKET), Layout(boxes, BUCKET, INDEX_GROUP)
    probes = [(20.0000002, 10.0), (20.0000004, 10.0), (12.0, 30.0000002), (19.9999999, 10.0), (20.0000006, 10.0)]
    assert [grouped.at(x, y) for x, y in probes] == [one.at(x, y) for x, y in probes]
    assert one.at(20.0000002, 10.0) is boxes[2]  # the frame: "a" is not counted past 20 though it reaches 20.0000005
    assert one.at(12.0, 30.0000002) is boxes[2]
