"""A sheet printed to PDF: ruled boxes on the layout's paper, as the layout places them.

A fixed layout (the standard sheet: two A3 landscape pages) and a flow layout
(any form, on as many pages as its texts need) give the same fitted boxes
per page (`sheet_pages`); the painter draws either.

Everything is drawn with reportlab on one canvas, so the booklet draws many
sheets into the same canvas. Fonts are the bundled BIZ UD fonts, embedded as
subsets with Unicode maps; the sheet's exchange JSON is embedded so that the
PDF can be imported back exactly.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from reportlab import rl_config
from reportlab.lib.colors import Color, HexColor, black, red
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from sheetdesk import generator
from sheetdesk.exchange import dump_document
from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.loader import FormRegistry, default_registry
from sheetdesk.glossary import OVERFLOW_MARK
from sheetdesk.model.sheet import Sheet
from sheetdesk.render.fit import VALUE_KINDS, FittedBox, Overflow, fit_sheet, overflows
from sheetdesk.render.fonts import FONT_NAMES, FontRole, register_fonts
from sheetdesk.render.geometry import fill
from sheetdesk.render.layout import FlowLayout, Layout, any_layout_for
from sheetdesk.render.pdf_meta import attach_json
from sheetdesk.render.pdftext import TextBlock, TextWriter
from sheetdesk.wareki import fiscal_year_label

ASCENT = 0.88  # of the font size: where the first baseline sits below the top of a line
# Streams are Flate-compressed; ASCII85 on top only makes them larger and slower to write.
rl_config.useA85 = 0
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


class SheetOverflow(OverflowError):
    """Texts that do not fit their boxes even at the smallest size; printing would cut them."""

    def __init__(self, overflows: list[Overflow]) -> None:
        self.overflows = overflows
        lines = "\n".join(f"・{o.message}（{o.page}ページ目）" for o in overflows)
        super().__init__(f"枠に収まらない項目が{len(overflows)}件あります。\n{lines}")


def sheet_title(form: FormDefinition, sheet: Sheet) -> str:
    ident = sheet.identity(form)
    return " ".join(p for p in (fiscal_year_label(sheet.evaluation_year), form.title, ident["code"], ident["name"]) if p)


def fullwidth_number(n: int) -> str:
    """4 -> ４, as the sheet's footer 「－４枚目－」 prints it."""
    return str(n).translate(_FULLWIDTH)


def sheet_pages(form: FormDefinition, sheet: Sheet, layout: Layout | FlowLayout) -> list[list[FittedBox]]:
    """Every box of every page with its text laid out, in either kind of layout."""
    if isinstance(layout, FlowLayout):
        from sheetdesk.render.flow import flow_sheet

        return flow_sheet(form, sheet, layout)
    return fit_sheet(form, sheet, layout)


def overflowing_fields(form: FormDefinition, sheet: Sheet, layout: Layout | FlowLayout | None = None,
                       registry: FormRegistry | None = None) -> list[Overflow]:
    """The fields whose text would not fit on paper, in the paper's order (either kind of layout)."""
    return overflows(form, sheet, sheet_pages(form, sheet, layout or any_layout_for(form, registry)))


class SheetPainter:
    """Draws fitted sheets onto a canvas, each page on its layout's paper."""

    def __init__(self, canvas: Canvas, layout: Layout | FlowLayout) -> None:
        register_fonts()
        self.c = canvas
        self.layout = layout
        self.style = layout.style
        self.page_w = layout.page.width * mm
        self.page_h = layout.page.height * mm
        self._colors: dict[str, Color] = {}
        self.writer = TextWriter(canvas)
        self._forms: dict[tuple[int, int, int], tuple[str, object, object]] = {}

    def color(self, hex_: str) -> Color:
        col = self._colors.get(hex_)
        if col is None:
            col = self._colors[hex_] = HexColor(hex_)
        return col

    def draw_pages(self, pages: list[list[FittedBox]], sheet: Sheet, sheet_number: int | None,
                   page_number: int | None = None, form: FormDefinition | None = None) -> int:
        """Draw every page of one sheet, ending each page; returns the number of pages drawn.

        ``page_number`` is the booklet's number of the first page; a sheet
        printed alone numbers its own pages (``page_text``).
        """
        ident = sheet.identity(form) if form is not None else {}
        for i, boxes in enumerate(pages):
            self.c.setPageSize((self.page_w, self.page_h))
            if isinstance(self.layout, FlowLayout):
                self.boxes(boxes)
                self.flow_footer(sheet_number, None if page_number is None else page_number + i)
            else:
                self.draw_page(self.layout.pages[i].frames, boxes)
                self.footer(sheet, sheet_number, None if page_number is None else page_number + i,
                            ident if i > 0 else {}, (i + 1, len(pages)))
            self.c.showPage()
        return len(pages)

    def boxes(self, boxes: list[FittedBox]) -> None:
        """A page drawn box by box (flow pages differ from sheet to sheet: nothing to share)."""
        self.shades_and_rules(boxes)
        self.texts([b for b in boxes if b.text])

    def shades_and_rules(self, boxes: list[FittedBox]) -> None:
        """Every box's shading, then its border on top (in rule width; the pen left black)."""
        c = self.c
        for b in boxes:  # shading first, so that rules sit on top of it
            p = b.placed
            if p.shade:
                c.setFillColor(self.color(p.shade))
                c.rect(p.x * mm, self.page_h - (p.y + p.h) * mm, p.w * mm, p.h * mm, stroke=0, fill=1)
        c.setFillColor(black)
        c.setStrokeColor(black)
        c.setLineWidth(self.style.line_width)
        for b in boxes:
            p = b.placed
            if p.border:
                c.rect(p.x * mm, self.page_h - (p.y + p.h) * mm, p.w * mm, p.h * mm, stroke=1, fill=0)

    def flow_footer(self, sheet_number: int | None, page_number: int | None) -> None:
        """In a booklet: the sheet's number in it and the booklet's page number, below the flow's own footer."""
        c = self.c
        c.setFont(FONT_NAMES[FontRole.GOTHIC], 8)
        y = 4 * mm
        if sheet_number is not None and isinstance(self.layout, FlowLayout):
            c.drawString(10 * mm, y, self.layout.number_text.replace("{sheet_number}", fullwidth_number(sheet_number)))
        if page_number is not None:
            c.drawRightString(self.page_w - 10 * mm, y, f"{page_number}")

    def draw_page(self, frames: Iterable, boxes: list[FittedBox]) -> None:
        """The page's form (shading, rules, frames, labels), then the sheet's values on it."""
        self.c.doForm(self._form(frames, boxes))
        self.texts([b for b in boxes if b.text and b.placed.kind in VALUE_KINDS])

    def _form(self, frames: Iterable, boxes: list[FittedBox]) -> str:
        """The name of a PDF form XObject holding what every sheet of this placed page shares.

        Shading, rules, frames, labels, headings and legends depend on the
        layout and the plan context only, so they are written once per
        document and each page refers to them: pages get smaller and faster
        to draw and compress. Boxes never overlap, so drawing the values after
        the form paints the same picture as drawing box by box. A placed page
        is known by its first box object (the placed layout is cached per
        plan context); the entry keeps that object alive so its id is not reused.
        """
        first = boxes[0].placed if boxes else None
        key = (id(first), len(boxes), id(frames))
        found = self._forms.get(key)
        if found is not None:
            return found[0]
        name = f"sheetdesk-page-{len(self._forms) + 1}"
        self._forms[key] = (name, first, frames)
        c = self.c
        c.beginForm(name)
        self.shades_and_rules(boxes)
        c.setLineWidth(self.style.frame_width)
        for f in frames:
            c.rect(f.x * mm, self.page_h - (f.y + f.h) * mm, f.w * mm, f.h * mm, stroke=1, fill=0)
        self.texts([b for b in boxes if b.text and b.placed.kind not in VALUE_KINDS])
        c.endForm()
        return name

    def texts(self, boxes: list[FittedBox]) -> None:
        """The boxes' texts in one PDF text block, then the overflow marks over them."""
        if not boxes:
            return
        t = self.writer.block()
        marks = [mark for b in boxes if (mark := self.text(t, b)) is not None]
        self.c.drawText(t)  # pyright: ignore[reportArgumentType]  # TextBlock gives drawText the getCode() of a PDFTextObject
        for mark in marks:
            self.overflow_mark(*mark)

    def text(self, t: TextBlock, b: FittedBox) -> tuple[float, float, float] | None:
        """Write one box's lines into the block; where its overflow mark goes when it is marked."""
        p, fit = b.placed, b.fit
        pad = self.style.padding * mm
        left, top = p.x * mm, self.page_h - p.y * mm
        width, height = p.w * mm, p.h * mm
        font = FONT_NAMES[p.font]
        if p.vertical:
            chars = [ch for ch in b.text if not ch.isspace()]
            size = min(p.size, (height - pad) / (len(chars) * 1.05), width - pad)
            t.set_font(font, size)
            y = top - (height - len(chars) * size * 1.05) / 2 - size * ASCENT
            t.lines(left + width / 2, y, size * 1.05, chars, "center")
            return None
        size = fit.font_size
        lead = size * self.style.leading
        lines = list(fit.lines)
        inner_h = height - 2 * pad * 0.6
        marked = not fit.fits and p.path is not None
        if marked:
            keep = max(1, int((inner_h - size) // lead) + 1)
            lines = lines[:keep]
        block = size + (len(lines) - 1) * lead
        if p.valign == "middle":
            y = top - (height - block) / 2 - size * ASCENT
        else:
            y = top - pad * 0.6 - size * ASCENT
        t.set_font(font, size)
        if p.align == "right":
            t.lines(left + width - pad, y, lead, lines, "right")
        elif p.align == "center":
            t.lines(left + width / 2, y, lead, lines, "center")
        else:
            t.lines(left + pad, y, lead, lines)
        return (left, top - height, width) if marked else None

    def overflow_mark(self, left: float, bottom: float, width: float) -> None:
        c = self.c
        c.setFillColor(red)
        c.setFont(FONT_NAMES[FontRole.GOTHIC_BOLD], 7)
        c.drawRightString(left + width - 1.5, bottom + 1.5, OVERFLOW_MARK)
        c.setFillColor(black)

    def footer(self, sheet: Sheet, sheet_number: int | None, page_number: int | None,
               ident: dict[str, str], page_of: tuple[int, int]) -> None:
        """The sheet number, the year and the sheet's identity (pages after the first), and a page number."""
        assert isinstance(self.layout, Layout)
        f = self.layout.footer
        c = self.c
        y = self.page_h - f.y * mm - f.size
        c.setFont(FONT_NAMES[FontRole.GOTHIC], f.size)
        width = self.page_w
        if sheet_number is not None:
            c.drawCentredString(width / 2, y, f.number_text.replace("{sheet_number}", fullwidth_number(sheet_number)))
        left = fill(f.year_text, sheet.context)
        named = identity_words(f.identity_text, ident) if ident else ""
        c.drawString(10 * mm, y, f"{left}　{named}" if named else left)
        if page_number is not None:
            c.drawRightString(width - 10 * mm, y, f"{page_number}")
        elif f.page_text:
            page, pages = page_of
            c.drawRightString(width - 10 * mm, y, f.page_text.replace("{pages}", str(pages)).replace("{page}", str(page)))


def identity_words(template: str, ident: dict[str, str]) -> str:
    """{code} {name} {policy} {section} of a template filled with a sheet's identity."""
    out = template
    for role, value in ident.items():
        out = out.replace("{" + role + "}", value or "")
    return out.strip()


def new_canvas(buffer: io.BytesIO, layout: Layout | FlowLayout, title: str, author: str, subject: str) -> Canvas:
    register_fonts()
    # reportlab starts every page in its initial font: make it ours, or an unembedded Helvetica is referenced.
    c = Canvas(buffer, pagesize=(layout.page.width * mm, layout.page.height * mm), pageCompression=1,
               initialFontName=FONT_NAMES[FontRole.GOTHIC],  # pyright: ignore[reportArgumentType]  # stub says float: it is a name
               initialFontSize=8)
    c.setTitle(title)
    c.setAuthor(author)
    c.setSubject(subject)
    c.setCreator(generator())
    return c


def render_pdf(form: FormDefinition, sheet: Sheet, *, sheet_number: int | None = None,
               allow_overflow: bool = False, registry: FormRegistry | None = None,
               layout: Layout | FlowLayout | None = None) -> bytes:
    """The sheet as a PDF on its layout's paper (the standard sheet: two A3 landscape pages).

    Raises SheetOverflow listing every text that does not fit its box, unless
    ``allow_overflow``: then each such box carries a red 「▼文字あふれ」 mark.
    """
    registry = registry or default_registry()
    layout = layout or any_layout_for(form, registry)
    pages = sheet_pages(form, sheet, layout)
    found = overflows(form, sheet, pages)
    if found and not allow_overflow:
        raise SheetOverflow(found)
    buffer = io.BytesIO()
    ident = sheet.identity(form)
    c = new_canvas(buffer, layout, sheet_title(form, sheet), " ".join(p for p in (sheet.plan.municipality, ident["section"]) if p),
                   f"{fiscal_year_label(sheet.evaluation_year)} {form.title}")
    SheetPainter(c, layout).draw_pages(pages, sheet, sheet_number, form=form)
    attach_json(c, dump_document(registry, [sheet]).encode("utf-8"))
    c.save()
    return buffer.getvalue()
