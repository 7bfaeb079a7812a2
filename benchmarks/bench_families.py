"""Printing benchmark for every sheet family: sample → PDF, a nested-form booklet, the standard booklet.

    .venv/bin/python benchmarks/bench_families.py [--sheets 100] [--no-main] [--ref main]

Prints the figures and writes them to benchmarks/results/families.json. Not a test.

- each form that has a sample (sheetdesk sample): one sheet → PDF in this
  process (median of 5, after one warm-up), and as a whole
  ``sheetdesk export --format pdf`` process (start, database, print, write);
- a booklet of ``--sheets`` sheets of family B, the shipped 行動計画評価表 (プロセス →
  項目 → 事業; 30 事業 rows a sheet, the sample's texts from seed 003 taken in
  turn): seconds, pages, peak memory, in a fresh process;
- the standard 100-sheet booklet (sheetdesk.app.generate sheets) with this
  tree's code and with main's (``git archive main`` into a temporary folder,
  run in the same way in the same run), so the two are comparable.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "families.json"
SHEETDESK = Path(sys.executable).parent / "sheetdesk"
FAMILY_B_ROWS = (8, 7, 8, 7)  # 30 事業 a sheet, over 2 プロセス × 2 項目


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def family_b_sheets(n: int) -> tuple[object, list[object]]:
    """n sheets of the shipped 行動計画評価表 (family B), each with 30 事業 rows over 2 プロセス × 2 項目.

    The rows' texts are the sample's own (seed 003, 15 事業), taken in turn;
    the form, its layout and its rules are the shipped ones.
    """
    import dataclasses

    from sheetdesk.app.samples import sample_paths
    from sheetdesk.exchange import parse_document
    from sheetdesk.forms import default_registry

    registry = default_registry()
    path = next(p for p in sample_paths() if p.name.startswith("family-b"))
    [sample] = parse_document(path.read_bytes(), path.name, registry)
    form = registry.get(sample.form_id, sample.form_version)
    rows = []  # each 事業 of the sample as (suffix -> value)
    for key, value in sample.values.items():
        if isinstance(value, tuple) and key.endswith(".projects"):
            for j in value:
                prefix = f"{key}.{j}."
                rows.append({k[len(prefix):]: v for k, v in sample.values.items() if k.startswith(prefix)})
    head = {k: v for k, v in sample.values.items() if not k.startswith("plan.processes")}
    first = sample.values["plan.processes"][0]
    process = {k[len(f"plan.processes.{first}."):]: v for k, v in sample.values.items()
               if k.startswith(f"plan.processes.{first}.") and ".items" not in k}
    items = sample.values[f"plan.processes.{first}.items"]
    sheets = []
    for i in range(n):
        values: dict[str, object] = {**head, "header.code": str(i + 1), "plan.processes": ("1", "2")}
        row = 0
        for pk, counts in (("1", FAMILY_B_ROWS[:2]), ("2", FAMILY_B_ROWS[2:])):
            values.update({f"plan.processes.{pk}.{k}": v for k, v in process.items()})
            values[f"plan.processes.{pk}.items"] = ("1", "2")
            for ik, count in zip(("1", "2"), counts, strict=True):
                base = f"plan.processes.{pk}.items.{ik}"
                values[f"{base}.name"] = sample.values[f"plan.processes.{first}.items.{items[int(ik) - 1]}.name"]
                values[f"{base}.projects"] = tuple(str(j + 1) for j in range(count))
                for j in range(count):
                    values.update({f"{base}.projects.{j + 1}.{k}": v for k, v in rows[row % len(rows)].items()})
                    row += 1
        sheets.append(dataclasses.replace(sample, values=values, overrides={}))
    return form, sheets


def child_nested(n: int) -> None:
    """In a subprocess: a booklet of n family B sheets of 30 事業 each; prints seconds, pages and peak RSS."""
    from sheetdesk.render import render_booklet

    form, sheets = family_b_sheets(n)
    start, cpu = time.perf_counter(), time.process_time()
    pdf = render_booklet([(form, s) for s in sheets], allow_overflow=True)  # type: ignore[list-item]
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(json.dumps({"seconds": seconds, "cpu_seconds": cpu, "pages": _pages(pdf), "peak_mb": _peak_mb(),
                      "bytes": len(pdf)}))


def child_standard(n: int) -> None:
    """In a subprocess: the standard booklet of n generated sheets (whichever sheetdesk is on the path)."""
    from sheetdesk.app.generate import generate_sheets
    from sheetdesk.forms import default_registry
    from sheetdesk.render import render_booklet

    registry = default_registry()
    form = registry.latest("shisaku-management")
    sheets = generate_sheets(form, n, seed=7)
    start, cpu = time.perf_counter(), time.process_time()
    pdf = render_booklet([(form, s) for s in sheets], allow_overflow=True)
    print(json.dumps({"seconds": time.perf_counter() - start, "cpu_seconds": time.process_time() - cpu,
                      "peak_mb": _peak_mb(), "bytes": len(pdf)}))


def _pages(pdf: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def _run_child(flag: str, n: int, pythonpath: str | None = None) -> dict:
    env = None
    if pythonpath is not None:
        import os

        env = {**os.environ, "PYTHONPATH": pythonpath}
    out = subprocess.run([sys.executable, __file__, flag, str(n)], capture_output=True, text=True, check=True,
                         env=env, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def samples() -> list[dict]:
    """Each form with a sample: in-process PDF time and a whole `sheetdesk export` process."""
    from sheetdesk.forms import default_registry
    from sheetdesk.render import render_pdf
    from sheetdesk.store import SheetStore

    out = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        subprocess.run([str(SHEETDESK), "sample", "--db", str(db)], check=True, capture_output=True)
        registry = default_registry()
        store = SheetStore.open(db, registry=registry)
        seen: set[str] = set()
        for summary in store.list():
            sheet = store.load(summary.id)
            if sheet.form_id in seen:
                continue
            seen.add(sheet.form_id)
            form = registry.get(sheet.form_id, sheet.form_version)
            render_pdf(form, sheet, allow_overflow=True, registry=registry)
            times = []
            for _ in range(5):
                start = time.perf_counter()
                pdf = render_pdf(form, sheet, allow_overflow=True, registry=registry)
                times.append(time.perf_counter() - start)
            target = Path(tmp) / f"{sheet.form_id}.pdf"
            start = time.perf_counter()
            subprocess.run([str(SHEETDESK), "export", "--db", str(db), "--format", "pdf", "--allow-overflow",
                            "-o", str(target), str(summary.id)], check=True, capture_output=True)
            process_s = time.perf_counter() - start
            out.append({"form": sheet.form_id, "pages": _pages(pdf), "pdf_ms": statistics.median(times) * 1000,
                        "export_process_s": process_s})
    return out


def main_tree(tmp: Path, ref: str = "main") -> str | None:
    """``ref``'s src, forms and resources in ``tmp`` (for its standard-booklet figure), or None without git.

    pyproject.toml comes too: a checkout is known by it (sheetdesk.resources.source_root).
    """
    archive = subprocess.run(["git", "archive", ref, "pyproject.toml", "src", "forms", "resources"], cwd=ROOT,
                             capture_output=True, check=False)
    if archive.returncode != 0:
        return None
    subprocess.run(["tar", "-x", "-C", str(tmp)], input=archive.stdout, check=True)
    return str(tmp / "src")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sheets", type=int, default=100)
    parser.add_argument("--no-main", action="store_true", help="skip main's standard booklet")
    parser.add_argument("--ref", default="main", help="the commit to compare the standard booklet with (main)")
    parser.add_argument("--child-nested", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--child-standard", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_nested:
        child_nested(args.child_nested)
        return
    if args.child_standard:
        child_standard(args.child_standard)
        return
    results: dict = {"samples": samples()}
    for s in results["samples"]:
        print(f"sample {s['form']}: {s['pages']} pages, PDF {s['pdf_ms']:.0f} ms in process, "
              f"`sheetdesk export` {s['export_process_s']:.2f} s as a process")
    nested = _run_child("--child-nested", args.sheets)
    results["nested_booklet"] = {"sheets": args.sheets, "rows_per_sheet": sum(FAMILY_B_ROWS), **nested}
    print(f"family B booklet ({args.sheets} sheets × {sum(FAMILY_B_ROWS)} 事業): {nested['seconds']:.2f} s ({nested['cpu_seconds']:.2f} s CPU), "
          f"{nested['pages']} pages, peak {nested['peak_mb']:.0f} MB")
    here = _run_child("--child-standard", args.sheets)
    results["standard_booklet"] = {"this_tree": here}
    print(f"standard booklet ({args.sheets} sheets), this tree: {here['seconds']:.2f} s ({here['cpu_seconds']:.2f} s CPU), peak {here['peak_mb']:.0f} MB")
    if not args.no_main:
        with tempfile.TemporaryDirectory() as tmp:
            src = main_tree(Path(tmp), args.ref)
            try:
                before = _run_child("--child-standard", args.sheets, pythonpath=src) if src is not None else None
            except subprocess.CalledProcessError as exc:  # an older tree that cannot run from its archive
                print(f"standard booklet, {args.ref}: could not be run ({(exc.stderr or '').strip().splitlines()[-1:]})")
                before = None
            if before is not None:
                results["standard_booklet"]["main"] = before
                print(f"standard booklet ({args.sheets} sheets), {args.ref}: {before['seconds']:.2f} s "
                      f"({before.get('cpu_seconds', 0):.2f} s CPU), "
                      f"peak {before['peak_mb']:.0f} MB")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
