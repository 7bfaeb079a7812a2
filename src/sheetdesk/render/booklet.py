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
import re
from collections.abc import Callable, Mapping, Sequence
from contextlib import closing
from dataclasses import dataclass

from reportlab.lib.colors import HexColor, black
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from sheetdesk.exchange import dump_document
from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.fields import FieldKind, FieldSpec, PlanContext
from sheetdesk.forms.loader import FormError, FormRegistry, default_registry
from sheetdesk.model.kinds import handler
from sheetdesk.model.rules import effective_values
from sheetdesk.model.sheet import Sheet, Value
from sheetdesk.render.display import GRADE_SEPARATOR, LEGEND_SEPARATOR
from sheetdesk.render.fit import FittedBox, Overflow, overflows
from sheetdesk.render.fonts import FONT_NAMES, FontRole
from sheetdesk.render.layout import FlowLayout, Layout, SummaryColumn, any_layout_for
from sheetdesk.render.pdf import SheetPainter, new_canvas, sheet_pages
from sheetdesk.render.pdf_meta import attach_json
from sheetdesk.render.prefit import fitted_sheets
from sheetdesk.wareki import fiscal_year_label

TOC_TITLE = "目次"
SUMMARY_TITLE = "一覧表"
FORM_COLUMN = "様式"  # 目次 of a booklet mixing families names each sheet's form
NUMBER_COLUMN, PAGE_COLUMN = "枚目", "ページ"
# 目次 columns: the forms' identity fields (their labels), by role, and their shares of the width
TOC_ROLES = (("code", 30.0), ("policy", 60.0), ("name", 180.0), ("section", 70.0))
NUMBER_W = 25.0
ROW_H = 6.8  # mm
TOP = 30.0  # mm, first row of a list page
LEFT = 20.0
BOTTOM = 15.0  # mm kept free below the rows (the page number)
LEGEND_LINE = 4.2  # mm per legend line below an 一覧表
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


@dataclass
class _Entry:
    form: FormDefinition
    sheet: Sheet
    layout: Layout | FlowLayout
    ident: dict[str, str]
    number: int  # 枚目
    pages: list[list[FittedBox]] | None = None  # a flow sheet's pages, fitted ahead (their count is its own)
    first_page: int = 0

    @property
    def page_count(self) -> int:
        return len(self.pages) if self.pages is not None else len(self.layout.pages)  # type: ignore[union-attr]


def code_key(code: str) -> tuple:
    """施策番号 in natural order: 2-1 before 10-1, 1-2 before 1-10."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", code) if p)


class _ListPainter:
    """Cover, table of contents and 一覧表: simple ruled lists in the sheet's fonts, on the first sheet's paper."""

    def __init__(self, c: Canvas, layout: Layout | FlowLayout) -> None:
        self.c = c
        self.w = layout.page.width * mm
        self.h = layout.page.height * mm

    def rows_per_page(self, legend_lines: int = 0) -> int:
        free = self.h / mm - TOP - BOTTOM - (legend_lines * LEGEND_LINE + 4 if legend_lines else 0)
        return max(int(free // ROW_H) - 1, 1)  # the header row takes one

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
        c.setPageSize((self.w, self.h))
        c.setFont(FONT_NAMES[FontRole.GOTHIC_BOLD], 40 if self.w > 300 * mm else 26)
        c.drawCentredString(self.w / 2, self.h * 0.58, title)
        c.setFont(FONT_NAMES[FontRole.GOTHIC], 24)
        c.drawCentredString(self.w / 2, self.h * 0.40, municipality)
        c.showPage()

    def table(self, title: str, columns: Sequence[tuple[str, float]], rows: list[list[str]],
              aligns: Sequence[str], page_number: int, legends: Sequence[tuple[str, list[str]]] = ()) -> None:
        """One page of a list; column widths are shares of the page's width; ``legends`` below the rows."""
        c = self.c
        c.setPageSize((self.w, self.h))
        c.setFont(FONT_NAMES[FontRole.GOTHIC_BOLD], 18)
        c.drawString(LEFT * mm, self.y(18), title)
        total = sum(w for _, w in columns) or 1.0
        xs = [LEFT * mm]
        for _, wid in columns:
            xs.append(xs[-1] + (self.w - 2 * LEFT * mm) * wid / total)
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
        self.legends(legends, TOP + (len(rows) + 1) * ROW_H + 4)
        self.page_number(page_number)
        c.showPage()

    def legends(self, legends: Sequence[tuple[str, list[str]]], top: float) -> None:
        """Each coded column's wordings (「A：…」), side by side below the table."""
        if not legends:
            return
        width = (self.w - 2 * LEFT * mm) / len(legends)
        for i, (head, lines) in enumerate(legends):
            x = LEFT * mm + i * width
            for n, line in enumerate([head, *lines]):
                font = FONT_NAMES[FontRole.GOTHIC_BOLD if n == 0 else FontRole.GOTHIC]
                size = min(8.0, (width - 4 * mm) / max(stringWidth(line, font, 1.0), 0.01))
                self.c.setFont(font, size)
                self.c.drawString(x, self.y(top + n * LEGEND_LINE) - 8, line)

    def page_number(self, n: int) -> None:
        self.c.setFont(FONT_NAMES[FontRole.GOTHIC], 10)
        self.c.drawRightString(self.w - 10 * mm, 9 * mm, str(n))


def _role_label(forms: Sequence[FormDefinition], role: str, ctx: PlanContext) -> str | None:
    """The label of an identity field, from the first form that has one for ``role``."""
    for form in forms:
        path = form.identity.roles().get(role)
        if path is not None:
            spec = form.fields(ctx).get(path)
            if spec is not None:
                return spec.short_label or spec.label
    return None


def _summary(form: FormDefinition, layout: Layout | FlowLayout, ctx: PlanContext) -> list[tuple[SummaryColumn, FieldSpec]]:
    out = []
    for col in layout.summary:
        spec = form.fields(ctx).get(col.path)
        if spec is None:
            raise FormError(f"印刷レイアウト（様式「{form.id}」）の一覧表の項目「{col.path}」は様式にありません")
        out.append((col, spec))
    return out


def _summary_text(values: Mapping[str, Value], col: SummaryColumn, spec: FieldSpec) -> str:
    value = values.get(spec.path)
    if value is None:
        return ""
    if col.show == "code" and spec.options and isinstance(value, str):
        return value
    return handler(spec).show(spec, value) if spec.kind is not FieldKind.GRADE else (
        f"{value}{GRADE_SEPARATOR}{dict(spec.options).get(str(value), '')}".rstrip(GRADE_SEPARATOR))


def _chunks(entries: list[_Entry], size: int) -> list[list[_Entry]]:
    return [entries[i : i + size] for i in range(0, len(entries), size)] or [[]]


class _Toc:
    """The 目次: the forms' identity columns (a 様式 column when families mix), 枚目 and first page."""

    def __init__(self, forms: list[FormDefinition], ctx: PlanContext, per_page: int, entries: list[_Entry]) -> None:
        self.mixed = len(forms) > 1
        self.roles = [(role, label, w) for role, w in TOC_ROLES if (label := _role_label(forms, role, ctx)) is not None]
        self.columns = [(label, w) for _, label, w in self.roles]
        if self.mixed:
            self.columns.insert(0, (FORM_COLUMN, 70.0))
        self.columns += [(NUMBER_COLUMN, NUMBER_W), (PAGE_COLUMN, NUMBER_W)]
        self.chunks = _chunks(entries, per_page)

    def draw(self, lists: _ListPainter, page: int) -> int:
        aligns = ["left"] * (len(self.columns) - 2) + ["right", "right"]
        for part in self.chunks:
            rows = [([e.form.title] if self.mixed else []) + [e.ident[r] for r, _, _ in self.roles]
                    + [f"{e.number}", f"{e.first_page}"] for e in part]
            lists.table(TOC_TITLE, self.columns, rows, aligns, page)
            page += 1
        return page


@dataclass
class _SummaryList:
    """One form's 一覧表: its sheets' identity and the layout's summary columns, codes with a legend."""

    form: FormDefinition
    columns: list[tuple[SummaryColumn, FieldSpec]]
    legends: list[tuple[str, list[str]]]
    chunks: list[list[_Entry]]
    roles: list[str]
    heads: list[tuple[str, float]]

    @classmethod
    def of(cls, form: FormDefinition, entries: list[_Entry], ctx: PlanContext,
           lists: _ListPainter) -> _SummaryList | None:
        mine = [e for e in entries if e.form is form]
        columns = _summary(form, mine[0].layout, ctx)
        if not columns:
            return None
        legends = [(col.label or spec.label, [f"{code}{LEGEND_SEPARATOR}{words}" for code, words in spec.options])
                   for col, spec in columns if col.show == "code" and spec.options]
        per_page = lists.rows_per_page(max((len(lines) + 1 for _, lines in legends), default=0))
        roles = [r for r in ("code", "name", "section") if r in form.identity.roles()]
        heads = [(_role_label([form], r, ctx) or r, w) for r, w in TOC_ROLES if r in roles]
        heads += [(col.label or spec.label, 45.0 * col.width) for col, spec in columns]
        return cls(form, columns, legends, _chunks(mine, per_page), roles, heads)

    def draw(self, lists: _ListPainter, page: int, mixed: bool) -> int:
        heading = f"{SUMMARY_TITLE}　{self.form.title}" if mixed else SUMMARY_TITLE
        aligns = ["left"] * len(self.roles) + ["center" if col.show == "code" else "left" for col, _ in self.columns]
        for part in self.chunks:
            rows = []
            computed = any(spec.computed for _, spec in self.columns)
            for e in part:
                values = effective_values(e.form, e.sheet) if computed else e.sheet.values
                rows.append([e.ident[r] for r in self.roles]
                            + [_summary_text(values, col, spec) for col, spec in self.columns])
            lists.table(heading, self.heads, rows, aligns, page, self.legends)
            page += 1
        return page


def _draw_sheets(c: Canvas, entries: list[_Entry], page: int, allow_overflow: bool, progress: Progress | None,
                 cancelled: Callable[[], bool] | None) -> list[tuple[str, list[Overflow]]]:
    """Every sheet in its own layout; the sheets whose texts overflow (drawn only when allowed)."""
    painters: dict[int, SheetPainter] = {}
    problems: list[tuple[str, list[Overflow]]] = []
    fixed = [e for e in entries if e.pages is None]
    fitted = fitted_sheets([(e.form, e.sheet, e.layout) for e in fixed])  # type: ignore[misc]
    with closing(fitted):  # stops a fitting child process if drawing ends early
        for done, e in enumerate(entries):
            if cancelled is not None and cancelled():
                raise BookletCancelled("冊子の作成を中止しました")
            pages = e.pages if e.pages is not None else next(fitted)
            found = overflows(e.form, e.sheet, pages)
            if found:
                problems.append((f"{e.ident['code']} {e.ident['name']}", found))
            if not problems or allow_overflow:
                painter = painters.get(id(e.layout)) or painters.setdefault(id(e.layout), SheetPainter(c, e.layout))
                page += painter.draw_pages(pages, e.sheet, e.number, page, form=e.form)
            e.pages = None  # drawn: let it go
            if progress is not None:
                progress(done + 1, len(entries))
    return problems


def render_booklet(items: list[tuple[FormDefinition, Sheet]], progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None, *, allow_overflow: bool = False,
                   registry: FormRegistry | None = None) -> bytes:
    """One PDF: cover 「〔N〕年度 施策マネジメントシート」, 目次, 一覧表, then the sheets in 施策番号 order.

    Sheets of several forms may be mixed: each prints in its own layout (and
    paper); the 目次 columns are the forms' identity labels, and each form
    with `summary` columns in its layout gets its own 一覧表, coded values
    explained by a legend. ``progress(done, total)`` is called after each
    sheet; ``cancelled()`` is asked before each sheet and raises
    BookletCancelled when it says so. Raises BookletOverflow (naming each
    sheet and field) unless ``allow_overflow``.
    """
    if not items:
        raise ValueError("冊子にするシートがありません")
    registry = registry or default_registry()
    ordered = sorted(items, key=lambda fs: code_key(fs[1].identity(fs[0])["code"]))
    first_form, first_sheet = ordered[0]
    entries = [_Entry(form, sheet, any_layout_for(form, registry), sheet.identity(form), i + 1)
               for i, (form, sheet) in enumerate(ordered)]
    for e in entries:  # a flow sheet's page count is known once it is laid out
        if isinstance(e.layout, FlowLayout):
            e.pages = sheet_pages(e.form, e.sheet, e.layout)
    forms = list({id(e.form): e.form for e in entries}.values())
    ctx = first_sheet.context
    years = sorted({s.evaluation_year for _, s in ordered})
    year_label = "・".join(fiscal_year_label(y) for y in years)
    municipalities = sorted({s.plan.municipality for _, s in ordered})
    title = f"{year_label} {'・'.join(f.title for f in forms)}"
    buffer = io.BytesIO()
    c = new_canvas(buffer, entries[0].layout, title, "・".join(municipalities), title)
    lists = _ListPainter(c, entries[0].layout)

    toc = _Toc(forms, ctx, lists.rows_per_page(), entries)
    summaries = [found for form in forms if (found := _SummaryList.of(form, entries, ctx, lists)) is not None]
    page = 2 + len(toc.chunks) + sum(len(sm.chunks) for sm in summaries)
    for e in entries:
        e.first_page = page
        page += e.page_count

    lists.cover(title, "・".join(municipalities))
    page = toc.draw(lists, 2)
    for sm in summaries:
        page = sm.draw(lists, page, len(summaries) > 1)
    problems = _draw_sheets(c, entries, page, allow_overflow, progress, cancelled)
    if problems and not allow_overflow:
        raise BookletOverflow(problems)
    attach_json(c, dump_document(registry, [e.sheet for e in entries]).encode("utf-8"))
    c.save()
    return buffer.getvalue()
