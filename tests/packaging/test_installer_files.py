"""installer/sheetdesk.spec checked against the tree, without running PyInstaller.

The spec's DATA must put every shipped kind where sheetdesk.resources looks in
a bundle (sheetdesk/data/<kind>), from the folder a checkout keeps it in; its
Qt exclusions must not name a module the app imports, and must name WebEngine.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import pytest
from packaging_helpers import ROOT

from sheetdesk.resources import SOURCE_FOLDERS, Kind

SPEC = ROOT / "installer" / "sheetdesk.spec"


def _spec_list(name: str) -> list:  # type: ignore[type-arg]
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError(f"{name} not in {SPEC}")


def test_every_kind_goes_where_resources_looks_in_a_bundle() -> None:
    data = dict(_spec_list("DATA"))
    expected = {SOURCE_FOLDERS.get(kind, f"src/sheetdesk/data/{kind.value}"): f"sheetdesk/data/{kind.value}"
                for kind in Kind}
    assert data == expected
    for source in data:
        assert (ROOT / source).is_dir(), source
        assert any(p.is_file() for p in (ROOT / source).rglob("*")), source


def test_the_shipped_files_include_every_form_sample_migration_and_font() -> None:
    data = dict(_spec_list("DATA"))
    assert {"forms", "db", "resources/fonts"} <= set(data)
    assert (ROOT / "forms" / "shisaku-management.yaml").is_file()
    assert (ROOT / "forms" / "shisaku-management.layout.yaml").is_file()
    assert list((ROOT / "db" / "versions").glob("*.py"))
    assert list((ROOT / "resources" / "fonts").glob("*.ttf"))
    assert list((ROOT / "src/sheetdesk/data/samples").glob("*.json"))


def test_no_imported_qt_module_is_excluded_and_webengine_is() -> None:
    excluded = set(_spec_list("EXCLUDED_QT"))
    imported = set()
    for path in (ROOT / "src").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    assert imported, "the app imports Qt modules"
    assert not {f"PySide6.{m}" for m in imported} & excluded
    assert {"PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.QtQml"} <= excluded


def test_the_launcher_is_the_cli_entry_point() -> None:
    launcher = (ROOT / "installer" / "launcher.py").read_text(encoding="utf-8")
    assert "from sheetdesk.cli.main import main" in launcher
    assert '"installer" / "launcher.py"' in SPEC.read_text(encoding="utf-8")


# Plugins that exist in PySide6's Windows wheels only (the Linux wheel installed here has no such file).
WINDOWS_ONLY_PLUGINS = {"qwindows", "qmodernwindowsstyle", "qwindowsvistastyle"}


def test_the_kept_qt_plugins_are_real_files_and_cover_every_platform() -> None:
    plugins = _spec_list("QT_PLUGINS")
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
    assert _spec_list("QT_TRANSLATIONS") == ["qtbase_ja.qm"]
    loader = (ROOT / "src" / "sheetdesk" / "ui" / "translations.py").read_text(encoding="utf-8")
    assert '"qtbase", "_"' in loader and "QLocale.Language.Japanese" in loader
