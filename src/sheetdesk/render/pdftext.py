"""Lines of text written to a reportlab canvas as one PDF text block per box.

`Canvas.drawString` builds a text object, measures and re-encodes the
string character by character for the font subsets, for every line: on a
sheet of ~450 boxes and ~800 lines that was a third of printing time. A
`TextBlock` writes the same operators (a text matrix per line, the subset's
font, the encoded string) for all lines of a box between one BT and ET, and
remembers each character's subset code, so a character is looked up in
reportlab's subsetting once per document. The page looks the same: each line
starts where drawString would start it, in the same embedded subset font.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas


class TextWriter:
    """Per canvas: each character's subset and code in it, and each subset's PDF font name, by font.

    The codes are kept as str.translate tables (character -> code byte,
    character -> subset number), so encoding a line is two C-level passes.
    """

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self._doc = canvas._doc  # reportlab keys a font's subsets by document
        self._known: dict[str, set[str]] = {}
        self._low: dict[str, dict[int, str]] = {}
        self._subset: dict[str, dict[int, str]] = {}
        self._names: dict[tuple[str, int], str] = {}

    def block(self) -> TextBlock:
        return TextBlock(self)

    def _learn(self, fontname: str, text: str) -> None:
        known, low, sub = self._known[fontname], self._low[fontname], self._subset[fontname]
        font = pdfmetrics.getFont(fontname)
        for ch in text:  # new characters in order of appearance: the order reportlab assigns codes in
            if ch not in known:
                ((subset, byte),) = font.splitString(ch, self._doc)
                low[ord(ch)] = chr(byte[0])
                sub[ord(ch)] = chr(subset)
                known.add(ch)

    def encode(self, fontname: str, text: str) -> list[tuple[int, bytes]]:
        """The text as (subset, bytes) runs, exactly as the font's splitString would give them."""
        known = self._known.get(fontname)
        if known is None:
            known = self._known[fontname] = set()
            self._low[fontname] = {}
            self._subset[fontname] = {}
        if not known.issuperset(text):
            self._learn(fontname, text)
        if not text:
            return []
        raw = text.translate(self._low[fontname]).encode("latin-1")
        subsets = text.translate(self._subset[fontname])
        first = subsets[0]
        if subsets.count(first) == len(subsets):
            return [(ord(first), raw)]
        runs = []
        start = 0
        for subset, run in groupby(subsets):
            end = start + len(list(run))
            runs.append((ord(subset), raw[start:end]))
            start = end
        return runs

    def font_name(self, fontname: str, subset: int) -> str:
        name = self._names.get((fontname, subset))
        if name is None:
            name = pdfmetrics.getFont(fontname).getSubsetInternalName(subset, self._doc)
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
        self._subset = -1
        self._prefixes: dict[int, str] = {}

    def set_font(self, fontname: str, size: float) -> None:
        self._font = fontname
        self._size = size
        self._tf = f"{fp_str(size)} Tf"  # no leading (TL): every line is placed by its own text matrix
        self._subset = -1
        self._prefixes = {}

    def lines(self, x: float, y: float, lead: float, lines: Iterable[str], align: str = "left") -> None:
        """Lines one under another, ``lead`` apart, the first baseline at y.

        x is where each line starts ("left"), ends ("right") or is centred
        ("center"), as drawString, drawRightString and drawCentredString place it.
        """
        append = self._code.append
        encode, font, size = self._w.encode, self._font, self._size
        width = pdfmetrics.getFont(font).stringWidth
        prefixes = self._prefixes
        for line in lines:
            if align == "right":
                start = x - width(line, size)
            elif align == "center":
                start = x - 0.5 * width(line, size)
            else:
                start = x
            append(f"1 0 0 1 {fp_str(start, y)} Tm")
            for subset, raw in encode(font, line):
                if subset != self._subset:
                    prefix = prefixes.get(subset)
                    if prefix is None:
                        prefix = prefixes[subset] = f"{self._w.font_name(font, subset)} {self._tf}"
                    append(prefix)
                    self._subset = subset
                append(f"({escapePDF(raw)}) Tj")
            y -= lead

    def getCode(self) -> str:  # noqa: N802 - the name Canvas.drawText calls
        return " ".join(self._code) + " ET"
