"""What the packaging tests share (no __init__.py here: a package named `packaging` would hide the real one)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a user's shell: no PYTHONPATH, no venv of the checkout, our own data folder."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME"}}
    env.update(SHEETDESK_HOME=str(home), QT_QPA_PLATFORM="offscreen", **extra)
    return env


@dataclass(frozen=True)
class InstalledWheel:
    wheel: Path
    venv: Path

    @property
    def python(self) -> Path:
        return self.venv / "bin" / "python"

    @property
    def sheetdesk(self) -> Path:
        return self.venv / "bin" / "sheetdesk"
