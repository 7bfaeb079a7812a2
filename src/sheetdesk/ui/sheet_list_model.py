"""The sheet list as a Qt table model over the store's SheetSummary rows.

Its columns name a sheet in the words of the sheets' forms (施策番号 for the
standard sheet, 事業番号 for another family; both, side by side, when the
list mixes them), with a 様式 column when more than one form is listed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from sheetdesk.app.identity import ROLES, default_form, shared_labels
from sheetdesk.forms.definition import FormDefinition
from sheetdesk.glossary import LIST_WORDS
from sheetdesk.localtime import local_time_label
from sheetdesk.wareki import fiscal_year_label

Index = QModelIndex | QPersistentModelIndex
Column = tuple[str, Callable[[Any], str]]

# the SheetSummary attribute holding each identity role
ROLE_FIELDS = {"policy": "policy_name", "code": "measure_code", "name": "measure_name", "section": "lead_section"}


def _attr(name: str) -> Callable[[Any], str]:
    return lambda s: getattr(s, name) or ""


class SheetListModel(QAbstractTableModel):
    """``forms`` finds a summary's form by (id, version); without it the columns are the role names' own."""

    def __init__(self, forms: Callable[[str, int], FormDefinition | None] | None = None,
                 fallback: FormDefinition | None = None) -> None:
        super().__init__()
        self.forms, self.fallback = forms, fallback  # fallback: whose words an empty list shows
        self.rows: list = []  # SheetSummary
        self.name_column = 0
        self.columns: list[Column] = self._columns([])

    def _form_of(self, s) -> FormDefinition | None:  # type: ignore[no-untyped-def]
        return self.forms(s.form_id, s.form_version) if self.forms is not None else None

    def headers_for(self, forms: list[FormDefinition]) -> list[str]:
        return [h for h, _ in self._columns_of(forms)]

    def _columns(self, rows: list) -> list[Column]:
        forms = {(s.form_id, s.form_version): self._form_of(s) for s in rows}
        known = [f for f in forms.values() if f is not None]
        return self._columns_of(known or ([self.fallback] if self.fallback is not None else []))

    def _columns_of(self, known: list[FormDefinition]) -> list[Column]:
        labels = shared_labels(known) if known else {}
        columns: list[Column] = [(LIST_WORDS["year"], lambda s: fiscal_year_label(s.evaluation_year))]
        if len({f.id for f in known}) > 1:
            columns.append((LIST_WORDS["form"], lambda s: getattr(self._form_of(s), "title", s.form_id)))
        for role in ROLES:
            if role in labels or not known:
                columns.append((labels.get(role, LIST_WORDS[role]), _attr(ROLE_FIELDS[role])))
        self.name_column = next((i for i, (h, _g) in enumerate(columns) if h == labels.get("name")), len(columns) - 1)
        columns.append((LIST_WORDS["status"], lambda s: s.status.label))
        columns.append((LIST_WORDS["updated"], lambda s: local_time_label(s.updated_at) if s.updated_at else ""))
        return columns

    @property
    def headers(self) -> list[str]:
        return [h for h, _ in self.columns]

    def set_rows(self, rows: list) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.columns = self._columns(self.rows)
        self.endResetModel()

    def sheet_id(self, row: int) -> int:
        return int(self.rows[row].id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        return self.columns[index.column()][1](self.rows[index.row()])


def __getattr__(name: str) -> list[str]:
    """``COLUMNS``: the list's headers for sheets of the default form (as the list shows them)."""
    if name != "COLUMNS":
        raise AttributeError(name)
    from sheetdesk.forms.loader import default_registry

    form = default_form(default_registry().all())
    model = SheetListModel(lambda _i, _v: form)
    return model.headers_for([form])
