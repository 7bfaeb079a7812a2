"""Form and layout data as plain objects: what a validated file becomes, with no pydantic in the process.

The classes of a form file (sheetdesk.forms.items, .rules, .definition) and
of a layout file (sheetdesk.render.layout) are `Record` subclasses: their
fields are annotations, their defaults class attributes, their behaviour
plain methods. pydantic reads those same annotations to validate a file
(sheetdesk.forms.schema, imported only then), and the validated objects are
turned into these records, which the validated-file cache keeps
(sheetdesk.forms.cache). A command whose files are all cached therefore
never imports pydantic, a third of a short command's imports.

A record is read-only; ``__init__`` (for records made in code: a default,
an automatic layout) takes the fields it is given and leaves the others to
their class's defaults. A rule a file must keep that its fields' types cannot
say is a ``_check`` method, raising ValueError; validation calls it.
"""

from __future__ import annotations

from typing import Any, NoReturn


class Record:
    """A read-only record of a form or layout file; equal when of one class with equal fields."""

    def __init__(self, **values: object) -> None:
        unknown = set(values) - set(field_names(type(self)))
        if unknown:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(sorted(unknown))}")
        self.__dict__.update(values)

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and _values(self) == _values(other)

    def __hash__(self) -> int:
        return hash((type(self), *_values(self)))

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in field_names(type(self)))
        return f"{type(self).__name__}({shown})"

    def __getstate__(self) -> dict[str, Any]:
        """The fields (pickled by the validated-file cache); what a method keeps for itself (``_`` names) stays out."""
        return {k: v for k, v in self.__dict__.items() if not k.startswith("_")}

    @classmethod
    def __get_pydantic_core_schema__(cls, source: object, handler: Any) -> Any:  # noqa: ANN401 - pydantic's hook
        """pydantic validates a record's fields with the model made from its annotations (sheetdesk.forms.schema)."""
        from sheetdesk.forms.schema import model_of

        return handler.generate_schema(model_of(cls))


_FIELDS: dict[type, tuple[str, ...]] = {}


def field_names(cls: type) -> tuple[str, ...]:
    """A record class's fields, in the order of their annotations (base classes first)."""
    names = _FIELDS.get(cls)
    if names is None:
        seen: dict[str, None] = {}
        for klass in reversed(cls.__mro__):
            for name, annotation in vars(klass).get("__annotations__", {}).items():
                if not name.startswith("_") and not str(annotation).startswith("ClassVar"):
                    seen[name] = None
        names = _FIELDS[cls] = tuple(seen)
    return names


def _values(record: Record) -> tuple[object, ...]:
    return tuple(getattr(record, n) for n in field_names(type(record)))
