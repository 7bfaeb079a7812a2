"""The one rule for values at the store's door, the same on SQLite and PostgreSQL.

Whatever passes here can be written by every backend and by every export
(PDF, xlsx, JSON): no control characters other than newline and tab (Word's
vertical tab and the other line separators become a newline), no
non-characters or lone surrogates, texts no longer than an xlsx cell holds
and than PostgreSQL's columns allow, numbers within the range and precision
a spreadsheet keeps. The session checks a value as it is typed and the store
checks it again before every write, so an import, a restore and a script
meet the same rule.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from enum import Enum

from sheetdesk.model import Sheet, Value
from sheetdesk.store.errors import InvalidChangeError

# An xlsx cell holds 32,767 characters; the export writes a text whole in one cell.
MAX_TEXT_CHARS = 32_000
# The identity columns of `sheets` (schema.py): PostgreSQL enforces them, SQLite does not. 政策名 is TEXT
# but has a b-tree index (ix_sheets_policy_name), whose entries PostgreSQL caps at 2,704 bytes: about 900
# kanji of an incompressible name were refused there (ProgramLimitExceeded) and kept by SQLite.
MAX_CODE_CHARS = 100
MAX_NAME_CHARS = 200
# Spreadsheets keep 15 significant digits; money and counts on a sheet stay far below 10^15.
MAX_DIGITS = 15
MAX_DECIMALS = 6

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
_FORBIDDEN = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]"
    "|[\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)


class ValueRefused(InvalidChangeError):
    """A value the store cannot keep; the message says which field and why, in Japanese."""


def _char_name(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" {name}" if name else "")


def clean_text(text: str, label: str, limit: int = MAX_TEXT_CHARS) -> str:
    """The text as stored: line separators as newlines; ValueRefused for what no export can write."""
    text = _LINE_BREAKS.sub("\n", text)
    bad = _FORBIDDEN.search(text)
    if bad is not None:
        raise ValueRefused(f"「{label}」に使えない文字（{_char_name(bad.group())}、{bad.start() + 1}文字目）が含まれています。"
                           "その文字を消してから入力してください")
    if len(text) > limit:
        raise ValueRefused(f"「{label}」が長すぎます（{len(text):,}文字。{limit:,}文字まで）")
    return text


def check_number(value: Decimal, label: str) -> Decimal:
    """A finite number below 10^15 with at most 6 decimals and 15 significant digits."""
    if not value.is_finite():
        raise ValueRefused(f"「{label}」の数値（{value}）は扱えません")
    if value.adjusted() >= 15:
        raise ValueRefused(f"「{label}」の数値が大きすぎます（絶対値 10の15乗 未満まで）")
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    places = Decimal(1).scaleb(-MAX_DECIMALS)
    if value.is_zero():
        return value if exponent >= -MAX_DECIMALS else value.quantize(places)
    if exponent < -MAX_DECIMALS:
        if value.adjusted() < -MAX_DECIMALS - 1 or value != value.quantize(places):
            raise ValueRefused(f"「{label}」の数値の小数が細かすぎます（小数点以下{MAX_DECIMALS}桁まで）")
        value = value.quantize(places)
    if len(value.normalize().as_tuple().digits) > MAX_DIGITS:
        raise ValueRefused(f"「{label}」の数値の桁数が多すぎます（有効数字{MAX_DIGITS}桁まで）")
    return value


def admit(value: Value, label: str) -> Value:
    """``value`` as the store keeps it, or ValueRefused naming ``label``."""
    if isinstance(value, Enum):  # marks, judgements, directions: the form's own words
        return value
    if isinstance(value, str):
        return clean_text(value, label)
    if isinstance(value, tuple):
        return tuple(clean_text(v, label) if isinstance(v, str) else v for v in value)
    if isinstance(value, Decimal):
        return check_number(value, label)
    return value


def admit_sheet(sheet: Sheet, labels: dict[str, str]) -> None:
    """Check (and clean in place) every value and plan text of a sheet; ValueRefused at the first bad one."""
    for bucket in (sheet.values, sheet.overrides):
        for path, value in list(bucket.items()):
            bucket[path] = admit(value, labels.get(path, path))
    clean_text(sheet.plan.municipality, "自治体名", MAX_NAME_CHARS)
    clean_text(sheet.plan.name, "計画名", MAX_NAME_CHARS)
    for path in list(sheet.values) + list(sheet.overrides):
        if len(path) > MAX_NAME_CHARS:
            raise ValueRefused(f"項目の名前が長すぎます（{path[:40]}…）")


def check_identity(ident: dict[str, str], labels: dict[str, str]) -> None:
    """The identity columns' limits (施策番号 100 characters, 課 and 政策名 200), as PostgreSQL enforces them."""
    for role, limit in (("code", MAX_CODE_CHARS), ("section", MAX_NAME_CHARS), ("policy", MAX_NAME_CHARS)):
        text = ident.get(role) or ""
        if len(text) > limit:
            raise ValueRefused(f"「{labels.get(role, role)}」が長すぎます（{len(text):,}文字。{limit:,}文字まで）")
