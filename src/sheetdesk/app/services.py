"""Services the CLI and the UI share: open the store, import, export, samples, roll-over.

Each returns plain values and raises errors whose message is for the user
(Japanese, naming the file and the place); neither Qt nor printing here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sheetdesk.exchange import ExchangeError, dump_document
from sheetdesk.forms import FormRegistry
from sheetdesk.ingest import ImportResult, read_file
from sheetdesk.model.sheet import Sheet
from sheetdesk.store import SheetExistsError, StoreError
from sheetdesk.wareki import fiscal_year_label


class ServiceError(Exception):
    """A failure to report to the user as it is."""


@dataclass
class FileOutcome:
    """What became of one file of an import batch, or of one sheet of a file of several (``part``)."""

    path: Path
    results: list[ImportResult] = field(default_factory=list)
    sheet_ids: list[int] = field(default_factory=list)
    error: str | None = None
    exists: bool = False  # refused because the sheet is already in the database
    held_for_review: bool = False  # not saved: some fields need a person's review
    missing_code: bool = False  # no 施策番号 in the file and no stored 施策 of the same name
    part: str = ""  # which sheet of a file of several (「3枚目（5〜6ページ目）」); '' for a file of one sheet

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def where(self) -> str:
        """The file's name, with the sheet's place in it for a file of several."""
        return f"{self.path.name} {self.part}" if self.part else self.path.name

    @property
    def sheets(self) -> list[Sheet]:
        return [r.sheet for r in self.results]

    def review_labels(self, registry: FormRegistry) -> list[str]:
        out = []
        for r in self.results:
            specs = registry.get(r.sheet.form_id, r.sheet.form_version).fields(r.sheet.context, r.sheet.values)
            for p in (p for p in r.needs_review() if p in specs):
                where = f"（{r.sources[p].describe()}）" if p in r.sources else ""
                why = f": {r.reason(p)}" if r.reason(p) else ""
                out.append(f"{specs[p].label}{where}{why}")
        return out


@dataclass
class ImportReport:
    files: list[FileOutcome]
    dry_run: bool = False

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if not f.ok]

    @property
    def needs_review(self) -> list[FileOutcome]:
        return [f for f in self.files if f.ok and any(r.needs_review() for r in f.results)]

    @property
    def imported(self) -> list[FileOutcome]:
        return [f for f in self.files if f.ok and f.sheet_ids]


Reader = Callable[[Path, FormRegistry], list[ImportResult]]


def named_form(registry: FormRegistry, form_id: str):  # noqa: ANN201 - FormDefinition, imported lazily
    """The latest version of the form ``form_id``; ServiceError listing the registered forms otherwise."""
    forms = {f.id: f.title for f in registry.all()}
    if form_id not in forms:
        listed = "、".join(f"{i}（{t}）" for i, t in sorted(forms.items()))
        raise ServiceError(f"様式「{form_id}」は登録されていません。指定できる様式: {listed}")
    return registry.latest(form_id)


def _with_form(reader: Reader, form) -> Reader:  # noqa: ANN001 - FormDefinition
    if reader is not read_file:
        return reader
    return lambda path, registry: read_file(path, registry, form)


def match_existing(store, sheet: Sheet) -> Sheet:
    """Give an imported sheet the 施策番号 of the stored 施策 of the same name when it has none or an unknown one.

    Matching is by code first, else by 基本施策名 (cities' own files often print no code).
    """
    form = store.registry.get(sheet.form_id, sheet.form_version)
    ident = sheet.identity(form)
    known = store.list(form_id=sheet.form_id)
    if ident["code"] and any(s.measure_code == ident["code"] for s in known):
        return sheet
    same_name = {s.measure_code for s in known if s.measure_name == ident["name"] and ident["name"]}
    if len(same_name) == 1:
        sheet.values[form.identity.code] = same_name.pop()
    return sheet


def import_files(
    store,
    registry: FormRegistry,
    paths: Iterable[Path],
    *,
    dry_run: bool = False,
    replace: bool = False,
    accept_uncertain: bool = False,
    reader: Reader = read_file,
    progress: Callable[[int, Path], None] | None = None,
    code: str | None = None,
    form_id: str | None = None,
) -> ImportReport:
    """Import each sheet in its own transaction; a bad file changes nothing and the batch goes on.

    A file of several sheets gives an outcome per sheet (``FileOutcome.part``):
    one held for review, already stored or without a 施策番号 keeps only itself
    out. A file that cannot be read whole, or that holds the same sheet twice,
    is refused whole.

    A file read from a city's own layout with uncertain fields is held for
    review (not saved) unless ``accept_uncertain``: the UI's review dialog
    saves it after a person has looked. ``code`` is the 施策番号 for sheets
    whose file prints none (a city's own sheets often do not); a file of
    several sheets (a booklet) is refused with it, since one code cannot
    serve them all: their codes come from stored sheets of the same name. ``form_id``
    is the form a city's own file is read as; without it the form is found
    from the file's labels (our own files say their form themselves).
    """
    if form_id is not None:
        form = named_form(registry, form_id)
        reader = _with_form(reader, form)
    outcomes: list[FileOutcome] = []
    for i, path in enumerate(paths):
        path = Path(path)
        if progress:
            progress(i, path)
        try:
            results = reader(path, registry)
            if code and len(results) > 1:
                raise ServiceError(f"{path.name}: {len(results)}枚のシートがあるため、--code の施策番号を"
                                   "どのシートのものか決められません。--code を付けずに取り込むと同じ基本施策名の"
                                   "登録済みシートから施策番号を補います。補えないシートは画面の取込確認で入力してください")
            parts = [sheet_part(r, j, len(results)) for j, r in enumerate(results)]
            for r in results:
                _give_code(store, r.sheet, code)
            _refuse_twins(store, path, results, parts)
        except (ExchangeError, ServiceError) as exc:  # IngestError is an ExchangeError too
            outcomes.append(FileOutcome(path, error=str(exc)))
            continue
        # a file of several sheets (a booklet, a workbook with a worksheet per 施策): each sheet on its own,
        # so that one held or refused sheet does not keep the others out
        mine = [_check_one(store, FileOutcome(path, [r], part=part), accept_uncertain=accept_uncertain)
                for r, part in zip(results, parts, strict=True)]
        if not dry_run:
            _store_each(store, [o for o in mine if o.ok and not o.held_for_review], replace)
        outcomes += mine
    return ImportReport(outcomes, dry_run)


def sheet_part(result: ImportResult, index: int, count: int) -> str:
    """Which sheet of a file of several: 「3枚目（5〜6ページ目）」, 「2枚目（ワークシート「施策1-2」）」; '' for one."""
    if count <= 1:
        return ""
    pages = sorted({ref.page for ref in result.sources.values() if ref.page is not None})
    books = list(dict.fromkeys(ref.cell.rpartition("!")[0].strip("'") for ref in result.sources.values()
                               if ref.cell and "!" in ref.cell))
    where = ""
    if pages:
        where = f"{pages[0]}ページ目" if pages[0] == pages[-1] else f"{pages[0]}〜{pages[-1]}ページ目"
    elif books:
        where = "ワークシート" + "・".join(f"「{b}」" for b in books[:2])
    return f"{index + 1}枚目" + (f"（{where}）" if where else "")


def _refuse_twins(store, path: Path, results: list[ImportResult], parts: list[str]) -> None:
    """Two sheets of one file that are the same sheet (様式, 施策番号, 年度): which to keep cannot be decided."""
    seen: dict[tuple[str, str, int], str] = {}
    for r, part in zip(results, parts, strict=True):
        sheet_code = _code_of(store, r.sheet).strip()
        if not sheet_code:
            continue
        key = (r.sheet.form_id, sheet_code, r.sheet.evaluation_year)
        if key in seen:
            raise ServiceError(f"{path.name}: {seen[key]}と{part}は同じシート（{fiscal_year_label(key[2])} 施策番号 "
                               f"{sheet_code}）です。どちらを取り込むか決められないため、このファイルは取り込んでいません")
        seen[key] = part


def _check_one(store, outcome: FileOutcome, *, accept_uncertain: bool) -> FileOutcome:
    """One sheet of a file: held for review, refused for want of a 施策番号, or ready to store."""
    r = outcome.results[0]
    outcome.held_for_review = bool(r.needs_review()) and not accept_uncertain
    if not outcome.held_for_review and not _code_of(store, r.sheet):  # the review supplies what is missing
        outcome.missing_code = True
        outcome.error, outcome.results = f"{outcome.where}: 施策番号が読み取れず、同じ基本施策名のシートも登録されていません", []
    return outcome


def _store_each(store, ready: list[FileOutcome], replace: bool) -> None:
    """Store each sheet as if in its own transaction: all in one when none is refused (the usual case, and
    quick for a file of a thousand sheets); else one by one, so a refused sheet keeps only itself out."""
    if len(ready) > 1:
        try:
            ids = store.import_sheets([o.results[0].sheet for o in ready], replace=replace)
        except StoreError:
            pass  # which sheet was refused, and why: found one by one below
        else:
            for o, sheet_id in zip(ready, ids, strict=True):
                o.sheet_ids = [sheet_id]
            return
    for o in ready:
        try:
            o.sheet_ids = store.import_sheets([o.results[0].sheet], replace=replace)
        except StoreError as exc:
            o.error, o.results = f"{o.where}: {exc}", []
            o.exists = isinstance(exc, SheetExistsError)


def _code_of(store, sheet: Sheet) -> str:
    return sheet.identity(store.registry.get(sheet.form_id, sheet.form_version))["code"]


def _give_code(store, sheet: Sheet, code: str | None) -> None:
    if code and not _code_of(store, sheet):
        form = store.registry.get(sheet.form_id, sheet.form_version)
        sheet.values[form.identity.code] = code
    match_existing(store, sheet)


def export_json(store, registry: FormRegistry, sheet_ids: Iterable[int]) -> str:
    return dump_document(registry, [store.load(i) for i in sheet_ids])


def load_samples(store, registry: FormRegistry, replace: bool = False) -> ImportReport:
    from sheetdesk.app.samples import sample_paths

    return import_files(store, registry, sample_paths(), replace=replace)


@dataclass
class RolloverReport:
    created: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # why each sheet was not rolled over


def roll_over_sheet(store, sheet_id: int) -> int:
    """前年度から作成 for one sheet: store the year-N+1 draft and return its id."""
    from sheetdesk.app.rollover import RolloverError, roll_over

    sheet = store.load(sheet_id)
    form = store.registry.get(sheet.form_id, sheet.form_version)
    try:
        new = roll_over(form, sheet)
    except RolloverError as exc:
        raise ServiceError(str(exc)) from exc
    try:
        return store.import_sheets([new])[0]
    except StoreError as exc:
        raise ServiceError(str(exc)) from exc


def roll_over_year(store, from_year: int) -> RolloverReport:
    """Every sheet of ``from_year`` into the next year; sheets already there are left alone."""
    from sheetdesk.app.rollover import RolloverError, roll_over

    report = RolloverReport()
    summaries = store.list(year=from_year)
    if not summaries:
        raise ServiceError(f"{fiscal_year_label(from_year)}のシートがありません")
    new_sheets = []
    for summary in summaries:
        label = f"施策番号 {summary.measure_code}「{summary.measure_name}」"
        if store.find(summary.form_id, summary.measure_code, from_year + 1) is not None:
            report.skipped.append(f"{label}: {fiscal_year_label(from_year + 1)}のシートは既にあります")
            continue
        sheet = store.load(summary.id)
        try:
            new_sheets.append(roll_over(store.registry.get(sheet.form_id, sheet.form_version), sheet))
        except RolloverError as exc:
            report.skipped.append(f"{label}: {exc}")
    if new_sheets:
        report.created = store.import_sheets(new_sheets)
    return report
