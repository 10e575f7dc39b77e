"""Each workspace's own channels (its status channel), beside the deployment's.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workspace_channels",
        sa.Column("team_id", sa.String(32), primary_key=True),
        sa.Column("purpose", sa.String(16), primary_key=True),
        sa.Column("channel", sa.String(32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("workspace_channels")
