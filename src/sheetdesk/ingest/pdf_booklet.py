"""A PDF of many sheets without our embedded data (a city's booklet, or ours copied page by page), or a
city's workbook with a worksheet per 施策: split into its sheets.

The pages are split where a sheet of the form begins: a page that shows the
label of the form's identity name (基本施策名) together with labels of the
section printed after the header (the form's own words, from its file) opens
a sheet, and the pages after it that show the form's labels continue it. A
page that opens no sheet and follows none (a cover, 目次, 一覧表) belongs to
no sheet: it is skipped and the first sheet's warnings say which pages were.
Each group of pages is read as one sheet (extract), so each gets its own
review; a group that cannot be read refuses the whole file naming its pages.
A workbook's worksheets are its pages here: a worksheet per 施策 gives a sheet
each, 表面 and 裏面 on two worksheets give one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.ingest.boxes import PAGE_OFFSET, Box
from sheetdesk.ingest.detect import MIN_FOUND, Label, Printed, form_labels
from sheetdesk.ingest.result import IngestError

OPENING_FOUND = 2  # labels of the section after the header a page must show to open a sheet


def page_span(first: int, last: int) -> str:
    """Pages for messages, 1-based: 「3ページ目」 or 「3〜4ページ目」."""
    return f"{first}ページ目" if first == last else f"{first}〜{last}ページ目"


def page_spans(pages: list[int]) -> str:
    """0-based page indexes as runs for messages: 「1ページ目、3〜4ページ目」."""
    runs: list[list[int]] = []
    for p in sorted(pages):
        if runs and p == runs[-1][1] + 1:
            runs[-1][1] = p
        else:
            runs.append([p, p])
    return "、".join(page_span(a + 1, b + 1) for a, b in runs)


def worksheet_spans(names: list[str]) -> Callable[[list[int]], str]:
    """For a workbook: 0-based worksheet indexes named for messages, 「ワークシート「施策1」・「施策2」」."""
    return lambda group: "ワークシート" + "・".join(f"「{names[i]}」" for i in group)


@dataclass(frozen=True)
class Split:
    """Which pages (0-based) make each sheet, and which belong to none."""

    sheets: list[list[int]]
    skipped: list[int]

    def skipped_note(self, where: Callable[[list[int]], str] = page_spans) -> str | None:
        if not self.skipped:
            return None
        return (f"{where(self.skipped)}は様式のシートの始まりも続きも見当たらないため取り込みませんでした"
                "（表紙・目次・一覧表などのページ）")


class _Page(Printed):
    def shows(self, label: Label) -> bool:
        return label.found_in(self)

    def count(self, labels: list[Label]) -> int:
        return sum(1 for label in labels if self.shows(label))


def _opening_labels(form: FormDefinition) -> tuple[list[Label], list[Label]]:
    """(the identity labels a first page prints, the labels of the section printed after the header)."""
    labels = form_labels(form)
    header = form.sections[0].key
    after = form.sections[1].key if len(form.sections) > 1 else header
    ident = [label for label in labels if label.path == form.identity.name]
    if not ident:  # a form whose name is printed without a label: any of the header's labels
        ident = [label for label in labels if label.path.split(".")[0] == header and label.path != header]
    return ident, [label for label in labels if label.path.split(".")[0] == after]


def split_pages(form: FormDefinition, pages: list[list[Box]]) -> Split:
    """Group the pages into the sheets of ``form`` they print."""
    ident, opening = _opening_labels(form)
    labels = form_labels(form)
    sheets: list[list[int]] = []
    skipped: list[int] = []
    for i, boxes in enumerate(pages):
        page = _Page(boxes)
        if any(page.shows(label) for label in ident) and page.count(opening) >= OPENING_FOUND:
            sheets.append([i])
        elif sheets and page.count(labels) >= MIN_FOUND:
            sheets[-1].append(i)
        else:
            skipped.append(i)
    return Split(sheets, skipped)


def sheet_boxes(pages: list[list[Box]], group: list[int]) -> list[Box]:
    """The boxes of a group's pages stacked from the top as in a file of those pages alone.

    Their SourceRef keeps the page of the booklet, so the review shows the right page.
    """
    out: list[Box] = []
    for n, i in enumerate(group):
        shift = (i - n) * PAGE_OFFSET
        out += [replace(b, y0=b.y0 - shift, y1=b.y1 - shift) if shift else b for b in pages[i]]
    return out


def group_where(group: list[int], where: Callable[[list[int]], str] | None = None) -> str:
    """A group of pages (or worksheets, with ``where``) for messages."""
    return page_span(group[0] + 1, group[-1] + 1) if where is None else where(group)


def group_error(source: str, group: list[int], exc: IngestError,
                where: Callable[[list[int]], str] | None = None) -> IngestError:
    """A group's refusal named by its pages (the file is refused whole: nothing is imported)."""
    place = group_where(group, where)
    inner = exc.message if exc.location == "ファイル全体" else f"{exc.location}: {exc.message}"
    return IngestError(source, place, f"{place}のシートが読めません（{inner}）")
