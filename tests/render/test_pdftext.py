"""Text written in blocks lands where reportlab's drawString family puts it, in the same embedded fonts."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from sheetdesk.render.fonts import FONT_NAMES, FontRole, register_fonts
from sheetdesk.render.pdftext import TextWriter

from .conftest import open_pdf

# Kana, kanji, Latin, digits, full-width forms, PDF-special characters, a no-break space and a glyph the font lacks.
LINES = ["地域コミュニティの活性化（令和５年度）", "Wi-Fi 1,852 件 (100%)", "\\括弧) と (", "a\u00a0b", "絵文字🙂も"]


def _chars(pdf_bytes: bytes) -> list[tuple]:
    with open_pdf(pdf_bytes) as pdf:
        return sorted((c["text"], round(c["x0"], 3), round(c["top"], 3), c["size"], c["fontname"].split("+")[-1])
                      for page in pdf.pages for c in page.chars)


def _pdf(draw) -> bytes:  # noqa: ANN001 - draws on a canvas
    register_fonts()
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=(600, 400), initialFontName=FONT_NAMES[FontRole.GOTHIC], initialFontSize=8)
    draw(c)
    c.showPage()
    c.save()
    return buffer.getvalue()


def test_blocks_place_text_as_draw_string_does() -> None:
    font = FONT_NAMES[FontRole.MINCHO]

    def with_canvas(c: Canvas) -> None:
        c.setFont(font, 9.5)
        for i, line in enumerate(LINES):
            c.drawString(20, 380 - i * 12, line)
            c.drawRightString(580, 300 - i * 12, line)
            c.drawCentredString(300, 200 - i * 12, line)

    def with_blocks(c: Canvas) -> None:
        writer = TextWriter(c)
        for x, y, align in ((20, 380, "left"), (580, 300, "right"), (300, 200, "center")):
            block = writer.block()
            block.set_font(font, 9.5)
            block.lines(x, y, 12, LINES, align)
            c.drawText(block)

    expected = _chars(_pdf(with_canvas))
    assert expected and _chars(_pdf(with_blocks)) == expected


def test_subset_codes_follow_reportlab_across_blocks_and_fonts() -> None:
    # 300 distinct kanji spill into a second subset; a second font and the canvas itself share the document.
    many = "".join(chr(0x4E00 + i * 7) for i in range(300))

    def with_canvas(c: Canvas) -> None:
        c.setFont(FONT_NAMES[FontRole.MINCHO], 8)
        c.drawString(10, 300, many[:150])
        c.setFont(FONT_NAMES[FontRole.GOTHIC], 8)
        c.drawString(10, 250, many[100:])
        c.setFont(FONT_NAMES[FontRole.MINCHO], 8)
        c.drawString(10, 200, many[::-1])

    def mixed(c: Canvas) -> None:
        writer = TextWriter(c)
        block = writer.block()
        block.set_font(FONT_NAMES[FontRole.MINCHO], 8)
        block.lines(10, 300, 0, [many[:150]])
        c.drawText(block)
        c.setFont(FONT_NAMES[FontRole.GOTHIC], 8)
        c.drawString(10, 250, many[100:])
        block = writer.block()
        block.set_font(FONT_NAMES[FontRole.MINCHO], 8)
        block.lines(10, 200, 0, [many[::-1]])
        c.drawText(block)

    assert _chars(_pdf(mixed)) == _chars(_pdf(with_canvas))
