"""A generated corpus of malformed and hostile files, and a runner that imports each in a watched child process.

The corpus starts from files SheetDesk itself writes (the exchange JSON, the
xlsx and the PDF of the published 国立市 sample) and from the city's own
workbook and PDF when /work/shared/foreign is present, and breaks them the way
disks, mail gateways and attackers do: truncations, byte flips, zip bombs,
XML entity expansion and external entities, merged ranges and formulas over
the whole grid, formula chains, 20,000 sheet entries, deep JSON, huge numbers,
control characters, and things that are not regular files at all.

``run_corpus`` imports every file through the same service the CLI and the
window use (into an in-memory database), each in a forked child with a time
limit, and classifies the outcome: accepted, refused (one Japanese message
naming the file, database unchanged), traceback, hang; with each child's
peak memory.
"""

from __future__ import annotations

import io
import json
import os
import random
import resource
import signal
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

FOREIGN = Path("/work/shared/foreign")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass(frozen=True)
class Case:
    kind: str
    path: Path


# --- seeds: files we write ourselves ---------------------------------------------------------------------------


def seed_files(folder: Path) -> dict[str, bytes]:
    from sheetdesk.app.samples import sample_paths
    from sheetdesk.exchange import parse_document
    from sheetdesk.forms import default_registry
    from sheetdesk.render import render_pdf
    from sheetdesk.render.xlsx import render_xlsx

    registry = default_registry()
    path = next(p for p in sample_paths() if p.name == "kunitachi-2023.json")
    data = path.read_bytes()
    sheet = parse_document(data, path.name, registry)[0]
    form = registry.get(sheet.form_id, sheet.form_version)
    seeds = {"json": data, "xlsx": render_xlsx(form, sheet), "pdf": render_pdf(form, sheet)}
    if FOREIGN.is_dir():
        for p in sorted(FOREIGN.glob("*.xlsx"))[:1]:
            seeds["foreign-xlsx"] = p.read_bytes()
        for p in sorted(FOREIGN.glob("*.pdf"))[:1]:
            seeds["foreign-pdf"] = p.read_bytes()
    return seeds


def _suffix(kind: str) -> str:
    return ".json" if kind == "json" else ".pdf" if kind.endswith("pdf") else ".xlsx"


def _rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None,
           stored: bool = False) -> bytes:
    """The workbook with some parts replaced or added (deflated, or stored so that byte flips hit the XML)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(out, "w", method) as z:
        for info in src.infolist():
            z.writestr(info.filename, (replace or {}).get(info.filename, src.read(info.filename)))
        for name, body in (add or {}).items():
            z.writestr(name, body)
    return out.getvalue()


def _sheet_xml(body: str, extra: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData>'
            f"{extra}</worksheet>").encode()


def _first_sheet(data: bytes) -> str:
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    return sorted(n for n in names if n.startswith("xl/worksheets/sheet"))[0]


# --- breakers ----------------------------------------------------------------------------------------------------


def truncations(seeds: dict[str, bytes], per_seed: int, rng: random.Random) -> Iterator[tuple[str, str, bytes]]:
    for kind, data in seeds.items():
        cuts = sorted({0, 1, 5, len(data) - 1, *(rng.randrange(len(data)) for _ in range(per_seed))})
        for cut in cuts[:per_seed]:
            yield f"truncated-{kind}", _suffix(kind), data[:cut]


def flips(seeds: dict[str, bytes], per_seed: int, rng: random.Random) -> Iterator[tuple[str, str, bytes]]:
    targets = dict(seeds)
    targets["xlsx-stored"] = _rezip(seeds["xlsx"], stored=True)
    for kind, data in targets.items():
        for _ in range(per_seed):
            b = bytearray(data)
            for _ in range(rng.choice((1, 1, 2, 8, 64))):
                i = rng.randrange(len(b))
                b[i] = rng.choice((b[i] ^ (1 << rng.randrange(8)), rng.randrange(256), 0x00, 0x3C, 0x22, 0x39))
            yield f"flipped-{kind}", _suffix(kind), bytes(b)


def zip_bombs(seeds: dict[str, bytes]) -> Iterator[tuple[str, str, bytes]]:
    xlsx = seeds["xlsx"]
    sheet = _first_sheet(xlsx)
    zeros = b"0" * (400 << 20)
    yield "zip-bomb", ".xlsx", _rezip(xlsx, replace={sheet: zeros})
    yield "zip-bomb", ".xlsx", _rezip(xlsx, add={"xl/media/huge.bin": zeros})
    row = "".join(f'<c r="A{i}" t="inlineStr"><is><t>地域</t></is></c>' for i in range(1, 2))
    big = _sheet_xml(f'<row r="1">{row}</row>' * 1_500_000)  # ~150 MB of sheet XML
    yield "zip-bomb", ".xlsx", _rezip(xlsx, replace={sheet: big})
    nested = _rezip(xlsx, add={"xl/embeddings/inner.zip": _rezip(xlsx, add={"big.bin": zeros[: 100 << 20]})})
    yield "zip-bomb", ".xlsx", nested
    # a directory that lies: the member says 1 KB and inflates to 200 MB
    liar = io.BytesIO(_rezip(xlsx, add={"xl/liar.xml": zeros[: 200 << 20]}))
    raw = bytearray(liar.getvalue())
    z = zipfile.ZipFile(io.BytesIO(bytes(raw)))
    info = z.getinfo("xl/liar.xml")
    for offset in (info.header_offset + 22, raw.rfind(b"xl/liar.xml") - 46 + 24):
        raw[offset:offset + 4] = (1024).to_bytes(4, "little")
    yield "zip-bomb", ".xlsx", bytes(raw)


def entity_attacks(seeds: dict[str, bytes]) -> Iterator[tuple[str, str, bytes]]:
    xlsx = seeds["xlsx"]
    sheet = _first_sheet(xlsx)
    laughs = '<!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)) + "]>"
    body = '<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    for part in (sheet, "xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml", "[Content_Types].xml"):
        doc = f'<?xml version="1.0"?>{laughs}<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'
        yield "entity-expansion", ".xlsx", _rezip(xlsx, replace={part: doc.encode()}, add=None)
        xxe = ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c>'
               "</row></sheetData></worksheet>")
        yield "xxe", ".xlsx", _rezip(xlsx, replace={part: xxe.encode()})
    yield "xxe", ".json", b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'


def grid_attacks(seeds: dict[str, bytes]) -> Iterator[tuple[str, str, bytes]]:
    xlsx = seeds["xlsx"]
    sheet = _first_sheet(xlsx)
    cell = '<row r="1"><c r="A1" t="inlineStr"><is><t>施策マネジメントシート</t></is></c></row>'
    for ref in ("A1:XFD1048576", "A1:XFD1", "A1:A1048576", "B2:AAA50000"):
        yield "huge-merge", ".xlsx", _rezip(xlsx, replace={sheet: _sheet_xml(cell, f'<mergeCells><mergeCell ref="{ref}"/></mergeCells>')})
    many = "".join(f'<mergeCell ref="A{i}:Z{i}"/>' for i in range(1, 60001))
    yield "huge-merge", ".xlsx", _rezip(xlsx, replace={sheet: _sheet_xml(cell, f"<mergeCells>{many}</mergeCells>")})
    for formula in ("SUM(A1:XFD1048576)", "SUM(A2:A1048576)+SUM(B1:XFD1)", "A2*" * 5000 + "1",
                    "(" * 5000 + "1" + ")" * 5000, "-" * 20000 + "1", "SUM(" * 3000 + "A2" + ")" * 3000):
        body = f'<row r="1"><c r="A1"><f>{formula}</f></c></row>'
        yield "huge-formula", ".xlsx", _rezip(xlsx, replace={sheet: _sheet_xml(body)})
    for n in (2000, 20000):
        rows = "".join(f'<row r="{i}"><c r="A{i}"><f>A{i + 1}+1</f></c></row>' for i in range(1, n))
        yield "formula-chain", ".xlsx", _rezip(xlsx, replace={sheet: _sheet_xml(rows + f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>')})
        rows = "".join(f'<row r="{i}"><c r="A{i}"><f>A{n - i}+1</f></c></row>' for i in range(1, n))  # backwards
        yield "formula-chain", ".xlsx", _rezip(xlsx, replace={sheet: _sheet_xml(rows)})
    cycle = '<row r="1"><c r="A1"><f>B1+1</f></c><c r="B1"><f>A1+1</f></c></row>'
    yield "formula-chain", ".xlsx", _rezip(xlsx, replace={sheet: _sheet_xml(cycle)})
    wb = zipfile.ZipFile(io.BytesIO(xlsx)).read("xl/workbook.xml").decode()
    entries = "".join(f'<sheet name="s{i}" sheetId="{i + 100}" r:id="rId1"/>' for i in range(20000))
    yield "many-sheets", ".xlsx", _rezip(xlsx, replace={"xl/workbook.xml": wb.replace("<sheets>", "<sheets>" + entries).encode()})
    for raw in ("1e999999999", "-1e999999999", "9" * 5000, "1e-999999999", "NaN", "inf", "0x1F", "1" + "0" * 400):
        body = f'<row r="1"><c r="A1"><v>{raw}</v></c><c r="B1" t="s"><v>{raw}</v></c><c r="C1" t="b"><v>{raw}</v></c></row>'
        yield "huge-number", ".xlsx", _rezip(xlsx, replace={sheet: _sheet_xml(body)})
    deep = "<a>" * 50000 + "</a>" * 50000
    yield "deep-xml", ".xlsx", _rezip(xlsx, replace={sheet: _sheet_xml(f'<row r="1"><c r="A1" t="inlineStr"><is><t>x</t>{deep}</is></c></row>')})
    for ref in ("XFE1", "A0", "A99999999999", "ZZZZ1", "", "1A", "A-1"):
        body = f'<row r="1"><c r="{ref}"><v>1</v></c></row>'
        yield "bad-ref", ".xlsx", _rezip(xlsx, replace={sheet: _sheet_xml(body, f'<mergeCells><mergeCell ref="{ref}:{ref}"/></mergeCells>')})
    for text in ("\x00\x07\x1b", "\ufffe\uffff", "地域\x0bコミュニティ"):
        esc = "".join(f"&#{ord(c)};" for c in text)
        body = f'<row r="1"><c r="A1" t="inlineStr"><is><t>{esc}</t></is></c></row>'
        yield "control-chars", ".xlsx", _rezip(xlsx, replace={sheet: _sheet_xml(body)})
    yield "bad-shared-string", ".xlsx", _rezip(xlsx, replace={sheet: _sheet_xml('<row r="1"><c r="A1" t="s"><v>999999</v></c></row>')})


def json_attacks(seeds: dict[str, bytes]) -> Iterator[tuple[str, str, bytes]]:
    doc = json.loads(seeds["json"])
    for depth in (100, 1000, 100000):
        yield "deep-json", ".json", ("[" * depth + "]" * depth).encode()
        yield "deep-json", ".json", ('{"a":' * depth + "1" + "}" * depth).encode()
    sheet = doc["sheets"][0]
    some_text = next(k for k, v in sheet["values"].items() if isinstance(v, str) and len(v) > 20)
    some_number = next(k for k, v in sheet["values"].items() if isinstance(v, str) and v.replace(".", "").isdigit())
    for raw in ("1e999999999", "-1e999999999", "9" * 100000, "1e-999999999", "NaN", "Infinity", "1" + "0" * 20):
        d = json.loads(seeds["json"])
        d["sheets"][0]["values"][some_number] = raw
        yield "huge-number", ".json", json.dumps(d, ensure_ascii=False).encode()
    for number in ("1e999999999", "9" * 100000, "-0.0"):
        text = seeds["json"].decode().replace('"evaluation_year": 2023', f'"evaluation_year": {number}', 1)
        yield "huge-number", ".json", text.encode()
    for bad in ("\x00", "\x07", "\x1b[31m", "\ufffe", "\ud800", "\x0b"):
        d = json.loads(seeds["json"])
        d["sheets"][0]["values"][some_text] = "地域" + bad + "コミュニティ"
        yield "control-chars", ".json", json.dumps(d, ensure_ascii=True).encode()
    d = json.loads(seeds["json"])
    d["sheets"][0]["values"][some_text] = "地" * 2_000_000
    yield "huge-text", ".json", json.dumps(d, ensure_ascii=False).encode()
    d = json.loads(seeds["json"])
    d["sheets"] = d["sheets"] * 3000
    yield "many-sheets", ".json", json.dumps(d, ensure_ascii=False).encode()
    d = json.loads(seeds["json"])
    d["sheets"][0]["values"]["header.measure_code"] = "1" * 500
    yield "long-identity", ".json", json.dumps(d, ensure_ascii=False).encode()
    yield "huge-text", ".json", b'{"format": "' + b"a" * (120 << 20) + b'"}'
    yield "not-utf8", ".json", "{\"format\": \"施策\"}".encode("shift_jis")


def pdf_attacks(seeds: dict[str, bytes]) -> Iterator[tuple[str, str, bytes]]:
    pdf = seeds["pdf"]
    yield "pdf-bomb", ".pdf", _pdf_pages(20000)
    yield "pdf-objects", ".pdf", _pdf_with_xref_lie(pdf)
    yield "pdf-mediabox", ".pdf", pdf.replace(b"/MediaBox [ 0 0 1190.551 841.8898 ]", b"/MediaBox [ 0 0 1e30 1e30 ]")
    yield "pdf-mediabox", ".pdf", pdf.replace(b"/MediaBox", b"/MediaBox [0 0 99999999 99999999] /X")
    yield "pdf-loop", ".pdf", _pdf_loop()


def _pdf_pages(n: int) -> bytes:
    """A PDF of ``n`` empty pages: a page budget, not a parser, should refuse it."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [" + " ".join(f"{i + 3} 0 R" for i in range(n)) + f"] /Count {n} >>"]
    objs += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * n
    return _pdf(objs)


def _pdf_loop() -> bytes:
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"]
    return _pdf(objs)


def _pdf(objs: list[str]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(f"{i} 0 obj\n{body}\nendobj\n".encode())
    xref = out.tell()
    out.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        out.write(f"{off:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def _pdf_with_xref_lie(pdf: bytes) -> bytes:
    return pdf.replace(b"/Size ", b"/Size 99999999999 /Old ", 1)


def special_files(folder: Path) -> Iterator[Case]:
    fifo = folder / "pipe.xlsx"
    os.mkfifo(fifo)
    yield Case("not-regular", fifo)
    d = folder / "folder.json"
    d.mkdir()
    yield Case("not-regular", d)
    link = folder / "zero.pdf"
    link.symlink_to("/dev/zero")
    yield Case("not-regular", link)
    link = folder / "urandom.json"
    link.symlink_to("/dev/urandom")
    yield Case("not-regular", link)
    empty = folder / "empty.xlsx"
    empty.write_bytes(b"")
    yield Case("empty", empty)


def build_corpus(folder: Path, seed: int = 20261203, size: int = 1000) -> list[Case]:
    """Write the corpus into ``folder``; at least ``size`` files (most of them truncations and flips)."""
    import shutil

    rng = random.Random(seed)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    seeds = seed_files(folder)
    crafted: list[tuple[str, str, bytes]] = []
    for gen in (zip_bombs, entity_attacks, grid_attacks, json_attacks, pdf_attacks):
        crafted += list(gen(seeds))
    n_seeds = len(seeds) + 1
    per = max(10, (size - len(crafted) - 5) // (2 * n_seeds) * 6 // 5 + 2)
    broken = list(truncations(seeds, per, rng)) + list(flips(seeds, per, rng))
    cases: list[Case] = []
    for i, (kind, suffix, data) in enumerate(crafted + broken):
        path = folder / f"{i:05d}-{kind}{suffix}"
        path.write_bytes(data)
        cases.append(Case(kind, path))
    cases += list(special_files(folder))
    return cases


# --- running -----------------------------------------------------------------------------------------------------


@dataclass
class Outcome:
    case: Case
    result: str  # accepted / refused / traceback / hang / bad-refusal
    seconds: float
    peak_mb: float
    detail: str = ""


def _child(case: Case, store, registry, write: Callable[[str], None]) -> None:  # noqa: ANN001
    import traceback

    from sheetdesk.app import services

    before = len(store.list())
    try:
        report = services.import_files(store, registry, [case.path], accept_uncertain=True)
    except BaseException:  # noqa: BLE001 - this is what the corpus counts
        write("traceback\t" + traceback.format_exc()[-1500:])
        return
    # a file of several sheets gives an outcome per sheet: refused only when every sheet was
    if all(f.error for f in report.files):
        error = report.files[0].error or ""
        ok = all(case.path.name in (f.error or "") and any("\u3040" <= ch <= "\u30ff" or "\u4e00" <= ch <= "\u9fff"
                                                          for ch in f.error or "") for f in report.files)
        changed = len(store.list()) != before
        write(("refused" if ok and not changed else "bad-refusal") + "\t" + error[:300])
    else:
        write("accepted\t" + f"{sum(len(f.sheet_ids) for f in report.files)} sheet(s)")


def run_one(case: Case, store, registry, timeout: float) -> Outcome:  # noqa: ANN001
    read_fd, write_fd = os.pipe()
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:  # the child: import the file, say what happened, leave at once
        os.close(read_fd)
        code = 0
        try:
            resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # a runaway stops at 3 GB, counted below
            _child(case, store, registry, lambda s: os.write(write_fd, s.encode("utf-8", "replace")))
        except BaseException:  # noqa: BLE001
            code = 3
        os._exit(code)
    os.close(write_fd)
    result, detail = "hang", f"killed after {timeout:.0f} s"
    status = None
    rusage = None
    while time.monotonic() - started < timeout:
        done, status, rusage = os.wait4(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.005)
    else:
        os.kill(pid, signal.SIGKILL)
        _, status, rusage = os.wait4(pid, 0)
        status = None
    seconds = time.monotonic() - started
    text = b""
    while chunk := os.read(read_fd, 65536):
        text += chunk
    os.close(read_fd)
    if status is not None:
        if text:
            result, _, detail = text.decode("utf-8", "replace").partition("\t")
        else:
            result, detail = "traceback", f"child died (status {status})"
    peak = (rusage.ru_maxrss / 1024) if rusage else 0.0
    return Outcome(case, result, seconds, peak, detail)


def run_corpus(cases: list[Case], timeout: float = 30.0, progress: Callable[[Outcome], None] | None = None
               ) -> list[Outcome]:
    """Import each case in a forked child of a process that has the store open and the importers loaded."""
    import sheetdesk.ingest.pdf_foreign  # noqa: F401 - loaded once, before the forks
    import sheetdesk.ingest.xlsx_foreign  # noqa: F401
    from sheetdesk.forms import default_registry
    from sheetdesk.store import SheetStore

    registry = default_registry()
    store = SheetStore.open("sqlite://", registry=registry)
    out = []
    for case in cases:
        o = run_one(case, store, registry, timeout)
        out.append(o)
        if progress:
            progress(o)
    store.close()
    return out


def table(outcomes: list[Outcome]) -> str:
    """The corpus as a table by kind: accepted / refused / traceback / hang / peak MB."""
    kinds: dict[str, list[Outcome]] = {}
    for o in outcomes:
        kinds.setdefault(o.case.kind, []).append(o)
    cols = ("accepted", "refused", "bad-refusal", "traceback", "hang")
    lines = [f"| kind | files | {' | '.join(cols)} | peak MB | slowest s |", "|---" * (len(cols) + 4) + "|"]
    for kind, group in sorted(kinds.items()) + [("all", outcomes)]:
        counts = [sum(o.result == c for o in group) for c in cols]
        lines.append(f"| {kind} | {len(group)} | {' | '.join(map(str, counts))} | "
                     f"{max(o.peak_mb for o in group):.0f} | {max(o.seconds for o in group):.1f} |")
    return "\n".join(lines)
