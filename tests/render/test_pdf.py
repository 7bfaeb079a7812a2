"""The printed sheet as a reader sees it: every label and value in its box, on its page."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from sheetdesk.exchange import dump_document, parse_document
from sheetdesk.model import effective_values
from sheetdesk.render import SheetOverflow, read_embedded_json, render_pdf
from sheetdesk.render.display import box_text as printed_text
from sheetdesk.render.fonts import FONT_NAMES
from sheetdesk.render.geometry import place
from sheetdesk.render.layout import layout_for

from .conftest import box_text, open_pdf, squash


def test_two_a3_landscape_pages(sample_pdf: bytes) -> None:
    with open_pdf(sample_pdf) as pdf:
        assert len(pdf.pages) == 2
        for page in pdf.pages:
            assert (round(page.width, 2), round(page.height, 2)) == (1190.55, 841.89)


def test_every_label_and_value_is_in_its_box_on_its_page(standard_form, sample, sample_pdf: bytes) -> None:
    placed = place(layout_for(standard_form), standard_form, sample.context)
    values = effective_values(standard_form, sample)
    checked = 0
    with open_pdf(sample_pdf) as pdf:
        for page_no, boxes in enumerate(placed.pages):
            page = pdf.pages[page_no]
            for p in boxes:
                expected = squash(printed_text(standard_form, p, values))
                assert box_text(page, p.bbox) == expected, (page_no + 1, p.kind, p.path or p.text)
                checked += bool(expected)
    assert checked > 300


def test_values_as_a_reader_expects_them(sample_pdf: bytes) -> None:
    with open_pdf(sample_pdf) as pdf:
        page1 = squash(pdf.pages[0].extract_text())
        page2 = squash(pdf.pages[1].extract_text())
    # grades with their wording, numbers with separators, marks as entered
    assert "E:ほぼすべての目標が未達成であった" in page1
    assert "B:成果がどちらかと言えば向上した" in page1
    assert "145,591" in page1 and "未集計" in page1
    assert "1,852" in page1
    # page 2: 5, 6, 7 and the 6(2) legend
    assert "５施策の現状" in page2 and "７施策の課題・今後の方向性" in page2  # squash() drops the 全角 space
    assert "E：現状の事業では施策の目的を達成することが困難であるため、抜本的な見直しを要する。" in page2
    for page in (page1, page2):
        assert "－４枚目－" in page and "令和5年度" in page


def test_future_years_print_empty_not_zero(standard_form, sample, sample_pdf: bytes) -> None:
    placed = place(layout_for(standard_form), standard_form, sample.context)
    future = [p for p in placed.pages[0] if p.path and p.path.startswith("cost.project_total.")
              and int(p.path.rsplit(".", 1)[1]) > sample.evaluation_year]
    assert len(future) == 4
    with open_pdf(sample_pdf) as pdf:
        for p in future:
            assert box_text(pdf.pages[0], p.bbox) == ""


def test_fonts_are_embedded_subsets(sample_pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(sample_pdf))
    embedded = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            desc = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            fd = desc["/FontDescriptor"].get_object()
            embedded[str(font["/BaseFont"])] = "/FontFile2" in fd and "/ToUnicode" in font
    names = {n.split("+", 1)[-1] for n in embedded}
    assert {FONT_NAMES[r] for r in FONT_NAMES} <= names
    assert all(embedded.values()), embedded


@pytest.mark.skipif(shutil.which("pdffonts") is None, reason="poppler-utils not installed")
def test_pdffonts_reports_every_font_embedded(sample_pdf: bytes, tmp_path) -> None:
    path = tmp_path / "sheet.pdf"
    path.write_bytes(sample_pdf)
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows and all(r.split()[-5:-2] == ["yes", "yes", "yes"] for r in rows), out  # emb sub uni


def test_embedded_json_reads_back_identical(registry, sample, sample_pdf: bytes) -> None:
    data = read_embedded_json(sample_pdf)
    assert data is not None
    assert data.decode("utf-8") == dump_document(registry, [sample])
    again = parse_document(data, "sheet.pdf", registry)[0]
    assert again.values == sample.values and again.overrides == sample.overrides


def test_metadata_names_the_sheet(sample_pdf: bytes) -> None:
    meta = PdfReader(io.BytesIO(sample_pdf)).metadata
    assert "施策マネジメントシート" in meta.title and "地域コミュニティ" in meta.title
    assert "国立市" in meta.author
    assert meta.subject == "令和5年度 施策マネジメントシート"


def test_other_pdfs_carry_no_sheet() -> None:
    assert read_embedded_json(b"%PDF-1.4 not really") is None


def test_a_text_too_long_is_refused_then_marked(standard_form, sample) -> None:
    sample.values["s4.reasons"] = sample.text("s4.reasons") * 8
    with pytest.raises(SheetOverflow) as info:
        render_pdf(standard_form, sample)
    assert [o.path for o in info.value.overflows] == ["s4.reasons"]
    assert "（3）上記（1）（2）の理由・背景" in str(info.value)
    pdf = render_pdf(standard_form, sample, allow_overflow=True)
    with open_pdf(pdf) as doc:
        assert "▼文字あふれ" in doc.pages[0].extract_text()
        assert "文字あふれ" not in doc.pages[1].extract_text()


def test_a_sheet_without_number_prints_no_sheet_number(standard_form, sample) -> None:
    with open_pdf(render_pdf(standard_form, sample)) as doc:
        assert "枚目" not in doc.pages[0].extract_text()
