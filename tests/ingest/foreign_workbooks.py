"""Workbooks that look like a city's own template, not like SheetDesk's export.

「Excel方眼紙」: dozens of narrow columns, every box a merged range with a
border, labels shaded, the sheet's own words as labels. Variants move
blocks, insert rows, change the grid, write full-width digits, year headers
as 令和/R/西暦/dates, label synonyms, and formulas with or without stored
results. Content comes from the seed sheet (seed_sheet.py).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break, RowBreak
from openpyxl.worksheet.worksheet import Worksheet

from sheetdesk.forms.definition import FormDefinition, PlanContext
from sheetdesk.glossary import Mark
from sheetdesk.model import Sheet
from sheetdesk.wareki import era_year, short_year_label

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SHADE = PatternFill("solid", fgColor="D9D9D9")
_FONT = Font(name="BIZ UDGothic", size=9)  # bundled with SheetDesk (resources/fonts)
_FULLWIDTH = str.maketrans("0123456789,.-", "０１２３４５６７８９，．－")


@dataclass(frozen=True)
class Variant:
    name: str
    columns: int = 120
    two_sheets: bool = True
    moved: bool = False  # halves swapped: tables on the left, texts on the right
    stacked: bool = False  # every block in one column, one after another
    gap_rows: int = 0  # empty rows inserted between blocks
    extra_rows: bool = False  # rows the standard form does not have, inside tables
    year_style: str = "R"  # R: R2年度, reiwa: 令和2年度, western: 2020, date: a date formatted as 令和
    fullwidth: bool = False  # numbers typed as full-width text with commas
    synonyms: bool = False
    formulas: str = "cached"  # cached | uncached | none


VARIANTS = [
    Variant("kunitachi_like"),
    Variant("moved_one_sheet", two_sheets=False, moved=True, gap_rows=2, extra_rows=True,
            year_style="reiwa", formulas="uncached"),
    Variant("fullwidth_synonyms", columns=60, synonyms=True, fullwidth=True, year_style="R"),
    Variant("stacked_dates", columns=80, two_sheets=False, stacked=True, gap_rows=1, year_style="date",
            formulas="none"),
    Variant("western_years", columns=96, moved=True, year_style="western", extra_rows=True),
]

SYNONYM_LABELS = {"施策統括課": "担当課", "成り行き値": "成行値", "見込み値": "見込値", "都道府県支出金": "都支出金",
                  "基本計画における指標の説明又は出典元": "指標の説明又は出典元"}

# A formula that cannot be evaluated without Excel, for the 'uncached' variant.
UNEVALUABLE = ("cost.personnel.2023", "=ROUND(24922.4,0)")


class Canvas:
    """A worksheet drawn as boxes on a grid of narrow columns."""

    def __init__(self, ws: Worksheet, columns: int, variant: Variant, labels: Callable[[str], str]) -> None:
        self.ws, self.columns, self.variant, self.L = ws, columns, variant, labels
        width = 240 / columns
        for c in range(1, columns + 1):
            ws.column_dimensions[get_column_letter(c)].width = width
        self.formula_values: dict[str, Decimal] = {}

    def box(self, r: int, c: int, h: int, w: int, value: object = None, label: bool = False,
            fmt: str | None = None) -> str:
        cell = self.ws.cell(r, c)
        cell.value = value  # type: ignore[assignment]
        cell.border = _BORDER
        cell.font = _FONT
        cell.alignment = Alignment(wrap_text=True, vertical="center" if label or h == 1 else "top",
                                   horizontal="right" if isinstance(value, int | float | Decimal) else None)
        if label:
            cell.fill = _SHADE
        if fmt:
            cell.number_format = fmt
        if h > 1 or w > 1:
            self.ws.merge_cells(start_row=r, start_column=c, end_row=r + h - 1, end_column=c + w - 1)
        return f"{get_column_letter(c)}{r}"

    def text_box(self, r: int, c: int, w: int, text: str, min_h: int = 2) -> int:
        """A text box tall enough for its text; returns its height in rows."""
        per_line = max(1, int(w * 240 / self.columns / 2.2))
        lines = sum(math.ceil(max(1, len(part)) / per_line) for part in text.split("\n")) if text else 1
        h = max(min_h, lines + 1)
        self.box(r, c, h, w, text or None)
        return h


def _number(value: object, variant: Variant) -> object:
    if value is None:
        return None
    if isinstance(value, Mark):
        return value.value
    assert isinstance(value, Decimal)
    if variant.fullwidth:
        return f"{value:,f}".translate(_FULLWIDTH)
    return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)


def _year_header(year: int, variant: Variant) -> object:
    if variant.year_style == "reiwa":
        return f"令和{era_year(year)}年度"
    if variant.year_style == "western":
        return year
    if variant.year_style == "date":
        return dt.datetime(year, 4, 1)
    label = short_year_label(year)
    return label.translate(_FULLWIDTH).replace("R", "Ｒ") if variant.fullwidth else label


class SheetDrawer:
    def __init__(self, form: FormDefinition, sheet: Sheet, variant: Variant) -> None:
        self.form, self.sheet, self.v = form, sheet, variant
        self.ctx: PlanContext = sheet.context
        self.labels = {f"field:{i.key}": self.ctx.fill(i.label) for s in form.sections for i in s.items
                       if hasattr(i, "key")}

    def L(self, text: str) -> str:
        text = self.ctx.fill(text)
        return SYNONYM_LABELS.get(text, text) if self.v.synonyms else text

    def t(self, path: str) -> str:
        value = self.sheet.values.get(path)
        return "、".join(value) if isinstance(value, tuple) else (value or "")  # type: ignore[return-value]

    def item_label(self, key: str) -> str:
        item = next(i for s in self.form.sections for i in s.items if getattr(i, "key", None) == key)
        return self.L(item.label)

    def section_label(self, key: str) -> str:
        return self.L(next(s.label for s in self.form.sections if s.key == key))

    # --- blocks: each draws at (r, c) within width W and returns the rows it used ---

    def header(self, cv: Canvas, r: int, c: int, W: int) -> int:
        a, b = W * 15 // 100, W * 35 // 100
        cv.box(r, c, 2, W, f"{era_label(self.sheet.evaluation_year)}　{self.form.title}")
        cv.box(r + 2, c, 1, a, self.L("政策名"), True)
        cv.box(r + 2, c + a, 1, b, self.t("header.policy_name"))
        cv.box(r + 2, c + a + b, 1, a, self.L("施策統括課"), True)
        cv.box(r + 2, c + 2 * a + b, 1, W - 2 * a - b, self.t("header.lead_section"))
        cv.box(r + 3, c, 1, a, self.L("基本施策名"), True)
        cv.box(r + 3, c + a, 1, b, self.t("header.measure_name"))
        cv.box(r + 3, c + a + b, 1, a, self.L("氏名"), True)
        cv.box(r + 3, c + 2 * a + b, 1, W - 2 * a - b, self.t("header.lead_head"))
        cv.box(r + 4, c, 2, a, self.L("主な関係課"), True)
        cv.box(r + 4, c + a, 2, W - a, self.t("header.related_sections"))
        return 6

    def s1(self, cv: Canvas, r: int, c: int, W: int) -> int:
        a = W * 40 // 100
        b = W - a
        cv.box(r, c, 1, W, self.section_label("s1"), True)
        lab = {i.key: self.L(i.heading) for i in self.form.sections[1].items if getattr(i, "heading", None)}
        cv.box(r + 1, c, 2, a, self.item_label("s1.target"), True)
        cv.box(r + 1, c + a, 2, b, lab["target"], True)
        h1 = max(cv.text_box(r + 3, c, a, self.t("s1.target"), 5), 5)
        unit_w = max(3, b // 6)
        cv.box(r + 3, c + a, 1, 4, None, True)
        cv.box(r + 3, c + a + 4, 1, b - 4 - unit_w, "名称", True)
        cv.box(r + 3, c + a + b - unit_w, 1, unit_w, "単位", True)
        for i, slot in enumerate("abcd"):
            row = r + 4 + i
            cv.box(row, c + a, 1, 4, "アイウエ"[i], True)
            cv.box(row, c + a + 4, 1, b - 4 - unit_w, self.t(f"target.{slot}.name") or None)
            cv.box(row, c + a + b - unit_w, 1, unit_w, self.t(f"target.{slot}.unit") or None)
        r2 = r + 3 + max(h1, 5)
        cv.box(r2, c, 2, a, self.item_label("s1.purpose"), True)
        cv.box(r2, c + a, 2, b, lab["outcome"], True)
        cv.text_box(r2 + 2, c, a, self.t("s1.purpose"), 9)
        cv.box(r2 + 2, c + a, 1, 4, "展開方向", True)
        cv.box(r2 + 2, c + a + 4, 1, 2, None, True)
        cv.box(r2 + 2, c + a + 6, 1, b - 6 - unit_w, "名称", True)
        cv.box(r2 + 2, c + a + b - unit_w, 1, unit_w, "単位", True)
        for g in range(4):
            row = r2 + 3 + 2 * g
            cv.box(row, c + a, 2, 4, str(g + 1), True)
            for s, slot in enumerate("ab"):
                cv.box(row + s, c + a + 4, 1, 2, "アイ"[s], True)
                cv.box(row + s, c + a + 6, 1, b - 6 - unit_w, self.t(f"outcome.{g + 1}.{slot}.name") or None)
                cv.box(row + s, c + a + b - unit_w, 1, unit_w, self.t(f"outcome.{g + 1}.{slot}.unit") or None)
        return max(r2 + 11, r2 + 2 + 9 + 1) - r + 1

    def s2(self, cv: Canvas, r: int, c: int, W: int) -> int:
        cv.box(r, c, 1, W, self.section_label("s2"), True)
        g, n, p = 4, W * 20 // 100, W * 30 // 100
        m = W - g - n - p
        cv.box(r + 1, c, 1, g, self.L("施策の展開方向"), True)
        cv.box(r + 1, c + g, 1, n, self.L("名称（展開方向ごとに記載）"), True)
        cv.box(r + 1, c + g + n, 1, p, self.L("目的"), True)
        cv.box(r + 1, c + g + n + p, 1, m, self.L("手段（具体的な取組内容）"), True)
        row = r + 2
        for d in "1234":
            base = f"s2.directions.{d}"
            h = max(4, cv_height(cv, m, self.t(f"{base}.means")), cv_height(cv, p, self.t(f"{base}.purpose")))
            cv.box(row, c, h, g, d, True)
            cv.box(row, c + g, h, n, self.t(f"{base}.name") or None)
            cv.box(row, c + g + n, h, p, self.t(f"{base}.purpose") or None)
            cv.box(row, c + g + n + p, h, m, self.t(f"{base}.means") or None)
            row += h
        return row - r

    def s3(self, cv: Canvas, r: int, c: int, W: int) -> int:  # noqa: C901 - one hand-built foreign workbook, written cell by cell as a city would
        years = self.ctx.years
        yw = max(2, (W * 2 // 3) // len(years))
        lw = W - yw * len(years)
        ser_w, unit_w = max(3, lw // 4), max(2, lw // 6)
        cv.box(r, c, 1, W, self.section_label("s3"), True)
        cv.box(r + 1, c, 1, lw, "数値区分", True)
        for i, y in enumerate(years):
            cv.box(r + 1, c + lw + i * yw, 1, yw, _year_header(y, self.v), True,
                   fmt='[$-411]ggge"年度"' if self.v.year_style == "date" else None)
        row = r + 2
        table = self.form.item("cost")
        rows = list(table.rows)
        extra = 1 if self.v.extra_rows else 0
        cv.box(row, c, len(rows) + extra, 2, "施策コスト", True)
        row_of: dict[str, int] = {}
        for cost in rows:
            if self.v.extra_rows and cost.key == "prefectural":
                cv.box(row, c + 2, 1, lw - 2 - unit_w, "（うち臨時的な補助金）", True)
                cv.box(row, c + lw - unit_w, 1, unit_w, "千円", True)
                for i, _ in enumerate(years):
                    cv.box(row, c + lw + i * yw, 1, yw, None)
                row += 1
            row_of[cost.key] = row
            cv.box(row, c + 2, 1, lw - 2 - unit_w, self.L(cost.label), True)
            cv.box(row, c + lw - unit_w, 1, unit_w, cost.unit, True)
            for i, y in enumerate(years):
                col = c + lw + i * yw
                value = _number(self.sheet.values.get(f"cost.{cost.key}.{y}"), self.v)
                summed = _summed_rows(self.form, cost.key)
                if summed and self.v.formulas != "none":
                    refs = [f"{get_column_letter(col)}{row_of[k]}" for k in summed]
                    formula = f"=SUM({refs[0]}:{refs[-1]})" if cost.key == "project_total" else "=" + "+".join(refs)
                    ref = cv.box(row, col, 1, yw, formula, fmt="#,##0")
                    cv.formula_values[ref] = self._sum(summed, y)
                    continue
                if self.v.formulas == "uncached" and f"cost.{cost.key}.{y}" == UNEVALUABLE[0]:
                    value = UNEVALUABLE[1]
                cv.box(row, col, 1, yw, value, fmt="#,##0")
            row += 1
        for family, slots, series in (("target", "abcd", ("actual", "forecast")),
                                      ("outcome", "ab", ("trend", "target", "actual"))):
            ind = self.form.item(family)
            groups = ["1", "2", "3", "4"] if family == "outcome" else [""]
            per_slot = len(series) + (1 if family == "outcome" else 0)
            cv.box(row, c, per_slot * len(slots) * len(groups), 2, ind.label, True)
            for g in groups:
                gx = 2
                if g:
                    cv.box(row, c + 2, per_slot * len(slots), 2, f"展開方向\n{g}", True)
                    gx = 4
                for s_i, slot in enumerate(slots):
                    prefix = f"{family}.{g}.{slot}" if g else f"{family}.{slot}"
                    cv.box(row, c + gx, per_slot, 2, "アイウエ"[s_i], True)
                    name_w = lw - gx - 2 - unit_w - ser_w
                    cv.box(row, c + gx + 2, len(series), name_w, self.t(f"{prefix}.name") or None)
                    cv.box(row, c + gx + 2 + name_w, len(series), unit_w, self.t(f"{prefix}.unit") or None)
                    for k, key_ in enumerate(series):
                        label = self.form.item(f"{family}.{key_}").label
                        cv.box(row + k, c + lw - ser_w, 1, ser_w, self.L(label), True)
                        for i, y in enumerate(years):
                            value = _number(self.sheet.values.get(f"{prefix}.{key_}.{y}"), self.v)
                            cv.box(row + k, c + lw + i * yw, 1, yw, value, fmt="#,##0.0##" if value else None)
                    row += len(series)
                    if family == "outcome":
                        note = self.t(f"{prefix}.note")
                        cv.box(row, c + gx + 2, 1, lw - gx - 2, self.L(self.form.item(f"{family}.note").label), True)
                        cv.box(row, c + lw, 1, W - lw, note or None)
                        row += 1
        return row - r

    def _sum(self, keys: list[str], year: int) -> Decimal:
        total = Decimal(0)
        for k in keys:
            v = self.sheet.values.get(f"cost.{k}.{year}")
            if k == "project_total":
                v = self._sum(["national", "prefectural", "bonds", "other", "general"], year)
            total += v if isinstance(v, Decimal) else Decimal(0)
        return total

    def grade_text(self, path: str) -> str | None:
        code = self.sheet.values.get(path)
        if not code:
            return None
        item = next(i for s in self.form.sections for i in s.items if getattr(i, "key", None) == path)
        if item.value.legend:
            return str(code)
        wording = next(g.wording for g in item.value.options if g.code == code)
        return f"{code}:{wording}"

    def s4(self, cv: Canvas, r: int, c: int, W: int) -> int:
        a = W * 60 // 100
        cv.box(r, c, 1, W, self.section_label("s4"), True)
        cv.box(r + 1, c, 2, a, self.item_label("s4.achievement_grade"), True)
        cv.box(r + 1, c + a, 2, W - a, self.grade_text("s4.achievement_grade"))
        cv.box(r + 3, c, 2, a, self.item_label("s4.trend_grade"), True)
        cv.box(r + 3, c + a, 2, W - a, self.grade_text("s4.trend_grade"))
        cv.box(r + 5, c, 2, W, self.item_label("s4.reasons"), True)
        return 7 + cv.text_box(r + 7, c, W, self.t("s4.reasons"), 4)

    def texts(self, cv: Canvas, r: int, c: int, W: int, section: str, paths: list[str]) -> int:
        cv.box(r, c, 1, W, self.section_label(section), True)
        row = r + 1
        for p in paths:
            cv.box(row, c, 2, W, self.item_label(p), True)
            row += 2 + cv.text_box(row + 2, c, W, self.t(p), 3)
        return row - r

    def s5(self, cv: Canvas, r: int, c: int, W: int) -> int:
        h = self.texts(cv, r, c, W, "s5", ["s5.situation", "s5.opinions", "s5.comparison"])
        row = r + h
        cv.box(row, c, 1, W, "（4）施策の具体的な取組状況", True)
        half = W // 2
        cv.box(row + 1, c, 1, half, self.item_label("s5.current_work"), True)
        cv.box(row + 1, c + half, 1, W - half, self.item_label("s5.planned_work"), True)
        hh = max(cv_height(cv, half, self.t("s5.current_work")), cv_height(cv, half, self.t("s5.planned_work")), 6)
        cv.box(row + 2, c, hh, half, self.t("s5.current_work") or None)
        cv.box(row + 2, c + half, hh, W - half, self.t("s5.planned_work") or None)
        return h + 2 + hh

    def s6(self, cv: Canvas, r: int, c: int, W: int) -> int:
        items = {i.key: i for i in next(s for s in self.form.sections if s.key == "s6").items}
        cv.box(r, c, 1, W, self.section_label("s6"), True)
        cv.box(r + 1, c, 2, W, self.L(items["s6.results"].group_label or ""), True)
        cv.box(r + 3, c, 1, W, items["s6.results"].note, True)
        row = r + 4
        for p in ("s6.results", "s6.issues"):
            cv.box(row, c, 1, W, self.item_label(p), True)
            row += 1 + cv.text_box(row + 1, c, W, self.t(p), 3)
        a = W * 60 // 100
        cv.box(row, c, 2, a, self.item_label("s6.overall_grade"), True)
        cv.box(row, c + a, 2, W - a, self.grade_text("s6.overall_grade"))
        cv.box(row + 2, c, 1, W, items["s6.overall_grade"].note, True)
        for k, g in enumerate(items["s6.overall_grade"].value.options):
            cv.box(row + 3 + k, c, 1, W, f"{g.code}：{g.wording}")
        return row + 8 - r

    def s7(self, cv: Canvas, r: int, c: int, W: int) -> int:
        return self.texts(cv, r, c, W, "s7", ["s7.policy_next", "s7.midterm"])


def cv_height(cv: Canvas, w: int, text: str) -> int:
    per_line = max(1, int(w * 240 / cv.columns / 2.2))
    return sum(math.ceil(max(1, len(p)) / per_line) for p in text.split("\n")) + 1 if text else 2


def era_label(year: int) -> str:
    return f"令和{era_year(year)}年度"


def _setup_print(ws: Worksheet, columns: int, last_row: int, breaks: list[int]) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = 8  # A3
    if breaks:
        # fit-to-page would ignore the break: scale so that each page's rows fit
        width_pt = columns * (240 / columns * 7 + 5) * 0.75
        pages = [breaks[0], last_row - breaks[0]]
        scale = min(1140 / width_pt, 790 / (max(pages) * 15.0))
        ws.page_setup.scale = max(10, int(scale * 100) - 2)
    else:
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 1
    ws.print_area = f"A1:{get_column_letter(columns)}{last_row}"
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.3
    ws.page_margins.top = ws.page_margins.bottom = 0.3
    if breaks:
        ws.row_breaks = RowBreak()
        for b in breaks:
            ws.row_breaks.append(Break(id=b))


def build(form: FormDefinition, sheet: Sheet, variant: Variant, path: Path) -> Path:
    """Write ``sheet`` as a city's workbook of the given variant."""
    d = SheetDrawer(form, sheet, variant)
    wb = Workbook()
    wb.remove(wb.active)
    cols = variant.columns
    W = cols if variant.stacked else cols // 2
    gap = variant.gap_rows
    if variant.stacked:
        order1 = [(d.header, 0), (d.s1, 0), (d.s2, 0), (d.s3, 0), (d.s4, 0)]
        order2 = [(d.s5, 0), (d.s6, 0), (d.s7, 0)]
    elif variant.moved:
        order1 = [(d.s3, 0), (d.s4, 0), (d.header, 1), (d.s1, 1), (d.s2, 1)]
        order2 = [(d.s6, 0), (d.s7, 0), (d.s5, 1)]
    else:
        order1 = [(d.header, 0), (d.s1, 0), (d.s2, 0), (d.s3, 1), (d.s4, 1)]
        order2 = [(d.s5, 0), (d.s6, 1), (d.s7, 1)]
    sheets: list[tuple[Canvas, int, list[int]]] = []
    cv = Canvas(wb.create_sheet("施策マネジメントシート" if not variant.two_sheets else "1枚目"), cols, variant, d.L)
    top, formula_values = 1, {}
    breaks: list[int] = []
    for n, order in enumerate((order1, order2)):
        if n == 1 and variant.two_sheets:
            sheets.append((cv, top, []))
            formula_values[cv.ws.title] = cv.formula_values
            cv = Canvas(wb.create_sheet("2枚目"), cols, variant, d.L)
            top = 1
        rows = [top, top]
        for draw, half in order:
            used = draw(cv, rows[half], 1 + half * W, W)
            rows[half] += used + gap
        top = max(rows)
        if n == 0 and not variant.two_sheets:
            breaks.append(top - 1)
    sheets.append((cv, top, breaks))
    formula_values[cv.ws.title] = cv.formula_values
    for canvas, last, brk in sheets:
        _setup_print(canvas.ws, cols, last, brk)
    wb.save(path)
    if variant.formulas == "cached":
        _store_results(path, wb, formula_values)
    return path


def _store_results(path: Path, wb: Workbook, values: dict[str, dict[str, Decimal]]) -> None:
    """Write formula results into the file as Excel does (openpyxl stores formulas only)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        names = {f"xl/worksheets/sheet{i}.xml": ws.title for i, ws in enumerate(wb.worksheets, start=1)}
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename in names:
                cells = values[names[info.filename]]
                text = data.decode("utf-8")

                def fill(m: re.Match[str], cells: dict[str, Decimal] = cells) -> str:
                    value = cells.get(m.group(1))
                    return m.group(0) if value is None else m.group(0).replace("<v></v>", f"<v>{value}</v>").replace(
                        "<v />", f"<v>{value}</v>")
                text = re.sub(r'<c r="([A-Z]+\d+)"[^>]*><f>[^<]*</f><v\s*/?>(?:</v>)?', fill, text)
                data = text.encode("utf-8")
            dst.writestr(info, data)
    shutil.move(tmp, path)


def build_all(form: FormDefinition, sheet: Sheet, directory: Path) -> dict[str, Path]:
    directory.mkdir(parents=True, exist_ok=True)
    return {v.name: build(form, sheet, v, directory / f"{v.name}.xlsx") for v in VARIANTS}


def _summed_rows(form: FormDefinition, key: str) -> list[str]:
    """The cost rows whose sum the form's rules put into row ``key`` (empty for a typed row)."""
    for rule in form.rules.compute if form.rules else ():
        if rule.kind == "sum" and rule.into == f"cost.{key}.{{year}}":
            return [pattern.split(".")[1] for pattern in rule.of]
    return []
