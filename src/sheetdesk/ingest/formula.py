"""Evaluate the simple formulas a sheet holds when Excel did not store their result.

openpyxl (and some tools) save formulas without results. The formulas on a
sheet are sums and simple arithmetic over cells of the same worksheet; those
are evaluated here. Anything else returns None and the field is flagged for
review rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from sheetdesk.ingest.cellref import split_ref

_TOKEN = re.compile(r"\s*(?:(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)|(\d+(?:\.\d+)?)|(SUM)\s*\(|([-+*/(),]))")

Lookup = Callable[[str], object]


def _cells(ref: str) -> list[str]:
    from openpyxl.utils import get_column_letter

    if ":" not in ref:
        return [ref.replace("$", "")]
    a, b = ref.split(":")
    (c0, r0), (c1, r1) = split_ref(a), split_ref(b)
    return [f"{get_column_letter(c)}{r}" for r in range(min(r0, r1), max(r0, r1) + 1)
            for c in range(min(c0, c1), max(c0, c1) + 1)]


def _num(value: object) -> Decimal:
    if value is None or value == "":
        return Decimal(0)
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int | Decimal):
        return Decimal(value)
    raise ValueError  # text or a mark: not a sum Excel would give as a number


def evaluate(formula: str, lookup: Lookup) -> Decimal | None:  # noqa: C901 - TODO(issue 8 point 7): split into named steps (a parser class)
    """'SUM(K5:K9)', '=K5+K6-K7', '20000+4922' -> the number, or None if it is anything else."""
    text = formula.lstrip("=").upper()
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            return None
        ref, num, fn, op = m.groups()
        tokens.append(("ref", ref) if ref else ("num", num) if num else ("sum", fn) if fn else ("op", op))
        pos = m.end()
        if pos < len(text) and text[pos:].strip() == "":
            break
    i = 0

    def peek() -> tuple[str, str] | None:
        return tokens[i] if i < len(tokens) else None

    def take() -> tuple[str, str]:
        nonlocal i
        i += 1
        return tokens[i - 1]

    def expr() -> Decimal:
        value = term()
        while peek() in (("op", "+"), ("op", "-")):
            op = take()[1]
            value = value + term() if op == "+" else value - term()
        return value

    def term() -> Decimal:
        value = factor()
        while peek() in (("op", "*"), ("op", "/")):
            op = take()[1]
            rhs = factor()
            value = value * rhs if op == "*" else value / rhs
        return value

    def factor() -> Decimal:
        tok = take()
        if tok == ("op", "-"):
            return -factor()
        if tok == ("op", "("):
            value = expr()
            if take() != ("op", ")"):
                raise ValueError
            return value
        if tok[0] == "num":
            return Decimal(tok[1])
        if tok[0] == "ref":
            if ":" in tok[1]:
                raise ValueError
            return _num(lookup(tok[1].replace("$", "")))
        if tok[0] == "sum":
            total = Decimal(0)
            while True:
                arg = take()
                if arg[0] == "ref":  # like Excel's SUM, text in the range (a mark) is skipped
                    total += sum((_num(v) for c in _cells(arg[1]) if not isinstance(v := lookup(c), str)),
                                 Decimal(0))
                else:
                    raise ValueError
                sep = take()
                if sep == ("op", ")"):
                    return total
                if sep != ("op", ","):
                    raise ValueError
        raise ValueError

    try:
        result = expr()
        if i != len(tokens):
            return None
        return result
    except (ValueError, IndexError, InvalidOperation, ZeroDivisionError):
        return None
