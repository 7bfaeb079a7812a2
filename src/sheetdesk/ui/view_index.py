"""Which view edits which path: built by the form page, extended by repeat editors."""

from __future__ import annotations

from typing import Any

from sheetdesk.ui.fields.base import FieldView


class ViewIndex:
    """Which view edits which path: the views built here, and the repeat editors that know their rows'."""

    def __init__(self) -> None:
        self.views: dict[str, FieldView] = {}
        self.repeats: list[Any] = []  # RepeatEditor

    def add(self, view: FieldView) -> None:
        for p in view.paths:
            self.views[p] = view

    def find(self, path: str) -> FieldView | None:
        view = self.views.get(path)
        if view is not None:
            return view
        for repeat in self.repeats:
            if path.startswith(f"{repeat.path}."):
                return repeat.view_for(path)
        return None
