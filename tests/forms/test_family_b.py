"""Family B, the 協働 action plan's evaluation table (forms/kyodo-action-plan.yaml), as its staff use it.

The sample (data/samples/family-b-kyodo-2023.json) is checked against the
published sheet's extracted text (data/seeds/kyodo-action-plan-003.txt, a copy
of ../shared/seeds/003), which the code did not make: every text is the
sheet's own, every 事業 row of the seed is there, and the marks a user reads
(協働の相手 ①–⑦, 事業の評価 Ａ–D, 基準値/目標値/現状値) are the ones printed
in the seed's rows, in the seed's order.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sheetdesk
from sheetdesk.app.rollover import roll_over, unchanged_texts
from sheetdesk.app.samples import sample_paths
from sheetdesk.app.validation import validate
from sheetdesk.exchange import dump_document, parse_document
from sheetdesk.forms import FieldKind, FormRegistry, PlanContext, default_registry
from sheetdesk.model import Sheet
from sheetdesk.model.kinds import handler
from sheetdesk.render.layout import FlowLayout, any_layout_for
from sheetdesk.store import SheetStore

SEED = Path(sheetdesk.__file__).resolve().parent / "data" / "seeds" / "kyodo-action-plan-003.txt"
SAMPLE = "family-b-kyodo-2023.json"
FORM_ID = "kyodo-action-plan"
PROCESS = "plan.processes.3"


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def flat(text: str) -> str:
    """Without the extractor's line breaks and spaces (a cell's text wraps at its width)."""
    return re.sub(r"\s", "", text)


@pytest.fixture(scope="module")
def registry() -> FormRegistry:
    return default_registry()


@pytest.fixture(scope="module")
def form(registry: FormRegistry):
    return registry.latest(FORM_ID)


@pytest.fixture(scope="module")
def sample_file() -> Path:
    return next(p for p in sample_paths() if p.name == SAMPLE)


@pytest.fixture
def sheet(sample_file: Path, registry: FormRegistry) -> Sheet:
    [sheet] = parse_document(sample_file.read_bytes(), sample_file.name, registry)
    return sheet


def projects(sheet: Sheet) -> list[str]:
    """The path of every 事業 row, in the paper's order (プロセス, then 項目, then 事業)."""
    out = []
    for p in sheet.values["plan.processes"]:
        for i in sheet.values[f"plan.processes.{p}.items"]:
            item = f"plan.processes.{p}.items.{i}"
            out += [f"{item}.projects.{n}" for n in sheet.values[f"{item}.projects"]]
    return out


def shown(form, sheet: Sheet, path: str) -> str:
    spec = form.fields(sheet.context, sheet.values)[path]
    return handler(spec).show(spec, sheet.values.get(path))


# --- the form ---------------------------------------------------------------------


def test_the_form_nests_processes_items_and_projects_with_the_sheets_words(form, sheet: Sheet) -> None:
    assert form.title == "行動計画評価表" and form.layout == "kyodo-action-plan.layout.yaml"
    specs = form.fields(sheet.context, sheet.values)
    row = f"{PROCESS}.items.2.projects.1"
    assert specs[f"{row}.name"].label == "プロセス3 項目2 事業1 事業名"
    assert specs[f"{PROCESS}.items.1.projects"].max_rows == 200
    assert specs[f"{PROCESS}.items.1.projects"].min_rows == 1
    # the column headings of the seed, 和暦 years filled from the evaluation year (令和5年度)
    words = flat(seed_text())
    headings = [specs[f"{row}.{key}"].short_label for key in (
        "status.work", "status.partners", "status.evaluation", "status.effect",
        "indicator.values.base", "indicator.values.target", "indicator.values.current")]
    assert headings == ["取組内容", "協働の相手", "事業の評価", "効果、理由（問題点）",
                        "基準値（R3)", "目標値（R9)", "現状値（R5)"]
    assert all(h in words for h in headings)
    assert "（１）令和5年度実施状況" in specs[f"{row}.status.work"].label
    assert "（１）令和5年度実施状況" in words and "（２）目標指標の状況" in words
    assert specs[f"{row}.indicator.values.current"].year == 2023
    # rows nobody has added yet answer by pattern, up to the 200th 事業
    assert specs.get("plan.processes.9.items.4.projects.200.status.effect").kind is FieldKind.TEXT


def test_check_box_groups_offer_the_sheets_marks(form, sheet: Sheet) -> None:
    specs = form.fields(sheet.context, sheet.values)
    partners = specs[f"{PROCESS}.items.1.projects.1.status.partners"]
    grade = specs[f"{PROCESS}.items.1.projects.1.status.evaluation"]
    assert partners.multiple and [w for _, w in partners.options] == list("①②③④⑤⑥⑦")
    assert "①～⑦" in seed_text()  # the heading of the column names the same marks
    assert not grade.multiple and [w for _, w in grade.options] == ["Ａ", "Ｂ", "C", "D"]
    parse = handler(partners).parse
    assert parse(partners, "①②③④⑤\n⑥⑦") == tuple("1234567")  # as the seed breaks it in the box
    assert handler(grade).parse(grade, "Ｃ") == "C"


# --- the sample -------------------------------------------------------------------


def test_every_projects_row_of_the_seed_is_in_the_sample(form, sheet: Sheet) -> None:
    # each 事業 row of the seed prints its 協働の相手 marks followed by its 事業の評価 (one per row)
    printed = re.findall(r"^([①-⑦]+)(?:\n([①-⑦]+))?\s*\n*([ＡＢＣＤABCD])", seed_text(), flags=re.M)
    rows = projects(sheet)
    assert len(printed) == len(rows) == 15
    for path, (first, second, mark) in zip(rows, printed, strict=True):
        assert shown(form, sheet, f"{path}.status.partners") == first + second, path
        assert shown(form, sheet, f"{path}.status.evaluation") == mark, path


def test_every_text_of_the_sample_is_the_seeds_own(form, sheet: Sheet) -> None:
    words = flat(seed_text())
    specs = form.fields(sheet.context, sheet.values)
    texts = [(p, v) for p, v in sheet.values.items()
             if isinstance(v, str) and specs[p].kind in (FieldKind.TEXT, FieldKind.MEASURE)]
    assert len(texts) >= 15 * 7
    for path, value in texts:
        if path == "header.code":  # not printed; inferred (samples/README.md)
            continue
        assert flat(value) in words, path


def test_each_target_indicator_prints_its_name_over_base_target_and_current(form, sheet: Sheet) -> None:
    words = flat(seed_text())
    for row in projects(sheet):
        name = sheet.text(f"{row}.indicator.name")
        cells = [shown(form, sheet, f"{row}.indicator.values.{k}") for k in ("base", "target", "current")]
        # the seed prints the indicator's name in each of the three cells, then the value
        assert "".join(name + c for c in cells) in words, row
    first = f"{PROCESS}.items.1.projects.1.indicator.values"
    assert [sheet.values[f"{first}.{k}"] for k in ("base", "target", "current")] == ["17件", "30件", "45件"]
    school = f"{PROCESS}.items.2.projects.4.indicator.values.base"
    assert sheet.values[school] == "-"  # a mark stays a mark, never 0


def test_the_sheets_own_line_breaks_are_kept_and_wraps_joined(sheet: Sheet) -> None:
    effect = sheet.text(f"{PROCESS}.items.3.projects.1.status.effect")
    assert effect == ("効果\n協働に関する基礎知識を得る機会を創出でき、自治会などの地域活動への理解を深めることができた。\n"
                      "問題点\n研修の実施方法、対象や内容の検討が必要。")
    work = sheet.text(f"{PROCESS}.items.2.projects.3.status.work")
    assert work.split("\n") == [
        "・地域住民助け合い事業の周知・啓発",
        "・公民館地区の地域支え合い推進員の配置（配置済１５公民館地区）",
        "・住民による見守り及び生活支援等の助け合い活動の支援",
        "・定期的な情報の共有及び地域の関係者のネットワーク化を図る協議体設置の推進",
    ]
    assert sheet.text(f"{PROCESS}.items.1.projects.7.section") == "危機管理室→危機管理課"


def test_items_and_the_process_are_named_as_printed(sheet: Sheet) -> None:
    seed = seed_text()
    assert sheet.text(f"{PROCESS}.name") == "プロセス３　夢を描く（集う）"
    assert "プロセス３　夢を描く（集う） 【行動計画Ｐ．８～１０】" in seed
    names = [sheet.text(f"{PROCESS}.items.{i}.name") for i in sheet.values[f"{PROCESS}.items"]]
    assert names == ["（１）市民の組織機能を強化するための支援", "（２）相互交流のネットワーク化",
                     "（３）市職員の市民団体活動などへの参加促進"]
    assert all(flat(n) in flat(seed) for n in names)


def test_the_sample_validates_and_passes_through_a_store_byte_for_byte(
        sample_file: Path, sheet: Sheet, form, registry: FormRegistry, tmp_path: Path, as_exported_today) -> None:
    assert validate(form, sheet) == []
    store = SheetStore.open(tmp_path / "city.sqlite3", registry=registry)
    [sheet_id] = store.import_sheets([sheet])
    again = SheetStore.open(tmp_path / "city.sqlite3", registry=registry)
    loaded = again.load(sheet_id)
    assert loaded.values == sheet.values
    assert dump_document(registry, [loaded]).encode("utf-8") == as_exported_today(sample_file.read_bytes())
    [summary] = again.list(form_id=FORM_ID)
    assert (summary.measure_code, summary.measure_name) == ("1", "行動計画")


# --- roll-over --------------------------------------------------------------------


def test_rollover_clears_what_was_done_and_judged_in_every_row_and_keeps_the_plan(form, sheet: Sheet) -> None:
    new = roll_over(form, sheet)
    assert new.evaluation_year == 2024
    rows = projects(new)
    assert rows == projects(sheet)
    for row in rows:
        for cleared in ("status.work", "status.evaluation", "status.effect", "indicator.values.current"):
            assert f"{row}.{cleared}" not in new.values, (row, cleared)
        for kept in ("name", "section", "status.partners", "indicator.name",
                     "indicator.values.base", "indicator.values.target"):
            assert new.values[f"{row}.{kept}"] == sheet.values[f"{row}.{kept}"], (row, kept)
    specs = form.fields(new.context, new.values)
    row = rows[0]
    assert "（１）令和6年度実施状況" in specs[f"{row}.status.work"].label
    assert specs[f"{row}.indicator.values.current"].short_label == "現状値（R6)"
    assert specs[f"{row}.indicator.values.base"].short_label == "基準値（R3)"
    listed = unchanged_texts(new, form)
    assert f"{row}.name" in listed and f"{row}.status.work" not in listed


# --- the layout -------------------------------------------------------------------


def repeats(fields, base: str = ""):
    """(path without row keys, fields of one row) of every repeat of user rows, at any depth."""
    for t in fields.templates:
        path = base + t.prefix[:-1]
        yield path, t.children
        yield from repeats(t.children, path + ".")


def test_the_layout_is_a_landscape_flow_naming_only_fields_of_the_form(form, registry: FormRegistry) -> None:
    layout = any_layout_for(form, registry)
    assert isinstance(layout, FlowLayout)
    assert layout.form == FORM_ID
    assert (layout.page.size, layout.page.orientation) == ("A4", "landscape")
    fields = form.fields(PlanContext("那須塩原市", "行動計画", 2022, 2027, 2023))
    rows = dict(repeats(fields))
    assert set(layout.tables) <= set(rows)
    for path, hint in layout.tables.items():
        for column in hint.columns:
            spec = rows[path].get(column.key)
            assert spec is not None and spec.kind is not FieldKind.ROWS, (path, column.key)
    # the 事業 table has a column for every printed field of a 事業 row
    projects_row = rows["plan.processes.items.projects"]
    columns = [c.key for c in layout.tables["plan.processes.items.projects"].columns]
    assert sorted(columns) == sorted(p for p, s in projects_row.items() if s.printed)
    assert columns[:3] == ["name", "section", "status.work"]  # left to right as on the paper


def test_the_printed_table_keeps_each_indicator_value_on_one_line_under_its_heading(
        form, sheet: Sheet, registry: FormRegistry) -> None:
    """The 基準値/目標値/現状値 columns are as wide as the layout gives them, under 「（２）目標指標の状況」."""
    import io

    import pdfplumber

    from sheetdesk.render import render_pdf

    pdf = render_pdf(form, sheet, registry=registry)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        pages = [(page.extract_text() or "", {w["text"] for w in page.extract_words()}) for page in doc.pages]
    assert len(pages) >= 2
    for text, _words in pages:  # the header rows on every page, each group heading once
        assert text.count("（２）目標指標の状況") == 1 and text.count("実施状況") == 1, text[:300]
    words = set().union(*(w for _t, w in pages))
    for project in projects(sheet):
        for point in ("base", "target", "current"):
            value = shown(form, sheet, f"{project}.indicator.values.{point}")
            if value:
                assert value in words, (project, point, value)  # one word: not broken a character a line
