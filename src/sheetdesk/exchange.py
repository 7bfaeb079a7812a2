"""The SheetDesk exchange format: one sheet or many as JSON (docs/exchange-format.md).

The envelope is validated by pydantic (sheetdesk.exchange_schema, imported
only to read a document: unknown keys, wrong types and missing keys are
errors with their JSON path); each value is then checked against
the field the sheet's form defines at that path. Export and import are exact
inverses: numbers travel as decimal strings so that 26.0 stays 26.0.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sheetdesk import generator
from sheetdesk.forms.definition import FieldSpec, FormDefinition
from sheetdesk.forms.loader import FormError, FormRegistry
from sheetdesk.glossary import Status
from sheetdesk.model.kinds import handler
from sheetdesk.model.sheet import Plan, Sheet, Value, is_empty
from sheetdesk.wareki import era_of

if TYPE_CHECKING:
    from sheetdesk.exchange_schema import JsonValue, SheetDoc

FORMAT = "sheetdesk-exchange"
FORMAT_VERSION = 2  # 2 added `generator`; version 1 files are read as they are


class ExchangeError(Exception):
    """A file that cannot be imported; says which file and where in it."""

    def __init__(self, source: str, location: str, message: str) -> None:
        self.source, self.location, self.message = source, location, message
        super().__init__(f"{source}: {location}: {message}")


def json_path(loc: tuple[Any, ...]) -> str:
    out = "$"
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif isinstance(part, str) and part.isidentifier():
            out += f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


_PYDANTIC_JA = {
    "missing": "必須の項目がありません",
    "extra_forbidden": "定義されていない項目です",
    "literal_error": "使用できない値です",
    "int_type": "整数でなければなりません",
    "string_type": "文字列でなければなりません",
    "dict_type": "オブジェクトでなければなりません",
    "list_type": "配列でなければなりません",
    "model_type": "オブジェクトでなければなりません",
    "greater_than_equal": "値が小さすぎます",
    "less_than_equal": "値が大きすぎます",
    "float_type": "数値でなければなりません",
}
_VALUE_TYPES_JA = "文字列・数値・文字列の配列・null のいずれかでなければなりません"


def _pydantic_error(err: Any) -> tuple[str, str]:
    """(JSON path, Japanese message) of a pydantic error.

    A value under values/overrides may be of several JSON types; pydantic then
    reports one error per type with the type's name appended to the location,
    which is no place in the file: report the value itself instead.
    """
    loc = tuple(err["loc"])
    if len(loc) > 4 and loc[0] == "sheets" and loc[2] in ("values", "overrides"):
        return json_path(loc[:4]), _VALUE_TYPES_JA
    return json_path(loc), _PYDANTIC_JA.get(err["type"], "値が正しくありません")


def _unencodable(node: Any, loc: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    """Location of the first string (or key) holding a lone surrogate (a JSON "\\ud800" escape).

    Such a string cannot be written as UTF-8 again, so it would break saving
    and exporting later; it is refused on import.
    """
    if isinstance(node, str):
        try:
            node.encode("utf-8")
        except UnicodeEncodeError:
            return loc
        return None
    if isinstance(node, dict):
        for key, value in node.items():
            found = _unencodable(key, (*loc, key)) or _unencodable(value, (*loc, key))
            if found is not None:
                return found
    if isinstance(node, list):
        for i, value in enumerate(node):
            found = _unencodable(value, (*loc, i))
            if found is not None:
                return found
    return None


# --- export ---------------------------------------------------------------


def value_to_json(spec: FieldSpec, value: Value) -> JsonValue:
    return handler(spec).to_json(spec, value)


def sheet_to_doc(form: FormDefinition, sheet: Sheet) -> dict[str, Any]:
    specs = form.fields(sheet.context, sheet.values)
    values = {p: value_to_json(s, sheet.values[p]) for p, s in specs.items()
              if p in sheet.values and not is_empty(sheet.values[p])}
    overrides = {p: value_to_json(s, sheet.overrides[p]) for p, s in specs.items()
                 if p in sheet.overrides and not is_empty(sheet.overrides[p])}
    return {
        "form": {"id": form.id, "version": form.version},
        "municipality": sheet.plan.municipality,
        "plan": {"name": sheet.plan.name, "start_year": sheet.plan.start_year, "end_year": sheet.plan.end_year},
        "evaluation_year": sheet.evaluation_year,
        "status": sheet.status.value,
        "values": values,
        "overrides": overrides,
        "unchanged_since_rollover": [p for p in specs if p in sheet.unchanged_since_rollover],
    }


def dump_document(registry: FormRegistry, sheets: list[Sheet]) -> str:
    doc = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": generator(),
        "sheets": [sheet_to_doc(registry.get(s.form_id, s.form_version), s) for s in sheets],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


# --- import ---------------------------------------------------------------


def value_from_json(spec: FieldSpec, raw: JsonValue) -> Value:
    """Convert one JSON value for a field; raises ValueError with a Japanese reason."""
    h = handler(spec)
    if raw is None:
        return h.empty(spec)
    return h.from_json(spec, raw)


def _read_bucket(raw_values: dict[str, JsonValue], bucket: str, target: dict[str, Value], want_computed: bool,
                 specs: dict[str, FieldSpec], source: str, where: str) -> None:
    """A document's ``values`` (fields a person writes) or ``overrides`` (decisions on computed ones) into ``target``."""
    for path, raw in raw_values.items():
        loc = json_path((bucket, path))[1:]
        spec = specs.get(path)
        if spec is None or spec.computed != want_computed:
            why = "この様式にない項目です" if spec is None else (
                "計算項目は overrides に書きます" if spec.computed else "計算項目ではないため上書きできません")
            raise ExchangeError(source, f"{where}{loc}", why)
        try:
            value = value_from_json(spec, raw)
        except ValueError as exc:
            raise ExchangeError(source, f"{where}{loc}", f"{spec.label}: {exc}") from None
        if not is_empty(value):
            target[path] = value


def doc_to_sheet(doc: SheetDoc, registry: FormRegistry, source: str, where: str) -> Sheet:
    try:
        form = registry.get(doc.form.id, doc.form.version)
    except FormError as exc:
        raise ExchangeError(source, f"{where}.form", str(exc)) from None
    if doc.plan.end_year < doc.plan.start_year:
        raise ExchangeError(source, f"{where}.plan.end_year", "計画期間の終わりが始まりより前です")
    for loc, year in (("plan.start_year", doc.plan.start_year), ("evaluation_year", doc.evaluation_year)):
        try:
            era_of(year)  # labels and year columns are in 和暦
        except ValueError as exc:
            raise ExchangeError(source, f"{where}.{loc}", str(exc)) from None
    sheet = Sheet(
        form_id=form.id,
        form_version=form.version,
        plan=Plan(doc.municipality, doc.plan.name, doc.plan.start_year, doc.plan.end_year),
        evaluation_year=doc.evaluation_year,
        status=Status(doc.status),
    )
    specs = form.fields(sheet.context)
    for bucket, target, want_computed in (("values", sheet.values, False), ("overrides", sheet.overrides, True)):
        _read_bucket(getattr(doc, bucket), bucket, target, want_computed, specs, source, where)
    listed = form.fields(sheet.context, sheet.values)
    for path in [*sheet.values, *sheet.overrides]:
        if not dict.__contains__(listed, path):
            loc = json_path(("values" if path in sheet.values else "overrides", path))[1:]
            raise ExchangeError(source, f"{where}{loc}", "行の一覧（rows）にない行の値です")
    for i, path in enumerate(doc.unchanged_since_rollover):
        if path not in specs:
            raise ExchangeError(source, f"{where}.unchanged_since_rollover[{i}]", "この様式にない項目です")
    sheet.unchanged_since_rollover = frozenset(doc.unchanged_since_rollover)
    for role in ("code", "name"):
        path = getattr(form.identity, role)
        if not sheet.text(path):
            raise ExchangeError(source, f"{where}.values[{json.dumps(path)}]",
                                f"必須の項目「{specs[path].label}」がありません")
    return sheet


def parse_document(data: bytes, source: str, registry: FormRegistry) -> list[Sheet]:
    """Read an exchange file's bytes into sheets, or raise ExchangeError."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExchangeError(source, f"{exc.start + 1}バイト目", "UTF-8として読めない文字があります") from None
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(source, f"{exc.lineno}行{exc.colno}列", f"JSONの書式が正しくありません（{exc.msg}）") from None
    version = raw.get("format_version") if isinstance(raw, dict) else None
    if (isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION
            and raw.get("format") == FORMAT):
        raise ExchangeError(source, "$.format_version",
                            f"この形式の版（{version}）には対応していません。SheetDeskを更新してください")
    bad = _unencodable(raw)
    if bad is not None:
        raise ExchangeError(source, json_path(bad), "文字として扱えない符号（対になっていないサロゲート）が含まれています")
    from pydantic import ValidationError

    from sheetdesk.exchange_schema import Document

    try:
        doc = Document.model_validate(raw)
    except ValidationError as exc:
        where, msg = _pydantic_error(exc.errors()[0])
        raise ExchangeError(source, where, msg) from None
    return [doc_to_sheet(s, registry, source, f"$.sheets[{i}]") for i, s in enumerate(doc.sheets)]


def json_schema() -> dict[str, Any]:
    from sheetdesk.exchange_schema import Document

    schema = Document.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "SheetDesk exchange format, version 1"
    return schema
