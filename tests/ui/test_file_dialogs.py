"""File dialogs speak Japanese throughout and open in the documents folder, then in the last one used."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QToolButton, QTreeView, QWidget

from sheetdesk.ui.file_dialogs import LAST_FOLDER, documents_folder, make_dialog
from sheetdesk.ui.translations import install_qt_translations

FILTERS = "取り込めるファイル (*.json *.xlsx *.pdf);;PDF (*.pdf)"
ENGLISH = re.compile(r"[A-Za-z]{3,}")


def _visible_words(dialog: QWidget) -> list[str]:
    words: list[str] = []
    for w in dialog.findChildren(QWidget):
        if not w.isVisible():
            continue
        if isinstance(w, QLabel | QPushButton):
            words.append(w.text())
        if isinstance(w, QToolButton):
            words.append(w.toolTip())
        if isinstance(w, QTreeView):
            model = w.model()
            words += [str(model.headerData(i, Qt.Orientation.Horizontal)) for i in range(model.columnCount())]
    return [t.replace("&", "") for t in words if t]


def test_the_open_dialog_has_no_english_and_starts_in_documents(qapp, qtbot, tmp_path: Path) -> None:
    translator = install_qt_translations(qapp)
    try:
        settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
        dialog = make_dialog(None, "取り込むファイル", FILTERS, settings)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        words = _visible_words(dialog)
        assert {"場所:", "ファイル名:", "ファイルの種類:", "開く", "キャンセル"} <= set(words)
        assert not [w for w in words if ENGLISH.search(w)], words
        assert Path(dialog.directory().absolutePath()) == documents_folder()
        assert documents_folder().is_dir() and documents_folder() != Path.cwd()
    finally:
        if translator is not None:
            qapp.removeTranslator(translator)


def test_the_save_dialog_says_save_and_remembers_the_folder(qapp, qtbot, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    settings.setValue(LAST_FOLDER, str(tmp_path))
    dialog = make_dialog(None, "PDFに出力", "PDF (*.pdf)", settings, save=True, suggested="施策1-1.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert "保存" in _visible_words(dialog)
    assert Path(dialog.directory().absolutePath()) == tmp_path
