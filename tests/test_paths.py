"""Where SheetDesk keeps its files: SHEETDESK_HOME, portable mode beside the executable, the user's folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sheetdesk.paths import PORTABLE_FOLDER, PORTABLE_MARKER, app_dirs


def test_without_marker_the_users_own_folders(tmp_path: Path) -> None:
    exe = tmp_path / "SheetDesk" / "SheetDesk.exe"
    exe.parent.mkdir()
    dirs = app_dirs(environ={}, executable=str(exe))
    assert not dirs.data.is_relative_to(exe.parent)
    assert dirs.data.name == "SheetDesk"


def test_a_marker_beside_the_executable_keeps_everything_beside_it(tmp_path: Path) -> None:
    stick = tmp_path / "usb" / "SheetDesk"
    stick.mkdir(parents=True)
    exe = stick / "SheetDesk.exe"
    (stick / PORTABLE_MARKER).write_text("", encoding="utf-8")
    dirs = app_dirs(environ={}, executable=str(exe))
    base = stick / PORTABLE_FOLDER
    for d in (dirs.data, dirs.config, dirs.log, dirs.backups, dirs.cache, dirs.default_database):
        assert d.is_relative_to(base), d


def test_sheetdesk_home_wins_over_the_marker(tmp_path: Path) -> None:
    (tmp_path / PORTABLE_MARKER).write_text("", encoding="utf-8")
    dirs = app_dirs(environ={"SHEETDESK_HOME": str(tmp_path / "home")}, executable=str(tmp_path / "x.exe"))
    assert dirs.data == tmp_path / "home" / "data"


def test_a_portable_python_writes_its_database_beside_itself(tmp_path: Path) -> None:
    """A venv's python stands in for SheetDesk.exe: `sheetdesk sample` writes below it, nowhere else."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    (python.parent / PORTABLE_MARKER).write_text("", encoding="utf-8")
    try:
        env = {k: v for k, v in os.environ.items() if k != "SHEETDESK_HOME"}
        env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)  # this checkout's sheetdesk and platformdirs
        code = "from sheetdesk.paths import app_dirs; print(app_dirs().default_database)"
        out = subprocess.run([str(python), "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    finally:
        (python.parent / PORTABLE_MARKER).unlink()
    assert Path(out.strip()) == python.parent / PORTABLE_FOLDER / "data" / "sheetdesk.sqlite3"
