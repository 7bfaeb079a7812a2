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


def unbreakable(a: str, b: str) -> bool:
    """True when a line may not break between a and b (also what a reader of a page takes as a wrap's unit)."""
    return b in NO_START or a in NO_END or (a in _WORD and b in _WORD)


_joins = unbreakable


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


class LazyPhraseBoundaries:
    """budoux's phrase boundaries of one paragraph, scored only where a line break is looked for.

    ``k in bounds`` is exactly ``k in phrase_boundaries(paragraph)``: budoux
    scores each gap from the characters around it alone, so a gap can be
    scored on its own. Breaking a line asks about a few gaps before its end,
    not all of them, which makes phrase breaking several times cheaper.
    The scoring mirrors budoux.Parser.parse (same features, same order).
    """

    __slots__ = ("_s", "_n", "_memo")

    def __init__(self, paragraph: str) -> None:
        self._s = paragraph
        self._n = len(paragraph)
        self._memo: dict[int, bool] = {}

    def __bool__(self) -> bool:
        return self._n > 0

    def __contains__(self, k: object) -> bool:
        if not isinstance(k, int) or k <= 0 or k > self._n:
            return False
        if k == self._n:
            return True
        hit = self._memo.get(k)
        if hit is None:
            hit = self._memo[k] = _score(self._s, k) > 0
        return hit


@cache
def _model() -> tuple[float, tuple[dict[str, int], ...]]:
    model = _parser().model
    base = -sum(sum(g.values()) for g in model.values()) * 0.5
    names = ("UW1", "UW2", "UW3", "UW4", "UW5", "UW6", "BW1", "BW2", "BW3", "TW1", "TW2", "TW3", "TW4")
    return base, tuple(model.get(name, {}) for name in names)


def _score(s: str, i: int) -> float:
    """budoux's score for a phrase starting at s[i] (0 < i < len(s))."""
    base, (uw1, uw2, uw3, uw4, uw5, uw6, bw1, bw2, bw3, tw1, tw2, tw3, tw4) = _model()
    n = len(s)
    score = base
    if i > 2:
        score += uw1.get(s[i - 3], 0)
    if i > 1:
        score += uw2.get(s[i - 2], 0)
    score += uw3.get(s[i - 1], 0)
    score += uw4.get(s[i], 0)
    if i + 1 < n:
        score += uw5.get(s[i + 1], 0)
    if i + 2 < n:
        score += uw6.get(s[i + 2], 0)
    if i > 1:
        score += bw1.get(s[i - 2 : i], 0)
    score += bw2.get(s[i - 1 : i + 1], 0)
    if i + 1 < n:
        score += bw3.get(s[i : i + 2], 0)
    if i > 2:
        score += tw1.get(s[i - 3 : i], 0)
    if i > 1:
        score += tw2.get(s[i - 2 : i + 1], 0)
    if i + 1 < n:
        score += tw3.get(s[i - 1 : i + 2], 0)
    if i + 2 < n:
        score += tw4.get(s[i : i + 3], 0)
    return score


Boundaries = frozenset[int] | LazyPhraseBoundaries


def break_paragraph(
    text: str, max_width: float, width: Callable[[str], float], boundaries: Boundaries | None = None
) -> list[str]:
    """Break one paragraph (no newlines) into lines no wider than max_width.

    With ``boundaries`` a line breaks at a phrase boundary when one is on the
    line, else anywhere 禁則 allows. A character that cannot go anywhere
    (a line too narrow for one character) still gets its own line.
    """
    return break_widths(text, [width(ch) for ch in text], max_width, boundaries)


def break_widths(text: str, widths: list[float], max_width: float, boundaries: Boundaries | None = None) -> list[str]:
    """`break_paragraph` with the characters' widths given: a text tried at several sizes measures once."""
    if not text:
        return [""]
    lines: list[str] = []
    start = 0
    line_w = 0.0
    n = len(text)
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


def _find_break(text: str, start: int, j: int, boundaries: Boundaries | None) -> int:
    if boundaries:
        for k in range(j, start, -1):
            if k in boundaries and not _joins(text[k - 1], text[k]):
                return k
    for k in range(j, start, -1):
        if not _joins(text[k - 1], text[k]):
            return k
    # 禁則 cannot hold (e.g. a line full of 、): break where the width says.
    return j


def paragraphs(text: str) -> list[str]:
    """The text's paragraphs: explicit line breaks of any convention are kept."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def break_text(
    text: str, max_width: float, width: Callable[[str], float], phrases: bool = False,
    phrase_cache: dict[str, Boundaries] | None = None,
) -> list[str]:
    """Lines of a text box: paragraphs split at newlines, each broken to max_width.

    ``phrase_cache`` keeps budoux's boundaries while one text is tried at several sizes.
    """
    out: list[str] = []
    for para in paragraphs(text):
        bounds: Boundaries | None = None
        if phrases and para:
            if phrase_cache is None:
                bounds = LazyPhraseBoundaries(para)
            else:
                bounds = phrase_cache.get(para)
                if bounds is None:
                    bounds = phrase_cache[para] = LazyPhraseBoundaries(para)
        out.extend(break_paragraph(para, max_width, width, bounds))
    return out
