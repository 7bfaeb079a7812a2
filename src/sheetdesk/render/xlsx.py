"""The sheet as a workbook that looks like the paper, on the layout's paper (A3/A4, either orientation).

The grid is derived from the same placed layout as the PDF: every box edge of
a page becomes a column or row boundary, every box a (merged) ruled cell with
the PDF's font size, so the workbook and the PDF show the same form. Numbers
are numbers (with #,##0 and the decimals as entered), marks are text. The
exchange JSON sits in a hidden worksheet so that our importer reads the
workbook back exactly.
"""

from __future__ import annotations

import io
from copy import copy
from decimal import Decimal
from typing import cast

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.merge import MergedCellRange
from openpyxl.worksheet.worksheet import Worksheet

from sheetdesk import __version__, generator
from sheetdesk.exchange import dump_document
from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.loader import FormRegistry, default_registry
from sheetdesk.model.rules import effective_values
from sheetdesk.model.sheet import Sheet
from sheetdesk.render.fit import FittedBox
from sheetdesk.render.fonts import FontRole
from sheetdesk.render.geometry import Placed, fill
from sheetdesk.render.layout import FlowLayout, Layout, any_layout_for
from sheetdesk.render.pdf import fullwidth_number, sheet_pages, sheet_title

JSON_SHEET = "sheetdesk"
CHUNK = 30000  # below Excel's 32,767 characters per cell
FONT_FAMILIES = {
    FontRole.GOTHIC: ("BIZ UDGothic", False),
    FontRole.GOTHIC_BOLD: ("BIZ UDGothic", True),
    FontRole.MINCHO: ("BIZ UDMincho", False),
}
PT_PER_MM = 72 / 25.4
_THIN = Side(style="thin", color="000000")
_EDGES = ("top", "left", "right", "bottom")  # the order openpyxl's MergedCellRange.format adds them in


def number_format(value: Decimal) -> str:
    """#,##0 with as many decimals as the value was entered with (26.0 keeps one)."""
    exponent = value.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return "#,##0" + ("." + "0" * places if places else "")


def put_text(cell: Cell, text: str) -> None:
    """A text cell that stays text whatever it begins with (=, +, -, @, a tab): never a formula.

    openpyxl turns a string starting with "=" into a formula, which a
    spreadsheet program would evaluate (HYPERLINK included); written as an
    inline string it is shown as typed.
    """
    cell.value = text
    cell.data_type = "s"


def _edges(values: list[float]) -> list[float]:
    return sorted({round(v, 1) for v in values})


class _Styles:
    """Build each distinct cell style once: assigning openpyxl styles cell by cell hashes them every time."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.cache: dict[tuple, StyleArray] = {}
        self.edge_cache: dict[tuple, StyleArray] = {}

    def apply(self, cell, p: Placed, size: float, fmt: str) -> None:  # noqa: ANN001 - openpyxl Cell
        key = (p.font, size, p.align, p.valign, p.vertical, p.kind, p.shade, p.border, fmt)
        style = self.cache.get(key)
        if style is None:
            name, bold = FONT_FAMILIES[p.font]
            cell.font = Font(name=name, bold=bold, size=size)
            cell.alignment = Alignment(
                horizontal=p.align, vertical="top" if p.valign == "top" else "center",
                wrap_text=not p.vertical and p.kind != "number", text_rotation=255 if p.vertical else 0,
            )
            if p.shade:
                cell.fill = PatternFill("solid", fgColor=p.shade.lstrip("#").upper())
            if p.border:
                cell.border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
            cell.number_format = fmt
            style = self.cache[key] = copy(cell._style)
        else:
            cell._style = copy(style)

    def merge(self, start, r1: int, c1: int) -> None:  # noqa: ANN001 - openpyxl Cell
        """Merge start..(r1, c1) as openpyxl's merge formatting does, each edge style built once.

        openpyxl gives every cell on the edge of a merged range the top-left
        cell's border on that edge, combining Border objects cell by cell (90 %
        of the export's time). The same combination is made here once per
        (edges, border) and its style copied to the other cells.
        """
        ws, r0, c0 = self.ws, start.row, start.column
        ws.merged_cells.ranges.add(MergedCellRange(ws, f"{get_column_letter(c0)}{r0}:{get_column_letter(c1)}{r1}"))
        cells = ws._cells
        border_id = start._style.borderId
        for row in range(r0, r1 + 1):
            for col in range(c0, c1 + 1):
                if row == r0 and col == c0:
                    continue
                cell = MergedCell(ws, row, col)
                edges = (row == r0, col == c0, col == c1, row == r1)  # top, left, right, bottom
                if any(edges):
                    key = (edges, border_id)
                    style = self.edge_cache.get(key)
                    if style is None:
                        for name, on in zip(_EDGES, edges, strict=True):
                            side = getattr(start.border, name)
                            if on and not (side and side.style is None):
                                cell.border += Border(**{name: side})
                        style = self.edge_cache[key] = copy(cell._style)
                    else:
                        cell._style = copy(style)
                cells[row, col] = cell


def _write_page(ws: Worksheet, boxes: list[FittedBox], values: dict) -> None:
    xs = _edges([b.placed.x for b in boxes] + [b.placed.x + b.placed.w for b in boxes])
    ys = _edges([b.placed.y for b in boxes] + [b.placed.y + b.placed.h for b in boxes])
    col_of = {x: i + 1 for i, x in enumerate(xs)}
    row_of = {y: i + 1 for i, y in enumerate(ys)}
    for i in range(len(xs) - 1):
        # Excel adds 5 px of padding to a column of n characters of 7 px (at 96 dpi)
        px = (xs[i + 1] - xs[i]) / 25.4 * 96
        ws.column_dimensions[get_column_letter(i + 1)].width = round(max(px - 5, 1) / 7, 2)
    for i in range(len(ys) - 1):
        ws.row_dimensions[i + 1].height = (ys[i + 1] - ys[i]) * PT_PER_MM
    styles = _Styles(ws)
    for b in boxes:
        p = b.placed
        c0, r0 = col_of[round(p.x, 1)], row_of[round(p.y, 1)]
        c1, r1 = col_of[round(p.x + p.w, 1)] - 1, row_of[round(p.y + p.h, 1)] - 1
        if c1 < c0 or r1 < r0:
            continue
        cell = cast(Cell, ws.cell(row=r0, column=c0))  # a box's first cell: boxes are merged after it is written
        value = values.get(p.path) if p.kind == "number" else None
        fmt = "General"
        if isinstance(value, Decimal):
            cell.value = value
            fmt = number_format(value)
        elif b.text:
            put_text(cell, b.text)
        styles.apply(cell, p, round(b.fit.font_size * 2) / 2, fmt)
        if (c1, r1) != (c0, r0):
            # boxes never overlap, so openpyxl's quadratic overlap check is skipped
            styles.merge(cell, r1, c1)
    ws.print_area = f"A1:{get_column_letter(len(xs) - 1)}{len(ys) - 1}"


def _page_setup(ws: Worksheet, layout: Layout | FlowLayout, footer_center: str, footer_left: str) -> None:
    """The layout's paper: A3 or A4 by its short side, landscape when wider than tall."""
    width, height = layout.page.width, layout.page.height
    ws.page_setup.paperSize = ws.PAPERSIZE_A3 if min(width, height) > 250 else ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE if width > height else ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    page_setup_properties = ws.sheet_properties.pageSetUpPr
    assert page_setup_properties is not None  # openpyxl makes one with every worksheet
    page_setup_properties.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.2
    ws.page_margins.top = 0.2
    ws.page_margins.bottom = 0.4
    ws.page_margins.footer = 0.15
    ws.sheet_view.showGridLines = False
    footer = ws.oddFooter
    assert footer is not None and footer.center is not None and footer.left is not None  # openpyxl makes them with the sheet
    if footer_center:
        footer.center.text = footer_center
    footer.left.text = footer_left


def render_xlsx(form: FormDefinition, sheet: Sheet, *, sheet_number: int | None = None,
                registry: FormRegistry | None = None, layout: Layout | FlowLayout | None = None) -> bytes:
    """The sheet as an xlsx workbook: one worksheet per printed page, plus the hidden exchange JSON.

    Texts are written whole even when they overflow their box on paper (a
    spreadsheet cell does not cut text); the PDF is where overflow is refused.
    """
    registry = registry or default_registry()
    layout = layout or any_layout_for(form, registry)
    pages = sheet_pages(form, sheet, layout)
    values = effective_values(form, sheet)
    wb = Workbook()
    blank = wb.active
    assert blank is not None  # a new workbook has its one blank worksheet
    wb.remove(blank)
    number_text = layout.number_text if isinstance(layout, FlowLayout) else layout.footer.number_text
    number = number_text.replace("{sheet_number}", fullwidth_number(sheet_number)) if sheet_number else ""
    year = fill(layout.footer.year_text, sheet.context) if isinstance(layout, Layout) else ""
    for i, boxes in enumerate(pages):
        ws = wb.create_sheet(f"{i + 1}ページ")
        _write_page(ws, boxes, values)
        _page_setup(ws, layout, number, year)
    hidden = wb.create_sheet(JSON_SHEET)
    hidden.sheet_state = "hidden"
    data = dump_document(registry, [sheet])
    for i in range(0, len(data), CHUNK):
        put_text(cast(Cell, hidden.cell(row=i // CHUNK + 1, column=1)), data[i : i + CHUNK])
    wb.properties.title = sheet_title(form, sheet)
    wb.properties.creator = generator()
    wb.properties.version = __version__
    wb.properties.subject = form.title
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def read_xlsx_json(xlsx_bytes: bytes) -> bytes | None:
    """The exchange JSON a SheetDesk workbook carries, or None for any other workbook."""
    try:
        wb = load_workbook(io.BytesIO(xlsx_bytes), read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - any unreadable file is simply not ours
        return None
    try:
        if JSON_SHEET not in wb.sheetnames:
            return None
        parts = [row[0] for row in wb[JSON_SHEET].iter_rows(min_col=1, max_col=1, values_only=True)]
        return "".join(p for p in parts if isinstance(p, str)).encode("utf-8") or None
    finally:
        wb.close()
