"""City workbooks of several sheets, built by hand from the city-style files of ../shared/foreign.

As a planning office gathers its departments' sheets into one workbook: the worksheets copied within
the workbook (openpyxl's copy_worksheet), each copy given another 施策's name, and an 一覧 worksheet put
in front. Nothing here is made from the form's labels. Used by tests/ingest/test_workbook_per_measure.py
and benchmarks/bench_import.py.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

SHARED = Path(__file__).resolve().parents[3] / "shared" / "foreign"
NAME = "地域コミュニティ・課題解決型コミュニティ活動の促進"
OTHERS = ("国際交流・地域連携の推進", "男女平等参画社会の推進")


def rename(ws, name: str) -> None:  # noqa: ANN001 - an openpyxl worksheet
    cells = [c for row in ws.iter_rows() for c in row if c.value == NAME]
    assert len(cells) == 1, "the 基本施策名 is typed once on a sheet's first page"
    cells[0].value = name


def one_worksheet_each(path: Path, with_index: bool) -> list[str]:
    """kunitachi-2023-b (a sheet on one worksheet) three times: the original and two copies renamed."""
    wb = load_workbook(SHARED / "kunitachi-2023-b.xlsx")
    first = wb.worksheets[0]
    first.title = "施策1-1"
    for i, other in enumerate(OTHERS, 2):
        copy = wb.copy_worksheet(first)
        copy.title = f"施策1-{i}"
        rename(copy, other)
    if with_index:
        index = wb.create_sheet("一覧", 0)
        index.append(["施策番号", "施策名", "担当課"])
        for i, n in enumerate((NAME, *OTHERS), 1):
            index.append([f"1-{i}", n, "まちの振興課"])
    wb.save(path)
    return [NAME, *OTHERS]


def two_worksheets_each(path: Path) -> list[str]:
    """kunitachi-2023-a (表面 and 裏面 on two worksheets) twice: four worksheets, two sheets."""
    wb = load_workbook(SHARED / "kunitachi-2023-a.xlsx")
    front, back = wb.worksheets
    front2, back2 = wb.copy_worksheet(front), wb.copy_worksheet(back)
    front2.title, back2.title = "表面 (2)", "裏面 (2)"
    rename(front2, OTHERS[0])
    wb.save(path)
    return [NAME, OTHERS[0]]
