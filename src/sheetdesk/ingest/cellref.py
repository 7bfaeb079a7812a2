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
    m = _REF.fullmatch(ref.replace("$", "") if "$" in ref else ref)
    if not m:
        raise ValueError(ref)
    letters, digits = m.groups()
    return (ord(letters) - 64 if len(letters) == 1 else col_index(letters)), int(digits)
