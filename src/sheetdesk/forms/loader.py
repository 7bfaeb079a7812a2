"""Find, read and validate form files; errors name the file and the key."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

from sheetdesk import resources
from sheetdesk.forms import cache as validated_cache
from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.record import Record


class FormError(Exception):
    """A form file that cannot be used; the message is for the user."""


def default_forms_dir() -> Path:
    """The forms shipped with this version (sheetdesk.resources)."""
    return resources.forms_dir()


def _location(loc: tuple[object, ...]) -> str:
    parts: list[str] = []
    for p in loc:
        if isinstance(p, int):
            parts.append(f"[{p}]")
        else:
            parts.append(("." if parts else "") + str(p))
    return "".join(parts) or "(ファイル全体)"


M = TypeVar("M", bound=Record)
V = TypeVar("V")


def load_yaml_model(path: Path, model: type[M], what: str) -> M:
    """Read a YAML data file into a validated record; errors name the file and the key, in Japanese.

    ``what`` names the kind of file for the message (様式定義, 印刷レイアウト).
    """

    def validate(raw: object) -> M:
        from sheetdesk.forms.schema import validate

        return validate(model, raw)

    return load_yaml_validated(path, what, (model,), validate)


def load_yaml_validated(path: Path, what: str, kinds: tuple[type[V], ...], validate: Callable[[object], V]) -> V:
    """Read a YAML data file and validate it with ``validate``, whose result is one of ``kinds``.

    A file validated before, byte for byte, comes from the validated-file
    cache (sheetdesk.forms.cache); a file with errors is never cached.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FormError(f"{path}: {what}ファイルを読み込めません（{exc}）") from exc
    cached = validated_cache.load(path, data, kinds)
    if cached is not None:
        return cached
    import yaml  # here: a start whose files are all cached does not read YAML (nor import pydantic)
    from pydantic import ValidationError

    # libyaml's safe loader when PyYAML was built with it: the same documents, ten times faster to read.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        raw = yaml.load(data.decode("utf-8"), Loader=loader)
    except UnicodeDecodeError as exc:
        raise FormError(f"{path}: {what}ファイルを読み込めません（{exc}）") from exc
    except yaml.YAMLError as exc:
        raise FormError(f"{path}: YAMLの書式が正しくありません（{exc}）") from exc
    try:
        validated = validate(raw)
    except ValidationError as exc:
        lines = [f"{path}: {what}に誤りがあります"]
        for err in exc.errors():
            lines.append(f"  {_location(err['loc'])}: {err['msg']}")
        raise FormError("\n".join(lines)) from exc
    validated_cache.store(path, data, kinds, validated)
    return validated


def load_form_file(path: Path) -> FormDefinition:
    return load_yaml_model(path, FormDefinition, "様式定義")


def form_files(directory: Path | None = None) -> list[Path]:
    """Form definition files (layout files sit beside them and are not forms)."""
    d = directory or default_forms_dir()
    return sorted(p for p in d.glob("*.yaml") if not p.name.endswith(".layout.yaml"))


class FormRegistry:
    """The forms a SheetDesk installation knows, by (id, version)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory or default_forms_dir()
        self._forms: dict[tuple[str, int], FormDefinition] = {}
        for path in form_files(self.directory):
            form = load_form_file(path)
            self._forms[(form.id, form.version)] = form

    def get(self, form_id: str, version: int) -> FormDefinition:
        try:
            return self._forms[(form_id, version)]
        except KeyError:
            raise FormError(f"様式「{form_id}」第{version}版は登録されていません") from None

    def latest(self, form_id: str) -> FormDefinition:
        versions = [v for (i, v) in self._forms if i == form_id]
        if not versions:
            raise FormError(f"様式「{form_id}」は登録されていません")
        return self._forms[(form_id, max(versions))]

    def all(self) -> list[FormDefinition]:
        return list(self._forms.values())

    def layout_path(self, form: FormDefinition) -> Path | None:
        return self.directory / form.layout if form.layout else None


@cache
def default_registry() -> FormRegistry:
    return FormRegistry()
