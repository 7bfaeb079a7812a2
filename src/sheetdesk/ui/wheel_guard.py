"""The mouse wheel scrolls the page unless a value widget has the keyboard focus.

Qt's combo boxes, spin boxes and sliders take the wheel as "change my value"
and even take the focus from it, so scrolling through a sheet with the
pointer resting on a grade changed the grade (and saved it as the user's
edit). One application-wide filter fixes every such widget, present and
future: they no longer take the focus from the wheel, and a wheel over one
that has no focus goes to the scroll area around it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox, QAbstractSlider)


def _scroll_target(widget: QWidget) -> QWidget | None:
    """The viewport of the nearest scroll area around `widget` (a scroll bar is not a value widget)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            return parent.viewport()
        parent = parent.parentWidget()
    return None


class WheelGuard(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if not isinstance(obj, GUARDED) or isinstance(obj, QScrollBar):
            return False
        kind = event.type()
        if kind == QEvent.Type.Polish and obj.focusPolicy() == Qt.FocusPolicy.WheelFocus:
            obj.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        elif kind == QEvent.Type.Wheel and not obj.hasFocus():
            target = _scroll_target(obj)
            if target is not None:
                QApplication.sendEvent(target, event)
            return True  # the value stays as it is
        return False


def ensure_wheel_guard() -> None:
    """Install the guard on the running application, once (the app owns it)."""
    app = QApplication.instance()
    if app is None or app.findChild(WheelGuard) is not None:
        return
    app.installEventFilter(WheelGuard(app))
