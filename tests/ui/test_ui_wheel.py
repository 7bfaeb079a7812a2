"""Scrolling the page with the pointer over a grade or judgement never changes it (issue 11, 1)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QComboBox
from ui_helpers import find

from sheetdesk.forms import PlanContext

CTX = PlanContext("国立市", "第２次基本計画", 2020, 2027, 2023)


def _wheel_down(widget: QComboBox) -> None:
    at = QPointF(widget.rect().center())
    event = QWheelEvent(at, QPointF(widget.mapToGlobal(at.toPoint())), QPoint(0, 0), QPoint(0, -120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                        False)
    QApplication.sendEvent(widget, event)


def _scroll_area(widget: QComboBox) -> QAbstractScrollArea:
    parent = widget.parentWidget()
    while not isinstance(parent, QAbstractScrollArea):
        assert parent is not None, "the combo is not inside a scrolling page"
        parent = parent.parentWidget()
    return parent


def test_the_wheel_over_a_grade_scrolls_the_page_and_changes_nothing(qtbot, store, sheet_id, make_window,
                                                                      standard_form) -> None:
    w = make_window(store)
    w.resize(1000, 420)  # a short window, so the page has somewhere to scroll
    editor = w.open_sheet(sheet_id)
    editor.show_section("s4")
    combo = find(w, standard_form.fields(CTX)["s4.achievement_grade"].label)
    assert isinstance(combo, QComboBox)
    bar = _scroll_area(combo).verticalScrollBar()
    assert bar.maximum() > 0
    before_index, before_scroll = combo.currentIndex(), bar.value()
    for _ in range(3):
        _wheel_down(combo)
    assert combo.currentIndex() == before_index
    assert bar.value() > before_scroll, "the wheel should have scrolled the page"
    assert not editor.session.has_pending
    editor.close_session()
    stored = store.load(sheet_id)
    assert stored.values.get("s4.achievement_grade") is None
    assert not stored.overrides


def test_a_focused_combo_still_takes_the_wheel(qtbot, store, sheet_id, make_window, standard_form) -> None:
    w = make_window(store)
    editor = w.open_sheet(sheet_id)
    editor.show_section("s4")
    combo = find(w, standard_form.fields(CTX)["s4.achievement_grade"].label)
    assert isinstance(combo, QComboBox)
    combo.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(combo.hasFocus)
    start = combo.currentIndex()
    _wheel_down(combo)
    assert combo.currentIndex() == start + 1  # the user chose to change it
