"""The indexed cell search finds exactly the cells pdfplumber's own table finder finds, page by page.

Compared on PDFs this project did not lay out by hand for the purpose: the
city-style prints in ../shared/foreign, LibreOffice's prints of the 方眼紙
test workbooks, SheetDesk's own print of the sample, and a grid drawn here
with merged cells, a broken rule and stray strokes.
"""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from pdfplumber.table import TableFinder
from reportlab.pdfgen.canvas import Canvas

from sheetdesk.app.samples import sample_paths
from sheetdesk.exchange import parse_document
from sheetdesk.ingest.pdf_cells import ruled_cells
from sheetdesk.ingest.pdf_foreign import _TABLE_SETTINGS, _is_frame, _is_ruling
from sheetdesk.render import render_pdf

SHARED = Path(__file__).resolve().parents[3] / "shared" / "foreign"


def _rulings(page: pdfplumber.page.Page) -> pdfplumber.page.Page:
    """The page as the reader hands it to the cell search (rules only, no frames)."""
    return page.filter(lambda obj: _is_ruling(obj) and not _is_frame(obj))


def _same_cells_on_every_page(source: Path | bytes, *, frames: bool = False) -> int:
    """Both searches on each page's rules (and its frames too if ``frames``); the number of cells found."""
    opened = pdfplumber.open(io.BytesIO(source) if isinstance(source, bytes) else source)
    count = 0
    with opened as pdf:
        for page in pdf.pages:
            rules = page if frames else _rulings(page)
            theirs = TableFinder(rules, _TABLE_SETTINGS).cells
            assert ruled_cells(rules, _TABLE_SETTINGS) == theirs, f"page {page.page_number}"
            count += len(theirs)
    return count


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/foreign is not on this machine")
@pytest.mark.parametrize("name", ["kunitachi-2023-a.pdf", "kunitachi-2023-b.pdf"])
def test_shared_city_prints(name) -> None:
    assert _same_cells_on_every_page(SHARED / name) > 300


def test_libreoffice_prints_of_city_workbooks(foreign_pdf) -> None:
    for name, path in foreign_pdf.items():
        found = _same_cells_on_every_page(path)
        assert name == "other_form" or found > 300, name  # the other form's print has no rules at all


def test_our_own_print(registry, standard_form) -> None:
    path = next(p for p in sample_paths() if p.name == "kunitachi-2023.json")
    [sheet] = parse_document(path.read_bytes(), path.name, registry)
    pdf = render_pdf(standard_form, sheet, allow_overflow=True, registry=registry)
    # the reader takes our frames as cells as drawn; the search is compared on their edges all the same
    assert _same_cells_on_every_page(pdf, frames=True) > 100


def test_hand_drawn_grid_with_merged_cells_and_broken_rules() -> None:
    """A 5×4 grid: a merged cell, a rule with a gap, a rule stopping short, a lone stroke, a double rule."""
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=(400, 300))
    xs, ys = [20, 80, 140, 200, 260, 320], [20, 60, 100, 140, 180]
    for y in ys:
        if y == 100:
            c.line(20, y, 130, y)  # a gap between 130 and 150
            c.line(150, y, 320, y)
        else:
            c.line(20, y, 320, y)
    for x in xs:
        if x == 140:
            c.line(x, 20, x, 100)  # stops at the middle: the cells above are merged across it
        else:
            c.line(x, 20, x, 180)
    c.line(200, 181.5, 200, 240)  # a stroke going on above the grid
    c.line(30, 260, 90, 260)  # a lone rule
    c.line(20, 182, 320, 182)  # a second rule just above the top one
    c.rect(340, 40, 0.5, 100, stroke=1, fill=1)  # a thin rectangle used as a rule, apart from the grid
    c.showPage()
    c.save()
    assert _same_cells_on_every_page(buf.getvalue()) >= 15
