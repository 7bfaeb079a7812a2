"""The narrow door between the main window and the actions it starts.

Printing, 前年度から作成 and ファイルから取り込む need a handful of the
window's services, not the window: the store and forms, a parent for their
dialogs, a line in the status bar, "write pending edits" and "back to the
list". They receive exactly that, so they neither import the main window nor
can reach into it (and a test can hand them plain functions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from sheetdesk.forms import FormRegistry
    from sheetdesk.store import SheetStore


@dataclass(frozen=True)
class WindowServices:
    parent: QWidget  # the owner of the dialogs an action shows
    store: SheetStore
    registry: FormRegistry
    show_message: Callable[[str, int], None]  # a status-bar line and how long it stays (ms)
    flush_all: Callable[[], None]  # write every pending edit of the open sheet
    show_browser: Callable[[], None]  # close the editor, back to the sheet list
