"""What an import returns: a sheet, how sure we are of each value, and where it came from.

The review dialog shows every field whose confidence is below
``REVIEW_THRESHOLD`` beside the place in the file it was read from
(``SourceRef``): a worksheet cell for a workbook, a page and a box in points
for a PDF, so it can crop the page image around it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sheetdesk.exchange import ExchangeError
from sheetdesk.model.sheet import Sheet

# Fields read with less confidence than this are listed for a person's review.
REVIEW_THRESHOLD = 0.85
FLAGGED = 0.5  # the confidence of a value whose place a structure check could not confirm


class IngestError(ExchangeError):
    """A file that cannot be imported at all: (source, location, message), message in Japanese.

    A subclass of ExchangeError so that callers handle every refused file the
    same way, whatever its format.
    """


class UnexpectedReadError(IngestError):
    """A file broken in a way no check foresaw: still refused with the file named (the corpus counts these)."""


@dataclass(frozen=True)
class SourceRef:
    """Where in the file a value was read.

    ``cell`` is 'Sheet1!K12' (the top-left cell of a merged box); ``page`` is
    1-based and ``bbox`` is (x0, top, x1, bottom) in PDF points from the
    page's top-left corner, as pdfplumber measures.
    """

    file: str
    cell: str | None = None
    page: int | None = None
    bbox: tuple[float, float, float, float] | None = None

    def describe(self) -> str:
        """For messages: 'Sheet1!K12' or '2ページ目'."""
        if self.cell:
            return self.cell
        if self.page is not None:
            return f"{self.page}ページ目"
        return self.file


@dataclass
class ImportResult:
    """One sheet read from a file.

    ``confidence`` has an entry for every field the importer looked for and
    found or expected (0.0 when it found the label but could not read the
    value); 1.0 means exact (our own files, JSON).
    """

    sheet: Sheet
    confidence: dict[str, float] = field(default_factory=dict)
    sources: dict[str, SourceRef] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    exact: bool = False
    # why a field is listed for review (要確認), or why a value the file did not give is to be entered,
    # in Japanese, by path: the review dialog shows it beside the value
    reasons: dict[str, str] = field(default_factory=dict)
    # a city's own file: which form it was read as and why (様式「…」として読み取りました…), for the review
    read_as: str | None = None

    def flag(self, path: str, reason: str, confidence: float = FLAGGED) -> None:
        """List ``path`` for review with ``reason`` (the first reason given is kept)."""
        self.confidence[path] = min(self.confidence.get(path, 1.0), confidence)
        self.reasons.setdefault(path, reason)

    def needs_review(self, threshold: float = REVIEW_THRESHOLD) -> list[str]:
        """Paths a person should check before saving, in the order they were read."""
        return [p for p, c in self.confidence.items() if c < threshold]

    def reason(self, path: str) -> str:
        """Why ``path`` is to be checked, for the review dialog and the CLI."""
        return self.reasons.get(path) or ("読み取りが確かではありません" if path in self.needs_review() else "")
