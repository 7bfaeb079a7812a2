"""What installing and starting SheetDesk costs: package sizes and whole-process timings, in one run.

Not a timed test: prints the figures and writes benchmarks/results/install.json.

- the wheel's size (built now with `pip wheel --no-deps`) and the bundle's
  (dist/SheetDesk, from `make bundle`; its figures are left out, with the
  reason, when there is none);
- start-up to first paint of the frozen GUI (offscreen, and on an Xvfb server
  started once for the run when Xvfb is there), with the samples and with 1,000 sheets, from just before
  exec to the main window's first paint event (SHEETDESK_STARTUP_PROBE);
- `sheetdesk export ID --format pdf` and `sheetdesk list` as whole processes,
  through the checkout's venv (`sheetdesk`) and through the bundle
  (`sheetdesk-cli`);
- beside them, in the same run: LibreOffice printing the same sheet's xlsx
  (`soffice --headless --convert-to pdf`, its profile warmed up first) and a
  bare `python -c pass`.

Each timing is the median of --runs runs after one untimed warm-up run (the
first run, which also fills the font-metrics cache, is reported separately).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "install.json"
MEASURE = "地域コミュニティ・課題解決型コミュニティ活動の促進"  # the standard sample's sheet
TARGETS = {"export_pdf_s": 0.3, "list_s": 0.2, "first_paint_1000_s": 0.5}  # issue 12, point 4


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def mb(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def timed(run: Callable[[], float | None], runs: int) -> dict[str, float | list[float]]:
    """One warm-up run, then `runs` timed runs; a run returns its own seconds or None to be timed whole."""

    def once() -> float:
        started = time.perf_counter()
        own = run()
        return own if own is not None else time.perf_counter() - started

    first = once()
    times = [once() for _ in range(runs)]
    return {"first_s": round(first, 4), "median_s": round(statistics.median(times), 4),
            "runs_s": [round(t, 4) for t in times]}


def process(argv: Sequence[str], env: dict[str, str], cwd: Path) -> Callable[[], None]:
    def run() -> None:
        proc = subprocess.run(list(argv), env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(argv)} failed:\n{proc.stdout}\n{proc.stderr}")
    return run


def first_paint(argv: Sequence[str], env: dict[str, str], cwd: Path) -> Callable[[], float]:
    """Seconds from just before exec to the main window's first paint, as the app reports it."""
    env = dict(env, SHEETDESK_STARTUP_PROBE="1", SHEETDESK_QUIT_AFTER_PAINT="1")

    def run() -> float:
        started = time.time()
        proc = subprocess.run(list(argv), env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
        line = next((ln for ln in proc.stdout.splitlines() if ln.startswith("SHEETDESK_FIRST_PAINT")), None)
        if proc.returncode != 0 or line is None:
            raise SystemExit(f"{' '.join(argv)}: no paint reported:\n{proc.stdout}\n{proc.stderr}")
        return float(line.split()[1]) - started
    return run


@contextmanager
def x_server(xvfb: str) -> Iterator[str]:
    """One Xvfb for every X figure (its own start is not part of them); yields its DISPLAY."""
    read, write = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
                              pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise SystemExit("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def wheel_size(work: Path) -> int:
    out = work / "wheel"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
                   check=True, cwd=work, timeout=600)
    (wheel,) = out.glob("sheetdesk-*.whl")
    return wheel.stat().st_size


def sheet_id(sheetdesk: Path, env: dict[str, str], cwd: Path, db: Path) -> int:
    listing = subprocess.run([str(sheetdesk), "--db", str(db), "list", "--json"], env=env, cwd=cwd,
                             capture_output=True, text=True, check=True, timeout=120).stdout
    return next(s["id"] for s in json.loads(listing) if s["measure_name"] == MEASURE)


def make_thousand(db: Path, home: Path) -> None:
    """1,000 generated sheets of the standard form (the UI benchmark's database)."""
    code = ("import sys; from sheetdesk.app.generate import generate_sheets; "
            "from sheetdesk.forms import default_registry; from sheetdesk.store import SheetStore; "
            "form = default_registry().latest('shisaku-management'); "
            "SheetStore.open(sys.argv[1]).import_sheets(generate_sheets(form, 1000, seed=7))")
    subprocess.run([sys.executable, "-c", code, str(db)], env=dict(os.environ, SHEETDESK_HOME=str(home)),
                   check=True, timeout=600)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (median), after one warm-up")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "SheetDesk")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="sheetdesk-bench-install-"))
    home = work / "home"
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "QT_QPA_PLATFORM", "DISPLAY"}}
    env.update(SHEETDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen")
    venv_cli = Path(sys.executable).parent / "sheetdesk"
    bundle_cli, bundle_gui = args.bundle / "sheetdesk-cli", args.bundle / "SheetDesk"
    has_bundle = bundle_cli.is_file() and bundle_gui.is_file()
    results: dict[str, object] = {"runs": args.runs, "load_average_before": round(os.getloadavg()[0], 2),
                                  "cores": os.cpu_count()}
    print(f"load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores); median of {args.runs} runs "
          "after one warm-up")

    results["wheel_bytes"] = wheel_size(work)
    print(f"wheel: {mb(results['wheel_bytes'])}")  # type: ignore[arg-type]
    if has_bundle:
        results["bundle_bytes"] = folder_size(args.bundle)
        results["bundle_files"] = sum(1 for p in args.bundle.rglob("*") if p.is_file())
        print(f"bundle ({args.bundle}): {mb(results['bundle_bytes'])}, {results['bundle_files']} files")  # type: ignore[arg-type]
    else:
        results["bundle"] = f"no bundle in {args.bundle} (make bundle)"
        print(results["bundle"])

    samples = work / "samples.sqlite3"
    subprocess.run([str(venv_cli), "--db", str(samples), "sample"], env=env, cwd=work, check=True,
                   capture_output=True, timeout=300)
    thousand = work / "thousand.sqlite3"
    make_thousand(thousand, home)
    sid = sheet_id(venv_cli, env, work, samples)
    xlsx = work / "sheet.xlsx"
    subprocess.run([str(venv_cli), "--db", str(samples), "export", str(sid), "--format", "xlsx", "-o", str(xlsx)],
                   env=env, cwd=work, check=True, capture_output=True, timeout=300)

    timings: dict[str, dict[str, float | list[float]]] = {}

    def figure(name: str, what: str, run: Callable[[], float | None], target: float | None = None) -> None:
        timings[name] = timed(run, args.runs)
        t = timings[name]
        goal = f"  (goal ≤ {target} s)" if target else ""
        print(f"{what:<58} {t['median_s']:.3f} s  (first run {t['first_s']:.3f} s){goal}", flush=True)

    figure("python_pass", "python -c pass", process([sys.executable, "-c", "pass"], env, work))
    for label, cli in (("venv", venv_cli), ("bundle", bundle_cli)):
        if label == "bundle" and not has_bundle:
            continue
        name = "sheetdesk" if label == "venv" else "sheetdesk-cli (bundle)"
        figure(f"{label}_list", f"{name} list", process([str(cli), "--db", str(samples), "list"], env, work),
               TARGETS["list_s"])
        figure(f"{label}_export_pdf", f"{name} export {sid} --format pdf",
               process([str(cli), "--db", str(samples), "export", str(sid), "--format", "pdf", "-o",
                        str(work / f"{label}.pdf")], env, work), TARGETS["export_pdf_s"])

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        profile = (work / "lo-profile").as_uri()
        figure("libreoffice_xlsx_to_pdf", "soffice --headless --convert-to pdf (the same sheet's xlsx)",
               process([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(work / "lo"), str(xlsx)], env, work))
    else:
        timings["libreoffice_xlsx_to_pdf"] = {}
        print("LibreOffice: soffice not found")

    if has_bundle:
        for db, label in ((samples, "samples"), (thousand, "1000")):
            figure(f"bundle_first_paint_offscreen_{label}", f"bundle: GUI to first paint, offscreen, {label} sheets",
                   first_paint([str(bundle_gui), "--db", str(db)], env, work),
                   TARGETS["first_paint_1000_s"] if label == "1000" else None)
        xvfb = shutil.which("Xvfb")
        if xvfb:
            with x_server(xvfb) as display:
                xenv = dict(env, QT_QPA_PLATFORM="xcb", DISPLAY=display)
                for db, label in ((samples, "samples"), (thousand, "1000")):
                    figure(f"bundle_first_paint_xvfb_{label}", f"bundle: GUI to first paint, Xvfb, {label} sheets",
                           first_paint([str(bundle_gui), "--db", str(db)], xenv, work),
                           TARGETS["first_paint_1000_s"] if label == "1000" else None)
        else:
            print("Xvfb not found: the frozen GUI timed offscreen only")
    for db, label in ((samples, "samples"), (thousand, "1000")):
        figure(f"venv_first_paint_offscreen_{label}", f"venv: GUI to first paint, offscreen, {label} sheets",
               first_paint([str(venv_cli), "--db", str(db)], env, work),
               TARGETS["first_paint_1000_s"] if label == "1000" else None)

    results["timings"] = timings
    results["load_average_after"] = round(os.getloadavg()[0], 2)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written: {RESULTS.relative_to(ROOT)}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
