"""Workbooks written cell by cell the way cities lay out their own sheet -- not from the form's labels.

Each layout below is typed out row by row with a city's own wording
(spaced labels, synonyms, merged or split row labels, a vertical 展開方向,
units in their own column, numbers typed as text, 和暦 dates as year
headers). The content is the sample sheet's (../shared/foreign/
kunitachi-2023.expected.json, verbatim). ``TRUTH`` is what each layout
means; a layout may also carry the places a correct import must flag.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from sheetdesk.glossary import Mark

Cell = tuple  # (text or number, width in columns[, number format])

# The sample sheet's values (verbatim from the shared expected file).
HEADER = {
    "header.policy_name": "地域・安全",
    "header.measure_name": "地域コミュニティ・課題解決型コミュニティ活動の促進",
    "header.lead_section": "まちの振興課",
    "header.lead_head": "田代和広",
}
NAMES = {
    "target.a": ("自治会・町内会数", "団体"),
    "target.b": ("在住外国人人数", "人"),
    "outcome.1.a": ("自治会・町内会加入率", "％"),
    "outcome.1.b": ("コミュニティ施設利用者数", "人"),
    "outcome.2.a": ("くにたち地域活動支援室の利用者数", "人"),
}
YEARS = list(range(2020, 2028))
SERIES = {  # prefix -> series -> eight yearly values (None: blank)
    "outcome.1.a": {
        "trend": ["26.0", "25.0", "24.0", "23.0", "22.0", "21.0", "20.0", "19.0"],
        "target": ["30.0", "31.0", "32.0", "33.0", "34.0", "35.0", "36.0", "36.5"],
        "actual": ["26.0", "24.0", "23.3", "22.7", None, None, None, None],
    },
    "outcome.1.b": {
        "trend": ["170000"] * 8,
        "target": ["173000", "176000", "179000", "180000", "183000", "186000", "189000", "190000"],
        "actual": ["70472", "90805", "110740", "132797", None, None, None, None],
    },
    "outcome.2.a": {
        "trend": ["5500", "5034", "4568", "4102", "3636", "3170", None, None],
        "target": ["6500", "6600", "6700", "6800", "6900", "7000", "7300", "7500"],
        "actual": ["5934", "5034", "3956", "3959", None, None, None, None],
    },
}
TARGET_ROWS = {"target.a": {"actual": ["71", "71", "70", "71", None, None, None, None],
                            "forecast": [None, None, None, None, "70", None, None, None]},
               "target.b": {"actual": ["1852", "1663", "1719", "1836", None, None, None, None],
                            "forecast": [None, None, None, None, "1900", "1950", None, None]}}
COSTS = {"national": "4705", "prefectural": "13083", "bonds": "10200", "other": "6607", "general": "86074",
         "hours": "13655", "personnel": "24922", "projects": "6"}


def truth(prefixes: tuple[str, ...] = ("outcome.1.a", "outcome.1.b", "outcome.2.a")) -> dict[str, object]:
    out: dict[str, object] = dict(HEADER)
    out["header.related_sections"] = ("福祉総務課", "高齢者支援課")
    for prefix, (name, unit) in NAMES.items():
        if prefix.startswith("target") or prefix in prefixes:
            out[f"{prefix}.name"], out[f"{prefix}.unit"] = name, unit
    for prefix, rows in {**TARGET_ROWS, **{p: SERIES[p] for p in prefixes}}.items():
        for series, values in rows.items():
            for year, v in zip(YEARS, values, strict=True):
                if v is not None:
                    out[f"{prefix}.{series}.{year}"] = Decimal(v)
    for row, v in COSTS.items():
        out[f"cost.{row}.2023"] = Decimal(v)
    return out


class Sheet:
    """Write rows of merged boxes: each cell is (value, width[, number format])."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws

    def row(self, r: int, c: int, cells: list[Cell], height: int = 1) -> None:
        for cell in cells:
            value, width = cell[0], cell[1]
            if value is not None:
                target = self.ws.cell(r, c, value)
                if len(cell) > 2:
                    target.number_format = cell[2]
            if width > 1 or height > 1:
                self.ws.merge_cells(f"{get_column_letter(c)}{r}:{get_column_letter(c + width - 1)}{r + height - 1}")
            c += width


def _ws(wb: Workbook) -> Worksheet:
    ws = wb.active
    assert isinstance(ws, Worksheet)
    return ws


def _set(cell: object, value: object) -> None:
    cast(Any, cell).value = value


def _n(v: str | None, style: str) -> object:
    """A number as the layout types it: a number, text with commas, or full-width text."""
    if v is None:
        return None
    if style == "number":
        d = Decimal(v)
        return int(d) if d == int(d) and "." not in v else float(d)
    if style == "text":
        return f"{Decimal(v):,}"
    return f"{Decimal(v):,}".translate(str.maketrans("0123456789,.", "０１２３４５６７８９，．"))


@dataclass
class Layout:
    name: str
    build: object  # (Workbook) -> None
    truth: dict[str, object]
    unsure: set[str] = field(default_factory=set)  # paths a correct import flags or leaves empty, never stores


def _front(s: Sheet, words: dict[str, str], title: str = "令和5年度　施策マネジメントシート") -> None:
    """Title, header boxes and ③④ in a city's wording, top left."""
    s.row(1, 1, [(title, 20), (words.get("policy", "政策名"), 4), (HEADER["header.policy_name"], 10)])
    s.row(2, 1, [(words.get("name", "基本施策名"), 4), (HEADER["header.measure_name"], 16),
                 (words.get("lead", "施策統括課"), 4), (HEADER["header.lead_section"], 10)])
    s.row(3, 1, [(words.get("head", "氏名"), 4), (HEADER["header.lead_head"], 6), ("主な関係課", 4),
                 ("福祉総務課、高齢者支援課", 20)])
    s.row(4, 1, [("１　施策の目的と指標", 34)])
    s.row(5, 1, [("③ 対象指標（対象の大きさを表す指標）数字は記入しない", 34)])
    s.row(6, 1, [(None, 3), ("名称", 25), ("単位", 6)])
    s.row(7, 1, [("ア", 3), NAMES["target.a"][0:1] + (25,), (NAMES["target.a"][1], 6)])
    s.row(8, 1, [("イ", 3), NAMES["target.b"][0:1] + (25,), (NAMES["target.b"][1], 6)])
    s.row(9, 1, [("④ 成果指標（意図の達成度の指標）数字は記入しない", 34)])
    s.row(10, 1, [(None, 3), ("名称", 25), ("単位", 6)])
    row = 11
    for prefix in ("outcome.1.a", "outcome.1.b", "outcome.2.a", "outcome.2.b"):
        g, slot = prefix.split(".")[1], {"a": "ア", "b": "イ"}[prefix.split(".")[2]]
        name, unit = NAMES.get(prefix, (None, None))
        s.row(row, 1, [(g, 1), (slot, 2), (name, 25), (unit, 6)])
        row += 1
    s.row(20, 1, [("５　施策の現状　※必要に応じて展開方向ごとに記載", 34)])
    s.row(21, 1, [("６　5年度の評価結果　※必要に応じて展開方向ごとに記載", 34)])
    s.row(22, 1, [("７　施策の課題・今後の方向性　※必要に応じて展開方向ごとに記載", 34)])


def _costs(s: Sheet, r: int, c: int, words: dict[str, str], years: list[str], style: str) -> int:
    s.row(r, c, [("３ 総事業費・指標等の実績推移と目標値、実績状況把握", 44)])
    s.row(r + 1, c, [("数値区分", 8), ("単位", 2), *[(y, 4) for y in years]])
    rows = [("national", "国庫支出金"), ("prefectural", "都道府県支出金"), ("bonds", words.get("bonds", "地方債")),
            ("other", "その他"), ("general", "一般財源"), ("project_total", "事業費計  （A）"),
            ("hours", "延べ業務時間"), ("personnel", "人件費計  (B)"), ("projects", "事務事業数")]
    for i, (k, label) in enumerate(rows):
        value = _n(COSTS.get(k), style) if k != "project_total" else (120669 if style == "number" else "120,669")
        s.row(r + 2 + i, c, [(label, 8), ("千円", 2), *[(None, 4)] * 3, (value, 4), *[(None, 4)] * 4])
    return r + 2 + len(rows)


def _targets(s: Sheet, r: int, c: int, style: str) -> int:
    s.row(r, c, [("対象指標", 44)])
    r += 1
    for prefix, slot in (("target.a", "ア"), ("target.b", "イ")):
        for series, label in (("actual", "実績値"), ("forecast", "見込み値")):
            values = TARGET_ROWS[prefix][series]
            s.row(r, c, [(slot, 2), (label, 4), (NAMES[prefix][1], 4), *[(_n(v, style), 4) for v in values]])
            r += 1
    return r


def layout_spaced_synonyms(wb: Workbook) -> None:
    """Labels with spaces and synonyms, full-width digits, numbers typed as full-width text, 令和４年度 headers."""
    ws = _ws(wb)
    ws.title = "シート1"
    s = Sheet(ws)
    _front(s, {"policy": "政　策　名", "name": "施策名", "lead": "担当課", "head": "課長名"},
           title="令和５年度　施策マネジメントシート")
    years = [f"令和{str(y - 2018).translate(str.maketrans('0123456789', '０１２３４５６７８９'))}年度" for y in YEARS]
    c = 40
    r = _costs(s, 1, c, {"bonds": "市債"}, years, "fullwidth")
    r = _targets(s, r, c, "fullwidth")
    s.row(r, c, [("成果指標", 44)])
    r += 1
    words = {"trend": "成行値", "target": "目標値", "actual": "実績値"}
    for prefix, label in (("outcome.1.a", "展開方向１ア"), ("outcome.1.b", "展開方向１イ"), ("outcome.2.a", "展開方向２ア")):
        unit = NAMES[prefix][1]
        s.row(r, c, [(label, 2), (unit, 4), (None, 4), *[(y, 4) for y in years]])
        for i, (series, word) in enumerate(words.items()):
            s.row(r + 1 + i, c + 2, [(word, 8), *[(_n(v, "fullwidth"), 4) for v in SERIES[prefix][series]]])
        s.ws.unmerge_cells(f"{get_column_letter(c)}{r}:{get_column_letter(c + 1)}{r}")
        s.ws.merge_cells(f"{get_column_letter(c)}{r}:{get_column_letter(c + 1)}{r + 3}")
        r += 5  # a spare empty row after each block


def layout_split_vertical_dates(wb: Workbook) -> None:
    """A vertical 展開方向 cell, then 1 | ア in cells of their own; series in another order; dates as year headers."""
    ws = _ws(wb)
    ws.title = "表面"
    s = Sheet(ws)
    _front(s, {})
    c = 40
    dates = [dt.datetime(y, 4, 1) for y in YEARS]
    era = '[$-ja-JP-x-gannen]ggge"年度"'
    r = 1
    s.row(r, c, [("３ 総事業費・指標等の実績推移と目標値、実績状況把握", 44)])
    s.row(r + 1, c, [("数値区分", 8), ("単位", 2), *[(d, 4, era) for d in dates]])
    for i, (k, label) in enumerate([("national", "国庫支出金"), ("prefectural", "都道府県支出金"), ("bonds", "地方債"),
                                    ("other", "その他"), ("general", "一般財源")]):
        s.row(r + 2 + i, c, [(label, 8), ("千円", 2), *[(None, 4)] * 3, (int(COSTS[k]), 4, "#,##0"),
                             *[(None, 4)] * 4])
    s.row(r + 7, c, [("事業費計  （A）", 8), ("千円", 2), *[(None, 4)] * 3, (120669, 4), *[(None, 4)] * 4])
    s.row(r + 8, c, [("延べ業務時間", 8), ("時間", 2), *[(None, 4)] * 3, (13655, 4), *[(None, 4)] * 4])
    s.row(r + 9, c, [("人件費計  (B)", 8), ("千円", 2), *[(None, 4)] * 3, (24922, 4), *[(None, 4)] * 4])
    s.row(r + 10, c, [("トータルコスト(A)＋(B)", 8), ("千円", 2), *[(None, 4)] * 3, (145591, 4), *[(None, 4)] * 4])
    s.row(r + 11, c, [("事務事業数", 8), ("本数", 2), *[(None, 4)] * 3, (6, 4), *[(None, 4)] * 4])
    r = _targets(s, r + 12, c, "number")
    s.row(r, c, [("成果指標", 44)])
    s.row(r + 1, c + 3, [("単位", 3), ("数値区分", 4), *[(d, 4, era) for d in dates]])
    r += 2
    s.row(r, c, [("展開方向", 1)], height=9)  # vertical, over both directions' rows
    order = (("actual", "実績値"), ("target", "目標値"), ("trend", "成り行き値"))
    for g, prefixes in (("1", ("outcome.1.a", "outcome.1.b")), ("2", ("outcome.2.a",))):
        s.row(r, c + 1, [(g, 1)], height=3 * len(prefixes) + (len(prefixes) - 1))
        for prefix in prefixes:
            slot = "ア" if prefix.endswith("a") else "イ"
            s.row(r, c + 2, [(slot, 1)], height=3)
            for i, (series, word) in enumerate(order):
                fmt = "0.0" if prefix == "outcome.1.a" else "#,##0"
                vals = [(float(v) if v is not None else None, 4, fmt) for v in SERIES[prefix][series]]
                s.row(r + i, c + 3, [(NAMES[prefix][1], 3), (word, 4), *vals])
            r += 4 if prefix != prefixes[-1] else 3
        r += 1


def layout_no_slot_labels(wb: Workbook) -> None:
    """Mutation: the indicator rows carry no 展開方向 / ア labels at all -- their place is a guess, so flagged."""
    layout_split_vertical_dates(wb)
    ws = _ws(wb)
    for row in ws.iter_rows(min_row=20, min_col=40, max_col=42):
        for cell in row:
            if cell.value in ("展開方向", "1", "2", "ア", "イ") and (cell.row or 0) >= 20:
                _set(cell, None)


def layout_swapped_slots(wb: Workbook) -> None:
    """Mutation: 1ア's rows labelled 1イ and the other way round; the units (％ / 人) disagree with ④."""
    layout_split_vertical_dates(wb)
    ws = _ws(wb)
    cells = [c for row in ws.iter_rows(min_row=20, min_col=42, max_col=42) for c in row if c.value in ("ア", "イ")]
    a, b = cells[0], cells[1]
    va, vb = a.value, b.value
    _set(a, vb)
    _set(b, va)


def layout_decimals_formulas(wb: Workbook) -> None:
    """0.0 and % formats, a SUM without a stored result, and a formula nobody can evaluate here."""
    layout_split_vertical_dates(wb)
    ws = _ws(wb)
    c = 40
    col = get_column_letter(c + 10 + 12)  # 令和5年度's column
    ws[f"{col}8"] = f"=SUM({col}3:{col}7)"  # 事業費計 (A), saved by openpyxl without a result
    ws[f"{col}3"] = f"=VLOOKUP(1,{col}20:{col}21,1)"  # 国庫支出金: not a formula the importer evaluates
    # a percentage cell: 22.7 % typed as 0.227 with a % format
    for row in ws.iter_rows(min_row=24):
        for cell in row:
            if cell.value == 22.7:
                _set(cell, 0.227)
                cell.number_format = "0.0%"


def write(build, path: Path) -> Path:  # type: ignore[no-untyped-def]
    wb = Workbook()
    build(wb)
    wb.save(path)
    return path


LAYOUTS = [
    Layout("spaced_synonyms", layout_spaced_synonyms, truth()),
    Layout("split_vertical_dates", layout_split_vertical_dates, truth()),
    Layout("no_slot_labels", layout_no_slot_labels, truth(),
           unsure={f"outcome.1.a.target.{y}" for y in YEARS}),
    Layout("swapped_slots", layout_swapped_slots, truth(),
           unsure={"outcome.1.a.target.2020", "outcome.1.b.target.2020"}),
    Layout("decimals_formulas", layout_decimals_formulas, truth(),
           unsure={"cost.national.2023"}),
]
MARKS = Mark  # re-exported for tests that type a mark into a layout
