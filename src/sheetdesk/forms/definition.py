"""Typed form definitions: what a sheet of one form holds and how it is labelled.

A form file under forms/ is validated into these objects. Everything else
(the editor, printing, import, storage) asks the form which fields a sheet has
(`FormDefinition.fields`) instead of knowing the standard sheet by heart, so a
city's variant is a new file, not new code.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sheetdesk.wareki import era_year, period_label


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Slot(_Strict):
    key: str
    label: str


class YearRange(StrEnum):
    """Which plan years a series or a row uses, relative to the evaluation year N."""

    ALL = "all"
    TO_EVALUATION = "to_evaluation"  # years <= N (実績値)
    AFTER_EVALUATION = "after_evaluation"  # years > N (見込み値)

    def uses(self, year: int, evaluation_year: int) -> bool:
        if self is YearRange.TO_EVALUATION:
            return year <= evaluation_year
        if self is YearRange.AFTER_EVALUATION:
            return year > evaluation_year
        return True


class Series(_Strict):
    key: str
    label: str
    years: YearRange = YearRange.ALL


class Indicator(_Strict):
    """A family of indicators: 対象指標 (slots ア–エ) or 成果指標 (per 展開方向)."""

    key: str
    label: str
    slots: list[Slot]
    series: list[Series]
    groups: str | None = None
    note_label: str | None = None
    judgements: bool = False


class Group(_Strict):
    label: str
    slots: list[Slot]


class GradeOption(_Strict):
    code: Literal["A", "B", "C", "D", "E"]
    wording: str
    inferred: bool = False


class _Item(_Strict):
    label: str
    group_label: str | None = None
    note: str | None = None


class TextItem(_Item):
    kind: Literal["text"]
    key: str
    required: bool = False
    multiline: bool = True
    printed: bool = True


class ListItem(_Item):
    kind: Literal["list"]
    key: str
    required: bool = False


class GradeItem(_Item):
    kind: Literal["grade"]
    key: str
    grades: list[GradeOption]
    suggested: bool = False
    legend: bool = False

    @model_validator(mode="after")
    def _five_grades(self) -> GradeItem:
        if [g.code for g in self.grades] != ["A", "B", "C", "D", "E"]:
            raise ValueError("grades must list A, B, C, D, E in order")
        return self


class RowField(_Strict):
    kind: Literal["text"]
    key: str
    label: str
    multiline: bool = True


class GroupRowsItem(_Item):
    kind: Literal["group_rows"]
    key: str
    group: str
    fields: list[RowField]


class Computed(_Strict):
    sum: list[str]


class CostRow(_Strict):
    key: str
    label: str
    unit: str
    group: str | None = None
    computed: Computed | None = None
    years: YearRange = YearRange.ALL


class CostTableItem(_Item):
    kind: Literal["cost_table"]
    key: str
    rows: list[CostRow]

    @model_validator(mode="after")
    def _sums_known_rows(self) -> CostTableItem:
        seen: set[str] = set()
        for row in self.rows:
            if row.computed:
                missing = [k for k in row.computed.sum if k not in seen]
                if missing:
                    raise ValueError(f"row {row.key!r} sums rows not defined above it: {missing}")
            seen.add(row.key)
        return self


class IndicatorNamesItem(_Item):
    kind: Literal["indicator_names"]
    indicator: str


class IndicatorSeriesItem(_Item):
    kind: Literal["indicator_series"]
    indicator: str


Item = Annotated[
    TextItem
    | ListItem
    | GradeItem
    | GroupRowsItem
    | CostTableItem
    | IndicatorNamesItem
    | IndicatorSeriesItem,
    Field(discriminator="kind"),
]


class Section(_Strict):
    key: str
    label: str
    items: list[Item]


class Identity(_Strict):
    code: str
    name: str
    policy: str
    section: str


class GradeStep(_Strict):
    min_share: float = Field(ge=0, le=1)
    grade: Literal["A", "B", "C", "D", "E"]


class Rules(_Strict):
    comparison_tolerance_percent: Decimal = Field(ge=0)
    grade_suggestion: list[GradeStep]


class Move(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)
    source: str = Field(alias="from")
    target: str = Field(alias="to")


class Rollover(_Strict):
    move: list[Move] = []
    clear: list[str] = []


class FieldKind(StrEnum):
    TEXT = "text"
    LIST = "list"
    GRADE = "grade"
    NUMBER = "number"  # a number cell: number, mark or empty
    DIRECTION = "direction"
    ACHIEVEMENT = "achievement"  # computed 達成/未達成
    COMPARISON = "comparison"  # computed 向上/維持/低下
    GRADE_SUGGESTION = "grade_suggestion"  # computed 4(1) suggestion


COMPUTED_KINDS = {FieldKind.ACHIEVEMENT, FieldKind.COMPARISON, FieldKind.GRADE_SUGGESTION}


@dataclass(frozen=True)
class FieldSpec:
    """One addressable value of a sheet, e.g. ``cost.national.2023``."""

    path: str
    kind: FieldKind
    label: str  # the full label a user reads, section words included
    section: str
    required: bool = False
    computed: bool = False  # computed values may be overridden, never stored as values
    year: int | None = None
    unit: str | None = None
    multiline: bool = False
    printed: bool = True


@dataclass(frozen=True)
class PlanContext:
    """What a form's labels and year columns depend on."""

    municipality: str
    plan_name: str
    plan_start_year: int
    plan_end_year: int
    evaluation_year: int

    @property
    def years(self) -> list[int]:
        return list(range(self.plan_start_year, self.plan_end_year + 1))

    def fill(self, label: str) -> str:
        """Replace {N}, {N+1}, {plan_name}… in a label."""
        n = self.evaluation_year
        return (
            label.replace("{N+1}", str(era_year(n + 1)))
            .replace("{N+2}", str(era_year(n + 2)))
            .replace("{N}", str(era_year(n)))
            .replace("{municipality}", self.municipality)
            .replace("{plan_name}", self.plan_name)
            .replace("{plan_period}", period_label(self.plan_start_year, self.plan_end_year))
        )


class FormDefinition(_Strict):
    id: str
    version: int = Field(ge=1)
    title: str
    layout: str | None = None
    identity: Identity
    rules: Rules
    indicators: list[Indicator]
    groups: dict[str, Group] = {}
    sections: list[Section]
    rollover: Rollover = Rollover()

    @model_validator(mode="after")
    def _references(self) -> FormDefinition:
        names = {i.key for i in self.indicators}
        for ind in self.indicators:
            if ind.groups is not None and ind.groups not in self.groups:
                raise ValueError(f"indicator {ind.key!r} names unknown group {ind.groups!r}")
        keys: set[str] = set()
        for section in self.sections:
            for item in section.items:
                if isinstance(item, IndicatorNamesItem | IndicatorSeriesItem):
                    if item.indicator not in names:
                        raise ValueError(f"section {section.key!r} names unknown indicator {item.indicator!r}")
                if isinstance(item, GroupRowsItem) and item.group not in self.groups:
                    raise ValueError(f"section {section.key!r} names unknown group {item.group!r}")
                key = getattr(item, "key", None)
                if key is not None:
                    if key in keys:
                        raise ValueError(f"key {key!r} is defined twice")
                    keys.add(key)
        for role, key in self.identity.model_dump().items():
            if key not in keys:
                raise ValueError(f"identity.{role} names unknown field {key!r}")
        return self

    def indicator(self, key: str) -> Indicator:
        return next(i for i in self.indicators if i.key == key)

    def indicator_slots(self, indicator: Indicator) -> list[tuple[str, str]]:
        """(path prefix, label) of each indicator slot, e.g. ('outcome.1.a', '展開方向1 ア')."""
        if indicator.groups is None:
            return [(f"{indicator.key}.{s.key}", s.label) for s in indicator.slots]
        group = self.groups[indicator.groups]
        return [
            (f"{indicator.key}.{g.key}.{s.key}", f"{group.label}{g.label} {s.label}")
            for g in group.slots
            for s in indicator.slots
        ]

    def fields(self, ctx: PlanContext) -> dict[str, FieldSpec]:
        """Every field of a sheet of this form, in the paper's order."""
        out: dict[str, FieldSpec] = {}

        def add(spec: FieldSpec) -> None:
            out[spec.path] = spec

        for section in self.sections:
            for item in section.items:
                if isinstance(item, TextItem):
                    add(FieldSpec(item.key, FieldKind.TEXT, _join(item.group_label, item.label, ctx), section.key,
                                  item.required, multiline=item.multiline, printed=item.printed))
                elif isinstance(item, ListItem):
                    add(FieldSpec(item.key, FieldKind.LIST, ctx.fill(item.label), section.key, item.required))
                elif isinstance(item, GradeItem):
                    add(FieldSpec(item.key, FieldKind.GRADE, ctx.fill(item.label), section.key))
                    if item.suggested:
                        add(FieldSpec(f"{item.key}.suggested", FieldKind.GRADE_SUGGESTION,
                                      ctx.fill(item.label) + "（推奨）", section.key, computed=True))
                elif isinstance(item, GroupRowsItem):
                    group = self.groups[item.group]
                    for g in group.slots:
                        for f in item.fields:
                            add(FieldSpec(f"{item.key}.{g.key}.{f.key}", FieldKind.TEXT,
                                          f"{group.label}{g.label} {f.label}", section.key, multiline=f.multiline))
                elif isinstance(item, CostTableItem):
                    for row in item.rows:
                        for year in ctx.years:
                            if row.years.uses(year, ctx.evaluation_year):
                                add(FieldSpec(f"{item.key}.{row.key}.{year}", FieldKind.NUMBER,
                                              f"{item.label} {row.label.strip()}", section.key,
                                              computed=row.computed is not None, year=year, unit=row.unit))
                elif isinstance(item, IndicatorNamesItem):
                    ind = self.indicator(item.indicator)
                    for prefix, label in self.indicator_slots(ind):
                        add(FieldSpec(f"{prefix}.name", FieldKind.TEXT, f"{ind.label} {label} 名称", section.key,
                                      multiline=False))
                        add(FieldSpec(f"{prefix}.unit", FieldKind.TEXT, f"{ind.label} {label} 単位", section.key,
                                      multiline=False))
                        if ind.judgements:
                            add(FieldSpec(f"{prefix}.direction", FieldKind.DIRECTION,
                                          f"{ind.label} {label} 指標の方向", section.key, printed=False))
                elif isinstance(item, IndicatorSeriesItem):
                    ind = self.indicator(item.indicator)
                    for prefix, label in self.indicator_slots(ind):
                        for series in ind.series:
                            for year in ctx.years:
                                if series.years.uses(year, ctx.evaluation_year):
                                    add(FieldSpec(f"{prefix}.{series.key}.{year}", FieldKind.NUMBER,
                                                  f"{ind.label} {label} {series.label}", section.key, year=year))
                        if ind.note_label:
                            add(FieldSpec(f"{prefix}.note", FieldKind.TEXT, f"{ind.label} {label} {ind.note_label}",
                                          section.key))
                        if ind.judgements:
                            add(FieldSpec(f"{prefix}.achievement", FieldKind.ACHIEVEMENT,
                                          f"{ind.label} {label} 目標達成度", section.key, computed=True))
                            add(FieldSpec(f"{prefix}.comparison", FieldKind.COMPARISON,
                                          f"{ind.label} {label} 前年度比較", section.key, computed=True))
        return out

    def section_label(self, key: str, ctx: PlanContext) -> str:
        return ctx.fill(next(s.label for s in self.sections if s.key == key))


def _join(group_label: str | None, label: str, ctx: PlanContext) -> str:
    return ctx.fill(f"{group_label} {label}" if group_label else label)
