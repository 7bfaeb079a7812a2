"""The addressable values of a sheet: field specs, and the set of them a form yields.

A form's items expand into `FieldSpec`s, one per path (``cost.national.2023``,
``projects.3.partners``). Rows a user adds to a repeat have keys that are not
known from the form alone, so a `FieldSet` answers for those paths by pattern
too: ``specs.get("projects.17.name")`` is the spec of any row's 事業名 even
when the set was built without the sheet's values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from sheetdesk.wareki import era_year, period_label


class FieldKind(StrEnum):
    TEXT = "text"
    LIST = "list"
    GRADE = "grade"  # one of the options A–E (the standard form's grades)
    CHOICE = "choice"  # one option code, or a tuple of codes when ``multiple``
    NUMBER = "number"  # a number cell: number, mark or empty
    MEASURE = "measure"  # a number with its unit, a percentage, or a word (実施, 充実, -)
    DATE = "date"  # a calendar date, shown in 和暦
    ROWS = "rows"  # the keys of a repeat's rows, in their order
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
    # choice fields: (code, wording) of each option; several may be chosen when ``multiple``
    options: tuple[tuple[str, str], ...] = ()
    multiple: bool = False
    separator: str = "、"  # between the wordings of several chosen options
    # rows fields: the bounds of the repeat
    min_rows: int = 0
    max_rows: int | None = None
    # the short label of the field within its record or row (名称, 単位, 実績値…)
    short_label: str = ""
    # number cells: the range a value must lie in (checked before submitting, never refused while typing)
    minimum: Decimal | None = None
    maximum: Decimal | None = None


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
        out = label
        for k in (3, 2, 1):
            out = out.replace(f"{{N+{k}}}", str(era_year(n + k))).replace(f"{{N-{k}}}", str(era_year(n - k)))
        return (
            out.replace("{N}", str(era_year(n)))
            .replace("{municipality}", self.municipality)
            .replace("{plan_name}", self.plan_name)
            .replace("{plan_period}", period_label(self.plan_start_year, self.plan_end_year))
        )


@dataclass(frozen=True)
class RowTemplate:
    """How to answer for the paths of any row of one user-extended repeat.

    ``prefix`` is the repeat's path plus a dot; ``children`` holds the specs of
    one row (their paths relative to the row, labels with ``{row}`` for the
    row's label), ``row_label`` words a row from its key.
    """

    prefix: str
    row_label: str
    children: FieldSet

    def resolve(self, path: str) -> FieldSpec | None:
        if not path.startswith(self.prefix):
            return None
        row, _, rest = path[len(self.prefix):].partition(".")
        if not row or not rest:
            return None
        spec = self.children.get(rest)
        if spec is None:
            return None
        # in a nested row the innermost {row} is the last one: it is this row's
        head, mark, tail = spec.label.rpartition("{row}")
        label = head + self.row_label.replace("{n}", row) + tail if mark else spec.label
        return replace(spec, path=f"{self.prefix}{row}.{rest}", label=label)


class FieldSet(dict[str, FieldSpec]):
    """The fields of a sheet in the paper's order, answering for user-added rows by pattern."""

    def __init__(self) -> None:
        super().__init__()
        self.templates: list[RowTemplate] = []

    def add(self, spec: FieldSpec) -> None:
        self[spec.path] = spec

    def copy(self) -> FieldSet:  # type: ignore[override]
        out = FieldSet()
        out.update(self)
        out.templates = list(self.templates)
        return out

    def resolve(self, path: str) -> FieldSpec | None:
        spec = super().get(path)
        if spec is not None:
            return spec
        for template in self.templates:
            found = template.resolve(path)
            if found is not None:
                return found
        return None

    def get(self, path: str, default: FieldSpec | None = None) -> FieldSpec | None:  # type: ignore[override]
        found = self.resolve(path)
        return found if found is not None else default

    def __contains__(self, path: object) -> bool:
        return isinstance(path, str) and self.resolve(path) is not None

    def __missing__(self, path: str) -> FieldSpec:
        found = self.resolve(path)
        if found is None:
            raise KeyError(path)
        return found


def row_keys(values: Mapping[str, object] | None, path: str) -> tuple[str, ...]:
    """The row keys stored at a repeat's path (empty when none)."""
    if values is None:
        return ()
    keys = values.get(path)
    return tuple(k for k in keys if isinstance(k, str)) if isinstance(keys, tuple | list) else ()

