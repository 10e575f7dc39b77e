"""Centre status reports and who may make them.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "center_status",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("resource_id", sa.String(200), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("beds", sa.Integer),
        sa.Column("note", sa.Text),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reporter", sa.String(64), nullable=False),
    )
    op.create_index("ix_center_status_resource_id", "center_status", ["resource_id"])
    op.create_table(
        "status_reporters",
        sa.Column("resource_id", sa.String(200), primary_key=True),
        sa.Column("reporter", sa.String(64), primary_key=True),
        sa.Column("added_by", sa.String(64), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("status_reporters")
    op.drop_table("center_status")
