"""Sheet + form -> PDF / xlsx, and the text-fit computation the editor shares.

No Qt, no database: functions take a form and sheets and return bytes.
"""

from sheetdesk.render.booklet import BookletCancelled, BookletOverflow, render_booklet
from sheetdesk.render.fit import FitResult, Overflow, capacity, fit_text
from sheetdesk.render.fonts import font_paths
from sheetdesk.render.pdf import SheetOverflow, overflowing_fields, render_pdf
from sheetdesk.render.pdf_meta import read_embedded_json
from sheetdesk.render.xlsx import read_xlsx_json, render_xlsx

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
