"""The Slack workspace (team or enterprise id) each stored row came from.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("questions", "votes", "admin_actions", "center_status")


def upgrade() -> None:
    for table in TABLES:  # rows from before are any workspace's (a single-workspace bot's)
        op.add_column(table, sa.Column("team_id", sa.String(32)))
        op.create_index(f"ix_{table}_team_id", table, ["team_id"])


def downgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_team_id", table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("team_id")
