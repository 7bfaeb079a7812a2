"""SheetDesk's own print with its embedded JSON removed is read back by its labels, like a city's PDF.

Our print draws every box as one stroked frame, with thin spacer rows
between blocks; the reader must take those frames as cells so that a label
bounds the value beside it (基本施策名 | name | 主な関係課 | sections).
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from sheetdesk.app.samples import sample_paths
from sheetdesk.exchange import parse_document
from sheetdesk.forms.definition import FieldKind
from sheetdesk.ingest.pdf_foreign import read_foreign_pdf
from sheetdesk.model import Sheet
from sheetdesk.render import render_pdf


@pytest.fixture(scope="module")
def sample(registry) -> Sheet:
    path = next(p for p in sample_paths() if p.name == "kunitachi-2023.json")
    [sheet] = parse_document(path.read_bytes(), path.name, registry)
    return sheet


@pytest.fixture(scope="module")
def label_only_pdf(sample, standard_form, registry, tmp_path_factory) -> Path:
    """Our print, page by page into a new file: the pages without the attached exchange JSON."""
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(render_pdf(standard_form, sample, allow_overflow=True, registry=registry))).pages:
        writer.add_page(page)
    path = tmp_path_factory.mktemp("own") / "印刷したシート.pdf"
    with path.open("wb") as f:
        writer.write(f)
    assert not PdfReader(path).attachments  # really label-only: nothing to read but the page
    return path


@pytest.fixture(scope="module")
def printed(sample, standard_form) -> dict[str, object]:
    """Every value the print shows (施策番号 and 指標の方向 are not printed)."""
    specs = standard_form.fields(sample.context)
    return {p: v for p, v in sample.values.items() if specs[p].printed and specs[p].kind is not FieldKind.DIRECTION}


def test_header_row_values_stop_at_the_next_label(label_only_pdf, standard_form, printed) -> None:
    sheet = read_foreign_pdf(label_only_pdf, standard_form).sheet
    header = {p: sheet.values.get(p) for p in printed if p.startswith("header.")}
    assert header == {p: v for p, v in printed.items() if p.startswith("header.")}
    assert sheet.values["header.measure_name"] == "地域コミュニティ・課題解決型コミュニティ活動の促進"
    assert sheet.values["header.related_sections"] == ("福祉総務課", "高齢者支援課", "地域包括ケア推進担当", "子育て支援課")


def test_nearly_every_printed_value_comes_back(label_only_pdf, standard_form, printed) -> None:
    sheet = read_foreign_pdf(label_only_pdf, standard_form).sheet
    assert (sheet.evaluation_year, sheet.plan.start_year, sheet.plan.end_year) == (2023, 2020, 2027)
    wrong = sorted(p for p, v in printed.items() if sheet.values.get(p) != v)
    # a page cannot tell every typed line break; at most 2 of the ~140 printed values may differ, and only texts
    assert len(wrong) <= 2, wrong
    assert all(isinstance(printed[p], str) for p in wrong), wrong
    numbers = [p for p, v in printed.items() if isinstance(v, Decimal)]
    assert len(numbers) > 80 and all(sheet.values.get(p) == printed[p] for p in numbers)


def test_phrase_wrapped_lines_are_joined_and_typed_breaks_kept(label_only_pdf, standard_form, printed) -> None:
    sheet = read_foreign_pdf(label_only_pdf, standard_form).sheet
    for path in ("s2.directions.1.purpose", "s2.directions.2.purpose", "s5.current_work", "s1.target"):
        assert sheet.values[path] == printed[path]
