"""The frozen app (dist/SheetDesk, built by `make bundle`) run as a user runs it, and its file list.

`.ci/run` builds the bundle before `make test`, so in CI these tests always
see a bundle made from the tree under test; a missing or stale bundle fails
there. Elsewhere they run when a current bundle exists and skip with the
reason otherwise (building takes minutes). SHEETDESK_BUNDLE names another
folder. With SHEETDESK_ARTIFACTS set, the frozen window's screenshot is kept
there for a person to look at.

The file list is checked on Linux, where the bundle is built here: the Qt the
app uses is inside, nothing of WebEngine, QML/Quick, Wayland, EGLFS or the
virtual keyboard is.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from installer_files import spec_list
from packaging_helpers import ROOT, clean_env

import sheetdesk

pytestmark = [pytest.mark.packaging, pytest.mark.skipif(sys.platform != "linux", reason="built and run on Linux here")]

MEASURE = "地域コミュニティ・課題解決型コミュニティ活動の促進"
# The sample's 今後の方向性 as the seed prints it (shared/seeds/000_9b47b5a433849a40.txt, line 518).
DIRECTION = "地域コミュニティの活性化、多文化共生社会の実現に向けた取組の更なる充実を目指す。"
# What the bundle is built from: a file newer than the bundle means it tests older code.
SOURCES = ["src/sheetdesk", "forms", "db", "resources/fonts", "resources/icons", "installer/sheetdesk.spec",
           "installer/launcher.py", "pyproject.toml"]

# Inside _internal/, as paths relative to it (Linux names).
NEEDED = [
    "PySide6/QtCore.abi3.so", "PySide6/QtGui.abi3.so", "PySide6/QtWidgets.abi3.so", "PySide6/QtPdf.abi3.so",
    "PySide6/QtPdfWidgets.abi3.so",
    *(f"PySide6/Qt/lib/libQt6{m}.so.6" for m in ("Core", "Gui", "Widgets", "DBus", "Pdf", "PdfWidgets", "XcbQpa")),
    "PySide6/Qt/plugins/platforms/libqxcb.so", "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so",  # Japanese input (IME)
    "PySide6/Qt/plugins/platforminputcontexts/libcomposeplatforminputcontextplugin.so",
    "PySide6/Qt/translations/qtbase_ja.qm",
    "libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1",  # what the xcb plugin needs beyond libxcb
    "pypdfium2_raw/libpdfium.so",  # loaded by ctypes (pdfplumber's page images), linked by nothing
    "sheetdesk/data/forms/shisaku-management.yaml", "sheetdesk/data/forms/shisaku-management.layout.yaml",
    "sheetdesk/data/db/env.py", "sheetdesk/data/fonts/BIZUDGothic-Regular.ttf",
    "sheetdesk/data/samples/kunitachi-2023.json",
]
FORBIDDEN = re.compile(
    r"WebEngine|WebChannel|WebSockets|Qt6?Qml|Qt6?Quick|VirtualKeyboard|Wayland|WlShell|EglFS|EglFs|Multimedia"
    r"|Qt6?3D|Qt6?Charts|Qt6?DataVisualization|Qt6?Graphs|Qt6?OpenGL|Qt6?Designer|Qt6?Sql|Qt6?Test|Qt6?Bluetooth"
    r"|plugins/(wayland-|egldeviceintegrations|generic|networkinformation|tls|sqldrivers|multimedia|qml)"
    r"|plugins/platforms/(?!libqxcb\.so$|libqoffscreen\.so$)|plugins/platformthemes/libqgtk3|^qml/|/qml/"
    r"|translations/(?!qtbase_ja\.qm$)|libgtk|libatk|libpango|libcairo",
)


def _newest_source() -> tuple[float, Path]:
    newest = (0.0, ROOT)
    for name in SOURCES:
        for path in [ROOT / name, *(ROOT / name).rglob("*")]:
            if path.is_file() and "__pycache__" not in path.parts:
                newest = max(newest, (path.stat().st_mtime, path))
    return newest


def _not_usable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (.ci/run builds it with `make bundle` before `make test`)")
    pytest.skip(f"{reason}: run `make bundle` first")


@pytest.fixture(scope="session")
def bundle() -> Path:
    folder = Path(os.environ.get("SHEETDESK_BUNDLE") or ROOT / "dist" / "SheetDesk")
    if not (folder / "SheetDesk").is_file() or not (folder / "sheetdesk-cli").is_file():
        _not_usable(f"no bundle in {folder}")
    built = min((folder / "SheetDesk").stat().st_mtime, (folder / "_internal").stat().st_mtime)
    newest, path = _newest_source()
    if newest > built:
        _not_usable(f"the bundle in {folder} is older than {path.relative_to(ROOT)}")
    return folder


def test_the_bundle_holds_the_qt_the_app_uses_and_nothing_more(bundle: Path) -> None:
    internal = bundle / "_internal"
    files = sorted(p.relative_to(internal).as_posix() for p in internal.rglob("*") if p.is_file() or p.is_symlink())
    assert not [f for f in NEEDED if f not in files]
    assert not [f for f in files if FORBIDDEN.search(f)]
    broken = [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert not broken, "links to libraries left out"
    plugins = spec_list("QT_PLUGINS")
    for f in files:
        if m := re.match(r"PySide6/Qt/plugins/([^/]+)/lib(.+)\.so$", f):
            assert m.group(2) in plugins.get(m.group(1), []), f"{f} is not in the spec's QT_PLUGINS"
    qt_modules = {m.group(1) for f in files if (m := re.match(r"PySide6/(Qt\w+)\.abi3\.so$", f))}
    assert qt_modules <= {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtDBus", "QtNetwork"}, qt_modules


def _run(bundle: Path, program: str, folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(bundle / program), *args], cwd=folder, env=clean_env(folder / "home", **env),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{program} {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"
    return proc


@pytest.fixture
def user_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "desktop"
    folder.mkdir()
    return folder


def test_the_bundled_command_writes_japanese_as_utf8_whatever_the_locale_says(bundle: Path, user_folder: Path) -> None:
    """The spec's `X utf8`: as a cp932 console's pipe would, an ASCII locale with UTF-8 mode turned off
    by the environment (the checkout's Python prints escapes there: \\u30c7…) still gets the refusal in Japanese."""
    missing = user_folder / "nothere.sqlite3"
    proc = subprocess.run([str(bundle / "sheetdesk-cli"), "--db", str(missing), "list"], cwd=user_folder,
                          env=clean_env(user_folder / "home", LC_ALL="C", LANG="C", PYTHONUTF8="0",
                                        PYTHONCOERCECLOCALE="0"),
                          capture_output=True, timeout=300)
    assert proc.returncode == 1
    assert proc.stderr.decode("utf-8").startswith(f"sheetdesk: データベースファイル「{missing}」が見つかりません。")


def test_the_bundled_command_loads_the_sample_and_prints_it(bundle: Path, user_folder: Path) -> None:
    assert _run(bundle, "sheetdesk-cli", user_folder, "--version").stdout.strip() == f"SheetDesk {sheetdesk.__version__}"
    out = _run(bundle, "sheetdesk-cli", user_folder, "sample").stdout
    assert "1件 取り込みました" in out and MEASURE in out
    assert str(bundle / "_internal" / "sheetdesk" / "data" / "samples") in out  # the bundle's own files
    listing = _run(bundle, "sheetdesk-cli", user_folder, "list").stdout
    line = next(ln for ln in listing.splitlines() if MEASURE in ln)
    assert "令和5年度" in line and "まちの振興課" in line
    sheet_id = line.split()[0]

    _run(bundle, "sheetdesk-cli", user_folder, "export", sheet_id, "--format", "pdf", "-o", "sheet.pdf")
    text = subprocess.run(["pdftotext", "-layout", str(user_folder / "sheet.pdf"), "-"], capture_output=True,
                          text=True, check=True, timeout=60).stdout
    flat = re.sub(r"\s+", "", text)
    assert "施策マネジメントシート" in flat and "評価対象年度：令和5年度" in flat and MEASURE in flat
    assert DIRECTION in flat
    info = subprocess.run(["pdfinfo", str(user_folder / "sheet.pdf")], capture_output=True, text=True, check=True,
                          timeout=60).stdout
    assert f"SheetDesk {sheetdesk.__version__}" in info

    # The importers inside the bundle (openpyxl, pdfminer's CMaps) read the files back.
    _run(bundle, "sheetdesk-cli", user_folder, "export", sheet_id, "--format", "xlsx", "-o", "sheet.xlsx")
    assert "1件 検査OK" in _run(bundle, "sheetdesk-cli", user_folder, "import", "sheet.xlsx", "--dry-run",
                                "--replace").stdout
    assert "1件 検査OK" in _run(bundle, "sheetdesk-cli", user_folder, "import", "sheet.pdf", "--dry-run",
                                "--replace").stdout


def test_a_moved_bundle_with_the_portable_marker_keeps_its_data_beside_it(bundle: Path, tmp_path: Path) -> None:
    """As on a USB stick: the folder copied elsewhere, portable.txt beside the executables, no SHEETDESK_HOME."""
    stick = tmp_path / "usb" / "SheetDesk"
    shutil.copytree(bundle, stick, symlinks=True, copy_function=os.link)  # hard links: the same files, quickly
    (stick / "portable.txt").write_text("", encoding="utf-8")
    user_home = tmp_path / "user"
    user_home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "SHEETDESK_HOME"}
           and not k.startswith("XDG_")}
    env |= {"HOME": str(user_home), "QT_QPA_PLATFORM": "offscreen"}
    for args in (["sample"], ["list"]):
        proc = subprocess.run([str(stick / "sheetdesk-cli"), *args], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=300)
        assert proc.returncode == 0, proc.stderr
    assert MEASURE in proc.stdout
    assert (stick / "SheetDeskData" / "data" / "sheetdesk.sqlite3").is_file()
    assert not list(user_home.rglob("*")), "nothing written in the user's own folders"


def test_the_bundled_postgresql_driver_loads(bundle: Path, user_folder: Path) -> None:
    """psycopg's own binary build (forced: no fallback to a system libpq) reaches the network and is refused."""
    url = "postgresql+psycopg://sheetdesk@127.0.0.1:9/none"  # the discard port: nothing listens
    proc = subprocess.run([str(bundle / "sheetdesk-cli"), "--db", url, "list"], cwd=user_folder,
                          env=clean_env(user_folder / "home", PSYCOPG_IMPL="binary"), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 1
    assert f"データベースサーバー {url} に接続できません" in proc.stderr, proc.stderr


def test_the_frozen_gui_starts_under_xvfb_and_lists_the_sample(bundle: Path, user_folder: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        if os.environ.get("CI"):
            pytest.fail("xvfb-run is required in CI (apt-get install xvfb)")
        pytest.skip("xvfb-run is not installed")
    _run(bundle, "sheetdesk-cli", user_folder, "sample")
    listed = _run(bundle, "sheetdesk-cli", user_folder, "list").stdout.splitlines()
    shot = user_folder / "bundle-window.png"
    env = clean_env(user_folder / "home", SHEETDESK_STARTUP_PROBE="1", SHEETDESK_QUIT_AFTER_PAINT="1",
                    SHEETDESK_SCREENSHOT=str(shot))
    env["QT_QPA_PLATFORM"] = "xcb"  # the X server xvfb-run starts, as on a desktop
    env.pop("DISPLAY", None)
    proc = subprocess.run([xvfb_run, "-a", str(bundle / "SheetDesk")], cwd=user_folder, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"{proc.stdout}\n{proc.stderr}"
    assert "Could not load the Qt platform plugin" not in proc.stderr
    assert "Cannot load library" not in proc.stderr, proc.stderr
    assert "SHEETDESK_FIRST_PAINT" in proc.stdout
    shown = next(ln for ln in proc.stdout.splitlines() if ln.startswith("SHEETDESK_SHOWN "))
    assert "SheetDesk" in shown and "SheetBrowser" in shown, shown
    rows = [ln for ln in proc.stdout.splitlines() if ln.startswith("SHEETDESK_ROW ")]
    assert len(rows) == len(listed), proc.stdout  # every family's sample, as `sheetdesk-cli list` shows them
    assert any(MEASURE in r and "令和5年度" in r and "まちの振興課" in r for r in rows), proc.stdout
    assert shot.stat().st_size > 10_000
    if artifacts := os.environ.get("SHEETDESK_ARTIFACTS"):
        Path(artifacts).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(artifacts) / shot.name)
