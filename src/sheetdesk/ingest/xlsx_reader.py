"""A workbook's cells and merged ranges as boxes, read straight from its XML.

openpyxl's full load of a 120-column 方眼紙 workbook takes most of a second
and its read-only mode neither knows merged ranges nor gives a formula and
its stored result together. A sheet's XML holds both, and is small: parsing
it with (defused) ElementTree is fast and gives, for every cell, the value,
the formula and whether a result was stored.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from defusedxml import ElementTree
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils.datetime import from_excel

from sheetdesk.ingest.boxes import PAGE_OFFSET, Box
from sheetdesk.ingest.cellref import split_ref
from sheetdesk.ingest.formula import evaluate
from sheetdesk.ingest.result import IngestError, SourceRef

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_ERA_FORMAT = re.compile(r"g+e|gannen")  # 和暦 date formats: ggge"年度", [$-ja-JP-x-gannen]
_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


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
    return "".join(t.text or "" for t in el.iter(f"{NS}t"))  # type: ignore[attr-defined]


def _evaluate_formulas(cells: dict[tuple[int, int], tuple[object, str | None]]) -> None:
    """Formulas without a stored result: the simple ones (SUM, + - * /) get their value, in place."""
    lookup = {k: v for k, (v, f) in cells.items() if f is None}
    pending = {k: f for k, (_, f) in cells.items() if f is not None}
    while pending:  # a sum of sums needs its parts first
        done = {}
        for pos, formula in pending.items():
            refs = re.findall(r"\$?[A-Z]{1,3}\$?\d+", formula.upper())
            if any(split_ref(r) in pending for r in refs if ":" not in r):
                continue
            result = evaluate(formula, lambda ref: lookup.get(split_ref(ref)))
            done[pos] = result
        if not done:
            break
        for pos, result in done.items():
            del pending[pos]
            if result is not None:
                cells[pos] = (result, None)
                lookup[pos] = result


class Workbook:
    """The parts of a workbook the importer reads: sheet names, strings, date styles, cells."""

    def __init__(self, zf: zipfile.ZipFile, source: str) -> None:
        self.zf, self.source = zf, source
        try:
            wb = ElementTree.fromstring(zf.read("xl/workbook.xml"))
            rels = ElementTree.fromstring(zf.read("xl/_rels/workbook.xml.rels"))
        except (KeyError, ElementTree.ParseError) as exc:
            raise IngestError(source, "xl/workbook.xml", f"ブックが壊れているため開けません（{exc}）") from None
        targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{PKG_REL}Relationship")}
        self.sheets: list[tuple[str, str]] = []
        for s in wb.iter(f"{NS}sheet"):
            if s.get("state") in ("hidden", "veryHidden"):
                continue
            target = targets.get(s.get(f"{REL_NS}id"), "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            self.sheets.append((s.get("name", ""), path))
        self.strings: list[str] = []
        if "xl/sharedStrings.xml" in zf.namelist():
            sst = ElementTree.fromstring(zf.read("xl/sharedStrings.xml"))
            self.strings = [_text(si) for si in sst.iter(f"{NS}si")]
        self.date_styles: set[int] = set()
        self.number_formats: dict[int, NumberFormat] = {}
        self.notes: dict[tuple[str, int, int], str] = {}
        if "xl/styles.xml" in zf.namelist():
            st = ElementTree.fromstring(zf.read("xl/styles.xml"))
            custom = {int(f.get("numFmtId", "0")): f.get("formatCode", "") for f in st.iter(f"{NS}numFmt")}
            xfs = st.find(f"{NS}cellXfs")
            for i, xf in enumerate(xfs if xfs is not None else []):
                fmt_id = int(xf.get("numFmtId", "0"))
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
        try:
            root = ElementTree.fromstring(self.zf.read(path))
        except (KeyError, ElementTree.ParseError) as exc:
            raise IngestError(self.source, name, f"ワークシートが壊れているため読めません（{exc}）") from None
        cells: dict[tuple[int, int], tuple[object, str | None]] = {}
        for c in root.iter(f"{NS}c"):
            value, formula = self.cell_value(c)
            if value is not None or formula is not None:
                pos = split_ref(c.get("r", "A1"))
                fmt = self.number_formats.get(int(c.get("s", "0")))
                if isinstance(value, Decimal) and fmt is not None:
                    value, note = fmt.shown(value)
                    if note:
                        self.notes[(name, *pos)] = note
                cells[pos] = (value, formula)
        merged: list[tuple[int, int, int, int]] = []
        for mc in root.iter(f"{NS}mergeCell"):
            a, _, b = mc.get("ref", "").partition(":")
            (c0, r0), (c1, r1) = split_ref(a), split_ref(b or a)
            merged.append((c0, r0, c1, r1))
        _evaluate_formulas(cells)
        y_off = index * PAGE_OFFSET
        out: list[Box] = []
        covered: set[tuple[int, int]] = set()
        for c0, r0, c1, r1 in merged:
            value, formula = cells.get((c0, r0), (None, None))
            out.append(self._box(name, c0, r0, c1, r1, value, formula, y_off))
            covered.add((c0, r0))
        for (c, r), (value, formula) in cells.items():
            if (c, r) not in covered:
                out.append(self._box(name, c, r, c, r, value, formula, y_off))
        return out

    def _box(self, sheet: str, c0: int, r0: int, c1: int, r1: int, value: object, formula: str | None,
             y_off: float) -> Box:
        from openpyxl.utils import get_column_letter

        ref = SourceRef(self.source, cell=f"{sheet}!{get_column_letter(c0)}{r0}")
        text = "" if value is None or not isinstance(value, str | int | Decimal) else str(value)
        return Box(c0, r0 + y_off, c1 + 1, r1 + 1 + y_off, text, ref, raw=value, formula=formula,
                   confidence=1.0 if formula is None else 0.0, note=self.notes.get((sheet, c0, r0)))

    def cell_value(self, c: object) -> tuple[object, str | None]:
        """(value, formula) of a <c>; formula is set only when no result was stored."""
        t = c.get("t", "n")  # type: ignore[attr-defined]
        f = c.find(f"{NS}f")  # type: ignore[attr-defined]
        v = c.find(f"{NS}v")  # type: ignore[attr-defined]
        raw = v.text if v is not None else None
        if t == "inlineStr":
            is_ = c.find(f"{NS}is")  # type: ignore[attr-defined]
            return (_text(is_) if is_ is not None else None), None
        if raw is None or raw == "":
            if f is not None:
                return None, f.text or "(共有数式)"
            return None, None
        if t == "s":
            return self.strings[int(raw)], None
        if t in ("str", "e"):
            return raw, None
        if t == "b":
            return raw == "1", None
        number = Decimal(repr(float(raw))) if any(ch in raw for ch in ".eE") else Decimal(raw)
        if int(c.get("s", "0")) in self.date_styles:  # type: ignore[attr-defined]
            return from_excel(float(raw)), None
        return number, None
