"""Bad exchange files are refused with a Japanese message naming the file and the place in it."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from typing import Any

import pytest

from sheetdesk.app.samples import sample_paths
from sheetdesk.exchange import ExchangeError, parse_document

SOURCE = "受け取り/bad.json"
JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def good() -> dict[str, Any]:
    path = next(p for p in sample_paths() if p.name == "kunitachi-2023.json")  # the standard form's sample
    return json.loads(path.read_text(encoding="utf-8"))


def refused(registry, data: bytes) -> ExchangeError:
    with pytest.raises(ExchangeError) as info:
        parse_document(data, SOURCE, registry)
    err = info.value
    assert str(err) == f"{SOURCE}: {err.location}: {err.message}"
    assert JAPANESE.search(err.message), err.message
    return err


def encode(doc: Any) -> bytes:
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def sheet0(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["sheets"][0]


def values(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["sheets"][0]["values"]


Mutation = Callable[[dict[str, Any]], Any]

CASES: list[tuple[str, Mutation, str, str]] = [
    # wrong types
    ("evaluation-year-as-string", lambda d: sheet0(d).__setitem__("evaluation_year", "2023"),
     "$.sheets[0].evaluation_year", "整数でなければなりません"),
    ("evaluation-year-as-float", lambda d: sheet0(d).__setitem__("evaluation_year", 2023.5),
     "$.sheets[0].evaluation_year", "整数でなければなりません"),
    ("text-given-a-number", lambda d: values(d).__setitem__("s1.purpose", 5),
     '$.sheets[0].values["s1.purpose"]', "② 施策の目的: 文字列でなければなりません"),
    ("number-cell-given-abc", lambda d: values(d).__setitem__("cost.national.2023", "abc"),
     '$.sheets[0].values["cost.national.2023"]', "「abc」は数値でも記号（-・未集計）でもありません"),
    ("number-cell-given-true", lambda d: values(d).__setitem__("cost.national.2023", True),
     '$.sheets[0].values["cost.national.2023"]', "文字列・数値・文字列の配列・null のいずれか"),
    ("value-given-an-object", lambda d: values(d).__setitem__("s4.reasons", {"text": "x"}),
     '$.sheets[0].values["s4.reasons"]', "文字列・数値・文字列の配列・null のいずれか"),
    ("list-given-a-string", lambda d: values(d).__setitem__("header.related_sections", "福祉総務課"),
     '$.sheets[0].values["header.related_sections"]', "主な関係課: 文字列の配列でなければなりません"),
    ("grade-out-of-range", lambda d: values(d).__setitem__("s6.overall_grade", "F"),
     '$.sheets[0].values["s6.overall_grade"]', "A～Eのいずれかでなければなりません"),
    ("direction-unknown", lambda d: values(d).__setitem__("outcome.1.a.direction", "up"),
     '$.sheets[0].values["outcome.1.a.direction"]', "higher・lower のいずれかでなければなりません"),
    ("judgement-unknown", lambda d: d["sheets"][0]["overrides"].__setitem__("outcome.1.a.comparison", "悪化"),
     '$.sheets[0].overrides["outcome.1.a.comparison"]', "向上・維持・低下 のいずれかでなければなりません"),
    ("status-unknown", lambda d: sheet0(d).__setitem__("status", "approved"),
     "$.sheets[0].status", "使用できない値です"),
    # unknown fields
    ("unknown-top-level-key", lambda d: d.__setitem__("comment", "x"), "$.comment", "定義されていない項目です"),
    ("unknown-sheet-key", lambda d: sheet0(d).__setitem__("colour", "red"),
     "$.sheets[0].colour", "定義されていない項目です"),
    ("unknown-value-path", lambda d: values(d).__setitem__("s9.unknown", "x"),
     '$.sheets[0].values["s9.unknown"]', "この様式にない項目です"),
    ("year-outside-the-plan", lambda d: values(d).__setitem__("cost.national.2030", "1"),
     '$.sheets[0].values["cost.national.2030"]', "この様式にない項目です"),
    ("actual-for-a-future-year", lambda d: values(d).__setitem__("outcome.1.a.actual.2025", "30.0"),
     '$.sheets[0].values["outcome.1.a.actual.2025"]', "この様式にない項目です"),
    ("computed-field-in-values", lambda d: values(d).__setitem__("cost.total.2023", "1"),
     '$.sheets[0].values["cost.total.2023"]', "計算項目は overrides に書きます"),
    ("typed-field-in-overrides", lambda d: d["sheets"][0]["overrides"].__setitem__("s4.reasons", "x"),
     '$.sheets[0].overrides["s4.reasons"]', "計算項目ではないため上書きできません"),
    ("unknown-rollover-path", lambda d: sheet0(d).__setitem__("unchanged_since_rollover", ["s9.x"]),
     "$.sheets[0].unchanged_since_rollover[0]", "この様式にない項目です"),
    # missing fields
    ("no-evaluation-year", lambda d: sheet0(d).pop("evaluation_year"),
     "$.sheets[0].evaluation_year", "必須の項目がありません"),
    ("no-plan-name", lambda d: sheet0(d)["plan"].pop("name"), "$.sheets[0].plan.name", "必須の項目がありません"),
    ("no-measure-name", lambda d: values(d).pop("header.measure_name"),
     '$.sheets[0].values["header.measure_name"]', "必須の項目「基本施策名」がありません"),
    ("empty-measure-name", lambda d: values(d).__setitem__("header.measure_name", ""),
     '$.sheets[0].values["header.measure_name"]', "必須の項目「基本施策名」がありません"),
    ("no-measure-code", lambda d: values(d).pop("header.measure_code"),
     '$.sheets[0].values["header.measure_code"]', "必須の項目「施策番号」がありません"),
    ("no-sheets", lambda d: d.pop("sheets"), "$.sheets", "必須の項目がありません"),
    # forms and format versions
    ("unknown-form-version", lambda d: sheet0(d)["form"].__setitem__("version", 99),
     "$.sheets[0].form", "様式「shisaku-management」第99版は登録されていません"),
    ("unknown-form", lambda d: sheet0(d)["form"].__setitem__("id", "keikaku"),
     "$.sheets[0].form", "様式「keikaku」第1版は登録されていません"),
    ("format-version-from-the-future", lambda d: d.__setitem__("format_version", 2),
     "$.format_version", "この形式の版（2）には対応していません。SheetDeskを更新してください"),
    ("format-version-zero", lambda d: d.__setitem__("format_version", 0), "$.format_version", "使用できない値です"),
    ("format-version-as-string", lambda d: d.__setitem__("format_version", "1"),
     "$.format_version", "使用できない値です"),
    ("other-format", lambda d: d.__setitem__("format", "excel-export"), "$.format", "使用できない値です"),
    # plan and years
    ("plan-ends-before-it-starts", lambda d: sheet0(d)["plan"].__setitem__("end_year", 2019),
     "$.sheets[0].plan.end_year", "計画期間の終わりが始まりより前です"),
    ("year-before-showa", lambda d: sheet0(d).__setitem__("evaluation_year", 1920),
     "$.sheets[0].evaluation_year", "1920年度は和暦に変換できません"),
    ("year-beyond-the-range", lambda d: sheet0(d).__setitem__("evaluation_year", 3000),
     "$.sheets[0].evaluation_year", "値が大きすぎます"),
]


@pytest.mark.parametrize(("mutate", "where", "says"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_document_is_refused(registry, good, mutate: Mutation, where: str, says: str) -> None:
    doc = copy.deepcopy(good)
    mutate(doc)
    err = refused(registry, encode(doc))
    assert err.location == where
    assert says in err.message


def test_an_error_in_the_second_sheet_names_that_sheet(registry, good) -> None:
    doc = copy.deepcopy(good)
    second = copy.deepcopy(sheet0(doc))
    second["values"]["cost.general.2023"] = "八万"
    doc["sheets"].append(second)
    err = refused(registry, encode(doc))
    assert err.location == '$.sheets[1].values["cost.general.2023"]'
    assert err.message.startswith("施策コスト 一般財源: 「八万」は")


@pytest.mark.parametrize(
    ("mutate", "where"),
    [
        (lambda d: values(d).__setitem__("s4.reasons", "途中で\ud800切れた"), '$.sheets[0].values["s4.reasons"]'),
        (lambda d: sheet0(d).__setitem__("municipality", "国立\udc00市"), "$.sheets[0].municipality"),
    ],
    ids=["in-a-value", "in-the-municipality"],
)
def test_lone_surrogate_escape_is_refused(registry, good, mutate: Mutation, where: str) -> None:
    """A JSON "\\ud800" escape decodes to text that cannot be saved or exported again."""
    doc = copy.deepcopy(good)
    mutate(doc)
    data = json.dumps(doc, ensure_ascii=True).encode("ascii")
    assert b"\\ud800" in data or b"\\udc00" in data
    err = refused(registry, data)
    assert err.location == where
    assert "対になっていないサロゲート" in err.message


def test_invalid_utf8_names_the_byte(registry) -> None:
    data = '{"format": "sheetdesk-exchange", "名": "'.encode() + b"\xff\xfe" + b'"}'
    err = refused(registry, data)
    first_bad = data.index(b"\xff") + 1  # counted from 1, as a person counts
    assert err.location == f"{first_bad}バイト目"
    assert err.message == "UTF-8として読めない文字があります"


def test_shift_jis_file_is_refused_as_not_utf8(registry, good) -> None:
    err = refused(registry, json.dumps(good, ensure_ascii=False).encode("cp932"))
    assert err.message == "UTF-8として読めない文字があります"


@pytest.mark.parametrize(
    ("data", "where"),
    [
        (b'{"format": "sheetdesk-exchange",\n  "sheets": [}', "2行14列"),
        (b"", "1行1列"),
        (b'{"format": "sheetdesk-exchange"} trailing', "1行34列"),
    ],
    ids=["unbalanced", "empty-file", "trailing-text"],
)
def test_broken_json_names_line_and_column(registry, data: bytes, where: str) -> None:
    err = refused(registry, data)
    assert err.location == where
    assert err.message.startswith("JSONの書式が正しくありません")


def test_a_list_instead_of_a_document_is_refused(registry) -> None:
    err = refused(registry, b"[]")
    assert (err.location, err.message) == ("$", "オブジェクトでなければなりません")


def test_utf8_with_bom_is_accepted(registry, good) -> None:
    sheets = parse_document(b"\xef\xbb\xbf" + encode(good), SOURCE, registry)
    assert sheets[0].text("header.lead_section") == "まちの振興課"
