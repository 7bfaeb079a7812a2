"""Japanese fonts: the BIZ UD fonts the printout uses, so the screen matches the paper."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from sheetdesk import resources

_PREFERRED = ("BIZ UDPGothic", "BIZ UDGothic")


def _font_dirs() -> list[Path]:
    dirs = [Path("/usr/share/fonts/truetype/bizud-gothic")]
    try:
        dirs.insert(0, resources.fonts_dir())
    except resources.ResourceMissingError:
        pass  # the system's copy, if any; else Qt's default face
    return dirs


def register_fonts(app: QApplication) -> str | None:
    """Register the BIZ UD Gothic fonts (the UI face) and make the UI use them; returns the family."""
    family = next((f for f in _PREFERRED if QFontDatabase.hasFamily(f)), None)
    if family is None:
        for d in _font_dirs():
            for f in sorted(d.glob("BIZUD*Gothic-Regular.ttf")) if d.is_dir() else []:
                fid = QFontDatabase.addApplicationFont(str(f))
                if fid >= 0 and family is None:
                    family = QFontDatabase.applicationFontFamilies(fid)[0]
            if family:
                break
    if family is None:
        return None
    font = QFont(family)
    font.setPointSize(max(app.font().pointSize(), 10))
    app.setFont(font)
    return family
