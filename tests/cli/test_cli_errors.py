"""The command line as a batch script meets it: --db anywhere, pipes, bad databases (issue 11, points 6 and 16)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sheetdesk.cli.main import main

FOREIGN = Path("/work/shared/foreign")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def sampled(tmp_path: Path, capsys) -> str:
    db = str(tmp_path / "city.sqlite3")
    assert run(capsys, "sample", "--db", db)[0] == 0
    return db


@pytest.mark.parametrize("where", ["before", "after"])
def test_db_before_or_after_the_sub_command_is_the_database_used(capsys, sampled, where, app_home) -> None:
    argv = ["--db", sampled, "list"] if where == "before" else ["list", "--db", sampled]
    code, out, _ = run(capsys, *argv)
    assert code == 0
    assert "地域コミュニティ・課題解決型コミュニティ活動の促進" in out
    default = app_home / "data" / "sheetdesk.sqlite3"
    assert not default.exists(), "the default database was not touched"


def test_search_into_a_closed_pipe_ends_quietly(sampled, tmp_path) -> None:
    env = {**os.environ, "SHEETDESK_HOME": str(tmp_path / "home")}
    proc = subprocess.Popen([sys.executable, "-m", "sheetdesk.cli.main", "--db", sampled, "search", "地域"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # `| head` that has already gone
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=60) == 0
    assert "Traceback" not in err and "BrokenPipe" not in err


def _not_a_database(tmp_path: Path) -> Path:
    target = tmp_path / "kunitachi-2023-a.pdf"
    shutil.copy(FOREIGN / "kunitachi-2023-a.pdf", target)
    return target


@pytest.mark.parametrize("kind", ["pdf", "text", "directory", "fifo", "truncated"])
def test_a_bad_database_is_refused_in_japanese_naming_the_file(capsys, tmp_path, sampled, kind) -> None:
    if kind == "pdf":
        bad = _not_a_database(tmp_path)
    elif kind == "text":
        bad = tmp_path / "memo.sqlite3"
        bad.write_text("施策マネジメントシートのメモ\n", encoding="utf-8")
    elif kind == "directory":
        bad = tmp_path / "folder.sqlite3"
        bad.mkdir()
    elif kind == "fifo":
        bad = tmp_path / "pipe.sqlite3"
        os.mkfifo(bad)
    else:  # a database cut short (a copy that did not finish)
        import sqlite3

        bad = tmp_path / "cut.sqlite3"
        con = sqlite3.connect(sampled)
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        con.close()
        data = Path(sampled).read_bytes()
        bad.write_bytes(data[: len(data) // 3])
    before = bad.read_bytes() if bad.is_file() else None
    code, out, err = run(capsys, "list", "--db", str(bad))
    assert code == 1
    assert err.startswith(f"sheetdesk: {bad} ")
    assert "Traceback" not in err and "sqlalche" not in err and "Error" not in err
    assert any(word in err for word in ("データベースではありません", "フォルダーです", "通常のファイルではない",
                                        "開けません"))
    if before is not None:
        assert bad.read_bytes() == before, "a refused file is left as it was"


def test_an_unknown_url_is_refused_in_japanese(capsys) -> None:
    code, _, err = run(capsys, "list", "--db", "nosuchdriver://server/db")
    assert code == 1 and err.startswith("sheetdesk: ") and "Traceback" not in err


def test_a_missing_input_file_is_said_in_japanese(capsys, sampled, tmp_path) -> None:
    code, out, err = run(capsys, "import", "--db", sampled, str(tmp_path / "ない.xlsx"))
    assert code == 1
    assert "ない.xlsx" in err and "Traceback" not in err


@pytest.mark.parametrize("argv", [["--db", "{db}", "list"], ["list", "--db", "{db}"],
                                  ["import", "{sample}", "--db", "{db}"], ["--db", "{db}", "search", "自治会"]])
def test_a_mistyped_db_is_refused_and_no_file_is_made(capsys, tmp_path: Path, app_home: Path, argv) -> None:
    typo = tmp_path / "shisaku.sqlite3"  # the batch script meant another file
    from sheetdesk.app.samples import sample_paths

    sample = str(next(p for p in sample_paths() if p.suffix == ".json"))
    code, out, err = run(capsys, *(a.format(db=typo, sample=sample) for a in argv))
    assert code == 1
    assert err == (f"sheetdesk: データベースファイル「{typo}」が見つかりません。パスに誤りがないか確認してください。"
                   f"新しく作る場合は `sheetdesk --db {typo} init`（または --create を付けて実行）。\n")
    assert "Traceback" not in err and out == ""
    assert list(tmp_path.iterdir()) == ([app_home] if app_home.exists() else [])
    assert not (app_home / "data" / "sheetdesk.sqlite3").exists()


def test_init_sample_and_create_make_the_file_and_the_default_database_needs_nothing(
        capsys, tmp_path: Path, app_home: Path) -> None:
    new = tmp_path / "令和6年度.sqlite3"
    code, out, err = run(capsys, "init", "--db", str(new))
    assert (code, out, err) == (0, f"データベース「{new}」を作成しました。\n", "")
    code, out, _ = run(capsys, "--db", str(new), "list")
    assert code == 0 and "シートはありません" in out
    code, _, err = run(capsys, "--db", str(new), "init")
    assert (code, err) == (1, f"sheetdesk: データベースファイル「{new}」は既にあります（作成しませんでした）。\n")

    assert run(capsys, "sample", "--db", str(tmp_path / "mihon.sqlite3"))[0] == 0
    assert (tmp_path / "mihon.sqlite3").is_file()
    for where, argv in (("before", ["--db", str(tmp_path / "a.sqlite3"), "--create", "list"]),
                        ("after", ["list", "--db", str(tmp_path / "b.sqlite3"), "--create"])):
        code, out, err = run(capsys, *argv)
        assert code == 0 and "シートはありません" in out, (where, err)
    assert (tmp_path / "a.sqlite3").is_file() and (tmp_path / "b.sqlite3").is_file()

    code, out, _ = run(capsys, "list")  # no --db: the default database, made on the first start as before
    assert code == 0 and (app_home / "data" / "sheetdesk.sqlite3").is_file()
