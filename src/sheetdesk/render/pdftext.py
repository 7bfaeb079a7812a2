"""Lines of text written to a reportlab canvas as one PDF text block per page.

`Canvas.drawString` builds a text object, measures and re-encodes the
string character by character for the font subsets, for every line: on a
sheet of ~450 boxes and ~800 lines that was a third of printing time. A
`TextBlock` writes the same operators (a text matrix per line, the subset's
font, the codes as a hex string) for all lines of many boxes between one BT
and ET, and remembers each character's subset code, so a character is looked
up in reportlab's subsetting once per document. The page looks the same:
each line starts where drawString would start it, in the same embedded
subset font (tests/render/test_pdftext.py compares them).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import cast

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas


def _truetype(fontname: str) -> TTFont:
    """The registered font ``fontname``: SheetDesk registers TrueType fonts only (subsets, splitString)."""
    return cast(TTFont, pdfmetrics.getFont(fontname))

class TextWriter:
    """Per canvas: each character's subset and code in it, and each subset's PDF font name, by font.

    The codes are kept as str.translate tables (character -> code byte,
    character -> subset number), so encoding a line is two C-level passes.
    """

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self._doc = canvas._doc  # pyright: ignore[reportAttributeAccessIssue]  # reportlab keys a font's subsets by document
        self._known: dict[str, set[str]] = {}
        self._low: dict[str, dict[int, str]] = {}
        self._subset: dict[str, dict[int, str]] = {}
        self._names: dict[tuple[str, int], str] = {}

    def block(self) -> TextBlock:
        return TextBlock(self)

    def _learn(self, fontname: str, text: str) -> None:
        known, low, sub = self._known[fontname], self._low[fontname], self._subset[fontname]
        font = _truetype(fontname)
        for ch in text:  # new characters in order of appearance: the order reportlab assigns codes in
            if ch not in known:
                ((subset, byte),) = font.splitString(ch, self._doc)
                low[ord(ch)] = chr(byte[0])
                sub[ord(ch)] = chr(subset)
                known.add(ch)

    def encode(self, fontname: str, text: str) -> tuple[bytes, str]:
        """Each character's code byte, and its subset number as a character, for the whole text.

        The codes are reportlab's (the font's splitString gives them), so the
        subsets embedded at save time hold exactly the characters written.
        """
        known = self._known.get(fontname)
        if known is None:
            known = self._known[fontname] = set()
            self._low[fontname] = {}
            self._subset[fontname] = {}
        if not known.issuperset(text):
            self._learn(fontname, text)
        return text.translate(self._low[fontname]).encode("latin-1"), text.translate(self._subset[fontname])

    def font_name(self, fontname: str, subset: int) -> str:
        name = self._names.get((fontname, subset))
        if name is None:
            name = _truetype(fontname).getSubsetInternalName(subset, self._doc)
            self._names[(fontname, subset)] = name
        return name


class TextBlock:
    """Lines in one font and size; `Canvas.drawText(block)` writes them where it is called."""

    def __init__(self, writer: TextWriter) -> None:
        self._w = writer
        self._code = ["BT"]
        self._font = ""
        self._size = 0.0
        self._tf = ""
        self._subset = ""  # the subset number as a character, as TextWriter.encode gives it
        self._prefixes: dict[str, str] = {}

    def set_font(self, fontname: str, size: float) -> None:
        if fontname == self._font and size == self._size:
            return  # the block's font is still set: no operator needed
        self._font = fontname
        self._size = size
        self._tf = f"{fp_str(size)} Tf"  # no leading (TL): every line is placed by its own text matrix
        self._subset = ""
        self._prefixes = {}

    def lines(self, x: float, y: float, lead: float, lines: Sequence[str], align: str = "left") -> None:
        """Lines one under another, ``lead`` apart, the first baseline at y.

        x is where each line starts ("left"), ends ("right") or is centred
        ("center"), as drawString, drawRightString and drawCentredString place it.
        """
        append = self._code.append
        font, size = self._font, self._size
        width = pdfmetrics.getFont(font).stringWidth
        prefixes = self._prefixes
        raw_all, subsets_all = self._w.encode(font, "".join(lines))
        pos = 0
        for line in lines:
            if align == "right":
                start = x - width(line, size)
            elif align == "center":
                start = x - 0.5 * width(line, size)
            else:
                start = x
            append(f"1 0 0 1 {fp_str(start, y)} Tm")
            end = pos + len(line)
            if end > pos:
                subsets = subsets_all[pos:end]
                first = subsets[0]
                if subsets.count(first) == end - pos:
                    runs: Iterable[tuple[str, bytes]] = ((first, raw_all[pos:end]),)
                else:
                    runs = _runs(subsets, raw_all[pos:end])
                for subset, raw in runs:
                    if subset != self._subset:
                        prefix = prefixes.get(subset)
                        if prefix is None:
                            prefix = prefixes[subset] = f"{self._w.font_name(font, ord(subset))} {self._tf}"
                        append(prefix)
                        self._subset = subset
                    append(f"<{raw.hex()}> Tj")  # hex: 2 bytes a code, where escapes take 4 for most
            pos = end
            y -= lead

    def getCode(self) -> str:  # noqa: N802 - the name Canvas.drawText calls
        return " ".join(self._code) + " ET"


def _runs(subsets: str, raw: bytes) -> list[tuple[str, bytes]]:
    """Split a line's codes where the subset changes."""
    runs = []
    start = 0
    for subset, run in groupby(subsets):
        end = start + len(list(run))
        runs.append((subset, raw[start:end]))
        start = end
    return runs
