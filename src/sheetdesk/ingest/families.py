"""The shapes of a form an importer reads by: indicator families, row tables and tables of years.

Derived from the form's composable items, so a city's form file drives the
import without naming the standard sheet's parts:

- a *family* (対象指標, 成果指標) is a record whose fixed rows (slots ア–エ,
  perhaps inside groups 展開方向 1–4) hold a series: in one section it names
  its indicators (③/④: its ``heading``), in another it holds their numbers
  (the series' rows: 成り行き値, 目標値, 実績値), notes and judgements;
- a *row table* (2's 展開方向 rows) is a repeat of fixed rows of fields only;
- a *year table* (施策コスト) is a series with 区分 rows, outside any family.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from sheetdesk.forms.definition import (
    FieldItem,
    FieldKind,
    FormDefinition,
    RecordItem,
    RepeatItem,
    SeriesItem,
)
from sheetdesk.forms.items import Key, SeriesRow, TextType


@dataclass(frozen=True)
class Group:
    """Rows that hold a family's slots: 施策の展開方向 1–4."""

    label: str
    slots: tuple[Key, ...]


@dataclass
class Family:
    key: str  # its path: target, outcome
    label: str  # 対象指標
    slots: tuple[Key, ...] = ()  # ア–エ
    group: Group | None = None
    names_label: str | None = None  # ③ 対象指標（対象の大きさを表す指標）数字は記入しない
    series: list[tuple[str, str]] = field(default_factory=list)  # (key, label): (actual, 実績値)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (key, label) of its texts beside the numbers
    judgements: dict[FieldKind, str] = field(default_factory=dict)  # kind -> the field's key

    def slot_prefixes(self) -> list[tuple[str, str]]:
        """(path prefix, label) of each slot, e.g. ('outcome.1.a', '施策の展開方向1 ア')."""
        if self.group is None:
            return [(f"{self.key}.{s.key}", s.label) for s in self.slots]
        return [(f"{self.key}.{g.key}.{s.key}", f"{self.group.label}{g.label} {s.label}")
                for g in self.group.slots for s in self.slots]


@dataclass(frozen=True)
class RowTable:
    """A repeat of fixed rows of fields at the top of a section: s2.directions × (名称, 目的, 手段)."""

    path: str
    label: str
    keys: tuple[Key, ...]
    fields: tuple[FieldItem, ...]


@dataclass(frozen=True)
class YearTable:
    """A series of 区分 rows over years outside any family: 施策コスト."""

    path: str
    label: str
    rows: tuple[SeriesRow, ...]


@dataclass(frozen=True)
class Shapes:
    families: tuple[Family, ...]
    row_tables: tuple[RowTable, ...]
    year_tables: tuple[YearTable, ...]

    def family(self, key: str) -> Family:
        return next(f for f in self.families if f.key == key)

    def groups(self) -> list[Group]:
        """Every group of rows, once by its label (a family's 展開方向, 2's 展開方向 rows)."""
        out: dict[str, Group] = {}
        for f in self.families:
            if f.group is not None:
                out.setdefault(f.group.label, f.group)
        for t in self.row_tables:
            out.setdefault(t.label, Group(t.label, t.keys))
        return list(out.values())


def _slots(record: RecordItem) -> tuple[Group | None, RepeatItem] | None:
    """The group (if any) and the repeat of slots of a family record."""
    outer = next((i for i in record.items if isinstance(i, RepeatItem) and i.keys is not None), None)
    if outer is None:
        return None
    inner = next((i for i in outer.items if isinstance(i, RepeatItem) and i.keys is not None), None)
    if inner is None:
        return None, outer
    assert outer.keys is not None
    return Group(outer.label, tuple(outer.keys)), inner


def _add_numbers(family: Family, slots: RepeatItem) -> None:
    """The series of the slots' rows, and the texts and judgements beside them (not the names of ③/④)."""
    if not any(isinstance(item, SeriesItem) for item in slots.items):
        return
    for item in slots.items:
        if isinstance(item, SeriesItem):
            family.series += [(r.key, r.label) for r in item.rows] if item.rows else [(item.key, item.label)]
        elif isinstance(item, FieldItem) and isinstance(item.value, TextType):
            family.notes.append((item.key, item.label))
        elif isinstance(item, FieldItem) and getattr(item.value, "of", None) in ("achievement", "comparison"):
            family.judgements[FieldKind(item.value.of)] = item.key  # type: ignore[union-attr]


def _families(form: FormDefinition) -> Iterator[Family]:
    found: dict[str, Family] = {}
    for section in form.sections:
        for item in section.items:
            if not isinstance(item, RecordItem):
                continue
            shape = _slots(item)
            if shape is None:
                continue
            group, slots = shape
            assert slots.keys is not None
            family = found.setdefault(item.key, Family(item.key, item.label, tuple(slots.keys), group))
            if item.heading and family.names_label is None:
                family.names_label = item.heading
            _add_numbers(family, slots)
    yield from (f for f in found.values() if f.series)


def shapes(form: FormDefinition) -> Shapes:
    """The form's families, row tables and year tables, made once per form (read, never changed, by the readers)."""
    return form.derived(_shapes)


def _shapes(form: FormDefinition) -> Shapes:
    rows: list[RowTable] = []
    years: list[YearTable] = []
    for section in form.sections:
        for item in section.items:
            if isinstance(item, RepeatItem) and item.keys is not None and all(
                    isinstance(i, FieldItem) for i in item.items):
                rows.append(RowTable(item.key, item.label, tuple(item.keys),
                                     tuple(i for i in item.items if isinstance(i, FieldItem))))
            elif isinstance(item, SeriesItem) and item.rows:
                years.append(YearTable(item.key, item.label, tuple(item.rows)))
    return Shapes(tuple(_families(form)), tuple(rows), tuple(years))
