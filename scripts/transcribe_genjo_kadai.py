"""Write data/samples/family-c-genjo-kadai.json from the seed text data/seeds/genjo-kadai-002.txt.

The seed is the text a PDF extractor pulled out of a city's 施策の現状と課題
paper (狛江市, 資料５). This script does the mechanical part of transcribing it
(cutting it into 施策, 方向性, 現状 / 課題 items and 参考指標, joining lines the
extractor broke at a box's width) and exports the sheets through the exchange
code, so the sample is canonical. Every decision it takes is listed in
data/samples/README.md; the test tests/forms/test_family_c.py checks the result
against the seed and against values typed from it by hand.

    python scripts/transcribe_genjo_kadai.py            # rewrite the sample
    python scripts/transcribe_genjo_kadai.py --check    # exit 1 if the sample is out of date
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from decimal import Decimal
from pathlib import Path

from sheetdesk.exchange import dump_document
from sheetdesk.forms.loader import default_registry
from sheetdesk.model import Plan, Sheet
from sheetdesk.model.sheet import Value
from sheetdesk.store.records import natural_key

DATA = Path(__file__).resolve().parents[1] / "src" / "sheetdesk" / "data"
SEED = DATA / "seeds" / "genjo-kadai-002.txt"
SAMPLE = DATA / "samples" / "family-c-genjo-kadai.json"
FORM_ID = "shisaku-genjo-kadai"

# Not printed on the paper (README: "Not printed: chosen")
PLAN = Plan("狛江市", "前期基本計画", 2020, 2024)
EVALUATION_YEAR = 2023

# The annotated first page's callouts, the 資料 number, and a 目指す姿 label with two arrows
# that the extractor put before 施策１－③: words about the paper, not of a sheet.
CALLOUTS = ("現行計画の施策\n", "資料５\n")
STRAY = " 目指す姿\n\n→\n\n→\n\n"
HEADING = re.compile(r"施策の現状と課題（前期基本計画） 方向性([０-９])　(.+)$")
MEASURE = re.compile(r"^\s*(施策[０-９]－[①-⑩])\n+", re.M)
# a unit printed in brackets after an indicator's name (not 「（市民アンケートより）」)
UNIT = re.compile(r"^(.+)（(地区|%|％|件|団体)）$")
YEAR = re.compile(r"[（(]\s*([HRＨＲ])\s*([0-9０-９]+)\s*[）)]")
ERA_START = {"H": 1988, "R": 2018}


def width(line: str) -> float:
    return sum(1 if unicodedata.east_asian_width(c) in "WFA" else 0.5 for c in line)


def join(lines: list[str]) -> str:
    """One paragraph from the extractor's lines; a break is kept after a sentence that ends well
    short of the box's width (the widest line of the block), as the author's own line break."""
    widest = max(width(ln.strip()) for ln in lines)
    out = lines[0].strip()
    for prev, line in zip(lines, lines[1:], strict=False):
        p = prev.strip()
        out += ("\n" if p.endswith("。") and width(p) < widest - 2.5 else "") + line.strip()
    return out


def by_mark(lines: list[str], mark: str) -> list[list[str]]:
    """Lines grouped into items, each starting at a line that starts with ``mark``."""
    items: list[list[str]] = []
    for line in lines:
        if line.strip().startswith(mark) or not items:
            items.append([])
        items[-1].append(line)
    return items


def number(text: str) -> Decimal:
    return Decimal(unicodedata.normalize("NFKC", text).strip())


def series(lines: list[str]) -> dict[int, Decimal]:
    """(H30) (R2) (R3) (R4) over values joined by →: value by fiscal year."""
    heads = YEAR.findall(unicodedata.normalize("NFKC", lines[0]))
    years = [ERA_START[unicodedata.normalize("NFKC", e)] + int(unicodedata.normalize("NFKC", n))
             for e, n in heads]
    values = [number(v) for v in lines[1].split("→")]
    assert len(years) == len(values), lines
    return dict(zip(years, values, strict=True))


def indicators(lines: list[str], prefix: str, values: dict[str, Value]) -> None:
    """参考指標: 「・name（unit）」, 【目標値（…）】, then years and values, one row each.

    An indicator printed in parts under its heading (indented lines, each with its
    own years and values) is a row for the heading and a row for each part.
    """
    keys: list[str] = []
    i = 0
    while i < len(lines):
        head = lines[i].strip()
        assert head.startswith("・") or lines[i].startswith("\u3000"), head
        key = str(len(keys) + 1)
        keys.append(key)
        at = f"{prefix}.{key}"
        m = UNIT.match(head.removeprefix("・"))
        name, unit = (m.group(1), m.group(2)) if m else (head.removeprefix("・"), None)
        values[f"{at}.name"] = name
        if unit:
            values[f"{at}.unit"] = unit
        i += 1
        t = re.fullmatch(r"【目標値（(.+)）】", lines[i].strip()) if i < len(lines) else None
        if t:
            values[f"{at}.target"] = number(t.group(1))
            i += 1
        if i < len(lines) and YEAR.search(unicodedata.normalize("NFKC", lines[i])):
            for year, v in series(lines[i:i + 2]).items():
                values[f"{at}.values.{year}"] = v
            i += 2
    values[prefix] = tuple(keys)


def rows(items: list[list[str]], prefix: str, values: dict[str, Value]) -> None:
    """現状 / 課題: one row per 「・」 item, the bullet dropped (a row is an item)."""
    keys = []
    for n, item in enumerate(items, 1):
        keys.append(str(n))
        values[f"{prefix}.{n}.text"] = join(item).removeprefix("・")
    values[prefix] = tuple(keys)


def direction(blocks: list[list[str]], prefix: str, values: dict[str, Value]) -> None:
    """One 方向性: plan text, 方向性 text, 現状 + 課題, and 参考指標 when there are any."""
    plan_text, policy, current, issues, *rest = blocks
    values[f"{prefix}.plan_text"] = "\n".join(join(p) for p in by_mark(plan_text, "◦"))
    values[f"{prefix}.policy"] = "\n".join(join(p) for p in by_mark(policy, "◦"))
    assert current[0].strip() == "現状 課題", current[0]
    rows(by_mark(current[1:], "・"), f"{prefix}.current", values)
    rows(by_mark(issues, "・"), f"{prefix}.issues", values)
    if rest:
        head, *lines = [ln for b in rest for ln in b]
        assert head.strip() == "参考指標", head
        indicators(lines, f"{prefix}.indicators", values)


def measure(code: str, body: str) -> Sheet:
    blocks = [[ln for ln in b.split("\n") if ln.strip()] for b in re.split(r"\n\s*\n", body.strip("\n"))]
    blocks = [b for b in blocks if b]
    sheet = Sheet(FORM_ID, 1, PLAN, EVALUATION_YEAR)
    values = sheet.values
    values["header.code"] = code
    values["header.name"] = blocks[0][0].strip()
    values["header.vision"] = join(blocks[1])
    starts = [i for i, b in enumerate(blocks) if HEADING.match(b[0].strip())]
    keys = []
    for i, start in enumerate(starts):
        m = HEADING.match(blocks[start][0].strip())
        assert m is not None
        key = unicodedata.normalize("NFKC", m.group(1))
        keys.append(key)
        values[f"directions.{key}.name"] = m.group(2)
        end = starts[i + 1] if i + 1 < len(starts) else len(blocks)
        direction(blocks[start + 1:end], f"directions.{key}", values)
    values["directions"] = tuple(keys)
    return sheet


def sheets_of(seed: str) -> list[Sheet]:
    text = seed[:seed.index(CALLOUTS[0])] + seed[seed.index(CALLOUTS[1]) + len(CALLOUTS[1]):]
    assert STRAY in text
    text = text.replace(STRAY, "")
    # a page may start with a 方向性's heading right after the last line of the page before
    text = re.sub(r"\n(\s*施策の現状と課題（前期基本計画） 方向性)", r"\n\n\1", text)
    heads = list(MEASURE.finditer(text))
    return [measure(m.group(1), text[m.end():heads[i + 1].start() if i + 1 < len(heads) else len(text)])
            for i, m in enumerate(heads)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the sample is up to date")
    args = parser.parse_args(argv)
    # in the order a store lists them (施策番号: 施策１－① … 施策５－①), so an export of them all is this file
    sheets = sorted(sheets_of(SEED.read_text(encoding="utf-8")), key=lambda s: natural_key(s.text("header.code")))
    text = dump_document(default_registry(), sheets)
    if args.check:
        if SAMPLE.read_text(encoding="utf-8") != text:
            print(f"{SAMPLE} is out of date", file=sys.stderr)
            return 1
        return 0
    SAMPLE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
