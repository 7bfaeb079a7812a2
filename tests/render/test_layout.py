"""Every layout file loads, places every printed field of its form, and its labels fit."""

from __future__ import annotations

from pathlib import Path

import pytest

from sheetdesk.forms import FormError, PlanContext, load_form_file
from sheetdesk.forms.definition import FieldKind
from sheetdesk.forms.loader import default_forms_dir, form_files
from sheetdesk.render.fit import TextBox, fit_text
from sheetdesk.render.geometry import place
from sheetdesk.render.layout import FlowLayout, load_layout_file

CTX = PlanContext("国立市", "第２次基本計画", 2020, 2027, 2023)
LONG_PLAN = PlanContext("国立市", "第３次基本計画", 2028, 2037, 2030)  # a 10-year plan
LAYOUTS = sorted(default_forms_dir().glob("*.layout.yaml"))
# flow layouts are placed by the flow renderer, written on another branch; until it is merged the
# fixed-box checks below fail for them, and must (strict), so that its arrival is noticed
_FLOW = pytest.mark.xfail(strict=True, reason="flow renderer on branch render")
PLACED_LAYOUTS = [
    pytest.param(p, marks=_FLOW) if isinstance(load_layout_file(p), FlowLayout) else p for p in LAYOUTS
]
NOT_PRINTED_KINDS = {FieldKind.DIRECTION, FieldKind.GRADE_SUGGESTION}


def _form_of(layout_path: Path):
    layout = load_layout_file(layout_path)
    return layout, next(f for f in map(load_form_file, form_files()) if f.id == layout.form)


def test_there_is_a_layout_for_every_form_that_names_one() -> None:
    for path in form_files():
        form = load_form_file(path)
        if form.layout:
            assert (default_forms_dir() / form.layout).is_file(), path.name


@pytest.mark.parametrize("path", PLACED_LAYOUTS, ids=lambda p: p.name)
@pytest.mark.parametrize("ctx", [CTX, LONG_PLAN], ids=["8-years", "10-years"])
def test_every_printed_field_has_a_box(path: Path, ctx: PlanContext) -> None:
    layout, form = _form_of(path)
    placed = place(layout, form, ctx)
    printed = {p for p, spec in form.fields(ctx).items() if spec.printed and spec.kind not in NOT_PRINTED_KINDS}
    assert printed - set(placed.by_path) == set()
    for page in placed.pages:
        for p in page:
            assert p.x + p.w <= layout.page.width + 0.01 and p.y + p.h <= layout.page.height + 0.01, p


@pytest.mark.parametrize("path", PLACED_LAYOUTS, ids=lambda p: p.name)
def test_every_label_fits_its_box(path: Path) -> None:
    layout, form = _form_of(path)
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
