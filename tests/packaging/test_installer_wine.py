"""The Windows setup made by Inno Setup's own compiler, installed and uninstalled under wine.

ISCC.exe is Inno Setup 6.4.1 as the npm package `innosetup` ships it (.ci/run installs it and
wine; SHEETDESK_ISCC names another copy). The app folder is a stand-in with the spec's file
names (a Windows build of the app cannot be made here). Setup and uninstaller run silently on
Xvfb, as /VERYSILENT does on a PC; afterwards the files, the shortcuts, the registry and the
user's data folder (laid out as sheetdesk.paths does on Windows) are read back from the wine prefix.

Under wine 8 `{autopf}` cannot be resolved (no FOLDERID_UserProgramFiles), so the script is
compiled with /DInstallRoot={localappdata}\\Programs: the folder {autopf} names for a per-user
setup, spelt out.
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from installer_files import ISS, expand, iss_setup, spec_programs, user_data_paths, windows_app_dirs
from packaging_helpers import ROOT

import sheetdesk
from sheetdesk.cli.main import build_parser
from sheetdesk.glossary import APP_NAME

pytestmark = pytest.mark.packaging

ISCC = Path(os.environ.get("SHEETDESK_ISCC", "/opt/innosetup-6.4.1/bin/ISCC.exe"))
WINDOWS_USER = pwd.getpwuid(os.getuid()).pw_name  # wine names the Windows user after the Unix one


def z(path: Path) -> str:
    """A Linux path as wine's programs see it (drive Z: is /)."""
    return "Z:" + str(path).replace("/", "\\")


@dataclass
class Wine:
    prefix: Path
    env: dict[str, str]

    def run(self, *args: str, timeout: int = 300) -> subprocess.CompletedProcess[str]:
        """`wine ARGS` on its own Xvfb display; returns once every wine process has ended (setup's children too)."""
        script = 'wine "$@"; rc=$?; wineserver -w; exit $rc'
        return subprocess.run(["xvfb-run", "-a", "sh", "-c", script, "sh", *args], env=self.env,
                              capture_output=True, text=True, timeout=timeout, errors="replace")

    @property
    def user(self) -> Path:
        return self.prefix / "drive_c" / "users" / WINDOWS_USER

    @property
    def local_appdata(self) -> Path:
        return self.user / "AppData" / "Local"

    def linux_path(self, windows: str) -> Path:
        r"""C:\users\x\... inside the prefix."""
        drive, _, rest = windows.partition(":")
        assert drive.upper() == "C", windows
        return self.prefix / "drive_c" / Path(*rest.strip("\\").split("\\"))


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory) -> Wine:
    missing = [tool for tool in ("wine", "wineserver", "xvfb-run") if shutil.which(tool) is None]
    if not ISCC.is_file():
        missing.append(f"Inno Setup's ISCC.exe at {ISCC}")
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"CI installs wine and Inno Setup (.ci/run); missing: {', '.join(missing)}")
        pytest.skip(f"missing: {', '.join(missing)}")
    base = tmp_path_factory.mktemp("wine")
    (base / "home").mkdir()
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WINEPREFIX", "WINEARCH"}}
    env.update(HOME=str(base / "home"),  # wine links Desktop, Documents… to $HOME: keep them in here
               WINEPREFIX=str(base / "prefix"), WINEARCH="win64", WINEDEBUG="-all",
               WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d")  # no Mono/Gecko prompts, no menu files
    w = Wine(base / "prefix", env)
    proc = w.run("wineboot", "--init")
    assert proc.returncode == 0, proc.stderr[-2000:]
    # Wine 8 says Windows 7 by default; the script requires Windows 10 (MinVersion=10.0).
    proc = w.run("reg", "add", r"HKCU\Software\Wine", "/v", "Version", "/d", "win10", "/f")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert w.local_appdata.is_dir(), f"no {w.local_appdata}"
    return w


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A stand-in for dist\\SheetDesk: the spec's program names, a few of the shipped files under _internal\\."""
    gui, cli, folder = spec_programs()
    root = tmp_path_factory.mktemp("dist") / folder
    (root / "_internal" / "sheetdesk" / "data" / "forms").mkdir(parents=True)
    (root / f"{gui}.exe").write_bytes(b"MZ stand-in for the GUI program")
    (root / f"{cli}.exe").write_bytes(b"MZ stand-in for the console program")
    for form in sorted((ROOT / "forms").glob("*.yaml"))[:3]:
        shutil.copy(form, root / "_internal" / "sheetdesk" / "data" / "forms")
    return root


def iscc(wine: Wine, *defines: str) -> subprocess.CompletedProcess[str]:
    return wine.run(str(ISCC), *defines, z(ISS))


@pytest.fixture(scope="module")
def setup_exe(wine: Wine, bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("setup")
    proc = iscc(wine, f"/DAppVersion={sheetdesk.__version__}", f"/DBundleDir={z(bundle)}", f"/DOutputDir={z(out)}",
                r"/DInstallRoot={localappdata}\Programs")
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "Successful compile" in proc.stdout
    made = out / f"{APP_NAME}-{sheetdesk.__version__}-setup.exe"
    assert made.is_file(), sorted(out.iterdir())
    return made


def test_the_script_does_not_compile_without_the_version(wine: Wine, bundle: Path, tmp_path: Path) -> None:
    proc = iscc(wine, f"/DBundleDir={z(bundle)}", f"/DOutputDir={z(tmp_path)}")
    assert proc.returncode != 0
    assert "Pass the package version" in proc.stdout + proc.stderr
    assert not list(tmp_path.glob("*.exe"))


def test_the_script_does_not_compile_without_the_programs_the_spec_makes(wine: Wine, bundle: Path,
                                                                         tmp_path: Path) -> None:
    gui, _, _ = spec_programs()
    partial = tmp_path / bundle.name
    shutil.copytree(bundle, partial)
    (partial / f"{gui}.exe").unlink()
    proc = iscc(wine, "/DAppVersion=0.0.0", f"/DBundleDir={z(partial)}", f"/DOutputDir={z(tmp_path)}")
    assert proc.returncode != 0
    assert f"{gui}.exe" in proc.stdout + proc.stderr


def test_setup_installs_for_the_user_and_the_uninstaller_keeps_the_data(
        wine: Wine, bundle: Path, setup_exe: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    gui, _, folder = spec_programs()
    app_id = iss_setup()["AppId"].replace("{{", "{")
    comment = build_parser().description
    assert comment

    # --- install, silently, with the desktop icon ---
    proc = wine.run(z(setup_exe), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/TASKS=desktopicon",
                    f"/LOG={z(tmp_path / 'setup.log')}")
    log = (tmp_path / "setup.log").read_text(encoding="utf-8-sig", errors="replace")
    assert proc.returncode == 0, log[-3000:]
    assert "Administrative install mode: No" in log and "Install mode root key: HKEY_CURRENT_USER" in log

    program = wine.local_appdata / "Programs" / folder
    for path in bundle.rglob("*"):
        if path.is_file():
            installed = program / path.relative_to(bundle)
            assert installed.read_bytes() == path.read_bytes(), installed
    assert (program / "unins000.exe").is_file()
    start_menu = wine.user / "AppData/Roaming/Microsoft/Windows/Start Menu/Programs" / f"{APP_NAME}.lnk"
    desktop = wine.user / "Desktop" / f"{APP_NAME}.lnk"
    for shortcut in (start_menu, desktop):
        link = shortcut.read_bytes()
        assert f"{gui}.exe".encode("utf-16-le") in link or f"{gui}.exe".encode() in link, shortcut
        assert comment.encode("utf-16-le") in link, f"{shortcut} lacks the Japanese comment {comment}"
    user_reg = (wine.prefix / "user.reg").read_text(encoding="utf-8", errors="replace")
    system_reg = (wine.prefix / "system.reg").read_text(encoding="utf-8", errors="replace")
    uninstall_key = re.search(rf"^\[Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\"
                              rf"{re.escape(app_id)}_is1\].*?(?=^\[|\Z)", user_reg, re.M | re.S)
    assert uninstall_key, f"no uninstall entry {app_id}_is1 under HKCU"
    assert f'"DisplayVersion"="{sheetdesk.__version__}"' in uninstall_key.group(0)
    assert f'"DisplayName"="{expand(iss_setup()["UninstallDisplayName"])}"' in uninstall_key.group(0)
    assert app_id not in system_reg and APP_NAME not in system_reg, "nothing machine-wide (HKLM)"

    # --- the user works: SheetDesk's folders, where sheetdesk.paths puts them on Windows ---
    windows_local = r"C:\users" + "\\" + WINDOWS_USER + r"\AppData\Local"
    paths = user_data_paths(windows_app_dirs(monkeypatch, windows_local))
    written = {}
    for what, path in paths.items():
        here = wine.linux_path(str(path).replace("/", "\\"))
        if what in {"data", "journal", "backups", "cache", "log"}:
            here.mkdir(parents=True, exist_ok=True)
            here = here / f"{what}-file"
        here.parent.mkdir(parents=True, exist_ok=True)
        here.write_bytes(f"{what} 令和5年度".encode())
        written[here] = here.read_bytes()
    assert wine.local_appdata / APP_NAME in {p.parent for p in written}, written

    # --- an upgrade: a newer setup over it; a library the new bundle lacks goes, the data stays ---
    newer = tmp_path / "newer" / folder
    shutil.copytree(bundle, newer)
    dropped = sorted((newer / "_internal").rglob("*.yaml"))[0]
    dropped.unlink()
    (newer / "_internal" / "new-in-99.txt").write_text("new", encoding="utf-8")
    proc = iscc(wine, "/DAppVersion=99.0.0", f"/DBundleDir={z(newer)}", f"/DOutputDir={z(tmp_path)}",
                r"/DInstallRoot={localappdata}\Programs")
    assert proc.returncode == 0, proc.stdout[-3000:]
    proc = wine.run(z(tmp_path / f"{APP_NAME}-99.0.0-setup.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                    f"/LOG={z(tmp_path / 'upgrade.log')}")
    assert proc.returncode == 0, (tmp_path / "upgrade.log").read_text(encoding="utf-8-sig", errors="replace")[-3000:]
    assert (program / "_internal" / "new-in-99.txt").is_file()
    assert not (program / dropped.relative_to(newer)).exists(), "the old version's file stayed"
    assert '"DisplayVersion"="99.0.0"' in (wine.prefix / "user.reg").read_text(encoding="utf-8", errors="replace")
    for here, content in written.items():
        assert here.is_file() and here.read_bytes() == content, f"the upgrade changed or removed {here}"

    # --- uninstall, silently ---
    proc = wine.run(z(program / "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                    f"/LOG={z(tmp_path / 'uninstall.log')}")
    log = (tmp_path / "uninstall.log").read_text(encoding="utf-8-sig", errors="replace")
    assert proc.returncode == 0, log[-3000:]
    assert "Uninstallation process succeeded" in log, log[-3000:]
    assert not program.exists(), sorted(program.rglob("*"))
    assert not start_menu.exists() and not desktop.exists()
    assert f"{app_id}_is1" not in (wine.prefix / "user.reg").read_text(encoding="utf-8", errors="replace")
    for here, content in written.items():
        assert here.is_file() and here.read_bytes() == content, f"the uninstaller changed or removed {here}"
