"""Validation of form and layout files with pydantic, into plain records (sheetdesk.forms.record).

Imported when a file is validated (a file new to the validated-file cache),
never by a command whose files are all cached. Each record class gets a
pydantic model made from it: the model's fields are the record's
annotations (their constraints, ``Annotated[int, Field(ge=1)]``, are read
here, where ``Field`` exists), its defaults the record's, its rules the
record's ``_check``; a record named in another's annotations is validated
by its own model (`Record.__get_pydantic_core_schema__`). What a model
validates is then copied into the records themselves (`plain`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, TypeAdapter, model_validator

if TYPE_CHECKING:
    from sheetdesk.forms.record import Record  # the records name this module only when pydantic asks them

R = TypeVar("R", bound="Record")

# the names a record's annotations may use that only validation defines
_NAMESPACE: dict[str, Any] = {"Field": Field, "Tag": Tag, "Discriminator": Discriminator}
_CONFIG = ConfigDict(defer_build=True, extra="forbid", frozen=True, populate_by_name=True)
_MODELS: dict[type, type[BaseModel]] = {}
_RECORDS: dict[type, type[Record]] = {}


def _checked(model: BaseModel) -> BaseModel:
    check = getattr(model, "_check", None)
    if check is not None:
        check()
    return model


def model_of(cls: type[Record]) -> type[BaseModel]:
    """The pydantic model that validates ``cls``'s fields (made once; it has the record's methods for ``_check``)."""
    model = _MODELS.get(cls)
    if model is None:
        # in the record's module, whose names its annotations use; Field and the like come from _NAMESPACE
        namespace = {"__module__": cls.__module__, "__qualname__": f"{cls.__qualname__}Model", "model_config": _CONFIG,
                     "_validated": model_validator(mode="after")(_checked)}
        model = type(f"{cls.__name__}Model", (BaseModel, cls), namespace)
        _MODELS[cls], _RECORDS[model] = model, cls
    return model


def validate(cls: type[R], raw: object) -> R:
    """``raw`` (a file's parsed YAML) as a ``cls`` record; pydantic's ValidationError when it is not one."""
    model = model_of(cls)
    model.model_rebuild(_types_namespace=_NAMESPACE)
    return plain(model.model_validate(raw))


def adapter(annotation: Any) -> TypeAdapter[Any]:  # noqa: ANN401 - any annotation of records
    """pydantic's validator of ``annotation`` (a union of records, say), its names resolved as a record's are."""
    made: TypeAdapter[Any] = TypeAdapter(annotation)
    made.rebuild(_types_namespace=_NAMESPACE)
    return made


def plain(value: Any) -> Any:  # noqa: ANN401 - any validated value
    """A validated value with each model in it made the record it validates (lists and dicts followed)."""
    if isinstance(value, BaseModel):
        cls = _RECORDS[type(value)]
        record = cls.__new__(cls)
        record.__dict__.update({k: plain(v) for k, v in value.__dict__.items() if not k.startswith("_")})
        return record
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value
