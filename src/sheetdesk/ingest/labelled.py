"""A city's sheet of a form without indicator families (施策・基本事業マネジメントシート), read item by item.

Each kind of item of the form is read by its printed label, wherever the
city put it:

- a text, list or date: the box beside its label (below first for a text of
  several lines), skipping the label's explanation (its ``note``);
- a record of one-line fields (基本目標名 | 7 | 市民参加による…): the boxes to
  the right of its label, in order;
- a choice of check boxes (取組方針 □全て達成 ■一部未達成 □全て未達成): the
  one option marked, flagged when none or several are;
- a table of fixed rows (対象指標 ①–④, 成果指標 ①–④): a header of the label,
  単位, 区分 and year columns; each row's key (①), name, unit and numbers, the
  series told by the 区分 cell (目標/実績);
- a table of rows a user adds (基本事業): a header of its fields' labels; one
  row's fields in the band of its name cell, its fixed-row table inside.

What is not found is said (a warning), what is uncertain is flagged with its
reason, and a line break inside a one-line field is taken as the cell's
wrapping.

A cell cannot tell a label from a value typed in a label's words (a 対象指標
「事業所」, a 基本事業 「今後の課題」): a box printing the form's words is passed
over as a label only when those words (in any wording of their item) are
printed in no other box not read as a value; otherwise it is read as the value
and flagged (``glossary.LABEL_DOUBT_WORDS``). A table goes on at such a row when
the row shows it is one (its ①, its 目標/実績, cells fitting the table's
columns), and a box read as a value is never taken for a label afterwards.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.items import (
    ChoiceType,
    DateType,
    FieldItem,
    GenericItem,
    ListType,
    RecordItem,
    RepeatItem,
    SeriesItem,
    TextType,
)
from sheetdesk.glossary import LABEL_DOUBT_WORDS
from sheetdesk.ingest.boxes import PAGE_OFFSET, Box, Layout, head, key, label_doubt
from sheetdesk.ingest.result import ImportResult, IngestError
from sheetdesk.model.sheet import Plan, Sheet
from sheetdesk.model.values import CellError, parse_cell
from sheetdesk.wareki import era_year, parse_date_label, parse_year_label

_LIST_SPLIT = re.compile(r"[、,，\n]+")
_MARKED = "■☑☒●◉✔✓レ"
_UNMARKED = "□☐○◯"
_ERA = re.compile(r"(令和|平成|R|H)(元|\d+)(?:年度)?")
MIN_LABELS = 8  # distinct labels of the form a sheet of it must show
NEAR = 3  # how far (in cells) from its label a value may start


@dataclass(frozen=True)
class _Header:
    """A table's header row: its label box, and the x of its columns."""

    label: Box
    years: dict[int, Box]
    unit: Box | None
    kind: Box | None  # 区分
    extra: dict[str, Box]  # a field of each row by its column: 成果指標の取得方法


def _year(box: Box) -> int | None:
    if isinstance(box.raw, int | float) and not isinstance(box.raw, bool):
        return int(box.raw) if 1990 <= box.raw <= 2100 and box.raw == int(box.raw) else None
    if not box.key or len(box.key) > 8:
        return None
    m = _ERA.fullmatch(box.key)
    return parse_year_label(f"{m.group(1)}{m.group(2)}年度") if m else parse_year_label(box.key)


def _fill(text: str, year: int | None) -> str:
    if year is None:
        return text
    for k in (2, 1):
        text = text.replace(f"{{N+{k}}}", str(era_year(year + k))).replace(f"{{N-{k}}}", str(era_year(year - k)))
    return text.replace("{N}", str(era_year(year)))


def _variants(item: GenericItem | FieldItem, year: int | None = None) -> list[str]:
    words = [item.label, *item.synonyms]
    if item.note and item.label:
        words.append(item.label + item.note)
    out = []
    for w in words:
        k = key(_fill(w, year))
        if k and "{" not in k:
            out.append(k)
    return out


class _FormWords:
    """The keys a form's labels are looked for by, per evaluation year: made once per form and year.

    ``labels(year)`` are every item's label variants, series rows and section labels filled with the
    year (what a box that is a label, not a value, says); ``notes`` the items' explanations;
    ``synonyms(year)`` every label variant of the items a label key is a variant of.
    """

    def __init__(self, form: FormDefinition) -> None:
        self.form = form
        self._variants: dict[tuple[int, int | None], list[str]] = {}
        self._labels: dict[int | None, frozenset[str]] = {}
        self._synonyms: dict[int | None, dict[str, tuple[str, ...]]] = {}
        notes: set[str] = set()
        self._collect(self._items(), None, set(), notes)
        self.notes = frozenset(notes)

    def _items(self) -> Iterable[GenericItem]:
        return (item for s in self.form.sections for item in s.items)

    def variants(self, item: GenericItem, year: int | None) -> list[str]:
        """``_variants(item, year)``, kept (the items are the form's own, alive as long as it is)."""
        k = (id(item), year)
        found = self._variants.get(k)
        if found is None:
            found = self._variants[k] = _variants(item, year)
        return found

    def labels(self, year: int | None) -> frozenset[str]:
        """The label keys before the year is known (None), or with it filled in (and those before)."""
        found = self._labels.get(year)
        if found is None:
            keys: set[str] = set()
            self._collect(self._items(), year, keys, set())
            if year is not None:
                keys |= self.labels(None) | {key(_fill(s.label, year)) for s in self.form.sections}
            found = self._labels[year] = frozenset(keys)
        return found

    def synonyms(self, year: int | None) -> dict[str, tuple[str, ...]]:
        """For a label key, the keys of every label variant of the items it names (施策主管課長: 主管課長…)."""
        found = self._synonyms.get(year)
        if found is None:
            groups: defaultdict[str, set[str]] = defaultdict(set)
            stack = list(self._items())
            while stack:
                item = stack.pop()
                words = self.variants(item, year)
                for w in words:
                    groups[w].update(words)
                if isinstance(item, RecordItem | RepeatItem):
                    stack.extend(item.items)
            found = self._synonyms[year] = {k: tuple(sorted(v)) for k, v in groups.items()}
        return found

    def _collect(self, items: Iterable[GenericItem], year: int | None, keys: set[str], notes: set[str]) -> None:
        for item in items:
            keys.update(self.variants(item, year))
            if item.note:
                notes.add(key(item.note))
            if isinstance(item, SeriesItem):
                keys.update(key(r.label) for r in item.rows or ())
            if isinstance(item, RecordItem | RepeatItem):
                self._collect(item.items, year, keys, notes)


def _one_line(text: str) -> str:
    """A one-line field typed over several lines of its cell: the lines joined (Japanese needs no space)."""
    return "".join(part.strip() for part in text.strip().splitlines())


class LabelledReader:
    def __init__(self, form: FormDefinition, boxes: list[Box], source: str, bucket: float) -> None:
        self.form, self.source = form, source
        self.boxes = [b for b in boxes if not b.empty]
        self.layout = Layout(boxes, bucket)
        self.by_key: dict[str, list[Box]] = {}
        for b in self.boxes:
            self.by_key.setdefault(b.key, []).append(b)
            h = head(b.key)
            if h != b.key:
                self.by_key.setdefault(h, []).append(b)
        self.words = form.derived(_FormWords)
        self.year: int | None = None
        self.label_keys = self.words.labels(None)
        self.synonyms = self.words.synonyms(None)
        self.notes = self.words.notes
        self.result = ImportResult(Sheet(form.id, form.version, Plan("", "", 2000, 2000), 2000))
        self.used: set[int] = set()  # header boxes already taken by a table
        self.values_read: set[int] = set()  # boxes read as values: never a label
        self.doubts: dict[int, str] = {}  # boxes printing a label's words read as values: why to check them
        self.header_years: set[int] = set()
        self._rows: defaultdict[int, list[Box]] | None = None  # the boxes over each line (on_row), when first asked

    def variants(self, item: GenericItem) -> list[str]:
        return self.words.variants(item, self.year)

    # --- helpers -------------------------------------------------------------

    def is_label(self, box: Box) -> bool:
        return box.key in self.label_keys or head(box.key) in self.label_keys

    def label_like(self, box: Box) -> bool:
        """A box printing a label's words or an item's explanation: a label, or a value typed so."""
        return id(box) not in self.values_read and (self.is_label(box) or box.key in self.notes)

    def printing(self, box: Box) -> list[Box]:
        """The boxes not read as values that print the label (or explanation) of ``box``, in any of its item's words."""
        k = box.key if box.key in self.label_keys or box.key in self.notes else head(box.key)
        out: list[Box] = []
        for w in self.synonyms.get(k, (k,)):
            out += [b for b in self.by_key.get(w, ()) if id(b) not in self.values_read and b not in out]
        return out

    def stands_as_label(self, box: Box) -> bool:
        """A label's words (or an explanation) printed in this box only, other than values read: the label
        itself, as a value typed in a label's words repeats that label."""
        return self.label_like(box) and len(self.printing(box)) == 1

    def doubt(self, box: Box, reason: str | None = None) -> None:
        """Read ``box`` as a value, to be checked: it prints a label's words where a value stands."""
        self.doubts.setdefault(id(box), reason or label_doubt(box.text))

    def find(self, item: GenericItem) -> list[Box]:
        """The boxes printing ``item``'s label, the full label first; never a box read as a value."""
        out: list[Box] = []
        for v in self.variants(item):
            out += [b for b in self.by_key.get(v, []) if b not in out and id(b) not in self.values_read]
        return out

    def beside(self, label: Box, order: tuple[str, ...], own: frozenset[str] = frozenset()) -> Box | None:
        """The value box next to a label: the first box right along its middle or below, in ``order``.

        The label's own explanation (keys in ``own``) is passed over. A box printing other words of
        the form is passed over only when it stands as a label (those words printed nowhere else:
        the next item's label, its value beyond it); otherwise it is the value, to be checked (a
        city may name a 基本事業 「今後の課題」). Only boxes close to the label (``NEAR`` cells)
        count: a value cell left without a box is not replaced by another field's value further away.
        """
        near = NEAR * self.layout.bucket
        found: list[Box] = []
        for direction in order:
            walk = (self.layout.walk_right(label, limit=near) if direction == "right"
                    else self.layout.walk_down(label, limit=near))
            box = next((b for b in walk if b.key not in own), None)
            if box is not None and not self.stands_as_label(box):
                found.append(box)
        if not found:
            return None
        first = found[0]
        if not self.label_like(first):
            return first
        plain = next((b for b in found[1:] if not self.label_like(b)), None)
        if plain is None:
            self.doubt(first)
            return first
        # the first place prints a label's words printed elsewhere too: which is the label decides the value
        boxes = self.printing(first)
        places = "、".join(dict.fromkeys(b.ref.describe() for b in boxes))
        words = "".join(first.text.split())  # a label's lines, joined as Japanese is
        self.doubt(plain, LABEL_DOUBT_WORDS["label_twice"].format(label=words, count=len(boxes), places=places))
        return plain

    def put(self, path: str, value: object, box: Box, confidence: float = 1.0) -> None:
        self.values_read.add(id(box))
        self.result.sources[path] = box.ref
        self.result.confidence[path] = min(confidence, box.confidence, self.result.confidence.get(path, 1.0))
        if value not in (None, "", ()):
            self.result.sheet.values[path] = value  # type: ignore[assignment]
        if box.note:
            self.result.flag(path, box.note)
        if id(box) in self.doubts:
            self.result.flag(path, self.doubts[id(box)])

    # --- the year and the plan ---------------------------------------------------

    def context(self) -> None:
        year = None
        header = self.form.sections[0].label
        pattern = _label_pattern(header)
        for box in self.boxes:
            m = pattern.search(box.key) if pattern else None
            if m and m.groupdict().get("n"):
                year = 2018 + (1 if m.group("n") == "元" else int(m.group("n")))
                break
        if year is None:
            raise IngestError(self.source, "表題", "評価対象年度（例: 令和5年度実績）が読み取れません")
        self.year = year
        self.label_keys = self.words.labels(year)  # now with 令和{N}年度… filled in
        self.synonyms = self.words.synonyms(year)
        self.result.sheet.evaluation_year = year
        self.result.warnings.append("市区町村名・計画名は印刷されないため読み取れません。取り込み後に確認してください")

    # --- items ------------------------------------------------------------------

    def run(self) -> ImportResult:
        found = {k for k in self.label_keys if k in self.by_key}
        if len(found) < MIN_LABELS:
            raise IngestError(self.source, "ファイル全体", f"「{self.form.title}」の項目名が見つかりません。"
                              "別の様式のファイルではありませんか")
        self.context()
        sections = [i for s in self.form.sections for i in s.items]
        for item in sections:  # rows tables first: their headers are not the fixed tables' headers
            if isinstance(item, RepeatItem) and item.rows is not None:
                self.read_rows(item, item.key)
        for item in sections:
            self.read_item(item, "")
        code = self.form.identity.code
        if code not in self.result.sheet.values:
            self.result.warnings.append("「施策番号」は印刷されないため読み取れません。取り込み後に入力してください")
        year = self.result.sheet.evaluation_year
        years = sorted(self.header_years)
        self.result.sheet.plan = Plan("", "", years[0], years[-1]) if years else Plan("", "", year, year)
        return self.result

    def read_item(self, item: GenericItem, base: str, anchor: Box | None = None) -> None:
        path = f"{base}{item.key}"
        if isinstance(item, FieldItem):
            if item.printed:
                self.read_field(item, path, anchor)
        elif isinstance(item, RecordItem):
            if item.items and all(isinstance(i, FieldItem) and isinstance(i.value, TextType) and not i.value.multiline
                                  for i in item.items) and self.find(item):
                self.read_record_row(item, path)
            else:
                found = self.find(item)  # its heading (役割分担) tells which 市民 is its label
                for inner in item.items:
                    self.read_item(inner, f"{path}.", found[0] if found else anchor)
        elif isinstance(item, RepeatItem) and item.keys is not None:
            self.read_keyed_table(item, path)

    def field_labels(self, item: FieldItem, anchor: Box | None) -> list[Box]:
        """The boxes that may be ``item``'s label: not a value already read, nearest below its record's heading."""
        full = set(self.variants(item))
        labels = sorted(self.find(item), key=lambda b: b.key not in full)  # the label, then texts beginning with it
        if anchor is not None:
            page = int(anchor.y0 // PAGE_OFFSET)
            labels.sort(key=lambda b: (int(b.y0 // PAGE_OFFSET) != page or b.y0 < anchor.y0,
                                       abs(b.y0 - anchor.y0) + abs(b.x0 - anchor.x0)))
        return labels

    def read_field(self, item: FieldItem, path: str, anchor: Box | None = None) -> None:
        value = item.value
        if isinstance(value, ChoiceType):
            self.read_checks(item, path)
            return
        labels = self.field_labels(item, anchor)
        if not labels:
            if item.label and "{" not in item.label:
                self.result.warnings.append(f"「{item.label}」が見つかりません。取り込み後に入力してください")
            return
        multiline = isinstance(value, TextType) and value.multiline
        order = ("below", "right") if multiline else ("right", "below")
        own = frozenset({key(item.note)} if item.note else ())
        box = None
        for label in labels:
            box = self.beside(label, order, own)
            if box is not None:
                break
        if box is None:
            self.result.flag(path, "項目名はありますが、値の欄が見つかりません", 0.0)
            self.result.sources[path] = labels[0].ref
            return
        full = set(self.variants(item))
        best = [b for b in labels if (b.key in full) == (labels[0].key in full)]  # at the best match
        if len(best) > 1 and anchor is None:
            places = "、".join(dict.fromkeys(b.ref.describe() for b in best))
            self.result.flag(path, LABEL_DOUBT_WORDS["label_twice"].format(label="".join(item.label.split()),
                                                                          count=len(best), places=places))
        if isinstance(value, DateType):
            day = box.raw.date() if isinstance(box.raw, dt.datetime) else parse_date_label(box.text)
            if day is None:
                self.result.flag(path, f"「{box.text}」は日付として読めません", 0.0)
                self.result.sources[path] = box.ref
                return
            self.put(path, day, box)
        elif isinstance(value, ListType):
            self.put(path, tuple(p.strip() for p in _LIST_SPLIT.split(box.text) if p.strip()), box)
        elif multiline:
            self.put(path, box.text.strip(), box)
        else:
            self.put(path, _one_line(box.text), box)

    def read_record_row(self, item: RecordItem, path: str) -> None:
        """基本目標名 | 7 | 市民参加による…: the boxes right of the label, one per field, in order."""
        label = self.find(item)[0]
        boxes = []
        for box in self.layout.walk_right(label):
            if self.stands_as_label(box):
                break  # the next item's label: its fields end here
            if box.key:
                if self.label_like(box):
                    self.doubt(box)
                boxes.append(box)
            if len(boxes) == len(item.items):
                break
        fields = [i for i in item.items if isinstance(i, FieldItem)]
        if len(boxes) < len(fields):
            for f in fields[len(boxes):]:
                self.result.warnings.append(f"「{item.label}」の「{f.label}」が見つかりません。取り込み後に入力してください")
        for f, box in zip(fields, boxes, strict=False):
            self.put(f"{path}.{f.key}", _one_line(box.text), box)

    def read_checks(self, item: FieldItem, path: str) -> None:
        """Check boxes to the right of the label: the one option whose box is marked (■全て達成, or ■ | 全て達成)."""
        choice = item.value
        assert isinstance(choice, ChoiceType)
        wordings = {key(o.wording): o.code for o in choice.options}
        for label in self.find(item):
            row: list[tuple[str, bool | None, Box]] = []  # (code, marked, box)
            previous: Box | None = None
            for box in self.layout.walk_right(label):
                k = box.key
                mark = k[:1] if k[:1] in _MARKED + _UNMARKED else ""
                word = k[len(mark):]
                if word in wordings:
                    if not mark and previous is not None and previous.key in tuple(_MARKED + _UNMARKED):
                        mark = previous.key
                    row.append((wordings[word], (mark in _MARKED) if mark else None, box))
                elif k and k not in tuple(_MARKED + _UNMARKED):
                    break
                previous = box
            if len(row) < 2:
                continue  # another label of the same words (成果指標 over a table)
            marked = [(c, b) for c, m, b in row if m]
            self.result.sources[path] = row[0][2].ref
            if len(marked) == 1:
                self.put(path, marked[0][0], marked[0][1])
            elif not marked:
                self.result.flag(path, f"「{item.label}」のどの選択肢にも印（■など）がありません", 0.0)
            else:
                words = "、".join(next(o.wording for o in choice.options if o.code == c) for c, _ in marked)
                self.result.flag(path, f"「{item.label}」に印が複数あります（{words}）", 0.0)
            return
        self.result.warnings.append(f"「{item.label}」の選択肢（{'・'.join(o.wording for o in choice.options)}）が"
                                    "見つかりません。取り込み後に入力してください")

    # --- tables -------------------------------------------------------------------

    def header_of(self, label: Box, item: RepeatItem) -> _Header | None:
        """The columns on the label's row: years, 単位, 区分 and the row fields printed as columns."""
        years: dict[int, Box] = {}
        unit = kind = None
        extra: dict[str, Box] = {}
        fields = {k: f for f in item.items if isinstance(f, FieldItem) for k in self.variants(f)}
        for box in self.layout.walk_right(label, y=label.y0 + 0.5 if label.y1 - label.y0 >= 1 else None):
            y = _year(box)
            if y is not None:
                years[y] = box
            elif box.key in ("単位", *[k for k, f in fields.items() if f.key == "unit"]):
                unit = box
            elif box.key == "区分":
                kind = box
            elif box.key in fields:
                extra[fields[box.key].key] = box
        if len(years) < 2:
            return None
        self.header_years |= set(years)
        return _Header(label, years, unit, kind, extra)

    def table_header(self, item: RepeatItem) -> _Header | None:
        """The first label of ``item`` not yet taken by another table with year columns on its row."""
        for label in self.find(item):
            if id(label) in self.used:
                continue
            header = self.header_of(label, item)
            if header is not None:
                self.used.add(id(label))
                return header
        return None

    def read_keyed_table(self, item: RepeatItem, path: str, band: tuple[float, float] | None = None,
                         header: _Header | None = None) -> None:
        """A table of fixed rows (①–④): within ``band`` (y0, y1) when it is one row of a rows table."""
        header = header or self.table_header(item)
        if header is None:
            self.result.warnings.append(f"「{item.label}」の表（年度の列）が見つかりません。取り込み後に入力してください")
            return
        assert item.keys is not None
        keys = {key(k.label): k.key for k in item.keys}
        series = [i for i in item.items if isinstance(i, SeriesItem)]
        by_label = {k: s.key for s in series if s.label for k in self.variants(s)}
        names, key_of = self.indicator_names(header, keys, set(by_label), band)
        fixed = [k.key for k in item.keys]
        for n, name in enumerate(names):
            slot = key_of.get(id(name))
            if slot is None:
                if n >= len(fixed):
                    self.result.warnings.append(f"{name.ref.describe()}: 「{item.label}」は{len(fixed)}行までのため、"
                                                f"「{_one_line(name.text)}」は取り込みませんでした")
                    continue
                slot = fixed[n]
            base = f"{path}.{slot}"
            self.put(f"{base}.name", _one_line(name.text), name)
            self.read_indicator(item, base, name, header, series, by_label)

    def indicator_names(self, header: _Header, keys: dict[str, str], series_labels: set[str],
                        band: tuple[float, float] | None) -> tuple[list[Box], dict[int, str]]:
        """The name box of each indicator under the header (merged over its 目標/実績 rows) and its key (①)."""
        x0, x1 = header.label.x0, header.label.x1
        right = max(b.x1 for b in header.years.values())
        page_end = (int(header.label.y0 // PAGE_OFFSET) + 1) * PAGE_OFFSET
        y, y1 = band if band else (header.label.y1, page_end)
        names: list[Box] = []
        key_of: dict[int, str] = {}
        while y < y1:
            across = [b for b in self.on_row(y + 0.5) if x0 - 1e-3 <= b.xc < right]
            row = [b for b in across if b.x0 >= x0 - 1e-3 and b.x1 <= x1 + 1e-3]
            mark = next((b for b in row if b.key in keys), None)
            worded = [b for b in across if self.label_like(b) and b.key not in keys and b.key not in series_labels]
            if worded and band is None:
                if mark is None and not self._series_at(header, series_labels, y):
                    break  # the next block's labels: the table has ended
                for b in worded:  # a row of the table (its ① or 目標/実績): its cells typed in a label's words
                    self.doubt(b)
            name = next((b for b in row if b.key not in keys and b.key), None)
            if name is not None and all(name is not n for n in names):
                names.append(name)
                if mark is not None:
                    key_of[id(name)] = keys[mark.key]
            if not row and band is None and not self._values_at(header, y):
                break
            y += 1
        return names, key_of

    def on_row(self, y: float) -> list[Box]:
        """The boxes across the line at ``y`` (y0 <= y < y1), in the file's order."""
        if self._rows is None:
            self._rows = defaultdict(list)
            for b in self.boxes:
                for row in range(math.floor(b.y0), math.ceil(b.y1)):
                    self._rows[row].append(b)
        return [b for b in self._rows.get(math.floor(y), ()) if b.y0 <= y < b.y1]

    def _series_at(self, header: _Header, series_labels: set[str], y: float) -> bool:
        """The row at ``y`` says its series in the 区分 column (目標/実績): a row of the table."""
        if header.kind is None:
            return False
        k = self.layout.at(header.kind.xc, y + 0.5)
        return k is not None and k.key in series_labels

    def _values_at(self, header: _Header, y: float) -> bool:
        return any((b := self.layout.at(col.xc, y + 0.5)) is not None and not b.empty for col in header.years.values())

    def read_indicator(self, item: RepeatItem, base: str, name: Box, header: _Header, series: list[SeriesItem],
                       by_label: dict[str, str]) -> None:
        ry = name.y0
        while ry < name.y1:
            yc = ry + 0.5
            if header.unit is not None and (u := self.layout.at(header.unit.xc, yc)) is not None and u.key:
                if f"{base}.unit" not in self.result.sheet.values:
                    self.put(f"{base}.unit", _one_line(u.text), u)
            for extra, col in header.extra.items():
                b = self.layout.at(col.xc, yc)
                if b is not None and b.key and f"{base}.{extra}" not in self.result.sheet.values:
                    self.put(f"{base}.{extra}", b.text.strip(), b)
            which = self.series_of_row(header, series, by_label, ry)
            if which is not None:
                self.read_numbers(f"{base}.{which}", header, yc)
            ry += 1

    def series_of_row(self, header: _Header, series: list[SeriesItem], by_label: dict[str, str],
                      ry: float) -> str | None:
        """The series a table row holds: told by its 区分 cell (目標/実績), or the table's only series."""
        if header.kind is None:
            return series[0].key if len(series) == 1 else None
        k = self.layout.at(header.kind.xc, ry + 0.5)
        which = by_label.get(k.key) if k is not None else None
        if which is None and k is not None and k.key and self._values_at(header, ry):
            kinds = "、".join(dict.fromkeys(s.label for s in series if s.label))
            self.result.warnings.append(f"{k.ref.describe()}: 区分「{k.text.strip()}」はこの様式の区分（{kinds}）に"
                                        "ないため、この行の数値は取り込みませんでした")
        return which

    def read_numbers(self, base: str, header: _Header, yc: float) -> None:
        """The numbers of one row under the year columns: a number or a mark, a word flagged."""
        for year, col in header.years.items():
            cell = self.layout.at(col.xc, yc)
            if cell is None or cell.empty:
                continue
            path = f"{base}.{year}"
            raw = cell.raw if cell.raw is not None and not isinstance(cell.raw, str) else cell.text.strip()
            try:
                number = parse_cell(raw)  # type: ignore[arg-type]
            except CellError:
                self.result.sources[path] = cell.ref
                self.result.flag(path, f"「{cell.text}」は数値でも記号でもありません", 0.0)
                continue
            if isinstance(cell.raw, int | float) and not isinstance(cell.raw, bool) and cell.text:
                try:
                    number = parse_cell(cell.text.replace(",", ""))  # as shown: 12.0, not 12
                except CellError:
                    pass  # shown with words around it (12.0%): the stored number
            self.put(path, number, cell)

    def rows_columns(self, label: Box, fields: list[FieldItem], inner: RepeatItem | None) -> dict[str, Box]:
        """The columns on the name label's row: the row's other fields, and its fixed-row table ('@inner')."""
        columns: dict[str, Box] = {}
        for box in self.layout.walk_right(label):
            for f in fields[1:]:
                if box.key in self.variants(f):
                    columns[f.key] = box
            if inner is not None and box.key in self.variants(inner):
                columns["@inner"] = box
        return columns

    def read_rows(self, item: RepeatItem, path: str) -> None:
        """A table of rows a user adds (基本事業): each row is the band of its name cell."""
        fields = [i for i in item.items if isinstance(i, FieldItem)]
        inner = next((i for i in item.items if isinstance(i, RepeatItem) and i.keys is not None), None)
        for label in self.find(fields[0]):
            columns = self.rows_columns(label, fields, inner)
            if len(columns) < 2:
                continue
            header = None
            if inner is not None and "@inner" in columns:
                header = self.header_of(columns["@inner"], inner)
                self.used.add(id(columns["@inner"]))
            self.used.add(id(label))
            keys: list[str] = []
            y = label.y1
            end = (int(label.y0 // PAGE_OFFSET) + 1) * PAGE_OFFSET
            while y < end:
                box = self.layout.at(label.xc, y + 0.5)
                if box is None or box.empty:
                    break
                if self.label_like(box):
                    if not self.is_row(box, label, columns, header):
                        break  # the next block's label: the table has ended
                    self.doubt(box)  # a row named in a label's words (「今後の課題」): read, to be checked
                keys.append(str(len(keys) + 1))
                base = f"{path}.{keys[-1]}"
                self.read_row(box, base, fields, columns)
                if inner is not None and header is not None:
                    self.read_keyed_table(inner, f"{base}.{inner.key}", (box.y0, box.y1), header)
                y = box.y1
            if keys:
                self.result.sheet.values[path] = tuple(keys)
            return
        self.result.warnings.append(f"「{item.label}」の表が見つかりません。取り込み後に入力してください")

    def is_row(self, name: Box, label: Box, columns: dict[str, Box], header: _Header | None) -> bool:
        """A box in the name column is a row's name when it fits that column and its band holds a cell of
        the table: a box fitting another column or one of the fixed-row table's years, not a label's words."""
        eps = 1e-3
        others = list(columns.values())
        if name.x0 < label.x0 - eps or any(name.x1 > c.x0 + eps for c in others if c.x0 >= label.x1 - eps):
            return False  # wider than its column: a heading across the table
        cols = [*others, *(header.years.values() if header is not None else ())]
        for y in range(math.floor(name.y0), math.ceil(name.y1)):
            for col in cols:
                cell = self.layout.at(col.xc, y + 0.5)
                if (cell is not None and not cell.empty and cell is not col and cell.x0 >= col.x0 - eps
                        and cell.x1 <= col.x1 + eps and not self.label_like(cell)):
                    return True
        return False

    def read_row(self, name: Box, base: str, fields: list[FieldItem], columns: dict[str, Box]) -> None:
        self.put(f"{base}.{fields[0].key}", _one_line(name.text), name)
        for f in fields[1:]:
            col = columns.get(f.key)
            cell = self.layout.at(col.xc, name.y0 + 0.5) if col is not None else None
            if cell is not None and cell.key:
                multiline = isinstance(f.value, TextType) and f.value.multiline
                text = cell.text.strip()
                self.put(f"{base}.{f.key}", text if multiline else _one_line(text), cell)


def _label_pattern(label: str) -> re.Pattern[str] | None:
    k = re.escape(key(label))
    if "\\{N\\}" not in k:
        return None
    for ph in ("N+1", "N+2", "N-1"):
        k = k.replace(re.escape("{" + ph + "}"), r"(?:元|\d+)")
    return re.compile(k.replace(re.escape("{N}"), r"(?P<n>元|\d+)"))


def read_labelled(form: FormDefinition, boxes: list[Box], source: str, bucket: float) -> ImportResult:
    """One sheet of ``form`` read item by item from its labels; IngestError when the file is not that form."""
    return LabelledReader(form, boxes, source, bucket).run()
