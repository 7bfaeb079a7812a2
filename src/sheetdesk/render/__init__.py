"""Sheet + form -> PDF / xlsx, and the text-fit computation the editor shares.

No Qt, no database: functions take a form and sheets and return bytes.

The names below are loaded on first use (PEP 562), so that printing a PDF
does not import openpyxl and writing an xlsx does not import the booklet:
a `sheetdesk export` pays only for the module it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sheetdesk.lazy import lazy_names

if TYPE_CHECKING:
    from sheetdesk.render.booklet import BookletCancelled, BookletOverflow, render_booklet
    from sheetdesk.render.fit import FitResult, Overflow, capacity, fit_text
    from sheetdesk.render.fonts import font_paths
    from sheetdesk.render.pdf import SheetOverflow, overflowing_fields, render_pdf
    from sheetdesk.render.pdf_meta import read_embedded_json
    from sheetdesk.render.xlsx import read_xlsx_json, render_xlsx

_WHERE = {
    "BookletCancelled": "booklet",
    "BookletOverflow": "booklet",
    "render_booklet": "booklet",
    "FitResult": "fit",
    "Overflow": "fit",
    "capacity": "fit",
    "fit_text": "fit",
    "font_paths": "fonts",
    "SheetOverflow": "pdf",
    "overflowing_fields": "pdf",
    "render_pdf": "pdf",
    "read_embedded_json": "pdf_meta",
    "read_xlsx_json": "xlsx",
    "render_xlsx": "xlsx",
}

__all__ = [
    "BookletCancelled",
    "BookletOverflow",
    "FitResult",
    "Overflow",
    "SheetOverflow",
    "capacity",
    "fit_text",
    "font_paths",
    "overflowing_fields",
    "read_embedded_json",
    "read_xlsx_json",
    "render_booklet",
    "render_pdf",
    "render_xlsx",
]


__getattr__ = lazy_names(__name__, _WHERE)
