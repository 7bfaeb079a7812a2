"""The order sheets are listed in, with no dependencies (the quick `sheetdesk list` uses it without the store)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_RUNS = re.compile(r"(\d+)")


@lru_cache(maxsize=8192)
def natural_key(code: str) -> tuple[tuple[int, int | str], ...]:
    """施策番号 order: "1-2" < "1-10" < "2" (digit runs compare as numbers)."""
    text = unicodedata.normalize("NFKC", code)
    parts: list[tuple[int, int | str]] = []
    for i, run in enumerate(_RUNS.split(text)):
        if run == "":
            continue
        parts.append((0, int(run)) if i % 2 else (1, run))
    return tuple(parts)
