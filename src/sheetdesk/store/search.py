"""Find every field whose text contains a query, on SQLite and PostgreSQL alike.

SQLite: queries of 3+ characters use the FTS5 trigram index; the trigram
tokenizer cannot find 1–2 characters, which are common in Japanese (「防災」,
「市」), so those scan the text column (instr; LIKE when the query has Latin
letters, to ignore their case as the index does).
PostgreSQL: LIKE (ILIKE for Latin letters), served by the pg_trgm GIN index
when it exists.
Both return hits in the same order (the order rows were stored) and build
the snippet the same way, in Python, so results look alike on both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import Row

from sheetdesk.store.records import SearchHit

SNIPPET_RADIUS = 30

_COLUMNS = """v.sheet_id, v.path, v.search_text, s.form_id, s.form_version, s.municipality, s.plan_name,
    s.plan_start_year, s.plan_end_year, s.evaluation_year, s.measure_code, s.measure_name"""

_SQLITE_FTS = text(f"""
    SELECT {_COLUMNS} FROM sheet_text_fts f
    JOIN sheet_values v ON v.id = f.rowid JOIN sheets s ON s.id = v.sheet_id
    WHERE sheet_text_fts MATCH :query ORDER BY v.id LIMIT :limit""")
_SQLITE_SCAN = text(f"""
    SELECT {_COLUMNS} FROM sheet_values v JOIN sheets s ON s.id = v.sheet_id
    WHERE v.search_text IS NOT NULL AND v.search_text LIKE :pattern ESCAPE '\\'
    ORDER BY v.id LIMIT :limit""")
# Without ASCII letters case does not matter and instr is faster than LIKE.
_SQLITE_SCAN_EXACT = text(f"""
    SELECT {_COLUMNS} FROM sheet_values v JOIN sheets s ON s.id = v.sheet_id
    WHERE v.search_text IS NOT NULL AND instr(v.search_text, :query) > 0
    ORDER BY v.id LIMIT :limit""")
_POSTGRES = text(f"""
    SELECT {_COLUMNS} FROM sheet_values v JOIN sheets s ON s.id = v.sheet_id
    WHERE v.search_text ILIKE :pattern ESCAPE '\\'
    ORDER BY v.id LIMIT :limit""")
_POSTGRES_EXACT = text(f"""
    SELECT {_COLUMNS} FROM sheet_values v JOIN sheets s ON s.id = v.sheet_id
    WHERE v.search_text LIKE :pattern ESCAPE '\\'
    ORDER BY v.id LIMIT :limit""")

# Shortest query the trigram index can answer.
TRIGRAM = 3


def like_pattern(query: str) -> str:
    escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def fts_phrase(query: str) -> str:
    """The query as one FTS5 phrase: the trigram index then matches it as a substring."""
    return '"' + query.replace('"', '""') + '"'


def snippet(text_: str, query: str, radius: int = SNIPPET_RADIUS) -> tuple[str, tuple[int, int]]:
    """A one-line piece of the text around the first hit, and where the hit is in it."""
    flat = text_.replace("\r\n", "\n").replace("\r", "\n").replace("\n", " ")
    start = flat.find(query)
    end = start + len(query)
    if start < 0:
        m = re.search(re.escape(query), flat, re.IGNORECASE)
        start, end = (m.start(), m.end()) if m else (0, 0)
    a, b = max(0, start - radius), min(len(flat), end + radius)
    prefix = "…" if a > 0 else ""
    suffix = "…" if b < len(flat) else ""
    hs = len(prefix) + start - a
    return prefix + flat[a:b] + suffix, (hs, hs + end - start)


def search(engine: Engine, query: str, limit: int, label_of: Callable[[Row[Any]], str]) -> list[SearchHit]:
    q = query.strip()
    if not q or limit <= 0:
        return []
    latin = re.search("[A-Za-z]", q) is not None
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            if len(q) >= TRIGRAM:
                rows = conn.execute(_SQLITE_FTS, {"query": fts_phrase(q), "limit": limit}).all()
            elif latin:
                rows = conn.execute(_SQLITE_SCAN, {"pattern": like_pattern(q), "limit": limit}).all()
            else:
                rows = conn.execute(_SQLITE_SCAN_EXACT, {"query": q, "limit": limit}).all()
        else:
            stmt = _POSTGRES if latin else _POSTGRES_EXACT
            rows = conn.execute(stmt, {"pattern": like_pattern(q), "limit": limit}).all()
    hits = []
    for r in rows:
        piece, highlight = snippet(r.search_text, q)
        hits.append(SearchHit(r.sheet_id, r.path, label_of(r), piece, highlight,
                              r.measure_code, r.measure_name, r.evaluation_year))
    return hits
