"""One open sheet and the one operation that changes it.

Every change a person makes — typing, a number cell, an override, undo, a
restore from history — goes through `SheetSession.edit`. That single place
updates the in-memory sheet, recomputes totals and judgements, records the
undo step, queues the change for the store (which writes the value and its
history row in one `store.apply`) and tells every observer which paths now
show something else. The UI turns the observer calls into Qt signals; this
module knows nothing of Qt so the CLI and plain tests can use it too.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sheetdesk.forms.definition import FieldKind, FieldSpec, FormDefinition
from sheetdesk.glossary import Status
from sheetdesk.model import Computed, Sheet, Value, compute
from sheetdesk.model.sheet import is_empty
from sheetdesk.store.door import ValueRefused, admit


class EditRefused(Exception):
    """An edit the sheet does not accept; the message is for the user."""


@dataclass(frozen=True)
class UndoStep:
    """What one edit replaced: enough to undo and redo it."""

    path: str
    old: Value
    new: Value
    override: bool = False
    label: str = ""


@dataclass(frozen=True)
class SessionEvent:
    """What observers hear: which paths changed, and whether the sheet's state did."""

    paths: frozenset[str]
    status_changed: bool = False
    saved: bool = False
    error: str | None = None


Observer = Callable[[SessionEvent], None]


@dataclass
class SaveStats:
    """How long saves took (shown by the benchmark; saves must not block typing)."""

    count: int = 0
    seconds: list[float] = field(default_factory=list)


class SheetSession:
    """An open sheet: form + Sheet + store, with pending changes and observers.

    ``schedule`` is called after each edit with no argument; the UI passes a
    debounce timer's ``start`` so that changes are written about a second
    after the user pauses. Without it every edit is written at once.
    ``undo_sink`` receives each `UndoStep`; without it steps go to the
    session's own plain undo list (used by the CLI and Qt-free tests).
    """

    def __init__(
        self,
        store: Any,
        form: FormDefinition,
        sheet: Sheet,
        schedule: Callable[[], None] | None = None,
        undo_sink: Callable[[UndoStep], None] | None = None,
    ) -> None:
        self.store = store
        self.form = form
        self.sheet = sheet
        self.specs: dict[str, FieldSpec] = form.fields(sheet.context)
        self.schedule = schedule
        self.undo_sink = undo_sink
        self.observers: list[Observer] = []
        self.pending: dict[tuple[str, bool], Value] = {}
        self.last_error: str | None = None
        self.undo_steps: list[UndoStep] = []
        self.redo_steps: list[UndoStep] = []
        self.stats = SaveStats()
        # app.journal.Journal once the UI opens the sheet: each edit is on disk before it is saved
        self.journal: Any = None
        self._computed: dict[str, Computed] = compute(form, sheet)

    # --- reading ------------------------------------------------------------

    @property
    def sheet_id(self) -> int:
        assert self.sheet.id is not None, "a session is opened on a stored sheet"
        return self.sheet.id

    @property
    def locked(self) -> bool:
        return self.sheet.status is Status.FINAL

    @property
    def computed(self) -> dict[str, Computed]:
        return self._computed

    def value(self, path: str) -> Value:
        """What the field shows: the typed value, or for computed fields the effective one."""
        spec = self.specs.get(path)
        if spec is not None and spec.computed:
            c = self._computed.get(path)
            return c.effective if c else None
        return self.sheet.values.get(path)

    # --- the one operation ----------------------------------------------------

    def _editable_spec(self, path: str, override: bool) -> FieldSpec:
        """The field at ``path``, or EditRefused saying why it cannot be changed this way."""
        spec = self.specs.get(path)
        if spec is None:
            raise EditRefused(f"この様式にない項目です（{path}）")
        if self.locked:
            raise EditRefused("確定したシートは編集できません。編集するには確定を解除してください")
        if spec.computed and not override:
            raise EditRefused(f"「{spec.label}」は計算で求める項目です")
        if not spec.computed and override:
            raise EditRefused(f"「{spec.label}」は計算項目ではないため上書きできません")
        return spec

    def edit(self, path: str, value: Value, override: bool = False, record: bool = True) -> bool:
        """Change one field; returns False when nothing changed.

        ``override`` sets a person's decision on a computed field (None removes
        it). ``record=False`` is for undo/redo themselves.
        """
        spec = self._editable_spec(path, override)
        bucket = self.sheet.overrides if override else self.sheet.values
        if spec.kind is FieldKind.LIST and value is not None:
            value = tuple(value)  # type: ignore[arg-type]
        old = bucket.get(path)
        if is_empty(value):
            value = None
        else:
            try:  # refused as typed: a value the store cannot keep never becomes pending
                value = admit(value, spec.label)
            except ValueRefused as exc:
                raise EditRefused(str(exc)) from None
        if old == value:
            return False
        if value is None:
            bucket.pop(path, None)
        else:
            bucket[path] = value
        if path in self.sheet.unchanged_since_rollover:
            self.sheet.unchanged_since_rollover = self.sheet.unchanged_since_rollover - {path}
        if record:
            step = UndoStep(path, old, value, override, spec.label)
            if self.undo_sink is not None:
                self.undo_sink(step)
            else:
                self.undo_steps.append(step)
                self.redo_steps.clear()
        self.pending[(path, override)] = value
        if self.journal is not None:
            self.journal.record(path, override, old, value)
        changed = {path} | self._recompute()
        self._notify(SessionEvent(frozenset(changed)))
        if self.schedule is not None:
            self.schedule()
        else:
            self.flush()
        return True

    def undo(self) -> bool:
        """Undo the last step of the plain undo list (the UI uses QUndoStack instead)."""
        if not self.undo_steps:
            return False
        step = self.undo_steps.pop()
        self.edit(step.path, step.old, step.override, record=False)
        self.redo_steps.append(step)
        return True

    def redo(self) -> bool:
        if not self.redo_steps:
            return False
        step = self.redo_steps.pop()
        self.edit(step.path, step.new, step.override, record=False)
        self.undo_steps.append(step)
        return True

    def restore(self, path: str, value: Value, override: bool = False) -> bool:
        """Put an old value from the history back; this is an ordinary, undoable edit."""
        spec = self.specs.get(path)
        if spec is not None and spec.computed:
            override = True
        return self.edit(path, value, override=override)

    # --- saving ---------------------------------------------------------------

    @property
    def has_pending(self) -> bool:
        return bool(self.pending)

    def flush(self) -> bool:
        """Write pending changes in one store operation; keep them if the store refuses."""
        if not self.pending:
            return True
        from time import perf_counter

        from sheetdesk.store import Change

        changes = [Change(path, value, override=override) for (path, override), value in self.pending.items()]
        started = perf_counter()
        try:
            stored = self.store.apply(self.sheet_id, self.sheet.version, changes)
        except Exception as exc:  # the user must hear about it; the values stay pending
            self.last_error = _save_error(exc)
            kept = "入力は消えていません（控えに保存済み）。" if self.journal is not None else "入力は画面に残っています。"
            self._notify(SessionEvent(frozenset(), error=f"保存できませんでした: {self.last_error} {kept}"))
            return False
        self.last_error = None
        self.stats.count += 1
        self.stats.seconds.append(perf_counter() - started)
        self.pending.clear()
        if self.journal is not None:
            self.journal.saved()
        self.sheet.version = stored.version
        self._notify(SessionEvent(frozenset(), saved=True))
        return True

    def close(self) -> bool:
        """Write what is pending and let go of the journal; False when edits stay pending (kept in the journal)."""
        ok = self.flush()
        if self.journal is not None:
            self.journal.close(pending=self.has_pending)
            self.journal = None
        return ok

    def set_status(self, status: Status, reason: str | None = None) -> None:
        """作成中 → 提出済 → 確定; unlocking a 確定 sheet needs a reason, which the store records."""
        if self.sheet.status is Status.FINAL and status is not Status.FINAL and not (reason or "").strip():
            raise EditRefused("確定を解除する理由を入力してください")
        if not self.flush():
            raise EditRefused("未保存の変更を保存できないため、状態を変更できません")
        stored = self.store.set_status(self.sheet_id, self.sheet.version, status, reason=reason)
        self.sheet.status = stored.status
        self.sheet.version = stored.version
        self._notify(SessionEvent(frozenset(), status_changed=True))

    def history(self) -> list[Any]:
        self.flush()
        return self.store.history(self.sheet_id)

    # --- internals ------------------------------------------------------------

    def _recompute(self) -> set[str]:
        before = self._computed
        self._computed = compute(self.form, self.sheet)
        return {p for p, c in self._computed.items() if before.get(p) != c} | (set(before) - set(self._computed))

    def _notify(self, event: SessionEvent) -> None:
        for observer in list(self.observers):
            observer(event)


def _save_error(exc: Exception) -> str:
    """The store's errors speak Japanese already; anything else is said plainly, without a traceback."""
    from sheetdesk.store import StoreError

    if isinstance(exc, StoreError):
        return str(exc)
    if isinstance(exc, OSError):
        return f"ファイルに書き込めません（{exc.strerror or exc}）"
    return f"予期しないエラーです（{type(exc).__name__}）"


def new_sheet(form: FormDefinition, plan: Any, evaluation_year: int, identity: dict[str, str]) -> Sheet:
    """A blank sheet of `form` whose identity fields (施策番号, 基本施策名 …) are filled.

    ``identity`` maps the form's identity roles (code, name, policy, section)
    to text; the caller stores it with ``store.add``.
    """
    sheet = Sheet(form_id=form.id, form_version=form.version, plan=plan, evaluation_year=evaluation_year)
    roles = form.identity.roles()
    for role, text in identity.items():
        if role in roles and text.strip():
            sheet.values[roles[role]] = text.strip()
    return sheet
