"""New sheet: pick the form (family), the evaluation year and what names the sheet.

The form comes first (the standard form unless another is picked); the
fields that name a sheet (施策番号・基本施策名… or 事業番号・事務事業名…) are
the chosen form's identity fields, in its own words, and change with it.
"""

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
from sheetdesk.app.identity import ROLES, default_form, identity_labels
from sheetdesk.forms import FormDefinition
from sheetdesk.glossary import NEW_SHEET_WORDS as WORDS
from sheetdesk.model import Plan, Sheet
from sheetdesk.wareki import fiscal_year_label

YEARS = list(range(2015, 2041))
REQUIRED_ROLES = ("code", "name")


class NewSheetDialog(QDialog):
    """``known`` are SheetSummary rows (to offer what is already named); ``plan`` prefills the plan."""

    def __init__(self, forms: list[FormDefinition], known: list, plan: Plan | None, year: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(WORDS["title"])
        self.forms, self.known = forms, known
        self.layout_ = form = QFormLayout(self)
        self.form_combo = QComboBox()
        self.form_combo.setAccessibleName(WORDS["form"])
        for f in forms:
            self.form_combo.addItem(f"{f.title}（第{f.version}版）", f.id)
        if forms:
            self.form_combo.setCurrentIndex(forms.index(default_form(forms)))
        form.addRow(WORDS["form"], self.form_combo)
        self.year = self._year_combo(year)
        self.year.setAccessibleName(WORDS["year"])
        form.addRow(WORDS["year"], self.year)
        self.measure = QComboBox()
        self.measure.setAccessibleName(WORDS["known"])
        self.measure.currentIndexChanged.connect(self._measure_chosen)
        form.addRow(WORDS["known"], self.measure)
        self.edits: dict[str, QLineEdit] = {role: QLineEdit() for role in ROLES}
        self.captions: dict[str, QLabel] = {role: QLabel() for role in ROLES}
        for role in ("code", "name", "policy", "section"):  # the order a person fills them in
            form.addRow(self.captions[role], self.edits[role])
        self.code, self.name = self.edits["code"], self.edits["name"]
        self.policy, self.section = self.edits["policy"], self.edits["section"]
        self.municipality, self.plan_name = QLineEdit(), QLineEdit()
        self.municipality.setAccessibleName(WORDS["municipality"])
        self.plan_name.setAccessibleName(WORDS["plan_name"])
        form.addRow(WORDS["municipality"], self.municipality)
        form.addRow(WORDS["plan_name"], self.plan_name)
        self.start = self._year_combo(plan.start_year if plan else year)
        self.end = self._year_combo(plan.end_year if plan else year + 7)
        form.addRow(WORDS["plan_start"], self.start)
        form.addRow(WORDS["plan_end"], self.end)
        if plan:
            self.municipality.setText(plan.municipality)
            self.plan_name.setText(plan.name)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        form.addRow(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(WORDS["create"])
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(WORDS["cancel"])
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.form_combo.currentIndexChanged.connect(lambda _i: self._form_chosen())
        self._form_chosen()

    def _year_combo(self, chosen: int) -> QComboBox:
        combo = QComboBox()
        for y in YEARS:
            combo.addItem(fiscal_year_label(y), y)
        combo.setCurrentIndex(max(0, combo.findData(chosen)))
        return combo

    def labels(self) -> dict[str, str]:
        return identity_labels(self.chosen_form()) if self.forms else {}

    def _form_chosen(self) -> None:
        """Show the chosen form's identity fields in its words, and offer its known sheets."""
        labels = self.labels()
        for role in ROLES:
            shown = role in labels
            self.captions[role].setText(labels.get(role, ""))
            self.edits[role].setAccessibleName(labels.get(role, ""))
            self.layout_.setRowVisible(self.edits[role], shown)
            if not shown:
                self.edits[role].clear()
        form = self.chosen_form() if self.forms else None
        self.measure.blockSignals(True)
        self.measure.clear()
        self.measure.addItem(WORDS["new"], None)
        seen: set[str] = set()
        for s in self.known:
            if form is None or s.form_id != form.id or s.measure_code in seen:
                continue
            seen.add(s.measure_code)
            self.measure.addItem(f"{s.measure_code} {s.measure_name}", s)
        self.measure.blockSignals(False)
        self.layout_.setRowVisible(self.measure, self.measure.count() > 1)

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
        labels = self.labels()
        missing = [labels[r] for r in REQUIRED_ROLES if r in labels and not self.edits[r].text().strip()]
        if missing:
            return WORDS["missing"].format(words=WORDS["and"].join(labels[r] for r in REQUIRED_ROLES if r in labels))
        if not self.municipality.text().strip() or not self.plan_name.text().strip():
            return WORDS["missing_plan"]
        start, end, year = self.start.currentData(), self.end.currentData(), self.year.currentData()
        if end < start:
            return WORDS["end_before_start"]
        if not start <= year <= end:
            return WORDS["outside_plan"]
        return None

    def sheet(self) -> Sheet:
        plan = Plan(self.municipality.text().strip(), self.plan_name.text().strip(),
                    self.start.currentData(), self.end.currentData())
        identity = {role: self.edits[role].text() for role in self.labels()}
        return new_sheet(self.chosen_form(), plan, self.year.currentData(), identity)

    def _accept(self) -> None:
        problem = self.problem()
        if problem:
            self.error.setText(problem)
            return
        self.accept()
