"""Find every field whose text contains a query, on SQLite and PostgreSQL alike.

SQLite: queries of 3+ characters use the FTS5 trigram index; the trigram
tokenizer cannot find 1–2 characters, which are common in Japanese (「防災」,
「市」), so those scan the text column (instr; LIKE when the query has Latin
letters, to ignore their case as the index does).
PostgreSQL: LIKE (ILIKE for Latin letters), served by the pg_trgm GIN index
when it exists.
Both return hits in the same order (the order rows were stored) and build
the snippet the same way, in Python, so results look alike on both.

Width and form do not matter (NPO = ＮＰＯ, ｺﾐｭﾆﾃｨ = コミュニティ, Ａ = a): both
sides are compared by their key (NFKC, case-folded), kept beside the text in
``search_key`` (since 0003); the snippet shows the text as it was typed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Engine, text
from sqlalchemy.engine import Row

from sheetdesk.store.records import SearchHit

SNIPPET_RADIUS = 30

_COLUMNS = """v.sheet_id, v.path, v.search_text, s.form_id, s.form_version, s.municipality, s.plan_name,
    s.plan_start_year, s.plan_end_year, s.evaluation_year, s.measure_code, s.measure_name"""

# The sheet filters of the list (年度, 課, 状態) apply to hits as well: {where} adds them.
_SQLITE_FTS = """
    SELECT {columns} FROM sheet_text_fts f
    JOIN sheet_values v ON v.id = f.rowid JOIN sheets s ON s.id = v.sheet_id
    WHERE sheet_text_fts MATCH :query{where} ORDER BY v.id LIMIT :limit"""
# Keys are case-folded: instr finds short queries without LIKE's case rules.
_SQLITE_SCAN = """
    SELECT {columns} FROM sheet_values v JOIN sheets s ON s.id = v.sheet_id
    WHERE v.search_key IS NOT NULL AND instr(v.search_key, :query) > 0{where}
    ORDER BY v.id LIMIT :limit"""
_POSTGRES = """
    SELECT {columns} FROM sheet_values v JOIN sheets s ON s.id = v.sheet_id
    WHERE v.search_key LIKE :pattern ESCAPE '\\'{where}
    ORDER BY v.id LIMIT :limit"""
_FILTERS = {"year": "s.evaluation_year = :year", "section": "s.lead_section = :section", "status": "s.status = :status"}

# Shortest query the trigram index can answer.
TRIGRAM = 3


def _key_clusters(text_: str) -> list[tuple[str, int, int]]:
    """The text in clusters (a character and the marks that join it, ｶﾞ), each as (key, start, end)."""
    out: list[tuple[str, int, int]] = []
    for i, ch in enumerate(text_):
        folded = unicodedata.normalize("NFKC", ch)
        if out and folded and unicodedata.combining(folded[0]):
            _, start, _ = out.pop()
            out.append(("", start, i + 1))
        else:
            out.append(("", i, i + 1))
    return [(unicodedata.normalize("NFKC", text_[a:b]).casefold(), a, b) for _, a, b in out]


def search_key(text_: str) -> str:
    """What search compares: the text with width, form and case folded away (NFKC, casefold)."""
    return "".join(k for k, _, _ in _key_clusters(text_))


def find_key(text_: str, key: str) -> tuple[int, int] | None:
    """Where in ``text_`` (as typed) the folded ``key`` is found, or None."""
    clusters = _key_clusters(text_)
    folded = "".join(k for k, _, _ in clusters)
    at = folded.find(key)
    if at < 0 or not key:
        return None
    starts: list[int] = []  # the cluster each folded character came from
    for n, (k, _, _) in enumerate(clusters):
        starts.extend([n] * len(k))
    first, last = clusters[starts[at]], clusters[starts[at + len(key) - 1]]
    return first[1], last[2]


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
        found = find_key(flat, search_key(query))
        start, end = found if found else (0, 0)
    a, b = max(0, start - radius), min(len(flat), end + radius)
    prefix = "…" if a > 0 else ""
    suffix = "…" if b < len(flat) else ""
    hs = len(prefix) + start - a
    return prefix + flat[a:b] + suffix, (hs, hs + end - start)


def search(engine: Engine, query: str, limit: int, label_of: Callable[[Row[Any]], str],
           filters: Mapping[str, object] | None = None) -> list[SearchHit]:
    """Hits for ``query`` in stored order; ``filters`` (year, section, status) narrow them as the list's do."""
    q = query.strip()
    key = search_key(q)
    if not key or limit <= 0:
        return []
    wanted = {k: v for k, v in (filters or {}).items() if v is not None}
    where = "".join(f" AND {_FILTERS[k]}" for k in wanted)
    params: dict[str, object] = {"limit": limit, **wanted}
    if engine.dialect.name == "sqlite" and len(key) >= TRIGRAM:
        sql, params["query"] = _SQLITE_FTS, fts_phrase(key)
    elif engine.dialect.name == "sqlite":
        sql, params["query"] = _SQLITE_SCAN, key
    else:
        sql, params["pattern"] = _POSTGRES, like_pattern(key)
    with engine.connect() as conn:
        rows = conn.execute(text(sql.format(columns=_COLUMNS, where=where)), params).all()
    hits = []
    for r in rows:
        piece, highlight = snippet(r.search_text, q)
        hits.append(SearchHit(r.sheet_id, r.path, label_of(r), piece, highlight,
                              r.measure_code, r.measure_name, r.evaluation_year))
    return hits
