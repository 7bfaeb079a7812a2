"""Refuse bad files before any parser touches them, with one clear message each.

A workbook is a zip: its directory says what is inside and how big it will
be once unpacked, so macros, links to other workbooks and zip bombs are
found without unpacking anything. A password-protected workbook is not a
zip at all but an OLE compound file. A PDF is checked for a password and for
pages that carry text (a scan has none, and reading it would need OCR).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from sheetdesk.ingest.result import IngestError

# A real sheet unpacks to a few MB; these limits leave a wide margin.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 200  # unpacked / packed, for the archive and for any member over 1 MiB
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_OOXML = "EncryptionInfo".encode("utf-16-le")


def sniff(path: Path) -> str:
    """'pdf', 'zip', 'ole', 'json' or 'unknown', from the first bytes."""
    with path.open("rb") as fh:
        head = fh.read(1024)
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") or stripped.startswith(b"["):
        return "json"
    return "unknown"


def check_ole(path: Path) -> IngestError:
    """An OLE file is either a password-protected .xlsx or an old .xls: say which."""
    data = path.read_bytes()[: 1 << 20]
    if _ENCRYPTED_OOXML in data:
        return IngestError(path.name, "ファイル全体",
                           "パスワードで保護されたブックは取り込めません。パスワードを解除して保存し直してください")
    return IngestError(path.name, "ファイル全体",
                       "Excel 97-2003形式（.xls）のブックは取り込めません。Excelで .xlsx 形式で保存し直してください")


# what a broken zip means to a person (the library's own words are English)
NOT_A_ZIP = "途中で切れているか、中身が壊れています"


def check_workbook_zip(path: Path, data: bytes | None = None) -> zipfile.ZipFile:
    """Open a workbook's zip after checking its directory; raise IngestError if it is unsafe or not a workbook.

    ``data`` is the file's bytes when the caller has read them (a small file's parts are then read from
    memory, not each from the file).
    """
    name = path.name
    try:
        zf = zipfile.ZipFile(io.BytesIO(data) if data is not None else path)
    except (zipfile.BadZipFile, OSError):
        raise IngestError(name, "ファイル全体", f"ブックが壊れているため開けません（{NOT_A_ZIP}）") from None
    try:
        infos = zf.infolist()
        names = {i.filename for i in infos}
        packed = sum(i.compress_size for i in infos)
        unpacked = sum(i.file_size for i in infos)
        if unpacked > MAX_UNPACKED_BYTES or (packed and unpacked > 1 << 20 and unpacked / packed > MAX_RATIO):
            raise IngestError(name, "ファイル全体",
                              f"展開後の大きさが異常に大きいブックです（{unpacked // (1 << 20)} MB）。安全のため取り込みません")
        for i in infos:
            if i.file_size > 1 << 20 and i.compress_size and i.file_size / i.compress_size > MAX_RATIO:
                raise IngestError(name, i.filename, "圧縮率が異常に高い部品を含むブックです。安全のため取り込みません")
        content_types = zf.read("[Content_Types].xml") if "[Content_Types].xml" in names else b""
        if "xl/vbaProject.bin" in names or b"macroEnabled" in content_types or path.suffix.lower() == ".xlsm":
            raise IngestError(name, "ファイル全体", "マクロを含むブック（.xlsm）は取り込めません")
        links = sorted(n for n in names if n.startswith("xl/externalLinks/"))
        if links:
            raise IngestError(name, links[0],
                              "他のブックへのリンク（外部参照）を含むブックは取り込めません。"
                              "リンクを解除（値に変換）して保存し直してください")
        if "xl/workbook.xml" not in names:
            raise IngestError(name, "ファイル全体", "Excelのブック（.xlsx）ではありません")
    except IngestError:
        zf.close()
        raise
    except (zipfile.BadZipFile, OSError, KeyError):
        zf.close()
        raise IngestError(name, "ファイル全体", f"ブックが壊れているため開けません（{NOT_A_ZIP}）") from None
    return zf


def check_pdf(path: Path) -> int:
    """Check a PDF opens without a password and has text; return its page count."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    name = path.name
    try:
        reader = PdfReader(path)
        if reader.is_encrypted:
            raise IngestError(name, "ファイル全体", "パスワードで保護されたPDFは取り込めません。保護を解除して保存し直してください")
        pages = len(reader.pages)
    except IngestError:
        raise
    except (PdfReadError, OSError, ValueError, KeyError, TypeError):
        raise IngestError(name, "ファイル全体", "PDFが壊れているため開けません（途中で切れているか、PDFの構造が読めません）") from None
    if pages == 0:
        raise IngestError(name, "ファイル全体", "ページのないPDFです")
    return pages


def no_text_error(name: str) -> IngestError:
    return IngestError(name, "全ページ",
                       "文字情報のないPDF（画像のみ）です。スキャンしたPDFは取り込めません。元のExcelファイルを取り込んでください")


def other_form_error(name: str, title: str) -> IngestError:
    return IngestError(name, "ファイル全体", f"「{title}」の項目名が見つかりません。別の様式のファイルではありませんか")
