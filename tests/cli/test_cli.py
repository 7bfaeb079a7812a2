"""The `sheetdesk` command as a batch user runs it: exit codes, stdout, stderr, the database."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from sheetdesk.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


STANDARD = "shisaku-management"


def standard_rows(capsys: pytest.CaptureFixture[str], db: str, *argv: str) -> list[dict]:
    """The listed sheets of the standard form (the samples of other families are listed too)."""
    rows = json.loads(run(capsys, "list", "--db", db, "--json", *argv)[1])
    return [r for r in rows if r["form"] == STANDARD]


@pytest.fixture
def db(tmp_path: Path) -> str:
    """A new, empty database, made as a clerk makes one (`sheetdesk init`): other commands do not create files."""
    path = str(tmp_path / "city.sqlite3")
    assert main(["init", "--db", path]) == 0
    return path


def dump_db(path: str) -> list[tuple]:
    """Every row of every table, to compare a database before and after."""
    con = sqlite3.connect(path)
    try:
        tables = [r[0] for r in con.execute(
            "select name from sqlite_master where type='table' and name not like 'sqlite_%' "
            "and name not like '%fts%' order by name")]
        return [(t, *row) for t in tables for row in con.execute(f'select * from "{t}" order by 1')]
    finally:
        con.close()


def test_sample_then_list_shows_the_sample(capsys, db) -> None:
    code, out, _ = run(capsys, "sample", "--db", db)
    assert code == 0
    assert "地域コミュニティ・課題解決型コミュニティ活動の促進" in out
    code, out, _ = run(capsys, "list", "--db", db)
    assert code == 0
    assert "令和5年度" in out and "まちの振興課" in out and "作成中" in out
    assert "国際交流・地域連携の推進" in out  # the 施策・基本事業マネジメントシート's sample too
    code, out, _ = run(capsys, "list", "--db", db, "--json")
    rows = [r for r in json.loads(out) if r["form"] == "shisaku-management"]  # the standard sheet's sample
    assert len(rows) == 1
    assert rows[0]["evaluation_year"] == 2023
    assert rows[0]["measure_name"] == "地域コミュニティ・課題解決型コミュニティ活動の促進"
    assert rows[0]["status"] == "draft"
    assert {"id", "measure_code"} <= rows[0].keys()
    code, out, _ = run(capsys, "list", "--db", db, "--year", "2024", "--json")
    assert json.loads(out) == []


def test_export_import_export_gives_identical_json(capsys, db, tmp_path: Path) -> None:
    run(capsys, "sample", "--db", db)
    sheet_id = standard_rows(capsys, db)[0]["id"]
    first = tmp_path / "first.json"
    assert run(capsys, "export", str(sheet_id), "--format", "json", "-o", str(first), "--db", db)[0] == 0
    other = str(tmp_path / "empty.sqlite3")
    code, out, err = run(capsys, "import", str(first), "--db", other, "--create")
    assert code == 0, err
    new_id = json.loads(run(capsys, "list", "--db", other, "--json")[1])[0]["id"]
    second = tmp_path / "second.json"
    assert run(capsys, "export", str(new_id), "--format", "json", "-o", str(second), "--db", other)[0] == 0
    assert second.read_bytes() == first.read_bytes()


def test_search_finds_a_text_of_the_sample(capsys, db) -> None:
    run(capsys, "sample", "--db", db)
    code, out, _ = run(capsys, "search", "やさしい日本語", "--db", db)
    assert code == 0
    assert "やさしい日本語" in out


def test_import_of_existing_sheet_is_refused_without_replace(capsys, db, tmp_path: Path) -> None:
    run(capsys, "sample", "--db", db)
    sheet_id = standard_rows(capsys, db)[0]["id"]
    path = tmp_path / "s.json"
    run(capsys, "export", str(sheet_id), "-o", str(path), "--db", db)
    before = dump_db(db)
    code, _, err = run(capsys, "import", str(path), "--db", db)
    assert code != 0
    assert "s.json" in err
    assert dump_db(db) == before
    code, _, err = run(capsys, "import", str(path), "--db", db, "--replace")
    assert code == 0, err


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: d["sheets"][0].__setitem__("evaluation_year", "2023"), "$.sheets[0].evaluation_year"),
        (lambda d: d["sheets"][0]["values"].__setitem__("s9.unknown", "x"), 's9.unknown'),
        (lambda d: d["sheets"][0].pop("plan"), "$.sheets[0].plan"),
        (lambda d: d["sheets"][0]["form"].__setitem__("version", 99), "$.sheets[0].form"),
    ],
    ids=["wrong-type", "unknown-field", "missing-field", "unknown-form-version"],
)
def test_bad_json_is_refused_and_database_unchanged(capsys, db, tmp_path: Path, mutate, where) -> None:
    run(capsys, "sample", "--db", db)
    sheet_id = standard_rows(capsys, db)[0]["id"]
    good = tmp_path / "good.json"
    run(capsys, "export", str(sheet_id), "-o", str(good), "--db", db)
    doc = json.loads(good.read_text(encoding="utf-8"))
    doc["sheets"][0]["values"]["header.measure_code"] = "9-9"  # would be a new sheet if accepted
    mutate(doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = dump_db(db)
    code, _, err = run(capsys, "import", str(bad), "--db", db)
    assert code != 0
    assert "bad.json" in err and where in err
    assert dump_db(db) == before


def test_invalid_utf8_is_refused(capsys, db, tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_bytes(b'{"format": "sheetdesk-exchange", "x": "\xff\xfe"}')
    code, _, err = run(capsys, "import", str(bad), "--db", db)
    assert code != 0
    assert "broken.json" in err and "UTF-8" in err


def test_export_of_unknown_id_fails_in_japanese(capsys, db, tmp_path: Path) -> None:
    code, _, err = run(capsys, "export", "999", "-o", str(tmp_path / "x.json"), "--db", db)
    assert code != 0
    assert "999" in err


def test_usage_errors_are_japanese(capsys) -> None:
    with pytest.raises(SystemExit) as info:
        main(["export"])
    assert info.value.code == 2
    assert "指定が正しくありません" in capsys.readouterr().err


def test_pdf_and_xlsx_export_and_booklet(capsys, db, tmp_path: Path) -> None:
    import pdfplumber
    from openpyxl import load_workbook

    from sheetdesk.app.samples import sample_paths

    # the standard sheet's sample only: its booklet is the standard one
    run(capsys, "import", str(next(p for p in sample_paths() if p.name == "kunitachi-2023.json")), "--db", db)
    sheet_id = json.loads(run(capsys, "list", "--db", db, "--json")[1])[0]["id"]
    pdf = tmp_path / "sheet.pdf"
    assert run(capsys, "export", str(sheet_id), "--format", "pdf", "-o", str(pdf), "--db", db)[0] == 0
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 2
        assert "施策マネジメントシート" in doc.pages[0].extract_text()
    xlsx = tmp_path / "sheet.xlsx"
    assert run(capsys, "export", str(sheet_id), "--format", "xlsx", "-o", str(xlsx), "--db", db)[0] == 0
    assert load_workbook(xlsx).sheetnames
    book = tmp_path / "book.pdf"
    code, out, _ = run(capsys, "book", "--year", "2023", "-o", str(book), "--db", db)
    assert code == 0 and "令和5年度" in out
    with pdfplumber.open(book) as doc:
        assert len(doc.pages) > 2
    code, _, err = run(capsys, "book", "--year", "2030", "-o", str(tmp_path / "none.pdf"), "--db", db)
    assert code != 0 and "令和12年度のシートがありません" in err


def test_overflowing_text_stops_pdf_export_unless_allowed(capsys, db, tmp_path: Path) -> None:
    from sheetdesk.forms import default_registry
    from sheetdesk.store import Change, SheetStore

    run(capsys, "sample", "--db", db)
    store = SheetStore.open(db, registry=default_registry())
    sheet = store.load(next(s.id for s in store.list() if s.form_id == STANDARD))
    store.apply(sheet.id, sheet.version, [Change("s5.comparison", "長い文章です。" * 400)])
    pdf = tmp_path / "over.pdf"
    code, _, err = run(capsys, "export", str(sheet.id), "--format", "pdf", "-o", str(pdf), "--db", db)
    assert code != 0
    assert "他自治体の取組状況" in err and "--allow-overflow" in err
    assert not pdf.exists()
    code, _, err = run(capsys, "export", str(sheet.id), "--format", "pdf", "-o", str(pdf), "--db", db,
                       "--allow-overflow")
    assert code == 0, err
    assert pdf.exists()


def test_rollover_creates_next_year_with_texts_moved_and_flagged(capsys, db, tmp_path: Path) -> None:
    run(capsys, "sample", "--db", db)
    samples = json.loads(run(capsys, "list", "--db", db, "--json")[1])
    old_id = next(r["id"] for r in samples if r["form"] == "shisaku-management")
    code, out, err = run(capsys, "rollover", "--from-year", "2023", "--db", db)
    assert code == 0, err
    assert f"令和6年度のシートを{len(samples)}件作成しました" in out  # every sample sheet is of 令和5年度
    rows = [r for r in json.loads(run(capsys, "list", "--db", db, "--year", "2024", "--json")[1])
            if r["form"] == "shisaku-management"]
    assert len(rows) == 1 and rows[0]["status"] == "draft"
    path = tmp_path / "both.json"
    run(capsys, "export", str(old_id), str(rows[0]["id"]), "-o", str(path), "--db", db)
    old, new = json.loads(path.read_text(encoding="utf-8"))["sheets"]
    assert new["evaluation_year"] == 2024
    assert new["values"]["s5.current_work"] == old["values"]["s5.planned_work"]
    assert new["values"]["s5.planned_work"] == old["values"]["s7.policy_next"]
    assert "s6.overall_grade" not in new["values"] and new["overrides"] == {}
    assert "s5.situation" in new["unchanged_since_rollover"]
    # a second run leaves the existing 令和6年度 sheet alone
    code, out, _ = run(capsys, "rollover", "--from-year", "2023", "--db", db)
    assert code == 0 and "既にあります" in out and "0件作成" in out


@pytest.fixture
def city_workbook(tmp_path: Path) -> Path:
    """A city's own 方眼紙 workbook (not our export): no 施策番号 printed, directions to review."""
    from ingest.foreign_workbooks import build_all
    from ingest.seed_sheet import seed_sheet
    from sheetdesk.forms import default_registry

    return build_all(default_registry().latest("shisaku-management"), seed_sheet(), tmp_path / "city")[
        "kunitachi_like"]


def test_city_workbook_is_held_for_review_then_needs_a_code(capsys, db, city_workbook: Path) -> None:
    code, out, err = run(capsys, "import", str(city_workbook), "--db", db)
    assert code == 0
    assert "要確認のため保存していません" in out and "指標の方向（1枚目!" in out
    assert "指標の方向は印刷されないため、目標値の推移" in out  # each value to check says why
    assert json.loads(run(capsys, "list", "--db", db, "--json")[1]) == []
    code, _, err = run(capsys, "import", str(city_workbook), "--db", db, "--accept-uncertain")
    assert code != 0 and "施策番号が読み取れず" in err and "--code" in err
    code, out, err = run(capsys, "import", str(city_workbook), "--db", db, "--accept-uncertain", "--code", "1-1")
    assert code == 0, err
    rows = json.loads(run(capsys, "list", "--db", db, "--json")[1])
    assert [(r["measure_code"], r["measure_name"]) for r in rows] == [
        ("1-1", "地域コミュニティ・課題解決型コミュニティ活動の促進")]


def test_city_workbook_matches_the_stored_measure_by_name(capsys, db, city_workbook: Path) -> None:
    run(capsys, "sample", "--db", db)
    code, _, err = run(capsys, "import", str(city_workbook), "--db", db, "--accept-uncertain")
    assert code != 0 and "既に登録されています" in err and "--replace" in err
    code, _, err = run(capsys, "import", str(city_workbook), "--db", db, "--accept-uncertain", "--replace")
    assert code == 0, err
    rows = json.loads(run(capsys, "list", "--db", db, "--json")[1])
    assert len([r for r in rows if r["form"] == "shisaku-management"]) == 1  # replaced, not added


def test_broken_file_in_a_batch_is_reported_and_the_rest_goes_on(capsys, db, tmp_path: Path) -> None:
    from sheetdesk.app.samples import sample_paths

    broken = tmp_path / "壊れた.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not a workbook")
    sample = next(p for p in sample_paths() if p.name == "kunitachi-2023.json")
    code, out, err = run(capsys, "import", str(broken), str(sample), "--db", db)
    assert code != 0
    assert "壊れた.xlsx" in err
    assert "取込 1件" in out and "失敗 1件" in out
    assert len(json.loads(run(capsys, "list", "--db", db, "--json")[1])) == 1


def test_import_form_names_the_family_and_an_unknown_one_is_refused(capsys, db, tmp_path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from ingest.table_workbooks import layout_reordered

    path, _ = layout_reordered(tmp_path / "協働行動計画.xlsx")
    capsys.readouterr()
    before = dump_db(db)
    code, out, err = run(capsys, "import", str(path), "--db", db, "--form", "kyodo-keikaku")
    assert code != 0 and out == ""
    assert "様式「kyodo-keikaku」は登録されていません。指定できる様式: kyodo-action-plan（行動計画評価表）" in err
    assert "shisaku-management（施策マネジメントシート）" in err
    assert dump_db(db) == before
    code, out, _ = run(capsys, "import", str(path), "--db", db, "--form", "kyodo-action-plan", "--dry-run")
    assert "様式「行動計画評価表」として読み取りました（指定された様式）" in out
    code, out, _ = run(capsys, "import", str(path), "--db", db, "--dry-run")  # found from its headers
    assert "様式 「行動計画評価表」（見出し " in out
    assert "要確認のため保存していません" in out
    assert dump_db(db) == before
