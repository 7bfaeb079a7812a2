"""The sheet browser: filter the list, search every sheet's text, start a new sheet.

「前年度から作成」 emits ``rolloverRequested`` with the selected sheet id; the
main window rolls it over (ui.rollover_actions) and opens the new sheet.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from sheetdesk.app.identity import default_form, shared_labels
from sheetdesk.forms import FormRegistry
from sheetdesk.forms.definition import FormDefinition
from sheetdesk.forms.loader import FormError
from sheetdesk.glossary import LIST_WORDS, Status
from sheetdesk.ui.search_results import SearchResults
from sheetdesk.ui.sheet_list_model import SheetListModel
from sheetdesk.wareki import fiscal_year_label

ALL = "すべて"


class SheetBrowser(QWidget):
    openRequested = Signal(int, str)  # sheet id, field path ("" = where the user was)  # noqa: N815
    newRequested = Signal()  # noqa: N815
    rolloverRequested = Signal(int)  # the selected sheet to roll over into the next year  # noqa: N815

    def __init__(self, store, registry: FormRegistry | None = None,  # type: ignore[no-untyped-def]
                 parent: QWidget | None = None, *, load: bool = True) -> None:
        """``load=False`` leaves the list empty until ``reload`` (the main window reloads it as it shows it)."""
        super().__init__(parent)
        self.store, self.registry = store, registry
        top = QHBoxLayout()
        self.year = self._combo(LIST_WORDS["year"], top)
        self.section_caption = QLabel()
        self.section = self._combo("", top, self.section_caption)
        self.status = self._combo("状態", top)
        for s in Status:
            self.status.addItem(s.label, s)
        self.search = QLineEdit()
        self.search.setPlaceholderText("全シートを検索（語句を入力）")
        self.search.setAccessibleName("全文検索")
        self.search.setClearButtonEnabled(True)
        top.addWidget(self.search, 1)
        self.new_button = QPushButton("新しいシート…")
        self.new_button.clicked.connect(self.newRequested)
        self.rollover_button = QPushButton("前年度から作成")
        self.rollover_button.setToolTip("選択したシートをもとに、次の年度のシートを作成します")
        self.rollover_button.clicked.connect(self._rollover)
        top.addWidget(self.new_button)
        top.addWidget(self.rollover_button)

        forms = registry.all() if registry is not None else []
        self.model = SheetListModel(self._form, default_form(forms) if forms else None)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("シート一覧")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        self.table.activated.connect(lambda idx: self.openRequested.emit(self.model.sheet_id(idx.row()), ""))
        self.table.doubleClicked.connect(lambda idx: self.openRequested.emit(self.model.sheet_id(idx.row()), ""))
        self.results = SearchResults()
        self.results.openRequested.connect(self.openRequested)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.results)
        self.count = QLabel()

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self.search.returnPressed.connect(self.run_search)
        for combo in (self.year, self.section, self.status):
            combo.currentIndexChanged.connect(lambda _i: self._filters_changed())
        if load:
            self.reload()

    def _form(self, form_id: str, version: int) -> FormDefinition | None:
        if self.registry is None:
            return None
        try:
            return self.registry.get(form_id, version)
        except FormError:
            return None

    def _combo(self, label: str, row: QHBoxLayout, caption: QLabel | None = None) -> QComboBox:
        combo = QComboBox()
        combo.addItem(ALL, None)
        combo.setAccessibleName(label)
        caption = caption or QLabel(label)
        caption.setText(label)
        caption.setBuddy(combo)
        row.addWidget(caption)
        row.addWidget(combo)
        return combo

    def reload(self) -> None:
        """Read the list again (new sheets, years and sections); keep the chosen filters."""
        everything = self.store.list()
        self._name_section_filter(everything)
        self._fill(self.year, sorted({s.evaluation_year for s in everything}, reverse=True), fiscal_year_label)
        self._fill(self.section, sorted({s.lead_section for s in everything if s.lead_section}), str)
        self.apply_filters(everything)

    def _name_section_filter(self, everything: list) -> None:
        """The 施策統括課 / 担当課 filter in the words of the listed sheets' forms."""
        found = {(s.form_id, s.form_version): self._form(s.form_id, s.form_version) for s in everything}
        forms = [f for f in found.values() if f is not None]
        if not forms and self.registry is not None:
            forms = [default_form(self.registry.all())]
        word = shared_labels(forms).get("section", LIST_WORDS["section"])
        self.section_caption.setText(word)
        self.section.setAccessibleName(word)

    def _fill(self, combo: QComboBox, values: list, show) -> None:  # type: ignore[no-untyped-def]
        chosen = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(ALL, None)
        for v in values:
            combo.addItem(show(v), v)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

    def apply_filters(self, everything: list | None = None) -> None:
        year, section, status = self.year.currentData(), self.section.currentData(), self.status.currentData()
        if everything is not None and year is None and section is None and status is None:
            rows = everything
        else:
            rows = self.store.list(year=year, section=section, status=status)
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        for i in range(self.model.columnCount()):
            if i == self.model.name_column:
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)
            elif header.sectionResizeMode(i) is QHeaderView.ResizeMode.Stretch:  # the name column moved
                header.setSectionResizeMode(i, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(i, header.defaultSectionSize())
        self.count.setText(f"{len(rows)}件")
        if self.model.rowCount():
            self.table.selectRow(0)

    def _filters_changed(self) -> None:
        self.apply_filters()
        if self.search.text().strip():
            self.run_search()  # the hits shown follow the filters too

    def run_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text().strip()
        if not text:
            self.stack.setCurrentWidget(self.table)
            self.count.setText(f"{self.model.rowCount()}件")
            return
        hits = self.store.search(text, year=self.year.currentData(), section=self.section.currentData(),
                                 status=self.status.currentData())
        self.results.show_hits(hits)
        self.stack.setCurrentWidget(self.results)
        self.count.setText(f"「{text}」の検索結果 {len(hits)}件")

    def selected_sheet(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.sheet_id(rows[0].row()) if rows else None

    def _rollover(self) -> None:
        sheet_id = self.selected_sheet()
        if sheet_id is None:
            self.count.setText("前年度のシートを一覧から選択してください")
            return
        self.rolloverRequested.emit(sheet_id)

    def focus_list(self) -> None:
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
