"""A city's table workbook of the 行動計画評価表: a row per 事業, columns found by their headers."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from ingest.table_workbooks import classify, layout_as_printed, layout_reordered, projects, read_back
from sheetdesk.ingest import IngestError, read_file


@pytest.fixture(scope="module")
def printed(tmp_path_factory):  # noqa: ANN201
    return layout_as_printed(tmp_path_factory.mktemp("b") / "評価表_令和5年度.xlsx")


@pytest.fixture(scope="module")
def reordered(tmp_path_factory):  # noqa: ANN201
    return layout_reordered(tmp_path_factory.mktemp("b") / "協働行動計画.xlsx")


def test_the_family_is_found_and_every_row_read_as_typed(printed, registry) -> None:
    [result] = read_file(printed, registry)
    assert result.sheet.form_id == "kyodo-action-plan"
    assert result.read_as is not None and "「行動計画評価表」" in result.read_as
    assert result.sheet.evaluation_year == 2023  # （１）令和５年度実施状況, 現状値（R5)
    classes = classify(result)
    assert classes["wrong"] == [] and classes["missing"] == []
    assert len(classes["right"]) >= 150
    rows = read_back(result.sheet.values)
    assert len(rows) == len(projects()) == 15
    first, _ = rows[0]
    assert first["process"] == "プロセス３\u3000夢を描く（集う）"
    assert first["partners"] == ("1", "2", "3", "4", "5", "6", "7")  # ①②③④⑤⑥⑦ typed together
    assert first["evaluation"] == "B"  # typed full-width: Ｂ
    # the page reference shares the heading's cell: read, and said so
    assert first["reference"] == "【行動計画Ｐ．８～１０】"
    assert result.reason("plan.processes.1.reference") == "「行動計画の該当ページ」は「プロセス」の欄から分けて読み取りました"
    assert "評価表!A3: 列「No.」はこの様式の項目にないため取り込みませんでした" in result.warnings


def test_reordered_columns_in_other_words_land_under_their_fields(reordered, registry) -> None:
    path, spoiled = reordered
    [result] = read_file(path, registry)
    classes = classify(result, spoiled)
    assert classes["wrong"] == []
    assert classes["flagged"] == ["row 4 evaluation", "row 7 partners"]
    assert classes["missing"] == ["row 1 reference"]  # no column for it: said, not guessed
    assert "「行動計画の該当ページ」の列が見つかりません。取り込み後に入力してください" in result.warnings
    assert "Sheet1!M2: 列「備考」はこの様式の項目にないため取り込みませんでした" in result.warnings
    rows = read_back(result.sheet.values)
    bad_grade, paths = rows[3]
    assert bad_grade["evaluation"] is None
    assert result.reason(paths["evaluation"]) == "「E」は「事業の評価」の選択肢（Ａ、Ｂ、C、D）にありません"
    _, paths = rows[6]
    assert result.reason(paths["partners"]).startswith("「⑧」は「協働の相手」の選択肢（①、②")


def test_more_rows_than_the_sample_are_all_read(reordered, registry, tmp_path) -> None:
    """Any number of rows: the table copied down three times is 45 事業 under the same 項目."""
    path, _ = reordered
    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    last = 2 + len(projects())
    for copy in (1, 2):
        for r in range(3, last + 1):
            for c in range(1, 14):
                ws.cell(r + copy * len(projects()), c, ws.cell(r, c).value)
    longer = tmp_path / "長い表.xlsx"
    wb.save(longer)
    [result] = read_file(longer, registry)
    assert len(read_back(result.sheet.values)) == 45


def test_a_header_naming_no_field_is_reported_not_used(registry, tmp_path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for c, v in enumerate(["事業名", "担当課", "取組内容", "評価", "目標指標", "現状値（R5)"], start=1):
        ws.cell(1, c, v)
    for c, v in enumerate(["自治会活動支援", "市民協働推進課", "補助した。", "Ａ", "加入率", "89.7％"], start=1):
        ws.cell(2, c, v)
    ws.cell(1, 7, "名称")  # 名称 is the table's own name: no column of a 事業
    path = tmp_path / "短い表.xlsx"
    wb.save(path)
    [result] = read_file(path, registry, registry.latest("kyodo-action-plan"))
    [(row, _)] = read_back(result.sheet.values)
    assert row["name"] == "自治会活動支援" and row["evaluation"] == "A" and row["current"] == "89.7％"
    assert "Sheet!G1: 列「名称」はこの様式の項目にないため取り込みませんでした" in result.warnings


def test_a_table_without_its_headers_is_refused(registry, tmp_path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = "自治会活動支援"
    path = tmp_path / "見出しなし.xlsx"
    wb.save(path)
    with pytest.raises(IngestError) as err:
        read_file(path, registry, registry.latest("kyodo-action-plan"))
    assert err.value.message == "「行動計画評価表」の列の見出しが見つかりません"


def test_an_upper_level_left_blank_is_carried_down_and_flagged(reordered, registry, tmp_path) -> None:
    """プロセス and 項目 typed on their first row only (not merged): the rows below belong to them, flagged."""
    path, spoiled = reordered
    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    for merged in list(ws.merged_cells.ranges):
        ws.unmerge_cells(str(merged))
    ws["D5"] = None  # 事業名 of the third row left empty
    blank = tmp_path / "空欄の表.xlsx"
    wb.save(blank)
    [result] = read_file(blank, registry)
    classes = classify(result, spoiled)
    assert classes["wrong"] == []
    rows = read_back(result.sheet.values)
    assert [r["item"] for r, _ in rows] == [p.item for p in projects()]  # every row under its own 項目
    _, second = rows[1]
    assert result.reason(second["name"]) == "上の階層の欄が空欄のため、上の行と同じとしました"
    third, paths = rows[2]
    assert third["name"] is None and result.reason(paths["name"]) == "「事業名」が空欄です"
    assert "「プロセス」の欄が空欄の行が14行あります（Sheet1!C4の行から）。上の行と同じプロセスとしました" in result.warnings
    assert "「項目」の欄が空欄の行が12行あります（Sheet1!C4の行から）。上の行と同じ項目としました" in result.warnings
