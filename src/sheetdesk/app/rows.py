"""Rows a user adds to a repeat: which keys a new row gets and what a row operation changes.

A repeat's rows are a value like any other: the tuple of row keys at the
repeat's own path (``activity.indicators`` -> ``("1", "3", "2")``), and each
row's values under ``{path}.{key}.``. A row operation is therefore a set of
value changes, computed here without Qt or a database, so the session can
apply (and undo) it as one step.
"""

from __future__ import annotations

from collections.abc import Mapping

from sheetdesk.forms.fields import FieldKind, FieldSet, FieldSpec, RowTemplate
from sheetdesk.model.sheet import Value

Changes = dict[tuple[str, bool], Value]  # (path, override) -> new value (None removes it)


def row_template(fields: FieldSet, path: str) -> RowTemplate | None:
    """The template of the rows of the repeat at ``path`` (also for a repeat inside a row)."""
    for t in fields.templates:
        if t.prefix == f"{path}.":
            return t
        if path.startswith(t.prefix):
            _row, _, rest = path[len(t.prefix):].partition(".")
            if rest:
                found = row_template(t.children, rest)
                if found is not None:
                    return RowTemplate(f"{t.prefix}{_row}.{found.prefix}", found.row_label, found.children)
    return None


def next_key(keys: tuple[str, ...]) -> str:
    """The key of a new row: one more than the largest number in use (keys are never reused while listed)."""
    numbers = [int(k) for k in keys if k.isdigit()]
    return str(max(numbers, default=0) + 1)


def rows_of(values: Mapping[str, Value], path: str) -> tuple[str, ...]:
    keys = values.get(path)
    return tuple(k for k in keys if isinstance(k, str)) if isinstance(keys, tuple) else ()


def seed_rows(fields: FieldSet, row_path: str, out: Changes) -> None:
    """The rows a new row starts with: ``min`` rows of each repeat inside it, recursively."""
    template = row_template(fields, row_path.rpartition(".")[0])
    if template is None:
        return
    for rel, spec in template.children.items():
        if spec.kind is FieldKind.ROWS and spec.min_rows:
            inner = f"{row_path}.{rel}"
            keys = tuple(str(n) for n in range(1, spec.min_rows + 1))
            out[(inner, False)] = keys
            for k in keys:
                seed_rows(fields, f"{inner}.{k}", out)


def initial_rows(fields: FieldSet) -> dict[str, tuple[str, ...]]:
    """The rows a blank sheet starts with: ``min`` rows of each top-level repeat (and of repeats inside)."""
    out: Changes = {}
    for t in fields.templates:
        spec = fields.get(t.prefix[:-1])
        if spec is None or spec.kind is not FieldKind.ROWS or not spec.min_rows:
            continue
        keys = tuple(str(n) for n in range(1, spec.min_rows + 1))
        out[(spec.path, False)] = keys
        for k in keys:
            seed_rows(fields, f"{spec.path}.{k}", out)
    return {path: v for (path, _), v in out.items() if isinstance(v, tuple)}


def removal(values: Mapping[str, Value], overrides: Mapping[str, Value], row_path: str, out: Changes) -> None:
    """Every value and override of one row (rows inside it included) set to None."""
    prefix = f"{row_path}."
    for p in values:
        if p.startswith(prefix):
            out[(p, False)] = None
    for p in overrides:
        if p.startswith(prefix):
            out[(p, True)] = None


def row_words(spec: FieldSpec) -> str:
    """What a repeat is called in messages: its own short label (活動指標), else its full label."""
    return spec.short_label or spec.label
