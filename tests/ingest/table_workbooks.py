"""Table workbooks of the 行動計画評価表 typed cell by cell the way a city keeps them -- not from the form's labels.

The rows are the sample's (seed 003, transcribed in data/samples/
family-b-kyodo-2023.json): one row per 事業 under a プロセス and a 項目.

- ``layout_as_printed``: the seed's own order, a header over two rows
  ((１)令和５年度実施状況 over 取組内容…), a spare No. column, the プロセス and
  the 項目 as heading rows across the table, blank rows between the 項目;
- ``layout_reordered``: one header row in other words (所管課, 実施内容, 評価,
  指標名, 現状値（令和5年度）…) in another order, プロセス and 項目 as columns of
  their own merged down, a spare 備考 column, blank rows at the end, and two
  cells a correct import must flag (an 評価 "E" and a partner "⑧").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "sheetdesk" / "data" / "samples" / "family-b-kyodo-2023.json"
WIDE = {"１": "1", "２": "2", "３": "3", "４": "4", "５": "5", "６": "6", "７": "7"}
CIRCLED = "①②③④⑤⑥⑦"
FULL_GRADE = {"A": "Ａ", "B": "Ｂ", "C": "C", "D": "D"}  # as the seed prints them


@dataclass(frozen=True)
class Project:
    process: str
    reference: str
    item: str
    values: dict[str, object]  # name, section, work, partners (codes), evaluation, effect, indicator, base…


def projects() -> list[Project]:
    """Every 事業 row of the sample, in the sheet's order."""
    sheet = json.loads(SAMPLE.read_text(encoding="utf-8"))["sheets"][0]["values"]
    out: list[Project] = []
    for p in sheet["plan.processes"]:
        base = f"plan.processes.{p}"
        for i in sheet[f"{base}.items"]:
            ib = f"{base}.items.{i}"
            for j in sheet[f"{ib}.projects"]:
                jb = f"{ib}.projects.{j}"
                out.append(Project(sheet[f"{base}.name"], sheet[f"{base}.reference"], sheet[f"{ib}.name"], {
                    "name": sheet.get(f"{jb}.name"), "section": sheet.get(f"{jb}.section"),
                    "work": sheet.get(f"{jb}.status.work"), "partners": sheet.get(f"{jb}.status.partners"),
                    "evaluation": sheet.get(f"{jb}.status.evaluation"), "effect": sheet.get(f"{jb}.status.effect"),
                    "indicator": sheet.get(f"{jb}.indicator.name"), "base": sheet.get(f"{jb}.indicator.values.base"),
                    "target": sheet.get(f"{jb}.indicator.values.target"),
                    "current": sheet.get(f"{jb}.indicator.values.current")}))
    return out


def _partners(codes: object, joined: bool) -> str | None:
    if not codes:
        return None
    marks = [CIRCLED[int(c) - 1] for c in codes]  # type: ignore[union-attr]
    return "".join(marks) if joined else "、".join(marks)


def layout_as_printed(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "評価表"
    wrap = Alignment(wrap_text=True, vertical="top")
    ws["A1"] = "令和５年度　協働のまちづくり行動計画　評価表"
    ws.merge_cells("A1:L1")
    # the header over rows 3 and 4
    for col, text in (("A", "No."), ("B", "事　業　名"), ("C", "担当課")):
        ws[f"{col}3"] = text
        ws.merge_cells(f"{col}3:{col}4")
    ws["D3"] = "（１）令和５年度実施状況"
    ws.merge_cells("D3:G3")
    ws["H3"] = "（２）目標指標の状況"
    ws.merge_cells("H3:K3")
    for col, text in zip("DEFGHIJK", ["取組内容", "協働の相手\n①～⑦", "事業の\n評価", "効果、理由\n（問題点）",
                                       "目標指標", "基準値\n（R3)", "目標値\n（R9)", "現状値\n（R5)"], strict=True):
        ws[f"{col}4"] = text
    row, number = 5, 0
    last_process = last_item = None
    for p in projects():
        if p.process != last_process:
            ws.cell(row, 1, f"{p.process}　{p.reference}")
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=11)
            row += 1
            last_process = p.process
        if p.item != last_item:
            if last_item is not None:
                row += 1  # a blank row between the 項目
            ws.cell(row, 1, p.item)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=11)
            row += 1
            last_item = p.item
        number += 1
        v = p.values
        ws.cell(row, 1, number)
        cells = [v["name"], v["section"], v["work"], _partners(v["partners"], joined=True),
                 FULL_GRADE.get(str(v["evaluation"])) if v["evaluation"] else None, v["effect"],
                 v["indicator"], v["base"], v["target"], v["current"]]
        for col, value in enumerate(cells, start=2):
            if value is not None:
                ws.cell(row, col, value).alignment = wrap
        row += 1
    wb.save(path)
    return path


def layout_reordered(path: Path) -> tuple[Path, dict[int, str]]:
    """The second layout and the 事業 rows (by their place in ``projects()``) it spoils on purpose, with why."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    header = ["プロセス名", "取組項目", "所管課", "事業名称", "評価", "実施内容", "協働相手", "効果・理由",
              "指標名", "現状値（令和5年度）", "基準値（令和3年度）", "目標値（令和9年度）", "備考"]
    for col, text in enumerate(header, start=1):
        ws.cell(2, col, text)
    spoiled = {3: "evaluation", 6: "partners"}
    row = 3
    groups: dict[tuple[int, str], list[int]] = {}
    for n, p in enumerate(projects()):
        v = p.values
        evaluation = "E" if spoiled.get(n) == "evaluation" else v["evaluation"]
        partners = "⑧" if spoiled.get(n) == "partners" else _partners(v["partners"], joined=False)
        cells = [p.process, p.item, v["section"], v["name"], evaluation, v["work"], partners, v["effect"],
                 v["indicator"], v["current"], v["base"], v["target"], "再掲" if n == 1 else None]
        for col, value in enumerate(cells, start=1):
            if value is not None:
                ws.cell(row, col, value)
        groups.setdefault((1, p.process), []).append(row)
        groups.setdefault((2, p.item), []).append(row)
        row += 1
    for (col, _), rows in groups.items():  # プロセス and 項目 merged down over their rows
        if len(rows) > 1:
            ws.merge_cells(start_row=rows[0], start_column=col, end_row=rows[-1], end_column=col)
    ws.cell(row + 3, 13, "")  # blank spare rows below the table
    wb.save(path)
    return path, spoiled


_FIELDS = {"name": "name", "section": "section", "work": "status.work", "partners": "status.partners",
           "evaluation": "status.evaluation", "effect": "status.effect", "indicator": "indicator.name",
           "base": "indicator.values.base", "target": "indicator.values.target", "current": "indicator.values.current"}


def read_back(values: dict[str, object]) -> list[tuple[dict[str, object], dict[str, str]]]:
    """The imported sheet's 事業 rows in order: (what each row holds, the path of each of its fields)."""
    rows = []
    for p in values.get("plan.processes", ()):  # type: ignore[union-attr]
        base = f"plan.processes.{p}"
        for i in values.get(f"{base}.items", ()):  # type: ignore[union-attr]
            ib = f"{base}.items.{i}"
            for j in values.get(f"{ib}.projects", ()):  # type: ignore[union-attr]
                jb = f"{ib}.projects.{j}"
                paths = {"process": f"{base}.name", "reference": f"{base}.reference", "item": f"{ib}.name",
                         **{k: f"{jb}.{rel}" for k, rel in _FIELDS.items()}}
                rows.append(({k: values.get(path) for k, path in paths.items()}, paths))
    return rows


def classify(result, spoiled: dict[int, str] | None = None) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Every field of every 事業 row: right / flagged / wrong (unflagged) / missing, against the sample."""
    spoiled = spoiled or {}
    flagged = set(result.needs_review())
    truth = projects()
    got = read_back(result.sheet.values)
    classes: dict[str, list[str]] = {"right": [], "flagged": [], "wrong": [], "missing": []}
    seen: set[tuple[str, object, str | None]] = set()  # a プロセス or 項目 counts once, not once per 事業 under it
    for n, want in enumerate(truth):
        have, paths = got[n] if n < len(got) else ({}, {})
        expected = {"process": want.process, "reference": want.reference, "item": want.item, **want.values}
        for k, w in expected.items():
            if w is None and have.get(k) is None:
                continue
            if k in ("process", "reference", "item"):
                if (k, w, paths.get(k)) in seen:
                    continue
                seen.add((k, w, paths.get(k)))
            where = f"row {n + 1} {k}"
            h = have.get(k)
            if isinstance(h, tuple) and isinstance(w, list):
                w = tuple(w)
            if paths.get(k) in flagged:
                classes["flagged"].append(where)
            elif h is None:
                classes["missing"].append(where)
            elif h != w or spoiled.get(n) == k:
                classes["wrong"].append(f"{where}: {h!r} (expected {w!r})")
            else:
                classes["right"].append(where)
    for n in range(len(truth), len(got)):
        classes["wrong"].append(f"row {n + 1}: a 事業 row the table does not have")
    return classes
