"""Where SheetDesk keeps its files: one place, so tests can point it elsewhere.

The environment variable SHEETDESK_HOME moves every directory below one folder
(tests and portable installs use it); otherwise platformdirs' user folders.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP = "SheetDesk"


@dataclass(frozen=True)
class AppDirs:
    data: Path
    config: Path
    log: Path

    @property
    def backups(self) -> Path:
        return self.data / "backups"

    @property
    def default_database(self) -> Path:
        return self.data / "sheetdesk.sqlite3"

    def ensure(self) -> AppDirs:
        for d in (self.data, self.config, self.log, self.backups):
            d.mkdir(parents=True, exist_ok=True)
        return self


def app_dirs() -> AppDirs:
    home = os.environ.get("SHEETDESK_HOME")
    if home:
        base = Path(home)
        return AppDirs(base / "data", base / "config", base / "log")
    return AppDirs(
        Path(platformdirs.user_data_dir(APP, appauthor=False)),
        Path(platformdirs.user_config_dir(APP, appauthor=False)),
        Path(platformdirs.user_log_dir(APP, appauthor=False)),
    )
