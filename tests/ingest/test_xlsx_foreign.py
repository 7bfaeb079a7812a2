"""A city's own Excel sheet, in layouts nobody here designed for, comes in as the sheet it shows."""

from __future__ import annotations

import time
from decimal import Decimal

import openpyxl
import pytest

from ingest.foreign_workbooks import UNEVALUABLE, VARIANTS
from sheetdesk.glossary import Direction, Mark
from sheetdesk.ingest import REVIEW_THRESHOLD, read_file
from sheetdesk.ingest.xlsx_foreign import read_foreign_xlsx

NAMES = [v.name for v in VARIANTS]


@pytest.mark.parametrize("variant", NAMES)
def test_every_printed_value_is_read_as_typed(variant, foreign_xlsx, standard_form, expected) -> None:
    result = read_foreign_xlsx(foreign_xlsx[variant], standard_form)
    sheet = result.sheet
    assert (sheet.evaluation_year, sheet.plan.start_year, sheet.plan.end_year) == (2023, 2020, 2027)
    assert sheet.plan.municipality == "国立市"
    assert sheet.plan.name == "第２次基本計画"  # as printed, full-width digit kept
    skip = {UNEVALUABLE[0]} if variant == "moved_one_sheet" else set()
    wrong = {p: (v, sheet.values.get(p)) for p, v in expected.items() if p not in skip and sheet.values.get(p) != v}
    assert wrong == {}
    assert set(sheet.values) - set(expected) <= {p for p in sheet.values if p.endswith(".direction")}


def test_user_text_keeps_its_full_width_digits_and_marks_stay_marks(foreign_xlsx, standard_form) -> None:
    sheet = read_foreign_xlsx(foreign_xlsx["fullwidth_synonyms"], standard_form).sheet
    assert "（２施設にWi-Fiを試行導入）" in sheet.values["s5.current_work"]
    assert sheet.values["cost.national.2023"] == Decimal("4705")  # typed as '４，７０５'
    assert sheet.values["cost.national.2022"] is Mark.NOT_APPLICABLE
    assert sheet.values["outcome.3.a.actual.2022"] is Mark.NOT_COUNTED


def test_formula_without_stored_result_is_flagged_not_guessed(foreign_xlsx, standard_form) -> None:
    result = read_foreign_xlsx(foreign_xlsx["moved_one_sheet"], standard_form)
    path = UNEVALUABLE[0]
    assert path not in result.sheet.values
    assert path in result.needs_review()
    assert any("数式の結果が保存されていない" in w and "令和5年度" in w for w in result.warnings)
    # the SUM rows had no stored result either; they were evaluated and agree with the parts
    assert not any("一致しません" in w for w in result.warnings)


def test_each_value_points_at_the_cell_it_came_from(foreign_xlsx, standard_form) -> None:
    path = foreign_xlsx["kunitachi_like"]
    result = read_foreign_xlsx(path, standard_form)
    wb = openpyxl.load_workbook(path)
    for field in ("header.measure_name", "s6.issues", "outcome.1.a.actual.2022", "target.b.name"):
        ref = result.sources[field].cell
        assert ref is not None
        sheet_name, cell = ref.split("!")
        assert str(wb[sheet_name][cell].value) == str(result.sheet.values[field])


def test_direction_is_guessed_from_the_targets_and_left_for_review(foreign_xlsx, standard_form) -> None:
    result = read_foreign_xlsx(foreign_xlsx["kunitachi_like"], standard_form)
    assert result.sheet.values["outcome.3.a.direction"] is Direction.LOWER_IS_BETTER
    assert result.sheet.values["outcome.1.a.direction"] is Direction.HIGHER_IS_BETTER
    assert result.confidence["outcome.3.a.direction"] < REVIEW_THRESHOLD
    assert any("施策番号" in w for w in result.warnings)


def test_read_file_takes_a_foreign_workbook_by_its_content(foreign_xlsx, registry, tmp_path) -> None:
    renamed = tmp_path / "シート（提出用）"
    renamed.write_bytes(foreign_xlsx["western_years"].read_bytes())
    [result] = read_file(renamed, registry)
    assert not result.exact
    assert result.sheet.values["header.lead_head"] == "田代和広"


def test_import_is_fast_on_a_two_worksheet_grid_workbook(foreign_xlsx, standard_form) -> None:
    """Not a benchmark (see benchmarks/bench_ingest.py): a guard against a 10x regression."""
    path = foreign_xlsx["kunitachi_like"]
    read_foreign_xlsx(path, standard_form)
    start = time.perf_counter()
    read_foreign_xlsx(path, standard_form)
    assert time.perf_counter() - start < 3.0


def test_our_export_without_its_json_is_read_by_its_labels(registry, standard_form, tmp_path) -> None:
    """A layout not drawn for these tests (the renderer's), after someone deleted the hidden JSON sheet."""
    import io

    from sheetdesk.app.samples import sample_paths
    from sheetdesk.exchange import parse_document
    from sheetdesk.forms.definition import FieldKind
    from sheetdesk.render.xlsx import JSON_SHEET, render_xlsx

    sample = next(p for p in sample_paths() if p.name == "kunitachi-2023.json")
    [sheet] = parse_document(sample.read_bytes(), sample.name, registry)
    wb = openpyxl.load_workbook(io.BytesIO(render_xlsx(standard_form, sheet, registry=registry)))
    del wb[JSON_SHEET]
    path = tmp_path / "resaved.xlsx"
    wb.save(path)
    [result] = read_file(path, registry)
    assert not result.exact
    specs = standard_form.fields(sheet.context)
    wrong = [p for p, v in sheet.values.items()
             if specs[p].printed and specs[p].kind is not FieldKind.DIRECTION and result.sheet.values.get(p) != v]
    assert wrong == []
