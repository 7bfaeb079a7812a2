"""Import a city's own PDF of a known form (printed from Excel, not by SheetDesk).

pdfplumber gives the words with their positions and the ruling lines; the
ruled cells (merged ranges print as one cell) become boxes holding the words
inside them, and extract.py reads the sheet by its labels as for a workbook.

What a PDF cannot say exactly is where a typed line break was: a line that
ends near the right edge of its box is taken as wrapped, one that ends well
short of it as a break, and a text with a line in between is read with lower
confidence so that a person reviews it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pdfplumber
from pdfplumber.table import TableFinder

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.ingest.boxes import PAGE_OFFSET, Box, Layout
from sheetdesk.ingest.checks import check_pdf, no_text_error
from sheetdesk.ingest.extract import extract
from sheetdesk.ingest.result import ImportResult, IngestError, SourceRef

PDF_CONFIDENCE = 0.95  # a value read from page text: right characters, but not typed values
AMBIGUOUS_BREAK = 0.7  # a text where a line may or may not have been broken by hand
_BULLETS = set("◆◇・〇○●■□※")  # a line starting with one of these was begun by hand
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}


def page_boxes(page: pdfplumber.page.Page, index: int, source: str) -> list[Box]:
    """The ruled cells of one page with their text, plus text outside any cell.

    Characters, not words, are put into cells: pdfplumber joins the first
    lines of two neighbouring cells into one word when they touch.
    """
    off = index * PAGE_OFFSET
    cells = [Box(x0, top + off, x1, bottom + off, "", SourceRef(source, page=index + 1, bbox=(
        round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)))) for x0, top, x1, bottom
        in TableFinder(page.filter(_is_ruling), _TABLE_SETTINGS).cells]
    layout = Layout(cells, 10.0)
    content: dict[int, list[dict]] = defaultdict(list)
    loose: list[dict] = []
    for ch in page.chars:
        cell = layout.at((ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2 + off)
        if cell is None:
            loose.append(ch)
        else:
            content[id(cell)].append(ch)
    out: list[Box] = []
    for cell in cells:
        text, confidence = _cell_text(content.get(id(cell), []), cell.x1)
        out.append(Box(cell.x0, cell.y0, cell.x1, cell.y1, text, cell.ref, raw=text or None, confidence=confidence))
    for line in _lines([c for c in loose if c["text"].strip()]):
        for piece in _pieces(line):
            x0, top = min(c["x0"] for c in piece), min(c["top"] for c in piece)
            x1, bottom = max(c["x1"] for c in piece), max(c["bottom"] for c in piece)
            text = "".join(c["text"] for c in piece)
            ref = SourceRef(source, page=index + 1, bbox=(round(x0, 1), round(top, 1), round(x1, 1), round(bottom, 1)))
            out.append(Box(x0, top + off, x1, bottom + off, text, ref, raw=text, confidence=PDF_CONFIDENCE))
    return out


def _is_ruling(obj: dict) -> bool:
    """Keep lines and line-thin rectangles; a shaded box's fill is drawn row by row and is no ruling."""
    if obj.get("object_type") == "rect":
        return min(obj["width"], obj["height"]) < 2
    return True


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


def _cell_text(chars: list[dict], right: float) -> tuple[str, float]:
    """Join a cell's characters into lines and lines into the text as typed, as far as a page can tell."""
    if not chars:
        return "", PDF_CONFIDENCE
    confidence = PDF_CONFIDENCE
    text = ""
    prev: list[dict] = []
    for n, line in enumerate(_lines(chars)):
        parts = [line[0]["text"]]
        for a, b in zip(line, line[1:], strict=False):
            size = a["bottom"] - a["top"]
            gap = b["x0"] - a["x1"] > size * 0.5 and a["text"] != " " and b["text"] != " "
            parts.append((" " if gap else "") + b["text"])
        parts = ["".join(parts).strip(" ")]
        if n:
            size = prev[-1]["bottom"] - prev[-1]["top"]
            space = right - prev[-1]["x1"]
            if space > 2.5 * size or parts[0][:1] in _BULLETS:
                text += "\n"
            elif space > 1.6 * size or text.endswith("。"):
                confidence = min(confidence, AMBIGUOUS_BREAK)
        text += "".join(parts)
        prev = line
    return text, confidence


def read_pdf_boxes(path: Path) -> list[Box]:
    check_pdf(path)
    boxes: list[Box] = []
    try:
        with pdfplumber.open(path) as pdf:
            for i, page in enumerate(pdf.pages):
                boxes += page_boxes(page, i, path.name)
    except IngestError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a damaged file  # noqa: BLE001
        raise IngestError(path.name, "ファイル全体", f"PDFが壊れているため読めません（{exc}）") from None
    if not any(b.key for b in boxes):
        raise no_text_error(path.name)
    return boxes


def read_foreign_pdf(path: Path, form: FormDefinition) -> ImportResult:
    """One sheet of ``form`` from a PDF printed by a city; IngestError if it cannot be read."""
    return extract(form, read_pdf_boxes(path), path.name, bucket=10.0)
