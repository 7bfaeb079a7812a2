"""The composable parts of a form: value types and the structures that hold them.

A form file combines these freely:

- ``field``: one value of a type — text (one line or many), list of texts,
  choice (one option or several), grade (a choice stored and printed by its
  code, optionally with a suggestion a rule computes), number cell, measure,
  date, an indicator's direction (higher / lower is better);
- ``record``: named items under one key;
- ``repeat``: the same items once per row, with fixed keys (ア–エ) or with
  rows a user adds, removes and reorders (``rows: {min, max}``); a repeat
  with an empty key repeats at its parent's path (展開方向 1–4 × ア/イ:
  ``outcome.1.a``);
- ``series``: number cells (or measures) over a year window — the plan's
  years, years relative to N, named points (基準値 R3 / 目標値 R9 / 現状値 N),
  or listed years before the plan — optionally in several 区分 rows, each
  with its own unit or a narrower window (実績値 up to N, 見込み値 after N).

The same structure may continue in another section (③ names an indicator
in section 1, its numbers are in section 3): items with the same key in two
sections add their fields to the same paths.

Each item expands itself into field specs (`expand`); nothing switches on
what an item "is".
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Literal

from sheetdesk.forms.fields import FieldKind, FieldSet, FieldSpec, PlanContext, RowTemplate, row_keys
from sheetdesk.forms.record import Record
from sheetdesk.wareki import short_year_label

if TYPE_CHECKING:
    from collections.abc import Mapping

    from pydantic import Field  # constraints in annotations, read when a file is validated (forms.schema)


class Option(Record):
    code: str
    wording: str
    inferred: bool = False


# --- value types ------------------------------------------------------------


class TextType(Record):
    type: Literal["text"]
    multiline: bool = True


class ListType(Record):
    type: Literal["list"]


class ChoiceType(Record):
    type: Literal["choice"]
    options: Annotated[list[Option], Field(min_length=1)]
    multiple: bool = False
    # how several chosen options are joined when shown and printed: 「①、③」, or 「①③」 with ""
    separator: str = "、"

    def _check(self) -> None:
        codes = [o.code for o in self.options]
        if len(set(codes)) != len(codes):
            raise ValueError(f"option codes repeat: {codes}")


class GradeType(ChoiceType):
    """A grade (the sheet's 評価: A–E, A–D, S/A/B/C …): a choice stored, shown and printed by its code.

    Its options run from the best grade to the worst; a rule's suggestion
    (``grade_share``) names one of them, the importer reads a printed code or
    「E:ほぼすべての…」 by them, and the booklet prints the code.

    ``suggested`` adds the grade a rule suggests (``rules.compute`` kind
    ``grade_share``) at ``{path}.suggested``, labelled with these words after
    the grade's label; ``legend`` says the sheet prints the options' wordings
    as a legend (so an importer reads them as labels, never as a value).
    """

    type: Literal["grade"]  # type: ignore[assignment]
    suggested: str | None = None
    legend: bool = False

    def _check(self) -> None:
        super()._check()
        if len(self.options) < 2 or self.multiple:
            raise ValueError("a grade is one of two or more options")


class DirectionType(Record):
    """Whether more is better for an indicator (向上 / 低下 of 前年度比較, 達成 of 目標値)."""

    type: Literal["direction"]


class NumberType(Record):
    type: Literal["number"]
    unit: str | None = None
    # the range a value must lie in (validation flags a value outside it)
    min: Decimal | None = None
    max: Decimal | None = None


class MeasureType(Record):
    """A number with its unit (12人, 45.5%), or a word such as 実施 / 充実 / -."""

    type: Literal["measure"]


class DateType(Record):
    type: Literal["date"]


class JudgementType(Record):
    """A value a rule computes (rules.compute): 達成/未達成, 向上/維持/低下, or a suggested grade."""

    type: Literal["judgement"]
    of: Literal["achievement", "comparison", "grade_suggestion"]


AnyValue = (
    TextType | ListType | ChoiceType | GradeType | NumberType | MeasureType | DateType | DirectionType | JudgementType
)
# a field's value type, told apart by its `type` (the discriminator is in the annotations that use it)
ValueType = (
    TextType | ListType | ChoiceType | GradeType | NumberType | MeasureType | DateType | DirectionType | JudgementType
)


def _kind(t: AnyValue) -> FieldKind:
    return FieldKind(t.of) if isinstance(t, JudgementType) else FieldKind(t.type)


class Scope:
    """Where an item expands: the path prefix, the label prefix and the section."""

    def __init__(self, section: str, path: str = "", label: str = "") -> None:
        self.section, self.path, self.label = section, path, label

    def child(self, key: str, label: str) -> Scope:
        return Scope(self.section, self.at(key), _words(self.label, label))

    def inner(self, path: str, label: str) -> Scope:
        return Scope(self.section, path, label)

    def at(self, key: str) -> str:
        """The path of an item's key here; an empty key is this scope's own path."""
        if not key:
            return self.path
        return f"{self.path}.{key}" if self.path else key


def _words(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


# --- structures -------------------------------------------------------------


class _Generic(Record):
    key: str
    label: str = ""
    note: str | None = None
    # other words cities print for this label (a column header, a row label): read on import, never printed
    synonyms: list[str] = []


class FieldItem(_Generic):
    kind: Literal["field"]
    value: Annotated[ValueType, Field(discriminator="type")]
    required: bool = False
    printed: bool = True
    # the words of the group of fields this one belongs to on paper (（4）施策の具体的な取組状況):
    # they begin the field's full label, not its short one
    group_label: str | None = None

    def expand(self, ctx: PlanContext, values: Mapping[str, object] | None, out: FieldSet, scope: Scope) -> None:
        t = self.value
        label = ctx.fill(_words(scope.label, self.group_label, self.label))
        out.add(FieldSpec(
            scope.at(self.key), _kind(t), label, scope.section,
            required=self.required, printed=self.printed,
            multiline=isinstance(t, TextType) and t.multiline,
            unit=t.unit if isinstance(t, NumberType) else None,
            options=tuple((o.code, o.wording) for o in t.options) if isinstance(t, ChoiceType) else (),
            multiple=isinstance(t, ChoiceType) and t.multiple,
            separator=t.separator if isinstance(t, ChoiceType) else "、",
            short_label=ctx.fill(self.label),
            minimum=t.min if isinstance(t, NumberType) else None,
            maximum=t.max if isinstance(t, NumberType) else None,
        ))
        if isinstance(t, GradeType) and t.suggested is not None:
            out.add(FieldSpec(f"{scope.at(self.key)}.suggested", FieldKind.GRADE_SUGGESTION, label + t.suggested,
                              scope.section, computed=True, options=tuple((o.code, o.wording) for o in t.options)))


class RecordItem(_Generic):
    kind: Literal["record"]
    items: list[Annotated[GenericItem, Field(discriminator="kind")]]
    # words printed above the record that are not part of its fields' labels (③ 対象指標（…）)
    heading: str | None = None

    def expand(self, ctx: PlanContext, values: Mapping[str, object] | None, out: FieldSet, scope: Scope) -> None:
        inner = scope.child(self.key, self.label)
        for item in self.items:
            item.expand(ctx, values, out, inner)


class RowBounds(Record):
    min: Annotated[int, Field(ge=0)] = 0
    max: Annotated[int | None, Field(ge=1)] = None
    # how a row is named, {n} its key: 基本事業{n}, 事業{n}
    label: str = "{n}"


class Key(Record):
    key: str
    label: str


class RepeatItem(_Generic):
    """The same items per row: fixed ``keys`` (ア–エ), or user-added ``rows``."""

    kind: Literal["repeat"]
    keys: list[Key] | None = None
    rows: RowBounds | None = None
    items: list[Annotated[GenericItem, Field(discriminator="kind")]]
    # between the repeat's label and a key's: 施策の展開方向1 (""), 対象指標 ア (" ")
    separator: str = ""
    # words printed above the repeat that are not part of its fields' labels
    heading: str | None = None
    # a field of each row (relative to the row) whose value names the row where it is not typed:
    # the editor shows an indicator's 名称 (typed in section 1) above its numbers in section 3
    title_field: str | None = None

    def _check(self) -> None:
        if (self.keys is None) == (self.rows is None):
            raise ValueError("a repeat has either keys (fixed rows) or rows (rows a user adds)")
        if self.rows and self.rows.max is not None and self.rows.max < self.rows.min:
            raise ValueError("rows.max is smaller than rows.min")
        if not self.key and self.rows is not None:
            raise ValueError("a repeat of rows a user adds needs a key (its rows are stored there)")

    def key_label(self, k: Key) -> str:
        """How one fixed row is named: the repeat's label and the key's, e.g. 施策の展開方向1, 対象指標 ア."""
        return self.separator.join(p for p in (self.label, k.label) if p)

    def expand(self, ctx: PlanContext, values: Mapping[str, object] | None, out: FieldSet, scope: Scope) -> None:
        path = scope.at(self.key)
        if self.keys is not None:
            for k in self.keys:
                inner = scope.inner(f"{path}.{k.key}" if path else k.key, _words(scope.label, self.key_label(k)))
                for item in self.items:
                    item.expand(ctx, values, out, inner)
            return
        assert self.rows is not None
        out.add(FieldSpec(path, FieldKind.ROWS, ctx.fill(_words(scope.label, self.label)), scope.section,
                          min_rows=self.rows.min, max_rows=self.rows.max, short_label=ctx.fill(self.label)))
        # one row's fields, relative to the row, for paths of rows not listed here
        template = FieldSet()
        row_scope = scope.inner("", _words(scope.label, "{row}"))
        for item in self.items:
            item.expand(ctx, None, template, row_scope)
        out.templates.append(RowTemplate(f"{path}.", ctx.fill(self.rows.label), template))
        for key in row_keys(values, path):
            inner = scope.inner(f"{path}.{key}", _words(scope.label, self.row_label(ctx, key)))
            for item in self.items:
                item.expand(ctx, values, out, inner)

    def row_label(self, ctx: PlanContext, key: str) -> str:
        if self.keys is not None:
            return next((k.label for k in self.keys if k.key == key), key)
        assert self.rows is not None
        return ctx.fill(self.rows.label).replace("{n}", key)


class Point(Record):
    """A named point of a series: 基準値 in R3, 目標値 in R9, 現状値 in N."""

    key: str
    label: str
    # a fiscal year, or "N", "N-1", "N+2" relative to the evaluation year
    year: int | str | None = None
    # other words cities print for this point's label: read on import, never printed
    synonyms: list[str] = []

    def year_in(self, ctx: PlanContext) -> int | None:
        if self.year is None or isinstance(self.year, int):
            return self.year
        word = self.year.replace(" ", "")
        if word == "N":
            return ctx.evaluation_year
        if word.startswith("N") and word[1] in "+-" and word[2:].isdigit():
            return ctx.evaluation_year + int(word[1:])
        raise ValueError(f"point year {self.year!r} is not a year, N, N+k or N-k")


class Window(Record):
    """Which years a series has: the plan's, N+from..N+to, or listed years.

    ``plan: true`` may be bounded by ``to`` (the plan's years up to N+to: its
    years so far) and by ``after`` (the plan's years after N+after: its years
    to come). ``before_plan`` adds years counted back from the plan's
    first year, before the window's own: ``[2]`` is the baseline (H30) of a
    plan that starts in R2, and stays the baseline when the sheet rolls over.
    """

    plan: bool = False
    start: Annotated[int | None, Field(alias="from")] = None
    end: Annotated[int | None, Field(alias="to")] = None
    years: list[int] | None = None
    before_plan: list[int] = []
    # with plan: true, the plan's years after N+after only (after: 0 — the years after N: 見込み値)
    after: int | None = None

    def _check(self) -> None:
        relative = not self.plan and (self.start is not None or self.end is not None)
        chosen = [self.plan, relative, self.years is not None]
        if sum(chosen) != 1:
            raise ValueError("a window is one of: plan: true, from/to (relative to N), years: [...]")
        if self.plan and self.start is not None:
            raise ValueError("with plan: true only to (the last year, relative to N) may bound the years")
        if self.after is not None and not self.plan:
            raise ValueError("after (years after N+after) bounds the plan's years: it needs plan: true")
        if relative and (self.start is None) != (self.end is None):
            raise ValueError("a relative window needs both from and to")
        if any(k < 1 for k in self.before_plan):
            raise ValueError("before_plan counts years back from the plan's first year: 1, 2, …")

    def years_in(self, ctx: PlanContext) -> list[int]:
        before = sorted({ctx.plan_start_year - k for k in self.before_plan})
        if self.plan:
            n = ctx.evaluation_year
            own = [y for y in ctx.years
                   if (self.after is None or y > n + self.after) and (self.end is None or y <= n + self.end)]
        elif self.years is not None:
            own = list(self.years)
        else:
            assert self.start is not None and self.end is not None
            own = list(range(ctx.evaluation_year + self.start, ctx.evaluation_year + self.end + 1))
        return [*before, *(y for y in own if y not in before)]


class SeriesRow(Key):
    """A 区分 row of a series: its own unit (千円, 時間), the group of rows it is printed in (財源内訳),
    and (in a window of years) the years it uses when fewer than the series' (実績値 up to N)."""

    unit: str | None = None
    group: str | None = None
    window: Window | None = None


class SeriesItem(_Generic):
    kind: Literal["series"]
    value: NumberType | MeasureType = NumberType(type="number")
    window: Window | None = None
    points: list[Point] | None = None
    # 区分 rows (目標 / 実績): paths key.row.year
    rows: list[SeriesRow] | None = None
    # a field (relative to the series' own path) that holds the unit of every row (an indicator's 単位)
    unit_field: str | None = None
    # a cell's short label: its row's and its column's words (目標 R5年度), or its row's only (国庫支出金;
    # the year is the cell's ``year``)
    short_label: Literal["row_and_column", "row"] = "row_and_column"

    def _check(self) -> None:
        if (self.window is None) == (self.points is None):
            raise ValueError("a series has either a window of years or named points")
        if self.points is not None and any(r.window is not None for r in self.rows or ()):
            raise ValueError("a row's window narrows a window of years; a series of named points has none")

    def columns(self, ctx: PlanContext) -> list[tuple[str, str, int | None]]:
        """(path part, heading, year) of each column: 令和4年度… or 基準値（R3）…"""
        if self.window is not None:
            return [(str(y), short_year_label(y), y) for y in self.window.years_in(ctx)]
        assert self.points is not None
        return [(p.key, ctx.fill(p.label), p.year_in(ctx)) for p in self.points]

    def expand(self, ctx: PlanContext, values: Mapping[str, object] | None, out: FieldSet, scope: Scope) -> None:
        base = scope.at(self.key)
        kind = _kind(self.value)
        unit = self.value.unit if isinstance(self.value, NumberType) else None
        low = self.value.min if isinstance(self.value, NumberType) else None
        high = self.value.max if isinstance(self.value, NumberType) else None
        rows: list[SeriesRow | None] = list(self.rows) if self.rows else [None]
        # a year column's label leaves the year to ``year``; a named point's says which point it is
        named = self.points is not None
        columns = self.columns(ctx)
        for row in rows:
            prefix = (f"{base}.{row.key}" if base else row.key) if row else base
            row_label = row.label if row else ""
            used = set(row.window.years_in(ctx)) if row and row.window else None
            for part, heading, year in columns:
                if used is not None and year not in used:
                    continue
                label = ctx.fill(_words(scope.label, self.label, row_label, heading if named else ""))
                short = row_label or self.label if self.short_label == "row" else _words(row_label, heading)
                out.add(FieldSpec(f"{prefix}.{part}", kind, label, scope.section, year=year,
                                  unit=(row.unit if row and row.unit else unit),
                                  short_label=short, minimum=low, maximum=high))


# an item of a structure, told apart by its `kind` (the discriminator is in the annotations that use it)
GenericItem = FieldItem | RecordItem | RepeatItem | SeriesItem

