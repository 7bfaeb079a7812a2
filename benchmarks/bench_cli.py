"""Whole-process figures of the command: `sheetdesk export ID --format pdf` and `sheetdesk list`.

    .venv/bin/python benchmarks/bench_cli.py [--runs 7] [--no-libreoffice] [--against DIR]

Issue 12 point 4: each command is timed from outside, its start-up and
imports included, beside a bare `python -c pass` and LibreOffice printing
the same sheet's xlsx to PDF, in the same run: the commands take turns
(A B C D A B C D …) so that a machine that slows down during the run slows
all of them alike. Wall seconds are a monotonic clock around each child;
CPU seconds are the child's own user + system time (RUSAGE_CHILDREN), which
other work on the machine inflates less than the wall time. Medians are
printed and written to benchmarks/results/cli.json. Not a test.

The database holds the shipped samples (`sheetdesk sample`); the sheet is the
standard sheet's sample. Python's bytecode goes to a folder of the run
(PYTHONPYCACHEPREFIX) and one untimed run of each command comes first, as
an installed wheel or the bundle carries its compiled modules: a checkout
under PYTHONDONTWRITEBYTECODE would otherwise compile sheetdesk at each start.
LibreOffice's profile is made before timing (a person's exists already).
``--against DIR`` also times the same two commands of another checkout
(e.g. ``git worktree add /tmp/before main``) in the same turns, run from its
``src`` with this interpreter: a before/after on the same machine at the
same time.
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

RESULTS = Path(__file__).resolve().parent / "results" / "cli.json"
# The goals were set on a machine where a bare Python starts in 0.013 s and LibreOffice
# takes 1.1 s: they are printed beside the figures, and scaled by the bare start's ratio.
GOALS = {"export_pdf_s": 0.3, "list_s": 0.2, "bare_python_s": 0.013, "libreoffice_s": 1.1}
STANDARD_SAMPLE = "地域コミュニティ・課題解決型コミュニティ活動の促進"


def _sheetdesk() -> list[str]:
    exe = Path(sys.executable).with_name("sheetdesk")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "sheetdesk.cli.main"]


def _run(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one whole run of ``command`` (which must succeed)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-libreoffice", action="store_true")
    parser.add_argument("--against", type=Path, help="another checkout whose commands are timed alongside")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sheetdesk-bench-cli-"))
    env = dict(os.environ, SHEETDESK_HOME=str(work / "home"), PYTHONPYCACHEPREFIX=str(work / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    db = work / "bench.sqlite3"
    sheetdesk = _sheetdesk()
    subprocess.run([*sheetdesk, "--db", str(db), "sample"], env=env, check=True, capture_output=True)
    listed = json.loads(subprocess.run([*sheetdesk, "--db", str(db), "list", "--json"], env=env, check=True,
                                       capture_output=True, text=True).stdout)
    sheet_id = next(r["id"] for r in listed if r["measure_name"] == STANDARD_SAMPLE)
    xlsx = work / "sheet.xlsx"
    subprocess.run([*sheetdesk, "--db", str(db), "export", str(sheet_id), "--format", "xlsx", "-o", str(xlsx)],
                   env=env, check=True, capture_output=True)

    commands: dict[str, list[str]] = {
        "export_pdf": [*sheetdesk, "--db", str(db), "export", str(sheet_id), "--format", "pdf",
                       "-o", str(work / "sheet.pdf")],
        "list": [*sheetdesk, "--db", str(db), "list"],
        "bare_python": [sys.executable, "-c", "pass"],
    }
    if args.against is not None:
        before = [sys.executable, "-m", "sheetdesk.cli.main"]
        against_env = dict(env, PYTHONPATH=str(args.against.resolve() / "src"),
                           SHEETDESK_HOME=str(work / "home-against"))
        against = {"export_pdf_against": [*before, *commands["export_pdf"][len(sheetdesk):]],
                   "list_against": [*before, *commands["list"][len(sheetdesk):]]}
    else:
        against_env, against = env, {}
    soffice = shutil.which("soffice")
    if soffice and not args.no_libreoffice:
        commands["libreoffice_pdf"] = [soffice, f"-env:UserInstallation=file://{work / 'lo-profile'}", "--headless",
                                       "--convert-to", "pdf", "--outdir", str(work / "lo"), str(xlsx)]
    commands.update(against)
    envs = {name: against_env if name in against else env for name in commands}
    for name, command in commands.items():  # untimed: bytecode written, caches made, LibreOffice's profile made
        _run(command, envs[name])

    print(f"load average before: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    walls: dict[str, list[float]] = {name: [] for name in commands}
    cpus: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, command in commands.items():
            wall, cpu = _run(command, envs[name])
            walls[name].append(wall)
            cpus[name].append(cpu)

    figures: dict[str, object] = {
        "runs": args.runs,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "sheet": f"ID {sheet_id} ({STANDARD_SAMPLE}, the standard sheet's sample)",
        "commands": {name: " ".join(cmd) for name, cmd in commands.items()},
        "against": str(args.against) if args.against else None,
        "median_wall_s": {name: round(statistics.median(v), 3) for name, v in walls.items()},
        "median_cpu_s": {name: round(statistics.median(v), 3) for name, v in cpus.items()},
        "min_wall_s": {name: round(min(v), 3) for name, v in walls.items()},
        "goals_on_the_issues_machine": GOALS,
        "load_average_at_end": os.getloadavg(),
    }
    bare = statistics.median(walls["bare_python"])
    scale = bare / GOALS["bare_python_s"]
    print(f"whole processes, median of {args.runs} (wall / cpu seconds)")
    for name in commands:
        print(f"  {name:16s} {statistics.median(walls[name]):7.3f} / {statistics.median(cpus[name]):6.3f}"
              f"   (min wall {min(walls[name]):.3f})")
    print(f"  goals on the issue's machine: export ≤ {GOALS['export_pdf_s']} s, list ≤ {GOALS['list_s']} s "
          f"(bare Python {GOALS['bare_python_s']} s there, {bare:.3f} s here: ×{scale:.1f})")
    if "libreoffice_pdf" in walls:
        ratio = statistics.median(walls["export_pdf"]) / statistics.median(walls["libreoffice_pdf"])
        figures["export_over_libreoffice_wall"] = round(ratio, 2)
        print(f"  export / LibreOffice (wall): {ratio:.2f} (goal {GOALS['export_pdf_s'] / GOALS['libreoffice_s']:.2f})")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS}")
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
