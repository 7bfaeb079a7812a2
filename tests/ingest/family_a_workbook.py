"""A 施策・基本事業マネジメントシート workbook typed cell by cell the way the city lays it out -- not from the form.

Seed 004's sheet (佐野市「国際交流・地域連携の推進」, 令和６年度 sheet on 令和５年度): spaced labels
(政　策　名, 「対　象」), a vertical 政策体系, labels and their explanations in cells of their own,
numbers with thousands separators, indicator names merged over their 目標/実績 rows, each
基本事業's name merged down over all of its indicators, check boxes typed as ■/□ before their
wording, and the second page (sections 3–5) on a worksheet of its own. The short values are
typed here from the seed; the long texts are the sample's transcription of the same sheet
(data/samples/family-a-sano-2023.json), which is also the truth the import is held to.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "sheetdesk" / "data" / "samples" / "family-a-sano-2023.json"
NOT_PRINTED = ("header.code",)  # 施策番号 is not on the paper


def sample_values() -> dict[str, object]:
    return json.loads(SAMPLE.read_text(encoding="utf-8"))["sheets"][0]["values"]


def _put(ws: Worksheet, ref: str, value: object, fmt: str | None = None) -> None:
    first = ref.split(":")[0]
    ws[first] = value
    ws[first].alignment = Alignment(wrap_text=True, vertical="top")
    if fmt:
        ws[first].number_format = fmt
    if ":" in ref:
        ws.merge_cells(ref)


# (①, name, unit, {year: value}) as the seed prints them
TARGET_ROWS = [("①", "市人口", "人", {"R4": 115700, "R5": 114695}),
               ("②", "関東の自治体、県内企業", "団体", {"R4": 39904, "R5": 40144}),
               ("③", "関東の大学・短大", "団体", {"R4": 349, "R5": 348})]
OUTCOME_ROWS = [
    ("①", "外国人と交流している市民の割合", "％", {"R4": "12.0", "R5": "12.5", "R6": "13.0", "R7": "13.5"},
     {"R4": "10.7", "R5": "11.1"}, "市政に関するアンケート調査"),
    ("②", "連携している自治体、企業数\n（単年度）", "団体", {"R4": 127, "R5": 128}, {"R4": 143, "R5": 160},
     "広報ブランド推進課資料"),
    ("③", "連携している大学・短大数\n（単年度）", "団体", {"R4": 6, "R5": 6, "R6": 7, "R7": 7}, {"R4": 7, "R5": 8},
     "広報ブランド推進課資料"),
]
PROJECTS = [
    ("相互理解の環境づくりの推進", None, None, [
        ("①", "外国人による市民生活\n相談の件数（単年度）", "人", {"R4": 15, "R5": 20, "R6": 25, "R7": 30}, {"R4": 6, "R5": 12}),
        ("②", "交流事業参加者\n数（単年度）", "人", {"R4": 1500, "R5": 2000, "R6": 2600, "R7": 3400},
         {"R4": 2890, "R5": 591}),
        ("③", "通訳・翻訳ボラン\nティア数\n（単年度）", "人", {"R4": 47, "R5": 48, "R6": 49, "R7": 50},
         {"R4": 54, "R5": 49})]),
    ("大学との\n地域連携\nの推進", "大学・短大", "大学、短大などの高等教育機関と連携し、事業の充実を図る。", [
        ("①", "連携している事業\n数（単年度）", "事業", {"R4": 60, "R5": 61, "R6": 62, "R7": 63}, {"R4": 55, "R5": 54})]),
    ("自治体・企業との連携の推進", None, None, [
        ("①", "自治体連携事業数\n（単年度）", "事業", {"R4": 41, "R5": 42, "R6": 43, "R7": 44}, {"R4": 44, "R5": 36}),
        ("②", "企業連携事業数\n（単年度）", "事\n業", {"R4": 123, "R5": 124, "R6": 125, "R7": 126},
         {"R4": 142, "R5": 159})]),
]
YEARS = ["R4", "R5", "R6", "R7"]


def build(path: Path) -> Path:
    v = sample_values()
    wb = Workbook()
    p1 = wb.active
    assert p1 is not None
    p1.title = "1ページ"
    _header(p1)
    _section1(p1, v)
    _section2(p1)
    _page2(wb.create_sheet("2ページ"), v)
    wb.save(path)
    return path


def build_one_sheet(path: Path) -> Path:
    """Another city's habits: both pages on one worksheet, numbers and the date typed as text, the 成果指標
    header without its explanation, 主管課長 for 施策主管課長, and check marks in cells of their own (● | 一部未達成)."""
    v = sample_values()
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "シート"
    _header(ws)
    ws["S1"] = "作成日"
    ws["T1"] = "令和 6 年 7 月 30 日"
    ws["L2"] = "主管課長"
    _section1(ws, v)
    ws["L13"] = "成果指標"
    for row in ws.iter_rows(min_row=8, max_row=19, min_col=17, max_col=20):
        for cell in row:
            if isinstance(cell.value, int | float):
                cell.value = f"{cell.value:,}" if isinstance(cell.value, int) else f"{cell.value:.1f}"
    _section2(ws)
    page2 = Workbook().active
    assert page2 is not None
    _page2(page2, v)
    offset = 45  # the second page below the first, on the same worksheet
    for row in page2.iter_rows():
        for cell in row:
            if cell.value is not None:
                ws.cell(cell.row + offset, cell.column, cell.value).alignment = Alignment(wrap_text=True)
    for merged in page2.merged_cells.ranges:
        ws.merge_cells(start_row=merged.min_row + offset, start_column=merged.min_col,
                       end_row=merged.max_row + offset, end_column=merged.max_col)
    for r in (9 + offset, 10 + offset):  # ○ 全て達成 ● 一部未達成 ○ 全て未達成, the mark a cell of its own
        for col, (mark, word) in zip((14, 16, 18), (("○", "全て達成"), ("●", "一部未達成"), ("○", "全て未達成")),
                                     strict=True):
            ws.unmerge_cells(start_row=r, start_column=col, end_row=r, end_column=col + 1)
            ws.cell(r, col, mark)
            ws.cell(r, col + 1, word)
    wb.save(path)
    return path


def _header(p1: Worksheet) -> None:
    _put(p1, "A1:R1", "令和６年度　施策・基本事業マネジメントシート　（令和５年度実績に基づく評価）")
    _put(p1, "S1", "作成日")
    _put(p1, "T1:V1", dt.datetime(2024, 7, 30), "[$-ja-JP-x-gannen]ggge\"年\"m\"月\"d\"日\"")
    _put(p1, "A2:A4", "政策体系")
    for row, label, number, name in ((2, "基本目標名", "7", "市民参加による自立したまちづくり"),
                                     (3, "政　策　名", "2", "多彩な交流と情報活用によるまちづくり"),
                                     (4, "施　策　名", "1", "国際交流・地域連携の推進")):
        _put(p1, f"B{row}", label)
        _put(p1, f"C{row}", number)
        _put(p1, f"D{row}:J{row}", name)
    _put(p1, "L2:M2", "施策主管課長")
    _put(p1, "N2:P2", "広報ブランド推進課")
    _put(p1, "Q2:R2", "小関　満")
    _put(p1, "L3:M3", "施策関係課")
    _put(p1, "N3:V3", "政策調整課、市民生活課、学校教育課")


def _section1(p1: Worksheet, v: dict[str, object]) -> None:
    _put(p1, "A6:J6", "１．施策の目的と成果把握")
    _put(p1, "A7:B11", "施策の目的\n「対　象」")
    _put(p1, "C7:J7", "この施策は、誰、何を対象としているか")
    _put(p1, "C8:J11", v["s1.target"])
    _put(p1, "L7:O7", "対象指標")
    _put(p1, "P7", "単位")
    for i, y in enumerate(YEARS):
        _put(p1, f"{'QRST'[i]}7", y)
    for n, (mark, name, unit, values) in enumerate(TARGET_ROWS):
        r = 8 + n
        _put(p1, f"L{r}", mark)
        _put(p1, f"M{r}:O{r}", name)
        _put(p1, f"P{r}", unit)
        for i, y in enumerate(YEARS):
            if y in values:
                _put(p1, f"{'QRST'[i]}{r}", values[y], "#,##0")
    _put(p1, "L11", "④")

    _put(p1, "A13:B19", "施策の目的\n「意　図」")
    _put(p1, "C13:J13", "この施策によって、「対象」をどういう状態にするのか")
    _put(p1, "C14:J19", v["s1.intent"])
    _put(p1, "L13:N13", "成果指標（意図の達成度を表す指標）")
    _put(p1, "O13", "区分")
    _put(p1, "P13", "単位")
    for i, y in enumerate(YEARS):
        _put(p1, f"{'QRST'[i]}13", y)
    _put(p1, "U13:V13", "成果指標の\n取得方法")
    for n, (mark, name, unit, target, actual, source) in enumerate(OUTCOME_ROWS):
        r = 14 + 2 * n
        _put(p1, f"L{r}:L{r + 1}", mark)
        _put(p1, f"M{r}:N{r + 1}", name)
        _put(p1, f"O{r}", "目標")
        _put(p1, f"O{r + 1}", "実績")
        _put(p1, f"P{r}:P{r + 1}", unit)
        for i, y in enumerate(YEARS):
            for rr, series in ((r, target), (r + 1, actual)):
                if y in series:
                    value = series[y]
                    _put(p1, f"{'QRST'[i]}{rr}", value, "0.0" if isinstance(value, str) else "#,##0")
                    if isinstance(value, str):
                        p1[f"{'QRST'[i]}{rr}"] = float(value)
        _put(p1, f"U{r}:V{r + 1}", source)
    _put(p1, "L20:L21", "④")
    _put(p1, "O20", "目標")
    _put(p1, "O21", "実績")
    _put(p1, "A22:B24", "成果指標\n設定の考え方")
    _put(p1, "C22:V24", v["s1.rationale"])


def _section2(p1: Worksheet) -> None:
    _put(p1, "A26:J26", "２．基本事業の目的と成果把握")
    for ref, label in (("A27:B27", "基本事業名"), ("C27:D27", "対象"), ("E27:F27", "意図"), ("G27:J27", "成果指標"),
                       ("K27", "区分"), ("L27", "単位")):
        _put(p1, ref, label)
    for i, y in enumerate(YEARS):
        _put(p1, f"{'MNOP'[i]}27", y)
    r = 28
    for name, target, intent, indicators in PROJECTS:
        top, bottom = r, r + 2 * len(indicators) - 1
        _put(p1, f"A{top}:B{bottom}", name)
        _put(p1, f"C{top}:D{bottom}", target or "")
        _put(p1, f"E{top}:F{bottom}", intent or "")
        for mark, iname, unit, tvals, avals in indicators:
            _put(p1, f"G{r}:G{r + 1}", mark)
            _put(p1, f"H{r}:J{r + 1}", iname)
            _put(p1, f"K{r}", "目標")
            _put(p1, f"K{r + 1}", "実績")
            _put(p1, f"L{r}:L{r + 1}", unit)
            for i, y in enumerate(YEARS):
                for rr, series in ((r, tvals), (r + 1, avals)):
                    if y in series:
                        _put(p1, f"{'MNOP'[i]}{rr}", series[y], "#,##0")
            r += 2


def _page2(p2: Worksheet, v: dict[str, object]) -> None:
    _put(p2, "A1:J1", "３．施策の目標達成度評価")
    _put(p2, "A2:J2", "令和５年度施策の取組方針")
    _put(p2, "A3:J8", v["s3.policy"])
    _put(p2, "L2:V2", "施策の取組方針・成果指標達成状況")
    _put(p2, "L3:V8", v["s3.status"])
    _put(p2, "L9:M9", "取組\n方針")
    _put(p2, "N9:O9", "□全て達成")
    _put(p2, "P9:Q9", "■一部未達成")
    _put(p2, "R9:S9", "□全て未達成")
    _put(p2, "L10:M10", "成果\n指標")
    _put(p2, "N10:O10", "□全て達成")
    _put(p2, "P10:Q10", "■一部未達成")
    _put(p2, "R10:S10", "□全て未達成")

    _put(p2, "A12:J12", "４．施策の基本情報")
    _put(p2, "A13:A16", "施\n策\nの\n基\n本\n情\n報")
    _put(p2, "B13:J13", "社会情勢変化、国・県の動向、市民・議会意見等")
    _put(p2, "B14:J16", v["s4.situation"])
    _put(p2, "L13:V13", "施策の成果向上に向けての役割分担")
    _put(p2, "L14:N14", "市民")
    _put(p2, "O14:R14", "事業所")
    _put(p2, "S14:V14", "行政")
    _put(p2, "L15:N16", v["s4.roles.citizens"])
    _put(p2, "O15:R16", v["s4.roles.businesses"])
    _put(p2, "S15:V16", v["s4.roles.government"])

    _put(p2, "A18:V18", "５．施策全体の総括・今後の課題・今後の方向性")
    _put(p2, "A19:J19", "施策の成果実績と施策の基本情報及び施策コストに関する全体総括")
    _put(p2, "L19:P19", "今後の課題")
    _put(p2, "Q19:V19", "今後の方向性")
    _put(p2, "A20:J24", v["s5.summary"])
    _put(p2, "L20:P24", v["s5.issues"])
    _put(p2, "Q20:V24", v["s5.direction"])


def as_sample(value: object) -> object:
    """A read value in the sample file's JSON spelling (numbers as their digits, dates ISO, lists)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value
