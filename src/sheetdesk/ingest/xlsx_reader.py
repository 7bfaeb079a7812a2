"""A workbook's cells and merged ranges as boxes, read straight from its XML.

openpyxl's full load of a 120-column 方眼紙 workbook takes most of a second
and its read-only mode neither knows merged ranges nor gives a formula and
its stored result together. A sheet's XML holds both, and is small: parsing
it with ElementTree is fast and gives, for every cell, the value, the
formula and whether a result was stored. A part that could declare entities
(it has a document type declaration, or an encoding a byte search cannot
see through) goes through defusedxml, which refuses them; the others, all an
Excel workbook holds, through ElementTree's C parser, which is several times
faster than defusedxml's Python one and, with no declaration to expand,
builds the same tree.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from decimal import Decimal
from xml.etree import ElementTree as CElementTree

from defusedxml import DefusedXmlException, ElementTree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from sheetdesk.ingest import budget
from sheetdesk.ingest.boxes import PAGE_OFFSET, Box
from sheetdesk.ingest.cellref import col_index, split_ref
from sheetdesk.ingest.formula import evaluate, references
from sheetdesk.ingest.result import IngestError, SourceRef

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_C, _V, _F, _IS, _T = (f"{NS}{tag}" for tag in ("c", "v", "f", "is", "t"))
_TOO_LARGE = Decimal(10) ** 15
_ERA_FORMAT = re.compile(r"g+e|gannen")  # 和暦 date formats: ggge"年度", [$-ja-JP-x-gannen]
_NUMBER = re.compile(r"-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d{1,3})?")
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_DECLARED_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
_UTF8_BOM = b"\xef\xbb\xbf"
_PLAIN_REF = re.compile(r"([A-Z]+)(\d+)").fullmatch  # a cell reference without $
_CANONICAL_REF = re.compile(r"[A-Z]+[1-9]\d*").fullmatch  # K12 as get_column_letter and the row spell it


@dataclass(frozen=True)
class NumberFormat:
    """What a number format shows of a number: at least ``min_decimals``, at most ``max_decimals``, ×100 for %."""

    min_decimals: int = 0
    max_decimals: int | None = None  # None: General, as many as the value has
    percent: bool = False

    @classmethod
    def parse(cls, code: str) -> NumberFormat:
        section = _LITERALS.sub("", code.split(";")[0])
        if section.strip().lower() in ("general", "@", ""):
            return cls()
        _, dot, decimals = section.partition(".")
        digits = re.match(r"[0#?]*", decimals).group(0) if dot else ""  # type: ignore[union-attr]
        return cls(digits.count("0"), len(digits), "%" in section)

    def shown(self, number: Decimal) -> tuple[Decimal, str | None]:
        """The number as the sheet shows it (70 with 0.0 is 70.0), and a note when it shows less than it holds."""
        if self.percent:
            number = number.scaleb(2)
        exponent = number.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        if decimals < self.min_decimals:
            number = number.quantize(Decimal(1).scaleb(-self.min_decimals))
        if self.max_decimals is not None and decimals > self.max_decimals:
            return number, (f"セルの値 {number} は表示形式により小数点以下{self.max_decimals}桁で印刷されます。"
                            "どちらが正しいか確認してください")
        return number, None


def _text(el: object) -> str:
    """The text of a string item (<si>, <is>): its <t>, or the <t> of each of its runs, joined."""
    if len(el) == 1 and len(t := el[0]) == 0 and t.tag == _T:  # type: ignore[arg-type, index]
        return t.text or ""  # most strings: one <t>, nothing else
    return "".join([t.text or "" for t in el.iter(_T)])  # type: ignore[attr-defined]


def _evaluate_formulas(cells: dict[tuple[int, int], tuple[object, str | None]]) -> None:
    """Formulas without a stored result: the simple ones (SUM, + - * /) get their value, in place.

    A formula is evaluated after the cells it names (a sum of sums needs its
    parts first): in dependency order, each once, so a chain of 20,000
    formulas costs 20,000 evaluations; a cycle stays unevaluated.
    """
    lookup = {k: v for k, (v, f) in cells.items() if f is None}
    pending = {k: f for k, (_, f) in cells.items() if f is not None}
    waiting_on: dict[tuple[int, int], set[tuple[int, int]]] = {}
    needed_by: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for pos, formula in pending.items():
        deps = {ref for ref in references(formula) if ref in pending and ref != pos}
        waiting_on[pos] = deps
        for d in deps:
            needed_by.setdefault(d, []).append(pos)
    ready = [pos for pos, deps in waiting_on.items() if not deps]
    while ready:
        pos = ready.pop()
        result = evaluate(pending[pos], lambda ref: lookup.get(split_ref(ref)))
        if result is not None:
            cells[pos] = (result, None)
            lookup[pos] = result
        for later in needed_by.get(pos, ()):
            deps = waiting_on[later]
            deps.discard(pos)
            if not deps:
                ready.append(later)


def _parse(zf: zipfile.ZipFile, part: str, source: str, where: str, data: bytes | None = None) -> object:
    """One XML part, within the size budget, with DTDs and entities refused (defusedxml).

    ``data`` is the part's bytes when the caller has read them already.
    """
    try:
        size = zf.getinfo(part).file_size
    except KeyError:
        raise IngestError(source, where, f"ブックの部品（{part}）が見つからないため開けません") from None
    if size > budget.MAX_XML_PART_BYTES:
        raise IngestError(source, where, f"ブックの部品（{part}）が大きすぎます（{size >> 20} MB。"
                                         f"{budget.MAX_XML_PART_BYTES >> 20} MB まで）")
    try:
        if data is None:
            data = zf.read(part)
        if _declares_nothing(data):
            return CElementTree.fromstring(data)
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise IngestError(source, where, f"ブックが壊れているため開けません（{part} の{line}行{column}文字目）") from None
    except DefusedXmlException:
        raise IngestError(source, where, f"安全のため取り込みません（{part} に文書型定義・実体参照が含まれています）") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError):
        raise IngestError(source, where, f"ブックが壊れているため開けません（{part} を展開できません）") from None


def _declares_nothing(data: bytes) -> bool:
    """Whether an XML part is UTF-8 without a document type declaration, so it declares no entity."""
    body = data[len(_UTF8_BOM):] if data.startswith(_UTF8_BOM) else data
    if not body.startswith(b"<") or b"\x00" in body:  # UTF-16 or -32 (XML has no NUL), bytes before a tag
        return False
    if body.startswith(b"<?xml"):
        found = _DECLARED_ENCODING.search(body, 0, max(body.find(b"?>"), 0))
        if found is not None and found.group(1).lower() not in (b"utf-8", b"utf8"):
            return False
    return b"<!DOCTYPE" not in body


def _cell_ref(ref: str, source: str, sheet: str) -> tuple[int, int]:
    m = _PLAIN_REF(ref)  # split_ref, in line for the common spelling (no $)
    if m is not None:
        letters, digits = m.groups()
        col, row = (ord(letters) - 64 if len(letters) == 1 else col_index(letters)), int(digits)
    else:
        try:
            col, row = split_ref(ref)
        except ValueError:
            raise IngestError(source, sheet, f"セル番地「{ref[:20]}」が正しくありません") from None
    if not (1 <= col <= budget.MAX_COLUMNS and 1 <= row <= budget.MAX_ROWS):
        raise IngestError(source, f"{sheet}!{ref[:20]}",
                          f"シートの範囲が大きすぎます（{budget.MAX_COLUMNS:,}列・{budget.MAX_ROWS:,}行まで）")
    return col, row


def _int(text: str | None, default: int = 0) -> int:
    try:
        return int(text or default)
    except ValueError:
        return default


class Workbook:
    """The parts of a workbook the importer reads: sheet names, strings, date styles, cells."""

    def __init__(self, zf: zipfile.ZipFile, source: str, directory: bytes | None = None) -> None:
        """``directory`` is ``xl/workbook.xml`` when the caller has read it already."""
        self.zf, self.source = zf, source
        wb = _parse(zf, "xl/workbook.xml", source, "xl/workbook.xml", directory)
        rels = _parse(zf, "xl/_rels/workbook.xml.rels", source, "xl/workbook.xml")
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship")}  # type: ignore[attr-defined]
        self.sheets: list[tuple[str, str]] = []
        entries = list(wb.iter(f"{NS}sheet"))  # type: ignore[attr-defined]
        if len(entries) > budget.MAX_SHEETS:
            raise IngestError(source, "xl/workbook.xml",
                              f"ワークシートが多すぎます（{len(entries):,}枚。{budget.MAX_SHEETS}枚まで）")
        for s in entries:
            if s.get("state") in ("hidden", "veryHidden"):
                continue
            target = targets.get(s.get(f"{REL_NS}id"), "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            self.sheets.append((s.get("name", ""), path))
        self.strings: list[str] = []
        if "xl/sharedStrings.xml" in zf.namelist():
            sst = _parse(zf, "xl/sharedStrings.xml", source, "xl/sharedStrings.xml")
            self.strings = [_text(si) for si in sst.iter(f"{NS}si")]  # type: ignore[attr-defined]
        self.date_styles: set[int] = set()
        self.number_formats: dict[int, NumberFormat] = {}
        self.notes: dict[tuple[str, int, int], str] = {}
        if "xl/styles.xml" in zf.namelist():
            st = _parse(zf, "xl/styles.xml", source, "xl/styles.xml")
            custom = {_int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in st.iter(f"{NS}numFmt")}  # type: ignore[attr-defined]
            xfs = st.find(f"{NS}cellXfs")  # type: ignore[attr-defined]
            for i, xf in enumerate(xfs if xfs is not None else []):
                fmt_id = _int(xf.get("numFmtId", "0"))
                code = custom.get(fmt_id) or BUILTIN_FORMATS.get(fmt_id, "General")
                if is_date_format(code) or _ERA_FORMAT.search(code):
                    self.date_styles.add(i)
                elif code != "General":
                    self.number_formats[i] = NumberFormat.parse(code)

    def boxes(self) -> list[Box]:
        out: list[Box] = []
        for index, (name, path) in enumerate(self.sheets):
            out += self.sheet_boxes(index, name, path)
        return out

    def sheet_boxes(self, index: int, name: str, path: str) -> list[Box]:
        root = _parse(self.zf, path, self.source, name)
        cells: dict[tuple[int, int], tuple[object, str | None]] = {}
        refs: dict[tuple[int, int], str] = {}  # a cell's reference as written, when it is the canonical one (K12)
        formulas = 0
        cell_value, source = self.cell_value, self.source
        number_formats = self.number_formats
        canonical = _CANONICAL_REF
        for c in root.iter(_C):  # type: ignore[attr-defined]
            ref = c.get("r", "A1")
            value, formula = cell_value(c, name, ref)
            if value is not None or formula is not None:
                pos = _cell_ref(ref, source, name)
                if number_formats and isinstance(value, Decimal):
                    fmt = number_formats.get(_int(c.get("s", "0")))
                    if fmt is not None:
                        value, note = fmt.shown(value)
                        if note:
                            self.notes[(name, *pos)] = note
                cells[pos] = (value, formula)
                if canonical(ref):
                    refs[pos] = ref
                formulas += formula is not None
                if len(cells) > budget.MAX_CELLS or formulas > budget.MAX_FORMULAS:
                    raise IngestError(self.source, name, f"入力されたセルまたは計算式が多すぎます"
                                                         f"（{budget.MAX_CELLS:,}セル・{budget.MAX_FORMULAS:,}式まで）")
        merged = self._merged(root, name)
        if formulas:
            _evaluate_formulas(cells)
        return self._sheet_boxes(name, cells, refs, merged, index * PAGE_OFFSET)

    def _merged(self, root: object, name: str) -> list[tuple[int, int, int, int]]:
        """A worksheet's merged ranges (first column, first row, last column, last row), within the budgets."""
        merged: list[tuple[int, int, int, int]] = []
        for mc in root.iter(f"{NS}mergeCell"):  # type: ignore[attr-defined]
            a, _, b = mc.get("ref", "").partition(":")
            (c0, r0), (c1, r1) = _cell_ref(a, self.source, name), _cell_ref(b or a, self.source, name)
            c0, c1, r0, r1 = min(c0, c1), max(c0, c1), min(r0, r1), max(r0, r1)
            if (c1 - c0 + 1) * (r1 - r0 + 1) > budget.MAX_MERGE_CELLS:
                raise IngestError(self.source, f"{name}!{a}:{b}", "結合されたセルの範囲が大きすぎます")
            merged.append((c0, r0, c1, r1))
            if len(merged) > budget.MAX_MERGES:
                raise IngestError(self.source, name, f"結合されたセルが多すぎます（{budget.MAX_MERGES:,}か所まで）")
        return merged

    def _sheet_boxes(self, name: str, cells: dict[tuple[int, int], tuple[object, str | None]],
                     refs: dict[tuple[int, int], str], merged: list[tuple[int, int, int, int]],
                     y_off: float) -> list[Box]:
        """A box per merged range (its top-left cell's value), then one per cell outside them."""
        out: list[Box] = []
        covered: set[tuple[int, int]] = set()
        for c0, r0, c1, r1 in merged:
            value, formula = cells.get((c0, r0), (None, None))
            out.append(self._box(name, c0, r0, c1, r1, value, formula, y_off))
            covered.add((c0, r0))
        # the cells outside merged ranges: _box's work, in line (most of a table workbook's cells)
        notes, file, prefix = self.notes, self.source, f"{name}!"
        for pos, (value, formula) in cells.items():
            if pos in covered:
                continue
            c, r = pos
            ref = refs.get(pos)
            text = value if type(value) is str else "" if value is None or not isinstance(value, str | int | Decimal) \
                else str(value)
            out.append(Box(c, r + y_off, c + 1, r + 1 + y_off, text,
                           SourceRef(file, prefix + ref if ref is not None else f"{prefix}{get_column_letter(c)}{r}"),
                           value, formula, 1.0 if formula is None else 0.0,
                           notes.get((name, c, r)) if notes else None))
        return out

    def _box(self, sheet: str, c0: int, r0: int, c1: int, r1: int, value: object, formula: str | None,
             y_off: float) -> Box:
        ref = SourceRef(self.source, f"{sheet}!{get_column_letter(c0)}{r0}")
        text = value if type(value) is str else "" if value is None or not isinstance(value, str | int | Decimal) \
            else str(value)
        return Box(c0, r0 + y_off, c1 + 1, r1 + 1 + y_off, text, ref, value, formula,
                   1.0 if formula is None else 0.0, self.notes.get((sheet, c0, r0)) if self.notes else None)

    def cell_value(self, c: object, sheet: str = "", ref: str = "") -> tuple[object, str | None]:
        """(value, formula) of a <c>; formula is set only when no result was stored.

        A value no spreadsheet writes (a number of 400 digits, 1e999999999, a
        shared string that is not there) refuses the file, naming the cell.
        """
        t = c.get("t", "n")  # type: ignore[attr-defined]
        if t == "inlineStr":
            is_ = c.find(_IS)  # type: ignore[attr-defined]
            return (_text(is_) if is_ is not None else None), None
        v = c.find(_V)  # type: ignore[attr-defined]
        raw = v.text if v is not None else None
        if raw is None or raw == "":
            f = c.find(_F)  # type: ignore[attr-defined]
            if f is not None:
                return None, f.text or "(共有数式)"
            return None, None
        if t == "s":
            index = _int(raw, -1)
            if not 0 <= index < len(self.strings):
                raise IngestError(self.source, _where(sheet, ref), "文字列の参照が壊れています（共有文字列の番号が範囲外）")
            return self.strings[index], None
        if t in ("str", "e"):
            return raw, None
        if t == "b":
            return raw == "1", None
        if len(raw) > budget.MAX_NUMBER_CHARS or not _NUMBER.fullmatch(raw):
            raise IngestError(self.source, _where(sheet, ref), f"数値として読めない値です（{raw[:20]}）")
        number = Decimal(repr(float(raw))) if any(ch in raw for ch in ".eE") else Decimal(raw)
        if not number.is_finite() or abs(number) >= _TOO_LARGE:
            raise IngestError(self.source, _where(sheet, ref), f"数値が大きすぎます（{raw[:20]}）")
        if _int(c.get("s", "0")) in self.date_styles:  # type: ignore[attr-defined]
            try:
                return from_excel(float(raw)), None
            except (OverflowError, ValueError):
                raise IngestError(self.source, _where(sheet, ref), f"日付として読めない値です（{raw[:20]}）") from None
        return number, None


def _where(sheet: str, ref: str) -> str:
    """A cell for messages: Sheet1!K12."""
    return f"{sheet}!{ref}" if sheet else ref or "ファイル全体"
