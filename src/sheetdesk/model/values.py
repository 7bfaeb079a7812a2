"""Values of number cells: a number as entered, a mark, or nothing.

Numbers are Decimals so that 26.0 stays 26.0 and sums are exact; the marks
`-` and `未集計` are kept as marks and are never read as 0.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

from sheetdesk.glossary import Mark

Cell = Decimal | Mark | None

_MARK_SPELLINGS = {
    "-": Mark.NOT_APPLICABLE,
    "－": Mark.NOT_APPLICABLE,
    "‐": Mark.NOT_APPLICABLE,
    "―": Mark.NOT_APPLICABLE,
    "ー": Mark.NOT_APPLICABLE,
    "未集計": Mark.NOT_COUNTED,
}


class CellError(ValueError):
    """Text that is neither a number nor a mark."""


def parse_cell(text: str | int | float | Decimal | None) -> Cell:
    """Read what a user typed or a file held: '1,852', '２６．０', '-', '未集計', ''."""
    if text is None:
        return None
    if isinstance(text, bool):
        raise CellError("真偽値は数値ではありません")
    if isinstance(text, Decimal):
        return text
    if isinstance(text, int):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(repr(text))
    raw = text.strip()
    if raw == "":
        return None
    if raw in _MARK_SPELLINGS:
        return _MARK_SPELLINGS[raw]
    normal = unicodedata.normalize("NFKC", raw).replace(",", "").replace(" ", "")
    if normal.startswith("▲") or normal.startswith("△"):
        normal = "-" + normal[1:]
    try:
        value = Decimal(normal)
    except InvalidOperation:
        raise CellError(f"「{raw}」は数値でも記号（-・未集計）でもありません") from None
    if not value.is_finite():
        raise CellError(f"「{raw}」は数値として扱えません")
    return value


def format_cell(value: Cell, thousands: bool = True) -> str:
    """As printed: thousands separators, the decimals as entered, marks as marks."""
    if value is None:
        return ""
    if isinstance(value, Mark):
        return value.value
    return f"{value:,f}" if thousands else f"{value:f}"


def cell_to_json(value: Cell) -> str | None:
    """Exchange form: numbers as exact decimal strings, marks as themselves."""
    if value is None:
        return None
    if isinstance(value, Mark):
        return value.value
    return f"{value:f}"
