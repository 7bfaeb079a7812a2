"""Import benchmark: a city's own workbook and PDF of the standard sheet, and field accuracy.

    .venv/bin/python benchmarks/bench_ingest.py [--repeat 5] [--no-pdf]

Prints the figures and writes them to benchmarks/results/ingest.json. Not a
test. The test set is the five 方眼紙 layouts of tests/ingest/foreign_workbooks.py
(the seed sheet drawn as cities draw it) and the PDFs LibreOffice prints
from them. Figures beside ours:

- xlsx: openpyxl's full load and its read-only load (iterating every cell)
  of the same file; target ≤ 300 ms per sheet;
- PDF: pdfplumber alone (words and ruling lines of every page), timed in
  turn with ours (ours, pdfplumber, ours, …, each after a full collection)
  so that the machine's load and the collector fall on both alike; target
  ≤ 1.5 s per two-page sheet and ≤ 2× pdfplumber;
- accuracy: the share of printed fields read exactly (targets ≥ 98 % xlsx,
  ≥ 95 % PDF), with the fields that were not.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import sys
import tempfile
from pathlib import Path

from timing import median_s, paired_median_s

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results" / "ingest.json"
TARGETS = {"xlsx_ms": 300, "pdf_s": 1.5, "pdf_ratio": 2.0, "xlsx_accuracy": 0.98, "pdf_accuracy": 0.95}
sys.path.insert(0, str(ROOT / "tests"))


def median_ms(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    return round(median_s(fn, repeat) * 1000, 1)


def paired_median_ms(ours, bare, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """timing.paired_median_s in milliseconds."""
    a, b = paired_median_s(ours, bare, repeat)
    return round(a * 1000, 1), round(b * 1000, 1)


def accuracy(result, expected: dict) -> tuple[int, list[str]]:  # type: ignore[no-untyped-def]
    wrong = [p for p, v in expected.items() if result.sheet.values.get(p) != v]
    return len(expected) - len(wrong), wrong


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-pdf", action="store_true")
    args = parser.parse_args()

    import openpyxl
    import pdfplumber

    from ingest.foreign_workbooks import build_all
    from ingest.seed_sheet import seed_sheet
    from sheetdesk.forms import default_registry
    from sheetdesk.forms.definition import FieldKind
    from sheetdesk.ingest.pdf_foreign import read_foreign_pdf
    from sheetdesk.ingest.xlsx_foreign import read_foreign_xlsx

    form = default_registry().latest("shisaku-management")
    sheet = seed_sheet()
    specs = form.fields(sheet.context)
    expected = {p: v for p, v in sheet.values.items() if specs[p].printed and specs[p].kind is not FieldKind.DIRECTION}
    tmp = Path(tempfile.mkdtemp(prefix="bench_ingest_"))
    workbooks = build_all(form, sheet, tmp / "xlsx")
    out: dict = {"machine": platform.platform(), "python": platform.python_version(), "targets": TARGETS,
                 "fields_per_sheet": len(expected), "xlsx": {}, "pdf": {}}

    def read_only_load(path: Path) -> None:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
        for ws in wb.worksheets:
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()

    print(f"{'xlsx':<20} {'ours ms':>8} {'openpyxl full':>14} {'read-only':>10} {'exact':>9}  failed fields")
    total_ok = total = 0
    for name, path in workbooks.items():
        ours = median_ms(lambda path=path: read_foreign_xlsx(path, form), args.repeat)
        full = median_ms(lambda path=path: openpyxl.load_workbook(path, data_only=True), max(1, args.repeat // 2))
        ro = median_ms(lambda path=path: read_only_load(path), args.repeat)
        ok, wrong = accuracy(read_foreign_xlsx(path, form), expected)
        total_ok, total = total_ok + ok, total + len(expected)
        out["xlsx"][name] = {"import_ms": ours, "openpyxl_full_ms": full, "openpyxl_read_only_ms": ro,
                             "exact": ok, "failed": wrong}
        print(f"{name:<20} {ours:>8} {full:>14} {ro:>10} {ok:>4}/{len(expected)}  {', '.join(wrong)}")
    out["xlsx_accuracy"] = round(total_ok / total, 4)
    print(f"xlsx accuracy: {out['xlsx_accuracy']:.2%} (target ≥ {TARGETS['xlsx_accuracy']:.0%})")

    soffice = shutil.which("soffice")
    if not args.no_pdf and soffice:
        from ingest.conftest import to_pdf

        pdf_dir = tmp / "pdf"
        pdf_dir.mkdir()
        to_pdf(soffice, list(workbooks.values()), pdf_dir)

        def plumber_alone(path: Path) -> None:
            with pdfplumber.open(path) as pdf:
                for page in pdf.pages:
                    page.extract_words()
                    _ = page.lines

        print(f"\n{'pdf':<20} {'ours s':>8} {'pdfplumber':>11} {'ratio':>6} {'exact':>9}  failed fields")
        total_ok = total = 0
        for name in workbooks:
            path = pdf_dir / f"{name}.pdf"
            ours, alone = (ms / 1000 for ms in paired_median_ms(lambda path=path: read_foreign_pdf(path, form),
                                                                 lambda path=path: plumber_alone(path), args.repeat))
            ok, wrong = accuracy(read_foreign_pdf(path, form), expected)
            total_ok, total = total_ok + ok, total + len(expected)
            out["pdf"][name] = {"import_s": round(ours, 3), "pdfplumber_words_lines_s": round(alone, 3),
                                "ratio": round(ours / alone, 2), "exact": ok, "failed": wrong}
            print(f"{name:<20} {ours:>8.3f} {alone:>11.3f} {ours / alone:>6.2f} {ok:>4}/{len(expected)}  {', '.join(wrong)}")
        out["pdf_accuracy"] = round(total_ok / total, 4)
        print(f"pdf accuracy: {out['pdf_accuracy']:.2%} (target ≥ {TARGETS['pdf_accuracy']:.0%})")
    else:
        print("PDF figures skipped (no soffice or --no-pdf)")
    shutil.rmtree(tmp, ignore_errors=True)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwritten to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
