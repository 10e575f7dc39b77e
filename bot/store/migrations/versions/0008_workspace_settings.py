"""Each workspace's own settings: the areas its agency serves.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "workspace_settings",
        sa.Column("team_id", sa.String(32), primary_key=True),
        sa.Column("areas", sa.Text, nullable=False),  # JSON list of place names
    )


def downgrade() -> None:
    op.drop_table("workspace_settings")
