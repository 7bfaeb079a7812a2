"""A flow layout printed: bands of ruled cells measured with their texts and stacked onto pages.

`sheetdesk.render.flow_plan` turns a form's items into bands (a section's
heading, rows of label and value cells, the header and rows of a repeat's
table). Here each band is measured: every cell's text is broken at the
band's size and the band is as tall as its tallest text, so a row with a
40-character indicator name or an eight-item 現状 list grows while the
others keep one line. Bands are stacked from the top margin; a band that
does not fit what is left of a page starts the next one, and a table's
header rows (and the group rows it sits in: プロセス, 項目) are printed again
atop it. A band taller than a whole page is squeezed to the page, its texts
shrunk down to the style's floor; what still does not fit is an overflow
(refused, or marked when allowed), never cut.

The result is the same list of fitted boxes per page a fixed layout gives,
so the PDF painter, the xlsx writer and the overflow check take either.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.model.rules import effective_values
from sheetdesk.model.sheet import Sheet
from sheetdesk.render.fit import FitResult, FittedBox, TextBox, fit_text
from sheetdesk.render.flow_plan import Band, BandCell, plan_bands
from sheetdesk.render.geometry import Placed, fill
from sheetdesk.render.layout import FlowLayout, Style

_TALL = 10_000.0  # pt: a box no text fills, to measure the height a text needs
_EPS = 0.05  # mm added to a measured height, so the fit check never loses a line to rounding


@dataclass(frozen=True)
class _Measured:
    """A band's sub-row heights (mm) and each cell's fit at those heights."""

    band: Band
    heights: tuple[float, ...]
    fits: tuple[FitResult, ...]

    @property
    def height(self) -> float:
        return sum(self.heights)


class _Measurer:
    def __init__(self, style: Style) -> None:
        self.style = style
        self.pad = style.padding

    def box(self, cell: BandCell, height_pt: float) -> TextBox:
        s = self.style
        size = cell.size or (s.label_size if cell.kind in ("label", "heading") else s.body_size)
        floor = s.label_min_size if cell.kind in ("label", "heading") else s.min_size
        return TextBox(
            width=max(cell.w * mm - 2 * self.pad * mm, 1.0), height=height_pt, size=size,
            min_size=min(floor, size), font=cell.font or self._font(cell), leading=s.leading,
            phrase_break_below=s.phrase_break_below, single_line=not cell.grow,
        )

    def _font(self, cell: BandCell):  # noqa: ANN202 - FontRole
        s = self.style
        return s.heading_font if cell.kind == "heading" else s.label_font if cell.kind == "label" else s.body_font

    def need(self, fit: FitResult) -> float:
        """mm of box height the fitted lines take (one line at least)."""
        size = fit.font_size
        inner = size + (max(len(fit.lines), 1) - 1) * size * self.style.leading
        return (inner + 2 * self.pad * mm * 0.6) / mm + _EPS

    def measure(self, band: Band, limit: float) -> _Measured:
        """The band at its texts' heights, squeezed to ``limit`` mm when it would be taller."""
        fits = [fit_text(c.text, self.box(c, _TALL)) for c in band.cells]
        heights = self._heights(band, [self.need(f) for f in fits])
        if sum(heights) > limit + 1e-6:
            scale = limit / sum(heights)
            heights = [h * scale for h in heights]
            fits = [fit_text(c.text, self.box(c, self._inner(self._span(heights, c)))) for c in band.cells]
        return _Measured(band, tuple(heights), tuple(fits))

    def _inner(self, height_mm: float) -> float:
        return max(height_mm * mm - 2 * self.pad * mm * 0.6, 1.0)

    @staticmethod
    def _span(heights: Sequence[float], cell: BandCell) -> float:
        return sum(heights[cell.row : cell.row + cell.rows])

    def _heights(self, band: Band, needs: list[float]) -> list[float]:
        heights = [band.min_height] * band.rows
        for cell, need in zip(band.cells, needs, strict=True):
            if cell.rows == 1:
                heights[cell.row] = max(heights[cell.row], need)
        for cell, need in zip(band.cells, needs, strict=True):
            have = self._span(heights, cell)
            if cell.rows > 1 and need > have:
                extra = (need - have) / cell.rows
                for r in range(cell.row, cell.row + cell.rows):
                    heights[r] += extra
        return heights


@dataclass
class _Page:
    bands: list[tuple[_Measured, float]]  # each measured band with its top (mm from the content's top)
    used: float = 0.0
    header: tuple[Band, ...] | None = None  # the table header last printed on this page


def _paginate(bands: list[Band], measurer: _Measurer, content_h: float) -> list[_Page]:
    cache: dict[int, _Measured] = {}

    def measured(band: Band, limit: float = content_h) -> _Measured:
        key = id(band)
        m = cache.get(key)
        if m is None or (m.height > limit + 1e-6):
            m = measurer.measure(band, limit)
            if limit >= content_h:
                cache[key] = m
        return m

    pages = [_Page([])]

    def put(page: _Page, m: _Measured) -> None:
        page.bands.append((m, page.used))
        page.used += m.height

    for i, band in enumerate(bands):
        page = pages[-1]
        prefix = band.header if band.header and page.header is not band.header else ()
        need = sum(measured(b).height for b in prefix) + measured(band).height
        if band.keep_with_next and i + 1 < len(bands):
            need += measured(bands[i + 1]).height
        if page.bands and page.used + need > content_h + 1e-6:
            page = _Page([])
            pages.append(page)
            prefix = (*band.header, *(b for b in band.context if b is not band))
        for b in prefix:
            put(page, measured(b))
        if band.header:
            page.header = band.header
        elif not band.context:
            page.header = None
        put(page, measured(band, max(content_h - page.used, 1.0)))
    return pages


def flow_sheet(form: FormDefinition, sheet: Sheet, layout: FlowLayout) -> list[list[FittedBox]]:
    """Every page of the sheet in the flow layout, each box with its text laid out."""
    values = effective_values(form, sheet)
    paper, margins, style = layout.page, layout.margins, layout.style
    width = paper.width - margins.left - margins.right
    content_h = paper.height - margins.top - margins.bottom
    ident = sheet.identity(form)
    words = {"{code}": ident["code"], "{name}": ident["name"], "{section}": ident["section"] or "",
             "{policy}": ident["policy"] or ""}

    def filled(text: str) -> str:
        out = fill(text, sheet.context)
        for k, v in words.items():
            out = out.replace(k, v)
        return out

    title = filled(layout.title if layout.title is not None else form.title)
    bands = plan_bands(form, sheet, values, layout, width, title)
    measurer = _Measurer(style)
    pages = _paginate(bands, measurer, content_h)
    out: list[list[FittedBox]] = []
    header = filled(layout.header if layout.header is not None else "{code}　{name}").strip()
    for n, page in enumerate(pages):
        boxes: list[FittedBox] = []
        for m, top in page.bands:
            boxes.extend(_boxes(n, m, margins.left, margins.top + top, measurer))
        if header and n > 0:  # the first page carries the sheet's identity in its own rows
            boxes.append(_margin_text(n, header, margins.left, max(margins.top - 7.0, 1.0), width, "left", style))
        foot = layout.footer.replace("{page}", str(n + 1)).replace("{pages}", str(len(pages)))
        foot = filled(foot)
        if foot:
            boxes.append(_margin_text(n, foot, margins.left, paper.height - margins.bottom + 2.0, width, "center",
                                      style))
        out.append(boxes)
    return out


def _boxes(page: int, m: _Measured, left: float, top: float, measurer: _Measurer) -> list[FittedBox]:
    style = measurer.style
    tops = [top + sum(m.heights[:r]) for r in range(len(m.heights))]
    out = []
    for cell, fit in zip(m.band.cells, m.fits, strict=True):
        box = measurer.box(cell, 1.0)
        placed = Placed(
            page, left + cell.x, tops[cell.row], cell.w, sum(m.heights[cell.row : cell.row + cell.rows]),
            cell.kind, box.font, box.size, box.min_size, cell.align,
            "middle" if cell.kind in ("label", "heading", "number") else "top",
            text=cell.text if cell.kind in ("label", "heading") else None, path=cell.path,
            shade=cell.shade, border=m.band.border,
        )
        out.append(FittedBox(placed, cell.text, fit))
    del style
    return out


def _margin_text(page: int, text: str, x: float, y: float, w: float, align: str, style: Style) -> FittedBox:
    size = style.label_size + 1
    box = TextBox(width=w * mm, height=6 * mm, size=size, min_size=min(style.label_min_size, size),
                  font=style.label_font, single_line=True)
    placed = Placed(page, x, y, w, 5.0, "label", style.label_font, size, box.min_size, align, "middle",
                    text=text, border=False)
    return FittedBox(placed, text, fit_text(text, box))
