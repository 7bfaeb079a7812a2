"""The Japanese fonts SheetDesk prints with, and their registration in reportlab.

The fonts travel with the program (resources/fonts, SIL OFL 1.1) so that a
sheet prints the same on every machine: reportlab embeds TrueType (glyf)
fonts as subsets with a ToUnicode map, so the text of a printed sheet can be
copied, searched and imported again. The UI asks `font_paths()` for the same
files so that the editor shows what the paper will show.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from sheetdesk import resources
from sheetdesk.render.font_cache import load_font


class FontRole(StrEnum):
    """What a font is used for on the sheet; layout files name these roles."""

    GOTHIC = "gothic"  # labels, headings
    GOTHIC_BOLD = "gothic_bold"  # title, section headings
    MINCHO = "mincho"  # body text


FONT_FILES: dict[FontRole, str] = {
    FontRole.GOTHIC: "BIZUDGothic-Regular.ttf",
    FontRole.GOTHIC_BOLD: "BIZUDGothic-Bold.ttf",
    FontRole.MINCHO: "BIZUDMincho-Regular.ttf",
}

# reportlab font names; stable so that tests and pdffonts can find them.
FONT_NAMES: dict[FontRole, str] = {
    FontRole.GOTHIC: "BIZUDGothic-Regular",
    FontRole.GOTHIC_BOLD: "BIZUDGothic-Bold",
    FontRole.MINCHO: "BIZUDMincho-Regular",
}

LICENCE_FILE = "OFL.txt"


class FontMissingError(RuntimeError):
    """The bundled fonts cannot be found: the installation is incomplete."""


def fonts_dir() -> Path:
    """The shipped fonts' folder (sheetdesk.resources); FontMissingError when a font file is not there."""
    try:
        d = resources.fonts_dir()
    except resources.ResourceMissingError as exc:
        raise FontMissingError(str(exc)) from exc
    missing = [name for name in FONT_FILES.values() if not (d / name).is_file()]
    if missing:
        raise FontMissingError(f"印刷用フォントが見つかりません（{d} の {'、'.join(missing)}）。SheetDeskを再インストールしてください")
    return d


def font_paths() -> dict[FontRole, Path]:
    """The font files by role, for reportlab and for Qt (QFontDatabase.addApplicationFont)."""
    d = fonts_dir()
    return {role: d / name for role, name in FONT_FILES.items()}


@cache
def register_fonts() -> dict[FontRole, str]:
    """Register the fonts with reportlab once per process; returns the font names by role."""
    for role, path in font_paths().items():
        name = FONT_NAMES[role]
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(load_font(name, path))
    return dict(FONT_NAMES)


@cache
def _widths(role: FontRole) -> dict[str, float]:
    return {}


def char_width(ch: str, role: FontRole) -> float:
    """Advance width of one character at 1 pt, cached: line breaking asks this for every character."""
    table = _widths(role)
    w = table.get(ch)
    if w is None:
        register_fonts()
        w = pdfmetrics.stringWidth(ch, FONT_NAMES[role], 1.0)
        table[ch] = w
    return w


def width_table(text: str, role: FontRole) -> dict[str, float]:
    """The per-role width cache, holding every character of ``text``: index it directly in hot loops."""
    table = _widths(role)
    for ch in set(text).difference(table):
        char_width(ch, role)
    return table
