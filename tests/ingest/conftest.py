"""Foreign test files built once per session: 方眼紙 workbooks and the PDFs LibreOffice prints from them."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook

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
    """Print workbooks with LibreOffice, in its own profile, with SheetDesk's bundled Japanese fonts visible.

    A fresh machine may have no Japanese font at all; the workbooks name BIZ UDGothic, which ships with
    SheetDesk, and fontconfig is pointed at it.
    """
    from sheetdesk.render.fonts import fonts_dir

    conf = outdir / "fonts.conf"
    conf.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include><dir>{fonts_dir()}</dir>
<cachedir>{outdir / "fc-cache"}</cachedir></fontconfig>""", encoding="utf-8")
    profile = outdir / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), *map(str, files)], check=True, capture_output=True, timeout=300,
                   env={**os.environ, "FONTCONFIG_FILE": str(conf)})


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
def other_form_xlsx(tmp_path_factory) -> Path:
    """A workbook of another city's form (seeds/004: 施策・基本事業マネジメントシート)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "シート"
    rows = ["令和６年度 施策・基本事業マネジメントシート（令和５年度実績に基づく評価）", "２．基本事業の目的と成果把握",
            "４．施策の基本情報", "・令和5年5月に新型コロナウイルス感染症が5類に引き下げられた。",
            "５．施策全体の総括・今後の課題・今後の方向性", "・市内在住の外国人との日常的な交流を図る。"]
    for i, text in enumerate(rows, start=1):
        ws.cell(i * 2, 2, text)
    path = tmp_path_factory.mktemp("other_form") / "other-form.xlsx"
    wb.save(path)
    return path


@pytest.fixture(scope="session")
def foreign_pdf(foreign_xlsx, other_form_xlsx, tmp_path_factory) -> dict[str, Path]:
    soffice = soffice_or_skip()
    outdir = tmp_path_factory.mktemp("foreign_pdf")
    sources = {**foreign_xlsx, "other_form": other_form_xlsx}
    to_pdf(soffice, list(sources.values()), outdir)
    out = {name: outdir / f"{path.stem}.pdf" for name, path in sources.items()}
    missing = [p.name for p in out.values() if not p.exists()]
    assert not missing, f"LibreOffice printed no PDF for {missing}"
    return out
