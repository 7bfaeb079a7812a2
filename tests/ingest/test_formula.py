"""Formulas whose result the file did not store: sums are computed, anything else is left for a person."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sheetdesk.ingest.formula import evaluate

CELLS = {"K5": Decimal("4705"), "K6": Decimal("13083"), "K7": "-", "K8": Decimal("6607"), "K9": None,
         "L5": Decimal("24922")}


@pytest.mark.parametrize(("formula", "value"), [
    ("=SUM(K5:K9)", "24395"),  # the mark '-' in the range is skipped, as Excel's SUM does
    ("=SUM(K5:K6,L5)", "42710"),
    ("=K5+K6-K8", "11181"),
    ("=$K$5*2", "9410"),
    ("=(K5+K6)/2", "8894"),
    ("20000+4922", "24922"),
])
def test_simple_formulas_are_evaluated(formula, value) -> None:
    assert evaluate(formula, CELLS.get) == Decimal(value)


@pytest.mark.parametrize("formula", ["=ROUND(K5,0)", "=K7+1", "=Sheet2!A1", "=K5/0", "=SUM(K5:K9", "(共有数式)"])
def test_anything_else_is_not_guessed(formula) -> None:
    assert evaluate(formula, CELLS.get) is None
