"""City layouts of section 3 generated from a handful of choices, for the property test of issue 9 point 2.

Not built from the form's labels: every word here is typed as a city types
it (city_layouts.py's vocabulary, with spaces and synonyms), and every choice
is one a city's own workbook was seen to make or could make:

- the whole of 3 shifted to another column and row (blocks moved);
- its three tables (costs, 対象指標, 成果指標) in another order, with spare empty rows between;
- the indicator blocks in another order (rows swapped with their labels);
- the series rows of a block in any order, their labels spaced or synonyms;
- the slot label merged into one box (展開方向1ア), split over two boxes (1 | ア) beside a
  vertical 展開方向, or in one box of its own per row (1ア);
- year headers as R2年度, 令和2年度, 令和２年度 or dates shown in 和暦;
- numbers as numbers, as text with commas, or as full-width text;
- and mutations that break the layout: a block's numbers shifted off their year columns, two year
  headers swapped.

``truth`` is what the layout means (for a shifted block, what the person
meant); a correct import gives each value right, flags it, or leaves it out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from ingest.city_layouts import COSTS, NAMES, SERIES, TARGET_ROWS, YEARS, Sheet, _front, _n, _ws, truth

FULL = str.maketrans("0123456789", "０１２３４５６７８９")
SERIES_WORDS = {
    "trend": ("成り行き値", "成行値", "成　行　値"),
    "target": ("目標値", "目　標　値"),
    "actual": ("実績値", "実　績　値"),
}
FORECAST_WORDS = ("見込み値", "見込値", "見　込　値")  # 対象指標's forecast row
OUTCOMES = ("outcome.1.a", "outcome.1.b", "outcome.2.a")


@dataclass(frozen=True)
class Choices:
    col: int  # first column of 3
    row: int  # first row of 3
    tables: tuple[str, ...]  # the order of "targets" and "outcomes" below the costs
    gap: int  # spare empty rows between tables and between indicator blocks
    blocks: tuple[str, ...]  # the order of the indicator blocks of 成果指標
    series: tuple[str, ...]  # the order of the series rows in a block
    words: tuple[int, ...]  # which word of SERIES_WORDS for each series, in SERIES_WORDS' order, then FORECAST_WORDS
    slots: str  # "merged" | "split" | "own"
    years: str  # "R" | "reiwa" | "reiwa_fullwidth" | "date"
    numbers: str  # "number" | "text" | "fullwidth"
    # a mutation that does change the meaning: one block's numbers shifted right by 1-3 columns, so each
    # straddles two year columns (a year is 4 columns wide); 0 leaves them in place
    shift: tuple[str, int] = ("", 0)
    # another: two year headers swapped, in every table (years no longer ascend); -1 leaves them
    swap_years: int = -1

    def describe(self) -> str:
        return ", ".join(f"{k}={v}" for k, v in self.__dict__.items())


def _year_cells(style: str) -> list[tuple]:
    if style == "date":
        return [(dt.datetime(y, 4, 1), 4, '[$-ja-JP-x-gannen]ggge"年度"') for y in YEARS]
    if style == "R":
        return [(f"R{y - 2018}年度", 4) for y in YEARS]
    if style == "reiwa":
        return [(f"令和{y - 2018}年度", 4) for y in YEARS]
    return [(f"令和{str(y - 2018).translate(FULL)}年度", 4) for y in YEARS]


def _value_cells(values: list[str | None], style: str, decimals: bool) -> list[tuple]:
    if style == "number":
        return [(float(v) if v is not None else None, 4, "0.0" if decimals else "#,##0") for v in values]
    return [(_n(v, style), 4) for v in values]


def build(ch: Choices):  # type: ignore[no-untyped-def]
    """A function that lays the sheet out on a workbook as ``ch`` says."""

    def lay_out(wb: Workbook) -> None:
        ws = _ws(wb)
        ws.title = "表面"
        s = Sheet(ws)
        _front(s, {})
        c, r = ch.col, ch.row
        years = _year_cells(ch.years)
        if ch.swap_years >= 0:
            i = ch.swap_years
            years = [*years[:i], years[i + 1], years[i], *years[i + 2:]]
        s.row(r, c, [("３ 総事業費・指標等の実績推移と目標値、実績状況把握", 44)])
        s.row(r + 1, c, [("数値区分", 8), ("単位", 2), *years])
        cost_rows = [("national", "国庫支出金"), ("prefectural", "都道府県支出金"), ("bonds", "地方債"),
                     ("other", "その他"), ("general", "一般財源")]
        for i, (k, label) in enumerate(cost_rows):
            s.row(r + 2 + i, c, [(label, 8), ("千円", 2), *[(None, 4)] * 3,
                                 *_value_cells([COSTS[k]], ch.numbers, False), *[(None, 4)] * 4])
        s.row(r + 7, c, [("事業費計  （A）", 8), ("千円", 2), *[(None, 4)] * 3,
                         *_value_cells(["120669"], ch.numbers, False), *[(None, 4)] * 4])
        s.row(r + 8, c, [("延べ業務時間", 8), ("時間", 2), *[(None, 4)] * 3,
                         *_value_cells([COSTS["hours"]], ch.numbers, False), *[(None, 4)] * 4])
        s.row(r + 9, c, [("人件費計  (B)", 8), ("千円", 2), *[(None, 4)] * 3,
                         *_value_cells([COSTS["personnel"]], ch.numbers, False), *[(None, 4)] * 4])
        s.row(r + 10, c, [("事務事業数", 8), ("本数", 2), *[(None, 4)] * 3,
                          *_value_cells([COSTS["projects"]], ch.numbers, False), *[(None, 4)] * 4])
        r += 11 + ch.gap
        for table in ch.tables:
            r = (_targets if table == "targets" else _outcomes)(s, r, c, ch, years) + ch.gap

    return lay_out


def _targets(s: Sheet, r: int, c: int, ch: Choices, years: list[tuple]) -> int:
    s.row(r, c, [("対象指標", 44)])
    r += 1
    for prefix, slot in (("target.a", "ア"), ("target.b", "イ")):
        forecast = FORECAST_WORDS[ch.words[3] % len(FORECAST_WORDS)] if len(ch.words) > 3 else FORECAST_WORDS[0]
        for series, label in (("actual", "実績値"), ("forecast", forecast)):
            values = TARGET_ROWS[prefix][series]
            s.row(r, c, [(slot, 2), (label, 4), (NAMES[prefix][1], 4), *_value_cells(values, ch.numbers, False)])
            r += 1
    return r


def _outcomes(s: Sheet, r: int, c: int, ch: Choices, years: list[tuple]) -> int:
    s.row(r, c, [("成果指標", 10), *years])
    r += 1
    words = {k: SERIES_WORDS[k][i % len(SERIES_WORDS[k])] for k, i in zip(SERIES_WORDS, ch.words[:3], strict=True)}
    top = r
    for prefix in ch.blocks:
        _, g, slot = prefix.split(".")
        kana = {"a": "ア", "b": "イ"}[slot]
        unit = NAMES[prefix][1]
        for i, series in enumerate(ch.series):
            if ch.slots == "merged":
                label: list[tuple] = [(f"展開方向{g}{kana}" if i == 0 else None, 1), (None, 1), (None, 1)]
            elif ch.slots == "own":
                label = [(f"{g}{kana}", 3)]
            else:
                label = [(None, 1), (g if i == 0 else None, 1), (kana if i == 0 else None, 1)]
            pad = [(None, ch.shift[1])] if ch.shift[0] == prefix and ch.shift[1] else []
            s.row(r + i, c, [*label, (unit, 3), (words[series], 4), *pad,
                             *_value_cells(SERIES[prefix][series], ch.numbers, prefix == "outcome.1.a")])
        if ch.slots == "merged":
            s.ws.merge_cells(f"{get_column_letter(c)}{r}:{get_column_letter(c + 2)}{r + len(ch.series) - 1}")
        elif ch.slots == "split":
            for k in (1, 2):
                s.ws.merge_cells(f"{get_column_letter(c + k)}{r}:{get_column_letter(c + k)}{r + len(ch.series) - 1}")
        r += len(ch.series) + ch.gap
    if ch.slots == "split":  # the vertical 展開方向 over every block, as on the city's paper
        s.ws.cell(top, c, "展開方向")
        s.ws.merge_cells(f"{get_column_letter(c)}{top}:{get_column_letter(c)}{r - 1 - ch.gap}")
    return r - ch.gap


def layout_truth() -> dict[str, object]:
    return truth(OUTCOMES)


def values_equal(a: object, b: object) -> bool:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return isinstance(a, Decimal) and isinstance(b, Decimal) and str(a) == str(b)
    return a == b
