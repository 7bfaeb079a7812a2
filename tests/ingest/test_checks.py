"""Bad files are refused before any parser touches them, with one Japanese message naming the file."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A3, landscape
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from sheetdesk.ingest import IngestError, read_file


def refused(path: Path, registry) -> IngestError:
    with pytest.raises(IngestError) as err:
        read_file(path, registry)
    assert err.value.source == path.name
    return err.value


def with_member(src: Path, dst: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            b.writestr(info, a.read(info.filename))
        b.writestr(name, data)
    return dst


def test_workbook_with_macros_is_refused(foreign_xlsx, registry, tmp_path) -> None:
    path = with_member(foreign_xlsx["kunitachi_like"], tmp_path / "施策.xlsm", "xl/vbaProject.bin", b"\xd0\xcf")
    assert refused(path, registry).message == "マクロを含むブック（.xlsm）は取り込めません"


def test_macros_are_found_whatever_the_file_is_called(foreign_xlsx, registry, tmp_path) -> None:
    path = with_member(foreign_xlsx["kunitachi_like"], tmp_path / "施策.xlsx", "xl/vbaProject.bin", b"\xd0\xcf")
    assert "マクロ" in refused(path, registry).message


def test_workbook_linking_other_workbooks_is_refused(foreign_xlsx, registry, tmp_path) -> None:
    path = with_member(foreign_xlsx["kunitachi_like"], tmp_path / "links.xlsx",
                       "xl/externalLinks/externalLink1.xml", b"<externalLink/>")
    err = refused(path, registry)
    assert "外部参照" in err.message and err.location == "xl/externalLinks/externalLink1.xml"


def test_zip_bomb_is_refused_from_its_directory(foreign_xlsx, registry, tmp_path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(foreign_xlsx["kunitachi_like"]) as a, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            b.writestr(info, a.read(info.filename))
        with b.open("xl/media/padding.bin", "w") as fh:
            for _ in range(64):
                fh.write(bytes(1 << 20))
    err = refused(path, registry)
    assert "安全のため取り込みません" in err.message


def test_truncated_workbook_is_reported_as_broken(foreign_xlsx, registry, tmp_path) -> None:
    data = foreign_xlsx["kunitachi_like"].read_bytes()
    path = tmp_path / "broken.xlsx"
    path.write_bytes(data[: len(data) // 2])
    assert "ブックが壊れているため開けません" in refused(path, registry).message


def test_password_protected_workbook_is_told_apart_from_old_xls(registry, tmp_path) -> None:
    # An encrypted .xlsx is an OLE compound file whose directory names the EncryptionInfo stream.
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)
    encrypted = tmp_path / "locked.xlsx"
    encrypted.write_bytes(ole + "EncryptionInfo".encode("utf-16-le") + bytes(1000))
    assert "パスワードで保護されたブック" in refused(encrypted, registry).message
    old = tmp_path / "old.xls"
    old.write_bytes(ole + "Workbook".encode("utf-16-le") + bytes(1000))
    assert "Excel 97-2003形式" in refused(old, registry).message


def test_workbook_of_another_form_is_refused(other_form_xlsx, registry) -> None:
    """A few headings of 施策・基本事業 (4 of its labels): no registered form is matched well enough to read it."""
    err = refused(other_form_xlsx, registry)
    assert err.message.startswith("どの様式の項目名ともほとんど一致しません（最も近い様式: 「施策・基本事業マネジメントシート」")
    assert err.source == "other-form.xlsx"
    with pytest.raises(IngestError) as asked:  # read as the form a person named: that form's labels are missing
        read_file(other_form_xlsx, registry, registry.latest("shisaku-management"))
    assert asked.value.message == "「施策マネジメントシート」の項目名が見つかりません。別の様式のファイルではありませんか"


def test_password_protected_pdf_is_refused(foreign_pdf, registry, tmp_path) -> None:
    writer = PdfWriter(clone_from=PdfReader(foreign_pdf["kunitachi_like"]))
    writer.encrypt("himitsu")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    assert "パスワードで保護されたPDF" in refused(path, registry).message


def test_image_only_pdf_is_refused(registry, tmp_path) -> None:
    image = Image.new("L", (420, 297), 255)
    for x in range(20, 400):
        image.putpixel((x, 40), 0)
    buf = io.BytesIO()
    image.save(buf, "PNG")
    path = tmp_path / "scan.pdf"
    c = Canvas(str(path), pagesize=landscape(A3))
    c.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 0, 0, *landscape(A3))
    c.showPage()
    c.save()
    assert "文字情報のないPDF（画像のみ）" in refused(path, registry).message


def test_corrupt_pdf_is_reported_as_broken(registry, tmp_path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%garbage")
    assert "PDF" in refused(path, registry).message and "壊れて" in refused(path, registry).message


def test_a_file_of_no_known_kind_is_refused(registry, tmp_path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("施策マネジメントシート", encoding="utf-8")
    assert "取り込める形式" in refused(path, registry).message


SHARED = Path(__file__).resolve().parents[3] / "shared" / "foreign"


def _broken_files(tmp_path: Path) -> dict[str, Path]:
    xlsx = (SHARED / "kunitachi-2023-a.xlsx").read_bytes()
    pdf = (SHARED / "kunitachi-2023-a.pdf").read_bytes()
    out = {"truncated xlsx": ("途中で切れた.xlsx", xlsx[: len(xlsx) // 3]),
           "truncated pdf": ("途中で切れた.pdf", pdf[: len(pdf) // 3]),
           "zip of nothing": ("空の箱.xlsx", b"PK\x05\x06" + b"\0" * 18)}
    paths = {}
    for case, (name, data) in out.items():
        paths[case] = tmp_path / name
        paths[case].write_bytes(data)
    paths["missing"] = tmp_path / "ない.xlsx"
    return paths


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/foreign is not on this machine")
def test_a_broken_file_is_refused_in_japanese_without_the_library_s_english(registry, tmp_path) -> None:
    """Seen in the GUI: 「ブックが壊れているため開けません（File is not a zip file）」."""
    import re

    for case, path in _broken_files(tmp_path).items():
        error = refused(path, registry)
        assert re.search("[ぁ-んァ-ン一-龥]", error.message), case
        assert not re.search(r"[A-Za-z]{2,}[ .,:][A-Za-z]{2,}", error.message), (case, error.message)


def _sheet_part(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return next(n for n in z.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml"))


def with_part(src: Path, dst: Path, name: str, data: bytes) -> Path:
    """``src`` with the member ``name`` replaced by ``data``."""
    with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
        for info in a.infolist():
            b.writestr(info, data if info.filename == name else a.read(info.filename))
    return dst


_ENTITY_SHEET = ('<?xml version="1.0" encoding="{enc}"?><!DOCTYPE worksheet [<!ENTITY name "施策マネジメントシート">]>'
                 '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                 '<row r="1"><c r="A1" t="inlineStr"><is><t>&name;</t></is></c></row></sheetData></worksheet>')


@pytest.mark.parametrize("encoding", ["UTF-8", "UTF-16", "UTF-16-LE", "ISO-8859-1"])
def test_a_sheet_declaring_entities_is_refused_in_whatever_encoding_it_is_written(
        encoding, foreign_xlsx, registry, tmp_path) -> None:
    # UTF-16 hides the declaration from a byte search: the part must still go to the parser that refuses it
    src = foreign_xlsx["kunitachi_like"]
    text = _ENTITY_SHEET.format(enc=encoding.removesuffix("-LE"))
    data = text.encode("utf-16-le") if encoding == "UTF-16-LE" else text.encode(encoding, "xmlcharrefreplace")
    err = refused(with_part(src, tmp_path / "entities.xlsx", _sheet_part(src), data), registry)
    assert err.message == f"安全のため取り込みません（{_sheet_part(src)} に文書型定義・実体参照が含まれています）"


def test_a_sheet_written_in_utf16_without_declarations_is_read_as_in_utf8(foreign_xlsx, registry, tmp_path) -> None:
    src = foreign_xlsx["kunitachi_like"]
    part = _sheet_part(src)
    with zipfile.ZipFile(src) as z:
        utf8 = z.read(part).decode("utf-8")
    recoded = utf8.replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    [want] = read_file(src, registry)
    [got] = read_file(with_part(src, tmp_path / "utf16.xlsx", part, recoded.encode("utf-16")), registry)
    assert got.sheet.values == want.sheet.values and got.sheet.values
    assert got.needs_review() == want.needs_review()
