"""A sheet as plain Python values, and the rules that compute its totals and judgements."""

from sheetdesk.model.rules import Computed, compute, effective_values
from sheetdesk.model.sheet import Plan, Sheet, Value
from sheetdesk.model.values import Cell, CellError, format_cell, parse_cell

__all__ = [
    "Cell",
    "CellError",
    "Computed",
    "Plan",
    "Sheet",
    "Value",
    "compute",
    "effective_values",
    "format_cell",
    "parse_cell",
]
