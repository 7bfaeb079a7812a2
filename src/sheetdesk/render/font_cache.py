"""Parsed TrueType metrics kept between runs, so a command does not parse 15 MB of fonts at each start.

reportlab parses a whole font file when it is loaded (its cmap, widths and
glyph offsets: about 0.1 s per BIZ UD font here). The result is plain data;
it is written once with ``marshal`` (builtin types only: reading it back runs
no code, unlike pickle) under the app's cache folder, keyed by the font
file's size and modification time and by the reportlab and Python versions,
and read back in a few milliseconds. The font's bytes, which reportlab
subsets from, are the shipped file mapped into memory (mmap) rather than
read: a sheet's few hundred glyphs touch a few hundred kilobytes of the
5 MB file, and the glyph table is sliced glyph by glyph instead of being
copied whole for each subset. A cache that is missing, stale or unreadable
is simply made again; one that cannot be written is skipped.
"""

from __future__ import annotations

import marshal
import mmap
import os
import sys
import threading
from functools import cached_property
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFNameBytes, TTFont, TTFontFace

from sheetdesk.paths import app_dirs

# Recreated on load rather than stored: the file's bytes, a closure over unitsPerEm, and the
# glyph -> characters map, which only reportlab's text shaping asks for (SheetDesk does not shape):
# a third of the cache's reading time, so it is made from charToGlyph when first asked for.
_NOT_STORED = {"_ttf_data", "_pdfScale", "glyphToChar"}
_FORMAT = 2
_lock = threading.Lock()


def cache_file(path: Path) -> Path:
    st = path.stat()
    key = f"{path.stem}-{st.st_size}-{st.st_mtime_ns}-rl{reportlab.Version}-py{sys.version_info[0]}{sys.version_info[1]}"
    return app_dirs().cache / "fonts" / f"{key}-v{_FORMAT}.marshal"


def _scale(units_per_em: int):  # type: ignore[no-untyped-def]
    # As reportlab's TTFontFile.extractInfo makes it.
    if units_per_em == 1000:
        return lambda x: x
    factor = 1000 / units_per_em
    return lambda x: x * factor


def _inverse(char_to_glyph: dict[int, int]) -> dict[int, list[int]]:
    inverse: dict[int, list[int]] = {}
    for char, glyph in char_to_glyph.items():
        inverse.setdefault(glyph, []).append(char)
    return inverse


class _CachedFace(TTFontFace):
    """A face read from the cache; ``glyphToChar`` is made again, exactly as parsed, when first used.

    It is the inverse of ``charToGlyph`` except where the font maps a character
    twice (BIZ UD: U+00A0); those few entries are stored as they were parsed.
    """

    _glyph_to_char_changes: dict[int, list[int] | None]

    @cached_property
    def glyphToChar(self) -> dict[int, list[int]]:  # noqa: N802 - reportlab's attribute name
        made = _inverse(self.charToGlyph)
        for glyph, chars in self._glyph_to_char_changes.items():
            if chars is None:
                del made[glyph]
            else:
                made[glyph] = chars
        return made

    def get_table(self, tag: str):  # type: ignore[no-untyped-def]
        """A table's bytes as reportlab's parser gives them; the glyph table as slices of the mapped file.

        reportlab reads the glyph table (nearly all of the file) only to slice
        one glyph at a time out of it (makeSubset, its only reader).
        """
        if tag != "glyf":
            return super().get_table(tag)
        start, length = self.get_table_pos(tag)
        return _Slices(memoryview(self._ttf_data)[start:start + length])  # pyright: ignore[reportAttributeAccessIssue]


class _Slices:
    """A table whose slices are bytes, taken from the mapped file when asked for (no copy of the whole)."""

    def __init__(self, view: memoryview) -> None:
        self._view = view

    def __len__(self) -> int:
        return len(self._view)

    def __getitem__(self, where: slice) -> bytes:
        return self._view[where].tobytes()


def _mapped(path: Path) -> mmap.mmap:
    """The file's bytes, mapped read-only: pages are read when touched (the mapping outlives the file handle)."""
    with path.open("rb") as f:
        return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)


def _dump(face: TTFontFace) -> bytes:
    state: dict[str, Any] = {}
    names: dict[str, str] = {}
    for key, value in face.__dict__.items():
        if key in _NOT_STORED:
            continue
        if isinstance(value, TTFNameBytes):
            names[key] = value.ustr
        else:
            state[key] = value
    parsed: dict[int, list[int]] = face.glyphToChar  # pyright: ignore[reportAttributeAccessIssue]
    inverse = _inverse(face.charToGlyph)  # pyright: ignore[reportAttributeAccessIssue]
    state["_glyph_to_char_changes"] = {g: parsed.get(g) for g in parsed.keys() | inverse.keys()
                                       if parsed.get(g) != inverse.get(g)}
    return marshal.dumps((_FORMAT, state, names))


def _load(data: bytes, path: Path) -> TTFontFace:
    fmt, state, names = marshal.loads(data)
    if fmt != _FORMAT:
        raise ValueError("another cache format")
    face = _CachedFace.__new__(_CachedFace)
    face.__dict__.update(state)
    for key, text in names.items():
        setattr(face, key, TTFNameBytes(text.encode("utf8")))
    face._ttf_data = _mapped(path)  # pyright: ignore[reportAttributeAccessIssue]
    face._pdfScale = _scale(face.unitsPerEm)  # pyright: ignore[reportAttributeAccessIssue]
    return face


def _font_with_face(name: str, path: Path, face: TTFontFace) -> TTFont:
    """A TTFont made by reportlab's own constructor, handed the face instead of parsing the file."""
    original = ttfonts.TTFontFace
    ttfonts.TTFontFace = lambda *_a, **_k: face  # type: ignore[assignment, misc]
    try:
        return TTFont(name, str(path))
    finally:
        ttfonts.TTFontFace = original  # type: ignore[misc]


def load_font(name: str, path: Path) -> TTFont:
    """reportlab's TTFont for ``path``, from the metrics cache when it is there and current."""
    with _lock:
        try:
            target = cache_file(path)
        except OSError:
            return TTFont(name, str(path))
        try:
            face = _load(target.read_bytes(), path)
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            face = None
        if face is not None:
            return _font_with_face(name, path, face)
        font = TTFont(name, str(path))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(_dump(font.face))
            os.replace(tmp, target)
        except (OSError, ValueError):
            pass  # a read-only profile: parse again next time
        return font
