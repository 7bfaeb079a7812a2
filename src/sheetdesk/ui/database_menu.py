"""ファイル → 開く / 新規データベース / 最近使ったデータベース / 共有サーバーに接続.

Only 新規データベース creates a file: 開く and the recent list refuse a path
that does not exist, naming it, so a mistyped path never becomes an empty
database. The recent list is kept in the settings (SQLite files as paths,
servers as URLs without the password: the password is never stored, it is
asked for at each connection — no keyring is pinned in pyproject).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from sheetdesk.forms import FormRegistry
from sheetdesk.ui.file_dialogs import ask_open_paths, ask_save_name

if TYPE_CHECKING:  # SQLAlchemy is imported when a URL is first handled: the window paints before (ui.quick_start)
    from sqlalchemy import URL

    from sheetdesk.store import SheetStore

RECENT = "database/recent"
RECENT_MAX = 8
FILTERS = "SheetDeskデータベース (*.sqlite3 *.sqlite *.db);;すべてのファイル (*)"
WORDS = {
    "open": "開く(&O)…",
    "new": "新規データベース(&B)…",
    "recent": "最近使ったデータベース(&R)",
    "connect": "共有サーバーに接続(&C)…",
    "no_recent": "（なし）",
    "missing_mark": "{name}（見つかりません）",
    "open_title": "データベースを開く",
    "new_title": "新規データベースの作成",
    "cannot_open": "データベースを開けません",
    "cannot_create": "データベースを作成できません",
    "missing": "データベースファイル「{path}」が見つかりません。\n"
               "パスに誤りがないか確認してください。新しく作る場合は「新規データベース」を使ってください。",
    "not_a_file": "「{path}」はファイルではありません（フォルダーです）。",
    "exists": "「{path}」は既にあります。既存のデータベースは「開く」から開いてください。",
    "opened": "データベース「{name}」を開きました",
    "created": "データベース「{name}」を作成しました",
}


def database_label(url: URL | Path | None) -> str:
    """How the window title names a database: the file's name, or host/database on a server."""
    if url is None:
        return ""
    if isinstance(url, Path):
        return url.name
    from sheetdesk.store.engine import sqlite_file

    file = sqlite_file(url)
    if file is not None:
        return file.name
    if url.get_backend_name() == "sqlite":
        return "（メモリ上）"
    return f"{url.host or 'localhost'}/{url.database or ''}"


def recent_key(url: URL) -> str:
    """What the recent list keeps: a file's path, or a server URL without its password."""
    from sqlalchemy import URL

    from sheetdesk.store.engine import sqlite_file

    file = sqlite_file(url)
    if file is not None:
        return str(file)
    # built anew: URL.set(password=None) keeps the password (None there means "unchanged")
    bare = URL.create(url.drivername, username=url.username, host=url.host, port=url.port,
                      database=url.database, query=url.query)
    return bare.render_as_string(hide_password=False)


class DatabaseActions:
    """The database items of the ファイル menu.

    ``use_store`` gets a newly opened store and makes it the window's (writing
    pending edits first); ``current_url`` names the open one.
    """

    def __init__(self, parent: QWidget, settings: QSettings, registry: FormRegistry,
                 current_url: Callable[[], URL | None], use_store: Callable[[SheetStore], bool],
                 show_message: Callable[[str, int], None]) -> None:
        self.parent, self.settings, self.registry = parent, settings, registry
        self.current_url, self.use_store, self.show_message = current_url, use_store, show_message
        self.open_action = QAction(WORDS["open"], parent)
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.open_action.triggered.connect(lambda _c=False: self.open_file())
        self.new_action = QAction(WORDS["new"], parent)
        self.new_action.triggered.connect(lambda _c=False: self.new_file())
        self.recent_menu = QMenu(WORDS["recent"], parent)
        self.recent_menu.aboutToShow.connect(self.fill_recent)
        self.connect_action = QAction(WORDS["connect"], parent)
        self.connect_action.triggered.connect(lambda _c=False: self.connect_server())

    def add_to(self, menu: QMenu) -> None:
        """Put the items at the top of ``menu``, followed by a separator."""
        first = menu.actions()[0] if menu.actions() else None
        for action in (self.open_action, self.new_action, self.recent_menu.menuAction(), self.connect_action):
            menu.insertAction(first, action) if first is not None else menu.addAction(action)  # type: ignore[func-returns-value]
        if first is not None:
            menu.insertSeparator(first)
        self.fill_recent()

    # recent list
    def recent(self) -> list[str]:
        value = self.settings.value(RECENT)
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value] if isinstance(value, list) else []

    def remember(self, url: URL | None) -> None:
        if url is None:
            return
        from sheetdesk.store.engine import sqlite_file

        if url.get_backend_name() == "sqlite" and sqlite_file(url) is None:
            return
        key = recent_key(url)
        entries = [key, *(e for e in self.recent() if e != key)][:RECENT_MAX]
        self.settings.setValue(RECENT, entries)

    def fill_recent(self) -> None:
        self.recent_menu.clear()
        entries = self.recent()
        if not entries:
            empty = self.recent_menu.addAction(WORDS["no_recent"])
            empty.setEnabled(False)
            return
        for number, entry in enumerate(entries, start=1):
            if "://" in entry:
                from sqlalchemy import make_url

                name = database_label(make_url(entry))
            else:
                name = str(Path(entry))
                if not Path(entry).is_file():
                    name = WORDS["missing_mark"].format(name=name)
            action = self.recent_menu.addAction(f"&{number} {name}" if number < 10 else name)
            action.setData(entry)
            action.triggered.connect(lambda _c=False, e=entry: self.open_recent(e))

    def open_recent(self, entry: str) -> bool:
        if "://" in entry:
            from sqlalchemy import make_url

            return self.connect_server(make_url(entry))
        return self.open_file(Path(entry))

    # opening
    def _refuse(self, title: str, text: str) -> bool:
        QMessageBox.warning(self.parent, title, text)
        return False

    def _open(self, db: Path | URL, done: str) -> bool:
        from sheetdesk.store import SheetStore

        try:
            store = SheetStore.open(db, registry=self.registry)
        except Exception as exc:  # the store's errors are written for the user
            return self._refuse(WORDS["cannot_open"], f"{db if isinstance(db, Path) else database_label(db)}\n{exc}")
        if not self.use_store(store):
            return False
        self.remember(store.url)
        self.show_message(done.format(name=database_label(store.url)), 10000)
        return True

    def open_file(self, path: Path | None = None) -> bool:
        """開く: an existing SQLite file only; ``path`` skips the file dialog."""
        if path is None:
            chosen = ask_open_paths(self.parent, WORDS["open_title"], FILTERS, self.settings)
            if not chosen:
                return False
            path = chosen[0]
        path = Path(path).expanduser()
        if path.is_dir():
            return self._refuse(WORDS["cannot_open"], WORDS["not_a_file"].format(path=path))
        if not path.is_file():
            return self._refuse(WORDS["cannot_open"], WORDS["missing"].format(path=path))
        return self._open(path.resolve(), WORDS["opened"])

    def new_file(self, path: Path | None = None) -> bool:
        """新規データベース: the one way a new file is made; an existing file is refused, not reused."""
        if path is None:
            path = ask_save_name(self.parent, WORDS["new_title"], "sheetdesk.sqlite3", FILTERS, self.settings)
            if path is None:
                return False
        path = Path(path).expanduser()
        if path.exists():
            return self._refuse(WORDS["cannot_create"], WORDS["exists"].format(path=path))
        if not path.parent.is_dir():
            return self._refuse(WORDS["cannot_create"], WORDS["missing"].format(path=path.parent))
        return self._open(path.resolve(), WORDS["created"])

    def connect_server(self, known: URL | None = None) -> bool:
        """共有サーバーに接続: host, port, database, user and password; the connection can be tried first."""
        from sheetdesk.ui.server_dialog import ServerDialog

        dialog = ServerDialog(known, self.parent)
        if dialog.exec() != ServerDialog.DialogCode.Accepted:
            return False
        return self._open(dialog.url(), WORDS["opened"])
