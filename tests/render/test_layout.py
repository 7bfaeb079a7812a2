"""Every layout file loads, places every printed field of its form, and its labels fit.

Fixed-box layouts are checked on their placed boxes; flow layouts (the shipped
ones, the hand-written ones of flow_forms and the automatic layout of a form
with none) on the pages of a sheet whose every field is filled and whose
every repeat has two rows, since their boxes exist only for a sheet's rows.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sheetdesk.forms import FormError, PlanContext, load_form_file
from sheetdesk.forms.definition import FieldKind
from sheetdesk.forms.fields import FieldSpec
from sheetdesk.forms.loader import default_forms_dir, form_files
from sheetdesk.model import Plan, Sheet
from sheetdesk.model.kinds import handler
from sheetdesk.render.fit import TextBox, fit_text
from sheetdesk.render.geometry import place
from sheetdesk.render.layout import FlowLayout, Layout, automatic_layout, load_layout_file
from sheetdesk.render.pdf import sheet_pages

from .flow_forms import write_forms

CTX = PlanContext("国立市", "第２次基本計画", 2020, 2027, 2023)
LONG_PLAN = PlanContext("国立市", "第３次基本計画", 2028, 2037, 2030)  # a 10-year plan
LAYOUTS = sorted(default_forms_dir().glob("*.layout.yaml"))
NOT_PRINTED_KINDS = {FieldKind.DIRECTION, FieldKind.GRADE_SUGGESTION, FieldKind.ROWS}
UNSHIPPED = Path(__file__).parents[1] / "forms" / "unshipped" / "jimu-jigyo.yaml"
# what a person might type in a field of each kind (parsed by the kind's own handler)
TYPED = {FieldKind.TEXT: "記入した文章", FieldKind.LIST: "一つ目\n二つ目", FieldKind.NUMBER: "1,234",
         FieldKind.MEASURE: "12人", FieldKind.DATE: "令和5年4月1日", FieldKind.GRADE: "B"}


def _form_of(layout_path: Path):
    layout = load_layout_file(layout_path)
    forms = [*map(load_form_file, form_files()), *map(load_form_file, form_files(layout_path.parent))]
    return layout, next(f for f in forms if f.id == layout.form)


@pytest.fixture(scope="module")
def flow_cases(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, FlowLayout, object]]:
    """(name, flow layout, form): shipped flow layouts, hand-written ones, and automatic ones."""
    d = tmp_path_factory.mktemp("forms")
    write_forms(d)
    out = []
    for path in [*LAYOUTS, *sorted(d.glob("kyodo-*.layout.yaml"))]:
        layout, form = _form_of(path)
        if isinstance(layout, FlowLayout):
            out.append((path.name, layout, form))
    for form in (load_form_file(UNSHIPPED), load_form_file(d / "genjo-kadai.yaml")):
        out.append((f"{form.id} (automatic)", automatic_layout(form), form))
    return out


def _typed(spec: FieldSpec):
    if spec.kind is FieldKind.CHOICE:
        first = spec.options[0][0]
        return (first,) if spec.multiple else first
    return handler(spec).parse(spec, TYPED.get(spec.kind, "記入"))


def filled_sheet(form, ctx: PlanContext) -> Sheet:
    """Every repeat with two rows (nested ones too), every field that is typed filled."""
    sheet = Sheet(form.id, form.version, Plan(ctx.municipality, ctx.plan_name, ctx.plan_start_year,
                                             ctx.plan_end_year), ctx.evaluation_year)
    while True:
        specs = form.fields(ctx, sheet.values)
        rows = [p for p, s in specs.items() if s.kind is FieldKind.ROWS and p not in sheet.values]
        if not rows:
            break
        sheet.values.update({p: ("1", "2") for p in rows})
    for path, spec in specs.items():
        if not spec.computed and spec.kind not in NOT_PRINTED_KINDS and path not in sheet.values:
            sheet.values[path] = _typed(spec)
    return sheet


@pytest.mark.parametrize("ctx", [CTX, LONG_PLAN], ids=["8-years", "10-years"])
def test_every_printed_field_of_a_flow_layout_has_a_box(flow_cases, ctx: PlanContext) -> None:
    assert any("automatic" in name for name, _, _ in flow_cases) and any("kyodo" in n for n, _, _ in flow_cases)
    for name, layout, form in flow_cases:
        sheet = filled_sheet(form, ctx)
        pages = sheet_pages(form, sheet, layout)
        placed = {b.placed.path for page in pages for b in page if b.placed.path}
        printed = {p for p, spec in form.fields(ctx, sheet.values).items()
                   if spec.printed and spec.kind not in NOT_PRINTED_KINDS}
        assert printed - placed == set(), name
        for page in pages:
            for b in page:
                p = b.placed
                assert p.x + p.w <= layout.page.width + 0.01 and p.y + p.h <= layout.page.height + 0.01, (name, p)
                if p.text:  # the form's words (labels, headings) fit their cells
                    assert b.fit.fits, (name, p.text)


def test_there_is_a_layout_for_every_form_that_names_one() -> None:
    for path in form_files():
        form = load_form_file(path)
        if form.layout:
            assert (default_forms_dir() / form.layout).is_file(), path.name


FIXED = [p for p in LAYOUTS if isinstance(load_layout_file(p), Layout)]


@pytest.mark.parametrize("path", FIXED, ids=lambda p: p.name)
@pytest.mark.parametrize("ctx", [CTX, LONG_PLAN], ids=["8-years", "10-years"])
def test_every_printed_field_has_a_box(path: Path, ctx: PlanContext) -> None:
    layout, form = _form_of(path)
    assert isinstance(layout, Layout)
    placed = place(layout, form, ctx)
    printed = {p for p, spec in form.fields(ctx).items() if spec.printed and spec.kind not in NOT_PRINTED_KINDS}
    assert printed - set(placed.by_path) == set()
    for page in placed.pages:
        for p in page:
            assert p.x + p.w <= layout.page.width + 0.01 and p.y + p.h <= layout.page.height + 0.01, p


@pytest.mark.parametrize("path", FIXED, ids=lambda p: p.name)
def test_every_label_fits_its_box(path: Path) -> None:
    layout, form = _form_of(path)
    assert isinstance(layout, Layout)
    for page in place(layout, form, CTX).pages:
        for p in page:
            if p.text and not p.vertical:
                assert fit_text(p.text, TextBox.of(p, layout.style)).fits, p.text


def test_year_columns_follow_the_plan_period(standard_form) -> None:
    layout = load_layout_file(default_forms_dir() / "shisaku-management.layout.yaml")
    eight = [p for p in place(layout, standard_form, CTX).pages[0] if p.text and p.text.endswith("年度") and p.h == 7]
    ten = [p for p in place(layout, standard_form, LONG_PLAN).pages[0] if p.text and p.text.endswith("年度") and p.h == 7]
    assert [p.text for p in eight] == [f"R{n}年度" for n in range(2, 10)]
    assert [p.text for p in ten] == [f"R{n}年度" for n in range(10, 20)]
    assert sum(p.w for p in eight) == pytest.approx(sum(p.w for p in ten))


def test_a_broken_table_names_file_and_row(tmp_path: Path) -> None:
    text = (default_forms_dir() / "shisaku-management.layout.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "city.layout.yaml"
    bad.write_text(text.replace("head: [18, 52, 18, 45, 14, 50]", "head: [18, 52, 18, 45, 14, 30, 20]", 1),
                   encoding="utf-8")
    with pytest.raises(FormError) as info:
        load_layout_file(bad)
    assert "city.layout.yaml" in str(info.value)
    assert "pages[0].boxes[2]" in str(info.value) and "columns [6] empty" in str(info.value)
