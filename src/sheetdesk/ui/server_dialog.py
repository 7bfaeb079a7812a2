"""共有サーバーに接続: a PostgreSQL server's address, the database and the user, tried before use.

The password is asked for here each time and kept only in memory while the
database is open: nothing writes it to the settings.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import URL, create_engine, text

WORDS = {
    "title": "共有サーバーに接続",
    "intro": "庁内の共有データベース（PostgreSQL）に接続します。",
    "host": "サーバー名（ホスト）:",
    "port": "ポート番号:",
    "database": "データベース名:",
    "user": "ユーザー名:",
    "password": "パスワード:",
    "note": "パスワードは保存しません。接続するたびに入力してください。",
    "try": "接続を試す(&T)",
    "connect": "接続",
    "cancel": "キャンセル",
    "missing": "{what}を入力してください。",
    "trying": "接続しています…",
    "ok": "接続できました（{host}:{port}/{database}）。",
    "failed": "{host}:{port} のデータベース「{database}」に接続できません。"
              "サーバー名・ポート番号・データベース名・ユーザー名・パスワードを確認してください。\n（詳細: {detail}）",
}
DEFAULT_PORT = 5432


def try_connection(url: URL, timeout: int = 5) -> str | None:
    """None when the server answers, else the reason (the driver's first line) for the message."""
    engine = create_engine(url, connect_args={"connect_timeout": timeout})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # any failure to connect is reported to the user, not raised
        orig = getattr(exc, "orig", None) or exc
        return (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    finally:
        engine.dispose()
    return None


class ServerDialog(QDialog):
    def __init__(self, known: URL | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(WORDS["title"])
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(WORDS["intro"]))
        form = QFormLayout()
        self.host = QLineEdit(known.host or "" if known else "")
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(known.port or DEFAULT_PORT if known else DEFAULT_PORT)
        self.database = QLineEdit(known.database or "" if known else "")
        self.user = QLineEdit(known.username or "" if known else "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        for key, widget in (("host", self.host), ("port", self.port), ("database", self.database),
                            ("user", self.user), ("password", self.password)):
            widget.setAccessibleName(WORDS[key].rstrip(":"))
            form.addRow(WORDS[key], widget)
        layout.addLayout(form)
        note = QLabel(WORDS["note"])
        note.setStyleSheet("color:#555;")
        layout.addWidget(note)
        self.try_button = QPushButton(WORDS["try"])
        self.try_button.clicked.connect(lambda: self.try_now())
        layout.addWidget(self.try_button)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setAccessibleName("接続の結果")
        layout.addWidget(self.outcome)
        buttons = QDialogButtonBox()
        self.connect_button = buttons.addButton(WORDS["connect"], QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(WORDS["cancel"], QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)
        if known is not None:
            self.password.setFocus()

    def url(self) -> URL:
        return URL.create("postgresql+psycopg", username=self.user.text().strip() or None,
                          password=self.password.text() or None, host=self.host.text().strip() or None,
                          port=self.port.value(), database=self.database.text().strip() or None)

    def _missing(self) -> str | None:
        for key, widget in (("host", self.host), ("database", self.database), ("user", self.user)):
            if not widget.text().strip():
                return WORDS["missing"].format(what=WORDS[key].split("（")[0].rstrip(":"))
        return None

    def _show(self, message: str, ok: bool) -> None:
        self.outcome.setText(message)
        self.outcome.setStyleSheet("color:#1b5e20;" if ok else "color:#c62828;")

    def try_now(self) -> bool:
        """接続を試す: connect, ask the server one question, and say whether it answered."""
        missing = self._missing()
        if missing:
            self._show(missing, False)
            return False
        url = self.url()
        self._show(WORDS["trying"], True)
        self.outcome.repaint()
        reason = try_connection(url)
        where = {"host": url.host, "port": url.port, "database": url.database}
        if reason is None:
            self._show(WORDS["ok"].format(**where), True)
            return True
        self._show(WORDS["failed"].format(detail=reason, **where), False)
        return False

    def accept(self) -> None:
        """接続 tries the connection first: a dialog that cannot connect stays open with the reason."""
        if self.try_now():
            super().accept()
