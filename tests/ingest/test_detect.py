"""The form of a city's file is found from its labels; a file that matches no form, or two, is refused by name."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook
from pypdf import PdfReader, PdfWriter

from sheetdesk.app.samples import sample_paths
from sheetdesk.exchange import parse_document
from sheetdesk.ingest import IngestError, read_file
from sheetdesk.render import render_pdf, render_xlsx

FOREIGN = Path(__file__).resolve().parents[3] / "shared" / "foreign"
SAMPLES = {p.name: p for p in sample_paths()}


def _sample(name: str, registry):  # noqa: ANN001, ANN202
    """The first sheet of a sample file (family C's holds four 施策)."""
    return parse_document(SAMPLES[name].read_bytes(), name, registry)[0]


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_our_own_exports_of_every_family_stay_exact(name, registry, tmp_path) -> None:
    sheet = _sample(name, registry)
    form = registry.get(sheet.form_id, sheet.form_version)
    for suffix, data in ((".pdf", render_pdf(form, sheet, allow_overflow=True, registry=registry)),
                         (".xlsx", render_xlsx(form, sheet, registry=registry))):
        path = tmp_path / f"export{suffix}"
        path.write_bytes(data)
        [result] = read_file(path, registry)
        assert result.exact and result.read_as is None
        assert result.sheet.form_id == sheet.form_id
        assert result.sheet.values == sheet.values


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_our_print_without_its_data_is_told_by_its_labels(name, registry, tmp_path) -> None:
    """The printed pages alone (the attached exchange JSON dropped): the family is found from what is printed."""
    from sheetdesk.ingest.detect import detect
    from sheetdesk.ingest.pdf_foreign import read_pdf_boxes

    sheet = _sample(name, registry)
    form = registry.get(sheet.form_id, sheet.form_version)
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(render_pdf(form, sheet, allow_overflow=True, registry=registry))).pages:
        writer.add_page(page)
    path = tmp_path / "printed.pdf"
    with path.open("wb") as f:
        writer.write(f)
    assert not PdfReader(path).attachments
    chosen = detect(registry, read_pdf_boxes(path), path.name)
    assert chosen.form.id == sheet.form_id


@pytest.mark.parametrize("name", ["kunitachi-2023-a.xlsx", "kunitachi-2023-b.xlsx",
                                  "kunitachi-2023-a.pdf", "kunitachi-2023-b.pdf"])
def test_a_city_file_of_the_standard_form_is_read_as_it(name, registry) -> None:
    [result] = read_file(FOREIGN / name, registry)
    assert result.sheet.form_id == "shisaku-management"
    assert result.read_as is not None and result.read_as.startswith("様式 「施策マネジメントシート」")
    assert result.warnings[0] == result.read_as  # the review shows it first
    assert result.sheet.values["header.measure_name"] == "地域コミュニティ・課題解決型コミュニティ活動の促進"


def test_a_workbook_that_matches_no_form_is_refused_naming_the_closest(registry, tmp_path) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for r, row in enumerate([["月", "売上", "仕入"], ["4月", 120, 80], ["5月", 130, 95]], start=1):
        for c, v in enumerate(row, start=1):
            ws.cell(r, c, v)
    path = tmp_path / "売上表.xlsx"
    wb.save(path)
    with pytest.raises(IngestError) as err:
        read_file(path, registry)
    assert err.value.source == "売上表.xlsx"
    assert err.value.message.startswith("どの様式の項目名ともほとんど一致しません（最も近い様式: 「")


def two_forms_alike(path: Path) -> Path:
    """The column headers of the 行動計画評価表 and the labels of 施策の現状と課題 on one sheet."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    kyodo = ["事業名", "担当課", "取組内容", "協働の相手", "事業の評価", "効果、理由（問題点）", "目標指標",
             "基準値（R3)", "目標値（R9)", "現状値（R5)", "プロセス", "項目", "行動計画の該当ページ"]
    genjo = ["施策", "目指す姿", "方向性", "現状", "課題", "参考指標", "単位", "目標値",
             "施策の現状と課題（前期基本計画）", "現行計画の現状と課題に対する方向性"]
    for c, v in enumerate(kyodo, start=1):
        ws.cell(1, c, v)
    for c, v in enumerate(genjo, start=1):
        ws.cell(3, c, v)
    wb.save(path)
    return path


def test_a_workbook_with_two_forms_alike_is_refused_not_guessed(registry, tmp_path) -> None:
    """Neither form is ahead: refused naming both, and read when a person names the form."""
    import zipfile

    from sheetdesk.ingest.detect import UndecidedFormError, scores
    from sheetdesk.ingest.xlsx_reader import Workbook as Boxes

    path = two_forms_alike(tmp_path / "混在.xlsx")
    with zipfile.ZipFile(path) as zf:
        ranked = scores(registry, Boxes(zf, path.name).boxes())
    assert {s.form.id for s in ranked[:2]} == {"kyodo-action-plan", "shisaku-genjo-kadai"}
    with pytest.raises(UndecidedFormError) as err:
        read_file(path, registry)
    assert err.value.candidates[:2] == [s.form.id for s in ranked[:2]]
    assert "どの様式のシートか判別できません（近い様式: " in err.value.message
    assert "「行動計画評価表」" in err.value.message and "「施策の現状と課題」" in err.value.message
    assert "様式を指定して取り込んでください（sheetdesk import --form 様式ID）" in err.value.message
    [result] = read_file(path, registry, registry.latest("kyodo-action-plan"))  # a person says which it is
    assert result.read_as == "様式「行動計画評価表」として読み取りました（指定された様式）"


def test_a_city_pdf_of_family_a_is_told_and_refused_by_name(registry, tmp_path) -> None:
    """LibreOffice's print of the family-A workbook: its family is found, and its PDF is refused, not misread."""
    from ingest.conftest import soffice_or_skip, to_pdf
    from ingest.family_a_workbook import build
    from sheetdesk.ingest.detect import detect
    from sheetdesk.ingest.pdf_foreign import read_pdf_boxes

    soffice = soffice_or_skip()
    workbook = build(tmp_path / "施策シート.xlsx")
    to_pdf(soffice, [workbook], tmp_path)
    pdf = tmp_path / "施策シート.pdf"
    assert detect(registry, read_pdf_boxes(pdf), pdf.name).form.id == "shisaku-kihon-jigyo"
    with pytest.raises(IngestError) as err:
        read_file(pdf, registry)
    assert err.value.source == "施策シート.pdf"
    assert err.value.message == ("「施策・基本事業マネジメントシート」の市区町村独自のPDFはまだ読み取れません。"
                                 "Excel（.xlsx）のファイルを取り込んでください")
