"""A page as boxes with positions: what both the workbook and the PDF reader produce.

A foreign sheet is read by geometry, not by coordinates: a value is the box
right of (or below) its label, a table cell is where a row label's band
meets a year column. A workbook gives boxes in cell units (a merged range is
one box), a PDF in points (a ruled cell is one box); pages or worksheets are
stacked vertically far apart so that no neighbour search crosses them.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from sheetdesk.glossary import LABEL_DOUBT_WORDS
from sheetdesk.ingest.result import SourceRef

PAGE_OFFSET = 100_000.0  # vertical distance between stacked pages / worksheets

_CUT = re.compile(r"\([^()]{3,}\)|\*|※")


def key(text: str) -> str:
    """Text for matching only: NFKC (full-width digits, brackets), no white space.

    ``str.split()`` splits at exactly the characters ``\\s`` matches, and is the faster of the two.
    """
    return "".join(unicodedata.normalize("NFKC", text).split())


def head(k: str) -> str:
    """A label's key without its explanation: '1対象(誰、何を…)*人や…' -> '1対象'."""
    if "(" not in k and "*" not in k and "※" not in k:
        return k  # most keys: nothing _CUT could cut
    m = _CUT.search(k)
    return k[: m.start()] if m and m.start() >= 2 else k


def label_doubt(text: str) -> str:
    """Why a value is to be checked whose box prints a label's words (``text``, as typed)."""
    words = " ".join(text.split())
    return LABEL_DOUBT_WORDS["value_is_label"].format(text=words if len(words) <= 30 else words[:30] + "…")


def typed(text: str, part: str) -> str:
    """The words of ``text`` as typed whose key is ``part`` (a label's placeholder such as the plan's name)."""
    keys: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        for k in key(ch):
            keys.append(k)
            origin.append(i)
    pos = "".join(keys).find(part)
    if pos < 0 or not part:
        return part
    return text[origin[pos]: origin[pos + len(part) - 1] + 1]


@dataclass(eq=False, slots=True)
class Box:
    """One ruled box (merged range or PDF cell) or one loose piece of text."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str  # as typed; '' for an empty box
    ref: SourceRef
    raw: object = None  # the workbook's typed value (number, datetime, str) when there is one
    formula: str | None = None  # a workbook formula whose result was not stored
    confidence: float = 1.0  # how faithfully ``text`` reproduces what was typed
    note: str | None = None  # why a value read from this box is to be checked (set by a reader)
    key: str = field(init=False)

    def __post_init__(self) -> None:
        self.key = key(self.text)

    @property
    def xc(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def empty(self) -> bool:
        return not self.key and self.raw is None and self.formula is None


class Layout:
    """Boxes with a bucket index, for 'what is at this point' and 'what is right of / below'.

    ``bucket`` is the step of the walks and of the index; ``group`` buckets a
    side make one cell of the index's table (a page of 10 pt buckets is 5,000
    lists, which the garbage collector then walks again and again while the
    rest of the file is read). A point finds the same boxes either way: a box
    counts as in the buckets its edges span, as with one bucket a cell.
    """

    def __init__(self, boxes: list[Box], bucket: float, group: int = 1) -> None:
        self.boxes = boxes
        self.bucket = bucket
        self.group = group
        self._index: dict[tuple[int, int], list[Box]] = defaultdict(list)
        self.page_end: dict[int, float] = {}
        page_end, index = self.page_end, self._index
        b = bucket
        min_x = max_x = max_y = None  # the first box's, then the least and greatest met (min() and max() in line)
        for box in boxes:
            x0, x1, y0, y1 = box.x0, box.x1, box.y0, box.y1
            if min_x is None or max_x is None or max_y is None:
                min_x, max_x, max_y = x0, x1, y1
            else:
                if x0 < min_x:
                    min_x = x0
                if x1 > max_x:
                    max_x = x1
                if y1 > max_y:
                    max_y = y1
            page = int(y0 // PAGE_OFFSET)
            end = page_end.get(page, 0.0)
            page_end[page] = y1 if y1 > end else end
            # the buckets of _span, then the index's cells
            i0, i1 = int(x0 // b) // group, int((x1 - 1e-6) // b) // group
            j0, j1 = int(y0 // b) // group, int((y1 - 1e-6) // b) // group
            if i0 == i1 and j0 == j1:  # most boxes: one cell of the index
                index[(i0, j0)].append(box)
                continue
            for i in range(i0, i1 + 1):
                for j in range(j0, j1 + 1):
                    index[(i, j)].append(box)
        self.min_x = 0.0 if min_x is None else min_x
        self.max_x = 0.0 if max_x is None else max_x
        self.max_y = 0.0 if max_y is None else max_y

    def _span(self, box: Box) -> tuple[int, int, int, int]:
        """The first and last bucket the box spans, across and down."""
        b = self.bucket
        return int(box.x0 // b), int((box.x1 - 1e-6) // b), int(box.y0 // b), int((box.y1 - 1e-6) // b)

    def at(self, x: float, y: float) -> Box | None:
        """The smallest box containing the point."""
        b, group = self.bucket, self.group
        i, j = int(x // b), int(y // b)
        found = self._index.get((i // group, j // group))
        if not found:
            return None
        best: Box | None = None
        best_area = 0.0
        for box in found:
            if box.x0 <= x < box.x1 and box.y0 <= y < box.y1:
                if group > 1:
                    i0, i1, j0, j1 = self._span(box)
                    if not (i0 <= i <= i1 and j0 <= j <= j1):
                        continue  # as with one bucket a cell: a box ending a hair past a border is not in the next
                area = (box.x1 - box.x0) * (box.y1 - box.y0)
                if best is None or area < best_area:
                    best, best_area = box, area
        return best

    def walk_right(self, box: Box, y: float | None = None, limit: float = 1e9) -> Iterator[Box]:
        """Boxes met going right from ``box`` along y (its centre by default)."""
        y = box.yc if y is None else y
        x, seen = box.x1 + 1e-3, box
        end = box.x1 + limit
        while x < end:
            nxt = self.at(x, y)
            if nxt is None:
                x = (int(x // self.bucket) + 1) * self.bucket + 1e-3
                if x > self.max_x:
                    return
                continue
            if nxt is not seen:
                yield nxt
                seen = nxt
            x = nxt.x1 + 1e-3

    def walk_left(self, box: Box, y: float | None = None) -> Iterator[Box]:
        y = box.yc if y is None else y
        x = box.x0 - 1e-3
        while x > self.min_x:
            nxt = self.at(x, y)
            if nxt is None:
                x = int(x // self.bucket) * self.bucket - 1e-3
                continue
            yield nxt
            x = nxt.x0 - 1e-3

    def walk_down(self, box: Box, x: float | None = None, limit: float = 1e9) -> Iterator[Box]:
        x = box.xc if x is None else x
        y, end = box.y1 + 1e-3, box.y1 + limit
        end = min(end, self.page_end.get(int(box.y0 // PAGE_OFFSET), box.y1))  # never onto the next page
        while y < end:
            nxt = self.at(x, y)
            if nxt is None:
                y = (int(y // self.bucket) + 1) * self.bucket + 1e-3
                continue
            yield nxt
            y = nxt.y1 + 1e-3
