"""Whatever the store accepts, every export writes — and an xlsx text cell stays text (issue 10, points 3 and 4)."""

from __future__ import annotations

import copy
import csv
import io
import os
import re
import shutil
import subprocess
import zipfile
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from sheetdesk.app.samples import sample_paths
from sheetdesk.exchange import dump_document, parse_document
from sheetdesk.model import Sheet
from sheetdesk.render import xlsx as xlsx_render
from sheetdesk.render.xlsx import read_xlsx_json, render_xlsx
from sheetdesk.store.door import ValueRefused, admit

# What a person (or a prankster) may begin a text with; spreadsheet programs read these as formulas.
HOSTILE = {
    "s1.target": '=HYPERLINK("http://example.invalid/","詳細はこちら")',
    "s1.purpose": "+1+1",
    "s5.situation": "-2+3",
    "s5.opinions": "@SUM(1,2)",
    "s5.comparison": "\t=1+1",
}


def sample(registry) -> Sheet:
    path = next(p for p in sample_paths() if p.name == "kunitachi-2023.json")
    return parse_document(path.read_bytes(), path.name, registry)[0]


@pytest.fixture(scope="module")
def hostile_sheet(registry, standard_form) -> Sheet:
    sheet = copy.deepcopy(sample(registry))
    specs = standard_form.fields(sheet.context)
    for path, text in HOSTILE.items():
        assert path in specs, path
        sheet.values[path] = text
    return sheet


@pytest.fixture(scope="module")
def hostile_xlsx(hostile_sheet, standard_form) -> bytes:
    return render_xlsx(standard_form, hostile_sheet)


def test_no_cell_of_the_workbook_is_a_formula(hostile_xlsx: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(hostile_xlsx)) as z:
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/")]
        for name in sheets:
            assert b"<f>" not in z.read(name) and b"<f " not in z.read(name), name
    wb = load_workbook(io.BytesIO(hostile_xlsx))
    written = {c.value: c.data_type for ws in wb.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, str)}
    for text in HOSTILE.values():
        assert written.get(text) == "s", text


def test_the_hidden_data_stays_text_when_an_equals_sign_starts_a_chunk(registry, standard_form, hostile_sheet,
                                                                       monkeypatch) -> None:
    data = dump_document(registry, [hostile_sheet])
    cut = data.index("=")
    monkeypatch.setattr(xlsx_render, "CHUNK", cut)  # the next chunk begins with "="
    book = render_xlsx(standard_form, hostile_sheet)
    embedded = read_xlsx_json(book)
    assert embedded is not None
    back = parse_document(embedded, "sheet.xlsx", registry)[0]
    assert back.values == hostile_sheet.values


@pytest.mark.libreoffice
def test_libreoffice_shows_the_texts_as_typed(hostile_xlsx: bytes, tmp_path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    src = tmp_path / "sheet.xlsx"
    src.write_bytes(hostile_xlsx)
    profile = tmp_path / "lo-profile"
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                           "--outdir", str(tmp_path), str(src)], capture_output=True, timeout=180, text=True)
    assert done.returncode == 0, done.stderr
    cells = set()
    for out in tmp_path.glob("sheet*.csv"):
        for row in csv.reader(out.read_text(encoding="utf-8").splitlines()):
            cells.update(row)
    assert "repair" not in (done.stdout + done.stderr).lower()
    for text in HOSTILE.values():
        assert text.strip("\t") in {c.strip("\t") for c in cells}, text


# --- one rule at the door: what it admits, every export writes --------------------------------------------------

texts = st.text(st.characters(codec="utf-8"), min_size=1, max_size=60)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, number=st.decimals(allow_nan=True, allow_infinity=True))
def test_whatever_the_door_admits_the_xlsx_and_json_exports_write(registry, standard_form, text, number) -> None:
    sheet = copy.deepcopy(sample(registry))
    try:
        sheet.values["s1.purpose"] = admit(text, "目的")
    except ValueRefused as exc:
        assert re.search(r"U\+[0-9A-F]{4}", str(exc))
        return
    try:
        sheet.values["target.a.actual.2023"] = admit(number, "実績")
    except ValueRefused as exc:
        assert "数値" in str(exc)
        sheet.values["target.a.actual.2023"] = Decimal(1)
    book = render_xlsx(standard_form, sheet)
    embedded = read_xlsx_json(book)
    assert embedded is not None
    back = parse_document(embedded, "x.xlsx", registry)[0]
    assert back.values.get("s1.purpose", "") == sheet.values["s1.purpose"]


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_whatever_the_door_admits_the_pdf_prints(registry, standard_form, text) -> None:
    from sheetdesk.render import render_pdf

    sheet = copy.deepcopy(sample(registry))
    try:
        sheet.values["s1.purpose"] = admit(text, "目的")
    except ValueRefused:
        return
    assert render_pdf(standard_form, sheet).startswith(b"%PDF")


@pytest.mark.parametrize("number", ["1e100000000", "-1e16", "0.0000001", "12345678901234567"])
def test_numbers_beyond_a_spreadsheet_are_refused_with_the_field_named(number) -> None:
    with pytest.raises(ValueRefused, match="「実績」の数値"):
        admit(Decimal(number), "実績")
