"""`sheetdesk import` of a booklet PDF without its embedded data: each sheet stored, held or refused on its own."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from cli.test_cli import dump_db, run
from ingest.booklet_pages import pages_only, sample, variants
from sheetdesk.cli.main import main
from sheetdesk.exchange import dump_document
from sheetdesk.render import render_booklet

SHEETS = 3


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "city.sqlite3")
    assert main(["init", "--db", path]) == 0
    return path


@pytest.fixture(scope="module")
def made(registry, standard_form):
    return variants(standard_form, sample(registry), SHEETS)


@pytest.fixture(scope="module")
def booklet(made, standard_form, registry, tmp_path_factory) -> Path:
    data = render_booklet([(standard_form, s) for s in made], registry=registry)
    return pages_only(data, tmp_path_factory.mktemp("cli-booklet") / "冊子.pdf")


@pytest.fixture
def last_year(made, registry, tmp_path) -> Path:
    """Last year's sheets of the same 施策 as an exchange file: what gives each sheet its 施策番号 by name."""
    sheets = []
    for s in made:
        old = copy.deepcopy(s)
        old.evaluation_year = 2022
        sheets.append(old)
    path = tmp_path / "昨年度.json"
    path.write_text(dump_document(registry, sheets), encoding="utf-8")
    return path


def rows(capsys, db: str, year: int) -> list[dict]:  # noqa: ANN001
    listed = json.loads(run(capsys, "list", "--db", db, "--json", "--year", str(year))[1])
    return [r for r in listed if r["form"] == "shisaku-management"]


def test_booklet_stores_every_sheet_under_the_code_of_its_name(capsys, db, booklet, last_year, made) -> None:
    assert run(capsys, "import", str(last_year), "--db", db)[0] == 0
    code, out, err = run(capsys, "import", str(booklet), "--db", db)
    assert code == 0, err
    lines = out.splitlines()
    held = lines.index(f"{booklet}: {SHEETS}件 要確認のため保存していません")
    assert [line.split("（")[0] for line in lines[held + 1: held + 1 + SHEETS]] == [
        f"  {i}枚目" for i in range(1, SHEETS + 1)]
    assert [line.split(": ", 1)[1] for line in lines[held + 1: held + 1 + SHEETS]] == [
        s.values["header.measure_name"] for s in made]
    assert rows(capsys, db, 2023) == []
    code, out, err = run(capsys, "import", str(booklet), "--db", db, "--accept-uncertain")
    assert code == 0, err
    assert f"取込 {SHEETS}件、" in out and "失敗 0件" in out
    stored = rows(capsys, db, 2023)
    assert [(r["measure_code"], r["measure_name"]) for r in stored] == [
        (s.values["header.measure_code"], s.values["header.measure_name"]) for s in made]


def test_one_code_for_a_booklet_is_refused_and_nothing_stored(capsys, db, booklet, last_year) -> None:
    assert run(capsys, "import", str(last_year), "--db", db)[0] == 0
    before = dump_db(db)
    code, _, err = run(capsys, "import", str(booklet), "--db", db, "--accept-uncertain", "--code", "1-01")
    assert code != 0
    assert f"冊子.pdf: {SHEETS}枚のシートがあるため" in err and "--code" in err and "取込確認" in err
    assert dump_db(db) == before


def test_a_booklet_of_unknown_names_stores_nothing_and_names_each_sheet(capsys, db, booklet) -> None:
    before = dump_db(db)
    code, _, err = run(capsys, "import", str(booklet), "--db", db, "--accept-uncertain")
    assert code != 0
    refused = [line for line in err.splitlines() if "施策番号が読み取れず" in line]
    assert [line.split(": ")[1].split("（")[0] for line in refused] == [
        f"冊子.pdf {i}枚目" for i in range(1, SHEETS + 1)]
    assert all("ページ目）" in line for line in refused)
    assert dump_db(db) == before


def test_each_sheet_of_a_booklet_is_its_own_transaction(capsys, db, booklet, made, registry, tmp_path) -> None:
    """Only the second sheet's 施策 is known, and it is stored already: the first and third cannot be numbered,
    the second is refused as existing; then with all three known, --replace-less import stores the two new ones."""
    old = copy.deepcopy(made[1])
    old.evaluation_year = 2022
    one = tmp_path / "一つだけ.json"
    one.write_text(dump_document(registry, [old]), encoding="utf-8")
    assert run(capsys, "import", str(one), "--db", db)[0] == 0
    code, out, err = run(capsys, "import", str(booklet), "--db", db, "--accept-uncertain")
    assert code != 0
    assert len([line for line in err.splitlines() if "施策番号が読み取れず" in line]) == SHEETS - 1
    stored = rows(capsys, db, 2023)
    assert [r["measure_name"] for r in stored] == [made[1].values["header.measure_name"]]
    assert f"{booklet}: 1件 取り込みました（{made[1].values['header.measure_name']}）" in out and "取込 1件" in out
    # the other two 施策 become known; the stored one is refused as existing, the two others are stored
    others = []
    for s in (made[0], made[2]):
        o = copy.deepcopy(s)
        o.evaluation_year = 2022
        others.append(o)
    two = tmp_path / "二つ.json"
    two.write_text(dump_document(registry, others), encoding="utf-8")
    assert run(capsys, "import", str(two), "--db", db)[0] == 0
    code, out, err = run(capsys, "import", str(booklet), "--db", db, "--accept-uncertain")
    assert code != 0
    assert "冊子.pdf 2枚目" in err and "既に登録されています" in err and "--replace" in err
    assert sorted(r["measure_name"] for r in rows(capsys, db, 2023)) == sorted(
        s.values["header.measure_name"] for s in made)
