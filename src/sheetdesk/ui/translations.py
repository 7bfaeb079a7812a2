"""Qt's own words (OK/キャンセル, 閉じる, file dialogs) in Japanese, from the translations PySide6 ships."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication


def install_qt_translations(app: QApplication) -> QTranslator | None:
    """Load qtbase_ja; the translator is parented to the app so it lives as long as the app."""
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan), "qtbase", "_", folder):
        return None
    app.installTranslator(translator)
    return translator
