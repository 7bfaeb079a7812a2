"""installer/ checked against the tree, without running PyInstaller, PowerShell or Windows.

The spec's DATA must put every shipped kind where sheetdesk.resources looks in
a bundle (sheetdesk/data/<kind>), from the folder a checkout keeps it in; its
Qt exclusions must not name a module the app imports, and must name WebEngine.

The Windows setup script (sheetdesk.iss) must install what the spec makes, name
the app and its version as the code does, install per user, and leave the
user's data folder alone; the build script (build-windows.ps1) and the README
must use the code's names and paths. tests/packaging/test_installer_wine.py
compiles the script and runs the setup and the uninstaller under wine.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
import tree_sitter_powershell
import yaml
from installer_files import (
    ISS,
    LOCALAPPDATA,
    MARKER,
    PS1,
    README,
    SPEC,
    expand,
    iss_defines,
    iss_entries,
    iss_sections,
    iss_setup,
    iss_text,
    ps1_assigned,
    ps1_text,
    shown,
    spec_list,
    spec_programs,
    user_data_paths,
    windows_app_dirs,
    windows_path,
)
from packaging_helpers import ROOT
from PIL import Image
from tree_sitter import Language, Node, Parser

import sheetdesk
from sheetdesk.cli.main import build_parser
from sheetdesk.glossary import APP_NAME
from sheetdesk.paths import APP, PORTABLE_FOLDER, PORTABLE_MARKER, app_dirs
from sheetdesk.resources import SOURCE_FOLDERS, Kind

# --- the spec ---------------------------------------------------------------------------------------

def test_every_kind_goes_where_resources_looks_in_a_bundle() -> None:
    data = dict(spec_list("DATA"))
    expected = {SOURCE_FOLDERS.get(kind, f"src/sheetdesk/data/{kind.value}"): f"sheetdesk/data/{kind.value}"
                for kind in Kind}
    assert data == expected
    for source in data:
        assert (ROOT / source).is_dir(), source
        assert any(p.is_file() for p in (ROOT / source).rglob("*")), source


def test_the_shipped_files_include_every_form_sample_migration_and_font() -> None:
    data = dict(spec_list("DATA"))
    assert {"forms", "db", "resources/fonts"} <= set(data)
    assert (ROOT / "forms" / "shisaku-management.yaml").is_file()
    assert (ROOT / "forms" / "shisaku-management.layout.yaml").is_file()
    assert list((ROOT / "db" / "versions").glob("*.py"))
    assert list((ROOT / "resources" / "fonts").glob("*.ttf"))
    assert list((ROOT / "src/sheetdesk/data/samples").glob("*.json"))


def test_no_imported_qt_module_is_excluded_and_webengine_is() -> None:
    excluded = set(spec_list("EXCLUDED_QT"))
    imported = set()
    for path in (ROOT / "src").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert imported, "the app imports Qt modules"
    assert not {f"PySide6.{m}" for m in imported} & excluded
    assert {"PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtQml"} <= excluded


def test_the_launcher_is_the_cli_entry_point() -> None:
    launcher = (ROOT / "installer" / "launcher.py").read_text(encoding="utf-8")
    assert "from sheetdesk.cli.main import run" in launcher  # what pyproject's `sheetdesk` script runs
    assert 'sheetdesk = "sheetdesk.cli.main:run"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"installer" / "launcher.py"' in SPEC.read_text(encoding="utf-8")


def _spec_exe_calls() -> dict[str, ast.Call]:
    """The spec's EXE(...) calls by the program's name."""
    calls = {}
    for node in ast.walk(ast.parse(SPEC.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "EXE":
            calls[ast.literal_eval(next(k.value for k in node.keywords if k.arg == "name"))] = node
    return calls


def test_both_programs_carry_the_icon_and_windows_can_read_it() -> None:
    spec = SPEC.read_text(encoding="utf-8")
    assert 'ICON = str(ROOT / "resources" / "icons" / "sheetdesk.ico")' in spec
    for name, call in _spec_exe_calls().items():
        icon = next(k.value for k in call.keywords if k.arg == "icon")
        assert isinstance(icon, ast.Name) and icon.id == "ICON", name
    with Image.open(ROOT / "resources" / "icons" / "sheetdesk.ico") as ico:  # what Windows' shell reads
        assert ico.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= set(ico.info["sizes"])
    assert iss_setup()["SetupIconFile"] == r"..\resources\icons\sheetdesk.ico"  # relative to installer\
    assert (ISS.parent / PureWindowsPath(iss_setup()["SetupIconFile"]).as_posix()).resolve() == \
        (ROOT / "resources" / "icons" / "sheetdesk.ico").resolve()


def test_both_programs_run_in_utf8_mode() -> None:
    """`-X utf8` for both programs: Japanese output to a file or pipe is UTF-8 on a cp932 PC (README)."""
    assert spec_list("OPTIONS") == [("X utf8", None, "OPTION")]
    for name, call in _spec_exe_calls().items():
        assert isinstance(call.args[2], ast.Name) and call.args[2].id == "OPTIONS", name


# Plugins that exist in PySide6's Windows wheels only (the Linux wheel installed here has no such file).
WINDOWS_ONLY_PLUGINS = {"qwindows", "qmodernwindowsstyle", "qwindowsvistastyle"}


def test_the_kept_qt_plugins_are_real_files_and_cover_every_platform() -> None:
    plugins = spec_list("QT_PLUGINS")
    assert {"qxcb", "qoffscreen", "qwindows"} <= set(plugins["platforms"])
    assert "ibusplatforminputcontextplugin" in plugins["platforminputcontexts"]  # typing Japanese with an IME
    import PySide6

    folder = Path(PySide6.__file__).parent / "Qt" / "plugins"
    if sys.platform != "linux":
        pytest.skip("the plugin file names are checked against PySide6's Linux wheel")
    missing = [f"{kind}/lib{name}.so" for kind, names in plugins.items() for name in names
               if name not in WINDOWS_ONLY_PLUGINS and not (folder / kind / f"lib{name}.so").is_file()]
    assert not missing, f"QT_PLUGINS names plugins PySide6 does not have: {missing}"


def test_the_only_qt_translation_shipped_is_the_one_the_app_loads() -> None:
    assert spec_list("QT_TRANSLATIONS") == ["qtbase_ja.qm"]
    loader = (ROOT / "src" / "sheetdesk" / "ui" / "translations.py").read_text(encoding="utf-8")
    assert '"qtbase", "_"' in loader and "QLocale.Language.Japanese" in loader


# --- the setup script -------------------------------------------------------------------------------

def test_the_setup_installs_the_programs_and_folder_the_spec_makes() -> None:
    gui, cli, folder = spec_programs()
    defines = iss_defines()
    assert defines["AppExe"] == f"{gui}.exe"
    assert defines["CliExe"] == f"{cli}.exe"
    assert defines["BundleDir"] == rf"..\dist\{folder}"  # PyInstaller's dist/ beside installer/
    # PyInstaller 6 puts everything but the programs in _internal\ unless the spec says otherwise.
    assert "contents_directory" not in SPEC.read_text(encoding="utf-8")
    sources = {expand(entry["Source"]) for entry in iss_entries("Files")}
    bundle = defines["BundleDir"]
    assert sources == {rf"{bundle}\{gui}.exe", rf"{bundle}\{cli}.exe", rf"{bundle}\_internal\*"}
    internal = next(e for e in iss_entries("Files") if e["Source"].endswith(r"\_internal\*"))
    assert {"recursesubdirs", "createallsubdirs"} <= set(internal["Flags"].split())
    assert internal["DestDir"] == r"{app}\_internal"
    for icon in iss_entries("Icons"):
        assert expand(icon["Filename"]) == rf"{{app}}\{gui}.exe"
    assert expand(iss_setup()["UninstallDisplayIcon"]) == rf"{{app}}\{gui}.exe"


def test_the_setup_names_the_app_and_its_version_as_the_code_does() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    setup = iss_setup()
    assert iss_defines()["AppName"] == APP_NAME == APP
    assert pyproject["project"]["name"] == APP_NAME.lower()
    assert f'setApplicationName("{APP_NAME}")' in (ROOT / "src/sheetdesk/ui/main.py").read_text(encoding="utf-8")
    assert expand(setup["AppName"]) == APP_NAME
    assert {expand(icon["Name"]) for icon in iss_entries("Icons")} == {
        rf"{{autoprograms}}\{APP_NAME}", rf"{{autodesktop}}\{APP_NAME}"}
    # The version: written once in sheetdesk/__init__.py, read by pyproject, given to ISCC by the build.
    assert pyproject["project"]["dynamic"] == ["version"]
    assert pyproject["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "sheetdesk.__version__"}
    assert "AppVersion" not in iss_defines(), "the version is not written in the script"
    assert setup["AppVersion"] == setup["VersionInfoVersion"] == "{#AppVersion}"
    assert re.search(r"#ifndef AppVersion\s*\n\s*#error ", iss_text())
    ps1 = ps1_text()
    assert 'import sheetdesk; print(sheetdesk.__version__)' in ps1
    assert '"/DAppVersion=$Version"' in ps1
    assert re.fullmatch(r"\d+\.\d+\.\d+", sheetdesk.__version__), "VersionInfoVersion takes numbers only"
    # What the build script looks for is what ISCC writes.
    made = expand(setup["OutputBaseFilename"], AppVersion="$Version") + ".exe"
    assert f'"{made}"' in ps1


def test_the_start_menu_entry_says_what_the_app_does_in_its_own_words() -> None:
    messages = dict(line.split("=", 1) for line in iss_sections()["CustomMessages"])
    assert messages["japanese.AppComment"] == build_parser().description
    assert all(icon["Comment"] == "{cm:AppComment}" for icon in iss_entries("Icons"))
    assert iss_entries("Languages") == [{"Name": "japanese", "MessagesFile": r"compiler:Languages\Japanese.isl"}]
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, so any Inno Setup 6 reads the Japanese"


def test_the_setup_installs_per_user_without_admin_rights() -> None:
    setup = iss_setup()
    assert setup["PrivilegesRequired"] == "lowest"
    assert "PrivilegesRequiredOverridesAllowed" not in setup  # no "install for all users" (admin) choice
    assert iss_defines()["InstallRoot"] == "{autopf}"  # %LOCALAPPDATA%\Programs when not admin
    assert setup["DefaultDirName"] == r"{#InstallRoot}\{#AppName}"
    active = "\n".join(line for lines in iss_sections().values() for line in lines)
    for machine_wide in ("HKLM", "HKA", "HKEY_LOCAL_MACHINE", "{commonpf", "{pf", "{commonprograms}",
                         "{commondesktop}", "{commonappdata}", "{sys}", "{win}"):
        assert machine_wide not in active, machine_wide
    assert "Registry" not in iss_sections()
    desktop = next(e for e in iss_entries("Icons") if e["Name"].startswith("{autodesktop}"))
    assert desktop["Tasks"] == "desktopicon"
    assert iss_entries("Tasks")[0]["Name"] == "desktopicon"
    assert "unchecked" in iss_entries("Tasks")[0]["Flags"].split()


def test_the_uninstaller_leaves_the_users_data_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    windows_dirs = windows_app_dirs(monkeypatch)
    sections = iss_sections()
    for deleting in ("UninstallDelete", "UninstallRun", "Code"):
        assert deleting not in sections, f"[{deleting}] could remove the user's data"
    # Before an upgrade the old bundle's libraries go; nothing else.
    assert iss_entries("InstallDelete") == [{"Type": "filesandordirs", "Name": r"{app}\_internal"}]
    active = "\n".join(line for lines in sections.values() for line in lines)
    for user_folder in ("{localappdata}", "{userappdata}", "{app}\\..", "SheetDeskData", "uninsdelete"):
        assert user_folder not in active, user_folder
    # The program folder ({userpf} = %LOCALAPPDATA%\Programs) and the data folder do not overlap.
    program = PureWindowsPath(LOCALAPPDATA, "Programs", iss_defines()["AppName"])
    for what, path in user_data_paths(windows_dirs).items():
        data = windows_path(path)
        assert data.is_relative_to(PureWindowsPath(LOCALAPPDATA)), data
        assert not data.is_relative_to(program) and not program.is_relative_to(data), (what, data)


def test_the_readme_names_the_data_folders_the_code_uses_onwindows_path(monkeypatch: pytest.MonkeyPatch) -> None:
    windows_dirs = windows_app_dirs(monkeypatch)
    readme = README.read_text(encoding="utf-8")
    paths = {what: shown(p) for what, p in user_data_paths(windows_dirs).items()}
    assert paths["data"] == r"%LOCALAPPDATA%\SheetDesk"
    for what, written in paths.items():
        assert f"`{written}`" in readme, (what, written)
    # Nothing else under the data folder is named, and never the roaming folder.
    named = set(re.findall(r"%LOCALAPPDATA%\\SheetDesk(?:\\[\w.*-]+)*", readme))
    assert named <= set(paths.values()), named - set(paths.values())
    assert "%APPDATA%" not in readme
    top = (ROOT / "README.md").read_text(encoding="utf-8")  # its install section says the same
    assert f"`{paths['data']}`" in top
    assert set(re.findall(r"%LOCALAPPDATA%\\SheetDesk(?:\\[\w.*-]+)*", top)) <= set(paths.values())
    assert str(windows_path(windows_dirs.data)) in readme  # the example: C:\Users\you\AppData\Local\SheetDesk
    # The portable marker's own text names the same folder.
    assert paths["data"] in MARKER.read_text(encoding="utf-8-sig")


def test_the_portable_folders_in_the_readme_are_the_codes(tmp_path: Path) -> None:
    gui, _, folder = spec_programs()
    stick = tmp_path / folder
    stick.mkdir()
    (stick / PORTABLE_MARKER).write_text("", encoding="utf-8")
    dirs = app_dirs(environ={}, executable=str(stick / gui))
    readme = README.read_text(encoding="utf-8")
    for path in (dirs.default_database, dirs.backups, dirs.config / "sheetdesk.ini", dirs.log):
        relative = str(PureWindowsPath(PurePosixPath(path.relative_to(stick))))
        assert f"`{relative}`" in readme, relative
    assert f"`{PORTABLE_MARKER}`" in readme and f"`{PORTABLE_FOLDER}\\`" in readme


def test_the_portable_marker_is_the_one_the_code_looks_for() -> None:
    gui, _, _ = spec_programs()
    assert MARKER.is_file()
    assert ps1_assigned("PortableMarker") == PORTABLE_MARKER
    assert ps1_assigned("PortableFolder") == PORTABLE_FOLDER
    assert r'"installer\$PortableMarker"' in ps1_text()  # the file shipped is this one
    text = MARKER.read_text(encoding="utf-8-sig")
    assert MARKER.read_bytes().startswith(b"\xef\xbb\xbf"), "Notepad of any Windows 10 reads it as UTF-8"
    assert PORTABLE_FOLDER in text and f"{gui}.exe" in text and PORTABLE_MARKER in text


# --- the build script -------------------------------------------------------------------------------

def test_the_build_script_parses_as_powershell_and_is_plain_ascii() -> None:
    source = PS1.read_bytes()
    source.decode("ascii")  # Windows PowerShell 5.1 reads a script without a BOM in the ANSI code page
    tree = Parser(Language(tree_sitter_powershell.language())).parse(source)

    def broken(node: Node) -> list[str]:
        here = [f"line {node.start_point[0] + 1}: {source[node.start_byte:node.end_byte][:60]!r}"
                ] if node.type == "ERROR" or node.is_missing else []
        return here + [b for child in node.children for b in broken(child)]

    assert not tree.root_node.has_error, broken(tree.root_node)


def test_the_grammar_check_catches_a_broken_script() -> None:
    """The parse test above can fail: an unclosed brace or string in the script is an error node."""
    parser = Parser(Language(tree_sitter_powershell.language()))
    text = ps1_text()
    assert not parser.parse(text.encode()).root_node.has_error
    for broken in (text.replace('"SheetDesk $Version")', '"SheetDesk $Version)', 1),
                   text.replace("function Invoke-Build {", "function Invoke-Build ", 1)):
        assert broken != text
        assert parser.parse(broken.encode()).root_node.has_error


def test_the_build_script_checks_what_pyproject_and_the_makefile_say() -> None:
    ps1 = ps1_text()
    pyproject_text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    pyproject = tomllib.loads(pyproject_text)
    # Its pattern for requires-python finds the version pyproject requires.
    (pattern,) = re.findall(r"-Pattern '([^']+)'", ps1)
    (found,) = [m.groups() for line in pyproject_text.splitlines() if (m := re.match(pattern, line))]
    assert f">={found[0]}.{found[1]}" == pyproject["project"]["requires-python"]
    assert f"Python {found[0]}.{found[1]}" in README.read_text(encoding="utf-8")
    # pip as the Makefile pins it; the bundle extra with PyInstaller pinned; the spec.
    (makefile_pip,) = re.findall(r"pip==([\d.]+)", (ROOT / "Makefile").read_text(encoding="utf-8"))
    assert ps1_assigned("PipVersion") == makefile_pip and '"pip==$PipVersion"' in ps1
    assert '".[bundle]"' in ps1
    assert any(re.fullmatch(r"pyinstaller==[\d.]+", d) for d in pyproject["project"]["optional-dependencies"]["bundle"])
    assert r'"installer\sheetdesk.spec"' in ps1 and r'"installer\sheetdesk.iss"' in ps1
    assert (ROOT / "installer/sheetdesk.spec").is_file() and ISS.is_file()
    # The programs and folder it checks are the spec's.
    gui, cli, folder = spec_programs()
    assert f'$AppFolder = Join-Path $DistRoot "{folder}"' in ps1
    assert f'$AppExe = Join-Path $AppFolder "{gui}.exe"' in ps1
    assert f'$CliExe = Join-Path $AppFolder "{cli}.exe"' in ps1
    assert ps1_assigned("MinInnoSetup") in README.read_text(encoding="utf-8")


def _calls(text: str, opening: str) -> list[str]:
    """What stands between each `opening` (ending in an open parenthesis) and its closing parenthesis."""
    out = []
    for match in re.finditer(re.escape(opening), text):
        depth, end = 1, match.end()
        while depth:
            depth += {"(": 1, ")": -1}.get(text[end], 0)
            end += 1
        out.append(text[match.end():end - 1])
    return out


def test_the_build_scripts_smoke_commands_are_ones_the_cli_takes(tmp_path: Path) -> None:
    """Each `Invoke-Checked $CliExe @(...)` of the script, parsed by the real command's parser."""
    ps1 = ps1_text()
    form = ps1_assigned("StandardForm")
    assert yaml.safe_load((ROOT / "forms" / f"{form}.yaml").read_text(encoding="utf-8"))["id"] == form
    calls = _calls(ps1, "Invoke-Checked $CliExe @(") + _calls(ps1, 'Invoke-Checked (Join-Path $portableApp "sheetdesk-cli.exe") @(')
    assert len(calls) == 5, calls  # --version, sample, list --json, export; sample in the portable copy
    seen = set()
    for call in calls:
        words = re.findall(r'"([^"]*)"|(\$\w+)', call)
        argv = [literal or {"$pdf": str(tmp_path / "sheet.pdf")}[variable] for literal, variable in words]
        argv = ["1" if a == "$($sheet.id)" else a for a in argv]
        if argv == ["--version"]:
            seen.add("version")
            continue
        args = build_parser().parse_args(argv)
        seen.add(args.command)
        if args.command == "export":
            assert args.format == "pdf" and args.ids == [1]
        if args.command == "list":
            assert args.json
    assert seen == {"version", "sample", "list", "export"}
