"""New sheet: pick the form, the evaluation year and the 施策 (a known one, or typed anew)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from sheetdesk.app.editing import new_sheet
from sheetdesk.forms import FormDefinition
from sheetdesk.model import Plan, Sheet
from sheetdesk.wareki import fiscal_year_label

YEARS = list(range(2015, 2041))


class NewSheetDialog(QDialog):
    """``known`` are SheetSummary rows (to offer existing 施策); ``plan`` prefills the plan."""

    def __init__(self, forms: list[FormDefinition], known: list, plan: Plan | None, year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("新しいシート")
        self.forms = forms
        form = QFormLayout(self)
        self.form_combo = QComboBox()
        for f in forms:
            self.form_combo.addItem(f"{f.title}（第{f.version}版）", f.id)
        form.addRow("様式", self.form_combo)
        self.year = self._year_combo(year)
        form.addRow("評価対象年度", self.year)
        self.measure = QComboBox()
        self.measure.addItem("（新しい施策を入力）", None)
        seen: set[str] = set()
        for s in known:
            if s.measure_code in seen:
                continue
            seen.add(s.measure_code)
            self.measure.addItem(f"{s.measure_code} {s.measure_name}", s)
        self.measure.currentIndexChanged.connect(self._measure_chosen)
        form.addRow("施策", self.measure)
        self.code, self.name, self.policy, self.section = QLineEdit(), QLineEdit(), QLineEdit(), QLineEdit()
        for label, edit in (("施策番号", self.code), ("基本施策名", self.name), ("政策名", self.policy),
                            ("施策統括課", self.section)):
            edit.setAccessibleName(label)
            form.addRow(label, edit)
        self.municipality, self.plan_name = QLineEdit(), QLineEdit()
        self.municipality.setAccessibleName("市区町村名")
        self.plan_name.setAccessibleName("計画名")
        form.addRow("市区町村名", self.municipality)
        form.addRow("計画名", self.plan_name)
        self.start = self._year_combo(plan.start_year if plan else year)
        self.end = self._year_combo(plan.end_year if plan else year + 7)
        form.addRow("計画期間（初年度）", self.start)
        form.addRow("計画期間（最終年度）", self.end)
        if plan:
            self.municipality.setText(plan.municipality)
            self.plan_name.setText(plan.name)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("作成")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("キャンセル")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _year_combo(self, chosen: int) -> QComboBox:
        combo = QComboBox()
        for y in YEARS:
            combo.addItem(fiscal_year_label(y), y)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        return combo

    def _measure_chosen(self, _index: int) -> None:
        s = self.measure.currentData()
        if s is not None:
            self.code.setText(s.measure_code)
            self.name.setText(s.measure_name)
            self.policy.setText(s.policy_name)
            self.section.setText(s.lead_section)

    def chosen_form(self) -> FormDefinition:
        return self.forms[self.form_combo.currentIndex()]

    def problem(self) -> str | None:
        if not self.code.text().strip() or not self.name.text().strip():
            return "施策番号と基本施策名を入力してください"
        if not self.municipality.text().strip() or not self.plan_name.text().strip():
            return "市区町村名と計画名を入力してください"
        start, end, year = self.start.currentData(), self.end.currentData(), self.year.currentData()
        if end < start:
            return "計画期間の最終年度が初年度より前です"
        if not start <= year <= end:
            return "評価対象年度が計画期間の外です"
        return None

    def sheet(self) -> Sheet:
        plan = Plan(self.municipality.text().strip(), self.plan_name.text().strip(),
                    self.start.currentData(), self.end.currentData())
        identity = {"code": self.code.text(), "name": self.name.text(), "policy": self.policy.text(),
                    "section": self.section.text()}
        return new_sheet(self.chosen_form(), plan, self.year.currentData(), identity)

    def _accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        self.accept()
