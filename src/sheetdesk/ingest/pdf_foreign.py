"""Import a PDF of a known form by its labels: a city's print, or ours without its embedded data.

pdfplumber gives the words with their positions and the ruling lines; the
ruled cells (merged ranges print as one cell) and the framed boxes (each
box drawn as one stroked rectangle, as SheetDesk prints) become boxes
holding the words inside them, and extract.py reads the sheet by its labels
as for a workbook.

What a PDF cannot say exactly is where a typed line break was: a line whose
remaining room could not take the next line's first phrase is taken as
wrapped, one that could as a break, and a text where a line ends well short
of its box without a break is read with lower confidence so that a person
reviews it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from functools import cache
from pathlib import Path

import pdfplumber
from pdfplumber.page import Page

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.glossary import OVERFLOW_MARK
from sheetdesk.ingest.boxes import PAGE_OFFSET, Box, Layout
from sheetdesk.ingest.checks import check_pdf, no_text_error
from sheetdesk.ingest.extract import extract
from sheetdesk.ingest.pdf_cells import ruled_cells
from sheetdesk.ingest.result import ImportResult, IngestError, SourceRef

PDF_CONFIDENCE = 0.95  # a value read from page text: right characters, but not typed values
AMBIGUOUS_BREAK = 0.7  # a text where a line may or may not have been broken by hand
_BULLETS = set("◆◇・〇○●■□※")  # a line starting with one of these was begun by hand
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
BUCKET = 10.0  # points: a page's layout walks in steps of this
OVERFLOWED = 0.3  # a box printed with the 文字あふれ mark: the page holds only the start of its text
OVERFLOW_NOTE = f"印刷で文字があふれた欄です（{OVERFLOW_MARK}）。続きは印刷されていないため、全文を確かめてください"
INDEX_GROUP = 4  # a page's layout indexed by 40 pt squares (boxes.Layout): fewer lists for the collector to walk


def page_boxes(page: Page, index: int, source: str) -> list[Box]:
    """The ruled cells of one page with their text, plus text outside any cell.

    Characters, not words, are put into cells: pdfplumber joins the first
    lines of two neighbouring cells into one word when they touch.
    """
    off = index * PAGE_OFFSET
    framed = _framed_cells(page)
    found = ruled_cells(page.filter(lambda obj: _is_ruling(obj) and not _is_frame(obj)), _TABLE_SETTINGS)
    cells = [Box(x0, top + off, x1, bottom + off, "", SourceRef(source, page=index + 1, bbox=(
        round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)))) for x0, top, x1, bottom
        in [*found, *framed]]
    layout = Layout(cells, BUCKET, INDEX_GROUP)
    content: dict[int, list[dict]] = defaultdict(list)
    loose: list[dict] = []
    chars, marks = _split_overflow_marks(page.chars)
    overflowed = {id(cell) for ch in marks
                  if (cell := layout.at((ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2 + off))}
    for ch in chars:
        cell = layout.at((ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2 + off)
        if cell is None:
            loose.append(ch)
        else:
            content[id(cell)].append(ch)
    out: list[Box] = []
    for cell in cells:
        text, confidence = _cell_text(content.get(id(cell), []), cell.x0, cell.x1)
        note = None
        if id(cell) in overflowed:  # the mark may spill into its neighbour in a narrow box: both are checked
            confidence, note = min(confidence, OVERFLOWED), OVERFLOW_NOTE
        out.append(Box(cell.x0, cell.y0, cell.x1, cell.y1, text, cell.ref, raw=text or None, confidence=confidence,
                       note=note))
    for line in _lines([c for c in loose if c["text"].strip()]):
        for piece in _pieces(line):
            x0, top = min(c["x0"] for c in piece), min(c["top"] for c in piece)
            x1, bottom = max(c["x1"] for c in piece), max(c["bottom"] for c in piece)
            text = "".join(c["text"] for c in piece)
            ref = SourceRef(source, page=index + 1, bbox=(round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)))
            out.append(Box(x0, top + off, x1, bottom + off, text, ref, raw=text, confidence=PDF_CONFIDENCE))
    return out


def _split_overflow_marks(chars: list[dict]) -> tuple[list[dict], list[dict]]:
    """A page's characters, and apart from them those of the 文字あふれ marks.

    A mark is drawn in a colour of its own over a box's foot; its characters
    are those of the mark in the colour of a page's 「▼」, wherever the
    text around them puts them in reading order.
    """
    colours = {_colour(c) for c in chars if c["text"] == OVERFLOW_MARK[0]}
    if colours:  # never the colour of the page's text: a 「▼」 typed in a text stays part of it
        colours.discard(Counter(_colour(c) for c in chars).most_common(1)[0][0])
    if not colours:
        return chars, []
    letters = set(OVERFLOW_MARK)
    marks = [c for c in chars if c["text"] in letters and _colour(c) in colours]
    ids = {id(c) for c in marks}
    return [c for c in chars if id(c) not in ids], marks


def _colour(ch: dict) -> object:
    colour = ch.get("non_stroking_color")
    return tuple(colour) if isinstance(colour, list) else colour


def _is_ruling(obj: dict) -> bool:
    """Keep lines and line-thin rectangles; a shaded box's fill is drawn row by row and is no ruling."""
    if obj.get("object_type") == "rect":
        return min(obj["width"], obj["height"]) < 2
    return True


def _is_frame(obj: dict) -> bool:
    """A stroked rectangle of some size: a box drawn as one frame (as SheetDesk prints each box)."""
    return obj.get("object_type") == "rect" and bool(obj.get("stroke")) and min(obj["width"], obj["height"]) >= 2


def _framed_cells(page: Page) -> list[tuple[float, float, float, float]]:
    """Framed boxes as cells, exactly as drawn.

    Their edges are not handed to the table finder: it snaps edges closer
    than 3 pt together, which merges a box with the row under a thin spacer
    and so runs a label's neighbours (基本施策名 | name | 主な関係課 | …) into
    one cell. A frame that holds other frames is the sheet's border, no cell.
    """
    rects = sorted({(round(r["x0"], 2), round(r["top"], 2), round(r["x1"], 2), round(r["bottom"], 2))
                    for r in page.rects if _is_frame(r)})
    lefts = [r[0] for r in rects]  # sorted: a frame inside r starts between r's left and right edges
    eps = 0.5

    def holds_another(r: tuple[float, float, float, float]) -> bool:
        inside = rects[bisect_left(lefts, r[0] - eps): bisect_right(lefts, r[2] + eps)]
        return any(o != r and r[1] - eps <= o[1] and o[2] <= r[2] + eps and o[3] <= r[3] + eps for o in inside)

    return [r for r in rects if not holds_another(r)]


def _lines(chars: list[dict]) -> list[list[dict]]:
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda c: (c["top"], c["x0"])):
        if lines and abs(lines[-1][0]["top"] - ch["top"]) < (ch["bottom"] - ch["top"]) * 0.5:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


def _pieces(line: list[dict]) -> list[list[dict]]:
    """Split a line where the gap is wider than two characters (separate labels)."""
    out: list[list[dict]] = [[line[0]]]
    for a, b in zip(line, line[1:], strict=False):
        if b["x0"] - a["x1"] > 2 * (a["bottom"] - a["top"]):
            out.append([b])
        else:
            out[-1].append(b)
    return out


def _cell_text(chars: list[dict], left: float, right: float) -> tuple[str, float]:
    """Join a cell's characters into lines and lines into the text as typed, as far as a page can tell.

    A line was wrapped when the next line's first phrase would not have fitted
    in the room left at its end: Excel wraps by characters, SheetDesk at
    budoux's phrase boundaries, and both fill a line as far as that unit
    allows. Room for that phrase means the line was broken by hand.
    """
    if not chars:
        return "", PDF_CONFIDENCE
    lines = _lines(chars)
    pad = max(0.0, min(line[0]["x0"] for line in lines) - left)  # the cell's inner margin, taken as even
    confidence = PDF_CONFIDENCE
    text = ""
    prev: list[dict] = []
    for n, line in enumerate(lines):
        parts = [line[0]["text"]]
        for a, b in zip(line, line[1:], strict=False):
            size = a["bottom"] - a["top"]
            gap = b["x0"] - a["x1"] > size * 0.5 and a["text"] != " " and b["text"] != " "
            parts.append((" " if gap else "") + b["text"])
        parts = ["".join(parts).strip(" ")]
        if n:
            size = prev[-1]["bottom"] - prev[-1]["top"]
            space = right - prev[-1]["x1"]
            if parts[0][:1] in _BULLETS or _first_phrase_width(line) <= space - pad:
                text += "\n"
            elif space > 1.6 * size or text.endswith("。"):
                confidence = min(confidence, AMBIGUOUS_BREAK)
        text += "".join(parts)
        prev = line
    return text, confidence


def _first_phrase_width(line: list[dict]) -> float:
    """How wide the line's first phrase (budoux) is: what a wrap would have had to move down."""
    chars = [c for c in line if c["text"].strip()]
    if not chars:
        return 0.0
    phrases = _parser().parse("".join(c["text"] for c in chars))
    count = max(1, min(len(chars), len(phrases[0]) if phrases else 1))
    return chars[count - 1]["x1"] - chars[0]["x0"]


@cache
def _parser():  # noqa: ANN202 - budoux has no public parser type
    import budoux

    return budoux.load_default_japanese_parser()


def read_pdf_pages(path: Path) -> list[list[Box]]:
    """Each page's boxes, stacked PAGE_OFFSET apart as read_pdf_boxes gives them all."""
    check_pdf(path)
    pages: list[list[Box]] = []
    try:
        with pdfplumber.open(path) as pdf:
            for i, page in enumerate(pdf.pages):
                pages.append(page_boxes(page, i, path.name))
    except IngestError:
        raise
    except Exception:  # pdfminer raises many kinds on a damaged file  # noqa: BLE001
        raise IngestError(path.name, "ファイル全体", "PDFが壊れているため読めません（ページの中身が読めません）") from None
    if not any(b.key for boxes in pages for b in boxes):
        raise no_text_error(path.name)
    return pages


def read_pdf_boxes(path: Path) -> list[Box]:
    return [b for boxes in read_pdf_pages(path) for b in boxes]


def read_foreign_pdf(path: Path, form: FormDefinition) -> ImportResult:
    """One sheet of ``form`` from a PDF printed by a city; IngestError if it cannot be read."""
    return extract(form, read_pdf_boxes(path), path.name, bucket=BUCKET, group=INDEX_GROUP)
