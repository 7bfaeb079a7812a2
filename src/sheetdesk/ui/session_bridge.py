"""The Qt face of a SheetSession: signals, the autosave timer and the undo stack.

The session (sheetdesk.app.editing) does the work; this object turns its
observer calls into Qt signals, debounces saving to about a second after the
user pauses, and keeps the QUndoStack whose commands call back into the
session's one edit operation.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from sheetdesk.app.editing import (
    EditRefused,
    ReviewStep,
    RowStep,
    SessionEvent,
    SheetSession,
    Step,
    UndoStep,
    continues_word,
    is_keystroke,
)
from sheetdesk.forms.definition import FieldKind
from sheetdesk.model import Value

AUTOSAVE_MS = 1000
# Typing that never pauses is still saved this often (the journal has it on disk at once anyway).
MAX_AUTOSAVE_MS = 3000
# A save that failed (a lock, a full disk) is tried again after this long; the edits stay in the journal.
RETRY_MS = 5000
_TYPING = 1  # QUndoCommand id shared by merge-able edits


class FieldEditCommand(QUndoCommand):
    """One undo step; the keystrokes of one word in one text field merge into one (see continues_word)."""

    def __init__(self, bridge: SheetBridge, step: UndoStep, mergeable: bool) -> None:
        super().__init__(f"「{step.label}」の変更")
        self.bridge, self.step, self.mergeable = bridge, step, mergeable
        self._first = True

    def id(self) -> int:
        return _TYPING if self.mergeable else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, FieldEditCommand) or not continues_word(self.step, other.step):
            return False
        self.step = UndoStep(self.step.path, self.step.old, other.step.new, self.step.override, self.step.label)
        return True

    def redo(self) -> None:
        if self._first:  # the session has already applied it
            self._first = False
            return
        self.bridge.apply_step(self.step.path, self.step.new, self.step.override)

    def undo(self) -> None:
        self.bridge.apply_step(self.step.path, self.step.old, self.step.override)


class RowCommand(QUndoCommand):
    """One row operation (add, remove, move) as one undo step."""

    def __init__(self, bridge: SheetBridge, step: RowStep) -> None:
        super().__init__(step.label)
        self.bridge, self.step = bridge, step
        self._first = True

    def redo(self) -> None:
        if self._first:  # the session applies it right after recording it
            self._first = False
            return
        self.bridge.apply_row_step(self.step, undo=False)

    def undo(self) -> None:
        self.bridge.apply_row_step(self.step, undo=True)


class ReviewCommand(QUndoCommand):
    """Texts marked 確認済み as one undo step (undo: 「前年度のまま」 again)."""

    def __init__(self, bridge: SheetBridge, step: ReviewStep) -> None:
        super().__init__(step.label)
        self.bridge, self.step = bridge, step
        self._first = True

    def redo(self) -> None:
        if self._first:  # the session has already applied it
            self._first = False
            return
        self.bridge.apply_review_step(self.step, undo=False)

    def undo(self) -> None:
        self.bridge.apply_review_step(self.step, undo=True)


class SheetBridge(QObject):
    """Signals for every view of one open sheet."""

    fieldsChanged = Signal(object)  # frozenset[str] of paths whose shown value changed  # noqa: N815
    statusChanged = Signal()  # noqa: N815
    saved = Signal()
    pendingChanged = Signal(bool)  # noqa: N815
    message = Signal(str)  # a refusal or error, for the status bar

    def __init__(self, session: SheetSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_stack = QUndoStack(self)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.flush)
        self.deadline = QTimer(self)  # started by the first pending edit, not restarted by the next ones
        self.deadline.setSingleShot(True)
        self.deadline.setInterval(MAX_AUTOSAVE_MS)
        self.deadline.timeout.connect(self.flush)
        self.retry = QTimer(self)
        self.retry.setSingleShot(True)
        self.retry.setInterval(RETRY_MS)
        self.retry.timeout.connect(self.flush)
        session.schedule = self._schedule
        session.undo_sink = self._push_undo
        session.observers.append(self._on_event)
        self._views: dict[str, list] = {}
        self._all_views: list = []
        self.fieldsChanged.connect(self._dispatch)
        self.statusChanged.connect(self._dispatch_status)

    def register_view(self, view, paths: list[str]) -> None:  # type: ignore[no-untyped-def]
        """A FieldView to refresh when one of `paths` changes (and to lock with the sheet)."""
        if view not in self._all_views:
            self._all_views.append(view)
            view.destroyed.connect(lambda _o=None, v=view: self._forget(v))
        for p in paths:
            views = self._views.setdefault(p, [])
            if view not in views:
                views.append(view)

    def _forget(self, view) -> None:  # type: ignore[no-untyped-def]
        self._all_views = [v for v in self._all_views if v is not view]
        for views in self._views.values():
            if view in views:
                views.remove(view)

    def _dispatch(self, paths: frozenset[str]) -> None:
        seen: list = []
        for p in paths:
            for view in self._views.get(p, ()):
                if view not in seen:
                    seen.append(view)
        for view in seen:
            view.refresh()

    def _dispatch_status(self) -> None:
        for view in list(self._all_views):
            view.set_read_only(self.locked)

    # views call these
    def edit(self, path: str, value: Value, override: bool = False) -> bool:
        try:
            return self.session.edit(path, value, override=override)
        except EditRefused as exc:
            self.message.emit(str(exc))
            self.fieldsChanged.emit(frozenset({path}))  # put the stored value back on screen
            return False

    def restore(self, path: str, value: Value, override: bool = False) -> bool:
        try:
            return self.session.restore(path, value, override)
        except EditRefused as exc:
            self.message.emit(str(exc))
            return False

    def apply_step(self, path: str, value: Value, override: bool) -> None:
        try:
            self.session.edit(path, value, override=override, record=False)
        except EditRefused as exc:
            self.message.emit(str(exc))

    def apply_row_step(self, step: RowStep, undo: bool) -> None:
        try:
            self.session.apply_row_step(step, undo=undo)
        except EditRefused as exc:
            self.message.emit(str(exc))

    def mark_reviewed(self, paths: list[str]) -> bool:
        """Mark carried-over texts 確認済み; False (the refusal in the status line) when it cannot."""
        try:
            return self.session.mark_reviewed(paths)
        except EditRefused as exc:
            self.message.emit(str(exc))
            return False

    def apply_review_step(self, step: ReviewStep, undo: bool) -> None:
        try:
            self.session.apply_review_step(step, undo=undo)
        except EditRefused as exc:
            self.message.emit(str(exc))

    def add_row(self, path: str) -> str | None:
        """Add a row to the repeat at ``path``; its key, or None (the refusal is in the status line)."""
        try:
            return self.session.add_row(path)
        except EditRefused as exc:
            self.message.emit(str(exc))
            return None

    def remove_row(self, path: str, key: str) -> bool:
        try:
            self.session.remove_row(path, key)
        except EditRefused as exc:
            self.message.emit(str(exc))
            return False
        return True

    def move_row(self, path: str, key: str, step: int) -> bool:
        try:
            return self.session.move_row(path, key, step)
        except EditRefused as exc:
            self.message.emit(str(exc))
            return False

    def value(self, path: str) -> Value:
        return self.session.value(path)

    @property
    def locked(self) -> bool:
        return self.session.locked

    def flush(self) -> bool:
        self.timer.stop()
        self.deadline.stop()
        self.retry.stop()
        ok = self.session.flush()
        self.pendingChanged.emit(self.session.has_pending)
        if not ok:
            self.retry.start()
        return ok

    def end_typing_run(self) -> None:
        """The next keystroke starts a new undo step (an IME commit is a step of its own)."""
        top = self.undo_stack.command(self.undo_stack.index() - 1)
        if isinstance(top, FieldEditCommand):
            top.mergeable = False

    def close(self) -> None:
        """Write everything and detach from the session (the editor is going away)."""
        self.flush()
        self.retry.stop()
        if self._on_event in self.session.observers:
            self.session.observers.remove(self._on_event)

    # session hooks
    def _schedule(self) -> None:
        self.timer.start()
        if not self.deadline.isActive() and not self.retry.isActive():
            self.deadline.start()
        self.pendingChanged.emit(True)

    def _push_undo(self, step: Step) -> None:
        if isinstance(step, RowStep):
            self.undo_stack.push(RowCommand(self, step))
            return
        if isinstance(step, ReviewStep):
            self.undo_stack.push(ReviewCommand(self, step))
            return
        spec = self.session.specs.get(step.path)
        mergeable = spec is not None and spec.kind in (FieldKind.TEXT, FieldKind.LIST) and is_keystroke(step)
        self.undo_stack.push(FieldEditCommand(self, step, mergeable))

    def _on_event(self, event: SessionEvent) -> None:
        if event.paths:
            self.fieldsChanged.emit(event.paths)
        if event.status_changed:
            self.statusChanged.emit()
        if event.saved:
            self.saved.emit()
        if event.error:
            self.message.emit(event.error)
