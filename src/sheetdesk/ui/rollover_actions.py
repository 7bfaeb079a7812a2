"""前年度から作成 in the UI: one sheet from the browser, or a whole year from the menu.

The work is the service's (sheetdesk.app.services.roll_over_sheet /
roll_over_year); this module asks, reports and opens what was made.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from sheetdesk.ui.summary_dialog import SummaryDialog
from sheetdesk.ui.year_dialog import YearDialog
from sheetdesk.wareki import fiscal_year_label

if TYPE_CHECKING:
    from sheetdesk.ui.editor import SheetEditor
    from sheetdesk.ui.window_services import WindowServices

YEAR_TITLE = "年度一括で前年度から作成"
SKIPPED = "作成しなかったシート（理由）"
CREATED = "作成したシート"


def roll_over_one(services: WindowServices, open_sheet: Callable[[int], SheetEditor | None],
                  sheet_id: int) -> SheetEditor | None:
    """Make next year's sheet of the selected one and open it; say why when it cannot be made."""
    from sheetdesk.app.services import ServiceError, roll_over_sheet

    try:
        new_id = roll_over_sheet(services.store, sheet_id)
    except ServiceError as exc:
        QMessageBox.warning(services.parent, "前年度から作成できません", str(exc))
        return None
    editor = open_sheet(new_id)
    if editor is not None:
        year = editor.session.sheet.evaluation_year
        services.show_message(
            f"{fiscal_year_label(year)}のシートを作成しました。「前年度のまま」の文章を見直してください", 15000)
    return editor


def roll_over_year(services: WindowServices, show_year: Callable[[int], None]) -> SummaryDialog | None:
    """Ask for the year, roll every sheet of it over, show what was made and what was not (and why).

    ``show_year`` shows the sheet list filtered to the new year.
    """
    from sheetdesk.app.services import ServiceError
    from sheetdesk.app.services import roll_over_year as service

    store = services.store
    everything = store.list()
    counts: dict[int, int] = {}
    for s in everything:
        counts[s.evaluation_year] = counts.get(s.evaluation_year, 0) + 1
    if not counts:
        QMessageBox.information(services.parent, YEAR_TITLE, "もとにするシートがありません")
        return None

    def describe(year: int) -> str:
        return (f"{fiscal_year_label(year)}の全シート（{counts.get(year, 0)}件）をもとに、"
                f"{fiscal_year_label(year + 1)}のシートを作成します。既にあるシートはそのままです。")

    dialog = YearDialog(YEAR_TITLE, "どの年度のシートをもとにしますか。", list(counts), "作成", describe, services.parent)
    dialog.setAccessibleName(YEAR_TITLE)
    if dialog.exec() != YearDialog.DialogCode.Accepted or dialog.chosen_year() is None:
        return None
    year = dialog.chosen_year()
    assert year is not None
    services.flush_all()  # the source sheets as the user last saw them
    try:
        report = service(store, year)
    except ServiceError as exc:
        QMessageBox.warning(services.parent, YEAR_TITLE, str(exc))
        return None
    created = set(report.created)
    names = [f"施策番号 {s.measure_code}「{s.measure_name}」" for s in store.list(year=year + 1) if s.id in created]
    headline = f"{fiscal_year_label(year + 1)}のシートを{len(report.created)}件作成しました"
    if report.skipped:
        headline += f"。{len(report.skipped)}件は作成しませんでした"
    summary = SummaryDialog(YEAR_TITLE, headline, [(CREATED, names), (SKIPPED, report.skipped)], services.parent)
    show_year(year + 1)
    summary.exec()
    return summary
