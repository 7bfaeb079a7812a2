"""Validated form and layout files kept between runs, so a command does not validate them at each start.

Validating the four forms and their layouts with pydantic (and importing it,
and building the validators first) is a large part of a short command's
time. A file's validated objects are plain records (sheetdesk.forms.record,
no pydantic needed to read them back); they are written with ``pickle`` under the
app's cache folder (sheetdesk.paths), keyed by the file's bytes, the kind of
record, SheetDesk's version, the record modules' own files and pydantic's
(its version file, found without importing it), so an edited form file, a
new version or edited model code is validated again. Reading accepts only SheetDesk's own classes and ``Decimal``: a cache
file can hold data, never run other code. A cache that is missing, stale or
unreadable is simply made again; one that cannot be written is skipped.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import os
import pickle
import sys
from functools import cache
from pathlib import Path
from typing import TypeVar

from sheetdesk import __version__
from sheetdesk.paths import app_dirs

_FORMAT = 2  # 2: records (sheetdesk.forms.record), no longer pydantic models
# The modules whose classes a cached file holds, and what validates them; their files are part of the key.
_PACKAGE = Path(__file__).resolve().parents[1]
_MODEL_FILES = ("forms/definition.py", "forms/items.py", "forms/rules.py", "forms/fields.py", "render/layout.py",
                "forms/record.py", "forms/schema.py")
_ALLOWED = {("decimal", "Decimal")}

T = TypeVar("T")


@cache
def _code_key() -> str:
    """What identifies the model code: each model module's file size and time.

    A bundle carries no source files: there its executable's file stands for them.
    """
    parts = [f"v{_FORMAT}", __version__, f"py{sys.version_info[0]}.{sys.version_info[1]}"]
    for where_first in (*(_PACKAGE / name for name in _MODEL_FILES), _pydantic_version_file()):
        for where in (where_first, Path(sys.executable)):
            try:
                st = where.stat()
            except OSError:
                continue
            parts.append(f"{st.st_size}-{st.st_mtime_ns}")
            break
    return "|".join(parts)


def _pydantic_version_file() -> Path:
    """pydantic's version.py, found as an import would find it, but not imported (its import is the cost spared)."""
    spec = importlib.util.find_spec("pydantic")
    origin = spec.origin if spec is not None else None
    return Path(origin).with_name("version.py") if origin else Path(sys.executable)


def cache_file(source: Path, data: bytes, kinds: tuple[type, ...]) -> Path:
    """Where the validated objects of ``source`` (whose bytes are ``data``, read as one of ``kinds``) are kept."""
    names = ",".join(f"{k.__module__}.{k.__qualname__}" for k in kinds)
    digest = hashlib.sha256(f"{names}|{_code_key()}|".encode() + data).hexdigest()
    return app_dirs().cache / "forms" / f"{source.stem}-{digest[:32]}.pickle"


class _OwnClasses(pickle.Unpickler):
    """An unpickler that builds SheetDesk's classes and Decimal only."""

    def find_class(self, module: str, name: str) -> type:
        if module.startswith("sheetdesk.") or (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a SheetDesk class")


def load(source: Path, data: bytes, kinds: tuple[type[T], ...]) -> T | None:
    """The cached validated objects of ``source``, or None when there are none that can be trusted."""
    try:
        raw = cache_file(source, data, kinds).read_bytes()
        value = _OwnClasses(io.BytesIO(raw)).load()
    except Exception:  # noqa: BLE001 - missing, truncated or foreign: validate the file again
        return None
    return value if type(value) in kinds else None


def store(source: Path, data: bytes, kinds: tuple[type[T], ...], value: T) -> None:
    """Keep ``value`` (``source`` validated) for the next run; older versions of the file's entry go."""
    try:
        target = cache_file(source, data, kinds)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(tmp, target)
        for old in target.parent.glob(f"{source.stem}-*.pickle"):
            if old != target and len(old.stem) == len(target.stem):
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a read-only profile: validate again next time
