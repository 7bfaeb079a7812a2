"""The printed labels a foreign sheet is read by, taken from the form definition.

Every label of the form (fields, sections, table rows, series, slots) becomes
an anchor, so a city's own form file drives the import. Labels with
placeholders ({N}, {municipality}, {plan_name}…) become patterns whose groups
tell the year, the city and the plan. A label also matches by its head (the
words before its explanation in brackets), and a small synonym table covers
the variants cities print.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from sheetdesk.forms.definition import FieldItem, FormDefinition, RecordItem
from sheetdesk.forms.items import GradeType
from sheetdesk.ingest.boxes import Box, head, key
from sheetdesk.ingest.families import shapes

# Label variants seen on cities' sheets, by the form's label (after key()).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "施策統括課": ("統括課", "担当課", "所管課", "施策担当課"),
    "主な関係課": ("関係課", "関係課名"),
    "基本施策名": ("施策名",),
    "氏名": ("課長名", "統括課長", "課長氏名"),
    "事業費計(A)": ("事業費計", "事業費合計", "事業費計A"),
    "国庫支出金": ("国支出金", "国庫補助金"),
    "都道府県支出金": ("都支出金", "県支出金", "道支出金", "府支出金"),
    "地方債": ("市債", "町債"),
    "人件費計(B)": ("人件費計", "人件費計B"),
    "トータルコスト(A)+(B)": ("トータルコスト", "総コスト", "トータルコスト(A+B)"),
    "延べ業務時間": ("延業務時間", "業務時間"),
    "事務事業数": ("事業数",),
    "成り行き値": ("成行値", "成り行値", "成行き値"),
    "見込み値": ("見込値",),
    "基本計画における指標の説明又は出典元": ("指標の説明又は出典元", "指標の説明・出典元", "説明又は出典元"),
}
# Words of the table frames: labels, never values.
STRUCTURE = ("名称", "単位", "数値区分", "施策コスト", "財源内訳", "事業費", "人件費", "千円", "時間", "本数",
             "目標達成度", "前年度比較", "達成・未達成", "施策の展開方向", "展開方向")

_PLACEHOLDERS = {
    "{N+1}": ("\ue001", r"(?P<n1>\d+|元)"),
    "{N+2}": ("\ue002", r"(?P<n2>\d+|元)"),
    "{N}": ("\ue000", r"(?P<n>\d+|元)"),
    "{municipality}": ("\ue003", r"(?P<municipality>.+?)"),
    "{plan_name}": ("\ue004", r"(?P<plan_name>.+?)"),
    "{plan_period}": ("\ue005", r"(?P<plan_period>.+?)"),
}


@dataclass(frozen=True)
class Hit:
    name: str  # 'field:s1.target', 'section:s6', 'row:cost.national', 'series:actual', 'slot:ア'…
    quality: int  # 2 full label, 1 its head or a synonym
    groups: tuple[tuple[str, str], ...] = ()


class Anchors:
    """Classify boxes as labels of the form."""

    def __init__(self, form: FormDefinition) -> None:
        self.form = form
        self._full: dict[str, list[str]] = defaultdict(list)
        self._short: dict[str, list[str]] = defaultdict(list)
        self._patterns: list[tuple[re.Pattern[str], re.Pattern[str] | None, str]] = []
        for name, label in self._labels():
            self.add(name, label)

    def _labels(self) -> list[tuple[str, str]]:
        form = self.form
        found = shapes(form)
        row_tables = {t.path: t for t in found.row_tables}
        year_tables = {t.path: t for t in found.year_tables}
        families = {f.key: f for f in found.families}
        out: list[tuple[str, str]] = []
        for section in form.sections:
            out.append((f"section:{section.key}", section.label))
            for item in section.items:
                if isinstance(item, FieldItem):
                    out.append((f"field:{item.key}", item.label))
                    if item.group_label:
                        out.append(("struct", item.group_label))
                    if item.note:
                        out.append(("struct", item.note))
                    if isinstance(item.value, GradeType) and item.value.legend:
                        out += [("struct", f"{g.code}:{g.wording}") for g in item.value.options]
                elif (table := row_tables.get(item.key)) is not None:
                    out.append((f"rows:{table.path}", table.label))
                    out += [(f"rowfield:{f.key}", f.label) for f in table.fields]
                elif (years := year_tables.get(item.key)) is not None:
                    out.append(("struct", years.label))
                    out += [(f"row:{years.path}.{row.key}", row.label) for row in years.rows]
                    out += [("struct", row.group) for row in years.rows if row.group]
                elif isinstance(item, RecordItem) and item.key in families and item.heading:
                    out.append((f"names:{item.key}", item.heading))
        for family in found.families:
            out.append((f"family:{family.key}", family.label))
            out += [(f"series:{key}", label) for key, label in family.series]
            out += [(f"slot:{s.label}", s.label) for s in family.slots]
            out += [(f"note:{family.key}", label) for _key, label in family.notes]
        out += [("struct", w) for w in STRUCTURE]
        return out

    def add(self, name: str, label: str) -> None:
        text = label
        for ph, (sentinel, _) in _PLACEHOLDERS.items():
            text = text.replace(ph, sentinel)
        k = key(text)
        variants = [k, *SYNONYMS.get(k, ())]
        if any(s for s, _ in _PLACEHOLDERS.values() if s in k):
            self._patterns.append((_compile(k), _compile(head(k)) if head(k) != k else None, name))
            return
        for v in variants:
            if name not in self._full[v]:
                self._full[v].append(name)
        h = head(k)
        if h != k and len(h) >= 3:
            self._short[h].append(name)

    def match(self, box: Box) -> list[Hit]:
        k = box.key
        if not k:
            return []
        if k in self._full:
            return [Hit(n, 2) for n in self._full[k]]
        hits = [Hit(n, 2, tuple(m.groupdict().items())) for full, _, n in self._patterns
                if (m := full.fullmatch(k))]
        if hits:
            return hits
        h = head(k)
        for cand in (h, k):
            if cand in self._short:
                return [Hit(n, 1) for n in self._short[cand]]
            if cand != k and cand in self._full:
                return [Hit(n, 1) for n in self._full[cand]]
        return [Hit(n, 1, tuple(m.groupdict().items())) for _, short, n in self._patterns
                if short is not None and (m := short.fullmatch(h))]


class RowLabels:
    """The labels of a table row that say which group (展開方向) and slot (ア, イ…) it belongs to.

    Built from the form: its groups' labels (施策の展開方向, and the shorter
    endings cities print: 展開方向), their slot labels (1, 2…) and the
    indicators' slot labels. One box may carry both (展開方向1ア, 1ア) or
    either (展開方向1 | ア, a vertical 展開方向 beside 1).
    """

    def __init__(self, form: FormDefinition) -> None:
        words: set[str] = set()
        self.groups: dict[str, str] = {}
        found = shapes(form)
        for group in found.groups():
            label = key(group.label)
            words |= {label[i:] for i in range(len(label)) if len(label) - i >= 4}
            self.groups.update({key(s.label): s.key for s in group.slots})
        self.slots = sorted({key(s.label) for f in found.families for s in f.slots}, key=len, reverse=True)
        prefix = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        groups = "|".join(re.escape(g) for g in sorted(self.groups, key=len, reverse=True))
        slots = "|".join(re.escape(s) for s in self.slots)
        self.words = words
        self._pattern = re.compile(rf"^(?:{prefix})?(?P<group>{groups})?(?P<slot>{slots})?$" if groups else "^$")

    def parse(self, k: str) -> tuple[str | None, str | None] | None:
        """(group key, slot label) a row label names, None for a box that is no such label."""
        if not k or k in self.words:
            return None
        m = self._pattern.fullmatch(k)
        if m is None or not (m.group("group") or m.group("slot")):
            return None
        group = self.groups.get(m.group("group")) if m.group("group") else None
        return group, m.group("slot")

    def is_group_word(self, k: str) -> bool:
        """A box that only says 展開方向 (a vertical label beside the groups' numbers)."""
        return k in self.words


def _compile(k: str) -> re.Pattern[str]:
    pattern = re.escape(k)
    seen: set[str] = set()
    for sentinel, group in _PLACEHOLDERS.values():
        # a placeholder used twice in one label becomes a named group once
        if sentinel in pattern:
            name = re.search(r"\?P<(\w+)>", group)
            assert name
            first = group if name.group(1) not in seen else group.replace(f"?P<{name.group(1)}>", "?:")
            seen.add(name.group(1))
            pattern = pattern.replace(sentinel, first, 1).replace(sentinel, group.replace(f"?P<{name.group(1)}>", "?:"))
    return re.compile(pattern)
