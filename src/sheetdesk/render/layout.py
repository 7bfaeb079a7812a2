"""The print layout of a form, as validated data (forms/*.layout.yaml).

Where each box sits on the paper, how wide it is, its font size and shading
are data, so a city's variant of the sheet is a new layout file, not new
code. Positions are millimetres from the top-left corner of the page.

Box kinds:
- ``label``: a shaded cell with the sheet's words: literal ``text`` (with the
  form's placeholders {N}, {municipality}, …), or the label of a form ``item``
  (``s4.reasons``, ``s2.directions.name``, ``cost.national``), or of a
  ``section``;
- ``value``: the value of a field path (text, list, number, judgement);
- ``grade``: a grade field (A–E, A–D …) printed as its code or as 「E:ほぼすべての…」;
- ``legend``: the wordings of a grade item's options, one per line;
- ``table``: ruled rows of label and value cells; rows may carry the year
  series of a path (one column per plan year, so a plan of any length works)
  and a cell may span rows and columns, as on the paper.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.loader import FormError, FormRegistry, load_yaml_validated
from sheetdesk.forms.record import Record
from sheetdesk.render.fonts import FontRole

if TYPE_CHECKING:
    from pydantic import Field, TypeAdapter  # Field: constraints in annotations, read when a file is validated

Align = Literal["left", "center", "right"]
VAlign = Literal["top", "middle"]


class Style(Record):
    """Defaults every box inherits; sizes in pt, lengths in mm."""

    label_font: FontRole = FontRole.GOTHIC
    body_font: FontRole = FontRole.MINCHO
    heading_font: FontRole = FontRole.GOTHIC_BOLD
    label_size: Annotated[float, Field(gt=0)] = 7.0
    body_size: Annotated[float, Field(gt=0)] = 8.0
    number_size: Annotated[float, Field(gt=0)] = 7.0
    min_size: Annotated[float, Field(gt=0)] = 6.0  # the floor a text shrinks to before it overflows
    label_min_size: Annotated[float, Field(gt=0)] = 5.0  # labels are the form's own words; a test checks they fit
    leading: Annotated[float, Field(ge=1.0)] = 1.25  # line height / font size
    padding: Annotated[float, Field(ge=0)] = 0.8
    label_shade: str = "#e6e6e6"
    heading_shade: str = "#cccccc"
    line_width: Annotated[float, Field(gt=0)] = 0.5  # pt
    frame_width: Annotated[float, Field(gt=0)] = 1.0  # pt, the outer frame of each half page
    phrase_break_below: Annotated[int, Field(ge=0)] = 30  # budoux phrase breaks when a line holds fewer chars


class _Box(Record):
    x: Annotated[float, Field(ge=0)]
    y: Annotated[float, Field(ge=0)]
    w: Annotated[float, Field(gt=0)]
    h: Annotated[float, Field(gt=0)]
    size: Annotated[float | None, Field(gt=0)] = None
    min_size: Annotated[float | None, Field(gt=0)] = None
    font: FontRole | None = None
    align: Align | None = None
    valign: VAlign | None = None
    shade: str | None = None  # a colour, or "none"
    border: bool = True


class LabelBox(_Box):
    kind: Literal["label"]
    text: str | None = None
    item: str | None = None
    section: str | None = None
    heading: bool = False
    vertical: bool = False

    def _check(self) -> None:
        if sum(v is not None for v in (self.text, self.item, self.section)) != 1:
            raise ValueError("a label needs exactly one of text, item, section")


class ValueBox(_Box):
    kind: Literal["value"]
    path: str


class GradeBox(_Box):
    kind: Literal["grade"]
    path: str
    show: Literal["code", "wording"] = "wording"


class LegendBox(_Box):
    kind: Literal["legend"]
    item: str


class Cell(Record):
    """One cell of a table row; it takes the next free columns of its part of the row."""

    text: str | None = None
    item: str | None = None
    path: str | None = None
    rows: Annotated[int, Field(ge=1)] = 1
    cols: Annotated[int, Field(ge=1)] = 1
    vertical: bool = False
    align: Align | None = None
    size: Annotated[float | None, Field(gt=0)] = None
    shade: str | None = None

    def _check(self) -> None:
        if sum(v is not None for v in (self.text, self.item, self.path)) > 1:
            raise ValueError("a cell holds one of text, item, path (or nothing)")


class YearCells(Record):
    """What a row shows in the year columns: their headers, a series, or one text across them."""

    header: bool = False
    series: str | None = None  # path prefix: the cell of year Y is f"{series}.{Y}"
    span: str | None = None  # a text path printed across all year columns
    span_text: str | None = None  # a literal across all year columns

    def _check(self) -> None:
        if sum((self.header, self.series is not None, self.span is not None, self.span_text is not None)) != 1:
            raise ValueError("year cells need exactly one of header, series, span, span_text")


class Row(Record):
    height: Annotated[float | None, Field(gt=0)] = None
    cells: list[Cell] = []
    years: YearCells | None = None
    tail: list[Cell] = []


class TableBox(Record):
    kind: Literal["table"]
    x: Annotated[float, Field(ge=0)]
    y: Annotated[float, Field(ge=0)]
    w: Annotated[float, Field(gt=0)]
    row_height: Annotated[float, Field(gt=0)]
    head: list[float]  # widths of the label columns before the years (or of all columns)
    tail: list[float] = []  # widths of the columns after the years
    year_format: Literal["short", "long"] = "short"
    size: Annotated[float | None, Field(gt=0)] = None
    rows: list[Row]

    @property
    def has_years(self) -> bool:
        return any(r.years is not None for r in self.rows)

    @property
    def height(self) -> float:
        return sum(r.height or self.row_height for r in self.rows)

    def _check(self) -> None:
        if not self.has_years and self.tail:
            raise ValueError("tail columns need year columns")
        fixed = sum(self.head) + sum(self.tail)
        if (self.has_years and fixed >= self.w) or (not self.has_years and abs(fixed - self.w) > 0.01):
            raise ValueError(f"column widths ({fixed} mm) do not fit the table width ({self.w} mm)")
        for part, widths in (("cells", self.head), ("tail", self.tail)):
            self._check_part(part, len(widths))

    def _check_part(self, part: str, columns: int) -> None:
        """The ``part`` cells of every row, with the spans of the rows above, cover ``columns`` exactly once."""
        covered: dict[tuple[int, int], bool] = {}
        for r, row in enumerate(self.rows):
            col = 0
            for cell in getattr(row, part):
                while (r, col) in covered:
                    col += 1
                if col + cell.cols > columns:
                    raise ValueError(f"row {r + 1}: {part} run past the last column")
                if r + cell.rows > len(self.rows):
                    raise ValueError(f"row {r + 1}: a cell spans past the last row")
                for dr in range(cell.rows):
                    for dc in range(cell.cols):
                        if (r + dr, col + dc) in covered:
                            raise ValueError(f"row {r + 1}: cells overlap")
                        covered[(r + dr, col + dc)] = True
                col += cell.cols
            missing = [c for c in range(columns) if (r, c) not in covered]
            if missing:
                raise ValueError(f"row {r + 1}: {part} leave columns {missing} empty")


# a box, told apart by its `kind` (the discriminator is in the annotation that uses it)
Box = LabelBox | ValueBox | GradeBox | LegendBox | TableBox


class Frame(Record):
    """A heavier outer rule around a block of boxes (each half page on the paper)."""

    x: float
    y: float
    w: float
    h: float


class Page(Record):
    frames: list[Frame] = []
    boxes: list[Annotated[Box, Field(discriminator="kind")]]


class Footer(Record):
    """The sheet number 「－４枚目－」 and the evaluation year; {sheet_number} and {evaluation_year}.

    ``identity_text`` names the sheet ({code} {name}: its identity fields) on
    every page but the first, which carries them in its own boxes;
    ``page_text`` numbers the sheet's pages ({page}, {pages}) when it is
    printed alone (a booklet numbers its pages itself).
    """

    number_text: str = "－{sheet_number}枚目－"
    year_text: str = "{evaluation_year}"
    identity_text: str = "{code}　{name}"
    page_text: str = "{page}／{pages}"
    y: float
    size: float = 9.0


class PageSize(Record):
    width: float = 420.0
    height: float = 297.0

    @property
    def landscape(self) -> bool:
        return self.width > self.height


class SummaryColumn(Record):
    """A column of the booklet's 一覧表: a field of the sheet, headed by ``label`` (default the field's)."""

    path: str
    label: str | None = None
    show: Literal["code", "wording"] = "code"  # a choice or grade: its code (with a legend) or its wording
    width: Annotated[float, Field(gt=0)] = 1.0


class Layout(Record):
    """Fixed boxes on fixed pages (the standard sheet)."""

    kind: Literal["boxes"] = "boxes"
    form: str  # the form id this layout prints
    page: PageSize = PageSize()
    style: Style = Style()
    footer: Footer
    pages: list[Page]
    summary: list[SummaryColumn] = []  # the booklet's 一覧表 columns after the sheet's identity


_PAPER_MM = {"A3": (297.0, 420.0), "A4": (210.0, 297.0)}


class Paper(Record):
    """A paper size by name and its orientation."""

    size: Literal["A3", "A4"] = "A4"
    orientation: Literal["portrait", "landscape"] = "portrait"

    @property
    def width(self) -> float:
        short, long_ = _PAPER_MM[self.size]
        return long_ if self.orientation == "landscape" else short

    @property
    def height(self) -> float:
        short, long_ = _PAPER_MM[self.size]
        return short if self.orientation == "landscape" else long_

    @property
    def landscape(self) -> bool:
        return self.orientation == "landscape"


class Margins(Record):
    """Millimetres of paper left blank around the flow."""

    top: Annotated[float, Field(ge=0)] = 12.0
    bottom: Annotated[float, Field(ge=0)] = 12.0
    left: Annotated[float, Field(ge=0)] = 10.0
    right: Annotated[float, Field(ge=0)] = 10.0


class ColumnHint(Record):
    """One column of a repeat's table: a field of the row (relative key) and its share of the width."""

    key: str
    width: Annotated[float, Field(gt=0)] = 1.0


class TableHint(Record):
    """How the table of one repeat (by its path, e.g. plan.processes.items.projects) is laid out."""

    columns: list[ColumnHint] = []


class FlowLayout(Record):
    """A flow of the form's sections onto as many pages as the texts need.

    Items are printed in the form's order; a repeat becomes a table whose rows
    grow with their text and whose header rows repeat on each page it runs
    over. Words printed come from the form; `title` and `header` may use the
    form's placeholders and {code} {name} {section} (the sheet's identity).
    """

    kind: Literal["flow"]
    form: str
    page: Paper = Paper()
    margins: Margins = Margins()
    style: Style = Style()
    title: str | None = None  # printed atop the first page; default the form's title
    header: str | None = None  # printed atop every page; default 「{code}　{name}」
    footer: str = "{page}／{pages}"
    number_text: str = "－{sheet_number}－"  # a booklet's number of the sheet, bottom left
    tables: dict[str, TableHint] = {}
    summary: list[SummaryColumn] = []  # the booklet's 一覧表 columns after the sheet's identity


def _layout_kind(raw: object) -> str:
    if isinstance(raw, dict):
        return str(raw.get("kind", "boxes"))
    return str(getattr(raw, "kind", "boxes"))


@cache
def _any_layout() -> TypeAdapter[Layout | FlowLayout]:
    """The validator of a layout file of either kind (`kind: flow`, or fixed boxes when absent).

    Made when a layout file is first validated: a start whose files are all cached imports no pydantic.
    """
    from pydantic import Discriminator, Tag

    from sheetdesk.forms.schema import adapter

    return adapter(Annotated[Annotated[Layout, Tag("boxes")] | Annotated[FlowLayout, Tag("flow")],
                             Discriminator(_layout_kind)])


def _validated_layout(raw: object) -> Layout | FlowLayout:
    from sheetdesk.forms.schema import plain

    return plain(_any_layout().validate_python(raw))


def load_layout_file(path: Path) -> Layout | FlowLayout:
    """Read and validate a layout file; errors name the file and the key, in Japanese."""
    return load_yaml_validated(path, "印刷レイアウト", (Layout, FlowLayout), _validated_layout)


_CACHE: dict[tuple[Path, float], Layout | FlowLayout] = {}


def automatic_layout(form: FormDefinition) -> FlowLayout:
    """The flow layout of a form that names none: A4 portrait, the form's items in its order."""
    return FlowLayout(kind="flow", form=form.id)


def any_layout_for(form: FormDefinition, registry: FormRegistry | None = None) -> Layout | FlowLayout:
    """The layout a form names (`layout:` in its file), cached while the file is unchanged.

    A form that names no layout prints in an automatic flow layout (`automatic_layout`),
    so a city's new form file prints with no layout file and no code.
    """
    if form.layout is None:
        return automatic_layout(form)
    from sheetdesk.forms.loader import default_registry

    reg = registry or default_registry()
    path = reg.layout_path(form)
    if path is None or not path.is_file():
        raise FormError(f"様式「{form.title}」の印刷レイアウト「{form.layout}」が見つかりません（{path}）")
    key = (path, path.stat().st_mtime)
    layout = _CACHE.get(key)
    if layout is None:
        layout = load_layout_file(path)
        if layout.form != form.id:
            raise FormError(f"{path}: 様式「{form.id}」ではなく「{layout.form}」のレイアウトです")
        _CACHE[key] = layout
    return layout


def layout_for(form: FormDefinition, registry: FormRegistry | None = None) -> Layout:
    """The fixed-box layout of a form; a flow layout is refused (callers that take both use any_layout_for)."""
    layout = any_layout_for(form, registry)
    if not isinstance(layout, Layout):
        raise FormError(f"様式「{form.title}」の印刷レイアウトは流し込み形式です")
    return layout
