"""Fixtures for printing tests: the transcribed 国立市 sample and its printed PDF."""

from __future__ import annotations

import copy
import io

import pdfplumber
import pytest

from sheetdesk.app.samples import sample_paths
from sheetdesk.exchange import parse_document
from sheetdesk.model import Sheet

MM = 72 / 25.4


def load_sample(registry) -> Sheet:
    path = next(p for p in sample_paths() if p.name == "kunitachi-2023.json")
    return parse_document(path.read_bytes(), path.name, registry)[0]


@pytest.fixture
def sample(registry) -> Sheet:
    return load_sample(registry)


def variant(sheet: Sheet, code: str, name: str) -> Sheet:
    """A copy of the sample with another 施策番号 and 基本施策名 (booklets need several sheets)."""
    out = copy.deepcopy(sheet)
    out.values["header.measure_code"] = code
    out.values["header.measure_name"] = name
    return out


@pytest.fixture(scope="module")
def sample_pdf(registry, standard_form) -> bytes:
    from sheetdesk.render import render_pdf

    return render_pdf(standard_form, load_sample(registry), sheet_number=4)


def box_text(page: pdfplumber.page.Page, bbox_mm: tuple[float, float, float, float]) -> str:
    """The text printed inside a box (mm from the top-left), whitespace removed."""
    x0, y0, x1, y1 = (v * MM for v in bbox_mm)
    inside = page.within_bbox((x0 - 0.5, y0 - 0.5, x1 + 0.5, y1 + 0.5))
    return "".join((inside.extract_text() or "").split())


def open_pdf(data: bytes) -> pdfplumber.PDF:
    return pdfplumber.open(io.BytesIO(data))


def squash(text: str) -> str:
    return "".join(text.split())
