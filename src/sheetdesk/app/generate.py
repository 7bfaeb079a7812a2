"""Many realistic sheets for benchmarks and demos: generate_sheets(form, n, seed).

Texts are pieces of a real published sheet (the seed shipped in
sheetdesk/data/seeds), recombined to the lengths real sheets have; numbers
are plausible series with the marks real sheets use (- and 未集計). Every
field is filled through the form definition, so any form works. The same
seed gives the same sheets.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from typing import Any

from sheetdesk import resources
from sheetdesk.forms.definition import FieldKind, FieldSpec, FormDefinition, RecordItem, RepeatItem, SeriesItem
from sheetdesk.glossary import GRADES, Direction, Mark
from sheetdesk.model import Plan, Sheet

SEED_FILE = "standard-sheet-000.txt"

PLAN = Plan("国立市", "第２次基本計画", 2020, 2027)
# Names as the seeds print them (sheetdesk/data/seeds and ../shared/seeds).
POLICIES = ("地域・安全", "福祉・健康", "子ども・教育", "環境・都市基盤", "文化・産業", "行政経営")
SECTIONS = ("まちの振興課", "市民協働推進課", "福祉政策課", "福祉総務課", "高齢者支援課", "子育て支援課",
            "社会福祉課", "広報ブランド推進課")
MEASURES = ("地域コミュニティ・課題解決型コミュニティ活動の促進", "国際交流・地域連携の推進", "地域共生社会づくりの推進",
            "地域コミュニティの活性化", "多様な主体との協働によるまちづくり", "多文化共生社会の実現",
            "地域で支え合う仕組みづくり")
HEADS = ("田代和広",)


@cache
def fragments() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(sentences, short phrases) of the seed text, its extraction's line breaks undone."""
    lines = [x.strip() for x in (resources.seeds_dir() / SEED_FILE).read_text(encoding="utf-8").splitlines()]
    paragraphs, current = [], ""
    for line in lines:
        if line.startswith(("◆", "・")) and current:
            paragraphs.append(current)
            current = ""
        current += line
        # the extractor wraps long lines at the box edge; a short or finished line ends a paragraph
        if len(line) < 20 or line.endswith("。"):
            paragraphs.append(current)
            current = ""
    paragraphs.append(current)
    sentences, phrases = [], []
    for paragraph in paragraphs:
        for piece in re.split(r"(?<=。)", paragraph):
            piece = piece.strip()
            japanese = sum(1 for ch in piece if "\u3040" <= ch <= "\u9fff")
            if japanese < len(piece) * 0.6:
                continue
            if len(piece) >= 20:
                sentences.append(piece)
            elif 4 <= len(piece) <= 30:
                phrases.append(piece)
    return tuple(sentences), tuple(phrases)


def long_text(rng: random.Random, low: int = 150, high: int = 600) -> str:
    sentences, _ = fragments()
    goal = rng.randint(low, high)
    lines: list[str] = []
    while sum(len(x) for x in lines) < goal:
        lines.append(rng.choice(sentences))
    return "\n".join(lines)


def short_text(rng: random.Random) -> str:
    return rng.choice(fragments()[1])


def codes(n: int) -> list[str]:
    """施策番号 like the sheets': 1-1-1, 1-1-2, … (five a level)."""
    return [f"{p}-{q}-{r}" for p in range(1, n // 25 + 2) for q in range(1, 6) for r in range(1, 6)][:n]


def _number(rng: random.Random, base: float, decimals: int) -> Decimal:
    return Decimal(f"{max(0.0, base):.{decimals}f}")


def _fill(form: FormDefinition, sheet: Sheet, rng: random.Random) -> None:
    specs = form.fields(sheet.context)
    empty_slots = set()
    for rows in _rows_of_numbers(form):
        for i, prefix in enumerate(rows):
            if i > 1 and rng.random() < 0.4:
                empty_slots.add(prefix + ".")
    bases: dict[str, tuple[float, int]] = {}
    n = sheet.evaluation_year
    for path, spec in specs.items():
        if spec.computed or any(path.startswith(p) for p in empty_slots) or path in sheet.values:
            continue
        value = _value(spec, path, rng, bases, n)
        if value is not None:
            sheet.values[path] = value


def _rows_of_numbers(form: FormDefinition) -> list[list[str]]:
    """Per structure (対象指標, 成果指標), the paths of its fixed rows that hold a series: a sheet may leave
    any row after its first two empty (an indicator slot nobody uses)."""
    out: dict[str, list[str]] = {}

    def walk(items: list[Any], base: str) -> Iterator[str]:
        for item in items:
            path = f"{base}.{item.key}" if base and item.key else (item.key or base)
            if isinstance(item, RepeatItem) and item.keys is not None:
                for k in item.keys:
                    row = f"{path}.{k.key}" if path else k.key
                    if any(isinstance(c, SeriesItem) for c in item.items):
                        yield row
                    yield from walk(item.items, row)
            elif isinstance(item, RecordItem):
                yield from walk(item.items, path)

    for section in form.sections:
        for item in section.items:
            rows = list(walk([item], ""))
            if rows:
                mine = out.setdefault(item.key, [])
                mine += [r for r in rows if r not in mine]
    return list(out.values())


def _value(spec: FieldSpec, path: str, rng: random.Random, bases: dict[str, tuple[float, int]], n: int):  # type: ignore[no-untyped-def]
    kind = spec.kind
    if kind is FieldKind.TEXT:
        return long_text(rng) if spec.multiline else short_text(rng)
    if kind is FieldKind.LIST:
        return tuple(rng.sample(SECTIONS, rng.randint(1, 4)))
    if kind is FieldKind.GRADE:
        return rng.choice(GRADES)
    if kind is FieldKind.DIRECTION:
        return rng.choice(list(Direction))
    if kind is FieldKind.NUMBER:
        series = path.rsplit(".", 1)[0]
        if series not in bases:
            decimals = 1 if rng.random() < 0.3 else 0
            bases[series] = (rng.uniform(10, 100) if decimals else rng.uniform(50, 200000), decimals)
        base, decimals = bases[series]
        if spec.year is not None and spec.year < n - 2 and rng.random() < 0.08:
            return Mark.NOT_APPLICABLE
        if spec.year == n and rng.random() < 0.05:
            return Mark.NOT_COUNTED
        walked = base * rng.uniform(0.9, 1.1)
        bases[series] = (walked, decimals)
        return _number(rng, walked, decimals)
    return None


def generate_sheets(form: FormDefinition, n: int, seed: int = 0, plan: Plan = PLAN) -> list[Sheet]:
    """``n`` sheets of ``form``: each 施策 for every year of the plan, 施策番号 order, all fields filled."""
    rng = random.Random(seed)
    years = list(range(plan.start_year, plan.end_year + 1))
    measures = codes(-(-n // len(years)))
    out: list[Sheet] = []
    for i, code in enumerate(measures):
        name = MEASURES[i % len(MEASURES)]
        policy = POLICIES[int(code.split("-")[0]) % len(POLICIES)]
        section = SECTIONS[i % len(SECTIONS)]
        for year in years:
            if len(out) == n:
                return out
            sheet = Sheet(form.id, form.version, plan, year)
            words = {"code": code, "name": name, "policy": policy, "section": section}
            sheet.values.update({path: words[role] for role, path in form.identity.roles().items()})
            _fill(form, sheet, rng)
            out.append(sheet)
    return out
