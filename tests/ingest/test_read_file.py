"""read_file picks the reader by content: our own files come back exact, others by their labels."""

from __future__ import annotations

import pytest

from sheetdesk.app.samples import sample_paths
from sheetdesk.exchange import ExchangeError, parse_document
from sheetdesk.ingest import read_file
from sheetdesk.render import render_pdf
from sheetdesk.render.xlsx import render_xlsx


@pytest.fixture(scope="module")
def sample_file():
    return next(p for p in sample_paths() if p.name == "kunitachi-2023.json")


def test_exchange_json_is_exact(sample_file, registry) -> None:
    [result] = read_file(sample_file, registry)
    [sheet] = parse_document(sample_file.read_bytes(), sample_file.name, registry)
    assert result.exact and result.sheet.values == sheet.values
    assert set(result.confidence.values()) == {1.0} and result.needs_review() == []


def test_our_pdf_is_read_from_its_embedded_json_not_its_text(sample_file, registry, standard_form, tmp_path) -> None:
    [sheet] = parse_document(sample_file.read_bytes(), sample_file.name, registry)
    path = tmp_path / "printed"  # no suffix: the content decides
    path.write_bytes(render_pdf(standard_form, sheet, allow_overflow=True, registry=registry))
    [result] = read_file(path, registry)
    assert result.exact
    assert result.sheet.values == sheet.values and result.sheet.overrides == sheet.overrides


def test_our_workbook_is_read_from_its_hidden_json(sample_file, registry, standard_form, tmp_path) -> None:
    [sheet] = parse_document(sample_file.read_bytes(), sample_file.name, registry)
    path = tmp_path / "exported.xlsx"
    path.write_bytes(render_xlsx(standard_form, sheet))
    [result] = read_file(path, registry)
    assert result.exact
    assert result.sheet.values == sheet.values and result.sheet.overrides == sheet.overrides


def test_broken_json_names_the_file_and_the_line(registry, tmp_path) -> None:
    path = tmp_path / "sheets.json"
    path.write_text('{"format": "sheetdesk-exchange",\n "sheets": [}', encoding="utf-8")
    with pytest.raises(ExchangeError) as err:
        read_file(path, registry)
    assert err.value.source == "sheets.json" and err.value.location.startswith("2行")


@pytest.mark.parametrize("sample", [p.name for p in sample_paths()])
@pytest.mark.parametrize("kind", ["xlsx", "pdf"])
def test_every_family_s_own_export_comes_back_exact(sample, kind, registry, tmp_path) -> None:
    """Issue 9 point 4: our own exports exactly, for every registered family (the shipped samples' sheets)."""
    path = next(p for p in sample_paths() if p.name == sample)
    sheets = parse_document(path.read_bytes(), path.name, registry)
    for i, sheet in enumerate(sheets):
        form = registry.get(sheet.form_id, sheet.form_version)
        out = tmp_path / f"{i}.{kind}"
        out.write_bytes(render_xlsx(form, sheet, registry=registry) if kind == "xlsx"
                        else render_pdf(form, sheet, allow_overflow=True, registry=registry))
        [result] = read_file(out, registry)
        assert result.exact and result.sheet.form_id == sheet.form_id
        assert result.sheet.values == sheet.values and result.sheet.overrides == sheet.overrides
