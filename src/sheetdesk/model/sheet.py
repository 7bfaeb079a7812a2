"""A sheet as plain values, free of Qt and of the database."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from sheetdesk.forms.definition import FieldKind, FieldSpec, FormDefinition, PlanContext
from sheetdesk.glossary import Achievement, Comparison, Direction, Mark, Status

# What one field may hold, by kind (lists are tuples so a value can be compared
# and hashed; grades are "A"–"E").
Value = str | tuple[str, ...] | Decimal | Mark | Direction | Achievement | Comparison | date | None


@dataclass(frozen=True)
class Plan:
    """The municipality and plan a sheet belongs to (sheet parameters)."""

    municipality: str
    name: str
    start_year: int
    end_year: int


@dataclass
class Sheet:
    """One 施策's sheet for one evaluation year.

    ``values`` holds what people typed, by field path; ``overrides`` holds a
    person's decision on a computed field, kept apart from the computed value
    so that both can be shown.
    """

    form_id: str
    form_version: int
    plan: Plan
    evaluation_year: int
    values: dict[str, Value] = field(default_factory=dict)
    overrides: dict[str, Value] = field(default_factory=dict)
    status: Status = Status.DRAFT
    id: int | None = None
    version: int = 0
    # paths whose text was carried over from last year and not edited since
    unchanged_since_rollover: frozenset[str] = frozenset()

    @property
    def context(self) -> PlanContext:
        return PlanContext(
            municipality=self.plan.municipality,
            plan_name=self.plan.name,
            plan_start_year=self.plan.start_year,
            plan_end_year=self.plan.end_year,
            evaluation_year=self.evaluation_year,
        )

    def get(self, path: str) -> Value:
        return self.values.get(path)

    def text(self, path: str) -> str:
        v = self.values.get(path)
        return v if isinstance(v, str) else ""

    def identity(self, form: FormDefinition) -> dict[str, str]:
        """施策番号, 基本施策名, 政策名, 施策統括課 of this sheet."""
        roles = form.identity.roles()
        return {role: self.text(roles[role]) if role in roles else "" for role in form.identity.ROLES}


def empty_value(spec: FieldSpec) -> Value:
    return () if spec.kind in (FieldKind.LIST, FieldKind.ROWS) or spec.multiple else None


def is_empty(value: Value) -> bool:
    return value is None or value == "" or value == ()
