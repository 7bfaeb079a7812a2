"""The ruled cells of a PDF page: pdfplumber's table finder, its cell search indexed.

pdfplumber finds a page's edges and where they cross; its cell search
(``intersections_to_cells``) then scans every later crossing of the page for
each crossing and rebuilds the edge sets of both points at each comparison,
which is quadratic in the crossings: a 方眼紙 sheet has about a thousand, and
that search cost as much as reading the page. The same search is done here on
crossings grouped by column and by row with each point's edges gathered
once, in the same order and with the same tests, so the cells are exactly
pdfplumber's (tests/ingest/test_pdf_cells.py compares them on every page of
the foreign and our own PDFs). Tables (``cells_to_tables``) are not built:
the reader needs cells only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from pdfplumber.page import Page
from pdfplumber.table import TableFinder, TableSettings, edges_to_intersections
from pdfplumber.utils.geometry import obj_to_bbox

Point = tuple[float, float]
Cell = tuple[float, float, float, float]


class _CellFinder(TableFinder):
    """pdfplumber's TableFinder up to its crossings; the cells from ``cells_at``."""

    def __init__(self, page: Page, settings: dict[str, Any]) -> None:
        self.page = page
        self.settings = TableSettings.resolve(settings)
        self.edges = self.get_edges()
        self.intersections = edges_to_intersections(
            self.edges, self.settings.intersection_x_tolerance, self.settings.intersection_y_tolerance)
        self.cells = cells_at(self.intersections)
        self.tables = []


def ruled_cells(page: Page, settings: dict[str, Any]) -> list[Cell]:
    """The cells pdfplumber's ``TableFinder(page, settings).cells`` gives, found without its quadratic scan."""
    return _CellFinder(page, settings).cells


def cells_at(intersections: dict[Point, dict[str, list[dict]]]) -> list[Cell]:
    """``pdfplumber.table.intersections_to_cells``, with the points below and right of each point indexed.

    For each crossing in (x, top) order, the smallest cell it opens: the first
    crossing below it joined by a vertical edge, with the first crossing right
    of it joined by a horizontal edge whose bottom-right corner is a crossing
    joined to both.
    """
    vertical = {p: {obj_to_bbox(e) for e in edges["v"]} for p, edges in intersections.items()}
    horizontal = {p: {obj_to_bbox(e) for e in edges["h"]} for p, edges in intersections.items()}
    points = sorted(intersections)
    columns: dict[float, list[Point]] = defaultdict(list)
    rows: dict[float, list[Point]] = defaultdict(list)
    for p in points:  # in sorted order: a column's points by top, a row's by x
        columns[p[0]].append(p)
        rows[p[1]].append(p)
    below_from: dict[Point, int] = {}  # where a point's successors start in its column, and in its row
    right_from: dict[Point, int] = {}
    for column in columns.values():
        below_from.update((p, i + 1) for i, p in enumerate(column))
    for row in rows.values():
        right_from.update((p, j + 1) for j, p in enumerate(row))

    cells: list[Cell] = []
    for pt in points:
        below = (b for b in columns[pt[0]][below_from[pt]:] if not vertical[pt].isdisjoint(vertical[b]))
        right = _Remembered(r for r in rows[pt[1]][right_from[pt]:] if not horizontal[pt].isdisjoint(horizontal[r]))
        corners = ((r[0], b[1]) for b in below for r in right)
        cell = next(((*pt, *c) for c in corners if c in intersections
                     and not vertical[c].isdisjoint(vertical[(c[0], pt[1])])
                     and not horizontal[c].isdisjoint(horizontal[(pt[0], c[1])])), None)
        if cell is not None:
            cells.append(cell)
    return cells


class _Remembered:
    """An iterable over a generator's items that computes each once, however often it is iterated."""

    def __init__(self, items: Iterator[Point]) -> None:
        self._items = items
        self._seen: list[Point] = []

    def __iter__(self) -> Iterator[Point]:
        n = 0
        while True:
            if n == len(self._seen):
                item = next(self._items, None)
                if item is None:
                    return
                self._seen.append(item)
            yield self._seen[n]
            n += 1
