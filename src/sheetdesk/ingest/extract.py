"""Read a standard sheet out of positioned boxes, anchored on the form's labels.

Shared by the workbook and the PDF importer: both turn their file into
``Box``es, this module finds the labels and reads what stands beside them:

- a text, list or grade: the box right of or below its label;
- 2 (展開方向 rows): the column header's x meets the row's y;
- 3 (cost and indicator tables): a row label's band meets a year column of
  the nearest year header row above it; an indicator row is told by the
  family (対象指標/成果指標), 展開方向 and slot (ア…) labels to its left;
- ③/④ (indicator names and units): the 名称 and 単位 columns under the label.

Nothing depends on where a block sits, so moved blocks, inserted rows and
other column widths read the same.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from sheetdesk.forms.definition import FieldKind, FieldSpec, FormDefinition
from sheetdesk.glossary import GRADES, LABEL_DOUBT_WORDS, Direction
from sheetdesk.ingest.anchors import Anchors, Hit, RowLabels
from sheetdesk.ingest.boxes import PAGE_OFFSET, Box, Layout, key, label_doubt, typed
from sheetdesk.ingest.checks import other_form_error
from sheetdesk.ingest.families import RowTable, shapes
from sheetdesk.ingest.indicator_tables import IndicatorTables
from sheetdesk.ingest.result import FLAGGED, REVIEW_THRESHOLD, ImportResult, IngestError, SourceRef
from sheetdesk.model.sheet import Plan, Sheet, Value
from sheetdesk.model.values import CellError, format_cell, parse_cell
from sheetdesk.wareki import fiscal_year_label, parse_year_label

_GRADE = re.compile(r"^([A-Z])(?:[:：\s.．]|$)")  # a grade's code before its wording: 「E:ほぼすべての…」
_TITLE_YEAR = re.compile(r"(令和|平成|R|H)(元|\d+)年度")
_LIST_SPLIT = re.compile(r"[、,，\n]+")
MIN_ANCHORS = 8  # distinct labels of the form a sheet of that form must show


@dataclass
class _Header:
    page: int
    y: float
    columns: dict[int, Box]  # year -> its header box


class Extractor:
    def __init__(self, form: FormDefinition, boxes: list[Box], source: str, bucket: float, group: int = 1) -> None:
        self.form, self.source = form, source
        self.shapes = shapes(form)
        self.layout = Layout(boxes, bucket, group)
        anchors = Anchors(form)
        self.row_labels = RowLabels(form)
        self.hits: dict[int, list[Hit]] = {}
        self.by_name: dict[str, list[tuple[Box, Hit]]] = defaultdict(list)
        self.by_key: dict[str, list[Box]] = defaultdict(list)
        for box in boxes:
            if not box.key:
                continue
            self.by_key[box.key].append(box)
            hits = anchors.match(box)
            if hits:
                self.hits[id(box)] = hits
                for h in hits:
                    self.by_name[h.name].append((box, h))
        self.values: dict[str, Value] = {}
        self.confidence: dict[str, float] = {}
        self.sources: dict[str, SourceRef] = {}
        self.warnings: list[str] = []
        self._unordered_headers: dict[str, list[int]] = {}  # where -> the years as the row shows them
        self.reasons: dict[str, str] = {}
        self.specs: dict[str, FieldSpec] = {}

    # --- small helpers -------------------------------------------------------

    def is_label(self, box: Box) -> bool:
        return id(box) in self.hits

    def labels(self, name: str) -> list[tuple[Box, Hit]]:
        return sorted(self.by_name.get(name, []), key=lambda bh: -bh[1].quality)

    def label(self, name: str) -> tuple[Box, Hit] | None:
        found = self.labels(name)
        return found[0] if found else None

    def first_beside(self, box: Box, direction: str) -> Box | None:
        walk = self.layout.walk_right(box) if direction == "right" else self.layout.walk_down(box)
        return next(walk, None)

    def names_of(self, box: Box) -> set[str]:
        return {h.name for h in self.hits.get(id(box), [])}

    def neighbour(self, box: Box, order: tuple[str, ...], own: frozenset[str] = frozenset()) -> tuple[Box | None,
                                                                                                    str | None]:
        """The value box beside a label (right or below, in ``order``), and why it is to be checked (or None).

        The first box in the label's first direction is where its value stands. A label's words there
        are passed over only when they stand there as a label: the item's own explanation (keys in
        ``own``), or another label with a value of its own (a row of labels, each value under its
        label). Otherwise they are the value, flagged: a sheet may name an indicator 「成り行き値」,
        and the page cannot say whether it is a label or a value.
        """
        firsts = [self.first_beside(box, d) for d in order]
        names = self.names_of(box)
        for n, nxt in enumerate(firsts):
            if nxt is None:
                continue
            if not self.is_label(nxt):
                return nxt, None
            if nxt.key in own:
                continue
            rest = next((b for b in firsts[n + 1:] if b is not None and not self.is_label(b)), None)
            if not names & self.names_of(nxt) and self.stands_as_label(nxt, rest):
                continue
            return nxt, self.label_doubt(nxt)
        return None, None

    def stands_as_label(self, box: Box, taken: Box | None) -> bool:
        """A box printing a whole word of a table's frame (目標達成度, 単位…) with a value of its own beside it:
        under it in its column, or right of it in its row.

        Not a box that only begins with a label's words (a text may), nor one whose value would be
        ``taken``, the box its neighbour reads instead; a field's or a row's label where a value
        stands is that value as far as the page can tell.
        """
        hits = self.hits.get(id(box), [])
        if not hits or any(h.quality < 2 or h.name != "struct" for h in hits):
            return False
        dx, dy = 0.1 * (box.x1 - box.x0), 0.1 * (box.y1 - box.y0)
        right, below = self.first_beside(box, "right"), self.first_beside(box, "below")
        aligned = [b for b in (right,) if b is not None and abs(b.y0 - box.y0) <= dy and abs(b.y1 - box.y1) <= dy]
        aligned += [b for b in (below,) if b is not None and abs(b.x0 - box.x0) <= dx and abs(b.x1 - box.x1) <= dx]
        return any(b is not taken and not self.is_label(b) for b in aligned)

    @staticmethod
    def label_doubt(box: Box) -> str:
        """The reason for a value whose box prints a label's words."""
        return label_doubt(box.text)

    def grade_box(self, label: Box, item: FieldSpec) -> Box | None:
        """A grade printed under any part of its label (a box of its own beside the note or legend)."""
        eps = 1e-3
        for x in (label.x0 + eps, label.xc, label.x1 - eps):
            for below in self.layout.walk_down(label, x=x, limit=4 * (label.y1 - label.y0)):
                if _grade(below.text, item) is not None and len(below.key) <= 2:
                    return below
        return None

    def flag_repeated_label(self, name: str, path: str, spec: FieldSpec) -> None:
        """A label printed in more than one box (at its best match): which one is the label is not certain."""
        found = self.labels(name)
        best = [b for b, h in found if h.quality == found[0][1].quality]
        if len(best) > 1:
            places = "、".join(dict.fromkeys(b.ref.describe() for b in best))
            self.flag(path, LABEL_DOUBT_WORDS["label_twice"].format(label=spec.short_label or spec.label,
                                                                    count=len(best), places=places))

    def flag(self, path: str, reason: str, confidence: float = FLAGGED) -> None:
        """List ``path`` for review with ``reason`` (the first reason given is kept)."""
        self.confidence[path] = min(self.confidence.get(path, 1.0), confidence)
        self.reasons.setdefault(path, reason)

    def put(self, spec: FieldSpec | None, value: Value, box: Box, quality: float = 1.0) -> None:
        if spec is None:
            return
        self.sources[spec.path] = box.ref
        self.confidence[spec.path] = round(min(box.confidence, quality), 3)
        if box.note and box.confidence < REVIEW_THRESHOLD:  # the box says why (a PDF box printed overflowing)
            self.reasons.setdefault(spec.path, box.note)
        if value is not None and value != "" and value != ():
            self.values[spec.path] = value

    # --- the evaluation year, the plan and the city -----------------------------

    def evaluation_year(self, groups: dict[str, str]) -> int | None:
        """From the title (令和5年度 施策マネジメントシート), else from a label's 令和N年度 (N, N-1 or N-2)."""
        for box in self.layout.boxes:
            if self.form.title in box.key and (m := _TITLE_YEAR.search(box.key)):
                year = parse_year_label(m.group(0))
                if year is not None:
                    return year
                break  # the first title only; an unreadable year there falls back to the labels
        for g, back in (("n", 0), ("n1", 1), ("n2", 2)):
            if g in groups:
                era = 1 if groups[g] == "元" else int(groups[g])
                return 2018 + era - back
        return None

    def context(self) -> tuple[int, Plan]:
        groups: dict[str, str] = {}
        for name in ("section:s2", "section:s6", "field:s6.overall_grade", "field:s5.comparison",
                     "field:s5.current_work", "field:s5.planned_work", "field:s7.policy_next"):
            for box, hit in self.labels(name):
                for g, v in hit.groups:
                    groups.setdefault(g, typed(box.text, v) if g in ("municipality", "plan_name") else v)
        year = self.evaluation_year(groups)
        if year is None:
            raise IngestError(self.source, "表題", "評価対象年度（例: 令和5年度）が読み取れません")
        headers = self.headers()
        years = sorted({y for h in headers for y in h.columns})
        start, end = (years[0], years[-1]) if years else (year, year)
        if "plan_period" in groups:
            parts = [parse_year_label(p if p.endswith("年度") else p + "年度")
                     for p in re.split(r"[~〜～-]", groups["plan_period"])]
            first, last = (parts[0], parts[1]) if len(parts) == 2 else (None, None)
            if first and last:
                start, end = first, last
        municipality = groups.get("municipality", "")
        if not municipality:
            self.warnings.append("市区町村名が読み取れません。取り込み後に確認してください")
        return year, Plan(municipality, groups.get("plan_name", ""), start, end)

    def headers(self) -> list[_Header]:
        rows: dict[tuple[int, int], list[tuple[int, Box]]] = defaultdict(list)
        for box in self.layout.boxes:
            year = _year_of(box)
            if year is not None:
                rows[(int(box.y0 // PAGE_OFFSET), round(box.yc / 2))].append((year, box))
        out = []
        for (page, _), cells in rows.items():
            cells.sort(key=lambda yb: yb[1].x0)
            years = [y for y, _ in cells]
            if len(cells) >= 3 and all(b - a == 1 for a, b in zip(years, years[1:], strict=False)):
                out.append(_Header(page, cells[0][1].yc, {y: b for y, b in cells}))
            elif len(set(years)) >= 3:
                self._unordered_headers[cells[0][1].ref.describe()] = years
        return out

    def warn_unordered_headers(self) -> None:
        """A row of year headers out of order (or one repeated) is no header: its table is left out, and said."""
        for where, years in self._unordered_headers.items():
            shown = "、".join(fiscal_year_label(y) for y in years)
            self.warnings.append(f"{where}: 年度の見出し（{shown}）が1年ずつ順に並んでいないため、"
                                 "この見出しの下の数値は取り込みませんでした。取り込み後に確認してください")

    def header_above(self, box: Box, headers: list[_Header]) -> _Header | None:
        page = int(box.y0 // PAGE_OFFSET)
        above = [h for h in headers if h.page == page and h.y <= box.yc]
        return max(above, key=lambda h: h.y) if above else None

    # --- the whole sheet ------------------------------------------------------

    def run(self) -> ImportResult:
        found = {h.name for hits in self.hits.values() for h in hits if h.name.startswith(("field:", "section:"))}
        if len(found) < MIN_ANCHORS:
            raise other_form_error(self.source, self.form.title)
        year, plan = self.context()
        sheet = Sheet(self.form.id, self.form.version, plan, year)
        specs = self.specs = self.form.fields(sheet.context)
        headers = self.headers()
        self.warn_unordered_headers()
        self.read_items(specs)
        self.read_tables(specs, headers)
        for path, spec in specs.items():
            if spec.required and path not in self.values and spec.printed:
                self.warnings.append(f"「{spec.label}」が見つかりません。取り込み後に入力してください")
                self.reasons.setdefault(path, "ファイルに見つかりません。入力してください")
        code = self.form.identity.code
        if code not in self.values:
            self.warnings.append(f"「{specs[code].label}」は印刷されないため読み取れません。取り込み後に入力してください")
            self.reasons.setdefault(code, "印刷されないため読み取れません。入力してください")
        sheet.values.update(self.values)
        self.infer_directions(sheet, specs)
        self.check_sums(sheet)
        self.tables.apply_judgements(sheet, self.printed_judgements)
        for path, c in self.confidence.items():
            if c < REVIEW_THRESHOLD and path not in self.reasons:
                box_note = "文字は読めましたが、改行の位置などが確かではありません" if c > 0 else "読み取れませんでした"
                self.reasons[path] = box_note
        return ImportResult(sheet, self.confidence, self.sources, self.warnings, reasons=self.reasons)

    def read_items(self, specs: dict[str, FieldSpec]) -> None:
        row_tables = {t.path: t for t in self.shapes.row_tables}
        for section in self.form.sections:
            for item in section.items:
                path = item.key
                if path in row_tables:
                    self.read_group_rows(row_tables[path], specs)
                    continue
                spec = specs.get(path) if path else None
                if not path or spec is None or spec.kind not in (FieldKind.TEXT, FieldKind.LIST, FieldKind.GRADE):
                    continue
                hit = self.label(f"field:{path}")
                if hit is None:
                    continue
                order = ("below", "right") if spec.multiline and spec.kind is FieldKind.TEXT else ("right", "below")
                own = frozenset(key(w) for w in (item.note,) if w)
                box, doubt = self.neighbour(hit[0], order, own)
                if spec.kind is FieldKind.GRADE and (box is None or _grade(box.text, spec) is None):
                    found = self.grade_box(hit[0], spec)
                    box, doubt = (found, None) if found is not None else (box, doubt)
                if box is None:
                    self.confidence[path] = 0.0
                    self.sources[path] = hit[0].ref
                    continue
                quality = 1.0 if hit[1].quality == 2 else 0.95
                if spec.kind is FieldKind.GRADE:
                    grade = _grade(box.text, spec)
                    if grade is None and box.key:
                        self.warnings.append(f"「{spec.label}」の「{box.text}」はA～Eとして読めません（{box.ref.describe()}）")
                        quality = 0.0
                    self.put(spec, grade, box, quality)
                elif spec.kind is FieldKind.LIST:
                    parts = tuple(p.strip() for p in _LIST_SPLIT.split(box.text) if p.strip())
                    self.put(spec, parts, box, quality)
                else:
                    self.put(spec, box.text.strip(), box, quality)
                if doubt:
                    self.flag(path, doubt)
                self.flag_repeated_label(f"field:{path}", path, spec)

    def read_group_rows(self, item: RowTable, specs: dict[str, FieldSpec]) -> None:
        cols = {f.key: self.label(f"rowfield:{f.key}") for f in item.fields}
        first = cols.get(item.fields[0].key)
        if first is None:
            return
        rows: list[tuple[str, Box]] = []
        for i, value in enumerate(self.layout.walk_down(first[0])):
            if i >= len(item.keys):
                break
            row_label = next(self.layout.walk_left(value), None)
            parsed = self.row_labels.parse(row_label.key) if row_label is not None else None
            group = parsed[0] if parsed and parsed[0] else None
            if self.is_label(value) and group is None:
                break  # a label without a row label of the table on its left: the table has ended
            rows.append((group or item.keys[i].key, value))
        for g, row in rows:
            for f in item.fields:
                col = cols.get(f.key)
                if col is None:
                    continue
                box = self.layout.at(col[0].xc, row.yc)
                spec = specs.get(f"{item.path}.{g}.{f.key}")
                if box is None or spec is None:
                    continue
                self.put(spec, box.text.strip(), box, 1.0 if col[1].quality == 2 else 0.95)
                if self.is_label(box):  # in the band of the row's own label: a value printing a label's words
                    self.flag(spec.path, self.label_doubt(box))

    def read_tables(self, specs: dict[str, FieldSpec], headers: list[_Header]) -> None:
        """The year columns of the cost tables, then ③/④ and the indicators' blocks (with notes, judgements)."""
        tables = IndicatorTables(self)
        tables.read_names(specs)
        self.read_cost_tables(specs, headers)
        self.blocks = tables.read_blocks(specs, headers)
        tables.read_notes(self.blocks, specs)
        self.printed_judgements = tables.read_judgements(self.blocks, specs)
        tables.flag_blocks(self.blocks)
        self.tables = tables

    def read_cost_tables(self, specs: dict[str, FieldSpec], headers: list[_Header]) -> None:
        for table in self.shapes.year_tables:
            for row in table.rows:
                found = self.labels(f"row:{table.path}.{row.key}")
                best = [(b, h) for b, h in found if h.quality == found[0][1].quality]
                # a row label printed twice: the one with numbers along it, and whatever it reads is to be checked
                for box, hit in sorted(best, key=lambda bh: -self._filled_along(bh[0], headers))[:1]:
                    read = self.read_row(box, f"{table.path}.{row.key}", specs, headers, hit.quality)
                    if len(best) > 1:
                        places = "、".join(dict.fromkeys(b.ref.describe() for b, _ in best))
                        for path in read:
                            self.flag(path, LABEL_DOUBT_WORDS["label_twice"].format(
                                label=row.label.strip(), count=len(best), places=places))

    def _filled_along(self, label: Box, headers: list[_Header]) -> int:
        """How many year columns of the header above a row label hold something on its row."""
        header = self.header_above(label, headers)
        if header is None:
            return 0
        boxes = [self.layout.at(col.xc, label.yc) for col in header.columns.values()]
        return sum(1 for b in boxes if b is not None and b.x0 >= label.x1 - 1e-3 and not b.empty
                   and not self.is_label(b))

    def read_row(self, label: Box, base: str, specs: dict[str, FieldSpec], headers: list[_Header],
                 quality: int) -> list[str]:
        """The numbers of one table row under the year columns of its header; the paths it read."""
        header = self.header_above(label, headers)
        if header is None:
            return []
        read: list[str] = []
        for year, col in header.columns.items():
            box = self.layout.at(col.xc, label.yc)
            if box is None or box.x0 < label.x1 - 1e-3 or self.is_label(box):
                continue
            path = f"{base}.{year}"
            spec = specs.get(path)
            if spec is None:
                if not box.empty and _number(box)[0] not in (None, Decimal(0)):
                    self.warnings.append(f"{box.ref.describe()}: {fiscal_year_label(year)}の値「{box.text or box.raw}」は"
                                         "この年度には使わない欄のため取り込みません")
                continue
            if spec.computed:
                self.file_sums[path] = (_number(box)[0] if box.formula is None else None, box)
                continue
            read.append(path)
            if box.formula is not None:
                self.warnings.append(f"「{spec.label}」{fiscal_year_label(year)}（{box.ref.describe()}）は数式の結果が"
                                     "保存されていないため読み取れません。Excelで開いて保存し直してください")
                self.sources[path] = box.ref
                self.flag(path, f"{fiscal_year_label(year)}: 数式の結果が保存されていないため読み取れません", 0.0)
                continue
            value, ok = _number(box)
            if not ok:
                self.warnings.append(f"「{spec.label}」{fiscal_year_label(year)}の「{box.text}」は数値でも記号でも"
                                     f"ありません（{box.ref.describe()}）")
            self.put(spec, value, box, (1.0 if quality == 2 else 0.95) if ok else 0.0)
            if not ok:
                self.flag(path, f"「{box.text}」は数値でも記号でもありません", 0.0)
            elif box.x0 < col.x0 - 1e-3 or box.x1 > col.x1 + 1e-3:
                self.flag(path, f"値の欄が{fiscal_year_label(year)}の列からはみ出しているため、年度が確かではありません")
            elif box.note:
                self.flag(path, box.note)
        return read

    file_sums: dict[str, tuple[Value, Box]]

    def infer_directions(self, sheet: Sheet, specs: dict[str, FieldSpec]) -> None:
        """指標の方向 is not printed: guess it from the 目標値 series, and ask a person to confirm."""
        for path, spec in specs.items():
            if spec.kind is not FieldKind.DIRECTION or not sheet.text(path.rsplit(".", 1)[0] + ".name"):
                continue
            prefix = path.rsplit(".", 1)[0]
            targets = [v for y in sheet.context.years
                       if isinstance(v := sheet.values.get(f"{prefix}.target.{y}"), Decimal)]
            name_source = self.sources.get(f"{prefix}.name")
            if name_source:
                self.sources[path] = name_source
            if len(targets) >= 2 and targets[0] != targets[-1]:
                lower = targets[-1] < targets[0]
                sheet.values[path] = Direction.LOWER_IS_BETTER if lower else Direction.HIGHER_IS_BETTER
                self.flag(path, f"指標の方向は印刷されないため、目標値の推移（{format_cell(targets[0])}→"
                                f"{format_cell(targets[-1])}）から推定しました", 0.6)
            else:
                self.flag(path, "指標の方向は印刷されず、目標値からも推定できません。入力してください", 0.0)

    def check_sums(self, sheet: Sheet) -> None:
        """A total the file prints must equal the sum of its parts, or every part of that year is flagged."""
        from sheetdesk.model.rules import compute

        computed = compute(self.form, sheet)
        parts_of = self._parts_of_sums()
        for path, (value, box) in self.file_sums.items():
            ours = computed[path].computed if path in computed else None
            parts = [p for p in parts_of.get(path, []) if p in sheet.values]
            if not parts:
                continue
            if isinstance(value, Decimal) and isinstance(ours, Decimal) and value == ours:
                continue
            if isinstance(value, Decimal) and isinstance(ours, Decimal):
                reason = (f"ファイルの{self._spec_label(path)} {format_cell(value)} と内訳の合計 {format_cell(ours)} が"
                          "一致しません")
                self.warnings.append(f"{box.ref.describe()}: {reason}。内訳を確認してください")
            elif value is None and not box.empty and box.formula is not None:
                reason = f"{self._spec_label(path)}が数式の結果を保存していないため、内訳の合計を確かめられません"
            elif value is None:
                reason = f"ファイルの{self._spec_label(path)}が空欄のため、内訳の合計を確かめられません"
            else:
                continue
            for p in parts:
                self.flag(p, reason)

    def _spec_label(self, path: str) -> str:
        base, _, year = path.rpartition(".")
        for table in self.shapes.year_tables:
            for row in table.rows:
                if f"{table.path}.{row.key}" == base:
                    return f"{fiscal_year_label(int(year))}の{row.label.strip()}" if year.isdigit() else row.label
        return path

    def _parts_of_sums(self) -> dict[str, list[str]]:
        """For each summed path, the typed paths it adds up (through sums of sums)."""
        from sheetdesk.forms.rules import SumRule

        rules = [r for r in (self.form.rules.compute if self.form.rules else []) if isinstance(r, SumRule)
                 and "{year}" in r.into]

        def parts(path: str, depth: int = 0) -> list[str]:
            year = path.rpartition(".")[2]
            for rule in rules:
                if rule.into.replace("{year}", year) == path and depth < 8:
                    return [q for p in rule.of for q in parts(p.replace("{year}", year), depth + 1)]
            return [path]

        return {path: [p for p in parts(path) if p != path] for path in self.file_sums}


def _year_of(box: Box) -> int | None:
    if isinstance(box.raw, dt.datetime | dt.date):
        return box.raw.year if box.raw.month >= 4 else box.raw.year - 1
    if isinstance(box.raw, int | float | Decimal) and not isinstance(box.raw, bool):
        return int(box.raw) if box.raw == int(box.raw) and 1990 <= box.raw <= 2100 else None
    if not box.key or len(box.key) > 8:
        return None
    return parse_year_label(box.key)


def _number(box: Box) -> tuple[Value, bool]:
    raw = box.raw if box.raw is not None else box.text
    if isinstance(raw, dt.datetime | dt.date):
        return None, False
    try:
        return parse_cell(raw if not isinstance(raw, str) else raw.strip()), True  # type: ignore[arg-type]
    except CellError:
        return None, False


def _grade(text: str, spec: FieldSpec) -> str | None:
    k = key(text)
    codes = [code for code, _ in spec.options] or list(GRADES)
    if k in codes:
        return k
    if (m := _GRADE.match(k)) and m.group(1) in codes:
        return m.group(1)
    for code, wording in spec.options:
        if key(wording) == k:
            return code
    return None


def extract(form: FormDefinition, boxes: list[Box], source: str, bucket: float, group: int = 1) -> ImportResult:
    """Read one sheet of ``form`` out of a file's boxes; IngestError when it is not that form.

    ``bucket`` and ``group`` are the layout's (boxes.Layout): the same sheet either way, read sooner or later.
    """
    ex = Extractor(form, boxes, source, bucket, group)
    ex.file_sums = {}
    return ex.run()
