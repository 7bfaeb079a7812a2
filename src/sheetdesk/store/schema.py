"""The database tables, as SQLAlchemy 2 ORM models.

A sheet of any form is one ``sheets`` row plus one ``sheet_values`` row per
filled field (keyed by field path), so a new form needs no migration. The
identity columns of ``sheets`` (施策番号, 基本施策名, 政策名, 施策統括課) are
copies of the sheet's own values, written on every save, so that the list can
be filtered and ordered without reading values.

This module describes the newest schema; db/versions/ holds the steps that
build it, and a test checks that both agree.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sheetdesk.store.records import OVERRIDE as OVERRIDE  # re-exported: the values of sheet_values.bucket
from sheetdesk.store.records import VALUE as VALUE


class Base(DeclarativeBase):
    pass


class SheetRow(Base):
    __tablename__ = "sheets"
    __table_args__ = (
        UniqueConstraint("form_id", "measure_code", "evaluation_year", name="uq_sheets_form_code_year"),
        Index("ix_sheets_evaluation_year", "evaluation_year"),
        Index("ix_sheets_policy_name", "policy_name"),
        Index("ix_sheets_measure_code", "measure_code"),
        Index("ix_sheets_lead_section", "lead_section"),
        Index("ix_sheets_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    form_id: Mapped[str] = mapped_column(String(100))
    form_version: Mapped[int] = mapped_column(Integer)
    municipality: Mapped[str] = mapped_column(String(200))
    plan_name: Mapped[str] = mapped_column(String(200))
    plan_start_year: Mapped[int] = mapped_column(Integer)
    plan_end_year: Mapped[int] = mapped_column(Integer)
    evaluation_year: Mapped[int] = mapped_column(Integer)
    measure_code: Mapped[str] = mapped_column(String(100))
    measure_name: Mapped[str] = mapped_column(Text)
    policy_name: Mapped[str] = mapped_column(Text)
    lead_section: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ValueRow(Base):
    """One filled field: ``bucket`` is "value" (typed) or "override" (a decision on a computed field).

    ``value`` is JSON in the exchange encoding (numbers as decimal strings,
    marks as "-"/"未集計", lists as arrays). ``search_text`` is the plain text
    of text and list fields, the one column full-text search reads. A text
    field keeps its text once, in ``search_text``, with ``value`` NULL (texts
    are most of a sheet's bytes; since 0002). Both NULL: the row only carries
    the ``unchanged_since_rollover`` flag.
    """

    __tablename__ = "sheet_values"
    __table_args__ = (UniqueConstraint("sheet_id", "bucket", "path", name="uq_sheet_values_sheet_bucket_path"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"))
    bucket: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(200))
    value: Mapped[str | None] = mapped_column(Text)
    search_text: Mapped[str | None] = mapped_column(Text)
    # search_text with width, form and case folded away, what search compares (since 0003)
    search_key: Mapped[str | None] = mapped_column(Text)
    unchanged_since_rollover: Mapped[bool] = mapped_column(Boolean, default=False)


class HistoryRow(Base):
    """One changed field (or status) of one sheet: who, when, old and new (exchange-encoded JSON)."""

    __tablename__ = "history"
    __table_args__ = (Index("ix_history_sheet_id", "sheet_id", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sheet_id: Mapped[int] = mapped_column(ForeignKey("sheets.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user: Mapped[str] = mapped_column(String(200))
    bucket: Mapped[str] = mapped_column(String(10))
    path: Mapped[str] = mapped_column(String(200))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    # added by migration 0002
    note: Mapped[str | None] = mapped_column(Text)

