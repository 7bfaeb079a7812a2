"""One handler per kind of value: check, encode, decode, show, parse and search it.

The store, the exchange format, printing, the editor and the importers ask
`handler(spec)` instead of switching on the field's kind, so a new kind of
value is one class registered here (qutebrowser's configtypes work this way).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from decimal import Decimal
from enum import StrEnum
from typing import Any, ClassVar

from sheetdesk.forms.fields import FieldKind, FieldSpec
from sheetdesk.glossary import GRADES, Achievement, Comparison, Direction, Mark
from sheetdesk.model.sheet import Value
from sheetdesk.model.values import CellError, cell_to_json, format_cell, parse_cell
from sheetdesk.wareki import date_label, parse_date_label

JsonValue = str | list[str] | None

LIST_SEPARATOR = "、"


class KindError(ValueError):
    """A value that does not fit its field; the message is Japanese."""


class Kind:
    """Plain text: the base every kind refines."""

    kind: ClassVar[FieldKind] = FieldKind.TEXT

    def fits(self, spec: FieldSpec, value: Value) -> bool:
        return isinstance(value, str)

    def to_json(self, spec: FieldSpec, value: Value) -> JsonValue:
        return str(value)

    def from_json(self, spec: FieldSpec, raw: Any) -> Value:
        if not isinstance(raw, str):
            raise KindError("文字列でなければなりません")
        return self.check(spec, raw)

    def check(self, spec: FieldSpec, value: str) -> Value:
        return value

    def empty(self, spec: FieldSpec) -> Value:
        return None

    def show(self, spec: FieldSpec, value: Value) -> str:
        """The value as a person reads it, on screen and on paper."""
        return "" if value is None else str(value)

    def parse(self, spec: FieldSpec, text: str) -> Value:
        """What a person typed (or a file printed) as this kind's value; KindError when it is not one."""
        return text if text.strip() else None

    def search_text(self, spec: FieldSpec, value: Value) -> str | None:
        return None


class TextKind(Kind):
    def search_text(self, spec: FieldSpec, value: Value) -> str | None:
        return value if isinstance(value, str) else None


class _Tuple(Kind):
    def fits(self, spec: FieldSpec, value: Value) -> bool:
        return isinstance(value, tuple) and all(isinstance(x, str) for x in value) and self._valid(spec, value)

    def _valid(self, spec: FieldSpec, value: tuple[str, ...]) -> bool:
        return True

    def to_json(self, spec: FieldSpec, value: Value) -> JsonValue:
        assert isinstance(value, tuple)
        return list(value)

    def from_json(self, spec: FieldSpec, raw: Any) -> Value:
        if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
            raise KindError("文字列の配列でなければなりません")
        value = tuple(raw)
        if not self._valid(spec, value):
            raise KindError(self._invalid(spec))
        return value

    def _invalid(self, spec: FieldSpec) -> str:
        return "値が正しくありません"

    def empty(self, spec: FieldSpec) -> Value:
        return ()

    def show(self, spec: FieldSpec, value: Value) -> str:
        return LIST_SEPARATOR.join(value) if isinstance(value, tuple) else ""


class ListKind(_Tuple):
    kind = FieldKind.LIST

    def parse(self, spec: FieldSpec, text: str) -> Value:
        return tuple(line.strip() for line in text.splitlines() if line.strip())

    def search_text(self, spec: FieldSpec, value: Value) -> str | None:
        return "\n".join(value) if isinstance(value, tuple) else None


class RowsKind(_Tuple):
    """The keys of a repeat's rows, in the order the user arranged them."""

    kind = FieldKind.ROWS

    def _valid(self, spec: FieldSpec, value: tuple[str, ...]) -> bool:
        if len(set(value)) != len(value) or not all(k and "." not in k for k in value):
            return False
        return spec.max_rows is None or len(value) <= spec.max_rows

    def _invalid(self, spec: FieldSpec) -> str:
        limit = f"、{spec.max_rows}行以内" if spec.max_rows is not None else ""
        return f"行の一覧は重複のない行番号の配列でなければなりません{limit}"

    def show(self, spec: FieldSpec, value: Value) -> str:
        return f"{len(value)}行" if isinstance(value, tuple) else ""


class ChoiceKind(Kind):
    """One option code, or (``multiple``) a tuple of codes in the options' order."""

    kind = FieldKind.CHOICE

    def _codes(self, spec: FieldSpec) -> list[str]:
        return [code for code, _ in spec.options]

    def fits(self, spec: FieldSpec, value: Value) -> bool:
        codes = self._codes(spec)
        if spec.multiple:
            return isinstance(value, tuple) and all(isinstance(v, str) and v in codes for v in value)
        return isinstance(value, str) and value in codes

    def to_json(self, spec: FieldSpec, value: Value) -> JsonValue:
        return list(value) if isinstance(value, tuple) else str(value)

    def from_json(self, spec: FieldSpec, raw: Any) -> Value:
        codes = self._codes(spec)
        words = self._words(codes)
        sep = "" if "～" in words else " "
        if spec.multiple:
            if not isinstance(raw, list) or not all(isinstance(x, str) and x in codes for x in raw):
                raise KindError(f"{words}{sep}から選んだ配列でなければなりません")
            return tuple(c for c in codes if c in raw)
        if not isinstance(raw, str) or raw not in codes:
            raise KindError(f"{words}{sep}のいずれかでなければなりません")
        return raw

    def _words(self, codes: list[str]) -> str:
        return "・".join(codes)

    def empty(self, spec: FieldSpec) -> Value:
        return () if spec.multiple else None

    def wording(self, spec: FieldSpec, code: str) -> str:
        return dict(spec.options).get(code, code)

    def show(self, spec: FieldSpec, value: Value) -> str:
        if isinstance(value, tuple):
            return spec.separator.join(self.wording(spec, c) for c in value)
        return "" if value is None else self.wording(spec, str(value))

    def parse(self, spec: FieldSpec, text: str) -> Value:
        """An option by its code or its wording; when multiple, several separated by 、 ・ , a line break,
        the field's own separator, or written one after another as the sheet prints them (「①②⑤」)."""
        if not text.strip():
            return self.empty(spec)
        by_word = {unicodedata.normalize("NFKC", w): c for c, w in spec.options}
        by_word.update({unicodedata.normalize("NFKC", c): c for c, _ in spec.options})
        if not spec.multiple:
            code = by_word.get(unicodedata.normalize("NFKC", text.strip()))
            if code is None:
                raise KindError(f"「{text.strip()}」は選択肢にありません")
            return code
        seps = "[、,・\n]" + (f"|{re.escape(spec.separator)}" if spec.separator.strip() else "")
        found: list[str] = []
        for w in (t.strip() for t in re.split(seps, text) if t.strip()):
            codes = _run_of_options(unicodedata.normalize("NFKC", w), by_word)
            if codes is None:
                raise KindError(f"「{w}」は選択肢にありません")
            found += codes
        return tuple(c for c in self._codes(spec) if c in found)


def _run_of_options(text: str, by_word: dict[str, str]) -> list[str] | None:
    """The codes of options written one after another (longest wording first), or None."""
    if text in by_word:
        return [by_word[text]]
    words = sorted(by_word, key=len, reverse=True)
    out: list[str] = []
    rest = text
    while rest:
        rest = rest.lstrip()
        word = next((w for w in words if w and rest.startswith(w)), None)
        if word is None:
            return None if rest else out
        out.append(by_word[word])
        rest = rest[len(word):]
    return out


class GradeKind(ChoiceKind):
    """A grade (A–E, A–D …): a choice whose value is the code."""

    kind = FieldKind.GRADE

    def _codes(self, spec: FieldSpec) -> list[str]:
        return [code for code, _ in spec.options] if spec.options else list(GRADES)

    def _words(self, codes: list[str]) -> str:
        return f"{codes[0]}～{codes[-1]}"

    def show(self, spec: FieldSpec, value: Value) -> str:
        return "" if value is None else str(value)


class GradeSuggestionKind(GradeKind):
    kind = FieldKind.GRADE_SUGGESTION  # the grade's own options (forms.items.GradeType), else A–E


class NumberKind(Kind):
    """A number cell: an exact Decimal, a mark (- / 未集計), or empty — never 0 for a mark."""

    kind = FieldKind.NUMBER

    def fits(self, spec: FieldSpec, value: Value) -> bool:
        return (isinstance(value, Decimal) and value.is_finite()) or isinstance(value, Mark)

    def to_json(self, spec: FieldSpec, value: Value) -> JsonValue:
        assert isinstance(value, Decimal | Mark)
        return cell_to_json(value)

    def from_json(self, spec: FieldSpec, raw: Any) -> Value:
        if isinstance(raw, list | dict | bool):
            raise KindError("数値、'-'、'未集計' のいずれかでなければなりません")
        return self.parse(spec, raw)

    def show(self, spec: FieldSpec, value: Value) -> str:
        return format_cell(value) if isinstance(value, Decimal | Mark) else ""

    def parse(self, spec: FieldSpec, text: Any) -> Value:
        try:
            return parse_cell(text)
        except CellError as exc:
            raise KindError(str(exc)) from None


class MeasureKind(Kind):
    """A number with its unit (12人, 45.5%, 1,200件), or a word (実施, 充実, -), kept as written."""

    kind = FieldKind.MEASURE

    def check(self, spec: FieldSpec, value: str) -> Value:
        if not value.strip() or "\n" in value:
            raise KindError("一行の数値と単位、または語（実施・充実・- など）でなければなりません")
        return value

    def parse(self, spec: FieldSpec, text: str) -> Value:
        t = text.strip()
        return self.check(spec, t) if t else None

    def search_text(self, spec: FieldSpec, value: Value) -> str | None:
        return value if isinstance(value, str) else None


class DateKind(Kind):
    """A calendar date, stored as ISO (2024-05-01), shown in 和暦 (令和6年5月1日)."""

    kind = FieldKind.DATE

    def fits(self, spec: FieldSpec, value: Value) -> bool:
        return isinstance(value, dt.date)

    def to_json(self, spec: FieldSpec, value: Value) -> JsonValue:
        assert isinstance(value, dt.date)
        return value.isoformat()

    def from_json(self, spec: FieldSpec, raw: Any) -> Value:
        if not isinstance(raw, str):
            raise KindError("日付（YYYY-MM-DD）でなければなりません")
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise KindError(f"「{raw}」は日付（YYYY-MM-DD）ではありません") from None

    def show(self, spec: FieldSpec, value: Value) -> str:
        return date_label(value) if isinstance(value, dt.date) else ""

    def parse(self, spec: FieldSpec, text: str) -> Value:
        if not text.strip():
            return None
        day = parse_date_label(text)
        if day is None:
            raise KindError(f"「{text.strip()}」は日付として読めません（例：令和6年5月1日）")
        return day


class _EnumKind(Kind):
    enum: ClassVar[type[StrEnum]]

    def fits(self, spec: FieldSpec, value: Value) -> bool:
        return isinstance(value, self.enum)

    def to_json(self, spec: FieldSpec, value: Value) -> JsonValue:
        assert isinstance(value, StrEnum)
        return value.value

    def from_json(self, spec: FieldSpec, raw: Any) -> Value:
        try:
            return self.enum(raw)  # type: ignore[return-value]
        except ValueError:
            choices = "・".join(m.value for m in self.enum)
            raise KindError(f"{choices} のいずれかでなければなりません") from None

    def show(self, spec: FieldSpec, value: Value) -> str:
        if isinstance(value, Direction):
            return value.label
        return value.value if isinstance(value, StrEnum) else ""

    def parse(self, spec: FieldSpec, text: str) -> Value:
        t = text.strip()
        if not t:
            return None
        for member in self.enum:
            if t in (member.value, getattr(member, "label", None)):
                return member  # type: ignore[return-value]
        return self.from_json(spec, t)


class DirectionKind(_EnumKind):
    kind = FieldKind.DIRECTION
    enum = Direction


class AchievementKind(_EnumKind):
    kind = FieldKind.ACHIEVEMENT
    enum = Achievement


class ComparisonKind(_EnumKind):
    kind = FieldKind.COMPARISON
    enum = Comparison


_HANDLERS: dict[FieldKind, Kind] = {
    h.kind: h
    for h in (
        TextKind(), ListKind(), RowsKind(), ChoiceKind(), GradeKind(), GradeSuggestionKind(), NumberKind(),
        MeasureKind(), DateKind(), DirectionKind(), AchievementKind(), ComparisonKind(),
    )
}
assert set(_HANDLERS) == set(FieldKind), "every kind of field has its handler"


def handler(spec: FieldSpec) -> Kind:
    return _HANDLERS[spec.kind]
