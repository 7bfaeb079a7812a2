"""The wheel works anywhere: installed into a fresh venv, run from a folder that is not the checkout.

Every command a user runs first is driven as a process: sample, list, export
(PDF, xlsx, JSON), import, --version, and the GUI's start (offscreen), which
shows the sample in its list. The shipped files must come from the installed
package, not from the checkout.
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pdfplumber
import pytest
from packaging_helpers import ROOT, InstalledWheel, clean_env

import sheetdesk

pytestmark = pytest.mark.packaging

MEASURE = "地域コミュニティ・課題解決型コミュニティ活動の促進"


@pytest.fixture
def user_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "desktop"
    folder.mkdir()
    return folder


def run(wheel: InstalledWheel, folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(wheel.sheetdesk), *args], cwd=folder, env=clean_env(folder / "home", **env),
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, f"sheetdesk {' '.join(args)}:\n{proc.stdout}\n{proc.stderr}"
    return proc


def test_the_wheel_carries_forms_layouts_migrations_fonts_icons_and_samples(installed_wheel: InstalledWheel) -> None:
    names = set(zipfile.ZipFile(installed_wheel.wheel).namelist())
    for source, target in (("forms", "sheetdesk/data/forms"), ("db", "sheetdesk/data/db"),
                           ("resources/fonts", "sheetdesk/data/fonts"), ("resources/icons", "sheetdesk/data/icons"),
                           ("src/sheetdesk/data/samples", "sheetdesk/data/samples")):
        files = [p for p in (ROOT / source).rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        assert files, source
        for p in files:
            assert f"{target}/{p.relative_to(ROOT / source).as_posix()}" in names, p


def test_resources_come_from_the_installed_package(installed_wheel: InstalledWheel, user_folder: Path) -> None:
    code = ("from sheetdesk import resources as r; "
            "print(r.forms_dir(), r.migrations_dir(), r.fonts_dir(), r.samples_dir(), r.icon_file(), r.source_root(), "
            "sep='\\n')")
    proc = subprocess.run([str(installed_wheel.python), "-c", code], cwd=user_folder,
                          env=clean_env(user_folder / "home"), capture_output=True, text=True, timeout=60, check=True)
    *dirs, source_root = proc.stdout.splitlines()
    assert source_root == "None"
    site = installed_wheel.venv.resolve()
    for d in dirs:
        assert Path(d).resolve().is_relative_to(site), d


def test_sample_list_export_import_from_another_folder(installed_wheel: InstalledWheel, user_folder: Path) -> None:
    assert run(installed_wheel, user_folder, "--version").stdout.strip() == f"SheetDesk {sheetdesk.__version__}"
    out = run(installed_wheel, user_folder, "sample").stdout
    assert "1件 取り込みました" in out and MEASURE in out
    listing = run(installed_wheel, user_folder, "list").stdout
    assert "令和5年度" in listing and MEASURE in listing and "まちの振興課" in listing
    sheet_id = next(line for line in listing.splitlines() if MEASURE in line).split()[0]  # among every family's

    run(installed_wheel, user_folder, "export", sheet_id, "--format", "pdf", "-o", "sheet.pdf")
    with pdfplumber.open(user_folder / "sheet.pdf") as pdf:
        text = "".join((page.extract_text() or "") for page in pdf.pages)
        assert "自治会加入を促進し、社会的孤立の防止を図る。" in text  # the sample's 今後の方向性, as printed
        assert pdf.metadata["Creator"] == f"SheetDesk {sheetdesk.__version__}"

    run(installed_wheel, user_folder, "export", sheet_id, "--format", "xlsx", "-o", "sheet.xlsx")
    wb = openpyxl.load_workbook(user_folder / "sheet.xlsx")
    assert wb.properties.creator == f"SheetDesk {sheetdesk.__version__}"
    assert any(MEASURE in str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)

    run(installed_wheel, user_folder, "export", sheet_id, "--format", "json", "-o", "sheet.json")
    assert f'"generator": "SheetDesk {sheetdesk.__version__}"' in (user_folder / "sheet.json").read_text("utf-8")

    imported = run(installed_wheel, user_folder, "import", "sheet.xlsx", "--replace").stdout
    assert "1件 取り込みました" in imported and "失敗 0件" in imported
    checked = run(installed_wheel, user_folder, "import", "sheet.pdf", "--dry-run", "--replace").stdout
    assert "1件 検査OK" in checked


def test_the_gui_starts_and_shows_the_sample(installed_wheel: InstalledWheel, user_folder: Path) -> None:
    run(installed_wheel, user_folder, "sample")
    shot = user_folder / "window.png"
    proc = run(installed_wheel, user_folder, SHEETDESK_STARTUP_PROBE="1", SHEETDESK_QUIT_AFTER_PAINT="1",
               SHEETDESK_SCREENSHOT=str(shot))
    rows = [ln for ln in proc.stdout.splitlines() if ln.startswith("SHEETDESK_ROW ")]
    listed = run(installed_wheel, user_folder, "list").stdout.splitlines()
    assert len(rows) == len(listed), proc.stdout  # every shipped family's sample, as `sheetdesk list` shows them
    assert any(MEASURE in r and "令和5年度" in r and "まちの振興課" in r for r in rows), proc.stdout
    assert "SheetBrowser" in proc.stdout
    assert shot.stat().st_size > 10_000
