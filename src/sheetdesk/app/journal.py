"""What a person typed, on disk before the autosave writes it: a journal of pending edits.

Autosave writes to the database about a second after typing pauses; a crash,
a logoff or a power cut in between would lose what was typed. So every edit
is also appended, as it happens, to a small file beside the database (one
file per open sheet and process) and forced to disk; once the store has
committed the edits the file is emptied, and when the sheet is closed with
nothing pending it is removed.

At the next start `recover` replays the files that no running SheetDesk
owns: an edit is applied when the stored value is still the one it replaced,
skipped when the store already has it, and kept (file renamed, user told)
when someone else has changed the field since. The person is told what was
restored and where anything kept lies.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from hashlib import sha1
from pathlib import Path
from typing import IO, Any

from sheetdesk.model import Value
from sheetdesk.model.sheet import is_empty
from sheetdesk.paths import app_dirs
from sheetdesk.wareki import fiscal_year_label

SUFFIX = ".jsonl"
KEPT = ".kept.jsonl"
_OPEN_HERE: set[Path] = set()  # journals this process is writing (a file of our own pid not here is orphaned)


def journal_folder(store: Any) -> Path:
    """Beside a SQLite file (`name.sqlite3.pending/`); for a server or memory database, in the data folder."""
    from sheetdesk.store.engine import sqlite_file

    path = sqlite_file(store.url)
    if path is not None:
        return file_journal_folder(path)
    key = sha1(store.url.render_as_string(hide_password=True).encode()).hexdigest()[:12]
    return app_dirs().data / "pending" / key


def _encode(spec: Any, value: Value) -> str | None:
    from sheetdesk.store import codec

    if is_empty(value):
        return None
    return codec.encode(spec, value) if spec is not None else codec.encode_plain(value)


def _decode(spec: Any, text: str | None) -> Value:
    from sheetdesk.store import codec

    return None if text is None else codec.decode(spec, text)


class Journal:
    """The pending edits of one open sheet, appended and synced as they are made."""

    def __init__(self, folder: Path, sheet_id: int, specs: dict[str, Any], sync: bool = True) -> None:
        self.folder = folder
        self.sheet_id = sheet_id
        self.specs = specs
        self.sync = sync
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
        self.path = folder / f"sheet{sheet_id}-{os.getpid()}-{stamp}{SUFFIX}"
        self._fh: IO[bytes] | None = None
        self.error: str | None = None

    @classmethod
    def for_session(cls, session: Any) -> Journal:
        return cls(journal_folder(session.store), session.sheet_id, session.specs)

    def _file(self) -> IO[bytes]:
        if self._fh is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._fh = self.path.open("ab")
            _OPEN_HERE.add(self.path)
        return self._fh

    def record(self, path: str, override: bool, old: Value, new: Value) -> None:
        """Append one edit and force it to disk; a journal that cannot be written says so and never blocks typing."""
        spec = self.specs.get(path)
        line = json.dumps({"sheet": self.sheet_id, "path": path, "override": override,
                           "old": _encode(spec, old), "new": _encode(spec, new),
                           "at": datetime.now(UTC).isoformat(timespec="milliseconds")}, ensure_ascii=False)
        try:
            fh = self._file()
            fh.write(line.encode("utf-8") + b"\n")
            fh.flush()
            if self.sync:
                os.fsync(fh.fileno())
            self.error = None
        except OSError as exc:
            self.error = f"入力の控え（{self.path}）を書けません（{exc.strerror or exc}）"

    def saved(self) -> None:
        """The store has committed every pending edit: the journal starts empty again."""
        if self._fh is None:
            return
        with contextlib.suppress(OSError):
            self._fh.truncate(0)
            self._fh.seek(0)
            self._fh.flush()
            if self.sync:
                os.fsync(self._fh.fileno())

    def close(self, pending: bool) -> None:
        """The sheet is closed: remove the file unless edits are still pending (then the next start replays them)."""
        if self._fh is not None:
            with contextlib.suppress(OSError):
                self._fh.close()
            self._fh = None
        _OPEN_HERE.discard(self.path)
        if not pending:
            with contextlib.suppress(OSError):
                self.path.unlink(missing_ok=True)


# --- recovery at start ----------------------------------------------------------------------------------------


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would send CTRL_C_EVENT there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def file_journal_folder(path: Path) -> Path:
    """The journals' folder of the SQLite file ``path``: beside it, `name.sqlite3.pending/`."""
    return path.with_name(path.name + ".pending")


def orphaned(folder: Path) -> list[Path]:
    """Journal files no running SheetDesk is writing."""
    if not folder.is_dir():
        return []
    out = []
    for p in sorted(folder.glob(f"sheet*{SUFFIX}")):
        if p.name.endswith(KEPT) or p in _OPEN_HERE:
            continue
        try:
            pid = int(p.name.split("-")[1])
        except (IndexError, ValueError):
            continue
        if pid == os.getpid() or not _pid_alive(pid):
            out.append(p)
    return out


def _entries(path: Path) -> Iterator[dict[str, Any]]:
    """The journal's complete lines (a line torn by the crash is left out)."""
    try:
        data = path.read_bytes()
    except OSError:
        return
    for raw in data.split(b"\n"):
        try:
            entry = json.loads(raw)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("path"), str) and isinstance(entry.get("sheet"), int):
            yield entry


@dataclass
class Recovery:
    """What the start-up replay did, in the words shown to the user."""

    restored: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)

    @property
    def message(self) -> str:
        lines = []
        if self.restored:
            lines.append("前回の終了時に保存されていなかった入力を復元しました。")
            lines += [f"・{r}" for r in self.restored]
        if self.kept:
            lines.append("次の入力は、その後に別の人（または別の画面）が変更していたため復元していません。"
                         "入力の控えは次のファイルに残してあります。")
            lines += [f"・{k}" for k in self.kept]
        return "\n".join(lines)

    def __bool__(self) -> bool:
        return bool(self.restored or self.kept)


def _sheet_name(sheet: Any, store: Any) -> str:
    form = store.registry.get(sheet.form_id, sheet.form_version)
    ident = sheet.identity(form)
    name = f"「{ident['name']}」" if ident.get("name") else ""
    return f"{fiscal_year_label(sheet.evaluation_year)} 施策番号 {ident.get('code', '')}{name}"


def _replay_sheet(store: Any, sheet_id: int, entries: list[dict[str, Any]]) -> tuple[int, list[str]]:
    """Apply one sheet's journaled edits; (how many applied, labels of those kept)."""
    from sheetdesk.store import Change

    sheet = store.load(sheet_id)
    specs = store.fields_of(sheet)
    first: dict[tuple[str, bool], str | None] = {}
    last: dict[tuple[str, bool], str | None] = {}
    for e in entries:
        key = (e["path"], bool(e.get("override")))
        first.setdefault(key, e.get("old"))
        last[key] = e.get("new")
    changes, kept = [], []
    for (path, override), new_text in last.items():
        spec = specs.get(path)
        if spec is None:
            kept.append(path)
            continue
        stored = (sheet.overrides if override else sheet.values).get(path)
        new, old = _decode(spec, new_text), _decode(spec, first[(path, override)])
        if stored == new:
            continue  # saved before the end came
        if stored == old:
            changes.append(Change(path, new, override=override))
        else:
            kept.append(spec.label)
    if changes:
        store.apply(sheet_id, sheet.version, changes)
    return len(changes), kept


def recover(store: Any, folder: Path | None = None) -> Recovery:
    """Replay every orphaned journal of this database (see the module docstring)."""
    from sheetdesk.store import StoreError

    folder = folder or journal_folder(store)
    report = Recovery()
    for path in orphaned(folder):
        by_sheet: dict[int, list[dict[str, Any]]] = {}
        for e in _entries(path):
            by_sheet.setdefault(e["sheet"], []).append(e)
        keep = False
        for sheet_id, entries in by_sheet.items():
            try:
                applied, kept = _replay_sheet(store, sheet_id, entries)
                name = _sheet_name(store.load(sheet_id), store)
            except StoreError as exc:
                report.kept.append(f"シート（ID {sheet_id}）: {exc}（{path.with_name(path.stem + KEPT)}）")
                keep = True
                continue
            if applied:
                report.restored.append(f"{name}: {applied}項目")
            if kept:
                keep = True
                report.kept.append(f"{name}: {'、'.join(kept)}（{path.with_name(path.stem + KEPT)}）")
        with contextlib.suppress(OSError):
            if keep:
                path.rename(path.with_name(path.stem + KEPT))
            else:
                path.unlink()
    return report
