"""Evaluate the simple formulas a sheet holds when Excel did not store their result.

openpyxl (and some tools) save formulas without results. The formulas on a
sheet are sums and simple arithmetic over cells of the same worksheet; those
are evaluated here. Anything else returns None and the field is flagged for
review rather than guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, Overflow, localcontext

from sheetdesk.ingest import budget
from sheetdesk.ingest.cellref import split_ref

_TOKEN = re.compile(r"\s*(?:(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)|(\d+(?:\.\d+)?)|(SUM|IF|COUNT)\s*\(|"
                    r"(\"\"|<>|<=|>=|[-+*/(),=<>]))")
_COMPARE = {"=": lambda a, b: a == b, "<>": lambda a, b: a != b, "<": lambda a, b: a < b,
            ">": lambda a, b: a > b, "<=": lambda a, b: a <= b, ">=": lambda a, b: a >= b}
BLANK = ""  # what IF(…, "", …) gives: an empty cell, not a number

Lookup = Callable[[str], object]
_REF = re.compile(r"\$?[A-Z]{1,3}\$?\d+")


def references(formula: str) -> list[tuple[int, int]]:
    """The cells a formula names (a range's corners included): what must be known before it."""
    out = []
    for ref in _REF.findall(formula[: budget.MAX_FORMULA_CHARS].upper()):
        try:
            out.append(split_ref(ref))
        except ValueError:
            continue
    return out


def _cells(ref: str) -> list[str]:
    from openpyxl.utils import get_column_letter

    if ":" not in ref:
        return [ref.replace("$", "")]
    a, b = ref.split(":")
    (c0, r0), (c1, r1) = split_ref(a), split_ref(b)
    if (abs(c1 - c0) + 1) * (abs(r1 - r0) + 1) > budget.MAX_RANGE_CELLS:
        raise ValueError(ref)  # not evaluated: the field is flagged for review
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


def _tokens(text: str) -> list[tuple[str, str]] | None:
    """('ref' | 'num' | 'sum' | 'op', text) for each token, or None at a character no formula here has."""
    tokens: list[tuple[str, str]] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            return None
        ref, num, fn, op = m.groups()
        tokens.append(("ref", ref) if ref else ("num", num) if num else (fn.lower(), fn) if fn else ("op", op))
        pos = m.end()
        if pos < len(text) and text[pos:].strip() == "":
            break
    return tokens


class _Parser:
    """Recursive descent over the tokens: expr = term (+|- term)*, term = factor (*|/ factor)*."""

    def __init__(self, tokens: list[tuple[str, str]], lookup: Lookup) -> None:
        self.tokens, self.lookup, self.i = tokens, lookup, 0
        self.depth = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        self.i += 1
        return self.tokens[self.i - 1]

    def expr(self) -> Decimal:
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            value = value + self.term() if op == "+" else value - self.term()
        return value

    def term(self) -> Decimal:
        value = self.factor()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            rhs = self.factor()
            value = value * rhs if op == "*" else value / rhs
        return value

    def factor(self) -> Decimal:
        self.depth += 1
        try:
            if self.depth > budget.MAX_FORMULA_DEPTH:
                raise ValueError("too deep")
            return self._factor()
        finally:
            self.depth -= 1

    def _factor(self) -> Decimal:
        tok = self.take()
        if tok == ("op", "-"):
            return -self.factor()
        if tok == ("op", "("):
            value = self.expr()
            if self.take() != ("op", ")"):
                raise ValueError
            return value
        if tok[0] == "num":
            return Decimal(tok[1])
        if tok[0] == "ref":
            if ":" in tok[1]:
                raise ValueError
            return _num(self.lookup(tok[1].replace("$", "")))
        if tok[0] == "sum":
            return self.sum_args()
        if tok[0] == "count":
            return self.count_args()
        raise ValueError

    def refs(self) -> list[str]:
        """The cells of a function's reference arguments up to its closing parenthesis."""
        cells: list[str] = []
        while True:
            arg = self.take()
            if arg[0] != "ref":
                raise ValueError
            cells += _cells(arg[1])
            sep = self.take()
            if sep == ("op", ")"):
                return cells
            if sep != ("op", ","):
                raise ValueError

    def count_args(self) -> Decimal:
        """COUNT: how many of the cells hold a number (text, even '４，７０５', is not counted, as in Excel)."""
        return Decimal(sum(1 for c in self.refs()
                           if isinstance(v := self.lookup(c), int | Decimal) and not isinstance(v, bool)))

    def value(self) -> Decimal | str:
        """An IF branch: a number or the empty text."""
        if self.peek() == ("op", '""'):
            self.take()
            return BLANK
        return self.expr()

    def top(self) -> Decimal | str:
        """A whole formula: IF(a op b, x, y) or an arithmetic expression."""
        if self.peek() is not None and self.peek()[0] == "if":  # type: ignore[index]
            self.take()
            left = self.expr()
            op = self.take()
            if op[0] != "op" or op[1] not in _COMPARE:
                raise ValueError
            right = self.expr()
            if self.take() != ("op", ","):
                raise ValueError
            yes = self.value()
            if self.take() != ("op", ","):
                raise ValueError
            no = self.value()
            if self.take() != ("op", ")"):
                raise ValueError
            return yes if _COMPARE[op[1]](left, right) else no
        return self.expr()

    def sum_args(self) -> Decimal:
        """SUM(...)'s references up to its closing parenthesis."""
        total = Decimal(0)
        while True:
            arg = self.take()
            if arg[0] == "ref":  # like Excel's SUM, text in the range (a mark) is skipped
                total += sum((_num(v) for c in _cells(arg[1]) if not isinstance(v := self.lookup(c), str)),
                             Decimal(0))
            else:
                raise ValueError
            sep = self.take()
            if sep == ("op", ")"):
                return total
            if sep != ("op", ","):
                raise ValueError


def evaluate(formula: str, lookup: Lookup) -> Decimal | str | None:
    """'SUM(K5:K9)', '=K5+K6-K7', 'IF(COUNT(K5:K9)=0,"",SUM(K5:K9))' -> the number ('' for a blank), or None."""
    if len(formula) > budget.MAX_FORMULA_CHARS:
        return None
    tokens = _tokens(formula.lstrip("=").upper())
    if tokens is None:
        return None
    parser = _Parser(tokens, lookup)
    try:
        with localcontext() as ctx:
            ctx.Emax, ctx.Emin = 30, -30  # beyond any sheet's numbers: raises Overflow (an InvalidOperation kin)
            ctx.traps[Overflow] = True
            result = parser.top()
        if parser.i != len(tokens):
            return None
        return result
    except (ValueError, IndexError, ArithmeticError):  # InvalidOperation, Overflow, ZeroDivisionError
        return None
