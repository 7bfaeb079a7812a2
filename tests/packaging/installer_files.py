"""Readers of installer/ (the spec, the Inno Setup script, the build script) and SheetDesk's folders on Windows.

Shared by test_installer_files.py (what can be read) and test_installer_wine.py (what wine runs).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path, PureWindowsPath

import platformdirs
import platformdirs.windows
import pytest
from packaging_helpers import ROOT
from sqlalchemy.engine import make_url

from sheetdesk.app.journal import journal_folder
from sheetdesk.paths import PORTABLE_MARKER, AppDirs, app_dirs

INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "sheetdesk.spec"
ISS = INSTALLER / "sheetdesk.iss"
PS1 = INSTALLER / "build-windows.ps1"
README = INSTALLER / "README.md"
MARKER = INSTALLER / PORTABLE_MARKER
LOCALAPPDATA = r"C:\Users\you\AppData\Local"  # the README's example user


def spec_list(name: str) -> list:  # type: ignore[type-arg]
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not in {SPEC}")


def spec_programs() -> tuple[str, str, str]:
    """(GUI program, console program, folder) as the spec's EXE(...) and COLLECT(...) name them."""
    gui, cli, folder = [], [], []
    for node in ast.walk(ast.parse(SPEC.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in {"EXE", "COLLECT"}:
            keywords = {k.arg: k.value for k in node.keywords}
            name = ast.literal_eval(keywords["name"])
            if node.func.id == "COLLECT":
                folder.append(name)
            elif isinstance(keywords.get("console"), ast.Constant) and keywords["console"].value is True:
                cli.append(name)
            else:
                gui.append(name)  # console=not windows: no console window on Windows
    assert len(gui) == len(cli) == len(folder) == 1, (gui, cli, folder)
    return gui[0], cli[0], folder[0]


# --- the Inno Setup script, read as ISCC reads it ---------------------------------------------------

def iss_text() -> str:
    return ISS.read_text(encoding="utf-8-sig")


def iss_defines() -> dict[str, str]:
    return dict(re.findall(r'^\s*#define\s+(\w+)\s+"([^"]*)"', iss_text(), re.M))


def iss_sections() -> dict[str, list[str]]:
    """Each [Section]'s lines, without comments, blank lines and preprocessor lines."""
    sections: dict[str, list[str]] = {}
    current = None
    for raw in iss_text().splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            current = sections.setdefault(header.group(1), [])
        else:
            assert current is not None, f"{ISS}: {line!r} before any section"
            current.append(line)
    return sections


def iss_setup() -> dict[str, str]:
    return dict(line.split("=", 1) for line in iss_sections()["Setup"])


def iss_entries(section: str) -> list[dict[str, str]]:
    """[Files]/[Icons]/... entries as {parameter: value}: `Name: "x"; Flags: a b`."""
    out = []
    for line in iss_sections()[section]:
        params = re.findall(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)', line)
        out.append({k: v.strip().strip('"') for k, v in params})
    return out


def expand(value: str, **given: str) -> str:
    defines = {**iss_defines(), **given}
    for _ in range(3):  # a define may name another
        value = re.sub(r"\{#(\w+)\}", lambda m: defines[m.group(1)], value)
    return value


def ps1_text() -> str:
    return PS1.read_text(encoding="ascii")


def ps1_assigned(variable: str) -> str:
    """The string literal a build-script variable is set to: `$Name = "value"`."""
    match = re.search(rf'^\s*\${variable}\s*=\s*(?:\[version\])?"([^"]*)"', ps1_text(), re.M)
    assert match, f"${variable} is not set to a string in {PS1}"
    return match.group(1)


# --- what the code says about Windows ---------------------------------------------------------------

def windows_app_dirs(monkeypatch: pytest.MonkeyPatch, localappdata: str = LOCALAPPDATA) -> AppDirs:
    """sheetdesk.paths.app_dirs() as it answers on Windows (platformdirs' Windows rules, asked here)."""
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", localappdata)  # the known folder, as Windows would say
    dirs = app_dirs(environ={}, executable=localappdata + r"\Programs\SheetDesk\SheetDesk.exe")
    return AppDirs(*(Path(PureWindowsPath(str(d)).as_posix()) for d in (dirs.data, dirs.config, dirs.log)))


def windows_path(path: Path) -> PureWindowsPath:
    return PureWindowsPath(path.as_posix())  # C:/Users/... (not PureWindowsPath(path): its parts lose the root)


def shown(path: Path, localappdata: str = LOCALAPPDATA) -> str:
    r"""C:/Users/you/AppData/Local/SheetDesk/x as a Windows user reads it: %LOCALAPPDATA%\SheetDesk\x."""
    windows = str(windows_path(path))
    assert windows.startswith(localappdata + "\\"), windows
    return "%LOCALAPPDATA%" + windows[len(localappdata):]


def user_data_paths(dirs: AppDirs) -> dict[str, Path]:
    """Every file and folder SheetDesk keeps for a user, by what it is."""
    settings = (ROOT / "src/sheetdesk/ui/settings.py").read_text(encoding="utf-8")
    (ini,) = re.findall(r'config / "([^"]+\.ini)"', settings)

    class SqliteStore:  # journal_folder() only asks for the store's URL
        url = make_url(f"sqlite:///{dirs.default_database.as_posix()}")

    return {
        "data": dirs.data,
        "database": dirs.default_database,
        "journal": dirs.data / journal_folder(SqliteStore()).name,
        "backups": dirs.backups,
        "cache": dirs.cache,
        "settings": dirs.config / ini,
        "log": dirs.log,
    }
