"""JSON / xlsx / PDF -> sheets + confidence + warnings. No Qt, no database.

``read_file`` picks the reader by the file's content, not its name:

- an exchange JSON file: exact;
- a SheetDesk PDF or workbook (the exchange JSON embedded): exact;
- any other workbook or PDF: read as a city's own sheet by its printed
  labels, with a confidence per field for the review dialog. The form is the
  one asked for, or the registered form whose labels the file shows clearly
  best (ingest.detect); the first warning says which it was read as.

A file that cannot be read raises IngestError (source, location, message in
Japanese), an ExchangeError like the JSON importer's. Every read meets the
budgets of ingest.budget (only regular files, sizes, depths, counts); an
error no check foresaw is still refused in Japanese naming the file
(UnexpectedReadError), never a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from sheetdesk.exchange import ExchangeError, parse_document
from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.loader import FormRegistry
from sheetdesk.ingest import budget
from sheetdesk.ingest.boxes import Box
from sheetdesk.ingest.checks import check_ole, check_workbook_zip, sniff
from sheetdesk.ingest.result import REVIEW_THRESHOLD, ImportResult, IngestError, SourceRef, UnexpectedReadError

__all__ = [
    "REVIEW_THRESHOLD",
    "ImportResult",
    "IngestError",
    "SourceRef",
    "UnexpectedReadError",
    "read_file",
]

_SHEET_ENTRY = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet[\s/>]")  # a <sheet> of the directory, prefixed or not


def _exact(data: bytes, source: str, registry: FormRegistry) -> list[ImportResult]:
    results = []
    for sheet in parse_document(data, source, registry):
        ref = SourceRef(source)
        paths = [*sheet.values, *sheet.overrides]
        results.append(ImportResult(sheet, dict.fromkeys(paths, 1.0), dict.fromkeys(paths, ref), [], exact=True))
    return results


def _embedded_in_pdf(path: Path) -> bytes | None:
    from sheetdesk.render.pdf_meta import read_embedded_json

    return read_embedded_json(path.read_bytes())


def _embedded_in_workbook(raw: bytes, directory: bytes, source: str) -> bytes | None:
    """The exchange JSON of a SheetDesk workbook export (a hidden worksheet), or None.

    The workbook's directory (``xl/workbook.xml``) is looked at first, so a foreign workbook costs
    no second parse.
    """
    from sheetdesk.render.xlsx import JSON_SHEET, read_xlsx_json

    if f'name="{JSON_SHEET}"'.encode() not in directory:
        return None
    count = len(_SHEET_ENTRY.findall(directory))
    if count > budget.MAX_SHEETS:
        raise IngestError(source, "xl/workbook.xml", f"ワークシートが多すぎます（{count:,}枚。{budget.MAX_SHEETS}枚まで）")
    return read_xlsx_json(raw)


def read_file(path: Path, registry: FormRegistry, form: FormDefinition | None = None) -> list[ImportResult]:
    """Every sheet in the file at ``path``; ``form`` is the form a foreign sheet is read as (None: found from it)."""
    path = Path(path)
    name = path.name
    budget.check_regular_file(path)
    try:
        kind = sniff(path)
    except OSError as exc:
        raise IngestError(name, "ファイル全体", f"ファイルを開けません（{budget.os_reason(exc)}）") from None
    try:
        return _read(path, kind, registry, form)
    except (IngestError, ExchangeError):
        raise
    except RecursionError:
        raise IngestError(name, "ファイル全体", "入れ子が深すぎるため読めません") from None
    except MemoryError:
        raise IngestError(name, "ファイル全体", "読むのに必要なメモリーが大きすぎるため取り込みません") from None
    except Exception as exc:  # noqa: BLE001 - a broken file no check foresaw: refused, named, never a traceback
        raise UnexpectedReadError(name, "ファイル全体",
                                  f"ファイルが壊れているため読めません（{type(exc).__name__}）") from exc


def _json(path: Path, registry: FormRegistry) -> list[ImportResult]:
    name = path.name
    budget.check_regular_file(path, budget.MAX_JSON_BYTES)
    data = path.read_bytes()
    too_deep = budget.json_depth_error(data, name)
    if too_deep is not None:
        raise too_deep
    try:
        return _exact(data, name, registry)
    except ValueError as exc:  # json's own limit on the digits of an integer
        if isinstance(exc, ExchangeError):
            raise
        raise IngestError(name, "ファイル全体", "JSONに扱えない大きさの数があります") from None


def _read(path: Path, kind: str, registry: FormRegistry, form: FormDefinition | None) -> list[ImportResult]:
    name = path.name
    try:
        if kind == "json":
            return _json(path, registry)
        if kind == "pdf":
            from sheetdesk.ingest.checks import check_pdf
            from sheetdesk.ingest.pdf_foreign import read_pdf_pages

            check_pdf(path)
            data = _embedded_in_pdf(path)
            if data is not None:
                return _exact(data, name, registry)
            return _foreign_pdf(read_pdf_pages(path), name, registry, form)
        if kind == "zip":
            from sheetdesk.ingest.pdf_booklet import worksheet_spans
            from sheetdesk.ingest.xlsx_reader import Workbook

            try:
                raw = path.read_bytes()  # within the size budget (read_file): its parts are read from memory
            except OSError as exc:
                raise IngestError(name, "ファイル全体", f"ファイルを開けません（{budget.os_reason(exc)}）") from None
            with check_workbook_zip(path, raw) as zf:
                directory = zf.read("xl/workbook.xml")
                data = _embedded_in_workbook(raw, directory, name)
                if data is not None:
                    return _exact(data, name, registry)
                book = Workbook(zf, name, directory)
                sheets = [book.sheet_boxes(i, n, p) for i, (n, p) in enumerate(book.sheets)]
            return _foreign_pages(sheets, name, registry, form, bucket=1.0,
                                  where=worksheet_spans([n for n, _ in book.sheets]))
        if kind == "ole":
            raise check_ole(path)
    except IngestError:
        raise
    except ExchangeError:
        raise
    raise IngestError(name, "ファイル全体", "取り込める形式（JSON・Excel（.xlsx）・PDF）のファイルではありません")


def _form_of(boxes: list[Box], name: str, registry: FormRegistry,
             form: FormDefinition | None) -> tuple[FormDefinition, str]:
    """The form a city's file is read as (``form``, or the one its labels show) and the note that says so."""
    from sheetdesk.ingest.detect import decide, detection_note, given_form_note, scores

    if form is not None:
        return form, given_form_note(form)
    chosen, runner = decide(scores(registry, boxes), name)
    return chosen.form, detection_note(chosen, runner)


def _foreign_pages(pages: list[list[Box]], name: str, registry: FormRegistry, form: FormDefinition | None,
                   bucket: float, pdf: bool = False,
                   where: Callable[[list[int]], str] | None = None) -> list[ImportResult]:
    """Every sheet of a city's PDF or workbook: one as before, or each sheet of a booklet (or of a workbook
    with a worksheet per 施策) from its own pages or worksheets (pdf_booklet); ``where`` names worksheets."""
    from sheetdesk.ingest.pdf_booklet import group_error, group_where, sheet_boxes, split_pages
    from sheetdesk.ingest.readers import read_as

    boxes = [b for page in pages for b in page]
    chosen, note = _form_of(boxes, name, registry, form)
    split = split_pages(chosen, pages) if len(pages) > 1 else None  # one page or worksheet makes one sheet at most
    if split is None or len(split.sheets) < 2:  # one sheet (or none found): the whole file is read as one, as always
        result = read_as(chosen, boxes, name, bucket, pdf=pdf)
        result.warnings.insert(0, note)
        result.read_as = note
        return [result]
    results = []
    for n, group in enumerate(split.sheets, 1):
        try:
            result = read_as(chosen, sheet_boxes(pages, group), name, bucket, pdf=pdf)
        except IngestError as exc:
            raise group_error(name, group, exc, where) from None
        result.warnings[:0] = [note, f"{len(split.sheets)}枚のうち{n}枚目のシートとして{group_where(group, where)}から読み取りました"]
        result.read_as = note
        results.append(result)
    skipped = split.skipped_note() if where is None else split.skipped_note(where)
    if skipped:
        results[0].warnings.insert(2, skipped)
    return results


def _foreign_pdf(pages: list[list[Box]], name: str, registry: FormRegistry,
                 form: FormDefinition | None) -> list[ImportResult]:
    from sheetdesk.ingest.pdf_foreign import BUCKET

    return _foreign_pages(pages, name, registry, form, BUCKET, pdf=True)
