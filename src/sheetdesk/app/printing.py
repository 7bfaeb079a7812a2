"""Printing services: one sheet to PDF or xlsx, a year's sheets to the council booklet."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from sheetdesk.forms import FormRegistry
from sheetdesk.model.sheet import Sheet
from sheetdesk.wareki import fiscal_year_label


class PrintError(Exception):
    """Printing refused; the message names the sheet and the fields (Japanese)."""


def _render(registry: FormRegistry, sheet: Sheet, fmt: str, allow_overflow: bool) -> bytes:
    form = registry.get(sheet.form_id, sheet.form_version)
    if fmt == "xlsx":
        from sheetdesk.render.xlsx import render_xlsx

        return render_xlsx(form, sheet, registry=registry)
    from sheetdesk.render.pdf import SheetOverflow, render_pdf

    try:
        return render_pdf(form, sheet, allow_overflow=allow_overflow, registry=registry)
    except SheetOverflow as exc:
        ident = sheet.identity(form)
        spec = form.fields(sheet.context).get(form.identity.code)
        code_label = spec.short_label or spec.label if spec is not None else ""
        raise PrintError(f"{code_label} {ident['code']}「{ident['name']}」: {exc}\n"
                         "文章を短くするか、--allow-overflow を指定して印刷してください") from exc


def default_filename(registry: FormRegistry, sheet: Sheet, fmt: str) -> str:
    ident = sheet.identity(registry.get(sheet.form_id, sheet.form_version))
    return f"{fiscal_year_label(sheet.evaluation_year)}_{ident['code']}_{ident['name']}.{fmt}".replace("/", "／")


def export_files(store, registry: FormRegistry, sheet_ids: list[int], fmt: str, output: Path,
                 *, allow_overflow: bool = False) -> list[Path]:
    """One ID: write `output`; several: one file each inside the folder `output`."""
    sheets = [store.load(i) for i in sheet_ids]
    if len(sheets) == 1 and output.suffix:
        targets = [output]
    else:
        output.mkdir(parents=True, exist_ok=True)
        targets = [output / default_filename(registry, s, fmt) for s in sheets]
    datas = [_render(registry, s, fmt, allow_overflow) for s in sheets]  # all or nothing
    for path, data in zip(targets, datas, strict=True):
        path.write_bytes(data)
    return targets


def booklet(store, registry: FormRegistry, year: int, *, allow_overflow: bool = False,
            progress: Callable[[int, int], None] | None = None,
            cancelled: Callable[[], bool] | None = None) -> bytes:
    """The council booklet of one evaluation year: every sheet, in 施策番号 order."""
    from sheetdesk.render.booklet import BookletOverflow, render_booklet

    summaries = store.list(year=year)
    if not summaries:
        raise PrintError(f"{fiscal_year_label(year)}のシートがありません")
    items = _with_forms(registry, (store.load(s.id) for s in summaries))
    try:
        return render_booklet(items, progress, cancelled, allow_overflow=allow_overflow, registry=registry)
    except BookletOverflow as exc:
        raise PrintError(f"{exc}\n文章を短くするか、--allow-overflow を指定して印刷してください") from exc


def _with_forms(registry: FormRegistry, sheets: Iterable[Sheet]) -> list:
    return [(registry.get(s.form_id, s.form_version), s) for s in sheets]
