"""Which reader takes a city's sheet of a form, told by the form's shape, not its id.

- a form with indicator families (対象指標/成果指標 over year columns): the
  label extractor of the standard sheet (extract.py);
- a form that is one table of rows a user adds (行動計画評価表: a row per 事業):
  the table reader, columns found by their headers (row_table.py);
- any other form: its labels, item by item (labelled.py).
"""

from __future__ import annotations

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.ingest.boxes import Box
from sheetdesk.ingest.result import ImportResult


def read_as(form: FormDefinition, boxes: list[Box], source: str, bucket: float, *, pdf: bool = False) -> ImportResult:
    """One sheet of ``form`` out of a file's boxes; IngestError when the file is not that form.

    The table and item readers walk a workbook's cell rows; a city's PDF of such a form is
    refused by name rather than read by a geometry it was not made for.
    """
    from sheetdesk.ingest.families import shapes
    from sheetdesk.ingest.result import IngestError

    if shapes(form).families:
        from sheetdesk.ingest.extract import extract

        return extract(form, boxes, source, bucket)
    if pdf:
        raise IngestError(source, "ファイル全体", f"「{form.title}」の市区町村独自のPDFはまだ読み取れません。"
                          "Excel（.xlsx）のファイルを取り込んでください")
    from sheetdesk.ingest.row_table import is_table_form, read_table

    if is_table_form(form):
        return read_table(form, boxes, source)
    from sheetdesk.ingest.labelled import read_labelled

    return read_labelled(form, boxes, source, bucket)
