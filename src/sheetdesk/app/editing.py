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

from sheetdesk.app import rows
from sheetdesk.app.overrides import UNKNOWN, Basis, is_stale, stored_bases
from sheetdesk.forms.definition import FieldKind, FieldSet, FieldSpec, FormDefinition
from sheetdesk.glossary import REVIEW_WORDS, ROW_WORDS, Status
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


@dataclass(frozen=True)
class RowStep:
    """One row operation (add, remove, move): every value it changed, undone and redone as one step."""

    label: str
    # (path, override, old, new) of each value the operation changed
    changes: tuple[tuple[str, bool, Value, Value], ...]


@dataclass(frozen=True)
class ReviewStep:
    """Texts marked 確認済み (no longer 「前年度のまま」) in one go; undo marks them carried over again."""

    label: str
    paths: frozenset[str]


Step = UndoStep | RowStep | ReviewStep
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
        undo_sink: Callable[[Step], None] | None = None,
    ) -> None:
        self.store = store
        self.form = form
        self.sheet = sheet
        self.specs: FieldSet = form.fields(sheet.context)
        self.schedule = schedule
        self.undo_sink = undo_sink
        self.observers: list[Observer] = []
        self.pending: dict[tuple[str, bool], Value] = {}
        self.last_error: str | None = None
        self.undo_steps: list[Step] = []
        self.redo_steps: list[Step] = []
        self.stats = SaveStats()
        # app.journal.Journal once the UI opens the sheet: each edit is on disk before it is saved
        self.journal: Any = None
        self._computed: dict[str, Computed] = compute(form, sheet)
        # each override's basis, the computed value when it was set (see app.overrides); read on first need
        self._bases: dict[str, Basis] | None = None
        self._basis_seen: dict[tuple[str, Value], Basis] = {}  # (path, override) -> basis, for undo and redo

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

    def override_is_stale(self, path: str) -> bool:
        """True when the override at ``path`` disagrees with a computed value that changed since it was set.

        An override chosen against the same numbers is a decision and is not stale.
        """
        return is_stale(self._computed.get(path), self._override_bases().get(path, UNKNOWN))

    def _override_bases(self) -> dict[str, Basis]:
        """The bases of the overrides, read from the store's history before the first edit of the session."""
        if self._bases is None:
            self._bases = {}
            if self.sheet.overrides and self.sheet.id is not None and hasattr(self.store, "history"):
                try:
                    self._bases = stored_bases(self.form, self.sheet, self.store.history(self.sheet.id))
                except Exception:  # noqa: BLE001 - without history an override is judged as before: flagged
                    self._bases = dict.fromkeys(self.sheet.overrides, UNKNOWN)
            for path, basis in self._bases.items():
                self._basis_seen[(path, self.sheet.overrides.get(path))] = basis
        return self._bases

    def _note_basis(self, path: str, value: Value, chosen: bool) -> None:
        """After an override edit (recomputed): a new choice is based on today's computed value; undo/redo keep theirs."""
        bases = self._override_bases()
        if value is None:
            bases.pop(path, None)
            return
        if chosen or (path, value) not in self._basis_seen:
            c = self._computed.get(path)
            self._basis_seen[(path, value)] = c.computed if c is not None else None
        bases[path] = self._basis_seen[(path, value)]

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
        self._override_bases()  # from the history, so before this session's first change
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
        if override:
            self._note_basis(path, value, chosen=record)
        self._notify(SessionEvent(frozenset(changed)))
        if self.schedule is not None and not override:
            self.schedule()
        else:  # an override at once, in a write of its own: history then dates its basis exactly
            self.flush()
        return True

    def undo(self) -> bool:
        """Undo the last step of the plain undo list (the UI uses QUndoStack instead)."""
        if not self.undo_steps:
            return False
        step = self.undo_steps.pop()
        if isinstance(step, RowStep):
            self.apply_row_step(step, undo=True)
        elif isinstance(step, ReviewStep):
            self.apply_review_step(step, undo=True)
        else:
            self.edit(step.path, step.old, step.override, record=False)
        self.redo_steps.append(step)
        return True

    def redo(self) -> bool:
        if not self.redo_steps:
            return False
        step = self.redo_steps.pop()
        if isinstance(step, RowStep):
            self.apply_row_step(step, undo=False)
        elif isinstance(step, ReviewStep):
            self.apply_review_step(step, undo=False)
        else:
            self.edit(step.path, step.new, step.override, record=False)
        self.undo_steps.append(step)
        return True

    # --- rows a user adds to a repeat -------------------------------------------

    def row_keys(self, path: str) -> tuple[str, ...]:
        return rows.rows_of(self.sheet.values, path)

    def _rows_spec(self, path: str) -> FieldSpec:
        spec = self._editable_spec(path, override=False)
        if spec.kind is not FieldKind.ROWS:
            raise EditRefused(ROW_WORDS["not_rows"].format(label=spec.label))
        return spec

    def _row_label(self, path: str, key: str) -> str:
        template = rows.row_template(self.specs, path)
        return template.row_label.replace("{n}", key) if template else key

    def add_row(self, path: str) -> str:
        """Add a row at the end of the repeat at ``path`` (with the rows its own repeats start with); its key."""
        spec = self._rows_spec(path)
        keys = self.row_keys(path)
        what = rows.row_words(spec)
        if spec.max_rows is not None and len(keys) >= spec.max_rows:
            raise EditRefused(ROW_WORDS["at_max"].format(what=what, max=spec.max_rows))
        key = rows.next_key(keys)
        changes: rows.Changes = {(path, False): (*keys, key)}
        rows.seed_rows(self.specs, f"{path}.{key}", changes)
        self._row_operation(ROW_WORDS["added"].format(what=what), changes)
        return key

    def remove_row(self, path: str, key: str) -> None:
        """Remove one row and every value in it (rows inside it included)."""
        spec = self._rows_spec(path)
        keys = self.row_keys(path)
        what = rows.row_words(spec)
        if key not in keys:
            raise EditRefused(ROW_WORDS["no_row"].format(what=what, key=key))
        if len(keys) <= spec.min_rows:
            raise EditRefused(ROW_WORDS["at_min"].format(what=what, min=spec.min_rows))
        changes: rows.Changes = {(path, False): tuple(k for k in keys if k != key)}
        rows.removal(self.sheet.values, self.sheet.overrides, f"{path}.{key}", changes)
        self._row_operation(ROW_WORDS["removed"].format(row=self._row_label(path, key)), changes)

    def move_row(self, path: str, key: str, step: int) -> bool:
        """Move a row ``step`` places (-1 up, +1 down); False when it is already at that end."""
        spec = self._rows_spec(path)
        keys = list(self.row_keys(path))
        if key not in keys:
            raise EditRefused(ROW_WORDS["no_row"].format(what=rows.row_words(spec), key=key))
        i = keys.index(key)
        j = i + step
        if not 0 <= j < len(keys):
            return False
        keys.insert(j, keys.pop(i))
        self._row_operation(ROW_WORDS["moved"].format(row=self._row_label(path, key)), {(path, False): tuple(keys)})
        return True

    def _row_operation(self, label: str, changes: rows.Changes) -> None:
        done: list[tuple[str, bool, Value, Value]] = []
        for (path, override), value in changes.items():
            bucket = self.sheet.overrides if override else self.sheet.values
            old = bucket.get(path)
            new = None if is_empty(value) else value
            if old != new:
                done.append((path, override, old, new))
        if not done:
            return
        step = RowStep(label, tuple(done))
        if self.undo_sink is not None:
            self.undo_sink(step)
        else:
            self.undo_steps.append(step)
            self.redo_steps.clear()
        self.apply_row_step(step, undo=False)

    def apply_row_step(self, step: RowStep, undo: bool) -> None:
        """Put every value of a row operation (back) in place: one recompute, one save, one notice."""
        if self.locked:
            raise EditRefused("確定したシートは編集できません。編集するには確定を解除してください")
        self._override_bases()
        for path, override, old, new in step.changes:
            bucket = self.sheet.overrides if override else self.sheet.values
            value = old if undo else new
            if value is None:
                bucket.pop(path, None)
            else:
                bucket[path] = value
            self.pending[(path, override)] = value
        changed = {path for path, _o, _a, _b in step.changes} | self._recompute()
        for path, override, old, new in step.changes:
            if override:
                self._note_basis(path, old if undo else new, chosen=False)
        self._notify(SessionEvent(frozenset(changed)))
        if self.schedule is not None:
            self.schedule()
        else:
            self.flush()

    def restore(self, path: str, value: Value, override: bool = False) -> bool:
        """Put an old value from the history back; this is an ordinary, undoable edit."""
        spec = self.specs.get(path)
        if spec is not None and spec.computed:
            override = True
        return self.edit(path, value, override=override)

    # --- reviewing carried-over texts ---------------------------------------------

    def carried_over(self, section: str | None = None) -> list[str]:
        """Texts still 「前年度のまま」 (not empty), in the paper's order; of one section with ``section``."""
        # the fields of the rows this sheet has (self.specs names a user row's fields only by pattern)
        order = {p: i for i, p in enumerate(self.form.fields(self.sheet.context, self.sheet.values))}
        paths = [p for p in self.sheet.unchanged_since_rollover
                 if p in self.specs and not is_empty(self.sheet.values.get(p))
                 and (section is None or self.specs[p].section == section)]
        return sorted(paths, key=lambda p: (order.get(p, len(order)), p))

    def mark_reviewed(self, paths: list[str]) -> bool:
        """Mark carried-over texts 確認済み without changing them: one undoable step, in history."""
        if self.locked:
            raise EditRefused("確定したシートは編集できません。編集するには確定を解除してください")
        wanted = frozenset(p for p in paths if p in self.sheet.unchanged_since_rollover)
        if not wanted:
            return False
        if len(wanted) == 1:
            label = REVIEW_WORDS["step"].format(label=self.specs[next(iter(wanted))].label)
        else:
            label = REVIEW_WORDS["step_section"].format(count=len(wanted))
        step = ReviewStep(label, wanted)
        self.apply_review_step(step, undo=False)
        if self.undo_sink is not None:
            self.undo_sink(step)
        else:
            self.undo_steps.append(step)
            self.redo_steps.clear()
        return True

    def apply_review_step(self, step: ReviewStep, undo: bool) -> None:
        """Write the marks at once (pending edits first), so the stored sheet and history agree."""
        if self.locked:
            raise EditRefused("確定したシートは編集できません。編集するには確定を解除してください")
        if not self.flush():
            raise EditRefused("未保存の変更を保存できないため、確認済みにできません")
        note = REVIEW_WORDS["history_undo" if undo else "history_note"]
        stored = self.store.set_carried_over(self.sheet_id, self.sheet.version, sorted(step.paths), undo, note)
        self.sheet.version = stored.version
        self.sheet.unchanged_since_rollover = stored.unchanged_since_rollover
        self._notify(SessionEvent(step.paths, saved=True))

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

        held = self._held_identity()
        changes = [Change(path, value, override=override)
                   for (path, override), value in self.pending.items() if (path, override) not in held]
        kept = "入力は消えていません（控えに保存済み）。" if self.journal is not None else "入力は画面に残っています。"
        if changes:
            started = perf_counter()
            try:
                stored = self.store.apply(self.sheet_id, self.sheet.version, changes)
            except Exception as exc:  # the user must hear about it; the values stay pending
                self.last_error = _save_error(exc)
                self._notify(SessionEvent(frozenset(), error=f"保存できませんでした: {self.last_error} {kept}"))
                return False
            self.stats.count += 1
            self.stats.seconds.append(perf_counter() - started)
            self.pending = {key: value for key, value in self.pending.items() if key in held}
            if self.journal is not None and not held:
                self.journal.saved()
            self.sheet.version = stored.version
        if held:  # saved the rest; the emptied 施策番号/基本施策名 waits for its new text
            labels = "」「".join(self.specs[path].label for path, _ in held)
            self.last_error = f"「{labels}」が空のため、この項目はまだ保存していません"
            self._notify(SessionEvent(frozenset(), error=f"{self.last_error}。入力すると保存します。{kept}"))
            return False
        self.last_error = None
        self._notify(SessionEvent(frozenset(), saved=True))
        return True

    def _held_identity(self) -> set[tuple[str, bool]]:
        """Pending edits that empty the sheet's 施策番号 or 基本施策名, which the store keeps no sheet without.

        Held back while the person types the new text (backspace, then type), so
        they never make the other edits' save fail.
        """
        roles = (self.form.identity.code, self.form.identity.name)
        return {(path, override) for (path, override), value in self.pending.items()
                if not override and path in roles and value is None}

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

    Each repeat of user rows starts with the fewest rows its form allows.

    ``identity`` maps the form's identity roles (code, name, policy, section)
    to text; the caller stores it with ``store.add``.
    """
    sheet = Sheet(form_id=form.id, form_version=form.version, plan=plan, evaluation_year=evaluation_year)
    sheet.values.update(rows.initial_rows(form.fields(sheet.context)))
    roles = form.identity.roles()
    for role, text in identity.items():
        if role in roles and text.strip():
            sheet.values[roles[role]] = text.strip()
    return sheet


# --- undo grouping: one step per word or IME commit -------------------------------

# Characters that end a word for undo: spaces and the punctuation of Japanese and Latin text.
WORD_ENDS = frozenset(" \t\n\u3000、。，．,.!?！？・「」『』（）()[]［］【】：；:;")


def text_change(old: Value, new: Value) -> tuple[int, str, str]:
    """Where two texts differ: (position, removed text, inserted text), greedy from the start.

    A list (one item a line) counts as its lines joined, as the person typed them.
    """
    a, b = _as_text(old), _as_text(new)
    p = 0
    while p < len(a) and p < len(b) and a[p] == b[p]:
        p += 1
    s = 0
    while s < len(a) - p and s < len(b) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, a[p:len(a) - s], b[p:len(b) - s]


def _as_text(value: Value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, tuple):
        return "\n".join(str(v) for v in value)
    return ""


def continues_word(run: UndoStep, step: UndoStep) -> bool:
    """True when ``step`` (one more keystroke) belongs to the undo step ``run`` (the word being typed).

    A run is one word: single characters typed one after another at the
    cursor, up to and including a space or punctuation mark; or a run of
    single-character deletions (Backspace/Delete) within one word. A paste or
    an IME commit (several characters at once) is a step of its own.
    """
    if run.path != step.path or run.override != step.override or run.old == run.new:
        return False
    pos, removed, inserted = text_change(run.old, run.new)
    npos, nremoved, ninserted = text_change(step.old, step.new)
    if not removed and inserted and not nremoved and len(ninserted) == 1:
        return npos == pos + len(inserted) and inserted[-1] not in WORD_ENDS
    if removed and not inserted and not ninserted and len(nremoved) == 1:
        adjoining = npos + 1 == pos or npos == pos  # Backspace before it, Delete after it
        return adjoining and nremoved not in WORD_ENDS
    return False


def is_keystroke(step: UndoStep) -> bool:
    """True for one character typed or deleted; a paste or IME commit is a step of its own."""
    _pos, removed, inserted = text_change(step.old, step.new)
    return len(removed) + len(inserted) == 1
