"""A layout placed for one plan context: every box of every page with its final position.

Tables are resolved into cells (row and column spans, one column per plan
year), labels into the sheet's words. The PDF, the xlsx export, the fit
computation and the tests all read this one list, so what the capacity meter
measures is the box that gets printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal, TypedDict

from sheetdesk.forms.definition import FormDefinition, PlanContext
from sheetdesk.forms.loader import FormError
from sheetdesk.render.fonts import FontRole
from sheetdesk.render.layout import (
    Cell,
    GradeBox,
    LabelBox,
    Layout,
    LegendBox,
    Style,
    TableBox,
    ValueBox,
)
from sheetdesk.wareki import fiscal_year_label, short_year_label

PlacedKind = Literal["label", "heading", "value", "number", "grade", "legend", "blank"]


class _Frame(TypedDict):
    """Where a box is and whether it is ruled: what every kind of Placed shares."""

    page: int
    x: float
    y: float
    w: float
    h: float
    border: bool


@dataclass(frozen=True)
class Placed:
    """One ruled box on one page; x, y, w, h in mm from the page's top-left corner."""

    page: int
    x: float
    y: float
    w: float
    h: float
    kind: PlacedKind
    font: FontRole
    size: float
    min_size: float
    align: str
    valign: str
    text: str | None = None  # label words (already filled)
    path: str | None = None  # the field shown
    vertical: bool = False
    shade: str | None = None
    border: bool = True
    grade_show: str = "wording"

    @property
    def bbox(self) -> tuple[float, float, float, float]:
        return (self.x, self.y, self.x + self.w, self.y + self.h)


def item_label(form: FormDefinition, key: str, ctx: PlanContext) -> str:
    """The label of a form item by its table path: 's4.reasons', 's2.directions.means', 'cost.national'."""
    item = form.item(key)
    if item is None:
        raise FormError(f"様式「{form.id}」に項目「{key}」はありません")
    return ctx.fill(item.label)


def fill(text: str, ctx: PlanContext) -> str:
    return ctx.fill(text).replace("{evaluation_year}", fiscal_year_label(ctx.evaluation_year))


class _Placer:
    def __init__(self, layout: Layout, form: FormDefinition, ctx: PlanContext) -> None:
        self.style: Style = layout.style
        self.form, self.ctx = form, ctx
        self.paths = frozenset(form.fields(ctx))
        self.out: list[Placed] = []

    def label_text(self, text: str | None, item: str | None, section: str | None) -> str:
        if text is not None:
            return fill(text, self.ctx)
        if item is not None:
            return item_label(self.form, item, self.ctx)
        assert section is not None
        return self.form.section_label(section, self.ctx)

    def box(self, page: int, b: LabelBox | ValueBox | GradeBox | LegendBox) -> None:
        s = self.style
        common = _Frame(page=page, x=b.x, y=b.y, w=b.w, h=b.h, border=b.border)
        if isinstance(b, LabelBox):
            heading = b.heading
            shade = b.shade or (s.heading_shade if heading else s.label_shade)
            self.out.append(Placed(
                **common, kind="heading" if heading else "label",
                font=b.font or (s.heading_font if heading else s.label_font),
                size=b.size or s.label_size, min_size=b.min_size or s.label_min_size,
                align=b.align or ("center" if b.vertical else "left"), valign=b.valign or "middle",
                text=self.label_text(b.text, b.item, b.section), vertical=b.vertical,
                shade=None if shade == "none" else shade,
            ))
            return
        if isinstance(b, LegendBox):
            self.out.append(Placed(
                **common, kind="legend", font=b.font or s.label_font, size=b.size or s.label_size,
                min_size=b.min_size or s.min_size, align=b.align or "left", valign=b.valign or "top",
                path=b.item, shade=None if (b.shade or "none") == "none" else b.shade,
            ))
            return
        self.check_path(b.path)
        kind: PlacedKind = "grade" if isinstance(b, GradeBox) else "value"
        self.out.append(Placed(
            **common, kind=kind, font=b.font or s.body_font, size=b.size or s.body_size,
            min_size=b.min_size or s.min_size, align=b.align or "left", valign=b.valign or "top",
            path=b.path, shade=None if (b.shade or "none") == "none" else b.shade,
            grade_show=b.show if isinstance(b, GradeBox) else "wording",
        ))

    def check_path(self, path: str) -> None:
        if path not in self.paths:
            raise FormError(f"印刷レイアウトの項目「{path}」は様式「{self.form.id}」にありません")

    def cell(self, page: int, x: float, y: float, w: float, h: float, cell: Cell, size: float) -> None:
        s = self.style
        if cell.path is not None:
            self.check_path(cell.path)
            self.out.append(Placed(
                page, x, y, w, h, "value", s.body_font, cell.size or size, s.min_size,
                cell.align or "left", "middle", path=cell.path, vertical=cell.vertical,
                shade=None if (cell.shade or "none") == "none" else cell.shade,
            ))
        elif cell.text is not None or cell.item is not None:
            shade = cell.shade or s.label_shade
            self.out.append(Placed(
                page, x, y, w, h, "label", s.label_font, cell.size or size, s.label_min_size,
                cell.align or "center", "middle", text=self.label_text(cell.text, cell.item, None),
                vertical=cell.vertical, shade=None if shade == "none" else shade,
            ))
        else:
            self.out.append(Placed(
                page, x, y, w, h, "blank", s.body_font, size, s.min_size, "left", "middle",
                shade=None if (cell.shade or "none") == "none" else cell.shade,
            ))

    def table(self, page: int, t: TableBox) -> None:
        years = self.ctx.years if t.has_years else []
        year_w = (t.w - sum(t.head) - sum(t.tail)) / len(years) if years else 0.0
        size = t.size or self.style.number_size
        heights = [r.height or t.row_height for r in t.rows]
        tops = [t.y + sum(heights[:i]) for i in range(len(heights))]
        head_x = [t.x + sum(t.head[:i]) for i in range(len(t.head) + 1)]
        years_x = head_x[-1]
        tail_x0 = years_x + year_w * len(years)
        tail_x = [tail_x0 + sum(t.tail[:i]) for i in range(len(t.tail) + 1)]
        for part, xs in (("cells", head_x), ("tail", tail_x)):
            covered: set[tuple[int, int]] = set()
            for r, row in enumerate(t.rows):
                col = 0
                for cell in getattr(row, part):
                    while (r, col) in covered:
                        col += 1
                    covered.update((r + dr, col + dc) for dr in range(cell.rows) for dc in range(cell.cols))
                    h = sum(heights[r : r + cell.rows])
                    self.cell(page, xs[col], tops[r], xs[col + cell.cols] - xs[col], h, cell, size)
                    col += cell.cols
        s = self.style
        for r, row in enumerate(t.rows):
            yc = row.years
            if yc is None:
                continue
            y, h = tops[r], heights[r]
            if yc.span is not None or yc.span_text is not None:
                self.cell(page, years_x, y, year_w * len(years), h,
                          # YearCells holds one of span, span_text (its _check): a valid Cell
                          Cell(path=yc.span, text=yc.span_text, shade="none" if yc.span_text else None), size)
                continue
            for i, year in enumerate(years):
                x = years_x + i * year_w
                if yc.header:
                    text = short_year_label(year) if t.year_format == "short" else fiscal_year_label(year)
                    self.out.append(Placed(page, x, y, year_w, h, "label", s.label_font, size, s.label_min_size,
                                           "center", "middle", text=text, shade=s.label_shade))
                    continue
                path = f"{yc.series}.{year}"
                if path in self.paths:
                    self.out.append(Placed(page, x, y, year_w, h, "number", s.body_font, size, s.min_size,
                                           "right", "middle", path=path))
                else:  # e.g. 実績値 of a future year: an empty cell, never 0
                    self.out.append(Placed(page, x, y, year_w, h, "blank", s.body_font, size, s.min_size,
                                           "left", "middle"))


class _Key:
    """Hash a pydantic model (frozen, but holding lists) by identity for the cache.

    The cache keeps the key and so the object alive: an id is never reused while cached.
    """

    __slots__ = ("obj",)

    def __init__(self, obj: object) -> None:
        self.obj = obj

    def __hash__(self) -> int:
        return id(self.obj)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Key) and other.obj is self.obj


@dataclass(frozen=True)
class PlacedLayout:
    layout: Layout
    pages: tuple[tuple[Placed, ...], ...]
    by_path: dict[str, Placed]


@lru_cache(maxsize=32)
def _place(layout_key: _Key, form_key: _Key, ctx: PlanContext) -> PlacedLayout:
    layout, form = layout_key.obj, form_key.obj
    assert isinstance(layout, Layout) and isinstance(form, FormDefinition)
    placer = _Placer(layout, form, ctx)
    pages: list[tuple[Placed, ...]] = []
    for i, page in enumerate(layout.pages):
        placer.out = []
        for b in page.boxes:
            if isinstance(b, TableBox):
                placer.table(i, b)
            else:
                placer.box(i, b)
        pages.append(tuple(placer.out))
    by_path = {p.path: p for pg in pages for p in pg if p.path is not None and p.kind != "legend"}
    return PlacedLayout(layout, tuple(pages), by_path)


def place(layout: Layout, form: FormDefinition, ctx: PlanContext) -> PlacedLayout:
    """Every box of the layout for this plan context (cached: the editor asks on every keystroke)."""
    return _place(_Key(layout), _Key(form), ctx)
