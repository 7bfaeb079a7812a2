"""③④ and the indicator tables of 3, read so that a value is stored unflagged only where its place is certain.

A series row (成り行き値, 目標値, 実績値…) belongs to the indicator its row
labels name: the family (対象指標 / 成果指標) above it, the group (展開方向1)
and the slot (ア) on its left, in one box (展開方向1ア) or in several. The
rows of one indicator form a block, and a block is checked before its values
are trusted:

- its row labels named its group and slot (not guessed from the order);
- no series appears twice in it, and no other block claims the same slot;
- the unit it shows agrees with the unit ③/④ give for that slot, and ③/④
  name an indicator for that slot at all;
- every number sits inside the year column it is stored under.

A block that fails a check keeps its values, each flagged with the reason,
for a person to confirm beside the file.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sheetdesk.forms.definition import FieldKind, FieldSpec
from sheetdesk.glossary import LABEL_DOUBT_WORDS, Achievement, Comparison
from sheetdesk.ingest.boxes import PAGE_OFFSET, Box, key
from sheetdesk.ingest.families import Family
from sheetdesk.ingest.result import SourceRef

if TYPE_CHECKING:
    from sheetdesk.ingest.extract import Extractor, _Header
    from sheetdesk.model.sheet import Sheet

EPS = 1e-3


def _page(box: Box) -> int:
    return int(box.y0 // PAGE_OFFSET)


def _overlap(a: Box, b: Box) -> bool:
    return a.x0 < b.x1 - EPS and b.x0 < a.x1 - EPS


@dataclass
class Block:
    """The rows of one indicator in 3's table."""

    family: str
    prefix: str | None
    label: str  # how the person reads the place: 成果指標 展開方向1ア
    page: int
    y0: float
    y1: float
    x0: float  # left edge of its row labels
    rows: list[tuple[Box, str]] = field(default_factory=list)  # (series label box, series key)
    paths: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


class IndicatorTables:
    """Reads ③/④ and the indicator rows of 3 for one Extractor."""

    def __init__(self, ex: Extractor) -> None:
        self.ex = ex
        self.form = ex.form
        self.families = ex.shapes.families
        self.rows = ex.row_labels
        self.doubts: dict[int, str] = {}  # a series row's label box -> why its block is to be checked

    # --- ③ / ④ -----------------------------------------------------------

    def read_names(self, specs: dict[str, FieldSpec]) -> None:
        """③/④: the 名称 and 単位 columns beside each slot row, under (or, when ④ repeats ③'s, above) the label."""
        ex = self.ex
        name_labels = [b for ind in self.families for b, _ in ex.by_name.get(f"names:{ind.key}", [])]
        for ind in self.families:
            hit = ex.label(f"names:{ind.key}")
            if hit is None:
                continue
            top = hit[0]
            below_next = min((b.y0 for b in name_labels if b is not top and _page(b) == _page(top)
                              and b.y0 > top.y1 - EPS and _overlap(b, top)), default=ex.layout.page_end.get(_page(top), 1e12))
            cols: dict[str, Box] = {}
            for word in ("名称", "単位"):
                same = [b for b in ex.by_key.get(word, []) if _page(b) == _page(top) and top.x0 <= b.xc <= top.x1]
                under = [b for b in same if top.y1 - EPS <= b.y0 < below_next]
                above = [b for b in same if b.y1 <= top.y0 + EPS]
                if under:
                    cols[word] = min(under, key=lambda b: b.y0)
                elif above:  # ④ printed without its own header row reads ③'s columns
                    cols[word] = max(above, key=lambda b: b.y0)
            if "名称" not in cols:
                continue
            start = max(top.y1, cols["名称"].y1) - EPS
            self._read_slot_rows(ind, top, cols, start, below_next, specs)

    def _read_slot_rows(self, ind: Family, top: Box, cols: dict[str, Box], start: float, end: float,
                        specs: dict[str, FieldSpec]) -> None:
        ex = self.ex
        rows = self._slot_rows(ind, top, cols["名称"], start, end)
        seen: dict[str, Box] = {}
        groups = ind.group.slots if ind.group else ()
        for i, (slot_box, group, slot) in enumerate(rows):
            guessed = False
            if ind.group is not None and group is None:
                n = i // len(ind.slots)
                if n >= len(groups):
                    continue
                group, guessed = groups[n].key, True
            prefix = f"{ind.key}.{group}.{slot}" if ind.group else f"{ind.key}.{slot}"
            duplicate = prefix in seen
            seen.setdefault(prefix, slot_box)
            for word, part in (("名称", "name"), ("単位", "unit")):
                col = cols.get(word)
                if col is None:
                    continue
                box = ex.layout.at(col.xc, slot_box.yc)
                spec = specs.get(f"{prefix}.{part}")
                if box is None or spec is None:
                    continue
                ex.put(spec, box.text.strip(), box)
                if ex.is_label(box):  # the slot row's own cell: a value printing a label's words
                    ex.flag(spec.path, ex.label_doubt(box))
                elif guessed:
                    ex.flag(spec.path, f"{spec.label}: 行の見出しに展開方向がないため、並び順で割り当てました")
                elif duplicate:
                    ex.flag(spec.path, f"{spec.label}: 同じ欄（{slot_box.text}）の行が2つあります")
                elif box.x0 < col.x0 - EPS or box.x1 > col.x1 + EPS:
                    ex.flag(spec.path, f"{spec.label}: 値の欄が「{col.text}」の列からはみ出しています")

    def _slot_rows(self, ind: Family, top: Box, name_col: Box, start: float,
                   end: float) -> list[tuple[Box, str | None, str]]:
        """(slot label box, group or None, slot key) of each row of a names table, top to bottom."""
        ex = self.ex
        slot_keys = {key(s.label): s.key for s in ind.slots}
        rows: list[tuple[Box, str | None, str]] = []
        for b in ex.layout.boxes:
            if _page(b) != _page(top) or not (start <= b.y0 < end) or b.xc >= name_col.x1 or b.x0 < top.x0 - EPS:
                continue
            parsed = self.rows.parse(b.key)
            if parsed is None or parsed[1] is None or parsed[1] not in slot_keys:
                continue
            name_box = ex.layout.at(name_col.xc, b.yc)
            if name_box is None or name_box is b or b.x1 > name_box.x0 + EPS:
                continue
            group = parsed[0]
            if ind.group is not None and group is None:
                group = next((g for left in ex.layout.walk_left(b) if left.xc >= top.x0
                              and (p := self.rows.parse(left.key)) and (g := p[0])), None)
            rows.append((b, group, slot_keys[parsed[1]]))
        rows.sort(key=lambda r: r[0].y0)
        return rows

    # --- 3: the series rows ------------------------------------------------

    def family_of(self, box: Box) -> tuple[str, Box] | None:
        """The family (対象指標 / 成果指標) of a row and its label: on the row's left, else the nearest above it."""
        ex = self.ex
        walk = list(ex.layout.walk_left(box))
        on_left = [(i, h.name.split(":", 1)[1], left) for i, left in enumerate(walk)
                   for h in ex.hits.get(id(left), []) if h.name.startswith("family:")]
        for n, (i, family, label) in enumerate(on_left):
            # a family's words right of the row's slot label (ア) are a value 3 repeats there (a unit
            # 「対象指標」): passed over, and the block is to be checked
            end = on_left[n + 1][0] if n + 1 < len(on_left) else len(walk)
            if n + 1 < len(on_left) and any((p := self.rows.parse(b.key)) and p[1] for b in walk[i + 1:end]):
                self.doubts[id(box)] = LABEL_DOUBT_WORDS["value_is_label"].format(text=label.text.strip())
                continue
            return family, label
        cands = [(b, h.name.split(":", 1)[1]) for name in ex.by_name if name.startswith("family:")
                 for b, h in ex.by_name[name]
                 if _page(b) == _page(box) and b.y1 <= box.y0 + EPS and _overlap(b, box)]
        if not cands:
            return None
        b, family = max(cands, key=lambda bv: bv[0].y1)
        return family, b

    def row_place(self, box: Box, family_label: Box) -> tuple[str | None, str | None, Box]:
        """(group, slot label, the box naming the slot) named by the labels left of a series row, within its table.

        The walk stops at the family label's left edge, so a label of another
        table further left (④'s 1 and ア) is never taken for this row's.
        """
        group = slot = None
        leftmost = box
        for left in self.ex.layout.walk_left(box):
            if left.x0 < family_label.x0 - EPS:
                break
            parsed = self.rows.parse(left.key)
            if parsed is None:
                continue
            g, s = parsed
            if s and not slot:
                leftmost = left  # the box naming the slot spans the indicator's rows
            group = group or g
            slot = slot or s
        return group, slot, leftmost

    def _across_years(self, box: Box, headers: list[_Header]) -> bool:
        header = self.ex.header_above(box, headers)
        return header is not None and sum(box.x0 < c.xc < box.x1 for c in header.columns.values()) >= 2

    def blocks(self, headers: list[_Header]) -> list[Block]:
        """Every indicator block of 3 with its rows, in the order of the page."""
        ex = self.ex
        out: dict[str, Block] = {}
        unplaced: list[tuple[Family, Box, str, str | None]] = []
        for ind in self.families:
            for series, _label in ind.series:
                for box, _hit in ex.by_name.get(f"series:{series}", []):
                    if self._across_years(box, headers):
                        continue  # a series' words in a box across the year columns: a value (a note), no row
                    found = self.family_of(box)
                    if found is not None and found[0] == ind.key:
                        self._place(ind, box, series, found[1], out, unplaced)
        blocks = list(out.values())
        blocks += self._blocks_by_order(unplaced)
        by_prefix: dict[str, list[Block]] = defaultdict(list)
        for block in blocks:
            block.rows.sort(key=lambda r: r[0].y0)
            series = [s for _, s in block.rows]
            if len(series) != len(set(series)):
                block.problems.append(f"{block.label}: 同じ数値区分の行が2つあります")
            if block.prefix:
                by_prefix[block.prefix].append(block)
        for same in by_prefix.values():
            if len(same) > 1:
                for block in same:
                    block.problems.append(f"{block.label}: 同じ指標の欄が表の中に2つあります")
        return sorted(blocks, key=lambda b: (b.page, b.y0, b.x0))

    def _place(self, ind: Family, box: Box, series: str, family_label: Box, out: dict[str, Block],
               unplaced: list[tuple[Family, Box, str, str | None]]) -> None:
        """Put one series row into the block its row labels name, or among the unplaced rows."""
        slot_keys = {key(s.label): s.key for s in ind.slots}
        group, slot, leftmost = self.row_place(box, family_label)
        if slot is None or (ind.group is not None and group is None) or slot not in slot_keys:
            unplaced.append((ind, box, series, group))
            return
        prefix = f"{ind.key}.{group}.{slot_keys[slot]}" if ind.group else f"{ind.key}.{slot_keys[slot]}"
        block = out.get(prefix)
        if block is None:
            where = f"{ind.group.label}{group}" if ind.group else ""
            block = out[prefix] = Block(ind.key, prefix, f"{ind.label} {where}{slot}", _page(box),
                                        leftmost.y0, leftmost.y1, leftmost.x0)
        block.y0, block.y1 = min(block.y0, leftmost.y0, box.y0), max(block.y1, leftmost.y1, box.y1)
        block.rows.append((box, series))
        if id(box) in self.doubts:
            block.problems.append(f"{block.label}: {self.doubts[id(box)]}")

    def _blocks_by_order(self, unplaced: list[tuple[Family, Box, str, str | None]]) -> list[Block]:
        """Rows whose labels do not name their slot: a series seen again starts the next slot, all flagged."""
        out: list[Block] = []
        by_family: dict[tuple[str, str | None], list[tuple[Family, Box, str]]] = defaultdict(list)
        for ind, box, series, group in unplaced:
            by_family[(ind.key, group)].append((ind, box, series))
        for (family, group), rows in by_family.items():
            rows.sort(key=lambda r: r[1].y0)
            n, seen, block = 0, set(), None
            for ind, box, series in rows:
                if block is None or series in seen:
                    if block is not None:
                        n += 1
                    seen = set()
                    prefix, where = self._guess_prefix(ind, group, n)
                    block = Block(family, prefix, f"{ind.label} {where}", _page(box), box.y0, box.y1, box.x0)
                    block.problems.append(f"{ind.label}: 行の見出しに指標の欄（展開方向・ア・イ）がないため、"
                                          "並び順で割り当てました")
                    out.append(block)
                seen.add(series)
                block.y1 = max(block.y1, box.y1)
                block.rows.append((box, series))
        return out

    def _guess_prefix(self, ind: Family, group: str | None, n: int) -> tuple[str | None, str]:
        """The ``n``-th unlabelled block of a family: the ``n``-th indicator ③/④ name (in the group if known)."""
        slots = ind.slot_prefixes()
        named = [(p, label) for p, label in slots if self.ex.values.get(f"{p}.name")
                 and (ind.group is None or group is None or p.split(".")[1] == group)]
        if n < len(named):
            return named[n]
        return None, ""

    def read_blocks(self, specs: dict[str, FieldSpec], headers: list[_Header]) -> list[Block]:
        ex = self.ex
        blocks = self.blocks(headers)
        for block in blocks:
            if block.prefix is None:
                continue
            for box, series in block.rows:
                hit = next((h for b, h in ex.by_name.get(f"series:{series}", []) if b is box), None)
                block.paths += ex.read_row(box, f"{block.prefix}.{series}", specs, headers, hit.quality if hit else 1)
            self._check_unit_and_name(block, headers)
        return blocks

    def _check_unit_and_name(self, block: Block, headers: list[_Header]) -> None:
        ex = self.ex
        assert block.prefix is not None
        numbers = [p for p in block.paths if p in ex.values]
        if not numbers:
            return
        name = ex.values.get(f"{block.prefix}.name")
        names_label = ex.shapes.family(block.family)
        if not name:
            block.problems.append(f"{block.label}: {names_label.label}の名称がない欄に数値があります")
            return
        unit = ex.values.get(f"{block.prefix}.unit")
        first = block.rows[0][0]
        header = ex.header_above(first, headers)
        right_edge = min((c.x0 for c in header.columns.values()), default=first.x1) if header else first.x1
        shown = {b.key for b in ex.layout.boxes if _page(b) == block.page and block.y0 - EPS <= b.yc <= block.y1 + EPS
                 and b.x0 >= block.x0 - EPS and b.x1 <= right_edge + EPS and b.key and not ex.is_label(b)
                 and self.rows.parse(b.key) is None and not any(ch.isdigit() for ch in b.key)}
        if isinstance(unit, str) and unit and shown and key(unit) not in shown:
            block.problems.append(f"{block.label}: 表の単位「{'・'.join(sorted(shown))}」が名称欄の単位「{unit}」と"
                                  "一致しません")

    # --- notes and printed judgements ---------------------------------------

    def block_of(self, blocks: list[Block], box: Box, family: str) -> Block | None:
        """The block a note or a judgement belongs to: the nearest block of its family that begins above it."""
        above = [b for b in blocks if b.family == family and b.page == _page(box) and b.y0 <= box.yc + EPS
                 and b.x0 <= box.x0 + EPS]
        if not above:
            return None
        # of the tables left of it, the nearest (series words in a table further left are no block of its)
        table = max(b.x0 for b in above)
        return max((b for b in above if b.x0 >= table - 0.5 * min(r.x1 - r.x0 for r, _ in b.rows)),
                   key=lambda b: b.y0)

    def read_notes(self, blocks: list[Block], specs: dict[str, FieldSpec]) -> None:
        ex = self.ex
        for ind in self.families:
            if not ind.notes:
                continue
            notes = {key(label): part for part, label in ind.notes}
            labels = ex.by_name.get(f"note:{ind.key}", [])
            beside = {id(b): ex.neighbour(b, ("right",)) for b, _ in labels}
            values = {id(v) for v, _ in beside.values() if v is not None}
            for box, hit in labels:
                block = self.block_of(blocks, box, ind.key)
                value, doubt = beside[id(box)]
                if block is None or block.prefix is None or value is None or id(box) in values:
                    continue  # a note label's words where another note label's value stands are that value
                part = notes.get(box.key, ind.notes[0][0])  # by its label; a synonym names the first note
                spec = specs.get(f"{block.prefix}.{part}")
                if spec is not None:
                    ex.put(spec, value.text.strip(), value, 1.0 if hit.quality == 2 else 0.95)
                    block.paths.append(spec.path)
                    if doubt:
                        ex.flag(spec.path, doubt)

    def read_judgements(self, blocks: list[Block], specs: dict[str, FieldSpec]) -> dict[str, tuple[object, Box]]:
        """The judgements the file prints (目標達成度, 前年度比較) by path, read under their column headers."""
        ex = self.ex
        kinds = {FieldKind.ACHIEVEMENT: Achievement, FieldKind.COMPARISON: Comparison}
        words = {key(s.short_label or s.label): s.kind for s in specs.values() if s.kind in kinds}
        out: dict[str, tuple[object, Box]] = {}
        for word, kind in words.items():
            for head in ex.by_key.get(word, []):
                for box in ex.layout.walk_down(head):
                    if ex.is_label(box) and box.key != word and not any(
                            h.name.startswith("struct") for h in ex.hits.get(id(box), [])):
                        continue
                    choice = next((c for c in kinds[kind] if c.value == box.key), None)  # type: ignore[attr-defined]
                    if choice is None:
                        continue
                    near = [(b, ind) for ind in self.families if kind in ind.judgements
                            if (b := self.block_of(blocks, box, ind.key)) is not None]
                    block, ind = max(near, key=lambda bi: bi[0].y0) if near else (None, None)
                    if block is None or ind is None or block.prefix is None:
                        continue
                    path = f"{block.prefix}.{ind.judgements[kind]}"
                    if path in specs:
                        out.setdefault(path, (choice, box))
        return out

    def flag_blocks(self, blocks: list[Block]) -> None:
        for block in blocks:
            if not block.problems:
                continue
            reason = "；".join(dict.fromkeys(block.problems))
            for path in block.paths:
                if path in self.ex.values:
                    self.ex.flag(path, reason)
            self.ex.warnings.append(f"{reason}（{block.rows[0][0].ref.describe()}）。この欄の値を確認してください")

    def apply_judgements(self, sheet: Sheet, printed: dict[str, tuple[object, Box]]) -> None:
        """A printed judgement the rules would not give is the city's decision: an override."""
        from sheetdesk.model.rules import compute

        computed = compute(self.form, sheet)
        for path, (value, box) in printed.items():
            ours = computed[path].computed if path in computed else None
            if ours != value:
                sheet.overrides[path] = value  # type: ignore[assignment]
                self.ex.sources[path] = box.ref
                self.ex.confidence.setdefault(path, box.confidence)


__all__ = ["Block", "IndicatorTables", "SourceRef"]
