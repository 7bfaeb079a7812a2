"""Where SheetDesk keeps its files: one place, so tests can point it elsewhere.

In this order:
- the environment variable SHEETDESK_HOME moves every directory below one folder
  (the tests use it);
- portable mode: a file named ``portable.txt`` beside the executable
  (SheetDesk.exe of the bundle, else the Python interpreter) keeps every
  directory in ``SheetDeskData`` beside it, so SheetDesk runs from a USB stick
  and leaves nothing on the PC;
- otherwise platformdirs' user folders (on Windows under %LOCALAPPDATA%\\SheetDesk,
  which the installer's uninstaller leaves alone).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP = "SheetDesk"
PORTABLE_MARKER = "portable.txt"
PORTABLE_FOLDER = "SheetDeskData"


@dataclass(frozen=True)
class AppDirs:
    data: Path
    config: Path
    log: Path

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def cache(self) -> Path:
        """Derived files SheetDesk can always make again (parsed font metrics, validated form files)."""
        return self.data / "cache"

    @property
    def default_database(self) -> Path:
        return self.data / "sheetdesk.sqlite3"

    def ensure(self) -> AppDirs:
        for d in (self.data, self.config, self.log, self.backups):
            d.mkdir(parents=True, exist_ok=True)
        return self


def _below(base: Path) -> AppDirs:
    return AppDirs(base / "data", base / "config", base / "log")


def portable_base(executable: str | None = None) -> Path | None:
    """The data folder beside the executable when the portable marker is there, else None."""
    folder = Path(os.path.abspath(executable or sys.executable)).parent  # not resolved: a venv's python is a link
    return folder / PORTABLE_FOLDER if (folder / PORTABLE_MARKER).is_file() else None


def app_dirs(environ: Mapping[str, str] | None = None, executable: str | None = None) -> AppDirs:
    env = os.environ if environ is None else environ
    home = env.get("SHEETDESK_HOME")
    if home:
        return _below(Path(home))
    portable = portable_base(executable)
    if portable is not None:
        return _below(portable)
    return AppDirs(
        Path(platformdirs.user_data_dir(APP, appauthor=False)),
        Path(platformdirs.user_config_dir(APP, appauthor=False)),
        Path(platformdirs.user_log_dir(APP, appauthor=False)),
    )
