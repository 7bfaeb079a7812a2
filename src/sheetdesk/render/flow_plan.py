"""What a flow layout prints, as bands of cells: a form's items walked in the paper's order.

- a section: a heading band with its label;
- fields (and records' fields): rows of a
  shaded label cell and its value; short values share a row, texts and lists
  take the whole width; a choice prints every option with ■ (chosen) or □;
- a series: a small table, one column per year or named point, one row per 区分;
- a repeat: a table, one column per field of its row (a series gives one
  column per year or point, under its label; a series with 区分 rows splits
  the row into sub-rows), one band per row; fixed keys (ア–エ) get a first
  column with the key's label. A repeat whose rows hold another repeat
  (プロセス → 項目 → 事業) prints each outer row as shaded group rows over
  the inner table; the innermost table's header and the group rows above a
  row are printed again atop every page the table runs over.

Column order and shares of the width come from the layout's `tables` hints
(by the repeat's path without row keys: ``processes.items.projects``);
columns a hint does not name follow in the form's order, so no printed
field is ever left out. Every word printed is the form's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.fields import FieldKind, FieldSet, FieldSpec, row_keys
from sheetdesk.forms.items import FieldItem, NumberType, RecordItem, RepeatItem, Scope, SeriesItem, TextType
from sheetdesk.model.kinds import handler
from sheetdesk.model.sheet import Sheet, Value
from sheetdesk.render.fonts import FontRole
from sheetdesk.render.geometry import PlacedKind
from sheetdesk.render.layout import FlowLayout

CHECKED, UNCHECKED = "■", "□"
OPTION_GAP = "　"
LIST_BULLET = "・"  # a list prints one item a line, as the sheets print 現状 and 課題


@dataclass(frozen=True)
class BandCell:
    """One ruled cell of a band; x and w in mm from the left margin, rows are the band's sub-rows."""

    x: float
    w: float
    kind: PlacedKind
    text: str
    path: str | None = None
    row: int = 0
    rows: int = 1
    align: str = "left"
    grow: bool = True  # False: one line that shrinks to fit its width (numbers, one-line texts)
    shade: str | None = None
    font: FontRole | None = None
    size: float | None = None


@dataclass(eq=False)
class Band:
    """A strip of cells across the content width, as tall as its tallest text."""

    cells: list[BandCell]
    rows: int = 1
    min_height: float = 5.5  # mm per sub-row
    header: tuple[Band, ...] = ()  # printed before this band atop a page, or where its table starts
    context: tuple[Band, ...] = ()  # group bands printed again atop a page this band starts
    keep_with_next: bool = False
    border: bool = True


@dataclass(frozen=True)
class _Column:
    key: str  # the row item's key a layout hint names
    header: str
    group: str | None  # the label over several columns (a series' label)
    rel: str  # the path relative to the row; "" for a fixed key's label column
    weight: float
    series_rows: tuple[tuple[str, str], ...] = ()  # 区分 rows (key, label) of a series with rows
    kubun: bool = False  # the column holding the 区分 row labels


@dataclass
class _Walk:
    form: FormDefinition
    sheet: Sheet
    values: Mapping[str, Value]
    layout: FlowLayout
    width: float
    specs: FieldSet
    out: list[Band] = field(default_factory=list)

    @property
    def label_w(self) -> float:
        return 40.0 if self.width > 250 else 30.0

    @property
    def per_row(self) -> int:
        return 3 if self.width > 250 else 2

    # --- words and values --------------------------------------------------

    def shown(self, spec: FieldSpec, table: bool) -> str:
        value = self.values.get(spec.path)
        if spec.kind is FieldKind.CHOICE and not table:
            chosen = set(value) if isinstance(value, tuple) else {value}
            return OPTION_GAP.join(f"{CHECKED if code in chosen else UNCHECKED}{words}" for code, words in spec.options)
        if spec.kind is FieldKind.GRADE and isinstance(value, str) and value and not table:
            words = dict(spec.options).get(value, "")
            return f"{value}:{words}" if words else value
        if value is None:
            return ""
        if spec.kind is FieldKind.LIST and isinstance(value, tuple):
            return "\n".join(v if v.startswith(LIST_BULLET) else LIST_BULLET + v for v in value)
        return handler(spec).show(spec, value).rstrip()

    def value_cell(self, spec: FieldSpec | None, x: float, w: float, table: bool, **kw: Any) -> BandCell:
        if spec is None or not spec.printed:
            return BandCell(x, w, "blank", "", **kw)
        number = spec.kind is FieldKind.NUMBER
        right = number or spec.kind is FieldKind.MEASURE
        centred = table and spec.kind in (FieldKind.CHOICE, FieldKind.GRADE) and not spec.multiple
        # in a table the row grows, so only numbers keep to one line; a box of its own does not grow
        one_line = number or (not table and spec.kind is FieldKind.TEXT and not spec.multiline)
        align = "center" if centred else "right" if right else "left"
        return BandCell(x, w, "number" if number else "value", self.shown(spec, table), spec.path,
                        align=align, grow=not one_line, **kw)

    def label(self, text: str, x: float, w: float, **kw: Any) -> BandCell:
        return BandCell(x, w, "label", text, shade=self.layout.style.label_shade, **kw)

    # --- sections and plain fields -----------------------------------------

    def run(self, title: str) -> list[Band]:
        s = self.layout.style
        self.out.append(Band([BandCell(0, self.width, "heading", title, align="center", font=s.heading_font,
                                       size=s.body_size * 1.75)], min_height=10, border=False))
        for section in self.form.sections:
            label = self.form.section_label(section.key, self.sheet.context)
            self.out.append(Band([BandCell(0, self.width, "heading", label, shade=s.heading_shade)],
                                 keep_with_next=True))
            scope = Scope(section.key)
            pending: list[FieldSpec] = []
            for item in section.items:
                self.item(item, scope, pending)
            self.fields(pending)
        return self.out

    def item(self, item: object, scope: Scope, pending: list[FieldSpec]) -> None:
        if isinstance(item, RepeatItem):
            self.fields(pending)
            path = scope.at(item.key)
            self.table(item, path, path, scope.inner(path, ""), (), None)
        elif isinstance(item, SeriesItem):
            self.fields(pending)
            self.series(item, scope)
        elif isinstance(item, RecordItem):
            inner = scope.child(item.key, item.label)
            for sub in item.items:
                self.item(sub, inner, pending)
        else:  # a field: print the fields it expands to (a grade and its suggestion)
            found = FieldSet()
            item.expand(self.sheet.context, self.values, found, scope)  # type: ignore[attr-defined]
            pending.extend(self.specs.get(p) or s for p, s in found.items())

    def fields(self, specs: list[FieldSpec], shade: str | None = None,
               context: tuple[Band, ...] = (), header: tuple[Band, ...] = (), short: bool = False) -> list[Band]:
        """Label and value rows; consumes ``specs``. ``short``: labels within their row (a group row's)."""
        printed = [s for s in specs if s.printed and s.kind not in (FieldKind.ROWS, FieldKind.DIRECTION)]
        specs.clear()
        bands: list[Band] = []
        row: list[FieldSpec] = []

        def words(spec: FieldSpec) -> str:
            return spec.short_label or spec.label if short else spec.label

        def flush() -> None:
            if not row:
                return
            share = self.width / len(row)
            cells: list[BandCell] = []
            for i, spec in enumerate(row):
                x = i * share
                lw = min(self.label_w, share / 2)
                cells.append(self.label(words(spec), x, lw))
                cells.append(self.value_cell(spec, x + lw, share - lw, False, shade=shade))
            bands.append(Band(cells, header=header, context=context))
            row.clear()

        for spec in printed:
            if self._wide(spec):
                flush()
                bands.append(Band([self.label(words(spec), 0, self.label_w),
                                   self.value_cell(spec, self.label_w, self.width - self.label_w, False, shade=shade)],
                                  header=header, context=context))
            else:
                row.append(spec)
                if len(row) == self.per_row:
                    flush()
        flush()
        self.out.extend(bands)
        return bands

    def _wide(self, spec: FieldSpec) -> bool:
        if spec.kind is FieldKind.TEXT:
            return spec.multiline
        if spec.kind is FieldKind.CHOICE:
            return sum(len(w) + 2 for _, w in spec.options) > 16
        return spec.kind is FieldKind.LIST

    # --- a series outside a table --------------------------------------------

    def series(self, item: SeriesItem, scope: Scope) -> None:
        ctx = self.sheet.context
        columns = item.columns(ctx)
        base = scope.at(item.key)
        lw = self.label_w * 1.5
        cw = (self.width - lw) / max(len(columns), 1)
        label = ctx.fill(" ".join(p for p in (scope.label, item.label) if p))
        unit = item.value.unit if isinstance(item.value, NumberType) else None
        label = f"{label}（{unit}）" if unit else label
        head = Band([BandCell(0, lw, "blank", "")]
                    + [self.label(h, lw + i * cw, cw, align="center") for i, (_, h, _) in enumerate(columns)],
                    keep_with_next=True)  # printed before the first row (the rows carry it as their header)
        rows = [(f"{base}.{r.key}", ctx.fill(r.label)) for r in item.rows] if item.rows else [(base, "")]
        for prefix, row_label in rows:
            cells = [self.label(row_label or label, 0, lw)]
            for i, (part, _, _) in enumerate(columns):
                cells.append(self.value_cell(self.specs.get(f"{prefix}.{part}"), lw + i * cw, cw, True))
            self.out.append(Band(cells, header=(head,)))

    # --- a repeat's table --------------------------------------------------------

    def table(self, item: RepeatItem, path: str, hint: str, scope: Scope, context: tuple[Band, ...],
              header: tuple[Band, ...] | None) -> None:
        """The bands of a repeat at ``path``; ``hint`` is its path without row keys (the layout's name for it)."""
        ctx = self.sheet.context
        nested = [i for i in item.items if isinstance(i, RepeatItem)]
        if item.keys is not None:
            rows = [(k.key, ctx.fill(k.label)) for k in item.keys]
        else:
            rows = [(k, item.row_label(ctx, k)) for k in row_keys(self.values, path)]
        if not nested:
            columns = self.columns(item, hint)
            head = header or (self.header_band(columns),)
            if not rows:  # an empty table still shows its columns
                self.out.append(Band([BandCell(c.x, c.w, "blank", "") for c in self.body(columns, "", "", 1)],
                                     header=head, context=context))
            for key, row_label in rows:
                sub = max((len(c.series_rows) for c in columns), default=0) or 1
                self.out.append(Band(self.body(columns, f"{path}.{key}", row_label, sub), rows=sub,
                                     header=head, context=context))
            return
        inner_head = header or self._leaf_header(nested[0], f"{hint}.{nested[0].key}")
        for key, row_label in rows:
            row_path = f"{path}.{key}"
            own: list[FieldSpec] = []
            row_scope = scope.inner(row_path, row_label)
            for sub_item in item.items:
                if not isinstance(sub_item, RepeatItem):
                    self.item(sub_item, row_scope, own)
            shade = self.layout.style.label_shade
            group = self.fields(own, shade, context, inner_head, short=True) if own else []
            if not group:
                group = [Band([BandCell(0, self.width, "label", row_label, shade=shade)],
                              header=inner_head, context=context)]
                self.out.append(group[0])
            group[-1].keep_with_next = True
            for n in nested:
                n_path = f"{row_path}.{n.key}"
                self.table(n, n_path, f"{hint}.{n.key}", scope.inner(n_path, ""), (*context, *group),
                           inner_head if n is nested[0] else None)

    def _leaf_header(self, item: RepeatItem, hint: str) -> tuple[Band, ...]:
        """The header of the innermost table under a repeat (its first nested repeat, down to the leaf)."""
        while True:
            nested = [i for i in item.items if isinstance(i, RepeatItem)]
            if not nested:
                return (self.header_band(self.columns(item, hint)),)
            item, hint = nested[0], f"{hint}.{nested[0].key}"

    def columns(self, item: RepeatItem, hint_path: str) -> list[_Column]:
        ctx = self.sheet.context
        cols: list[_Column] = []
        if item.keys is not None:
            cols.append(_Column("{key}", ctx.fill(item.label), None, "", 0.5))
        self._row_columns(item.items, "", "", cols)
        hint = next((h for k, h in self.layout.tables.items() if _hint_key(k) == hint_path), None)
        if hint is None or not hint.columns:
            return cols
        weights = {h.key: h.width for h in hint.columns}
        order = {h.key: i for i, h in enumerate(hint.columns)}

        def hinted(c: _Column) -> str | None:  # a hint names a row item, or one column of a series by its path
            return c.key if c.key in weights else c.rel if c.rel in weights else None

        named = [c for c in cols if hinted(c) is not None]
        named.sort(key=lambda c: order[hinted(c) or ""])
        per_key = {k: sum(1 for c in named if hinted(c) == k) for k in weights}
        named = [_replace_weight(c, weights[hinted(c) or ""] / per_key[hinted(c) or ""]) for c in named]
        return named + [c for c in cols if hinted(c) is None]

    def _row_columns(self, items: list, prefix: str, group: str, cols: list[_Column]) -> None:
        ctx = self.sheet.context
        for it in items:
            if isinstance(it, RepeatItem):
                continue
            key = f"{prefix}{it.key}"
            label = ctx.fill(it.label)
            if isinstance(it, RecordItem):
                self._row_columns(it.items, f"{key}.", label, cols)
            elif isinstance(it, SeriesItem):
                heads = it.columns(ctx)
                label = label or group  # a series with no label of its own is under its record's
                if it.rows:
                    rows = tuple((r.key, ctx.fill(r.label)) for r in it.rows)
                    cols.append(_Column(key, "", label, key, 0.6, rows, kubun=True))
                    cols.extend(_Column(key, h, label, f"{key}.{{row}}.{part}", 1.0, rows) for part, h, _ in heads)
                else:
                    cols.extend(_Column(key, h, label, f"{key}.{part}", 1.0) for part, h, _ in heads)
            elif isinstance(it, FieldItem):
                cols.append(_Column(key, label, group or None, key, _weight(it)))

    def _xs(self, columns: list[_Column]) -> list[tuple[float, float]]:
        total = sum(c.weight for c in columns) or 1.0
        xs, x = [], 0.0
        for c in columns:
            w = self.width * c.weight / total
            xs.append((x, w))
            x += w
        return xs

    def header_band(self, columns: list[_Column]) -> Band:
        two = any(c.group for c in columns)
        cells: list[BandCell] = []
        xs = self._xs(columns)
        i = 0
        while i < len(columns):
            c = columns[i]
            x, w = xs[i]
            if not c.group:
                cells.append(self.label(c.header, x, w, rows=2 if two else 1, align="center"))
                i += 1
                continue
            j = i
            while j < len(columns) and columns[j].group == c.group:  # one heading over its columns
                j += 1
            span = sum(xs[k][1] for k in range(i, j))
            cells.append(self.label(c.group, x, span, align="center"))
            for k in range(i, j):
                cells.append(self.label(columns[k].header, xs[k][0], xs[k][1], row=1, align="center"))
            i = j
        return Band(cells, rows=2 if two else 1)

    def body(self, columns: list[_Column], row_path: str, row_label: str, sub: int) -> list[BandCell]:
        cells: list[BandCell] = []
        for c, (x, w) in zip(columns, self._xs(columns), strict=True):
            if c.key == "{key}":
                cells.append(self.label(row_label, x, w, rows=sub, align="center"))
            elif c.kubun:
                for r, (_, words) in enumerate(c.series_rows):
                    span = sub - r if r == len(c.series_rows) - 1 else 1
                    cells.append(self.label(words, x, w, row=r, rows=span, align="center"))
            elif c.series_rows:
                for r, (rkey, _) in enumerate(c.series_rows):
                    span = sub - r if r == len(c.series_rows) - 1 else 1
                    spec = self.specs.get(f"{row_path}.{c.rel.replace('{row}', rkey)}") if row_path else None
                    cells.append(self.value_cell(spec, x, w, True, row=r, rows=span))
            else:
                spec = self.specs.get(f"{row_path}.{c.rel}") if row_path else None
                cells.append(self.value_cell(spec, x, w, True, rows=sub))
        return cells


def _replace_weight(c: _Column, weight: float) -> _Column:
    return _Column(c.key, c.header, c.group, c.rel, weight, c.series_rows, c.kubun)


def _weight(item: FieldItem) -> float:
    t = item.value
    if isinstance(t, TextType):
        return 3.0 if t.multiline else 2.0
    return {"list": 3.0, "choice": 1.5, "date": 1.4, "measure": 1.0, "number": 1.0}.get(t.type, 1.2)


def _hint_key(name: str) -> str:
    """A layout's name for a repeat, ``processes.*.items.*.projects`` or ``processes.items.projects``."""
    return ".".join(p for p in name.split(".") if p != "*")


def plan_bands(form: FormDefinition, sheet: Sheet, values: Mapping[str, Value], layout: FlowLayout,
               width: float, title: str) -> list[Band]:
    """The bands of one sheet, in the paper's order, starting with its title."""
    specs = form.fields(sheet.context, sheet.values)
    return _Walk(form, sheet, values, layout, width, specs).run(title)
