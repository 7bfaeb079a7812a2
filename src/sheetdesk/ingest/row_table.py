"""A city's table workbook of a form that is one table of rows: a row per 事業, columns found by their headers.

The form says the table: the chain of repeats of rows a user adds
(プロセス → 項目 → 事業) and, at each level, the fields that are columns
(事業名, 担当課, 取組内容…, the points of a series: 基準値, 目標値, 現状値).
A header is matched by its label, its head or a synonym from the form file,
over one or two rows ((１)令和5年度実施状況 over 取組内容: a row beside the header
row is its other row only when its words are mostly headers, not a row of the
table printing a header's words in a cell, which is read and flagged); the columns may come
in any order, with spare columns between them, and any number of rows under
them. An upper level is a column of its own (プロセス, 項目, often merged
down) or a heading row across the table (プロセス３ 夢を描く…).

Nothing is put under another field silently: a header that names no field,
or more than one, is reported and its column left out; a field without a
column is said; a cell whose value the field cannot take (a choice not among
its options) is left empty and flagged with its reason.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, field, replace

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.items import (
    ChoiceType,
    FieldItem,
    GenericItem,
    RecordItem,
    RepeatItem,
    SeriesItem,
    TextType,
)
from sheetdesk.ingest.boxes import PAGE_OFFSET, Box, Layout, head, key, label_doubt
from sheetdesk.ingest.result import ImportResult, IngestError
from sheetdesk.model.sheet import Plan, Sheet, Value
from sheetdesk.wareki import parse_year_label

MIN_COLUMNS = 3  # a header row names at least this many of the table's columns
_ERA_YEAR = re.compile(r"(?:令和|R)(元|\d+)")
_REFERENCE = re.compile(r"^(?P<name>.+?)\s*(?P<ref>【[^【】]+】)\s*$", re.S)
_CHOICE_SPLIT = re.compile(r"[、,，・\s/／]+")


@dataclass(frozen=True)
class Column:
    """One field of one level of the table, as a column."""

    level: int  # 0 プロセス, 1 項目, 2 事業
    rel: str  # its path inside a row: name, status.work, indicator.values.base
    label: str  # as the form prints it
    variants: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...]
    parent: str | None  # the record's label printed over it: （１）令和{N}年度実施状況
    item: FieldItem | None  # None for a series point (a measure)
    fixed: tuple[str, ...] = ()  # each pattern's words before its first placeholder: a key matching it begins so


@dataclass
class Level:
    repeat: RepeatItem
    path: str  # plan.processes, items, projects (relative to the row above)
    columns: list[Column] = field(default_factory=list)


def _pattern(k: str) -> re.Pattern[str]:
    text = re.escape(k)
    text = text.replace(re.escape("{N}"), r"(?P<n>元|\d+)")
    return re.compile(re.sub(r"\\\{[^{}]+\\\}", ".+?", text))


def _matchers(label: str, synonyms: list[str]
              ) -> tuple[tuple[str, ...], tuple[re.Pattern[str], ...], tuple[str, ...]]:
    """A label's keys, and its patterns (a key with placeholders) with the words each begins with."""
    plain: list[str] = []
    patterns: list[re.Pattern[str]] = []
    fixed: list[str] = []
    for word in (label, *synonyms):
        k = key(word)
        if "{" in k:
            patterns.append(_pattern(k))
            fixed.append(k.partition("{")[0])
            if head(k) != k and "{" not in head(k):
                plain.append(head(k))
        elif k:
            plain.append(k)
            if head(k) != k and len(head(k)) >= 2:
                plain.append(head(k))
    return tuple(dict.fromkeys(plain)), tuple(patterns), tuple(fixed)


def _levels(form: FormDefinition) -> list[Level] | None:
    """The chain of repeats of rows, outermost first; None when the form is not one such table (made once per form)."""
    return form.derived(_find_levels)


def _find_levels(form: FormDefinition) -> list[Level] | None:
    chains: list[list[Level]] = []
    for section in form.sections:
        for item in section.items:
            if isinstance(item, RepeatItem) and item.rows is not None:
                chain = _chain(item, item.key)
                if chain is not None:
                    chains.append(chain)
    return chains[0] if len(chains) == 1 else None


def _chain(repeat: RepeatItem, path: str) -> list[Level] | None:
    level = Level(repeat, path)
    inner: list[RepeatItem] = []

    def leaves(items: list[GenericItem], prefix: str, parent: str | None) -> None:
        for it in items:
            rel = f"{prefix}{it.key}"
            if isinstance(it, FieldItem) and it.printed:
                variants, patterns, fixed = _matchers(it.label, it.synonyms)
                level.columns.append(Column(0, rel, it.label, variants, patterns, parent, it, fixed))
            elif isinstance(it, RecordItem):
                leaves(it.items, f"{rel}.", it.label or parent)
            elif isinstance(it, SeriesItem) and it.points:
                for p in it.points:
                    variants, patterns, fixed = _matchers(p.label, p.synonyms)
                    level.columns.append(Column(0, f"{rel}.{p.key}", p.label, variants, patterns, parent, None,
                                                fixed))
            elif isinstance(it, RepeatItem) and it.rows is not None:
                inner.append(it)
            elif isinstance(it, RepeatItem | SeriesItem):
                raise _NotATable

    try:
        leaves(repeat.items, "", None)
    except _NotATable:
        return None
    if len(inner) > 1:
        return None
    rest = _chain(inner[0], inner[0].key) if inner else []
    if rest is None:
        return None
    return [level, *rest]


class _NotATable(Exception):
    pass


def is_table_form(form: FormDefinition) -> bool:
    """A form whose sheet is one table: a chain of repeats of rows, the innermost with most of the fields."""
    levels = _levels(form)
    return bool(levels) and len(levels[-1].columns) >= 5  # type: ignore[index]


Patterned = list[tuple[int, list[tuple[re.Pattern[str], str]]]]


def _columns(form: FormDefinition) -> tuple[list[Column], dict[str, list[int]], Patterned]:
    """Every level's columns in order, each column's index by its words, and the columns with patterns:
    (index, [(pattern, the words before its first placeholder)])."""
    levels = _levels(form) or []
    columns = [replace(c, level=i) for i, lv in enumerate(levels) for c in lv.columns]
    by_word: dict[str, list[int]] = defaultdict(list)
    for n, c in enumerate(columns):
        for v in c.variants:
            by_word[v].append(n)
    patterned = [(n, list(zip(c.patterns, c.fixed, strict=True))) for n, c in enumerate(columns) if c.patterns]
    return columns, dict(by_word), patterned




def _parents(form: FormDefinition) -> tuple[dict[str, str], list[re.Pattern[str]]]:
    """The records' labels printed over columns, by their keys, and the patterns of those with a year
    ((１)令和{N}年度実施状況), in the columns' order."""
    columns = form.derived(_columns)[0]
    return ({key(c.parent): c.parent for c in columns if c.parent},
            [_pattern(key(c.parent)) for c in columns if c.parent and "{N}" in c.parent])


def _pattern_starts(form: FormDefinition) -> frozenset[str] | None:
    """The first character of each column pattern's words, or None when a pattern's key may begin with anything."""
    fixed = [f for _, patterns in form.derived(_columns)[2] for _, f in patterns]
    return None if any(not f for f in fixed) else frozenset(f[0] for f in fixed)


@dataclass
class _HeaderCell:
    box: Box
    column: Column
    quality: float
    year: int | None  # N read from a label such as 現状値（R5)
    xc: float = field(init=False)  # the header's centre, where each row's cell of its column is looked for

    def __post_init__(self) -> None:
        self.xc = self.box.xc


class TableReader:
    def __init__(self, form: FormDefinition, boxes: list[Box], source: str) -> None:
        self.form, self.source = form, source
        levels = _levels(form)
        if not levels:
            raise IngestError(source, "ファイル全体", f"「{form.title}」は表の様式ではありません")
        self.levels = levels
        self.columns, self._by_word, self._patterned = form.derived(_columns)
        # the first characters of the patterns' words (None: a pattern begins with its placeholder)
        self._pattern_starts = form.derived(_pattern_starts)
        self.parents, self._parent_years = form.derived(_parents)
        self.boxes = [b for b in boxes if not b.empty]
        self.layout = Layout(boxes, 1.0)
        self.result = ImportResult(Sheet(form.id, form.version, Plan("", "", 2000, 2000), 2000))
        self.years: list[int] = []
        self.top = 0.0
        self.blank_uppers: dict[int, list[str]] = {}  # level -> the rows (their first cell) where it was blank
        self._option_keys: dict[int, tuple[dict[str, str], list[str]]] = {}  # id of a choice -> its _option_keys
        self._choices: dict[tuple[int, str], tuple[list[str], list[str]]] = {}  # (id of a choice, text) -> _choice
        self._centres: list[float] | None = None  # the header cells' centres, in order (cell)
        self._across: dict[int, bool] = {}  # id of a box -> whether it spans more than one header cell (cell)
        self.doubts: dict[int, str] = {}  # id of a box -> why the value read from it is to be checked

    # --- headers --------------------------------------------------------------

    def match(self, box: Box) -> list[tuple[Column, float, int | None]]:
        k = box.key
        h = head(k)
        out: list[tuple[Column, float, int | None]] = []
        year_hits: dict[int, tuple[int, re.Match[str]]] = {}  # column -> its first pattern the key fills
        starts = self._pattern_starts
        for n, patterns in self._patterned if starts is None or k[:1] in starts else ():
            for i, (p, fixed) in enumerate(patterns):
                if k.startswith(fixed) and (m := p.fullmatch(k)):
                    year_hits[n] = (i, m)
                    break
        named = self._by_word.get(k, ())
        named_by_head = named if h == k else self._by_word.get(h, ())
        if not (named or named_by_head or year_hits):
            return out  # most boxes: a value, not a header
        # only the columns the key or its head names, and those whose pattern it fills, match: in the columns' order
        for n in sorted({*named, *named_by_head, *year_hits}):
            c = self.columns[n]
            year_hit = year_hits.get(n)
            if year_hit is not None:
                i, m = year_hit
                out.append((c, 1.0 if i == 0 else 0.95, _era(m.groupdict().get("n"))))
            elif c.variants and k == c.variants[0]:
                out.append((c, 1.0, None))
            elif k in c.variants or h in c.variants:
                out.append((c, 0.95, None))
        return out

    def parent_year(self, box: Box) -> int | None:
        for pattern in self._parent_years:
            if m := pattern.fullmatch(box.key):
                return _era(m.group("n"))
        return None

    def header(self) -> tuple[list[_HeaderCell], float, int]:
        """The header cells, the y where the data begins, and the page; IngestError when there is no header."""
        rows: dict[tuple[int, float], list[tuple[Box, list[tuple[Column, float, int | None]]]]] = defaultdict(list)
        for box in self.boxes:
            hits = self.match(box)
            if hits:
                rows[(int(box.y0 // PAGE_OFFSET), box.y0)].append((box, hits))
        if not rows:
            raise IngestError(self.source, "ファイル全体", f"「{self.form.title}」の列の見出しが見つかりません")
        (page, y), _ = max(rows.items(), key=lambda kv: (len({h[0].rel for _, hs in kv[1] for h in hs}), -kv[0][1]))
        band = self.band(rows, page, y)
        cells: list[_HeaderCell] = []
        for box, hits in band:
            if len(hits) > 1:
                names = "、".join(f"「{h[0].label}」" for h in hits)
                self.result.warnings.append(f"{box.ref.describe()}: 列の見出し「{box.text.strip()}」は{names}のどれか"
                                            "決められないため、この列は取り込みませんでした")
                continue
            column, quality, year = hits[0]
            cells.append(_HeaderCell(box, column, quality, year))
        if len({c.column.rel for c in cells}) < MIN_COLUMNS:
            raise IngestError(self.source, "ファイル全体", f"「{self.form.title}」の列の見出しが{MIN_COLUMNS}つ以上並ぶ行が"
                              "見つかりません")
        top = min(c.box.y0 for c in cells)
        bottom = max(c.box.y1 for c in cells)
        self.words_over_columns(page, top, bottom, {id(b) for b, _ in band})
        kept: dict[tuple[int, str], _HeaderCell] = {}
        for c in sorted(cells, key=lambda c: (-c.quality, c.box.x0)):
            where = (c.column.level, c.column.rel)
            if where in kept:
                self.result.warnings.append(f"{c.box.ref.describe()}: 「{c.column.label}」の列が二つあります"
                                            f"（{kept[where].box.ref.describe()}）。こちらの列は取り込みませんでした")
                continue
            kept[where] = c
        self.years += [c.year for c in kept.values() if c.year is not None]
        self.top = top
        return list(kept.values()), bottom, page

    def band(self, rows: dict[tuple[int, float], list[tuple[Box, list[tuple[Column, float, int | None]]]]],
             page: int, y: float) -> list[tuple[Box, list[tuple[Column, float, int | None]]]]:
        """The header cells of the row at ``y`` and of the rows beside it that are the header's too."""
        band: list[tuple[Box, list[tuple[Column, float, int | None]]]] = []
        for (p, yy), found in rows.items():
            if p != page or abs(yy - y) > 1.0 + 1e-6:
                continue
            if yy != y and not self.header_like(page, yy, found):
                for b, _ in found:  # a row of the table beside its header: a cell typed in a column's words
                    self.doubts[id(b)] = label_doubt(b.text)
                continue
            band += found
        return band

    def header_like(self, page: int, y: float, found: list[tuple[Box, list[tuple[Column, float, int | None]]]]) -> bool:
        """A row next to the header row is the header's other row when its words are mostly columns' or
        records' labels; a row of the table that prints a column's words in a cell or two is not."""
        matched = {id(b) for b, _ in found}
        others = sum(1 for b in self.boxes if int(b.y0 // PAGE_OFFSET) == page and abs(b.y0 - y) < 1e-6
                     and id(b) not in matched and b.key not in self.parents and self.parent_year(b) is None)
        return others <= len(matched)

    def words_over_columns(self, page: int, top: float, bottom: float, taken: set[int]) -> None:
        """The other words of the header: a record's label over its columns ((１)令和5年度実施状況), spare columns."""
        for box in self.boxes:
            if int(box.y0 // PAGE_OFFSET) != page or not (top - 1e-6 <= box.y0 < bottom) or id(box) in taken:
                continue
            year = self.parent_year(box)
            if year is not None:
                self.years.append(year)
            elif box.key not in self.parents:
                self.result.warnings.append(f"{box.ref.describe()}: 列「{box.text.strip()}」はこの様式の項目に"
                                            "ないため取り込みませんでした")

    # --- the whole table ---------------------------------------------------------

    def run(self) -> ImportResult:
        cells, start, page = self.header()
        year = self.evaluation_year(start, page)
        sheet = Sheet(self.form.id, self.form.version, Plan("", "", year, year), year)
        self.result.sheet = sheet
        self.read_rows(cells, start, page)
        for lv, rows in self.blank_uppers.items():
            self.result.warnings.append(f"「{self.levels[lv].repeat.label}」の欄が空欄の行が{len(rows)}行あります"
                                        f"（{rows[0]}の行から）。上の行と同じ{self.levels[lv].repeat.label}としました")
        found = {(c.column.level, c.column.rel) for c in cells}
        for c in self.columns:
            suffix = f".{c.rel}"
            if (c.level, c.rel) not in found and not any(
                    p.endswith(suffix) and p.count(".") == self._depth(c) for p in sheet.values):
                self.result.warnings.append(f"「{c.label}」の列が見つかりません。取り込み後に入力してください")
        self.read_title(start, page)
        code = self.form.identity.code
        if code not in sheet.values:
            label = self._label_of(code)
            self.result.warnings.append(f"「{label}」は印刷されないため読み取れません。取り込み後に入力してください")
        self.result.warnings.append("市区町村名が読み取れません。取り込み後に確認してください")
        return self.result

    def _label_of(self, path: str) -> str:
        for section in self.form.sections:
            for item in section.items:
                if item.key == path:
                    return item.label
        return path

    def _depth(self, column: Column) -> int:
        """The number of dots in a path of ``column``: plan.processes.1.items.2.name has 5."""
        return sum(self.levels[lv].path.count(".") + 2 for lv in range(column.level + 1)) + column.rel.count(".")

    def evaluation_year(self, start: float, page: int) -> int:
        if self.years:
            if len(set(self.years)) > 1:
                raise IngestError(self.source, "列の見出し", "見出しの年度がそろっていません（"
                                  + "、".join(f"令和{y - 2018}年度" for y in sorted(set(self.years))) + "）")
            return self.years[0]
        for box in self.boxes:  # the title above the table: 令和5年度 …評価表
            if int(box.y0 // PAGE_OFFSET) == page and box.y1 <= self.top + 1e-6 and (m := re.search(r"(令和|R)(元|\d+)年度", box.key)):
                found = parse_year_label(m.group(0))
                if found is not None:
                    return found
        raise IngestError(self.source, "表題", "評価対象年度（例: 現状値（R5) や 令和5年度）が読み取れません")

    def read_title(self, start: float, page: int) -> None:
        """The table's name (名称) from the title above the header, flagged: it has no label of its own."""
        name_path = self.form.identity.name
        if name_path.startswith(self.levels[0].path):
            return
        above = sorted((b for b in self.boxes if int(b.y0 // PAGE_OFFSET) == page and b.y1 <= self.top + 1e-6
                        and len(b.key) >= 4), key=lambda b: b.y0)
        if above:
            box = above[0]
            self.result.sheet.values[name_path] = box.text.strip()
            self.result.sources[name_path] = box.ref
            self.result.flag(name_path, "表の名称は見出しがないため、表の上の表題から読み取りました")
        else:
            self.result.warnings.append(f"「{self._label_of(name_path)}」が見つかりません。取り込み後に入力してください")

    def read_rows(self, cells: list[_HeaderCell], start: float, page: int) -> None:
        deepest = len(self.levels) - 1
        by_level: dict[int, list[_HeaderCell]] = defaultdict(list)
        for c in cells:
            by_level[c.column.level].append(c)
        left = min(c.box.x0 for c in cells)
        end = self.layoutend(page)
        ys = sorted({b.y0 for b in self.boxes if int(b.y0 // PAGE_OFFSET) == page and b.y0 >= start - 1e-6
                     and b.y0 < end})
        keys: list[str | None] = [None] * len(self.levels)  # the current row key of each level
        count: list[int] = [0] * len(self.levels)
        current: list[str] = [""] * len(self.levels)  # the name cell's text of each upper level
        cell, deep_cells = self.cell, by_level[deepest]
        for y in ys:
            yc = y + 0.5
            deep = {c.column.rel: cell(c, yc, cells) for c in deep_cells}
            deep_text = {r: b for r, b in deep.items() if b is not None and not b.empty}
            uppers: dict[int, dict[str, Box | None]] = {
                lv: {c.column.rel: cell(c, yc, cells) for c in by_level[lv]} for lv in range(deepest)}
            if not deep_text:
                heading = self.heading_row(yc, left, uppers)
                if heading is not None:
                    lv, box = heading
                    self.open_row(lv, keys, count, current, box, None)
                continue
            started = {r: b for r, b in deep_text.items() if abs(b.y0 - y) < 1e-6}
            if not started:
                continue  # the 事業 row above, merged over this one
            blank_upper = self.advance_uppers(uppers, keys, count, current, next(iter(started.values())))
            prefix = self.row_prefix(keys, deepest)
            self.new_key(prefix, deepest, keys, count)
            row = f"{prefix}.{keys[deepest]}"
            for c in deep_cells:
                box = started.get(c.column.rel)
                if box is not None:
                    self.put(f"{row}.{c.column.rel}", c.column, box)
            name_column = next((c for c in by_level[deepest] if c.column.rel == "name"), None)
            if name_column is not None and "name" not in started:
                self.result.sources[f"{row}.name"] = next(iter(started.values())).ref
                self.result.flag(f"{row}.name", f"「{name_column.column.label}」が空欄です", 0.0)
            if blank_upper:
                self.result.flag(f"{row}.name", "上の階層の欄が空欄のため、上の行と同じとしました")
            if len(started) < len(deep_text):
                self.result.flag(f"{row}.name", "この行の一部のセルが上の行と結合されているため、どの事業の値か確かではありません")

    def advance_uppers(self, uppers: dict[int, dict[str, Box | None]], keys: list[str | None], count: list[int],
                       current: list[str], first: Box) -> bool:
        """The upper levels of a 事業 row: a column of their own, typed, merged down or left blank (True)."""
        blank = False
        for lv, row in uppers.items():
            name_box = row.get("name")
            if "name" not in row:
                if keys[lv] is None:
                    self.open_row(lv, keys, count, current, None, None)
                continue
            if name_box is not None and not name_box.empty and name_box.text.strip() != current[lv]:
                self.open_row(lv, keys, count, current, name_box, row)
            elif keys[lv] is None or name_box is None or name_box.empty:
                if keys[lv] is None:
                    self.open_row(lv, keys, count, current, None, row)
                self.blank_uppers.setdefault(lv, []).append(first.ref.describe())
                blank = True
        return blank

    def cell(self, column: _HeaderCell, yc: float, cells: list[_HeaderCell]) -> Box | None:
        """The box under ``column`` in the row at ``yc``; None for a box across columns (a heading row)."""
        box = self.layout.at(column.xc, yc)
        if box is None:
            return None
        across = self._across.get(id(box))  # a box is met once per column it spans: counted once
        if across is None:
            if self._centres is None:
                self._centres = sorted(c.box.xc for c in cells)
            across = self._across[id(box)] = bisect_left(self._centres, box.x1) - bisect_left(self._centres, box.x0) > 1
        return None if across else box

    def layoutend(self, page: int) -> float:
        return (page + 1) * PAGE_OFFSET

    def heading_row(self, yc: float, left: float, uppers: dict[int, dict[str, Box | None]]
                    ) -> tuple[int, Box] | None:
        """A row across the table naming an upper level (プロセス３ 夢を描く…, （１）市民の…), or None."""
        for lv in range(len(self.levels) - 1):
            box = uppers[lv].get("name")
            if box is not None and not box.empty and box.y0 <= yc < box.y0 + 1:
                return lv, box
        row = sorted((b for b in self.boxes if b.y0 <= yc < b.y1 and b.x1 > left and b.key), key=lambda b: b.x0)
        if not row:
            return None
        box = row[0]
        upper = len(self.levels) - 1
        for lv in range(upper):
            word = key(self.levels[lv].repeat.label)
            if box.key.startswith(word):
                return lv, box
        if any("name" in uppers[lv] for lv in range(upper)):
            return None  # a level with a column of its own is not named by heading rows
        return upper - 1, box

    def row_prefix(self, keys: list[str | None], level: int) -> str:
        parts = []
        for lv in range(level):
            parts += [self.levels[lv].path, str(keys[lv])]
        parts.append(self.levels[level].path)
        return ".".join(parts)

    def new_key(self, prefix: str, level: int, keys: list[str | None], count: list[int]) -> None:
        values = self.result.sheet.values
        existing = values.get(prefix)
        rows = tuple(existing) if isinstance(existing, tuple) else ()
        new = str(len(rows) + 1)
        values[prefix] = (*rows, new)
        keys[level] = new
        count[level] += 1
        for lv in range(level + 1, len(self.levels)):
            keys[lv] = None

    def open_row(self, level: int, keys: list[str | None], count: list[int], current: list[str],
                 box: Box | None, row: dict[str, Box | None] | None) -> None:
        for lv in range(level):
            if keys[lv] is None:
                self.open_row(lv, keys, count, current, None, None)
        prefix = self.row_prefix(keys, level)
        self.new_key(prefix, level, keys, count)
        for lv in range(level + 1, len(self.levels)):
            current[lv] = ""
        base = f"{prefix}.{keys[level]}"
        if box is None:
            current[level] = ""
            return
        current[level] = box.text.strip()
        columns = {c.rel: c for c in self.columns if c.level == level}
        text = box.text.strip()
        split = _REFERENCE.match(text)
        others = [c for r, c in columns.items() if r != "name" and c.item is not None
                  and isinstance(c.item.value, TextType) and (row is None or r not in row)]
        if split and others:
            self.set(f"{base}.name", split.group("name").strip(), box, 1.0)
            ref = others[0]
            self.set(f"{base}.{ref.rel}", split.group("ref"), box, 1.0)
            self.result.flag(f"{base}.{ref.rel}", f"「{ref.label}」は「{self.levels[level].repeat.label}」の欄から"
                             "分けて読み取りました")
        else:
            self.set(f"{base}.name", text, box, 1.0)
        for rel, b in (row or {}).items():
            if rel != "name" and b is not None and not b.empty:
                self.put(f"{base}.{rel}", columns[rel], b)

    def set(self, path: str, value: Value, box: Box, confidence: float) -> None:
        self.result.sheet.values[path] = value
        self.result.sources[path] = box.ref
        self.result.confidence[path] = min(confidence, box.confidence)
        if id(box) in self.doubts:
            self.result.flag(path, self.doubts[id(box)])

    def put(self, path: str, column: Column, box: Box) -> None:
        text = box.text.strip()
        item = column.item
        if item is not None and isinstance(item.value, ChoiceType):
            read = self._choices.get((id(item.value), text))  # a choice's text is read once per distinct text
            if read is None:
                keys = self._option_keys.get(id(item.value))
                if keys is None:
                    keys = self._option_keys[id(item.value)] = _option_keys(item.value)
                read = self._choices[(id(item.value), text)] = _choice(text, keys)
            codes, bad = read
            self.result.sources[path] = box.ref
            if bad:
                options = "、".join(o.wording for o in item.value.options)
                self.result.confidence[path] = 0.0
                reason = f"「{'、'.join(bad)}」は「{item.label}」の選択肢（{options}）にありません"
                self.result.flag(path, reason, 0.0)
                self.result.warnings.append(f"{box.ref.describe()}: {reason}")
                return
            value: Value = tuple(codes) if item.value.multiple else codes[0]
            self.set(path, value, box, 1.0)
            if not item.value.multiple and len(codes) > 1:
                self.result.flag(path, f"「{item.label}」は一つだけ選ぶ項目ですが、「{text}」と複数書かれています", 0.0)
                self.result.sheet.values.pop(path, None)
            return
        self.set(path, text, box, 1.0)
        if box.note:
            self.result.flag(path, box.note)


def _option_keys(choice: ChoiceType) -> tuple[dict[str, str], list[str]]:
    """A choice's codes by the keys of their wordings and codes, and those keys longest first."""
    by_key: dict[str, str] = {}
    for o in choice.options:
        by_key.setdefault(key(o.wording), o.code)
        by_key.setdefault(key(o.code), o.code)
    return by_key, sorted(by_key, key=len, reverse=True)


def _choice(text: str, option_keys: tuple[dict[str, str], list[str]]) -> tuple[list[str], list[str]]:
    """The codes ``text`` names (by code or wording, full- or half-width), and the parts that are none.

    ``option_keys`` are the choice's (``_option_keys``).
    """
    by_key, longest = option_keys
    codes: list[str] = []
    bad: list[str] = []
    words = [w for w in _CHOICE_SPLIT.split(text) if w]
    for word in words:
        k = key(word)
        if k in by_key:
            codes.append(by_key[k])
            continue
        # written together without separators: ①②③
        rest, found = k, []
        while rest:
            hit = next((w for w in longest if w and rest.startswith(w)), None)
            if hit is None:
                break
            found.append(by_key[hit])
            rest = rest[len(hit):]
        if rest or not found:
            bad.append(word)
        else:
            codes += found
    if not codes and not bad:
        bad.append(text)
    return list(dict.fromkeys(codes)), bad


def _era(n: str | None) -> int | None:
    if n is None:
        return None
    return 2018 + (1 if n == "元" else int(n))


def read_table(form: FormDefinition, boxes: list[Box], source: str) -> ImportResult:
    """The sheet of a table form out of a workbook's boxes; IngestError without a header row of its columns."""
    return TableReader(form, boxes, source).run()
