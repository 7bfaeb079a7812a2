"""The rules a form declares: sums, 達成/未達成, 前年度比較 and a suggested grade.

A rule is aimed at field paths by pattern, so the same four kinds of rule
serve any form: ``*`` stands for one path segment (a slot, a row key),
``{year}`` for any year column, ``{N}``, ``{N-1}``, ``{N+2}`` for years
relative to the evaluation year. A rule never names a field in code: the
form file says where its inputs are and where its result goes.

- ``sum``: ``into`` is the sum of ``of``. The ``*`` and ``{year}`` of
  ``into`` carry over into ``of`` (first star to first star); a star that
  ``into`` does not have sums over every match (rows of a table).
- ``achievement``: at each prefix matching ``at``, 達成 when ``actual``
  reaches ``target`` in the indicator's direction (``direction_field``
  relative to the prefix, else ``direction``).
- ``comparison``: 向上 / 維持 / 低下 from ``current`` against ``previous``;
  a relative change within ``tolerance_percent`` counts as 維持.
- ``grade_share``: the grade of the first step whose ``min_share`` the share
  of 達成 among the judgements at ``of`` reaches.

Results are computed values: shown, printed and overridable, never stored
as typed values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Annotated, Literal

from sheetdesk.forms.fields import PlanContext
from sheetdesk.forms.record import Record

if TYPE_CHECKING:
    from pydantic import Field  # constraints in annotations, read when a file is validated (forms.schema)


class GradeStep(Record):
    min_share: Annotated[float, Field(ge=0, le=1)]
    grade: str


Direction = Literal["higher", "lower"]


class SumRule(Record):
    kind: Literal["sum"]
    into: str
    of: Annotated[list[str], Field(min_length=1)]


class _Judged(Record):
    at: str
    when: str | None = None  # a field (relative to the prefix) that must be filled for the rule to apply
    direction: Direction = "higher"
    direction_field: str | None = None


class AchievementRule(_Judged):
    kind: Literal["achievement"]
    into: str = "achievement"
    actual: str
    target: str


class ComparisonRule(_Judged):
    kind: Literal["comparison"]
    into: str = "comparison"
    current: str
    previous: str
    tolerance_percent: Annotated[Decimal | None, Field(ge=0)] = None  # else the form's comparison_tolerance_percent


class GradeShareRule(Record):
    kind: Literal["grade_share"]
    into: str
    of: str
    steps: list[GradeStep] | None = None  # else the form's grade_suggestion


# a rule, told apart by its `kind` (the discriminator is in the annotation that uses it)
Rule = SumRule | AchievementRule | ComparisonRule | GradeShareRule


class Rules(Record):
    # the defaults of comparison and grade_share rules that do not give their own
    comparison_tolerance_percent: Annotated[Decimal, Field(ge=0)] = Decimal(0)
    grade_suggestion: list[GradeStep] = []
    compute: list[Annotated[Rule, Field(discriminator="kind")]] = []


# --- patterns -------------------------------------------------------------------


def fill_years(pattern: str, ctx: PlanContext) -> str:
    """{N}, {N-1}, {N+2} as the years they stand for."""
    n = ctx.evaluation_year

    def year(m: re.Match[str]) -> str:
        return str(n + int(m.group(1) or 0))

    return re.sub(r"\{N([+-]\d+)?\}", year, pattern)


@lru_cache(maxsize=512)
def _regex(pattern: str) -> re.Pattern[str]:
    parts = []
    for seg in pattern.split("."):
        if seg == "*":
            parts.append(r"([^.]+)")
        elif seg == "{year}":
            parts.append(r"(?P<year>\d{4})")
        else:
            parts.append(re.escape(seg))
    return re.compile(r"\.".join(parts))


@dataclass(frozen=True)
class Match:
    path: str
    stars: tuple[str, ...]
    year: str | None


def matches(pattern: str, ctx: PlanContext, paths: Iterable[str]) -> list[Match]:
    """Every path (in the given order) that the pattern names, with what its wildcards stood for."""
    rx = _regex(fill_years(pattern, ctx))
    out = []
    for p in paths:
        m = rx.fullmatch(p)
        if m is not None:
            groups = m.groupdict()
            year = groups.get("year")
            stars = tuple(g for i, g in enumerate(m.groups(), 1) if i != rx.groupindex.get("year"))
            out.append(Match(p, stars, year))
    return out


def bind(pattern: str, ctx: PlanContext, m: Match) -> str:
    """A pattern of ``of`` with the wildcards of ``into``'s match put in (the first stars, the year)."""
    segs = fill_years(pattern, ctx).split(".")
    stars = iter(m.stars)
    out = []
    for seg in segs:
        if seg == "*":
            out.append(next(stars, "*"))
        elif seg == "{year}" and m.year is not None:
            out.append(m.year)
        else:
            out.append(seg)
    return ".".join(out)


def prefixes(at: str, into: str, ctx: PlanContext, paths: Sequence[str]) -> list[str]:
    """The prefixes matching ``at`` that have the rule's ``into`` field."""
    tail = len(into) + 1
    return [m.path[:-tail] for m in matches(f"{at}.{into}", ctx, paths)]


def targets(rule: SumRule | AchievementRule | ComparisonRule | GradeShareRule, ctx: PlanContext,
            paths: Sequence[str]) -> list[str]:
    """The paths a rule computes."""
    if isinstance(rule, AchievementRule | ComparisonRule):
        return [f"{p}.{rule.into}" for p in prefixes(rule.at, rule.into, ctx, paths)]
    return [m.path for m in matches(rule.into, ctx, paths)]
