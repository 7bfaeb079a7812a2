"""The sheet's arithmetic and judgements, as the form definition words them.

- 事業費計 (A) and トータルコスト (A)+(B): sums of their rows, per year.
- 目標達成度: 達成 when the year-N 実績値 reaches the 目標値 in the indicator's
  direction.
- 前年度比較: 向上 / 維持 / 低下 from 実績値 N against N-1; a relative change
  within the form's tolerance band counts as 維持.
- The suggested 4(1) grade from the share of indicators judged 達成.

A person's override of a computed value wins wherever the value is used, but
the computed value is always returned beside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sheetdesk.forms.definition import CostTableItem, FormDefinition, GradeItem
from sheetdesk.glossary import Achievement, Comparison, Direction, Mark
from sheetdesk.model.sheet import Sheet, Value


@dataclass(frozen=True)
class Computed:
    """A computed field: what the rules say and what the sheet uses."""

    path: str
    computed: Value
    override: Value

    @property
    def effective(self) -> Value:
        return self.override if self.override is not None else self.computed

    @property
    def overridden(self) -> bool:
        return self.override is not None and self.override != self.computed


def sum_cells(cells: list[Value]) -> Decimal | Mark | None:
    """Sum numbers; with no number at all, keep 未集計 / - rather than invent 0."""
    numbers = [c for c in cells if isinstance(c, Decimal)]
    if numbers:
        return sum(numbers, Decimal(0))
    if Mark.NOT_COUNTED in cells:
        return Mark.NOT_COUNTED
    if Mark.NOT_APPLICABLE in cells:
        return Mark.NOT_APPLICABLE
    return None


def achievement(actual: Value, target: Value, direction: Direction) -> Achievement | None:
    if not isinstance(actual, Decimal) or not isinstance(target, Decimal):
        return None
    reached = actual >= target if direction is Direction.HIGHER_IS_BETTER else actual <= target
    return Achievement.ACHIEVED if reached else Achievement.NOT_ACHIEVED


def comparison(
    current: Value, previous: Value, direction: Direction, tolerance_percent: Decimal
) -> Comparison | None:
    if not isinstance(current, Decimal) or not isinstance(previous, Decimal):
        return None
    delta = current - previous
    if previous != 0:
        if abs(delta) * 100 <= abs(previous) * tolerance_percent:
            return Comparison.UNCHANGED
    elif delta == 0:
        return Comparison.UNCHANGED
    better = delta > 0 if direction is Direction.HIGHER_IS_BETTER else delta < 0
    return Comparison.IMPROVED if better else Comparison.DECLINED


def suggest_grade(form: FormDefinition, judgements: list[Value]) -> str | None:
    judged = [j for j in judgements if isinstance(j, Achievement)]
    if not judged:
        return None
    share = sum(j is Achievement.ACHIEVED for j in judged) / len(judged)
    for step in form.rules.grade_suggestion if form.rules else ():
        if share >= step.min_share:
            return step.grade
    return None


def compute(form: FormDefinition, sheet: Sheet) -> dict[str, Computed]:
    """Every computed field of the sheet, in the paper's order."""
    out: dict[str, Computed] = {}
    ctx = sheet.context

    def put(path: str, value: Value) -> Value:
        c = Computed(path, value, sheet.overrides.get(path))
        out[path] = c
        return c.effective

    def effective(path: str) -> Value:
        return out[path].effective if path in out else sheet.values.get(path)

    for section in form.sections:
        for item in section.items:
            if isinstance(item, CostTableItem):
                for row in item.rows:
                    if row.computed is None:
                        continue
                    for year in ctx.years:
                        cells = [effective(f"{item.key}.{k}.{year}") for k in row.computed.sum]
                        put(f"{item.key}.{row.key}.{year}", sum_cells(cells))

    n = sheet.evaluation_year
    tolerance = form.rules.comparison_tolerance_percent if form.rules else Decimal(0)
    achievements: list[Value] = []
    for ind in form.indicators:
        if not ind.judgements:
            continue
        for prefix, _ in form.indicator_slots(ind):
            if not sheet.text(f"{prefix}.name"):
                continue
            d = sheet.values.get(f"{prefix}.direction")
            direction = d if isinstance(d, Direction) else Direction.HIGHER_IS_BETTER
            actual = sheet.values.get(f"{prefix}.actual.{n}")
            a = put(f"{prefix}.achievement", achievement(actual, sheet.values.get(f"{prefix}.target.{n}"), direction))
            achievements.append(a)
            put(
                f"{prefix}.comparison",
                comparison(actual, sheet.values.get(f"{prefix}.actual.{n - 1}"), direction, tolerance),
            )

    for section in form.sections:
        for item in section.items:
            if isinstance(item, GradeItem) and item.suggested:
                put(f"{item.key}.suggested", suggest_grade(form, achievements))
    return out


def effective_values(form: FormDefinition, sheet: Sheet) -> dict[str, Value]:
    """The sheet as printed: typed values plus computed ones (overrides applied)."""
    merged = dict(sheet.values)
    for path, c in compute(form, sheet).items():
        merged[path] = c.effective
    return merged
