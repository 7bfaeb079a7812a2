"""Durability benchmark: kills during steady typing, the journal's cost per keystroke, the hostile corpus.

    .venv/bin/python benchmarks/bench_durability.py [--kills 100] [--corpus 1000] [--only kills|cost|corpus]

Prints the figures and writes them to benchmarks/results/durability.json
(and the corpus table to benchmarks/results/hostile-corpus.md). Not a test:
the goals (no character typed more than 0.5 s before a kill lost; 0
tracebacks, 0 hangs and no peak over 1 GB in the corpus) are printed beside
the figures.

- kills: a typist process (tests/durability/typist.py) types a character
  every 20 ms into a text field through the session and its journal, with
  the editor's autosave; it is SIGKILLed at a random moment; the next start
  replays the journal and the stored text is compared with what was typed.
- cost: the time one edit spends writing and syncing its journal line.
- corpus: tests/durability/hostile.py builds the files and imports each in a
  watched child process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "durability"))
RESULTS = ROOT / "benchmarks" / "results"
TYPIST = ROOT / "tests" / "durability" / "typist.py"
FIELD = "s1.purpose"
INTERVAL = 0.02
MEASURE = {"code": "1-1", "name": "地域コミュニティ・課題解決型コミュニティ活動の促進", "policy": "地域・安全",
           "section": "市民協働推進課"}  # seeds/000_…


def _new_sheet(db: Path) -> int:
    from sheetdesk.app.editing import new_sheet
    from sheetdesk.forms import default_registry
    from sheetdesk.model import Plan
    from sheetdesk.store import SheetStore

    form = default_registry().latest("shisaku-management")
    with SheetStore.open(db) as store:
        sheet_id = store.add(new_sheet(form, Plan("国立市", "第２次基本計画", 2020, 2027), 2023, MEASURE)).id
    assert sheet_id is not None
    return sheet_id


def one_kill(folder: Path, rng: random.Random) -> dict[str, float]:
    """Type, kill at a random moment, replay; what was lost, and how long before the kill it was typed."""
    from typist import KANA

    from sheetdesk.app.journal import recover
    from sheetdesk.store import SheetStore

    db = folder / f"kill-{time.monotonic_ns()}.sqlite3"
    sheet_id = _new_sheet(db)
    proc = subprocess.Popen([sys.executable, str(TYPIST), str(db), str(sheet_id), FIELD, str(INTERVAL), "100000"],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    wait = rng.uniform(0.3, 6.0)  # before, during and after autosaves
    typed_at: dict[int, float] = {}
    stdout = proc.stdout

    def read_lines() -> None:
        for line in stdout:
            if line.startswith("typed "):
                _, n, t = line.split()
                typed_at[int(n)] = float(t)

    reader = threading.Thread(target=read_lines)
    reader.start()
    time.sleep(wait)
    proc.send_signal(signal.SIGKILL)
    killed = time.time()
    proc.wait()
    reader.join()
    typed = max(typed_at, default=0)
    with SheetStore.open(db) as store:
        saved_before = len(store.load(sheet_id).values.get(FIELD) or "")
        recover(store)
        text = store.load(sheet_id).values.get(FIELD) or ""
    expected = "".join(KANA[j % len(KANA)] for j in range(typed + 10))  # the kill may land before a "typed" line
    assert text == expected[: len(text)], "the replayed text is what was typed, in order"
    lost = max(0, typed - len(text))  # characters whose edit had returned but are not stored
    oldest_lost = max((killed - typed_at[n] for n in range(len(text) + 1, typed + 1)), default=0.0)
    for p in folder.glob(db.name + "*"):
        if p.is_file():
            p.unlink()
    return {"typed": typed, "saved_before_kill": saved_before, "recovered": len(text), "lost": lost,
            "oldest_lost_s": oldest_lost, "seconds": wait}


def bench_kills(n: int) -> dict[str, object]:
    rng = random.Random(10)
    with tempfile.TemporaryDirectory(prefix="sheetdesk-kills-") as tmp:
        os.environ["SHEETDESK_HOME"] = str(Path(tmp) / "home")
        runs = []
        for i in range(n):
            r = one_kill(Path(tmp), rng)
            runs.append(r)
            if (i + 1) % 10 == 0:
                print(f"  {i + 1} kills: lost so far {sum(x['lost'] for x in runs)} characters", flush=True)
    lost = [r["lost"] for r in runs]
    return {
        "kills": n,
        "characters_typed": sum(r["typed"] for r in runs),
        "characters_lost_total": sum(lost),
        "characters_lost_per_kill_mean": statistics.mean(lost),
        "characters_lost_per_kill_max": max(lost),
        "oldest_lost_seconds_before_kill_max": max(r["oldest_lost_s"] for r in runs),
        "kills_where_only_the_journal_had_the_text": sum(r["recovered"] > r["saved_before_kill"] for r in runs),
        "goal": "no character typed more than 0.5 s before the kill lost",
    }


def bench_cost(n: int = 2000) -> dict[str, float]:
    """The journal's cost per keystroke: session.edit with and without the journal (no store write)."""
    from sheetdesk.app.editing import SheetSession
    from sheetdesk.app.journal import Journal
    from sheetdesk.forms import default_registry
    from sheetdesk.store import SheetStore

    with tempfile.TemporaryDirectory(prefix="sheetdesk-cost-") as tmp:
        os.environ["SHEETDESK_HOME"] = str(Path(tmp) / "home")
        db = Path(tmp) / "cost.sqlite3"
        sheet_id = _new_sheet(db)
        registry = default_registry()
        out: dict[str, float] = {}
        with SheetStore.open(db) as store:
            for label, journal in (("edit_without_journal_ms", False), ("edit_with_journal_ms", True)):
                sheet = store.load(sheet_id)
                session = SheetSession(store, registry.get(sheet.form_id, sheet.form_version), sheet,
                                       schedule=lambda: None)
                if journal:
                    session.journal = Journal.for_session(session)
                times = []
                text = ""
                for i in range(n):
                    text += "ちいきのつながり"[i % 8]
                    t = time.perf_counter()
                    session.edit(FIELD, text[-400:])  # a paragraph-long text, as in a real field
                    times.append((time.perf_counter() - t) * 1000)
                out[label] = statistics.median(times)
                out[label.replace("_ms", "_p95_ms")] = sorted(times)[int(n * 0.95)]
                session.pending.clear()
                if session.journal is not None:
                    session.journal.close(pending=False)
        out["journal_per_keystroke_ms"] = out["edit_with_journal_ms"] - out["edit_without_journal_ms"]
        return out


def bench_corpus(size: int) -> dict[str, object]:
    import hostile

    with tempfile.TemporaryDirectory(prefix="sheetdesk-corpus-") as tmp:
        os.environ["SHEETDESK_HOME"] = str(Path(tmp) / "home")
        started = time.monotonic()
        cases = hostile.build_corpus(Path(tmp) / "corpus", size=size)
        print(f"  {len(cases)} files built in {time.monotonic() - started:.0f} s", flush=True)

        def show(o: hostile.Outcome) -> None:
            if o.result not in ("accepted", "refused") or o.peak_mb > 1024:
                print(f"  {o.case.path.name}: {o.result} {o.seconds:.1f} s {o.peak_mb:.0f} MB "
                      f"{o.detail.strip().splitlines()[-1][:160] if o.detail.strip() else ''}", flush=True)

        outcomes = hostile.run_corpus(cases, timeout=60, progress=show)
    table = hostile.table(outcomes)
    (RESULTS / "hostile-corpus.md").write_text(table + "\n", encoding="utf-8")
    print(table)
    return {
        "files": len(outcomes),
        "accepted": sum(o.result == "accepted" for o in outcomes),
        "refused": sum(o.result == "refused" for o in outcomes),
        "refused_by_the_safety_net": sum(o.result == "refused" and "（" in o.detail and "Error）" in o.detail
                                         for o in outcomes),
        "bad_refusal": sum(o.result == "bad-refusal" for o in outcomes),
        "traceback": sum(o.result == "traceback" for o in outcomes),
        "hang": sum(o.result == "hang" for o in outcomes),
        "peak_mb_max": max(o.peak_mb for o in outcomes),
        "slowest_s": max(o.seconds for o in outcomes),
        "goal": "0 tracebacks, 0 hangs, no peak over 1024 MB",
    }


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=100)
    ap.add_argument("--corpus", type=int, default=1000)
    ap.add_argument("--only", choices=["kills", "cost", "corpus"])
    args = ap.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "durability.json"
    results: dict[str, object] = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    results["machine"] = f"{platform.system()} {platform.machine()}, Python {platform.python_version()}"
    if args.only in (None, "cost"):
        print("journal cost per keystroke", flush=True)
        results["journal_cost"] = bench_cost()
        print(json.dumps(results["journal_cost"], indent=2))
    if args.only in (None, "kills"):
        print(f"{args.kills} kills during steady typing (a character every {INTERVAL * 1000:.0f} ms)", flush=True)
        results["kills"] = bench_kills(args.kills)
        print(json.dumps(results["kills"], indent=2, ensure_ascii=False))
    if args.only in (None, "corpus"):
        print("hostile corpus", flush=True)
        results["corpus"] = bench_corpus(args.corpus)
        print(json.dumps(results["corpus"], indent=2, ensure_ascii=False))
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
