"""Foreign test files built once per session: 方眼紙 workbooks and the PDFs LibreOffice prints from them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from ingest.foreign_workbooks import build_all
from ingest.seed_sheet import seed_sheet
from sheetdesk.forms.definition import FieldKind
from sheetdesk.model import Sheet


def soffice_or_skip() -> str:
    """LibreOffice's binary; in CI its absence fails the test instead of skipping it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("LibreOffice (soffice) is required in CI to print the test workbooks")
    pytest.skip("LibreOffice (soffice) is not installed")


def to_pdf(soffice: str, files: list[Path], outdir: Path) -> None:
    profile = outdir / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="session")
def seed() -> Sheet:
    return seed_sheet()


@pytest.fixture(scope="session")
def expected(standard_form, seed) -> dict[str, object]:
    """Every value a person typed that a printed sheet shows (施策番号 and 指標の方向 are not printed)."""
    specs = standard_form.fields(seed.context)
    return {p: v for p, v in seed.values.items() if specs[p].printed and specs[p].kind is not FieldKind.DIRECTION}


@pytest.fixture(scope="session")
def foreign_xlsx(standard_form, seed, tmp_path_factory) -> dict[str, Path]:
    return build_all(standard_form, seed, tmp_path_factory.mktemp("foreign_xlsx"))


@pytest.fixture(scope="session")
def foreign_pdf(foreign_xlsx, tmp_path_factory) -> dict[str, Path]:
    soffice = soffice_or_skip()
    outdir = tmp_path_factory.mktemp("foreign_pdf")
    to_pdf(soffice, list(foreign_xlsx.values()), outdir)
    out = {name: outdir / f"{path.stem}.pdf" for name, path in foreign_xlsx.items()}
    missing = [p.name for p in out.values() if not p.exists()]
    assert not missing, f"LibreOffice printed no PDF for {missing}"
    return out
