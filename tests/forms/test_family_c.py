"""Family C, 施策の現状と課題 (seeds/002): the form, its layout and the shipped sample, as a user sees them.

Expected values are typed from the seed text (shared/seeds/002, shipped as
data/seeds/genjo-kadai-002.txt), not taken from the sample: the 施策 and
方向性 of the paper, the number of 現状 / 課題 items, indicator values.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

import sheetdesk
from sheetdesk.app.rollover import RolloverError, roll_over, unchanged_texts
from sheetdesk.app.samples import sample_paths
from sheetdesk.app.services import export_json, import_files
from sheetdesk.app.validation import validate
from sheetdesk.exchange import dump_document, parse_document
from sheetdesk.forms import FieldKind, schema
from sheetdesk.forms.items import RecordItem, RepeatItem
from sheetdesk.forms.loader import FormRegistry
from sheetdesk.model import Sheet, compute
from sheetdesk.model.kinds import handler
from sheetdesk.render.layout import FlowLayout, any_layout_for
from sheetdesk.store import SheetStore

FORM_ID = "shisaku-genjo-kadai"
SAMPLE_NAME = "family-c-genjo-kadai.json"
SEED = Path(sheetdesk.__file__).resolve().parent / "data" / "seeds" / "genjo-kadai-002.txt"

# Every 施策 of the paper with its 方向性, in 施策番号 order, as printed.
MEASURES = {
    "施策１－①": ("平和の希求・人権の尊重", [
        "平和に対する意識啓発", "人権が尊重される環境づくり", "男女共同参画社会の推進", "多文化共生社会の推進"]),
    "施策１－②": ("市民参加・市民協働の推進", [
        "まちづくりに参加しやすい仕組みづくり", "協働の裾野の拡大",
        "市民活動支援センター（こまえくぼ１２３４）を中心とした市民活動の活性化"]),
    "施策１－③": ("市政情報の共有", ["発信力の強化・双方向による共有", "情報公開の推進"]),
    "施策５－①": ("地域共生社会づくりの推進", ["地域で支え合う仕組みづくり"]),
}


def seed_words() -> str:
    """The seed's text with the extractor's line breaks and indents taken out."""
    return "".join(line.strip() for line in SEED.read_text(encoding="utf-8").splitlines())


@pytest.fixture(scope="module")
def form(registry):
    return registry.latest(FORM_ID)


@pytest.fixture(scope="module")
def sample_file() -> Path:
    return next(p for p in sample_paths() if p.name == SAMPLE_NAME)


@pytest.fixture(scope="module")
def sheets(sample_file: Path, registry) -> dict[str, Sheet]:
    return {s.text("header.code"): s for s in parse_document(sample_file.read_bytes(), sample_file.name, registry)}


# --- the form and its layout ---------------------------------------------------------


def test_the_form_prints_with_an_a4_portrait_flow_layout(form, registry) -> None:
    assert form.title == "施策の現状と課題"
    layout = any_layout_for(form, registry)
    assert isinstance(layout, FlowLayout)
    assert (layout.page.size, layout.page.orientation) == ("A4", "portrait")
    assert (layout.page.width, layout.page.height) == (210.0, 297.0)


def _repeats(items, prefix: str = "") -> dict[str, RepeatItem]:
    """Every repeat of the form by its table path (row keys left out: directions.indicators)."""
    out: dict[str, RepeatItem] = {}
    for item in items:
        if isinstance(item, RepeatItem):
            path = f"{prefix}{item.key}"
            out[path] = item
            out.update(_repeats(item.items, f"{path}."))
        elif isinstance(item, RecordItem):
            out.update(_repeats(item.items, f"{prefix}{item.key}."))
    return out


def unknown_in_tables(layout: FlowLayout, form) -> list[str]:
    """Table hints of the layout that name no repeat of the form, or no field of that repeat's rows."""
    repeats = _repeats([i for s in form.sections for i in s.items])
    out = []
    for path, hint in layout.tables.items():
        if path not in repeats:
            out.append(path)
            continue
        keys = {i.key for i in repeats[path].items}
        out += [f"{path}: {c.key}" for c in hint.columns if c.key not in keys]
    return out


def test_the_layouts_tables_name_repeats_of_the_form_and_their_fields(form, registry) -> None:
    layout = any_layout_for(form, registry)
    assert isinstance(layout, FlowLayout)
    assert set(layout.tables) == {"directions.current", "directions.issues", "directions.indicators"}
    assert unknown_in_tables(layout, form) == []


def test_a_hint_for_no_repeat_or_no_field_would_be_caught(form, registry) -> None:
    layout = any_layout_for(form, registry)
    assert isinstance(layout, FlowLayout)
    path = registry.layout_path(form)
    assert path is not None
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["tables"]["current"] = {"columns": [{"key": "text"}]}  # the repeat's path without its parent
    raw["tables"]["directions.issues"]["columns"].append({"key": "section"})  # no such field
    broken = schema.validate(FlowLayout, raw)
    assert unknown_in_tables(broken, form) == ["directions.issues: section", "current"]


# --- the sample against the seed -----------------------------------------------------


def test_the_sample_has_every_measure_and_direction_of_the_seed(sheets: dict[str, Sheet]) -> None:
    assert list(sheets) == list(MEASURES)
    for code, (name, directions) in MEASURES.items():
        sheet = sheets[code]
        assert sheet.text("header.name") == name
        keys = sheet.values["directions"]
        assert keys == tuple(str(n) for n in range(1, len(directions) + 1))
        assert [sheet.text(f"directions.{k}.name") for k in keys] == directions
    # and the seed has no other: one heading per 方向性
    assert SEED.read_text(encoding="utf-8").count("施策の現状と課題（前期基本計画） 方向性") == 10


def test_the_sample_is_the_komae_review_of_its_first_plan(sheets: dict[str, Sheet]) -> None:
    for sheet in sheets.values():
        assert sheet.plan.municipality == "狛江市"
        assert sheet.plan.name == "前期基本計画"
        assert sheet.evaluation_year == 2023


def test_every_text_is_the_seeds_own_words(sheets: dict[str, Sheet], form) -> None:
    words = seed_words()
    checked = 0
    for sheet in sheets.values():
        specs = form.fields(sheet.context, sheet.values)
        for path, value in sheet.values.items():
            if specs[path].kind is FieldKind.TEXT:
                assert isinstance(value, str)
                text = value.replace("\n", "")
                # a 現状 / 課題 row is an item of the paper's 「・」 list
                assert (f"・{text}" if path.endswith(".text") else text) in words, path
                checked += 1
    assert checked > 60


def test_items_of_current_state_and_issues_are_rows(sheets: dict[str, Sheet]) -> None:
    s = sheets["施策５－①"]
    assert s.values["directions.1.current"] == tuple("1234567")
    assert s.values["directions.1.issues"] == tuple("12345")
    assert s.text("directions.1.current.5.text") == (
        "令和４年度から地域生活課題の解決に資する包括的な支援体制を整備するため、"
        "重層的支援体制整備事業を開始しました。（福祉政策課）")
    # an item the extractor broke inside its section's name
    assert s.text("directions.1.current.6.text").endswith("委員会に共有しています。（福祉政策課）")
    # every item ends with the section in charge, in brackets as printed (full or half width)
    for sheet in sheets.values():
        for path, value in sheet.values.items():
            if re.fullmatch(r"directions\.\d+\.(current|issues)\.\d+\.text", path):
                assert re.search(r"[（(][^（()）]+(課|室)[）)]$", str(value)), path


def test_a_line_break_of_the_paper_is_kept_and_wraps_are_joined(sheets: dict[str, Sheet]) -> None:
    info = sheets["施策１－③"]
    assert info.text("directions.1.current.1.text") == (
        "広報こまえを月２回発行している他、市ホームページや各種SNSを活用しながら市民にとって重要な市政情報等を発信しています。\n"
        "LINEは、市からの配信だけでなく、問い合わせや市民からの通報等、双方向のコミュニケーションによる情報共有に活用しています。"
        "（秘書広報室）")
    center = sheets["施策１－②"].text("directions.3.plan_text")
    assert center.startswith("◦平成28（2016）年度に開設した市民活動支援センター（こまえくぼ１２３４）については、")
    assert "情報収集・発信等を行っています。\nセンターの認知度や利用者数も" in center
    # ◦ paragraphs each on their own line
    assert sheets["施策５－①"].text("directions.1.plan_text").count("\n◦") == 2
    assert sheets["施策１－①"].text("directions.3.policy").count("◦") == 2


def test_indicators_keep_their_names_units_targets_and_years(sheets: dict[str, Sheet], form) -> None:
    s = sheets["施策５－①"]
    v = s.values
    assert v["directions.1.indicators.1.name"] == "福祉のまちづくり委員会の設置数"
    assert v["directions.1.indicators.1.unit"] == "地区"
    assert v["directions.1.indicators.1.target"] == Decimal(3)
    # ０ → ０ → ２ → ３ in (H30) (R2) (R3) (R4): a printed 0 is a 0, not an empty cell
    assert [v.get(f"directions.1.indicators.1.values.{y}") for y in (2018, 2019, 2020, 2021, 2022, 2023)] == [
        Decimal(0), None, Decimal(0), Decimal(2), Decimal(3), None]
    specs = form.fields(s.context, s.values)
    cells = [p for p in specs if p.startswith("directions.1.indicators.1.values.")]
    assert [specs[p].short_label for p in cells] == ["H30年度", "R2年度", "R3年度", "R4年度", "R5年度"]
    shown = [handler(specs[p]).show(specs[p], v.get(p)) for p in cells]
    assert shown == ["0", "0", "2", "3", ""]
    human = sheets["施策１－①"].values
    assert human["directions.2.indicators.1.unit"] == "%"  # printed half width here, full width in 施策１－③
    assert str(human["directions.2.indicators.1.target"]) == "82.0"
    assert sheets["施策１－③"].values["directions.1.indicators.1.unit"] == "％"


def test_an_indicator_in_two_parts_is_its_heading_then_a_row_per_part(sheets: dict[str, Sheet], form) -> None:
    s = sheets["施策１－②"]
    v = s.values
    assert v["directions.3.indicators"] == ("1", "2", "3", "4")
    assert v["directions.3.indicators.2.name"] == "市民活動支援センターを利用したことがある市民の割合（市民アンケートより）"
    assert not [p for p in v if p.startswith("directions.3.indicators.2.") and not p.endswith(".name")]
    assert v["directions.3.indicators.4.name"] == "「市民活動支援センターのことを知らない」割合"
    assert [str(v[f"directions.3.indicators.4.values.{y}"]) for y in (2021, 2022, 2023)] == ["67.1", "67.1", "65.8"]
    assert "directions.3.indicators.4.values.2018" not in v  # (Ｒ３)（Ｒ４）（Ｒ５） only
    specs = form.fields(s.context, s.values)
    assert specs["directions.3.indicators.4.values.2023"].label == "方向性3 参考指標4"
    assert specs["directions.3.indicators.4.values.2023"].short_label == "R5年度"


def test_labels_a_user_reads_are_the_sheets_words(sheets: dict[str, Sheet], form) -> None:
    s = sheets["施策１－①"]
    specs = form.fields(s.context, s.values)
    assert specs["directions.2.plan_text"].label == "方向性2 施策の現状と課題（前期基本計画）"
    assert specs["directions.4.current.1.text"].label == "方向性4 現状1 現状"
    assert specs["directions.4.issues.1.text"].label == "方向性4 課題1 課題"
    assert specs["directions.4.issues.1.text"].short_label == "課題"  # the column's heading on paper
    assert specs["directions.2.indicators.1.target"].label == "方向性2 参考指標1 目標値"
    assert specs["header.vision"].label == "目指す姿"


def test_the_sheet_computes_nothing_and_validates_clean(sheets: dict[str, Sheet], form) -> None:
    for sheet in sheets.values():
        assert compute(form, sheet) == {}
        assert validate(form, sheet) == []


# --- store, exchange, roll-over --------------------------------------------------------


def test_the_sample_goes_into_a_store_and_out_again_byte_identical(sample_file: Path, registry, tmp_path: Path,
                                                                   as_exported_today) -> None:
    with SheetStore.open(tmp_path / "db.sqlite3", registry=registry) as store:
        report = import_files(store, registry, [sample_file])
        assert not report.failed and not report.needs_review
        assert sum(len(f.sheet_ids) for f in report.files) == 4
        listed = store.list(form_id=FORM_ID)
        assert [x.measure_code for x in listed] == list(MEASURES)
        text = export_json(store, registry, [x.id for x in listed])
    assert text.encode("utf-8") == as_exported_today(sample_file.read_bytes())


def test_a_list_of_eight_items_goes_through_json_and_the_store(sheets: dict[str, Sheet], registry,
                                                              tmp_path: Path) -> None:
    sheet = sheets["施策１－③"]
    eight = Sheet(sheet.form_id, sheet.form_version, sheet.plan, sheet.evaluation_year, dict(sheet.values))
    eight.values["directions.2.issues"] = tuple(str(n) for n in range(1, 9))
    for n in range(1, 9):
        eight.values[f"directions.2.issues.{n}.text"] = f"課題の{n}番目です。（政策室）"
    [back] = parse_document(dump_document(registry, [eight]).encode(), "eight.json", registry)
    assert back.values == eight.values
    with SheetStore.open(tmp_path / "db.sqlite3", registry=registry) as store:
        loaded = store.load(store.add(back).id)
    assert loaded.values["directions.2.issues"] == tuple("12345678")
    assert loaded.text("directions.2.issues.8.text") == "課題の8番目です。（政策室）"


def test_roll_over_keeps_the_baseline_and_opens_the_new_years_column(sheets: dict[str, Sheet], form) -> None:
    old = sheets["施策１－②"]
    new = roll_over(form, old)
    assert new.evaluation_year == 2024
    # nothing of last year's sheet is lost: texts, rows, 目標値 and values since the baseline H30
    assert new.values == old.values
    specs = form.fields(new.context, new.values)
    cells = [p for p in specs if p.startswith("directions.1.indicators.1.values.")]
    assert [specs[p].short_label for p in cells] == ["H30年度", "R2年度", "R3年度", "R4年度", "R5年度", "R6年度"]
    assert "directions.1.indicators.1.values.2024" not in new.values
    # 現状 and 課題 are this year's to review; the plan's own texts hold for the plan's years
    assert new.unchanged_since_rollover == {
        "directions.1.current.1.text", "directions.1.issues.1.text", "directions.2.current.1.text",
        "directions.2.issues.1.text", "directions.3.current.1.text", "directions.3.issues.1.text"}
    assert unchanged_texts(new, form)[0] == "directions.1.current.1.text"


def test_the_plans_last_year_does_not_roll_over(sheets: dict[str, Sheet], form) -> None:
    last = roll_over(form, sheets["施策５－①"])
    with pytest.raises(RolloverError, match="令和6年度は計画期間「前期基本計画」の最終年度です"):
        roll_over(form, last)


def test_an_unshipped_copy_of_the_form_loads_from_its_own_folder(tmp_path: Path) -> None:
    """A city copies the two files into its own forms folder: the form and its layout come along."""
    src = Path(__file__).parents[2] / "forms"
    for name in ("shisaku-genjo-kadai.yaml", "shisaku-genjo-kadai.layout.yaml"):
        (tmp_path / name).write_bytes((src / name).read_bytes())
    reg = FormRegistry(tmp_path)
    assert isinstance(any_layout_for(reg.latest(FORM_ID), reg), FlowLayout)


def test_sheetdesk_sample_loads_the_family_and_lists_it(capsys, tmp_path: Path) -> None:
    from sheetdesk.cli.main import main

    db = str(tmp_path / "city.sqlite3")
    assert main(["sample", "--db", db]) == 0
    out = capsys.readouterr().out
    assert f"{SAMPLE_NAME}: 4件 取り込みました（平和の希求・人権の尊重、市民参加・市民協働の推進、市政情報の共有、地域共生社会づくりの推進）" in out
    assert main(["list", "--db", db, "--year", "2023"]) == 0
    listed = capsys.readouterr().out
    assert all(code in listed for code in MEASURES)
    assert main(["search", "秘書広報室", "--db", db]) == 0
    assert "方向性1 現状1" in capsys.readouterr().out
