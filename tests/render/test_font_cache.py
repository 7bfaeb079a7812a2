"""The parsed font metrics kept between runs give the same fonts and the same printed page as parsing anew."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pdfplumber
from reportlab.pdfbase.ttfonts import TTFont

from sheetdesk.render.font_cache import cache_file, load_font
from sheetdesk.render.fonts import FontRole, font_paths

KANA = list(range(0x3041, 0x3097)) + [ord(c) for c in "施策マネジメントシート令和５年度、。（）"]


def test_a_cached_font_measures_and_subsets_like_a_parsed_one() -> None:
    path = font_paths()[FontRole.MINCHO]
    parsed = TTFont("parsed", str(path))
    first = load_font("first", path)  # parses and writes the cache
    assert cache_file(path).is_file()
    cached = load_font("cached", path)
    for font in (first, cached):
        assert font.face.charWidths == parsed.face.charWidths
        assert font.stringWidth("施策マネジメントシート", 10) == parsed.stringWidth("施策マネジメントシート", 10)
        assert font.face.makeSubset(KANA) == parsed.face.makeSubset(KANA)
        assert font.face.name == parsed.face.name
        assert font.face.glyphToChar == parsed.face.glyphToChar  # made again on use (reportlab's shaping asks)


def test_subsets_from_the_mapped_file_hold_the_glyphs_a_parsed_font_gives_from_either_end_of_its_table() -> None:
    """The cached face slices glyphs out of the mapped file; reportlab's own face copies the whole table."""
    for role in (FontRole.GOTHIC_BOLD, FontRole.MINCHO):
        path = font_paths()[role]
        parsed = TTFont("parsed", str(path)).face
        load_font("write", path)
        cached = load_font("read", path).face
        by_glyph = sorted(parsed.charToGlyph, key=parsed.charToGlyph.__getitem__)
        for chars in (by_glyph[:256], by_glyph[-256:], KANA):
            assert cached.makeSubset(chars) == parsed.makeSubset(chars)


def test_a_broken_cache_file_is_made_again() -> None:
    path = font_paths()[FontRole.GOTHIC]
    load_font("once", path)
    target = cache_file(path)
    target.write_bytes(b"\x00garbage")
    font = load_font("again", path)
    assert font.stringWidth("地域", 10) == TTFont("ref", str(path)).stringWidth("地域", 10)
    assert target.read_bytes() != b"\x00garbage"


def _export(home: Path, out: Path) -> str:
    env = dict(os.environ, SHEETDESK_HOME=str(home))
    code = "import sys; from sheetdesk.cli.main import main; sys.exit(main(sys.argv[1:]))"

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, "-c", code, *args], env=env, check=True, capture_output=True,
                              text=True, timeout=300)
        return done.stdout

    if not (home / "data" / "sheetdesk.sqlite3").exists():
        run("sample")
    # the standard sample among the shipped families' samples
    standard = next(line.split()[0] for line in run("list").splitlines() if "地域コミュニティ" in line)
    run("export", standard, "--format", "pdf", "-o", str(out))
    with pdfplumber.open(out) as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def test_the_page_printed_with_the_cache_reads_as_the_one_printed_without(tmp_path: Path) -> None:
    home = tmp_path / "home"
    without = _export(home, tmp_path / "first.pdf")
    assert list((home / "data" / "cache" / "fonts").glob("*.marshal")), "the first run writes the cache"
    with_cache = _export(home, tmp_path / "second.pdf")
    assert "自治会加入を促進し、社会的孤立の防止を図る。" in without
    assert with_cache == without
