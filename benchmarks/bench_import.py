"""Import of a city's own files: right / flagged / wrong-unflagged / missing per file, and time.

    .venv/bin/python benchmarks/bench_import.py [--repeat 3] [--dir ../shared/foreign] [--booklet 25] [-v]
    .venv/bin/python benchmarks/bench_import.py --only booklet [-v]   # the booklets alone; nothing written

Not a test. Every xlsx and PDF in the directory (by default ../shared/foreign)
is imported (its form found from its labels) and compared, field by field, with the
directory's ``*.expected.json`` (the sheet in the exchange format):

- right: the value as expected and not flagged;
- flagged: listed for review (要確認), whatever its value;
- wrong: a value that differs from the expected one (or that the expected
  sheet does not hold) and is NOT flagged -- must be 0;
- missing: an expected value absent and not flagged.

Then the five city layouts typed by hand in tests/ingest/city_layouts.py
(rows ``layout:*``), each against what it means; a place the layout makes
uncertain counts as wrong unless flagged. Then the other families' city
workbooks, each read with its form found from its labels (rows
``family-a:*``, ``family-b:*``): the 施策・基本事業 workbook of
tests/ingest/family_a_workbook.py against the sample it was typed from, and
the two 行動計画評価表 tables of tests/ingest/table_workbooks.py row by row
(a 事業's fields; a プロセス or 項目 once); a file read as the wrong form
counts every field wrong.

Compared: the envelope (市区町村, 計画名, 計画期間, 評価対象年度), every value
and every override of the expected sheet except 施策番号 (not printed;
supplied by ``--code`` at import). Time per file beside the bare library on
the same file in the same run (openpyxl's full load; pdfplumber's words and
lines of every page), the two timed in turn, each after a full collection.
Then council booklets of ``--booklet`` sheets (25) as SheetDesk prints them
(generated texts; the sample's): sheets found, whether each is exact, seconds;
and the same pages without the embedded data, split into sheets by their pages
and read by their labels as a city's booklet would be (once), each printed
value right / flagged / wrong / missing against its source sheet (``-v`` lists each
wrong and missing value with its page).
Writes benchmarks/results/import.json (not with ``--only``).
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import platform
import sys
import time
from pathlib import Path

from timing import median_s, paired_median_s

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "import.json"
DEFAULT_DIR = ROOT.parent / "shared" / "foreign"
NOT_PRINTED = ("header.measure_code",)


def plumber_words_lines(pdfplumber, path: Path) -> None:  # type: ignore[no-untyped-def]
    """The bare library: pdfplumber's words and ruling lines of every page."""
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            _ = page.lines, page.rects


def expected_fields(sheet) -> dict[str, object]:  # type: ignore[no-untyped-def]
    out: dict[str, object] = {
        "@municipality": sheet.plan.municipality,
        "@plan_name": sheet.plan.name,
        "@plan_period": (sheet.plan.start_year, sheet.plan.end_year),
        "@evaluation_year": sheet.evaluation_year,
    }
    out.update({p: v for p, v in sheet.values.items() if p not in NOT_PRINTED})
    out.update({f"override:{p}": v for p, v in sheet.overrides.items()})
    return out


def same(a: object, b: object) -> bool:
    """Equal as printed: Decimal('70.0') is not Decimal('70') here (the decimals a sheet shows are kept)."""
    from decimal import Decimal

    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return isinstance(a, Decimal) and isinstance(b, Decimal) and str(a) == str(b)
    return a == b


def compare(result, expected: dict[str, object]) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Each compared field (and each extra value) in one of the four classes."""
    got = expected_fields(result.sheet)
    flagged = set(result.needs_review())
    envelope_flags = {f"@{k}" for k in getattr(result, "flagged_context", ())}
    classes: dict[str, list[str]] = {"right": [], "flagged": [], "wrong": [], "missing": []}
    for path in sorted({*expected, *got}):
        raw = path.removeprefix("override:")
        if path in NOT_PRINTED:
            continue
        is_flagged = raw in flagged or path in envelope_flags
        want, have = expected.get(path), got.get(path)
        if is_flagged and (path in expected or have is not None):
            classes["flagged"].append(path)
        elif have is None and path in expected:
            classes["missing"].append(path)
        elif path not in expected or not same(have, want):
            classes["wrong"].append(f"{path}: {have!r} (expected {want!r})")
        else:
            classes["right"].append(path)
    return classes


def classify_layout(result, layout) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """A hand-built city layout against what it means (its ``truth``; ``unsure`` places must be flagged)."""
    flagged = set(result.needs_review())
    values = result.sheet.values
    classes: dict[str, list[str]] = {"right": [], "flagged": [], "wrong": [], "missing": []}
    for path in sorted({*layout.truth, *values}):
        have, want = values.get(path), layout.truth.get(path)
        if path.endswith(".direction") and path not in layout.truth:
            continue  # not printed; inferred and flagged (the shared files' rows count them)
        if path in flagged:
            classes["flagged"].append(path)
        elif have is None:
            classes["missing"].append(path)
        elif path not in layout.truth or path in layout.unsure or not same(have, want):
            classes["wrong"].append(f"{path}: {have!r} (expected {want!r})")
        else:
            classes["right"].append(path)
    return classes


def city_layout_rows(registry, openpyxl, repeat: int, out: dict, verbose: bool) -> list:  # type: ignore[no-untyped-def]
    """The five layouts typed by hand in tests/ingest/city_layouts.py, each written to a temporary workbook."""
    import tempfile

    sys.path.insert(0, str(ROOT / "tests"))
    city_layouts = importlib.import_module("ingest.city_layouts")  # tests/ingest: the layouts are test material
    layouts, write = city_layouts.LAYOUTS, city_layouts.write
    from sheetdesk.ingest import read_file

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for layout in layouts:
            path = write(layout.build, Path(tmp) / f"{layout.name}.xlsx")
            [result] = read_file(path, registry)
            classes = classify_layout(result, layout)
            ours, bare = paired_median_s(lambda p=path: read_file(p, registry), lambda p=path: openpyxl.load_workbook(p),
                                         repeat)
            counts = {k: len(v) for k, v in classes.items()}
            name = f"layout:{layout.name}"
            rows.append((name, counts, ours, bare, "openpyxl full load"))
            out["files"][name] = {**counts, "compared": len(layout.truth), "seconds": round(ours, 3),
                                  "bare_seconds": round(bare, 3), "bare": "openpyxl full load",
                                  "ratio": round(ours / bare, 2) if bare else None,
                                  "wrong_fields": classes["wrong"], "missing_fields": classes["missing"],
                                  "flagged_fields": classes["flagged"]}
            if verbose:
                for k in ("wrong", "missing", "flagged"):
                    for f in classes[k]:
                        print(f"  {name} {k}: {f}")
    return rows


def classify_family_a(result, family_a) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """The family-A workbook against the sample it was typed from (read as another form: all wrong)."""
    truth = {p: v for p, v in family_a.sample_values().items() if p not in family_a.NOT_PRINTED}
    got = {p: family_a.as_sample(v) for p, v in result.sheet.values.items()}
    flagged = set(result.needs_review())
    classes: dict[str, list[str]] = {"right": [], "flagged": [], "wrong": [], "missing": []}
    right_form = result.sheet.form_id == "shisaku-kihon-jigyo"
    for path in sorted({*truth, *got}):
        if path in flagged:
            classes["flagged"].append(path)
        elif path not in got:
            classes["missing"].append(path)
        elif not right_form or path not in truth or got[path] != truth[path]:
            classes["wrong"].append(f"{path}: {got[path]!r} (expected {truth.get(path)!r})")
        else:
            classes["right"].append(path)
    return classes


def family_rows(registry, openpyxl, repeat: int, out: dict, verbose: bool) -> list:  # type: ignore[no-untyped-def]
    """The family A and B workbooks typed by hand in tests/ingest, read with detection."""
    import tempfile

    sys.path.insert(0, str(ROOT / "tests"))
    family_a = importlib.import_module("ingest.family_a_workbook")
    tables = importlib.import_module("ingest.table_workbooks")
    from sheetdesk.ingest import read_file

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        reordered, spoiled = tables.layout_reordered(Path(tmp) / "b-reordered.xlsx")
        cases = [("family-a:two_pages", family_a.build(Path(tmp) / "a.xlsx"), lambda r: classify_family_a(r, family_a)),
                 ("family-a:one_sheet_text", family_a.build_one_sheet(Path(tmp) / "a2.xlsx"),
                  lambda r: classify_family_a(r, family_a)),
                 ("family-b:as-printed", tables.layout_as_printed(Path(tmp) / "b-printed.xlsx"), tables.classify),
                 ("family-b:reordered", reordered, lambda r: tables.classify(r, spoiled))]
        for name, path, classify in cases:
            [result] = read_file(path, registry)
            classes = classify(result)
            if name.startswith("family-b") and result.sheet.form_id != "kyodo-action-plan":
                classes = {"right": [], "flagged": [], "missing": [],
                           "wrong": [f"read as {result.sheet.form_id}"] + classes["right"]}
            ours, bare = paired_median_s(lambda p=path: read_file(p, registry),
                                         lambda p=path: openpyxl.load_workbook(p), repeat)
            counts = {k: len(v) for k, v in classes.items()}
            rows.append((name, counts, ours, bare, "openpyxl full load"))
            out["files"][name] = {**counts, "form": result.sheet.form_id, "read_as": result.read_as,
                                  "seconds": round(ours, 3), "bare_seconds": round(bare, 3),
                                  "bare": "openpyxl full load", "ratio": round(ours / bare, 2) if bare else None,
                                  "wrong_fields": classes["wrong"], "missing_fields": classes["missing"],
                                  "flagged_fields": classes["flagged"]}
            if verbose:
                for k in ("wrong", "missing", "flagged"):
                    for f in classes[k]:
                        print(f"  {name} {k}: {f}")
    return rows


def multi_sheet_rows(registry, openpyxl, expected: dict[str, object], repeat: int, out: dict,  # type: ignore[no-untyped-def]
                     verbose: bool) -> list:
    """City workbooks of several sheets (tests/ingest/multi_workbooks.py), each sheet against the shared
    expected sheet under its own name; counts summed over the sheets, time for the whole file."""
    import tempfile

    sys.path.insert(0, str(ROOT / "tests"))
    multi = importlib.import_module("ingest.multi_workbooks")
    from sheetdesk.ingest import read_file

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        cases = [("multi:worksheet-per-施策+一覧", lambda p: multi.one_worksheet_each(p, with_index=True)),
                 ("multi:表面裏面×2", multi.two_worksheets_each)]
        for name, build in cases:
            path = Path(tmp) / "multi.xlsx"
            names = build(path)
            results = read_file(path, registry)
            classes: dict[str, list[str]] = {"right": [], "flagged": [], "wrong": [], "missing": []}
            if [r.sheet.values.get("header.measure_name") for r in results] != names:
                classes["wrong"].append(f"sheets found: {len(results)} (expected {len(names)}, in order)")
            for result, measure in zip(results, names, strict=False):
                for k, v in compare(result, {**expected, "header.measure_name": measure}).items():
                    classes[k] += v
            ours, bare = paired_median_s(lambda p=path: read_file(p, registry),
                                         lambda p=path: openpyxl.load_workbook(p), repeat)
            counts = {k: len(v) for k, v in classes.items()}
            rows.append((f"{name}({len(results)})", counts, ours, bare, "openpyxl full load"))
            out["files"][name] = {**counts, "sheets": len(results), "seconds": round(ours, 3),
                                  "bare_seconds": round(bare, 3), "bare": "openpyxl full load",
                                  "ratio": round(ours / bare, 2) if bare else None,
                                  "wrong_fields": classes["wrong"], "missing_fields": classes["missing"]}
            if verbose:
                for k in ("wrong", "missing", "flagged"):
                    for f in classes[k]:
                        print(f"  {name} {k}: {f}")
    return rows


def booklet_row(registry, pdfplumber, sheets: int, repeat: int, out: dict,  # type: ignore[no-untyped-def]
                verbose: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Council booklets of ``sheets`` sheets of one year as SheetDesk prints them, then their pages alone.

    Two booklets: ``generated`` (generate_sheets' texts, many too long for their boxes, printed with
    the 文字あふれ mark) and ``sample`` (the shipped sample under 25 typed 基本施策名, fitting its boxes,
    as tests/ingest/booklet_pages.py makes it). Each carries every sheet's exchange JSON, so it comes
    back exactly without reading its pages; the same pages copied without that attachment are what a
    city's own booklet would be, split into sheets by their pages and read by their labels (once: slow),
    every printed value compared with its source sheet's: right, flagged, wrong (differs, not flagged).
    """
    from sheetdesk.app.generate import generate_sheets

    sys.path.insert(0, str(ROOT / "tests"))
    pages = importlib.import_module("ingest.booklet_pages")
    form = registry.latest("shisaku-management")
    years = 8  # generate_sheets fills every year of the plan (2020-2027) for each 施策
    generated = [s for s in generate_sheets(form, sheets * years, seed=7) if s.evaluation_year == 2023][:sheets]
    out["booklet"] = {}
    for name, made, overflow in (("generated", generated, True),
                                 ("sample", pages.variants(form, pages.sample(registry), sheets), False)):
        out["booklet"][name] = _booklet(registry, pdfplumber, pages, form, made, overflow, repeat, verbose)


def _booklet(registry, pdfplumber, pages, form, made, overflow: bool, repeat: int,  # type: ignore[no-untyped-def]
             verbose: bool = False) -> dict:
    import io
    import tempfile

    from pypdf import PdfReader

    from sheetdesk.ingest import read_file
    from sheetdesk.render import render_booklet

    data = render_booklet([(form, s) for s in made], allow_overflow=overflow, registry=registry)
    count = len(PdfReader(io.BytesIO(data)).pages)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "冊子.pdf"
        path.write_bytes(data)
        results = read_file(path, registry)
        same = sum(r.exact and r.sheet.values == s.values for r, s in zip(results, made, strict=False))
        ours = median_s(lambda: read_file(path, registry), repeat)

        start = time.perf_counter()
        plumber_words_lines(pdfplumber, path)
        bare = time.perf_counter() - start
        labels = pages.pages_only(data, Path(tmp) / "冊子（ページのみ）.pdf")
        gc.collect()
        start = time.perf_counter()
        by_labels = read_file(labels, registry)
        label_seconds = time.perf_counter() - start
    names = [r.sheet.values.get(form.identity.name) for r in by_labels]
    in_order = names == [s.values[form.identity.name] for s in made]
    counts = {"right": 0, "flagged": 0, "wrong": 0, "missing": 0}
    listed: dict[str, list[str]] = {"wrong": [], "missing": []}
    for n, (r, s) in enumerate(zip(by_labels, made, strict=False), 1):
        flagged = set(r.needs_review())
        for p, v in pages.printed_values(form, s).items():
            got = r.sheet.values.get(p)
            kind = "flagged" if p in flagged else "right" if got == v else "missing" if got is None else "wrong"
            counts[kind] += 1
            if kind in listed:
                where = r.sources[p].describe() if p in r.sources else "-"
                listed[kind].append(f"sheet {n} {p}: read {got!r}, printed {v!r} ({where})")
    if verbose:
        for kind, lines in listed.items():
            for line in lines:
                print(f"  booklet {kind}: {line}")
    row = {"sheets": len(made), "pages": count, "found": len(results), "exact_and_equal": same,
           "seconds": round(ours, 3), "pdfplumber_words_lines_s": round(bare, 3),
           "pages_only": {"found": len(by_labels), "names_in_order": in_order, **counts,
                          "seconds": round(label_seconds, 2), "wrong_fields": listed["wrong"],
                          "missing_fields": listed["missing"]}}
    kind = "generated texts, 文字あふれ marked" if overflow else "sample texts"
    print(f"\nbooklet of {len(made)} sheets ({kind}, {count} pages), with its JSON: {len(results)} sheets found, "
          f"{same} exact and equal, {ours:.3f} s (pdfplumber words+lines of its pages: {bare:.2f} s)")
    print(f"the same pages without the JSON (split by pages, read by labels): {len(by_labels)} sheet(s) found, "
          f"names in order: {in_order}; printed values right {counts['right']}, flagged {counts['flagged']}, "
          f"wrong {counts['wrong']}, missing (unread, empty) {counts['missing']}; {label_seconds:.1f} s")
    return row


def shared_rows(registry, openpyxl, pdfplumber, args: argparse.Namespace, out: dict) -> list:  # type: ignore[no-untyped-def]
    """Every xlsx and PDF of ``args.dir`` beside its ``*.expected.json`` (the shared city files)."""
    from sheetdesk.exchange import parse_document
    from sheetdesk.ingest import read_file

    rows = []
    for exp_path in sorted(args.dir.glob("*.expected.json")):
        [expected_sheet] = parse_document(exp_path.read_bytes(), exp_path.name, registry)
        expected = expected_fields(expected_sheet)
        stem = exp_path.name.removesuffix(".expected.json")
        for path in sorted(p for p in args.dir.iterdir() if p.name.startswith(stem) and p.suffix in (".xlsx", ".pdf")):
            [result] = read_file(path, registry)
            classes = compare(result, expected)
            bare_name = "openpyxl full load" if path.suffix == ".xlsx" else "pdfplumber words+lines"

            def bare_fn(p: Path = path) -> None:
                if p.suffix == ".xlsx":
                    openpyxl.load_workbook(p)
                else:
                    plumber_words_lines(pdfplumber, p)

            ours, bare = paired_median_s(lambda p=path: read_file(p, registry), bare_fn, args.repeat)
            counts = {k: len(v) for k, v in classes.items()}
            rows.append((path.name, counts, ours, bare, bare_name))
            out["files"][path.name] = {**counts, "compared": len(expected), "seconds": round(ours, 3),
                                       "bare_seconds": round(bare, 3), "bare": bare_name,
                                       "ratio": round(ours / bare, 2) if bare else None,
                                       "wrong_fields": classes["wrong"], "missing_fields": classes["missing"],
                                       "flagged_fields": classes["flagged"]}
            if args.verbose:
                for k in ("wrong", "missing", "flagged"):
                    for f in classes[k]:
                        print(f"  {path.name} {k}: {f}")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    parser.add_argument("--verbose", "-v", action="store_true", help="list the fields of each class")
    parser.add_argument("--booklet", type=int, default=25, help="sheets in the council booklet read back (0: none)")
    parser.add_argument("--only", choices=("booklet",), help="run only this part (the booklets; results not written)")
    args = parser.parse_args()

    import openpyxl
    import pdfplumber

    from sheetdesk.exchange import parse_document
    from sheetdesk.forms import default_registry

    registry = default_registry()
    out: dict = {"machine": platform.platform(), "python": platform.python_version(), "files": {}}
    if args.only == "booklet":
        booklet_row(registry, pdfplumber, args.booklet or 25, args.repeat, out, args.verbose)
        return
    rows = shared_rows(registry, openpyxl, pdfplumber, args, out)
    rows += city_layout_rows(registry, openpyxl, args.repeat, out, args.verbose)
    if (args.dir / "kunitachi-2023.expected.json").is_file():
        [shared_sheet] = parse_document((args.dir / "kunitachi-2023.expected.json").read_bytes(), "expected", registry)
        rows += multi_sheet_rows(registry, openpyxl, expected_fields(shared_sheet), args.repeat, out, args.verbose)
    rows += family_rows(registry, openpyxl, args.repeat, out, args.verbose)
    print(f"{'file':28} {'right':>5} {'flag':>5} {'wrong':>5} {'miss':>5} {'s/file':>7} {'bare s':>7} ratio")
    for name, c, ours, bare, bare_name in rows:
        print(f"{name:28} {c['right']:5} {c['flagged']:5} {c['wrong']:5} {c['missing']:5} {ours:7.3f} "
              f"{bare:7.3f} {ours / bare:5.2f}  ({bare_name})")
    if args.booklet:
        booklet_row(registry, pdfplumber, args.booklet, args.repeat, out, args.verbose)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if any(c["wrong"] for _, c, *_ in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
