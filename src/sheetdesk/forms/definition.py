"""Typed form definitions: what a sheet of one form holds and how it is labelled.

A form file under forms/ is validated into these objects. Everything else
(the editor, printing, import, storage) asks the form which fields a sheet has
(`FormDefinition.fields`) instead of knowing the standard sheet by heart, so a
city's variant is a new file, not new code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, TypeVar

from sheetdesk.forms.fields import COMPUTED_KINDS, FieldKind, FieldSet, FieldSpec, PlanContext
from sheetdesk.forms.items import FieldItem, GenericItem, RecordItem, RepeatItem, Scope, SeriesItem, SeriesRow
from sheetdesk.forms.record import Record
from sheetdesk.forms.rules import GradeShareRule, Match, Rules, bind, matches, targets

if TYPE_CHECKING:
    from pydantic import Field  # constraints in annotations, read when a file is validated (forms.schema)

__all__ = [
    "COMPUTED_KINDS",
    "FieldItem",
    "FieldKind",
    "FieldSet",
    "FieldSpec",
    "PlanContext",
    "RecordItem",
    "RepeatItem",
    "SeriesItem",
]


D = TypeVar("D")


class Section(Record):
    key: str
    label: str
    items: list[Annotated[GenericItem, Field(discriminator="kind")]]


class Identity(Record):
    """The paths of the values that name a sheet: 施策番号, 基本施策名, 政策名, 施策統括課.

    The words a user reads for them are the fields' own labels in the form.
    """

    code: str
    name: str
    policy: str | None = None
    section: str | None = None

    ROLES = ("code", "name", "policy", "section")

    def roles(self) -> dict[str, str]:
        found = {"code": self.code, "name": self.name, "policy": self.policy, "section": self.section}
        return {role: path for role, path in found.items() if path is not None}


class Move(Record):
    source: Annotated[str, Field(alias="from")]
    target: Annotated[str, Field(alias="to")]


class Rollover(Record):
    move: list[Move] = []
    clear: list[str] = []
    # texts that hold for the whole plan (a quote of it, its 目指す姿): carried over as they are and
    # not listed for review; path patterns, * one segment (a row key)
    settled: list[str] = []


class FormDefinition(Record):
    id: str
    version: Annotated[int, Field(ge=1)]
    title: str
    layout: str | None = None
    identity: Identity
    rules: Rules | None = None
    sections: list[Section]
    rollover: Rollover = Rollover()

    def derived(self, make: Callable[[FormDefinition], D]) -> D:
        """``make(self)``, made once per form: what another layer reads off the form at every use
        (the importer's labels and table columns), kept with the form it was made from (never pickled:
        Record.__getstate__ leaves ``_`` names out)."""
        made: dict[Callable[..., object], object] = self.__dict__.setdefault("_derived", {})
        try:
            return made[make]  # type: ignore[return-value]
        except KeyError:
            value = made[make] = make(self)
            return value

    def _check(self) -> None:
        keys: set[str] = set()
        for section in self.sections:
            for item in section.items:
                # a record or a repeat may continue in another section (③ names, 3 numbers); its fields may not
                if not isinstance(item, RecordItem | RepeatItem):
                    if item.key in keys:
                        raise ValueError(f"key {item.key!r} is defined twice")
                    keys.add(item.key)
        twice = _CountingSet()
        self._expand(_PROBE, None, twice)
        if twice.twice:
            raise ValueError(f"field {twice.twice[0]!r} is defined twice")
        probe = self.fields(_PROBE)
        probe_paths = list(_all_paths(probe))
        for i, rule in enumerate(self.rules.compute if self.rules else ()):
            into = targets(rule, _PROBE, probe_paths)
            if not into:
                raise ValueError(f"rules.compute[{i}] ({rule.kind}) computes no field of this form")
            if isinstance(rule, GradeShareRule):
                self._check_grades(i, rule, [probe[p] for p in into if p in probe])
        for i, pattern in enumerate(self.rollover.clear):
            if not matches(pattern, _PROBE, probe_paths):
                raise ValueError(f"rollover.clear[{i}] ({pattern}) names no field of this form")
        for spec in _all_specs(probe):
            if spec.kind in COMPUTED_KINDS and not spec.computed:
                raise ValueError(f"field {spec.path!r} is a judgement that no rule computes")
        for i, pattern in enumerate(self.rollover.settled):
            if not matches(pattern, _PROBE, probe_paths):
                raise ValueError(f"rollover.settled[{i}] ({pattern}) names no field of this form")
        for role, key in self.identity.roles().items():
            if key not in probe:
                raise ValueError(f"identity.{role} names unknown field {key!r}")

    def _check_grades(self, i: int, rule: GradeShareRule, into: list[FieldSpec]) -> None:
        """A suggested grade is one of the grade's own options (a bare judgement field has none to check)."""
        assert self.rules is not None
        steps = rule.steps if rule.steps is not None else self.rules.grade_suggestion
        for spec in (s for s in into if s.options):
            codes = [code for code, _ in spec.options]
            wrong = [step.grade for step in steps if step.grade not in codes]
            if wrong:
                raise ValueError(f"rules.compute[{i}] (grade_share) suggests {wrong[0]!r}, "
                                 f"not an option of {spec.path!r} ({', '.join(codes)})")

    def fields(self, ctx: PlanContext, values: Mapping[str, object] | None = None) -> FieldSet:
        """Every field of a sheet of this form, in the paper's order.

        ``values`` (the sheet's) names the rows a user added to repeats; without
        them such rows are still answered for by pattern (`FieldSet.get`).
        The result is a copy of what this form's cache holds for the same plan
        context and rows, so a caller may change it.
        """
        return self._expanded(ctx, values).fields.copy()

    def field_paths(self, ctx: PlanContext, values: Mapping[str, object] | None = None) -> tuple[str, ...]:
        """The paths of `fields`, in the paper's order, without copying the specs."""
        return self._expanded(ctx, values).paths

    def expansion(self, ctx: PlanContext, values: Mapping[str, object] | None) -> Expansion:
        """The fields of a sheet and the rule patterns matched against them, cached per plan and rows."""
        return self._expanded(ctx, values)

    def _expanded(self, ctx: PlanContext, values: Mapping[str, object] | None) -> Expansion:
        # the expansions this process made, kept on the form (never pickled: Record.__getstate__)
        cache: dict[tuple[PlanContext, tuple[tuple[str, object], ...]], Expansion] = self.__dict__.setdefault(
            "_expansions", {})
        key = (ctx, _rows_signature(values))
        hit = cache.get(key)
        if hit is None:
            if len(cache) >= _CACHE_SIZE:
                cache.pop(next(iter(cache)))
            hit = cache[key] = Expansion(ctx, self._expand(ctx, values))
        return hit

    def _expand(self, ctx: PlanContext, values: Mapping[str, object] | None,
                out: FieldSet | None = None) -> FieldSet:
        out = FieldSet() if out is None else out
        for section in self.sections:
            scope = Scope(section.key)
            for item in section.items:
                item.expand(ctx, values, out, scope)
        if self.rules is not None and self.rules.compute:
            paths = list(_all_paths(out))
            computed = {p for rule in self.rules.compute for p in targets(rule, ctx, paths)}
            _mark_computed(out, computed)
        return out

    def section_label(self, key: str, ctx: PlanContext) -> str:
        return ctx.fill(next(s.label for s in self.sections if s.key == key))

    def items(self) -> Iterator[tuple[str, str, GenericPart]]:
        """(section, table path, part) of every item and series row, in the paper's order.

        A table path is an item's path with the keys of fixed rows left out
        (``s2.directions.name``, ``outcome.note``, ``cost.national``): what a
        layout names a label or a table by.
        """
        for section in self.sections:
            yield from ((section.key, path, part) for path, part in _parts(section.items, ""))

    def item(self, path: str) -> GenericPart | None:
        """The item (or series row) at a table path, the first one when a structure continues."""
        return next((part for _s, p, part in self.items() if p == path), None)


_CACHE_SIZE = 64


def _rows_signature(values: Mapping[str, object] | None) -> tuple[tuple[str, object], ...]:
    """What of a sheet's values the fields depend on: its row keys (texts' lists may come along)."""
    if not values:
        return ()
    return tuple((k, v) for k, v in values.items() if isinstance(v, tuple) and v)


class Expansion:
    """The fields of one plan context and set of rows, and the rule patterns matched against them."""

    def __init__(self, ctx: PlanContext, fields: FieldSet) -> None:
        self.ctx, self.fields = ctx, fields
        self.paths = tuple(fields)
        self._matches: dict[str, list[Match]] = {}
        self._bound: dict[tuple[str, str], list[str]] = {}

    def matches(self, pattern: str) -> list[Match]:
        found = self._matches.get(pattern)
        if found is None:
            found = self._matches[pattern] = matches(pattern, self.ctx, self.paths)
        return found

    def bound(self, pattern: str, m: Match) -> list[str]:
        """The paths ``pattern`` names once the wildcards of ``m`` are put in (remaining stars expanded)."""
        key = (pattern, m.path)
        found = self._bound.get(key)
        if found is None:
            b = bind(pattern, self.ctx, m)
            found = [b] if "*" not in b and "{year}" not in b else [x.path for x in self.matches(b)]
            self._bound[key] = found
        return found


GenericPart = FieldItem | RecordItem | RepeatItem | SeriesItem | SeriesRow


def _parts(items: list[GenericItem], base: str) -> Iterator[tuple[str, GenericPart]]:
    for item in items:
        path = f"{base}.{item.key}" if base and item.key else (item.key or base)
        yield path, item
        if isinstance(item, RecordItem | RepeatItem):
            yield from _parts(item.items, path)
        if isinstance(item, SeriesItem):
            yield from ((f"{path}.{r.key}" if path else r.key, r) for r in item.rows or ())


class _CountingSet(FieldSet):
    """A field set that notes the paths two items both define."""

    def __init__(self) -> None:
        super().__init__()
        self.twice: list[str] = []

    def add(self, spec: FieldSpec) -> None:
        if dict.__contains__(self, spec.path):
            self.twice.append(spec.path)
        super().add(spec)


def _all_paths(fields: FieldSet, base: str = "") -> Iterator[str]:
    """The paths of the fields, then of each user-extended repeat's row as ``repeat.*.field``."""
    for path in fields:
        yield base + path
    for t in fields.templates:
        yield from _all_paths(t.children, f"{base}{t.prefix}*.")


def _all_specs(fields: FieldSet) -> Iterator[FieldSpec]:
    yield from fields.values()
    for t in fields.templates:
        yield from _all_specs(t.children)


def _mark_computed(fields: FieldSet, computed: set[str], base: str = "") -> None:
    for path, spec in fields.items():
        if base + path in computed and not spec.computed:
            fields[path] = replace(spec, computed=True)
    for t in fields.templates:
        _mark_computed(t.children, computed, f"{base}{t.prefix}*.")


# a plan context to check a form's paths with, before any sheet exists
_PROBE = PlanContext("", "", 2020, 2027, 2023)

