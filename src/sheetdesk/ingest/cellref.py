"""A1-style cell references: 'K12' <-> (column 11, row 12).

Shared by the workbook reader and the formula evaluator, so neither needs
the other for it.
"""

from __future__ import annotations

import re

_REF = re.compile(r"([A-Z]+)(\d+)")


def col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def split_ref(ref: str) -> tuple[int, int]:
    """'K12' -> (column 11, row 12)."""
    m = _REF.fullmatch(ref.replace("$", ""))
    if not m:
        raise ValueError(ref)
    return col_index(m.group(1)), int(m.group(2))
