"""Fit text into its printed box: break lines (禁則), shrink to a floor, report what does not fit.

One computation serves the printer and the editor. A text is laid out at its
box's size; if it does not fit, at smaller sizes down to the layout's floor
(about 6 pt). At the floor, whether a text fits is decided by the compact
character-level breaking (which is cheap enough to run on every keystroke:
`capacity`); the printer prefers budoux phrase breaks in narrow boxes and
falls back to the compact breaking when phrases would not fit. Text that does
not fit even then is never cut: `overflowing_fields` names it and printing
refuses unless asked to mark the overflow.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from reportlab.lib.units import mm

from sheetdesk.forms.definition import FormDefinition, PlanContext
from sheetdesk.model.rules import effective_values
from sheetdesk.model.sheet import Sheet, Value
from sheetdesk.render.display import box_text
from sheetdesk.render.fonts import FontRole, char_width, width_table
from sheetdesk.render.geometry import Placed, PlacedLayout, _Key, place
from sheetdesk.render.layout import FlowLayout, Layout, Style, any_layout_for, layout_for
from sheetdesk.render.linebreak import LazyPhraseBoundaries, break_widths, paragraphs

Widths = Callable[[str, FontRole], float]  # advance width of a character at 1 pt
SIZE_STEP = 0.5


@dataclass(frozen=True)
class TextBox:
    """The inside of a box, in pt, and the sizes its text may take."""

    width: float
    height: float
    size: float
    min_size: float
    font: FontRole
    leading: float = 1.25
    phrase_break_below: int = 30  # use phrase breaks when a line holds fewer characters
    single_line: bool = False  # numbers: shrink, never wrap

    @classmethod
    def of(cls, placed: Placed, style: Style) -> TextBox:
        pad = style.padding * mm
        return cls(
            width=max(placed.w * mm - 2 * pad, 1.0),
            height=max(placed.h * mm - 2 * pad * 0.6, 1.0),
            size=placed.size,
            min_size=min(placed.min_size, placed.size),
            font=placed.font,
            leading=style.leading,
            phrase_break_below=style.phrase_break_below,
            single_line=placed.kind == "number",
        )

    def max_lines(self, size: float) -> int:
        if self.single_line:
            return 1
        if self.height < size:
            return 0
        return int((self.height - size) // (size * self.leading)) + 1

    def chars_per_line(self, size: float) -> int:
        """Full-width characters on one line at this size."""
        return int(self.width / size)


@dataclass(frozen=True)
class FitResult:
    """How a text sits in its box.

    ``capacity_chars`` is what the box holds at the floor size, in full-width
    characters (lines × characters per line); ``used_chars`` is what the text
    takes at that size, counting a line ended early (a newline, 禁則) as full,
    so ``used_chars <= capacity_chars`` exactly when the text fits. (For a
    text that fits at a larger size, ``used_chars`` counts only its
    characters' cells: the printer does not lay it out at the floor.)
    """

    lines: tuple[str, ...]
    font_size: float
    fits: bool
    capacity_chars: int
    used_chars: int
    lines_available: int = 0

    @property
    def overflow_chars(self) -> int:
        return max(0, self.used_chars - self.capacity_chars)


def _sizes(box: TextBox) -> list[float]:
    out = []
    s = box.size
    while s > box.min_size + 1e-9:
        out.append(s)
        s -= SIZE_STEP
    out.append(box.min_size)
    return out


def _em(line: str, font: FontRole, widths: Widths) -> float:
    if widths is char_width:
        table = width_table("", font)
        try:
            return sum(map(table.__getitem__, line))
        except KeyError:
            return sum(map(width_table(line, font).__getitem__, line))
    return sum(widths(ch, font) for ch in line)


def measure(text: str, box: TextBox, widths: Widths = char_width) -> FitResult:
    """The text at the floor size with compact breaking: cheap, for the capacity meter."""
    size = box.min_size
    text = text.rstrip()
    if box.single_line:
        lines = [text.replace("\n", " ")]
    else:
        lines = _Measured(text, box.font, widths).lines(box.width / size, False)
    return _result(lines, size, box, widths)


def _result(lines: list[str], size: float, box: TextBox, widths: Widths) -> FitResult:
    floor = box.min_size
    per_line = box.chars_per_line(floor)
    available = box.max_lines(floor)
    fits = len(lines) <= box.max_lines(size) and (
        not box.single_line or _em(lines[0], box.font, widths) * size <= box.width + 1e-6
    )
    if box.single_line:
        used = math.ceil(_em(lines[0], box.font, widths) - 1e-9)
    elif lines == [""]:
        used = 0
    elif size == floor or not fits:
        last = min(per_line, math.ceil(_em(lines[-1], box.font, widths) - 1e-9))
        used = (len(lines) - 1) * per_line + last
    else:  # fits at a larger size: at the floor it takes at most its characters' cells
        used = min(per_line * available, math.ceil(sum(_em(line, box.font, widths) for line in lines) - 1e-9))
    return FitResult(tuple(lines), size, fits, per_line * available, used, available)


class _Measured:
    """A text split into paragraphs with its characters' widths, measured once for every size tried."""

    def __init__(self, text: str, font: FontRole, widths: Widths) -> None:
        if widths is char_width:
            table = width_table("", font)
            try:
                self.paragraphs = [(para, list(map(table.__getitem__, para))) for para in paragraphs(text)]
            except KeyError:  # a character not measured yet
                table = width_table(text, font)
                self.paragraphs = [(para, list(map(table.__getitem__, para))) for para in paragraphs(text)]
        else:
            table = {ch: widths(ch, font) for ch in set(text)}
            self.paragraphs = [(para, list(map(table.__getitem__, para))) for para in paragraphs(text)]
        self.ems = [sum(w) for _, w in self.paragraphs]
        self.widest = max((max(w) for _, w in self.paragraphs if w), default=0.0)
        self.bounds: dict[int, LazyPhraseBoundaries] = {}

    def min_lines(self, max_width: float) -> int:
        """A lower bound on the lines at this line width, without breaking: each line holds at most max_width."""
        if self.widest > max_width:  # a character wider than a line gets a line of its own: no simple bound
            return len(self.paragraphs)
        return sum(max(1, math.ceil(em / max_width - 1e-6)) for em in self.ems)

    def lines(self, max_width: float, phrases: bool) -> list[str]:
        out: list[str] = []
        for i, (para, widths) in enumerate(self.paragraphs):
            bounds = None
            if phrases and para:
                bounds = self.bounds.get(i)
                if bounds is None:
                    bounds = self.bounds[i] = LazyPhraseBoundaries(para)
            out.extend(break_widths(para, widths, max_width, bounds))
        return out


def fit_text(text: str, box: TextBox, fonts: Widths = char_width) -> FitResult:
    """Lay a text out in its box: the largest size from the box's size down to its floor that fits.

    Returns the lines at the floor size with ``fits=False`` when nothing fits.
    Sizes whose line count cannot fit (by the text's total width, a lower
    bound on its lines) are skipped without breaking the text at them; the
    result is the same as trying every size.
    """
    text = text.rstrip()
    if not text:
        return FitResult(("",), box.size, True, box.chars_per_line(box.min_size) * box.max_lines(box.min_size), 0,
                         box.max_lines(box.min_size))
    if box.single_line:
        return _fit_line(text.replace("\n", " "), box, fonts)
    measured = _Measured(text, box.font, fonts)
    sizes = _sizes(box)
    result: FitResult | None = None
    for size in sizes:
        phrases = box.chars_per_line(size) < box.phrase_break_below
        attempts = (True, False) if phrases else (False,)
        max_width = box.width / size
        if size != sizes[-1] and measured.min_lines(max_width) > box.max_lines(size):
            continue
        for use_phrases in attempts:
            lines = measured.lines(max_width, use_phrases)
            result = _result(lines, size, box, fonts)
            if result.fits:
                return result
    assert result is not None  # _sizes always ends with the smallest size, so the loop ran
    return result


def _fit_line(text: str, box: TextBox, fonts: Widths) -> FitResult:
    """A number: one line, the largest size step at which it is not wider than the box."""
    em = _em(text, box.font, fonts)
    size = box.size
    while size > box.min_size + 1e-9 and em * size > box.width + 1e-6:
        size = max(box.min_size, size - SIZE_STEP)
    fits = em * size <= box.width + 1e-6
    per_line = box.chars_per_line(box.min_size)
    return FitResult((text,), size, fits, per_line, math.ceil(em - 1e-9), 1)


@lru_cache(maxsize=8192)
def _fit_label(text: str, box: TextBox) -> FitResult:
    """Labels are the same on every sheet of a layout: fit each once per process."""
    return fit_text(text, box)


@dataclass(frozen=True)
class Overflow:
    """A field whose text does not fit its box even at the floor size."""

    path: str
    label: str
    page: int  # 1-based page of the sheet
    used_chars: int
    capacity_chars: int

    @property
    def message(self) -> str:
        return (f"「{self.label}」が枠に収まりません（{self.used_chars}字分／約{self.capacity_chars}字）。"
                f"{self.used_chars - self.capacity_chars}字程度減らしてください")


@dataclass(frozen=True)
class FittedBox:
    placed: Placed
    text: str
    fit: FitResult


PreparedBox = FittedBox | tuple[Placed, TextBox | None]  # a form box already fitted, or a value box to fit
VALUE_KINDS = frozenset(("value", "number", "grade"))  # boxes showing the sheet's values; the rest are the form's


@lru_cache(maxsize=32)
def _prepared(placed: _Key, form: _Key) -> tuple[tuple[PreparedBox, ...], ...]:
    """Per placed layout: the form's own boxes already fitted, and the text box of each value box.

    Labels, headings, legends and blank cells are the same on every sheet of
    a plan context, so they are laid out once and shared (FittedBox is frozen).
    """
    layout, form_def = placed.obj, form.obj
    assert isinstance(layout, PlacedLayout) and isinstance(form_def, FormDefinition)
    style = layout.layout.style
    pages = []
    for page in layout.pages:
        out: list[PreparedBox] = []
        for p in page:
            box = None if p.vertical or p.kind == "blank" else TextBox.of(p, style)
            if p.kind in VALUE_KINDS:
                out.append((p, box))
                continue
            text = box_text(form_def, p, {})
            fit = FitResult((text,), p.size, True, 0, 0) if box is None else _fit_label(text, box)
            out.append(FittedBox(p, text, fit))
        pages.append(tuple(out))
    return tuple(pages)


def prepared_pages(form: FormDefinition, sheet: Sheet, layout: Layout) -> tuple[tuple[PreparedBox, ...], ...]:
    """Per page, each box of the sheet's placed layout: the form's fitted, a value's (placed, text box)."""
    return _prepared(_Key(place(layout, form, sheet.context)), _Key(form))


def fit_sheet(form: FormDefinition, sheet: Sheet, layout: Layout | None = None) -> list[list[FittedBox]]:
    """Every box of every page with its text laid out: what the PDF draws."""
    layout = layout or layout_for(form)
    values: dict[str, Value] = effective_values(form, sheet)
    pages = []
    for page in prepared_pages(form, sheet, layout):
        out = []
        for entry in page:
            if isinstance(entry, FittedBox):
                out.append(entry)
                continue
            p, box = entry
            text = box_text(form, p, values)
            if box is None:
                out.append(FittedBox(p, text, FitResult((text,), p.size, True, 0, 0)))
            else:
                out.append(FittedBox(p, text, fit_text(text, box)))
        pages.append(out)
    return pages


@lru_cache(maxsize=32)
def _labels(form: _Key, ctx: PlanContext) -> dict[str, str]:
    form_def = form.obj
    assert isinstance(form_def, FormDefinition)
    return {path: spec.label for path, spec in form_def.fields(ctx).items()}


def overflows(form: FormDefinition, sheet: Sheet, pages: list[list[FittedBox]]) -> list[Overflow]:
    out = []
    for i, page in enumerate(pages):
        for b in page:
            if b.placed.path is not None and b.placed.kind != "legend" and not b.fit.fits:
                label = _labels(_Key(form), sheet.context).get(b.placed.path)
                if label is None:  # a row a user added: the form answers for it by pattern
                    spec = form.fields(sheet.context, sheet.values).get(b.placed.path)
                    label = spec.label if spec is not None else b.placed.path
                out.append(Overflow(b.placed.path, label, i + 1, b.fit.used_chars, b.fit.capacity_chars))
    return out


def _placed(form: FormDefinition, ctx: PlanContext, layout: Layout | None) -> tuple[PlacedLayout, Style] | None:
    lay = layout or any_layout_for(form)
    if isinstance(lay, FlowLayout):
        return None
    return place(lay, form, ctx), lay.style


def capacity(form: FormDefinition, ctx: PlanContext, path: str, text: str,
             layout: Layout | None = None) -> FitResult | None:
    """Characters used and available for a text field at the floor size (the editor's meter).

    None when the path is not printed in a box of its own (in a flow layout
    rows grow with their text). Cheap: the layout is placed once per plan
    context and the text is broken once.
    """
    found = _placed(form, ctx, layout)
    if found is None:
        return None
    placed, style = found
    p = placed.by_path.get(path)
    if p is None or p.kind not in ("value", "grade"):
        return None
    return measure(text, TextBox.of(p, style))
