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

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
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
from sheetdesk.render.linebreak import unbreakable

PDF_CONFIDENCE = 0.95  # a value read from page text: right characters, but not typed values
AMBIGUOUS_BREAK = 0.7  # a text where a line may or may not have been broken by hand
PHRASE_LINES = 30  # a line of this many characters or more is wrapped by characters (render's phrase_break_below)
_BULLETS = set("◆◇・〇○●■□※")  # a line starting with one of these was begun by hand
_NUMBERED = re.compile(r"[（(][0-9０-９]{1,2}[）)]|[①-⑳]")  # a line starting so may have been begun by hand
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
    lines = [_cell_lines(content.get(id(cell), []), cell.x0, cell.x1) for cell in cells]
    modes = [_wrapped_by_phrases(c) for c in lines]
    # A box its lines leave unknown is taken as wrapped at phrases when two or more of the page's boxes
    # are and none by characters (a printer that wraps by characters, Excel, shows it in most boxes; ours
    # wraps by characters only a box whose text would not fit at phrases, so never the other way).
    page_mode = True if modes.count(True) >= 2 and False not in modes else None
    for cell, cell_lines, mode in zip(cells, lines, modes, strict=True):
        text, confidence = _cell_text(cell_lines, page_mode if mode is None else mode)
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


@dataclass
class _Join:
    """Where one line of a box meets the next: what the page shows of the room at the line's end."""

    room: float  # left at the end of the line before, inside the box's margin
    space: float  # the same, to the box's edge
    size: float  # the characters' height
    chunk: float  # width of the next line's first run 禁則 keeps together (what a character wrap moves)
    phrase: float  # width of its first phrase, budoux with the line before (what a phrase wrap moves)
    mid_phrase: bool  # the line before ends inside a phrase though it had a phrase's end to wrap at
    narrow: bool  # a box of fewer than PHRASE_LINES characters a line (ours wraps by phrases there)
    begun: bool  # the next line starts with a bullet: begun by hand
    wide_enough: bool  # a box of a few characters a line at least (not a label printed one character a line)
    numbered: bool  # the next line starts with （1）, ① …: may have been begun by hand


@dataclass
class _CellLines:
    lines: list[str]
    joins: list[_Join]


def _cell_lines(chars: list[dict], left: float, right: float) -> _CellLines:
    """A cell's characters as lines of text, and what the page shows where each line meets the next."""
    if not chars:
        return _CellLines([], [])
    lines = _lines(chars)
    pad = max(0.0, min(line[0]["x0"] for line in lines) - left)  # the cell's inner margin, taken as even
    texts: list[str] = []
    joins: list[_Join] = []
    phrases = _Phrases(lines) if len(lines) > 1 else None
    for n, line in enumerate(lines):
        parts = [line[0]["text"]]
        for a, b in zip(line, line[1:], strict=False):
            size = a["bottom"] - a["top"]
            gap = b["x0"] - a["x1"] > size * 0.5 and a["text"] != " " and b["text"] != " "
            parts.append((" " if gap else "") + b["text"])
        texts.append("".join(parts).strip(" "))
        if n:
            prev = lines[n - 1]
            size = prev[-1]["bottom"] - prev[-1]["top"]
            space = right - prev[-1]["x1"]
            assert phrases is not None
            chunk, phrase, mid = phrases.first_units(n)
            joins.append(_Join(space - pad, space, size, chunk, phrase, mid,
                               narrow=(right - left - 2 * pad) < PHRASE_LINES * size,
                               begun=texts[-1][:1] in _BULLETS, wide_enough=(right - left - 2 * pad) >= 4 * size,
                               numbered=bool(_NUMBERED.match(texts[-1]))))
    return _CellLines(texts, joins)


def _wrapped_by_phrases(cell: _CellLines) -> bool | None:
    """Whether a narrow box was wrapped at phrases (ours) or by characters (Excel's, ours in some boxes).

    None when its lines do not say. A line that had to wrap (no room even for the next run of
    characters) ends inside a phrase only where a character wrap put it; lines that end with room
    for the next characters but not the next phrase, two or more of them, are a phrase wrap's.
    """
    joins = [j for j in cell.joins if j.narrow and not j.begun and j.wide_enough]
    if any(j.mid_phrase and j.chunk > j.room for j in joins):
        return False
    if sum(j.chunk <= j.room < j.phrase for j in joins) >= 2:
        return True
    return None


def _cell_text(cell: _CellLines, by_phrases: bool | None) -> tuple[str, float]:
    """The lines joined into the text as typed, as far as a page can tell, and how sure that is.

    A line was wrapped when what the wrap would have moved down (the next
    line's first run of characters, or in a box wrapped at phrases its first
    phrase) would not have fitted in the room left at its end: Excel wraps by
    characters, SheetDesk at budoux's phrase boundaries in narrow boxes, and
    both fill a line as far as that unit allows. Room for it means the line
    was broken by hand. Where the box's lines cannot say how it was wrapped,
    room for the characters but not the phrase is left uncertain.
    """
    if not cell.lines:
        return "", PDF_CONFIDENCE
    confidence = PDF_CONFIDENCE
    text = cell.lines[0]
    for j, line in zip(cell.joins, cell.lines[1:], strict=True):
        unit = j.phrase if j.narrow and by_phrases is not False else j.chunk
        if j.begun or unit <= j.room:
            text += "\n"
        elif (j.narrow and by_phrases is None and j.chunk <= j.room) or j.space > 1.6 * j.size \
                or text.endswith("。") or j.numbered:
            confidence = min(confidence, AMBIGUOUS_BREAK)
        text += line
    return text, confidence


class _Phrases:
    """budoux's phrases of a box's lines read as one text: a gap is scored from the characters around it,
    so each line's start is judged with the end of the line before, as a wrap there would have been."""

    def __init__(self, lines: list[list[dict]]) -> None:
        self.lines = [[c for c in line if c["text"].strip()] for line in lines]
        self.text = "".join(c["text"] for line in self.lines for c in line)
        self.starts: list[int] = []
        pos = 0
        for line in self.lines:
            self.starts.append(pos)
            pos += len(line)
        self.ends: list[int] = []
        pos = 0
        for piece in _parser().parse(self.text):
            pos += len(piece)
            self.ends.append(pos)

    def first_units(self, n: int) -> tuple[float, float, bool]:
        """What a wrap would have moved down from line ``n - 1``'s end to begin line ``n``.

        (the width of its first run 禁則 keeps together, as a character wrap moves it; the width of
        its first phrase, as a phrase wrap moves it; whether line ``n - 1`` ends inside a phrase
        although it had a phrase's end a phrase wrap would have used).
        """
        chars, start, before = self.lines[n], self.starts[n], self.starts[n - 1]
        if not chars:
            return 0.0, 0.0, False
        text = self.text
        run = 1
        while run < len(chars) and unbreakable(text[start + run - 1], text[start + run]):
            run += 1
        if start > before and unbreakable(text[start - 1], text[start]):
            run = len(chars)  # 禁則 forbids the break itself: no wrap ends a line there
        i = bisect_right(self.ends, start)
        phrase = min(self.ends[i] - start, len(chars)) if i < len(self.ends) else len(chars)
        inside = start > before and start not in self.ends and any(
            before < e < start and not unbreakable(text[e - 1], text[e])
            for e in self.ends[bisect_right(self.ends, before):i])
        count = max(run, phrase)
        return chars[run - 1]["x1"] - chars[0]["x0"], chars[count - 1]["x1"] - chars[0]["x0"], inside


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
