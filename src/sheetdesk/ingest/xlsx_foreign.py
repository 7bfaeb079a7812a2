"""Import a city's own Excel sheet of a known form, whatever its layout.

The workbook is checked (checks.py), its visible worksheets are read as
boxes (xlsx_reader.py) and the sheet is found by the form's labels
(extract.py). A workbook may hold the two pages on two worksheets or on one.
"""

from __future__ import annotations

from pathlib import Path

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.ingest.checks import check_workbook_zip
from sheetdesk.ingest.extract import extract
from sheetdesk.ingest.result import ImportResult
from sheetdesk.ingest.xlsx_reader import Workbook


def read_foreign_xlsx(path: Path, form: FormDefinition) -> ImportResult:
    """One sheet of ``form`` from a workbook laid out by a city; IngestError if it cannot be read."""
    with check_workbook_zip(path) as zf:
        boxes = Workbook(zf, path.name).boxes()
    return extract(form, boxes, path.name, bucket=1.0)
