"""Flow layouts as a user sees them on paper: tables over pages, rows that grow, nothing cut.

The forms and layouts are written by hand (flow_forms); texts come from the seeds.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sheetdesk.forms import FormRegistry
from sheetdesk.render import SheetOverflow, render_booklet, render_pdf, render_xlsx
from sheetdesk.render.flow import flow_sheet
from sheetdesk.render.layout import any_layout_for
from sheetdesk.render.pdf import OVERFLOW_MARK

from .conftest import MM, box_text, load_sample, open_pdf, squash
from .flow_forms import LONG_INDICATOR, SEED_PROJECTS, SEED_STATUS, action_sheet, status_sheet, write_forms

A3_LANDSCAPE = (420 * MM, 297 * MM)
A4_PORTRAIT = (210 * MM, 297 * MM)
HEADER_WORDS = ("事業名", "担当課", "取組内容", "協働の相手", "効果、理由（問題点）", "目標指標の値", "基準値（R3）",
                "現状値（R5）")


@pytest.fixture(scope="module")
def flow_registry(tmp_path_factory: pytest.TempPathFactory) -> FormRegistry:
    return write_forms(tmp_path_factory.mktemp("forms"))


def _cells(pdf: bytes, pages, suffix: str | tuple[str, ...]) -> dict[str, str]:  # noqa: ANN001 - fitted pages
    """The text printed inside each box whose path ends with ``suffix``, read back from the PDF."""
    out = {}
    with open_pdf(pdf) as doc:
        for page, boxes in zip(doc.pages, pages, strict=True):
            for b in boxes:
                p = b.placed
                if p.path and p.path.endswith(suffix):
                    out[p.path] = box_text(page, p.bbox)
    return out


def _size(page) -> tuple[float, float]:  # noqa: ANN001 - pdfplumber page
    return (round(float(page.width), 1), round(float(page.height), 1))


def test_a_nested_table_runs_over_pages_with_its_header_on_each(flow_registry) -> None:
    sheet = action_sheet(flow_registry)  # 2 プロセス × 2 項目 × 11 事業 = 44 rows
    pdf = render_pdf(flow_registry.latest("kyodo-action"), sheet, registry=flow_registry)
    with open_pdf(pdf) as doc:
        pages = [squash(p.extract_text()) for p in doc.pages]
        sizes = {_size(p) for p in doc.pages}
    assert len(pages) >= 3
    assert sizes == {tuple(round(v, 1) for v in A3_LANDSCAPE)}  # the layout's paper: A3 landscape
    for n, text in enumerate(pages, start=1):
        assert all(squash(w) in text for w in HEADER_WORDS), n  # the header rows on every page
        assert text.endswith(f"{n}／{len(pages)}")
    assert "令和5年度協働推進行動計画評価表" in pages[0]
    assert all("1第２次協働推進行動計画" in p for p in pages[1:])  # later pages name the sheet
    whole = "".join(pages)
    # every 事業 printed whole, in its own cell on the page the flow put it (none cut at a page's foot)
    form = flow_registry.latest("kyodo-action")
    layout = any_layout_for(form, flow_registry)
    works = _cells(pdf, flow_sheet(form, sheet, layout), ".work")
    assert len(works) == 44
    assert all(printed == squash(str(sheet.values[path])) for path, printed in works.items())
    # group rows: each 項目 once, and again atop a page that continues it
    assert whole.count("（１）市民の組織機能を強化するための支援") >= 2
    assert "プロセス４夢を形にする（動く）" in whole
    # 3 of 4 項目 start on a later page than the first: their プロセス is printed again above them
    for text in pages[1:]:
        assert text.index("プロセス名") < text.index("項目名")


def test_rows_grow_with_their_texts_and_nothing_is_cut(flow_registry) -> None:
    sheet = status_sheet(flow_registry)  # a form with no layout file: the automatic flow
    form = flow_registry.latest("genjo-kadai")
    pdf = render_pdf(form, sheet, registry=flow_registry)
    with open_pdf(pdf) as doc:
        text = "".join(squash(p.extract_text()) for p in doc.pages)
        sizes = {_size(p) for p in doc.pages}
    assert sizes == {tuple(round(v, 1) for v in A4_PORTRAIT)}
    lists = _cells(pdf, flow_sheet(form, sheet, any_layout_for(form, flow_registry)),
                   (".status", ".issues", "reference.name", "reference.note"))
    eight = "".join("・" + squash(SEED_STATUS[i % 3]) for i in range(8))  # each item whole, a bullet each
    assert lists["directions.1.status"] == eight and lists["directions.1.issues"] == eight
    assert lists["reference.name"] == squash(LONG_INDICATOR)  # a one-line box: it shrinks to hold 57 characters
    assert lists["reference.note"] == "言語間・国際文化間の違いにより不便に感じている市民の割合出典元：国立市市民意識調査"
    assert "H30年度R2年度R3年度R4年度参考指標推移（人）1,8521,6631,7191,836" in text  # one header row, one cell a year  # the series: H30 R2 R3 R4, one cell each
    assert OVERFLOW_MARK not in text


def test_row_heights_follow_their_texts(flow_registry) -> None:
    form = flow_registry.latest("kyodo-action")
    sheet = action_sheet(flow_registry, projects_per_item=3)
    layout = any_layout_for(form, flow_registry)
    boxes = [b for page in flow_sheet(form, sheet, layout) for b in page]
    names = {b.text: b.placed.h for b in boxes if b.placed.path and b.placed.path.endswith(".name")
             and b.text in {r[0] for r in SEED_PROJECTS}}
    # the 自治会活動支援 row holds the longest 取組内容: it is the tallest; 各種助成制度 takes two lines
    assert names["自治会活動支援"] > names["コミュニティ設立支援"] > names["各種助成制度の情報提供"]
    assert all(b.fit.fits for b in boxes)


def test_text_that_cannot_fit_a_fixed_box_is_refused_then_marked(flow_registry) -> None:
    form = flow_registry.latest("kyodo-action")
    sheet = action_sheet(flow_registry, projects_per_item=1)
    sheet.values["head.name"] = "第２次協働推進行動計画" * 30  # a one-line box: it shrinks, it does not grow
    with pytest.raises(SheetOverflow) as info:
        render_pdf(form, sheet, registry=flow_registry)
    assert "計画名" in str(info.value)
    pdf = render_pdf(form, sheet, registry=flow_registry, allow_overflow=True)
    with open_pdf(pdf) as doc:
        assert OVERFLOW_MARK in doc.pages[0].extract_text()


def test_a_row_taller_than_a_page_is_marked_never_cut(flow_registry) -> None:
    form = flow_registry.latest("kyodo-action")
    sheet = action_sheet(flow_registry, projects_per_item=1)
    sheet.values["processes.3.items.1.projects.1.work"] = SEED_PROJECTS[2][2] * 40
    with pytest.raises(SheetOverflow) as info:
        render_pdf(form, sheet, registry=flow_registry)
    assert "取組内容" in str(info.value) and "事業1" in str(info.value)
    pdf = render_pdf(form, sheet, registry=flow_registry, allow_overflow=True)
    with open_pdf(pdf) as doc:
        assert any(OVERFLOW_MARK in (p.extract_text() or "") for p in doc.pages)


def test_xlsx_takes_the_layouts_paper_and_every_row(flow_registry) -> None:
    for form_id, sheet, paper, landscape in (
        ("kyodo-action", action_sheet(flow_registry, projects_per_item=2), "8", True),
        ("genjo-kadai", status_sheet(flow_registry), "9", False),
    ):
        data = render_xlsx(flow_registry.latest(form_id), sheet, registry=flow_registry)
        wb = load_workbook(io.BytesIO(data))
        sheets = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
        for ws in sheets:
            assert str(ws.page_setup.paperSize) == paper  # 8: A3, 9: A4
            assert ws.page_setup.orientation == ("landscape" if landscape else "portrait")
        cells = [str(c.value) for ws in sheets for row in ws.iter_rows() for c in row if c.value is not None]
        if form_id == "kyodo-action":
            assert sum(1 for c in cells if c == "自治会活動支援") == sum(
                1 for k, v in sheet.values.items() if k.endswith(".name") and v == "自治会活動支援")
        else:
            assert any(LONG_INDICATOR == c for c in cells)


def test_a_booklet_mixes_families_each_in_its_own_layout(flow_registry, registry) -> None:
    standard = load_sample(registry)
    items = [
        (registry.get(standard.form_id, standard.form_version), standard),
        (flow_registry.latest("kyodo-action"), action_sheet(flow_registry, projects_per_item=2, code="9")),
        (flow_registry.latest("genjo-kadai"), status_sheet(flow_registry)),
    ]
    pdf = render_booklet(items, registry=flow_registry)
    with open_pdf(pdf) as doc:
        texts = [squash(p.extract_text() or "") for p in doc.pages]
        sizes = [_size(p) for p in doc.pages]
    toc = texts[1]
    assert toc.startswith("目次")
    # 様式 column (families mix), identity labels from the forms
    assert "様式" in toc and "施策マネジメントシート" in toc and "施策の現状と課題" in toc
    assert "施策番号" in toc
    summary = texts[2]  # only the standard layout declares summary columns
    assert summary.startswith("一覧表") and "4（1）成果実績目標達成度" in summary
    # each sheet on its own paper, at the page the 目次 gives
    a3l, a4p = tuple(round(v, 1) for v in A3_LANDSCAPE), tuple(round(v, 1) for v in A4_PORTRAIT)
    # sheets in code order 1-1, 9, 施策５－①: the 目次 gives 枚目 and first page of each
    kyodo = next(i for i, t in enumerate(texts) if t.startswith("令和5年度協働推進行動計画評価表"))
    status = next(i for i, t in enumerate(texts) if t.startswith("施策の現状と課題"))
    assert f"第２次協働推進行動計画市民協働推進課2{kyodo + 1}" in toc and f"地域共生社会づくりの推進3{status + 1}" in toc
    assert sizes[kyodo] == a3l and sizes[status] == a4p and sizes.count(a4p) == 1
    assert texts[kyodo].endswith(str(kyodo + 1))  # the booklet numbers every page
    assert sizes[0] == a3l  # the lists take the first sheet's paper


def test_a_form_file_with_no_layout_prints_without_code(tmp_path: Path) -> None:
    """A city's new form file, copied into the forms folder, prints at once (automatic flow)."""
    registry = write_forms(tmp_path)
    form = registry.latest("genjo-kadai")
    assert form.layout is None
    assert render_pdf(form, status_sheet(registry), registry=registry).startswith(b"%PDF")
