"""Rendering benchmark: one sheet to PDF, a 100-sheet booklet, and LibreOffice on our xlsx.

    .venv/bin/python benchmarks/bench_render.py [--sheets 100] [--no-libreoffice]

Prints the figures and writes them to benchmarks/results/render.json. Not a
test: the targets (one sheet ≤ 100 ms, booklet ≤ 5 s and ≤ 300 MB peak,
≥ 10× faster than LibreOffice converting the same sheets from xlsx) are
printed beside the figures for a person to judge. The booklet runs in a fresh
subprocess so that its peak memory (ru_maxrss) is its own. Sheets come from
sheetdesk.app.generate (the seed's sentences, every field filled, texts
distinct per sheet), so no cache is warmed by repeating one sheet. The
booklet's time includes loading the fonts (a fresh process), as
LibreOffice's includes its start; LibreOffice's user profile is made before
timing (a person's exists already) and all workbooks go to one soffice call.
``--sequential`` fits the booklet's sheets in one process (as the Qt app and
Windows do) instead of ahead in a forked child.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results" / "render.json"
TARGETS = {"sheet_pdf_ms": 100, "booklet_s": 5, "booklet_peak_mb": 300, "libreoffice_ratio": 10}


def _setup(n: int):  # type: ignore[no-untyped-def]
    from sheetdesk.app.generate import generate_sheets
    from sheetdesk.forms import default_registry

    registry = default_registry()
    form = registry.latest("shisaku-management")
    return registry, form, generate_sheets(form, n, seed=7)


def child_booklet(n: int) -> None:
    """Run in a subprocess: render the booklet, print seconds and peak RSS as JSON."""
    from sheetdesk.render import render_booklet

    _, form, sheets = _setup(n)
    start, cpu = time.perf_counter(), time.process_time()
    pdf = render_booklet([(form, s) for s in sheets], allow_overflow=True)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the fitting child, if forked
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "peak_mb": peak_mb, "child_peak_mb": child_mb,
                      "bytes": len(pdf)}))


def sample_sheet(registry):  # type: ignore[no-untyped-def]
    from sheetdesk.app.samples import sample_paths
    from sheetdesk.exchange import parse_document

    path = next(p for p in sample_paths() if p.name == "kunitachi-2023.json")
    return parse_document(path.read_bytes(), path.name, registry)[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=100)
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument("--sequential", action="store_true", help="fit the booklet's sheets in one process")
    parser.add_argument("--child-booklet", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_booklet:
        if args.sequential:
            from sheetdesk.render import prefit

            prefit.MIN_SHEETS = sys.maxsize
        child_booklet(args.child_booklet)
        return

    from sheetdesk.render import capacity, overflowing_fields, render_pdf, render_xlsx

    registry, form, sheets = _setup(args.sheets)
    sample = sample_sheet(registry)
    render_pdf(form, sample)  # fonts and layout loaded once, as in a running app
    times = []
    for _ in range(15):
        t = time.perf_counter()
        render_pdf(form, sample, sheet_number=1)
        times.append((time.perf_counter() - t) * 1000)
    sheet_ms = statistics.median(times)

    text = (sample.text("s5.situation") * 3)[:1000]
    cap_times = []
    for _ in range(200):
        t = time.perf_counter()
        capacity(form, sample.context, "s5.situation", text)
        cap_times.append((time.perf_counter() - t) * 1000)
    capacity_ms = statistics.median(cap_times)
    overflowing = sum(bool(overflowing_fields(form, s)) for s in sheets)

    out = subprocess.run([sys.executable, __file__, "--child-booklet", str(args.sheets),
                          *(["--sequential"] if args.sequential else [])],
                         check=True, capture_output=True, text=True)
    booklet = json.loads(out.stdout.strip().splitlines()[-1])

    results: dict[str, object] = {
        "machine": f"{platform.machine()} {platform.python_version()}",
        "sheets": args.sheets,
        "sheet_pdf_ms": round(sheet_ms, 1),
        "capacity_1000_chars_ms": round(capacity_ms, 3),
        "booklet_s": round(booklet["seconds"], 2),
        "booklet_cpu_s": round(booklet["cpu_seconds"], 2),  # less moved by other jobs on the machine
        "booklet_peak_mb": round(booklet["peak_mb"], 1),
        "booklet_child_peak_mb": round(booklet["child_peak_mb"], 1),
        "booklet_fitting": "one process" if args.sequential else "ahead in a forked child where safe (render.prefit)",
        "booklet_mb": round(booklet["bytes"] / 1e6, 2),
        "generated_sheets_with_overflow": overflowing,
    }

    soffice = shutil.which("soffice")
    if soffice and not args.no_libreoffice:
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp)
            t = time.perf_counter()
            files = []
            for i, s in enumerate(sheets):
                path = d / f"sheet-{i:03d}.xlsx"
                path.write_bytes(render_xlsx(form, s, sheet_number=i + 1))
                files.append(str(path))
            results["xlsx_export_s"] = round(time.perf_counter() - t, 2)
            command = [soffice, f"-env:UserInstallation=file://{d / 'profile'}", "--headless", "--convert-to", "pdf"]
            # A person's LibreOffice has its profile already: make it once, untimed, with one file.
            subprocess.run([*command, "--outdir", str(d / "warmup"), files[0]], check=True, capture_output=True,
                           timeout=600)
            # Then all sheets in one process start, as a person would batch them.
            t = time.perf_counter()
            subprocess.run([*command, "--outdir", str(d / "pdf"), *files], check=True, capture_output=True, timeout=3600)
            lo = time.perf_counter() - t
            converted = len(list((d / "pdf").glob("*.pdf")))
            if converted != len(files):
                raise SystemExit(f"LibreOffice converted {converted} of {len(files)} workbooks")
        results["libreoffice_s"] = round(lo, 2)
        results["libreoffice_ratio"] = round(lo / booklet["seconds"], 1)

    print("rendering benchmark (targets in brackets)")
    print(f"  one sheet to PDF (median)      {results['sheet_pdf_ms']:8.1f} ms   [≤ {TARGETS['sheet_pdf_ms']} ms]")
    print(f"  capacity(), 1,000 chars        {results['capacity_1000_chars_ms']:8.3f} ms   [< 1 ms]")
    print(f"  booklet of {args.sheets} sheets           {results['booklet_s']:8.2f} s    [≤ {TARGETS['booklet_s']} s]")
    print(f"  booklet CPU time               {results['booklet_cpu_s']:8.2f} s")
    print(f"  booklet peak RSS               {results['booklet_peak_mb']:8.1f} MB   [≤ {TARGETS['booklet_peak_mb']} MB]")
    print(f"  its fitting child's peak RSS   {results['booklet_child_peak_mb']:8.1f} MB   (forked: shares the parent's pages)")
    if "libreoffice_s" in results:
        print(f"  our xlsx export, {args.sheets} sheets       {results['xlsx_export_s']:8.2f} s")
        print(f"  LibreOffice xlsx -> PDF        {results['libreoffice_s']:8.2f} s")
        print(f"  LibreOffice / booklet          {results['libreoffice_ratio']:8.1f} x    [≥ {TARGETS['libreoffice_ratio']} x]")
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(f"  load average after             {results['load_average_after']}")
    results["targets"] = TARGETS
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
