"""Booklets without our embedded data, as a city's printed booklet of the standard layout would come.

Our booklet of 25 sheets made from the shipped sample (the 基本施策名 and 施策番号 of a city's plan, typed
here), copied page by page so nothing but the pages is left; and the city's own two sheet PDFs of
../shared/foreign joined into one file, with or without a page that is no sheet between them.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from sheetdesk.app.samples import sample_paths
from sheetdesk.exchange import parse_document
from sheetdesk.forms.definition import FieldKind, FormDefinition
from sheetdesk.forms.loader import FormRegistry
from sheetdesk.ingest import ImportResult
from sheetdesk.model import Sheet

FOREIGN = Path(__file__).resolve().parents[3] / "shared" / "foreign"

# 基本施策名 as a city's 総合計画 names its 施策 (typed by hand, not taken from the form)
MEASURES = (
    "地域コミュニティ・課題解決型コミュニティ活動の促進", "国際交流・地域連携の推進", "男女平等参画社会の推進",
    "人権・平和の尊重", "地域共生社会づくりの推進", "高齢者福祉の充実", "障害者福祉の充実",
    "子育て支援の充実", "健康づくりの推進", "学校教育の充実", "生涯学習の推進", "文化芸術の振興",
    "スポーツ・レクリエーションの振興", "防災対策の推進", "防犯・交通安全の推進", "環境保全の推進",
    "ごみ減量・資源循環の推進", "公園・緑地の整備", "道路・交通環境の整備", "住環境の整備",
    "商工業の振興", "都市農業の振興", "観光まちづくりの推進", "情報発信と市民参加の推進",
    "健全な財政運営の推進",
)


def sample(registry: FormRegistry) -> Sheet:
    path = next(p for p in sample_paths() if p.name == "kunitachi-2023.json")
    [sheet] = parse_document(path.read_bytes(), path.name, registry)
    return sheet


def variants(form: FormDefinition, base: Sheet, count: int) -> list[Sheet]:
    """``count`` sheets of one year: the sample's contents under the names of a city's 施策, in 施策番号 order."""
    out = []
    for i, name in enumerate(MEASURES[:count], 1):
        sheet = copy.deepcopy(base)
        sheet.values[form.identity.name] = name
        sheet.values[form.identity.code] = f"1-{i:02d}"
        out.append(sheet)
    return out


def pages_only(data: bytes, path: Path) -> Path:
    """The pages of a PDF copied into a new file: what is printed, without any attached exchange JSON."""
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages:
        writer.add_page(page)
    with path.open("wb") as f:
        writer.write(f)
    assert not PdfReader(path).attachments
    return path


def joined(parts: list[tuple[Path, list[int] | None]], path: Path) -> Path:
    """Pages of several PDFs in one file: each part's pages (0-based), or all of them for None."""
    writer = PdfWriter()
    for source, pages in parts:
        reader = PdfReader(source)
        for i in range(len(reader.pages)) if pages is None else pages:
            writer.add_page(reader.pages[i])
    with path.open("wb") as f:
        writer.write(f)
    return path


def printed_values(form: FormDefinition, sheet: Sheet) -> dict[str, object]:
    """Every value the print shows (施策番号 and 指標の方向 are not printed)."""
    specs = form.fields(sheet.context)
    return {p: v for p, v in sheet.values.items()
            if p in specs and specs[p].printed and specs[p].kind is not FieldKind.DIRECTION}


def wrong_unflagged(form: FormDefinition, source: Sheet, result: ImportResult) -> list[str]:
    """Printed values read differently from the source sheet and not listed for review."""
    flagged = set(result.needs_review())
    return sorted(p for p, v in printed_values(form, source).items()
                  if result.sheet.values.get(p) != v and p not in flagged)
