"""Sheets of any form, their values by field path, and the change history.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sheets",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("form_id", sa.String(100), nullable=False),
        sa.Column("form_version", sa.Integer, nullable=False),
        sa.Column("municipality", sa.String(200), nullable=False),
        sa.Column("plan_name", sa.String(200), nullable=False),
        sa.Column("plan_start_year", sa.Integer, nullable=False),
        sa.Column("plan_end_year", sa.Integer, nullable=False),
        sa.Column("evaluation_year", sa.Integer, nullable=False),
        sa.Column("measure_code", sa.String(100), nullable=False),
        sa.Column("measure_name", sa.Text, nullable=False),
        sa.Column("policy_name", sa.Text, nullable=False),
        sa.Column("lead_section", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("form_id", "measure_code", "evaluation_year", name="uq_sheets_form_code_year"),
    )
    for column in ("evaluation_year", "policy_name", "measure_code", "lead_section", "status"):
        op.create_index(f"ix_sheets_{column}", "sheets", [column])

    op.create_table(
        "sheet_values",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sheet_id", sa.Integer, sa.ForeignKey("sheets.id", ondelete="CASCADE"), nullable=False),
        sa.Column("bucket", sa.String(10), nullable=False),
        sa.Column("path", sa.String(200), nullable=False),
        sa.Column("value", sa.Text, nullable=True),
        sa.Column("search_text", sa.Text, nullable=True),
        sa.Column("unchanged_since_rollover", sa.Boolean, nullable=False, server_default=sa.false()),
        sa.UniqueConstraint("sheet_id", "bucket", "path", name="uq_sheet_values_sheet_bucket_path"),
    )

    op.create_table(
        "history",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sheet_id", sa.Integer, sa.ForeignKey("sheets.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("user", sa.String(200), nullable=False),
        sa.Column("bucket", sa.String(10), nullable=False),
        sa.Column("path", sa.String(200), nullable=False),
        sa.Column("old", sa.Text, nullable=True),
        sa.Column("new", sa.Text, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_history_sheet_id", "history", ["sheet_id", "id"])


def downgrade() -> None:
    op.drop_table("history")
    op.drop_table("sheet_values")
    op.drop_table("sheets")
