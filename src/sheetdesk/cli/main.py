"""`sheetdesk`: the GUI with no sub-command, the same services headless otherwise.

Exit code 0 on success; otherwise non-zero with a Japanese message on stderr,
never a traceback (an unexpected error's traceback goes to the log folder).
``--db`` may stand before or after the sub-command. Each sub-command imports
what it uses inside its function (this module loads only argparse and two
small modules): `sheetdesk list` must not pay for reportlab, nor `export`
for the importers or Qt.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from sheetdesk import generator
from sheetdesk.app.databases import missing_database
from sheetdesk.glossary import NEW_DATABASE_WORDS, Status
from sheetdesk.wareki import fiscal_year_label

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
DB_HELP = "データベースのファイル、または URL（postgresql+psycopg://…）。省略時は既定のファイル"
CREATE_HELP = "--db のファイルがなければ新しく作成する（指定しないと、ないファイルは誤りとして止まる）"
# the sub-commands whose meaning is to make a database when the file is not there yet
CREATING = frozenset({"init", "sample"})
# Commands that read, print one result and end: Python's cycle collector is switched off for them.
# Their garbage is freed by reference counting (21 sheets exported in one run: the same peak memory
# as one), while the collector's passes over every object imported cost a seventh of
# `sheetdesk export` (benchmarks/bench_cli.py). When the process ends with them (`run`), their
# objects are frozen (gc.freeze) too: the collection Python makes at exit, collector on or off,
# would otherwise visit every one of them to free memory the process is giving back.
WITHOUT_CYCLE_COLLECTOR = frozenset({"export", "list"})


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"sheetdesk: 指定が正しくありません: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    db_parent = _Parser(add_help=False)  # a parent only lends its arguments; its class matches the subparsers
    # Before or after the sub-command: the sub-command's --db has no default, or it would
    # overwrite `sheetdesk --db X list` with None (the default database).
    db_parent.add_argument("--db", default=argparse.SUPPRESS, help=DB_HELP)
    db_parent.add_argument("--create", action="store_true", default=argparse.SUPPRESS, help=CREATE_HELP)
    p = _Parser(prog="sheetdesk", description="施策マネジメントシートの作成・印刷・取込")
    p.add_argument("--db", help=DB_HELP)
    p.add_argument("--create", action="store_true", help=CREATE_HELP)
    p.add_argument("--version", action="version", version=generator(), help="版を表示して終了する")
    sub = p.add_subparsers(dest="command", parser_class=_Parser)

    s = sub.add_parser("list", parents=[db_parent], help="シートの一覧")
    s.add_argument("--year", type=int, help="評価対象年度（西暦、例: 2023）")
    s.add_argument("--json", action="store_true", help="JSON で出力")

    s = sub.add_parser("export", parents=[db_parent], help="シートを書き出す")
    s.add_argument("ids", nargs="+", type=int, metavar="ID")
    s.add_argument("--format", choices=["json", "pdf", "xlsx"], default="json")
    s.add_argument("-o", "--output", required=True, type=Path,
                   help="出力先ファイル（PDF・xlsx で複数のIDを指定したときはフォルダ）")
    s.add_argument("--allow-overflow", action="store_true", help="文字あふれがあっても印刷する（PDF）")

    s = sub.add_parser("book", parents=[db_parent], help="議会提出用の冊子（PDF）を作る")
    s.add_argument("--year", type=int, required=True, help="評価対象年度（西暦、例: 2023）")
    s.add_argument("-o", "--output", required=True, type=Path)
    s.add_argument("--allow-overflow", action="store_true", help="文字あふれがあっても印刷する")

    s = sub.add_parser("import", parents=[db_parent], help="シートを取り込む")
    s.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    s.add_argument("--dry-run", action="store_true", help="取り込まずに検査だけ行う")
    s.add_argument("--replace", action="store_true", help="同じ施策・年度の既存シートを置き換える")
    s.add_argument("--accept-uncertain", action="store_true",
                   help="読み取りに自信のない項目があっても確認せずに保存する（通常は画面で確認）")
    s.add_argument("--code", help="施策番号（ファイルに印刷されていない場合）")
    s.add_argument("--form", metavar="FORM_ID",
                   help="市区町村独自のファイルを読む様式（例: shisaku-kihon-jigyo）。省略時は見出しから判別")

    s = sub.add_parser("rollover", parents=[db_parent], help="前年度から作成（年度全体）")
    s.add_argument("--from-year", type=int, required=True, help="元になる評価対象年度（西暦、例: 2023）")

    s = sub.add_parser("search", parents=[db_parent], help="全文検索")
    s.add_argument("text")

    sub.add_parser("sample", parents=[db_parent], help="見本のシートを読み込む（データベースがなければ作成）")
    sub.add_parser("init", parents=[db_parent], help="新しいデータベースを作成する")
    return p


def run() -> int:
    """The `sheetdesk` program (its console script, the bundle's launcher): `main`, then the process ends."""
    return main(exiting=True)


def main(argv: Sequence[str] | None = None, *, exiting: bool = False) -> int:
    """Run one command line; ``exiting``: the process ends when this returns (see WITHOUT_CYCLE_COLLECTOR)."""
    args = build_parser().parse_args(argv)
    if args.command is None:
        return _run_gui(args.db, args.create)
    if args.command not in WITHOUT_CYCLE_COLLECTOR:
        return _dispatch(args)
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _dispatch(args)
    finally:
        if exiting:
            gc.freeze()
        elif collecting:  # main() called inside a longer process (the tests) gives the collector back
            gc.enable()


def _dispatch(args: argparse.Namespace) -> int:
    """The command's exit code; a refusal or a failure is a message on stderr, never a traceback."""
    if args.command not in CREATING and not args.create:
        missing = missing_database(args.db)
        if missing is not None:  # a mistyped path must not become an empty database
            return _fail(NEW_DATABASE_WORDS["cli_missing"].format(path=missing))
    try:
        code = _COMMANDS[args.command](args)
        sys.stdout.flush()  # a closed pipe is met here, inside the handlers below, not at exit
        return code
    except UserFacingError as exc:
        return _fail(str(exc))
    except BrokenPipeError:  # `sheetdesk search … | head`: the reader has gone, which is not an error
        _silence_stdout()
        return EXIT_OK
    except KeyboardInterrupt:
        return _fail("中断しました", EXIT_INTERRUPTED)
    except Exception as exc:  # noqa: BLE001 - the last line of defence: a message, never a traceback
        from sheetdesk.store.errors import StoreError

        if isinstance(exc, StoreError):
            return _fail(str(exc))
        if isinstance(exc, OSError):
            where = f"{exc.filename}: " if exc.filename else ""
            return _fail(f"{where}読み書きできません（{exc.strerror or exc}）")
        log = _log_traceback()
        return _fail(f"予期しないエラーが起きました（{type(exc).__name__}）。詳しい記録: {log}")


def _fail(message: str, code: int = EXIT_FAILED) -> int:
    try:
        print(f"sheetdesk: {message}", file=sys.stderr)
    except (BrokenPipeError, OSError):
        pass
    return code


def _silence_stdout() -> None:
    """Point stdout at devnull so that Python's own flush at exit does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _log_traceback() -> str:
    import traceback  # here, not at the top: it loads tokenize and linecache, a cost at every start
    from datetime import datetime

    from sheetdesk.paths import app_dirs

    try:
        folder = app_dirs().ensure().log
        path = folder / f"sheetdesk-error-{datetime.now():%Y%m%d-%H%M%S}.log"
        path.write_text(traceback.format_exc(), encoding="utf-8")
        return str(path)
    except OSError:
        return "（ログを書けませんでした）"


class UserFacingError(Exception):
    pass


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from sheetdesk.forms import FormError, default_registry
    from sheetdesk.store import SheetStore, StoreError

    try:
        return SheetStore.open(args.db, registry=default_registry()), default_registry()
    except (StoreError, FormError) as exc:
        raise UserFacingError(str(exc)) from exc


def _run_gui(db: str | None, create: bool = False) -> int:
    try:
        from sheetdesk.ui.main import run_gui
    except ImportError as exc:
        print(f"sheetdesk: 画面を起動できません（{exc}）", file=sys.stderr)
        return EXIT_FAILED
    return run_gui(db, create=create)


def cmd_list(args: argparse.Namespace) -> int:
    from sheetdesk.app.quick_list import quick_list

    rows = quick_list(args.db, year=args.year)
    if rows is None:  # no file yet, another schema or PostgreSQL: the store opens (migrates, refuses) it
        store, _ = _open(args)
        rows = store.list(year=args.year)
    if args.json:
        out = [
            {
                "id": r.id,
                "form": r.form_id,
                "form_version": r.form_version,
                "evaluation_year": r.evaluation_year,
                "measure_code": r.measure_code,
                "measure_name": r.measure_name,
                "policy_name": r.policy_name,
                "lead_section": r.lead_section,
                "status": Status(r.status).value,
                "version": r.version,
                "updated_at": r.updated_at.isoformat(timespec="seconds"),
            }
            for r in rows
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("シートはありません。`sheetdesk sample` で見本を読み込めます。")
        return EXIT_OK
    for r in rows:
        status = Status(r.status).label
        print(f"{r.id:>5}  {fiscal_year_label(r.evaluation_year)}  {r.measure_code:<8} {r.measure_name}"
              f"  [{r.lead_section}]  {status}")
    return EXIT_OK


@contextmanager
def _writing(output: Path, *refusals: type[Exception]) -> Iterator[None]:
    """Refusals of printing, the forms, the store (and ``refusals``) and a file that cannot be written, as the user's error."""
    from sheetdesk.app.printing import PrintError
    from sheetdesk.forms import FormError
    from sheetdesk.store.errors import StoreError

    try:
        yield
    except (StoreError, PrintError, FormError, *refusals) as exc:
        raise UserFacingError(str(exc)) from exc
    except OSError as exc:
        raise UserFacingError(f"{output}: 書き込めません（{exc.strerror}）") from exc


def _sheets_to_print(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """What printing reads the sheets from: the file read-only when it is current, else the store.

    A current SQLite file is read with sqlite3 alone (sheetdesk.store.readonly),
    which spares SQLAlchemy's import; anything else (no file, another schema,
    a missing ID, PostgreSQL) opens the store, which migrates or refuses.
    """
    from sheetdesk.app.quick_list import sqlite_path
    from sheetdesk.forms import FormError, default_registry

    try:
        registry = default_registry()
    except FormError as exc:
        raise UserFacingError(str(exc)) from exc
    path = sqlite_path(args.db)
    if path is not None:
        from sheetdesk.store.readonly import ReadOnlySheets

        sheets = ReadOnlySheets.read(path, args.ids, registry)
        if sheets is not None:
            return sheets, registry
    return _open(args)


def cmd_export(args: argparse.Namespace) -> int:
    if args.format == "json":
        from sheetdesk.app import services

        store, registry = _open(args)
        with _writing(args.output, services.ServiceError):
            args.output.write_text(services.export_json(store, registry, args.ids), encoding="utf-8")
    else:
        from sheetdesk.app import printing

        sheets, registry = _sheets_to_print(args)
        with _writing(args.output):
            printing.export_files(sheets, registry, args.ids, args.format, args.output,
                                  allow_overflow=args.allow_overflow)
    print(f"{len(args.ids)}件を {args.output} に書き出しました")
    return EXIT_OK


def cmd_book(args: argparse.Namespace) -> int:
    from sheetdesk.app import printing

    store, registry = _open(args)
    with _writing(args.output):
        args.output.write_bytes(printing.booklet(store, registry, args.year, allow_overflow=args.allow_overflow))
    print(f"{fiscal_year_label(args.year)}の冊子を {args.output} に書き出しました")
    return EXIT_OK


def cmd_rollover(args: argparse.Namespace) -> int:
    from sheetdesk.app import services

    store, _ = _open(args)
    try:
        report = services.roll_over_year(store, args.from_year)
    except services.ServiceError as exc:
        raise UserFacingError(str(exc)) from exc
    for why in report.skipped:
        print(f"作成しませんでした: {why}")
    print(f"{fiscal_year_label(args.from_year + 1)}のシートを{len(report.created)}件作成しました"
          "（引き継いだ文章は「前年度から未編集」として確認一覧に出ます）")
    return EXIT_OK


def _print_import_report(report, registry) -> None:
    """Per file: what was stored and what is held, the form it was read as, each value to check."""
    from itertools import groupby

    for path, grouped in groupby(report.files, key=lambda f: f.path):
        group = list(grouped)
        for f in group:
            if not f.ok:
                print(f"sheetdesk: {f.error}", file=sys.stderr)
        done = "検査OK" if report.dry_run else "取り込みました"
        _print_sheets(path, done, [f for f in group if f.ok and not f.held_for_review], registry)
        _print_sheets(path, "要確認のため保存していません", [f for f in group if f.ok and f.held_for_review], registry)
        for note in dict.fromkeys(r.read_as for f in group for r in f.results if r.read_as):
            print(f"    {note}")
        for f in (f for f in group if f.ok):
            for label in f.review_labels(registry):
                print(f"    要確認: {f.part + ' ' if f.part else ''}{label}")
    print(f"取込 {len(report.imported)}件、要確認 {len(report.needs_review)}件、失敗 {len(report.failed)}件")
    if report.needs_review and any(f.held_for_review for f in report.files):
        print("要確認のファイルは画面の取込確認で確かめてから保存するか、--accept-uncertain を指定してください")
    if any(f.missing_code for f in report.files):
        print("sheetdesk: --code で施策番号を指定してください", file=sys.stderr)
    if any(f.exists for f in report.files):
        print("sheetdesk: 置き換える場合は --replace を指定してください", file=sys.stderr)



def _print_sheets(path: Path, verb: str, outcomes: list, registry) -> None:  # noqa: ANN001 - FormRegistry
    """One line for a file's sheets stored (or held); a file of several sheets read from a city's pages also
    says each sheet's place (「3枚目（5〜6ページ目）」), our own files list the names only."""
    if not outcomes:
        return

    def name(s) -> str:  # noqa: ANN001 - Sheet
        return s.identity(registry.get(s.form_id, s.form_version))["name"] or "(名称なし)"

    sheets = [(f, s) for f in outcomes for s in f.sheets]
    exact = all(r.exact for f in outcomes for r in f.results)
    shown = "、".join(name(s) for _, s in sheets)
    print(f"{path}: {len(sheets)}件 {verb}" + (f"（{shown}）" if exact or len(sheets) == 1 else ""))
    if not exact and len(sheets) > 1:
        for f, s in sheets:
            print(f"  {f.part}: {name(s)}")

def cmd_import(args: argparse.Namespace) -> int:
    from sheetdesk.app import services

    store, registry = _open(args)
    if args.form is not None:
        try:
            services.named_form(registry, args.form)
        except services.ServiceError as exc:
            return _fail(str(exc))
    report = services.import_files(store, registry, args.paths, dry_run=args.dry_run, replace=args.replace,
                                   accept_uncertain=args.accept_uncertain, code=args.code, form_id=args.form)
    _print_import_report(report, registry)
    return EXIT_FAILED if report.failed else EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    store, _ = _open(args)
    hits = store.search(args.text)
    if not hits:
        print(f"「{args.text}」は見つかりませんでした")
        return EXIT_OK
    for h in hits:
        print(f"{h.sheet_id:>5}  {h.label}: {h.snippet}")
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    from sheetdesk.app import services

    store, registry = _open(args)
    report = services.load_samples(store, registry)
    _print_import_report(report, registry)
    return EXIT_FAILED if report.failed else EXIT_OK


def cmd_init(args: argparse.Namespace) -> int:
    from sheetdesk.paths import app_dirs

    where = missing_database(args.db)
    if where is None and (args.db is None or "://" not in args.db):
        path = app_dirs().default_database if args.db is None else Path(args.db).expanduser().resolve()
        if path.exists():
            return _fail(NEW_DATABASE_WORDS["cli_exists"].format(path=path))
        where = path
    store, _ = _open(args)
    shown = where or store.url.render_as_string(hide_password=True)  # a server: never its password
    store.close()
    print(NEW_DATABASE_WORDS["cli_created"].format(path=shown))
    return EXIT_OK


_COMMANDS = {
    "init": cmd_init,
    "list": cmd_list,
    "export": cmd_export,
    "import": cmd_import,
    "search": cmd_search,
    "sample": cmd_sample,
    "book": cmd_book,
    "rollover": cmd_rollover,
}


if __name__ == "__main__":
    raise SystemExit(run())
