"""File dialogs wholly in Japanese, starting in the user's documents folder.

On Windows the system's own dialog is used (it speaks the system's
language). Elsewhere Qt draws its own dialog, whose labels qtbase_ja leaves
partly English ("Look in:", "Files of type:"): every label is set here. The
folder last used is remembered; the first time, the dialog opens in the
documents folder, never in the program's working folder.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

LAST_FOLDER = "dialogs/last_folder"
LABELS = {
    QFileDialog.DialogLabel.LookIn: "場所:",
    QFileDialog.DialogLabel.FileName: "ファイル名:",
    QFileDialog.DialogLabel.FileType: "ファイルの種類:",
    QFileDialog.DialogLabel.Reject: "キャンセル",
}


def documents_folder() -> Path:
    """The user's documents folder (ドキュメント); the home folder where there is none."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def start_folder(settings: QSettings | None) -> Path:
    last = settings.value(LAST_FOLDER) if settings is not None else None
    if isinstance(last, str) and last and Path(last).is_dir():
        return Path(last)
    return documents_folder()


def make_dialog(parent: QWidget | None, title: str, filters: str, settings: QSettings | None,
                save: bool = False, suggested: str = "") -> QFileDialog:
    """A dialog set up to open files (or save one); shown by the caller or by `ask_*` below."""
    dialog = QFileDialog(parent, title, str(start_folder(settings)), filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, sys.platform != "win32")
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.selectFile(suggested)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles)
    for label, text in LABELS.items():
        dialog.setLabelText(label, text)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, "保存" if save else "開く")
    return dialog


def _chosen(dialog: QFileDialog, settings: QSettings | None) -> list[Path]:
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return []
    paths = [Path(n) for n in dialog.selectedFiles()]
    if paths and settings is not None:
        settings.setValue(LAST_FOLDER, str(paths[0].parent))
    return paths


def ask_open_paths(parent: QWidget | None, title: str, filters: str, settings: QSettings | None) -> list[Path]:
    return _chosen(make_dialog(parent, title, filters, settings), settings)


def ask_save_name(parent: QWidget | None, title: str, suggested: str, filters: str,
                  settings: QSettings | None) -> Path | None:
    chosen = _chosen(make_dialog(parent, title, filters, settings, save=True, suggested=suggested), settings)
    return chosen[0] if chosen else None
