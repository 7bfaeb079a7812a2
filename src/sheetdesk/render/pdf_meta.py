"""A SheetDesk PDF describes itself: the sheets' exchange JSON travels inside it.

The JSON is an embedded file (``sheetdesk.json``, /AFRelationship /Data) in
the document's name tree, so a printed sheet that comes back by mail can be
imported exactly, numbers and marks included, without reading the page text.
It is written by reportlab directly (no second pass over the PDF) and read
back with pypdf.
"""

from __future__ import annotations

import io
import zlib

from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfgen.canvas import Canvas

EMBEDDED_NAME = "sheetdesk.json"


def attach_json(canvas: Canvas, data: bytes, name: str = EMBEDDED_NAME) -> None:
    """Embed ``data`` as a JSON attachment of the document being drawn on ``canvas``."""
    doc = canvas._doc  # pyright: ignore[reportAttributeAccessIssue]  # reportlab's document: private, not in the stubs
    stream = PDFStream(
        PDFDictionary({
            "Type": PDFName("EmbeddedFile"),
            "Subtype": "/application#2Fjson",  # PDFName would not escape the slash
            "Params": PDFDictionary({"Size": len(data)}),
            "Filter": PDFName("FlateDecode"),
        }),
        content=zlib.compress(data),
        filters=[],
    )
    spec = PDFDictionary({
        "Type": PDFName("Filespec"),
        "F": PDFString(name),
        "UF": PDFString(name),
        "Desc": PDFString("SheetDesk exchange JSON"),
        "AFRelationship": PDFName("Data"),
        "EF": PDFDictionary({"F": doc.Reference(stream)}),
    })
    spec_ref = doc.Reference(spec)
    doc.Catalog.Names = PDFDictionary({
        "EmbeddedFiles": PDFDictionary({"Names": PDFArray([PDFString(name), spec_ref])}),
    })


def read_embedded_json(pdf_bytes: bytes) -> bytes | None:
    """The exchange JSON a SheetDesk PDF carries, or None for any other PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(pdf_bytes))
        found = reader.attachments.get(EMBEDDED_NAME)
    except (PdfReadError, ValueError, KeyError, TypeError):
        return None
    if not found:
        return None
    return found[0]
