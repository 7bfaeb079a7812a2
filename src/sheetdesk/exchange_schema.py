"""The exchange envelope's pydantic models (sheetdesk.exchange validates a document with them).

A module of its own so that writing a document (printing embeds one in
each PDF) imports no pydantic: only reading a file and the JSON schema do.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

# a value of a document's values/overrides (sheetdesk.exchange reads each against its field)
JsonValue = str | int | float | list[str] | None


class _Strict(BaseModel):
    model_config = ConfigDict(defer_build=True, extra="forbid", strict=True)


class FormRef(_Strict):
    id: str = Field(description="様式ID (forms/ の id)")
    version: int = Field(ge=1, description="様式の版")


class PlanDoc(_Strict):
    name: str = Field(description="計画名（例: 第２次基本計画）")
    start_year: int = Field(ge=1900, le=2200, description="計画期間の最初の年度（西暦）")
    end_year: int = Field(ge=1900, le=2200, description="計画期間の最後の年度（西暦）")


class SheetDoc(_Strict):
    form: FormRef
    municipality: str = Field(description="市区町村名")
    plan: PlanDoc
    evaluation_year: int = Field(ge=1900, le=2200, description="評価対象年度（西暦の年度）")
    status: Literal["draft", "submitted", "final"] = "draft"
    values: dict[str, JsonValue] = Field(
        description="入力値。キーは様式の項目パス。数値は10進の文字列、記号は '-' または '未集計'"
    )
    overrides: dict[str, JsonValue] = Field(default_factory=dict, description="計算項目を手で上書きした値")
    unchanged_since_rollover: list[str] = Field(
        default_factory=list, description="前年度から引き継いだまま未編集の項目パス"
    )


class Document(_Strict):
    format: Literal["sheetdesk-exchange"]
    format_version: Literal[1, 2]
    generator: str | None = Field(default=None, description="書き出したプログラムと版（例: SheetDesk 0.1.0）")
    sheets: list[SheetDoc]
