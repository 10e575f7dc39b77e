"""Slack deliveries already answered, shared by every bot process on the database.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "seen_deliveries",
        sa.Column("key", sa.String(200), primary_key=True),
        sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_seen_deliveries_seen_at", "seen_deliveries", ["seen_at"])


def downgrade() -> None:
    op.drop_table("seen_deliveries")
