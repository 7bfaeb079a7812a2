"""Fit, never cut: 禁則 on every line, shrinking to the floor, overflow reported, capacity meter agrees."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sheetdesk.render import capacity, fit_text, overflowing_fields
from sheetdesk.render.fit import TextBox
from sheetdesk.render.fonts import FontRole, char_width
from sheetdesk.render.linebreak import NO_END, NO_START, break_text

from .conftest import load_sample


def _texts(registry) -> list[str]:
    sheet = load_sample(registry)
    return [v for v in sheet.values.values() if isinstance(v, str) and len(v) > 40]


def _width(ch: str) -> float:
    return char_width(ch, FontRole.MINCHO)


def _check_kinsoku(text: str, lines: list[str]) -> None:
    assert "".join(lines) == text.replace("\n", "")  # nothing dropped, nothing added
    paragraph_starts = {0}
    pos = 0
    for para in text.split("\n"):
        paragraph_starts.add(pos)
        pos += len(para)
    pos = 0
    for i, line in enumerate(lines):
        if line and pos not in paragraph_starts:
            assert line[0] not in NO_START, (i, line)
        if line and i + 1 < len(lines) and pos + len(line) not in paragraph_starts:
            assert line[-1] not in NO_END, (i, line)
        pos += len(line)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), chars_per_line=st.integers(min_value=6, max_value=60), phrases=st.booleans())
def test_kinsoku_holds_on_every_line(registry, data, chars_per_line: int, phrases: bool) -> None:
    text = data.draw(st.sampled_from(_texts(registry)))
    lines = break_text(text, chars_per_line, _width, phrases)
    _check_kinsoku(text, lines)
    assert all(sum(map(_width, line)) <= chars_per_line for line in lines)


def test_kinsoku_pushes_punctuation_and_brackets() -> None:
    # 10 full-width characters per line; 「。」 would start line 2 and 「（」 would end it.
    lines = break_text("あいうえおかきくけこ。さしすせそたちつて（テスト）", 10, _width)
    assert lines == ["あいうえおかきくけ", "こ。さしすせそたちつ", "て（テスト）"]


def test_text_shrinks_before_it_overflows() -> None:
    box = TextBox(width=100, height=30, size=8, min_size=6, font=FontRole.MINCHO)
    short = fit_text("地域コミュニティの活性化", box)
    assert short.fits and short.font_size == 8
    longer = fit_text("地域コミュニティの活性化、多文化共生社会の実現に向けた取組の更なる充実を目指す。", box)
    assert longer.fits and 6 <= longer.font_size < 8
    too_long = fit_text("地域コミュニティの活性化、多文化共生社会の実現に向けた取組の更なる充実を目指す。" * 3, box)
    assert not too_long.fits and too_long.font_size == 6
    assert too_long.used_chars > too_long.capacity_chars


def test_capacity_meter_agrees_with_printing(standard_form, sample) -> None:
    ctx = sample.context
    text = sample.text("s4.reasons")
    meter = capacity(standard_form, ctx, "s4.reasons", text)
    assert meter is not None and meter.fits and 0 < meter.used_chars <= meter.capacity_chars
    long = text * 8
    meter = capacity(standard_form, ctx, "s4.reasons", long)
    assert not meter.fits and meter.used_chars > meter.capacity_chars
    sample.values["s4.reasons"] = long
    assert [o.path for o in overflowing_fields(standard_form, sample)] == ["s4.reasons"]
    assert capacity(standard_form, ctx, "no.such.path", "x") is None


def test_the_sample_fits_without_overflow(standard_form, sample) -> None:
    assert overflowing_fields(standard_form, sample) == []


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_lazy_phrase_boundaries_are_budouxs(registry, data) -> None:
    from sheetdesk.render.linebreak import LazyPhraseBoundaries, paragraphs, phrase_boundaries

    text = data.draw(st.sampled_from(_texts(registry)))
    para = max(paragraphs(text), key=len)
    cut = data.draw(st.integers(min_value=0, max_value=len(para)))
    para = para[cut:]
    lazy = LazyPhraseBoundaries(para)
    assert {k for k in range(-1, len(para) + 2) if k in lazy} == set(phrase_boundaries(para))


@settings(max_examples=80, deadline=None)
@given(data=st.data(), width=st.floats(min_value=20, max_value=400), height=st.floats(min_value=8, max_value=200),
       size=st.sampled_from([6.0, 7.0, 8.0, 9.5, 12.0]), repeat=st.integers(min_value=1, max_value=4))
def test_skipping_sizes_by_the_width_bound_changes_no_result(registry, data, width, height, size, repeat) -> None:
    import pytest

    from sheetdesk.render import fit

    text = data.draw(st.sampled_from(_texts(registry))) * repeat
    box = TextBox(width=width, height=height, size=size, min_size=min(6.0, size), font=FontRole.MINCHO)
    fast = fit_text(text, box)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(fit._Measured, "min_lines", lambda self, max_width: 0)  # try every size
        assert fit_text(text, box) == fast
