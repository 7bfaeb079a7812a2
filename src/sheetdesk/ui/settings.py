"""The window's remembered state, in an ini file under the app's config folder.

An ini file (not the platform registry) so that SHEETDESK_HOME isolates tests
and portable installs completely.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from sheetdesk.paths import app_dirs

GEOMETRY = "window/geometry"
OPEN_SHEET = "editor/sheet_id"
OPEN_SECTION = "editor/section"


def app_settings() -> QSettings:
    config = app_dirs().config
    config.mkdir(parents=True, exist_ok=True)
    return QSettings(str(config / "sheetdesk.ini"), QSettings.Format.IniFormat)
