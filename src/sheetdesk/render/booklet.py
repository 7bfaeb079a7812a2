"""The year's booklet: cover, table of contents, 一覧表, then every sheet in 施策番号 order.

All pages are drawn into one reportlab canvas (no PDF merging), sheet by
sheet, so memory stays flat, the fonts are embedded once and a hundred sheets
take under two seconds; where it is safe, a forked child fits the later
sheets while this process draws (render.prefit). The footer of
each sheet numbers it in the booklet (「－４枚目－」); every page but the cover
carries its page number. The exchange JSON of all sheets is embedded.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass

from reportlab.lib.colors import HexColor, black
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from sheetdesk.exchange import dump_document
from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.loader import FormRegistry, default_registry
from sheetdesk.model.sheet import Sheet
from sheetdesk.render.fit import Overflow, overflows
from sheetdesk.render.fonts import FONT_NAMES, FontRole
from sheetdesk.render.layout import Layout, layout_for
from sheetdesk.render.pdf import SheetPainter, new_canvas
from sheetdesk.render.pdf_meta import attach_json
from sheetdesk.render.prefit import fitted_sheets
from sheetdesk.wareki import fiscal_year_label

TOC_TITLE = "目次"
SUMMARY_TITLE = "一覧表"
TOC_COLUMNS = (("施策番号", 30), ("政策名", 60), ("基本施策名", 180), ("施策統括課", 70), ("枚目", 25), ("ページ", 25))
SUMMARY_COLUMNS = (("施策番号", 28), ("基本施策名", 160), ("施策統括課", 60), ("4（1）", 45), ("4（2）", 45), ("6（2）", 22))
SUMMARY_HEADS = {
    "4（1）": "4（1）成果実績目標達成度",
    "4（2）": "4（2）時系列比較",
    "6（2）": "6（2）総合評価",
}
ROWS_PER_PAGE = 36
ROW_H = 6.8  # mm
TOP = 30.0  # mm, first row of a list page
LEFT = 20.0
SHADE = HexColor("#e6e6e6")

Progress = Callable[[int, int], None]


class BookletCancelled(Exception):
    """The person cancelled making the booklet; nothing was written."""


class BookletOverflow(OverflowError):
    """Sheets whose texts do not fit; each entry names the sheet and its fields."""

    def __init__(self, problems: list[tuple[str, list[Overflow]]]) -> None:
        self.problems = problems
        lines = [f"・{name}: " + "、".join(f"「{o.label}」" for o in found) for name, found in problems]
        super().__init__(f"枠に収まらない項目がある施策が{len(problems)}件あります。\n" + "\n".join(lines))


@dataclass(frozen=True)
class _Entry:
    form: FormDefinition
    sheet: Sheet
    code: str
    name: str
    policy: str
    section: str
    number: int  # 枚目
    first_page: int


def code_key(code: str) -> tuple:
    """施策番号 in natural order: 2-1 before 10-1, 1-2 before 1-10."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", code) if p)


def _grade(sheet: Sheet, form: FormDefinition, path: str, wording: bool) -> str:
    from sheetdesk.render.display import GRADE_SEPARATOR, grade_item

    code = sheet.text(path)
    if not code or not wording:
        return code
    words = next((g.wording for g in grade_item(form, path).grades if g.code == code), "")
    return f"{code}{GRADE_SEPARATOR}{words}" if words else code


class _ListPainter:
    """Cover, table of contents and 一覧表: simple ruled lists in the sheet's fonts."""

    def __init__(self, c: Canvas, layout: Layout) -> None:
        self.c = c
        self.w = layout.page.width * mm
        self.h = layout.page.height * mm

    def y(self, mm_from_top: float) -> float:
        return self.h - mm_from_top * mm

    def text_in(self, text: str, x: float, width: float, y_top: float, size: float, font: FontRole,
                align: str = "left") -> None:
        name = FONT_NAMES[font]
        size = min(size, (width - 3 * mm) / max(stringWidth(text, name, 1.0), 0.01))
        self.c.setFont(name, size)
        base = y_top - (ROW_H * mm + size * 0.7) / 2
        if align == "center":
            self.c.drawCentredString(x + width / 2, base, text)
        elif align == "right":
            self.c.drawRightString(x + width - 1.5 * mm, base, text)
        else:
            self.c.drawString(x + 1.5 * mm, base, text)

    def cover(self, title: str, municipality: str) -> None:
        c = self.c
        c.setFont(FONT_NAMES[FontRole.GOTHIC_BOLD], 40)
        c.drawCentredString(self.w / 2, self.h * 0.58, title)
        c.setFont(FONT_NAMES[FontRole.GOTHIC], 24)
        c.drawCentredString(self.w / 2, self.h * 0.40, municipality)
        c.showPage()

    def table(self, title: str, columns: Sequence[tuple[str, float]], rows: list[list[str]],
              aligns: Sequence[str], page_number: int) -> None:
        c = self.c
        c.setFont(FONT_NAMES[FontRole.GOTHIC_BOLD], 18)
        c.drawString(LEFT * mm, self.y(18), title)
        xs = [LEFT * mm]
        for _, wid in columns:
            xs.append(xs[-1] + wid * mm)
        for r, cells in enumerate([[h for h, _ in columns], *rows]):
            top = self.y(TOP + r * ROW_H)
            if r == 0:
                c.setFillColor(SHADE)
                c.rect(xs[0], top - ROW_H * mm, xs[-1] - xs[0], ROW_H * mm, stroke=0, fill=1)
                c.setFillColor(black)
            c.setLineWidth(0.5)
            for i, text in enumerate(cells):
                c.rect(xs[i], top - ROW_H * mm, xs[i + 1] - xs[i], ROW_H * mm, stroke=1, fill=0)
                if text:
                    self.text_in(text, xs[i], xs[i + 1] - xs[i], top, 10, FontRole.GOTHIC if r == 0 else FontRole.MINCHO,
                                 "center" if r == 0 else aligns[i])
        self.page_number(page_number)
        c.showPage()

    def page_number(self, n: int) -> None:
        self.c.setFont(FONT_NAMES[FontRole.GOTHIC], 10)
        self.c.drawRightString(self.w - 10 * mm, self.y(288) - 10, str(n))


def render_booklet(items: list[tuple[FormDefinition, Sheet]], progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None, *, allow_overflow: bool = False,
                   registry: FormRegistry | None = None) -> bytes:
    """One PDF: cover 「〔N〕年度 施策マネジメントシート」, 目次, 一覧表, then the sheets in 施策番号 order.

    ``progress(done, total)`` is called after each sheet; ``cancelled()`` is
    asked before each sheet and raises BookletCancelled when it says so.
    Raises BookletOverflow (naming each sheet and field) unless ``allow_overflow``.
    """
    if not items:
        raise ValueError("冊子にするシートがありません")
    registry = registry or default_registry()
    ordered = sorted(items, key=lambda fs: code_key(fs[1].identity(fs[0])["code"]))
    first_form, first_sheet = ordered[0]
    layout = layout_for(first_form, registry)
    pages_per_sheet = len(layout.pages)
    list_pages = math.ceil(len(ordered) / ROWS_PER_PAGE)
    first_sheet_page = 1 + 2 * list_pages + 1
    entries = []
    for i, (form, sheet) in enumerate(ordered):
        ident = sheet.identity(form)
        entries.append(_Entry(form, sheet, ident["code"], ident["name"], ident["policy"], ident["section"], i + 1,
                              first_sheet_page + i * pages_per_sheet))

    years = sorted({s.evaluation_year for _, s in ordered})
    year_label = "・".join(fiscal_year_label(y) for y in years)
    municipalities = sorted({s.plan.municipality for _, s in ordered})
    title = f"{year_label} {first_form.title}"
    buffer = io.BytesIO()
    c = new_canvas(buffer, layout, title, "・".join(municipalities), title)
    lists = _ListPainter(c, layout)
    lists.cover(title, "・".join(municipalities))

    page = 2
    for chunk in range(list_pages):
        part = entries[chunk * ROWS_PER_PAGE : (chunk + 1) * ROWS_PER_PAGE]
        rows = [[e.code, e.policy, e.name, e.section, f"{e.number}", f"{e.first_page}"] for e in part]
        lists.table(TOC_TITLE, TOC_COLUMNS, rows, ("left", "left", "left", "left", "right", "right"), page)
        page += 1
    for chunk in range(list_pages):
        part = entries[chunk * ROWS_PER_PAGE : (chunk + 1) * ROWS_PER_PAGE]
        rows = [[e.code, e.name, e.section, _grade(e.sheet, e.form, "s4.achievement_grade", True),
                 _grade(e.sheet, e.form, "s4.trend_grade", True), e.sheet.text("s6.overall_grade")] for e in part]
        columns = [(SUMMARY_HEADS.get(h, h), w) for h, w in SUMMARY_COLUMNS]
        lists.table(SUMMARY_TITLE, columns, rows, ("left", "left", "left", "left", "left", "center"), page)
        page += 1

    painters: dict[int, SheetPainter] = {}
    problems: list[tuple[str, list[Overflow]]] = []
    fitted = fitted_sheets([(e.form, e.sheet, layout_for(e.form, registry)) for e in entries])
    with closing(fitted):  # stops a fitting child process if drawing ends early
        for done, e in enumerate(entries):
            if cancelled is not None and cancelled():
                raise BookletCancelled("冊子の作成を中止しました")
            pages = next(fitted)
            sheet_layout = layout_for(e.form, registry)
            found = overflows(e.form, e.sheet, pages)
            if found:
                problems.append((f"{e.code} {e.name}", found))
            if not problems or allow_overflow:
                painter = painters.get(id(sheet_layout)) or painters.setdefault(
                    id(sheet_layout), SheetPainter(c, sheet_layout))
                page += painter.draw_pages(pages, e.sheet, e.number, page)
            if progress is not None:
                progress(done + 1, len(entries))
    if problems and not allow_overflow:
        raise BookletOverflow(problems)
    attach_json(c, dump_document(registry, [e.sheet for e in entries]).encode("utf-8"))
    c.save()
    return buffer.getvalue()
