"""What can go wrong when reading or writing sheets, as messages a user reads.

Every error carries a Japanese message in its ``str()`` so that the UI and the
CLI can show it as it is.
"""

from __future__ import annotations


class StoreError(Exception):
    """Base of the store's errors; the message is for the user."""


class SheetNotFoundError(StoreError, LookupError):
    def __init__(self, sheet_id: int) -> None:
        self.sheet_id = sheet_id
        super().__init__(f"シート（ID {sheet_id}）が見つかりません。削除された可能性があります。")


class StaleVersionError(StoreError):
    """Someone saved the sheet since it was read: nothing was written."""

    def __init__(self, sheet_id: int, expected: int, actual: int) -> None:
        self.sheet_id, self.expected, self.actual = sheet_id, expected, actual
        super().__init__(
            f"このシートは読み込んだ後に他の人（または別の画面）で更新されています"
            f"（読み込んだ版 {expected}、現在の版 {actual}）。"
            "変更は保存されていません。シートを読み込み直してから、もう一度変更してください。"
        )


class SheetLockedError(StoreError):
    """A 確定 sheet refuses value changes until it is unlocked with a reason."""

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "このシートは「確定」のため変更できません。変更するには、理由を記入して確定を解除してください。")


class UnlockReasonRequiredError(SheetLockedError):
    def __init__(self) -> None:
        super().__init__("確定を解除するには理由の記入が必要です。")


class SheetExistsError(StoreError):
    """A sheet with the same 様式, 施策番号 and 評価対象年度 is already stored."""

    def __init__(self, message: str, form_id: str = "", code: str = "", year: int = 0) -> None:
        self.form_id, self.code, self.year = form_id, code, year
        super().__init__(message)


class InvalidChangeError(StoreError, ValueError):
    """A change that does not fit the sheet's form (unknown field, wrong kind of value)."""


class DatabaseTooNewError(StoreError):
    """The file was written by a newer SheetDesk; opening it could damage it."""

    def __init__(self, revision: str) -> None:
        self.revision = revision
        super().__init__(
            f"このデータベースは、より新しい版のSheetDeskで作成・更新されています（スキーマ版 {revision}）。"
            "データを守るため開きません。SheetDeskを最新版に更新してから開いてください。"
        )


class NotASheetDatabaseError(StoreError):
    def __init__(self, where: str) -> None:
        super().__init__(f"{where} はSheetDeskのデータベースではありません（別のアプリの表が入っています）。")
