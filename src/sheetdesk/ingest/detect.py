"""Which registered form a city's file is a sheet of, told by how many of each form's labels it prints.

Every form's printed words (section headings, item labels, notes, headings,
series rows and points, and the synonyms the form file lists) are looked for
among the file's boxes. A form scores the share of its labels found; the best
form is taken only when it is clearly ahead of the next one, otherwise the
file is refused naming the two closest forms, so a person says which it is
(``--form``) instead of the importer guessing.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice, takewhile

from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.items import RecordItem, RepeatItem, SeriesItem
from sheetdesk.forms.loader import FormRegistry
from sheetdesk.ingest.boxes import Box, head, key
from sheetdesk.ingest.result import IngestError

MIN_SHARE = 0.25  # a form whose labels are found less than this is no match at all
MIN_FOUND = 4  # ... nor one with fewer labels found than this
MARGIN = 0.15  # the best form must lead the next one by this share, or the file is refused
MIN_LABEL = 2  # shorter labels (①, ア, 年) tell no form apart

_PLACEHOLDER = re.compile(r"\\\{[^{}]+\\\}")  # an escaped {N}, {municipality}…


@dataclass(frozen=True)
class Label:
    """One printed word of a form with its variants (keys, NFKC without spaces)."""

    path: str  # where in the form: 'header.measure', 's1.outcome', 'plan.processes.items.projects.name'
    variants: tuple[str, ...]
    patterns: tuple[re.Pattern[str], ...] = ()
    fixed: tuple[str, ...] = ()  # each pattern's words before its first placeholder ('' when it starts with one)
    long: tuple[str, ...] = field(init=False)  # the variants of four characters or more

    def __post_init__(self) -> None:
        object.__setattr__(self, "long", tuple(v for v in self.variants if len(v) >= 4))

    def found_in(self, printed: Printed) -> bool:
        if not printed.words.isdisjoint(self.variants):
            return True
        for p, f in zip(self.patterns, self.fixed, strict=True):
            if any(map(p.fullmatch, printed.starting(f))):
                return True
        # a label typed into the same cell as its value: 基本目標名 7 市民参加による…
        for v in self.long:
            if printed.begins_long(v):
                return True
        return False


class Printed:
    """The words a file (or a page) prints, as the labels are looked for: once per file, not per form or label.

    ``words`` are its boxes' keys and their heads; the keys are kept in order so that the keys beginning
    with a label's words are found by bisection, not by trying every key.
    """

    def __init__(self, boxes: Iterable[Box]) -> None:
        keys = {b.key for b in boxes if b.key}
        self.words = keys | {head(k) for k in keys}
        self.ordered = sorted(keys)
        self.long = sorted(k for k in keys if len(k) > 4)

    def starting(self, prefix: str) -> Iterable[str]:
        """The keys that begin with ``prefix`` (every key for '')."""
        if not prefix:
            return self.ordered
        return takewhile(lambda k: k.startswith(prefix), islice(self.ordered, bisect_left(self.ordered, prefix), None))

    def begins_long(self, prefix: str) -> bool:
        """Whether a key longer than four characters begins with ``prefix``."""
        i = bisect_left(self.long, prefix)
        return i < len(self.long) and self.long[i].startswith(prefix)


class UndecidedFormError(IngestError):
    """A file two registered forms match about as well: ``candidates`` are their ids, the closer first."""

    def __init__(self, source: str, location: str, message: str, candidates: list[str]) -> None:
        super().__init__(source, location, message)
        self.candidates = candidates


@dataclass(frozen=True)
class Score:
    form: FormDefinition
    found: int
    total: int

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 0.0

    def describe(self) -> str:
        """For messages: 「施策マネジメントシート」（見出し 40/52 一致）."""
        return f"「{self.form.title}」（見出し {self.found}/{self.total} 一致）"


def _variants(text: str, synonyms: Iterable[str] = ()) -> tuple[list[str], list[tuple[re.Pattern[str], str]]]:
    plain: list[str] = []
    patterns: list[tuple[re.Pattern[str], str]] = []
    for word in (text, *synonyms):
        k = key(word)
        if "{" in k:
            fixed = _PLACEHOLDER.sub("", re.escape(k))
            if len(fixed.replace("\\", "")) >= MIN_LABEL:
                patterns.append((re.compile(_PLACEHOLDER.sub(".+?", re.escape(k))), k.partition("{")[0]))
            continue
        if len(k) >= MIN_LABEL:
            plain.append(k)
            h = head(k)
            if h != k and len(h) >= 3:
                plain.append(h)
    return plain, patterns


def form_labels(form: FormDefinition) -> list[Label]:
    """Every distinct printed label of ``form`` (a label printed in two places counts once), made once per form."""
    return form.derived(_form_labels)


def _form_labels(form: FormDefinition) -> list[Label]:
    out: dict[tuple[str, ...], Label] = {}

    def add(path: str, text: str | None, synonyms: Iterable[str] = ()) -> None:
        if not text:
            return
        plain, patterns = _variants(text, synonyms)
        if not plain and not patterns:
            return
        sig = tuple(plain) + tuple(p.pattern for p, _ in patterns)
        out.setdefault(sig, Label(path, tuple(plain), tuple(p for p, _ in patterns), tuple(f for _, f in patterns)))

    def walk(items: Iterable[object], base: str) -> None:
        for item in items:
            path = f"{base}.{item.key}".strip(".") if getattr(item, "key", "") else base  # type: ignore[attr-defined]
            if getattr(item, "printed", True):
                add(path, getattr(item, "label", ""), getattr(item, "synonyms", ()))
            add(path, getattr(item, "note", None))
            add(path, getattr(item, "heading", None))
            if isinstance(item, SeriesItem):
                for row in item.rows or ():
                    add(f"{path}.{row.key}", row.label)
                for point in item.points or ():
                    add(f"{path}.{point.key}", point.label, point.synonyms)
            if isinstance(item, RecordItem | RepeatItem):
                walk(item.items, path)

    for section in form.sections:
        add(section.key, section.label)
        walk(section.items, "")
    return list(out.values())


def score(form: FormDefinition, printed: Printed) -> Score:
    labels = form_labels(form)
    found = sum(1 for label in labels if label.found_in(printed))
    return Score(form, found, len(labels))


def _latest_forms(registry: FormRegistry) -> Iterator[FormDefinition]:
    for form_id in dict.fromkeys(f.id for f in registry.all()):
        yield registry.latest(form_id)


def scores(registry: FormRegistry, boxes: list[Box]) -> list[Score]:
    """Every registered form's score on the file, best first."""
    printed = Printed(boxes)
    return sorted((score(f, printed) for f in _latest_forms(registry)), key=lambda s: (-s.share, -s.found))


def detect(registry: FormRegistry, boxes: list[Box], source: str) -> Score:
    """The form the file's labels show, or IngestError naming the closest forms when none is clearly ahead."""
    return decide(scores(registry, boxes), source)[0]


def decide(ranked: list[Score], source: str) -> tuple[Score, Score | None]:
    """The best of ``ranked`` (best first) and the next one, or IngestError when the best is not clearly ahead."""
    if not ranked:
        raise IngestError(source, "ファイル全体", "登録されている様式がありません")
    best = ranked[0]
    runner = ranked[1] if len(ranked) > 1 else None
    closest = "、".join(s.describe() for s in ranked[:2])
    if best.share < MIN_SHARE or best.found < MIN_FOUND:
        raise IngestError(source, "ファイル全体",
                          f"どの様式の項目名ともほとんど一致しません（最も近い様式: {closest}）。"
                          "別の種類のファイルではありませんか")
    if runner is not None and best.share - runner.share < MARGIN:
        raise UndecidedFormError(source, "ファイル全体",
                                 f"どの様式のシートか判別できません（近い様式: {closest}）。"
                                 "様式を指定して取り込んでください（sheetdesk import --form 様式ID）",
                                 [s.form.id for s in ranked])
    return best, runner


def detection_note(chosen: Score, runner: Score | None) -> str:
    """The line the review shows so a person sees which form the file was read as."""
    second = f"次点 {runner.describe()}" if runner is not None else "ほかの様式なし"
    return f"様式 {chosen.describe()} として読み取りました（{second}）"


def given_form_note(form: FormDefinition) -> str:
    """The same line when the form was named (``--form``)."""
    return f"様式「{form.title}」として読み取りました（指定された様式）"
