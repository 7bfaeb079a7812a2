"""Qt's standard buttons speak Japanese, like the rest of the app."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from sheetdesk.ui.translations import install_qt_translations


def test_standard_buttons_are_japanese(qapp, qtbot) -> None:
    translator = install_qt_translations(qapp)
    assert translator is not None, "qtbase_ja.qm is missing from PySide6's translations"
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel | QDialogButtonBox.StandardButton.Close)
        qtbot.addWidget(box)
        texts = {b.text().replace("&", "") for b in box.buttons()}
        assert any("キャンセル" in t for t in texts), texts
        assert any("閉じる" in t for t in texts), texts
    finally:
        qapp.removeTranslator(translator)
