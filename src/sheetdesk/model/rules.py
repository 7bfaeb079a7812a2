"""The sheet's arithmetic and judgements, as the form declares them (`rules.compute`).

The form says which fields are summed, judged and compared (see
sheetdesk.forms.rules for the four kinds of rule and their path patterns);
this module only does the arithmetic:

- sums of number cells, keeping 未集計 / - rather than inventing 0;
- 達成 / 未達成 of an actual value against its target in a direction;
- 向上 / 維持 / 低下 against the previous value, within a tolerance band;
- a suggested grade from the share of judgements that are 達成.

A person's override of a computed value wins wherever the value is used, but
the computed value is always returned beside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.rules import (
    AchievementRule,
    ComparisonRule,
    GradeShareRule,
    GradeStep,
    Match,
    Rules,
    SumRule,
    fill_years,
)
from sheetdesk.glossary import Achievement, Comparison, Direction, Mark
from sheetdesk.model.sheet import Sheet, Value, is_empty

# A form without rules computes nothing (the defaults are valid).
_NO_RULES = Rules()


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


def grade_from_share(steps: Iterable[GradeStep], judgements: list[Value]) -> str | None:
    judged = [j for j in judgements if isinstance(j, Achievement)]
    if not judged:
        return None
    share = sum(j is Achievement.ACHIEVED for j in judged) / len(judged)
    for step in steps:
        if share >= step.min_share:
            return step.grade
    return None


class _Run:
    """One computation of a sheet's rules: results so far, in the order they were computed."""

    def __init__(self, form: FormDefinition, sheet: Sheet) -> None:
        self.sheet, self.ctx = sheet, sheet.context
        self.exp = form.expansion(self.ctx, sheet.values)
        self.paths = self.exp.paths
        self.rules = form.rules or _NO_RULES
        self.out: dict[str, Computed] = {}

    def put(self, path: str, value: Value) -> Value:
        c = Computed(path, value, self.sheet.overrides.get(path))
        self.out[path] = c
        return c.effective

    def effective(self, path: str) -> Value:
        return self.out[path].effective if path in self.out else self.sheet.values.get(path)

    def cells(self, pattern: str, m: Match) -> list[Value]:
        return [self.effective(p) for p in self.exp.bound(pattern, m)]

    def matches(self, pattern: str) -> list[Match]:
        return self.exp.matches(pattern)

    def direction(self, rule: AchievementRule | ComparisonRule, prefix: str) -> Direction:
        if rule.direction_field is not None:
            d = self.sheet.values.get(f"{prefix}.{rule.direction_field}")
            if isinstance(d, Direction):
                return d
        return Direction(rule.direction)

    def judged_prefixes(self, rule: AchievementRule | ComparisonRule) -> list[str]:
        tail = len(rule.into) + 1
        found = [m.path[:-tail] for m in self.matches(f"{rule.at}.{rule.into}")]
        if rule.when is None:
            return found
        return [p for p in found if not is_empty(self.sheet.values.get(f"{p}.{rule.when}"))]

    def apply(self, rule: SumRule | AchievementRule | ComparisonRule | GradeShareRule) -> None:
        ctx = self.ctx
        if isinstance(rule, SumRule):
            for m in self.matches(rule.into):
                self.put(m.path, sum_cells([c for pat in rule.of for c in self.cells(pat, m)]))
        elif isinstance(rule, AchievementRule):
            for p in self.judged_prefixes(rule):
                actual = self.effective(f"{p}.{fill_years(rule.actual, ctx)}")
                target = self.effective(f"{p}.{fill_years(rule.target, ctx)}")
                self.put(f"{p}.{rule.into}", achievement(actual, target, self.direction(rule, p)))
        elif isinstance(rule, ComparisonRule):
            band = rule.tolerance_percent
            tolerance = self.rules.comparison_tolerance_percent if band is None else band
            for p in self.judged_prefixes(rule):
                current = self.effective(f"{p}.{fill_years(rule.current, ctx)}")
                previous = self.effective(f"{p}.{fill_years(rule.previous, ctx)}")
                self.put(f"{p}.{rule.into}", comparison(current, previous, self.direction(rule, p), tolerance))
        else:
            steps = rule.steps if rule.steps is not None else self.rules.grade_suggestion
            for m in self.matches(rule.into):
                self.put(m.path, grade_from_share(steps, self.cells(rule.of, m)))


def compute(form: FormDefinition, sheet: Sheet) -> dict[str, Computed]:
    """Every computed field of the sheet, in the paper's order.

    The rules are the form's (`rules.compute`), applied in the order the form
    lists them, so a rule may use what an earlier one computed.
    """
    run = _Run(form, sheet)
    for rule in run.rules.compute:
        run.apply(rule)
    return {p: run.out[p] for p in run.paths if p in run.out}


def effective_values(form: FormDefinition, sheet: Sheet) -> dict[str, Value]:
    """The sheet as printed: typed values plus computed ones (overrides applied)."""
    merged = dict(sheet.values)
    for path, c in compute(form, sheet).items():
        merged[path] = c.effective
    return merged
