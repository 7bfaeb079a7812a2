"""Japanese line breaking for the sheet's boxes: 禁則処理 and phrase boundaries.

Rules (JIS X 4051, simplified to what a form needs):
- no line starts with closing brackets, 、。, small kana, ー and the like
  (行頭禁則); no line ends with an opening bracket (行末禁則): the character
  is pushed to the next line (追い出し);
- a run of Latin letters and digits ("Wi-Fi", "1,852", "NPO") is not split
  unless it is longer than a line;
- in narrow boxes, budoux's phrase boundaries are preferred so that
  「地域コミュニティの｜活性化」 breaks where a reader pauses.

Explicit line breaks in the text are kept. Nothing is dropped: the lines
joined are the text without its newlines.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

# 行頭禁則: characters that may not begin a line.
NO_START = frozenset(
    "、。，．,.)）]］}｝〕〉》」』】〙〗〟’”｠»"
    "ゝゞーァィゥェォッャュョヮヵヶぁぃぅぇぉっゃゅょゎゕゖㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ々〻"
    "‐゠–〜～？！?!‼⁇⁈⁉・：；:;/／"
)
# 行末禁則: characters that may not end a line.
NO_END = frozenset("(（[［{｛〔〈《「『【〘〖〝‘“｟«")

_WORD = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789,.%-_'&+")


def _joins(a: str, b: str) -> bool:
    """True when a line may not break between a and b."""
    return b in NO_START or a in NO_END or (a in _WORD and b in _WORD)


@cache
def _parser():  # noqa: ANN202 - budoux has no public parser type
    import budoux

    return budoux.load_default_japanese_parser()


def phrase_boundaries(paragraph: str) -> frozenset[int]:
    """Offsets between budoux phrases (natural places to break a Japanese line)."""
    out: set[int] = set()
    pos = 0
    for phrase in _parser().parse(paragraph):
        pos += len(phrase)
        out.add(pos)
    return frozenset(out)


def break_paragraph(
    text: str, max_width: float, width: Callable[[str], float], boundaries: frozenset[int] | None = None
) -> list[str]:
    """Break one paragraph (no newlines) into lines no wider than max_width.

    With ``boundaries`` a line breaks at a phrase boundary when one is on the
    line, else anywhere 禁則 allows. A character that cannot go anywhere
    (a line too narrow for one character) still gets its own line.
    """
    if not text:
        return [""]
    lines: list[str] = []
    start = 0
    line_w = 0.0
    n = len(text)
    widths = [width(ch) for ch in text]
    j = 0
    while j < n:
        if line_w + widths[j] <= max_width or j == start:
            line_w += widths[j]
            j += 1
            continue
        # text[start:j] fits and text[j] does not: break at the last allowed place k in (start, j].
        k = _find_break(text, start, j, boundaries)
        lines.append(text[start:k])
        start = k
        line_w = sum(widths[start:j])  # a part of a line that fitted, so it fits; text[j] is tried again
    lines.append(text[start:])
    return lines


def _find_break(text: str, start: int, j: int, boundaries: frozenset[int] | None) -> int:
    if boundaries:
        for k in range(j, start, -1):
            if k in boundaries and not _joins(text[k - 1], text[k]):
                return k
    for k in range(j, start, -1):
        if not _joins(text[k - 1], text[k]):
            return k
    # 禁則 cannot hold (e.g. a line full of 、): break where the width says.
    return j


def break_text(
    text: str, max_width: float, width: Callable[[str], float], phrases: bool = False,
    phrase_cache: dict[str, frozenset[int]] | None = None,
) -> list[str]:
    """Lines of a text box: paragraphs split at newlines, each broken to max_width.

    ``phrase_cache`` keeps budoux's boundaries while one text is tried at several sizes.
    """
    out: list[str] = []
    for para in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        bounds = None
        if phrases and para:
            if phrase_cache is None:
                bounds = phrase_boundaries(para)
            else:
                bounds = phrase_cache.get(para)
                if bounds is None:
                    bounds = phrase_cache[para] = phrase_boundaries(para)
        out.extend(break_paragraph(para, max_width, width, bounds))
    return out
