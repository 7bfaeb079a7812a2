"""Services the CLI and the UI share: open the store, import, export, samples.

Each returns plain values and raises errors whose message is for the user
(Japanese, naming the file and the place); neither Qt nor printing here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sheetdesk.exchange import ExchangeError, dump_document, parse_document
from sheetdesk.forms import FormRegistry
from sheetdesk.model.sheet import Sheet
from sheetdesk.store import SheetExistsError, StoreError


class ServiceError(Exception):
    """A failure to report to the user as it is."""


@dataclass
class FileOutcome:
    path: Path
    sheet_ids: list[int] = field(default_factory=list)
    sheets: list[Sheet] = field(default_factory=list)
    error: str | None = None
    exists: bool = False  # refused because the sheet is already in the database

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class ImportReport:
    files: list[FileOutcome]
    dry_run: bool = False

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if not f.ok]

    @property
    def imported_sheets(self) -> int:
        return sum(len(f.sheets) for f in self.files if f.ok)


Reader = Callable[[Path, FormRegistry], list[Sheet]]


def read_exchange_file(path: Path, registry: FormRegistry) -> list[Sheet]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ExchangeError(str(path), "ファイル", f"読み込めません（{exc.strerror}）") from None
    return parse_document(data, str(path), registry)


def default_reader() -> Reader:
    """The importer for any supported file; JSON until the ingest package is there."""
    try:
        from sheetdesk.ingest import read_sheets  # type: ignore[attr-defined]
    except ImportError:
        return read_exchange_file
    return read_sheets  # type: ignore[no-any-return]


def import_files(
    store,
    registry: FormRegistry,
    paths: Iterable[Path],
    *,
    dry_run: bool = False,
    replace: bool = False,
    reader: Reader | None = None,
) -> ImportReport:
    """Import each file in its own transaction; a bad file changes nothing and the batch goes on."""
    read = reader or default_reader()
    outcomes: list[FileOutcome] = []
    for path in paths:
        outcome = FileOutcome(Path(path))
        try:
            outcome.sheets = read(Path(path), registry)
            if not dry_run:
                outcome.sheet_ids = store.import_sheets(outcome.sheets, replace=replace)
        except (ExchangeError, ServiceError, *_ingest_errors()) as exc:
            outcome.error, outcome.sheets = str(exc), []
        except StoreError as exc:
            outcome.error, outcome.sheets = f"{path}: {exc}", []
            outcome.exists = isinstance(exc, SheetExistsError)
        outcomes.append(outcome)
    return ImportReport(outcomes, dry_run)


def _ingest_errors() -> tuple[type[Exception], ...]:
    try:
        from sheetdesk.ingest import IngestError
    except ImportError:
        return ()
    return (IngestError,)


def export_json(store, registry: FormRegistry, sheet_ids: Iterable[int]) -> str:
    return dump_document(registry, [store.load(i) for i in sheet_ids])


def load_samples(store, registry: FormRegistry, replace: bool = False) -> ImportReport:
    from sheetdesk.app.samples import sample_paths

    return import_files(store, registry, sample_paths(), replace=replace, reader=read_exchange_file)
