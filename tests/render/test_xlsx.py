"""The xlsx export: the paper's boxes as merged cells, numbers as numbers, the JSON inside."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from sheetdesk.exchange import dump_document, parse_document
from sheetdesk.render.xlsx import read_xlsx_json, render_xlsx

from .conftest import open_pdf, squash


@pytest.fixture(scope="module")
def workbook_bytes(registry, standard_form) -> bytes:
    from .conftest import load_sample

    return render_xlsx(standard_form, load_sample(registry), sheet_number=4)


def _cells(ws) -> dict[str, object]:
    return {str(c.value): c for row in ws.iter_rows() for c in row if c.value is not None}


def test_two_a3_landscape_pages_fit_to_one_page_each(workbook_bytes: bytes) -> None:
    wb = load_workbook(io.BytesIO(workbook_bytes))
    pages = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert [ws.title for ws in pages] == ["1ページ", "2ページ"]
    for ws in pages:
        assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A3
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
        assert ws.print_area and ws.merged_cells.ranges
        assert ws.oddFooter.center.text == "－４枚目－"


def test_numbers_are_numbers_and_marks_are_text(workbook_bytes: bytes) -> None:
    ws = load_workbook(io.BytesIO(workbook_bytes))["1ページ"]
    values = [c.value for row in ws.iter_rows() for c in row]
    numbers = [v for v in values if isinstance(v, int | float | Decimal)]
    assert 145591 in numbers and 22.7 in numbers and 1852 in numbers
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, int | float)}
    assert cells[145591].number_format == "#,##0"
    assert cells[22.7].number_format == "#,##0.0"
    assert "未集計" in values
    assert "E:ほぼすべての目標が未達成であった" in values
    assert "地域コミュニティ・課題解決型コミュニティ活動の促進" in values


def test_labels_are_shaded_and_ruled(workbook_bytes: bytes) -> None:
    ws = load_workbook(io.BytesIO(workbook_bytes))["1ページ"]
    label = next(c for row in ws.iter_rows() for c in row if c.value == "政策名")
    assert label.fill.fgColor.rgb.endswith("E6E6E6")
    assert label.border.left.style == "thin" and label.border.top.style == "thin"


def test_exchange_json_reads_back_identical(registry, workbook_bytes: bytes) -> None:
    from .conftest import load_sample

    sample = load_sample(registry)
    data = read_xlsx_json(workbook_bytes)
    assert data is not None and data.decode("utf-8") == dump_document(registry, [sample])
    assert parse_document(data, "sheet.xlsx", registry)[0].values == sample.values
    hidden = load_workbook(io.BytesIO(workbook_bytes))["sheetdesk"]
    assert hidden.sheet_state == "hidden"


@pytest.mark.libreoffice
def test_libreoffice_prints_the_workbook_on_two_a3_pages(workbook_bytes: bytes, tmp_path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    src = tmp_path / "sheet.xlsx"
    src.write_bytes(workbook_bytes)
    profile = tmp_path / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(src)], check=True, capture_output=True, timeout=180)
    with open_pdf((tmp_path / "sheet.pdf").read_bytes()) as pdf:
        assert len(pdf.pages) == 2
        assert (round(pdf.pages[0].width), round(pdf.pages[0].height)) == (1191, 842)
        text = squash(pdf.pages[0].extract_text())
    assert "施策マネジメントシート" in text and "13,083" in text and "未集計" in text


def _written_borders(xlsx: bytes, sheet: str) -> dict[str, str]:
    """Each written cell's border as the file states it (openpyxl re-derives merged borders on load, so read XML)."""
    from xml.etree import ElementTree as ET

    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        styles = ET.fromstring(z.read("xl/styles.xml"))
        sheet_xml = ET.fromstring(z.read(f"xl/worksheets/{sheet}.xml"))
    borders = [ET.tostring(b) for b in styles.find("m:borders", ns)]
    xfs = [int(xf.get("borderId", 0)) for xf in styles.find("m:cellXfs", ns)]
    return {c.get("r"): borders[xfs[int(c.get("s", 0))]] for c in sheet_xml.iter(f"{{{ns['m']}}}c")}


def test_merged_boxes_are_ruled_as_openpyxl_merges_them(registry, standard_form) -> None:
    """Every cell of a merged box carries the borders openpyxl's own merge formatting would write."""
    from sheetdesk.render import xlsx

    from .conftest import load_sample

    sample = load_sample(registry)
    ours = render_xlsx(standard_form, sample)

    def openpyxl_merge(self, start, r1: int, c1: int) -> None:  # noqa: ANN001
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.merge import MergedCellRange

        mcr = MergedCellRange(self.ws, f"{start.coordinate}:{get_column_letter(c1)}{r1}")
        self.ws.merged_cells.ranges.add(mcr)
        self.ws._clean_merge_range(mcr)

    with pytest.MonkeyPatch.context() as m:
        m.setattr(xlsx._Styles, "merge", openpyxl_merge)
        theirs = render_xlsx(standard_form, sample)
    for sheet in ("sheet1", "sheet2"):
        expected = _written_borders(theirs, sheet)
        assert len(expected) > 50 and _written_borders(ours, sheet) == expected
